"""The parts of linking one by one: distances, date readings, figures, blocks, reconciliation."""

from __future__ import annotations

import datetime as dt

import pytest
from test_link import DOUMA, PALMYRA, RAQQA, SOHR, TABQA, at_least, day, n, report, span

from strikewatch.link import link
from strikewatch.link.blocking import candidate_pairs
from strikewatch.link.features import features
from strikewatch.link.geo import haversine_km, place_relation
from strikewatch.link.reconcile import choose_date, combine
from strikewatch.link.similarity import compare, date_relation, figure_relation
from strikewatch.model import Claim, Count, Dates, Location, Report


def feat(r: Report, index: int = 0):  # type: ignore[no-untyped-def]
    return features(index, r)


def test_link_haversine_raqqa_to_palmyra() -> None:
    # Raqqa (35.953, 39.008) to Palmyra (34.560, 38.284): about 169 km as the crow flies
    assert haversine_km(35.953, 39.008, 34.560, 38.284) == pytest.approx(169, abs=2)
    assert haversine_km(35.953, 39.008, 35.953, 39.008) == 0


@pytest.mark.parametrize(("other", "relation"), [
    (RAQQA, "same"),
    (Location(name="Raqa", country="Syria", admin1="Ar-Raqqa", lat=35.96, lon=39.02, precision="city"), "near"),
    (Location(name="Al-Badu", country="Syria", admin1="Ar-Raqqa", lat=35.953, lon=39.009, precision="neighbourhood"),
     "inside"),
    (Location(name="Ar-Raqqa", country="Syria", admin1="Ar-Raqqa", precision="region"), "region"),
    (Location(name="Syria", country="Syria", precision="country"), "country"),
    (TABQA, "other"),  # 42 km away in the same governorate
    (PALMYRA, "other"),  # another governorate
    (Location(), "unknown"),
])
def test_link_place_relation(other: Location, relation: str) -> None:
    a = feat(report("a", "a", day("2016-03-19"), RAQQA))
    b = feat(report("b", "b", day("2016-03-19"), other))
    assert place_relation(a, b)[0] == relation


def test_link_two_reports_placed_only_in_syria_are_not_one_place() -> None:
    syria = Location(name="Syria", country="Syria", precision="country")
    a = feat(report("a", "a", day("2016-03-19"), syria, Claim(source=SOHR)))
    b = feat(report("b", "b", day("2016-03-19"), syria, Claim(source="AFP")), 1)
    assert place_relation(a, b)[0] == "country"
    assert not compare(a, b).linked  # one day and one country is no incident


@pytest.mark.parametrize(("first", "second", "relation"), [
    (day("2016-03-19"), day("2016-03-19"), "same"),
    (day("2016-03-19"), day("2016-03-18"), "adjacent"),
    (day("2016-03-12", basis="weekday", alternative="2016-03-19"), day("2016-03-19"), "shifted"),
    (day("2016-03-12", basis="weekday", alternative="2016-03-19"), day("2016-03-18"), "none"),  # never a week and a day
    (day("2016-03-12", basis="weekday"), day("2016-03-19"), "none"),  # printed after the event: no shift
    (span("2016-03-01", "2016-03-31", "month"), day("2016-03-19"), "overlap"),
    (day("2016-03-19"), day("2016-03-26"), "none"),
])
def test_link_date_relation(first, second, relation: str) -> None:  # type: ignore[no-untyped-def]
    a = feat(report("a", "a", first, RAQQA, published="2016-03-13" if first.alternative is None else "2016-03-18"))
    b = feat(report("b", "b", second, RAQQA, published="2016-03-27"))
    assert date_relation(a, b)[0] == relation


@pytest.mark.parametrize(("x", "y", "later", "relation"), [
    ((39,), (39, 41), 0, "shared"),
    ((39,), (41,), 0, "close"),  # "at least 39" and "more than 40"
    ((16,), (39,), 1, "update"),  # a later report, a higher toll
    ((39,), (16,), 1, "conflict"),  # tolls do not fall by half
    ((12,), (25,), 0, "differ"),  # two sources a factor of two apart
    ((5,), (120,), 0, "conflict"),
    ((0,), (2,), 0, "conflict"),  # nobody killed is not two killed
    ((), (5,), 0, "none"),
])
def test_link_figure_relation(x: tuple[int, ...], y: tuple[int, ...], later: int, relation: str) -> None:
    assert figure_relation(x, y, later)[0] == relation


def test_link_figure_relation_allows_a_steeper_rise_from_the_same_source() -> None:
    assert figure_relation((10,), (55,), 1)[0] == "conflict"
    assert figure_relation((10,), (55,), 1, {"sohr": 10}, {"sohr": 55})[0] == "update"


def test_link_compare_vetoes_a_report_of_the_same_article() -> None:
    a = feat(report("x#1", "x", day("2016-03-19"), RAQQA, Claim(source=SOHR, killed=n(5))))
    b = feat(report("x#2", "x", day("2016-03-19"), RAQQA, Claim(source=SOHR, killed=n(5))), 1)
    assert compare(a, b).veto == "same article"


def test_link_blocking_pairs_only_within_region_and_a_day() -> None:
    reports = [
        report("a", "a", day("2016-03-19"), RAQQA),
        report("b", "b", day("2016-03-20"), TABQA),  # same governorate, a day later: a candidate
        report("c", "c", day("2016-03-19"), PALMYRA),  # another governorate
        report("d", "d", day("2016-03-25"), RAQQA),  # same town, six days later
        report("e", "e", day("2016-03-12", basis="weekday", alternative="2016-03-19"), RAQQA, published="2016-03-18"),
        report("f", "f", day("2016-03-19"), Location(name="Syria", country="Syria", precision="country")),
    ]
    feats = [features(i, r) for i, r in enumerate(reports)]
    pairs = {(reports[i].id, reports[j].id) for i, j in candidate_pairs(feats)}
    assert pairs == {("a", "b"), ("a", "e"), ("a", "f"), ("b", "f"), ("c", "f"), ("e", "f")}


def test_link_blocking_with_fresh_skips_pairs_of_old_reports() -> None:
    reports = [report(x, x, day("2016-03-19"), RAQQA) for x in "abc"]
    feats = [features(i, r) for i, r in enumerate(reports)]
    assert list(candidate_pairs(feats, fresh=[False, False, True])) == [(0, 2), (1, 2)]


@pytest.mark.parametrize(("counts", "expected"), [
    ([at_least(39), at_least(41)], Count(low=39, best=39, high=41)),
    ([n(10), n(12), n(25)], Count(low=10, best=12, high=25)),  # best: the lower median
    ([n(10), n(20)], Count(low=10, best=10, high=20)),  # with two, the more conservative
    ([Count(high=50)], Count(high=50)),  # "up to 50": no low, no best
    ([Count(best=800)], Count(low=800, best=800, high=800)),
    ([None], None),
])
def test_link_combine_low_best_high(counts: list[Count | None], expected: Count | None) -> None:
    assert combine(counts) == expected


def test_link_choose_date_a_lone_weekly_keeps_its_own_reading() -> None:
    weekly = report("w", "w", day("2016-03-12", basis="weekday", alternative="2016-03-19"), RAQQA, published="2016-03-18")
    assert choose_date([weekly]).start == dt.date(2016, 3, 12)


def test_link_choose_date_a_day_wins_over_a_window() -> None:
    got = choose_date([report("a", "a", span("2016-03-01", "2016-03-31", "month"), RAQQA),
                       report("b", "b", day("2016-03-19"), RAQQA)])
    assert (got.start, got.end, got.precision) == (dt.date(2016, 3, 19), dt.date(2016, 3, 19), "day")


def test_link_month_window_links_on_place_and_a_shared_toll() -> None:
    res = link([report("a", "a", span("2018-02-01", "2018-02-22", "month"), DOUMA, Claim(source=SOHR, killed=n(31))),
                report("b", "b", day("2018-02-19"), DOUMA, Claim(source=SOHR, killed=n(31)))])
    (inc,) = res.incidents
    assert inc.date.start == dt.date(2018, 2, 19)
    assert "date" not in {d.field for d in inc.discrepancies}  # a window holding the day is no disagreement


def test_link_rejects_two_different_reports_with_one_id() -> None:
    with pytest.raises(ValueError, match="a#1"):
        link([report("a#1", "a", day("2018-02-19"), DOUMA), report("a#1", "a", day("2018-02-20"), DOUMA)])


def test_link_content_words_leave_out_the_common_vocabulary_and_the_place() -> None:
    from strikewatch.link.words import content_words, jaccard
    from strikewatch.model import Span

    text = "Air strikes on a bakery in Douma killed 12 people on Tuesday, the Syrian Observatory said."
    r = Report(id="a#1", article="a", event_type="x", sub_event_type="y", location=Location(name="Douma"),
               evidence=[Span(start=0, end=len(text), text=text), Span(start=0, end=5, text="Douma", field="location")])
    assert content_words(r) == frozenset({"bakery"})
    assert jaccard(frozenset({"bakery"}), frozenset({"bakery"})) == 0.0  # too few words to tell
    assert jaccard(frozenset("abcd"), frozenset("abce")) == 0.6


def test_link_same_town_same_day_same_weapon_links_despite_rising_tolls() -> None:
    """A car bomb in one town on one day: the wires said 22, 31 and 48 as the day went on."""
    bomb = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    a = report("a#1", "a", day("2016-03-20"), TABQA, Claim(source=SOHR, killed=n(22)), outlet="Wire A", sub=bomb[1])
    b = report("b#1", "b", day("2016-03-20"), TABQA, Claim(source="state media", killed=n(31)), outlet="Wire B",
               sub=bomb[1])
    assert compare(feat(a), feat(b, 1)).linked
    # an air strike the same day with another toll is no such evidence
    c = report("c#1", "c", day("2016-03-20"), TABQA, Claim(source="state media", killed=n(31)), outlet="Wire C")
    assert not compare(feat(a), feat(c, 1)).linked


def test_link_blocking_undated_reports_need_the_same_place_and_a_shared_toll() -> None:
    undated = Dates()
    reports = [
        report("a", "a", undated, RAQQA, Claim(source=SOHR, killed=n(12))),
        report("b", "b", undated, RAQQA, Claim(source="activists", killed=n(12))),
        report("c", "c", undated, RAQQA, Claim(source=SOHR, killed=n(30))),  # other toll
        report("d", "d", undated, TABQA, Claim(source=SOHR, killed=n(12))),  # other town
        report("e", "e", undated, RAQQA, Claim(source=SOHR)),  # no toll at all
    ]
    feats = [features(i, r) for i, r in enumerate(reports)]
    assert {(reports[i].id, reports[j].id) for i, j in candidate_pairs(feats)} == {("a", "b")}

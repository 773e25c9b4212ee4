"""The matching and scoring rules of `strikewatch evaluate`, one small hand-built case per rule.

Each case is built so that breaking its rule changes a figure: no /work/shared, no spaCy."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from strikewatch.evaluate.gold import GoldSet, evidence_problems
from strikewatch.evaluate.match import km, match_reports, place_match
from strikewatch.evaluate.score import score
from strikewatch.model import Analysis, Incident, Location, Report

RAQQA = {"name": "Raqqa", "country": "Syria", "admin1": "Ar-Raqqa", "lat": 35.953, "lon": 39.008, "precision": "city"}
KM_PER_DEG_LAT = 6371 * 3.141592653589793 / 180  # the haversine's own earth


def gold_report(rid: str, article: str = "a1", day: str = "2016-03-19", location: dict | None = None,
                claims: list | None = None, **extra) -> dict:
    return {"id": rid, "article": article, "event_type": "Explosions/Remote violence",
            "sub_event_type": "Air/drone strike", "date": {"start": day, "end": day},
            "location": location or RAQQA, "claims": claims if claims is not None else [], **extra}


def sys_report(rid: str, article: str = "a1", day: str = "2016-03-19", location: dict | None = None,
               claims: list | None = None, **extra) -> Report:
    return Report.model_validate({"id": rid, "article": article, "event_type": "Explosions/Remote violence",
                                  "sub_event_type": "Air/drone strike", "date": {"start": day, "end": day},
                                  "location": location or RAQQA, "claims": claims or [], **extra})


def gold_set(*reports: dict, incidents: list | None = None) -> GoldSet:
    return GoldSet.model_validate({"schema": "strikewatch-gold/1", "reports": list(reports),
                                   "incidents": incidents or []})


def analysis(*reports: Report, clusters: list[list[str]] | None = None) -> Analysis:
    incs = [Incident(id=f"I{i}", reports=c) for i, c in enumerate(clusters or [])]
    return Analysis(reports=list(reports), incidents=incs, articles=1)


def north_of_raqqa(km_: float, name: str = "Somewhere") -> dict:
    return {**RAQQA, "name": name, "lat": RAQQA["lat"] + km_ / KM_PER_DEG_LAT}


# --- matching: place, date --------------------------------------------------------------------


def test_place_within_25_km_matches_and_beyond_does_not():
    g = gold_set(gold_report("g")).reports[0].location
    near, far = Location(**north_of_raqqa(24.5)), Location(**north_of_raqqa(25.5))
    assert km(g, near) == pytest.approx(24.5, abs=0.01) and km(g, far) == pytest.approx(25.5, abs=0.01)
    assert place_match(g, near) and not place_match(g, far)
    # same figures through the whole scorer: the far report is a miss plus a spurious report
    s = score(gold_set(gold_report("g")), analysis(sys_report("s", location=north_of_raqqa(25.5))))
    assert (s.reports.correct, s.missed, s.spurious) == (0, ["g"], ["s"])


def test_place_by_name_without_coordinates_and_by_admin1_only_for_regional_gold():
    g = gold_set(gold_report("g")).reports[0].location
    assert place_match(g, Location(name="Raqa"))  # transliteration folded, no coordinates needed
    assert place_match(g, Location(mention="Ar-Raqqa"))
    assert not place_match(g, Location(name="al-Raqqah"))  # a final h is not folded (as score_gold.py)
    far_same_admin1 = Location(name="Tabqa", admin1="Ar-Raqqa", lat=35.83, lon=38.55)  # ~44 km west
    assert not place_match(g, far_same_admin1)  # a city is not found by its province
    region = gold_set(gold_report("g", location={"name": "Raqqa province", "admin1": "Ar-Raqqa",
                                                  "precision": "region"})).reports[0].location
    assert place_match(region, far_same_admin1)


def test_dates_match_within_one_day_of_slack_only():
    g = gold_set(gold_report("g"))
    assert match_reports(g.reports, [sys_report("s", day="2016-03-20")])
    assert not match_reports(g.reports, [sys_report("s", day="2016-03-21")])
    assert not match_reports(g.reports, [sys_report("s", day="2016-03-19", article="other")])


def test_a_range_of_days_matches_a_day_inside_it():
    g = gold_set(gold_report("g", date={"start": "2017-08-14", "end": "2017-08-20"}))
    assert g.reports[0].date.end == dt.date(2017, 8, 20)
    assert match_reports(g.reports, [sys_report("s", day="2017-08-17")])
    assert not match_reports(g.reports, [sys_report("s", day="2017-08-22")])


def test_candidate_sharing_the_toll_wins_and_a_system_report_is_used_once():
    g = gold_set(gold_report("g1", claims=[{"killed": {"low": 16}}]), gold_report("g2", claims=[{"killed": {"low": 39}}]))
    s39 = sys_report("s39", claims=[{"killed": {"low": 39}}])
    s16 = sys_report("s16", claims=[{"killed": {"best": 16}}])
    m = match_reports(g.reports, [s39, s16])
    assert {k: v.id for k, v in m.items()} == {"g1": "s16", "g2": "s39"}


# --- fields: null vs 0, ranges, present, optional --------------------------------------------------


def test_zero_where_the_gold_knows_no_toll_loses_precision_not_recall():
    s = score(gold_set(gold_report("g", claims=[{"source": "SOHR"}])),
              analysis(sys_report("s", claims=[{"source": "SOHR", "killed": {"low": 0, "best": 0, "high": 0}}])))
    k = s.fields["killed"]
    assert (k.gold, k.system, k.correct, k.system_correct) == (0, 1, 0, 0)
    assert s.unknown_not_zero == (0, 1)
    kept = score(gold_set(gold_report("g", claims=[{"source": "SOHR"}])),
                 analysis(sys_report("s", claims=[{"source": "SOHR"}])))
    assert kept.fields["killed"].system == 0 and kept.unknown_not_zero == (1, 1)


def test_gold_zero_is_a_figure_that_unknown_misses():
    g = gold_set(gold_report("g", claims=[{"killed": {"low": 0, "best": 0}}]))
    missed = score(g, analysis(sys_report("s", claims=[{"source": "x"}]))).fields["killed"]
    assert (missed.gold, missed.correct, missed.recall) == (1, 0, 0.0)
    said = score(g, analysis(sys_report("s", claims=[{"killed": {"best": 0}}]))).fields["killed"]
    assert (said.correct, said.system_correct) == (1, 1)


@pytest.mark.parametrize(("system", "agrees"), [
    ({"low": 39}, True),
    ({"best": 39}, True),  # gold low 39 = system best 39: the same stated figure
    ({"low": 30, "best": 39, "high": 45}, True),
    ({"low": 30, "high": 39}, False),  # `high` is a ceiling ("up to 39"), not a stated figure
    ({"low": 40}, False),  # "more than 40" is not "at least 39"
])
def test_ranges_agree_by_a_shared_low_or_best_figure(system, agrees):
    s = score(gold_set(gold_report("g", claims=[{"killed": {"low": 39}}])),
              analysis(sys_report("s", claims=[{"killed": system}])))
    assert s.fields["killed"].correct == int(agrees)


def test_victim_category_present_is_no_figure_and_a_figure_for_it_is_neutral():
    g = gold_set(gold_report("g", claims=[{"victims": {"children": "present", "women": {"low": 7}}}]))
    s = score(g, analysis(sys_report("s", claims=[{"victims": {"children": {"best": 5}, "women": {"low": 7}}}])))
    assert (s.fields["children"].gold, s.fields["children"].system) == (0, 0)
    assert (s.fields["women"].correct, s.fields["women"].system_correct) == (1, 1)


def test_optional_gold_costs_nothing_when_missed_and_counts_when_found():
    g = gold_set(gold_report("req"), gold_report("opt", location=north_of_raqqa(100, "Tabqa"), optional=True))
    only_req = score(g, analysis(sys_report("s1")))
    assert (only_req.reports.recall, only_req.reports.precision, only_req.missed) == (1.0, 1.0, [])
    both = score(g, analysis(sys_report("s1"), sys_report("s2", location=north_of_raqqa(100, "Tabqa"))))
    assert (both.reports.system, both.reports.system_correct, both.spurious) == (2, 2, [])


def test_perpetrator_and_source_agree_by_name_containment():
    g = gold_set(gold_report("g", perpetrator={"actors": ["Russia"]},
                             claims=[{"source": "Syrian Observatory for Human Rights"}]))
    s = score(g, analysis(sys_report("s", perpetrator={"actors": ["Russian forces"]},
                                     claims=[{"source": "Syrian Observatory"}])))
    assert s.fields["perpetrator"].correct == 1 and s.fields["source"].correct == 1
    wrong = score(g, analysis(sys_report("s", perpetrator={"actors": ["US-led coalition"]})))
    assert wrong.fields["perpetrator"].correct == 0 and wrong.fields["source"].correct == 0


def test_date_exact_needs_the_same_day_the_match_does_not():
    s = score(gold_set(gold_report("g")), analysis(sys_report("s", day="2016-03-20")))
    assert s.fields["date"].correct == 1 and s.fields["date_exact"].correct == 0


# --- linking --------------------------------------------------------------------------------------


def test_bcubed_and_pairwise_on_a_hand_computed_example():
    """Gold {a,b,c} {d,e}; system {a,b} {c,d,e}.

    B-cubed precision per report: a 2/2, b 2/2, c 1/3, d 2/3, e 2/3 -> 11/15; recall: a 2/3, b 2/3,
    c 1/3, d 2/2, e 2/2 -> 11/15. Pairs: gold ab ac bc de, system ab cd ce de: 2 right, 2 wrong,
    2 missed -> precision = recall = 1/2."""
    names = "abcde"
    days = dict(zip(names, ("2016-03-01", "2016-03-04", "2016-03-07", "2016-03-10", "2016-03-13"), strict=True))
    g = gold_set(*(gold_report(n, article=n, day=days[n]) for n in names),
                 incidents=[{"id": "G1", "reports": ["a", "b", "c"]}, {"id": "G2", "reports": ["d", "e"]}])
    a = analysis(*(sys_report(f"s{n}", article=n, day=days[n]) for n in names),
                 clusters=[["sa", "sb"], ["sc", "sd", "se"]])
    ls = score(g, a).linking
    assert ls.bcubed_precision == pytest.approx(11 / 15) and ls.bcubed_recall == pytest.approx(11 / 15)
    assert ls.bcubed_f1 == pytest.approx(11 / 15)
    assert (ls.pairs_gold, ls.tp, ls.fp, ls.fn) == (4, 2, 2, 2)
    assert ls.pair_precision == ls.pair_recall == 0.5


def test_linking_a_missed_report_costs_pairwise_recall_but_not_bcubed():
    g = gold_set(gold_report("a", article="a"), gold_report("b", article="b"), gold_report("c", article="c"),
                 incidents=[{"id": "G", "reports": ["a", "b", "c"]}])
    ls = score(g, analysis(sys_report("sa", article="a"), sys_report("sb", article="b"),
                           clusters=[["sa", "sb"]])).linking
    assert (ls.tp, ls.pairs_gold, ls.pair_recall) == (1, 3, pytest.approx(1 / 3))
    assert ls.bcubed_precision == ls.bcubed_recall == 1.0


def test_reports_outside_any_system_incident_stand_alone():
    g = gold_set(gold_report("a", article="a"), gold_report("b", article="b"),
                 incidents=[{"id": "G", "reports": ["a", "b"]}])
    ls = score(g, analysis(sys_report("sa", article="a"), sys_report("sb", article="b"))).linking
    assert (ls.tp, ls.fn, ls.fp) == (0, 1, 0)
    assert ls.bcubed_precision == 1.0 and ls.bcubed_recall == 0.5


# --- the gold file itself -------------------------------------------------------------------------


def test_gold_file_problems_are_all_reported_at_once():
    with pytest.raises(ValidationError) as exc:
        gold_set(gold_report("x"), gold_report("x"), incidents=[{"id": "I", "reports": ["x", "nope"]}])
    assert "used twice" in str(exc.value) and "unknown report 'nope'" in str(exc.value)
    with pytest.raises(ValidationError):  # a misspelt field is caught, not ignored
        gold_set(gold_report("x", perpertator={"actors": []}))


def test_evidence_must_be_an_exact_quotation():
    g = gold_set(gold_report("x", evidence=["killed 5"]), gold_report("y", article="a2"))
    assert evidence_problems(g, {"a1": "Strikes killed 5 people."}) == ["y: no text for article 'a2'"]
    assert evidence_problems(g, {"a1": "Strikes killed five.", "a2": ""}) == ["x: evidence not in the text: 'killed 5'"]


def test_place_25km_checks_the_coordinates_of_a_report_found_by_name():
    g = gold_set(gold_report("g"))
    wrong_point = score(g, analysis(sys_report("s", location=north_of_raqqa(80, name="Raqqa"))))
    assert wrong_point.fields["place"].correct == 1 and wrong_point.fields["place_25km"].correct == 0
    right = score(g, analysis(sys_report("s", location=north_of_raqqa(10, name="Raqqa"))))
    assert right.fields["place_25km"].correct == right.fields["place_25km"].system_correct == 1
    no_point = score(g, analysis(sys_report("s", location={"name": "Raqqa"})))
    assert (no_point.fields["place_25km"].gold, no_point.fields["place_25km"].system) == (1, 0)


def test_nothing_to_measure_is_none_not_zero():
    d = score(gold_set(gold_report("g")), analysis(sys_report("s"))).fields["women"].as_dict()
    assert (d["precision"], d["recall"], d["f1"]) == (None, None, None)
    invented = score(gold_set(gold_report("g")), analysis(sys_report("s", claims=[{"killed": {"low": 3}}])))
    assert invented.fields["killed"].as_dict()["f1"] == 0.0 and invented.fields["killed"].as_dict()["recall"] is None


def test_a_point_or_sub_type_where_the_gold_has_none_is_not_counted():
    region = {"name": "Raqqa province", "admin1": "Ar-Raqqa", "precision": "region"}
    g = gold_set(gold_report("g", location=region, sub_event_type=None, kind="aggregate"))
    s = score(g, analysis(sys_report("s", location=RAQQA, kind="aggregate")))
    assert s.matches == {"g": "s"}
    assert (s.fields["place_25km"].gold, s.fields["place_25km"].system) == (0, 0)
    assert (s.fields["sub_event_type"].gold, s.fields["sub_event_type"].system) == (0, 0)

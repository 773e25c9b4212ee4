"""Linking on the seed annotation (shared/corpus/seeds/gold.json) and on look-alikes of our own.

The seed reports are built by hand as the extractor gives them: seed-001 is a weekly printed on
Friday 2016-03-18, so its "on Saturday" resolves backwards to 2016-03-12 (basis weekday, with the
week-later reading 2016-03-19 as `alternative`), and its "a day after" Friday to 2016-03-11.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from importlib import resources
from typing import Any

import jsonschema
import pytest

from strikewatch.link import link
from strikewatch.model import Claim, Count, Dates, Incident, Location, Perpetrator, Report, Span, Victims

SOHR = "Syrian Observatory for Human Rights"
RBSS = "Raqqa Is Being Slaughtered Silently"
AIR = ("Explosions/Remote violence", "Air/drone strike")

RAQQA = Location(name="Raqqa", country="Syria", admin1="Ar-Raqqa", lat=35.953, lon=39.008, geonameid=172955,
                 precision="city")
PALMYRA = Location(name="Palmyra", country="Syria", admin1="Homs", lat=34.560, lon=38.284, geonameid=163808,
                   precision="city")
AL_BADU = Location(name="Al-Badu", country="Syria", admin1="Ar-Raqqa", lat=35.953, lon=39.009,
                   precision="neighbourhood")
RAQQA_NORTH = Location(name="northern Raqqa province", country="Syria", admin1="Ar-Raqqa", precision="region")
DEIR_ROAD = Location(name="road to Deir ez-Zor", country="Syria", admin1="Deir ez-Zor", precision="region")
SYRIA = Location(name="Syria", country="Syria", precision="country")
TABQA = Location(name="Tabqa", country="Syria", admin1="Ar-Raqqa", lat=35.837, lon=38.548, precision="city")
DOUMA = Location(name="Douma", country="Syria", admin1="Rif Dimashq", lat=33.571, lon=36.402, precision="city")


def n(value: int) -> Count:
    """An exact figure: "16 people were killed"."""
    return Count(low=value, best=value, high=value)


def at_least(value: int) -> Count:
    """"at least 39"; "more than 40" is at_least(41)."""
    return Count(low=value)


def day(text: str, *, basis: str = "explicit", alternative: str | None = None) -> Dates:
    d = dt.date.fromisoformat(text)
    alt = dt.date.fromisoformat(alternative) if alternative else None
    return Dates(start=d, end=d, precision="day", basis=basis, alternative=alt)


def span(start: str, end: str, precision: str = "period") -> Dates:
    return Dates(start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end), precision=precision)  # type: ignore[arg-type]


def report(rid: str, article: str, date: Dates, place: Location, *claims: Claim, outlet: str = "Outlet",
           published: str = "2016-03-20", kind: str = "incident", actors: tuple[str, ...] = (),
           attribution: str = "unknown", strikes: Count | None = None, sub: str = AIR[1]) -> Report:
    return Report(id=rid, article=article, kind=kind, event_type=AIR[0], sub_event_type=sub, date=date,  # type: ignore[arg-type]
                  location=place, perpetrator=Perpetrator(actors=list(actors), attribution=attribution),  # type: ignore[arg-type]
                  claims=list(claims), strikes=strikes, outlet=outlet, published=dt.date.fromisoformat(published))


def seed_reports() -> list[Report]:
    """The reports of gold.json, dated as the extractor dates each article alone."""
    gulf = {"outlet": "Gulf News", "published": "2016-03-20"}
    weekly = {"outlet": "The Arab Weekly", "published": "2016-03-18"}
    arab = {"outlet": "Arab News", "published": "2017-08-21"}
    return [
        report("000-raqqa-sat", "seed-000", day("2016-03-19", basis="weekday"), RAQQA,
               Claim(source=SOHR, killed=at_least(39), injured=at_least(61), victims=Victims(present=["children", "women"])),
               Claim(source=RBSS, killed=at_least(41)), **gulf),
        report("000-raqqa-province-north", "seed-000", day("2016-03-19", basis="weekday"), RAQQA_NORTH,
               Claim(source=RBSS), **gulf),
        report("000-raqqa-fri", "seed-000", day("2016-03-18", basis="weekday"), RAQQA, Claim(source=SOHR, killed=n(16)), **gulf),
        report("000-palmyra-sat", "seed-000", day("2016-03-19", basis="weekday"), PALMYRA, Claim(source=SOHR),
               actors=("Russia",), attribution="alleged", strikes=n(70), **gulf),
        report("001-raqqa-sat", "seed-001", day("2016-03-12", basis="weekday", alternative="2016-03-19"), RAQQA,
               Claim(source=SOHR, killed=at_least(39),
                     victims=Victims(civilians=at_least(39), children=at_least(5), women=at_least(7))),
               actors=("Syria", "Russia"), attribution="uncertain", **weekly),
        report("001-raqqa-fri", "seed-001", day("2016-03-11", basis="relative", alternative="2016-03-18"), RAQQA,
               Claim(source=SOHR, killed=n(16), victims=Victims(civilians=n(16))), **weekly),
        report("001-palmyra-sat", "seed-001", day("2016-03-12", basis="weekday", alternative="2016-03-19"), PALMYRA,
               Claim(source=SOHR), actors=("Russia",), attribution="alleged", strikes=at_least(70), **weekly),
        report("002-raqqa-badu", "seed-002", day("2017-08-20", basis="weekday"), AL_BADU,
               Claim(source=SOHR, killed=n(27), victims=Victims(civilians=n(27), children=n(7))),
               actors=("US-led coalition",), attribution="alleged", **arab),
        report("002-convoy", "seed-002", span("2017-08-01", "2017-08-21", "month"), DEIR_ROAD,
               Claim(source="Russian Defense Ministry", killed=at_least(201), victims=Victims(combatants=at_least(201))),
               actors=("Russia",), attribution="claimed", **arab),
        report("002-russia-august-tally", "seed-002", span("2017-08-01", "2017-08-21"), SYRIA,
               Claim(source="Sergei Rudskoi", killed=Count(best=800), victims=Victims(combatants=Count(best=800))),
               kind="aggregate", actors=("Russia",), attribution="claimed", **arab),
        report("002-raqqa-week-tally", "seed-002", span("2017-08-14", "2017-08-20", "week"), RAQQA,
               Claim(source=SOHR, killed=at_least(125), victims=Victims(civilians=at_least(125))),
               kind="aggregate", actors=("US-led coalition",), attribution="alleged", **arab),
        report("002-coalition-acknowledged", "seed-002", span("2014-09-23", "2017-08-21"),
               Location(name="Syria and Iraq", precision="region"),
               Claim(source="US-led coalition", killed=n(624), victims=Victims(civilians=n(624))),
               kind="aggregate", actors=("US-led coalition",), attribution="claimed", **arab),
    ]


def incident_of(incidents: list[Incident], report_id: str) -> Incident:
    return next(i for i in incidents if report_id in i.reports)


def groups(incidents: list[Incident]) -> set[frozenset[str]]:
    return {frozenset(i.reports) for i in incidents}


def field_values(inc: Incident, name: str) -> list[Any]:
    found = [d for d in inc.discrepancies if d.field == name]
    assert found, f"no {name} discrepancy in {[d.field for d in inc.discrepancies]}"
    return [(v.value, v.source, v.report) for v in found[0].values]


@pytest.fixture(scope="module")
def seeds() -> list[Incident]:
    return link(seed_reports()).incidents


def test_link_seed_cross_article_incidents_are_linked(seeds: list[Incident]) -> None:
    assert {frozenset({"000-raqqa-sat", "001-raqqa-sat"}), frozenset({"000-raqqa-fri", "001-raqqa-fri"}),
            frozenset({"000-palmyra-sat", "001-palmyra-sat"})} <= groups(seeds)


def test_link_seed_every_report_is_in_exactly_one_incident(seeds: list[Incident]) -> None:
    ids = [rid for inc in seeds for rid in inc.reports]
    assert sorted(ids) == sorted(r.id for r in seed_reports())


def test_link_seed_raqqa_saturday_comes_out_on_the_19th_with_the_weekly_date_flagged(seeds: list[Incident]) -> None:
    inc = incident_of(seeds, "000-raqqa-sat")
    assert (inc.date.start, inc.date.end, inc.date.precision) == (dt.date(2016, 3, 19), dt.date(2016, 3, 19), "day")
    assert sorted(field_values(inc, "date")) == [
        ("2016-03-12", "The Arab Weekly", "001-raqqa-sat"),  # the weekly alone reads "Saturday" backwards
        ("2016-03-19", "Gulf News", "000-raqqa-sat"),
    ]


def test_link_seed_raqqa_killed_range_covers_39_to_more_than_40(seeds: list[Incident]) -> None:
    inc = incident_of(seeds, "000-raqqa-sat")
    assert inc.killed is not None
    assert (inc.killed.low, inc.killed.best, inc.killed.high) == (39, 39, 41)  # "more than 40" supports 41
    values = field_values(inc, "killed")
    assert {(v["low"], source) for v, source, _ in values} == {(39, SOHR), (41, RBSS)}


def test_link_seed_raqqa_perpetrator_unknown_vs_syrian_or_russian_is_flagged(seeds: list[Incident]) -> None:
    inc = incident_of(seeds, "000-raqqa-sat")
    assert sorted((v["attribution"], tuple(v["actors"])) for v, _, _ in field_values(inc, "perpetrator")) == [
        ("uncertain", ("Russia", "Syria")), ("unknown", ())]
    # the strongest attribution any source gives, and the grade says the blame is contested
    assert (inc.perpetrator.actors, inc.perpetrator.attribution) == (["Russia", "Syria"], "uncertain")
    assert inc.grade == "contested"


def test_link_seed_raqqa_victims_keep_the_weekly_figures(seeds: list[Incident]) -> None:
    inc = incident_of(seeds, "000-raqqa-sat")
    # Gulf News only says women and children were among the dead: the weekly's figures stand
    assert inc.victims.children == Count(low=5, best=5, high=5)
    assert inc.victims.women == Count(low=7, best=7, high=7)
    assert inc.victims.present == ["children", "women"]


def test_link_seed_friday_raqqa_comes_out_on_the_18th(seeds: list[Incident]) -> None:
    inc = incident_of(seeds, "000-raqqa-fri")
    assert inc.date.start == dt.date(2016, 3, 18)
    assert inc.killed == Count(low=16, best=16, high=16)
    assert "killed" not in {d.field for d in inc.discrepancies}


def test_link_seed_friday_and_saturday_in_raqqa_stay_apart(seeds: list[Incident]) -> None:
    assert incident_of(seeds, "000-raqqa-sat").id != incident_of(seeds, "000-raqqa-fri").id
    assert incident_of(seeds, "001-raqqa-sat").id != incident_of(seeds, "001-raqqa-fri").id


def test_link_seed_palmyra_links_on_place_source_perpetrator_and_strikes(seeds: list[Incident]) -> None:
    inc = incident_of(seeds, "000-palmyra-sat")
    assert inc.date.start == dt.date(2016, 3, 19)
    assert inc.killed is None  # "no immediate reports of casualties": unknown, not zero
    reasons = inc.links[0].reasons
    assert "same place Palmyra" in reasons and "same number of strikes 70" in reasons
    assert any(r.startswith("week shift: 001-palmyra-sat dated 2016-03-12 read as 2016-03-19") for r in reasons)


def test_link_seed_2017_reports_stay_apart(seeds: list[Incident]) -> None:
    assert groups(seeds) >= {frozenset({"002-raqqa-badu"}), frozenset({"002-convoy"}),
                             frozenset({"002-raqqa-week-tally"}), frozenset({"002-russia-august-tally"})}
    assert incident_of(seeds, "002-convoy").date.start == dt.date(2017, 8, 1)  # a window, kept as one


def test_link_seed_weekly_tally_stays_an_aggregate_covering_al_badu(seeds: list[Incident]) -> None:
    tally = incident_of(seeds, "002-raqqa-week-tally")
    badu = incident_of(seeds, "002-raqqa-badu")
    assert tally.kind == "aggregate" and tally.reports == ["002-raqqa-week-tally"]
    assert tally.covers == [badu.id]
    # never summed: the incident keeps its own 27, the tally its own 125
    assert badu.killed == Count(low=27, best=27, high=27)
    assert tally.killed == Count(low=125, best=125, high=125)


def test_link_seed_russian_tally_covers_the_convoy_not_coalition_strikes(seeds: list[Incident]) -> None:
    tally = incident_of(seeds, "002-russia-august-tally")
    assert tally.covers == [incident_of(seeds, "002-convoy").id]


def test_link_seed_ids_are_inc_and_a_hash(seeds: list[Incident]) -> None:
    assert all(i.id.startswith("INC-") and len(i.id) == 16 for i in seeds)
    assert len({i.id for i in seeds}) == len(seeds)


def test_link_incidents_validate_against_the_schema(seeds: list[Incident]) -> None:
    schema = json.loads(resources.files("strikewatch.data").joinpath("strikewatch-1.schema.json").read_text())
    validator = jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/incident"},
                                                format_checker=jsonschema.FormatChecker())
    for inc in seeds + look_alike_incidents():
        errors = [e.message for e in validator.iter_errors(inc.model_dump(mode="json", exclude_none=False))]
        assert errors == [], inc.id


def test_link_shuffled_input_gives_identical_output() -> None:
    reports = seed_reports()
    first = [i.model_dump(mode="json") for i in link(reports).incidents]
    for seed in range(5):
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        assert [i.model_dump(mode="json") for i in link(shuffled).incidents] == first


def test_link_incremental_attach_gives_the_one_shot_answer() -> None:
    reports = seed_reports()
    first_article = [r for r in reports if r.article == "seed-000"]
    before = link(first_article)
    later = link([r for r in reports if r.article != "seed-000"], existing=before.incidents,
                 existing_reports=first_article)
    after = {i.id: i for i in later.incidents}
    # seed-000 was published after seed-001, so an incident founded by the weekly now takes the
    # id of seed-001's report, as the one-shot run names it: same ids, same contents
    assert [i.model_dump() for i in later.incidents] == [i.model_dump() for i in link(reports).incidents]
    raqqa = incident_of(later.incidents, "000-raqqa-sat").id
    assert after[raqqa].reports == ["000-raqqa-sat", "001-raqqa-sat"]
    assert after[raqqa].date.start == dt.date(2016, 3, 19)
    assert incident_of(before.incidents, "000-raqqa-sat").id not in after  # renamed after its new founder
    assert len(later.new) == 5 + 3  # 2017: two incidents and three tallies; three renamed
    assert set(later.reach) >= {"000-raqqa-sat", "001-raqqa-sat"}


def test_link_incremental_rerun_of_the_same_reports_changes_nothing() -> None:
    reports = seed_reports()
    first = link(reports)
    again = link(reports, existing=first.incidents, existing_reports=reports)
    assert (again.new, again.changed, again.candidate_pairs) == ([], [], 0)
    assert [i.model_dump() for i in again.incidents] == [i.model_dump() for i in first.incidents]


def test_link_incremental_new_tally_changes_nothing_but_itself() -> None:
    reports = seed_reports()
    base = link([r for r in reports if r.id != "002-raqqa-week-tally"])
    res = link([r for r in reports if r.id == "002-raqqa-week-tally"], existing=base.incidents, existing_reports=reports)
    assert res.changed == [] and len(res.new) == 1
    assert incident_of(res.incidents, "002-raqqa-week-tally").covers == [incident_of(res.incidents, "002-raqqa-badu").id]


# --- look-alikes and updated tolls of our own ---------------------------------------------------

def douma(rid: str, article: str, date: str, *claims: Claim, published: str = "2018-02-22", place: Location = DOUMA,
          outlet: str | None = None, **kw: Any) -> Report:
    return report(rid, article, day(date), place, *claims, published=published, outlet=outlet or article, **kw)


def look_alike_incidents() -> list[Incident]:
    return link([
        douma("a#1", "a", "2018-02-20", Claim(source=SOHR, killed=n(5))),
        douma("b#1", "b", "2018-02-20", Claim(source="White Helmets", killed=n(120))),
        douma("c#1", "c", "2018-02-21", Claim(source=SOHR, killed=n(5))),
    ]).incidents


def test_link_same_city_same_day_with_clearly_other_tolls_stays_apart() -> None:
    res = link([douma("a#1", "a", "2018-02-20", Claim(source=SOHR, killed=n(5))),
                douma("b#1", "b", "2018-02-20", Claim(source=SOHR, killed=n(120)))])
    assert groups(res.incidents) == {frozenset({"a#1"}), frozenset({"b#1"})}


def test_link_same_city_next_day_without_figures_stays_apart() -> None:
    res = link([douma("a#1", "a", "2018-02-20", Claim(source=SOHR)), douma("b#1", "b", "2018-02-21", Claim(source=SOHR))])
    assert len(res.incidents) == 2


def test_link_same_city_next_day_with_other_figures_stays_apart() -> None:
    # Raqqa's Friday 16 and Saturday 39 in miniature, with the bigger toll published later
    res = link([douma("a#1", "a", "2018-02-20", Claim(source=SOHR, killed=n(16)), published="2018-02-20"),
                douma("b#1", "b", "2018-02-21", Claim(source=SOHR, killed=at_least(39)), published="2018-02-22")])
    assert len(res.incidents) == 2


def test_link_next_day_with_the_same_toll_links() -> None:
    # "yesterday" in one paper is the day of the other: same town, same 12 dead
    res = link([douma("a#1", "a", "2018-02-20", Claim(source=SOHR, killed=n(12))),
                douma("b#1", "b", "2018-02-21", Claim(source="AFP", killed=n(12)))])
    assert groups(res.incidents) == {frozenset({"a#1", "b#1"})}


def test_link_same_city_a_week_apart_stays_apart_when_both_dates_are_anchored() -> None:
    res = link([douma("a#1", "a", "2018-02-13", Claim(source=SOHR, killed=n(12)), published="2018-02-14"),
                douma("b#1", "b", "2018-02-20", Claim(source=SOHR, killed=n(12)))])
    assert len(res.incidents) == 2


def test_link_weekly_shift_needs_a_shared_figure_or_source() -> None:
    weekly = report("w#1", "w", day("2018-02-10", basis="weekday", alternative="2018-02-17"), DOUMA,
                    Claim(source="Local council"), published="2018-02-16")
    wire = douma("x#1", "x", "2018-02-17", Claim(source="AFP"))
    assert len(link([weekly, wire]).incidents) == 2


def test_link_weekday_read_far_back_shifts_even_without_an_alternative() -> None:
    # an extractor that did not fill `alternative`: basis weekday, six days before the printed date
    weekly = report("w#1", "w", day("2018-02-10", basis="weekday"), DOUMA, Claim(source=SOHR, killed=at_least(9)),
                    published="2018-02-16")
    wire = douma("x#1", "x", "2018-02-17", Claim(source=SOHR, killed=n(9)))
    inc = link([weekly, wire]).incidents
    assert len(inc) == 1 and inc[0].date.start == dt.date(2018, 2, 17)


def test_link_week_shift_never_combines_with_a_day() -> None:
    # 2018-02-10 + 7 is the 17th: the 18th is a week and a day away, another day however alike
    weekly = report("w#1", "w", day("2018-02-10", basis="weekday", alternative="2018-02-17"), DOUMA,
                    Claim(source=SOHR, killed=n(9)), published="2018-02-16")
    wire = douma("x#1", "x", "2018-02-18", Claim(source=SOHR, killed=n(9)), published="2018-02-19")
    assert len(link([weekly, wire]).incidents) == 2


def test_link_other_town_same_day_stays_apart() -> None:
    res = link([report("a#1", "a", day("2018-02-20"), RAQQA, Claim(source=SOHR, killed=n(8))),
                report("b#1", "b", day("2018-02-20"), TABQA, Claim(source=SOHR, killed=n(8)))])
    assert len(res.incidents) == 2  # Tabqa is 42 km from Raqqa, in the same governorate


def test_link_neighbourhood_links_to_its_city_and_keeps_the_finer_place() -> None:
    res = link([report("a#1", "a", day("2017-08-20"), AL_BADU, Claim(source=SOHR, killed=n(27))),
                report("b#1", "b", day("2017-08-20"), RAQQA, Claim(source=SOHR, killed=n(27)))])
    assert len(res.incidents) == 1
    inc = res.incidents[0]
    assert inc.location.name == "Al-Badu"
    assert "location" not in {d.field for d in inc.discrepancies}  # a quarter inside its city agrees
    assert any(r.startswith("one inside the other") for r in inc.links[0].reasons)


def test_link_updated_toll_from_the_same_source_supersedes_the_older() -> None:
    res = link([douma("a#1", "a", "2018-02-20", Claim(source=SOHR, killed=n(10)), published="2018-02-20"),
                douma("b#1", "b", "2018-02-20", Claim(source=SOHR, killed=n(55)), published="2018-02-21")])
    (inc,) = res.incidents
    assert inc.killed == Count(low=55, best=55, high=55)  # "the toll rose to 55"
    assert "killed" not in {d.field for d in inc.discrepancies}  # the Observatory does not disagree with itself
    assert [(v["best"], r) for v, _, r in field_values(inc, "killed.superseded")] == [(10, "a#1"), (55, "b#1")]
    assert any(r.startswith("possible toll update, killed 10 -> 55") for r in inc.links[0].reasons)


def test_link_updated_toll_from_another_source_widens_the_range() -> None:
    res = link([douma("a#1", "a", "2018-02-20", Claim(source=SOHR, killed=n(10)), published="2018-02-20"),
                douma("b#1", "b", "2018-02-20", Claim(source="White Helmets", killed=n(25)), published="2018-02-21"),
                douma("c#1", "c", "2018-02-20", Claim(source="AFP", killed=n(12)), published="2018-02-21")])
    (inc,) = res.incidents
    assert inc.killed == Count(low=10, best=12, high=25)  # best: the lower median of 10, 12, 25
    assert inc.grade == "fair"


def test_link_two_reports_of_one_article_restating_one_strike_fold() -> None:
    # the same source quoted twice: nothing tells the two apart, so they are one incident
    res = link([douma("a#1", "a", "2018-02-20", Claim(source=SOHR, killed=n(5))),
                douma("a#2", "a", "2018-02-20", Claim(source=SOHR, killed=n(5)))])
    assert [i.reports for i in res.incidents] == [["a#1", "a#2"]]


def test_link_two_reports_of_one_article_at_distinct_streets_stay_apart() -> None:
    text = "A bomb killed 5 on Baghdad Street. Another killed 5 on Hospital Road."
    a = douma("a#1", "a", "2018-02-20", Claim(source=SOHR, killed=n(5)))
    b = douma("a#2", "a", "2018-02-20", Claim(source=SOHR, killed=n(5)))
    a.evidence.append(Span(start=20, end=34, text=text[20:34], field="address"))
    b.evidence.append(Span(start=55, end=68, text=text[55:68], field="address"))
    assert len(link([a, b]).incidents) == 2
    # and two articles telling them apart the same way do not link either
    c = douma("c#1", "c", "2018-02-20", Claim(source=SOHR, killed=n(5)))
    c.evidence.append(Span(start=20, end=34, text=text[20:34], field="address"))
    res = link([b, c])
    assert len(res.incidents) == 2


def test_link_complete_link_refuses_a_chain_of_days() -> None:
    # each pair a day apart links; the first and the last are two days apart and must not meet
    res = link([douma("a#1", "a", "2018-02-20", Claim(source=SOHR, killed=n(12))),
                douma("b#1", "b", "2018-02-21", Claim(source=SOHR, killed=n(12))),
                douma("c#1", "c", "2018-02-22", Claim(source=SOHR, killed=n(12)))])
    assert sorted(len(i.reports) for i in res.incidents) == [1, 2]


def test_link_aggregate_with_the_same_figures_is_never_merged() -> None:
    tally = douma("t#1", "t", "2018-02-20", Claim(source=SOHR, killed=n(12)), kind="aggregate")
    res = link([tally, douma("a#1", "a", "2018-02-20", Claim(source=SOHR, killed=n(12)))])
    assert {(i.kind, tuple(i.reports)) for i in res.incidents} == {("aggregate", ("t#1",)), ("incident", ("a#1",))}


def test_link_disputed_perpetrators_link_as_contested_with_the_alternative_kept() -> None:
    res = link([douma("a#1", "a", "2018-02-20", Claim(source=SOHR, killed=n(12)), actors=("Russia",), attribution="alleged"),
                douma("b#1", "b", "2018-02-20", Claim(source="White Helmets", killed=n(12)), actors=("Syria",),
                      attribution="alleged")])
    (inc,) = res.incidents
    assert inc.grade == "contested"
    assert {tuple(p.actors) for p in [inc.perpetrator, *inc.alternative_perpetrators]} == {("Russia",), ("Syria",)}


def test_link_two_sides_each_claiming_stay_apart() -> None:
    res = link([douma("a#1", "a", "2018-02-20", Claim(source="Russian Defense Ministry", killed=n(30)),
                      actors=("Russia",), attribution="claimed"),
                douma("b#1", "b", "2018-02-20", Claim(source="US-led coalition", killed=n(30)),
                      actors=("US-led coalition",), attribution="claimed")])
    assert len(res.incidents) == 2


@pytest.mark.parametrize(("claims", "attribution", "grade"), [
    ([(SOHR, "a"), ("White Helmets", "b")], "claimed", "confirmed"),  # admitted, two independent sources
    ([(SOHR, "a"), ("White Helmets", "b")], "alleged", "fair"),  # two independent sources
    ([(SOHR, "a"), (SOHR, "b")], "alleged", "weak"),  # two outlets, one source
    ([("Russian Defense Ministry", "a"), ("Sergei Rudskoi", "b")], "claimed", "fair"),  # one side speaking twice
])
def test_link_grade_counts_independent_sources(claims: list[tuple[str, str]], attribution: str, grade: str) -> None:
    res = link([douma(f"{art}#1", art, "2018-02-20", Claim(source=src, killed=n(12)), actors=("Russia",),
                      attribution=attribution) for src, art in claims])
    (inc,) = res.incidents
    assert inc.grade == grade
    assert inc.confidence is not None and 0 <= inc.confidence <= 1


def test_link_records_why_with_reasons_and_scores(seeds: list[Incident]) -> None:
    (lnk,) = incident_of(seeds, "000-raqqa-sat").links
    assert (lnk.a, lnk.b) == ("000-raqqa-sat", "001-raqqa-sat")
    assert lnk.score >= 4.0
    assert "shared killed figure 39" in lnk.reasons and f"shared sources: {SOHR}" in lnk.reasons


def test_link_settles_the_weekly_dates_through_run(seeds: list[Incident]) -> None:
    from strikewatch.run import link_reports

    reports = seed_reports()
    link_reports(reports)
    by_id = {r.id: r for r in reports}
    assert by_id["001-raqqa-sat"].date.start == dt.date(2016, 3, 19)
    assert by_id["001-raqqa-fri"].date.start == dt.date(2016, 3, 18)


def test_link_seed_articles_end_to_end(shared: Any, extractor: Any) -> None:
    from strikewatch.ingest import read_articles

    articles = list(read_articles([shared / "corpus" / "seeds" / "articles.jsonl"]))
    reports = [r for _, got in extractor.pipe(articles) if isinstance(got, list) for r in got]
    incidents = link(reports).incidents
    by_id = {r.id: r for r in reports}
    cross = [i for i in incidents if len({by_id[r].article for r in i.reports}) > 1]
    # the three cross-article incidents, and nothing else across articles
    assert sorted((i.location.name, str(i.date.start)) for i in cross) == [
        ("Palmyra", "2016-03-19"), ("Raqqa", "2016-03-18"), ("Raqqa", "2016-03-19")]


def test_link_superseded_figure_does_not_keep_the_update_out() -> None:
    # the Observatory's 10 became 55; rescuers say 61: the old 10 is no contradiction of the 61
    res = link([douma("a#1", "a", "2018-02-20", Claim(source=SOHR, killed=n(10)), published="2018-02-20"),
                douma("b#1", "b", "2018-02-20", Claim(source=SOHR, killed=n(55)), published="2018-02-21"),
                douma("c#1", "c", "2018-02-20", Claim(source="White Helmets", killed=n(61)), published="2018-02-21")])
    (inc,) = res.incidents
    assert inc.killed == Count(low=55, best=55, high=61)
    assert [(v["best"], r) for v, _, r in field_values(inc, "killed")] == [(55, "b#1"), (61, "c#1")]


def test_link_settled_weekly_date_stays_flagged_when_the_incident_is_rebuilt() -> None:
    # run.py settles the weekly's date on the 19th; a stored incident rebuilt later from the settled
    # reports must still show that the weekly alone said the 12th
    from strikewatch.run import link_reports

    reports = seed_reports()
    incidents = link_reports(reports)
    assert [r.date.start for r in reports if r.id == "001-raqqa-sat"] == [dt.date(2016, 3, 19)]  # settled
    wire = report("003-raqqa-sat", "seed-003", day("2016-03-19"), RAQQA, Claim(source="AFP", killed=at_least(40)),
                  outlet="AFP", published="2016-03-21")
    res = link([wire], existing=incidents, existing_reports=reports)
    inc = incident_of(res.incidents, "003-raqqa-sat")
    assert inc.reports == ["000-raqqa-sat", "001-raqqa-sat", "003-raqqa-sat"]
    assert inc.date.start == dt.date(2016, 3, 19)
    assert ("2016-03-12", "The Arab Weekly", "001-raqqa-sat") in field_values(inc, "date")


def sentence(text: str) -> list[Span]:
    return [Span(start=0, end=len(text), text=text)]


def test_link_similar_wording_links_a_report_placed_only_in_its_province() -> None:
    told = "A suicide bomber blew himself up at a funeral tent for a tribal elder near the grain silos."
    town = douma("a#1", "a", "2018-02-20", Claim(source=SOHR, killed=n(7)))
    vague = report("b#1", "b", day("2018-02-20"), Location(name="Rif Dimashq", country="Syria", admin1="Rif Dimashq",
                                                              precision="region"),
                   Claim(source="AFP"), published="2018-02-21", outlet="b")
    assert len(link([town, vague]).incidents) == 2  # same day, same province, nothing more: apart
    town.evidence, vague.evidence = sentence(told), sentence("Seven died when a bomber struck a funeral tent "
                                                             "for a tribal elder by the grain silos.")
    (inc,) = link([town, vague]).incidents
    assert any(r.startswith("similar wording") and "funeral" in r for r in inc.links[0].reasons)


def test_link_wording_counts_neither_within_one_outlet_nor_in_a_town() -> None:
    told = "A suicide bomber blew himself up at a funeral tent for a tribal elder near the grain silos."
    province = Location(name="Rif Dimashq", country="Syria", admin1="Rif Dimashq", precision="region")
    a = report("a#1", "a", day("2018-02-20"), DOUMA, Claim(source=SOHR, killed=n(7)), outlet="AFP")
    b = report("b#1", "b", day("2018-02-20"), province, Claim(source="AFP"), outlet="AFP")
    a.evidence = b.evidence = sentence(told)
    assert len(link([a, b]).incidents) == 2  # one outlet's house style is no evidence
    c = report("c#1", "c", day("2018-02-20"), DOUMA, Claim(source="White Helmets", killed=n(9)), outlet="Reuters")
    c.evidence = sentence(told)
    (inc,) = [i for i in link([a, c]).incidents if "a#1" in i.reports]
    # same town, same day, close tolls: linked, but not on wording (the town already ties them)
    assert inc.reports == ["a#1", "c#1"]
    assert not any(r.startswith("similar wording") for k in inc.links for r in k.reasons)

"""One event told differently by two outlets (docs/linking.md, "Told two ways"): compatible event
types, a generic actor and the group it covers, a night told either side of midnight, two tolls that
a third report gives side by side. Each rule also keeps what must stay apart apart.
The reports and texts are our own, written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from strikewatch.errors import DataFileError
from strikewatch.lexicon import SUB_EVENT_TYPES
from strikewatch.link import link
from strikewatch.link.compat import common_actors, parse_groups, parse_types, types_compatible
from strikewatch.link.features import features
from strikewatch.link.similarity import compare
from strikewatch.model import Claim, Count, Dates, Location, Perpetrator, Report, Span

TALDOU = Location(name="Taldou", country="Syria", admin1="Homs", lat=34.880, lon=36.532, precision="city")
BASE = Location(name="Tiyas air base", country="Syria", admin1="Homs", lat=34.522, lon=37.630, precision="point")
HOMS_PROVINCE = Location(name="Homs", country="Syria", admin1="Homs", precision="region")
QUARTER = Location(name="Karm al-Zeitoun", country="Syria", admin1="Homs", lat=34.730, lon=36.729,
                   precision="neighbourhood")


def day(iso: str) -> Dates:
    d = dt.date.fromisoformat(iso)
    return Dates(start=d, end=d, precision="day", basis="weekday")


def told(rid: str, sub: str, date: Dates, *, where: Location = TALDOU, killed: tuple[tuple[str | None, int], ...] = (),
         actors: tuple[str, ...] = (), attribution: str = "alleged", when: str = "", published: str = "2019-03-09") -> Report:
    article = rid.split("#")[0]
    evidence = [Span(start=0, end=12, text="the assault")]
    if when:
        evidence.append(Span(start=20, end=20 + len(when), text=when, field="date"))
    return Report(id=rid, article=article, event_type=SUB_EVENT_TYPES[sub], sub_event_type=sub, date=date,
                  location=where, outlet=article.split("-")[0], published=dt.date.fromisoformat(published),
                  claims=[Claim(source=s, killed=Count(low=n, best=n)) for s, n in killed] or [Claim()],
                  perpetrator=Perpetrator(actors=list(actors), attribution=attribution if actors else "unknown"),
                  evidence=evidence)


def pair(a: Report, b: Report):  # type: ignore[no-untyped-def]
    return compare(features(0, a), features(1, b))


# --- event types one event may be told as --------------------------------------------------------

def test_an_assault_told_as_a_clash_and_as_an_attack_links() -> None:
    # one side reports the defenders who fell, the other the villagers killed: one assault
    clash = told("gazette-1#1", "Armed clash", day("2019-03-07"), killed=(("Observatory", 31),), actors=("Islamic State",))
    attack = told("herald-2#1", "Attack", day("2019-03-07"), killed=(("Observatory", 31),), actors=("Islamic State",))
    p = pair(clash, attack)
    assert p.veto is None and p.linked
    assert "type_same" not in p.features and "type_differ" not in p.features
    assert any("one event may be told as: Armed clash / Attack" in r for r in p.reasons)
    assert len(link([clash, attack]).incidents) == 1


def test_a_clash_is_still_no_air_strike() -> None:
    clash = told("gazette-1#1", "Armed clash", day("2019-03-07"), killed=(("Observatory", 31),))
    raid = told("herald-2#1", "Air/drone strike", day("2019-03-07"), killed=(("Observatory", 31),))
    assert pair(clash, raid).veto == "other event type"
    assert not types_compatible("Armed clash", "Air/drone strike") and not types_compatible("Attack", "Attack")


def test_a_car_bomb_later_told_as_a_suicide_bomb_costs_nothing_and_its_tolls_may_rise() -> None:
    early = told("gazette-1#1", "Remote explosive/landmine/IED", day("2019-03-07"), where=QUARTER, killed=((None, 9),))
    late = told("herald-2#1", "Suicide bomb", day("2019-03-07"), where=QUARTER, killed=((None, 21),))
    p = pair(early, late)
    assert "type_differ" not in p.features
    # one bombing, one quarter, one day: its early and late tolls differ at the same-day rate
    assert "killed_differ_same_day" in p.features and "killed_differ" not in p.features
    shelling = told("herald-3#1", "Shelling/artillery/missile attack", day("2019-03-07"), where=QUARTER,
                    killed=((None, 21),))
    assert "type_differ" in pair(early, shelling).features


# --- a generic actor and the group it covers ------------------------------------------------------

def test_rebels_and_the_rebel_group_that_fired_are_one_perpetrator() -> None:
    a = told("gazette-1#1", "Shelling/artillery/missile attack", day("2019-03-07"), killed=((None, 4),),
             actors=("Rebels",))
    b = told("herald-2#1", "Shelling/artillery/missile attack", day("2019-03-07"), killed=((None, 4),),
             actors=("Jaysh al-Islam",))
    p = pair(a, b)
    assert "perpetrator_shared" in p.features and "perpetrator_differ" not in p.features
    assert "shared perpetrator Jaysh al-Islam" in p.reasons


def test_two_named_groups_under_one_label_remain_two() -> None:
    assert common_actors({"jaysh al islam"}, {"ahrar al sham"}) == frozenset()
    a = told("gazette-1#1", "Shelling/artillery/missile attack", day("2019-03-07"), actors=("Jaysh al-Islam",),
             attribution="claimed")
    b = told("herald-2#1", "Shelling/artillery/missile attack", day("2019-03-07"), actors=("Ahrar al-Sham",),
             attribution="claimed")
    assert pair(a, b).veto == "two perpetrators each claiming"
    # the label and one group each claiming is one claim told twice, not two
    c = told("herald-3#1", "Shelling/artillery/missile attack", day("2019-03-07"), actors=("Rebels",),
              attribution="claimed")
    assert pair(a, c).veto is None


# --- one night either side of midnight ------------------------------------------------------------

def test_late_thursday_and_early_friday_at_one_air_base_link_without_figures() -> None:
    thursday = told("wire-1#1", "Shelling/artillery/missile attack", day("2019-03-07"), where=BASE,
                    when="late on Thursday", actors=("Israel",))
    friday = told("daily-2#1", "Shelling/artillery/missile attack", day("2019-03-08"), where=BASE,
                  when="in the early hours of Friday", killed=(("state media", 3),), actors=("Israel",))
    p = pair(thursday, friday)
    assert p.veto is None and p.linked
    assert any("either side of midnight" in r for r in p.reasons)
    # the same words the other way round (early Thursday, late Friday) are two nights
    wrong = told("wire-3#1", "Shelling/artillery/missile attack", day("2019-03-07"), where=BASE,
                 when="early Thursday", actors=("Israel",))
    later = told("daily-4#1", "Shelling/artillery/missile attack", day("2019-03-08"), where=BASE,
                 when="late Friday", killed=(("state media", 3),), actors=("Israel",))
    assert pair(wrong, later).veto is not None


def test_a_next_day_without_night_words_or_at_a_province_stays_apart() -> None:
    thursday = told("wire-1#1", "Shelling/artillery/missile attack", day("2019-03-07"), where=BASE, when="on Thursday")
    friday = told("daily-2#1", "Shelling/artillery/missile attack", day("2019-03-08"), where=BASE, when="on Friday",
                  killed=(("state media", 3),))
    assert pair(thursday, friday).veto == "next day without the same place and figures"
    night = told("wire-3#1", "Shelling/artillery/missile attack", day("2019-03-07"), where=HOMS_PROVINCE,
                 when="Thursday night")
    morning = told("daily-4#1", "Shelling/artillery/missile attack", day("2019-03-08"), where=BASE,
                   when="early Friday")  # a base in the province told of: the province alone ties nothing
    assert pair(night, morning).veto == "next day without the same place"


# --- two tolls a third report gives side by side --------------------------------------------------

def bus_bombing(rid: str, *killed: tuple[str | None, int]) -> Report:
    return told(rid, "Suicide bomb", day("2019-03-09"), where=QUARTER, killed=killed)


def test_tolls_a_third_report_gives_together_do_not_keep_their_reports_apart() -> None:
    own = bus_bombing("tv-1#1", (None, 110))  # the channel's own figure
    monitor = bus_bombing("paper-2#1", ("Observatory", 26), ("state media", 23))
    assert pair(own, monitor).veto is not None  # 110 against 23-26: alone, two incidents
    assert len([i for i in link([own, monitor]).incidents]) == 2
    both = bus_bombing("agency-3#1", (None, 110), ("Observatory", 26))  # one report with both
    incidents = link([own, monitor, both]).incidents
    assert [sorted(i.reports) for i in incidents] == [["agency-3#1", "paper-2#1", "tv-1#1"]]


def test_small_tolls_told_side_by_side_bridge_nothing() -> None:
    # a report giving 1 and 4 for one small strike must not chain a 1-dead and a 4-dead strike together
    one = bus_bombing("tv-1#1", (None, 1))
    four = bus_bombing("paper-2#1", ("Observatory", 4))
    both = bus_bombing("agency-3#1", (None, 1), ("Observatory", 4))
    assert not any({"tv-1#1", "paper-2#1"} <= set(i.reports) for i in link([one, four, both]).incidents)


def test_a_bridge_does_not_lift_the_other_vetoes() -> None:
    own = bus_bombing("tv-1#1", (None, 110))
    elsewhere = told("paper-2#1", "Suicide bomb", day("2019-03-09"), where=TALDOU,
                     killed=(("Observatory", 26),))  # another town, 30 km away
    both = bus_bombing("agency-3#1", (None, 110), ("Observatory", 26))
    groups = sorted(sorted(i.reports) for i in link([own, elsewhere, both]).incidents)
    assert ["paper-2#1"] in groups


# --- the data files ------------------------------------------------------------------------------

def test_compatible_types_file_is_validated() -> None:
    good = "type_a,type_b,why\nArmed clash,Attack,one assault\n"
    assert parse_types(good, "t.csv") == frozenset({frozenset({"Armed clash", "Attack"})})
    bad = "type_a,type_b,why\nArmed clash,Skirmish,not ACLED\nAttack,Attack,itself\nArmed clash,Attack\n"
    with pytest.raises(DataFileError) as err:
        parse_types(bad, "t.csv")
    assert len(err.value.problems) == 3
    assert "line 2" in err.value.problems[1] and "Skirmish" in err.value.problems[1]


def test_actor_groups_file_is_validated() -> None:
    good = "label,member,why\nRebels,Jaysh al-Islam,armed opposition\n"
    assert parse_groups(good, "g.csv") == {"jaysh al islam": frozenset({"rebels"})}
    bad = ("label,member,why\nRebels,Rebels,itself\nRebels,Jaysh al-Islam,x\nRebels,Jaysh al-Islam,again\n"
           "Opposition,Rebels,two levels\n")
    with pytest.raises(DataFileError) as err:
        parse_groups(bad, "g.csv")
    assert len(err.value.problems) == 3

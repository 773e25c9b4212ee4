"""One shooting's figures told two ways inside one article (link/aside.py `_part_of`): a story
singles out one of the wounded ("one of them is in critical condition"), or counts everyone shot as
wounded ("four men were shot; three of them died"). Either reading stays with the story's incident
instead of becoming a second incident, while a second shooting of the town keeps apart. The texts
are our own, for these tests."""

from __future__ import annotations

import datetime as dt

from strikewatch.link import link
from strikewatch.model import Claim, Count, Dates, Location, Report, Span

GA = {"country": "United States", "admin1": "Georgia"}
DALTON = Location(name="Dalton", lat=34.77, lon=-84.97, precision="city", **GA)
WHITFIELD = Location(name="Whitfield County", precision="district", **GA)
ROME = Location(name="Rome", lat=34.26, lon=-85.16, precision="city", **GA)


def report(rid: str, loc: Location, *, killed: int | None = None, injured: int | None = None,
           day: str = "2018-09-08", text: str = "shot", streets: tuple[str, ...] = ()) -> Report:
    d = dt.date.fromisoformat(day)
    claim = Claim(killed=Count(low=killed, best=killed) if killed is not None else None,
                  injured=Count(low=injured, best=injured) if injured is not None else None)
    spans = [Span(start=0, end=len(text), text=text)] + [Span(start=0, end=len(s), text=s, field="address")
                                                        for s in streets]
    return Report(id=rid, article=rid.split("#")[0], event_type="Violence against civilians", sub_event_type="Attack",
                  date=Dates(start=d, end=d, precision="day", basis="weekday"), location=loc, claims=[claim],
                  evidence=spans, outlet=rid.split("-")[0], published=dt.date(2018, 9, 9))


def groups(reports: list[Report]) -> list[list[str]]:
    return sorted(i.reports for i in link(reports).incidents)


def test_one_of_the_wounded_singled_out_stays_with_the_story() -> None:
    # "Five people were wounded Saturday night at a Dalton party ... One of them, a 19-year-old, was
    # flown to a hospital in critical condition."
    story = report("news-1#1", DALTON, injured=5, text="Five people were wounded at a party")
    one = report("news-1#2", DALTON, injured=1, text="One of them was in critical condition")
    assert groups([story, one]) == [["news-1#1", "news-1#2"]]
    (inc,) = link([story, one]).incidents
    assert inc.injured is not None and inc.injured.best == 5  # the part is no reading of the toll
    # told at the county ("Whitfield County deputies said one victim remained hospitalized"): the same
    county = report("news-1#3", WHITFIELD, injured=1)
    assert groups([story, county]) == [["news-1#1", "news-1#3"]]


def test_everyone_shot_counted_as_wounded_stays_with_the_story() -> None:
    # headline "3 dead, 1 hurt"; the body: "four men were shot inside the home; three of them died"
    headline = report("news-2#1", DALTON, killed=3, injured=1)
    body = report("news-2#2", WHITFIELD, killed=3, injured=4)
    assert groups([headline, body]) == [["news-2#1", "news-2#2"]]


def test_a_second_shooting_of_the_town_keeps_apart() -> None:
    story = report("news-3#1", DALTON, injured=5, streets=("Maple Street",))
    # "Earlier, a man was wounded on Grove Avenue": its own street, another shooting
    other_street = report("news-3#2", DALTON, injured=1, streets=("Grove Avenue",))
    assert groups([story, other_street]) == [["news-3#1"], ["news-3#2"]]
    # a dead of its own: "a man was killed and another wounded across town"
    own_dead = report("news-3#3", DALTON, killed=1, injured=1)
    assert groups([story, own_dead]) == [["news-3#1"], ["news-3#3"]]
    # another town: "in Rome, one person was wounded Saturday"
    elsewhere = report("news-3#4", ROME, injured=1)
    assert groups([story, elsewhere]) == [["news-3#1"], ["news-3#4"]]
    # the sum rule wants the very dead in common: 4 wounded is not 2 dead and 1 wounded plus one
    sum_story = report("news-4#1", DALTON, killed=3, injured=1)
    not_sum = report("news-4#2", DALTON, killed=2, injured=4)
    assert groups([sum_story, not_sum]) == [["news-4#1"], ["news-4#2"]]


def test_a_county_report_giving_both_figures_of_the_story_is_the_storys() -> None:
    # "A club owner was killed and five people were wounded in Dalton ... Whitfield County deputies
    # said one man was killed and five wounded outside the club ... In Rome, a man was shot dead
    # the same night." The county's report fits both towns' killed figure, but only the story gives
    # its wounded too: it is the story's, not a second incident
    story = report("news-5#1", DALTON, killed=1, injured=5)
    county = report("news-5#2", WHITFIELD, killed=1, injured=5)
    other_town = report("news-5#3", ROME, killed=1)
    assert groups([story, county, other_town]) == [["news-5#1", "news-5#2"], ["news-5#3"]]
    # a county report that says no more than either town's figure stays neither's
    vague = report("news-5#2", WHITFIELD, killed=1)
    assert groups([story, vague, other_town]) == [["news-5#1"], ["news-5#2"], ["news-5#3"]]

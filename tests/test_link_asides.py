"""Asides (link/aside.py): an article about one shooting yields reports beside it (a town misread
in a sentence with no toll, the state's restatement, a past shooting recalled); the first two ride
with the article's incident, the past one stays its own. The texts are our own, for these tests."""

from __future__ import annotations

import datetime as dt

from strikewatch.link import link
from strikewatch.link.features import features
from strikewatch.link.fold import fold
from strikewatch.model import Claim, Count, Dates, Location, Report, Span

AL = {"country": "United States", "admin1": "Alabama"}
MILLBROOK = Location(name="Millbrook", lat=32.48, lon=-86.36, precision="city", **AL)
WETUMPKA = Location(name="Wetumpka", lat=32.54, lon=-86.21, precision="city", **AL)
AUTAUGAVILLE = Location(name="Autaugaville", lat=32.43, lon=-86.65, precision="city", **AL)
ALABAMA = Location(name="Alabama", precision="region", **AL)


def report(rid: str, loc: Location, *, injured: int | None = None, killed: int | None = None,
           day: str = "2019-05-03", published: str = "2019-05-04", flags: tuple[str, ...] = (),
           sub: str = "Attack") -> Report:
    d = dt.date.fromisoformat(day)
    claim = Claim(injured=Count(low=injured, best=injured) if injured is not None else None,
                  killed=Count(low=killed, best=killed) if killed is not None else None)
    return Report(id=rid, article=rid.split("#")[0], event_type="Violence against civilians", sub_event_type=sub,
                  date=Dates(start=d, end=d, precision="day", basis="weekday"), location=loc, claims=[claim],
                  evidence=[Span(start=0, end=4, text="shot")], outlet=rid.split("-")[0],
                  published=dt.date.fromisoformat(published), flags=list(flags))


def ids(reports: list[Report]) -> list[list[str]]:
    return sorted(i.reports for i in link(reports).incidents)


def test_a_weak_report_in_a_misread_town_rides_with_the_articles_shooting() -> None:
    # "... a Millbrook man was shot twice on Friday ... Autaugaville police assisted": the second
    # sentence gives no toll, its own type is a guess and its day is borrowed from the first
    main = report("wsfa-7#1", MILLBROOK, injured=1)
    misread = report("wsfa-7#2", AUTAUGAVILLE, flags=("sub-event-guessed", "date inherited from context"))
    groups, aside = fold([features(0, main), features(1, misread)])
    assert groups == [[0, 1]] and aside == {1}
    (inc,) = link([main, misread]).incidents
    assert inc.reports == ["wsfa-7#1", "wsfa-7#2"]
    assert inc.location.name == "Millbrook"  # the aside's town is no reading of the incident's place


def test_a_state_restatement_with_the_same_toll_joins_and_a_firm_raid_elsewhere_does_not() -> None:
    main = report("wsfa-7#1", MILLBROOK, killed=1)
    state = report("wsfa-7#2", ALABAMA, killed=1, day="2019-05-04")  # told on the day police spoke
    assert ids([main, state]) == [["wsfa-7#1", "wsfa-7#2"]]
    # another town, with a type and a day of its own and no toll: another incident of the article
    raid = report("wsfa-7#3", WETUMPKA, day="2019-05-01", sub="Arrests")
    assert ids([main, raid]) == [["wsfa-7#1"], ["wsfa-7#3"]]
    # two towns each with a firmly read toll stay two incidents, and so do close tolls
    firm = report("wsfa-7#4", WETUMPKA, killed=1)
    assert ids([main, firm]) == [["wsfa-7#1"], ["wsfa-7#4"]]
    close = report("wsfa-7#4", WETUMPKA, killed=2, flags=("sub-event-guessed",))
    assert ids([main, close]) == [["wsfa-7#1"], ["wsfa-7#4"]]
    # the very same small toll, read weakly in another town: the town was misread once
    misread = report("wsfa-7#4", WETUMPKA, killed=1, flags=("sub-event-guessed",))
    assert ids([main, misread]) == [["wsfa-7#1", "wsfa-7#4"]]
    # not with a large toll: "12 dead" in two towns of one article are two attacks
    big, big_misread = report("wsfa-7#1", MILLBROOK, killed=12), report("wsfa-7#4", WETUMPKA, killed=12,
                                                                       flags=("sub-event-guessed",))
    assert ids([big, big_misread]) == [["wsfa-7#1"], ["wsfa-7#4"]]


def test_a_past_shooting_recalled_with_its_toll_stays_its_own_incident() -> None:
    main = report("wsfa-7#1", MILLBROOK, killed=1)
    past = report("wsfa-7#2", MILLBROOK, killed=3, day="2019-03-30")  # "in March a shooting there killed 3"
    assert ids([main, past]) == [["wsfa-7#1"], ["wsfa-7#2"]]
    # without a toll ("the town's second shooting since March") it is context of the story
    mention = report("wsfa-7#2", MILLBROOK, day="2019-03-30")
    (inc,) = link([main, mention]).incidents
    assert inc.reports == ["wsfa-7#1", "wsfa-7#2"] and str(inc.date.start) == "2019-05-03"
    # and no reading of it: the March story of another paper does not join through the mention
    march = report("herald-1#1", MILLBROOK, day="2019-03-30", published="2019-03-31")
    assert ids([main, mention, march]) == [["herald-1#1"], ["wsfa-7#1", "wsfa-7#2"]]


def test_another_article_links_through_the_aside_when_the_story_has_one_reading_in_common() -> None:
    # one article reads its shooting in Millbrook with one sentence placing it in Wetumpka; another
    # article, Wetumpka's paper, tells it there: the story needs one reading in common, not all
    main = report("wsfa-7#1", MILLBROOK, killed=2)
    misread = report("wsfa-7#2", WETUMPKA, flags=("sub-event-guessed", "date inherited from context"))
    paper = report("herald-3#1", WETUMPKA, killed=2)
    assert ids([main, misread, paper]) == [["herald-3#1", "wsfa-7#1", "wsfa-7#2"]]
    # but the core tolls must still agree: 2 dead is not 40
    big = report("herald-3#1", WETUMPKA, killed=40)
    assert ids([main, misread, big]) == [["herald-3#1"], ["wsfa-7#1", "wsfa-7#2"]]


def test_the_story_told_again_on_the_day_of_the_arrest_rides_with_it() -> None:
    # "A Millbrook man was shot dead on Friday night ... On Tuesday deputies charged a neighbour with
    # the killing of the man": the second sentence's report carries the same one dead on Tuesday,
    # with a type guessed from "charged"; it is the story's incident, not a second killing
    main = report("wsfa-9#1", MILLBROOK, killed=1)
    charged = report("wsfa-9#2", MILLBROOK, killed=1, day="2019-05-07", published="2019-05-08",
                     flags=("sub-event-guessed",))
    groups, aside = fold([features(0, main), features(1, charged)])
    assert groups == [[0, 1]] and aside == {1}
    (inc,) = link([main, charged]).incidents
    assert str(inc.date.start) == "2019-05-03"  # the aside's day is no reading of the incident's


def test_two_firmly_read_killings_days_apart_in_one_town_stay_two() -> None:
    # "A man was killed in a drive-by shooting on Friday. On Tuesday a woman was killed in a robbery
    # in the same town": each toll read with its own type and day, nothing weak: two incidents
    friday = report("wsfa-9#1", MILLBROOK, killed=1)
    tuesday = report("wsfa-9#2", MILLBROOK, killed=1, day="2019-05-07", published="2019-05-08")
    assert ids([friday, tuesday]) == [["wsfa-9#1"], ["wsfa-9#2"]]
    # nor does a weak reading join them across another town, another toll or more than a week
    weak = ("sub-event-guessed",)
    elsewhere = report("wsfa-9#2", WETUMPKA, killed=1, day="2019-05-07", published="2019-05-08", flags=weak)
    other_toll = report("wsfa-9#2", MILLBROOK, killed=3, day="2019-05-07", published="2019-05-08", flags=weak)
    weeks_on = report("wsfa-9#2", MILLBROOK, killed=1, day="2019-05-20", published="2019-05-21", flags=weak)
    for later in (elsewhere, other_toll, weeks_on):
        assert ids([report("wsfa-9#1", MILLBROOK, killed=1, published="2019-05-21"), later]) == [
            ["wsfa-9#1"], ["wsfa-9#2"]], later


def test_a_misread_town_with_the_dead_in_common_and_the_wounded_close_rides_with_the_story() -> None:
    # "one man died and two were hurt in Millbrook ... a Wetumpka shooting left one dead and three
    # wounded, police said": the second reading of the same shooting, with a guessed type, gives the
    # same dead and a wounded count that is close; one figure in common is enough
    main = report("wsfa-11#1", MILLBROOK, killed=1, injured=2)
    misread = report("wsfa-11#2", WETUMPKA, killed=1, injured=3, flags=("sub-event-guessed",))
    assert ids([main, misread]) == [["wsfa-11#1", "wsfa-11#2"]]
    # not when the other figure is clearly another shooting's (one dead and nine wounded)
    other = report("wsfa-11#2", WETUMPKA, killed=1, injured=9, flags=("sub-event-guessed",))
    assert ids([main, other]) == [["wsfa-11#1"], ["wsfa-11#2"]]


def _people(r: Report, text: str) -> Report:
    """`r` with the names and ages its article gives (as keys.annotate leaves them)."""
    from strikewatch.link.keys import ages, names

    r.evidence += [Span(start=s, end=e, text=text[s:e], field="name") for s, e, _ in names(text)]
    r.evidence += [Span(start=s, end=e, text=text[s:e], field="age") for s, e, _ in ages(text)]
    return r


TRIAL = ("A jury on Monday convicted Dale Pruitt, 24, of killing Anita Reyes, 41, outside her Millbrook home "
         "last May. Pruitt shot Reyes after an argument, prosecutors said; Reyes died at the scene.")


def test_a_trial_story_joins_the_shooting_it_recalls_when_it_names_its_people() -> None:
    # a year on, the paper tells the verdict (the story's own day) and recalls the shooting in
    # passing; another paper told the shooting the day after it, naming the same two people
    verdict = _people(report("wsfa-20#1", MILLBROOK, killed=1, day="2020-06-08", published="2020-06-09",
                             sub="Arrests"), TRIAL)
    recalled = _people(report("wsfa-20#2", MILLBROOK, published="2020-06-09", sub="Arrests",
                              flags=("sub-event-guessed",)), TRIAL)
    told = _people(report("herald-5#1", MILLBROOK, killed=1),
                   "Anita Reyes, 41, was shot dead on Friday; deputies arrested Dale Pruitt, 24, a neighbour.")
    assert ids([verdict, recalled, told]) == [["herald-5#1", "wsfa-20#1", "wsfa-20#2"]]
    # with no people in common the recalled shooting is no reading of the story: apart
    plain = [r.model_copy(update={"evidence": r.evidence[:1]}) for r in (verdict, recalled, told)]
    assert ids(plain) == [["herald-5#1"], ["wsfa-20#1", "wsfa-20#2"]]


def test_the_arrest_told_with_the_shootings_toll_rides_with_it() -> None:
    # "Deputies arrested a Millbrook man on Friday in the shooting that left one woman dead": the
    # sentence is read as an arrest (another event type), yet its toll is the shooting's
    shot = report("wsfa-30#1", MILLBROOK, killed=1)
    arrest = report("wsfa-30#2", MILLBROOK, killed=1, sub="Arrests")
    arrest.event_type = "Strategic developments"
    assert ids([shot, arrest]) == [["wsfa-30#1", "wsfa-30#2"]]
    # an arrest told with another toll ("after a brawl that left three hurt") is another incident
    brawl = arrest.model_copy(update={"claims": [Claim(injured=Count(low=3, best=3))]})
    assert ids([shot, brawl]) == [["wsfa-30#1"], ["wsfa-30#2"]]

"""Asides (link/aside.py), the story told again inside one article: an arrest story about a past
shooting, an article told weeks after its shooting, the arrest where the suspect was found, a
sentence without figures standing for the story's toll, one street told two ways, a county's
sentence beside a plain story. Each rule is checked both ways. The texts are our own."""

from __future__ import annotations

import datetime as dt

from strikewatch.link import link
from strikewatch.model import Claim, Count, Dates, Location, Report, Span

OH = {"country": "United States", "admin1": "Ohio"}
GRAFTON = Location(name="Grafton", lat=41.27, lon=-82.05, precision="city", **OH)
ELYRIA = Location(name="Elyria", lat=41.37, lon=-82.11, precision="city", **OH)
LORAIN_COUNTY = Location(name="Lorain County", precision="district", **OH)
OHIO = Location(name="Ohio", precision="region", **OH)
ERIE_PA = Location(name="Erie", lat=42.13, lon=-80.09, precision="city", country="United States",
                   admin1="Pennsylvania")
GUESSED = "sub-event-guessed"


def report(rid: str, loc: Location, *, killed: int | None = None, injured: int | None = None,
           day: str = "2021-03-06", published: str = "2021-03-07", sub: str = "Attack",
           flags: tuple[str, ...] = (), streets: tuple[str, ...] = ()) -> Report:
    d = dt.date.fromisoformat(day)
    claim = Claim(killed=Count(low=killed, best=killed) if killed is not None else None,
                  injured=Count(low=injured, best=injured) if injured is not None else None)
    evidence = [Span(start=0, end=4, text="shot")]
    evidence += [Span(start=10, end=10 + len(s), text=s, field="address") for s in streets]
    return Report(id=rid, article=rid.split("#")[0], event_type="Violence against civilians", sub_event_type=sub,
                  date=Dates(start=d, end=d, precision="day", basis="weekday"), location=loc, claims=[claim],
                  evidence=evidence, outlet=rid.split("-")[0], published=dt.date.fromisoformat(published),
                  flags=list(flags))


def ids(reports: list[Report]) -> list[list[str]]:
    return sorted(i.reports for i in link(reports).incidents)


def test_an_arrest_story_is_about_the_past_shooting_it_recalls_with_its_toll() -> None:
    # "Grafton police on Tuesday arrested a man in the killing of a teenager ... The boy was shot
    # dead outside a Grafton diner on March 6": published three weeks on, the arrest is the news and
    # the shooting its story; the two are one incident, dated on the shooting's day
    arrest = report("chron-4#1", GRAFTON, killed=1, day="2021-03-23", published="2021-03-25", sub="Arrests")
    shooting = report("chron-4#2", GRAFTON, killed=1, day="2021-03-06", published="2021-03-25")
    (inc,) = link([arrest, shooting]).incidents
    assert inc.reports == ["chron-4#1", "chron-4#2"]
    assert str(inc.date.start) == "2021-03-06"
    # and the shooting-day story of another paper then finds it
    told = report("herald-8#1", GRAFTON, killed=1)
    assert ids([arrest, shooting, told]) == [["chron-4#1", "chron-4#2", "herald-8#1"]]


def test_a_recent_killing_or_two_past_shootings_keep_the_recalled_toll_apart() -> None:
    # a killing told firmly on its own day is no arrest: the shooting it recalls stays its own
    killing = report("chron-5#1", GRAFTON, killed=1, day="2021-03-23", published="2021-03-25")
    past = report("chron-5#2", GRAFTON, killed=1, day="2021-03-06", published="2021-03-25")
    assert ids([killing, past]) == [["chron-5#1"], ["chron-5#2"]]
    # an arrest story recalling two past shootings of the town with its toll: it could be either's
    arrest = report("chron-5#1", GRAFTON, killed=1, day="2021-03-23", published="2021-03-25", sub="Arrests")
    earlier = report("chron-5#3", GRAFTON, killed=1, day="2021-02-13", published="2021-03-25")
    assert ids([arrest, past, earlier]) == [["chron-5#1"], ["chron-5#2"], ["chron-5#3"]]
    # a past shooting with another toll is another shooting, not the arrest's
    other = report("chron-5#2", GRAFTON, killed=3, day="2021-03-06", published="2021-03-25")
    assert ids([arrest, other]) == [["chron-5#1"], ["chron-5#2"]]


def test_an_arrest_story_singling_out_one_wounded_is_about_the_shooting_that_wounded_many() -> None:
    # "a second teenager was charged Monday; he is accused of wounding a man at the club ... fifteen
    # people were hurt in the shooting on March 6": one wounded of the fifteen, told by the arrest
    arrest = report("chron-6#1", GRAFTON, injured=1, day="2021-03-22", published="2021-03-24", sub="Arrests")
    club = report("chron-6#2", GRAFTON, injured=15, day="2021-03-06", published="2021-03-24")
    assert ids([arrest, club]) == [["chron-6#1", "chron-6#2"]]


def test_an_article_told_weeks_later_reads_its_own_reports_as_restatements() -> None:
    # a sentencing story tells the shooting twice, weeks before publication, once in a sentence that
    # names the victims' home town (its type a guess): one past story, not two past incidents
    town = report("chron-7#1", GRAFTON, killed=2, injured=1, day="2021-01-09", published="2021-05-14")
    home = report("chron-7#2", ELYRIA, killed=2, day="2021-01-09", published="2021-05-14", flags=(GUESSED,))
    assert ids([town, home]) == [["chron-7#1", "chron-7#2"]]
    # two past shootings of one town on two days, each told firmly, stay two
    other_day = report("chron-7#2", GRAFTON, killed=1, day="2021-02-20", published="2021-05-14")
    assert ids([town, other_day]) == [["chron-7#1"], ["chron-7#2"]]


def test_an_arrest_in_another_town_of_the_state_after_the_shooting_is_the_storys() -> None:
    # "Deputies arrested the suspect at a relative's house in Elyria on Monday": no figures, another
    # town of the state, two days after the Grafton shooting: where the suspect was found
    shot = report("chron-9#1", GRAFTON, killed=1)
    found = report("chron-9#2", ELYRIA, day="2021-03-08", published="2021-03-09", sub="Arrests")
    assert ids([shot, found]) == [["chron-9#1", "chron-9#2"]]
    # an arrest before the shooting, or weeks after it, or in another state is another story
    before = report("chron-9#2", ELYRIA, day="2021-03-04", sub="Arrests")
    weeks = report("chron-9#2", ELYRIA, day="2021-03-29", published="2021-03-30", sub="Arrests")
    away = report("chron-9#2", ERIE_PA, day="2021-03-08", published="2021-03-09", sub="Arrests")
    for other in (before, weeks, away):
        assert ids([shot, other]) == [["chron-9#1"], ["chron-9#2"]], other.location.name
    # a raid told firmly without figures in another town is no arrest of the story's suspect
    raid = report("chron-9#2", ELYRIA, day="2021-03-08", published="2021-03-09", sub="Armed clash")
    assert ids([shot, raid]) == [["chron-9#1"], ["chron-9#2"]]


def test_a_sentence_without_figures_stands_for_the_storys_toll() -> None:
    # "A Grafton man was shot dead on Saturday ... Grafton police said the shooting followed a
    # dispute ... an Elyria man was killed, a relative said": the story's second sentence gives no
    # figure; the town misread in the third (its type a guess) is checked against the story's toll
    dead = report("chron-11#1", GRAFTON, killed=1)
    police = report("chron-11#2", GRAFTON)
    misread = report("chron-11#3", ELYRIA, killed=1, flags=(GUESSED,))
    assert ids([dead, police, misread]) == [["chron-11#1", "chron-11#2", "chron-11#3"]]
    # with another toll it stays another town's shooting
    other = report("chron-11#3", ELYRIA, killed=4, flags=(GUESSED,))
    assert ids([dead, police, other]) == [["chron-11#1", "chron-11#2"], ["chron-11#3"]]


def test_one_street_told_with_and_without_its_town_name_is_one_street() -> None:
    # "on Grafton Elyria Road" in one sentence, "on Elyria Road" in the next: one street; the
    # state's sentence with the same two dead is the story's
    town = report("chron-13#1", GRAFTON, killed=2, injured=3, streets=("3100 Grafton Elyria Road",))
    state = report("chron-13#2", OHIO, killed=2, flags=(GUESSED,), streets=("Elyria Road",))
    assert ids([town, state]) == [["chron-13#1", "chron-13#2"]]
    # two streets that only share their last word are two
    other = report("chron-13#2", OHIO, killed=2, flags=(GUESSED,), streets=("Mill Road",))
    assert ids([town, other]) == [["chron-13#1"], ["chron-13#2"]]


def test_an_arrest_singling_out_one_of_the_wounded_is_told_beside_the_shooting() -> None:
    # "Five people were wounded in a drive-by shooting ... police arrested a man who was among the
    # wounded": the arrest's one wounded is one of the story's five
    drive_by = report("chron-15#1", GRAFTON, injured=5)
    arrest = report("chron-15#2", GRAFTON, injured=1, sub="Arrests")
    arrest.event_type = "Strategic developments"
    assert ids([drive_by, arrest]) == [["chron-15#1", "chron-15#2"]]


def test_a_countys_sentence_without_figures_goes_to_the_plain_story_of_the_article() -> None:
    # a story of one Grafton shooting told in two sentences that mentions an Elyria shooting of the
    # same day; "Lorain County deputies are investigating" could be told of either, but the article
    # is about the Grafton one
    town = report("chron-17#1", GRAFTON, killed=1, injured=2)
    again = report("chron-17#2", GRAFTON, killed=1)
    other = report("chron-17#3", ELYRIA, killed=3)
    county = report("chron-17#4", LORAIN_COUNTY)
    assert ids([town, again, other, county]) == [["chron-17#1", "chron-17#2", "chron-17#4"], ["chron-17#3"]]
    # told alike (one sentence each), the county's sentence is neither's
    assert ids([town, other, county]) == [["chron-17#1"], ["chron-17#3"], ["chron-17#4"]]


def test_the_county_telling_the_storys_toll_on_a_later_day_is_the_story_told_again() -> None:
    # "A Grafton man was shot dead on Saturday ... The county coroner on Tuesday ruled the death a
    # homicide": the county's sentence (its type a guess) gives the very same one dead three days on
    shot = report("chron-19#1", GRAFTON, killed=1)
    coroner = report("chron-19#2", LORAIN_COUNTY, killed=1, day="2021-03-09", published="2021-03-10",
                     flags=(GUESSED,))
    assert ids([shot, coroner]) == [["chron-19#1", "chron-19#2"]]
    # told firmly (a killing of its own on the Tuesday), it is another incident of the county
    firm = report("chron-19#2", LORAIN_COUNTY, killed=1, day="2021-03-09", published="2021-03-10")
    assert ids([shot, firm]) == [["chron-19#1"], ["chron-19#2"]]


def test_an_arrest_story_told_weeks_later_is_still_about_the_shooting_it_retells() -> None:
    # published two weeks on: "Grafton police arrested a man on March 8 ... the victim of the March 6
    # shooting in Grafton died at the scene (type a guess) ... a January shooting in the town also
    # left a man dead": every report is past; the one the article tells again is the incident, so
    # the shooting-day story of another paper meets it, and the January one stays apart
    arrest = report("chron-21#1", GRAFTON, killed=1, day="2021-03-08", published="2021-03-20", sub="Arrests")
    coroner = report("chron-21#2", GRAFTON, killed=1, day="2021-03-06", published="2021-03-20",
                     flags=(GUESSED,))
    january = report("chron-21#3", GRAFTON, killed=1, day="2021-01-10", published="2021-03-20")
    told = report("herald-9#1", GRAFTON, killed=1)
    assert ids([arrest, coroner, january, told]) == [["chron-21#1", "chron-21#2", "herald-9#1"], ["chron-21#3"]]

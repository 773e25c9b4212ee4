"""One shooting told by several local papers on several days (docs/linking.md, "Guesses are no
evidence"): an undated story in a small town's week (and two undated stories, which do not vouch
for each other), the street and an age in common weeks later. The texts are our own, written for
these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from strikewatch.link import link
from strikewatch.link.blocking import SCENE_DAYS, candidate_pairs
from strikewatch.link.features import features
from strikewatch.link.keys import annotate
from strikewatch.link.similarity import compare
from strikewatch.model import Article, Claim, Count, Dates, Location, Report, Span
from strikewatch.scale.blocks import LinkKey, is_fresh, link_weeks, people_of, scoring_blocks
from strikewatch.store.window import SLACK

# a town of about 14,000 people and a city of about 900,000, both in the gazetteer index
MARIETTA = Location(name="Marietta", country="United States", admin1="Ohio", lat=39.415, lon=-81.455,
                    geonameid=4517586, precision="city")
COLUMBUS = Location(name="Columbus", country="United States", admin1="Ohio", lat=39.961, lon=-82.999,
                    geonameid=4509177, precision="city")

SHOOTING = ("Man killed on Pike Street\n\nA 34-year-old man was shot and killed Friday night on Pike Street, "
            "police said. Officers found Jerome Whitfield, 34, lying near a parked car. No arrest was made.")
ARREST = ("Arrest in Pike Street killing\n\nDetectives arrested a man on Tuesday in last month's fatal shooting "
          "on Pike Street, where a 34-year-old man died. The suspect was booked into the county jail.")


def story(rid: str, date: Dates, loc: Location, *, killed: int | None = None, injured: int | None = None,
          published: str = "2016-05-15") -> Report:
    claims = [Claim(killed=Count(low=killed, best=killed) if killed is not None else None,
                    injured=Count(low=injured, best=injured) if injured is not None else None)]
    return Report(id=rid, article=rid.split("#")[0], event_type="Violence against civilians", sub_event_type="Attack",
                  date=date, location=loc, claims=claims, evidence=[Span(start=0, end=4, text="shot")],
                  outlet=rid.split("-")[0], published=dt.date.fromisoformat(published), flags=["sub-event-guessed"])


def on(day: str) -> Dates:
    d = dt.date.fromisoformat(day)
    return Dates(start=d, end=d, precision="day", basis="explicit")


def undated(published: str) -> Dates:
    """The extractor's fallback where a story gives no date: its publication day or the day before."""
    p = dt.date.fromisoformat(published)
    return Dates(start=p - dt.timedelta(days=1), end=p, precision="period", basis="publication")


@pytest.fixture(scope="module")
def index_ready(gazetteer: object) -> None:
    """The gazetteer's index (where a town's population is read) is built by loading the gazetteer."""


def test_an_undated_story_in_a_small_town_s_week_tells_its_shooting(index_ready: None) -> None:
    # "the man shot on Friday has died": nothing in common but the town, and no figure against
    first = story("courier-1#1", on("2016-05-13"), MARIETTA, killed=1, published="2016-05-14")
    later = story("times-2#1", undated("2016-05-17"), MARIETTA, published="2016-05-17")
    pair = compare(features(0, first), features(1, later))
    assert pair.linked and "told_after" in pair.features
    assert any("small town (13,900 people)" in r for r in pair.reasons)
    # a city's week holds many shootings: there the town alone links nothing
    city_first = first.model_copy(update={"location": COLUMBUS})
    city_later = later.model_copy(update={"location": COLUMBUS})
    pair = compare(features(0, city_first), features(1, city_later))
    assert not pair.linked and "told_after" not in pair.features


def test_a_small_town_s_undated_story_with_other_figures_stays_apart(index_ready: None) -> None:
    first = story("courier-1#1", on("2016-05-13"), MARIETTA, killed=1, published="2016-05-14")
    other = story("times-2#1", undated("2016-05-17"), MARIETTA, injured=3, published="2016-05-17")
    assert compare(features(0, first), features(1, other)).linked  # a toll and a wounded figure: no clash
    clash = story("times-3#1", undated("2016-05-17"), MARIETTA, killed=4, published="2016-05-17")
    assert not compare(features(0, first), features(1, clash)).linked  # 1 dead against 4: two shootings
    # and more than a week after the first story is no follow-up of it
    late = story("times-4#1", undated("2016-05-25"), MARIETTA, published="2016-05-25")
    assert not compare(features(0, first), features(1, late)).linked


def test_two_undated_stories_of_one_week_do_not_vouch_for_each_other() -> None:
    # neither paper gives a day: nothing anchors the week, and a guess vetoes nothing, so a city's
    # undated stories with "2 dead" and "3 dead" would chain week after week
    a = story("courier-1#1", undated("2016-05-14"), COLUMBUS, killed=2, published="2016-05-14")
    b = story("times-2#1", undated("2016-05-16"), COLUMBUS, killed=3, published="2016-05-16")
    pair = compare(features(0, a), features(1, b))
    assert not pair.linked and "told_after" not in pair.features
    # the same story dated by the first paper is the week's anchor: the undated one then counts
    dated = story("courier-1#1", on("2016-05-13"), COLUMBUS, killed=2, published="2016-05-14")
    assert "told_after" in compare(features(0, dated), features(1, b)).features


def _keyed(r: Report, text: str) -> Report:
    annotate(Article(id=r.article, text=text), [r])
    return r


def test_the_street_and_an_age_tie_a_story_weeks_later_to_its_shooting() -> None:
    first = _keyed(story("courier-1#1", on("2016-05-13"), COLUMBUS, killed=1, published="2016-05-14"), SHOOTING)
    arrest = _keyed(story("times-2#1", on("2016-06-21"), COLUMBUS, published="2016-06-22"), ARREST)
    f, g = features(0, first), features(1, arrest)
    assert f.streets & g.streets == {"pike street"} and f.ages & g.ages == {"34"} and not f.names & g.names
    assert list(candidate_pairs([f, g])) == [(0, 1)]  # 39 days apart, no name in common: still met
    assert compare(f, g).linked
    assert [len(i.reports) for i in link([first, arrest]).incidents] == [2]
    # Dask: the street's people block holds both, past what the time blocks' margins hold
    keys = [LinkKey((0, x.index), x.id, x.country, x.admin1, link_weeks(x), x.article, people_of(x, link_weeks(x)))
            for x in (f, g)]
    met = [b for b, refs in scoring_blocks(keys).items() if len(refs) == 2
           and any(is_fresh(b, (f, g)[p].admin1, link_weeks((f, g)[p]) or ()) for _, p in refs)]
    assert met == [("united states", "ohio", "person:pike street")]
    # and the same two stories farther apart than SCENE_DAYS stay apart
    later = _keyed(story("times-3#1", on("2016-07-05"), COLUMBUS, published="2016-07-06"), ARREST)
    assert list(candidate_pairs([f, features(1, later)])) == []


def test_the_street_and_an_age_years_apart_are_no_tie() -> None:
    first = _keyed(story("courier-1#1", on("2016-05-13"), COLUMBUS, killed=1, published="2016-05-14"), SHOOTING)
    again = _keyed(story("times-2#1", on("2018-03-02"), COLUMBUS, published="2018-03-03"), ARREST)
    f, g = features(0, first), features(1, again)
    assert list(candidate_pairs([f, g])) == []  # a long avenue and a common age come back over years
    assert not compare(f, g).linked


def test_the_street_and_age_reach_stays_inside_the_store_s_read_ahead() -> None:
    # `run` reads stored incidents within SLACK of the new reports: a wider tie would link in
    # `analyze` and not in `run`
    assert SCENE_DAYS <= SLACK.days

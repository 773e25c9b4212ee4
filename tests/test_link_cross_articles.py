"""One shooting's stories across outlets (docs/linking.md): a story told at two precisions needs one
reading in common with another outlet's story; a next day with the same wounded and no dead; a
courthouse is no street; one street spelt two ways is one street. The texts are our own, written for
these tests."""

from __future__ import annotations

import datetime as dt

from strikewatch.link import link
from strikewatch.link.features import features
from strikewatch.link.fold import folds
from strikewatch.link.keys import annotate, streets
from strikewatch.link.similarity import compare, spelt_alike
from strikewatch.model import Article, Claim, Count, Dates, Location, Report, Span

ASHFORD = Location(name="Ashford", country="United States", admin1="Georgia", lat=33.71, lon=-84.12,
                   precision="city")
BRANT = Location(name="Brant County", country="United States", admin1="Georgia", lat=33.80, lon=-84.20,
                 precision="district")


def report(rid: str, loc: Location, day: str, *, killed: int | None = None, injured: int | None = None,
           published: str = "2018-06-11") -> Report:
    d = dt.date.fromisoformat(day)
    claims = [Claim(killed=Count(low=killed, best=killed) if killed is not None else None,
                    injured=Count(low=injured, best=injured) if injured is not None else None)]
    return Report(id=rid, article=rid.split("#")[0], event_type="Violence against civilians", sub_event_type="Attack",
                  date=Dates(start=d, end=d, precision="day", basis="explicit"), location=loc, claims=claims,
                  evidence=[Span(start=0, end=4, text="shot")], outlet=rid.split("-")[0],
                  published=dt.date.fromisoformat(published), flags=["sub-event-guessed"])


def keyed(r: Report, text: str) -> Report:
    annotate(Article(id=r.article, text=text), [r])
    return r


FIRST = "A 41-year-old man was shot dead on Friday outside a bar in Ashford, police said."
SECOND = ("Brant County deputies said a 41-year-old man died of gunshot wounds on Saturday in Ashford. "
          "The county coroner has not released his name.")


def test_a_story_told_at_its_town_and_its_county_needs_one_reading_in_common() -> None:
    # the second paper tells the shooting at the town and at the county, both on Saturday (when the
    # man died); the first paper's Friday story meets the town's reading (a day apart, the same town,
    # toll and age) but the county's reading alone would be "next day without the same place"
    first = keyed(report("wagt-1#1", ASHFORD, "2018-06-08", killed=1, published="2018-06-09"), FIRST)
    town = keyed(report("wrdw-2#1", ASHFORD, "2018-06-09", killed=1, published="2018-06-10"), SECOND)
    county = keyed(report("wrdw-2#2", BRANT, "2018-06-09", published="2018-06-10"), SECOND)
    assert folds([features(0, town), features(1, county)]) == [[0, 1]]
    assert compare(features(0, first), features(1, town)).linked
    assert compare(features(0, first), features(1, county)).veto == "next day without the same place and figures"
    res = link([first, town, county])
    assert [i.reports for i in res.incidents] == [["wagt-1#1", "wrdw-2#1", "wrdw-2#2"]]
    # a story each of whose readings the other vetoes stays apart: another toll at the town
    other = keyed(report("wrdw-2#1", ASHFORD, "2018-06-09", killed=9, published="2018-06-10"), SECOND)
    assert len(link([first, other, county]).incidents) == 2


def test_a_next_day_with_the_same_wounded_and_no_dead_is_no_veto() -> None:
    # late-night gunfire told on two dates, two wounded both times, nobody killed: what the next-day
    # veto asks of a killed figure, the wounded give when neither story has a dead
    a = report("wagt-1#1", ASHFORD, "2018-06-08", injured=2, published="2018-06-09")
    b = report("wrdw-2#1", ASHFORD, "2018-06-09", injured=2, published="2018-06-10")
    assert compare(features(0, a), features(1, b)).veto is None
    # other wounded figures, or a dead on one side only, are still another night's shooting
    c = report("wrdw-2#1", ASHFORD, "2018-06-09", injured=7, published="2018-06-10")
    assert compare(features(0, a), features(1, c)).veto == "next day without the same place and figures"
    d = report("wrdw-2#1", ASHFORD, "2018-06-09", killed=1, injured=2, published="2018-06-10")
    assert compare(features(0, a), features(1, d)).veto == "next day without the same place and figures"
    # and at the county (no precise place) the same wounded are not enough
    e = report("wrdw-2#1", BRANT, "2018-06-09", injured=2, published="2018-06-10")
    assert compare(features(0, a), features(1, e)).veto == "next day without the same place and figures"


def test_a_courthouse_is_no_street() -> None:
    text = ("The suspect appeared Monday in Brant Superior Court and later in 12th District Court. The "
            "shooting happened on Superior Avenue near Pine Court, and a hearing is set in Municipal Court.")
    assert [k for _, _, k in streets(text)] == ["superior avenue", "pine court"]


def test_one_street_spelt_a_letter_apart_is_one_street() -> None:
    # one paper writes "Marbury Lane", the next "Marberry Lane"?: two letters, two streets;
    # "Tanglewood Drive" and "Tanglewod Drive": one letter, one street
    assert spelt_alike(frozenset({"tanglewood drive"}), frozenset({"tanglewod drive"}))
    assert not spelt_alike(frozenset({"marbury lane"}), frozenset({"marberry lane"}))
    assert not spelt_alike(frozenset({"tanglewood drive"}), frozenset({"tanglewood court"}))
    assert not spelt_alike(frozenset({"34th street"}), frozenset({"24th street"}))
    assert not spelt_alike(frozenset({"elm street"}), frozenset({"ely street"}))
    one = keyed(report("wagt-1#1", ASHFORD, "2018-06-08", killed=1),
                "A man was shot dead Friday at a home on Tanglewood Drive in Ashford.")
    two = keyed(report("wrdw-2#1", ASHFORD, "2018-06-08", killed=1),
                "Police said the man was killed Friday on Tanglewod Drive in Ashford.")
    far = keyed(report("wjbf-3#1", ASHFORD, "2018-06-08", killed=1),
                "Police said the man was killed Friday on Riverside Drive in Ashford.")
    assert compare(features(0, one), features(1, two)).veto is None
    assert compare(features(0, one), features(1, far)).veto is not None


def test_the_same_people_outweigh_a_toll_read_otherwise() -> None:
    # one paper's toll is misread (a time, a house number, the first count): the same two people
    # named with their ages say it is one shooting; without them 1 and 7 dead are two
    text = ("Dante Price, 19, died and Lena Ortiz, 23, was hurt when shots were fired Friday in Ashford. "
            "Price was a student; Ortiz is recovering.")
    one = keyed(report("wagt-1#1", ASHFORD, "2018-06-08", killed=1), text)
    seven = keyed(report("wrdw-2#1", ASHFORD, "2018-06-08", killed=7), text)
    pair = compare(features(0, one), features(1, seven))
    assert pair.veto is None and {"killed_differ", "killed_differ_same_day"} & set(pair.features)
    plain = report("wrdw-2#1", ASHFORD, "2018-06-08", killed=7)
    assert compare(features(0, one), features(1, plain)).veto == "other figures: killed 1 vs 7"


DUNMORE = Location(name="Dunmore", country="United States", admin1="Georgia", lat=33.95, lon=-83.90,
                   precision="city")


def test_the_same_street_and_figure_on_one_day_outweigh_two_towns() -> None:
    # one paper puts the shooting in its own city, the other in the town where it was: the same
    # street, the same day and the same wounded say it is one
    one = keyed(report("wagt-1#1", ASHFORD, "2018-06-08", injured=1),
                "A teenager was wounded Friday on Quarry Hollow Road, police said.")
    two = keyed(report("wrdw-2#1", DUNMORE, "2018-06-08", injured=1),
                "Deputies said a boy was shot and wounded Friday on Quarry Hollow Road.")
    assert compare(features(0, one), features(1, two)).veto is None
    # a day apart, other wounded, or no street in common: two towns, two shootings
    later = keyed(report("wrdw-2#1", DUNMORE, "2018-06-09", injured=1),
                  "Deputies said a boy was shot and wounded Saturday on Quarry Hollow Road.")
    assert compare(features(0, one), features(1, later)).veto is not None
    more = keyed(report("wrdw-2#1", DUNMORE, "2018-06-08", injured=3),
                 "Deputies said three people were wounded Friday on Quarry Hollow Road.")
    assert compare(features(0, one), features(1, more)).veto == "other place"
    plain = report("wrdw-2#1", DUNMORE, "2018-06-08", injured=1)
    assert compare(features(0, one), features(1, plain)).veto == "other place"

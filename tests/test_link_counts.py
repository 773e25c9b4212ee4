"""Fewer incidents for one shooting (docs/linking.md, the incident count): a story told in several
reports whose toll is read otherwise by another paper naming the same people; one article's story
read twice, tied together by another paper naming its people. The texts are our own, written for
these tests."""

from __future__ import annotations

import datetime as dt

from strikewatch.link import link
from strikewatch.link.features import features
from strikewatch.link.similarity import compare
from strikewatch.model import Claim, Count, Dates, Location, Report, Span

ASHFORD = Location(name="Ashford", country="United States", admin1="Georgia", lat=33.71, lon=-84.12,
                   precision="city")
BRANT = Location(name="Brant County", country="United States", admin1="Georgia", lat=33.80, lon=-84.20,
                 precision="district")
DUNMORE = Location(name="Dunmore", country="United States", admin1="Georgia", lat=33.95, lon=-83.90,
                   precision="city")


def _n(value: int | None) -> Count | None:
    return Count(low=value, best=value) if value is not None else None


def report(rid: str, loc: Location, day: str, published: str, *, killed: int | None = None,
           injured: int | None = None, names: tuple[str, ...] = (), streets: tuple[str, ...] = (),
           ages: tuple[str, ...] = ()) -> Report:
    """A report whose keys (keys.py) are given as evidence spans, as the key finder leaves them."""
    d = dt.date.fromisoformat(day)
    keys = [Span(start=0, end=len(t), text=t, field=f) for f, ts in (("name", names), ("address", streets),
                                                                        ("age", ages)) for t in ts]
    return Report(id=rid, article=rid.split("#")[0], event_type="Violence against civilians", sub_event_type="Attack",
                  date=Dates(start=d, end=d, precision="day", basis="explicit"), location=loc,
                  claims=[Claim(killed=_n(killed), injured=_n(injured))],
                  evidence=[Span(start=0, end=4, text="shot", field="killed"), *keys],
                  outlet=rid.split("-")[0], published=dt.date.fromisoformat(published))


def test_the_same_people_outweigh_a_toll_read_otherwise_in_a_story_told_twice() -> None:
    # one paper tells the shooting at the town and at the county (a restatement that folds), five
    # dead; another reads one dead (a misread count) but names the same street and two ages: as a
    # pair they link (similarity._same_people), and the folded story's tolls must not keep them apart
    keys = {"streets": ("412 Harmon Avenue",), "ages": ("a 23-year-old", "a 31-year-old")}
    town = report("wagt-1#1", ASHFORD, "2018-06-08", "2018-06-09", killed=5, **keys)  # type: ignore[arg-type]
    county = report("wagt-1#2", BRANT, "2018-06-08", "2018-06-09", killed=5, **keys)  # type: ignore[arg-type]
    other = report("wrdw-2#1", ASHFORD, "2018-06-08", "2018-06-09", killed=1, **keys)  # type: ignore[arg-type]
    assert compare(features(0, town), features(1, other)).linked
    assert [i.reports for i in link([town, county, other]).incidents] == [["wagt-1#1", "wagt-1#2", "wrdw-2#1"]]
    # without the people in common, 5 and 1 dead are two shootings
    plain = report("wrdw-2#1", ASHFORD, "2018-06-08", "2018-06-09", killed=1)
    assert len(link([town, county, plain]).incidents) == 2


def test_an_article_read_twice_joins_when_another_paper_ties_both_readings() -> None:
    # the first paper tells the shooting twice: Friday's five wounded on Harmon Avenue, and Monday,
    # when Marcus Dell died of his wounds; the extractor keeps them apart (another day, both read
    # firmly). The second paper's Friday story names the street and Dell: it links to both readings,
    # which are one story, so the shooting is one incident, not two
    friday = report("wsvn-1#1", ASHFORD, "2018-06-08", "2018-06-12", injured=5, streets=("Harmon Avenue",))
    monday = report("wsvn-1#2", ASHFORD, "2018-06-11", "2018-06-12", killed=1, injured=5,
                    names=("Marcus Dell",))
    told = report("wplg-2#1", ASHFORD, "2018-06-08", "2018-06-09", injured=5, names=("Marcus Dell",),
                  streets=("Harmon Avenue",))
    assert compare(features(0, told), features(1, friday)).linked
    assert compare(features(0, told), features(1, monday)).linked
    assert [i.reports for i in link([friday, monday, told]).incidents] == [["wplg-2#1", "wsvn-1#1", "wsvn-1#2"]]


def test_an_article_telling_two_towns_stays_two_incidents() -> None:
    # the same, but the first paper's Monday reading is in another town: two places, two shootings,
    # even though the second paper names two of its people (they link as a pair)
    friday = report("wsvn-1#1", ASHFORD, "2018-06-08", "2018-06-12", injured=5, streets=("Harmon Avenue",))
    elsewhere = report("wsvn-1#2", DUNMORE, "2018-06-11", "2018-06-12", killed=1, injured=5,
                       names=("Marcus Dell", "Rita Vance"))
    told = report("wplg-2#1", ASHFORD, "2018-06-08", "2018-06-09", injured=5, names=("Marcus Dell", "Rita Vance"),
                  streets=("Harmon Avenue",))
    assert compare(features(0, told), features(1, elsewhere)).linked
    assert len(link([friday, elsewhere, told]).incidents) == 2


def _arrest(r: Report) -> Report:
    return r.model_copy(update={"event_type": "Strategic developments", "sub_event_type": "Arrests"})


def test_an_arrest_told_on_the_shooting_day_with_an_age_in_common_is_its_story() -> None:
    # "police arrested a 30-year-old man" the day two people were wounded in the same town, where
    # the other paper's victim is 30 too: the arrest's story is the shooting's, not another event
    shot = report("wbal-1#1", ASHFORD, "2018-06-08", "2018-06-08", injured=2, ages=("a 30-year-old",))
    held = _arrest(report("wjz-2#1", ASHFORD, "2018-06-08", "2018-06-09", ages=("a 30-year-old", "a 7-year-old")))
    pair = compare(features(0, shot), features(1, held))
    assert pair.veto is None and "outweighed" in " ".join(pair.reasons)
    # another day, another town or no age in common: an arrest is another event
    later = _arrest(report("wjz-2#1", ASHFORD, "2018-06-09", "2018-06-09", ages=("a 30-year-old",)))
    assert compare(features(0, shot), features(1, later)).veto == "other event type"
    away = _arrest(report("wjz-2#1", DUNMORE, "2018-06-08", "2018-06-09", ages=("a 30-year-old",)))
    assert compare(features(0, shot), features(1, away)).veto == "other event type"
    other = _arrest(report("wjz-2#1", ASHFORD, "2018-06-08", "2018-06-09", ages=("a 45-year-old",)))
    assert compare(features(0, shot), features(1, other)).veto == "other event type"


FARLEY = Location(name="Farley County", country="United States", admin1="Georgia", lat=34.60, lon=-84.90,
                  precision="district")


def _undated(r: Report) -> Report:
    """The story gives no date of its own: the extractor's fallback, the publication day or the day before."""
    pub = r.published
    assert pub is not None
    return r.model_copy(update={"date": Dates(start=pub - dt.timedelta(days=1), end=pub, precision="day",
                                              basis="publication")})


def test_a_countys_undated_story_naming_the_towns_victim_is_told_after() -> None:
    # Friday's story places the shooting in Ashford; the sheriff's undated story on Sunday places it
    # in Brant County (Ashford lies in it) and names the same victim: a follow-up of that shooting
    shot = report("wgxa-1#1", ASHFORD, "2018-06-08", "2018-06-08", killed=1, names=("Tomas Reyna",))
    told = _undated(report("wmaz-2#1", BRANT, "2018-06-10", "2018-06-10", killed=1, names=("Tomas Reyna",)))
    pair = compare(features(0, shot), features(1, told))
    assert "told_after" in pair.features and pair.linked
    # a figure alone is not enough at the county (its round-ups give every town's "1 dead"), nor
    # is a county whose point lies far from the town
    plain = _undated(report("wmaz-2#1", BRANT, "2018-06-10", "2018-06-10", killed=1))
    assert "told_after" not in compare(features(0, shot), features(1, plain)).features
    far = _undated(report("wmaz-2#1", FARLEY, "2018-06-10", "2018-06-10", killed=1, names=("Tomas Reyna",)))
    assert "told_after" not in compare(features(0, shot), features(1, far)).features


def test_an_article_read_twice_joins_whatever_the_order() -> None:
    # incremental linking (the store's) gives the one-shot answer: the article first, then the paper
    # that ties its readings, or the other way round
    friday = report("wsvn-1#1", ASHFORD, "2018-06-08", "2018-06-12", injured=5, streets=("Harmon Avenue",))
    monday = report("wsvn-1#2", ASHFORD, "2018-06-11", "2018-06-12", killed=1, injured=5,
                    names=("Marcus Dell",))
    told = report("wplg-2#1", ASHFORD, "2018-06-08", "2018-06-09", injured=5, names=("Marcus Dell",),
                  streets=("Harmon Avenue",))
    whole = link([friday, monday, told]).incidents
    for first, then in (([friday, monday], [told]), ([told], [friday, monday])):
        before = link(first).incidents
        after = link(then, existing=before, existing_reports=first).incidents
        assert [(i.id, i.reports) for i in after] == [(i.id, i.reports) for i in whole]


def test_an_age_and_a_toll_in_common_outweigh_a_type_read_from_the_wording() -> None:
    # one paper's wording ("a blast of gunfire") made the shooting a bombing; the other's is a
    # shooting: the same town and day, two dead and a 17-year-old in both are one incident
    shot = report("khou-1#1", ASHFORD, "2018-06-08", "2018-06-08", killed=2, ages=("a 17-year-old",))
    blast = report("kprc-2#1", ASHFORD, "2018-06-08", "2018-06-09", killed=2, ages=("a 17-year-old", "a 19-year-old"))
    blast = blast.model_copy(update={"event_type": "Explosions/Remote violence",
                                     "sub_event_type": "Remote explosive/landmine/IED"})
    assert compare(features(0, shot), features(1, blast)).linked
    # the age alone, or the toll alone, leave the type's veto standing
    for other in (blast.model_copy(update={"claims": [Claim(killed=_n(5))]}),
                  blast.model_copy(update={"evidence": blast.evidence[:1]})):
        assert compare(features(0, shot), features(1, other)).veto == "other event type"

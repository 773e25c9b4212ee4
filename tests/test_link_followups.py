"""Soft evidence, follow-ups, restatements and learnt weights (docs/linking.md): a guessed date or
type weighs nothing for or against a link; a story days later links when a named person or street
ties it; restatements inside one article fold; the weights are data, validated when loaded.
The texts are our own, written for these tests."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

import pytest

from strikewatch.errors import DataFileError
from strikewatch.link import link
from strikewatch.link.features import features
from strikewatch.link.keys import annotate, names, streets
from strikewatch.link.similarity import compare
from strikewatch.link.weights import FEATURES, check
from strikewatch.model import Article, Claim, Count, Dates, Location, Report, Span

SPRINGDALE = Location(name="Springdale", country="United States", admin1="Ohio", lat=39.287, lon=-84.485,
                      precision="city")

FIRST = ("Man shot dead outside corner store\n\nA 27-year-old man was shot and killed late Saturday on "
         "Harmon Avenue, police said. Officers identified him as Darnell Okafor, 27, of Springdale. "
         "Okafor was pronounced dead at the scene. Lieutenant Ray Miller said no arrest had been made.")
LATER = ("Suspect charged in Harmon Avenue killing\n\nPolice on Wednesday charged a 19-year-old with murder in "
         "the death of Darnell Okafor. Okafor, a father of two, was shot outside a store on Saturday night. "
         "The suspect, Tyrell Banks, was arrested at a relative's home. Banks is held without bond.")
OTHER = ("Woman wounded in drive-by\n\nA woman was hurt Tuesday when shots were fired into a house on "
         "Linden Street. Police did not name her. Detectives asked witnesses to call.")


def shooting(rid: str, article: str, date: Dates, *, killed: int | None = 1, published: str = "2016-05-15",
             sub: str = "Attack", event: str = "Violence against civilians", flags: list[str] | None = None) -> Report:
    return Report(id=rid, article=article, event_type=event, sub_event_type=sub, date=date, location=SPRINGDALE,
                  claims=[Claim(killed=Count(low=killed, best=killed) if killed is not None else None)],
                  evidence=[Span(start=0, end=10, text="shot dead")], outlet=article.split("-")[0],
                  published=dt.date.fromisoformat(published), flags=flags or [])


def on(day: str, basis: str = "explicit") -> Dates:
    d = dt.date.fromisoformat(day)
    return Dates(start=d, end=d, precision="day", basis=basis)


def guessed(published: str) -> Dates:
    """What the extractor says when the text gives no date: the publication day or the day before."""
    p = dt.date.fromisoformat(published)
    return Dates(start=p - dt.timedelta(days=1), end=p, precision="period", basis="publication")


# --- names and streets ---------------------------------------------------------------------------

def test_link_keys_find_people_named_in_full_and_streets() -> None:
    assert [k for _, _, k in names(FIRST)] == ["darnell okafor"]  # the lieutenant is named once only
    assert [k for _, _, k in names(LATER)] == ["darnell okafor", "tyrell banks"]
    assert [k for _, _, k in streets(FIRST)] == ["harmon avenue"]
    assert names(OTHER) == [] and [k for _, _, k in streets(OTHER)] == ["linden street"]


def test_link_keys_are_evidence_spans_of_the_report() -> None:
    art = Article(id="wlky-1", text=FIRST)
    r = shooting("wlky-1#1", "wlky-1", on("2016-05-14"))
    annotate(art, [r])
    found = {(s.field, s.text) for s in r.evidence if s.field in ("name", "address")}
    assert found == {("name", "Darnell Okafor"), ("address", "Harmon Avenue")}
    for s in r.evidence:
        if s.field in ("name", "address"):
            assert FIRST[s.start:s.end] == s.text
    annotate(art, [r])  # twice is once
    assert sum(s.field == "name" for s in r.evidence) == 1


# --- soft evidence -------------------------------------------------------------------------------

def test_link_a_guessed_date_neither_vetoes_nor_scores() -> None:
    # the later story gives no date: its fallback (the 17th or 18th) must not call the 14th another day
    a = shooting("a#1", "a", on("2016-05-14"), published="2016-05-15")
    b = shooting("b#1", "b", guessed("2016-05-16"), published="2016-05-16")
    pair = compare(features(0, a), features(1, b))
    assert pair.veto is None
    assert "date guessed from the publication day: no evidence" in pair.reasons
    assert not any(f.startswith("date_") and f != "date_guessed" for f in pair.features)
    # a real date two days off is another day
    c = shooting("c#1", "c", on("2016-05-16"), published="2016-05-16")
    assert compare(features(0, a), features(1, c)).veto == "other day"


def test_link_an_undated_story_days_after_links_on_the_town_and_a_figure_in_common() -> None:
    # the later story gives no date ("deputies arrested a man in the shooting"): its guessed day
    # says nothing, but out within the week after a dated story of the very same town, with the
    # toll in common, it tells that shooting
    a = shooting("a#1", "a", on("2016-05-14"), published="2016-05-15", flags=["sub-event-guessed"])
    b = shooting("b#1", "b", guessed("2016-05-19"), published="2016-05-19", flags=["sub-event-guessed"])
    pair = compare(features(0, a), features(1, b))
    assert "told_after" in pair.features and pair.linked
    assert "date guessed from the publication day: no evidence" in pair.reasons
    # the town alone (no toll, person, street or age in common) fits every shooting of a city's week
    bare = shooting("c#1", "c", guessed("2016-05-19"), published="2016-05-19", killed=None, flags=["sub-event-guessed"])
    assert "told_after" not in compare(features(0, a), features(1, bare)).features
    # nor does it count for a story out more than a week after, or for a story told before
    late = shooting("d#1", "d", guessed("2016-05-24"), published="2016-05-24", flags=["sub-event-guessed"])
    assert "told_after" not in compare(features(0, a), features(1, late)).features
    early = shooting("e#1", "e", guessed("2016-05-13"), published="2016-05-13", flags=["sub-event-guessed"])
    assert "told_after" not in compare(features(0, a), features(1, early)).features


def test_link_an_arrest_told_with_the_shooting_s_toll_is_that_shooting_s_story() -> None:
    # "deputies arrested a man on Saturday in the shooting that killed one": an arrest kills no
    # one, so the toll read with it is the shooting's; the type is no evidence against the pair
    shot = shooting("a#1", "a", on("2016-05-14"), published="2016-05-15")
    arrest = shooting("b#1", "b", on("2016-05-14"), published="2016-05-15", sub="Arrests",
                      event="Strategic developments")
    pair = compare(features(0, shot), features(1, arrest))
    assert pair.veto is None and pair.linked
    # an arrest with no toll in common is another event of the town's day
    other = shooting("c#1", "c", on("2016-05-14"), published="2016-05-15", sub="Arrests",
                     event="Strategic developments", killed=3)
    assert compare(features(0, shot), features(1, other)).veto == "other event type"


def test_link_a_guessed_type_neither_vetoes_nor_scores() -> None:
    a = shooting("a#1", "a", on("2016-05-14"))
    # (an armed clash would not do: it is a type one shooting may be told as, link/compat.py)
    b = shooting("b#1", "b", on("2016-05-14"), event="Explosions/Remote violence", sub="Air/drone strike")
    assert compare(features(0, a), features(1, b)).veto == "other event type"
    b.flags.append("sub-event-guessed")
    pair = compare(features(0, a), features(1, b))
    assert pair.veto is None and "event type guessed: no evidence" in pair.reasons
    assert "type_same" not in pair.features and "type_differ" not in pair.features
    same = shooting("c#1", "c", on("2016-05-14"), flags=["sub-event-guessed"])
    assert "type_same" not in compare(features(0, a), features(1, same)).features


# --- follow-ups ----------------------------------------------------------------------------------

def test_link_a_follow_up_days_later_links_on_a_named_victim() -> None:
    first = shooting("wlky-1#1", "wlky-1", on("2016-05-14"), published="2016-05-15")
    later = shooting("wcpo-9#1", "wcpo-9", on("2016-05-18"), published="2016-05-18")  # the charging day
    annotate(Article(id="wlky-1", text=FIRST), [first])
    annotate(Article(id="wcpo-9", text=LATER), [later])
    res = link([first, later])
    assert [i.reports for i in res.incidents] == [["wcpo-9#1", "wlky-1#1"]]
    reasons = res.incidents[0].links[0].reasons
    assert "follow-up 4 days apart" in reasons and "named in both: darnell okafor" in reasons
    # the same two stories without the name: four days apart is another shooting
    plain = [r.model_copy(update={"evidence": r.evidence[:1]}) for r in (first, later)]
    assert len(link(plain).incidents) == 2


BRIEF = ("Springdale shooting\n\nOne man died after gunfire outside a store on Saturday night. Police gave "
         "no details.")


def test_link_a_follow_up_s_own_day_does_not_keep_a_third_story_of_the_shooting_away() -> None:
    # another outlet told Saturday's shooting without a name; the charging story four days later
    # names the victim and the street of the first: read on the day it follows, it vetoes nothing
    first = shooting("wlky-1#1", "wlky-1", on("2016-05-14"), published="2016-05-15")
    later = shooting("wcpo-9#1", "wcpo-9", on("2016-05-18"), published="2016-05-18")
    brief = shooting("wkrc-4#1", "wkrc-4", on("2016-05-14"), published="2016-05-15")
    annotate(Article(id="wlky-1", text=FIRST), [first])
    annotate(Article(id="wcpo-9", text=LATER), [later])
    annotate(Article(id="wkrc-4", text=BRIEF), [brief])
    assert [i.reports for i in link([first, later, brief]).incidents] == [["wcpo-9#1", "wkrc-4#1", "wlky-1#1"]]
    # tied by one name only (no street, no age in common), the follow-up's day still holds it apart
    lone = shooting("wcpo-9#1", "wcpo-9", on("2016-05-18"), published="2016-05-18")
    annotate(Article(id="wcpo-9", text="Police on Wednesday charged a man in the death of Darnell Okafor. "
                                       "Okafor was shot outside a store."), [lone])
    groups = [i.reports for i in link([first, lone, brief]).incidents]
    assert not any({"wcpo-9#1", "wkrc-4#1"} <= set(g) for g in groups), groups


def test_link_a_follow_up_more_than_a_week_later_needs_the_same_people() -> None:
    first = shooting("wlky-1#1", "wlky-1", on("2016-05-14"), published="2016-05-15")
    # named by the victim alone, a story weeks later is another shooting: one name is common enough
    lone = shooting("wcpo-9#1", "wcpo-9", on("2016-06-02"), published="2016-06-02")
    annotate(Article(id="wlky-1", text=FIRST), [first])
    annotate(Article(id="wcpo-9", text="A vigil was held Thursday for Darnell Okafor. Okafor's family spoke."),
             [lone])
    assert len(link([first, lone]).incidents) == 2
    # the trial eight months on names the victim and the street of the shooting: the same people
    trial = shooting("wcpo-9#1", "wcpo-9", on("2017-01-19"), published="2017-01-19", sub="Arrests",
                     event="Strategic developments", killed=None)
    annotate(Article(id="wcpo-9", text=TRIAL), [trial])
    res = link([first, trial])
    assert [i.reports for i in res.incidents] == [["wcpo-9#1", "wlky-1#1"]]
    assert "follow-up 250 days apart" in res.incidents[0].links[0].reasons


TRIAL = ("Jury convicts man in Harmon Avenue killing\n\nA jury on Thursday found Tyrell Banks guilty of murder "
         "in the death of Darnell Okafor, who was shot outside a store on Harmon Avenue last May. Okafor was 27. "
         "Banks will be sentenced in March.")


# --- restatements --------------------------------------------------------------------------------

def test_link_a_headline_toll_and_the_body_fold_and_link_together() -> None:
    # the headline's guess-dated "1 dead" and the body's dated report are one shooting; another
    # outlet's report of the 14th links to the pair, not to one half of it
    head = shooting("wkrc-2#1", "wkrc-2", guessed("2016-05-15"), published="2016-05-15")
    body = shooting("wkrc-2#2", "wkrc-2", on("2016-05-14"), killed=None, published="2016-05-15")
    other = shooting("wlwt-3#1", "wlwt-3", on("2016-05-14"), published="2016-05-15")
    res = link([head, body, other])
    assert [i.reports for i in res.incidents] == [["wkrc-2#1", "wkrc-2#2", "wlwt-3#1"]]


def test_link_two_tolls_of_one_article_that_disagree_do_not_fold() -> None:
    a = shooting("wkrc-2#1", "wkrc-2", on("2016-05-14"), killed=1)
    b = shooting("wkrc-2#2", "wkrc-2", on("2016-05-14"), killed=6)
    assert len(link([a, b]).incidents) == 2


# --- weights as data -----------------------------------------------------------------------------

def test_link_weights_file_is_valid_and_complete() -> None:
    data = json.loads(resources.files("strikewatch.data").joinpath("link", "weights.json").read_text())
    tables = check(data)
    assert set(tables["weights"]) == set(FEATURES) == set(tables["prior"])
    assert tables["weights"]["date_guessed"] == 0.0  # a guess weighs nothing, fitted or not


def test_link_weights_problems_are_all_reported() -> None:
    prior = {f: 0.0 for f in FEATURES}
    bad = {"prior": prior, "weights": {**{f: 0.0 for f in FEATURES if f != "name_shared"}, "date_same": "2",
                                       "typo_feature": 1.0}}
    with pytest.raises(DataFileError) as err:
        check(bad)
    text = str(err.value)
    assert "no weight for name_shared" in text and "date_same" in text and "typo_feature" in text


def test_link_a_trial_months_later_meets_its_shooting_in_a_scoring_block() -> None:
    # spread over workers (strikewatch.scale), the pair must still meet: no time window holds both
    from strikewatch.link.blocking import candidate_pairs
    from strikewatch.scale.blocks import LinkKey, is_fresh, link_weeks, people_of, scoring_blocks

    first = shooting("wlky-1#1", "wlky-1", on("2016-05-14"), published="2016-05-15")
    trial = shooting("wcpo-9#1", "wcpo-9", on("2017-01-19"), published="2017-01-19", killed=None)
    annotate(Article(id="wlky-1", text=FIRST), [first])
    annotate(Article(id="wcpo-9", text=TRIAL), [trial])
    feats = [features(0, first), features(1, trial)]
    assert list(candidate_pairs(feats)) == [(0, 1)]
    keys = [LinkKey((0, f.index), f.id, f.country, f.admin1, link_weeks(f), f.article, people_of(f, link_weeks(f)))
            for f in feats]
    met = [block for block, refs in scoring_blocks(keys).items() if len(refs) == 2
           and any(is_fresh(block, feats[p].admin1, link_weeks(feats[p]) or ()) for _, p in refs)]
    # the person's block, and the street's (a street with an age ties stories up to six weeks apart)
    assert sorted(met) == [("united states", "ohio", "person:darnell okafor"),
                           ("united states", "ohio", "person:harmon avenue")]

"""Monitors' notes of regional news (issue 11, ACLED Africa): two days listed are no tally, a verbless
"and N X dead" after a first toll, a note's subject without its article, and deaths of people told with
no figure (ACLED's "unknown number"). Sentences of our own wording; each would fail without its rule."""

from __future__ import annotations

import pytest

from strikewatch.model import Article


def reports(extractor, text):
    return extractor.extract(Article(id="note", text=text, published="2016-06-20"))


def dead(extractor, text):
    return [k.best if k.best is not None else k.low for r in reports(extractor, text) if r.kind == "incident"
            for c in r.claims if (k := c.killed) is not None]


def test_two_days_joined_by_and_are_one_incident_not_a_tally(extractor):
    # "on 3 and 8 June" names two days a feud ran over, not the stretch between them
    text = "Fighting between Tiv and Jukun farmers on 3 and 8 June killed three Jukuns in the Wukari area."
    kinds = [(r.kind, c.killed.best) for r in reports(extractor, text) for c in r.claims if c.killed]
    assert kinds == [("incident", 3)]


def test_a_range_of_days_is_still_a_tally(extractor):
    text = "Between 12 and 17 June, 40 people were killed in raids across the Kasai region."
    assert dead(extractor, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # the second side's dead told without a verb add to the first figure
        ("Two policemen were killed in the raid and five gunmen dead.", [7]),
        ("Twelve farmers were killed in the clash with militia fighters, and 7 militiamen dead.", [19]),
    ],
)
def test_a_verbless_dead_after_a_toll_adds_its_own_people(extractor, text, expected):
    assert dead(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a note drops the article of its subject, and the small parser hangs it on the first verb
        ("Army officer found near the border was shot and killed by guards.", [1]),
        ("Police officer was killed by gunmen in the market of Gulu.", [1]),
        # a death with its own auxiliary keeps its own subject, however far the parser hangs it
        ("A trader, Karim, favoured to win the council election as an independent candidate was shot dead "
         "by masked men while campaigning in Mardan.", [1]),
    ],
)
def test_a_subject_without_its_article_is_one_person(extractor, text, expected):
    assert dead(extractor, text) == expected


def test_a_thing_without_its_article_is_nobody(extractor):
    assert dead(extractor, "Ammunition found in the car was destroyed and burned by the army.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # deaths that happened, of people with no figure: ACLED's code for an unknown number, 10
        ("Air strikes on the camp killed militants and civilians in the village.", [10]),
        ("Troops shelled the camp near Gao, killing fighters and civilians.", [10]),
        # a figure given wins, and nothing is added to it
        ("Gunmen killed five traders and wounded customers at the market in Jos.", [5]),
        # a charge or a habit is no death told
        ("Soldiers in Bunia were accused of killing protesters.", []),
        ("Militants often kill civilians in the district of Beni.", []),
    ],
)
def test_deaths_of_people_with_no_figure_are_an_unknown_number(extractor, text, expected):
    assert dead(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a note's present tense the small parser reads as a noun ("bombers detonate"): the bombers
        # still die by their own blast, the toll when no other dead are told
        ("Three suicide bombers detonate at a bus depot, killing only themselves.", [3]),
        ("Two suicide bombers detonate at a market, killing themselves and five shoppers.", [5]),
    ],
)
def test_bombers_of_a_telegraphic_note_killing_themselves(extractor, text, expected):
    assert dead(extractor, text) == expected

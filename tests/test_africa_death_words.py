"""Monitors' notes (issue 11, branch africa10): death words the reader lacked. Corpses are bodies
("the corpses of 6 men were found"; the small model lemmatises "corpses" to "corps"), and drowning is
a death ("four people drowned while fleeing an attack"). Sentences of our own wording; each read
nothing before."""

from __future__ import annotations

import datetime as dt

import pytest

from strikewatch.model import Article


def dead(extractor, text):
    reports = extractor.extract(Article(id="n", text=text, published=dt.date(2016, 6, 20)))
    return [k.best if k.best is not None else k.low for r in reports if r.kind == "incident"
            for c in r.claims if (k := c.killed) is not None]


@pytest.mark.parametrize("text, n", [
    ("The corpses of 6 men were found in a river near Bujumbura.", 6),
    ("Residents recovered the corpses of two herders near Gao.", 2),
    ("Police found 3 corpses in a forest near Beni.", 3),
    ("Four people drowned while fleeing an attack on their village near Beni.", 4),
    ("Two fishermen drowned when soldiers capsized their boat on Lake Albert.", 2),
])
def test_corpses_and_drowning_are_deaths(extractor, text, n):
    assert dead(extractor, text) == [n]


def test_the_army_corps_is_no_body(extractor):
    assert dead(extractor, "Soldiers of the engineering corps were deployed to Gao after the clashes.") == []


def test_people_who_perished_in_a_burning_make_it_an_attack(extractor):
    reports = extractor.extract(Article(id="n", text="Five people perished when attackers set their house ablaze in Bria.",
                                        published=dt.date(2016, 6, 20)))
    assert [r.event_type for r in reports if r.kind == "incident"] == ["Violence against civilians"]


@pytest.mark.parametrize("text, n", [
    # the parser joins "three" to the verb, not to the first object
    ("Soldiers killed the militant commander and three of his bodyguards near Bosaso.", 4),
    ("Troops shot dead the gang leader and two of his men near Kismayo.", 3),
    # already read: the conjunct on the first object
    ("Gunmen killed the chief and two of his sons in Bunia.", 3),
])
def test_a_second_object_told_as_part_of_a_group_is_killed_too(extractor, text, n):
    assert dead(extractor, text) == [n]


@pytest.mark.parametrize("text, n", [
    # bodies collected or evacuated, and the perfect tense of any verb of finding bodies
    ("The Red Cross said it had collected 23 bodies after the fighting in Bangui.", 23),
    ("Volunteers collected the bodies of 11 people in the streets of Bangui after the clashes.", 11),
    ("The bodies of 4 soldiers were evacuated from the front line near Sirte.", 4),
    ("Rescuers said they had recovered 9 bodies from the rubble of the market in Gao.", 9),
])
def test_bodies_collected_are_the_dead(extractor, text, n):
    assert dead(extractor, text) == [n]


def test_things_collected_are_no_dead(extractor):
    assert dead(extractor, "Residents collected empty cartridges after the clashes in Bangui.") == []

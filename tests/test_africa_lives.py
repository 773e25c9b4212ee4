"""Monitors' notes (issue 11, ACLED Africa 2016, branch africa10): a toll told in lives, with the lives
as the figure's own noun ("claimed 20 lives", "cost 15 lives", "five lives were lost"). Sentences of our
own wording; each read nothing before."""

from __future__ import annotations

import datetime as dt

import pytest

from strikewatch.model import Article


def dead(extractor, text):
    reports = extractor.extract(Article(id="n", text=text, published=dt.date(2016, 6, 20)))
    return [k.best if k.best is not None else k.low for r in reports if r.kind == "incident"
            for c in r.claims if (k := c.killed) is not None]


@pytest.mark.parametrize("text, n", [
    ("Fighting between two clans near Bor claimed 20 lives.", 20),
    ("The raid on the village in Zamfara claimed at least 12 lives.", 12),
    ("The clashes claimed four lives in Bunia on Sunday.", 4),
    ("The ambush near Mopti cost nine lives.", 9),
    ("Five lives were lost in the clashes in Bunia.", 5),
    # the lives of named people: read before, kept
    ("The explosion in Mogadishu claimed the lives of 5 soldiers.", 5),
])
def test_a_toll_told_in_lives(extractor, text, n):
    assert dead(extractor, text) == [n]


@pytest.mark.parametrize("text", [
    "Medics in Bunia saved 20 lives after the clashes.",
    "The new clinic in Bor will save many lives.",
])
def test_lives_saved_are_no_toll(extractor, text):
    assert dead(extractor, text) == []


@pytest.mark.parametrize("text", [
    "Women formed a human chain in Churu on Saturday remembering the nine lives lost during the protest against "
    "the new land law.",
    "Residents held a candlelight vigil in Kano for the twelve lives lost in the clashes.",
])
def test_lives_lost_told_back_in_a_memorial_are_no_toll(extractor, text):
    assert dead(extractor, text) == []

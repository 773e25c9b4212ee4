"""Killed and injured figures on real sentences (seeds) and on phrasing of our own."""

from __future__ import annotations

import pytest

from strikewatch.extract.casualties import find_casualties


def facts(nlp, lexicons, text):
    out = find_casualties(nlp(text)[:], lexicons)
    return [(f.role, f.count.low, f.count.best, f.count.high, f.category) for f in out.facts], out


@pytest.mark.parametrize(
    "text,expected",
    [
        # "at least" sets only the lower bound; killed-or-wounded is read as killed and flagged
        ("At least 39 people were killed or wounded in a series of air strikes on Raqqa.",
         [("killed", 39, None, None, "people")]),
        # "more than 40" supports 41 at the least
        ("An activist group said more than 40 had been killed.", [("killed", 41, None, None, None)]),
        # an exact figure: low = best = high
        ("The Observatory said 16 people were also killed in air strikes in Raqqa on Friday.",
         [("killed", 16, 16, 16, "people")]),
        # active voice, civilians
        ("Air strikes killed at least 39 civilians on Saturday in Raqa.", [("killed", 39, None, None, "civilians")]),
        # the hedge in front of a list applies to every member
        ("At least five children and seven women were among the dead.",
         [("killed", 5, None, None, "children"), ("killed", 7, None, None, "women")]),
        # "about" gives the best estimate; 40 vehicles and 100 trucks are not people
        ("Russian warplanes have flown 990 missions, destroying 40 armored vehicles, more than 100 trucks and "
         "killing about 800 militants, Rudskoi said.", [("killed", None, 800, None, "combatants")]),
        # numbers in words, a vague figure for the wounded
        ("A car bomb killed twenty-three people and wounded dozens in Idlib on Tuesday.",
         [("killed", 23, 23, 23, "people"), ("injured", 12, 12, None, None)]),
        # a list that splits the dead
        ("Shelling killed 5 civilians, including 3 children, and injured 10 others.",
         [("killed", 5, 5, 5, "civilians"), ("killed", 3, 3, 3, "children"), ("injured", 10, 10, 10, "people")]),
        # "a child and two women"
        ("A child and two women were killed when a shell hit their home.",
         [("killed", 1, 1, 1, "children"), ("killed", 2, 2, 2, "women")]),
        # a running toll
        ("The death toll rose to 55, the monitor said.", [("killed", 55, 55, 55, None)]),
        # injured only
        ("Twelve people were wounded when a mortar hit a market.", [("injured", 12, 12, 12, "people")]),
        # "up to" bounds from above
        ("Up to 50 people were killed in the raid.", [("killed", None, None, 50, "people")]),
        # people trapped are not casualties
        ("The UN estimates there are up to 25,000 civilians trapped inside the city.", []),
        # the deaths of
        ("It acknowledged the deaths of 624 civilians in its strikes since 2014.",
         [("killed", 624, 624, 624, "civilians")]),
    ],
)
def test_casualties_figures(nlp, lexicons, text, expected):
    assert facts(nlp, lexicons, text)[0] == expected


def test_casualties_nobody_killed_is_zero(nlp, lexicons):
    got, _ = facts(nlp, lexicons, "Nobody was killed in the attack, but 12 people were wounded.")
    assert ("killed", 0, 0, 0, None) in got  # the text says nobody: 0, not unknown
    assert ("injured", 12, 12, 12, "people") in got


def test_casualties_no_reports_of_casualties_is_unknown(nlp, lexicons):
    got, out = facts(nlp, lexicons, "Seventy raids hit the city, with no immediate reports of casualties.")
    assert got == []  # unknown is never 0
    assert out.unknown


def test_casualties_present_categories_without_figures(nlp, lexicons):
    _, out = facts(nlp, lexicons, "It said the dead included women and children and more than 60 people were wounded.")
    assert sorted(out.present) == ["children", "women"]
    assert [(f.role, f.count.low) for f in out.facts] == [("injured", 61)]


def test_casualties_killed_or_wounded_is_flagged(nlp, lexicons):
    _, out = facts(nlp, lexicons, "At least 39 people were killed or wounded in air strikes.")
    assert out.facts[0].ambiguous


def test_an_earlier_toll_quoted_with_the_new_one_is_not_the_figure(nlp, lexicons):
    doc = nlp("The Observatory said the strikes killed 55 people, raising its earlier toll of 10.")
    facts = find_casualties(doc[:], lexicons).facts
    assert [(f.role, f.count.best) for f in facts] == [("killed", 55)]


def test_two_groups_of_the_dead_add_up(nlp, lexicons):
    doc = nlp("Separately, 14 Islamic State fighters and six soldiers were killed in clashes near the airport.")
    facts = find_casualties(doc[:], lexicons).facts
    assert [(f.count.best, f.category, f.adds) for f in facts] == [(20, "combatants", False)]


def test_two_kinds_of_the_dead_add_up_and_keep_their_breakdown(nlp, lexicons):
    doc = nlp("Government shelling killed four policemen and two children in the market on Friday.")
    facts = find_casualties(doc[:], lexicons).facts
    assert [(f.count.best, f.category, f.subset_of) for f in facts] == [
        (6, "people", None), (4, "combatants", 0), (2, "children", 0)]

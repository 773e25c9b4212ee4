"""Children and women told as a breakdown of the dead ("..., including four women and six children, were
killed"; "the victims included ..."), read even where the parse hangs the list far from its predicate
(strikewatch/extract/casualties.py, `_breakdown_role`). Sentences written for these tests."""

from __future__ import annotations

import pytest

from strikewatch.extract.casualties import find_casualties
from strikewatch.model import Article


def facts(nlp, lexicons, text):
    doc = nlp(text)
    return [f for s in doc.sents for f in find_casualties(s, lexicons).facts]


def dead(nlp, lexicons, text, category):
    return [f.count.best if f.count.best is not None else f.count.low
            for f in facts(nlp, lexicons, text) if f.role == "killed" and f.category == category]


@pytest.mark.parametrize("text, children, women", [
    # the list sits between a long subject and its predicate
    ("On 2 June 2024, at least 14 civilians from the Haddad and Nasser families, including three women and "
     "six children, were killed in the strike on their building.", [6], [3]),
    ("At least 19 identified people belonging to two households, including a nurse, at least five women and eight "
     "children, were killed when the tower collapsed.", [8], [5]),
    # the list says who the dead were, with no predicate after it
    ("The victims of the shelling included four children, two women and an elderly man.", [4], [2]),
    ("Among the dead were between 20 and 25 civilians, including at least nine children, six women and five men.",
     [9], [6]),
])
def test_a_breakdown_of_the_dead_gives_the_children_and_the_women(nlp, lexicons, text, children, women):
    assert dead(nlp, lexicons, text, "children") == children
    assert dead(nlp, lexicons, text, "women") == women


def test_the_parts_of_a_breakdown_are_inside_the_figure(nlp, lexicons):
    got = facts(nlp, lexicons, "Among the dead were between 20 and 25 civilians, including at least nine children, "
                               "six women and five men.")
    wholes = [f for f in got if f.role == "killed" and f.subset_of is None]
    assert wholes and all(f.category not in ("children", "women") for f in wholes)
    assert not any(f.count.best == 5 for f in wholes)  # "five men" is a part, not the dead


def test_a_breakdown_of_the_wounded_is_not_of_the_dead(nlp, lexicons):
    text = ("Several people were killed and at least five civilians, including two children and a young man, "
            "were wounded in the raid.")
    assert dead(nlp, lexicons, text, "children") == []


def test_a_later_clause_of_injury_does_not_take_the_list(nlp, lexicons):
    text = ("The air strike killed 18 identified civilians, including five women and at least nine children, "
            "and wounded dozens of others.")
    got = facts(nlp, lexicons, text)
    women = [f for f in got if f.category == "women"]
    assert [(f.role, f.count.best) for f in women] == [("killed", 5)] and women[0].subset_of is not None


def test_a_part_that_names_no_category_does_not_become_the_toll(extractor):
    text = ("Between six and nine civilians were reported killed, including one paramedic and three children, "
            "when shells hit a clinic in Rafah on 4 June 2024.")
    reports = [r for r in extractor.extract(Article(id="t", text=text, outlet="Monitor")) if r.kind == "incident"]
    # "between six and nine" is a range, as "between 6 and 9" is: 6 to 9, no single best figure
    killed = {(c.killed.low, c.killed.high) for r in reports for c in r.claims if c.killed is not None}
    assert killed == {(6, 9)}
    assert any(c.victims.children is not None and c.victims.children.best == 3 for r in reports for c in r.claims)


def test_a_later_among_does_not_replace_the_figure_first_told(extractor):
    text = ("An air strike on a house in Rafah on 4 June 2024 killed 11 civilians, including seven children. "
            "Eight of the victims belonged to the Odeh family, including a mother and her five children.")
    reports = [r for r in extractor.extract(Article(id="t", text=text, outlet="Monitor")) if r.kind == "incident"]
    children = [c.victims.children.best for r in reports for c in r.claims if c.victims.children is not None]
    assert children == [7]


def test_one_of_the_children_told_again_far_from_the_figure_is_not_one_more(extractor):
    text = ("An air strike on a house in Rafah on 4 June 2024 killed nine civilians, including four children and "
            "two women. Neighbours said the building had three floors and that the family had moved there from the "
            "north a month before. Rescue teams worked through the night with their hands, and local radio asked "
            "people with heavy machinery to come to the street. Photographs posted the next morning show the roof "
            "resting on the ground floor. A 10-year-old boy, Sami Odeh, was also killed in the strike.")
    reports = [r for r in extractor.extract(Article(id="t", text=text, outlet="Monitor")) if r.kind == "incident"]
    children = [c.victims.children.best for r in reports for c in r.claims if c.victims.children is not None]
    killed = [c.killed.best for r in reports for c in r.claims if c.killed is not None]
    assert children == [4] and killed == [9]


def test_a_child_told_as_also_killed_right_after_the_figure_adds(extractor):
    text = ("Shelling killed two men in Khan Younis on 4 June 2024, medics said. A girl was also killed.")
    reports = [r for r in extractor.extract(Article(id="t", text=text, outlet="Monitor")) if r.kind == "incident"]
    killed = [c.killed.best for r in reports for c in r.claims if c.killed is not None]
    assert killed == [3]

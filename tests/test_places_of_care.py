"""The town of the hospital the wounded were taken to is not where the incident happened: a report
placed there splits one shooting into two incidents. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from strikewatch.extract import extract
from strikewatch.model import Article


def places(text: str) -> list[str | None]:
    reports = extract(Article(id="t", text=text, published=dt.date(2016, 5, 2)))
    return [r.location.name if r.location else None for r in reports if r.kind == "incident"]


@pytest.mark.parametrize("text,scene,care", [
    ("Man wounded outside Kokomo bar\n\nKOKOMO, Ind. — A man was shot early Sunday outside a bar on Main Street "
     "in Kokomo, police said. He was flown to a hospital in Indianapolis, where he was listed in critical "
     "condition on Sunday.", "Kokomo", "Indianapolis"),
    ("Teen shot in Laurel\n\nA 15-year-old boy was shot in the leg Saturday night in Laurel, police said. The boy "
     "was taken to a local clinic and later transferred to a children's hospital in Jackson on Saturday night.",
     "Laurel", "Jackson"),
    ("Woman shot in Albany\n\nA woman was shot during a robbery at a store in Albany, Oregon, on Monday. She was "
     "rushed to a Corvallis hospital on Monday, where she died.", "Albany", "Corvallis"),
])
def test_the_hospitals_town_is_no_place_of_the_incident(text: str, scene: str, care: str) -> None:
    found = places(text)
    assert scene in found and care not in found


def test_a_strike_on_a_hospital_is_placed_in_its_town() -> None:
    # the hospital is the target here, not where the wounded were cared for
    found = places("Hospital hit in Aleppo\n\nFour people were killed on Monday when an air strike hit a hospital "
                   "in Aleppo, rescuers said.")
    assert found == ["Aleppo"]

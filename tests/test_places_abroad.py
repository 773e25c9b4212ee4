"""A town abroad in an article whose countries are known is a place of it only where the text points
abroad: names its country or a nationality of it, or names a city of a million. Otherwise the name is
something else there: an area or a family named like a town far away, a landmark named after a town
or a man.

Sentences written for these tests (real places, invented events).
"""

from __future__ import annotations

from strikewatch.extract.gazetteer import Gazetteer
from strikewatch.extract.places import find_places


def found(text: str, g: Gazetteer) -> dict[str, tuple[object, ...]]:
    return {p.mention: (p.location.country, p.location.precision) for p in find_places(text, g)}


def test_an_area_named_like_a_town_abroad_is_not_that_town(gazetteer: Gazetteer) -> None:
    text = ("An airstrike hit a house in the Americana area west of the town of Beit Lahiya in the "
            "northern Gaza Strip, killing four.")
    places = found(text, gazetteer)
    assert "Americana" not in places  # a town in Brazil of 200,000 people
    assert places["Beit Lahiya"][0] == "Palestinian Territory"


def test_a_family_named_like_a_village_abroad_is_a_family(gazetteer: Gazetteer) -> None:
    text = "A strike destroyed the Al-Qara family's house in Bani Suhaila, east of Khan Younis in Gaza."
    places = found(text, gazetteer)
    assert "Al-Qara" not in places  # Qara is a town of Rural Damascus
    assert places["Bani Suhaila"][0] == "Palestinian Territory"


def test_a_mosque_named_after_a_man_is_no_quarter_abroad(gazetteer: Gazetteer) -> None:
    text = "The strike hit a home near the Salah Al-Din Mosque in the Zeitoun neighbourhood of Gaza City."
    assert "Salah Al-Din" not in found(text, gazetteer)


def test_a_street_named_after_a_big_city_abroad_is_a_street(gazetteer: Gazetteer) -> None:
    text = "Shells fell on Baghdad Street in the centre of Damascus on Sunday, killing two."
    assert "Baghdad" not in found(text, gazetteer)
    assert found(text, gazetteer)["Damascus"][0] == "Syria"


def test_a_town_abroad_stays_where_its_country_is_named(gazetteer: Gazetteer) -> None:
    text = ("Gunmen killed three farmers near Khan Younis in Gaza. A relative who lives in Americana, "
            "in Brazil, said the family had fled twice.")
    assert found(text, gazetteer)["Americana"][0] == "Brazil"


def test_a_city_of_a_million_abroad_stays(gazetteer: Gazetteer) -> None:
    text = "Airstrikes killed six people in Gaza City; the wounded were later taken to Cairo."
    assert found(text, gazetteer)["Cairo"][0] == "Egypt"


def test_a_neighbouring_town_stays_in_a_syrian_article(gazetteer: Gazetteer) -> None:
    text = "Syrian government jets struck Yabroud and Arsal in the Qalamoun mountains, killing five."
    assert found(text, gazetteer)["Arsal"][0] == "Lebanon"

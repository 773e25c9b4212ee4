"""District names in monitors' notes: a district spelt a letter off, and a name the text puts in a
district that the gazetteer knows only by its consonants. Sentences written for these tests."""

from __future__ import annotations

from strikewatch.extract.gazetteer import Gazetteer
from strikewatch.extract.places import find_places


def located(text: str, g: Gazetteer) -> dict[str, tuple[object, ...]]:
    return {p.mention: (p.location.name, p.location.admin1, p.location.precision) for p in find_places(text, g)}


def test_district_spelt_a_letter_off_is_the_one_close_district_of_its_province(gazetteer: Gazetteer) -> None:
    # GeoNames writes Washer; no other district of Helmand is spelt anything like it
    got = located("Insurgents overran a police outpost in Washir district, Helmand, before dawn.", gazetteer)
    assert got["Washir"] == ("Washer", "Helmand", "district")
    # the same misspelling with a province that has no such district finds nothing there
    got = located("Insurgents overran a police outpost in Washir district, Balkh, before dawn.", gazetteer)
    assert "Washir" not in got or got["Washir"][1] == "Balkh"


def test_name_put_in_a_district_is_not_a_far_town_of_like_consonants(gazetteer: Gazetteer) -> None:
    # an unknown hamlet of Shindand district: not the town of Ghoriyan, which only shares its consonants
    # with it and lies over 100 km away in the same province
    got = located("Two guards died when a sniper fired from the Gerdani area of Shindand district, Herat.", gazetteer)
    assert "Gerdani" not in got
    assert got["Shindand"][2] == "district"


def test_short_district_name_with_other_vowels_is_the_one_district_of_its_consonants(gazetteer: Gazetteer) -> None:
    # GeoNames writes Nesh; "Naish" has its consonants, and no other Kandahar district has them
    got = located("Militants mined the road to Naish district centre, Kandahar province, on Friday.", gazetteer)
    assert got["Naish"] == ("Nesh", "Kandahar", "district")
    # without the district word it stays unread: a short name alone is not guessed
    assert "Naish" not in located("Militants mined the road near Naish on Friday, officials in Kandahar said.", gazetteer)

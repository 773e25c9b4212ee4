"""A direction before a name can name a unit of its own: "northern Darfur" is North Darfur state,
"central Gaza" the Middle Area, "eastern Ghouta" the Ghouta east of Damascus. Where no unit is named
for that part, the name is read as before; a country is never read for a part of another.

Sentences written for these tests (real places, invented events).
"""

from __future__ import annotations

from strikewatch.extract.gazetteer import Gazetteer
from strikewatch.extract.places import find_places


def places(text: str, g: Gazetteer) -> dict[str, tuple[object, ...]]:
    return {p.mention: (p.location.name, p.location.country, p.location.precision) for p in find_places(text, g)}


def test_a_part_of_a_region_reads_the_state_named_for_it(gazetteer: Gazetteer) -> None:
    got = places("Militiamen burnt a village in northern Darfur, Sudan, killing twelve farmers.", gazetteer)
    assert got["Darfur"][:2] == ("North Darfur", "Sudan")


def test_the_northern_gaza_strip_is_the_north_gaza_governorate(gazetteer: Gazetteer) -> None:
    got = places("An airstrike hit a family home in the northern Gaza Strip on Sunday, wounding four.", gazetteer)
    assert got["Gaza Strip"][0] == "North Gaza" and got["Gaza Strip"][2] == "district"


def test_central_gaza_is_not_gaza_city(gazetteer: Gazetteer) -> None:
    got = places("Shelling hit a market in central Gaza, near Nuseirat camp, killing three.", gazetteer)
    assert got["Gaza"][0] != "Gaza City" and got["Gaza"][2] == "district"
    assert got["Nuseirat"][1] == "Palestinian Territory"


def test_no_unit_for_the_part_leaves_the_name_as_it_was(gazetteer: Gazetteer) -> None:
    got = places("Jets struck villages in northern Aleppo province, killing five.", gazetteer)
    assert got["Aleppo province"][:2] == ("Aleppo", "Syria")


def test_a_part_of_a_country_is_never_another_country(gazetteer: Gazetteer) -> None:
    got = places("Troops shelled towns in southern Sudan, killing four.", gazetteer)
    assert got["Sudan"][1] == "Sudan"


def test_spellings_of_gaza_towns_monitors_use(gazetteer: Gazetteer) -> None:
    got = places("The strike hit a house in Khuza’a, east of Khan Yunis, and another in Bani Suheila.", gazetteer)
    assert got["Khuza’a"][1:] == ("Palestinian Territory", "city")
    assert got["Bani Suheila"][1:] == ("Palestinian Territory", "city")

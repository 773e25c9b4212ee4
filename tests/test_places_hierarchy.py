"""Places named inside a unit, province names and the article's country, on ACLED-style notes.

Sentences written for these tests (real places, invented events).
"""

from __future__ import annotations

import pytest

from strikewatch.errors import DataFileError
from strikewatch.extract.gazetteer import Gazetteer, _load_demonyms
from strikewatch.extract.places import article_countries, find_places


def found(text: str, g: Gazetteer) -> dict[str, tuple[object, ...]]:
    return {p.mention: (p.location.country, p.location.admin1, p.location.precision) for p in find_places(text, g)}


@pytest.mark.parametrize("text,unknown,district,province", [
    # a village no gazetteer has, named like a foreign capital or a big town abroad: never that town
    ("Insurgents fired on a police post in the Rabat area of Arghandab district, Zabul, late on Monday.",
     "Rabat", "Arghandab", "Zabul"),
    ("A mine killed a shepherd near the Haidarabad bazaar of Garmsir district, Helmand.",
     "Haidarabad", "Garmsir", "Helmand"),
    # a second name in parentheses is not the container: the district after it is
    ("Two guards were shot in the Qalandar (Qalandari) village of Shindand district, Herat.",
     "Qalandar", "Shindand", "Herat"),
])
def test_hierarchy_name_inside_a_district_is_not_a_far_homonym(gazetteer: Gazetteer, text: str, unknown: str,
                                                                district: str, province: str) -> None:
    got = found(text, gazetteer)
    assert unknown not in got  # the village is unknown: the report falls back to its district
    assert got[district] == ("Afghanistan", province, "district")
    assert got[province] == ("Afghanistan", province, "region")


def test_hierarchy_nearby_town_named_with_the_capital_is_kept(gazetteer: Gazetteer) -> None:
    # "Douma, Damascus" and "Eastern Ghouta of Damascus": places by the capital, not inside its unit
    assert found("Shells landed in Douma, Damascus, on Tuesday.", gazetteer)["Douma"][:2] == ("Syria", "Rural Damascus")
    got = found("Government jets pounded Eastern Ghouta of Damascus, killing six.", gazetteer)
    assert got["Eastern Ghouta"][:2] == ("Syria", "Rural Damascus")


def test_hierarchy_list_of_provinces_is_not_nested(gazetteer: Gazetteer) -> None:
    got = found("Police killed two robbers in Kandahar, Helmand and Zabul provinces.", gazetteer)
    assert [got[k][1] for k in ("Kandahar", "Helmand", "Zabul provinces")] == ["Kandahar", "Helmand", "Zabul"]
    # a list of cities: Assiut is not looked for inside Alexandria's governorate
    got = found("Students protested in Assiut, Alexandria, and Suez on Monday.", gazetteer)
    assert [got[k][:2] for k in ("Assiut", "Alexandria", "Suez")] == [("Egypt", "Assiut"), ("Egypt", "Alexandria"),
                                                                    ("Egypt", "Suez")]


@pytest.mark.parametrize("text,mention,admin1", [
    ("Three militia members died in Gardez city, Paktiya, on Friday.", "Gardez", "Paktia"),
    ("A bomb went off in a market in Zaranj, Nimroz, wounding five.", "Zaranj", "Nimruz"),
    ("Gunmen attacked a convoy on the road out of Sar-e Pul city.", "Sar-e Pul", "Sar-e Pol"),
    ("Fighting was reported in Lashkar Gah, the capital of Hilmand.", "Hilmand", "Helmand"),
])
def test_afghan_provinces_have_their_english_names(gazetteer: Gazetteer, text: str, mention: str, admin1: str) -> None:
    assert found(text, gazetteer)[mention][:2] == ("Afghanistan", admin1)


def test_province_named_like_a_village_is_the_province(gazetteer: Gazetteer) -> None:
    # Uruzgan is also a small town far from the provincial seat (Tarinkot)
    got = find_places("Insurgents stormed a checkpoint in Urozgan on Sunday.", gazetteer)
    assert [(p.location.precision, p.location.admin1, p.location.name) for p in got] == [("region", "Urozgan", "Urozgan")]
    # Kandahar is its province's seat: the city stays, the more precise place
    got = find_places("Insurgents stormed a checkpoint in Kandahar on Sunday.", gazetteer)
    assert [(p.location.precision, p.location.admin1) for p in got] == [("city", "Kandahar")]
    # the words say which is meant
    assert found("Two shops burned in Urozgan town.", gazetteer)["Urozgan"][2] == "city"


def test_nationality_gives_the_country_when_nothing_else_does(gazetteer: Gazetteer) -> None:
    assert found("Afghan soldiers came under fire in Gulran district overnight.", gazetteer)["Gulran"] == (
        "Afghanistan", "Herat", "district")
    # a town name two countries have: the nationality decides; without it no country is guessed
    assert found("Indian police fired on protesters in Gopalganj.", gazetteer)["Gopalganj"][0] == "India"
    assert found("Police fired on protesters in Gopalganj.", gazetteer) == {}
    # a country the text names outweighs a nationality: Russian jets over Idlib are a Syrian story
    assert article_countries("Russian jets struck Idlib province on Friday.", gazetteer) == ("SY",)


def test_demonym_file_problems_name_the_line(monkeypatch: pytest.MonkeyPatch) -> None:
    bad = "demonym,country\nAfghan,AF\nAtlantean,XX\nAfghan,AF\n"
    monkeypatch.setattr("strikewatch.extract.gazetteer.resources.files",
                        lambda package: type("F", (), {"joinpath": lambda self, *n: self,
                                                       "read_text": lambda self, encoding="utf-8": bad})())
    with pytest.raises(DataFileError) as err:
        _load_demonyms({"AF": "Afghanistan"})
    assert err.value.path == "strikewatch/data/gazetteer_demonyms.csv"
    assert [p.split(":")[0] for p in err.value.problems] == ["line 3", "line 4"]


def test_misspelt_district_found_among_its_provinces_districts(gazetteer: Gazetteer) -> None:
    # two letters swapped ("Bafrak" for Barfak): found only because the province is named beside it
    got = found("Taliban militants killed a farmer in Tala wa Bafrak district, Baghlan.", gazetteer)
    assert got["Tala wa Bafrak"] == ("Afghanistan", "Baghlan", "district")
    assert "Tala wa Bafrak" not in found("Taliban militants killed a farmer in Tala wa Bafrak.", gazetteer)

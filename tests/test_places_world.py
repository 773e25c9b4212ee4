"""Places outside Syria and Afghanistan: the country a note's actors give, English admin1 names,
the unit a place is put in, and sub-district words of South Asia.

Sentences written for these tests (real places, invented events).
"""

from __future__ import annotations

import pytest

from strikewatch.errors import DataFileError
from strikewatch.extract.gazetteer import Gazetteer, _load_actors
from strikewatch.extract.gazetteer_index import _english
from strikewatch.extract.places import article_countries, find_places


def found(text: str, g: Gazetteer) -> dict[str, tuple[object, ...]]:
    return {p.mention: (p.location.country, p.location.admin1, p.location.precision) for p in find_places(text, g)}


@pytest.mark.parametrize("group,country,admin1", [
    # a town name two countries have, in a note that names no country: the party or group says which
    ("Awami League activists", "BD", "Dhaka"),
    ("BJP workers", "IN", "Bihar"),
])
def test_actor_gives_the_country_of_a_note_naming_none(gazetteer: Gazetteer, group: str, country: str,
                                                       admin1: str) -> None:
    text = f"{group} clashed with rivals in Gopalganj on Friday."
    assert article_countries(text, gazetteer) == (country,)
    assert found(text, gazetteer)["Gopalganj"][1] == admin1
    # without the group's name the town could be either: no country is guessed
    assert article_countries("Two groups clashed in Gopalganj on Friday.", gazetteer) == ()


def test_actor_alone_gives_the_country(gazetteer: Gazetteer) -> None:
    assert article_countries("Boko Haram fighters burnt the market before dawn.", gazetteer) == ("NG",)
    assert set(article_countries("Maoists blew up a culvert overnight.", gazetteer)) == {"IN", "NP"}


def test_actor_does_not_outvote_a_named_country(gazetteer: Gazetteer) -> None:
    # a Somali group named in a story about Kenya: Kenya's places stay Kenyan
    text = "Al Shabaab claimed an attack on a police camp in Mandera, Kenya, on Sunday."
    assert article_countries(text, gazetteer)[0] == "KE"


def test_actor_file_problems_name_the_line(monkeypatch: pytest.MonkeyPatch) -> None:
    bad = "actor,country\nBoko Haram,NG\nNowhere Front,XX\nBoko Haram,NG\nMaoists,IN\nMaoists,NP\n"
    monkeypatch.setattr("strikewatch.extract.gazetteer._read", lambda name, cols: (
        "strikewatch/data/gazetteer_actors.csv",
        [(n, dict(zip(("actor", "country"), line.split(","), strict=True))) for n, line in enumerate(bad.splitlines()[1:], 2)], []))
    with pytest.raises(DataFileError) as err:
        _load_actors({"NG": "Nigeria", "IN": "India", "NP": "Nepal"})
    assert [p.split(":")[0] for p in err.value.problems] == ["line 3", "line 4"]  # a group may fight in two countries


@pytest.mark.parametrize("text,mention,admin1", [
    ("Protesters blocked the coastal road in El Arish, North Sinai, for an hour.", "El Arish", "North Sinai"),
    ("Dockers walked out in Port Said over unpaid wages.", "Port Said", "Port Said"),
    ("A car bomb went off near a checkpoint in Taiz, Taizz, on Saturday.", "Taiz", "Taizz"),
    ("Students rallied in Srinagar, Jammu and Kashmir, after the arrests.", "Srinagar", "Jammu And Kashmir"),
    ("Shells fell on a market in Nasiriyah, Thi-Qar, wounding four.", "Nasiriyah", "Thi-Qar"),
    ("Rioters torched a bus in Comilla, Chittagong, on Sunday night.", "Comilla", "Chittagong"),
])
def test_admin1_has_its_english_name(gazetteer: Gazetteer, text: str, mention: str, admin1: str) -> None:
    assert found(text, gazetteer)[mention][1] == admin1


def test_english_name_is_a_translation_not_a_respelling() -> None:
    assert _english("Shamāl Sīnā'", ["North Sinai", "North Sinai Governorate", "شمال سيناء"]) == "North Sinai"
    assert _english("Tāʻizz", ["Taiz Governorate", "تعز"]) == "Taizz"  # a spelling of the same name
    assert _english("Jammū and Kashmīr", ["Kashmir Province"]) == "Jammu And Kashmir"  # a part, not the unit
    assert _english("Kasaï Central", ["Kizunga Luluwa"]) == "Kasai Central"  # no English unit word: not English
    assert _english("Illinois", ["State of Illinois", "Estado de Illinois"]) == "Illinois"


def test_name_after_a_place_and_comma_is_its_province(gazetteer: Gazetteer) -> None:
    # an Aleppo quarter shares the name of an Iraqi province: after "X, " the province is meant
    got = found("A roadside bomb hit an army patrol near Tarmiyah, Salah al-Din, killing one.", gazetteer)
    assert got["Salah al-Din"][0] == "Iraq"
    assert got["Salah al-Din"][2] == "region"
    # the sentence goes on after the province: "X, Y, killing ..." is a place and its province, not a list
    got = found("A mine exploded in Makhmour, Erbil, killing a shepherd.", gazetteer)
    assert got["Makhmour"][:2] == ("Iraq", "Erbil") and got["Erbil"][2] == "region"
    got = found("Militants attacked a base in Marka, Lower Shabelle, at night.", gazetteer)
    assert got["Lower Shabelle"] == ("Somalia", "Shabeellaha Hoose", "region")


@pytest.mark.parametrize("text,mention,country", [
    ("Activists hurled crude bombs at a bus in Chandina upazila of Comilla.", "Chandina", None),
    ("Farmers marched on the Ajmer Municipal Corporation office on Tuesday.", "Ajmer", "India"),
    ("Students staged a sit-in at Myingyan Township Court.", "Myingyan", "Myanmar"),
])
def test_town_before_its_bodys_or_subdistricts_word(gazetteer: Gazetteer, text: str, mention: str,
                                                    country: str | None) -> None:
    got = found(text, gazetteer)
    if country is None:  # a sub-district below our data: the district after it still places the note
        assert got["Comilla"][:2] == ("Bangladesh", "Chittagong")
    else:
        assert got[mention][0] == country


def test_unknown_village_is_no_foreign_province_of_like_consonants(gazetteer: Gazetteer) -> None:
    # a village no source has, written with the consonants of a province abroad (Akmola): no country
    text = "Kamalu villagers carried the body of a neighbour to the next village."
    assert article_countries(text, gazetteer) == ()
    assert "Kamalu" not in found(text, gazetteer)


@pytest.mark.parametrize("text,mention,country,precision", [
    # a note naming no country, province or big town: the district or small town it puts the event in
    ("In Rajbari, a wanted robber died in a shootout with police.", "Rajbari", "Bangladesh", "district"),
    ("Protesters and police clashed in Jumla on Sunday.", "Jumla", "Nepal", "city"),
    ("In Tamenglong district, a candidate's agent was stabbed.", "Tamenglong", "India", "district"),
])
def test_note_naming_only_a_district_or_small_town_gets_its_country(gazetteer: Gazetteer, text: str, mention: str,
                                                                    country: str, precision: str) -> None:
    got = found(text, gazetteer)
    assert got[mention][0] == country and got[mention][2] == precision


def test_small_foreign_town_needs_a_place_cue_in_a_note_naming_no_country(gazetteer: Gazetteer) -> None:
    # the same town name as a subject, not "in X": no country is guessed from it
    assert article_countries("Jumla traders said prices rose again this week.", gazetteer) == ()


def test_town_before_a_body_of_its_own(gazetteer: Gazetteer) -> None:
    got = found("Lawyers rallied outside the Karachi Press Club on Monday.", gazetteer)
    assert got["Karachi"][:2] == ("Pakistan", "Sindh")


def test_article_before_a_sun_letter_is_spelt_as_spoken(gazetteer: Gazetteer) -> None:
    # news writes al-Safra, transliteration tables As Safra: one district of Saada
    got = found("Coalition jets struck a market in Al Safra district, Sadah, on Friday.", gazetteer)
    assert got["Al Safra"] == ("Yemen", "Sadah", "district")


def test_group_breaks_a_tie_between_two_countries_a_name_has(gazetteer: Gazetteer) -> None:
    # Al Bayda is a Libyan city and a Yemeni governorate: Houthi fighters put it in Yemen
    text = "Houthi fighters shelled government positions in Radman district, Al Bayda governorate."
    assert found(text, gazetteer)["Al Bayda governorate"] == ("Yemen", "Al Bayda", "region")
    assert article_countries(text, gazetteer)[0] == "YE"



def test_nationality_explains_away_the_other_country_of_a_homonym(gazetteer: Gazetteer) -> None:
    # Tripoli is Libya's capital and Lebanon's second city: "the Lebanese army" says which, and
    # Libya, voted for by that one name only, drops out of the article's countries
    text = "Rioters burnt two banks in Tripoli overnight and fought the Lebanese army until dawn."
    assert article_countries(text, gazetteer) == ("LB",)
    assert found(text, gazetteer)["Tripoli"][:2] == ("Lebanon", "North Governorate")
    # a place only Libya has keeps Tripoli in Libya
    text = "Militias fought in Tripoli and Benghazi overnight."
    assert article_countries(text, gazetteer) == ("LY",)
    assert found(text, gazetteer)["Tripoli"][0] == "Libya"


def test_city_before_a_possessive_is_a_place_though_a_name_follows(gazetteer: Gazetteer) -> None:
    # "Beirut's Martyrs Square" is a square of Beirut, not a longer name beginning with Beirut
    assert found("Supporters of the party beat protesters in Beirut's Martyrs Square.", gazetteer)["Beirut"][:2] \
        == ("Lebanon", "Beirut")
    assert found("Soldiers shot a man in Hebron's Old City.", gazetteer)["Hebron"][0] == "Palestinian Territory"


@pytest.mark.parametrize("text, mention, country, admin1", [
    # "(Sistan and Baluchestan)": the whole name is the unit the town lies in
    ("Border guards clashed with gunmen near Saravan (Sistan and Baluchestan) on Monday.", "Saravan", "Iran",
     "Sistan and Baluchestan"),
    # Spanish and Portuguese names hold lower-case "de", "del", "do", "los"
    ("Military police shot two suspects in Rio de Janeiro on Saturday.", "Rio de Janeiro", "Brazil", "Rio de Janeiro"),
    ("Gunmen killed a taxi driver in Ciudad del Carmen (Campeche).", "Ciudad del Carmen", "Mexico", "Campeche"),
    ("Gunmen killed a shopkeeper in Duque de Caxias (Rio de Janeiro).", "Rio de Janeiro", "Brazil", "Rio de Janeiro"),
])
def test_lower_case_words_inside_names(gazetteer: Gazetteer, text: str, mention: str, country: str,
                                        admin1: str) -> None:
    assert found(text, gazetteer)[mention][:2] == (country, admin1)


def test_district_in_brackets_after_a_place_is_its_unit_not_a_foreign_city(gazetteer: Gazetteer) -> None:
    # "Northern Samar" is a Philippine province (a GeoNames district); "Samar" alone is also an
    # alternate name of Samara in Russia
    text = "Rebels ambushed an army patrol in Las Navas (Northern Samar) at dawn."
    assert article_countries(text, gazetteer) == ("PH",)
    assert found(text, gazetteer)["Northern Samar"] == ("Philippines", "Eastern Visayas", "district")


@pytest.mark.parametrize("text, mention, name, admin1", [
    # the unit words of other countries: GeoNames writes "Guji Zone", "Bankass Cercle", "Masisi
    # Territory", "Kabupaten ..." and the text names the unit by its bare name and its own word
    ("Gunmen killed two local officials in Guji zone (Oromia) on Friday.", "Guji", "Guji Zone", "Oromia"),
    ("Militiamen burnt a hamlet in Bankass cercle (Mopti).", "Bankass", "Bankass Cercle", "Mopti"),
    ("Rebels seized Kitchanga in Masisi territory (Nord-Kivu).", "Masisi", "Masisi Territory", "Nord-Kivu"),
])
def test_units_named_by_their_own_countrys_word(gazetteer: Gazetteer, text: str, mention: str, name: str,
                                                admin1: str) -> None:
    found_ = {p.mention: p.location for p in find_places(text, gazetteer)}
    assert (found_[mention].name, found_[mention].admin1, found_[mention].precision) == (name, admin1, "district")


@pytest.mark.parametrize("name,countries,level", [
    ("Mayadeen", ("SY",), None),  # a town's variants in its own country
    ("Nangrhar", (), 1),          # a misspelt province, searched among provinces only
    ("Kandahar", ("AF", "PK"), None),
])
def test_variant_search_in_a_country_reads_the_same_places_as_all_of_them_filtered(
        gazetteer: Gazetteer, name: str, countries: tuple[str, ...], level: int | None) -> None:
    # the skeleton table is searched by country and level; it must give what the whole search
    # would give after filtering, in the same order
    world = gazetteer.world
    assert world is not None
    key = name.lower()
    every = [r for r in world.find(key, True)
             if (not countries or r.cc in countries) and (level is None or r.level == level)]
    assert every and list(world.variants(key, tuple(sorted(countries)), level)) == every

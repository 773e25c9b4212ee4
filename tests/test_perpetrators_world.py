"""Perpetrators and sources outside Syria, on sentences written for these tests: state forces named
by nationality, country or possessive, a bare state word read as the report's country's forces, the
armed groups of other regions, backers that are not the perpetrator, and sources named in full."""

from __future__ import annotations

import datetime as dt

import pytest

from strikewatch import lexicon
from strikewatch.errors import DataFileError
from strikewatch.extract.perpetrator import STATE, resolve_state, state_force_phrases
from strikewatch.model import Article


def reports(extractor, text: str):
    return extractor.extract(Article(id="w", text=text, published=dt.date(2024, 3, 5)))


def perpetrators(extractor, text: str) -> list[list[str]]:
    return [r.perpetrator.actors for r in reports(extractor, text) if r.kind == "incident"]


@pytest.mark.parametrize("text, actor", [
    # a possessive country before a state word
    ("Myanmar's military carried out an air strike on a village in Sagaing region on Sunday, killing 9 villagers.",
     "Myanmar"),
    # a nationality before a state word the lexicon never lists with it
    ("Sudanese army artillery pounded a district of Omdurman on Friday, killing seven civilians.", "Sudan"),
    ("Pakistani troops killed six insurgents in a raid in North Waziristan on Tuesday.", "Pakistan"),
    # the country's name before the noun, as a force's own name goes ("Pakistan Army")
    ("The Pakistan Army shelled a hideout in Khyber district, killing four fighters.", "Pakistan"),
    # after "by" and an adjective
    ("Shelling by the paramilitary Rapid Support Forces struck a market in El Fasher, killing 12 people.",
     "Rapid Support Forces"),
    # groups of other regions, in the spellings news uses
    ("Al-Shabab fighters stormed a police station in Lower Shabelle on Tuesday, killing three officers.",
     "Al Shabaab"),
    ("Suspected ISWAP fighters killed 10 farmers near Monguno on Saturday.", "Islamic State (West Africa)"),
    ("Naxalites killed two policemen in an ambush in Bijapur district on Sunday.", "CPI (Maoist)"),
    ("Houthi rebels fired a drone at a tanker off Hodeidah, wounding two sailors.", "Houthis"),
    ("Fighters of the Tehrik-i-Taliban Pakistan attacked a checkpoint in Bannu, killing three soldiers.",
     "Tehreek-i-Taliban Pakistan"),
    # a group's own word
    ("The Arakan Army claimed responsibility for an attack that killed five soldiers near Sittwe.", "Arakan Army"),
    # "X-planted": the bomb's owner
    ("Two soldiers were killed when their truck struck a Taliban-planted mine in Zabul province.", "Taliban"),
    # "operations by": the forces that ran them
    ("Operations by Nigerian troops killed 14 insurgents in Borno state last week.", "Nigeria"),
])
def test_perpetrators_of_other_wars(extractor, text, actor):
    assert any(actor in actors for actors in perpetrators(extractor, text))


def test_a_bare_state_word_is_the_forces_of_the_reports_country(extractor):
    # "the junta" names no country; the report's place does
    got = perpetrators(extractor, "The junta's jets bombed a monastery in Magway region on Monday, killing six people.")
    assert got == [["Myanmar"]]


def test_a_state_word_in_a_report_without_a_place_takes_the_articles_country(extractor):
    # no place at all: the armed group says which country's troops these are
    assert perpetrators(extractor, "Troops killed six Boko Haram fighters during a patrol on Tuesday.") == [["Nigeria"]]
    # nothing says which country: left as "State forces", never another war's state
    assert perpetrators(extractor, "Security forces killed an insurgent in a gunfight on Friday.") == [[STATE]]


def test_a_coalition_of_others_is_not_the_us_led_one(extractor):
    for actors in perpetrators(extractor, "A coalition of two rebel groups attacked an army post on Monday, "
                                          "killing four soldiers."):
        assert "US-led coalition" not in actors


def test_backers_are_not_the_perpetrator(extractor):
    got = perpetrators(extractor, "Iran-backed militias launched a drone at a base in Deir ez-Zor, wounding two guards.")
    assert got and all("Iran" not in a for a in got) and ["Iran-backed militias"] in got
    got = perpetrators(extractor, "Pro-Russian separatists shelled Avdiivka on Friday, killing four civilians.")
    assert got and all("Russia" not in a for a in got) and ["Pro-Russian separatists"] in got


def test_victims_and_owned_words_are_not_the_perpetrator(extractor):
    # soldiers as the killed, and "rebel soldiers" or "Taliban forces" are not the state's forces
    for text in ("Four soldiers were killed in an ambush near Kidal on Monday.",
                 "Rebel soldiers shelled a village in Ituri on Monday, killing five people.",
                 "Taliban forces attacked a post in Helmand on Monday, killing three policemen."):
        for actors in perpetrators(extractor, text):
            assert "Mali" not in actors and "Democratic Republic of the Congo" not in actors
            assert "Afghanistan" not in actors and STATE not in actors


def test_in_a_clash_the_sides_killed_are_parties_but_an_ambush_victim_is_not(extractor):
    got = perpetrators(extractor, "Nine Al-Shabaab fighters were killed in clashes with soldiers near Baidoa on Monday.")
    assert any("Al Shabaab" in a for a in got)
    got = perpetrators(extractor, "Nine Al-Shabaab fighters were killed in an air strike near Baidoa on Monday.")
    assert all("Al Shabaab" not in a for a in got)


def test_claimed_by_the_group_of_earlier_bombings_is_not_this_attack(extractor):
    text = ("A car bomb killed six people at a market in Beledweyne on Sunday. No group claimed the blast; the town "
            "has seen a string of bombings this year, most of them claimed by the Al-Shabaab group.")
    assert all("Al Shabaab" not in a for a in perpetrators(extractor, text))


def test_which_air_force_names_nobody(extractor):
    text = ("Eleven people were killed in air raids on a town in Idlib on Sunday. The monitor did not say which air "
            "force carried out the raids.")
    assert all(actors == [] for actors in perpetrators(extractor, text))


@pytest.mark.parametrize("text, source", [
    ("Thirty people were killed in clashes in Gao last month, according to the Armed Conflict Location and "
     "Event Data Project.", "ACLED"),
    ("Eight people were killed in the raid, according to Médecins du Monde Relief Services.", None),
    ("Nine villagers were shot dead by gunmen in Plateau state, the Karen Human Rights Group said.",
     "Karen Human Rights Group"),
])
def test_sources_are_named_whole(extractor, text, source):
    got = [c.source for r in reports(extractor, text) for c in r.claims]
    if source is None:  # an organisation no list knows: its whole capitalised name, not its first word
        assert any(s and s.startswith("Médecins du Monde Relief") for s in got), got
    else:
        assert source in got, got


def test_who_was_told_is_not_the_source(extractor):
    got = [c.source for r in reports(extractor, "Four soldiers were killed in an ambush in Kidal, military sources "
                                              "told Al Jazeera.") for c in r.claims]
    assert "Al" not in got and "Al Jazeera" not in got


def test_state_force_phrases_compose_nationality_country_and_possessive():
    phrases = state_force_phrases({"army": True, "jets": False}, {"sudanese": "Sudan"}, {"myanmar": "Myanmar"})
    assert phrases["sudanese army"] == "Sudan" and phrases["myanmar's jets"] == "Myanmar"
    assert phrases["myanmar army"] == "Myanmar" and phrases["army"] == STATE and "jets" not in phrases
    assert resolve_state([STATE, "Myanmar"], "Myanmar") == ["Myanmar"]
    assert resolve_state([STATE], None) == [STATE]


def test_a_broken_state_forces_file_names_file_and_line(monkeypatch):
    real = lexicon.data_text

    def fake(name: str, language: str = lexicon.LANGUAGE) -> str:
        return "noun,alone\narmy,yes\ntroops,perhaps\narmy,no\n" if name == "state_forces.csv" else real(name, language)

    monkeypatch.setattr(lexicon, "data_text", fake)
    lexicon.load.cache_clear()
    try:
        with pytest.raises(DataFileError) as err:
            lexicon.load()
        msg = str(err.value)
        assert "state_forces.csv" in msg and "line 3" in msg and "perhaps" in msg and "line 4" in msg
    finally:
        lexicon.load.cache_clear()

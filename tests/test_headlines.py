"""Headline-only reports: telegraphic grammar (headlines.py), headlines that open incidents, and the
places of eastern Ukraine in the spellings wire copy uses (respell.py, the gazetteer's data rows).
Every text here is written for the test."""

from __future__ import annotations

import datetime as dt

import pytest

from strikewatch.extract.gazetteer import Gazetteer
from strikewatch.extract.headlines import headline_casualties
from strikewatch.extract.places import find_places
from strikewatch.extract.respell import ukrainian
from strikewatch.model import Article


def read(nlp, lexicons, text):
    doc = nlp(text)
    return sorted((f.role, f.count.best, f.category) for f in headline_casualties(doc[:], lexicons, []))


@pytest.mark.parametrize("text, expect", [
    ("Nurse killed as shells hit clinic", [("killed", 1, "people")]),
    ("Ukrainian serviceman killed near front line", [("killed", 1, "combatants")]),
    ("Pensioner dies after rocket strike on market", [("killed", 1, "civilians")]),
    ("Civilian dies of wounds after shelling", [("killed", 1, "civilians")]),
    ("Rebel sniper kills policeman at checkpoint", [("killed", 1, "combatants")]),
    ("Soldier wounded, civilian killed in overnight attacks", [("injured", 1, "combatants"), ("killed", 1, "civilians")]),
    ("Militia member killed in artillery fire", [("killed", 1, "combatants")]),
    ("Maksym Tkachenko killed by mortar round", [("killed", 1, "people")]),
    ("Military reports 2 KIA, 5 WIA after ambush", [("injured", 5, None), ("killed", 2, None)]),
    ("Civilian killed in Gorlovka in shelling by Ukrainian troops - LPR", [("killed", 1, "civilians")]),
])
def test_a_headline_counts_the_person_it_names(nlp, lexicons, text, expect):
    assert read(nlp, lexicons, text) == expect


@pytest.mark.parametrize("text", [
    "Civilians killed as fighting spreads",  # plural with no figure: unknown, not one
    "Rebels kill in revenge, officials say",  # who was killed is not said
    "Soldier could have been killed, commander says",  # a modal: nothing happened
    "Ceasefire holds along the contact line",
])
def test_a_headline_without_one_named_victim_counts_nothing(nlp, lexicons, text):
    assert read(nlp, lexicons, text) == []


def test_a_figure_the_sentence_reader_found_is_not_counted_again(nlp, lexicons):
    from strikewatch.extract.casualties import find_casualties

    doc = nlp("Three soldiers killed, one wounded in shelling")
    found = find_casualties(doc[:], lexicons).facts
    assert headline_casualties(doc[:], lexicons, found) == []


def _reports(extractor, text, published="2019-05-14"):
    return extractor.extract(Article(id="h", text=text, published=dt.date.fromisoformat(published)))


def test_a_headline_alone_is_an_incident_with_its_victim_and_oblast(extractor):
    [r] = _reports(extractor, "Teacher killed in shelling of Kramatorsk - city council")
    assert r.kind == "incident" and r.location.admin1 == "Donetsk Oblast"
    assert [(c.killed.low, c.killed.high) for c in r.claims if c.killed] == [(1, 1)]


def test_a_headline_of_fighting_at_a_town_opens_an_incident_without_figures(extractor):
    [r] = _reports(extractor, "Heavy fighting erupts near Mariupol")
    assert r.kind == "incident" and r.location.name == "Mariupol" and r.sub_event_type == "Armed clash"


@pytest.mark.parametrize("text", [
    "Kremlin warns Kiev against offensive in the east",
    "Envoys meet in Minsk to discuss prisoner exchange",
    "Fighting flares in eastern Ukraine",  # violence, but at no place finer than the country
])
def test_a_headline_about_the_war_in_general_opens_nothing(extractor, text):
    assert [r for r in _reports(extractor, text) if r.kind == "incident"] == []


def test_a_country_only_headline_takes_the_town_named_on_its_own_line(extractor):
    [r] = _reports(extractor, "Two soldiers killed in eastern Ukraine\n\nKrasnohorivka")
    assert r.location.name == "Krasnohorivka" and r.location.admin1 == "Donetsk Oblast"
    assert "place from the article's main place" in r.flags


@pytest.mark.parametrize("russian, ukrainian_key", [
    ("gorlovka", "horlivka"), ("zaitsevo", "zaitseve"), ("zolotoye", "zolote"), ("popasnaya", "popasna"),
    ("novoluganskoye", "novoluhanske"), ("avdeyevka", "avdiivka"), ("shirokino", "shirokyne"),
    ("borispol", "borispil"), ("pavlopol", "pavlopil"),
])
def test_russian_spellings_turn_into_ukrainian_ones(russian, ukrainian_key):
    assert ukrainian(russian) == ukrainian_key


def test_a_spelling_the_rules_do_not_touch_gives_none():
    assert ukrainian("kramatorsk") is None


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load()


def admin1s(text, gaz):
    return [(p.mention, p.location.admin1) for p in find_places(text, gaz) if p.location.precision != "country"]


@pytest.mark.parametrize("text, mention, admin1", [
    ("Mortar fire hit Zolotoye, Ukraine, overnight", "Zolotoye", "Luhansk Oblast"),
    ("Shells landed in Gorlovka, Ukraine", "Gorlovka", "Donetsk Oblast"),
    ("Troops returned fire near Opytnoye in Donbas", "Opytnoye", "Donetsk Oblast"),
])
def test_a_russian_spelling_finds_the_town_in_a_ukrainian_story(gaz, text, mention, admin1):
    assert (mention, admin1) in admin1s(text, gaz)


def test_a_russian_spelling_is_not_respelled_outside_ukraine(gaz):
    assert ukrainian("zolotoye") is not None
    # no country named: the one place of 1,000+ that GeoNames knows by this name (an alternate name of
    # Zolote) gives the country; a place only the respelling finds is found only in a Ukrainian story
    assert admin1s("Mortar fire hit Zolotoye overnight", gaz) == [("Zolotoye", "Luhansk Oblast")]
    assert admin1s("Mortar fire hit Zolotoye, Kazakhstan, overnight", gaz) == []


@pytest.mark.parametrize("text, admin1", [
    ("Shelling of the Donetsk People's Republic continued", "Donetsk Oblast"),
    ("The LPR militia reported the attack", "Luhansk Oblast"),
    ("Two killed in Lugansk Republic", "Luhansk Oblast"),
    ("A militiaman was killed in the Donetsk Republic", "Donetsk Oblast"),
])
def test_the_self_proclaimed_republics_are_their_oblasts(gaz, text, admin1):
    assert [a for _, a in admin1s(text, gaz)] == [admin1]


def test_sloviansk_is_the_donbas_town_not_an_alternate_name_elsewhere(gaz):
    assert admin1s("Blast in Sloviansk", gaz) == [("Sloviansk", "Donetsk Oblast")]


def test_a_name_on_a_line_of_its_own_is_a_place(gaz):
    text = "Soldier killed in Ukraine\n\nKrasnohorivka"
    assert ("Krasnohorivka", "Donetsk Oblast") in admin1s(text, gaz)
    assert "Krasnohorivka" not in [m for m, _ in admin1s("Krasnohorivka said nothing about Ukraine", gaz)]


def test_donbas_sets_the_country_but_is_no_finer_place(gaz):
    found = [(p.mention, p.location.precision, p.location.country) for p in find_places("Clashes in Donbass", gaz)]
    assert found == [("Donbass", "country", "Ukraine")]


@pytest.mark.parametrize("text, mention", [
    ("A sniper killed a soldier at a village, Luhansk Obl, on Monday", "Luhansk Obl"),
    ("Shelling was reported across Donetsk oblast", "Donetsk oblast"),
])
def test_an_oblast_named_with_its_word_or_abbreviation_is_the_region(gaz, text, mention):
    [p] = [p for p in find_places(text, gaz) if p.location.precision != "country"]
    assert (p.mention, p.location.precision) == (mention, "region")


def test_a_ceasefire_violation_is_fighting_and_a_ceasefire_is_an_agreement(extractor):
    [r] = _reports(extractor, "Separatists violated the ceasefire six times near Avdiivka, a soldier was killed")
    assert r.sub_event_type == "Armed clash" and r.location.admin1 == "Donetsk Oblast"
    from strikewatch.extract import event_words

    assert event_words().search("Both sides signed a ceasefire in Minsk")
    found = [r for r in _reports(extractor, "Both sides signed a ceasefire in Minsk on Friday.") if r.kind == "incident"]
    assert all(r.sub_event_type == "Agreement" for r in found)

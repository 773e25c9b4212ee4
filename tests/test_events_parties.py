"""Event types decided by who does what to whom, on monitors' notes: crowds marching, groups of
civilians clashing, assaults on civilians by people nobody calls armed, former fighters as victims,
terse passives ("three soldiers killed"), burnings of people, attacks from the air, places that
change hands without a fight. Every sentence here is written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from strikewatch.model import Article


def event(extractor, text):
    doc = extractor.nlp(text)
    return extractor.triggers.classify(doc, extractor.triggers.find(doc))


def incidents(extractor, text, published="2021-06-14"):
    reports = extractor.extract(Article(id="p", text=text, published=dt.date.fromisoformat(published)))
    return [(r.event_type, r.sub_event_type) for r in reports if r.kind == "incident"]


@pytest.mark.parametrize("text", [
    "Angry nurses and cleaners marched to the provincial health offices over late salaries.",
    "Hundreds of protesters armed with sticks blocked the main highway out of the town.",
    "Dozens of demonstrators blocked the bridge into the capital.",
])
def test_a_crowd_marching_or_blocking_opens_a_protest(extractor, text):
    assert incidents(extractor, text) == [("Protests", "Peaceful protest")]


def test_troops_marching_are_no_protest(extractor):
    assert incidents(extractor, "Soldiers marched into the border town after the rebels left.") != [
        ("Protests", "Peaceful protest")]


@pytest.mark.parametrize("text, sub", [
    ("After the disputed council vote, the two political groups clashed near the town hall.", "Mob violence"),
    ("Clashes were reported at the bus rank between police and street vendors.", "Violent demonstration"),
    ("A brawl broke out between supporters of the two candidates outside the district offices.", "Mob violence"),
])
def test_unarmed_groups_that_clash_riot(extractor, text, sub):
    fact = event(extractor, text)
    assert fact.sub_event_type == sub and fact.verbal


def test_a_clash_reported_is_told_as_an_act(extractor):
    assert incidents(extractor, "Clashes were reported at the bus rank between police and street vendors.") == [
        ("Riots", "Violent demonstration")]


def test_herders_are_a_communal_militia(extractor):
    assert event(extractor, "Clashes between herders and farmers left four dead near the river.").sub_event_type \
        == "Armed clash"
    assert event(extractor, "Pastoralists clashed with a clan militia over a water point.").sub_event_type \
        == "Armed clash"


@pytest.mark.parametrize("text", [
    "Two young men were attacked by strangers as they left a nightclub.",
    "Ruling party cadres assaulted a journalist outside the polling station.",
    "A trader was attacked and injured by supporters of the mayor.",
])
def test_an_assault_on_civilians_by_anyone_opens_an_attack(extractor, text):
    assert incidents(extractor, text) == [("Violence against civilians", "Attack")]


def test_a_former_fighter_is_a_civilian(extractor):
    assert event(extractor, "Armed men killed a former rebel commander outside his shop.").sub_event_type == "Attack"
    assert event(extractor, "Armed men killed a rebel commander in the forest.").sub_event_type == "Armed clash"


def test_a_terse_passive_makes_its_subject_the_victim(extractor):
    text = "A patrol came under attack near the river. Three soldiers killed and one injured."
    assert incidents(extractor, text) == [("Battles", "Armed clash")]
    # a subject that did the harm stays the one who acted
    assert event(extractor, "Militants shot and seriously injured a shepherd in the valley.").sub_event_type == "Attack"


def test_burning_people_is_an_attack_burning_a_house_is_not(extractor):
    fact = event(extractor, "Two men were doused in petrol and set alight for allegedly stealing a phone.")
    assert fact.sub_event_type == "Attack"
    assert event(extractor, "A clinic in the township was set alight overnight.").sub_event_type \
        == "Looting/property destruction"


def test_a_relative_clause_about_the_victim_is_not_the_event(extractor):
    fact = event(extractor, "Suspected party cadres killed a councillor (who had recently defected) in a village.")
    assert fact.event_type == "Violence against civilians"


def test_a_protest_amid_which_people_were_shot_is_not_the_event(extractor):
    assert event(extractor, "Soldiers shot six people and closed the roads amid protests by residents.").sub_event_type \
        == "Attack"
    # a protest that is the act itself stays one
    assert event(extractor, "Residents protested amid a heavy police presence.").sub_event_type == "Peaceful protest"


def test_an_attack_by_an_air_force_is_an_air_strike(extractor):
    assert event(extractor, "Air forces launched attacks on a militant camp near the lake.").sub_event_type \
        == "Air/drone strike"
    assert event(extractor, "Ground forces launched attacks on a militant camp near the lake.").sub_event_type \
        == "Armed clash"


def test_a_place_taken_without_a_fight_is_a_non_violent_transfer(extractor):
    fact = event(extractor, "Rebels took control of the market town after government forces withdrew.")
    assert fact.sub_event_type == "Non-violent transfer of territory"
    fact = event(extractor, "Rebels took control of the market town after a battle in which six soldiers were killed.")
    assert fact.sub_event_type == "Non-state actor overtakes territory"

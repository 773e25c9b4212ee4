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
    assert event(extractor, "Militants set alight a clinic in the township.").sub_event_type \
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


@pytest.mark.parametrize("text", [
    "Retired teachers staged a demonstration demanding payment of their pensions.",
    "More than 300 nurses began a protest demanding permanent contracts.",
    "Several unions today took out a joint procession to the district office, demanding higher wages.",
])
def test_a_staged_protest_followed_by_a_participle_opens(extractor, text):
    # the small model hangs the event noun on the participle: the verb before it still stages it
    assert incidents(extractor, text) == [("Protests", "Peaceful protest")]


def test_a_staged_procession_of_troops_is_no_protest(extractor):
    assert incidents(extractor, "Troops held a procession through the capital to mark independence day.") == []


@pytest.mark.parametrize("text, sub", [
    ("Two minibuses were torched on the bypass in the evening.", "Mob violence"),
    ("Pickets vandalised a lorry and then set it ablaze near the river port.", "Violent demonstration"),
    ("Strikers hurled petrol bombs at a bus depot on the ring road.", "Violent demonstration"),
    ("Stone-throwing youths smashed shop windows and looted a supermarket.", "Mob violence"),
])
def test_property_destroyed_with_no_armed_side_is_a_riot(extractor, text, sub):
    assert event(extractor, text).sub_event_type == sub


@pytest.mark.parametrize("text, sub", [
    ("Armed men looted the offices of an aid agency in the town.", "Looting/property destruction"),
    ("Militants hurled a hand grenade at the house of a provincial minister.", "Grenade"),
    ("As a group of elders travelled home, a roadside bomb exploded beside their car.", "Remote explosive/landmine/IED"),
])
def test_armed_men_destroying_or_bombing_stay_what_they_are(extractor, text, sub):
    assert event(extractor, text).sub_event_type == sub


def test_a_gunfight_is_fought_by_armed_men(extractor):
    fact = event(extractor, "A local party leader died in a gunfight between his followers and members of an elite unit.")
    assert fact.sub_event_type == "Armed clash"


def test_members_of_an_armed_body_are_armed_members_of_a_party_are_not(extractor):
    assert event(extractor, "Three people were killed in a clash with members of the security forces.").sub_event_type \
        == "Armed clash"
    assert event(extractor, "Twenty people were injured in a clash between activists of the ruling party and police.") \
        .sub_event_type == "Violent demonstration"


def test_communal_groups_that_clash_fight_a_battle(extractor):
    assert event(extractor, "A farmer was killed in a clash over grazing land between two communal groups.") \
        .sub_event_type == "Armed clash"
    assert event(extractor, "Six people were hurt in a clash between two groups at the bus stand.").sub_event_type \
        == "Mob violence"


def test_tear_gas_shelling_is_no_artillery(extractor):
    assert event(extractor, "Police resorted to teargas shelling to disperse the students.").sub_event_type \
        == "Protest with intervention"


def test_a_time_counted_from_an_event_is_no_rate(extractor):
    text = "Students at a boarding school torched a dormitory, a week after their strike began."
    assert incidents(extractor, text) == [("Riots", "Mob violence")]


def test_abducted_policemen_are_a_clash_abducted_villagers_an_abduction(extractor):
    assert event(extractor, "Six police officers were taken hostage by a self-defence group near the market.") \
        .sub_event_type == "Armed clash"
    assert event(extractor, "Gunmen kidnapped four villagers on the road to the market.").sub_event_type \
        == "Abduction/forced disappearance"


@pytest.mark.parametrize("text, sub", [
    ("Gunmen kidnapped four miners on the road to the mine.", "Abduction/forced disappearance"),
    ("Soldiers clashed with militiamen who had seized a gold mine.", "Armed clash"),
    ("A patrol vehicle struck a mine on the road to the border post.", "Remote explosive/landmine/IED"),
])
def test_a_mine_one_goes_to_is_a_pit(extractor, text, sub):
    assert event(extractor, text).sub_event_type == sub


def test_men_belonging_to_a_militia_are_its_fighters(extractor):
    fact = event(extractor, "Gunmen killed two people and wounded three others belonging to a vigilante group.")
    assert fact.sub_event_type == "Armed clash"


@pytest.mark.parametrize("text", [
    "About two hundred villagers gathered outside the provincial hall to demand compensation for their land.",
    "Opposition supporters on Monday brought out a procession through the old town.",
    "Members of the dock workers union ended their five-day-long protest outside the port authority.",
    "The district town witnessed hunger strikes by unpaid teachers.",
])
def test_more_ways_a_protest_is_held(extractor, text):
    assert incidents(extractor, text) == [("Protests", "Peaceful protest")]


def test_a_gathering_without_a_purpose_is_no_protest(extractor):
    assert incidents(extractor, "Friends and relatives gathered outside the family home on Sunday.") == []


def test_a_note_may_describe_its_event_with_a_participle(extractor):
    fact = event(extractor, "Sit-in organised by retired railway staff over unpaid pensions.")
    assert fact.sub_event_type == "Peaceful protest" and fact.verbal


@pytest.mark.parametrize("text", [
    "The defence ministry said its forces neutralised four PKK militants in a rural area of the province.",
    "Three terrorists were neutralized by gendarmerie commandos near the border on Sunday.",
])
def test_fighters_neutralised_are_a_clash(extractor, text):
    assert incidents(extractor, text) == [("Battles", "Armed clash")]


def test_a_thing_neutralised_is_no_event(extractor):
    assert incidents(extractor, "Engineers neutralised a gas leak at the fertiliser factory on Friday.") == []


@pytest.mark.parametrize("text, sub", [
    ("Members of two rival cartels clashed on the edge of the town; six people were killed.", "Armed clash"),
    ("Gang members shot dead a bus driver who refused to pay them.", "Attack"),
])
def test_cartels_and_gangs_are_armed(extractor, text, sub):
    assert incidents(extractor, text)[0][1] == sub

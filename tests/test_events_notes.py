"""Event types on short notes and briefs from many countries: protests told as acts, labour
strikes, riots, and the strategic developments. Every sentence here is written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from strikewatch.extract.events import is_irrealis
from strikewatch.model import Article


def event(extractor, text):
    doc = extractor.nlp(text)
    return extractor.triggers.classify(doc, extractor.triggers.find(doc))


def incidents(extractor, text, published="2021-06-14"):
    reports = extractor.extract(Article(id="n", text=text, published=dt.date.fromisoformat(published)))
    return [(r.event_type, r.sub_event_type) for r in reports if r.kind == "incident"]


@pytest.mark.parametrize("text", [
    "Nurses staged a sit-in outside the district hospital over unpaid allowances.",  # "staged" lemmatised badly
    "Shop owners took out a rally against the new market tax.",
    "Dock workers continued their protest at the harbour gate for a third day.",
    "Villagers blocked the highway in protest against frequent power cuts.",
])
def test_notes_protest_told_as_an_act_is_verbal(extractor, text):
    fact = event(extractor, text)
    assert fact.sub_event_type == "Peaceful protest" and fact.verbal


def test_notes_irrealis_only_when_it_governs_the_event(extractor):
    doc = extractor.nlp("Residents protested against the council's plan to demolish the old market.")
    assert not is_irrealis(doc.text, doc, doc[1])
    doc = extractor.nlp("Teachers protested outside the ministry, saying their contracts should be renewed.")
    assert not is_irrealis(doc.text, doc, doc[1])
    doc = extractor.nlp("The union threatened to protest outside parliament next week.")
    assert is_irrealis(doc.text, doc, doc[4])
    doc = extractor.nlp("Students will protest outside the university on Monday.")
    assert is_irrealis(doc.text, doc, doc[2])


@pytest.mark.parametrize("text", [
    "Pensioners protested against the council's plan to close the clinic in the town centre.",
    "Religious groups held nationwide protests against the cartoons.",
    "Market traders staged a demonstration against the new levy",  # one line, no full stop: a note, not a title
])
def test_notes_a_protest_note_opens_a_report(extractor, text):
    assert incidents(extractor, text) == [("Protests", "Peaceful protest")]


def test_notes_a_violent_lede_with_a_place_opens_a_report(extractor):
    assert incidents(extractor, "Gunmen attacked farmers near Nyala.") == [("Violence against civilians", "Attack")]
    # commentary with no place still opens nothing
    assert incidents(extractor, "Officials condemned the attacks.") == []


@pytest.mark.parametrize("text", [
    "Bus drivers went on strike over unpaid overtime.",
    "Hospital cleaners began an indefinite strike for permanent contracts.",
    "Lecturers at the polytechnic started a 72-hour strike on Monday.",
])
def test_notes_a_work_stoppage_is_a_protest_not_an_air_strike(extractor, text):
    assert event(extractor, text).sub_event_type == "Peaceful protest"


def test_notes_strikes_by_an_armed_side_stay_air_strikes(extractor):
    assert event(extractor, "The air force launched strikes on insurgent camps near the border.").sub_event_type \
        == "Air/drone strike"


@pytest.mark.parametrize("text", [
    "Students protested outside the court against the killing of a classmate by unknown men.",
    "Traders rallied in the main square demanding the arrest of the men who robbed a jeweller.",
    "Residents protested over the death of a boy who drowned in an open drain.",
])
def test_notes_what_a_protest_is_about_is_not_the_event(extractor, text):
    assert event(extractor, text).sub_event_type == "Peaceful protest"


@pytest.mark.parametrize("text,expected", [
    ("Supporters of the two candidates clashed outside the polling station.", "Mob violence"),
    ("Two rival factions of the student union clashed on the campus.", "Mob violence"),
    ("Angry locals clashed with police after a road accident.", "Violent demonstration"),
    ("A mob attacked the police post after a suspect died in custody.", "Mob violence"),
    ("Rioters clashed with the police near the central market.", "Violent demonstration"),
    # armed sides keep the clash: an identity militia, a rebel group
    ("Armed herdsmen clashed with farmers over grazing land.", "Armed clash"),
    ("Insurgents clashed with a rival faction near the quarry.", "Armed clash"),
])
def test_notes_clashes_between_unarmed_crowds_are_riots(extractor, text, expected):
    assert event(extractor, text).sub_event_type == expected


def test_notes_any_event_word_told_as_an_act_makes_the_event_told(extractor):
    # the first word ("protest programme") is a noun; the event is told by "held protests"
    fact = event(extractor, "As part of its protest programme, the teachers' union held protests in the capital.")
    assert fact.sub_event_type == "Peaceful protest" and fact.verbal


def test_notes_daily_wage_workers_are_no_rate(extractor):
    assert incidents(extractor, "Daily-wage workers of the water board began an indefinite protest outside the "
                                "municipal office.") == [("Protests", "Peaceful protest")]
    assert incidents(extractor, "The air force flew 20 sorties daily over the valley.") == []


def test_notes_a_protest_against_police_force_is_a_peaceful_protest(extractor):
    fact = event(extractor, "Opposition members staged a protest condemning the baton charge on their colleagues.")
    assert fact.sub_event_type == "Peaceful protest"


@pytest.mark.parametrize("text,expected", [
    ("Several hundred residents marched to the municipal offices over water shortages.", "Peaceful protest"),
    ("Villagers formed a human chain along the highway against the new toll.", "Peaceful protest"),
    ("Party workers burnt an effigy of the minister outside the collectorate.", "Peaceful protest"),
    ("Angry youths burnt tyres and blocked the main road after the shooting of a taxi driver.", "Violent demonstration"),
    ("Supporters of the losing candidate burned the party office in the town.", "Mob violence"),
    ("Police were involved in a shootout with armed robbers on the outskirts of the city.", "Armed clash"),
    ("More than a hundred members of the ruling party defect to the opposition in the district.",
     "Change to group/activity"),
])
def test_notes_more_words_for_protests_riots_and_developments(extractor, text, expected):
    assert event(extractor, text).sub_event_type == expected


def test_notes_a_crowd_word_is_firm_only_for_a_crowd(extractor):
    assert event(extractor, "Hundreds of teachers marched through the capital on Monday.").specific
    troops = event(extractor, "Troops marched into the town on Friday.")
    assert not troops.opens  # soldiers marching is no protest
    # the month is no march
    assert event(extractor, "On 20 March, rebels attacked a police post.").event_type == "Battles"


@pytest.mark.parametrize("text,expected", [
    # a thrown fire bomb is no explosive device: the target decides (ACLED's codebook)
    ("Unknown men hurled a petrol bomb at a crowded minibus, burning six passengers.", "Attack"),
    # crude bombs are thrown like grenades
    ("Activists of the two parties hurled crude bombs at each other near the bus stand.", "Grenade"),
    # shelling within a fight is the fight
    ("Border troops of the two countries exchanged fire and shelling overnight.", "Armed clash"),
    ("The army shelled villages on the far bank of the river.", "Shelling/artillery/missile attack"),
    # who comes under attack is its target
    ("A police patrol came under attack outside the town, and two officers were wounded.", "Armed clash"),
])
def test_notes_weapons_and_targets(extractor, text, expected):
    assert event(extractor, text).sub_event_type == expected


@pytest.mark.parametrize("text,expected", [
    ("Demonstrators stormed the town hall and set part of it on fire.", "Violent demonstration"),
    ("Protesters attacked the police with sticks outside the court.", "Violent demonstration"),
    ("Gunmen shot dead a retired army officer outside his house.", "Attack"),
    ("Gunmen shot dead an army officer on patrol near the base.", "Armed clash"),
])
def test_notes_the_crowd_acts_and_former_soldiers_are_civilians(extractor, text, expected):
    assert event(extractor, text).sub_event_type == expected


@pytest.mark.parametrize("text,expected", [
    ("Over 200 teachers were arrested when they tried to take out a march to the assembly.", "Protest with intervention"),
    ("Police arrested 12 protesters outside the parliament.", "Protest with intervention"),
    ("Police arrested three men suspected of robbery in the market.", "Arrests"),
    ("Police used smoke shells to disperse villagers protesting against power cuts.", "Protest with intervention"),
    # a bomb that is thrown and blows up is a grenade, whatever the blast is called
    ("Two people were hurt in a crude bomb blast near the bus stand.", "Grenade"),
])
def test_notes_arrests_at_protests_and_thrown_bombs(extractor, text, expected):
    assert event(extractor, text).sub_event_type == expected


def test_notes_a_later_line_tells_how_the_protest_went_on(extractor):
    text = ("Hundreds of nurses protested outside the health ministry in Nairobi on Monday.\n"
            "Police fired tear gas and arrested 20 of them.")
    assert incidents(extractor, text) == [("Protests", "Protest with intervention")]
    calm = ("Hundreds of nurses protested outside the health ministry in Nairobi on Monday.\n"
            "They handed a petition to the minister.")
    assert incidents(extractor, calm) == [("Protests", "Peaceful protest")]


@pytest.mark.parametrize("text,expected", [
    ("Gunmen attack farmers north of the camp.", ("Violence against civilians", "Attack")),
    ("Armed men beat and abduct a trader on the market road.", ("Violence against civilians", "Abduction/forced disappearance")),
    ("Government forces repel an insurgent attack on the garrison after hours of fighting.", ("Battles", "Armed clash")),
])
def test_notes_a_lede_in_the_present_tense_with_no_anchor_opens_a_report(extractor, text, expected):
    assert incidents(extractor, text) == [expected]


def test_notes_a_day_long_protest_is_no_rate_and_a_continued_sit_in_is_told(extractor):
    assert incidents(extractor, "The farmers' union held a day-long protest outside the district office.") \
        == [("Protests", "Peaceful protest")]
    fact = event(extractor, "The sit-in outside the police station continued for a third day.")
    assert fact.sub_event_type == "Peaceful protest" and fact.verbal
    # a continued air campaign is not thereby a protest
    assert not event(extractor, "The air strikes continued for a third day.").sub_event_type.startswith("Peaceful")


def test_notes_damage_words_never_outrank_a_killing_or_open_a_sports_story(extractor):
    assert event(extractor, "Five people were killed and three houses destroyed in the village.").sub_event_type == "Attack"
    assert incidents(extractor, "The home side beat the visitors 3-1 on Saturday in the final.") == []


def test_notes_armed_men_joining_the_other_side_is_a_defection(extractor):
    """"Joined" alone is too vague to open an incident; armed men of one side joining armed men of
    another is a change to group (a defection), a report of its own."""
    assert incidents(extractor, "On 12 June 2021, nine policemen and their commander joined the Taliban in a "
                                "village of Baraki Barak district, Logar.") \
        == [("Strategic developments", "Change to group/activity")]
    assert incidents(extractor, "On 4 July 2021, a rebel commander joined government forces with 30 of his men.") \
        == [("Strategic developments", "Change to group/activity")]
    fact = event(extractor, "Local elders joined the talks in the district on Sunday.")
    assert fact is None or not fact.opens


@pytest.mark.parametrize("text,expected", [
    # a monitor's verbless note states its event
    ("Protest against the closure of the district court.", "Peaceful protest"),
    ("Bus drivers on strike over unpaid overtime.", "Peaceful protest"),
    ("Displaced protest over the lack of water in the camp.", "Peaceful protest"),
    # notes and headlines in the present tense
    ("Bandits ambush a minibus and shoot two passengers.", "Attack"),
    ("Militants detonate an explosive device near a police post.", "Remote explosive/landmine/IED"),
    # a crowd's chants and placards
    ("Hundreds of nurses gathered outside the ministry and chanted slogans against the new contracts.",
     "Peaceful protest"),
])
def test_notes_told_as_fragments_or_in_the_present(extractor, text, expected):
    assert [sub for _t, sub in incidents(extractor, text)] == [expected]


def test_notes_a_commentary_noun_stays_commentary(extractor):
    # a verb makes the note a clause: the protest noun in it is what the talks were about
    assert incidents(extractor, "The minister discussed the protest with union leaders.") == []


def test_notes_where_an_act_happened_is_not_whom_it_hit(extractor):
    # the traders were hit; the checkpoint is where: an attack on civilians, not a clash
    assert incidents(extractor, "Soldiers assaulted three traders at a checkpoint near the market.") \
        == [("Violence against civilians", "Attack")]
    assert incidents(extractor, "Gunmen fired at a police checkpoint near the bridge.") == [("Battles", "Armed clash")]


def test_notes_the_man_shot_dead_is_the_victim_not_an_agent(extractor):
    reports = extractor.extract(Article(id="n", text="Gunmen rob a shop and shoot the driver dead.",
                                        published=dt.date(2021, 6, 14)))
    assert [(r.sub_event_type, r.claims[0].killed.best) for r in reports] == [("Attack", 1)]


@pytest.mark.parametrize("text,expected", [
    # security men attacked at home or off duty are coded as civilians: an attack, not a clash
    ("Suspected militants stabbed to death a police captain outside his home.", "Attack"),
    ("Gunmen shot dead an off-duty soldier at a bus stop in the town.", "Attack"),
    # on duty they are a side: a clash
    ("Gunmen shot dead a soldier at a checkpoint in the town.", "Armed clash"),
    # peacekeepers are armed
    ("A peacekeeper was killed by unidentified armed assailants near the airport.", "Armed clash"),
])
def test_notes_who_counts_as_armed(extractor, text, expected):
    assert [sub for _t, sub in incidents(extractor, text)] == [expected]

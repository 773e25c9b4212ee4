"""More dead told after the first figure, tallies that are single attacks, captives freed (issue 11):
monitors' notes and regional news. Sentences of our own wording; each would fail without its fix."""

from __future__ import annotations

import pytest

from strikewatch.model import Article


def reports(extractor, text, published="2016-06-20"):
    return extractor.extract(Article(id="note", text=text, published=published))


def dead(extractor, text):
    return [k.best if k.best is not None else k.low for r in reports(extractor, text) if r.kind == "incident"
            for c in r.claims if (k := c.killed) is not None]


@pytest.mark.parametrize(
    "text, expected",
    [
        # "another" is one more dead, in the next sentence or a clause of the same one
        ("Five people were killed when gunmen torched a bus near Comilla on Tuesday. "
         "Another passenger died in hospital the next day.", [6]),
        ("Rival groups clashed over a shrine in Bhiwandi. One man died while fleeing the crowd. "
         "Another person was killed in the clashes.", [2]),
        ("Two suspects were killed on the spot while another died while being taken to the hospital.", [3]),
        # told inside the toll it raises: no more dead than that toll
        ("Another party leader hurt in an attack by rivals at Paida on Sunday died in hospital on Friday, "
         "raising the death toll from the attack to two.", [2]),
        # the people besides the dead who were only hurt add nothing
        ("Four people were killed in a blast at a market in Jos on Friday. Two other people were injured.", [4]),
    ],
)
def test_another_dead_adds_to_the_dead_told_before(extractor, text, expected):
    assert dead(extractor, text) == expected


def test_a_figure_is_moved_to_the_article_once(extractor):
    # a sentence split in three: the figure of the middle part keeps its own words as evidence
    text = "Troops raided a hideout in Quetta. Two suspects were killed while another died while being taken away."
    spans = [text[s.start:s.end] for r in reports(extractor, text) for c in r.claims for s in c.evidence
             if s.field == "killed"]
    assert "another" in spans


@pytest.mark.parametrize(
    "text, expected",
    [
        ("In Bannu, one policeman was killed and 3 militants too in a clash at a checkpoint.", [4]),
        ("Three soldiers were killed and 7 insurgents in the fighting near Kidal, the army said.", [10]),
        # "and five civilians injured" is another predicate: not more dead
        ("Two soldiers were killed and five civilians injured in the blast in Gao.", [2]),
        ("Two people were killed and seven others, including a woman, injured in a clash at Shibpur on Friday.", [2]),
        ("Two rebels were killed and three soldiers, including a captain sustained bullet injuries near Uri.", [2]),
        # a second counted group the parser joins to the name inside the first group's "of" phrase
        ("Soldiers killed six suspected fighters of the ULFA and two villagers in a crossfire in Tinsukia.", [8]),
    ],
)
def test_a_second_group_of_dead_shares_the_predicate(extractor, text, expected):
    assert dead(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A man was killed as police fired on a procession in Jessore on Sunday during the 48-hour nationwide hartal.",
        "Attackers threw a petrol bomb at a truck in Rangpur on Saturday as part of the nationwide blockade, "
        "killing its driver.",
    ],
)
def test_a_nationwide_campaign_is_no_tally_scope(extractor, text):
    found = reports(extractor, text)
    assert [r.kind for r in found] == ["incident"]
    assert dead(extractor, text) == [1]


def test_nationwide_still_scopes_a_toll(extractor):
    found = reports(extractor, "At least 40 people have been killed nationwide since the unrest began.")
    assert {r.kind for r in found} == {"aggregate"}


def test_captives_freed_from_an_armed_group_are_an_event(extractor):
    text = "On 9 March 2020, 25 civilians were freed by police commandos from a Taliban prison in Khost."
    found = reports(extractor, text, "2020-03-10")
    assert [(r.kind, r.sub_event_type, str(r.date.start)) for r in found] == [("incident", "Other", "2020-03-09")]
    hostages = reports(extractor, "On 2 May 2019, the rebels released 12 hostages near Diffa.", "2019-05-03")
    assert [r.sub_event_type for r in hostages] == ["Other"]


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, the suspect was released on bail in Denver.",
        "The boy was released from the hospital on Monday in Toledo.",
        "He was released from prison on Friday in Akron.",
        "On Tuesday the army released a statement in Kabul.",
    ],
)
def test_a_release_that_is_no_captive_freed_opens_nothing(extractor, text):
    assert reports(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a protest as the subject of its turn to violence, and the death that set it off
        "Protests by students in Jammu turned violent on Friday after the killing of a youth on Thursday.",
        # a crowd's anger and its cause
        "Police lathicharged protesters in Patna on Monday who were agitated after a truck killed a young boy.",
        # a crowd's attack in a clause below the main one
        "Violence broke out in a jail in Kannauj on Monday as inmates attacked guards after a prisoner was found dead.",
        "Angry villagers attacked a police post with stones in Shopian on Sunday after two militants were killed "
        "in a gunfight on Saturday.",
    ],
)
def test_a_death_that_set_off_a_crowd_is_not_its_toll(extractor, text):
    assert dead(extractor, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The protest turned violent in Dhaka on Monday when police opened fire, killing two protesters.", [2]),
        ("Villagers attacked a police post in Kupwara on Monday, killing a constable.", [1]),
    ],
)
def test_a_crowds_own_dead_stay(extractor, text, expected):
    assert dead(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a one-word name told with what the person is
        ("Armed men shot Kumar, a shopkeeper, dead in Bokaro village late last night.", [1]),
        ("Rebels killed Mutua, a teacher, in Lamu on Monday.", [1]),
        # "who" of one person the relative clause is about
        ("Two men on a motorcycle fired several shots at a teacher, who later died in hospital.", [1]),
    ],
)
def test_one_named_or_relative_victim(extractor, text, expected):
    assert dead(extractor, text) == expected


def test_who_of_a_body_that_set_off_a_protest_is_no_toll(extractor):
    text = ("Villagers erupted in protest on Sunday after the body of the teenager, who was allegedly raped and murdered "
            "on Friday night, reached her home in Rampur.")
    assert dead(extractor, text) == []



@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rebels fired on a bus carrying villagers near Laukkai, leaving one dead and one wounded.", [1]),
        ("Party workers attacked their rivals, leaving one dead and scores of others injured in several districts.", [1]),
        ("At least four Maoists are suspected to have been killed in a police operation in Koraput on Sunday.", [4]),
        # the attackers' dead told again by the side that killed them
        ("At least two militants were killed in raids in Karachi. Rangers said militants opened fire, "
         "to which the troops responded, killing two.", [2]),
        # the other side's dead after a response still add
        ("Taliban fighters attacked a checkpoint in Kunduz, killing 3 soldiers. The soldiers responded, "
         "killing 3 Taliban.", [6]),
    ],
)
def test_more_shapes_of_the_dead(extractor, text, expected):
    assert dead(extractor, text) == expected


def test_a_period_that_owns_another_noun_makes_no_tally(extractor):
    text = "A rebel commander, wanted in last year's bank robbery case, was killed in a gunfight with police in Gaya."
    assert [(r.kind, k) for r in reports(extractor, text) for k in [r.claims[0].killed.best]] == [("incident", 1)]
    tally = reports(extractor, "Last year's offensive killed 300 people across the state.")
    assert {r.kind for r in tally} == {"aggregate"}
    # the owned noun is the event itself: still dated by the period
    owned = reports(extractor, "New details emerged about last month's murders of eight people in Harris County.")
    assert {r.kind for r in owned} == {"aggregate"}


@pytest.mark.parametrize(
    "text, expected",
    [
        # the bodies of the other side found after the battle are more dead
        ("Five government soldiers were killed near Laukkai, and two bodies of rebel fighters were found.", [7]),
        # constables are state forces: an attacker killed after they were is the other side's dead
        ("Two militants ambushed a convoy near Udhampur, killing two constables. While one of the militants "
         "was killed, the other was caught alive.", [3]),
    ],
)
def test_the_other_sides_dead_add(extractor, text, expected):
    assert dead(extractor, text) == expected


def test_each_place_of_a_list_of_tolls_is_its_own_incident(extractor):
    text = "Riots broke out across Gujarat on Tuesday. 4 were killed in Ahmedabad, 3 in Palanpur and 1 in Surat."
    by_place = {r.location.name: r.claims[0].killed.best for r in reports(extractor, text)
                if r.kind == "incident" and r.claims and r.claims[0].killed is not None}
    assert sorted(by_place.values()) == [1, 3, 4] and len(by_place) == 3


def test_a_figure_after_and_without_a_place_is_no_place_toll(extractor):
    assert dead(extractor, "Four people were killed in Ahmedabad on Tuesday and two in the evening.") == [4]

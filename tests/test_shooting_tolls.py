"""Killed and wounded in local shooting news: who was hit, who died, who lived.

A crime story tells one shooting over many sentences: the victim is first "shot", later "died at the
hospital"; the survivors are "in stable condition" or "expected to survive". Every text here is
written for this test.
"""

from __future__ import annotations

import datetime as dt

import pytest

from strikewatch.model import Article


def tolls(extractor, text: str) -> tuple[set[int], set[int]]:
    """Every incident claim's killed and injured figure for the article."""
    reports = extractor.extract(Article(id="s", text=text, published=dt.date(2016, 4, 12)))
    killed = {c.killed.best for r in reports if r.kind == "incident" for c in r.claims if c.killed is not None}
    injured = {c.injured.best for r in reports if r.kind == "incident" for c in r.claims if c.injured is not None}
    return killed, injured


@pytest.mark.parametrize("text, killed, injured", [
    # a follow-up: the man shot is the man who died, wherever the article says so
    ("A man was shot outside a bar on Oak Street in Fresno on Saturday night.\n\n"
     "He was taken to Mercy Hospital in Fresno, where he was pronounced dead early on Sunday.", {1}, set()),
    ("Police said two brothers were shot at a cookout in Macon on Sunday. One of them died at the scene.", {1}, {1}),
    # the others hit are told as other people than the dead
    ("One woman was killed and three other people were shot at a house party in Tulsa on Friday.", {1}, {3}),
    ("The gunman killed a clerk and wounded two other customers in Reno on Monday.", {1}, {2}),
    # the wounded told in the ways local news tells them
    ("Two teenagers were hospitalized after a drive-by shooting in Toledo on Monday night.", set(), {2}),
    ("A stray bullet sent four people to the hospital in Omaha on Saturday.", set(), {4}),
    ("A cashier was shot during a robbery in Akron on Tuesday. She is in stable condition.", set(), {1}),
    ("A father was killed in Joliet on Sunday. His daughter was also shot, but survived.", {1}, {1}),
    ("A nurse was killed and her husband and adult son injured in a shooting in Provo on Monday.", {1}, {2}),
    ("A boy was shot in the leg and a girl was grazed by a bullet in Dayton on Friday.", set(), {2}),
    ("Three people were killed and another wounded at a farmhouse near Lubbock on Sunday.", {3}, {1}),
    # "two of the victims were ..." says who the victims were, not that they died
    ("Four people were shot in north Dayton on Saturday night.\n\nPolice said the four victims were taken "
     "to the hospital with non-life-threatening injuries. Two of the victims were juveniles.", set(), {4}),
])
def test_a_shooting_story_gives_its_dead_and_its_wounded(extractor, text, killed, injured):
    assert tolls(extractor, text) == (killed, injured)


@pytest.mark.parametrize("text", [
    # a gunshot wound or "he was wounded" says he was hit, not that he lived
    "A woman was found dead in her home in Flint on Sunday. She had suffered a gunshot wound to the chest.",
    "A teenager was shot while hunting near Bangor on Saturday. He was wounded in the neck and died later that day.",
    "Deputies found Hollis had been fatally wounded by a rifle round at a cabin near Ely on Sunday.",
])
def test_one_dead_is_not_also_wounded(extractor, text):
    assert tolls(extractor, text) == ({1}, set())


@pytest.mark.parametrize("text", [
    "A neighbor was charged on Monday in the shooting death of a 19-year-old student in Waco.",
    "Two men were arrested in the fatal shooting of a store owner in Waco on Monday.",
    "Officers said Whitfield was pronounced dead at the hospital in Waco on Monday.",
    "The wounded guard passed away at a hospital in Waco on Monday.",
])
def test_deaths_told_as_nouns_surnames_and_euphemisms(extractor, text):
    assert tolls(extractor, text)[0] == {1}


def test_a_speaker_named_by_surname_is_no_victim(extractor):
    text = "Whitfield said she was relieved that no one was killed in the shooting in Waco on Monday."
    assert tolls(extractor, text)[0] == {0}


def test_a_pronoun_told_again_is_the_same_person_not_another(extractor):
    text = "A 4-year-old is in critical condition after he was shot in the stomach in Houston on Monday night."
    assert tolls(extractor, text) == (set(), {1})


def test_survived_by_his_wife_is_no_wound(extractor):
    text = "A retired officer was shot dead in Erie on Monday. He is survived by his wife and two sons."
    assert tolls(extractor, text) == ({1}, set())


@pytest.mark.parametrize("headline, killed", [
    ("Hunter fatally shot near Bemidji lake\n\nDeputies are investigating.", {1}),
    ("A gunman fatally shot a cashier at a gas station in Bemidji on Monday.", {1}),
])
def test_a_headline_without_articles_names_its_victim_not_its_shooter(extractor, headline, killed):
    reports = extractor.extract(Article(id="h", text=headline, published=dt.date(2016, 4, 12)))
    spans = [e.text for r in reports for c in r.claims for e in c.evidence if e.field == "killed"]
    assert tolls(extractor, headline)[0] == killed
    assert not any("gunman" in s for s in spans)


def test_a_child_who_shot_self_is_one_person_hit(extractor):
    assert tolls(extractor, "Child shot self in Tacoma home\n\nThe boy is in good condition.") == (set(), {1})


def test_a_victim_named_in_full_then_by_surname_is_one_death(extractor):
    text = ("The incident that left Darnell Pruitt dead in Trenton played out inside a rented house on Thursday. "
            "Pruitt died at the scene from a gunshot wound to his chest.")
    assert tolls(extractor, text)[0] == {1}


def test_a_headline_lists_no_names(extractor):
    text = ("Boy on Life Support After Being Shot Dies - Channel 9 Now | Eureka, CA\n\n"
            "A 13-year-old boy who was shot in the head in Eureka on Friday has died, police said.")
    assert tolls(extractor, text)[0] == {1}


@pytest.mark.parametrize("text, killed, injured", [
    # a named hospital is a proper noun: "taken to Mercy Hospital" is still taken to a hospital
    ("Officers responded to a shooting on Birch Avenue in Peoria on Friday. "
     "The victim was rushed to St. Luke Hospital in stable condition.", set(), {1}),
    # treated for a wound, at a hospital, treated and released
    ("Officers responded to a shooting at a gas station in Peoria on Friday. "
     "The attendant was treated for a graze wound to the shoulder.", set(), {1}),
    ("Officers responded to a shooting at a gas station in Peoria on Friday. "
     "Two customers were treated at an area hospital.", set(), {2}),
    ("Officers responded to a shooting at a gas station in Peoria on Friday. "
     "The driver was treated and released the same evening.", set(), {1}),
    # found suffering from, or with, gunshot wounds
    ("Deputies found a 15-year-old girl suffering from a gunshot wound behind a church in Peoria on Friday.",
     set(), {1}),
    ("Troopers found two men with gunshot wounds in a pickup outside Peoria on Friday.", set(), {2}),
    # "not seriously hurt" denies how badly, not the wound; "minor injuries" are lived through
    ("Officers responded to a shooting in Peoria on Friday. The clerk was not seriously hurt, police said.",
     set(), {1}),
    ("A boy was killed in a drive-by shooting in Peoria on Friday. His cousin was also hit and was "
     "hospitalized with minor injuries.", {1}, {1}),
    # "both" is two people; "the other victim" is besides the dead
    ("Two cousins were caught in gunfire outside a bakery in Peoria on Friday. Both were taken to a hospital.",
     set(), {2}),
    ("A man died after a fight turned into a shootout in Peoria on Friday. "
     "The other victim remains in critical condition.", {1}, {1}),
    ("A woman died and another was left in critical condition after a shooting in Peoria on Friday.", {1}, {1}),
    # "the other" of two is one person; "a third person" counts on from the dead told before
    ("A gunman fired at two deputies in Peoria on Friday, killing one and badly wounding the other.", {1}, {1}),
    ("Officers found two brothers dead in a duplex in Peoria on Friday. A third person, their aunt, was "
     "flown to a hospital in critical condition.", {2}, {1}),
    # "one of them" in a second clause is one of those hit, not one more; "one of his friends" is one more
    ("Five people were shot at a birthday party in Peoria overnight and one of them is in critical condition.",
     set(), {5}),
    ("A man was shot in the arm and one of his friends was grazed in the leg outside a bar in Peoria.", set(), {2}),
    # struck by a stray bullet is a shooting, not an air strike, and the girl lived
    ("A girl was struck by a stray bullet on her porch in Peoria on Friday and has minor injuries.", set(), {1}),
])
def test_the_wounded_told_by_their_care_and_their_state(extractor, text, killed, injured):
    assert tolls(extractor, text) == (killed, injured)


def test_the_shooter_of_the_other_victims_keeps_them_among_the_dead(extractor):
    # "shot the other three victims" is the shooter's victims, not people hit besides the dead
    text = ("Four people were found dead in a motel room in Peoria on Friday. "
            "Police said the father shot the other three victims and then turned the gun on himself.")
    assert tolls(extractor, text)[1] == set()


@pytest.mark.parametrize("text, killed", [
    ("Deputies found three hunters shot to death at a camp near Peoria on Friday.", 3),
    ("Two sisters were found shot to death in their apartment in Peoria on Friday.", 2),
    ("Police found a taxi driver fatally shot behind the wheel in Peoria on Friday.", 1),
    ("A relative found him dead in the garage of the house in Peoria on Friday.", 1),
    ("Officers arriving at the house in Peoria on Friday located a deceased male in the hallway.", 1),
    ("A 14-month-old is dead after a shooting at a home in Peoria on Friday.", 1),
])
def test_the_dead_as_found(extractor, text, killed):
    assert tolls(extractor, text)[0] == {killed}


def test_a_deceased_man_and_a_wounded_woman_are_one_dead(extractor):
    text = "Officers found one deceased man and one wounded woman inside a car in Peoria on Friday."
    assert tolls(extractor, text)[0] == {1}


@pytest.mark.parametrize("headline, injured", [
    ("Four men shot on Elm Street\n\nPolice are investigating the shooting, which happened on Friday.", {4}),
    ("4 people shot outside Tulsa nightclub\n\nPolice are investigating the shooting on Friday.", {4}),
])
def test_a_headline_tells_the_people_hit(extractor, headline, injured):
    assert tolls(extractor, headline) == (set(), injured)


def test_a_headline_shooter_with_an_object_is_not_hit(extractor):
    text = "Neighbor shot two teens outside Tulsa store\n\nPolice are investigating the shooting on Friday."
    assert tolls(extractor, text) == (set(), {2})  # the two teens, not the neighbor


@pytest.mark.parametrize("text, killed, injured", [
    ("A stray bullet hospitalized a nine-year-old girl in Dover on Sunday.", set(), {1}),
    ("The gunfire put three women in the hospital in Dover on Sunday.", set(), {3}),
    ("Police responded to a shooting in Dover on Sunday. The delivery driver is recovering at a local hospital.",
     set(), {1}),
])
def test_the_wounded_as_the_hospital_tells_them(extractor, text, killed, injured):
    assert tolls(extractor, text) == (killed, injured)


def test_a_headline_restating_the_dead_keeps_its_wounded(extractor):
    # the headline's "1 dead" is the story's one death; its "4 hurt" is told nowhere else
    text = ("1 dead, 4 hurt in club shooting in Dover\n\n"
            "DOVER, Del. — One person was killed in a Christmas Day shooting at a club in a Delaware town.\n\n"
            "A city spokesman said the shooting early Sunday resulted in the death of Tom Harlan, who ran the "
            "Blue Door club in Dover.")
    reports = extractor.extract(Article(id="d", text=text, published=dt.date(2016, 12, 25)))
    assert [(c.killed.best, c.injured.best if c.injured else None) for r in reports for c in r.claims] == [(1, 4)]


@pytest.mark.parametrize("text, killed", [
    ("The shooting in Dover on Sunday left four people and an unborn baby dead.", {4}),
    ("Killed in the ambush in Dover on Sunday were Ann Lee, 27, Bo Lee, 35, and her unborn child.", {2}),
])
def test_an_unborn_child_is_not_counted_among_the_dead(extractor, text, killed):
    assert tolls(extractor, text)[0] == killed


@pytest.mark.parametrize("text, killed, injured", [
    ("Shots fired into a house in Dover on Sunday left two teenagers with non-life-threatening injuries.",
     set(), {2}),
    ("A man died after a shooting outside a Dover laundromat on Sunday. The other three men have minor injuries.",
     {1}, {3}),
])
def test_the_wounded_left_with_or_having_injuries(extractor, text, killed, injured):
    assert tolls(extractor, text) == (killed, injured)


def test_other_members_of_a_family_are_more_dead_not_a_part(extractor):
    # "of the family" says whose members they are; "one of them" would be a part of those told before
    text = ("A radio reporter was killed on Monday evening after an air strike hit his home in Khan Younis. "
            "The strike killed 9 other members of the Darwish family, including three children.")
    assert tolls(extractor, text)[0] == {10}

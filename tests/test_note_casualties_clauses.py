"""Casualty shapes read more generally (issue 11, the sixth pass on the South/South-East Asia notes):
dead told in a third clause of a chain of "and"s, and one person described by two titles that share an
article. Sentences of our own wording; each fails on the code before its fix (but those that say what
stays as it was)."""

from __future__ import annotations

import pytest

from strikewatch.model import Article


def dead(extractor, text):
    return [k.best if k.best is not None else k.low
            for r in extractor.extract(Article(id="note", text=text, published="2015-06-20")) if r.kind == "incident"
            for c in r.claims if (k := c.killed) is not None]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the second "killed" hangs on "wounded", itself joined to the root: still a main clause of its own
        ("According to the rebels, 12 army soldiers were killed and over 30 wounded and two KNLA soldiers were "
         "killed in the battle near Lashio.", [14]),
        # what a side said is a main clause too
        ("The army said 9 soldiers were killed and 14 injured and three villagers were killed in the fighting "
         "near Myitkyina.", [12]),
    ],
)
def test_dead_in_a_chain_of_clauses_add_up(extractor, text, expected):
    assert dead(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the same figure again is a restatement, not more dead
        ("Four policemen were killed and six were wounded in the ambush near Quetta.", [4]),
        # a relative clause tells the same dead
        ("Two soldiers were killed and three wounded near Kalay, and the two who were killed were buried "
         "on Sunday.", [2]),
    ],
)
def test_a_chain_of_clauses_does_not_add_the_same_dead(extractor, text, expected):
    assert dead(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A gunman shot dead Aslam Khan, a former mayor and party leader, outside his house in Swat.",
        "Aslam Khan, a former mayor and party leader, was shot dead outside his house in Swat.",
        "Police said Rahim Uddin, a shopkeeper and father of three, was killed in the blast in Sylhet.",
    ],
)
def test_two_titles_under_one_article_are_one_person(extractor, text):
    assert dead(extractor, text) == [1]


@pytest.mark.parametrize(
    "text",
    [
        "Rahim Uddin, a local trader, and his son were shot dead in Khulna.",
        "Rahim Uddin, a local trader, and a rickshaw puller were shot dead in Khulna.",
        "Rahim Uddin, a local trader, and shopkeeper Karim Mia were shot dead in Khulna.",
    ],
)
def test_a_second_person_after_a_description_still_counts(extractor, text):
    assert dead(extractor, text) == [2]


@pytest.mark.parametrize(
    "text, expected",
    [
        # one person told first, then people of the same kind counted: the whole toll, that one among them
        ("In a raid, police killed the rebel militant thought to be behind the bombing of the market in 2012. "
         "Three militants were targeted and killed.", [3]),
        ("Police killed a robber in Lahore on Friday. Three robbers were targeted and killed in the operation.", [3]),
    ],
)
def test_one_person_then_a_count_of_the_same_kind_is_the_toll(extractor, text, expected):
    assert dead(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # fewer, or people told back, or a cause told in a phrase: the first figure stands
        ("Gunmen killed five villagers near Kohat. Two women were killed in the attack.", [5]),
        ("Gunmen killed a teacher near Kohat. The three gunmen fled on foot.", [1]),
        ("A mob lynched a school guard near Patna over the deaths of two pupils.", [1]),
        # another kind of people counted later may be a wider toll: the first figure stands
        ("In a raid near Turbat, soldiers killed the rebel commander. Four militants were killed in the raid.", [1]),
        ("A strike killed a doctor in Rafah on Monday. Twenty people were killed in strikes across the city.", [1]),
    ],
)
def test_a_smaller_or_told_back_or_cause_count_does_not_replace_the_toll(extractor, text, expected):
    assert dead(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a title of the lexicon written with a capital, with its article, is one person
        ("The attackers fired at the Imam, who was taken to a hospital and later pronounced dead.", [1]),
        ("Two men on a motorbike shot at the Pastor, who was taken to a clinic where he was pronounced dead.", [1]),
    ],
)
def test_a_capitalised_title_with_its_article_is_a_person(extractor, text, expected):
    assert dead(extractor, text) == expected


def test_a_capitalised_force_is_no_person(extractor):
    assert dead(extractor, "Militants fired at the Rangers, who returned fire near Karachi.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # "shot dead X" and "shot X dead" read on the words, whatever the small parser makes of "shot" and
        # "dead" (a noun, the root, the object): one rule in place of a pattern for each misreading
        ("Rebels of the banned outfit shot Sharma, a contractor, dead in Kanchar village under Gaya police "
         "station late last night.", [1]),
        ("Gunmen shot Sharma, a contractor, dead in Gaya village late last night.", [1]),
        ("Unknown gunmen shot a former militant dead at Sopore.", [1]),
        ("Two gunmen on a motorbike shot dead three traders in Narathiwat.", [3]),
        ("Two gunmen on a motorbike shot dead a shopkeeper in Narathiwat.", [1]),
        ("Gunmen shot dead a couple and their son in Yala province.", [3]),
        ("Police shot dead two robbers in Lahore on Friday.", [2]),
        ("The militants shot dead Aslam Khan outside his house in Swat.", [1]),
        # a headline's present tense: "gun" read as a noun; the charge is another event's dead
        ("Policemen gun down two militants suspected of killing police officers in Karachi", [2]),
        ("Police gun down three robbers suspected of killing a jeweller in Lahore", [3]),
    ],
)
def test_shot_dead_is_read_on_the_words(extractor, text, expected):
    assert dead(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A trader was shot dead by gunmen in Yala on Monday.", [1]),  # a passive: the patterns read it
        ("Three traders were shot dead in Yala on Monday.", [3]),
        ("Gunmen shot a trader in the leg in Yala, leaving him for dead.", [None]),  # hit, not killed
    ],
)
def test_shot_dead_passives_and_near_misses_stay_as_they_were(extractor, text, expected):
    assert [k.best if k is not None and k.best is not None else (k.low if k is not None else None)
            for r in extractor.extract(Article(id="note", text=text, published="2015-06-20")) if r.kind == "incident"
            for c in r.claims for k in [c.killed]] == expected

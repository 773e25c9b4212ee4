"""Casualty shapes of South Asian monitors' notes and local news (issue 11): headline grammar with no
auxiliary, a death after a beating told by a second verb, "fatalities stand at", a subject the parser
hangs on a participle before it, a hyphenated victim noun, a unit's number inside one person's "of"
phrase, the wounded after "leaving N dead". Sentences of our own wording; each fails without its fix."""

from __future__ import annotations

import pytest

from strikewatch.model import Article


def dead(extractor, text):
    reports = extractor.extract(Article(id="note", text=text, published="2015-06-20"))
    return [k.best if k.best is not None else k.low for r in reports if r.kind == "incident"
            for c in r.claims if (k := c.killed) is not None]


@pytest.mark.parametrize(
    "text, expected",
    [
        # no auxiliary, the victim as the subject or the head of the whole sentence
        ("Another secular writer hacked to death in the old quarter of the city on Monday morning by a group of "
         "unknown assailants.", [1]),
        ("A retired schoolteacher bludgeoned to death at his home in Sylhet on Friday night.", [1]),
        # with an object it is the attackers who did it, and the victim is the object
        ("A mob beat a suspected thief to death in the market of Rangpur on Friday.", [1]),
    ],
)
def test_headline_grammar_to_death(extractor, text, expected):
    assert dead(extractor, text) == expected


def test_a_victim_who_later_succumbed_is_dead_whatever_the_noun(extractor):
    text = "A ward convener of the ruling party was beaten by three youths in Comilla and later succumbed to his injuries."
    assert dead(extractor, text) == [1]


def test_fatalities_stand_at_a_list_of_sides(extractor):
    text = ("Rebels and government troops clashed near Mong Yai on Tuesday. Current estimates of fatalities stand at "
            "4 army soldiers and one rebel fighter.")
    assert dead(extractor, text) == [5]


def test_shot_dead_after_a_participle_the_parser_made_the_root(extractor):
    text = ("Two guards posted for the security of the mosque's main gate were shot dead at a checkpoint in "
            "Orangi Town of Karachi on Sunday.")
    assert dead(extractor, text) == [2]


def test_a_hyphenated_passer_by_is_a_person(extractor):
    text = ("A crude bomb thrown at a rally missed its target and went off on the pavement in Rajshahi on Tuesday, "
            "resulting in the death of a passer-by.")
    assert dead(extractor, text) == [1]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A rifleman of 12 Assam Rifles troopers was killed in an ambush near Tamenglong on Sunday.", [1]),
        ("A commander of 200 fighters was killed in an airstrike near Miranshah on Sunday.", [1]),
        # a counted group before "of" is still counted
        ("The bodies of 4 traders were found in a canal near Khulna on Sunday.", [4]),
    ],
)
def test_a_figure_inside_one_persons_of_phrase_is_no_toll(extractor, text, expected):
    assert dead(extractor, text) == expected


def test_the_wounded_after_leaving_n_dead_are_not_dead(extractor):
    text = "A long feud between two clans over farmland turned violent in the village, leaving five dead and 12 injured."
    assert dead(extractor, text) == [5]


@pytest.mark.parametrize(
    "text, expected",
    [
        # one person described twice: the verb in the singular says so
        ("A senior commander of the outfit and most wanted militant of the district police was killed in a gunfight "
         "near Baksa on Friday.", [1]),
        # two people, each with an article, take "were"
        ("A senior commander of the outfit and a bodyguard were killed in a gunfight near Baksa on Friday.", [2]),
    ],
)
def test_a_verb_in_the_singular_tells_one_person(extractor, text, expected):
    assert dead(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Rafiq Mia alias Lal, believed to be the gang's second-in-command in the port city, has been killed in a "
        "shootout with police in Chittagong.",
        "Abdul Haq alias Ustad, said to be the outfit's chief for the northern districts and the hill tracts, has been "
        "killed by police in Bandarban.",
    ],
)
def test_a_name_opening_the_note_is_the_one_victim_of_a_lost_subject(extractor, text):
    assert dead(extractor, text) == [1]


def test_a_suicide_during_a_protest_is_a_death(extractor):
    text = "During a sit-in against unpaid crop loans in Nagpur on Monday, a farmer committed suicide by drinking pesticide."
    assert dead(extractor, text) == [1]


def test_a_sentence_glued_to_the_last_after_its_full_stop_is_read(extractor):
    text = ("A patrol of the frontier corps was hit by a roadside bomb near Parachinar (IED).Three soldiers were killed "
            "in the blast. Troops then raided a hideout nearby in which four militants were killed.")
    assert sum(dead(extractor, text)) == 7


def test_titles_and_initials_glued_to_a_name_split_nothing(extractor):
    assert [len(extractor.sentences(t)) for t in ("Mr.Rahman and Dr.Islam met at St.Martin.",
                                                  "The U.S.Army said so.")] == [1, 1]

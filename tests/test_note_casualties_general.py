"""Casualty shapes any wire or monitor note uses, read more generally (issue 11, the fifth pass on the
South/South-East Asia notes): a serial comma before "and", a clause after "while" that names the
place, a place or a place of origin next to a named victim, the small parser's readings of "shot dead".
Sentences of our own wording; each fails on the code before its fix (but the one that says what
stays as it was)."""

from __future__ import annotations

import pytest

from strikewatch.model import Article


def reports(extractor, text):
    return [r for r in extractor.extract(Article(id="note", text=text, published="2015-06-20")) if r.kind == "incident"]


def dead(extractor, text):
    return [k.best if k.best is not None else k.low for r in reports(extractor, text)
            for c in r.claims if (k := c.killed) is not None]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1 constable, and 2 shopkeepers were killed when gunmen attacked a police van on the main road in Quetta",
         [3]),
        ("1 rebel, and 2 villagers were killed when soldiers raided a hamlet on a hill road in Kachin", [3]),
        ("The deputy warden of the central jail, and his brother were shot dead by unknown militants in Mardan.", [2]),
    ],
)
def test_a_serial_comma_before_and_keeps_the_first_person(extractor, text, expected):
    assert dead(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A schoolteacher was killed while his son was injured in a bomb blast in Multan.",
        "The headmaster of the village school was shot dead while his son was injured in Multan on Sunday.",
    ],
)
def test_a_death_and_one_wounded_told_with_while_are_one_incident_with_both(extractor, text):
    found = reports(extractor, text)
    assert len(found) == 1
    claim = found[0].claims[0]
    assert (claim.killed.best, claim.injured.best) == (1, 1)


def test_two_wounded_after_while_do_not_take_the_place_of_another_sentence(extractor):
    # a place told in a later sentence is no reason to join: each sentence is read as before
    text = "A schoolteacher was killed on Monday. Two guards were injured in a bomb blast in Multan on Tuesday."
    assert sorted(dead(extractor, text)) == [1]


@pytest.mark.parametrize(
    "text, expected",
    [
        # "In Khulna" is where, not who: two people, not three
        ("In Khulna, a rickshaw puller, Abdul Karim, 45, and his son, Rafiq Karim, 19, were killed when attackers "
         "threw a bomb at their home on Sunday.", [2]),
        # "of Kundru village" tells where the man is from
        ("Maoist rebels killed a 38-year-old schoolteacher, Ramesh Oraon, of Kundru village under the Bishunpur "
         "Police Station limits in Gumla district.", [1]),
        # a place named by its last word is no second victim
        ("In Lahore's Ward 12, Model Town, Imran Butt, cousin of a provincial minister and nephew of a senator, was "
         "killed during a clash between rival supporters.", [1]),
    ],
)
def test_places_beside_a_named_victim_are_no_victims(extractor, text, expected):
    assert dead(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Gunmen shot dead a couple near their rubber plantation in Yala province.", [2]),
        ("Unknown gunmen shot a former militant dead at Sopore on Monday.", [1]),
        ("Two gunmen on a motorbike shot dead a shopkeeper in Narathiwat.", [1]),
        ("Two gunmen on a motorbike shot dead three traders in Narathiwat.", [3]),
    ],
)
def test_shot_dead_whatever_the_small_parser_makes_of_it(extractor, text, expected):
    assert dead(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the asia8 rule read "fatalities stand at" only: any verb of a running toll, any of its subjects
        ("The death toll of the bus attack in Gaibandha has risen to eight.", [8]),
        ("Deaths from the clash near Mong Yai have climbed to 7.", [7]),
        ("The number of dead in the clash near Mong Yai has risen to seven.", [7]),
        # a running toll supersedes the one death told before it in the sentence
        ("With the death of one more protester in Saptari on Sunday, the death toll in the clash between "
         "protesters and police has reached three in the district.", [3]),
    ],
)
def test_a_running_toll_told_by_any_verb_of_rising(extractor, text, expected):
    assert dead(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the asia8 rule read "shot dead" only after a participle the parser made the root
        ("Two guards posted for the protection of the temple's main gate were killed in the attack at a checkpoint.", [2]),
        ("Three labourers hired for the construction of the new bridge were gunned down at the site.", [3]),
    ],
)
def test_a_death_after_a_participle_the_parser_made_the_root(extractor, text, expected):
    assert dead(extractor, text) == expected


def test_a_participle_and_a_verb_of_no_harm_are_no_death(extractor):
    text = "Two doctors trained in the capital were posted to the district hospital and were praised by officials."
    assert dead(extractor, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "As police closed in on the wanted militant, he opened fire on them and finally blew himself up with a suicide vest.",
        "Cornered by the police, the bomber fired at them and then blew himself up in the lane.",
    ],
)
def test_an_attacker_who_blew_himself_up_in_a_second_clause_is_the_toll(extractor, text):
    assert dead(extractor, text) == [1]


def test_the_attackers_own_death_in_a_second_clause_is_no_toll_beside_other_dead(extractor):
    assert dead(extractor, "Two attackers stormed the gate, killed a guard and blew themselves up.") == [1]


def test_shot_and_later_pronounced_dead_is_a_death(extractor):
    found = reports(extractor, "A cleric was shot by gunmen outside a mosque and was later pronounced dead at a hospital.")
    claim = found[0].claims[0]
    assert claim.killed.best == 1 and not (claim.injured and claim.injured.best)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Police said 3 robbers were shifted to the civil hospital where they died.", [3]),
        ("Villagers took the injured boy to a clinic where he died.", [1]),
    ],
)
def test_they_who_died_where_they_were_taken_are_those_taken(extractor, text, expected):
    assert dead(extractor, text) == expected


def test_a_past_event_owned_by_a_period_inside_a_persons_phrase_makes_no_tally(extractor):
    # "behind last year's bombing" dates the bombing the commander planned, not the raid that killed him
    text = "In a raid, troops killed the militant commander behind last year's bombing in the market."
    assert [r.kind for r in extractor.extract(Article(id="n", text=text, published="2015-06-20"))] == ["incident"]

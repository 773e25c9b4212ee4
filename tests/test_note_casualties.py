"""Casualty shapes of monitors' notes and regional news (issue 11): telegraphic passives, a figure shared by
names joined before one noun, one member of a people, "as many as", tolls told as "the number", party
names before a described victim. Sentences of our own wording; each rule would fail without its fix."""

from __future__ import annotations

import pytest

from strikewatch.extract import is_candidate
from strikewatch.model import Article


def dead(extractor, text):
    reports = extractor.extract(Article(id="note", text=text, published="2016-06-20"))
    return [k.best if k.best is not None else k.low for r in reports if r.kind == "incident"
            for c in r.claims if (k := c.killed) is not None]


def test_the_slip_causalities_reaches_the_parser(extractor):
    text = "Troops exchanged fire with rebels near Jowhar. Causalities reported, numbers not known."
    assert is_candidate("Causalities reported, numbers not known.")
    assert dead(extractor, text) == [10]  # ACLED's code for an unknown count


@pytest.mark.parametrize(
    "text, expected",
    [
        # a note drops the auxiliary: "N fighters killed" is a passive
        ("Nine insurgents killed and two wounded in an air raid on a hideout near Miranshah.", [9]),
        ("3 ULFA and NSCN cadres killed in a gunfight with soldiers in Tinsukia.", [3]),
        # with the auxiliary, or an object, it is the active verb as before
        ("The gunmen have killed 4 people in Kohat since Monday.", [4]),
    ],
)
def test_a_counted_subject_of_a_bare_participle_is_killed(extractor, text, expected):
    assert dead(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("5 JMB and local militants were killed by police in a raid in Gaibandha.", [5]),
        ("At least 7 LeT and foreign fighters were killed in a gunfight near Kupwara.", [7]),
    ],
)
def test_names_joined_before_one_plural_noun_share_its_figure(extractor, text, expected):
    assert dead(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Upper-caste men murdered a Dalit outside his home in Mathura.", [1]),
        ("A clash over grazing land killed three Fulbe herders and a Tiv in Benue.", [4]),
    ],
)
def test_one_member_of_a_people_or_caste_is_one_victim(extractor, text, expected):
    assert dead(extractor, text) == expected


def test_a_figure_on_the_noun_before_the_head(extractor):
    assert dead(extractor, "Two frontier corps personnel were killed when a mine went off near Turbat.") == [2]


def test_arrested_and_killed_when_the_tagger_reads_a_past_tense(extractor):
    assert dead(extractor, "Two  farmers in their 30s were detained by the Tatmadaw and killed.") == [2]


def test_as_many_as_is_the_reported_figure(extractor):
    found = extractor.extract(Article(id="n", text="Jets struck hideouts in Tirah, killing as many as eight militants.",
                                      published="2016-06-20"))
    killed = [c.killed for r in found for c in r.claims if c.killed is not None]
    assert [(k.low, k.best, k.high) for k in killed] == [(None, 8, 8)]
    # "up to" stays a bound with no figure
    found = extractor.extract(Article(id="n", text="Up to eight militants were killed when jets struck hideouts in Tirah.",
                                      published="2016-06-20"))
    assert [(c.killed.best, c.killed.high) for r in found for c in r.claims if c.killed is not None] == [(None, 8)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Militants stormed a guesthouse in Mogadishu. Between 9 and 12 were first believed dead, but the number "
         "was later revised to fifteen.", [15]),
        ("Gunmen opened fire at a wedding in Zamfara. The number of dead rose to 14 on Sunday.", [14]),
        # the number of the wounded is no toll of the dead
        ("Gunmen opened fire at a wedding in Zamfara, killing 3. The number of wounded rose to 14 on Sunday.", [3]),
    ],
)
def test_a_toll_told_as_the_number(extractor, text, expected):
    assert dead(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Masked men shot dead a Jamaat Islami union worker, Abdul Karim, outside a mosque in Rajshahi.",
        "A former Congress legislator, Harbans Lal, died after being beaten by a mob in Ludhiana.",
        "Constable Vijay Kumar (34), posted with Gadchiroli outpost, was shot dead by Maoists on Friday.",
    ],
)
def test_a_described_victim_and_his_name_are_one_person(extractor, text):
    assert dead(extractor, text) == [1]


@pytest.mark.parametrize(
    "text",
    [
        # a long subject the small parser hangs elsewhere ("attacks" becomes the subject of "was killed")
        "A suspected bandit wanted for several armed robberies was killed in a shootout with police near Kano.",
        "In Sokoto, an alleged kidnapper, who had escaped from police custody, was killed by vigilantes.",
        "A farmer, Musa, hoping to reach the market before dawn was shot dead by gunmen on the road to Gusau.",
    ],
)
def test_the_indefinite_person_who_opens_the_sentence_is_the_victim_of_a_passive_death(extractor, text):
    assert dead(extractor, text) == [1]


def test_a_lost_subject_is_not_guessed_beside_a_victim_read(extractor):
    # the victim is read from the parse: the opening person (the attacker) is not added
    assert dead(extractor, "A gunman opened fire on a bus in Jos and two passengers were killed.") == [2]


def test_slew_is_slay(extractor):
    assert dead(extractor, "Masked men slew a village headman near Jessore on Tuesday night.") == [1]


def test_killing_them_takes_a_figure_on_the_noun_before_the_head(extractor):
    assert dead(extractor, "Gunmen ambushed three border police guards near Turbat, killing them at once.") == [3]


@pytest.mark.parametrize(
    "text, killed, injured",
    [
        ("6 villagers killed and 4 injured as a bus ran over a mine near Kohlu.", 6, 4),
        ("3 policemen killed and 5 injured in a grenade attack on a station in Imphal.", 3, 5),
    ],
)
def test_each_participle_of_a_run_on_takes_the_figure_before_it(extractor, text, killed, injured):
    reports = extractor.extract(Article(id="n", text=text, published="2016-06-20"))
    claims = [c for r in reports if r.kind == "incident" for c in r.claims]
    assert [(c.killed.best if c.killed else None, c.injured.best if c.injured else None) for c in claims] == [(killed, injured)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Nine villagers including a teacher and his wife were killed when gunmen raided Tangi.", [9]),
        # a counted group after the part is more people
        ("27 civilians, including seven children, and 3 soldiers were killed in the strike on Kunduz.", [30]),
    ],
)
def test_a_singular_conjunct_after_including_is_part_of_the_figure(extractor, text, expected):
    assert dead(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A shepherd, a trader and two boys were killed by a mine near Kandahar.", [4]),
        ("A nurse, a driver and a guard were killed when rebels ambushed the clinic's van.", [3]),
    ],
)
def test_a_run_of_indefinite_people_is_a_list(extractor, text, expected):
    assert dead(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a second subject of the death takes any person noun, as the first does
        ("A senior commander of the Jaish brigade (JB) and his companion were killed in a raid near Quetta.", [2]),
        # a singular noun the tagger reads as a proper noun, described by a common noun
        ("A border jawan and an intruder died in an exchange of fire near Uri.", [2]),
    ],
)
def test_two_people_joined_by_and(extractor, text, expected):
    assert dead(extractor, text) == expected

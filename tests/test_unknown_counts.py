"""Deaths told without a figure, an attacker's own death, and victims described by any noun: how monitors'
notes tell them, read as ACLED codes them (docs/conventions.md). Sentences of our own wording."""

from __future__ import annotations

import pytest

from strikewatch.model import Article


def claims(extractor, text):
    reports = extractor.extract(Article(id="note", text=text, published="2016-06-20"))
    return [(c.killed, r.flags) for r in reports if r.kind == "incident" for c in r.claims if c.killed is not None]


def dead(extractor, text):
    return [k.best if k.best is not None else k.low for k, _ in claims(extractor, text)]


@pytest.mark.parametrize(
    "text",
    [
        "Rebels shelled an army post near Jowhar, causing casualties of unknown number.",
        "Militia fighters clashed with police in Galkayo. Casualties reported, numbers not known.",
        "Soldiers fought gunmen near a well outside Garowe, an unknown number of casualties was reported.",
    ],
)
def test_casualties_of_an_unknown_number_are_coded_as_acled_does(extractor, text):
    found = claims(extractor, text)
    assert [(k.low, k.best) for k, _ in found] == [(10, 10)]  # ACLED: an unknown count is coded 10
    # casualties may be the wounded too: the figure says so
    assert all("killed-or-wounded ambiguous" in flags for _, flags in found)


def test_deaths_of_an_unknown_number_are_not_ambiguous(extractor):
    found = claims(extractor, "Troops ambushed a convoy near Beledweyne; deaths of an undisclosed number were reported.")
    assert [(k.best, "killed-or-wounded ambiguous" in flags) for k, flags in found] == [(10, False)]


@pytest.mark.parametrize(
    "text",
    [
        # whether anyone was hit is not told: nothing, never a coded figure
        "Rebels attacked a base near Kismayo on Tuesday. Casualties not known.",
        "Insurgents raided a checkpoint in Baidoa on Tuesday; it is not known whether there were casualties.",
    ],
)
def test_unknown_whether_anyone_was_hit_gives_no_figure(extractor, text):
    assert dead(extractor, text) == []


def test_an_unknown_count_follows_the_floor_convention(monkeypatch):
    from strikewatch import lexicon

    try:
        lexicon.load.cache_clear()
        monkeypatch.setenv("STRIKEWATCH_VAGUE_COUNTS", "floor")
        unknown = lexicon.load().quantities["an unknown number"]
        assert (unknown.low, unknown.best) == (1, None)  # someone was hit: at least one, no figure
    finally:
        lexicon.load.cache_clear()


@pytest.mark.parametrize(
    "text, expected",
    [
        # the attacker's own death is the toll when no one else is told dead
        ("A suicide bomber blew himself up outside a court in Mardan on Monday.", [1]),
        ("Two bombers set off their vests at a bus stop in Maiduguri on Sunday, killing only themselves.", [2]),
        ("Three attackers blew themselves up at the gate of an air base in Quetta when guards opened fire.", [3]),
        # beside a toll it adds nothing: the toll is the event's figure
        ("A bomber blew himself up at a shrine in Kohat on Friday, killing nine worshippers.", [9]),
        ("Nine worshippers were killed when a bomber blew himself up at a shrine in Kohat on Friday.", [9]),
        ("A bomber blew himself up at a checkpoint in Kohat on Friday. Police said five soldiers were killed.", [5]),
    ],
)
def test_an_attackers_own_death(extractor, text, expected):
    assert dead(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a noun the victim lexicon lacks is a person when a predicate of death applies to it
        "A Nepali national was shot dead by unknown men near a market in Birgunj on Friday.",
        "A ward candidate was killed by unidentified assailants near Gonda on Sunday.",
        "A personnel of the border police was killed in a landmine blast in Kupwara on Monday.",
        "Gunmen shot dead a retired headmaster outside his home in Mardan on Tuesday.",
        "In Manikganj, a local was killed and nine other people were injured in a clash between two groups on Friday.",
    ],
)
def test_any_described_victim_of_a_death_is_one_person(extractor, text):
    assert dead(extractor, text) == [1]


@pytest.mark.parametrize(
    "text",
    [
        # things, events, animals and speakers are not victims
        "Waste water from the tannery is killing the fish in the river near Savar, residents said.",
        "Police vowed on Monday to eliminate the presence of gangs in Karachi.",
        "The ceasefire died in Juba on Monday after two days.",
        "No civilians were killed in the raid on Kismayo on Monday, the ministry said.",
    ],
)
def test_things_and_speakers_are_not_victims(extractor, text):
    assert [d for d in dead(extractor, text) if d] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # two counted subjects of one predicate add up, however the parser hangs them
        ("4 rebels and 1 policeman were killed and 6 policemen were injured in a gunfight in Swabi on Monday.", [5]),
        ("3 militants and 2 security officials were killed when gunmen stormed a check post in Bannu on Monday.", [5]),
        ("A student and a border guard were killed in Nalbari on Monday when guards opened fire on a rally.", [2]),
        ("The jail superintendent and his brother were shot dead by gunmen in Charsadda on Sunday.", [2]),
        # one person with two roles, not two people
        ("Gunmen shot dead a cleric and administrator of a seminary in Nowshera on Sunday.", [1]),
    ],
)
def test_coordinated_victims_add_up(extractor, text, expected):
    assert dead(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the dead of the other armed side are more dead (ACLED's toll counts every side)
        ("Rebels ambushed a patrol in Kech on Monday, killing two troops. After hours of fighting 8 militants "
         "were killed.", [10]),
        ("21 soldiers were killed and over 60 wounded and two rebels were killed in the battle near Laukkai on "
         "Monday.", [23]),
        ("Militants attacked a checkpoint in Bannu on Monday, killing 3 policemen. Two militants were killed.", [5]),
        # the same side told again is the same dead
        ("Four soldiers were killed in an ambush near Laukkai on Monday. The four soldiers were buried on Tuesday.", [4]),
        ("Gunmen killed 3 policemen at a checkpoint in Bannu on Monday. 3 policemen were killed in the attack, "
         "officials said.", [3]),
        # a death told as what came before is another event's
        ("Troops killed 6 rebels in Kurram on Monday following the killing of two soldiers.", [6]),
        ("16 militants were killed by shelling in Kurram on Monday after one soldier was killed by a roadside "
         "bomb.", [16]),
        # the same figure told of the other words for the same men is a restatement
        ("At least 15 rebels were killed in a gunfight with troops in Kurram on Monday. The troops killed at "
         "least 15 attackers in the clash.", [15]),
        # civilians beside fighters are not this rule's (a civilian monitor counts civilians only)
        ("An air strike killed 5 civilians in a village near Idlib on Monday. 2 militants were also in the house.", [5]),
    ],
)
def test_the_dead_of_both_armed_sides_add_up(extractor, text, expected):
    assert sorted(set(dead(extractor, text))) == expected  # one figure, whoever tells it


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Two men accused of robbery were summarily shot by a militia in Sirte on Monday.", [2]),
        ("Militiamen summarily shot three prisoners outside Sirte on Monday.", [3]),
        # a note that opens like a headline: the figure with its death word is read as written
        ("23 dead, 12 wounded when herdsmen clashed with farmers in a village near Nyala on Monday.", [23]),
        ("Five killed, 20 injured as police fired on protesters in Nyala on Monday.", [5]),
        ("1 security guard killed 5 injured in bomb blast in Sibi", [1]),
    ],
)
def test_executions_and_headline_notes(extractor, text, expected):
    assert dead(extractor, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A couple riding a motorcycle were shot and killed by gunmen in Yala on Monday.", [2]),
        ("A couple of soldiers were killed by a roadside bomb in Pattani on Monday.", [2]),
        # bodies counted by whoever recovered them are the dead
        ("Rescue workers recovered 17 bodies from the rubble of the market in Laukkai on Monday.", [17]),
    ],
)
def test_a_couple_and_bodies_recovered(extractor, text, expected):
    assert dead(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a death that set off a riot is another incident (monitors code the riot with no fatalities)
        "Residents of Godhra began rioting on Monday after a bus driver was killed.",
        "Party members took to the streets in Nagpur the day after a farmer was killed at a rally.",
        "A mob clashed with police in Deoria on Friday after the death of a local party leader.",
        "Following the death of a prisoner in police custody, residents of Uvira burned the police station on Monday.",
    ],
)
def test_a_death_that_set_off_a_riot_is_not_its_toll(extractor, text):
    assert dead(extractor, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # the riot's own dead stay, and so do deaths that did not set it off
        ("Protesters burned a man alive in Uvira on Monday.", [1]),
        ("Villagers fled their homes in Uvira on Monday after gunmen killed five farmers.", [5]),
        ("Police fired on rioters in Deoria on Friday, killing two, after the death of a local leader.", [2]),
    ],
)
def test_a_riots_own_dead_stay(extractor, text, expected):
    assert dead(extractor, text) == expected

"""Deaths as monitors' coders and regional newspapers write them (ACLED notes of Africa and South Asia):
described singular victims, bodies found, verbless notes, and deaths told as another event's grievance.
Sentences of our own wording."""

from __future__ import annotations

import pytest

from strikewatch.model import Article


def killed(extractor, text):
    reports = extractor.extract(Article(id="note", text=text, published="2015-06-10"))
    return [c.killed.best if c.killed.best is not None else c.killed.low
            for r in reports if r.kind == "incident" for c in r.claims if c.killed is not None]


def incident_types(extractor, text):
    reports = extractor.extract(Article(id="note", text=text, published="2015-06-10"))
    return [r.event_type for r in reports if r.kind == "incident"]


@pytest.mark.parametrize(
    "text, dead",
    [
        # described singular victims whose nouns the lexicon lacked
        ("A police constable was shot dead by gunmen in Peshawar on Tuesday.", 1),
        ("A Nigerian peacekeeper was killed by unknown assailants near Bangui.", 1),
        ("An elderly villager was shot dead in his home near Lashio by soldiers.", 1),
        ("Troops killed a rebel cadre during a raid in Kokrajhar district on Monday.", 1),
        ("A party supporter lost his life in Bogra after being beaten by rivals.", 1),
        ("Gunmen gunned down two traders at a market in Quetta on Sunday.", 2),
        # a second predicate shares the first one's subject
        ("Five herders were abducted near Bunia and later executed.", 5),
        # bodies found are deaths
        ("The bodies of four fishermen were found on a beach near Chittagong.", 4),
        ("Two farmers' bodies were discovered in a field outside Bannu.", 2),
        # a note without a verb, and a reported death without an auxiliary
        ("Soldiers raided a rebel camp near Kismayo. Three al Shabaab dead.", 3),
        ("Militants fired mortars at a base in Beledweyne. At least one civilian reported dead.", 1),
    ],
)
def test_deaths_in_monitor_wording(extractor, text, dead):
    assert dead in killed(extractor, text)


def test_others_with_their_own_predicate_are_not_the_dead(extractor):
    # "killed and two others captured": the two are the subject of "captured", not objects of "killed"
    assert killed(extractor, "Four soldiers were killed and two others captured in an ambush near Kutkai.") == [4]
    assert killed(extractor, "One policeman was killed and three others suffered injuries in a blast in Mogadishu.") == [1]


def test_a_place_opening_the_sentence_is_not_a_named_victim(extractor):
    assert killed(extractor, "In Sylhet, a shopkeeper was killed when two gangs clashed in the bazaar.") == [1]


@pytest.mark.parametrize(
    "text",
    [
        "Lawyers protested in Lahore against the killing of two colleagues by a police officer.",
        "Shopkeepers staged a protest in Rawalpindi after the murder of a jeweller on Sunday.",
        "Hundreds of villagers blocked the highway near Madurai demanding the arrest of the men who killed a taxi driver.",
        "Students marched in Kathmandu after a classmate was stabbed to death.",
        "Protests over the death of a young farmer erupted in Srinagar on Friday.",
    ],
)
def test_a_death_told_as_a_protests_grievance_is_another_event(extractor, text):
    assert killed(extractor, text) == []
    assert set(incident_types(extractor, text)) <= {"Protests", "Riots"}


@pytest.mark.parametrize(
    "text, dead",
    [
        ("Two protesters were killed when police opened fire on a rally in Dhaka.", 2),
        ("Police opened fire on demonstrators in Nairobi, killing four.", 4),
        ("Protesters clashed with police in Karachi, and three people were killed.", 3),
        # the grievance is another event, the retaliation's own dead stay
        ("Rebels killed six soldiers near Kutkai in retaliation for the killing of their commander.", 6),
    ],
)
def test_deaths_of_the_protest_itself_still_count(extractor, text, dead):
    assert killed(extractor, text) == [dead]


@pytest.mark.parametrize(
    "text, dead",
    [
        # the dead of a response are other people than the attack's: all deaths of the event add up
        ("Militants attacked a checkpost in Chaghi, killing 3 policemen. Troops responded with fire and killed 2 of "
         "the attackers.", 5),
        ("A guard was killed when gunmen stormed a bank in Quetta. Police retaliated and killed four gunmen.", 5),
        # two main clauses with victims of their own
        ("One rebel was killed in Laukkai, and ten soldiers were killed over two days of fighting.", 11),
        # a clause inside another restates
        ("Three soldiers were killed in Laukkai on Monday, including a captain who died later.", 3),
        # "between 1 and 4" is a range, read as its floor, not 1 + 4
        ("Between 2 and 4 soldiers were killed in a blast at a checkpoint in Baidoa on Monday.", 2),
        # a typo of the region's press, and a verb of its military's press
        ("A drone strike kills atleast 6 in Shawal on Friday.", 6),
        ("At least 30 militants were eliminated in an operation in Khyber Agency on Sunday.", 30),
        # burned alive; a second predicate of death sharing the subject
        ("Two passengers were burnt alive when a bus was set on fire in Bogra on Monday.", 2),
        ("Three farmers were beaten and hacked to death in a land dispute in Sylhet on Monday.", 3),
        # the subject of an active verb with an object did the killing
        ("Two people were killed in Kandahar on Monday when a gunman killed them.", 2),
        # a coder's figure in brackets after a vague one
        ("Elders in Bouar spoke of many casualties in clashes between herders and militias (coded as 10).", 10),
    ],
)
def test_tolls_of_whole_events(extractor, text, dead):
    assert dead in killed(extractor, text)


@pytest.mark.parametrize(
    "text, dead",
    [
        # telegraphic notes drop the article before the object too
        ("Gunmen killed former tribal chief in Kismayo as he left the mosque.", 1),
        # "them" / "both" are the people the verb before took
        ("Rebels abducted three traders near Beni and killed them.", 3),
        # a second predicate of death sharing the subject of the first
        ("A shopkeeper was stabbed by robbers in Sylhet and died in hospital on Sunday.", 1),
        ("Attackers burnt alive two farmers in their hut near Faridabad on Friday.", 2),
        ("The brawl over the land in Kotli resulted in one death and four injuries.", 1),
    ],
)
def test_telegraphic_and_anaphoric_victims(extractor, text, dead):
    assert dead in killed(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        # the father, the university, the posting named beside a victim are not more victims
        "Karim Uddin, son of Abdul Hamid, a resident of Kalna village, was killed in a clash in Jessore on Sunday.",
        "A student of Rajshahi Science and Technology University was killed in a clash between two factions in Rajshahi.",
        # an age written with hyphens is no count
        "A clash between two groups in Salem district resulted in the death of 31-year-old farmer on Monday.",
    ],
)
def test_one_victim_described_at_length_is_one(extractor, text):
    assert killed(extractor, text) == [1]


def test_a_run_on_headline_does_not_read_the_wounded_as_killed(extractor):
    # agency headlines pasted without punctuation: "N killed M others injured"
    assert 40 not in killed(extractor, "Five people killed 40 others injured in rocket fire on Homs city.")


def test_a_figure_told_again_in_one_run_on_sentence_is_not_added(extractor):
    text = ("Double blast kills 14 in Kurdish city state TV Print Tweet Double blast kills 14 in Kurdish city "
            "state TV -A double blast killed 14 people in the Kurdish city of Qamishli on Tuesday")
    assert killed(extractor, text) == [14]

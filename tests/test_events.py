"""Event types: ACLED's whole taxonomy from trigger words, settled by the parties' types; the
sentence gate compiled from the same lexicon; events without figures open their own reports.
Every sentence here is written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from strikewatch import lexicon
from strikewatch.errors import DataFileError
from strikewatch.extract import event_words, is_candidate
from strikewatch.extract.events import PRIORITY, is_irrealis
from strikewatch.model import Article


def event(extractor, text):
    doc = extractor.nlp(text)
    return extractor.triggers.classify(doc, extractor.triggers.find(doc))


def sub(extractor, text):
    fact = event(extractor, text)
    return fact.sub_event_type if fact else None


# one sentence per sub-event type ("Other": captives freed, see tests/test_note_more_dead.py)
TAXONOMY = [
    ("Government troops and rebel fighters fought for hours near the bridge on Tuesday.", "Armed clash"),
    ("The army recaptured the border town from the insurgents on Sunday.", "Government regains territory"),
    ("Insurgents overran the district police headquarters late on Friday.", "Non-state actor overtakes territory"),
    ("A drone strike hit a compound outside the town on Monday.", "Air/drone strike"),
    ("A suicide bomber blew himself up at the gate of the ministry.", "Suicide bomb"),
    ("Mortar shells landed on the outskirts of the town overnight.", "Shelling/artillery/missile attack"),
    ("A roadside bomb struck a minibus on the northern highway.", "Remote explosive/landmine/IED"),
    ("An attacker lobbed a grenade into the crowded bus station.", "Grenade"),
    ("Residents said a chlorine gas attack choked dozens in the eastern district.", "Chemical weapon"),
    ("Two soldiers raped a woman in the village, her family said.", "Sexual violence"),
    ("Gunmen stormed a wedding party and shot dead four guests.", "Attack"),
    ("Armed men abducted three teachers from the school on Wednesday.", "Abduction/forced disappearance"),
    ("Hundreds of nurses protested outside the health ministry over unpaid wages.", "Peaceful protest"),
    ("Police fired tear gas to disperse students marching on parliament.", "Protest with intervention"),
    ("Security forces opened fire on the protesters, killing three of them.", "Excessive force against protesters"),
    ("Protesters pelted the police with stones and torched two buses.", "Violent demonstration"),
    ("A mob lynched a man accused of stealing cattle.", "Mob violence"),
    ("The two armed groups signed a ceasefire in the capital on Thursday.", "Agreement"),
    ("Police arrested eleven opposition activists at their party office.", "Arrests"),
    ("Forty soldiers defected to the rebel movement with their weapons.", "Change to group/activity"),
    ("Bomb disposal experts defused an improvised explosive device near the market.", "Disrupted weapons use"),
    ("The militia set up a base in the abandoned school.", "Headquarters or base established"),
    ("Armed men ransacked shops and looted the warehouse of the aid agency.", "Looting/property destruction"),
    ("The rebels withdrew from the town and handed over control to the tribal council.",
     "Non-violent transfer of territory"),
]


@pytest.mark.parametrize("text,expected", TAXONOMY)
def test_events_every_sub_event_type_from_a_sentence(extractor, text, expected):
    assert sub(extractor, text) == expected


def test_events_taxonomy_is_acleds_and_every_type_has_words(lexicons):
    assert set(PRIORITY) == set(lexicon.SUB_EVENT_TYPES) and len(PRIORITY) == 25
    assert set(lexicon.SUB_EVENT_TYPES.values()) == {"Battles", "Explosions/Remote violence", "Violence against civilians",
                                                   "Protests", "Riots", "Strategic developments"}
    named = {t.sub_event_type for t in lexicons.triggers.values()}
    # "Other" by captives freed ("freed", "released"), restricted on the parse (events._captives_freed)
    assert set(lexicon.SUB_EVENT_TYPES) == named
    assert set(lexicons.parties.values()) == lexicon.PARTY_TYPES


@pytest.mark.parametrize("text,expected", [
    # the same attack word; the target decides
    ("Militants attacked an army checkpoint on the ring road.", "Armed clash"),
    ("Militants attacked a wedding party on the ring road.", "Attack"),
    ("Unknown gunmen shot dead a police officer outside the station.", "Armed clash"),
    ("Unknown gunmen shot dead a shopkeeper outside his home.", "Attack"),
    # a victim who carries arms makes a clash, whoever fired
    ("Two soldiers were killed by insurgents in the valley.", "Armed clash"),
    ("A tribal elder was killed by insurgents in the valley.", "Attack"),
    # "clashes" stay clashes even when bystanders die
    ("Three civilians died in clashes between two militias.", "Armed clash"),
    # a ground raid by troops is a clash; raids alone in war reports are air raids
    ("Special forces raided a hideout of the insurgents, killing six.", "Armed clash"),
    ("Raids killed twelve civilians in the province.", "Air/drone strike"),
    # kidnapped and killed: the killing is the event
    ("Militants kidnapped and killed two engineers on the highway.", "Attack"),
    # gunmen firing on a rally attack civilians; the state firing on it is excessive force
    ("Gunmen opened fire on a rally in the square, killing five people.", "Attack"),
    ("Riot police fired live ammunition at the crowd, killing two marchers.", "Excessive force against protesters"),
    # arrests at a protest make a protest with intervention
    ("Police detained thirty demonstrators who had blocked the highway.", "Protest with intervention"),
    # the taker, not the word, decides who gained territory (a side that withdrew first gave it up
    # without a fight: a non-violent transfer, tests/test_events_parties.py)
    ("The insurgents took control of the town after government forces fled.", "Non-state actor overtakes territory"),
    ("Government forces took control of the town after the insurgents fled.", "Government regains territory"),
    # unarmed people as a side of a clash are rioters; as its victims they change nothing
    ("Groups of youths clashed with the police near the mosque after prayers.", "Violent demonstration"),
    ("Supporters of the two rival parties clashed in the market, injuring nine.", "Mob violence"),
    ("Five people died in clashes in the northern province.", "Armed clash"),
    ("Activists torched two buses on the highway during the general strike.", "Violent demonstration"),
    ("Militants torched a school in the village.", "Looting/property destruction"),
    ("Police fired tear gas shells at the stone-pelting crowd.", "Violent demonstration"),
    # the most specific word wins: a defused bomb never exploded
    ("Soldiers defused a roadside bomb near the checkpoint.", "Disrupted weapons use"),
    ("A bomb carried by the militants detonated prematurely, killing two of them.", "Disrupted weapons use"),
    # "struck" is an air strike's word, unless a bullet struck
    ("Jets struck a bakery in the old town, killing four.", "Air/drone strike"),
    ("A shopkeeper was struck by a stray bullet in the old town.", "Attack"),
    # the leavings of gunfire and a medical flight are no shelling and no air strike
    ("Detectives collected shell casings near the gas station where the clerk was shot.", "Attack"),
    ("The wounded deputy was flown by medical helicopter to the trauma centre.", "Attack"),
])
def test_events_parties_decide_what_words_cannot(extractor, text, expected):
    assert sub(extractor, text) == expected


def test_events_a_word_naming_harm_alone_is_a_guess(extractor):
    guess = event(extractor, "Five people were killed in the town.")
    assert guess.weight == "generic" and guess.guessed and not guess.opens
    settled = event(extractor, "Insurgents killed five villagers in the town.")
    assert settled.sub_event_type == "Attack" and not settled.guessed


def test_events_background_clause_opens_nothing(extractor):
    fact = event(extractor, "The town has been quiet since the rebels launched an offensive on May 3.")
    assert fact.sub_event_type == "Armed clash" and fact.background and not fact.opens


def test_events_irrealis_from_the_parse_not_from_may(extractor):
    span = extractor.nlp("On 5 May, rebels attacked the garrison.")[:]
    assert not is_irrealis(span.text, span)
    span = extractor.nlp("Rebels may attack the garrison again.")[:]
    assert is_irrealis(span.text, span)
    assert is_irrealis("The group vowed to continue its attacks.")


def test_events_gate_is_compiled_from_the_trigger_lexicon(lexicons):
    for phrase in lexicons.triggers:
        assert event_words().search(f"They said {phrase} there."), phrase
    assert is_candidate("Police arrested eleven activists in the capital on Monday.")
    assert is_candidate("Hundreds of teachers protested outside the ministry on Friday.")
    assert not is_candidate("The council discussed the new budget on Monday.")
    # a non-violent act named firmly needs no anchor: it can be a lede of its own
    assert is_candidate("Farmers protested outside the sugar mill against low prices.")
    assert not is_candidate("The strikes went on.")
    assert event_words().search("An IED hit the patrol.") and not event_words().search("An ied is a word.")


def report_of(extractor, text, published="2021-06-14"):
    reports = extractor.extract(Article(id="e", text=text, published=dt.date.fromisoformat(published)))
    return [r for r in reports if r.kind == "incident"]


def test_events_an_arrest_without_casualties_opens_a_report(extractor):
    reps = report_of(extractor, "Police arrested fourteen members of a banned group in a dawn operation on Saturday, "
                                "a spokesman said.\nThe men were taken to the city jail.")
    assert [r.sub_event_type for r in reps] == ["Arrests"]
    assert reps[0].event_type == "Strategic developments" and reps[0].date.start == dt.date(2021, 6, 12)
    assert all(c.killed is None for c in reps[0].claims)
    assert "sub-event-guessed" not in reps[0].flags


def test_events_a_protest_lede_with_no_place_or_day_opens_a_report(extractor):
    reps = report_of(extractor, "Hundreds of farmers protested outside the sugar mill against low cane prices.\n"
                                "They said they had not been paid for months.")
    assert [(r.event_type, r.sub_event_type) for r in reps] == [("Protests", "Peaceful protest")]
    assert "date not stated: publication day or the day before" in reps[0].flags


def test_events_a_riot_named_in_commentary_opens_no_report(extractor):
    assert report_of(extractor, "Activists demanded action against those responsible for the riots.\n"
                                "They met the governor.") == []


def test_events_background_lines_open_no_report(extractor):
    reps = report_of(extractor, "An air strike killed six fighters near the dam on Sunday, the army said.\n"
                                "The area has been contested since the rebels launched an offensive in the spring.")
    assert len(reps) == 1 and reps[0].sub_event_type == "Air/drone strike"


def test_events_default_sub_event_is_flagged_for_linking(extractor):
    guessed = report_of(extractor, "Four people died in the village of the governor on Sunday, police said.")
    assert guessed and all("sub-event-guessed" in r.flags for r in guessed)
    read = report_of(extractor, "Rebels ambushed an army convoy near the pass on Sunday, killing four soldiers.")
    assert read[0].sub_event_type == "Armed clash" and "sub-event-guessed" not in read[0].flags


class _Text:
    def __init__(self, text: str):
        self.text = text

    def joinpath(self, *parts: str) -> _Text:
        return self

    def read_text(self, encoding: str = "utf-8") -> str:
        return self.text


def test_events_lexicon_errors_name_file_and_line(monkeypatch):
    text = "phrase,sub_event_type,weight\nair strike,Air/drone strike,specific\nrazzia,Raid,specific\nsiege,Armed clash,strong\n"
    monkeypatch.setattr(lexicon.resources, "files", lambda pkg: _Text(text))
    with pytest.raises(DataFileError) as err:
        lexicon._triggers()
    msg = str(err.value)
    assert "triggers.csv" in msg and "line 3: unknown sub_event_type 'Raid'" in msg and "line 4: weight must be" in msg
    monkeypatch.setattr(lexicon.resources, "files", lambda pkg: _Text("phrase,type\nsoldiers,army\n"))
    with pytest.raises(DataFileError, match="line 2: unknown type 'army'"):
        lexicon._phrase_map("parties.csv", "type", lexicon.PARTY_TYPES)

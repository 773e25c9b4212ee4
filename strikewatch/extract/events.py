"""What happened: the ACLED event type and sub-type, and whether a sentence tells an event at all.

Trigger words (`triggers.csv`) name the kind of event; the strongest wins (a specific word over a
weak one, a weak one over a word that names harm only), and among equals the order of `PRIORITY`
(a suicide car bomb is a suicide bomb, not an IED; a defused bomb is disrupted weapons use). Then
the parties (`parties.csv`, placed in the sentence by the parse) settle what words cannot:

- attack words ("attacked", "ambushed", "shot", "killed"): an armed target or victim, or armed
  sides on both ends, is an armed clash; an armed side against civilians is an attack;
- "took control", "recaptured": the government regains territory when state forces act, a
  non-state actor overtakes it otherwise;
- "raids" by ground forces are armed clashes, not air strikes;
- a protest with violence by the crowd is a violent demonstration, with lethal force against it
  excessive force, with tear gas or arrests a protest with intervention.

A sentence about rates ("25 sorties a day"), plans and threats ("will continue to deliver
airstrikes") or habits ("regularly launched airstrikes") tells no incident.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..lexicon import SUB_EVENT_TYPES, TRIGGER_WEIGHTS, Lexicons, Trigger
from .phrases import Match, PhraseIndex

# among triggers of one weight, the first sub-type present wins
# (a thrown bomb that explodes is a grenade: "a crude bomb blast")
PRIORITY = ["Chemical weapon", "Suicide bomb", "Disrupted weapons use", "Grenade", "Remote explosive/landmine/IED",
            "Air/drone strike", "Shelling/artillery/missile attack",
            "Mob violence", "Violent demonstration", "Excessive force against protesters", "Protest with intervention",
            "Peaceful protest", "Sexual violence", "Government regains territory", "Non-state actor overtakes territory",
            "Armed clash", "Abduction/forced disappearance", "Attack",
            "Non-violent transfer of territory", "Headquarters or base established", "Agreement",
            "Change to group/activity", "Arrests", "Looting/property destruction", "Other"]
assert sorted(PRIORITY) == sorted(SUB_EVENT_TYPES)
ARMED = {"state", "rebel", "militia"}
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
PROTEST = {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
RIOT = {"Violent demonstration", "Mob violence"}
TERRITORY = {"Government regains territory", "Non-state actor overtakes territory"}
CROWD = {"civilian", "protester", "rioter"}
# words that put a raid in the air: without them, a raid by troops or police is fought on the ground
_AIR = re.compile(r"\b(?:air|aerial|warplanes?|jets?|aircraft|planes?|helicopters?|drones?|airstrikes?|sorties?)\b", re.I)
# a work stoppage, not an air strike: "an indefinite strike", "a 48-hour strike", "a token strike"
_DURATION = re.compile(r"(?i)\b(?:hour|day|week|indefinite|token|general|hunger|labou?r|workers?'?|wildcat|sit-down)")
_WALKOUT = Trigger("Peaceful protest", "specific")
# what makes a gathering a protest: its purpose told after it
_PURPOSE = re.compile(r"(?i)\b(?:to (?:demand|protest|denounce|condemn|oppose|press|call for|demonstrate|voice|"
                      r"show their (?:anger|opposition)|seek)|demanding|protesting|chanting|calling for|in protest)\b")
# where one goes, works or lives: "to the mine", "at the mine"; and what a pit gives
# "freed", "released": the "Other" strategic development only when captives leave their captors
# (hostages freed, civilians released from a rebel prison); never "released on bail" or "from hospital"
_CAPTIVES = {"hostage", "hostages", "captive", "captives", "abductee", "abductees", "detainee", "detainees"}
_CAPTIVITY = {"captivity", "captors", "kidnappers", "abductors"}
_HELD_IN = {"prison", "jail", "gaol", "detention", "custody", "dungeon", "hideout", "den", "camp", "cell", "cells",
            "prisons", "jails", "camps"}
_PLACE_PREPS = {"to", "at", "in", "near", "from", "inside", "outside", "into", "around", "towards", "toward"}
_ORES = {"gold", "coal", "copper", "diamond", "tin", "uranium", "salt", "cobalt", "iron", "jade", "ruby", "mica",
         "limestone", "sand", "stone", "artisanal", "open-pit", "opencast"}
# weapons a crowd throws, that the lexicon files as attacks
_FIREBOMB = re.compile(r"(?i)\b(?:petrol|molotov)")
# a fight in which both sides fired: armed men on both ends, never a riot
_GUNFIRE = re.compile(r"(?i)\b(?:gun ?fights?|gun battles?|fire ?fights?|shoot-?outs?|exchanged? (?:of )?fire)\b")
# explosives a crowd can throw: petrol bombs, crude bombs, "cocktails"
_THROWN = ("Grenade", "Remote explosive/landmine/IED")
# a place taken with no fight: the other side had left, or the text says nothing was fought
_UNOPPOSED = re.compile(r"(?i)\b(?:withdrew|had withdrawn|pulled out|vacated|abandoned|without (?:a fight|resistance|"
                        r"any resistance|fighting|a shot)|no (?:reported )?(?:violence|fighting|resistance|clashes))\b")
_FORMER = re.compile(r"(?i)\b(?:former|retired|ex-?)\s*$")
_OFF_DUTY = re.compile(r"(?i)\boff[- ]duty\b|\b(?:at|outside|near|in front of|in)\s+(?:his|her|their|the\s+\w+'s)\s+"
                       r"(?:own\s+)?(?:home|house|residence|doorstep)\b|\b(?:stormed|raided|entered)\s+(?:his|her|their|"
                       r"the\s+\w+'s)\s+(?:home|house|residence)\b")
# past participles of harm that a terse note uses as a passive: "two policemen killed"
_HARMED = {"killed", "wounded", "injured", "hurt", "abducted", "kidnapped", "beheaded", "executed"}
_LETHAL = {"kill", "die", "dead", "murder", "slay", "behead", "shoot", "assassinate"}
# death words a killing is told with (not "shot": a man shot and arrested may live)
_DEATH = {"kill", "die", "dead", "murder", "slay", "behead", "assassinate", "perish", "drown"}
_HARM_FORMS = {"killed", "killing", "kills", "dead", "died", "murdered", "slain", "beheaded", "assassinated", "perished",
               "drowned",
                # harm done to people in the act ("arrested and beat a trader"): violence against them too
                "beat", "beaten", "beating", "tortured", "torturing", "assaulted", "assaulting", "flogged", "whipped",
                "wounded", "wounding", "injured", "injuring"}
# a device that went off in the hands of those who carried or planted it
_MISHAP = re.compile(r"(?i)prematur|accident")
# a clause of an earlier time or a cause: "arrested after they killed", "because he had killed"
_BEFOREHAND = {"after", "because", "since", "once"}
_REPORTING = {"say", "tell", "report", "add", "state", "announce", "confirm", "claim", "accuse", "blame", "quote"}
# verbs that make an event of an event noun: "staged a protest", "launched an attack"
_STAGE = {"hold", "stage", "launch", "carry", "mount", "organise", "organize", "observe", "conduct", "lead", "impose",
          "sign", "reach", "declare", "break", "continue", "begin", "start", "call", "enforce", "join", "resume",
          # "ended their four-day protest", "the town witnessed hunger strikes": it was held
          "end", "witness",
          # weapons used: "fired mortar shells at", "dropped barrel bombs", "planted a landmine"
          "fire", "drop", "hurl", "throw", "lob", "plant", "detonate"}
# the small model lemmatises some of these badly ("staged" -> "stag"): the inflected forms say it too
_STAGE_FORMS = {f for w in _STAGE for f in (w, w + "s", w + "d", w + "ed", w + "ing", w[:-1] + "ing")} | {
    "held", "began", "begun", "led", "broke", "carried", "carries", "joined", "started", "called", "threw", "thrown",
    "brought", "ended", "witnessed",
    "dropped", "planted", "fired", "hurled", "lobbed"}
_TARGET_PREPS = {"on", "against", "at", "targeting", "upon", "into"}
# "a week prior", "a day after the raid", "an hour later" count time from an event, not a rate
_RATE = re.compile(r"\b(?:a|per|each|every) (?:day|week|hour)\b(?![- ]long|\s+(?:prior|ago|earlier|later|after|before|"
                   r"since|into|of)\b)|\bdaily\b(?![- ]wage)|\beach day\b", re.I)
# plans, threats and habits; modal verbs ("may", "will") come from the parse (tag MD), never from a word list: "5 May" is a date
_IRREALIS = re.compile(r"\b(?:plans? to|planning to|intends? to|threaten(?:s|ed)? to|"
                       r"vow(?:s|ed)? to|aims? to|aiming to|ready to|continues? to|continuing to|regularly|"
                       r"routinely|has been waging|have been waging)\b", re.I)


@dataclass
class Party:
    type: str  # PARTY_TYPES
    role: str | None  # "agent" (who acts), "target" (who or what is hit), "side" ("between X and Y") or None
    start_char: int  # in the Doc's text
    text: str


@dataclass
class EventFact:
    sub_event_type: str
    event_type: str
    trigger: Match[Trigger]
    specific: bool  # named by a specific word, not just "strikes", "attack" or "killed"
    weight: str = "specific"
    guessed: bool = False  # nothing in the text settles the type: a default, worth nothing to linking
    background: bool = False  # told as the backdrop of something else: "since rebels launched an offensive"
    # told as an act: the clause's verb ("militants attacked"), an event noun staged ("held a
    # protest") or acting ("protesters blocked the road"); not a noun in commentary ("the riots")
    verbal: bool = False

    @property
    def firm(self) -> bool:
        """Named firmly enough to open an incident on one anchor: a specific word, or a weak word
        for violence used as the verb of its clause ("On 3 March militants attacked two posts")."""
        return self.specific or (self.verbal and self.weight == "weak" and self.event_type in VIOLENT)

    @property
    def opens(self) -> bool:
        """Can this event open an incident with no casualty figure ("police arrested 12 people on
        Monday", "a landmine hit a patrol")? A word naming harm alone cannot, nor a vague word for
        a non-violent event ("joined", "detention")."""
        if self.weight == "generic" or self.background:
            return False
        return self.weight == "specific" or self.event_type in VIOLENT


class EventReader:
    """Finds trigger words and parties in parsed sentences and decides the event of a segment."""

    def __init__(self, nlp: Language, lexicons: Lexicons):
        self.triggers: PhraseIndex[Trigger] = PhraseIndex(nlp, lexicons.triggers)
        self.parties: PhraseIndex[str] = PhraseIndex(nlp, lexicons.parties)
        # nouns for people who are no combatants ("a man", "two women", "passengers"): what an
        # assault or a burning done to them makes an attack on a person, not damage to property
        self.persons = frozenset(n for n, cat in lexicons.victims.items() if cat != "combatants" and " " not in n)
        self.people = frozenset(n for n in lexicons.victims if " " not in n)  # fighters too
        self._last: tuple[Doc, list[Party]] | None = None

    def find(self, doc: Doc, masked: list[tuple[int, int]] = ()) -> list[Match[Trigger]]:  # type: ignore[assignment]
        return self.triggers.find(doc, masked)

    def find_parties(self, doc: Doc) -> list[Party]:
        # classify runs once per segment and once per sentence: read the parties once per Doc
        if self._last is not None and self._last[0] is doc:
            return self._last[1]
        parties = self._find_parties(doc)
        self._last = (doc, parties)
        return parties

    def _find_parties(self, doc: Doc) -> list[Party]:
        matches = self.parties.find(doc)
        events = {i for t in self.triggers.find(doc) for i in range(t.start, t.end)}
        at = {i: m for m in matches for i in range(m.start, m.end)}
        out, merged = [], set()
        for m in matches:
            root = doc[m.end - 1]
            head = at.get(root.head.i) if root.dep_ in ("compound", "amod", "nmod") else None
            if head is not None and head is not m:
                # "Taliban forces", "IS militants": the name that modifies a generic head gives the
                # type, the head gives the role
                merged.add(id(head))
                out.append(Party(m.value, party_role(doc[head.start:head.end], events, m.value in ARMED), m.start_char, m.text))
        for m in matches:
            if id(m) not in merged and not any(p.start_char == m.start_char for p in out):
                out.append(Party(m.value, party_role(doc[m.start:m.end], events, m.value in ARMED), m.start_char, m.text))
        _places_of_the_act(doc, out)
        _members_of_the_armed(doc, out)
        for p in out:
            # "a former police officer", "a retired soldier", "a former rebel leader": no longer
            # armed, a civilian (ACLED)
            if p.type in ARMED and _FORMER.search(doc.text[max(0, p.start_char - 20):p.start_char]):
                p.type = "civilian"
            # "killed a police colonel outside his home": off duty, a civilian (ACLED's coding of
            # security men attacked at home or off duty)
            elif p.type == "state" and p.role == "target" and _OFF_DUTY.search(_sentence_of(doc, p.start_char)):
                p.type = "civilian"
        return out

    def _done_to_a_person(self, verb: Token) -> bool:
        """The verb's object (or its passive subject) is a person who is no combatant: "set a
        man alight", "two women were attacked", "doused three people in petrol and set them alight"."""
        return verb.pos_ == "VERB" and any(c.lower_ in self.persons for c in _undergoers(verb))

    def _done_to_people(self, verb: Token, parties: list[Party]) -> bool:
        """The verb's object (or passive subject) is people, fighters or a party: "neutralised two
        terrorists", "three PKK members were neutralised"."""
        spans = [(p.start_char, p.start_char + len(p.text)) for p in parties]
        return any(c.lower_ in self.people or c.lemma_.lower() in self.people or any(s <= c.idx < e for s, e in spans)
                   for c in _undergoers(verb))

    def classify(self, doc: Doc, triggers: list[Match[Trigger]], start: int = 0, end: int | None = None,
                 masked: Iterable[tuple[int, int]] = ()) -> EventFact | None:
        """The event of the part of `doc` between characters `start` and `end`, from its triggers.
        Parties inside `masked` (a grievance: "after two men were killed by gunmen") take no part."""
        if not triggers:
            return None
        end = len(doc.text) if end is None else end
        masked = list(masked)
        everyone = [p for p in self.find_parties(doc) if not any(a <= p.start_char < b for a, b in masked)]
        parties = [p for p in everyone if start <= p.start_char < end] or everyone
        if not any(p.type in ARMED for p in everyone) and not any(_AIR.search(m.text) for m in triggers):
            triggers = [replace(m, value=_WALKOUT) if _labour_strike(doc, m) else m for m in triggers]
        # "gathered outside the ministry to demand ...": a gathering is a protest by its purpose;
        # mourners or onlookers gathered are none
        triggers = [m for m in triggers if m.text.lower() != "gathered" or _PURPOSE.search(doc.text, m.end_char)]
        if not triggers:
            return None
        triggers = [m for m in triggers if m.value.sub_event_type != "Other" or _captives_freed(doc[m.start], everyone)]
        if not triggers:
            return None
        # "the road to the mine", "a gold mine", "a friend of mine": a pit or a pronoun, not a landmine
        triggers = [m for m in triggers if not _a_pit(doc, m)] or triggers
        # "neutralised three militants": a military's word for killed or captured; "neutralised a
        # suspicious package" is no event
        triggers = [m for m in triggers if not (m.text.lower().startswith("neutrali") and not self._done_to_people(
            doc[m.start], everyone))]
        # "soldiers beat a trader", "a mob beat two men": an assault on people; "the home side beat the
        # visitors", "beat the deadline" is no event
        triggers = [m for m in triggers if not (m.text.lower() in ("beat", "beats") and not self._done_to_people(
            doc[m.start], everyone))]
        if not triggers:
            return None
        # "burnt an effigy of the minister": a protest's ritual, not property destroyed
        triggers = [m for m in triggers if not (m.value.sub_event_type == "Looting/property destruction" and any(
            c.lower_ in ("effigy", "effigies") for c in doc[m.start].children))] or triggers
        if any(m.value.sub_event_type in PROTEST for m in triggers):
            # "protested against the killing of a student", "demanding the arrest of the culprits",
            # "rallied against air strikes": what the protest is about is not the event; "shot six
            # people amid protests": nor is the protest that the shooting happened amid
            triggers = [m for m in triggers if not _cause(doc[m.start])] or triggers
        # "killed a party member who had defected", "arrested members of a militia which had carried
        # out killings and rapes": what a relative clause tells of a party is not the event (a
        # non-violent one never; another when the main clause names one). A crowd's protest told so
        # still is ("arrested 30 youths who were protesting", "joined workers who took to the streets")
        main = any(m.value.weight != "generic" and not _described(doc[m.start]) for m in triggers)
        triggers = [m for m in triggers if not (
            _described(doc[m.start]) and m.value.weight != "generic" and m.value.sub_event_type not in PROTEST | RIOT
            and (main or SUB_EVENT_TYPES[m.value.sub_event_type] == "Strategic developments"))] or triggers
        if any(_yields_to_killing(m, everyone) for m in triggers) and _killing_told(doc):
            # "troops killed eight insurgents and arrested three others", "militants torched houses, killing a
            # woman", "a soldier was killed while trying to defuse a bomb": the killing told as the clause's own
            # act makes the event violence, and the arrest, the burning or the defusing is part of it
            triggers = [m for m in triggers if not _yields_to_killing(m, everyone)] or triggers
        fact = decide(triggers, parties)
        if fact.sub_event_type == "Looting/property destruction" and self._done_to_a_person(doc[fact.trigger.start]):
            # "two men were doused in petrol and set alight": burning people is an attack on them
            fact = replace(fact, sub_event_type="Attack", event_type=SUB_EVENT_TYPES["Attack"])
        elif (fact.sub_event_type == "Looting/property destruction" or (
                (fact.sub_event_type in _THROWN or _FIREBOMB.match(fact.trigger.text)) and any(
                    p.type in ("protester", "rioter") and p.role in ("agent", "side") for p in parties))) \
                and not any(p.type in ARMED for p in everyone):
            # no armed side in the sentence: buses torched, shops looted, or crude bombs thrown by
            # pickets or rioters are a riot; ACLED keeps property destruction as a strategic
            # development for organised armed groups
            riot = "Violent demonstration" if any(p.type in ("protester", "rioter") for p in everyone) or any(
                m.value.sub_event_type in PROTEST | RIOT for m in triggers) else "Mob violence"
            fact = replace(fact, sub_event_type=riot, event_type=SUB_EVENT_TYPES[riot])
        agents = {p.type for p in parties if p.role == "agent"}
        trigger = doc[fact.trigger.start]
        if fact.weight == "weak" and fact.event_type in ("Protests", "Riots") and not agents & ARMED \
                and (agents & CROWD or ((verb := _acting_verb(doc, trigger)) is not None and _has_subject(verb))):
            # "residents marched to the council", "students burned the hostel", "angry parents
            # marched on the ministry": a crowd's own act names a protest or a riot firmly, where
            # troops marching or a house burned would not
            fact.weight, fact.specific = "specific", True
        if fact.guessed and fact.sub_event_type == "Attack" and trigger.pos_ == "VERB" and fact.weight == "weak" \
                and (any(p.type in CROWD and p.role == "target" for p in parties) or self._done_to_a_person(trigger)):
            # "two men were attacked", "party cadres assaulted a journalist": an assault told as an
            # act on civilians is an attack on them, whoever did it (no blast, no aircraft named)
            fact.guessed = False
        if fact.weight == "weak" and fact.sub_event_type == "Change to group/activity" \
                and _joins_the_other_side(doc[fact.trigger.start], parties):
            fact.weight, fact.specific = "specific", True  # "30 soldiers joined the Taliban": a defection
        if fact.sub_event_type in TERRITORY and _UNOPPOSED.search(doc.text[start:end]) \
                and not any(m.value.weight == "generic" for m in triggers):
            # "rebels took control of the town after the troops withdrew": a place changed hands
            # without a fight (no one killed or hurt in the sentence)
            fact = replace(fact, sub_event_type="Non-violent transfer of territory",
                           event_type=SUB_EVENT_TYPES["Non-violent transfer of territory"])
        if fact.sub_event_type in ("Attack", "Armed clash") and fact.weight != "specific" and any(
                p.role == "agent" and p.type == "state" and _AIR.search(doc.text[max(0, p.start_char - 12):p.start_char
                                                                                 + len(p.text)]) for p in parties):
            # "air forces launched attacks on a rebel base", "the air force struck": an attack from the air
            fact = replace(fact, sub_event_type="Air/drone strike", event_type=SUB_EVENT_TYPES["Air/drone strike"],
                           guessed=False)
        fact.background = in_background(doc[fact.trigger.start])
        # told as an act by any of its words: "held protests" beside "an ongoing protest programme",
        # "two groups clashed during a bandh"
        fact.verbal = any(_told_as_act(doc, m) for m in triggers if m is fact.trigger or m.value.weight != "generic")
        return fact


def decide(triggers: list[Match[Trigger]], parties: list[Party]) -> EventFact:
    kinds = {m.value.sub_event_type for m in triggers}
    lethal = any(m.value.weight == "generic" and _lemma(m) in _LETHAL for m in triggers)
    if lethal:
        # "five were killed and houses destroyed": the killing is the event, not a vague word for damage
        triggers = [m for m in triggers if not (m.value.weight == "weak" and m.value.sub_event_type
                                                == "Looting/property destruction")] or triggers
    best = min(triggers, key=lambda m: (TRIGGER_WEIGHTS.index(m.value.weight), PRIORITY.index(m.value.sub_event_type)))
    sub, guessed = best.value.sub_event_type, False
    if sub == "Shelling/artillery/missile attack" and "Armed clash" in kinds:
        sub = "Armed clash"  # "the two armies exchanged fire and shelling": shelling within a fight is the fight
    if (sub == "Armed clash" and not _GUNFIRE.search(best.text)) or (sub == "Looting/property destruction" and any(
            p.role in ("agent", "side") and p.type in CROWD for p in parties)):
        rioters = _crowd(sub, parties)
        sub, kinds = rioters, kinds | {rioters}
    if sub == "Abduction/forced disappearance" and any(p.type in ARMED and p.role == "target" for p in parties):
        sub = "Armed clash"  # "six policemen were taken hostage by a militia": armed men seized are no civilians
    if sub == "Arrests" and (kinds & PROTEST or any(p.type == "protester" and p.role == "target" for p in parties)):
        sub = "Protest with intervention"  # "arrested when they tried to take out a march", "arrested 20 protesters"
    if sub in PROTEST | RIOT:
        sub = _demonstration(kinds, lethal, parties)
    elif sub == "Abduction/forced disappearance" and lethal:
        sub = "Attack"  # "kidnapped and killed": the killing is the event
    elif sub == "Air/drone strike" and best.text.lower() in ("raid", "raids") and not _AIR.search(best.text) \
            and not any(_AIR.search(m.text) for m in triggers if m is not best) \
            and any(p.role == "agent" and p.type in ARMED for p in parties):
        sub = "Attack"  # a raid by troops or police on the ground: settled by the parties below
    if sub in TERRITORY:
        # the side that takes the place: the agent nearest the word ("rebels took the town after
        # the troops withdrew" is the rebels')
        agents = [p for p in parties if p.role == "agent" and p.type in ARMED]
        if agents:
            taker = min(agents, key=lambda p: abs(p.start_char - best.start_char))
            sub = "Government regains territory" if taker.type == "state" else "Non-state actor overtakes territory"
    if sub == "Attack":
        sub, settled = _clash_or_attack(parties)
        # "an attack killed five": violence, but whether a clash or an attack nobody says
        guessed = not settled and best.value.weight != "specific"
    return EventFact(sub, SUB_EVENT_TYPES[sub], best, best.value.weight == "specific", best.value.weight, guessed)


def _undergoers(verb: Token) -> list[Token]:
    """The objects and passive subjects of a verb and of the verbs it is joined to ("were doused and
    set alight": the first verb's subject)."""
    verbs = [verb]
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
        verbs.append(verb)
    return [c for v in verbs for c in v.children if c.dep_ in ("dobj", "nsubjpass")]


def _has_subject(verb: Token) -> bool:
    """The word is a verb with someone doing it: "parents marched", "they gathered and marched",
    "the branch was burnt by angry depositors"."""
    while verb.dep_ == "conj" and verb.head is not verb and not any(c.dep_ == "nsubj" for c in verb.children):
        verb = verb.head
    return verb.pos_ == "VERB" and any(c.dep_ in ("nsubj", "agent") for c in verb.children)


def _joins_the_other_side(verb: Token, parties: list[Party]) -> bool:
    """"Policemen joined the insurgents", "rebels joined government forces": armed men of one kind
    join armed men of another. Residents joining a march, or two militias joining forces, do not."""
    def kind(dep: tuple[str, ...]) -> set[str]:
        spans = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge)) for t in verb.children if t.dep_ in dep]
        return {p.type for p in parties if p.type in ARMED and any(a <= p.start_char < b for a, b in spans)}
    if verb.lemma_ != "join":
        return False
    joined, joiners = kind(("dobj",)), kind(("nsubj",))
    return bool(joined and joiners and joined != joiners)


def _labour_strike(doc: Doc, m: Match[Trigger]) -> bool:
    """"Went on strike", "began an indefinite strike", "a 48-hour strike": a strike by workers, told
    in a sentence with no armed side and no aircraft (the caller checks), is a protest."""
    if m.text.lower() not in ("strike", "strikes") or m.value.sub_event_type != "Air/drone strike":
        return False
    tok = doc[m.end - 1]
    if tok.dep_ == "pobj" and tok.head.lower_ == "on":
        return True
    if any(c.dep_ in ("amod", "compound", "nummod", "npadvmod") and _DURATION.search(c.text) for c in tok.children):
        return True
    return tok.dep_ in ("dobj", "nsubjpass") and _stages(tok.head)


def _yields_to_killing(m: Match[Trigger], parties: list[Party]) -> bool:
    """A strategic development that a killing told beside it outweighs: an arrest, a seizure, a
    defusing, a defection. Not a bomb gone off in its makers' hands ("detonated prematurely, killing
    two militants": ACLED's disrupted weapons use), and not looting or burning with no armed side
    (a crowd's, which the riot rules read)."""
    sub = m.value.sub_event_type
    if SUB_EVENT_TYPES[sub] != "Strategic developments" or sub == "Non-violent transfer of territory":
        return False
    if sub == "Disrupted weapons use":
        return not _MISHAP.search(m.text)
    return sub != "Looting/property destruction" or any(p.type in ARMED for p in parties)


def _killing_told(doc: Doc) -> bool:
    """Some word of death or harm of the sentence is its own act (`_own_killing`); the whole sentence is read, as a
    clause of the same time ("while trying to defuse it") can be a segment of its own."""
    return any((t.lower_ in _HARM_FORMS or (t.pos_ == "VERB" and t.lemma_ in _DEATH)) and _own_killing(t) for t in doc)


def _own_killing(tok: Token) -> bool:
    """The death word is the sentence's own act: its main verb, or a verb joined to it ("killed ...
    and arrested"), a participle after it (", killing a woman"), a clause of the same time ("while
    trying to defuse"), "left seven dead". Not a charge or a cause ("arrested for killing a trader",
    "in connection with the killing of"), nor what came before ("arrested after they killed")."""
    t = tok
    if t.dep_ in ("acomp", "oprd", "amod", "ccomp") and t.lower_ == "dead":
        t = t.head
    while t.dep_ != "ROOT":
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _BEFOREHAND for c in t.children):
            return False
        if t.dep_ == "ccomp" and t.head.lemma_ in _REPORTING:
            return True  # "police said four attackers were killed": what the source tells is the act
        if t.dep_ not in ("conj", "xcomp", "advcl") or t.head is t:
            return False
        t = t.head
    return t.pos_ in ("VERB", "AUX")


def _told_as_act(doc: Doc, m: Match[Trigger]) -> bool:
    first, last = doc[m.start], doc[m.end - 1]
    while last.dep_ in ("compound", "amod") and last.head is not last:  # "a protest march"
        last = last.head
    if last.dep_ == "pobj" and last.head.lower_ == "of" and last.head.head.pos_ in ("NOUN", "NUM", "PRON") \
            and last.head.head.dep_ in ("nsubj", "nsubjpass"):
        last = last.head.head  # "hundreds of protesters blocked the road": the crowd is the subject
    told_back = any(c.dep_ == "poss" or c.lower_ in ("the", "this", "that", "these", "those") for c in last.children)
    theirs = not any(c.lower_ in ("the", "this", "that", "these", "those") for c in last.children)
    return first.pos_ == "VERB" or _note_of(last) or _staged_before(doc, first) is not None or (
        # "staged a sit-in", "continued their strike": their own act, not one told before
        (theirs and last.dep_ in ("dobj", "nsubjpass") and _stages(last.head))
        # "blocked the road in protest", "went on strike": the clause's own act is the protest
        or (not told_back and last.dep_ == "pobj" and last.head.lower_ in ("in", "on")
            and last.head.head.pos_ in ("VERB", "AUX"))
        or (not told_back and last.dep_ == "nsubj" and last.head.pos_ == "VERB" and last.head.lemma_ not in _REPORTING)
        # "clashes were reported in the market": a monitor's way of telling that they happened
        or (not told_back and last.dep_ == "nsubjpass" and last.head.lemma_ in ("report", "record"))
        # "the sit-in continued for a third day": told as going on, it is still being held
        or (last.dep_ == "nsubj" and last.head.lemma_ in ("continue", "enter") and m.value.sub_event_type in PROTEST))


def _captives_freed(verb: Token, parties: list[Party]) -> bool:
    """ "Rebels freed 12 hostages", "30 civilians were released from a Taliban prison", "freed by their
    captors": captives leave an armed side's hands. A prisoner released on bail or a patient released
    from hospital is no event of a war."""
    def armed_holder(place: Token) -> bool:
        words = [t for t in place.subtree if t.i != place.i]
        return any(p.type in ("rebel", "militia") and any(t.idx == p.start_char or p.start_char <= t.idx
                                                          < p.start_char + len(p.text) for t in words) for p in parties)
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass") and c.lower_ in _CAPTIVES:
            return True
        if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by"):
            for place in c.children:
                if place.dep_ == "pobj" and (place.lower_ in _CAPTIVITY or place.lower_ in _HELD_IN and armed_holder(place)):
                    return True
    return False


def _a_pit(doc: Doc, m: Match[Trigger]) -> bool:
    if m.text.lower() not in ("mine", "mines"):
        return False
    tok = doc[m.end - 1]
    return tok.pos_ == "PRON" or (tok.dep_ == "pobj" and tok.head.lower_ in _PLACE_PREPS) or any(
        c.lower_ in _ORES for c in tok.children if c.dep_ in ("compound", "amod"))


def _acting_verb(doc: Doc, tok: Token) -> Token | None:
    """The verb that tells the event as someone's act: the word itself ("marched"), or the verb that
    stages the noun ("took out a procession")."""
    if tok.pos_ == "VERB":
        return tok
    while tok.dep_ in ("compound", "amod") and tok.head is not tok:
        tok = tok.head
    if tok.dep_ == "dobj" and _stages(tok.head):
        return tok.head
    return _staged_before(doc, tok)


def _staged_before(doc: Doc, first: Token) -> Token | None:
    """A verb that stages the event stands just before its noun: "staged a demonstration", "began
    a protest", "took out a joint procession". The small model often hangs the noun elsewhere when a
    participle follows ("staged a demonstration demanding ..."), so the words before it decide; the
    event told back ("the protest", "this strike") is not staged here."""
    i = first.i - 1
    while i >= 0 and (doc[i].pos_ in ("ADJ", "NUM") or doc[i].lower_ in ("a", "an") or doc[i].dep_ == "compound"):
        i -= 1
    if i < 0:
        return None
    verb = doc[i].head if doc[i].dep_ == "prt" else doc[i]
    return verb if verb.pos_ == "VERB" and _stages(verb) else None


def _note_of(tok: Token) -> bool:
    """A monitor's verbless note states its event: "Protest against the new land law.", "Nurses on
    strike over unpaid allowances." The event noun is the fragment's root, or "on strike" hangs on the
    root; it is not referred back to ("The protest."). A noun inside a clause is commentary."""
    if any(t.pos_ in ("VERB", "AUX") and not (t.dep_ in ("amod", "compound") or (t.dep_ == "acl" and t.tag_ in (
            "VBN", "VBG"))) for t in tok.sent):
        # "Displaced protest over insecurity", "Blockade enforced by the alliance": a participle
        # that describes the noun is no verb of the line
        return False
    if any(c.dep_ == "poss" or c.lower_ in ("the", "this", "that", "these", "those") for c in tok.children):
        return False
    return tok.dep_ == "ROOT" or (tok.dep_ == "pobj" and tok.head.lower_ == "on" and tok.head.head.dep_ == "ROOT")


def _cause(tok: Token) -> bool:
    """The word sits in what a protest is about: "against the killing", "over the death of a man
    who died in custody", "condemning the murder"."""
    for anc in [tok, *tok.ancestors]:
        if anc.dep_ == "pobj" and anc.head.lower_ in ("against", "over", "about", "amid", "amidst"):
            return True
        if anc.dep_ == "dobj" and anc.head.lemma_ in ("protest", "condemn", "denounce", "demand", "mourn", "decry"):
            return True
    return False


def _described(tok: Token) -> bool:
    """The word tells something of a person in a relative clause: "a member who had defected"."""
    return any(a.dep_ == "relcl" for a in [tok, *tok.ancestors])


def _stages(verb: Token) -> bool:
    """The verb makes an event of its object: "staged a sit-in", "took out a rally", "began a strike"."""
    if verb.lemma_ in _STAGE or verb.lower_ in _STAGE_FORMS:
        return True
    # "took out a rally", "brought out a procession"
    return verb.lemma_ in ("take", "bring") and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)


def escalate(told: str | None, new: str) -> str | None:
    """A demonstration told over several lines takes what a later line adds: "Hundreds protested
    outside the court." then "Police fired tear gas and arrested 20": a protest with intervention.
    None when the later line changes nothing."""
    if told == "Peaceful protest" and new in ("Arrests", "Protest with intervention"):
        return "Protest with intervention"
    if told in PROTEST and new in ("Excessive force against protesters", "Violent demonstration") and told != new:
        return new
    if told == "Arrests" and new in PROTEST:
        return "Protest with intervention"
    return None


def _lemma(m: Match[Trigger]) -> str:
    word = m.text.lower().split()[0]
    return {"killed": "kill", "killing": "kill", "kills": "kill", "died": "die", "murdered": "murder",
            "slain": "slay", "beheaded": "behead", "shot": "shoot", "assassinated": "assassinate"}.get(word, word)


def _clash_or_attack(parties: list[Party]) -> tuple[str, bool]:
    """Armed clash when the target is armed or armed sides stand on both ends; attack when an armed
    side hits civilians. `settled`: the parties said which; civilians killed by nobody named leave
    it open (a strike, a blast or an attack: the rest of the article may say)."""
    targets = {p.type for p in parties if p.role in ("target", "side")}
    if targets & ARMED:
        return "Armed clash", True
    sides = {"state" if p.type == "state" else "non-state" for p in parties if p.type in ARMED and p.role}
    if len(sides) == 2:
        return "Armed clash", True
    if targets & {"civilian", "protester", "rioter"}:
        return "Attack", bool(sides)
    return "Attack", False


def _crowd(sub: str, parties: list[Party]) -> str:
    """Unarmed people as a side of a clash, or wrecking property, are rioters: "youths clashed with
    the police" is a violent demonstration, "supporters of two parties clashed" mob violence. A
    crowd that is only the victim ("five people died in clashes") changes nothing."""
    crowd = any(p.type in CROWD and p.role in ("agent", "side") for p in parties)
    armed = {p.type for p in parties if p.type in ARMED and p.role in ("agent", "side", "target")}
    if not crowd or armed - {"state"}:
        return sub
    return "Violent demonstration" if "state" in armed else "Mob violence"


def _demonstration(kinds: set[str], lethal: bool, parties: list[Party]) -> str:
    protest = bool(kinds & PROTEST) or any(p.type == "protester" for p in parties)
    if "Mob violence" in kinds and not protest:
        return "Mob violence"
    # the crowd's own violence: stones, arson, looting, fighting the police, storming a building
    crowd_acts = any(p.type in ("protester", "rioter") and p.role == "agent" for p in parties)
    if kinds & RIOT or (protest and kinds & {"Looting/property destruction", "Armed clash"}) \
            or (crowd_acts and "Attack" in kinds and not lethal):
        return "Violent demonstration"
    if "Excessive force against protesters" in kinds:
        return "Excessive force against protesters"
    agents = {p.type for p in parties if p.role == "agent" and p.type in ARMED}
    crowd_hit = any(p.type == "protester" and p.role == "target" for p in parties)
    if lethal and crowd_hit and not agents - {"state"}:
        return "Excessive force against protesters"  # "police fired on the crowd, killing two"
    if lethal:
        return "Attack"  # gunmen firing on a rally; a war "that began with protests": the parties decide
    if kinds & {"Protest with intervention", "Arrests"}:
        return "Protest with intervention"
    return "Peaceful protest"


def _sentence_of(doc: Doc, char: int) -> str:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.sent.text if span is not None else doc.text


def _places_of_the_act(doc: Doc, parties: list[Party]) -> None:
    """"Soldiers assaulted three traders at a checkpoint": where the verb has a party as its object,
    a party after "at" is where it happened, not whom it hit ("fired at the checkpoint" has none)."""
    spans = {id(p): doc.char_span(p.start_char, p.start_char + len(p.text), alignment_mode="expand") for p in parties}
    for p in parties:
        own = spans[id(p)]
        root = own.root if own is not None else None
        if p.role != "target" or root is None or root.dep_ != "pobj" or root.head.lower_ != "at":
            continue
        objects = [c for c in root.head.head.children if c.dep_ == "dobj"]
        for q in parties:
            sp = spans[id(q)]
            if q is not p and q.role == "target" and sp is not None and any(sp.start <= o.i < sp.end for o in objects):
                p.role = None


def _members_of_the_armed(doc: Doc, parties: list[Party]) -> None:
    """"Members of the police", "members of an armed group": people named by what they belong to
    are of its type, not civilians."""
    for p in parties:
        if p.type != "civilian":
            continue
        span = doc.char_span(p.start_char, p.start_char + len(p.text), alignment_mode="expand")
        if span is None:
            continue
        of = [c for c in span.root.children if c.dep_ == "prep" and c.lower_ == "of"]
        # the owner's own words, not what is joined to it ("activists of the party and police")
        inside = [(t.left_edge.idx, t.idx + len(t)) for o in of for t in o.children if t.dep_ == "pobj"]
        owner = next((q for q in parties if q.type in ARMED and any(a <= q.start_char < b for a, b in inside)), None)
        if owner is not None:
            p.type = owner.type


def party_role(span: Span, event_tokens: set[int], armed: bool) -> str | None:
    """Who the party is in its clause: the one who acts, the one hit, a side, or neither (a place,
    a source: "police said")."""
    tok: Token = span.root
    for _ in range(6):  # climb through names and lists: "Taliban militants", "soldiers and policemen"
        if tok.dep_ in ("compound", "amod", "nmod", "poss") and tok.head is not tok:
            if armed and tok.head.i in event_tokens:
                return "agent"  # "Taliban attack", "Afghan forces' raids": the armed side's own event
            tok = tok.head
        elif tok.dep_ in ("conj", "appos") and tok.head is not tok:
            tok = tok.head
        elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in ("NOUN", "NUM", "PRON"):
            tok = tok.head.head  # "members of the militia", "dozens of protesters"
        elif tok.dep_ == "pobj" and tok.head.head.lower_ in ("belonging", "affiliated", "loyal") \
                and (owner := _owner(tok.head.head)) is not None:
            tok = owner  # "killed two men belonging to a militia": the men are the militia's
        else:
            break
    dep, head = tok.dep_, tok.head
    if dep == "ROOT" and any(c.dep_ == "acl" and c.tag_ == "VBN" and c.lower_ in _HARMED for c in tok.children):
        return "target"  # "One officer wounded in the head.": a note's passive, parsed as a noun and its participle
    if dep == "nsubj" and any(c.dep_ == "prep" and c.lower_ == "under" for c in head.children):
        return "target"  # "the convoy came under attack", "the post came under fire"
    if dep == "nsubj":
        if head.lemma_ in ("die", "perish", "succumb", "drown", "suffer") or head.lower_ == "dead":
            return "target"  # "five people died", "shoot the driver dead": the subject of a death is its victim
        if head.lower_ in _HARMED and not any(c.dep_ in ("dobj", "aux", "auxpass", "xcomp", "ccomp", "prt") or (
                c.dep_ == "conj" and any(g.dep_ == "dobj" for g in c.children)) for c in head.children):
            return "target"  # "three soldiers killed, one wounded": a note's passive without its verb
        return None if head.lemma_ in _REPORTING else "agent"
    if dep in ("nsubjpass", "dobj"):
        return None if head.lemma_ in _REPORTING else "target"
    if dep == "pobj":
        prep = head.lower_
        if prep == "by":
            return "agent"
        if prep in _TARGET_PREPS:
            return "target"
        if prep in ("between", "with"):
            return "side"  # "clashes between X and Y", "clashed with the police"
    return None


def _owner(word: Token) -> Token | None:
    """Whom "belonging", "affiliated" describes: the noun it modifies, or the object of the verb it
    hangs on (the parse puts "injured two others belonging to a militia" either way)."""
    if word.dep_ in ("acl", "amod") and word.head.pos_ in ("NOUN", "NUM", "PRON"):
        return word.head
    if word.dep_ in ("xcomp", "advcl"):
        return next((c for c in word.head.children if c.dep_ == "dobj"), None)
    return None


def in_background(tok: Token) -> bool:
    """The word sits in a clause that dates or explains another ("since X launched an offensive")."""
    for anc in [tok, *tok.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in anc.children):
            return True
    return False


def is_rate(text: str) -> bool:
    return bool(_RATE.search(text))


def is_irrealis(text: str, tokens: Iterable[Token] = (), event: Token | None = None, offset: int = 0) -> bool:
    """Plans, threats, habits, or a modal verb among `tokens` (the segment's parsed words). With the
    `event` word (and the character `offset` of `text` in its Doc), only what governs the event
    counts: a cue before it ("vowed to continue its attacks") or a modal over its clause ("a strike
    will be launched"), not one told of something else ("protested against plans to demolish the
    market", "protested, saying their jobs should be kept")."""
    if event is None:
        return bool(_IRREALIS.search(text)) or any(t.tag_ == "MD" for t in tokens)
    if any(m.start() + offset < event.idx for m in _IRREALIS.finditer(text)):
        return True
    over = {event.i, *(a.i for a in event.ancestors)}
    return any(t.tag_ == "MD" and t.head.i in over for t in tokens)

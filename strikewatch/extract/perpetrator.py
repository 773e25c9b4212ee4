"""Who struck, and how firmly the text says so.

An actor counts as the perpetrator only as the agent of an attack: the subject of an attack verb
("Russian warplanes carried out strikes"), the modifier of an attack word ("US-led coalition
strikes"), or the agent after "by" ("strikes by Syrian jets"). An actor in any other role (the
target, "on a Daesh convoy"; the holder, "held by Daesh") is not the perpetrator. Attribution:
candidates joined by "or" or a sentence that cannot tell are `uncertain`; "did not specify who" is
`unknown`; the actor's own side saying it is `claimed` (decided with the claim's source, later).

A state's forces are named by their country: a nationality or a country before a word of
state_forces.csv ("Sudanese army", "Myanmar's military", "Pakistan Army"). Such a word alone ("troops
shelled", "the junta's jets") is "State forces", read as the forces of the country the report is
placed in (`resolve_state`). A backer is not the perpetrator: "Iran-backed militias", "pro-Russian
separatists" name the militias and the separatists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..model import Report
from .gazetteer import Gazetteer
from .phrases import Match

STATE = "State forces"  # a state's forces, the state not named: the report's country

ATTACK_VERBS = {"carry", "conduct", "launch", "strike", "shell", "bomb", "hit", "target", "pound", "fire",
                "attack", "kill", "raid", "drop", "bombard", "stage", "execute", "shoot", "use", "wage",
                "ambush", "storm", "abduct", "kidnap", "torch", "behead", "massacre", "open", "detonate", "assault",
                "overrun", "gun", "murder", "clash"}
_HARM_VERBS = {"strike", "shell", "bomb", "hit", "target", "pound", "attack", "kill", "raid", "bombard", "execute",
               "shoot", "ambush", "storm", "abduct", "kidnap", "torch", "behead", "massacre", "assault", "overrun",
               "gun", "murder", "clash"}
NATIONALITIES = {"syrian": "Syria", "russian": "Russia", "turkish": "Turkey", "israeli": "Israel",
                 "american": "United States", "iranian": "Iran", "iraqi": "Iraq", "jordanian": "Jordan",
                 "us": "United States", "u.s.": "United States", "british": "United Kingdom", "french": "France"}
_NAT = "|".join(NATIONALITIES)
_WEAPONS = (r"warplanes|jets|aircraft|planes|forces|troops|helicopters|artillery|air strikes|airstrikes|strikes|"
            r"drones")
# "Syrian or Russian jets", and "whether the jets were Syrian or Russian"
_PAIR = re.compile(rf"\b(?P<a>{_NAT})\s+(?P<conj>or|and)\s+(?P<b>{_NAT})\s+(?:{_WEAPONS})\b|"
                   rf"\b(?:{_WEAPONS})\s+(?:were|was)\s+(?P<a2>{_NAT})\s+(?P<conj2>or)\s+(?P<b2>{_NAT})\b", re.I)
_WEAPON_NOUNS = {"warplanes", "jets", "aircraft", "planes", "helicopters", "drones", "artillery", "troops", "forces",
                 "gunboats", "missiles", "rockets"}
_UNKNOWN = re.compile(r"\b(?:did not|didn't|does not|would not|could not) (?:say|specify|identify|know|name) "
                      r"(?:who|whose|which)|\b(?:unidentified|unknown) (?:warplanes|aircraft|jets|planes|gunmen|"
                      r"attackers|assailants|drones?)\b|\b(?:it was|it is|it's|it remained) (?:not |un)clear "
                      r"(?:who|whose|which)|\bno (?:one|group) (?:has |had )?(?:yet )?(?:claimed|took|has taken)", re.I)
_UNCERTAIN = re.compile(r"\b(?:cannot|could not|can't|couldn't|did not|unable to|not possible to) "
                        r"(?:know|tell|say|determine|confirm|establish|verify) (?:whether|if|who)\b|"
                        r"\b(?:unclear|not clear) (?:if|whether)\b", re.I)


def state_force_phrases(nouns: Mapping[str, bool], demonyms: Mapping[str, str],
                        countries: Mapping[str, str]) -> dict[str, str]:
    """Phrase -> actor for a state's forces: "<demonym> <noun>", "<country>'s <noun>" and "<country>
    <noun>" for every noun (`demonyms`, `countries`: a word -> the country name reports carry), and
    the nouns that stand alone -> STATE."""
    out = {noun: STATE for noun, alone in nouns.items() if alone}
    for noun in nouns:
        for word, country in demonyms.items():
            out[f"{word} {noun}"] = country
        for word, country in countries.items():
            out[f"{word} {noun}"] = country
            out[f"{word}'s {noun}"] = country
    return out


def resolve_state(actors: Iterable[str], country: str | None) -> list[str]:
    """STATE becomes the report's country when it has one (and it is not named twice)."""
    out: list[str] = []
    for a in actors:
        a = country if a == STATE and country else a
        if a not in out:
            out.append(a)
    return out


# what an attacker does or leads, as a noun or after "-": "operations by Afghan forces", "a bomb planted
# by the rebels", "Taliban-planted mines", "army artillery fire"
ATTACK_NOUNS = {"operation", "offensive", "attack", "assault", "raid", "ambush", "fire", "airstrike", "strike",
                "shelling", "bombardment", "artillery", "gunfire", "infiltrator", "gunman", "bomber", "crackdown"}
_CLASH_WORDS = {"clash", "fighting", "battle", "gunfight", "firefight", "skirmish", "encounter", "shootout"}
_PLANTED = {"plant", "place", "lay", "set", "seize", "capture", "overrun", "lead", "fire", "carry"}
_PLANTED_FORMS = {"planted", "placed", "laid", "led", "fired", "triggered"}
_BACKING = {"backed", "allied", "aligned", "supported", "sponsored", "linked", "affiliated", "funded", "trained"}
# a word before a bare state word that makes it someone else's ("rebel soldiers", "militia forces")
_NOT_STATE = {"rebel", "rebels", "opposition", "militia", "separatist", "enemy", "foreign", "former", "renegade",
              "rogue", "rival", "insurgent", "mutinous", "breakaway", "dissident", "private", "tribal"}


def _backer(doc: Doc, m: Match[str]) -> bool:
    """"Iran-backed", "pro-Russian": the actor backs the one who acts."""
    after = doc[m.end : m.end + 2]
    if len(after) == 2 and after[0].text == "-" and after[1].lower_ in _BACKING:
        return True
    if m.end < len(doc) and doc[m.end].lower_.lstrip("-") in _BACKING and doc[m.end].text.startswith("-"):
        return True
    return m.start >= 2 and doc[m.start - 1].text == "-" and doc[m.start - 2].lower_ in ("pro", "anti")


def _someone_elses(doc: Doc, m: Match[str], actors: list[Match[str]]) -> bool:
    """A bare state word another name owns: "Taliban forces", "rebel soldiers", "Seleka troops"; so
    also a bare "coalition" ("the Nyatura coalition" is not the US-led one)."""
    if m.value != STATE and m.text.lower() != "coalition":
        return False
    if m.end < len(doc) and doc[m.end].lower_ == "of" and m.text.lower() == "coalition":
        return True  # "a coalition of two rebel groups"
    if m.start == 0:
        return False
    before = doc[m.start - 1]
    if any(a.end == m.start for a in actors) or before.lower_ in _NOT_STATE:
        return True
    return before.pos_ == "PROPN" and before.dep_ in ("compound", "amod", "nmod")


@dataclass
class PerpetratorFact:
    actors: list[str] = field(default_factory=list)
    uncertain: bool = False  # candidates without a decision
    unspecified: bool = False  # the text says it does not know
    spans: list[tuple[int, int]] = field(default_factory=list)


def _is_agent(doc: Doc, m: Match[str], trigger_tokens: set[int]) -> bool:
    head = doc[m.end - 1]
    # "ISIL terrorist group killed", "Bashar al-Assad's forces": the phrase the actor names
    for _ in range(3):
        if head.dep_ in ("compound", "amod", "poss", "nmod") and head.head.i >= m.start:
            head = head.head
    # the actor names the weapon itself ("Russian warplanes") or modifies an attack word
    if any(i in trigger_tokens for i in range(m.start, m.end)) or any(
        i in trigger_tokens for i in range(m.end, min(m.end + 2, len(doc)))
    ):
        return not (m.start > 0 and doc[m.start - 1].lower_ in ("against", "on", "targeting", "targeted", "at"))
    if head.dep_ == "nsubj" and head.head.lemma_ in ATTACK_VERBS:
        return True
    # "the group claimed responsibility for the attack": its own word
    if head.dep_ == "nsubj" and head.head.lemma_ in ("claim", "admit") and any(
            c.dep_ == "dobj" and c.lemma_ in ("responsibility", "credit") for c in head.head.children):
        return True
    # "police responded with force, killing four": the subject of a verb that goes on into an attack
    if head.dep_ == "nsubj" and any(c.dep_ in ("advcl", "xcomp", "conj") and c.lemma_ in _HARM_VERBS
                                    for c in head.head.children):
        return True
    after = doc[m.end : m.end + 2]
    if len(after) == 2 and after[0].text == "-" and after[1].lower_ in _PLANTED_FORMS:  # "Taliban-planted IED"
        return True
    if len(after) and after[0].lemma_.lower() in ATTACK_NOUNS and after[0].pos_ == "NOUN" and not (
            m.start > 0 and doc[m.start - 1].lower_ in ("against", "on", "targeting", "at")):
        return True  # "Afghan forces artillery attack", "army fire"
    # "Russian jets were used": a passive subject is the agent only of a verb of using a weapon, never
    # of one of harm ("four soldiers were killed" names victims)
    if head.dep_ == "nsubjpass" and head.head.lemma_ in ATTACK_VERBS - _HARM_VERBS:
        return True
    # "14 IS fighters and six soldiers were killed in clashes": in a clash both sides are parties
    if head.dep_ == "nsubjpass" and head.head.lemma_ in _HARM_VERBS and any(
            t.lemma_.lower() in _CLASH_WORDS and t.i > head.head.i for t in head.head.subtree):
        return True
    # "officials blamed Daesh for the bombing", "accused Russian jets of", "blamed the raid on Russia"
    if head.dep_ == "dobj" and head.head.lemma_ in ("blame", "accuse"):
        return True
    if head.dep_ == "pobj" and head.head.lower_ == "on" and head.head.head.lemma_ == "blame":
        return True
    # "aircraft of the US-led coalition destroyed a bridge": the actor owns the weapon
    k = m.start - 1
    if k > 0 and doc[k].lower_ in ("the", "its", "their"):
        k -= 1
    if k > 0 and doc[k].lower_ == "of" and doc[k - 1].lower_ in _WEAPON_NOUNS:
        return True
    # "by Syrian jets", "by the paramilitary Rapid Support Forces", "by suspected Maoists"
    k = m.start - 1
    while k > 0 and doc[k].lower_ != "by" and doc[k].dep_ in ("det", "amod", "compound", "advmod", "nummod") \
            and m.start - k <= 3 and doc[k].head.i >= m.start:
        k -= 1
    if k >= 0 and doc[k].lower_ == "by":
        by_head = doc[k].head
        # right after "by" a bare "is" or "claimed" will do ("claimed by Daesh"); across an article
        # ("claimed by the Islamic State group", often of other, earlier bombings) only an attack word
        if k == m.start - 1 and by_head.lemma_ in ("be", "claim"):
            return True
        return by_head.i in trigger_tokens or by_head.lemma_.lower() in ATTACK_VERBS | ATTACK_NOUNS | _PLANTED
    return False


def find_perpetrator(doc: Doc, actors: list[Match[str]], trigger_tokens: set[int]) -> PerpetratorFact:
    fact = PerpetratorFact()
    text = doc.text
    for m in _PAIR.finditer(text):
        a, b = (NATIONALITIES[(m.group(g) or m.group(g + "2")).lower()] for g in ("a", "b"))
        fact.actors += [x for x in (a, b) if x not in fact.actors]
        fact.uncertain = fact.uncertain or (m.group("conj") or m.group("conj2")).lower() == "or"
        fact.spans.append((m.start(), m.end()))
    if not fact.actors:
        for actor in actors:
            if _backer(doc, actor) or _someone_elses(doc, actor, actors):
                continue
            if actor.start > 0 and doc[actor.start - 1].lower_ in ("which", "whose", "what", "whichever"):
                continue  # "did not say which air force carried out the raids" names nobody
            if _is_agent(doc, actor, trigger_tokens) and actor.value not in fact.actors:
                fact.actors.append(actor.value)
                fact.spans.append((actor.start_char, actor.end_char))
    if _UNCERTAIN.search(text):
        fact.uncertain = True
        fact.spans.append(_UNCERTAIN.search(text).span())  # type: ignore[union-attr]
    u = _UNKNOWN.search(text)
    if u and not fact.actors:
        fact.unspecified = True
        fact.spans.append(u.span())
    return fact


def actor_phrases(actors: Mapping[str, str], nouns: Mapping[str, bool], gazetteer: Gazetteer) -> dict[str, str]:
    """Every phrase that names an actor: the state forces of each country with a nationality word
    (the gazetteer's demonyms and NATIONALITIES), then actors.csv, whose phrases win."""
    demonyms: dict[str, str] = {d: name for d, cc in gazetteer.demonyms.items() if (name := gazetteer.codes.get(cc))}
    demonyms.update(NATIONALITIES)
    known = set(demonyms.values())
    countries = {name: p.country for name, p in gazetteer.countries.items() if p.country and p.country in known}
    return {**state_force_phrases(nouns, demonyms, countries), **actors}


def settle_state(reports: list[Report], countries: Callable[[], Sequence[str]],
                 codes: Mapping[str, str | None]) -> list[Report]:
    """A report still naming "State forces" (it has no country of its own: "Military forces dislodged
    the insurgents from two villages") takes the article's country, when the article has one
    (`places.article_countries`: its named countries, provinces, towns, and armed groups of one country)."""
    out = []
    for r in reports:
        if STATE in r.perpetrator.actors and not r.location.country and (first := countries()[:1]) \
                and (name := codes.get(first[0])):
            perp = r.perpetrator.model_copy(update={"actors": resolve_state(r.perpetrator.actors, name)})
            r = r.model_copy(update={"perpetrator": perp})
        out.append(r)
    return out

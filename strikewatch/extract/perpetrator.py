"""Who struck, and how firmly the text says so.

An actor counts as the perpetrator only as the agent of an attack: the subject of an attack verb
("Russian warplanes carried out strikes"), the modifier of an attack word ("US-led coalition
strikes"), or the agent after "by" ("strikes by Syrian jets"). An actor in any other role (the
target, "on a Daesh convoy"; the holder, "held by Daesh") is not the perpetrator. Attribution:
candidates joined by "or" or a sentence that cannot tell are `uncertain`; "did not specify who" is
`unknown`; the actor's own side saying it is `claimed` (decided with the claim's source, later).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from .phrases import Match

ATTACK_VERBS = {"carry", "conduct", "launch", "strike", "shell", "bomb", "hit", "target", "pound", "fire",
                "attack", "kill", "raid", "drop", "bombard", "stage", "execute", "shoot", "use", "wage"}
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
    if head.dep_ in ("nsubj", "nsubjpass") and (head.head.lemma_ in ATTACK_VERBS):
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
    if m.start > 0 and doc[m.start - 1].lower_ == "by":
        by_head = doc[m.start - 1].head
        return by_head.i in trigger_tokens or by_head.lemma_ in ATTACK_VERBS | {"be", "claim"}
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

"""What happened: the ACLED event type and sub-type, and whether a sentence tells an event at all.

The sub-type comes from the most specific trigger word of `triggers.csv` (a suicide car bomb is a
suicide bomb, not an IED). A sentence about rates ("25 sorties a day"), plans and threats ("will
continue to deliver airstrikes") or habits ("regularly launched airstrikes") tells no incident.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from ..lexicon import SUB_EVENT_TYPES
from .phrases import Match

# most specific first: the first sub-type present wins
PRIORITY = ["Chemical weapon", "Suicide bomb", "Remote explosive/landmine/IED", "Air/drone strike",
            "Shelling/artillery/missile attack", "Grenade", "Armed clash", "Attack"]
# words that make an air strike of a bare "raid" or "strikes"
WEAK = {"strike", "strikes", "raid", "raids", "struck", "attack", "attacks", "attacked", "bombing", "bombings",
        "sorties", "missions", "jets", "warplanes", "warplane", "bomb", "bombs"}
_RATE = re.compile(r"\b(?:a|per|each|every) (?:day|week|hour)\b|\bdaily\b|\beach day\b", re.I)
# modal verbs ("may", "will") come from the parse (tag MD), never from a word list: "5 May" is a date
_IRREALIS = re.compile(r"\b(?:plans? to|planning to|intends? to|threaten(?:s|ed)? to|"
                       r"vow(?:s|ed)? to|aims? to|aiming to|ready to|continues? to|continuing to|regularly|"
                       r"routinely|has been waging|have been waging)\b", re.I)


@dataclass
class EventFact:
    sub_event_type: str
    event_type: str
    trigger: Match[str]
    specific: bool  # named by a specific word, not just "strikes" or "attack"


def classify(triggers: list[Match[str]]) -> EventFact | None:
    if not triggers:
        return None
    best = min(triggers, key=lambda m: (PRIORITY.index(m.value), m.text.lower() in WEAK))
    return EventFact(best.value, SUB_EVENT_TYPES[best.value], best, best.text.lower() not in WEAK)


def is_rate(text: str) -> bool:
    return bool(_RATE.search(text))


def is_irrealis(text: str, tokens: Iterable[Token] = ()) -> bool:
    """Plans, threats, habits, or a modal verb among `tokens` (the segment's parsed words)."""
    return bool(_IRREALIS.search(text)) or any(t.tag_ == "MD" for t in tokens)

"""Load the CSV lexicons in `strikewatch/data/lexicon/<language>/`, validating every row on load.

Each loader collects all problems of a file before raising one `DataFileError`, so a broken
lexicon is fixed in one pass (the way spaCy's matcher reports every bad pattern at once).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from importlib import resources

from .datafile import csv_rows
from .errors import DataFileError
from .model import Count

# ACLED's taxonomy (codebook 2019-): sub-event type -> event type
SUB_EVENT_TYPES = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Chemical weapon": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}
TRIGGER_WEIGHTS = ("specific", "weak", "generic")  # strongest first
# ACLED's actor types (inter codes 1-7); state, rebel and militia are the armed ones
PARTY_TYPES = {"state", "rebel", "militia", "civilian", "protester", "rioter"}
SOURCE_TYPES = {"monitor", "activists", "military", "government", "state media", "media", "rescuers",
                "medical", "international", "witnesses", "officials"}
VICTIM_NOUN_CATEGORIES = {"people", "civilians", "children", "women", "combatants"}


@dataclass(frozen=True)
class SourceEntry:
    source: str | None  # None: a generic phrase ("a monitoring group") naming only a type
    type: str
    actor: str | None  # the side it speaks for: its reports of that side's attacks are "claimed"


@dataclass(frozen=True)
class Trigger:
    sub_event_type: str
    weight: str  # one of TRIGGER_WEIGHTS


@dataclass(frozen=True)
class Lexicons:
    triggers: dict[str, Trigger]  # phrase -> ACLED sub-event type and how firmly it names it
    actors: dict[str, str]  # phrase -> canonical actor
    sources: dict[str, SourceEntry]
    quantities: dict[str, Count]
    victims: dict[str, str]  # noun -> category
    parties: dict[str, str] = field(default_factory=dict)  # phrase -> actor type (PARTY_TYPES)
    state_nouns: dict[str, bool] = field(default_factory=dict)  # "army" -> names state forces alone too


LANGUAGE = "en"  # one folder of word lists and patterns per language: a second language is a folder, not code


def data_path(name: str, language: str = LANGUAGE) -> str:
    """Where a lexicon file lives, as error messages name it."""
    return f"strikewatch/data/lexicon/{language}/{name}"


def data_text(name: str, language: str = LANGUAGE) -> str:
    """The text of one lexicon file of that language."""
    return resources.files("strikewatch.data").joinpath("lexicon", language, name).read_text(encoding="utf-8")


def _rows(name: str, columns: list[str]) -> tuple[str, list[tuple[int, dict[str, str]]], list[str]]:
    return (data_path(name), *csv_rows(data_text(name), columns))


def _key(phrase: str) -> str:
    """Acronyms (written upper-case in the files) match case-sensitively: "WHO" is not "who"."""
    return phrase if phrase.isupper() or phrase.startswith(("US-", "U.S.")) else phrase.lower()


def _check(path: str, problems: list[str]) -> None:
    if problems:
        raise DataFileError(path, problems)


def _phrase_map(name: str, value_col: str, allowed: set[str] | None = None) -> dict[str, str]:
    key = "noun" if name in ("victims.csv", "state_forces.csv") else "phrase"
    path, rows, problems = _rows(name, [key, value_col])
    out: dict[str, str] = {}
    for n, row in rows:
        phrase, value = _key(row[key]), row[value_col]
        if allowed is not None and value not in allowed:
            problems.append(f"line {n}: unknown {value_col} {value!r}")
        if phrase in out:
            problems.append(f"line {n}: duplicate {key} {phrase!r}")
        out[phrase] = value
    _check(path, problems)
    return out


def _sources() -> dict[str, SourceEntry]:
    path, rows, problems = _rows("sources.csv", ["phrase", "source", "type", "actor"])
    out: dict[str, SourceEntry] = {}
    for n, row in rows:
        if row["type"] not in SOURCE_TYPES:
            problems.append(f"line {n}: unknown type {row['type']!r}")
        if _key(row["phrase"]) in out:
            problems.append(f"line {n}: duplicate phrase {row['phrase']!r}")
        out[_key(row["phrase"])] = SourceEntry(row["source"] or None, row["type"], row["actor"] or None)
    _check(path, problems)
    return out


def _triggers() -> dict[str, Trigger]:
    path, rows, problems = _rows("triggers.csv", ["phrase", "sub_event_type", "weight"])
    out: dict[str, Trigger] = {}
    for n, row in rows:
        phrase = _key(row["phrase"])
        if row["sub_event_type"] not in SUB_EVENT_TYPES:
            problems.append(f"line {n}: unknown sub_event_type {row['sub_event_type']!r}")
        if row["weight"] not in TRIGGER_WEIGHTS:
            problems.append(f"line {n}: weight must be one of {', '.join(TRIGGER_WEIGHTS)}, got {row['weight']!r}")
        if not phrase:
            problems.append(f"line {n}: empty phrase")
        if phrase in out:
            problems.append(f"line {n}: duplicate phrase {phrase!r}")
        out[phrase] = Trigger(row["sub_event_type"], row["weight"])
    _check(path, problems)
    return out


VAGUE_CONVENTIONS = ("acled", "floor")


def vague_convention() -> str:
    """Which reading of "several", "dozens"... applies: STRIKEWATCH_VAGUE_COUNTS, default acled."""
    value = os.environ.get("STRIKEWATCH_VAGUE_COUNTS", "acled").strip().lower() or "acled"
    if value not in VAGUE_CONVENTIONS:
        raise ValueError(f"STRIKEWATCH_VAGUE_COUNTS={value!r}: choose one of {', '.join(VAGUE_CONVENTIONS)}")
    return value


def _quantities(convention: str = "acled") -> dict[str, Count]:
    path, rows, problems = _rows("quantities.csv", ["phrase", "low", "best", "high", "floor"])
    out: dict[str, Count] = {}
    for n, row in rows:
        try:
            vals = {k: int(row[k]) if row[k] else None for k in ("low", "best", "high", "floor")}
        except ValueError:
            problems.append(f"line {n}: low/best/high/floor must be whole numbers or empty")
            continue
        if vals["floor"] is None:
            problems.append(f"line {n}: floor is required")
            continue
        floor = vals.pop("floor")
        out[row["phrase"].lower()] = Count(**vals) if convention == "acled" else Count(low=floor, high=vals["high"])
    _check(path, problems)
    return out


@functools.cache
def load() -> Lexicons:
    """Load and validate every lexicon once per process."""
    return Lexicons(
        triggers=_triggers(),
        actors=_phrase_map("actors.csv", "actor"),
        sources=_sources(),
        quantities=_quantities(vague_convention()),
        victims=_phrase_map("victims.csv", "category", VICTIM_NOUN_CATEGORIES),
        parties=_phrase_map("parties.csv", "type", PARTY_TYPES),
        state_nouns={k: v == "yes" for k, v in _phrase_map("state_forces.csv", "alone", {"yes", "no"}).items()},
    )

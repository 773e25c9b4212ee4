"""The gold format, strikewatch-gold/1: hand annotation that `strikewatch evaluate` scores against.

It mirrors the report of `strikewatch/1` with three differences a human annotator needs (see
docs/gold-format.md): evidence is a list of exact quotations rather than offsets, a victim category
may be the word "present" where the text names it without a figure, and a report may be `optional`
(recording it is fine, missing it is no error). Notes are free text for the reader; they are kept so
that a typo in a real field name is still caught (`extra="forbid"`).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..model import Attribution, Count, DatePrecision, Kind, PlacePrecision

GOLD_SCHEMA = "strikewatch-gold/1"


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoldDates(_Gold):
    start: dt.date | None = None
    end: dt.date | None = None
    precision: DatePrecision | None = None


class GoldLocation(_Gold):
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: PlacePrecision | None = None
    note: str | None = None
    description: str | None = None  # what the text says of the place ("western edge of the town")

    @field_validator("precision", mode="before")
    @classmethod
    def _town_is_a_city(cls, v: object) -> object:
        # annotators say "town" or "village"; for matching they are a settlement like a city
        return "city" if isinstance(v, str) and v.lower() in ("town", "village") else v


class GoldPerpetrator(_Gold):
    actors: list[str] = Field(default_factory=list)
    attribution: Attribution = "unknown"
    note: str | None = None


# a figure, or "present": the text says the category was among the victims but gives no number
VictimValue = Count | Literal["present"]


class GoldVictims(_Gold):
    civilians: VictimValue | None = None
    children: VictimValue | None = None
    women: VictimValue | None = None
    combatants: VictimValue | None = None


class GoldClaim(_Gold):
    source: str | None = None
    killed: Count | None = None
    injured: Count | None = None
    victims: GoldVictims = Field(default_factory=GoldVictims)
    note: str | None = None


class GoldReport(_Gold):
    id: str
    article: str
    kind: Kind = "incident"
    event_type: str
    sub_event_type: str | None = None  # None: a tally of mixed attacks, no one sub-event type
    date: GoldDates
    location: GoldLocation
    perpetrator: GoldPerpetrator = Field(default_factory=GoldPerpetrator)
    claims: list[GoldClaim] = Field(default_factory=list)
    evidence: list[str] = Field(default_factory=list)
    strikes: Count | None = None
    missions: Count | None = None
    optional: bool = False
    note: str | None = None
    date_note: str | None = None


class GoldIncident(_Gold):
    id: str
    reports: list[str] = Field(min_length=1)
    date: str | None = None  # a day or a month ("2017-08"), for the reader
    location: str | None = None
    killed_values: list[int] = Field(default_factory=list)
    expected_flags: list[str] = Field(default_factory=list)
    note: str | None = None


class GoldSet(_Gold):
    """A whole gold file. Report ids are unique and incidents only name reports of the file."""

    schema_: Literal["strikewatch-gold/1"] = Field(default="strikewatch-gold/1", alias="schema")
    about: str | None = None
    reports: list[GoldReport] = Field(default_factory=list)
    incidents: list[GoldIncident] = Field(default_factory=list)
    not_incidents: list[str] = Field(default_factory=list)
    # articles read and found to report no incident: their system reports are all spurious
    no_incident_articles: list[str] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @model_validator(mode="after")
    def _consistent(self) -> GoldSet:
        problems: list[str] = []  # collect them all: an annotator fixes a file in one pass
        ids = [r.id for r in self.reports]
        problems += [f"report id {i!r} is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
        known, placed = set(ids), set()
        for inc in self.incidents:
            for rid in inc.reports:
                if rid not in known:
                    problems.append(f"incident {inc.id!r} names unknown report {rid!r}")
                elif rid in placed:
                    problems.append(f"report {rid!r} is in two incidents (again in {inc.id!r})")
                placed.add(rid)
        problems += [f"article {a!r} is in no_incident_articles yet has reports"
                     for a in sorted(set(self.no_incident_articles) & {r.article for r in self.reports})]
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def articles(self) -> set[str]:
        """The articles this gold annotates: only their system reports are scored."""
        return {r.article for r in self.reports} | set(self.no_incident_articles)


def evidence_problems(gold: GoldSet, texts: dict[str, str]) -> list[str]:
    """Every evidence string that is not an exact substring of its article's text, and every report
    whose article has no text: the check an annotator runs before committing a gold file."""
    problems = []
    for r in gold.reports:
        text = texts.get(r.article)
        if text is None:
            problems.append(f"{r.id}: no text for article {r.article!r}")
            continue
        problems += [f"{r.id}: evidence not in the text: {e!r}" for e in r.evidence if e not in text]
    return problems

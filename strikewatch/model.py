"""The one data model every stage reads and writes.

Names follow `strikewatch-1.schema.json` (the JSON contract of `strikewatch analyze --json`),
which in turn follows ACLED and UCDP GED usage. Stages are plain functions from these models to
these models; nothing else crosses a module boundary.

Conventions (see docs/conventions.md):
- a `Count` is a range: `low` the least the text supports, `best` the figure it states or implies,
  `high` the most it supports; a bound the text does not give is None;
- unknown is None, never 0: a count of 0 means the text says nobody was killed;
- every `Span` is a pair of character offsets into `Article.text`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Kind = Literal["incident", "aggregate"]
Attribution = Literal["confirmed", "claimed", "alleged", "uncertain", "unknown"]
DatePrecision = Literal["day", "week", "month", "period"]
PlacePrecision = Literal["point", "neighbourhood", "city", "district", "region", "country"]
Grade = Literal["confirmed", "fair", "weak", "contested"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(_Model):
    """Character offsets into an article's text that prove one field."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str = ""
    field: str | None = None  # which field it proves: "killed", "date", "location", ...


class Count(_Model):
    """A low/best/high range; None where the text gives no bound."""

    low: int | None = Field(default=None, ge=0)
    best: int | None = Field(default=None, ge=0)
    high: int | None = Field(default=None, ge=0)

    def is_empty(self) -> bool:
        return self.low is None and self.best is None and self.high is None

    def values(self) -> list[int]:
        return [v for v in (self.low, self.best, self.high) if v is not None]

    def plus(self, other: Count) -> Count:
        """Two figures of one list added: each bound known only when both are."""
        def add(x: int | None, y: int | None) -> int | None:
            return None if x is None or y is None else x + y
        return Count(low=add(self.low, other.low), best=add(self.best, other.best), high=add(self.high, other.high))


class Victims(_Model):
    civilians: Count | None = None
    children: Count | None = None
    women: Count | None = None
    combatants: Count | None = None
    # categories the text says were among the victims without a figure ("the dead included women")
    present: list[str] = Field(default_factory=list)

    def is_empty(self) -> bool:
        return not self.present and all(
            getattr(self, k) is None for k in ("civilians", "children", "women", "combatants")
        )


VICTIM_CATEGORIES = ("civilians", "children", "women", "combatants")


class Dates(_Model):
    start: dt.date | None = None
    end: dt.date | None = None
    precision: DatePrecision | None = None
    # how it was resolved: "explicit", "weekday", "relative", "publication", "inherited", ...
    basis: str | None = None
    # the other reading of an ambiguous weekday: "on Saturday" in an issue printed on a Friday may be
    # the Saturday before (start) or the day after (alternative); linking settles which
    alternative: dt.date | None = None


class Location(_Model):
    name: str | None = None  # as the gazetteer names it
    mention: str | None = None  # as the text spells it
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: PlacePrecision | None = None


class Perpetrator(_Model):
    actors: list[str] = Field(default_factory=list)
    attribution: Attribution = "unknown"


class Claim(_Model):
    """What one source says about one incident."""

    source: str | None = None  # None: the outlet itself
    source_type: str | None = None  # monitor, military, government, activists, state media, ...
    killed: Count | None = None
    injured: Count | None = None
    victims: Victims = Field(default_factory=Victims)
    evidence: list[Span] = Field(default_factory=list)


class Report(_Model):
    """One incident (or one aggregate tally) as one article tells it."""

    id: str
    article: str
    kind: Kind = "incident"
    event_type: str
    sub_event_type: str
    date: Dates = Field(default_factory=Dates)
    location: Location = Field(default_factory=Location)
    perpetrator: Perpetrator = Field(default_factory=Perpetrator)
    claims: list[Claim] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)
    strikes: Count | None = None  # number of strikes/raids/shells where the text gives it
    flags: list[str] = Field(default_factory=list)  # e.g. "killed-or-wounded ambiguous"
    # extra context for linking and review, not in the JSON contract's required set
    outlet: str | None = None
    published: dt.date | None = None


class DiscrepancyValue(_Model):
    value: object = None
    source: str | None = None
    report: str


class Discrepancy(_Model):
    field: str  # killed, injured, date, location, perpetrator, victims.children, ...
    values: list[DiscrepancyValue]


class Link(_Model):
    """Why two reports were put in one incident."""

    a: str
    b: str
    score: float
    reasons: list[str]


class Incident(_Model):
    id: str
    reports: list[str] = Field(min_length=1)
    kind: Kind = "incident"
    event_type: str | None = None
    sub_event_type: str | None = None
    date: Dates = Field(default_factory=Dates)
    location: Location = Field(default_factory=Location)
    perpetrator: Perpetrator = Field(default_factory=Perpetrator)
    alternative_perpetrators: list[Perpetrator] = Field(default_factory=list)
    killed: Count | None = None
    injured: Count | None = None
    victims: Victims = Field(default_factory=Victims)
    sources: list[str] = Field(default_factory=list)
    discrepancies: list[Discrepancy] = Field(default_factory=list)
    confidence: float | None = Field(default=None, ge=0, le=1)
    grade: Grade | None = None
    links: list[Link] = Field(default_factory=list)
    covers: list[str] = Field(default_factory=list)  # an aggregate: the incidents it includes


class Article(_Model):
    """One news article as ingested."""

    id: str
    text: str
    outlet: str | None = None
    published: dt.date | None = None
    # where `published` came from: "metadata", "dateline", or None when it could not be pinned
    published_basis: str | None = None
    title: str | None = None
    url: str | None = None
    path: str | None = None  # the file it came from
    line: int | None = None  # the line in that file (JSONL, CSV)
    language: str = "en"


class Rejected(_Model):
    """An input that could not be used, with where and why. Nothing is dropped silently."""

    path: str
    line: int | None = None
    article: str | None = None
    stage: str  # "ingest", "extract", ...
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


class ArticlePlaces(_Model):
    """Where an article that reports no incident says it is: a list of sources by place name, a
    tally "in the Donetsk republic". Not a report (no event was read), so never linked or mapped."""

    article: str
    main: Location  # the place a report of this article would take (report.py's main place)
    places: list[Location] = Field(default_factory=list)  # every place named, first mention of each


class Analysis(_Model):
    """What `strikewatch analyze` produces: the contract of `--json`."""

    schema_: Literal["strikewatch/1"] = Field(default="strikewatch/1", alias="schema")
    reports: list[Report] = Field(default_factory=list)
    incidents: list[Incident] = Field(default_factory=list)
    rejected: list[Rejected] = Field(default_factory=list)
    articles: int = 0
    # only with `analyze --article-places`: the articles that gave no incident report, with their places
    # (an extra top-level field: the output stays valid against strikewatch-1.schema.json)
    places: list[ArticlePlaces] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

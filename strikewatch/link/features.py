"""What linking needs from a report, computed once per report.

Blocking and scoring look at millions of pairs on a large run; comparing small slotted records of
day ordinals, normalised names and point figures is several times cheaper than walking the
pydantic models each time.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..model import Count, Report
from .keys import key_of
from .words import content_words

# the order in which places get coarser; a smaller rank is more specific
PLACE_RANK = {"point": 0, "neighbourhood": 1, "city": 2, "district": 3, "region": 4, "country": 5}
UNKNOWN_RANK = 6

# a weekday resolved this many days or more back from the printed date may belong to the week after
# (a weekly's issue date precedes its stories); matches the extractor's own rule in extract/dates.py
FAR_BACK_DAYS = 5

# the flag of a report whose sub-event type is a default, not read from the text (events extraction)
TYPE_GUESSED = "sub-event-guessed"
# the flag of a report whose date was taken from a neighbouring sentence, not its own (extract/frames.py)
DATE_INHERITED = "date inherited from context"

# one shared empty set: most reports name no one, and 100k empty frozensets cost 40 MB
NONE: frozenset[str] = frozenset()

_NON_WORD = re.compile(r"[^0-9a-z]+")
# the words of a date that put an event near midnight (similarity.across_midnight)
_LATE = re.compile(r"\b(?:late|night|tonight|overnight|midnight)\b", re.I)
_EARLY = re.compile(r"\b(?:early|dawn|daybreak|overnight|midnight|small hours|before sunrise)\b", re.I)


def norm(text: str | None) -> str:
    """Case, punctuation and a leading "the" do not make another name."""
    if not text:
        return ""
    key = _NON_WORD.sub(" ", text.lower()).strip()
    return key[4:] if key.startswith("the ") else key


def source_key(source: str | None, report: Report) -> str:
    """A claim's source; a claim with no source is the outlet's own (one outlet, one source)."""
    if source:
        return norm(source)
    return "outlet:" + norm(report.outlet or report.article)


def source_name(source: str | None, report: Report) -> str | None:
    return source or report.outlet


def point(count: Count | None) -> int | None:
    """The figure a claim stands for: its best, else its lower bound ("at least 39" is 39).

    An upper bound alone ("up to 50") stands for no figure: it says how many at most, not how many.
    """
    if count is None:
        return None
    return count.best if count.best is not None else count.low


@dataclass(slots=True)
class Features:
    index: int
    id: str
    article: str
    outlet: str  # normalised; the article's id where the outlet is unknown
    published: int | None  # day ordinal
    event_type: str
    sub_event_type: str
    lo: int | None  # the date window as day ordinals, None when the report has no date
    hi: int | None
    shifted: tuple[int, ...]  # the same day a week later: the other reading of a far-back weekday
    country: str
    admin1: str
    place: str  # normalised gazetteer name
    place_name: str | None  # as shown in reasons
    geonameid: int | None
    lat: float | None
    lon: float | None
    rank: int
    killed: tuple[int, ...]  # one point figure per claim that gives one
    killed_by: dict[str, int]  # source -> its highest point figure
    injured: tuple[int, ...]
    sources: frozenset[str]
    source_names: dict[str, str]
    actors: frozenset[str]
    actor_names: dict[str, str]
    attribution: str
    strikes: int | None
    words: frozenset[str]  # distinctive words of its sentences (words.py)
    names: frozenset[str]  # people named in its article (keys.py): "first last"
    streets: frozenset[str]  # streets named in its article (keys.py)
    ages: frozenset[str]  # the ages of the people its article tells of (keys.py)
    date_guessed: bool  # a fallback from the publication date, not read from the text
    late: bool  # told late in its day ("Thursday night", "late Thursday", "overnight")
    early: bool  # told early in its day ("early Friday", "at dawn", "overnight")
    type_guessed: bool  # a default sub-event type, not read from the text
    date_inherited: bool  # a date taken from another sentence of the article

    @property
    def single_day(self) -> bool:
        return self.lo is not None and self.lo == self.hi


def _ordinal(d: dt.date | None) -> int | None:
    return d.toordinal() if d is not None else None


def shifted_readings(report: Report) -> tuple[int, ...]:
    """The other reading of a weekday-resolved date, a week later, if the date may be off by a week.

    The extractor fills `date.alternative` for such dates (and for relative dates hanging on them).
    Where it did not, a weekday resolved far back from the publication date gets the same reading.
    A day-to-day shift is never offered: a weekday is off by whole weeks or not at all.
    """
    d = report.date
    if d.start is None or (d.end is not None and d.end != d.start):
        return ()
    if d.alternative is not None and abs((d.alternative - d.start).days) == 7:
        return (d.alternative.toordinal(),)
    if d.basis == "weekday" and report.published is not None and (report.published - d.start).days >= FAR_BACK_DAYS:
        return (d.start.toordinal() + 7,)
    return ()


def features(index: int, report: Report) -> Features:
    d, loc, perp = report.date, report.location, report.perpetrator
    lo = _ordinal(d.start if d.start is not None else d.end)
    hi = _ordinal(d.end if d.end is not None else d.start)
    if lo is not None and hi is not None and hi < lo:
        lo, hi = hi, lo
    killed = tuple(sorted({p for c in report.claims if (p := point(c.killed)) is not None}))
    injured = tuple(sorted({p for c in report.claims if (p := point(c.injured)) is not None}))
    killed_by: dict[str, int] = {}
    for c in report.claims:
        if (p := point(c.killed)) is not None:
            key = source_key(c.source, report)
            killed_by[key] = max(killed_by.get(key, p), p)
    names: dict[str, str] = {}
    for c in report.claims:
        name = source_name(c.source, report)
        names.setdefault(source_key(c.source, report), name or "the outlet")
    return Features(
        index=index,
        id=report.id,
        article=report.article,
        outlet=norm(report.outlet) or "article:" + report.article,
        published=_ordinal(report.published),
        event_type=report.event_type,
        sub_event_type=report.sub_event_type,
        lo=lo,
        hi=hi,
        shifted=shifted_readings(report),
        country=norm(loc.country),
        admin1=norm(loc.admin1),
        place=norm(loc.name),
        place_name=loc.name,
        geonameid=loc.geonameid,
        lat=loc.lat,
        lon=loc.lon,
        rank=PLACE_RANK.get(loc.precision or "", UNKNOWN_RANK if not loc.name else PLACE_RANK["city"]),
        killed=killed,
        killed_by=killed_by,
        injured=injured,
        sources=frozenset(names),
        source_names=names,
        actors=frozenset(norm(a) for a in perp.actors if a),
        actor_names={norm(a): a for a in perp.actors if a},
        attribution=perp.attribution,
        strikes=point(report.strikes),
        words=content_words(report),
        names=frozenset(key_of(s) for s in report.evidence if s.field == "name") or NONE,
        streets=frozenset(key_of(s) for s in report.evidence if s.field == "address") or NONE,
        ages=frozenset(key_of(s) for s in report.evidence if s.field == "age") or NONE,
        date_guessed=d.basis == "publication",
        late=any(_LATE.search(s.text) for s in report.evidence if s.field == "date"),
        early=any(_EARLY.search(s.text) for s in report.evidence if s.field == "date"),
        type_guessed=TYPE_GUESSED in report.flags,
        date_inherited=DATE_INHERITED in report.flags,
    )

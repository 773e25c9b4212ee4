"""One incident's figures, date, place and perpetrator from its member reports.

Figures follow UCDP GED's low/best/high over the sources' *current* figures: a source's figure in
its newest report (by publication date) that gives that figure replaces its older ones ("the toll
rose to 55"), then
- low  = the lowest figure any source gives as its low (or its best, when it gives no low),
- best = the lower median of the sources' point figures (best, else low): a figure that some
  source actually gave, and with two sources the more conservative one, as ACLED prefers,
- high = the highest figure any source states; an open bound ("at least 39") adds nothing above it.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model import VICTIM_CATEGORIES, Claim, Count, Dates, Location, Perpetrator, Report, Victims
from .features import PLACE_RANK, UNKNOWN_RANK, point, shifted_readings, source_key

STRENGTH = {"confirmed": 4, "claimed": 3, "alleged": 2, "uncertain": 1, "unknown": 0}


@dataclass(slots=True)
class Said:
    """One claim in its report."""

    report: Report
    claim: Claim
    key: str  # its source (features.source_key)

    @property
    def day(self) -> int:
        return self.report.published.toordinal() if self.report.published else -1


Getter = Callable[[Claim], Count | None]


def _victim(cat: str) -> Getter:
    def get(claim: Claim) -> Count | None:
        count: Count | None = getattr(claim.victims, cat)
        return count
    return get


def _getters() -> list[tuple[str, Getter]]:
    out: list[tuple[str, Getter]] = [("killed", lambda c: c.killed), ("injured", lambda c: c.injured)]
    out.extend((f"victims.{cat}", _victim(cat)) for cat in VICTIM_CATEGORIES)
    return out


# every figure a claim can give, by the name discrepancies use for it
FIGURES = _getters()


def claims_of(members: Sequence[Report]) -> list[Said]:
    return [Said(r, c, source_key(c.source, r)) for r in members for c in r.claims]


def given(said: Sequence[Said], get: Getter) -> list[tuple[Said, Count, bool]]:
    """Each claim that gives this figure, its count, and whether it is its source's current one.

    A source's current figure is the one in its newest report *that gives this figure*: a later
    report saying only "women were among the dead" does not erase an earlier "seven women".
    """
    found = [(s, c) for s in said if (c := get(s.claim)) is not None and not c.is_empty()]
    newest: dict[str, int] = {}
    for s, _ in found:
        newest[s.key] = max(newest.get(s.key, -1), s.day)
    return [(s, c, s.day == newest[s.key]) for s, c in found]


def current(said: Sequence[Said], get: Getter) -> list[Count]:
    return [c for _, c, now in given(said, get) if now]


def combine(counts: Sequence[Count | None]) -> Count | None:
    """low/best/high across several claims' counts (see the module docstring)."""
    given = [c for c in counts if c is not None and not c.is_empty()]
    if not given:
        return None
    lows = [v for c in given if (v := c.low if c.low is not None else c.best) is not None]
    points = [p for c in given if (p := point(c)) is not None]
    return Count(low=min(lows) if lows else None,
                 best=statistics.median_low(points) if points else None,
                 high=max(v for c in given for v in c.values()))


def victims(said: Sequence[Said]) -> Victims:
    out = Victims(present=sorted({p for s in said for p in s.claim.victims.present}))
    for name, get in FIGURES:
        if name.startswith("victims."):
            setattr(out, name.removeprefix("victims."), combine(current(said, get)))
    return out


def choose_date(members: Sequence[Report]) -> Dates:
    """The best-supported day: anchored single days vote 1, a far-back weekday 0.6 for its own
    reading and 0.4 for the week after, a wider window 0.25 for each candidate it contains.

    So a weekly's "Saturday" read backwards from its early issue date loses to the day another
    outlet anchors on a publication date after the event, and wins when it stands alone. Ties go
    to the earlier day. With no single-day report, the windows' intersection is the date.
    """
    votes: dict[int, float] = defaultdict(float)
    own: dict[int, tuple[int, Dates]] = {}  # day -> (0 anchored / 1 far-back weekday, its Dates)
    wide: list[tuple[int, int, Dates]] = []
    for r in sorted(members, key=lambda r: r.id):
        d = r.date
        if d.start is None:
            continue
        lo, hi = d.start.toordinal(), (d.end or d.start).toordinal()
        if hi != lo:
            wide.append((min(lo, hi), max(lo, hi), d))
            continue
        shifted = shifted_readings(r)
        votes[lo] += 0.6 if shifted else 1.0
        for s in shifted:
            votes[s] += 0.4
        rank = 1 if shifted else 0
        if lo not in own or rank < own[lo][0]:
            own[lo] = (rank, d)
    if votes:
        for lo, hi, _ in wide:
            for day in votes:
                if lo <= day <= hi:
                    votes[day] += 0.25
        day = max(votes, key=lambda k: (round(votes[k], 6), -k))
        if day in own:
            return own[day][1].model_copy(update={"alternative": None})
        date = dt.date.fromordinal(day)
        return Dates(start=date, end=date, precision="day", basis="linked")
    if not wide:
        return Dates()
    lo, hi = max(w[0] for w in wide), min(w[1] for w in wide)
    narrowest = min(wide, key=lambda w: (w[1] - w[0], w[0]))[2]
    if lo > hi:
        return narrowest.model_copy(update={"alternative": None})
    precision = "day" if lo == hi else narrowest.precision
    return Dates(start=dt.date.fromordinal(lo), end=dt.date.fromordinal(hi), precision=precision, basis="linked")


def choose_location(members: Sequence[Report]) -> Location:
    """The most specific place any member gives (members were checked to be compatible); among
    equally specific ones the most reported, then the one with coordinates, then by name."""
    def rank(loc: Location) -> int:
        return PLACE_RANK.get(loc.precision or "", UNKNOWN_RANK if not loc.name else PLACE_RANK["city"])

    named = [r.location for r in members if r.location.name]
    if not named:
        return Location()
    top = min(rank(loc) for loc in named)
    finest = [loc for loc in named if rank(loc) == top]
    count = Counter(loc.name for loc in finest)
    return min(finest, key=lambda loc: (-count[loc.name], loc.lat is None, loc.name or "")).model_copy()


def choose_perpetrator(members: Sequence[Report]) -> tuple[Perpetrator, list[Perpetrator]]:
    """The strongest attribution any source gives; every other named actor set is kept as an
    alternative with the strongest attribution it gets."""
    best_of: dict[tuple[str, ...], Perpetrator] = {}
    support: Counter[tuple[str, ...]] = Counter()
    for r in members:
        p = r.perpetrator
        actors = tuple(sorted(set(p.actors)))
        support[actors] += 1
        if actors not in best_of or STRENGTH[p.attribution] > STRENGTH[best_of[actors].attribution]:
            best_of[actors] = Perpetrator(actors=list(actors), attribution=p.attribution)
    ranked = sorted(best_of, key=lambda k: (-STRENGTH[best_of[k].attribution], -support[k], k))
    chosen = best_of[ranked[0]] if ranked else Perpetrator()
    alternatives = [best_of[k] for k in ranked[1:] if k]
    return chosen, alternatives


def most_common(values: Sequence[str]) -> str | None:
    count = Counter(v for v in values if v)
    return min(count, key=lambda v: (-count[v], v)) if count else None

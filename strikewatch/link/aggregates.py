"""Which incidents an aggregate tally covers. A tally is never merged into an incident nor summed
with one: it only points at the incidents that fall in its window, in its place, by its perpetrator.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence

from ..model import Incident, Report
from .features import Features, features, norm
from .geo import within

# A tally over more than a quarter ("since 2014", "in five years of war") covers more incidents than
# a list can say anything about, and listing them made covers() grow with the square of the corpus
# (bench_analyze: 20 of 54 s of linking at 30k articles). Such tallies list none.
MAX_COVER_DAYS = 92


def _features(inc: Incident) -> Features:
    # an incident read as a one-report stand-in, so the place rules are the very ones linking uses
    stand_in = Report(id=inc.id, article=inc.id, kind=inc.kind, event_type=inc.event_type or "",
                      sub_event_type=inc.sub_event_type or "", date=inc.date, location=inc.location,
                      perpetrator=inc.perpetrator)
    return features(0, stand_in)


def _actors(inc: Incident) -> set[str]:
    found = {norm(a) for a in inc.perpetrator.actors}
    for alt in inc.alternative_perpetrators:
        found.update(norm(a) for a in alt.actors)
    return found


def covers(aggregates: Sequence[Incident], incidents: Sequence[Incident]) -> dict[str, list[str]]:
    """For each aggregate id, the sorted ids of the incidents it covers.

    Covered: same event type, the incident's dates inside the tally's window, its place inside the
    tally's (same country, admin1, or city, as geo.within says), and, when the tally names a
    perpetrator, an incident naming one of the same actors. An incident with no named perpetrator
    is not presumed to be the tally's: covers lists what is known to be included. Tallies over more
    than MAX_COVER_DAYS list nothing.
    """
    by_country: dict[str, list[tuple[int, int, Incident, Features]]] = defaultdict(list)
    for inc in incidents:
        f = _features(inc)
        if f.lo is not None and f.hi is not None:
            by_country[f.country].append((f.lo, f.hi, inc, f))
    for rows in by_country.values():
        rows.sort(key=lambda row: (row[0], row[2].id))
    out: dict[str, list[str]] = {}
    for agg in aggregates:
        g = _features(agg)
        found: list[str] = []
        rows = by_country.get(g.country, []) if g.country else []
        if g.lo is not None and g.hi is not None and g.hi - g.lo < MAX_COVER_DAYS:
            start = bisect.bisect_left(rows, g.lo, key=lambda row: row[0])
            actors = {norm(a) for a in agg.perpetrator.actors}
            for lo, hi, inc, f in rows[start:]:
                if lo > g.hi:
                    break
                if hi > g.hi or inc.event_type != agg.event_type or not within(f, g):
                    continue
                if actors and not actors & _actors(inc):
                    continue
                found.append(inc.id)
        out[agg.id] = sorted(found)
    return out

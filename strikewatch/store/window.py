"""Which stored incidents a batch of new reports could touch, so linking reads those and not the
whole database: the cost of a batch stays flat as the database grows over the years.

Linking (strikewatch/link/blocking.py) only compares reports of one country and admin1 (any admin1
when one is unknown) whose dates are at most a week apart, and leaves out windows wider than six
weeks. So a new report can only join an incident of its place within a few weeks of its dates; we
read those within SLACK of them (a generous margin). Aggregate tallies are read when their window
touches a new report's dates, so they can take in a new incident; a new tally reads every incident
inside its own window. Incidents holding reports that a new article revision replaces are read too.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..model import Report
from .ingest import batched
from .schema import incident_reports, incidents

SLACK = dt.timedelta(weeks=8)
Place = tuple[str | None, str | None]  # (country, admin1); None: any


def relevant_incidents(conn: Connection, fresh: Iterable[Report], superseded: set[str]) -> set[str]:
    """Ids of the stored incidents that linking `fresh` may change or attach to."""
    windows: list[tuple[str, Place, dt.date | None, dt.date | None]] = []  # (kind, place, lo, hi)
    for r in fresh:
        place = (r.location.country, r.location.admin1 if r.location.country else None)
        lo, hi = _dates(r)
        if lo is None or hi is None:
            windows.append(("incident", place, None, None))  # undated meets undated
        elif r.kind == "aggregate":  # a new tally covers incidents anywhere in its window
            windows += [("incident", place, lo, hi), ("aggregate", place, lo, hi)]
        else:  # tallies whose window holds it may take it in
            windows += [("incident", place, lo - SLACK, hi + SLACK), ("aggregate", place, lo, hi)]
    found: set[str] = set()
    if windows:
        # One small statement over the scalar columns (a long OR of windows costs more to compile
        # than to run); the exact windows are applied here.
        c = incidents.c
        dated = [w for w in windows if w[2] is not None]
        conds: list[Any] = []
        if dated:
            lo_all = min(w[2] for w in dated if w[2] is not None)
            hi_all = max(w[3] for w in dated if w[3] is not None)
            conds.append(sa.and_(c.date_start <= hi_all, sa.func.coalesce(c.date_end, c.date_start) >= lo_all))
        if len(dated) < len(windows):
            conds.append(c.date_start.is_(None))
        rows = conn.execute(sa.select(c.id, c.kind, c.country, c.admin1, c.date_start, c.date_end)
                            .where(sa.or_(*conds)))
        spans: dict[tuple[str, Place], list[tuple[dt.date, dt.date]]] = defaultdict(list)
        undated: set[tuple[str, Place]] = set()
        for kind, place, lo, hi in windows:
            if lo is None or hi is None:
                undated.add((kind, place))
            else:
                spans[(kind, place)].append((lo, hi))
        merged = {key: _merge(v) for key, v in spans.items()}
        found = {row.id for row in rows if _meets(row, merged, undated)}
    for chunk in batched(sorted(superseded), 500):
        found |= set(conn.execute(sa.select(incident_reports.c.incident_id)
                                  .where(incident_reports.c.report_id.in_(chunk))).scalars())
    return found


def _meets(row: Any, spans: dict[tuple[str, Place], list[tuple[dt.date, dt.date]]],
           undated: set[tuple[str, Place]]) -> bool:
    """Whether a stored incident lies in a new report's window: its country (or an unknown one),
    its admin1 (any when either is unknown), its dates (undated: undated)."""
    def near(place: Place) -> bool:
        country, admin1 = place
        return (country is None or row.country in (country, None)) and \
            (admin1 is None or row.admin1 in (admin1, None))

    if row.date_start is None:
        return any(kind == row.kind and near(place) for kind, place in undated)
    end = row.date_end or row.date_start
    return any(kind == row.kind and near(place) and any(row.date_start <= hi and end >= lo for lo, hi in ranges)
               for (kind, place), ranges in spans.items())


def _dates(r: Report) -> tuple[dt.date | None, dt.date | None]:
    d = r.date
    if d.start is None:
        return None, None
    days = [x for x in (d.start, d.end, d.alternative) if x is not None]
    return min(days), max(days)


def _merge(spans: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    merged: list[tuple[dt.date, dt.date]] = []
    for lo, hi in sorted(spans):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged

"""Which stored incidents a batch of new reports could touch, so linking reads those and not the
whole database: the cost of a batch stays flat as the database grows over the years.

Linking (strikewatch/link/blocking.py) only compares reports of one country and admin1 (any admin1
when one is unknown) whose dates are at most a week apart, and leaves out windows wider than six
weeks. So a new report can only join an incident of its place within a few weeks of its dates; we
read those within SLACK of them (a generous margin). Aggregate tallies are read when their window
touches a new report's dates, so they can take in a new incident; a new tally reads every incident
inside its own window. Incidents holding reports that a new article revision replaces are read too.
A new report naming a person also reads the incidents of its admin1, on any day, whose reports tell
of the same people (`link.blocking.known_people`: the trial's story months after the shooting);
and an incident is found by its members' dates as well as its own, as one such incident spans months.
The street and an age in common tie two stories only within `blocking.SCENE_DAYS` (six weeks), which
SLACK already holds: no scan of their own.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..link.blocking import known_people
from ..link.features import features
from ..model import Report
from .ingest import batched
from .rows import report_from_row
from .schema import incident_reports, incidents, reports

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
        if dated:
            found |= _by_members(conn, lo_all, hi_all, merged, undated)
    found |= _same_people(conn, fresh)
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


def _by_members(conn: Connection, lo: dt.date, hi: dt.date, merged: dict[tuple[str, Place], list[tuple[dt.date, dt.date]]],
                undated: set[tuple[str, Place]]) -> set[str]:
    """The incidents with a member report in a new report's window, whatever the incident's own
    date: a shooting joined by its trial's story months later is dated on one of the two, and
    a third story of the shooting must still find it."""
    c = reports.c
    rows = conn.execute(sa.select(c.id, c.kind, c.country, c.admin1, c.date_start, c.date_end).where(
        c.current.is_(True), c.kind == "incident", c.date_start <= hi,
        sa.func.coalesce(c.date_end, c.date_start) >= lo))
    return _incidents_of(conn, sorted(row.id for row in rows if _meets(row, merged, undated)))


def _incidents_of(conn: Connection, report_ids: list[str]) -> set[str]:
    """The ids of the incidents holding these reports."""
    found: set[str] = set()
    for chunk in batched(report_ids, 500):
        found |= set(conn.execute(sa.select(incident_reports.c.incident_id)
                                  .where(incident_reports.c.report_id.in_(chunk))).scalars())
    return found


def _same_people(conn: Connection, fresh: Iterable[Report]) -> set[str]:
    """Ids of the stored incidents, on any day, holding a report of the same admin1 that tells of
    the same people as a new one (a person named in both, and an age or the street). The stored
    reports are found by their surnames in the evidence text, one statement per admin1, then
    checked as linking checks them. It scans the admin1's reports that name one of those
    surnames: a cost that grows with the admin1's stored news, paid only by reports naming people."""
    wanted: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for r in fresh:
        f = features(0, r)
        if r.kind == "incident" and f.names and f.admin1 and f.country and f.lo is not None:
            wanted[(r.location.country or "", r.location.admin1 or "")].append(f)
    ids: set[str] = set()
    c = reports.c
    for (country, admin1), feats in sorted(wanted.items()):
        surnames = sorted({key.split()[-1] for f in feats for key in f.names})
        rows = conn.execute(sa.select(c.id, c.data).where(
            c.current.is_(True), c.kind == "incident", c.country == country, c.admin1 == admin1,
            sa.or_(*(sa.cast(c.evidence, sa.Text).ilike(f"%{name}%") for name in surnames))))
        for row in rows:
            g = features(1, report_from_row(row.data))
            if any(f.id != g.id and known_people(f, g) for f in feats):
                ids.add(row.id)
    return _incidents_of(conn, sorted(ids))

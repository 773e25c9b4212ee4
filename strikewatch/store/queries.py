"""Reading the store: incidents by filter, reports, articles, quarantine, audit log, a change marker.

Everything returns the typed models of `strikewatch.model` (or the small ones here), never rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel

from ..model import Article, Incident, Kind, Report
from .database import Store
from .ingest import article_from_row, batched
from .review import AuditEntry
from .rows import incident_from_row, report_from_row
from .schema import articles, audit_log, incidents, quarantine, reports


class IncidentFilter(BaseModel):
    """Which incidents: all given conditions hold. A date range keeps an incident whose dates touch it."""

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None  # exact, case-insensitive
    admin1: str | None = None  # exact, case-insensitive
    kind: Kind | None = None

    def where(self) -> list[Any]:
        c = incidents.c
        conds: list[Any] = []
        if self.since is not None:
            conds.append(sa.func.coalesce(c.date_end, c.date_start) >= self.since)
        if self.until is not None:
            conds.append(c.date_start <= self.until)
        if self.country:
            conds.append(sa.func.lower(c.country) == self.country.lower())
        if self.admin1:
            conds.append(sa.func.lower(c.admin1) == self.admin1.lower())
        if self.kind:
            conds.append(c.kind == self.kind)
        return conds

    def matches(self, inc: Incident) -> bool:
        """`where()` in Python, for incidents corrected after reading (store/corrections.py)."""
        start, end = inc.date.start, inc.date.end or inc.date.start
        loc = inc.location
        return ((self.since is None or (end is not None and end >= self.since))
                and (self.until is None or (start is not None and start <= self.until))
                and (not self.country or (loc.country or "").lower() == self.country.lower())
                and (not self.admin1 or (loc.admin1 or "").lower() == self.admin1.lower())
                and (not self.kind or inc.kind == self.kind))


class QuarantineEntry(BaseModel):
    path: str
    line: int | None
    article: str | None
    revision: int | None
    stage: str
    reason: str
    at: dt.datetime

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path


# one record type for the audit log, shared with the replay in review.py
AuditRecord = AuditEntry


def load_incidents(store: Store, filt: IncidentFilter | None = None) -> list[Incident]:
    """The machine's incidents passing `filt`, oldest first (undated last), by id within a day."""
    c = incidents.c
    query = sa.select(c.data).where(*(filt or IncidentFilter()).where())
    query = query.order_by(c.date_start.is_(None), c.date_start, c.id)
    with store.read() as conn:
        return [incident_from_row(d) for d in conn.execute(query).scalars()]


def updated_at(store: Store) -> dict[str, dt.datetime]:
    """When each incident was last changed by a run (ACLED's `timestamp`)."""
    with store.read() as conn:
        rows = conn.execute(sa.select(incidents.c.id, incidents.c.updated_at)).all()
    # SQLite hands back naive datetimes; they were written in UTC
    return {i: t if t.tzinfo else t.replace(tzinfo=dt.UTC) for i, t in rows}


def load_reports(store: Store, ids: Iterable[str] | None = None, *, current: bool = True) -> list[Report]:
    """Reports by id (all of them when `ids` is None); only those of latest revisions unless `current=False`."""
    c = reports.c
    conds = [c.current] if current else []
    with store.read() as conn:
        if ids is None:
            return [report_from_row(d) for d in conn.execute(sa.select(c.data).where(*conds).order_by(c.id)).scalars()]
        found: list[Report] = []
        for chunk in batched(dict.fromkeys(ids), 500):
            found += [report_from_row(d) for d in conn.execute(sa.select(c.data).where(c.id.in_(chunk), *conds)).scalars()]
        return found


def load_articles(store: Store, ids: Iterable[str]) -> dict[str, Article]:
    """The latest revision of each article in `ids` that is stored."""
    found: dict[str, Article] = {}
    with store.read() as conn:
        for chunk in batched(dict.fromkeys(ids), 500):
            rows = conn.execute(sa.select(articles).where(articles.c.id.in_(chunk), articles.c.latest))
            found.update({row.id: article_from_row(row) for row in rows})
    return found


def report_articles(store: Store) -> dict[str, str]:
    """Report id -> article id, for every current report."""
    with store.read() as conn:
        return dict(conn.execute(sa.select(reports.c.id, reports.c.article_id).where(reports.c.current)).all())


def report_outlets(store: Store) -> dict[str, str]:
    """Report id -> the outlet of its article, for every current report whose article names one."""
    # Two plain reads joined here: SQLite's plan for the SQL join scanned the articles (text and
    # all) once per report, five seconds on FA-KES.
    with store.read() as conn:
        outlets = dict(conn.execute(sa.select(articles.c.id, articles.c.outlet)
                                    .where(articles.c.latest, articles.c.outlet.is_not(None))).all())
        pairs = conn.execute(sa.select(reports.c.id, reports.c.article_id).where(reports.c.current)).all()
    return {rid: outlets[aid] for rid, aid in pairs if aid in outlets}


def articles_with_words(store: Store, words: list[str]) -> set[str]:
    """Ids of articles whose latest text holds every word (case-insensitive substring match)."""
    conds = [sa.func.lower(articles.c.text).contains(w.lower(), autoescape=True) for w in words]
    with store.read() as conn:
        return set(conn.execute(sa.select(articles.c.id).where(articles.c.latest, *conds)).scalars())


def quarantined(store: Store, *, stage: str | None = None) -> list[QuarantineEntry]:
    q = quarantine.c
    query = sa.select(q.path, q.line, q.article_id, q.revision, q.stage, q.reason, q.at).order_by(q.pk)
    if stage:
        query = query.where(q.stage == stage)
    with store.read() as conn:
        return [QuarantineEntry(path=r.path, line=r.line, article=r.article_id, revision=r.revision, stage=r.stage,
                                reason=r.reason, at=r.at) for r in conn.execute(query)]


def audit_entries(store: Store, *, incident: str | None = None) -> list[AuditRecord]:
    a = audit_log.c
    query = sa.select(audit_log).order_by(a.id)
    if incident is not None:
        query = query.where(a.incident_id == incident)
    with store.read() as conn:
        return [AuditRecord(id=r.id, at=_utc(r.at), who=r.who, incident=r.incident_id, action=r.action, field=r.field,
                            before=r.before, after=r.after, reason=r.reason) for r in conn.execute(query)]


def _utc(at: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; they were written in UTC. Aware ones serialise with "Z".
    return at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)


def append_audit(store: Store, record: AuditRecord) -> int:
    """Add one correction to the log; returns its id."""
    values = {"at": record.at, "who": record.who, "incident_id": record.incident, "action": record.action,
              "field": record.field, "before": record.before, "after": record.after, "reason": record.reason}
    return int(store.transact(lambda conn: conn.execute(audit_log.insert().values(values).returning(audit_log.c.id))
                              .scalar_one()))


def fingerprint(store: Store) -> tuple[Any, ...]:
    """A value that changes whenever articles, reports, incidents or the audit log change. The audit
    log's part comes last, so a reader can tell a review action from a run (web/data.py does)."""
    with store.read() as conn:
        return tuple(conn.execute(sa.select(
            sa.select(sa.func.count()).select_from(articles).scalar_subquery(),
            sa.select(sa.func.count()).select_from(reports).where(reports.c.current).scalar_subquery(),
            sa.select(sa.func.count()).select_from(incidents).scalar_subquery(),
            sa.select(sa.func.max(incidents.c.updated_at)).scalar_subquery(),
            sa.select(sa.func.max(audit_log.c.id)).scalar_subquery(),
        )).one())

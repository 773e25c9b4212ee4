"""The tables, as SQLAlchemy 2 declarative models. Migrations in `migrations/versions/` create them;
`tests/test_store.py` checks that the migrated database and these models agree.

Each pydantic model is kept whole as JSON (`data`), beside the scalar columns that filters and
joins need (dates, places, counts): the JSON is the record, the columns are its index. Nothing
is ever deleted except a machine incident that linking has folded into another one; old article
revisions and the reports read from them stay, marked `latest = false` / `current = false`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: sa.JSON, list[Any]: sa.JSON}


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


class ArticleRow(Base):
    """One revision of one article. A new text (or metadata) under a known id is a new revision; so
    is a return to an earlier text (a revert), which is why (id, content_hash) is not unique."""

    __tablename__ = "articles"
    __table_args__ = (
        sa.UniqueConstraint("id", "revision", name="uq_articles_id_revision"),
        sa.Index("ix_articles_pending", "latest", "extracted_at"),
    )

    pk: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(sa.String(300))  # uq_articles_id_revision indexes it
    revision: Mapped[int] = mapped_column(sa.Integer)
    latest: Mapped[bool] = mapped_column(sa.Boolean)
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    outlet: Mapped[str | None] = mapped_column(sa.String(300))
    published: Mapped[dt.date | None] = mapped_column(sa.Date, index=True)
    published_basis: Mapped[str | None] = mapped_column(sa.String(40))
    title: Mapped[str | None] = mapped_column(sa.Text)
    url: Mapped[str | None] = mapped_column(sa.Text)
    path: Mapped[str | None] = mapped_column(sa.Text)
    line: Mapped[int | None] = mapped_column(sa.Integer)
    language: Mapped[str] = mapped_column(sa.String(20))
    text: Mapped[str] = mapped_column(sa.Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(_utc())
    # Set when this revision has been through extraction (even if it failed: the reason is in
    # quarantine), so a rerun skips it; `extract_ok` says which.
    extracted_at: Mapped[dt.datetime | None] = mapped_column(_utc())
    extract_ok: Mapped[bool | None] = mapped_column(sa.Boolean)


class ReportRow(Base):
    """One report (an incident as one article revision tells it), with its claims and evidence."""

    __tablename__ = "reports"

    id: Mapped[str] = mapped_column(sa.String(320), primary_key=True)
    article_id: Mapped[str] = mapped_column(sa.String(300))  # ix_reports_article_revision indexes it
    revision: Mapped[int] = mapped_column(sa.Integer)
    current: Mapped[bool] = mapped_column(sa.Boolean, index=True)  # read from the article's latest revision
    kind: Mapped[str] = mapped_column(sa.String(20))
    event_type: Mapped[str] = mapped_column(sa.String(100))
    sub_event_type: Mapped[str] = mapped_column(sa.String(100))
    date_start: Mapped[dt.date | None] = mapped_column(sa.Date, index=True)
    date_end: Mapped[dt.date | None] = mapped_column(sa.Date)
    date_precision: Mapped[str | None] = mapped_column(sa.String(20))
    location: Mapped[str | None] = mapped_column(sa.String(300))
    admin1: Mapped[str | None] = mapped_column(sa.String(200))
    country: Mapped[str | None] = mapped_column(sa.String(200))
    latitude: Mapped[float | None] = mapped_column(sa.Float)
    longitude: Mapped[float | None] = mapped_column(sa.Float)
    perpetrator: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    claims: Mapped[list[Any]] = mapped_column(sa.JSON)
    evidence: Mapped[list[Any]] = mapped_column(sa.JSON)
    data: Mapped[dict[str, Any]] = mapped_column(sa.JSON)  # the whole Report
    created_at: Mapped[dt.datetime] = mapped_column(_utc())
    # changed when linking settles the report's date; with incidents.updated_at, tells a run that
    # the copy it read in an earlier batch is still good (cache.py's ModelCache)
    updated_at: Mapped[dt.datetime] = mapped_column(_utc())
    __table_args__ = (sa.Index("ix_reports_article_revision", "article_id", "revision"),)


class IncidentRow(Base):
    """One incident as the machine linked it. Analysts' corrections live in `audit_log`, not here."""

    __tablename__ = "incidents"

    id: Mapped[str] = mapped_column(sa.String(320), primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20), index=True)
    event_type: Mapped[str | None] = mapped_column(sa.String(100))
    sub_event_type: Mapped[str | None] = mapped_column(sa.String(100))
    date_start: Mapped[dt.date | None] = mapped_column(sa.Date, index=True)
    date_end: Mapped[dt.date | None] = mapped_column(sa.Date, index=True)
    date_precision: Mapped[str | None] = mapped_column(sa.String(20))
    location: Mapped[str | None] = mapped_column(sa.String(300))
    admin1: Mapped[str | None] = mapped_column(sa.String(200), index=True)
    country: Mapped[str | None] = mapped_column(sa.String(200), index=True)
    latitude: Mapped[float | None] = mapped_column(sa.Float)
    longitude: Mapped[float | None] = mapped_column(sa.Float)
    perpetrator: Mapped[str | None] = mapped_column(sa.String(300), index=True)  # the first actor named
    killed_low: Mapped[int | None] = mapped_column(sa.Integer)
    killed_best: Mapped[int | None] = mapped_column(sa.Integer, index=True)
    killed_high: Mapped[int | None] = mapped_column(sa.Integer)
    confidence: Mapped[float | None] = mapped_column(sa.Float)
    grade: Mapped[str | None] = mapped_column(sa.String(20))
    data: Mapped[dict[str, Any]] = mapped_column(sa.JSON)  # the whole Incident
    created_at: Mapped[dt.datetime] = mapped_column(_utc())
    updated_at: Mapped[dt.datetime] = mapped_column(_utc())


class IncidentReportRow(Base):
    __tablename__ = "incident_reports"

    incident_id: Mapped[str] = mapped_column(
        sa.String(320), sa.ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True)
    report_id: Mapped[str] = mapped_column(
        sa.String(320), sa.ForeignKey("reports.id"), primary_key=True, index=True)


class QuarantineRow(Base):
    """An input set aside (stage "ingest" or "extract") with where and why; `key` dedupes reruns."""

    __tablename__ = "quarantine"

    pk: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    path: Mapped[str] = mapped_column(sa.Text)
    line: Mapped[int | None] = mapped_column(sa.Integer)
    article_id: Mapped[str | None] = mapped_column(sa.String(300), index=True)
    revision: Mapped[int | None] = mapped_column(sa.Integer)
    stage: Mapped[str] = mapped_column(sa.String(40))
    reason: Mapped[str] = mapped_column(sa.Text)
    at: Mapped[dt.datetime] = mapped_column(_utc())


class AuditLogRow(Base):
    """Analysts' corrections (the web app's review); replayed over the machine's incidents on read."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(_utc())
    who: Mapped[str] = mapped_column(sa.String(100))
    incident_id: Mapped[str] = mapped_column(sa.String(320), index=True)  # no foreign key: ids outlive relinks
    action: Mapped[str] = mapped_column(sa.String(40))
    field: Mapped[str | None] = mapped_column(sa.String(100))
    before: Mapped[Any] = mapped_column(sa.JSON, nullable=True)
    after: Mapped[Any] = mapped_column(sa.JSON, nullable=True)
    reason: Mapped[str] = mapped_column(sa.Text)


metadata = Base.metadata
# Core tables, for the statements: `__table__` is typed as a FromClause, which has no insert().
articles = cast(sa.Table, ArticleRow.__table__)
reports = cast(sa.Table, ReportRow.__table__)
incidents = cast(sa.Table, IncidentRow.__table__)
incident_reports = cast(sa.Table, IncidentReportRow.__table__)
quarantine = cast(sa.Table, QuarantineRow.__table__)
audit_log = cast(sa.Table, AuditLogRow.__table__)

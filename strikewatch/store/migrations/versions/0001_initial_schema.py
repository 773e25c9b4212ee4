"""Initial schema: articles (revisions), reports, incidents, incident_reports, quarantine, audit_log.

Revision ID: 0001
Revises:
Create Date: 2026-11-25

Later migrations go beside this one (`down_revision = "0001"` or the newest), e.g. the web app's
users and API tokens. `tests/test_store.py` checks that head matches `strikewatch/store/schema.py`.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.String(300), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("latest", sa.Boolean(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("outlet", sa.String(300)),
        sa.Column("published", sa.Date()),
        sa.Column("published_basis", sa.String(40)),
        sa.Column("title", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("path", sa.Text()),
        sa.Column("line", sa.Integer()),
        sa.Column("language", sa.String(20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ingested_at", _utc(), nullable=False),
        sa.Column("extracted_at", _utc()),
        sa.Column("extract_ok", sa.Boolean()),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("id", "content_hash", name="uq_articles_id_hash"),
        sa.UniqueConstraint("id", "revision", name="uq_articles_id_revision"),
    )
    op.create_index("ix_articles_pending", "articles", ["latest", "extracted_at"])
    op.create_index("ix_articles_published", "articles", ["published"])

    op.create_table(
        "reports",
        sa.Column("id", sa.String(320), nullable=False),
        sa.Column("article_id", sa.String(300), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("event_type", sa.String(100), nullable=False),
        sa.Column("sub_event_type", sa.String(100), nullable=False),
        sa.Column("date_start", sa.Date()),
        sa.Column("date_end", sa.Date()),
        sa.Column("date_precision", sa.String(20)),
        sa.Column("location", sa.String(300)),
        sa.Column("admin1", sa.String(200)),
        sa.Column("country", sa.String(200)),
        sa.Column("latitude", sa.Float()),
        sa.Column("longitude", sa.Float()),
        sa.Column("perpetrator", sa.JSON(), nullable=False),
        sa.Column("claims", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_reports_article_revision", "reports", ["article_id", "revision"])
    op.create_index("ix_reports_current", "reports", ["current"])
    op.create_index("ix_reports_date_start", "reports", ["date_start"])

    op.create_table(
        "incidents",
        sa.Column("id", sa.String(320), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("event_type", sa.String(100)),
        sa.Column("sub_event_type", sa.String(100)),
        sa.Column("date_start", sa.Date()),
        sa.Column("date_end", sa.Date()),
        sa.Column("date_precision", sa.String(20)),
        sa.Column("location", sa.String(300)),
        sa.Column("admin1", sa.String(200)),
        sa.Column("country", sa.String(200)),
        sa.Column("latitude", sa.Float()),
        sa.Column("longitude", sa.Float()),
        sa.Column("perpetrator", sa.String(300)),
        sa.Column("killed_low", sa.Integer()),
        sa.Column("killed_best", sa.Integer()),
        sa.Column("killed_high", sa.Integer()),
        sa.Column("confidence", sa.Float()),
        sa.Column("grade", sa.String(20)),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("admin1", "country", "date_end", "date_start", "killed_best", "kind", "perpetrator"):
        op.create_index(f"ix_incidents_{column}", "incidents", [column])

    op.create_table(
        "incident_reports",
        sa.Column("incident_id", sa.String(320), nullable=False),
        sa.Column("report_id", sa.String(320), nullable=False),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["report_id"], ["reports.id"]),
        sa.PrimaryKeyConstraint("incident_id", "report_id"),
    )
    op.create_index("ix_incident_reports_report_id", "incident_reports", ["report_id"])

    op.create_table(
        "quarantine",
        sa.Column("pk", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("line", sa.Integer()),
        sa.Column("article_id", sa.String(300)),
        sa.Column("revision", sa.Integer()),
        sa.Column("stage", sa.String(40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("pk"),
        sa.UniqueConstraint("key"),
    )
    op.create_index("ix_quarantine_article_id", "quarantine", ["article_id"])

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", _utc(), nullable=False),
        sa.Column("who", sa.String(100), nullable=False),
        sa.Column("incident_id", sa.String(320), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("field", sa.String(100)),
        sa.Column("before", sa.JSON()),
        sa.Column("after", sa.JSON()),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_log_incident_id", "audit_log", ["incident_id"])


def downgrade() -> None:
    for table in ("audit_log", "quarantine", "incident_reports", "incidents", "reports", "articles"):
        op.drop_table(table)

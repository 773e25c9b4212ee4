"""Merge: the web branch (w001, w002) and the ingest branch (r001) grew from 0001 side by side.

Revision ID: m001
Revises: w002, r001
Create Date: 2026-12-07

Nothing to change: one head again, so `alembic upgrade head` works as well as `heads`.
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "m001"
down_revision: str | Sequence[str] | None = ("w002", "r001")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

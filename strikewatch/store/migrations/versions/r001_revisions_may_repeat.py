"""Articles: a revision may repeat an earlier text (a revert), so (id, content_hash) is no longer unique.

Revision ID: r001
Revises: 0001
Create Date: 2026-12-07

An article edited and then reverted to its first text must become current again: that is a new
revision (3) holding revision 1's text. Ingest now compares a text with the latest revision only
(strikewatch/store/ingest.py); (id, revision) stays unique, which is what keeps two processes from
storing one revision twice.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "r001"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:  # SQLite: the table is rebuilt without it
        batch.drop_constraint("uq_articles_id_hash", type_="unique")


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.create_unique_constraint("uq_articles_id_hash", ["id", "content_hash"])

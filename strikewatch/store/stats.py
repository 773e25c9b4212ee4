"""`stats`: what the store holds, in counts, and incidents and deaths by admin1 and by month."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel

from ..ingest.clean import READ_LANGUAGES
from .database import Store
from .schema import articles, incidents, quarantine, reports


class Breakdown(BaseModel):
    key: str | None  # an admin1, or a month "YYYY-MM"; None: not known
    incidents: int
    killed: int  # sum of best estimates (else lower bounds) where the text gives one


class StoreStats(BaseModel):
    articles: int  # distinct article ids
    revisions: int  # stored texts, every revision counted
    extracted: int  # latest revisions through extraction
    pending: int  # latest revisions still waiting for extraction
    reports: int  # reports of latest revisions
    incidents: int
    aggregates: int
    killed: int
    quarantined: int
    # latest revisions in a language the extractor does not read (stored, flagged, not extracted)
    other_language: int = 0
    by_admin1: list[Breakdown]
    by_month: list[Breakdown]


def store_stats(store: Store, *, top: int | None = None) -> StoreStats:
    """Counts over the whole store (aggregate tallies are counted apart and not in the deaths)."""
    a, r, i = articles.c, reports.c, incidents.c
    one = sa.literal(1)
    killed = sa.func.coalesce(sa.func.sum(sa.func.coalesce(i.killed_best, i.killed_low)), 0)
    with store.read() as conn:
        def count(table: Any, *where: Any) -> int:
            return int(conn.execute(sa.select(sa.func.count()).select_from(table).where(*where)).scalar_one())

        month = (sa.func.to_char(i.date_start, "YYYY-MM") if store.dialect == "postgresql"
                 else sa.func.strftime("%Y-%m", i.date_start))
        by: dict[str, list[Breakdown]] = {}
        for name, col in (("admin1", i.admin1), ("month", month)):
            query = (sa.select(col.label("key"), sa.func.count(one).label("n"), killed.label("killed"))
                     .where(i.kind == "incident").group_by(col))
            rows = conn.execute(query).all()
            by[name] = [Breakdown(key=row.key, incidents=row.n, killed=row.killed) for row in rows]
        return StoreStats(
            articles=int(conn.execute(sa.select(sa.func.count(sa.distinct(a.id)))).scalar_one()),
            revisions=count(articles),
            extracted=count(articles, a.latest, a.extracted_at.is_not(None)),
            pending=count(articles, a.latest, a.extracted_at.is_(None)),
            reports=count(reports, r.current),
            incidents=count(incidents, i.kind == "incident"),
            aggregates=count(incidents, i.kind == "aggregate"),
            killed=int(conn.execute(sa.select(killed).where(i.kind == "incident")).scalar_one()),
            quarantined=count(quarantine),
            other_language=count(articles, a.latest, a.language.not_in(sorted(READ_LANGUAGES))),
            by_admin1=sorted(by["admin1"], key=lambda b: (-b.incidents, b.key or "~"))[:top],
            by_month=sorted(by["month"], key=lambda b: b.key or "~"),
        )

"""The store: every article (each revision), every report with its evidence, every incident, the
quarantine and the analysts' audit log, in SQLite (default, a file) or PostgreSQL.

    >>> from strikewatch.store import Store, run, store_stats
    >>> store = Store.open("sqlite://")            # None: ./strikewatch.db; or "postgresql://..."
    >>> from strikewatch.model import Article
    >>> stats = run(store, [Article(id="a1", text="Nothing happened.")], analyze=lambda arts: ((a, []) for a in arts))
    >>> store_stats(store).articles
    1

Modules: `database` (the `Store`: engine, transactions, migrations), `schema` (tables),
`ingest` (articles and revisions), `runner`, `linking`, `window` and `cache` (extraction and
incremental linking, a transaction per batch), `queries` and `stats` (reading), `review` and
`corrections` (analysts' corrections replayed over the machine's incidents, shared with the web
app), `export` (ACLED CSV, GeoJSON, JSON, CSV), `commands` (the CLI). docs/store.md describes
the schema and the guarantees.
"""

from __future__ import annotations

from .corrections import corrected_incidents
from .database import Store, StoreError, database_url
from .export import FORMATS, MEDIA_TYPES, export, render
from .ingest import IngestStats, content_hash, ingest
from .linking import SaveStats
from .queries import (
    AuditRecord,
    IncidentFilter,
    QuarantineEntry,
    append_audit,
    articles_with_words,
    audit_entries,
    fingerprint,
    load_articles,
    load_incidents,
    load_reports,
    quarantined,
    report_articles,
)
from .runner import RunStats, pending_articles, run
from .stats import StoreStats, store_stats

__all__ = [
    "FORMATS", "MEDIA_TYPES", "AuditRecord", "IncidentFilter", "IngestStats", "QuarantineEntry", "RunStats",
    "SaveStats", "Store", "StoreError", "StoreStats", "append_audit", "articles_with_words", "audit_entries",
    "content_hash", "corrected_incidents", "database_url", "export", "fingerprint", "ingest", "load_articles", "load_incidents",
    "load_reports", "pending_articles", "quarantined", "render", "report_articles", "run", "store_stats",
]

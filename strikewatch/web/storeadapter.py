"""`StoreAdapter`: the web's `WebStore` protocol over the project's `strikewatch.store.Store`.

Every read is one of the store's query functions (`store/queries.py`) and every write goes through
the store's own functions: `run` for new articles (ingest, extract, link incrementally, as
`strikewatch run` does) and `append_audit` for a correction. No SQL here.
"""

from __future__ import annotations

from typing import Any

from ..limits import Limits
from ..model import Article, Incident, Report
from .budget import BudgetedExtractor
from .review import AuditEntry


class StoreAdapter:
    def __init__(self, store: Any, limits: Limits | None = None) -> None:
        from ..store import queries

        self.store = store
        self.engine = store.engine
        self._q = queries
        self._extract = BudgetedExtractor((limits or Limits()).article_seconds)

    def incidents(self) -> list[Incident]:
        return list(self._q.load_incidents(self.store))

    def reports(self, ids: list[str]) -> list[Report]:
        return list(self._q.load_reports(self.store, ids))

    def articles(self, ids: list[str]) -> dict[str, Article]:
        return dict(self._q.load_articles(self.store, ids))

    def report_articles(self) -> dict[str, str]:
        return dict(self._q.report_articles(self.store))

    def report_outlets(self) -> dict[str, str]:
        return dict(self._q.report_outlets(self.store))

    def articles_with_words(self, words: list[str]) -> set[str]:
        return set(self._q.articles_with_words(self.store, words))

    def audit_log(self) -> list[AuditEntry]:
        return [AuditEntry.model_validate(r.model_dump()) for r in self._q.audit_entries(self.store)]

    def append_audit(self, entry: AuditEntry) -> int:
        return int(self._q.append_audit(self.store, self._q.AuditRecord.model_validate(entry.model_dump())))

    def fingerprint(self) -> Any:
        return self._q.fingerprint(self.store)

    def add_articles(self, articles: list[Article]) -> list[str]:
        """Through the store's `run`: stored (a new revision if the id exists with other text),
        extracted within the per-article time budget (budget.py), and linked into the stored
        incidents. Returns why any were set aside."""
        from ..store import run

        run(self.store, articles, analyze=self._extract)
        ids = {a.id for a in articles}
        return [f"{q.article}: {q.reason}" for q in self._q.quarantined(self.store) if q.article in ids]

    def relink(self, reports: list[Report]) -> Incident:
        """One incident of exactly these reports, reconciled as the linker would (store/corrections.py)."""
        from ..store.corrections import relink

        return relink(reports)

    def successor(self, incident_id: str, incidents: list[Incident]) -> str | None:
        """The incident carrying on a retired id (store/corrections.py)."""
        from ..store.corrections import successor

        return successor(incident_id, incidents)

    def export(self, fmt: str, incidents: list[Incident], statuses: dict[str, str] | None = None) -> tuple[bytes, str]:
        """The store's own rendering (`store/export.py`) of the incidents as shown, corrections applied."""
        from ..store.export import MEDIA_TYPES, render

        reports = self._q.load_reports(self.store, [r for i in incidents for r in i.reports])
        from ..store.corrections import last_changed

        updated = last_changed(self.store) if fmt == "acled-csv" else None  # corrections count, as in `export`
        return render(fmt, incidents, reports, updated=updated, statuses=statuses).encode("utf-8"), MEDIA_TYPES[fmt]

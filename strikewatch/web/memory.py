"""An in-memory `WebStore`: the web app over plain lists, for tests and demos without a database.

Users and tokens still live in SQL (an in-memory SQLite engine), so sign-in runs the same code.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.pool import StaticPool

from ..model import Analysis, Article, Incident, Report
from .merge import combine
from .review import AuditEntry
from .users import metadata

Analyse = Callable[[list[Article], list[Report], list[Incident]], tuple[list[Report], list[Incident]]]


class MemoryStore:
    def __init__(self, articles: list[Article], analysis: Analysis, analyse: Analyse | None = None) -> None:
        self._articles = {a.id: a for a in articles}
        self._reports = {r.id: r for r in analysis.reports}
        self._incidents = list(analysis.incidents)
        self._log: list[AuditEntry] = []
        self._analyse = analyse
        self._version = 0
        # One shared connection: each new connection to sqlite :memory: would be a new, empty database.
        self.engine = sa.create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
        metadata.create_all(self.engine)

    def incidents(self) -> list[Incident]:
        return [i.model_copy(deep=True) for i in self._incidents]

    def reports(self, ids: list[str]) -> list[Report]:
        return [self._reports[i] for i in ids if i in self._reports]

    def articles(self, ids: list[str]) -> dict[str, Article]:
        return {i: self._articles[i] for i in ids if i in self._articles}

    def report_articles(self) -> dict[str, str]:
        return {r.id: r.article for r in self._reports.values()}

    def report_outlets(self) -> dict[str, str]:
        outlets = {r.id: r.outlet or (self._articles[r.article].outlet if r.article in self._articles else None)
                   for r in self._reports.values()}
        return {r: o for r, o in outlets.items() if o}

    def articles_with_words(self, words: list[str]) -> set[str]:
        return {a.id for a in self._articles.values() if all(w in a.text.casefold() for w in words)}

    def audit_log(self) -> list[AuditEntry]:
        return list(self._log)

    def append_audit(self, entry: AuditEntry) -> int:
        entry = entry.model_copy(update={"id": len(self._log) + 1})
        self._log.append(entry)
        self._version += 1
        return entry.id or 0

    def add_articles(self, articles: list[Article]) -> list[str]:
        for a in articles:
            self._articles[a.id] = a
        if self._analyse is not None:
            reports, self._incidents = self._analyse(articles, list(self._reports.values()), self._incidents)
            self._reports.update({r.id: r for r in reports})
        self._version += 1
        return []

    def fingerprint(self) -> object:
        return self._version

    def relink(self, reports: list[Report]) -> Incident:
        ids = {r.id for r in reports}
        parts = [i for i in self._incidents if ids & set(i.reports)]
        merged = combine(parts) if parts else Incident(id=reports[0].id, reports=[r.id for r in reports])
        return merged.model_copy(update={"reports": [r.id for r in reports]})

    def successor(self, incident_id: str, incidents: list[Incident]) -> str | None:
        return None  # ids here never change

    def export(self, fmt: str, incidents: list[Incident], statuses: dict[str, str] | None = None) -> tuple[bytes, str]:
        """Plain renderings of the four formats (the real store's exports carry every column), cleaned
        by the store's own `clean_cell` as every export is."""
        from ..store.export import clean_cell, clean_tree

        status = statuses or {}
        if fmt == "json":
            return json.dumps(clean_tree([i.model_dump(mode="json") for i in incidents])).encode(), "application/json"
        if fmt == "geojson":
            features = [{"type": "Feature", "properties": {"id": i.id},
                         "geometry": {"type": "Point", "coordinates": [i.location.lon, i.location.lat]}}
                        for i in incidents if i.location.lat is not None and i.location.lon is not None]
            return json.dumps(clean_tree({"type": "FeatureCollection", "features": features})).encode(), "application/geo+json"
        if fmt in ("csv", "acled-csv"):
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(["id", "date", "place", "killed", "review_status"])
            for i in incidents:
                row = [i.id, i.date.start or "", i.location.name or "", i.killed.best if i.killed else "",
                       status.get(i.id, "unreviewed")]
                writer.writerow([clean_cell(v, csv_cell=True) for v in row])
            return out.getvalue().encode(), "text/csv; charset=utf-8"
        raise ValueError(f"no export format {fmt!r}")

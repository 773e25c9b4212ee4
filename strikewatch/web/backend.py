"""What the web app needs from a store, as a Protocol, and `adapt` to fit the project's `Store` to it.

Keeping the surface this small lets tests hand the app an in-memory `MemoryStore` (memory.py), as
httpx tests hand a client a mock transport, and keeps every SQL statement in `store/`.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from sqlalchemy.engine import Engine

from ..limits import Limits
from ..model import Article, Incident, Report
from .review import AuditEntry


@runtime_checkable
class WebStore(Protocol):
    engine: Engine

    def incidents(self) -> list[Incident]:
        """Every incident as the machine linked it (no corrections)."""

    def reports(self, ids: list[str]) -> list[Report]: ...

    def articles(self, ids: list[str]) -> dict[str, Article]:
        """The latest revision of each article that exists."""

    def report_articles(self) -> dict[str, str]:
        """Report id -> article id, for every report."""

    def report_outlets(self) -> dict[str, str]:
        """Report id -> the outlet of its article, where one is named."""

    def articles_with_words(self, words: list[str]) -> set[str]:
        """Ids of articles whose text holds every word (case-insensitive)."""

    def audit_log(self) -> list[AuditEntry]: ...

    def append_audit(self, entry: AuditEntry) -> int: ...

    def add_articles(self, articles: list[Article]) -> list[str]:
        """Store, analyse and link the articles; returns the reasons any were rejected."""

    def fingerprint(self) -> Any:
        """A value that changes whenever incidents, reports or the audit log change."""

    def relink(self, reports: list[Report]) -> Incident:
        """One incident from exactly these reports (for a merge or a split)."""

    def successor(self, incident_id: str, incidents: list[Incident]) -> str | None:
        """The incident that carries on a retired id (its founding report was read again), if any."""

    def export(self, fmt: str, incidents: list[Incident], statuses: dict[str, str] | None = None) -> tuple[bytes, str]:
        """The incidents in an export format, with their review statuses: (content, media type)."""


def adapt(store: Any, limits: Limits | None = None) -> WebStore:
    """The store itself when it speaks the protocol, else the adapter over the project's Store
    (which extracts posted articles within `limits.article_seconds` each)."""
    if isinstance(store, WebStore):
        return store
    from .storeadapter import StoreAdapter

    return StoreAdapter(store, limits)


def open_store(url: str | None) -> Any:
    """The project's store at `url` (migrated to head, the web's tables included)."""
    from ..store.database import Store

    return Store.open(url)

"""The web app's one door into the store: `Catalog` reads incidents, reports and articles, replays the
analysts' corrections over them, and writes review entries and new articles through the store.

The incidents a reader sees are always `apply_review(machine incidents, audit log)`: corrections
are applied when read, so whatever the store's `run` rebuilds, the analyst's word stays on top.
Reads are cached per store state (`Store.version()`-like fingerprint: the row counts and last
audit id), so the overview's three requests (page, map, timeline) share one load.
"""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from collections import Counter
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from pydantic import BaseModel

from ..model import Article, Incident, Report
from .backend import WebStore, adapt
from .filters import IncidentQuery, matches, ordered
from .review import AuditEntry, ReviewError, check_value, correct, get_value, review_state, review_statuses


class AddResult(BaseModel):
    articles: list[str]
    reports: int
    incidents: dict[str, list[str]]  # article id -> incidents its reports are now in
    rejected: list[str]


class Facets(BaseModel):
    countries: list[str]
    admin1: list[str]
    perpetrators: list[str]
    event_types: list[str]
    sources: list[str] = []
    outlets: list[str] = []


class _Snapshot(BaseModel):
    key: Any
    incidents: list[Incident]
    report_article: dict[str, str]  # report id -> article id
    aliases: dict[str, str]  # an incident id in the log -> the id that incident goes by now
    statuses: dict[str, str]  # incident id -> review status, for those an analyst touched
    outlets: dict[str, list[str]]  # incident id -> the outlets of its reports
    facets: Facets
    by_id: dict[str, Incident]
    memo: dict[Any, Any]  # answers computed from this state (`Catalog.memo`), dropped with it
    machine: tuple[Any, list[Incident], dict[str, str], dict[str, str]]  # key, incidents, report articles, outlets


_lock = threading.Lock()
MEMO_SIZE = 64
T = TypeVar("T")
# Keyed by the store object itself (weakly): an id() could be reused by a later store.
_cache: weakref.WeakKeyDictionary[Any, _Snapshot] = weakref.WeakKeyDictionary()


def catalog(request: Request) -> Catalog:
    """FastAPI dependency: a Catalog over the app's store."""
    return Catalog(request.app.state.store)


class Catalog:
    """The incidents as readers see them (corrections applied), and the only way to change them."""

    def __init__(self, store: Any) -> None:
        self.store: WebStore = adapt(store)
        # One Catalog serves one request: it asks the store whether anything changed once, not at
        # every lookup (a map of a thousand incidents looks each one's status up).
        self._snap: _Snapshot | None = None

    # ---- reading ----
    def incidents(self) -> list[Incident]:
        """Every incident, corrections applied, newest first (undated last)."""
        return self._snapshot().incidents

    def find(self, query: IncidentQuery) -> list[Incident]:
        """The incidents passing every filter, in the order `query` asks for (newest first by default);
        the same list again for the next page, the map and the timeline, until the store changes."""
        key = ("find", query.model_dump_json(exclude={"page", "per_page"}))
        return list(self.memo(key, lambda: self._find(query)))

    def _find(self, query: IncidentQuery) -> list[Incident]:
        snap = self._snapshot()
        words = query.q.casefold().split() if query.q else []
        texts = self.store.articles_with_words(words) if words else set()
        arts = snap.report_article

        def text_of(inc: Incident) -> str:
            # The words may all be in an article of the incident rather than in its fields.
            return " ".join(words) if any(arts.get(r) in texts for r in inc.reports) else ""

        def outlets_of(inc: Incident) -> list[str]:
            return snap.outlets.get(inc.id, [])

        def status_of(inc: Incident) -> str:
            return snap.statuses.get(inc.id, "unreviewed")

        found = [i for i in snap.incidents if matches(i, query, text_of, outlets_of=outlets_of, status_of=status_of)]
        return ordered(found, query)

    def memo(self, key: Any, compute: Callable[[], T]) -> T:
        """`compute()`, kept with the current state of the store for the next request asking `key`:
        the map and the timeline of a filter are the same until the store or the log changes.
        A few dozen answers at most (the oldest go first); each is a few hundred kB at most."""
        memo = self._snapshot().memo
        with _lock:
            if key in memo:
                return memo[key]  # type: ignore[no-any-return]
        value = compute()
        with _lock:
            memo[key] = value
            while len(memo) > MEMO_SIZE:
                memo.pop(next(iter(memo)))
        return value

    def status(self, incident_id: str) -> str:
        """The review status: unreviewed, confirmed, edited or merged (store/review.py's `status_of`)."""
        return self._snapshot().statuses.get(incident_id, "unreviewed")

    def outlets(self, incident_id: str) -> list[str]:
        return self._snapshot().outlets.get(incident_id, [])

    def incident(self, incident_id: str) -> Incident | None:
        return self._snapshot().by_id.get(incident_id)

    def nearby(self, incident: Incident, days: int = 7) -> list[Incident]:
        """Incidents within a week of this one: the likely candidates for a merge."""
        start = incident.date.start
        if start is None:
            return []
        return [i for i in self.incidents() if i.date.start and abs((i.date.start - start).days) <= days]

    def facets(self) -> Facets:
        """The values the overview's dropdowns offer."""
        return self._snapshot().facets

    def reports(self, ids: list[str]) -> list[Report]:
        found = {r.id: r for r in self.store.reports(ids)}
        return [found[i] for i in ids if i in found]

    def article(self, article_id: str) -> Article | None:
        return self.store.articles([article_id]).get(article_id)

    def articles(self, ids: list[str]) -> dict[str, Article]:
        return self.store.articles(list(dict.fromkeys(ids)))

    def article_reports(self, article_id: str) -> list[Report]:
        ids = [r for r, a in self._snapshot().report_article.items() if a == article_id]
        return self.reports(sorted(ids))

    def incidents_of(self, report_ids: list[str]) -> dict[str, str]:
        wanted = set(report_ids)
        return {r: i.id for i in self.incidents() for r in i.reports if r in wanted}

    def now_known_as(self, incident_id: str) -> str:
        """The id an incident goes by now: itself, or the incident it was merged into or renamed to."""
        aliases = self._snapshot().aliases
        seen: set[str] = set()
        while incident_id in aliases and incident_id not in seen:
            seen.add(incident_id)
            incident_id = aliases[incident_id]
        return incident_id

    def audit(self, incident_id: str) -> list[AuditEntry]:
        """Every logged change to this incident, including those made under an id it absorbed."""
        now = self.now_known_as
        return [e for e in self.store.audit_log() if now(e.incident) == incident_id
                or (e.action == "split" and isinstance(e.after, dict) and e.after.get("incident") == incident_id)]

    # ---- writing ----
    def review(self, incident_id: str, action: str, *, who: str, reason: str = "", field: str | None = None,
               value: Any = None, other: str | None = None, report: str | None = None) -> AuditEntry:
        """Check one correction against the incidents as they are now and log it."""
        inc = self.incident(incident_id)
        if inc is None:
            raise KeyError(f"no incident {incident_id!r}")
        entry = AuditEntry(at=dt.datetime.now(dt.UTC), who=who, incident=inc.id, action=action,  # type: ignore[arg-type]
                           reason=reason.strip())
        if action in ("confirm", "unconfirm"):
            state = review_state(self.audit(inc.id)).status
            wanted = "confirmed" if action == "confirm" else "unreviewed"
            if state == wanted:
                raise ReviewError(f"{inc.id} is {state} already")
            entry.before, entry.after = {"status": state}, {"status": wanted}
        elif action == "edit":
            if not field:
                raise ReviewError("an edit names the field it changes")
            entry.field, entry.after = field, check_value(field, value)
            entry.before = get_value(inc, field)
            if entry.before == entry.after:
                raise ReviewError(f"{field} is {entry.after!r} already")
        elif action == "merge":
            absorbed = self.incident(other or "")
            if absorbed is None or absorbed.id == inc.id:
                raise ReviewError(f"no other incident {other!r} to merge")
            entry.before = {"incidents": {inc.id: inc.reports, absorbed.id: absorbed.reports}}
            entry.after = {"reports": list(dict.fromkeys(inc.reports + absorbed.reports)), "absorbed": absorbed.id}
        elif action == "split":
            if report not in inc.reports or len(inc.reports) < 2:
                raise ReviewError(f"report {report!r} is not one of several in {inc.id}")
            entry.before = {"reports": inc.reports}
            entry.after = {"report": report, "incident": f"{inc.id}~{report}"}
        else:
            raise ReviewError(f"no review action {action!r}")
        if action in ("edit", "merge", "split") and not entry.reason:
            raise ReviewError(f"a {action} needs a reason")
        entry.id = self.store.append_audit(entry)
        _cache.pop(self.store, None)
        self._snap = None
        return entry

    def add_articles(self, articles: list[Article], *, who: str) -> AddResult:
        rejected = self.store.add_articles(articles)
        _cache.pop(self.store, None)
        self._snap = None
        snap = self._snapshot()
        by_article: dict[str, list[str]] = {a.id: [] for a in articles}
        for inc in snap.incidents:
            for r in inc.reports:
                art = snap.report_article.get(r)
                if art in by_article and inc.id not in by_article[art]:
                    by_article[art].append(inc.id)
        n = sum(1 for a in snap.report_article.values() if a in by_article)
        return AddResult(articles=[a.id for a in articles], reports=n, incidents=by_article, rejected=rejected)

    # ---- the cached, corrected view ----
    def _snapshot(self) -> _Snapshot:
        if self._snap is None:
            self._snap = self._load()
        return self._snap

    def _load(self) -> _Snapshot:
        key = self.store.fingerprint()
        with _lock:
            snap = _cache.get(self.store)
            if snap is not None and snap.key == key:
                return snap
        # A review action changes only the log (the key's last member, see `store.queries.fingerprint`):
        # the machine's incidents read for the last state are still good, and reading them again
        # is most of the cost (seconds on FA-KES).
        if snap is not None and _same_machine(snap.key, key):
            machine = snap.machine
        else:
            machine = (key, self.store.incidents(), self.store.report_articles(), self.store.report_outlets())
        _, raw, report_article, by_report = machine
        # The store's replay (store/review.py), as `strikewatch export` does it.
        log = self.store.audit_log()
        incidents, aliases = correct(raw, log, self.store.reports, self.store.relink, self.store.successor)
        incidents.sort(key=lambda i: (i.date.start is None, -(i.date.start or dt.date.min).toordinal(), i.id))
        outlets = {i.id: list(dict.fromkeys(o for r in i.reports if (o := by_report.get(r)))) for i in incidents}
        facets = Facets(countries=_distinct(i.location.country for i in incidents),
                        admin1=_distinct(i.location.admin1 for i in incidents),
                        perpetrators=_distinct(a for i in incidents for a in i.perpetrator.actors),
                        event_types=_distinct(t for i in incidents for t in (i.event_type, i.sub_event_type)),
                        sources=_most_cited(incidents),
                        outlets=_distinct(o for os in outlets.values() for o in os))
        snap = _Snapshot.model_construct(  # already validated models: skip a second validation of each
            key=key, incidents=incidents, report_article=report_article, aliases=aliases,
            statuses=review_statuses(log, aliases) if log else {}, outlets=outlets, facets=facets,
            by_id={i.id: i for i in incidents}, memo={}, machine=machine)
        with _lock:
            _cache[self.store] = snap
        return snap


def _same_machine(old: Any, new: Any) -> bool:
    """Whether two store fingerprints differ at most in the audit log (their last member)."""
    return isinstance(old, tuple) and isinstance(new, tuple) and len(old) == len(new) > 1 and old[:-1] == new[:-1]


def _most_cited(incidents: list[Incident], n: int = 60) -> list[str]:
    """The sources most incidents cite, for the form's suggestions (a corpus names hundreds, most once)."""
    counts = Counter(s for i in incidents for s in set(i.sources))
    return sorted((s for s, _ in counts.most_common(n)), key=str.casefold)


def _distinct(values: Any) -> list[str]:
    return sorted({v for v in values if v}, key=str.casefold)


CatalogDep = Annotated["Catalog", Depends(catalog)]

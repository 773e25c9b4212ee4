"""One batch of extraction results into the store: save the reports, link them against the incidents
already stored, save what changed. The caller runs it inside one write transaction holding the
link lock, so a batch is all there or not there, and two runs never link at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..model import Article, Incident, Rejected, Report
from .cache import ModelCache
from .database import Store
from .ingest import batched, quarantine_rows
from .rows import incident_from_row, incident_values, report_from_row, report_values
from .schema import articles, incident_reports, incidents, reports
from .window import relevant_incidents

# link(new reports, existing incidents, their reports) -> every incident the new reports touch
# (existing ids kept); incidents it does not return are left as they are. It must not change the
# incidents it is given in place (a changed incident is a new object: an incident handed back as
# given is taken as unchanged, unwritten); it may change reports' dates (settling them).
Linker = Callable[[Sequence[Report], Sequence[Incident], Sequence[Report]], list[Incident]]


@dataclass
class SaveStats:
    extracted: int = 0  # article revisions whose results were saved
    failed: int = 0  # of which extraction was rejected (quarantined)
    skipped: int = 0  # already done by another process meanwhile, or replaced by a newer revision
    reports: int = 0
    incidents_new: int = 0
    incidents_updated: int = 0
    incidents_removed: int = 0  # folded into another incident by linking, or left without reports


class Linked(list[Incident]):
    """What `default_linker` returns: the incidents, and `reach`, the ids of the reports it clustered
    again (the new ones and all linked to them), so the store can read wider when they reach past
    what it read."""

    reach: frozenset[str] = frozenset()


def default_linker(new: Sequence[Report], existing: Sequence[Incident], existing_reports: Sequence[Report]) -> list[Incident]:
    """`strikewatch.link.link`, incrementally; then the dates only other sources settle (as `analyze` does).

    Stored reports come back with their settled dates; they are read as their articles gave them
    first (run.unsettle), so they link as they did when new: the one-shot answer in any order."""
    from .. import link as linking
    from ..run import settle_ambiguous_dates, unsettle

    if not hasattr(linking, "link"):  # linking not built yet: each new report is an incident of its own
        return [_own_incident(r) for r in new]
    every = list({r.id: r for r in [*existing_reports, *new]}.values())
    for r in every:
        unsettle(r)
    res = linking.link(new, existing=existing, existing_reports=existing_reports)
    settle_ambiguous_dates(every, res.incidents)
    out = Linked(res.incidents)
    out.reach = frozenset(res.reach)
    return out


def save_batch(store: Store, conn: Connection, batch: list[tuple[Article, int, list[Report] | Rejected]],
               linker: Linker, cache: ModelCache | None = None) -> SaveStats:
    """Store one batch of `(article, revision, reports or rejection)` and link its reports.
    `cache`: models read by earlier batches of the run; the caller calls `cache.commit()` once
    the transaction has committed."""
    cache = cache or ModelCache()
    cache.begin()
    stats = SaveStats()
    now = dt.datetime.now(dt.UTC)
    todo = _still_pending(conn, [(a.id, rev) for a, rev, _ in batch])
    fresh: list[Report] = []
    done: list[tuple[str, int, bool]] = []
    for article, revision, result in batch:
        if (article.id, revision) not in todo:
            stats.skipped += 1
            continue
        todo.discard((article.id, revision))  # the same revision twice in one batch: once only
        done.append((article.id, revision, not isinstance(result, Rejected)))
        if isinstance(result, Rejected):
            quarantine_rows(store, conn, [result], now=now, revision=revision)
            stats.failed += 1
        else:  # revision 2's reports need ids of their own: revision 1's stay stored under theirs
            fresh.extend(r if revision == 1 else r.model_copy(update={"id": f"{r.id}@r{revision}"}) for r in result)
    stats.extracted = len(done)
    if not done:
        return stats
    superseded = _supersede(conn, [(i, rev) for i, rev, _ in done if rev > 1])
    members = _link(conn, fresh, superseded, linker, now, stats, cache) if fresh or superseded else []
    if fresh:  # stored after linking, which may settle their dates
        revisions = {i: rev for i, rev, _ in done}
        conn.execute(reports.insert(), [report_values(r, revision=revisions[r.article], now=now) for r in fresh])
        stats.reports = len(fresh)
    if members:  # after the reports they name (the foreign key)
        conn.execute(incident_reports.insert(), members)
    conn.execute(articles.update().where(articles.c.id == sa.bindparam("_id"),
                                         articles.c.revision == sa.bindparam("_rev")),
                 [{"_id": i, "_rev": rev, "extracted_at": now, "extract_ok": ok} for i, rev, ok in done])
    return stats


def _still_pending(conn: Connection, keys: list[tuple[str, int]]) -> set[tuple[str, int]]:
    """The revisions that are still the latest and not yet extracted, read under the write lock."""
    ids = sorted({i for i, _ in keys})
    rows = conn.execute(sa.select(articles.c.id, articles.c.revision).where(
        articles.c.id.in_(ids), articles.c.latest, articles.c.extracted_at.is_(None)))
    return {(r.id, r.revision) for r in rows} & set(keys)


def _supersede(conn: Connection, newer: list[tuple[str, int]]) -> set[str]:
    """Reports of older revisions of these articles stop being current; returns their ids."""
    gone: set[str] = set()
    for article_id, revision in newer:
        cond = (reports.c.article_id == article_id, reports.c.revision < revision, reports.c.current)
        gone |= set(conn.execute(sa.select(reports.c.id).where(*cond)).scalars())
        conn.execute(reports.update().where(*cond).values(current=False))
    return gone


def _link(conn: Connection, fresh: list[Report], superseded: set[str], linker: Linker, now: dt.datetime,
          stats: SaveStats, cache: ModelCache) -> list[dict[str, str]]:
    """Link `fresh` against the stored incidents it may touch; save the incidents that changed and
    return the membership rows to insert once the new reports are stored."""
    # Changes are found by comparing with the stored JSON; only what the linker may have changed
    # is serialized again to compare (that was the biggest cost of a batch after decoding).
    read = cache.load(conn, incidents, relevant_incidents(conn, fresh, superseded), incident_from_row)
    read_reports: dict[str, Any] = {}
    dates: dict[str, tuple[Any, int]] = {}
    windowed = {r.id for r in fresh}  # the reports whose linking window has been read
    while True:
        stored = {i: e.data for i, e in read.items()}
        member_ids = set(_members(conn, list(stored))) - superseded
        read_reports.update(cache.load(conn, reports, member_ids - set(read_reports), report_from_row))
        stored_reports = {i: e.data for i, e in read_reports.items()}
        existing_reports: list[Report] = [read_reports[i].model for i in sorted(member_ids)]
        # An incident loses the reports read from an article's old text; one left with none goes.
        # One that lost some is linked again from its remaining reports, as if they were new.
        existing: dict[str, Incident] = {}
        again: list[Report] = []
        for e in read.values():
            inc = e.model
            kept = [r for r in inc.reports if r not in superseded]
            if kept:
                existing[inc.id] = inc if len(kept) == len(inc.reports) else inc.model_copy(update={"reports": kept})
                if len(kept) < len(inc.reports):
                    again += [read_reports[r].model for r in kept if r in read_reports]
        for r in existing_reports:  # as stored, before linking settles (or unsettles) any date
            dates.setdefault(r.id, (r.date, len(r.flags)))
        shown = [inc for inc in existing.values() if not set(inc.reports) & {r.id for r in again}]
        linked = linker([*fresh, *again], shown, existing_reports) if fresh or again else []
        # Linking reclusters everything linked to the new reports; when that reaches past what was
        # read, read the window of the reports reached too, and link again (rarely needed).
        reach: frozenset[str] = getattr(linked, "reach", frozenset())
        wider = [r for r in existing_reports if r.id in reach and r.id not in windowed]
        windowed |= {r.id for r in wider}
        more = relevant_incidents(conn, wider, set()) - set(read) if wider else set()
        if not more:
            break
        read.update(cache.load(conn, incidents, more, incident_from_row))
    final = dict(existing)
    final.update({inc.id: inc for inc in linked})
    linked_ids = {inc.id for inc in linked}
    claimed = {r: inc.id for inc in linked for r in inc.reports}
    for inc_id, inc in existing.items():  # folded into another incident by this link
        if inc_id not in linked_ids and all(claimed.get(r, inc_id) != inc_id for r in inc.reports):
            del final[inc_id]
    for inc_id, inc in final.items():
        # The linker judged a tally's cover against the incidents it was shown; what the tally
        # covered among the others (not read, so unchanged) still holds.
        if inc.kind == "aggregate" and inc_id in stored:
            beyond = set(stored[inc_id].get("covers") or ()) - set(stored)
            if not beyond <= set(inc.covers):
                final[inc_id] = inc.model_copy(update={"covers": sorted(beyond | set(inc.covers))})
    as_read = {i for i, inc in final.items() if i in read and inc is read[i].model}
    members, written = _save_incidents(conn, stored, final, as_read, now, stats)
    for inc_id, e in read.items():  # what is stored now is what the next batch may reuse
        if inc_id in final and inc_id not in written:
            cache.keep(incidents.name, inc_id, e._replace(model=final[inc_id]))
        else:
            cache.drop(incidents.name, inc_id)
    for r in existing_reports:  # linking may settle a report's ambiguous date: keep the settled reading
        if (r.date, len(r.flags)) == dates[r.id]:
            continue
        data = r.model_dump(mode="json")
        if data != stored_reports[r.id]:
            conn.execute(reports.update().where(reports.c.id == r.id).values(
                data=data, date_start=r.date.start, date_end=r.date.end, date_precision=r.date.precision,
                updated_at=now))
            cache.drop(reports.name, r.id)
    return members


def _members(conn: Connection, incident_ids: list[str]) -> Iterator[str]:
    for chunk in batched(sorted(incident_ids), 500):
        yield from conn.execute(sa.select(incident_reports.c.report_id)
                                .where(incident_reports.c.incident_id.in_(chunk))).scalars()


def _save_incidents(conn: Connection, stored: dict[str, Any], final: dict[str, Incident], as_read: set[str],
                    now: dt.datetime, stats: SaveStats) -> tuple[list[dict[str, str]], set[str]]:
    """Write what changed, a statement per kind of change (executemany), not per incident.
    Returns the membership rows to insert and the ids written (added, changed or removed)."""
    removed = sorted(i for i in stored if i not in final)
    added: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    members: list[dict[str, str]] = []
    for inc_id, inc in final.items():
        if inc_id in as_read:  # the very model read, untouched: as stored
            continue
        values = incident_values(inc, now=now)
        if inc_id in stored and stored[inc_id] == values["data"]:
            continue
        if inc_id in stored:
            values["_id"] = values.pop("id")
            changed.append(values)
        else:
            added.append({**values, "created_at": now})
        members.extend({"incident_id": inc_id, "report_id": r} for r in dict.fromkeys(inc.reports))
    stale = removed + [v["_id"] for v in changed]  # their memberships are rewritten (or gone)
    for chunk in batched(stale, 500):
        conn.execute(incident_reports.delete().where(incident_reports.c.incident_id.in_(chunk)))
    for chunk in batched(removed, 500):
        conn.execute(incidents.delete().where(incidents.c.id.in_(chunk)))
    if added:
        conn.execute(incidents.insert(), added)
    if changed:
        conn.execute(incidents.update().where(incidents.c.id == sa.bindparam("_id")), changed)
    stats.incidents_removed += len(removed)
    stats.incidents_new += len(added)
    stats.incidents_updated += len(changed)
    return members, {*removed, *(v["id"] for v in added), *(v["_id"] for v in changed)}


def _own_incident(r: Report) -> Incident:
    killed = next((c.killed for c in r.claims if c.killed is not None), None)
    return Incident(id=f"INC-{r.id}", reports=[r.id], kind=r.kind, event_type=r.event_type,
                    sub_event_type=r.sub_event_type, date=r.date, location=r.location, perpetrator=r.perpetrator,
                    killed=killed, sources=sorted({c.source for c in r.claims if c.source}))

"""`run`: ingest, extract and link into the store, incrementally, a transaction per batch.

The work is a chain of generators, so nothing waits for the whole corpus:

    items --ingest batch (txn)--> revisions awaiting extraction --analyze--> results
          --save batch (txn: reports, linking, incidents, "extracted" marks)--> store

Extraction runs outside any transaction (it is the slow part, and SQLite has one writer). What it
reads is stored first, so an interrupted run leaves articles that are stored but not extracted:
the next run finds them (`latest` and `extracted_at IS NULL`) and carries on. Each save re-checks
under the link lock that its revisions are still unextracted, so two runs at once never store a
report twice. Articles already stored but never extracted (say, by `strikewatch ingest`) are
picked up at the end of every run.

A batch whose save fails for a reason other than a database fault is saved again an article at a
time (`_save_isolated`): the article at fault is quarantined (stage "store") and marked extracted
but failed, its neighbours are kept.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..model import Article, Rejected, Report
from .cache import ModelCache
from .database import LINK_LOCK, Store, is_fault
from .ingest import (
    IngestStats,
    article_from_row,
    batched,
    content_hash,
    ingest_batch,
    quarantine_rows,
    store_reason,
)
from .linking import Linker, SaveStats, default_linker, save_batch
from .progress import RunProgress
from .schema import articles

Analyze = Callable[[Iterable[Article]], Iterator[tuple[Article, list[Report] | Rejected]]]


@dataclass
class RunStats:
    ingest: IngestStats = field(default_factory=IngestStats)
    saved: SaveStats = field(default_factory=SaveStats)
    batches: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Articles read per second."""
        return self.ingest.read / self.seconds if self.seconds else 0.0


def run(
    store: Store,
    items: Iterable[Article | Rejected] = (),
    *,
    analyze: Analyze | None = None,
    linker: Linker | None = None,
    batch_size: int = 50,
    n_process: int = 1,
    pending: bool = True,
    progress: bool = False,
) -> RunStats:
    """Store `items` (what `read_articles` yields), extract the revisions not yet extracted, link
    their reports into the stored incidents. Returns counts; the store holds the results.

    **Parameters**
    - `analyze`: the extractor (default `strikewatch.pipeline.analyze_articles`); tests pass fakes.
    - `linker`: the linker (default `strikewatch.link.link`, incremental).
    - `batch_size`: articles per transaction. Ctrl-C loses at most the batch in progress.
    - `pending`: also extract what earlier runs or `ingest` stored but did not extract.

    >>> store = Store.open("sqlite://")
    >>> fake = lambda arts: ((a, []) for a in arts)   # an extractor that finds nothing
    >>> run(store, [Article(id="a1", text="Nothing happened.")], analyze=fake).saved.extracted
    1
    """
    if analyze is None:
        from ..pipeline import analyze_articles

        def analyze(arts: Iterable[Article]) -> Iterator[tuple[Article, list[Report] | Rejected]]:
            return analyze_articles(arts, batch_size=min(batch_size, 32), n_process=n_process)
    link = linker or default_linker
    stats = RunStats()
    started = time.perf_counter()
    cache = ModelCache()  # the incidents and reports earlier batches read, while unchanged
    revision_of: dict[tuple[str, str], int] = {}  # (id, content hash) -> revision, for the results

    with RunProgress(enabled=progress) as bar:
        def to_extract() -> Iterator[Article]:
            for chunk in batched(items, batch_size):
                result = ingest_batch(store, chunk)
                stats.ingest.add(result.stats)
                bar.read(result.stats.read, result.stats.quarantined)
                for s in result.stored:
                    key = (s.article.id, content_hash(s.article))
                    if s.pending and key not in revision_of:
                        revision_of[key] = s.revision
                        yield s.article
            if pending:
                for article, revision in pending_articles(store):
                    key = (article.id, content_hash(article))
                    if key not in revision_of:  # not already on its way through this run
                        revision_of[key] = revision
                        bar.read(0, 0, pending=1)
                        yield article

        source = to_extract()
        first = next(source, None)  # nothing to extract: do not load the extractor at all
        results = analyze(chain([first], source)) if first is not None else iter(())
        for group in batched(results, batch_size):
            batch = [(a, revision_of[(a.id, content_hash(a))], res) for a, res in group]
            saved = _save_isolated(store, batch, link, cache)
            _add(stats.saved, saved)
            stats.batches += 1
            bar.saved(len(group), saved.reports)
    stats.seconds = time.perf_counter() - started
    return stats


Item = tuple[Article, int, list[Report] | Rejected]


def _save_isolated(store: Store, batch: list[Item], link: Linker, cache: ModelCache) -> SaveStats:
    """Save a batch in one transaction; when it fails for a reason that is not a database fault
    (one article's reports the database refuses, linking that breaks on them), save its articles
    one at a time, so only the one(s) at fault are set aside (stage "store") and the rest are kept."""
    def save(conn: Connection, b: list[Item]) -> SaveStats:
        return save_batch(store, conn, b, link, cache)

    try:
        saved = store.transact(lambda conn: save(conn, batch), lock=LINK_LOCK)
        cache.commit()  # only now: a failed attempt's models are never reused
        return saved
    except Exception as exc:
        if not _isolable(exc):
            raise
        if len(batch) == 1:
            return _set_aside(store, batch[0], exc)
    total = SaveStats()
    for item in batch:
        try:
            part = store.transact(lambda conn, one=item: save(conn, [one]), lock=LINK_LOCK)  # type: ignore[misc]
            cache.commit()
        except Exception as exc:
            if not _isolable(exc):
                raise
            part = _set_aside(store, item, exc)
        _add(total, part)
    return total


def _isolable(exc: BaseException) -> bool:
    """An error one article can cause (the database refusing its data, a bug met on its reports),
    not the database failing (disk full, connection lost...) or the machine running out of memory."""
    return not is_fault(exc) and not isinstance(exc, MemoryError)


def _set_aside(store: Store, item: Item, exc: BaseException) -> SaveStats:
    """Quarantine one article whose results could not be saved, and mark it done (not ok)."""
    article, revision, _ = item
    reason = f"saving its reports failed: {store_reason(exc)}"
    rejection = Rejected(path=article.path or article.id, line=article.line, article=article.id, stage="store",
                         reason=reason)

    def mark(conn: Connection) -> None:
        quarantine_rows(store, conn, [rejection], now=dt.datetime.now(dt.UTC), revision=revision)
        conn.execute(articles.update().where(articles.c.id == article.id, articles.c.revision == revision,
                                             articles.c.extracted_at.is_(None))
                     .values(extracted_at=dt.datetime.now(dt.UTC), extract_ok=False))

    store.transact(mark, lock=LINK_LOCK)
    return SaveStats(extracted=1, failed=1)


def pending_articles(store: Store, *, chunk: int = 200) -> Iterator[tuple[Article, int]]:
    """Latest revisions not yet extracted, oldest first, read a chunk at a time."""
    last = 0
    while True:
        with store.read() as conn:
            rows = conn.execute(sa.select(articles).where(articles.c.latest, articles.c.extracted_at.is_(None),
                                                          articles.c.pk > last)
                                .order_by(articles.c.pk).limit(chunk)).all()
        if not rows:
            return
        for row in rows:
            yield article_from_row(row), row.revision
        last = rows[-1].pk


def _add(total: SaveStats, part: SaveStats) -> None:
    for name in vars(part):
        setattr(total, name, getattr(total, name) + getattr(part, name))

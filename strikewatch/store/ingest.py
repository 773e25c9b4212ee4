"""Storing articles: once per content, a new revision when the text or metadata of a known id changes.

`ingest(store, items)` takes what `strikewatch.ingest.read_articles` yields (articles and
`Rejected`) and writes it in batches, one transaction each. An article is identified by its id; its
content hash (text, title, outlet, publication date, URL, language: not the file it came from),
compared with the latest revision's, decides whether it is unchanged or a new revision (a return
to an earlier text included: the revert is current again). Rejected inputs go to `quarantine`.

When the database refuses an article of a batch, the batch is stored again with a savepoint an
article: the one refused is quarantined (stage "store", with the database's reason) and its
neighbours are kept. A fault of the database
itself (disk full, read-only, connection lost) is not an article's fault and ends the batch.
Every article is cleaned first (`strikewatch.ingest.clean`), the same on SQLite and PostgreSQL,
whether it came from a reader or straight from a caller.

Two processes ingesting the same files at once cannot duplicate a row: (id, revision) is unique and
rows are inserted with ON CONFLICT DO NOTHING; a revision number taken by the other process
meanwhile is looked at again (the same text: unchanged) or retried with the next one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import InputError
from ..ingest.clean import clean_article, safe
from ..model import Article, Rejected
from .database import Store, is_fault
from .schema import articles, quarantine

Status = str  # "new", "revised", "unchanged"


@dataclass
class IngestStats:
    """What an ingest did. `read` counts articles (not rejections)."""

    read: int = 0
    new: int = 0
    revised: int = 0
    unchanged: int = 0
    quarantined: int = 0

    def add(self, other: IngestStats) -> None:
        for name in ("read", "new", "revised", "unchanged", "quarantined"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class StoredArticle:
    """An article as stored: its revision, and whether that revision still awaits extraction."""

    article: Article
    revision: int
    status: Status
    pending: bool


@dataclass
class BatchResult:
    stats: IngestStats = field(default_factory=IngestStats)
    stored: list[StoredArticle] = field(default_factory=list)


def content_hash(article: Article) -> str:
    """SHA-256 of what makes a revision: the text and the metadata extraction reads."""
    published = article.published.isoformat() if article.published else None
    fields = [article.text, article.title, article.outlet, published, article.url, article.language]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()


def ingest(store: Store, items: Iterable[Article | Rejected], *, batch_size: int = 200,
           progress: bool = False) -> IngestStats:
    """Store the articles (new ones, and new revisions of changed ones) and quarantine the rejections.

    >>> from strikewatch.store import Store
    >>> store = Store.open("sqlite://")
    >>> ingest(store, [Article(id="a1", text="Shelling hit Douma.")]).new
    1
    >>> ingest(store, [Article(id="a1", text="Shelling hit Douma.")]).unchanged
    1
    """
    from .progress import RunProgress

    stats = IngestStats()
    with RunProgress(enabled=progress, saving=False) as bar:
        for batch in batched(items, batch_size):
            done = ingest_batch(store, batch).stats
            stats.add(done)
            bar.read(done.read, done.quarantined)
    return stats


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def ingest_batch(store: Store, batch: list[Article | Rejected]) -> BatchResult:
    """One batch in one transaction (retried whole if the database reports a transient conflict).
    When one of its articles is refused, the batch is stored again with a savepoint an article,
    so only that one is set aside (savepoints cost time: only then)."""
    try:
        return store.transact(lambda conn: _ingest(store, conn, batch, isolate=False))
    except Exception as exc:
        if is_fault(exc) or isinstance(exc, MemoryError):
            raise
    return store.transact(lambda conn: _ingest(store, conn, batch, isolate=True))


def _ingest(store: Store, conn: Connection, batch: list[Article | Rejected], *, isolate: bool) -> BatchResult:
    result = BatchResult()
    now = dt.datetime.now(dt.UTC)
    rejected = [item for item in batch if isinstance(item, Rejected)]
    result.stats.quarantined = quarantine_rows(store, conn, rejected, now=now)
    arts: list[Article] = []
    for item in batch:
        if isinstance(item, Article):
            try:
                arts.append(clean_article(item))
            except InputError as exc:
                result.stats.quarantined += quarantine_rows(store, conn, [Rejected(
                    path=exc.path, line=exc.line, article=exc.article, stage="ingest", reason=exc.reason)], now=now)
    result.stats.read = len(arts)
    known = _known(conn, {a.id for a in arts})  # one query for the batch; looked up again only on a clash
    for article in arts:
        if not isolate:
            stored = _store_article(store, conn, article, now, known)
            result.stored.append(stored)
            setattr(result.stats, stored.status, getattr(result.stats, stored.status) + 1)
            continue
        try:
            with conn.begin_nested():  # a savepoint: this article's failure is this article's alone
                stored = _store_article(store, conn, article, now, known)
        except Exception as exc:  # the database (or its driver) refused this article's values
            if is_fault(exc) or isinstance(exc, MemoryError):
                raise
            known[article.id] = _known(conn, {article.id})[article.id]
            reason = f"the database refused it: {store_reason(exc)}"
            result.stats.quarantined += quarantine_rows(store, conn, [Rejected(
                path=article.path or article.id, line=article.line, article=article.id, stage="store",
                reason=reason)], now=now)
            continue
        result.stored.append(stored)
        setattr(result.stats, stored.status, getattr(result.stats, stored.status) + 1)
    return result


def store_reason(exc: BaseException) -> str:
    """The database's own first line about `exc`, without the statement and its parameters (which
    would print the article's whole text)."""
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return f"{type(orig).__name__}: {lines[0] if lines else ''}"[:300]


class _Known(NamedTuple):
    id: str
    revision: int
    content_hash: str
    latest: bool
    extracted_at: dt.datetime | None


def _known(conn: Connection, ids: set[str]) -> dict[str, list[_Known]]:
    found: dict[str, list[_Known]] = {i: [] for i in ids}
    cols = (articles.c.id, articles.c.revision, articles.c.content_hash, articles.c.latest, articles.c.extracted_at)
    for chunk in batched(sorted(ids), 500):
        for row in conn.execute(sa.select(*cols).where(articles.c.id.in_(chunk))):
            found[row.id].append(_Known(*row))
    return found


def _store_article(store: Store, conn: Connection, article: Article, now: dt.datetime,
                   known: dict[str, list[_Known]]) -> StoredArticle:
    digest = content_hash(article)
    rows = known[article.id]
    for _attempt in range(20):
        # only the latest revision counts: an earlier text coming back is a revert, a new revision
        last = max(rows, key=lambda r: r.revision, default=None)
        if last is not None and last.content_hash == digest:
            return StoredArticle(article, last.revision, "unchanged", last.extracted_at is None)
        revision = last.revision + 1 if last is not None else 1
        values = _row(article, digest, revision, now)
        inserted = conn.execute(store.insert_ignore(articles).values(values).returning(articles.c.pk)).first()
        if inserted is not None:
            if revision > 1:  # the older revisions are history now
                conn.execute(articles.update().where(articles.c.id == article.id, articles.c.revision < revision)
                             .values(latest=False))
            # the same id again later in this batch sees this revision
            rows[:] = [r._replace(latest=False) for r in rows]
            rows.append(_Known(article.id, revision, digest, True, None))
            return StoredArticle(article, revision, "new" if revision == 1 else "revised", True)
        # Another process stored this content, or took this revision number, since we looked: look again.
        rows = known[article.id] = _known(conn, {article.id})[article.id]
    raise RuntimeError(f"article {article.id}: could not settle a revision number")


def _row(article: Article, digest: str, revision: int, now: dt.datetime) -> dict[str, Any]:
    return {
        "id": article.id, "revision": revision, "latest": True, "content_hash": digest,
        "outlet": article.outlet, "published": article.published, "published_basis": article.published_basis,
        "title": article.title, "url": article.url, "path": article.path, "line": article.line,
        "language": article.language, "text": article.text, "ingested_at": now,
    }


def quarantine_rows(store: Store, conn: Connection, items: list[Rejected], *, now: dt.datetime,
                    revision: int | None = None) -> int:
    """Set the rejections aside (once each: the same rejection on a rerun is not added again)."""
    if not items:
        return 0
    items = [_safe(r) for r in items]
    rows = [{"key": _quarantine_key(r, revision), "path": r.path, "line": r.line, "article_id": r.article,
             "revision": revision, "stage": r.stage, "reason": r.reason, "at": now} for r in items]
    conn.execute(store.insert_ignore(quarantine), rows)
    return len(items)


def _safe(r: Rejected) -> Rejected:
    """A rejection any database stores: a reason may quote the bad bytes, a path be undecodable."""
    article = safe(r.article)[:300] if r.article else r.article
    line = r.line if r.line is None or 0 <= r.line < 2**31 else None  # the column is a 32-bit integer
    return r.model_copy(update={"path": safe(r.path), "reason": safe(r.reason), "article": article, "line": line})


def _quarantine_key(r: Rejected, revision: int | None) -> str:
    parts = [r.path, r.line, r.article, revision, r.stage, r.reason]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


def article_from_row(row: Any) -> Article:
    """The `Article` a stored revision holds."""
    return Article(id=row.id, text=row.text, outlet=row.outlet, published=row.published,
                   published_basis=row.published_basis, title=row.title, url=row.url, path=row.path,
                   line=row.line, language=row.language)

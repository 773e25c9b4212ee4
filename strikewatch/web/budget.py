"""The time budget of one posted article: extraction in a worker process that is killed past it.

`POST /api/articles` runs the store's `run` with this as its extractor. Each article goes to one
long-lived worker process; when an article's reports have not come back within `seconds`
(wall-clock time, STRIKEWATCH_ARTICLE_SECONDS), the worker is killed, the article is set aside in
the quarantine with that reason, and the next article gets a fresh worker. A thread could not be
stopped, and a pathological article would go on burning a core after the request had answered; a
killed process stops at once.

On Linux the worker is forked from the web process after it has loaded the extractor, so a new
worker starts in milliseconds (a spawned one loads spaCy again: 5-20 s). Forking a process that
has threads copies only the forking thread, and locks other threads held stay held in the child;
the worker touches nothing but the extractor and its pipe, so none of those locks (the database
pool, logging) is ever taken there. Elsewhere (no fork) the worker is spawned and loads its own.

Articles are extracted one at a time, under a lock: requests that post at once wait for each other,
which on a small server is what we want anyway (SQLite has one writer, the machine few cores).
"""

from __future__ import annotations

import multiprocessing as mp
import threading
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection
from typing import Any

from ..model import Article, Rejected, Report

Result = tuple[Article, list[Report] | Rejected]
START_SECONDS = 300.0  # a spawned worker loading spaCy on a busy machine: not part of any budget


class BudgetedExtractor:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._lock = threading.Lock()
        self._proc: Any = None
        self._conn: Connection | None = None

    def __call__(self, articles: Iterable[Article]) -> Iterator[Result]:
        for article in articles:
            yield article, self.extract(article)

    def extract(self, article: Article) -> list[Report] | Rejected:
        with self._lock:
            conn = self._worker()
            conn.send(article)
            if conn.poll(self.seconds):
                try:
                    result: list[Report] | Rejected = conn.recv()
                    return result
                except (EOFError, OSError):
                    self.close()
                    return _rejected(article, "the extraction worker died on this article")
            self.close()  # over budget: stop the work now, not when it would have finished
            return _rejected(article, f"extraction took longer than the {self.seconds:g} s budget of one "
                                      "article (STRIKEWATCH_ARTICLE_SECONDS)")

    def close(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.join()
        if self._conn is not None:
            self._conn.close()
        self._proc = self._conn = None

    def _worker(self) -> Connection:
        if self._proc is not None and self._proc.is_alive() and self._conn is not None:
            return self._conn
        self.close()
        ctx: Any
        if "fork" in mp.get_all_start_methods():
            from ..extract import Extractor

            Extractor.load()  # here, once: every worker forked from now on starts with it
            ctx = mp.get_context("fork")
        else:
            ctx = mp.get_context("spawn")
        ours, theirs = ctx.Pipe()
        proc = ctx.Process(target=_serve, args=(theirs,), daemon=True, name="strikewatch-extract")
        proc.start()
        theirs.close()
        self._proc, self._conn = proc, ours
        if not ours.poll(START_SECONDS) or ours.recv() != "ready":
            self.close()
            raise RuntimeError("the extraction worker did not start")
        return ours


def _rejected(article: Article, reason: str) -> Rejected:
    return Rejected(path=article.path or article.id, line=article.line, article=article.id, stage="extract",
                    reason=reason)


def _serve(conn: Connection) -> None:
    """The worker: load the extractor, say so, then extract one article per message until EOF."""
    from ..extract import Extractor

    extractor = Extractor.load()
    conn.send("ready")
    while True:
        try:
            article = conn.recv()
        except EOFError:
            return
        try:
            conn.send(next(iter(extractor.pipe([article], batch_size=1)))[1])
        except Exception as exc:  # noqa: BLE001 - the article is set aside, the worker goes on
            conn.send(_rejected(article, f"{type(exc).__name__}: {exc}"))

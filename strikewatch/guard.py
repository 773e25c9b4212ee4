"""What extraction may cost, and what it cannot read: the checks every extraction goes through.

`guarded(extract, articles)` is how `pipeline.analyze_articles` runs the extractor (so `analyze`,
`run`, the web app and the Dask workers all go through it):

- **Language.** An article in a language the extractor does not read (`READ_LANGUAGES`, English
  for now) is not run through it: it comes back as a rejection, stage "language", naming the
  language. Stored, flagged in `stats` and `quarantine list`, never silently "no reports".
- **Time budget.** Each batch is extracted under a timer of `Limits.article_seconds` (default
  30 s of CPU time; well-behaved batches take a second or two). When the timer fires, the batch's partial
  work is dropped and each of its articles is extracted alone under its own timer: the ones that
  still overrun are set aside (stage "extract", with the limit), the others come through as they
  would have. The timer counts the process's CPU time (ITIMER_PROF, SIGPROF), not the clock: on a
  machine shared by many, a batch is not set aside because others kept it waiting. It interrupts
  Python code, regular expressions and spaCy alike; it raises a `BaseException` so no `except Exception` inside the
  extractor can swallow it; when it lands in a finalizer or a garbage-collection callback, where Python
  drops exceptions, it fires again shortly and the batch still counts as over. Signals only reach a process's main thread: elsewhere (a Dask worker's
  task thread, a web request's thread) the budget is not enforced, and the size limit (`Limits.max_article_chars`, checked
  at ingest) is what bounds an article's cost.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from .ingest.clean import READ_LANGUAGES
from .limits import Limits
from .model import Article, Rejected, Report

Result = tuple[Article, list[Report] | Rejected]
ExtractBatch = Callable[[list[Article]], list[Result]]


_REFIRE_SECONDS = 0.02


class OverBudget(BaseException):
    """The time budget ran out (a BaseException: the extractor's own `except Exception` must not catch it)."""


def guarded(extract: ExtractBatch, articles: Iterable[Article], *, batch_size: int = 32,
            limits: Limits | None = None) -> Iterator[Result]:
    """`extract` over `articles` a batch at a time, in input order, with the checks above."""
    limits = limits or Limits.from_env()
    it = iter(articles)
    while batch := list(islice(it, batch_size)):
        readable = [a for a in batch if a.language in READ_LANGUAGES]
        results = {id(a): r for a, r in _extract_within(extract, readable, limits.article_seconds)} if readable else {}
        for article in batch:
            if article.language not in READ_LANGUAGES:
                yield article, _rejected(article, "language", f"written in {article.language!r}: the extractor "
                                         f"reads {', '.join(sorted(READ_LANGUAGES))} only; stored, not extracted")
            else:
                yield article, results[id(article)]


def _extract_within(extract: ExtractBatch, batch: list[Article], seconds: float) -> list[Result]:
    done = _timed(extract, batch, seconds)
    if done is not None:
        return done
    out: list[Result] = []
    for article in batch:  # the batch overran: find the article(s) that did, one at a time
        alone = _timed(extract, [article], seconds) if len(batch) > 1 else None
        out.extend(alone if alone is not None else [(article, _rejected(
            article, "extract", f"extraction took over {seconds:g} s, the time budget of one article "
            "(STRIKEWATCH_ARTICLE_SECONDS); set aside"))])
    return out


def _timed(extract: ExtractBatch, batch: list[Article], seconds: float) -> list[Result] | None:
    """`extract(batch)`, or None when it ran past `seconds` (where a timer can be set)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        return extract(batch)

    expired = False

    def expire(_signum: int, _frame: object) -> None:
        nonlocal expired
        expired = True
        # An exception raised while a garbage-collection callback or a __del__ runs is printed and
        # dropped by Python, not propagated: fire again shortly until one lands in ordinary code.
        signal.setitimer(signal.ITIMER_PROF, _REFIRE_SECONDS)
        raise OverBudget

    previous = signal.signal(signal.SIGPROF, expire)
    try:
        signal.setitimer(signal.ITIMER_PROF, seconds)  # CPU seconds of this process
        try:
            done = extract(batch)
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
    except OverBudget:
        return None
    finally:
        signal.signal(signal.SIGPROF, previous)
    return None if expired else done  # finished within the refire interval of a swallowed expiry: still over


def _rejected(article: Article, stage: str, reason: str) -> Rejected:
    return Rejected(path=article.path or article.id, line=article.line, article=article.id, stage=stage,
                    reason=reason)

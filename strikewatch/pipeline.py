"""The one batch API: articles in, reports out, in input order.

The CLI, the store, the web app's upload and the Dask runner all call `analyze_articles`; there is
no second pipeline. With `n_process > 1` whole batches of articles go to worker processes that
each load the extractor once: spaCy's own `n_process` ships every small sentence Doc between
processes and came out slower than one process here (bench/bench_analyze.py).
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator
from itertools import islice

from .guard import guarded
from .model import Article, Rejected, Report

Result = tuple[Article, list[Report] | Rejected]


def analyze_articles(articles: Iterable[Article], *, batch_size: int = 32, n_process: int = 1) -> Iterator[Result]:
    """Extract the reports of each article, streaming `(article, reports)` in input order.

    An article that fails extraction comes back as `(article, Rejected(...))`; the batch goes on.
    Every batch goes through `guard.guarded`: articles in a language the extractor does not read
    are set aside, and each batch runs under the time budget of `Limits.article_seconds`.

    >>> from strikewatch.model import Article
    >>> art = Article(id="a1", text="Shelling killed 5 civilians in Douma on Tuesday.", published="2018-02-22")
    >>> [(r.location.name, r.claims[0].killed.low) for r in next(analyze_articles([art]))[1]]
    [('Douma', 5)]
    """
    if n_process <= 1:
        yield from guarded(_extract, articles, batch_size=batch_size)
        return
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(n_process, initializer=_init_worker) as pool:
        batches = _batched(iter(articles), batch_size)
        for results in pool.imap(_work, batches):
            yield from results


def _batched(it: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while batch := list(islice(it, size)):
        yield batch


def _init_worker() -> None:
    from .extract import Extractor

    Extractor.load()


def _work(batch: list[Article]) -> list[Result]:
    return list(guarded(_extract, batch, batch_size=len(batch)))  # the worker's main thread: the timer works


def _extract(batch: list[Article]) -> list[Result]:
    from .extract import Extractor

    return list(Extractor.load().pipe(batch, batch_size=len(batch)))

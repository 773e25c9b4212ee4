"""The one batch API: articles in, reports out, in input order. The CLI, the store, the web app's
upload and the Dask runner all call `analyze_articles`; there is no second pipeline."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .model import Article, Rejected, Report


def analyze_articles(
    articles: Iterable[Article], *, batch_size: int = 32, n_process: int = 1
) -> Iterator[tuple[Article, list[Report] | Rejected]]:
    """Extract the reports of each article, streaming `(article, reports)` in input order.

    An article that fails extraction comes back as `(article, Rejected(...))`; the batch goes on.
    """
    from .extract import Extractor

    extractor = Extractor.load()
    yield from extractor.pipe(articles, batch_size=batch_size, n_process=n_process)

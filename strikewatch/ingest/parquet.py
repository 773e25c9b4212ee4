"""Articles from a Parquet file: one row per article, columns named as in the articles JSONL.

Columns read: `id`, `text`, `outlet`, `published` (a date, a timestamp or an ISO string), `title`,
`url`, `language`; others are ignored. A row with no `id` gets one from its content (ingest/clean.py). Rows
are numbered from 1 as lines are elsewhere, so a rejection names the file and the row. `start` and
`stop` (rows, stop excluded) read a slice, as a Dask worker does with its partition; only the row
groups that hold it are read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article, Rejected
from .datelines import parse_published
from .text import build_article, rejected

COLUMNS = ("id", "text", "outlet", "published", "title", "url", "language")


def row_count(path: str | Path) -> int:
    import pyarrow.parquet as pq

    return int(pq.ParquetFile(path).metadata.num_rows)


def read_parquet(path: str | Path, *, published: dt.date | None = None, outlet: str | None = None,
                 start: int = 0, stop: int | None = None) -> Iterator[Article | Rejected]:
    """Rows `start` to `stop` of the file as Articles, a `Rejected` for each bad row (or one for the
    whole slice when the file cannot be read)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    name = str(path)
    try:
        pf = pq.ParquetFile(name)
        stop = pf.metadata.num_rows if stop is None else stop
        columns = [c for c in COLUMNS if c in pf.schema_arrow.names]
        groups, first, at = [], None, 0
        for g in range(pf.metadata.num_row_groups):
            n = pf.metadata.row_group(g).num_rows
            if at < stop and at + n > start:
                groups.append(g)
                first = at if first is None else first
            at += n
        # a few rows at a time, never the whole slice: a file of huge texts stays out of memory
        batches = pf.iter_batches(batch_size=64, row_groups=groups, columns=columns) if groups else iter(())
        at = first or 0
        for batch in batches:
            for row in batch.to_pylist():
                at += 1  # this row's number, counted from 1
                if at <= start:
                    continue
                if at > stop:
                    return
                try:
                    yield _article(name, at, row, published, outlet)
                except InputError as exc:
                    yield rejected(exc)
    except (OSError, pa.ArrowException) as exc:
        yield Rejected(path=name, stage="ingest", reason=f"rows {start + 1}-{stop}: {exc}")


def _article(path: str, line: int, row: dict[str, Any], published: dt.date | None, outlet: str | None) -> Article:
    # no id: build_article makes one from the content, never from the row number
    article_id = str(row["id"]) if row.get("id") not in (None, "") else None
    when = row.get("published") or published
    if isinstance(when, str):
        try:
            when = parse_published(when)
        except ValueError as exc:
            raise InputError(path, str(exc), line=line, article=article_id) from None
    elif isinstance(when, dt.datetime):
        when = when.date()
    text = row.get("text")
    if not isinstance(text, str):
        raise InputError(path, "empty text", line=line, article=article_id)
    return build_article(id=article_id, text=text, path=path, line=line, outlet=row.get("outlet") or outlet,
                         published=when, title=row.get("title"), url=row.get("url"), language=row.get("language"))

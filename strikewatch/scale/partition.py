"""Inputs cut into partitions that workers read on their own, in the order `read_articles` reads them.

The driver only plans: it looks at file sizes, counts CSV lines and reads Parquet footers. Workers
do the reading, through the ingest stage, so a partition yields the very `Article`s and `Rejected`s
that `read_articles` would for the same stretch of input (same ids, paths, line numbers, messages).

- JSONL: byte ranges. A line belongs to the range it starts in. `dask.bag.read_text` cuts files
  the same way but cannot say which line a record is on, and the line is what a `Rejected` names
  and what an id-less record's id is made of (`articles:412`); so ranges carry their first line
  number, counted by the workers beforehand (`count_newlines`).
- CSV: chunks of rows. A quoted cell may hold newlines, so no byte offset is known to start a row
  without parsing everything before it; each chunk streams the file through the ingest stage and
  keeps its rows. That is quadratic in a file's size, but ingest reads ~35,000 rows/s against
  ~35 articles/s for extraction: it costs under 10% up to ~200,000 rows a file (docs/scale.md).
- Parquet (files, or folders of them): row ranges, read with pyarrow; columns `text` (required),
  `id`, `outlet`, `published`, `title`, `url`, `language`.
- Anything else (.txt/.html, folders of them, missing paths): `read_articles` on a group of paths.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Literal

from ..errors import InputError
from ..ingest import SUFFIXES, CsvColumns, read_articles
from ..ingest.jsonl import _article as jsonl_article  # one JSONL line -> Article; read_jsonl's own body
from ..ingest.parquet import read_parquet
from ..ingest.text import rejected
from ..model import Article, Rejected

Kind = Literal["jsonl", "csv", "parquet", "files", "rejected"]


@dataclass(frozen=True)
class ReadOptions:
    """What `read_articles` takes besides the paths."""

    published: dt.date | None = None
    outlet: str | None = None
    columns: CsvColumns | None = None


@dataclass(frozen=True)
class Partition:
    """One worker's share of the input. `start`/`stop`: bytes (jsonl), items (csv) or rows (parquet)."""

    kind: Kind
    path: str
    start: int = 0
    stop: int | None = None  # exclusive; None: to the end of the file
    first_line: int = 1  # jsonl: the number of the line at or after `start` (see `count_newlines`)
    files: tuple[str, ...] = ()  # kind "files": paths for read_articles
    reason: str = ""  # kind "rejected": why the file cannot be read


def plan(paths: Sequence[str | Path], *, partition_size: int = 1000) -> list[Partition]:
    """Partitions of about `partition_size` articles each, in the order `read_articles` reads."""
    parts: list[Partition] = []
    loose: list[str] = []  # consecutive .txt/.html paths, grouped into "files" partitions

    def flush() -> None:
        for i in range(0, len(loose), partition_size):
            parts.append(Partition("files", loose[i], files=tuple(loose[i:i + partition_size])))
        loose.clear()

    for raw in paths:
        path = Path(raw)
        for item in _expand(path):
            if isinstance(item, Partition):
                flush()
                parts.append(item)
                continue
            suffix = item.suffix.lower()
            if suffix in (".jsonl", ".csv", ".parquet"):
                flush()
                parts.extend(_plan_file(item, suffix, partition_size))
            else:
                loose.append(str(item))
    flush()
    return parts


def _expand(path: Path) -> Iterator[Path | Partition]:
    """The files under `path`, in ingest's folder order; a folder ingest must read whole stays whole."""
    if not path.is_dir():
        yield path
        return
    parquet = sorted(p for p in path.rglob("*.parquet") if not _hidden(p, path))
    if parquet:
        yield from parquet
        return
    found = sorted(Path(root) / name for root, _dirs, names in os.walk(path) for name in names
                   if name.lower().endswith(SUFFIXES) and not name.startswith(".")
                   and not any(part.startswith(".") for part in Path(root).relative_to(path).parts))
    manifests = [p for p in found if p.suffix.lower() == ".jsonl"]
    if manifests and any(p.suffix.lower() not in (".jsonl", ".csv") for p in found):
        # a manifest may name the .txt files beside it, which ingest then skips: read it as ingest does
        yield Partition("files", str(path), files=(str(path),))
        return
    yield from manifests
    yield from (p for p in found if p.suffix.lower() != ".jsonl")


def _hidden(p: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in p.relative_to(root).parts)


def _plan_file(path: Path, suffix: str, size: int) -> list[Partition]:
    name = str(path)
    try:
        if suffix == ".parquet":
            return _plan_parquet(path, size)
        nbytes = path.stat().st_size
    except OSError:  # ingest words the message ("no such file or folder", "cannot read: ...")
        return [Partition("files", name, files=(name,))]
    if suffix == ".csv":
        with path.open("rb") as f:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 24), b""))
        n = max(1, math.ceil(lines / size))  # rows <= lines: surplus chunks are empty, none is missed
        return [Partition("csv", name, k * size, None if k == n - 1 else (k + 1) * size) for k in range(n)]
    with path.open("rb") as f:  # the mean line length of the head sets the byte size of a range
        head = f.read(1 << 20)
    per_line = len(head) / max(1, head.count(b"\n"))
    step = max(1 << 12, int(per_line * size))
    starts = range(0, max(nbytes, 1), step)
    return [Partition("jsonl", name, s, None if s + step >= nbytes else s + step) for s in starts]


def _plan_parquet(path: Path, size: int) -> list[Partition]:
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    try:
        meta = pq.ParquetFile(path)
        names = meta.schema_arrow.names
        rows = meta.metadata.num_rows
    except (OSError, pa.ArrowException) as exc:
        return [Partition("rejected", str(path), reason=f"not a readable Parquet file: {exc}")]
    if "text" not in names:
        return [Partition("rejected", str(path), reason=f"no 'text' column; columns: {', '.join(names)}")]
    return [Partition("parquet", str(path), s, min(s + size, rows)) for s in range(0, rows, size)]


def count_newlines(part: Partition) -> int:
    """Newlines in a JSONL partition's byte range; their running sum numbers the next range's lines."""
    with open(part.path, "rb") as f:
        f.seek(part.start)
        left = None if part.stop is None else part.stop - part.start
        total = 0
        while left is None or left > 0:
            chunk = f.read(1 << 24 if left is None else min(left, 1 << 24))
            if not chunk:
                break
            total += chunk.count(b"\n")
            left = None if left is None else left - len(chunk)
        return total


def number_lines(parts: Sequence[Partition], newlines: dict[int, int]) -> list[Partition]:
    """`parts` with each JSONL range's `first_line` set from the newline counts of the ranges before it."""
    out: list[Partition] = []
    seen = 0
    for i, p in enumerate(parts):
        if p.kind == "jsonl":
            seen = 0 if p.start == 0 else seen
            out.append(replace(p, first_line=seen + 1))
            seen += newlines.get(i, 0)
        else:
            out.append(p)
    return out


def read_partition(part: Partition, options: ReadOptions) -> Iterator[Article | Rejected]:
    """What `read_articles` yields for this stretch of input (but for ids repeated across partitions)."""
    if part.kind == "jsonl":
        yield from _read_jsonl(part, options)
    elif part.kind == "csv":
        items = read_articles([part.path], published=options.published, outlet=options.outlet, columns=options.columns)
        yield from islice(items, part.start, part.stop)
    elif part.kind == "parquet":
        yield from _read_parquet(part, options)
    elif part.kind == "files":
        yield from read_articles(part.files, published=options.published, outlet=options.outlet,
                                 columns=options.columns)
    else:
        yield Rejected(path=part.path, stage="ingest", reason=part.reason)


def _read_jsonl(part: Partition, options: ReadOptions) -> Iterator[Article | Rejected]:
    path = Path(part.path)
    try:
        f = path.open("rb")
    except OSError as exc:
        if part.start == 0:  # one message for the file, from its first range
            yield rejected(InputError(part.path, f"cannot read: {exc.strerror}"))
        return
    with f:
        number = part.first_line
        if part.start > 0:
            f.seek(part.start - 1)
            if f.read(1) != b"\n":  # the line under way began in the range before: it is that range's
                f.readline()
                number += 1
        pos = f.tell()
        while part.stop is None or pos < part.stop:
            raw = f.readline()
            if not raw:
                break
            if raw.strip():
                try:
                    yield jsonl_article(path, number, raw, published=options.published, outlet=options.outlet,
                                        referenced=None)
                except InputError as exc:
                    yield rejected(exc)
            number += 1
            pos += len(raw)


def _read_parquet(part: Partition, options: ReadOptions) -> Iterator[Article | Rejected]:
    yield from read_parquet(part.path, published=options.published, outlet=options.outlet,
                            start=part.start, stop=part.stop)

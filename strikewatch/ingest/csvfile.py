"""CSV corpora: one article a row, read a row at a time.

Columns are found by name (case-insensitive): `id`, `text|content|body`, `outlet|source`,
`published|date`, `title`, `url`, or as a `CsvColumns` maps them. FA-KES is recognised by its header
(`unit_id`, `article_content`, ...): its `date` is the incident's date as crowd workers read it,
not the day the article appeared, so it never becomes `published`; it only lends its year to a
wire dateline printed without one. Each article's `line` is the physical line its row starts on.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..model import Article, Rejected
from .clean import too_big
from .datelines import parse_published
from .text import build_article, decode, line_limit, read_lines, rejected


@dataclass(frozen=True)
class CsvColumns:
    """The names of the columns that hold each field; a field left None is found by its usual names.

    >>> CsvColumns(id="doc_id", text="story", outlet="paper", published="day")
    CsvColumns(id='doc_id', text='story', outlet='paper', published='day', title=None, url=None)
    """

    id: str | None = None
    text: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None


_USUAL = CsvColumns(id="id", text="text|content|body", outlet="outlet|source", published="published|date",
                    title="title|headline", url="url|link")
_FAKES_COLUMNS = CsvColumns(id="unit_id", text="article_content", outlet="source", title="article_title")


def read_csv(
    path: Path, *, published: dt.date | None, outlet: str | None, columns: CsvColumns | None = None
) -> Iterator[Article | Rejected]:
    """Every row of `path` as an article; `published`/`outlet` fill in for rows that give none."""
    # csv refuses a field over 131,072 characters by default: a long report, or a whole page saved
    # in one cell, is still one article. The limit is module-wide; here it is what an article at
    # the size limit may take, so one huge field is never held whole in memory.
    csv.field_size_limit(line_limit())
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield rejected(InputError(str(path), f"cannot read: {exc.strerror}"))
        return
    with handle:
        yield from _rows(path, handle, published=published, outlet=outlet, columns=columns)


def _rows(
    path: Path, handle: BinaryIO, *, published: dt.date | None, outlet: str | None, columns: CsvColumns | None
) -> Iterator[Article | Rejected]:
    where = str(path)
    bad: dict[int, str] = {}
    # strict: a quote left open would otherwise swallow every row after it into one text, unnoticed
    reader = csv.reader(_decoded(handle, where, bad), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise InputError(where, "empty file: no header row")
        if 1 in bad:
            raise InputError(where, f"header: {bad[1]}", line=1)
        header = [name.strip() for name in header]
        index = _columns(where, header, columns)
    except InputError as exc:
        yield rejected(exc)
        return
    end, rows = reader.line_num, 0
    while True:
        start = end + 1
        try:
            row = next(reader, None)
        except csv.Error as exc:  # the quoting is broken: no way to know where the next row starts
            yield rejected(InputError(where, f"malformed CSV: {exc}; the rest of the file is not read", line=start))
            return
        if row is None:
            if not rows:
                yield rejected(InputError(where, "no articles: the file has a header row only"))
            return
        end = reader.line_num
        if not row and not any(n in bad for n in range(start, end + 1)):
            continue
        rows += 1
        try:
            if broken := [(n, bad.pop(n)) for n in range(start, end + 1) if n in bad]:
                (n, reason), *_ = broken
                raise InputError(where, reason + ("" if n == start else f" on line {n}"), line=start)
            yield _article(path, start, row, header, index, published=published, outlet=outlet)
        except InputError as exc:
            yield rejected(exc)


def _decoded(handle: BinaryIO, where: str, bad: dict[int, str]) -> Iterator[str]:
    """The file's lines as text; a line that is not UTF-8 is noted in `bad` so its row is rejected."""
    limit = line_limit()
    for number, raw, size in read_lines(handle, limit):
        if raw is None:  # kept out of memory: its row is set aside, the structure goes on
            bad[number] = f"line of {too_big(size, limit)}"
            yield "\n"
            continue
        try:
            yield decode(raw, where, line=number)
        except InputError as exc:
            bad[number] = exc.reason
            yield raw.decode("utf-8", errors="replace")  # keeps the CSV structure so later rows survive


def _columns(where: str, header: list[str], given: CsvColumns | None) -> dict[str, int]:
    """Field name -> column index; raises InputError when no text column can be found."""
    lower = {name.lower(): i for i, name in reversed(list(enumerate(header)))}  # the first of duplicates
    fakes = {"unit_id", "article_content"} <= set(lower)
    usual = _FAKES_COLUMNS if fakes else _USUAL
    index: dict[str, int] = {}
    for field in fields(CsvColumns):
        name = getattr(given, field.name) if given else None
        if name is not None:
            if name.lower() not in lower:
                raise InputError(where, f"no column {name!r} (CsvColumns.{field.name}); columns: {', '.join(header)}")
            index[field.name] = lower[name.lower()]
            continue
        for candidate in (getattr(usual, field.name) or "").split("|"):
            if candidate and candidate in lower:
                index[field.name] = lower[candidate]
                break
    if "text" not in index:
        raise InputError(where, f"no text column (text, content, body or a CsvColumns mapping); columns: {', '.join(header)}")
    if fakes and "date" in lower:
        index["incident_date"] = lower["date"]
    return index


def _article(
    path: Path, line: int, row: list[str], header: list[str], index: dict[str, int], *,
    published: dt.date | None, outlet: str | None,
) -> Article:
    def cell(field: str) -> str:
        i = index.get(field)
        return row[i].strip() if i is not None and i < len(row) else ""

    where = str(path)
    if any(value.strip() for value in row[len(header):]):  # a stray quote or comma shifted the row
        raise InputError(where, f"{len(row)} fields, but the header has {len(header)}", line=line)
    article_id = cell("id") or None  # none: build_article makes one from the content, never the line
    if cell("published"):
        try:
            published = parse_published(cell("published"))
        except ValueError as exc:
            raise InputError(where, str(exc), line=line, article=article_id) from None
    text = row[index["text"]] if index["text"] < len(row) else ""
    if not text.strip():
        raise InputError(where, f"empty text (column {header[index['text']]!r})", line=line, article=article_id)
    hint = _incident_date(cell("incident_date"))
    return build_article(
        id=article_id, text=text, path=where, line=line, outlet=cell("outlet") or outlet, published=published,
        title=cell("title"), url=cell("url"), year_hint=hint,
    )


def _incident_date(value: str) -> dt.date | None:
    """FA-KES's incident date (M/D/YYYY): only a hint for the year a dateline leaves out."""
    try:
        return dt.datetime.strptime(value, "%m/%d/%Y").date()
    except ValueError:
        return None

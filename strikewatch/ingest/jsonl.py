"""JSONL manifests: one article a line, its text inline (`text`) or in a file beside it (`file`).

    {"id": "seed-000", "file": "000.txt", "outlet": "Gulf News", "published": "2016-03-20"}

Keys: `id`, `text` or `file` (relative to the manifest's folder; `text` wins when both are given),
`outlet`, `published` (a date), `title`, `url`, `language`. Other keys (`note`, ...) are ignored.
The file is read a line at a time, as bytes, so one badly encoded or malformed line is set aside
with its line number and the lines after it still come through.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article, Rejected
from .clean import too_big
from .datelines import parse_published
from .html import read_html
from .text import build_article, decode, line_limit, read_bytes, read_lines, rejected, resolved

_STRINGS = ("id", "text", "file", "outlet", "published", "title", "url", "language")


def read_jsonl(
    path: Path,
    *,
    published: dt.date | None,
    outlet: str | None,
    referenced: set[Path] | None = None,
) -> Iterator[Article | Rejected]:
    """Every article `path` lists; `published`/`outlet` fill in for lines that give none.

    The files the manifest names are added to `referenced`, so a folder walk does not read them twice.
    """
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield rejected(InputError(str(path), f"cannot read: {exc.strerror}"))
        return
    limit, found = line_limit(), False
    with handle:
        for number, raw, size in read_lines(handle, limit):
            if raw is None:
                yield rejected(InputError(str(path), f"line of {too_big(size, limit)}", line=number))
                found = True
                continue
            if not raw.strip():
                continue
            found = True
            try:
                yield _article(path, number, raw, published=published, outlet=outlet, referenced=referenced)
            except InputError as exc:
                yield rejected(exc)
    if not found:
        yield rejected(InputError(str(path), "no articles: the file is empty"))


def _article(
    path: Path, number: int, raw: bytes, *, published: dt.date | None, outlet: str | None,
    referenced: set[Path] | None,
) -> Article:
    where = str(path)
    try:
        record: Any = json.loads(decode(raw, where, line=number))
    except json.JSONDecodeError as exc:
        raise InputError(where, f"invalid JSON: {exc.msg} (column {exc.colno})", line=number) from None
    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object, got {type(record).__name__}", line=number)
    for key in _STRINGS:
        value = record.get(key)
        # an integer id is common enough (exports from a database) to take as it is
        if value is not None and not isinstance(value, str) and not (key == "id" and isinstance(value, int)):
            raise InputError(where, f"{key!r} must be a string, got {type(value).__name__}", line=number)
    # no id: build_article makes one from the content, never from the line number
    article_id = str(record["id"]) if record.get("id") not in (None, "") else None
    if record.get("published"):
        try:
            published = parse_published(record["published"])
        except ValueError as exc:
            raise InputError(where, str(exc), line=number, article=article_id) from None
    outlet = record.get("outlet") or outlet
    text: str | None = record.get("text")
    name: str | None = record.get("file")
    if not text and name:
        target = path.parent / name
        if referenced is not None:
            referenced.add(resolved(target))
        try:
            if target.suffix.lower() in (".html", ".htm"):
                page = read_html(target, published=published, outlet=outlet, id=article_id)
                return page.model_copy(update={"path": where, "line": number, **_given(record)})
            text = decode(read_bytes(target), str(target))
        except InputError as exc:  # filed under this line of the manifest, naming the file at fault
            raise InputError(where, f"{name}: {exc.reason}", line=number, article=article_id) from None
    if text is None:
        raise InputError(where, "neither 'text' nor 'file' given", line=number, article=article_id)
    return build_article(
        id=article_id, text=text, path=where, line=number, outlet=outlet, published=published,
        title=record.get("title"), url=record.get("url"), language=record.get("language"),
    )


def _given(record: dict[str, Any]) -> dict[str, Any]:
    """What the manifest line says about a page, over what the page's own metadata says."""
    return {key: record[key] for key in ("title", "url", "language") if record.get(key)}

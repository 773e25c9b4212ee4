"""Ingest: files and folders in, a stream of `Article` (and `Rejected` for what cannot be used) out.

This is the only stage that reads files. One module a format: `text.py` (.txt, and the decoding
and `Article` building every format shares), `html.py`, `jsonl.py`, `csvfile.py`, `parquet.py`; `datelines.py`
pins a publication date from the text when no metadata gives it. JSONL and CSV are streamed a
line/row at a time, so a corpus is never held in memory whole.

Every problem becomes a `Rejected` (stage "ingest") naming the file, the line where there is one
and the reason, and the stream goes on: a missing or unreadable file, text that is not UTF-8
(rejected, never decoded on a guess: see `text.py`), an empty text, a malformed JSONL line, a bad
date, a CSV without a text column, a repeated article id.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article, Rejected
from .csvfile import CsvColumns, read_csv
from .datelines import find_dateline, parse_published
from .html import read_html
from .jsonl import read_jsonl
from .parquet import read_parquet
from .text import read_txt, rejected, resolved

__all__ = ["CsvColumns", "find_dateline", "parse_published", "read_articles"]

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".csv", ".parquet")


def read_articles(
    paths: Iterable[str | Path],
    *,
    published: dt.date | None = None,
    outlet: str | None = None,
    columns: CsvColumns | None = None,
) -> Iterator[Article | Rejected]:
    """Stream the articles in `paths` (files or folders), in order, with a `Rejected` for each bad input.

    **Parameters**
    - `paths`: `.txt`, `.html`/`.htm`, `.jsonl`, `.csv` or `.parquet` files, or folders searched recursively
      for them (sorted by path; files a JSONL manifest in the folder names are read through it only).
    - `published`, `outlet`: those of a `.txt` or `.html` file (over what a page's markup says);
      for JSONL and CSV, only of the lines and rows that give none.
    - `columns`: the CSV column names, where they are not the usual ones.

    An article whose id was already seen in this batch is rejected, naming where the first one was.

    >>> from strikewatch.model import Rejected
    >>> [str(a) for a in read_articles(["no/such.txt"]) if isinstance(a, Rejected)]
    ['no/such.txt: no such file or folder']
    """
    seen: dict[str, str] = {}
    for path in paths:
        for item in _read_path(Path(path), published=published, outlet=outlet, columns=columns):
            if isinstance(item, Article):
                if item.id in seen:
                    reason = f"duplicate article id {item.id} (first at {seen[item.id]})"
                    item = Rejected(path=item.path or str(path), line=item.line, article=item.id,
                                    stage="ingest", reason=reason)
                else:
                    seen[item.id] = _where(item)
            yield item


def _read_path(
    path: Path, *, published: dt.date | None, outlet: str | None, columns: CsvColumns | None
) -> Iterator[Article | Rejected]:
    try:
        path.stat()
    except OSError as exc:  # missing, a dangling or looping link, a name too long, no permission
        yield rejected(InputError(str(path), _why(exc, "no such file or folder")))
        return
    if path.is_dir():
        yield from _read_folder(path, published=published, outlet=outlet, columns=columns)
    else:
        yield from _read_file(path, published=published, outlet=outlet, columns=columns, referenced=None)


def _read_folder(
    folder: Path, *, published: dt.date | None, outlet: str | None, columns: CsvColumns | None
) -> Iterator[Article | Rejected]:
    """Every article file under `folder`; manifests first, so the files they name are not read twice.

    A folder like the seed corpus holds `articles.jsonl` beside the `.txt` files it lists: reading
    both would count each story twice under two ids, once with its metadata and once without.
    What cannot be walked (a symlink loop, a folder without permission, a path over the system's
    length limit) is reported where it is, and the walk goes on.
    """
    found: list[Path] = []
    problems: list[Rejected] = []
    for item in _walk(folder):
        if isinstance(item, Path):
            found.append(item)
        else:
            problems.append(item)
    found.sort()
    yield from problems
    referenced: set[Path] = set()
    manifests = [p for p in found if p.suffix.lower() == ".jsonl"]
    for path in manifests:
        yield from _read_file(path, published=published, outlet=outlet, columns=columns, referenced=referenced)
    for path in found:
        if path.suffix.lower() != ".jsonl" and resolved(path) not in referenced:
            yield from _read_file(path, published=published, outlet=outlet, columns=columns, referenced=None)


def _walk(folder: Path) -> Iterator[Path | Rejected]:
    """The article files under `folder` (hidden names skipped), following links to folders once
    each; a `Rejected` for each entry that cannot be read. A loop, not recursion: a tree may be
    nested deeper than Python's recursion limit."""
    stack, seen = [folder], set()
    while stack:
        here = stack.pop()
        try:
            info = here.stat()
            if (info.st_dev, info.st_ino) in seen:
                yield rejected(InputError(str(here), "symlink loop: a link back to a folder already read"))
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(here) as entries:
                listed = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            yield rejected(InputError(str(here), _why(exc, "cannot read folder")))
            continue
        for entry in listed:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()  # follows a link; a looping or dangling link is neither
                if not is_dir and entry.is_symlink():
                    os.stat(path)  # raises: the link goes nowhere, or round in a loop
            except OSError as exc:
                yield rejected(InputError(str(path), _why(exc, "cannot read")))
                continue
            if is_dir:
                stack.append(path)
            elif entry.name.lower().endswith(SUFFIXES):
                yield path


def _why(exc: OSError, default: str) -> str:
    """One plain reason for an OSError met while walking or opening."""
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if exc.errno == errno.ENAMETOOLONG:
        return f"path too long for the system ({len(os.fsencode(str(exc.filename or '')))} bytes)"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENOENT:
        return default if default != "cannot read" else "broken link: its target does not exist"
    return f"{default}: {exc.strerror or exc}"


def _read_file(
    path: Path, *, published: dt.date | None, outlet: str | None, columns: CsvColumns | None,
    referenced: set[Path] | None,
) -> Iterator[Article | Rejected]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from read_jsonl(path, published=published, outlet=outlet, referenced=referenced)
    elif suffix == ".csv":
        yield from read_csv(path, published=published, outlet=outlet, columns=columns)
    elif suffix == ".parquet":
        yield from read_parquet(path, published=published, outlet=outlet)
    elif suffix in (".txt", ".html", ".htm"):
        read = read_txt if suffix == ".txt" else read_html
        try:
            yield read(path, published=published, outlet=outlet)
        except InputError as exc:
            yield rejected(exc)
    else:
        expected = ", ".join(SUFFIXES)
        yield rejected(InputError(str(path), f"unsupported file type {suffix or '(none)'!r} (expected {expected})"))


def _where(article: Article) -> str:
    return f"{article.path}:{article.line}" if article.line is not None else str(article.path)

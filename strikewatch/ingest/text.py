"""Plain-text articles, and what every format shares: decoding bytes and building an `Article`.

Encoding: text must be UTF-8 (a byte-order mark is allowed). Anything else is rejected with the
offending byte and its offset, never decoded as cp1252 or latin-1 on a guess: a wrong guess turns
place and people names into mojibake that nobody sees, and `Article` has no field to carry a
warning. Re-encode such a file (`iconv -f cp1252 -t utf-8`) and read it again. HTML is the one
exception, and not a guess: a page may declare its charset, and `html.py` honours the declaration.
"""

from __future__ import annotations

import datetime as dt
import errno
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..model import Article, Rejected
from .clean import ID_CHARS, clean_field, clean_text, content_id, detect_language, max_file_bytes, too_big
from .datelines import find_dateline


def decode(data: bytes, path: str, *, line: int | None = None, encoding: str = "utf-8") -> str:
    """`data` as text; raises InputError naming the first byte that is not `encoding`."""
    try:
        return data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except UnicodeDecodeError as exc:
        name = "UTF-8" if encoding == "utf-8" else encoding
        reason = f"not {name} text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        raise InputError(path, reason, line=line) from None


def read_bytes(path: Path, *, html: bool = False) -> bytes:
    """The file's bytes; raises InputError when it is missing, unreadable, or too big to hold an
    article under the size limit (measured first: a huge file is never read)."""
    try:
        size, limit = path.stat().st_size, max_file_bytes(html=html)
        if size > limit:
            raise InputError(str(path), too_big(size, limit))
        with path.open("rb") as handle:
            return handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError(str(path), "file not found") from None
    except OSError as exc:
        why = "symlink loop" if exc.errno == errno.ELOOP else f"cannot read: {exc.strerror}"
        raise InputError(str(path), why) from None


def build_article(
    *,
    id: str | None,
    text: str,
    path: str,
    line: int | None = None,
    outlet: str | None = None,
    published: dt.date | None = None,
    title: str | None = None,
    url: str | None = None,
    language: str | None = None,
    year_hint: dt.date | None = None,
) -> Article:
    """An Article, cleaned (`clean.py`), its publication date pinned from metadata or else from
    the dateline, its language detected unless given; `id` None: one from its content.

    Raises InputError when the text is empty, mostly control characters or over the size limit.
    `year_hint` only gives a year to a dateline printed without one (`BEIRUT, March 19 (Reuters) -`);
    it is never used as the publication date itself.
    """
    # one newline convention for every source (in clean), so offsets and line-anchored patterns agree
    given_id = clean_field(id)
    text = clean_text(text, where=path, line=line, article=given_id)
    title, url, outlet = clean_field(title), clean_field(url), clean_field(outlet)
    id = given_id or content_id(text, url=url, title=title, outlet=outlet,
                                published=published.isoformat() if published else None)
    if len(id) > ID_CHARS:
        raise InputError(path, f"article id is {len(id):,} characters, over {ID_CHARS}", line=line, article=id[:80])
    language = (clean_field(language) or "").lower() or detect_language(text)
    basis: str | None = "metadata" if published else None
    if published is None:
        found = find_dateline(text, title=title, fallback=year_hint)
        if found is not None:
            published, basis = found[0], "dateline"
    return Article(
        id=id, text=text, outlet=outlet or None, published=published, published_basis=basis,
        title=title, url=url, path=path, line=line, language=language,
    )


def read_lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(number, bytes, size) of each line of `handle`, numbered from 1; bytes None for a line over
    `limit` bytes, which is skipped a chunk at a time, never held whole."""
    number = 0
    while True:
        raw = handle.readline(limit + 1)
        if not raw:
            return
        number += 1
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield number, raw, len(raw)
            continue
        size = len(raw)
        while raw and not raw.endswith(b"\n"):
            raw = handle.readline(1 << 20)
            size += len(raw)
        yield number, None, size


def line_limit() -> int:
    """The longest line of a JSONL or CSV file read: an article at the size limit, and its metadata."""
    return max_file_bytes() + (1 << 16)


def resolved(path: Path) -> Path:
    """`path` with its links followed; as it is when they loop (it cannot then be a file to read)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError on a loop
        return path


def rejected(exc: InputError) -> Rejected:
    return Rejected(path=exc.path, line=exc.line, article=exc.article, stage="ingest", reason=exc.reason)


def read_txt(path: Path, *, published: dt.date | None, outlet: str | None) -> Article:
    """One article from a .txt file: the id is the file stem. Raises InputError."""
    text = decode(read_bytes(path), str(path))
    return build_article(id=path.stem, text=text, path=str(path), outlet=outlet, published=published)

"""Plain-text articles, and what every format shares: decoding bytes and building an `Article`.

Encoding: text must be UTF-8 (a byte-order mark is allowed). Anything else is rejected with the
offending byte and its offset, never decoded as cp1252 or latin-1 on a guess: a wrong guess turns
place and people names into mojibake that nobody sees, and `Article` has no field to carry a
warning. Re-encode such a file (`iconv -f cp1252 -t utf-8`) and read it again. HTML is the one
exception, and not a guess: a page may declare its charset, and `html.py` honours the declaration.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import InputError
from ..model import Article, Rejected
from .datelines import find_dateline


def decode(data: bytes, path: str, *, line: int | None = None, encoding: str = "utf-8") -> str:
    """`data` as text; raises InputError naming the first byte that is not `encoding`."""
    try:
        return data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except UnicodeDecodeError as exc:
        name = "UTF-8" if encoding == "utf-8" else encoding
        reason = f"not {name} text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        raise InputError(path, reason, line=line) from None


def read_bytes(path: Path) -> bytes:
    """The file's bytes; raises InputError when it is missing or unreadable."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "file not found") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from None


def build_article(
    *,
    id: str,
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
    """An Article, its publication date pinned from metadata or else from the dateline.

    Raises InputError when the text is empty. `year_hint` only gives a year to a dateline printed
    without one (`BEIRUT, March 19 (Reuters) -`); it is never used as the publication date itself.
    """
    if not text.strip():
        raise InputError(path, "empty text", line=line, article=id)
    # one newline convention for every source, so offsets and line-anchored patterns agree downstream
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    basis: str | None = "metadata" if published else None
    if published is None:
        found = find_dateline(text, title=title, fallback=year_hint)
        if found is not None:
            published, basis = found[0], "dateline"
    return Article(
        id=id, text=text, outlet=outlet or None, published=published, published_basis=basis,
        title=title or None, url=url or None, path=path, line=line, language=language or "en",
    )


def rejected(exc: InputError) -> Rejected:
    return Rejected(path=exc.path, line=exc.line, article=exc.article, stage="ingest", reason=exc.reason)


def read_txt(path: Path, *, published: dt.date | None, outlet: str | None) -> Article:
    """One article from a .txt file: the id is the file stem. Raises InputError."""
    text = decode(read_bytes(path), str(path))
    return build_article(id=path.stem, text=text, path=str(path), outlet=outlet, published=published)

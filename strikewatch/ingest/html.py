"""Saved web pages: the article's text without the menus, teasers and footers around it.

trafilatura finds the main text (`favor_precision`: a missing paragraph costs less than a "most
read" teaser whose casualty figure would be read as part of the story). Its metadata gives the
headline, the canonical URL, the site name and the publication date; the date is read from the
page's markup only (`extensive_search` off), so a date in the body is never taken as the day the
page was published: the dateline fallback in `build_article` applies its own stricter rules.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import trafilatura
from trafilatura.settings import Document

from ..errors import InputError
from ..model import Article
from .datelines import parse_published
from .text import build_article, decode, read_bytes

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def read_html(path: Path, *, published: dt.date | None, outlet: str | None, id: str | None = None) -> Article:
    """One article from an .html/.htm file; the id is the file stem unless given. Raises InputError."""
    where = str(path)
    html = _decode_html(read_bytes(path, html=True), where)
    doc = trafilatura.bare_extraction(
        html, favor_precision=True, include_comments=False, with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    article_id = id or path.stem
    text = doc.text if isinstance(doc, Document) else None
    if not isinstance(doc, Document) or not text or not text.strip():
        raise InputError(where, "no article text found", article=article_id)
    if published is None and doc.date:
        try:
            published = parse_published(doc.date)
        except ValueError:
            pass  # a malformed meta tag is no reason to lose the article: the dateline may still give it
    return build_article(
        id=article_id, text=text, path=where, outlet=outlet or doc.sitename,
        published=published, title=doc.title, url=doc.url,
    )


def _decode_html(data: bytes, path: str) -> str:
    """UTF-8, or the charset the page itself declares in its first 2 KB; anything else is rejected."""
    try:
        return decode(data, path)
    except InputError:
        declared = _CHARSET.search(data[:2048])
        if declared is None or declared.group(1).lower() in (b"utf-8", b"utf8"):
            raise
        charset = declared.group(1).decode("ascii")
        try:
            return decode(data, path, encoding=charset)
        except LookupError:
            raise InputError(path, f"unknown charset {charset!r} declared in the page") from None

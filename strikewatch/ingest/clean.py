"""What every article goes through once, whatever it came from: clean text, limits, identity, language.

- **Control characters.** NUL and the other C0 controls (but tab and newline), DEL, the C1 controls
  and lone surrogates are removed from the text and the metadata; the text is Unicode-normalised
  (NFC), so "é" typed two ways is one spelling for the gazetteer, the hash and the database.
  PostgreSQL refuses NUL in text and SQLite would store it: cleaning here makes both store the same.
  A text that is mostly control characters (a binary file named .txt) is set aside, not cleaned
  into a handful of stray letters.
- **Size.** A text longer than `Limits.max_article_chars` is set aside with the limit it broke
  (never truncated: a cut article could lose the sentence that carries its figures). Files are
  measured before they are read (`max_file_bytes`), so a 30 MB `.txt` is never loaded.
- **Identity.** A row without an id gets one from its content (`content_id`): from the URL and
  title when it has a URL, else from the text. Never from a line number: adding a line at the top
  of a file must not turn every story below it into a "revision" of another.
- **Language.** `detect_language` (py3langid) names the language when the source does not; the
  extractor reads English only, and an article in another language is flagged at extraction
  (`strikewatch.guard`), never silently read as yielding nothing.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..errors import InputError
from ..limits import Limits
from ..model import Article

# C0 controls but \t and \n (\r is turned into \n before), DEL, C1 controls, lone surrogates
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
ID_CHARS = 300  # the articles.id column
# A UTF-8 character is at most 4 bytes: a file bigger than 4 bytes a character cannot hold an
# article under the limit. A web page also carries its markup: allow it ten bytes a character.
_BYTES_PER_CHAR = 4
_HTML_BYTES_PER_CHAR = 10


def clean(value: str) -> tuple[str, int]:
    """`value` without control characters, NFC-normalised, and how many characters were removed.

    >>> clean("Douma\\x00 shelled\\r\\n\\tagain")
    ('Douma shelled\\n\\tagain', 1)
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    cleaned, removed = _CONTROL.subn("", value)
    return unicodedata.normalize("NFC", cleaned), removed


def clean_field(value: str | None) -> str | None:
    """A metadata field (title, outlet, URL, id) cleaned, trimmed; None when nothing is left."""
    if value is None:
        return None
    text = clean(value)[0].strip()
    return text or None


def safe(value: str) -> str:
    """A message or path fit for any database: controls (but tab, newline) removed, an undecodable
    byte of a file name (a lone surrogate) shown as U+FFFD."""
    value = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _CONTROL.sub("", value)


def clean_article(article: Article) -> Article:
    """`article` as `build_article` would have cleaned it; itself when already clean. For the
    articles that reach the store without a reader (the web app, library callers). Raises InputError."""
    where = safe(article.path or article.id)
    text = clean_text(article.text, where=where, line=article.line, article=safe(article.id))
    fields = {"id": clean_field(article.id), "title": clean_field(article.title), "url": clean_field(article.url),
              "outlet": clean_field(article.outlet), "path": safe(article.path) if article.path else None}
    if not fields["id"]:
        raise InputError(where, "empty article id", line=article.line)
    if len(fields["id"] or "") > ID_CHARS:
        raise InputError(where, f"article id is {len(fields['id'] or ''):,} characters, over {ID_CHARS}",
                         line=article.line, article=(fields["id"] or "")[:80])
    changed = {k: v for k, v in fields.items() if v != getattr(article, k)}
    if text != article.text:
        changed["text"] = text
    return article.model_copy(update=changed) if changed else article


def clean_text(text: str, *, where: str, line: int | None, article: str | None,
               limits: Limits | None = None) -> str:
    """The article text cleaned; raises InputError when it is empty, mostly control characters
    or over the size limit."""
    limits = limits or Limits.from_env()
    cleaned, removed = clean(text)
    if not cleaned.strip():
        reason = f"no text but control characters ({removed:,} removed)" if removed else "empty text"
        raise InputError(where, reason, line=line, article=article)
    if removed > len(cleaned):
        raise InputError(where, f"mostly control characters ({removed:,} of {len(text):,}): not a text file?",
                         line=line, article=article)
    if len(cleaned) > limits.max_article_chars:
        raise InputError(where, f"text is {len(cleaned):,} characters, over the limit of "
                         f"{limits.max_article_chars:,} (STRIKEWATCH_MAX_ARTICLE_CHARS)", line=line, article=article)
    return cleaned


def max_file_bytes(limits: Limits | None = None, *, html: bool = False) -> int:
    """The biggest file that can hold an article under the size limit."""
    limits = limits or Limits.from_env()
    return limits.max_article_chars * (_HTML_BYTES_PER_CHAR if html else _BYTES_PER_CHAR)


def too_big(size: int, limit: int) -> str:
    """The reason a file or line of `size` bytes is set aside unread."""
    return (f"{_mb(size)}, over the {_mb(limit)} an article under the limit can take "
            f"(STRIKEWATCH_MAX_ARTICLE_CHARS); not read")


def _mb(size: int) -> str:
    return f"{size / 1e6:,.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def content_id(text: str, *, url: str | None = None, title: str | None = None, outlet: str | None = None,
               published: str | None = None) -> str:
    """An id from what the article is: its URL and title, else its text (whitespace folded) with
    its title, outlet and date (one wire story printed by two outlets is two articles).

    >>> content_id("Shelling  hit\\nDouma.") == content_id("Shelling hit Douma.")
    True
    >>> content_id("a", url="https://x.org/1").startswith("url-")
    True
    """
    if url:
        return "url-" + _digest(f"{url.strip()}\n{(title or '').strip()}")
    return "txt-" + _digest("\n".join([" ".join(text.split()), title or "", outlet or "", published or ""]))


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# ---- language ------------------------------------------------------------------------------------
READ_LANGUAGES = frozenset({"en"})  # what the extractor reads
_SAMPLE = 1500  # characters looked at: enough for a sure answer, cheap on a long text
# English function words: plain ASCII text thick with them is English, without asking py3langid
# (which costs about a millisecond an article: as much as the rest of reading it)
_FUNCTION_WORDS = frozenset("the of and in to a was were is are has have had by on at for with from that "
                            "said after as an it its this".split())
_SURE = 0.95  # a Latin-script text is taken for another language only when py3langid is this sure
_LETTERS = 40  # ... and it has this many letters: a headline is too short to tell
# English-lexified creoles the identifier confuses with terse English ("jets bomb convoy, fifteen dead")
_ENGLISH = {"en", "pcm", "zxx"}  # zxx: no language content (digits, symbols)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language; "en" when unsure.

    py3langid is unsure on the short, name- and number-heavy lines of conflict reporting ("Jets: 30
    killed in Douma"), often naming a neighbour of English. So a text in Latin script is taken for
    another language only when the identifier is sure of it; a text mostly in another script
    (Arabic, Cyrillic, ...) is another language whatever the score.

    >>> detect_language("Five civilians were killed when shells hit a market in Douma on Tuesday.")
    'en'
    >>> detect_language("قتل خمسة مدنيين في قصف على سوق في مدينة دوما يوم الثلاثاء")
    'ar'
    """
    sample = text[:_SAMPLE]
    if sample.isascii():
        words = sample.lower().split()
        if sum(w in _FUNCTION_WORDS for w in words) * 8 >= len(words):  # one word in eight, or more
            return "en"
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < 3:
        return "en"
    lang, score = _identifier().classify(sample)
    if lang in _ENGLISH:
        return "en"
    latin = sum(1 for c in letters if c < "\u0250") / len(letters)
    if latin < 0.5 or (score >= _SURE and len(letters) >= _LETTERS):
        return str(lang)
    return "en"


_IDENTIFIER = None


def _identifier():  # type: ignore[no-untyped-def]
    global _IDENTIFIER
    if _IDENTIFIER is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

        _IDENTIFIER = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _IDENTIFIER

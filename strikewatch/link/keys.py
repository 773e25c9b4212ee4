"""Named people and street addresses in an article, kept as evidence spans for linking follow-ups.

A follow-up story ("police named the shooter", "the second victim died on Tuesday") carries another
date and often another toll; what ties it to the first story is who and where: the victim's or the
suspect's full name, the street. `annotate` finds them cheaply in the article text once, right
after extraction, and files them in each report's evidence as spans with field "name" or
"address", so they are stored with the report, shown as proof, and read by linking
(`features.py`) the same way in `analyze`, in `run` and on a Dask cluster.

A name is two or three capitalised words whose last word comes back alone elsewhere in the text
(news writes "John Smith" once, then "Smith"), none of them a word that makes an institution, a
place or a title (`data/link/not-names.csv`). An address is a street name with its kind ("Capitol
Street", "Elm Ave."), keyed without house number or block.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from importlib import resources

from ..errors import DataFileError
from ..model import Article, Report, Span

MAX_KEYS = 8  # per kind and report: the first ones; a long article's tail names bystanders
_CAP = r"[A-Z][a-z]+(?:['-][A-Z]?[a-z]+)?"
_NAME = re.compile(rf"\b({_CAP})(?: [A-Z]\.)?(?: ({_CAP}))?(?: ({_CAP}))\b")
_KINDS = {"street": "street", "st": "street", "avenue": "avenue", "ave": "avenue", "road": "road", "rd": "road",
          "drive": "drive", "dr": "drive", "boulevard": "boulevard", "blvd": "boulevard", "lane": "lane",
          "ln": "lane", "parkway": "parkway", "pkwy": "parkway", "highway": "highway", "hwy": "highway",
          "court": "court", "ct": "court", "place": "place", "way": "way", "circle": "circle", "terrace": "terrace",
          "pike": "pike", "trail": "trail"}
_STREET = re.compile(r"\b((?:[NSEW]\. |North |South |East |West )?(?:[A-Z][a-z]+|\d+(?:st|nd|rd|th))"
                     r"(?: [A-Z][a-z]+)?) (" + "|".join(sorted((k.capitalize() for k in _KINDS), key=len, reverse=True))
                     + r")\b\.?")


@functools.cache
def not_names() -> frozenset[str]:
    """The words of data/link/not-names.csv, validated: header word,why; one lower-case word a line."""
    path = "strikewatch/data/link/not-names.csv"
    text = resources.files("strikewatch.data").joinpath("link", "not-names.csv").read_text(encoding="utf-8")
    lines = [(n, ln) for n, ln in enumerate(text.splitlines(), 1) if ln.strip() and not ln.startswith("#")]
    problems: list[str] = []
    if not lines or lines[0][1].strip() != "word,why":
        problems.append("the header must be word,why")
    words: set[str] = set()
    for n, line in lines[1:]:
        parts = line.split(",")
        word = parts[0].strip()
        if len(parts) != 2 or not word or word != word.lower() or " " in word:
            problems.append(f"line {n}: want one lower-case word and why, got {line!r}")
        elif word in words:
            problems.append(f"line {n}: {word!r} twice")
        words.add(word)
    if problems:
        raise DataFileError(path, problems)
    return frozenset(words)


def names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of each person's full name, first mention only; key is "first last"."""
    stop = not_names()
    found: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for m in _NAME.finditer(text):
        words = [w for w in m.groups() if w]
        if any(w.lower() in stop for w in words):
            continue
        key = f"{words[0]} {words[-1]}".lower()
        if key in seen:
            continue
        last = words[-1]
        # the surname alone elsewhere: what makes a capitalised pair a person in news copy
        if sum(1 for _ in re.finditer(rf"\b{re.escape(last)}\b", text)) < 2:
            continue
        seen.add(key)
        found.append((m.start(), m.end(), key))
    return found


def streets(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of each street named, first mention only; key is "name kind"."""
    stop = not_names()
    found: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for m in _STREET.finditer(text):
        name = m.group(1)
        if name.split()[-1].lower() in stop and not name[0].isdigit():
            continue
        key = f"{name.lower()} {_KINDS[m.group(2).lower()]}"
        if key not in seen:
            seen.add(key)
            found.append((m.start(), m.end(), key))
    return found


def annotate(article: Article, reports: Sequence[Report]) -> list[Report]:
    """The reports with the article's names and addresses added to their evidence (in place).

    With one incident report the article's keys are all its own. With several, each key goes to
    the report whose own evidence lies nearest to the key's first mention; tallies get none.
    A report that already has such spans is left as it is.
    """
    told = [r for r in reports if r.kind == "incident" and not any(s.field in ("name", "address") for s in r.evidence)]
    if not told:
        return list(reports)
    places = {p.lower() for r in told for p in (r.location.name, r.location.mention) if p}
    spans = [("name", s, e, k) for s, e, k in names(article.text) if k not in places]
    spans += [("address", s, e, k) for s, e, k in streets(article.text)]
    given: dict[str, dict[str, int]] = {r.id: {} for r in told}
    for field, start, end, _key in sorted(spans, key=lambda x: x[1]):
        r = told[0] if len(told) == 1 else min(told, key=lambda r: (_distance(r, start), r.id))
        count = given[r.id]
        if count.get(field, 0) < MAX_KEYS:
            count[field] = count.get(field, 0) + 1
            r.evidence.append(Span(start=start, end=end, text=article.text[start:end], field=field))
    return list(reports)


def _distance(r: Report, at: int) -> int:
    offsets = [s.start for s in r.evidence] + [s.start for c in r.claims for s in c.evidence]
    return min((abs(o - at) for o in offsets), default=1 << 30)


def key_of(span: Span) -> str:
    """The key of a name or address span, as `names` and `streets` give it."""
    if span.field == "address":
        m = _STREET.search(span.text)
        if m:
            return f"{m.group(1).lower()} {_KINDS[m.group(2).lower()]}"
    words = [w for w in re.split(r"[ ]+", span.text) if w and not re.fullmatch(r"[A-Z]\.", w)]
    return f"{words[0]} {words[-1]}".lower() if words else ""

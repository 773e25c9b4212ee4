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
Street", "Elm Ave."), keyed without house number or block. An age is what local news gives of each
person it tells of ("a 17-year-old", "Smith, 34,", "aged 61"): field "age", keyed by the number;
two stories of one town and week giving the same ages tell of the same people.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from importlib import resources

from ..datafile import csv_rows
from ..errors import DataFileError
from ..model import Article, Report, Span

KEY_FIELDS = ("name", "address", "age")
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
    rows, problems = csv_rows(text, ["word", "why"])
    words: set[str] = set()
    for n, row in rows:
        word = row["word"]
        if not word or word != word.lower() or " " in word:
            problems.append(f"line {n}: want one lower-case word, got {word!r}")
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
        words = _bare([w for w in m.groups() if w])
        # each part of a compound counts: "Sun-Times", "Post-Gazette" are papers, not surnames
        if any(part in stop for w in words for part in w.lower().split("-")):
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


# "E. 44th Street", "East 44th Street" and "44th Street" are one street in one town's news
_DIRECTION = re.compile(r"^(?:the |[nsew]\. |north |south |east |west )", re.IGNORECASE)


# one street, two spellings: "Third Street" in one paper is "3rd Street" in the next
_ORDINALS = {w: f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"
             for n, w in enumerate(("first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
                                    "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
                                    "nineteenth twentieth").split(), 1)}


def _street_key(name: str, kind: str) -> str:
    """A street's key: its name without a direction or "the", an ordinal in figures, and its kind
    spelt out."""
    words = _DIRECTION.sub("", name).lower().split()
    return " ".join([_ORDINALS.get(w, w) for w in words] + [_KINDS[kind.lower()]])


def streets(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of each street named, first mention only; key is "name kind"."""
    stop = not_names()
    found: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for m in _STREET.finditer(text):
        name = m.group(1)
        if name.split()[-1].lower() in stop and not name[0].isdigit():
            continue
        key = _street_key(name, m.group(2))
        if key not in seen:
            seen.add(key)
            found.append((m.start(), m.end(), key))
    return found


# "a 17-year-old", "17 years old", "aged 17", "age 17", and a name's apposition "Smith, 34," (a
# capitalised word, the number, a comma): the ways news copy gives a person's age
_AGE = re.compile(r"\b(\d{1,3})[- ]years?[- ]old\b|\baged? (\d{1,3})\b|(?<=[a-z]), (\d{1,3}),(?= )")
MAX_AGE = 110


def ages(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of each age given, first mention of each number only; key is the number."""
    found: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for m in _AGE.finditer(text):
        number = next(g for g in m.groups() if g)
        if m.group(3) and not re.search(r"[A-Z][a-z]+$", text[max(0, m.start() - 30):m.start()]):
            continue  # "in 2015, 14, ..." or a list of figures: only a name's apposition
        if int(number) > MAX_AGE or number in seen:
            continue
        seen.add(number)
        found.append((m.start(), m.end(), number))
    return found


def annotate(article: Article, reports: Sequence[Report]) -> list[Report]:
    """The reports with the article's names and addresses added to their evidence (in place).

    With one incident report the article's keys are all its own. With several, each key goes to
    the report whose own evidence lies nearest to the key's first mention; tallies get none.
    A report that already has such spans is left as it is.
    """
    told = [r for r in reports if r.kind == "incident" and not any(s.field in KEY_FIELDS for s in r.evidence)]
    if not told:
        return list(reports)
    places = {p.lower() for r in told for p in (r.location.name, r.location.mention) if p}
    spans = [("name", s, e, k) for s, e, k in names(article.text) if k not in places]
    spans += [("address", s, e, k) for s, e, k in streets(article.text)]
    spans += [("age", s, e, k) for s, e, k in ages(article.text)]
    given: dict[str, dict[str, int]] = {r.id: {} for r in told}
    for field, start, end, _key in sorted(spans, key=lambda x: x[1]):
        r = told[0] if len(told) == 1 else min(told, key=lambda r: (_distance(r, start), r.id))
        count = given[r.id]
        if count.get(field, 0) < MAX_KEYS:
            count[field] = count.get(field, 0) + 1
            r.evidence.append(Span(start=start, end=end, text=article.text[start:end], field=field))
    _share(told)
    return list(reports)


def _share(told: list[Report]) -> None:
    """The reports that restate one incident (link/fold.py) all get the keys any of them got: the
    nearest report may be the headline's for a name and the body's for the street, yet both are
    that incident's, and a follow-up story naming either should meet it. Done here, per article,
    so that analyze, run and the Dask scoring blocks all see the same keys."""
    from .features import features
    from .fold import folds

    if len(told) < 2:
        return
    for group in folds([features(i, r) for i, r in enumerate(told)]):
        spans = {(s.field, key_of(s)): s for m in group for s in told[m].evidence if s.field in KEY_FIELDS}
        for m in group:
            have = {(s.field, key_of(s)) for s in told[m].evidence if s.field in KEY_FIELDS}
            told[m].evidence.extend(span for key, span in sorted(spans.items(), key=lambda kv: kv[1].start)
                                    if key not in have)


def _distance(r: Report, at: int) -> int:
    offsets = [s.start for s in r.evidence] + [s.start for c in r.claims for s in c.evidence]
    return min((abs(o - at) for o in offsets), default=1 << 30)


def key_of(span: Span) -> str:
    """The key of a name, address or age span, as `names`, `streets` and `ages` give it."""
    if span.field == "age":
        found = re.search(r"\d+", span.text)
        return found.group(0) if found else ""
    if span.field == "address":
        m = _STREET.search(span.text)
        if m:
            return _street_key(m.group(1), m.group(2))
    words = _bare([w for w in re.split(r"[ ]+", span.text) if w and not re.fullmatch(r"[A-Z]\.", w)])
    return f"{words[0]} {words[-1]}".lower() if words else ""


def _bare(words: list[str]) -> list[str]:
    """A name without its generational suffix: "Darnell Okafor Jr" is keyed "darnell okafor"."""
    return words[:-1] if len(words) > 2 and words[-1].rstrip(".") in ("Jr", "Sr") else words

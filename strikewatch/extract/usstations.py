"""US broadcast stations named in a story, by call sign: a faint cue for the state the story is in.

US local news names its station in the copy ("Copyright 2016 WXYZ", "told KDKA", "kmov.com",
"WDBJ7", "WSMV-TV"), often as the only hint of where a story from a neighbourhood or a small town
is. The station's state of licence (`data/us_stations.csv`) is that hint: faint, since a market may
spill over a state line (Memphis stations report Mississippi too).

    >>> stations_named("Anyone with information should call police, KDKA reported.")
    ['US.PA']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources

from ..datafile import csv_rows
from ..errors import DataFileError

PATH = "strikewatch/data/us_stations.csv"
# Where a sign or a brand can begin. Python's re tries every branch of a long alternation at every
# position of the text, which cost several ms an article; trying it only where the first letter
# fits gives the same matches at a tenth of the cost.
_SIGN_START = re.compile(r"(?<![\w.@/-])[KWkw]")


def scan(pattern: re.Pattern[str], starts: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, trying the pattern only where `starts` finds a possible first letter
    (every match of `pattern` must begin at one)."""
    pos = 0
    while (cue := starts.search(text, pos)) is not None:
        m = pattern.match(text, cue.start())
        if m is None:
            pos = cue.start() + 1
        else:
            yield m
            pos = max(m.end(), m.start() + 1)


@dataclass(frozen=True)
class Stations:
    state: dict[str, str]  # call sign -> admin1 code ("KDKA" -> "US.PA")
    pattern: re.Pattern[str]
    city: dict[str, str] = field(default_factory=dict)  # call sign -> town of licence
    wordlike: frozenset[str] = frozenset()  # call signs that are words (WAVE, KING): read only with a marker

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return scan(self.pattern, _SIGN_START, text)


@functools.cache
def stations() -> Stations:
    return parse_stations(resources.files("strikewatch.data").joinpath("us_stations.csv").read_text(encoding="utf-8"), PATH)


def parse_stations(text: str, path: str) -> Stations:
    """The rows of us_stations.csv (call,state,city,word); every problem collected, then raised
    naming file and line."""
    rows, problems = csv_rows(text, ["call", "state", "city", "word"])
    state: dict[str, str] = {}
    towns: dict[str, str] = {}
    plain: list[str] = []
    wordlike: list[str] = []
    for n, row in rows:
        call, st, city, word = row.values()
        if not re.fullmatch(r"[KW][A-Z]{2,3}", call):
            problems.append(f"line {n}: {call!r} is no US call sign (K or W and 2-3 capitals)")
        elif not re.fullmatch(r"[A-Z]{2}", st) or not city.strip():
            problems.append(f"line {n}: state must be a postal code and the city given")
        elif word not in ("0", "1"):
            problems.append(f"line {n}: word must be 0 or 1")
        elif call in state:
            problems.append(f"line {n}: {call} listed twice")
        else:
            state[call], towns[call] = f"US.{st}", city.strip()
            (wordlike if word == "1" else plain).append(call)
    if problems:
        raise DataFileError(path, problems)
    alt = "|".join(sorted(plain, key=len, reverse=True)) or "(?!)"
    words = "|".join(sorted(wordlike, key=len, reverse=True)) or "(?!)"
    marker = r"(?:-?(?:TV|DT|CD|LD)\b|[ \t]?\d{1,2}\b|\.com\b|[ \t]+(?:News|TV|Channel)\b)"
    pattern = re.compile(
        # "KDKA", "WSMV-TV", "WDBJ7", "KCTV5"; a word-like sign with its marker ("WAVE 3 News", "WHO-TV")
        rf"(?<![\w.@/-])(?:(?P<call>{alt})(?:-?(?:TV|DT|CD|LD|FM|AM))?\d{{0,2}}(?![\w-])|(?P<word>{words})(?={marker}))"
        # "kmov.com", "wistv.com", "WCAX.COM": the station's web address in any case
        rf"|(?<![\w.@/-])(?P<web>(?i:{alt}|{words}))(?i:tv)?\d{{0,2}}(?=\.(?i:com)\b)"
        # "Copyright 2016 WAVE"
        rf"|(?<=Copyright[ \t]\d{{4}}[ \t])(?P<copy>{words})\b"
        # a station site's sign-in page: "Sign in using your wxyz profile"
        rf"|(?<=\byour[ \t])(?P<acct>(?i:{alt}))(?=[ \t]+(?:profile|account)\b)")
    return Stations(state, pattern, towns, frozenset(wordlike))


def stations_named(text: str) -> list[str]:
    """The states (admin1 codes) of the stations the text names, each once, in order."""
    out: list[str] = []
    for a1, _s, _e in station_spans(text):
        if a1 not in out:
            out.append(a1)
    return out


@functools.lru_cache(maxsize=64)
def station_spans(text: str) -> tuple[tuple[str, int, int], ...]:
    """Each station the text names (by call sign or by brand: `brands`): its state and where the text
    names it."""
    st = stations()
    out = []
    for m in st.finditer(text):
        group = next(k for k in ("call", "word", "web", "copy", "acct") if m.group(k))
        a1 = st.state.get(m.group(group).upper())
        if a1 is not None:
            out.append((a1, m.start(group), m.end(group)))
    for m in brands().finditer(text):
        out.append((brands().state[m.lastgroup or ""], m.start(), m.end()))
    return tuple(sorted(out, key=lambda x: x[1]))


def station_homes(text: str) -> list[tuple[str, str]]:
    """The (state, town) of licence or home of each station and outlet the text names, each once, in
    order; the town empty for an outlet of a whole state."""
    out: list[tuple[str, str]] = []
    for m in stations().finditer(text):
        group = next(k for k in ("call", "word", "web", "copy", "acct") if m.group(k))
        call = m.group(group).upper()
        if call in stations().state and (home := (stations().state[call], stations().city[call])) not in out:
            out.append(home)
    for m in brands().finditer(text):
        key = m.lastgroup or ""
        if (home := (brands().state[key], brands().city[key])) not in out:
            out.append(home)
    return out


BRANDS = "strikewatch/data/us_brands.csv"


@dataclass(frozen=True)
class Brands:
    state: dict[str, str]  # group name ("b12") -> admin1 code
    city: dict[str, str]  # group name -> home town ("" for a whole state)
    pattern: re.Pattern[str]  # each brand in its own named group
    starts: re.Pattern[str] = re.compile("(?!)")  # where a brand can begin
    names: dict[str, str] = field(default_factory=dict)  # group name -> the brand as listed ("FOX Carolina")

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return scan(self.pattern, self.starts, text)


@functools.cache
def brands() -> Brands:
    return parse_brands(resources.files("strikewatch.data").joinpath("us_brands.csv").read_text(encoding="utf-8"), BRANDS)


def parse_brands(text: str, path: str) -> Brands:
    """The rows of us_brands.csv (brand,state,city); every problem collected, then raised naming file
    and line. Spaces inside a brand are optional ("CBS58"), as is a space between its
    letters and a number ("FOX 19"), a hyphen is not; a brand ending in .com is read in any case."""
    rows, problems = csv_rows(text, ["brand", "state", "city"])
    state: dict[str, str] = {}
    city: dict[str, str] = {}
    names: dict[str, str] = {}
    alts: list[str] = []
    seen: set[str] = set()
    for n, row in rows:
        brand, st, town = row.values()
        key = re.sub(r"[\s\-]+", "", brand).lower()
        if len(key) < 3 or brand.lower() == brand and not re.search(r"\d|\.com$", brand) and len(key) < 8:
            problems.append(f"line {n}: {brand!r} is too short, or a lower-case word, to be read safely")
        elif not re.fullmatch(r"[A-Z]{2}", st):
            problems.append(f"line {n}: state must be a postal code")
        elif key in seen:
            problems.append(f"line {n}: {brand!r} listed twice")
        else:
            seen.add(key)
            group = f"b{len(alts)}"
            state[group], city[group], names[group] = f"US.{st}", town, brand
            alts.append(f"(?P<{group}>{_brand_pattern(brand)})")
    if problems:
        raise DataFileError(path, problems)
    # the first two letters of each brand as written (in any case for a web address), or its first
    # letter when a space may follow it
    heads = sorted({h for _n, row in rows for h in _heads(row["brand"])})
    return Brands(state, city, re.compile(rf"(?<![\w.@/-])(?:{'|'.join(alts) or '(?!)'})(?![\w-])"),
                  re.compile(rf"(?<![\w.@/-])(?:{'|'.join(map(re.escape, heads)) or '(?!)'})"), names)


def _heads(brand: str) -> set[str]:
    head = brand[:2] if re.fullmatch(r"[A-Za-z]{2}|\d{2}", brand[:2]) else brand[:1]
    return {head, head.lower(), head.upper()} if brand.lower().endswith(".com") else {head}


def _brand_pattern(brand: str) -> str:
    """A space inside a brand is optional ("CBS58"), a hyphen as written ("Post-Dispatch": Pakistan's
    Express News is no "Express-News")."""
    words = brand.split()
    parts = [re.sub(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])", "\x00", re.escape(w)).replace("\x00", "[ \t]?")
             for w in words]
    body = r"[ \t]?".join(parts).replace(r"\&", r"(?:&|and)")
    return f"(?i:{body})" if brand.lower().endswith(".com") else body

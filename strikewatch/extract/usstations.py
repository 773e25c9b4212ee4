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
from dataclasses import dataclass
from importlib import resources

from ..datafile import csv_rows
from ..errors import DataFileError

PATH = "strikewatch/data/us_stations.csv"


@dataclass(frozen=True)
class Stations:
    state: dict[str, str]  # call sign -> admin1 code ("KDKA" -> "US.PA")
    pattern: re.Pattern[str]


@functools.cache
def stations() -> Stations:
    return parse_stations(resources.files("strikewatch.data").joinpath("us_stations.csv").read_text(encoding="utf-8"), PATH)


def parse_stations(text: str, path: str) -> Stations:
    """The rows of us_stations.csv (call,state,city,word); every problem collected, then raised
    naming file and line."""
    rows, problems = csv_rows(text, ["call", "state", "city", "word"])
    state: dict[str, str] = {}
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
            state[call] = f"US.{st}"
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
        rf"|(?<=Copyright[ \t]\d{{4}}[ \t])(?P<copy>{words})\b")
    return Stations(state, pattern)


def stations_named(text: str) -> list[str]:
    """The states (admin1 codes) of the stations the text names, each once, in order."""
    out: list[str] = []
    for a1, _s, _e in station_spans(text):
        if a1 not in out:
            out.append(a1)
    return out


@functools.lru_cache(maxsize=64)
def station_spans(text: str) -> tuple[tuple[str, int, int], ...]:
    """Each station the text names: its state and where the text names it."""
    st = stations()
    out = []
    for m in st.pattern.finditer(text):
        group = next(k for k in ("call", "word", "web", "copy") if m.group(k))
        a1 = st.state.get(m.group(group).upper())
        if a1 is not None:
            out.append((a1, m.start(group), m.end(group)))
    return tuple(out)

"""US agencies named by their initials: a state's bureau or patrol ("TBI agents", "SLED"), a prison
system ("Photo courtesy of SCDC"), a big city's force ("LMPD said", "NOPD: ..."). Each is a cue for
its state, as firm as a county named (`usplaces.AGENCY_CUE`), and a city's force names its city as a
place of the story, as "Louisville police" would (`data/us_agencies.csv`).

    >>> [(a.state, a.city) for a in agencies_named("TBI agents and LMPD officers were there.")]
    [('US.TN', ''), ('US.KY', 'Louisville')]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from ..datafile import csv_rows
from ..errors import DataFileError

PATH = "strikewatch/data/us_agencies.csv"


@dataclass(frozen=True)
class Agency:
    acronym: str
    state: str  # admin1 code ("US.TN")
    city: str  # a city's force: its town; "" for a state agency
    start: int = 0
    end: int = 0


@functools.cache
def table() -> tuple[dict[str, Agency], re.Pattern[str]]:
    text = resources.files("strikewatch.data").joinpath("us_agencies.csv").read_text(encoding="utf-8")
    return parse_agencies(text, PATH)


def parse_agencies(text: str, path: str) -> tuple[dict[str, Agency], re.Pattern[str]]:
    """The rows of us_agencies.csv; every problem collected, then raised naming file and line."""
    rows, problems = csv_rows(text, ["acronym", "state", "city"])
    out: dict[str, Agency] = {}
    for n, row in rows:
        acronym, st, city = row["acronym"], row["state"], row["city"]
        if not re.fullmatch(r"[A-Z]{3,6}", acronym):
            problems.append(f"line {n}: {acronym!r} must be 3-6 capital letters")
        elif not re.fullmatch(r"[A-Z]{2}", st):
            problems.append(f"line {n}: state must be a postal code")
        elif acronym in out:
            problems.append(f"line {n}: {acronym} listed twice")
        else:
            out[acronym] = Agency(acronym, f"US.{st}", city)
    if problems:
        raise DataFileError(path, problems)
    alt = "|".join(sorted(out, key=len, reverse=True)) or "(?!)"
    return out, re.compile(rf"(?<![\w.@/-])(?:{alt})(?![\w-])")


@functools.lru_cache(maxsize=64)
def agencies_named(text: str) -> tuple[Agency, ...]:
    """Each agency the text names, once, where it first names it."""
    known, pattern = table()
    seen: dict[str, Agency] = {}
    for m in pattern.finditer(text):
        if m.group() not in seen:
            a = known[m.group()]
            seen[m.group()] = Agency(a.acronym, a.state, a.city, m.start(), m.end())
    return tuple(seen.values())

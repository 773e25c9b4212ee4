"""Neighbourhoods of the largest US cities, which local news names without their city.

Chicago copy says "shot in Englewood", "on the South Side"; a Memphis station "in the Berclair area";
a New York paper "Red Hook" beside "Brooklyn". GeoNames' cities500 lacks many of these names, or has
them as a same-named town elsewhere (University City, Missouri; Red Hook village up the Hudson; South
Side as an alternate name of a Staten Island place), and the ones it has (Englewood, Dorchester) are
read as towns 6-12 km from their city's point, which splits one incident into two. `data/
us_neighbourhoods.csv` lists them by city; a name there is the neighbourhood, at precision
"neighbourhood" with its city as parent, where the story says which city:
- the text names the city ("Chicago police", "in Brooklyn"), or the outlet's home is there
  (`usplaces.outlet_homes`: "- WMC Action News 5 - Memphis, Tennessee");
- or the words call it a part of a town ("the Woodlawn neighborhood", "the city's South Side", "the
  Berclair area") and the text names another neighbourhood of the same city.
A name the text places itself ("Madison, Wis.") is left to usplaces, and so is a town of 100,000+ of
that name (Allentown, Pennsylvania in a Pittsburgh story) unless the words call it a neighbourhood.

    >>> table()["berclair"][0].city
    'Memphis'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from ..datafile import csv_rows
from ..errors import DataFileError
from ..model import Location
from .gazetteer import Gazetteer, Place, norm

PATH = "strikewatch/data/us_neighbourhoods.csv"
NEAR_KM = 25.0  # a GeoNames place of the name this near its city is the neighbourhood itself (Englewood, Illinois)
HOME_KM = 30.0  # an outlet whose home is this near the city reports its neighbourhoods
# "the Woodlawn neighborhood", "the Berclair area", "the Kensington section of"
_PART_AFTER = re.compile(r"(?:['’]s)?[ \t]+(?:neighbou?rhoods?|section|community(?:[ \t]+area)?|area)\b", re.I)
_PART_BEFORE = re.compile(r"\b(?:city|town)['’]s[ \t]+(?:far[ \t]+)?$", re.I)  # "on the city's South Side"


@dataclass(frozen=True)
class Hood:
    name: str
    city: str
    a1: str  # GeoNames admin1 code of the city's state ("US.IL")
    line: int


@functools.cache
def table() -> dict[str, tuple[Hood, ...]]:
    text = resources.files("strikewatch.data").joinpath("us_neighbourhoods.csv").read_text(encoding="utf-8")
    return parse_neighbourhoods(text, PATH)


def parse_neighbourhoods(text: str, path: str) -> dict[str, tuple[Hood, ...]]:
    """Folded name -> its neighbourhoods (one name may be in several cities: Hyde Park); every problem
    collected, then raised naming file and line."""
    rows, problems = csv_rows(text, ["neighbourhood", "city", "state"])
    out: dict[str, list[Hood]] = {}
    for n, row in rows:
        name, city, st = row["neighbourhood"], row["city"], row["state"]
        if not name or not city or not re.fullmatch(r"[A-Z]{2}", st):
            problems.append(f"line {n}: a neighbourhood, its city and the state's postal code are needed")
            continue
        hood = Hood(name, city, f"US.{st}", n)
        if any((h.city, h.a1) == (hood.city, hood.a1) for h in out.get(norm(name), [])):
            problems.append(f"line {n}: {name} of {city} is listed twice")
            continue
        out.setdefault(norm(name), []).append(hood)
    if problems:
        raise DataFileError(path, problems)
    return {k: tuple(v) for k, v in out.items()}


@functools.cache
def cities(g: Gazetteer) -> dict[tuple[str, str], Place]:
    """(city, admin1 code) -> the city's place: the biggest US town of the name in that state. A row whose
    city does not resolve is a broken row: raised naming its line (with no world index, nothing to check)."""
    if g.world is None:
        return {}
    out: dict[tuple[str, str], Place] = {}
    problems = []
    for hoods in table().values():
        for h in hoods:
            if (h.city, h.a1) in out:
                continue
            towns = [p for p in g.candidates(h.city, exact=True, countries=("US",))
                     if p.cc == "US" and p.level == 0 and p.a1 == h.a1 and p.lat is not None]
            if not towns:
                problems.append(f"line {h.line}: {h.city} is no town of {h.a1} in the gazetteer")
                continue
            out[(h.city, h.a1)] = max(towns, key=lambda p: p.population)
    if problems:
        raise DataFileError(PATH, sorted(problems))
    return out


def _km(a: Place, lat: float, lon: float) -> float:
    from .places import distance_km  # places imports this module

    return distance_km(Location(lat=a.lat, lon=a.lon), Location(lat=lat, lon=lon)) or 0.0


def _named_cities(text: str, g: Gazetteer) -> frozenset[tuple[str, str]]:
    """The listed cities the text names, or whose outlet's home lies in them (the outlet of the
    article's address too: ushosts.py)."""
    from .ushosts import current

    return _cities_named(text, g, current())


@functools.lru_cache(maxsize=64)
def _cities_named(text: str, g: Gazetteer, host: str) -> frozenset[tuple[str, str]]:  # host: in the key
    from .usplaces import _DC, market_homes

    homes = market_homes(text, g)
    out = set()
    for key, city in cities(g).items():
        named = bool(_DC.search(text)) if key[1] == "US.DC" else \
            re.search(rf"(?<![\w-]){re.escape(key[0])}(?![\w-])", text, re.I) is not None
        if named or any(_km(city, lat, lon) <= HOME_KM for lat, lon in homes):
            out.add(key)
    return frozenset(out)


@functools.lru_cache(maxsize=64)
def _hoods_named(text: str) -> dict[tuple[str, str], frozenset[str]]:
    """(city, admin1) -> the different neighbourhood names of it the text writes (as capitalised)."""
    out: dict[tuple[str, str], set[str]] = {}
    for m in re.finditer(r"(?<![\w-])[A-Z][\w'’.\-]*(?:[ \t]+[A-Z][\w'’.\-]*){0,3}", text):
        words = m.group().split()
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                for h in table().get(norm(" ".join(words[i:j])), ()):
                    out.setdefault((h.city, h.a1), set()).add(h.name)
    return {k: frozenset(v) for k, v in out.items()}


def neighbourhood(text: str, s: int, e: int, found: list[Place], g: Gazetteer) -> Place | None:
    """The listed neighbourhood text[s:e] names in a US story, when the story says which city (above);
    None to leave the name to the gazetteer's candidates `found` (best first)."""
    from .usplaces import placed, state_after  # usplaces imports places, which imports this module

    hoods = table().get(norm(text[s:e]))
    if not hoods or g.world is None or state_after(text, e, g) is not None or norm(text[s:e]) in placed(text, g):
        return None  # "Madison, Wis.": the text says which town
    # called a part of a town anywhere in the text: one name, one reading ("shot on South Side" in a
    # headline, "on the city's South Side" below)
    part = any(_PART_AFTER.match(text, m.end()) or _PART_BEFORE.search(text, max(0, m.start() - 20), m.start())
               for m in re.finditer(rf"(?<![\w-]){re.escape(text[s:e])}(?![\w-])", text))
    top = found[0] if found else None
    if top is not None and top.cc == "US" and top.level == 0 and top.population >= 100_000 and not part:
        return None  # Allentown, Pennsylvania: the city unless the words say a neighbourhood
    named = _named_cities(text, g)
    mine = [h for h in hoods if (h.city, h.a1) in named]
    if not mine and part:
        # two neighbourhoods of one city named, one of them called a part of a town: "the Woodlawn
        # neighborhood" beside "the South Side" is Chicago
        counts = _hoods_named(text)
        mine = [h for h in hoods if len(counts.get((h.city, h.a1), ())) >= 2]
    if len({(h.city, h.a1) for h in mine}) != 1:
        return None  # none, or the story names two cities with such a neighbourhood: no guess
    h = mine[0]
    city = cities(g)[(h.city, h.a1)]
    assert city.lat is not None and city.lon is not None
    own = [p for p in g.candidates(text[s:e], exact=True, countries=("US",))
           if p.cc == "US" and p.level == 0 and p.a1 == h.a1 and p.lat is not None and _km(p, city.lat, city.lon) <= NEAR_KM]
    point = min(own, key=lambda p: _km(p, city.lat or 0.0, city.lon or 0.0)) if own else None
    return Place(h.name, point.lat if point else city.lat, point.lon if point else city.lon, city.country, city.admin1,
                 "neighbourhood", point.geonameid if point else None, 0, rank=1, parent=city.name, cc="US",
                 a1=h.a1, a2=city.a2, level=0)

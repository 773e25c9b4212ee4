"""US local news: which state an article is about, and which of several same-named places it means.

US copy names its state in a few set ways, read here as cues with a weight:
- after a city: "Hartsville, Ind.", "Peoria, IL", "Bristol, Tennessee", and datelines
  ("JACKSON, Tenn. --"): strong (3);
- the state named on its own ("police in Ohio"): 1; "Georgia" and "Washington" count only where the
  article is American by other cues (a country, a stopword);
- a county ("Cook County", "Caddo Parish"): 2, shared among the states that have one of that name;
- "D.C.": the District of Columbia, strong.
An article with cues worth 2 or more is a US article: its places are American unless it names another
country, a bare county name ("Johnson") is a surname, not Johnson County, and among same-named towns
(Springfield, Columbus, Jackson) the one in the article's most cued state wins; a town in a state
the article never names (Howland, Maine in an Ohio story) is dropped. A big US town (100,000+) named
is a faint cue for its state (1): "San Antonio police" needs no "Texas". Street addresses ("the
1200 block of Main Street", "at Prescott and Gollihar") are not towns.

    >>> from strikewatch.extract.gazetteer import Gazetteer
    >>> sorted(us_cues("The shooting happened in Hartsville, Ind., police said.", Gazetteer.load()).items())
    [('US.IN', 3)]
    >>> us_story({'US.IN': 3})
    True
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from importlib import resources

from ..datafile import csv_rows
from ..errors import DataFileError
from ..model import Location
from .gazetteer import Gazetteer, Place, norm
from .usagencies import agencies_named
from .usagencies import table as agency_table
from .ushosts import current as current_host
from .ushosts import host_homes
from .usstations import station_homes, station_spans, stations_named

CITY_CUE, STATE_CUE, COUNTY_CUE, TOWN_CUE, PHONE_CUE, STATION_CUE = 3, 1, 2, 1, 2, 1
AGENCY_CUE = 2  # "TBI agents", "LMPD said": as firm as a county named (usagencies.py)
# the outlet's web address (ushosts.py): half a station named, so that anything the text says of a
# state outweighs it; it decides only between places the text cues alike, and names the state of a
# story that names none
HOST_CUE = 0.5
US_ARTICLE = 2  # cue weight that makes an article American
BIG_TOWN = 100_000  # a town this big named is a cue for its state
_WEAK_STATES = frozenset({"US.GA", "US.WA"})  # a country, a stopword: not alone proof of a US story
_TOWN = re.compile(r"\b(?:(?:St|Ft|Mt)\.[ \t]+)?[A-Z][a-z'’\-]+(?:[A-Z][a-z]+)?(?:[ \t]+[A-Z][a-z'’\-]+(?:[A-Z][a-z]+)?){0,2}\b|\b[A-Z]{3,}(?:[ \t]+[A-Z]{3,}){0,2}\b")
_ABBREVIATED = re.compile(r"\b(?:St|Ft|Mt)\.?[ \t]+[A-Z][\w'’\-]+(?:[ \t]+[A-Z][\w'’\-]+)?")
_FORCE = re.compile(r"\b(?P<town>(?:(?:St|Ft|Mt)\.?[ \t]+)?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:[ \t]+[A-Z][a-z]+)?)[ \t]+(?:[Pp]olice|Sheriff['’]s|PD)\b")
_RESIDENCE = re.compile(r"\b\d{1,3},[ \t]+of[ \t]+(?:the[ \t]+)?$")  # "Jacob Setter, 14, of Graysville": a home
# "Franklin Co." is the county too (not "Johnson & Co.": no name of a US county before it)
_COUNTY = re.compile(r"\b(?P<name>[A-Z][\w'’.\-]*(?:[ \t]+[A-Z][\w'’.\-]*){0,2})[ \t]+(?P<kw>County|Parish|Borough|Co\.)(?![\w.])")
COUNTY_WORD = re.compile(r"\b(?:County|Parish|Borough|COUNTY|PARISH)$")
_UNIT_WORD = re.compile(r"^(?:['’]s)?\s+(?:county\b|parish\b|borough\b|co\.(?![\w.]))", re.I)
_STREET_WORDS = (r"(?:street|st|avenue|ave|road|rd|drive|dr|boulevard|blvd|lane|ln|way|parkway|pkwy|highway|hwy|"
                 r"circle|cir|trail|terrace|ter|pike|alley|loop)s?\b\.?")  # not Court: "Cook County Circuit Court"
# the street's name is capitalised ("Willis Street"), its word in any case: "Lexington bowling alley" is no street
_STREET_AFTER = re.compile(r"^(?:[ \t]+[A-Z][\w'’\-]*){0,2}[ \t]+(?i:" + _STREET_WORDS + ")")
# "in the 1200 block of", "at 3577", "the intersection of", "the corner of X and"
_STREET_BEFORE = re.compile(
    r"(?:\bblock\s+of|\b\d+[ \t]+|\b(?:intersection|corner)\s+of|\b(?:intersection|corner)\s+of\s+[A-Z][\w'’\-]*"
    r"(?:[ \t]+[A-Z][\w'’\-]*)?(?:[ \t]+" + _STREET_WORDS + r")?\s+(?:and|&))\s+"
    r"(?:(?:north|south|east|west|[NSEW])\.?\s+)?$", re.I)


@dataclass(frozen=True)
class States:
    names: dict[str, str]  # GeoNames admin1 code ("US.IL") -> name ("Illinois")
    after_city: re.Pattern[str]  # ", Ill." / ", IL" / ", Illinois" right after a capitalised word
    named: re.Pattern[str]  # a state's full name anywhere
    code: dict[str, str]  # spelling as written -> admin1 code


@functools.cache
def states(g: Gazetteer) -> States:
    """us_states.csv, checked against the world index's US admin1 units."""
    path = "strikewatch/data/us_states.csv"
    names = {code: name for code, name in (g.world.admin1.items() if g.world else ()) if code.startswith("US.")}
    if not names:  # a gazetteer built by hand, without the world: no US states to find
        return States({}, re.compile(r"(?!)"), re.compile(r"(?!)"), {})
    return parse_states(resources.files("strikewatch.data").joinpath("us_states.csv").read_text(encoding="utf-8"),
                        names, path)


def parse_states(text: str, names: dict[str, str], path: str) -> States:
    """The rows of us_states.csv; every problem is collected, then raised naming file and line."""
    rows, problems = csv_rows(text, ["postal", "ap"])
    code: dict[str, str] = {}
    for n, row in rows:
        postal, ap = row["postal"], row["ap"]
        a1 = f"US.{postal}"
        if a1 not in names or not re.fullmatch(r"[A-Z]{2}", postal):
            problems.append(f"line {n}: {postal!r} is not the code of a US state in the gazetteer")
            continue
        for spelling in [postal, names[a1], *filter(None, ap.split("|"))]:
            if code.setdefault(spelling, a1) != a1:
                problems.append(f"line {n}: {spelling!r} already names {code[spelling]}")
    if problems:
        raise DataFileError(path, problems)
    spellings = sorted(code, key=len, reverse=True)
    # a dateline may drop the abbreviation's full stop: "Sullivan County, Ind (WIBQ) -", "Dover, Del -"
    bare = sorted({a[:-1] for a in code if a.endswith(".") and a[:-1] not in code and len(a) > 3}, key=len, reverse=True)
    for a in bare:
        code[a] = code[a + "."]
    alt = "|".join(re.escape(s) for s in spellings)
    if bare:
        alt += "|(?:" + "|".join(re.escape(a) for a in bare) + r")(?=[ \t]*[(\-–—])"
    after_city = re.compile(rf"(?<=[A-Za-z]),[ \t]*(?P<st>{alt})(?![\w])(?!\.\w)")
    full = "|".join(re.escape(n) for n in sorted(names.values(), key=len, reverse=True))
    # not a place named after a state: "Mount Washington" (a Pittsburgh neighbourhood), "Fort Washington"
    named = re.compile(rf"(?<!Mount )(?<!Mt\. )(?<!Fort )(?<!Ft\. )(?<!Lake )(?<!Port )(?<!Camp )(?<!George )"
                       rf"\b(?P<st>{full})\b(?![ \t]+(?:City|County|Street|Avenue|Road|University|State[ \t]+University))")
    return States(names, after_city, named, code)


def us_cues(text: str, g: Gazetteer) -> dict[str, float]:
    """The US states the text points to (admin1 codes) and how firmly (`us_story` says whether
    they make it a US story); the outlet's address of the article being read counts faintly
    (`host_cue`)."""
    return _us_cues(text, g, current_host())


@functools.lru_cache(maxsize=64)
def _us_cues(text: str, g: Gazetteer, host: str) -> dict[str, float]:
    cues = dict(text_cues(text, g))
    for a1, w in host_cue(text, g, host).items():
        cues[a1] = cues.get(a1, 0) + w
    return cues


def host_cue(text: str, g: Gazetteer, host: str | None = None) -> dict[str, float]:
    """The state of the outlet's address (`host`; by default the article's being read), where the text
    itself cues that state less than a state named once: the outlet's name is often in the copy too
    ("told NBC 4 New York", the title's "- WBTV Charlotte"), and is counted once."""
    cues = text_cues(text, g)
    return {h.state: HOST_CUE for h in host_homes(g, host) if cues.get(h.state, 0) < STATE_CUE}


@functools.lru_cache(maxsize=64)
def text_cues(text: str, g: Gazetteer) -> dict[str, float]:
    """`us_cues` from the text alone."""
    st = states(g)
    cues: dict[str, float] = {}

    def add(a1: str, w: float) -> None:
        cues[a1] = cues.get(a1, 0) + w

    after = set()
    outlet = outlet_span(text) or (-1, -1)
    for m in st.after_city.finditer(text):  # the outlet's home ("- WMC Action News 5 - Memphis, Tennessee"): fainter
        add(st.code[m.group("st")], OUTLET_CUE if outlet[0] <= m.start() < outlet[1] else CITY_CUE)
        after.add(m.start("st"))
    for m in _DC.finditer(text):
        if m.start() not in after:  # "Washington, D.C." counted once
            add("US.DC", CITY_CUE)
    for m in st.named.finditer(text):
        if m.start() not in after:
            add(st.code[m.group("st")], STATE_CUE)
    for a1, w in station_cues(text, g).items():  # "Copyright 2016 WDBJ", "kmov.com": faint
        add(a1, w)
    for a1 in phone_states(text, st):  # "Anyone with information may call 410-555-0100": Maryland's police
        add(a1, PHONE_CUE)
    for agency in agencies_named(text):  # "TBI agents", "Photo courtesy of SCDC", "NOPD:"
        add(agency.state, AGENCY_CUE)
    for a1, w in _towns(text, g).cues.items():
        add(a1, w)
    for a1, w in local_forces(text, g).items():
        add(a1, w)
    for units in named_counties(text, g):
        for p in units:  # Madison County is in 19 states: a faint cue for each
            add(p.a1 or "", COUNTY_CUE / len(units))
    for a1 in county_lists(text, g):  # "Greene, Daviess and Knox counties": the one state holding all three
        add(a1, COUNTY_CUE)
    return cues


_NAME_ITEM = r"[A-Z][\w'’.\-]*(?:[ \t]+[A-Z][\w'’.\-]*)?"
# "in Greene, Daviess and Knox counties"; a weather alert's "Target Area: Daviess; Greene; Jackson; Knox"
_COUNTY_LIST = re.compile(rf"(?P<a>{_NAME_ITEM}(?:,[ \t]*{_NAME_ITEM})*,?[ \t]+and[ \t]+{_NAME_ITEM})[ \t]+(?:counties|parishes)\b"
                          rf"|(?P<b>{_NAME_ITEM}(?:;[ \t]*{_NAME_ITEM}){{2,}})")


def county_lists(text: str, g: Gazetteer) -> tuple[str, ...]:
    """The states of lists of county names: a list before "counties", or three names or more separated by
    semicolons that are all counties; each list counts where one state alone has a county of every name."""
    return tuple(dict.fromkeys(a1 for a1, _s, _e in _county_lists(text, g)))


def in_county_list(text: str, s: int, e: int, g: Gazetteer) -> bool:
    """text[s:e] is an item of such a list (a weather alert's "Target Area: Daviess; Greene; Jackson"):
    the county, not the town of that name (Jackson, Mississippi)."""
    return any(ls <= s and e <= le for _a1, ls, le in _county_lists(text, g))


@functools.lru_cache(maxsize=64)
def _county_lists(text: str, g: Gazetteer) -> tuple[tuple[str, int, int], ...]:
    """(state, start, end) of each list of counties one state alone holds."""
    out: list[tuple[str, int, int]] = []
    if "counties" not in text and "parishes" not in text and text.count(";") < 2:
        return ()  # most texts: no list to read
    for m in _COUNTY_LIST.finditer(text):
        names = re.split(r"[ \t]*(?:;|,[ \t]*and\b|,|\band\b)[ \t]*", m.group("a") or m.group("b"))
        held = None
        for name in filter(None, (n.strip() for n in names)):
            word = "Parish" if m.group().endswith("parishes") else "County"
            here = {p.a1 for p in g.candidates(f"{name} {word}", exact=True, countries=("US",)) if p.cc == "US" and p.level == 2}
            held = here if held is None else held & here
        if held is not None and len(held) == 1 and (a1 := next(iter(held))):
            group = "a" if m.group("a") else "b"
            out.append((a1, m.start(group), m.end(group)))
    return tuple(out)


@functools.lru_cache(maxsize=64)
def named_counties(text: str, g: Gazetteer) -> tuple[tuple[Place, ...], ...]:
    """The US counties of each "X County" the text writes: all the same-named ones."""
    out = []
    for m in _COUNTY.finditer(text):
        name = m.group("name").split()
        # "Ouachita Parish" is Louisiana's, not Ouachita County, Arkansas; "Franklin Co." a county
        word = "County" if m.group("kw") == "Co." else m.group("kw").title()
        for k in range(len(name)):  # "the Cook County": the longest tail that is a US county
            units = tuple(p for p in g.candidates(" ".join(name[k:]) + " " + word, exact=True, countries=("US",))
                          if p.cc == "US" and p.level == 2)
            if units:
                out.append(units)
                break
    return tuple(out)


def station_cues(text: str, g: Gazetteer) -> dict[str, float]:
    """The states of the stations the text names, each once, but not the outlet's home state (the
    station in "- WBRC FOX6 News - Birmingham, AL" is counted with the outlet)."""
    outlet = outlet_span(text)
    home = {states(g).code[m.group("st")] for m in states(g).after_city.finditer(text, *outlet)} if outlet else set()
    return {a1: STATION_CUE for a1 in stations_named(text) if a1 not in home}


def _without_stations(text: str, g: Gazetteer, cues: dict[str, float]) -> dict[str, float]:
    """The cues less the stations' and the outlet address's: a station's market may spill over a state
    line, so its state breaks ties but does not drop a town of a neighbouring state (Fort Riley,
    Kansas, in a story of a Kansas City, Missouri station)."""
    mine = dict(station_cues(text, g))
    for a1, w in host_cue(text, g).items():
        mine[a1] = mine.get(a1, 0) + w
    return {a1: w - mine.get(a1, 0) for a1, w in cues.items()}


@dataclass(frozen=True)
class Towns:
    """The towns a text names, each name once."""
    cues: dict[str, float]  # big US towns are cues for their states: "San Antonio police"
    support: dict[str, float]  # each US state holding a town of 1,000+ of a name the text uses, shared
    own: dict[str, str]  # folded name -> the state its own big-town cue went to
    counties: dict[str, float]  # US county codes holding a town of a name the text uses, shared
    points: dict[str, list[tuple[float, float]]]  # US state -> the points of its towns of names the text uses


@functools.lru_cache(maxsize=64)
def _towns(text: str, g: Gazetteer) -> Towns:
    """The towns a text names, each name once (not street names: "Glendale Avenue")."""
    cues: dict[str, float] = {}
    support: dict[str, float] = {}
    own: dict[str, str] = {}
    counties: dict[str, float] = {}
    points: dict[str, list[tuple[float, float]]] = {}
    seen: set[str] = set()
    located: set[str] = set()
    people = surnames(text)
    outlet = outlet_span(text) or (-1, -1)
    outlet_home = states(g).after_city.search(text, *outlet) is not None if outlet[0] >= 0 else False
    for m in _TOWN.finditer(text):
        words = m.group().split()
        for i in range(len(words)):  # "San Antonio Police": its longest part that is a town
            if (words[i - 1] if i else text[max(0, m.start() - 4) : m.start()].strip()) == "The":
                continue  # "The Enterprise": a newspaper
            if i + 1 < len(words) and words[i + 1] in ("County", "Parish", "COUNTY"):
                continue  # "Madison County" is no cue for Madison, Wisconsin
            for j in range(len(words), i, -1):
                name = re.sub(r"['’]s$", "", " ".join(words[i:j]))  # "Pittsburgh's mayor"
                key = norm(name)
                rows = [r for r in (g.world.find(key) if g.world is not None else ()) if not r.level and r.how == 0]
                if not rows:
                    continue
                s = m.start() + len(" ".join(words[:i])) + (1 if i else 0)
                if name in people or g.is_stopword(key) or is_street(text, s, s + len(name)) or is_author(text, s, s + len(name)):
                    break
                if key not in seen and not (outlet_home and outlet[0] <= s < outlet[1]):
                    # ("- WMC Action News 5 - Memphis, Tennessee": the outlet's home is counted once, as the outlet)
                    seen.add(key)
                    top = max(rows, key=lambda r: r.population)
                    if top.cc == "US" and top.population >= BIG_TOWN:
                        cues[top.a1 or ""] = cues.get(top.a1 or "", 0) + TOWN_CUE
                        own[key] = top.a1 or ""
                if key not in located and _located(text, s, s + len(name), g) and not _county_named(text, name):
                    # (where the text names DeKalb County, "DeKalb police" and "in DeKalb" are the county:
                    # no vote for the town of DeKalb, Illinois)
                    # only a name the words put a place ("in Lynchburg", "LYNCHBURG -", "Lynchburg, Va.")
                    # supports its states: "Valarie Turpin" is no vote for Turpin Hills, Ohio
                    located.add(key)
                    holders = {r.a1 for r in rows if r.cc == "US" and r.population >= 1_000 and r.a1}
                    for a1 in holders:
                        support[a1] = support.get(a1, 0) + 1 / len(holders)
                    a2s = {r.a2 for r in rows if r.cc == "US" and r.a2}
                    for a2 in a2s:  # Kilmichael lies in Montgomery County, Mississippi
                        counties[a2] = counties.get(a2, 0) + 1 / len(a2s)
                    for r in rows:
                        if r.cc == "US" and r.a1 and r.lat is not None and r.lon is not None:
                            points.setdefault(r.a1, []).append((r.lat, r.lon))
                break
    return Towns(cues, support, own, counties, points)


def _county_named(text: str, name: str) -> bool:
    return re.search(rf"\b{re.escape(name)}[ \t]+(?:County|Parish)\b", text) is not None


def _located(text: str, s: int, e: int, g: Gazetteer) -> bool:
    """The words put a place at text[s:e]: "in X", "near X", "X, Ind.", a dateline, a town's force."""
    return bool(_PLACE_CUE.search(text, max(0, s - 24), s) or dateline_at(text, s, e)
                or states(g).after_city.match(text, e) or town_follows(text, e))


# the outlet at the end of a title: "... shooting - WMC Action News 5 - Memphis, Tennessee", "... | KCTV5"
_OUTLET = re.compile(r"^[^\n]{12,}?(?P<tail>[ \t]+[-|–—][ \t]+[^\n]*(?:\.com|\.net|News|TV|Channel|Radio|Fox|FOX|CBS|NBC|ABC|"
                     r"Herald|Times|Post|Tribune|Gazette|Journal|Dispatch|Press|Sports|Weather|\b[KW][A-Z]{2,3}\b)[^\n]*)$")
OUTLET_CUE = 1  # the outlet's home state: local news mostly, not always, reports its own state


def outlet_span(text: str) -> tuple[int, int] | None:
    """Where the first line (the title) names its outlet and the outlet's home town."""
    m = _OUTLET.match(text[: text.find("\n") if "\n" in text else len(text)])
    return m.span("tail") if m else None


def local_forces(text: str, g: Gazetteer) -> dict[str, float]:
    """"Opelousas Police", "Daytona Beach police": a US town's own force is named, where the biggest
    place of that name is American (not "Damascus police"); the town's state, each town once."""
    out: dict[str, float] = {}
    for cues in _forces(text, g).values():
        for a1, w in cues.items():
            out[a1] = out.get(a1, 0) + w
    return out


@functools.lru_cache(maxsize=64)
def _forces(text: str, g: Gazetteer) -> dict[str, dict[str, float]]:
    """The cues of each force the text names, by the town's folded name."""
    out: dict[str, dict[str, float]] = {}
    for town in {m.group("town") for m in _FORCE.finditer(text)}:
        if _county_named(text, town):
            continue  # "DeKalb Police" where the text names DeKalb County: the county's force
        rows = [r for r in (g.world.find(norm(town)) if g.world is not None else ()) if not r.level and r.how == 0]
        top = max(rows, key=lambda r: r.population, default=None)
        if top is not None and top.cc == "US" and top.population >= 1_000 and g.country(town) is None:
            # shared with same-named US towns at least half as big: "Springfield Police" may be Missouri's
            # or Illinois'; another cue (a phone number, the state) decides
            peers = {r.a1 or "" for r in rows if r.cc == "US" and r.population * 2 >= top.population}
            mine = out.setdefault(norm(town), {})
            for a1 in peers:
                mine[a1] = mine.get(a1, 0) + COUNTY_CUE / len(peers)
    return out


def others_cues(text: str, g: Gazetteer, surface: str) -> dict[str, float]:
    """The text's cues without those the name itself gives (its big-town cue, its force's): "Austin" in
    a Chicago story is the neighbourhood, and Austin, Texas's own size is no evidence for Texas there."""
    cues = dict(us_cues(text, g))
    key = norm(surface)
    own = dict(_forces(text, g).get(key, {}))
    if (a1 := _towns(text, g).own.get(key)) is not None:
        own[a1] = own.get(a1, 0) + TOWN_CUE
    for a1, w in own.items():
        cues[a1] = cues.get(a1, 0) - w
    return cues


def us_story(cues: dict[str, float]) -> bool:
    """Cues enough to call the article American whatever else it names."""
    # Georgia or Washington named is no proof; their shares of a county's cue are ("Union County" is in
    # 16 states, Georgia's among them: the county word counts whole)
    strong = sum(w for a1, w in cues.items() if a1 not in _WEAK_STATES or w < STATE_CUE)
    return strong >= US_ARTICLE or any(w >= CITY_CUE for w in cues.values())


_DC = re.compile(r"(?<![\w.])D\.[ \t]?C\.?(?![\w])|\bWashington,[ \t]*DC\b|\b(?:[Nn]orth|[Ss]outh)(?:east|west)[ \t]+Washington\b")


def us_mentions(text: str, g: Gazetteer, start: int, end: int, ctx: tuple[str, ...],
                us: bool = True) -> list[tuple[int, int, Place]]:
    """Places the word-run finder cannot read: "D.C." and "Washington, DC" (the city of Washington;
    "Washington" alone is a stopword: a state, a person, a government), and names abbreviated with a
    full stop: "St. Louis", "Ft. Myers", "Mt. Vernon", "Port St. Lucie" (not "St. Mary's Hospital").
    Outside a US story (`us` false) only the abbreviated names, as the article's countries admit them."""
    out = []
    city = next((p for p in g.candidates("Washington", countries=("US",)) if p.a1 == "US.DC" and p.level == 0), None)
    if city is not None and us:
        out += [(m.start(), m.end(), city) for m in _DC.finditer(text, start, end)]
    for m in _ABBREVIATED.finditer(text, start, end):
        lead = re.search(r"\b[A-Z][a-z]+[ \t]+$", text[max(start, m.start() - 20) : m.start()])  # "Port St. Lucie"
        for s in ([m.start() - len(lead.group())] if lead else []) + [m.start()]:
            words = text[s : m.end()].split()
            hit = None
            for k in range(len(words), 1 + (s < m.start()), -1):
                e = s + len(" ".join(words[:k]))
                found = g.candidates(" ".join(words[:k]), countries=ctx)
                found = choose(found, text, e, text[s:e], g, ctx) if us else found
                if found and not re.match(r"['’]s\b", text[e : e + 3]):
                    hit = (s, e, found[0])
                    break
            if hit is not None:
                if not named_for_saint(text, hit[0], hit[1], hit[2]):
                    out.append(hit)
                break
    if us:
        out += [(m.start(), m.start() + len(m.group("town")), p) for m in _CITY_COUNTY.finditer(text, start, end)
                if (p := city_county(m.group("town"), m.group("county"), g)) is not None]
        known, pattern = agency_table()
        # a big city's force by its initials names its city: "NOPD: gunman opens fire ..." is New Orleans
        out += [(m.start(), m.end(), p) for m in pattern.finditer(text, start, end)
                if (p := agency_city(known[m.group()].city, known[m.group()].state, g)) is not None]
    return out


def agency_city(city: str, a1: str, g: Gazetteer) -> Place | None:
    """The town of a city's force (us_agencies.csv): the biggest US town of that name in its state."""
    towns = [p for p in g.candidates(city, exact=True, countries=("US",)) if p.cc == "US" and p.level == 0 and p.a1 == a1] \
        if city else []
    return max(towns, key=lambda p: p.population) if towns else None


# a church, hospital or school named for a saint: "St. Francis Catholic Church", "Saint Joseph Regional
# Medical Center", "St. Mary Mercy Hospital" (up to two words of its name between); not "St. Cloud State
# University" nor "St. Landry Parish" (a county), whose town is meant
_INSTITUTION_AFTER = re.compile(
    r"(?:['’]s)?(?:[ \t]+(?!State\b|County\b|City\b)[A-Z][\w'’\-]*){0,2}[ \t]+(?i:church|catholic|cathedral|basilica|"
    r"chapel|hospital|medical|health|healthcare|clinic|infirmary|mercy|school|elementary|academy|college|"
    r"university|prep|preparatory|seminary|cemetery|episcopal|lutheran|baptist|methodist|presbyterian|"
    r"orthodox|regional|behavioral|rehabilitation)\b")
_SAINT = re.compile(r"(?:Saint|St|Ste|Sainte)\.?[ \t]", re.I)


def named_for_saint(text: str, s: int, e: int, place: Place) -> bool:
    """text[s:e] is a saint's name that begins the name of a church, hospital or school, not the town
    of that name (Saint Francis, Minnesota); a town of 100,000+ stays itself ("St. Louis University")."""
    return bool(_SAINT.match(text, s)) and place.population < BIG_TOWN and place.level == 0 \
        and _INSTITUTION_AFTER.match(text, e) is not None


# a consolidated city-county's name: "Savannah-Chatham Metro Police", "Charlotte-Mecklenburg Schools"
_CITY_COUNTY = re.compile(r"(?<![\w-])(?P<town>[A-Z][a-z]+)-(?P<county>[A-Z][a-z]+)(?![\w-])")


def city_county(town: str, county: str, g: Gazetteer) -> Place | None:
    """The town of 100,000+ of the name in a "Town-County" pair whose county of the same state has the
    second name: Savannah, Georgia for "Savannah-Chatham" (Chatham County, Georgia)."""
    towns = [p for p in g.candidates(town, exact=True, countries=("US",))
             if p.cc == "US" and p.level == 0 and p.population >= BIG_TOWN]
    units = {p.a1 for p in g.candidates(f"{county} County", exact=True, countries=("US",)) if p.cc == "US" and p.level == 2}
    return next((p for p in sorted(towns, key=lambda p: -p.population) if p.a1 in units), None)


def cued_state(text: str, g: Gazetteer) -> tuple[int, int, Place] | None:
    """The one state a US story's cues name above every other, with where the text names it (the state,
    "D.C.", a tip-line number): for a story that names no town or county of its own. Where the text
    names no state at all, the state of the outlet's address (ushosts.py), at an empty span (0, 0)."""
    cues = us_cues(text, g)
    ranked = sorted(cues.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < HOST_CUE or (len(ranked) > 1 and ranked[1][1] >= ranked[0][1]):
        return None
    a1, st = ranked[0][0], states(g)
    spans = [m.span("st") for m in st.after_city.finditer(text) if st.code[m.group("st")] == a1]
    spans += [m.span("st") for m in st.named.finditer(text) if st.code[m.group("st")] == a1]
    spans += [m.span() for m in _DC.finditer(text) if a1 == "US.DC"]
    spans += [m.span() for m in _PHONE.finditer(text) if a1 in phone_states(m.group(), st)]
    spans += [(s, e) for a, s, e in station_spans(text) if a == a1]  # "KOAT will provide updates"
    spans += [(a.start, a.end) for a in agencies_named(text) if a.state == a1]  # "SLED agents are investigating"
    place = g.region(st.names[a1], country="United States")
    if not spans and ranked[0][1] == HOST_CUE and any(h.state == a1 for h in host_homes(g)):
        spans = [(0, 0)]  # the text names no state; the outlet's address does
    if not spans or place is None:
        return None
    s, e = min(spans)
    return s, e, place


def state_after(text: str, e: int, g: Gazetteer) -> Place | None:
    """The state written right after a place: "Hartsville, Ind." -> Indiana."""
    m = states(g).after_city.match(text, e) if e > 0 else None
    if m is None:
        return None
    return g.region(states(g).names[states(g).code[m.group("st")]], country="United States")


def not_a_town(text: str, s: int, e: int) -> bool:
    """The name is part of a street address ("the 1200 block of Main", "Willis Street", "at Prescott
    and Gollihar"), a person's surname ("Jefferson said"), or a victim's home town ("Jacob Setter,
    14, of Graysville"), not the scene."""
    one_word = not re.search(r"\s", text[s:e])
    return bool(_RESIDENCE.search(text, max(0, s - 24), s) or (one_word and is_surname(text, s, e))
                or is_street(text, s, e) or is_author(text, s, e))


# a paper's alert boilerplate names its reporter: "Get email notifications on Dana Tyler daily!",
# "Whenever DANA TYLER posts new content"
_AUTHOR = re.compile(r"\b(?:notifications[ \t]+on|Whenever)[ \t]+(?P<name>[A-Z][\w'’.\-]*(?:[ \t]+[A-Z][\w'’.\-]*){0,3})"
                     r"[ \t]+(?:daily\b|posts[ \t]+new\b)")


def is_author(text: str, s: int, e: int) -> bool:
    """The name is the reporter's in an alert boilerplate, not a place (KYLE in "notifications on KYLE ...")."""
    return any(m.start("name") <= s and e <= m.end("name")
               for m in _AUTHOR.finditer(text, max(0, s - 40), min(len(text), e + 60)))


# "on Celebration Court", "on Oak Ct.": a court after "on" is a street (not "Cook County Circuit Court")
_ON_BEFORE = re.compile(r"\bon[ \t]+$", re.I)
_COURT_AFTER = re.compile(r"[ \t]+(?:Court|Ct\.?)(?![\w-])")


def is_street(text: str, s: int, e: int) -> bool:
    return bool(_STREET_BEFORE.search(text[max(0, s - 80) : s]) or _STREET_AFTER.match(text[e : e + 40])
                or (_COURT_AFTER.match(text, e) and _ON_BEFORE.search(text[max(0, s - 4) : s]))
                or _street_again(text, s, e))


@functools.lru_cache(maxsize=256)
def _street_names(text: str) -> frozenset[str]:
    """Names the text writes as streets: "Monroe" of "the 1400 block of Monroe Street"."""
    return frozenset(m.group(1) for m in re.finditer(r"(?<![\w-])([A-Z][a-z'’\-]+)[ \t]+(?i:" + _STREET_WORDS + ")", text))


def _street_again(text: str, s: int, e: int) -> bool:
    """A bare name the text writes elsewhere as a street ("driving down Monroe" below "Monroe Street") is
    that street, unless the words place a town there ("in Monroe", "MONROE -", "Monroe, La.", "Monroe police")."""
    return text[s:e] in _street_names(text) and not (
        _PLACE_CUE.search(text, max(0, s - 24), s) or dateline_at(text, s, e) or town_follows(text, e)
        or re.match(r"[ \t]*,[ \t]*[A-Z]", text[e : e + 4]))


def choose(found: list[Place], text: str, e: int, surface: str, g: Gazetteer, ctx: tuple[str, ...]) -> list[Place]:
    """The candidates a US article can mean, best first."""
    cues = us_cues(text, g)
    county = bool(COUNTY_WORD.search(surface) or _UNIT_WORD.match(text[e : e + 12]))
    if not county and _county_named(text, surface) and (units := [p for p in found if p.cc == "US" and p.level == 2]):
        # "in DeKalb" in a story that names DeKalb County is the county, not the town of DeKalb, Illinois;
        # but a town of that name inside the likeliest such county stays the town ("in Tulare" beside
        # Tulare County), and so does a town of 100,000+ ("in Dallas")
        unit = max(units, key=lambda p: (cues.get(p.a1 or "", 0), _size(p, g)))
        if not any(p.cc == "US" and p.level == 0 and (p.population >= BIG_TOWN or p.a2 == unit.a2) for p in found):
            found, county = units, True
    # "in Pinellas", "southwest Miami-Dade": a county is meant without its word when the name is one
    # county's only, no US town's, no surname the article gives a person ("Johnson" alone is a surname
    # first) and no word the text also writes in lower case ("Will", "Lake"), where the words put a
    # place ("in southwest Miami-Dade", "Pinellas deputies"; not "his son, Will,")
    us_found = [p for p in found if p.cc == "US"]
    bare_county = not county and len(us_found) == 1 and us_found[0].level == 2 and surface not in surnames(text) \
        and re.search(rf"(?<![\w-]){re.escape(surface.lower())}(?![\w-])", text) is None \
        and (_COUNTY_CUE.search(text, max(0, e - len(surface) - 30), e - len(surface)) is not None or town_follows(text, e))
    keep = []
    homes = outlet_homes(text, g)  # the outlets the text names: their market keeps a town over a state line
    market = market_homes(text, g)  # and the address's outlet: among places otherwise alike, one of its market
    # the article names its state (a station's alone does not drop a town of another state, but keeps
    # its own state's towns beside another firm one)
    settled = any(w >= STATE_CUE for w in _without_stations(text, g, cues).values())
    others = _without_stations(text, g, others_cues(text, g, surface))
    # a strong cue for one state (a dateline, "Chicago police") and none but the name's own for another:
    # the name is a place of the cued state the gazetteer lacks (Austin, Antioch), or a surname (Denton)
    towns = _towns(text, g)
    firm = [a1 for a1, w in others.items() if w >= CITY_CUE]
    # "LAKE PLACID -" is the story's own town though a big town elsewhere is named; not "AUSTIN -" in a
    # Chicago story (a neighbourhood the gazetteer lacks: no Austin, Indiana)
    dateline = dateline_at(text, e - len(surface), e) and not firm
    if found and (a1 := placed(text, g).get(norm(surface))) is not None and not county:
        # "Manchester, Illinois" once: every later "Manchester" is that one, or (too small for the
        # gazetteer) its state, never Manchester, Missouri
        same = [p for p in found if p.cc == "US" and p.level == 0 and p.a1 == a1]
        state = township_county(text, a1, g) or g.region(states(g).names[a1], country="United States")
        return same or ([state] if state is not None else [])
    for p in found:
        if p.cc != "US":
            if p.cc in ctx and p.rank <= 1:
                keep.append(p)  # a place of another country the article names
            continue
        if p.level == 2 and not county and not bare_county:
            continue  # "Johnson" is a surname before it is Johnson County
        if p.level == 2 and bare_county and settled and cues.get(p.a1 or "", 0) < STATE_CUE:
            continue  # "Hawaii Island" in a story from Hawaii is no Island County, Washington
        if p.level == 0 and settled and cues.get(p.a1 or "", 0) < STATE_CUE and not dateline \
                and not _near_home(p, homes, g):
            # Howland, Maine in a story from Ohio; but a town of the outlet's market across a state line
            # stays (Lake Placid, New York under "WCAX.COM Local Vermont News" of Burlington)
            continue
        if p.level == 0 and firm and others.get(p.a1 or "", 0) < STATE_CUE and _far(p, firm, towns) and (
                p.population < BIG_TOWN or 2 * cues.get(p.a1 or "", 0) <= max(others[a1] for a1 in firm)):
            # but a hospital "in Little Rock" in a story from Texarkana, Texas stays, and so does "San
            # Diego police" in a story that also names Baton Rouge, Louisiana twice (a big town's own
            # cues weigh; a small town's force, "Howland police" in an Ohio story, is no Howland, Maine)
            continue
        keep.append(p)
    if township_after(text, e):
        # "Harrison Township" beside "the Montgomery County Coroner": the township of that county, not the
        # town of Harrison in another county of Ohio
        keep = [township_county(text, p.a1, g) or p if p.cc == "US" and p.level == 0 and p.a2 not in
                {u.a2 for units in named_counties(text, g) for u in units} else p for p in keep]
    toward = direction_before(text, e - len(surface))  # "in northwest Harris County": that part of it
    keep = [centred(p, g, toward) for p in keep]
    # among same-named counties equally cued, the one holding a town the text names (Kilmichael:
    # Montgomery County, Mississippi)
    # among same-named towns equally cued, the one inside a county the text names (Decatur in a story
    # of DeKalb County: Decatur, Georgia, not Illinois's bigger one)
    counties = {p.a2 for units in named_counties(text, g) for p in units}
    # a town below 100,000 is ranked by the text's other cues, not by those its own name gives (its
    # force's): "Duncan police" in a "FOX Carolina" story is Duncan, South Carolina, not the bigger
    # Duncan, Oklahoma that alone has a force big enough to share the cue
    besides = others_cues(text, g, surface)

    def weight(p: Place) -> float:
        return cues.get(p.a1 or "", 0) if p.population >= BIG_TOWN or p.level else besides.get(p.a1 or "", 0)

    return sorted(keep, key=lambda p: (-weight(p), -(p.level == 0 and p.a2 in counties),
                                       -towns.counties.get(p.a2 or "", 0) * (p.level == 2),
                                       -_near_home(p, market, g), -towns.support.get(p.a1 or "", 0), -_size(p, g))
                  if p.cc == "US" else (0, 0, 0, 0, 0, 0))


_TOWNSHIP = re.compile(r"[ \t]+(?:Township|TOWNSHIP|Twp|TWP)\b")


def township_after(text: str, e: int) -> bool:
    """ "Township" or "Twp." follows the name: a township (Ohio's, New Jersey's, Pennsylvania's, Michigan's
    civil units), which GeoNames' towns do not hold and which a same-named town need not lie in."""
    return _TOWNSHIP.match(text, e) is not None


def township_county(text: str, a1: str | None, g: Gazetteer) -> Place | None:
    """The one county of state `a1` the text names ("the Montgomery County Coroner's Office"), where a
    township of that state or a town too small for the gazetteer ("Hartsville, Ind." beside "Bartholomew
    County") is meant: the most precise unit the text gives for it."""
    units = {u.a2: u for group in named_counties(text, g) for u in group if u.a1 == a1 and a1}
    return centred(next(iter(units.values())), g) if len(units) == 1 else None


HOME_KM = 250  # a station's market: among same-named places cued alike, one this near an outlet's home


def _near_home(p: Place, homes: tuple[tuple[float, float], ...], g: Gazetteer) -> bool:
    """The place (a county: the mean of its towns) lies within HOME_KM of the home of an outlet or
    station the text names: local news reports its own market (Lake Placid, New York under WCAX of
    Burlington, Vermont; DeKalb County, Georgia under Atlanta's WGCL)."""
    if not homes:
        return False
    p = centred(p, g)
    if p.lat is None or p.lon is None:
        return False
    from .places import distance_km  # places imports this module

    here = Location(lat=p.lat, lon=p.lon)
    return any((distance_km(here, Location(lat=lat, lon=lon)) or 0.0) <= HOME_KM for lat, lon in homes)


def market_homes(text: str, g: Gazetteer) -> tuple[tuple[float, float], ...]:
    """`outlet_homes` and the home town of the outlet of the article's address (ushosts.py: "kob.com",
    Albuquerque's market): where same-named places are otherwise alike, the one in the market wins."""
    return _market_homes(text, g, current_host())


@functools.lru_cache(maxsize=64)
def _market_homes(text: str, g: Gazetteer, host: str) -> tuple[tuple[float, float], ...]:
    return outlet_homes(text, g) + tuple(p for h in host_homes(g, host) if h.town and (p := _home_point(h.state, h.town, g)))


def _home_point(a1: str, town: str, g: Gazetteer) -> tuple[float, float] | None:
    rows = [p for p in g.candidates(town, exact=True, countries=("US",)) if p.cc == "US" and p.level == 0 and p.a1 == a1]
    best = max(rows, key=lambda p: p.population) if rows else None
    return (best.lat, best.lon) if best is not None and best.lat is not None and best.lon is not None else None


@functools.lru_cache(maxsize=64)
def outlet_homes(text: str, g: Gazetteer) -> tuple[tuple[float, float], ...]:
    """The points of the home towns of the stations and outlets the text names (us_stations.csv,
    us_brands.csv) and of the town in the title's outlet tail ("- Memphis, Tennessee")."""
    st = states(g)
    wanted = [(a1, town) for a1, town in station_homes(text) if town]
    wanted += [(a.state, a.city) for a in agencies_named(text) if a.city]  # "LMPD said": Louisville's market
    if (span := outlet_span(text)) is not None:
        for m in st.after_city.finditer(text, *span):
            before = _BEFORE_STATE.search(text, max(span[0], m.start() - 40), m.start())
            if before is not None:
                wanted.append((st.code[m.group("st")], before.group()))
    return tuple(p for a1, town in wanted if (p := _home_point(a1, town, g)) is not None)


FAR_KM = 400  # a town this far from every town the text names in its firmly cued state is another place


def _far(p: Place, firm: list[str], towns: Towns) -> bool:
    if p.lat is None or p.lon is None:
        return True
    from .places import distance_km  # places imports this module

    here = Location(lat=p.lat, lon=p.lon)
    near = [distance_km(here, Location(lat=lat, lon=lon)) or 0.0 for a1 in firm for lat, lon in towns.points.get(a1, [])]
    return not near or min(near) > FAR_KM


_BEFORE_STATE = re.compile(r"(?:(?:St|Ft|Mt)\.[ \t]+)?[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*){0,2}$")


@functools.lru_cache(maxsize=64)
def placed(text: str, g: Gazetteer) -> dict[str, str]:
    """Names the text writes with their state ("Manchester, Illinois", "PEORIA, Ill."), folded, to the
    state's admin1 code; a name written with two different states is left out."""
    st = states(g)
    out: dict[str, str] = {}
    seen: set[str] = set()
    for m in st.after_city.finditer(text):
        before = _BEFORE_STATE.search(text, max(0, m.start() - 40), m.start())
        if before is None:
            continue
        words = before.group().split()
        for k in range(len(words)):  # "in Manchester", "Police in Manchester": the name is the end of the run
            key = norm(" ".join(words[k:]))
            if key in seen and out.get(key) != st.code[m.group("st")]:
                out.pop(key, None)
            elif key not in seen:
                out[key] = st.code[m.group("st")]
            seen.add(key)
    return out


def centred(p: Place, g: Gazetteer, toward: tuple[int, int] | None = None) -> Place:
    """A US county at the mean point of its towns of 500+ rather than at its biggest town: a county
    report is as likely anywhere in it (Harris County's towns ring Houston; Pasco County's biggest town
    is at one end of it). Measured on GVA's development split: county points within 25 km of the
    incident 115 -> 127 of 147 (the population-weighted mean 121). `toward` (north, east: +1; south,
    west: -1; 0 either) is the part the text names ("northwest Harris County"): the mean of the
    county's towns that lie that way from its centre, where two or more do."""
    if p.cc != "US" or p.level != 2 or not p.a2 or g.world is None:
        return p
    point = _county_point(p.a2, g, toward) if toward else None
    point = point or _county_point(p.a2, g)
    return replace(p, lat=point[0], lon=point[1]) if point is not None else p


@functools.lru_cache(maxsize=4096)
def _county_point(a2: str, g: Gazetteer, toward: tuple[int, int] | None = None) -> tuple[float, float] | None:
    rows = g.world.con.execute("SELECT lat, lon FROM entry WHERE a2 = ? AND level = 0 AND lat IS NOT NULL",
                               (a2,)).fetchall() if g.world is not None else []
    if not rows:
        return None
    lat, lon = sum(r[0] for r in rows) / len(rows), sum(r[1] for r in rows) / len(rows)
    if toward:
        dy, dx = toward
        rows = [r for r in rows if (r[0] - lat) * dy >= 0 and (r[1] - lon) * dx >= 0 and (r[0], r[1]) != (lat, lon)]
        if len(rows) < 2:
            return None
        lat, lon = sum(r[0] for r in rows) / len(rows), sum(r[1] for r in rows) / len(rows)
    return round(lat, 4), round(lon, 4)


_TOWARD = {"north": (1, 0), "south": (-1, 0), "east": (0, 1), "west": (0, -1), "northeast": (1, 1),
           "northwest": (1, -1), "southeast": (-1, 1), "southwest": (-1, -1)}
_DIRECTION_BEFORE = re.compile(r"\b(?P<dir>(?i:north|south)(?:-?(?i:east|west))?|(?i:east|west)|NE|NW|SE|SW)(?i:ern)?"
                               r"[ \t]+$")
_SHORT = {"ne": "northeast", "nw": "northwest", "se": "southeast", "sw": "southwest"}


def direction_before(text: str, s: int) -> tuple[int, int] | None:
    """The part of a place the words before it name: "northwest" / "NW" / "north-west" / "northern"."""
    m = _DIRECTION_BEFORE.search(text, max(0, s - 16), s)
    if m is None:
        return None
    word = m.group("dir").lower().replace("-", "")
    return _TOWARD.get(_SHORT.get(word, word))


def _size(p: Place, g: Gazetteer) -> int:
    """People in a place, or in a county's towns of 500+: with nothing else to go by, the bigger of two
    same-named counties is the likelier (Harris County, Texas, not Georgia's)."""
    if p.level != 2 or not p.a2 or g.world is None:
        return p.population
    return _county_people(p.a2, g)


@functools.lru_cache(maxsize=4096)
def _county_people(a2: str, g: Gazetteer) -> int:
    # a read-only query on the index's entry table (indexed by a2); the index format is unchanged
    row = g.world.con.execute("SELECT SUM(population) FROM entry WHERE a2 = ? AND level = 0", (a2,)).fetchone() \
        if g.world is not None else None
    return int(row[0] or 0) if row else 0


_TITLE = (r"(?:Mr|Mrs|Ms|Miss|Dr|Sgt|Lt|Capt|Cpl|Det|Officer|Deputy|Chief|Sheriff|Judge|Trooper|Detective|Sen|Rep|Gov|"
          r"Mayor|Coach|Pastor|Rev|Attorney|Prosecutor|Investigator|Agent|Sergeant|Lieutenant|Captain|Corporal)\.?")
_NAME = r"[A-Z][a-z'’\-]+(?:[ \t]+[A-Z]\.)?"
_KIN = r"(?:man|woman|men|women|boy|girl|teen|teenager|resident|native|student|mother|father|son|daughter)\b"
# "Sgt. Wayne Jefferson", "Elijah Jackson, 16,", "Elijah Jackson and Shakur Franklin, both 16", "identified as Tracy Davis"
_PERSON = re.compile(
    rf"\b{_TITLE}[ \t]+(?:{_NAME}[ \t]+)?(?P<a>[A-Z][a-z'’\-]+)\b"
    rf"|\b{_NAME}[ \t]+(?P<b>[A-Z][a-z'’\-]+)(?:[ \t]+(?:Jr|Sr|II|III)\.?)?,[ \t]*(?:both[ \t]+|ages?[ \t]+)?\d{{1,3}}\b"
    rf"|\b{_NAME}[ \t]+(?P<c>[A-Z][a-z'’\-]+)[ \t]+and[ \t]+{_NAME}[ \t]+[A-Z][a-z'’\-]+,[ \t]*both\b"
    rf"|\b{_NAME}[ \t]+(?P<e>[A-Z][a-z'’\-]+),[ \t]+(?:a|an|the|his|her|their)[ \t]+[a-z]"
    rf"|\bidentified[ \t]+(?:him|her|them|the[ \t]+\w+)?[ \t]*as[ \t]+(?:{_NAME}[ \t]+)+(?P<d>[A-Z][a-z'’\-]+)\b"
    # "16-year-old Elijah Jackson", "the 32 year old Dana Tyler" (not "a 20-year-old Salina man")
    rf"|\b\d{{1,3}}[- ]year[- ]old[ \t]+{_NAME}[ \t]+(?P<f>[A-Z][a-z'’\-]+)\b(?![ \t]+{_KIN})"
    # a quote's speaker: "said Casey Jackson."
    rf"|\bsaid[ \t]+{_NAME}[ \t]+(?P<g>[A-Z][a-z'’\-]+)\b(?=[ \t]*[.,])"
    # a nickname in quotes between the names: 'Tyrone "Rocky" Webster', "Deshawn ‘Man’ Tyler"
    rf"|\b{_NAME}[ \t]+[\"“”‘’'][ \t]?[A-Z][\w.\-]*(?:[ \t]+[A-Z][\w.\-]*)?[ \t]?[\"“”‘’'][ \t]+(?P<h>[A-Z][a-z'’\-]+)\b")
# the given name of a person the article introduces with an age: "Tyler Brooks, 17," "the 4-year-old
# Austin Reed": alone later ("Tyler was a good kid") it is the person, not Tyler, Texas
_GIVEN = re.compile(
    rf"\b(?P<a>[A-Z][a-z'’\-]+)(?:[ \t]+[A-Z]\.)?[ \t]+[A-Z][a-z'’\-]+(?:[ \t]+(?:Jr|Sr|II|III)\.?)?,[ \t]*"
    rf"(?:both[ \t]+|ages?[ \t]+)?\d{{1,3}}(?![\w-])"
    rf"|\b\d{{1,3}}[- ]year[- ]old[ \t]+(?P<b>[A-Z][a-z'’\-]+)(?:[ \t]+[A-Z]\.)?[ \t]+[A-Z][a-z'’\-]+\b(?![ \t]+{_KIN})")
_COUNTY_CUE = re.compile(r"\b(?:in|near|outside|across|of|throughout)[ \t]+(?:the[ \t]+)?"
                         r"(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|central|rural)[ \t]+)?$",
                         re.I)
_PLACE_CUE = re.compile(r"\b(?:in|near|outside|from|at|to|of)[ \t]+(?:the[ \t]+)?(?:city[ \t]+of[ \t]+)?$", re.I)


@functools.lru_cache(maxsize=64)
def surnames(text: str) -> frozenset[str]:
    """Names the article gives people: a family name with a title before it or an age after it, a quote's
    speaker ("said Casey Jackson."), and the given name of a person introduced with an age."""
    return frozenset(next(v for v in m.groups() if v) for m in _PERSON.finditer(text)) | given_names(text)


@functools.lru_cache(maxsize=64)
def given_names(text: str) -> frozenset[str]:
    """Given names of people the article introduces with an age ("Tyler Brooks, 17,")."""
    return frozenset(next(v for v in m.groups() if v) for m in _GIVEN.finditer(text))


def is_surname(text: str, s: int, e: int) -> bool:
    """A one-word name the article uses for a person ("Jefferson said"), not after "in" or "near"."""
    word = text[s:e]
    return word in surnames(text) and not _PLACE_CUE.search(text[max(0, s - 24) : s]) \
        and not re.match(r",[ \t]*[A-Z]", text[e : e + 3])  # "Jackson, Tenn." is the town


@functools.cache
def followers() -> frozenset[str]:
    """us_town_followers.txt: words after a town that do not continue its name."""
    path = "strikewatch/data/us_town_followers.txt"
    text = resources.files("strikewatch.data").joinpath("us_town_followers.txt").read_text(encoding="utf-8")
    words = {n: line.split("#", 1)[0].strip() for n, line in enumerate(text.splitlines(), 1)}
    bad = [f"line {n}: {w!r} must be one lower-case word" for n, w in words.items() if w and not re.fullmatch(r"[a-z']+", w)]
    if bad:
        raise DataFileError(path, bad)
    return frozenset(words.values()) - {""}


_POST = re.compile(r"(?:Fort|Camp)[ \t]+[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*)?")


def post_parts(surface: str, g: Gazetteer) -> list[Place]:
    """An Army post GeoNames has only as its census parts ("Fort Riley North", "Fort Polk South"):
    the biggest part stands for the post, when the parts are of one state."""
    if not _POST.fullmatch(surface):
        return []
    parts = [p for side in ("North", "South", "East", "West") for p in g.candidates(f"{surface} {side}", exact=True, countries=("US",))
             if p.cc == "US" and p.level == 0]
    if len({p.a1 for p in parts}) != 1:
        return []
    return [max(parts, key=lambda p: p.population)]


def is_follower(word: str) -> bool:
    """A word of us_town_followers.txt, as written or less a plural or possessive ending ("Police's",
    "Teens"); "News" is the word itself, not "new"."""
    w = word.lower()
    return w in followers() or w.rstrip("'’s") in followers()


def town_follows(text: str, e: int) -> bool:
    """A word of us_town_followers.txt comes next: "Opelousas Police", "Duncan Teen"."""
    m = re.match(r"[ \t]+([A-Za-z']+)", text[e : e + 30])
    return m is not None and is_follower(m.group(1))


_DATELINE = re.compile(r"[ \t]*(?:,|[-–—]|\()")


def dateline_at(text: str, s: int, e: int) -> bool:
    """The name opens a line and a dateline's comma, dash or bracket follows: "LAKE PLACID - A woman ..."."""
    return (s == 0 or text[s - 1] == "\n") and bool(_DATELINE.match(text, e))


@functools.cache
def _vocabulary() -> re.Pattern[str]:
    """us_vocabulary.txt as one pattern: phrases of American institutions ("sheriff's deputies")."""
    text = resources.files("strikewatch.data").joinpath("us_vocabulary.txt").read_text(encoding="utf-8")
    return parse_vocabulary(text, "strikewatch/data/us_vocabulary.txt")


def parse_vocabulary(text: str, path: str) -> re.Pattern[str]:
    """One phrase a line, lower case; '#' starts a comment line; problems raised naming file and line."""
    rows = {n: line.strip() for n, line in enumerate(text.splitlines(), 1) if line.strip() and line[0] != "#"}
    bad = [f"line {n}: {w!r} must be lower case" for n, w in rows.items() if w != w.lower()]
    if bad or not rows:
        raise DataFileError(path, bad or ["no phrases"])
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]")
                   for w in sorted(rows.values(), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", re.I)


US_WORDS = 1  # phrases of us_vocabulary.txt that make an article naming no other country American


# "in the 2400 block of Elm Street": police copy in the US places an incident by its hundred-block
# (house numbers run by hundreds along a street); other countries' blocks are numbered ("Block 7") or
# named ("a block of flats", "Swat block"), never a multiple of a hundred before "block of"
_HUNDRED_BLOCK = re.compile(r"(?<![\w,.])[1-9]\d{0,2}00[ \t]+block[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z0-9]")


def american_words(text: str, g: Gazetteer | None = None) -> int:
    """How many different phrases of American institutions the text uses (a hundred-block address is one,
    and so is a station named; with `g`, so is a US outlet's address of the article being read)."""
    words = {re.sub(r"\s+", " ", m.group().lower().replace("’", "'")) for m in _vocabulary().finditer(text)}
    # a US station named by its call sign ("told KDKA") is one too, and so is a US outlet's address
    return len(words) + bool(_HUNDRED_BLOCK.search(text)) + bool(station_spans(text) or (g is not None and host_homes(g))) \
        + bool(agencies_named(text))


# a US number as local news prints a tip line: "(904) 555-0143", "410-555-0100", "217.555.0199"
_PHONE = re.compile(r"(?<![\w(+-])(?:\((?P<a>[2-9]\d\d)\)[ \t]?|(?P<b>[2-9]\d\d)[-.])\d{3}[-.]\d{4}(?![\w-])")


def phone_states(text: str, st: States) -> list[str]:
    """The states of the US telephone numbers the text prints (once a state), by their area codes, from
    the `phonenumbers` package's offline geocoding data; toll-free and unknown codes say nothing."""
    # imported here: its geocoding tables load on first use, and most texts print no number
    import phonenumbers
    from phonenumbers import geocoder

    out: list[str] = []
    for m in _PHONE.finditer(text):
        try:
            number = phonenumbers.parse(m.group(), "US")
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.region_code_for_number(number) != "US":
            continue  # Canada and the Caribbean share the +1 plan
        where = geocoder.description_for_number(number, "en")  # "Maryland", "Jacksonville, FL", "Washington D.C."
        name = "DC" if where.startswith("Washington D") else where.rpartition(", ")[2]
        a1 = st.code.get(name)
        if a1 is not None and a1 not in out:
            out.append(a1)
    return out

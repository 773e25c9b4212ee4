"""Where: place names in text, resolved against the offline gazetteer.

NER labels are not trusted (spaCy tags Palmyra as a person and Akerbat as an organisation).
Instead, runs of capitalised words ("Deir El-Zour", "Khan Sheikhoun", "al-Badu", with lower-case
particles such as al-, ez- and of inside) are looked up in the gazetteer directly, longest first.
The words around a name say what it names: "Idlib province", "the province of Aleppo" and "the
Idlib countryside" are governorates (precision "region"); "northern Syria", "north of Raqqa" and
"200km southwest of Raqqa" keep the place and record the relation in `context`. Datelines and
source names ("Raqqa Is Being Slaughtered Silently") are masked by the caller.

    >>> from strikewatch.extract.gazetteer import Gazetteer
    >>> [(p.mention, p.location.precision, p.location.admin1, p.context)
    ...  for p in find_places("Strikes hit the north of Raqqa province.", Gazetteer.load())]
    [('Raqqa province', 'region', 'Ar-Raqqa', ['north of', 'region', 'province'])]
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..model import Location
from . import ushosts, usneighbourhoods, usplaces
from .gazetteer import NEIGHBOURS, Gazetteer, Place, norm
from .respell import ukrainian
from .uasettlements import soft

MAX_WORDS = 6  # the longest name tried: "Maarat al-Numan" is three words, "Bab al-Hawa crossing" four
# lower-case words inside names: Arabic articles, "of", the Persian/Pashto "wa" (and), "i"/"e" (of), and
# the Spanish, Portuguese and Italian "of"/"the" (Rio de Janeiro, Ciudad del Carmen, San Juan de los Lagos)
LINKS = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "ez", "an", "of", "bin", "ibn", "wa", "i", "e",
                   "de", "del", "do", "da", "dos", "das", "di", "la", "las", "los"})
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’‘`ʿʾ\-]*[^\W_])?")
_PREFIXED = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|ez|an)[-‐]", re.I)  # al-Badu, ez-Zor
# one-word names followed by these stay places even when capitalised: "Idlib Province", "Homs City"
_PLACE_WORDS = frozenset({"province", "provinces", "governorate", "countryside", "city", "town", "village", "camp",
                          "airport", "airbase", "base", "district", "region", "area", "suburbs", "border", "crossing",
                          "dam", "prison", "hospital", "university", "road", "highway", "front", "outskirts",
                          "oblast", "obl", "raion", "rayon",
                          # South Asian and African sub-districts and towns' own bodies: "Chandina upazila",
                          # "Myingyan Township Court", "Ajmer Municipal Corporation", "Lahore Police"
                          "upazila", "upazilla", "tehsil", "taluka", "taluk", "mandal", "township", "municipality",
                          "municipal", "corporation", "lga", "commune", "police", "zone", "division", "regency",
                          "cercle", "woreda", "department", "prefecture", "chiefdom"})
_DIR = r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?|central"
_REGION_AFTER = re.compile(rf"^(?:['’]s)?\s+(?:(?P<dir>{_DIR}|rural|eastern|western)\s+)?"
                           r"(?P<kw>provinces?|governorates?|countryside|country-side|oblasts?|obl)\b", re.I)
_REGION_BEFORE = re.compile(rf"\b(?:(?P<dir>{_DIR})\s+)?(?P<kw>provinces?|governorates?|countryside)\s+of\s+"
                            r"(?:the\s+)?$", re.I)
_RURAL_BEFORE = re.compile(r"\b(?P<kw>rural)\s+$", re.I)
_REL_BEFORE = re.compile(rf"(?P<dist>\d[\d,.]*\s*(?:km|kms|kilometres|kilometers|miles)\s+)?(?:\b(?P<rel>{_DIR})"
                         r"\s+of\s+|\b(?P<adj>" + _DIR + r")\s+)(?:the\s+)?$", re.I)
_NEAR_BEFORE = re.compile(r"\b(?:near|outside|around|nearby|close to|(?:outskirts|suburbs|vicinity|edge) of)\s+(?:the\s+)?"
                          r"(?:\w+\s+)?(?:(?:city|town|village|area)\s+of\s+)?$", re.I)
_CITY_BEFORE = re.compile(r"\b(?P<kind>city|town|village)\s+of\s+$", re.I)
_CITY_AFTER = re.compile(r"^(?:['’]s)?\s+(?P<kind>city|town|village|area|region|suburbs|outskirts)\b", re.I)
# "X district, Y province", "X district of Y", "X (Y district, Z)", "X in Y": Y may hold X
_OUTER = re.compile(r"^\)?(?:\s+(?:district|sub-?district|province|county|city|town|village|area|region|oblast|raion|"
                    r"upazilla|upazila|tehsil|township|lga|state|regency|cercle|zone|woreda|commune|department|"
                    r"prefecture|sub-?prefecture|chiefdom|sub-?county|"
                    r"governorate|municipality|neighbou?rhood|camp|locality|territory|bazaar|market|valley)s?"
                    r"(?:\s+cent(?:er|re))?)?(?P<sep>\s*,\s*|\s+\(|\s+(?:of|in|under)\s+(?:the\s+)?)"
                    r"(?P<outer>[A-Z][\w'’\-]+(?:[ \t]+(?:(?:and|de|del|do|da|dos|das|la|los)[ \t]+)*[A-Z][\w'’\-]+){0,3})")
_UNIT_AFTER = re.compile(r"^\s+(?:district|sub-?district|province|county|village|town|city|area|camp|oblast|"
                         r"raion|governorate|neighbou?rhood|upazilla|upazila|tehsil|taluka|township|lga|"
                         # Indonesia's regencies, Mali's cercles, Ethiopia's zones and woredas, Francophone
                         # Africa's communes, departments and prefectures, Sierra Leone's chiefdoms
                         r"regency|regencie|cercle|zone|woreda|commune|department|prefecture|sub-?prefecture|"
                         r"chiefdom|sub-?county|local government)s?\b", re.I)
# a town of the article's country before one of these names a body of that town: "the Karachi Press
# Club", "Rambukkana Hospital staff", "the Galle Bar Association"
_BODY_WORDS = frozenset({"press", "club", "university", "college", "court", "school", "secretariat", "assembly", "bar",
                         "railway", "station", "bus", "jail", "medical", "congress", "chapter", "unit", "mosque",
                         "temple", "church", "stadium", "bazaar", "market", "chowk", "road", "bridge"})
CUE_FREE = 20_000
UA_TOWN = 10_000  # a Ukrainian town this big is the one meant, not a village of its name (Krasnohorivka)
FRONT_TOWN = 100_000  # a town abroad this big is meant by its name in a text naming no country; smaller ones yield
# to a village of the day's front (Kamenka, Sokolniki: villages by Luhansk, towns in Russia)
METONYM_POPULATION = 1_000_000  # a city this big before "forces" or "-backed" names its government
_GOVERNMENT_AFTER = re.compile(r"^(?:(?:['’]s)?(?:\s+|\s*-\s*)(?:forces|troops|army|military|regime|authorities|"
                               r"government|soldiers|loyalists|backed|controlled|loyal|punitive)|['’]s\s+(?:snipers?|"
                               r"shelling|side|attacks?)|\s+(?:says|said|accuses|accused|blames|blamed|sabotages|"
                               r"denies|denied|rejects|warns|claims|refuses))\b", re.I)
# a name before the word of an armed unit names the unit ("the Skhid task force", "the Aidar battalion"),
# not where it fights
_MILITARY_UNIT_AFTER = re.compile(r"^(?:['’]s)?\s+(?:task\s+force|battalion|brigade|regiment|(?:operational[- ])?"
                                  r"tactical\s+group|operational\s+command)s?\b", re.I)
# "Kiev shelling in Donetsk": a capital's attack on another place is its government's
_ATTACK_ON_OTHER = re.compile(r"^\s+(?:shelling|shells|shellfire|air\s?strikes?|strikes?|bombardment|offensive)\s+"
                              r"(?:in|on|of|at|near)\s+(?:the\s+)?(?P<other>[A-Z]\w+)")
SMALL_TOWN = 1_000  # in a note that names no country, a town this big named "in X" gives its country if unique
# "in Assiut, Alexandria, and Suez": a list of places, not a town and its province
_LISTED = re.compile(r"^\s*,\s*[A-Z][\w'’\-]+(?:[ \t]+[A-Z][\w'’\-]+){0,3}\s*(?:,|and\b)")
# a list goes on after its second name ("Assiut, Alexandria, and Suez"); "Makhmour, Erbil, killing two" does not
_LIST_OF_3 = re.compile(r"^\s*,\s*[A-Z][\w'’\-]+(?:[ \t]+[A-Z][\w'’\-]+){0,3}\s*(?:,\s*(?:and\s+)?[A-Z]|and\b)")
NEAR_OUTER_KM = 40  # a place this close to the unit the text puts it in may lie just across its border
# capitalised words that follow a place without continuing its name: "in south Nashville Monday night"
_CALENDAR = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
                      "June July August September October November December".split())
# words before a comma and a state that are no town too small for the gazetteer: "on Sunday, Indiana State
# Police said", "Meanwhile, Hawaii County police ..."
_NOT_TOWNS_BEFORE_STATE = _CALENDAR | frozenset("Meanwhile However Today Tonight Yesterday Earlier Later Also Now "
                                                "Still Instead Elsewhere Overall Afterward Additionally Again".split())
_LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:in|near|at|from|outside|around|into|to|toward|towards|across|between|of|on|and|or|via|by|hit|struck|"
    r"shelled|targeted|bombed|entered|captured|reach|reached|stormed|raided|overran|seized)|,)\s+(?:the\s+)?"
    r"(?:(?:town|village|city|area|district|camp|neighbou?rhood|outskirts|suburbs?|vicinity|countryside|region|"
    r"province|county|outskirts)\s+of\s+(?:the\s+)?)?(?:(?:northern|southern|eastern|western|central|north|south|"
    r"east|west|rural|besieged|nearby|neighbou?ring|downtown)\s+)?$", re.I)
_AFTER_UNIT = re.compile(r"\b(?:district|sub-?district|county|raion)s?(?:\s+cent(?:er|re))?\s*(?:,|\s(?:of|in))\s*(?:the\s+)?$",
                         re.I)
# "Balkh (Khas Balkh) district", "Khost city": the word after says a town or its district is meant
_LOCAL_AFTER = re.compile(r"^(?:\s*\([^)]{0,40}\))?\s+(?:district|sub-?district|city|town|village|area)s?\b", re.I)
_DISTRICT_AFTER = re.compile(r"^\s+(?:district|sub-?district|raion|county|districts|upazilla|upazila|tehsil|lga|"
                             r"regency|cercle|zone|department|prefecture|local government)\b", re.I)
_BLANKS = re.compile(r"[ \t]+")
# "the Kabul-Jalalabad highway", "along the Bama-Gwoza and Dikwa-Marte axis": towns a road joins
_PAIR = re.compile(r"([A-Z][a-z]{2,})[-‐–]([A-Z][a-z]{2,})")
_ROAD_AFTER = re.compile(r"(?:\s+and\s+[A-Z][a-z]{2,}[-‐–][A-Z][a-z]{2,})?\s+(?:road|highway|axis|route|corridor|"
                         r"railway|motorway|expressway|stretch)s?\b", re.I)
# "northern Darfur", "central Gaza": a direction that may name a unit of its own (_part_named)
_PART_BEFORE = re.compile(r"\b(north|south|east|west|northern|southern|eastern|western|central|middle)[ \t]+$", re.I)
_TOWN_AFTER = re.compile(r"[ \t]+(?:city|town|village)\b", re.I)
# a landmark or a street named after a town: "Cairo Street", "the Salah al-Din Mosque"
_LANDMARK_AFTER = re.compile(r"(?:['’]s)?[ \t]+(?:street|st\.|road|mosque|square|roundabout|"
                             r"bridge|hall|tower|family|clan)\b", re.I)
_SAINT_BEFORE = re.compile(r"\b(?:St|Ft|Mt)\.[ \t]*$")
_LIST_GAP = re.compile(r"^(?:['’]s)?\s*,?\s*(?:and\s+)?$")  # ", ", " and ", or a space where commas were dropped


@dataclass
class PlaceMention:
    start: int  # character offsets into the text searched
    end: int
    mention: str  # the text as spelled, text[start:end]
    location: Location
    # what the words around say: "region" (named as a governorate) and its word ("province"),
    # "country", "city"/"town", a direction ("northern", "north of"), "near", "distance" (so many
    # km from it: the place is a landmark, not the scene)
    context: list[str] = field(default_factory=list)
    parent: str | None = None  # the city a neighbourhood lies in


@dataclass
class _Token:
    start: int
    end: int
    text: str
    link: bool  # a lower-case particle inside a name ("al", "ez", "of")


def find_places(text: str, gazetteer: Gazetteer, *, start: int = 0, end: int | None = None,
                masked: Sequence[tuple[int, int]] = (), day: dt.date | None = None) -> list[PlaceMention]:
    """Every place named in `text[start:end]`, left to right, with offsets into `text`; spans
    overlapping `masked` (datelines, source names) are skipped. `day`: when the article was written,
    which says where its country's war was then (a village name several oblasts share)."""
    end = len(text) if end is None else end
    out: list[PlaceMention] = []
    ctx, units = _context(text, gazetteer, day)
    for run in _runs(text, start, end):
        i, last_end = 0, -1
        while i < len(run):
            for j in range(min(len(run), i + MAX_WORDS), i, -1):
                hit = None if run[i].link or run[j - 1].link else _match(text, run, i, j, gazetteer, masked, last_end,
                                                                           ctx, units, out[-1].end if out else -1, day)
                if hit is not None:
                    out.append(hit)
                    last_end, i = run[j - 1].end, j
                    break
            else:
                i += 1
    # "D.C." in a US story; "St. Louis", "Port St. Lucie" in any
    extra = [PlaceMention(s, e, text[s:e], p.location(text[s:e]), _relations(text, s, e))
             for s, e, p in usplaces.us_mentions(text, gazetteer, start, end, ctx, is_us_story(text, gazetteer))
             if not any(s < me and ms < e for ms, me in masked)]
    if extra:
        out = sorted([p for p in out if not any(p.start < x.end and x.start < p.end for x in extra)] + extra,
                     key=lambda p: p.start)
    return _plural_regions(text, out, gazetteer)


def us_state_only(text: str, g: Gazetteer) -> list[PlaceMention]:
    """A US story naming no town or county: the state its cues name (a tip line's area code, "Tenn."), if one."""
    hit = usplaces.cued_state(text, g)
    if hit is None:
        return []
    said = text[hit[0] : hit[1]]  # "" where only the outlet's address names the state
    return [PlaceMention(hit[0], hit[1], said, hit[2].location(said).model_copy(update={"mention": said or None}), ["region"])]


def article_countries(text: str, g: Gazetteer) -> tuple[str, ...]:
    """The countries an article is about (ISO codes, most named first): those named, and those whose
    provinces or big towns are named, counted; a country counts when named at least half as often
    as the first. None found: the one country all its towns of 20,000+ lie in, if there is one;
    else () and the gazetteer's default (Syria's region)."""
    return _context(text, g)[0]


def is_us_story(text: str, g: Gazetteer) -> bool:
    """US local news: the US is the article's only country, or its state cues make it American. A
    Syrian article that names the US most is not one (Syria is among its countries)."""
    return _is_us_story(text, g, ushosts.current())


@functools.lru_cache(maxsize=16)  # asked for every capitalised name the article has
def _is_us_story(text: str, g: Gazetteer, host: str) -> bool:  # the host: part of the key (us_cues reads it)
    ctx = _context(text, g)[0]
    return ctx[:1] == ("US",) and (len(ctx) == 1 or usplaces.us_story(usplaces.us_cues(text, g)))


@dataclass(frozen=True)
class _Tally:
    """What an article's names say of its country whatever day it was written: a US story's answer
    (`final`), or the votes the day's front may still add to."""
    final: tuple[tuple[str, ...], frozenset[str]] | None
    votes: Counter[str] = field(default_factory=Counter)
    nationals: Counter[str] = field(default_factory=Counter)
    units: frozenset[str] = frozenset()
    placed: tuple[tuple[str, int], ...] = ()
    named: frozenset[str] = frozenset()  # countries the text names, or names a nationality of


def _context(text: str, g: Gazetteer, day: dt.date | None = None) -> tuple[tuple[str, ...], frozenset[str]]:
    """The article's countries and the provinces it names (GeoNames admin1 codes). `day`: when it was
    written, for a bare village name of the front of that day's war."""
    return _context_of(text, g, day, ushosts.current())


@functools.lru_cache(maxsize=16)
def _context_of(text: str, g: Gazetteer, day: dt.date | None, host: str) -> tuple[tuple[str, ...], frozenset[str]]:
    tally = _tally(text, g, host)  # asked with and without the day: counted once
    if tally.final is not None:
        return tally.final
    votes, nationals, units, placed = Counter(tally.votes), tally.nationals, tally.units, tally.placed
    # a village of the day's front and the words of its name vote below, not for a Russian town of its name
    # (Kamenka) nor for Macedonia's Lozovo in "Nizhni Lozovoe"
    villages = [] if votes or _RUSSIAN_SIDE.search(text) else [
        (at, at + len(surface)) for surface, at in placed if _cued(text, at, surface)
        and _front_village(surface, g, day, by_consonants=_alone(text, at, at + len(surface)))
        and not g.countries_of(surface, min_population=FRONT_TOWN)]
    placed_abroad = [(surface, at) for surface, at in placed
                     if not any(s < at + len(surface) and at < e for s, e in villages)]
    if not votes:  # a headline or a note that names only a town or a misspelt province: its country, if unambiguous
        for surface, _ in placed_abroad:
            if len(ccs := g.countries_of(surface, min_population=20_000) or g.countries_of(surface, variants=True)) == 1:
                votes.update(ccs)
    if not votes and not nationals:  # a district or small town the words call a place ("in Rajbari", "Jumla
        for surface, at in placed_abroad:  # district"): the one country that has a unit or a town of 1,000+ so named
            if len(ccs := g.countries_of(surface, min_population=SMALL_TOWN, districts=True)) == 1 and _cued(text, at, surface):
                votes.update(ccs)
    if not votes and (not nationals or (set(nationals) <= {"RU", "UA"} and not _RUSSIAN_SIDE.search(text))):
        # a village only Ukraine's codifier knows, or only Ukraine among the places of that name however
        # small, or one of the front of the day's war ("Olkhovatka" on a line of its own; villages in
        # Russia have the name too); "a Russian helicopter attack" on it is still in Ukraine, but not
        # "the Russian village of X" or "cross-border shelling"
        front = g.front_units("UA", day)
        for surface, at in placed:
            if (oblasts := g.settlement_oblasts(surface, skeleton=False)) \
                    and (g.countries_of(surface, min_population=0) <= {"UA"} or front.intersection(oblasts)) \
                    and _cued(text, at, surface):
                votes["UA"] += 1
            elif _cued(text, at, surface) and not g.countries_of(surface, min_population=FRONT_TOWN) \
                    and _front_village(surface, g, day, by_consonants=_alone(text, at, at + len(surface))):
                # "Sokolniki" (Sokilnyky); by consonants alone ("Redkodub", Ridkodub) only a name on a line
                # of its own, a list of sources by place: in a sentence too many names abroad share them
                votes["UA"] += 1
    if votes and nationals:  # "Houthi forces ... Al Bayda governorate": of two countries voted, the group's
        for cc in [cc for cc in nationals if votes[cc]]:
            votes[cc] += 3
    if not votes and nationals:  # "Kenyan police fired on protesters in Milimani": Kenya's places
        top = nationals.most_common(1)[0][1]
        votes.update({cc: n for cc, n in nationals.items() if n == top})
    if not votes:
        return (), frozenset()
    top = votes.most_common(1)[0][1]
    countries = tuple(cc for cc, n in votes.most_common() if n >= top / 2)
    return countries, frozenset(u for u in units if u.partition(".")[0] in countries)


@functools.lru_cache(maxsize=16)
def _tally(text: str, g: Gazetteer, host: str) -> _Tally:
    """`_context`'s half that the day does not change: the names' votes, and a US story's answer (`host`,
    the outlet's address of the article being read, is a faint state cue: part of the key)."""
    votes: Counter[str] = Counter()  # a country named 12, a unit or big town 6 shared among its countries
    nationals: Counter[str] = Counter()  # "Afghan forces": counted only where nothing else votes
    units: set[str] = set()
    named: set[str] = set()
    spans: list[str] = []
    placed: list[tuple[str, int]] = []  # (name, offset): the names, where they stand
    shared: list[frozenset[str]] = []  # the countries each place name voted for
    people = usplaces.surnames(text) if usplaces.american_words(text, g) >= usplaces.US_WORDS else frozenset()
    for run in _runs(text, 0, len(text)):
        words = [t for t in run if not t.link]
        i = 0
        while i < len(words):
            nxt = i + 1  # past a name that voted: "Al Bayda" votes, not "Bayda" again
            for j in range(min(len(words), i + 3), i, -1):
                surface = re.sub(r"['’]s$", "", text[words[i].start : words[j - 1].end])
                if (c := g.country(surface)) is not None and c.cc and surface in people:
                    nxt = j  # "Sheriff Scott Israel" in a US story: a surname, no country named
                    break
                if (c := g.country(surface)) is not None and c.cc:
                    votes[c.cc] += 12
                    named.add(c.cc)
                    units |= g.area_units(surface)  # "in Donbas": its two oblasts, as if named
                    nxt = j
                    break
                if (cc := g.demonym(surface)) is not None:
                    nationals[cc] += 1
                    nxt = j
                    break
                if groups := g.actor(surface):  # "Boko Haram", "Al Shabaab": a cue like a nationality
                    nationals.update(groups)
                    nxt = j
                    break
                if g.is_stopword(surface):
                    continue
                spans.append(surface)
                placed.append((surface, words[i].start))
                # a name of several words votes for the countries of its smaller towns, else of its
                # districts ("Deir al-Balah", "Northern Samar"): its parts would vote elsewhere ("Samar" is
                # also Samara, Russia)
                if ccs := g.countries_of(surface) or (j - i > 1 and (
                        g.countries_of(surface, min_population=SMALL_TOWN) or g.countries_of(surface, districts=True))):
                    for cc in ccs:
                        votes[cc] += 6 // len(ccs)
                    shared.append(frozenset(ccs))
                    units |= g.admin1_of(surface)
                    nxt = j
                    break
            i = nxt
    _explain_away(votes, shared, named | set(nationals))
    for surface, at in placed:  # "shot in Daytona Beach": a town the words place that only the US has
        if votes and not votes["US"] and g.countries_of(surface, min_population=SMALL_TOWN) == {"US"} \
                and _cued(text, at, surface) and not (surface in people or g.countries_of(surface)):
            votes["US"] += 6  # votes like a big town: US local news often names no state
            break
    if usplaces.us_story(cues := usplaces.us_cues(text, g)):
        # a US story: its states decide, and only countries it names by name (not Georgia) join it
        others = [cc for cc, _ in votes.most_common() if cc in named and cc != "US" and not (
            cc == "GE" and cues.get("US.GA"))]
        return _Tally((("US", *others), frozenset(a1 for a1, w in cues.items() if w >= usplaces.STATE_CUE)))
    if not named - {"US", *(("GE",) if cues.get("US.GA") else ())} \
            and usplaces.american_words(text, g) >= usplaces.US_WORDS:
        # "sheriff's deputies", "the district attorney" and no other country named: American, whatever
        # its town names are elsewhere too (Belgrade, Montana; Santa Cruz, California)
        return _Tally((("US",), frozenset(a1 for a1, w in cues.items() if w >= usplaces.STATE_CUE)))
    if votes["US"] and not named - {"US"}:  # fainter US cues ("San Antonio police") count as a province named each
        votes["US"] += round(6 * sum(cues.values()))
    return _Tally(None, votes, nationals, frozenset(units), tuple(placed), frozenset(named | set(nationals)))


def _explain_away(votes: Counter[str], shared: list[frozenset[str]], cued: set[str]) -> None:
    """Drop a country voted for only by names another country also has, where that other country has
    a vote of its own: "Tripoli ... the Lebanese army" is not about Libya, "Tripoli ... Benghazi" is."""
    own = cued | {cc for ccs in shared if len(ccs) == 1 for cc in ccs}
    for cc in [cc for cc in votes if cc not in own]:
        if all(ccs & own for ccs in shared if cc in ccs):  # votes come only from place names here
            del votes[cc]


# the text puts its place on Russia's side of the border: a village of that name there, not in Ukraine
_RUSSIAN_SIDE = re.compile(r"\bRussian\s+(?:border\s+|frontier\s+)?(?:village|town|city|settlement|hamlet|"
                           r"region|oblast|territory|soil|side)s?\b|\bcross[- ]border\b|\bacross the border\b|"
                           r"\b(?:Belgorod|Kursk|Bryansk|Rostov|Voronezh)\b", re.I)


def _attack_on_other(text: str, e: int, surface: str) -> bool:
    """ "Kiev shelling in Donetsk": the city's side attacks another place; not a dateline ("BEIRUT Air
    strikes in Syria") nor a time ("Aleppo shelling in August")."""
    m = _ATTACK_ON_OTHER.match(text[e : e + 40])
    return m is not None and not surface.isupper() and m.group("other") not in _CALENDAR


def _front_village(surface: str, g: Gazetteer, day: dt.date | None, *, by_consonants: bool = True) -> bool:
    """A settlement of the codifier in the front of that day (its raions where the zone names them),
    as written, in its Ukrainian spelling, or (`by_consonants`) by its consonants
    (`Gazetteer.front_settlements`)."""
    units, raions = g.front_units("UA", day), g.front_raions("UA", day)
    if not units:
        return False
    near = [r for r in g.settlement_raions(surface, skeleton=False)
            if (r in raions if raions else r.partition("/")[0] in units)]
    return bool(near or (by_consonants and g.front_settlements(surface, "UA", day)))


def _cued(text: str, s: int, surface: str) -> bool:
    """The words say a place is meant: "in X", "X district", a line of its own, "X police", "X teens"."""
    e = s + len(surface)
    return bool(_LOCATIVE_BEFORE.search(text[max(0, s - 60) : s]) or _UNIT_AFTER.match(text[e : e + 16])
                or _CITY_BEFORE.search(text[max(0, s - 20) : s]) or _alone(text, s, e) or usplaces.town_follows(text, e))


@functools.lru_cache(maxsize=64)  # the article-wide pass and the finder read the same runs
def _runs(text: str, start: int, end: int) -> list[list[_Token]]:
    """Runs of capitalised words separated by spaces only, particles allowed inside."""
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    for m in _TOKEN.finditer(text, start, end):
        word = m.group()
        link = word in LINKS
        head = word[m2.end() :] if (m2 := _PREFIXED.match(word)) else word
        if not link and not head[:1].isupper():
            runs.append(current)
            current = []
            continue
        if current and not _BLANKS.fullmatch(text, current[-1].end, m.start()):
            runs.append(current)
            current = []
        if (pair := _PAIR.fullmatch(word)) and _ROAD_AFTER.match(text, m.end()):
            # "the Maiduguri-Damboa road": two towns the road joins, each a name of its own
            current.append(_Token(m.start(), m.start() + pair.end(1), pair.group(1), False))
            runs.append(current)
            current = [_Token(m.start() + pair.start(2), m.end(), pair.group(2), False)]
            continue
        current.append(_Token(m.start(), m.end(), word, link))
    runs.append(current)
    return [r for r in runs if any(not t.link for t in r)]


def _match(text: str, run: list[_Token], i: int, j: int, g: Gazetteer, masked: Sequence[tuple[int, int]],
           last_end: int, ctx: tuple[str, ...] = (), units: frozenset[str] = frozenset(),
           prev_end: int = -1, day: dt.date | None = None) -> PlaceMention | None:
    s, e = run[i].start, run[j - 1].end
    if text[e - 2 : e] in ("'s", "’s"):
        e -= 2  # "Syria's Latakia province"
    surface, one_word = text[s:e], j - i == 1
    us = is_us_story(text, g)
    # a common word is a town where its state follows: "MOBILE, Ala.", "Orange, Texas"
    common = g.is_stopword(surface) and not (us and usplaces.state_after(text, e, g) is not None)
    if any(s < me and ms < e for ms, me in masked) or len(surface) < 3 or common or _SAINT_BEFORE.search(text[max(0, s - 6) : s]):
        return None  # "St. Ann" is no town Ann (a US story reads it whole: usplaces.us_mentions)
    inside = _inside_name(text, run, i, last_end, g)
    if (us or ctx[:1] == ("US",)) and (usplaces.not_a_town(text, s, e) or usplaces.in_county_list(text, s, e, g)):
        # an American story too faintly cued to be sure of ("Davis said") reads its names alike; a list of
        # counties ("Target Area: Daviess; Greene; Jackson") names no town
        return None
    if _MILITARY_UNIT_AFTER.match(text[e : e + 40]):
        return None  # "the Skhid task force said", "members of the Aidar battalion": a unit, not a place
    if (part := _part_named(text, s, surface, ctx, g)) is not None:
        return _resolve(text, s, e, part, g)
    if (country := g.country(surface)) is not None and not (us and country.cc not in ctx):
        if inside and one_word:
            return None
        return PlaceMention(s, e, surface, country.location(surface), _relations(text, s, e) + ["country"])
    # a name with a word like "At" or "Old" at either end is only taken as spelled ("The Hague")
    edge_word = not one_word and (g.is_stopword(run[i].text) or g.is_stopword(run[j - 1].text))
    variants = bool(_UNIT_AFTER.match(text[e : e + 16]) or _CITY_BEFORE.search(text[max(0, s - 20) : s]))
    found = g.candidates(surface, exact=edge_word, countries=ctx, variants=variants)
    if not found and us:
        found = usplaces.post_parts(surface, g)  # "Fort Riley": GeoNames has Fort Riley North
    if (outer := _outer_of_run(text, run, j, g, ctx)) is not None:  # "Nad-e Ali district, Helmand": in Helmand
        inner = g.candidates(surface, exact=edge_word, countries=ctx, within=outer)
        if us and not inner and outer.level == 1 and not inside and not _UNIT_AFTER.match(" " + surface) \
                and surface not in _NOT_TOWNS_BEFORE_STATE \
                and usplaces.state_after(text, e, g) is not None \
                and not any(g.candidates(text[run[k].start : e], countries=ctx, within=outer) for k in range(i + 1, j)):
            # "Hartsville, Ind.", a town too small for the gazetteer: the one county the text names in its
            # state, else its state; but "On-duty Albany, NY" is Albany
            return _resolve(text, s, e, usplaces.township_county(text, outer.a1, g) or outer, g)
        found = inner or (found if _LISTED.match(text[e : e + 80]) else [p for p in found if _may_lie_in(p, outer, g)])
    if not found and outer is not None and _DISTRICT_AFTER.match(text[e : e + 16]) \
            and (unit := g.misspelt_unit(surface, outer)) is not None:
        found = [unit]  # "Tala wa Bafrak district, Baghlan": Tala wa Barfak
    if not any(p.level == 2 or p.rank <= 1 and p.how < 2 for p in found) and _DISTRICT_AFTER.match(text[e : e + 16]) \
            and (unit := g.subdistrict(surface, countries=ctx, within=outer)) is not None:
        found = [unit, *found]  # "Palashbari upazila": a unit finer than GeoNames' districts
    if _DISTRICT_AFTER.match(text[e : e + 16]):  # "Arghandab district": the unit, not a village of that name
        found = sorted(found, key=lambda p: p.level != 2)
    elif _AFTER_UNIT.search(text[max(0, s - 30) : s]):  # "Imam Sahib district, Kunduz": the province
        found = sorted(found, key=lambda p: p.level != 1)
    elif _container(text, prev_end, s):  # "Tarmiyah, Salah al-Din": the province, not an Aleppo quarter
        found = sorted(found, key=lambda p: not (p.level == 1 and p.rank <= 1))
    cued = bool(variants or outer is not None or _LOCATIVE_BEFORE.search(text[max(0, s - 60) : s]) or _alone(text, s, e)
                or _container(text, prev_end, s))  # "Las Navas (Northern Samar)": the unit that holds a place
    if "UA" in ctx and cued and (outer is None or (outer.cc == "UA" and outer.level == 1 and not found)):
        found = _ukrainian_village(surface, found, units if outer is None else frozenset({outer.a1 or ""}), g,
                                   inside=outer is not None, front=g.front_units("UA", day),
                                   raions=g.front_raions("UA", day), day=day, alone=_alone(text, s, e))
    if not (cued or (us and (usplaces.town_follows(text, e) or usplaces.dateline_at(text, s, e)
                             or usplaces.COUNTY_WORD.search(surface)))):  # "Opelousas Police", "Madison County"
        # a village or district of the article's country is a place only where the words say so: "in
        # Benjamin", not "Benjamin said"; curated places, provinces and towns of 20,000+ need no cue
        found = [p for p in found if p.rank != 1 or p.level == 1 or (p.level == 0 and p.population >= CUE_FREE)]
    if units and any(p.rank == 1 and p.a1 in units for p in found):  # Bailey of the state the article names
        found = sorted(found, key=lambda p: p.rank == 1 and p.a1 not in units)
    if us:
        found = usplaces.choose(found, text, e, surface, g, ctx)
        if found and usplaces.named_for_saint(text, s, e, found[0]):
            return None  # "Saint Francis Hospital" is no Saint Francis, Wisconsin
        if (hood := usneighbourhoods.neighbourhood(text, s, e, found, g)) is not None:
            found = [hood]  # "in Englewood" in a Chicago story: the neighbourhood, not a town
    place = found[0] if found else None
    # a governorate's own name beats a foreign town found under an alternate name: "Anbar" is not
    # Ambar in Turkey, "Hatay" not Antakya; "Beirut" stays the city
    alias_only = place is None or (place.rank >= 2 and norm(place.name) != norm(surface))
    if alias_only and (region := g.region(surface)) is not None:
        return None if inside and one_word else _resolve(text, s, e, region, g)  # Rif Dimashq, Anbar, Hatay
    if place is None or (surface.isupper() and place.rank > 2 and len(surface) < 6):
        return None  # acronyms in capitals (SANA, ISIS) are not towns; datelines (BEIRUT) are
    if not us and _stray_abroad(text, s, e, place, ctx, g):
        return None
    if place.level == 0 and place.population >= METONYM_POPULATION and (_GOVERNMENT_AFTER.match(text[e : e + 30])
                                                                      or _attack_on_other(text, e, surface)):
        return None  # "Kiev forces shelled ...", "Damascus-backed militias": the government, not the city
    if (province := _province_not_town(text, s, e, place, g)) is not None:
        return None if inside and one_word else _resolve(text, s, e, province, g)
    if inside and (one_word or place.rank > 0):
        return None  # the war's own multi-word names ("Khan Touman") are not read as parts of others
    nxt = run[j] if j < len(run) and not run[j].link else None
    if nxt is not None and place.rank > 0 and not place.level and nxt.text.lower().rstrip("'’s") not in _PLACE_WORDS \
            and not (place.rank == 1 and nxt.text.lower() in _BODY_WORDS) \
            and nxt.text not in _CALENDAR and not (us and usplaces.is_follower(nxt.text)) \
            and not surface.isupper() and e == run[j - 1].end:  # a dateline may run on: "BEIRUT At least ten ..."
        return None  # a GeoNames town at the head of a longer name: "Hamm Group"; not "Beirut's Martyrs Square"
    return _resolve(text, s, e, place, g)


def _part_named(text: str, s: int, surface: str, ctx: tuple[str, ...], g: Gazetteer) -> Place | None:
    """ "northern Darfur", "in central Gaza", "eastern Ghouta": where a unit is named for that part of
    the place ("North Darfur", "Central Gaza", "Eastern Ghouta"), the unit; not "southern Sudan" (a
    country) nor "south Lebanon" (a town abroad). Only a unit of a country the place is in."""
    m = _PART_BEFORE.search(text[max(0, s - 12) : s])
    if m is None:
        return None
    word = m.group(1).lower()
    root = word[:-3] if word.endswith("ern") else word
    within = {p.cc for p in g.candidates(surface, countries=ctx)} | ({c.cc} if (c := g.country(surface)) else set()) \
        or set(ctx)  # "northern Darfur": a region with no unit of its own, in the article's country
    for name in dict.fromkeys((f"{root.title()} {surface}", f"{word.title()} {surface}")):
        for p in g.candidates(name, exact=True, countries=ctx):
            if p.cc in within and (p.level in (1, 2) or p.rank == 0 and p.precision == "district"):
                return p
    return None


def _stray_abroad(text: str, s: int, e: int, place: Place, ctx: tuple[str, ...], g: Gazetteer) -> bool:
    """A town or unit abroad in an article whose countries are known, where nothing points abroad:
    neither its country nor a nationality of it is named, and it is no city of a million ("Farah" is
    a girl's name in a Gaza case file, not Afghanistan's province). In a Gaza case file
    "Americana" is an area of Beit Lahia, not Americana in Brazil; "the Salah al-Din Mosque" names a
    man; a family called al-Qara is no Syrian village. Syria's neighbours stay in a Syrian article, as
    curated for it; so does a town the text calls one ("Jalalabad city", "the town of X"). A name before a street or a landmark ("Cairo Street", "Baghdad Mosque") names it
    after a town abroad, even a big one."""
    if not ctx or not place.cc or place.cc in ctx or ("SY" in ctx and place.cc in NEIGHBOURS):
        return False
    if _LANDMARK_AFTER.match(text[e : e + 16]):
        return True
    town_said = _TOWN_AFTER.match(text[e : e + 10]) or _CITY_BEFORE.search(text[max(0, s - 20) : s])
    return place.population < METONYM_POPULATION and place.cc not in _tally(text, g, ushosts.current()).named and not town_said


def _ukrainian_village(surface: str, found: list[Place], units: frozenset[str], g: Gazetteer, *,
                       inside: bool = False, front: frozenset[str] = frozenset(),
                       raions: frozenset[str] = frozenset(), day: dt.date | None = None,
                       alone: bool = False) -> list[Place]:
    """A village name in a Ukrainian article, against the state codifier's settlements of every oblast
    (uasettlements.py): one oblast has it (or one of the oblasts the text names, "in Donbas", "Donetsk
    region"; else the one of the `front`, the units of the war when the article was written, or the
    one with the name in the front's `raions`): the village there, else that oblast; several and
    nothing to choose by: not a random homonym, so no village at all. A town of 10,000+ so named keeps
    its name (Krasnohorivka), unless it lies away from the front and a place of the front has the name
    (Karlivka: a town in Poltava oblast, a village by Donetsk). GeoNames' Ukrainian places count as the
    codifier's do."""
    settlements = g.settlement_raions(surface)
    local = [p for p in found if p.cc == "UA" and p.rank == 1 and p.level == 0]
    if day is not None and (not settlements or alone and not any(
            r in raions if raions else r.partition("/")[0] in front for r in settlements)
            and not any(p.a1 in front for p in local)):
        # a spelling too far from the codifier's, or (a name on its own line) one that the codifier and
        # GeoNames have only away from the front: the front's villages of its consonants too
        # ("Makarovo": a village in Zakarpattia as spelled, Makarove by Luhansk)
        settlements = (*settlements, *g.front_settlements(surface, "UA", day))
    oblasts = {r.partition("/")[0] for r in settlements}
    everywhere = oblasts | {p.a1 for p in local if p.a1}
    war = front & everywhere
    towns = [p for p in local if p.population >= UA_TOWN and _own_name(p.name, surface)]
    if towns and not (war and not any(p.a1 in front for p in towns)):
        return found  # a town named in the news far more than the villages that share its name
    if not oblasts and not (war and len(everywhere) > 1):
        return found
    oblasts = everywhere
    named = oblasts & units
    pick = named if named or inside else oblasts  # "X, Donetsk region": only there
    if not pick:
        return found
    if len(pick) > 1 and not named and len(pick & front) == 1:
        pick = pick & front  # nothing in the text decides: the one oblast of the war's front that has it
    elif len(pick) > 1 and not named and raions and len(near := pick & {
            r.partition("/")[0] for r in settlements if r in raions}) == 1:
        pick = near  # Pisky: a village by Donetsk, and one in Luhansk oblast's north, far behind the line
    if len(pick) > 1:
        return [p for p in found if p not in local]  # which Stepanivka of eighteen oblasts: the text does not say
    (a1,) = pick
    if there := [p for p in local if p.a1 == a1]:
        return there + [p for p in found if p not in local]
    unit = g.unit(a1)
    return [replace(unit, precision="region", rank=1)] + [p for p in found if p not in local] if unit else found


def _own_name(name: str, surface: str) -> bool:
    """The place is named by its own name, up to y/i and a Russian spelling (Novotroitskoe is
    Novotroyitske), not by a former name it also has."""
    key = norm(surface)
    return soft(norm(name)) in {soft(key), soft(ukrainian(key) or key)}


def _container(text: str, prev_end: int, s: int) -> bool:
    """The name at `s` stands where a unit holding the place found before it (ending at `prev_end`)
    would: "X, Y", "X district of Y", "X (Y"."""
    if prev_end < 0 or not 0 < s - prev_end <= 40 or _LIST_OF_3.match(text[prev_end : prev_end + 80]):
        return False  # "in Assiut, Alexandria, and Suez": a list of towns
    m = _OUTER.match(text[prev_end : s + 40])
    return m is not None and prev_end + m.start("outer") == s


def _province_not_town(text: str, s: int, e: int, place: Place, g: Gazetteer) -> Place | None:
    """A curated province named like a small town that is not its seat is the province, unless the
    words say "town" or "city": "a post in Urozgan" is the province, not the village Uruzgan; a seat
    ("Kandahar", "Daraa") stays the town, the more precise of the two."""
    if place.level or place.rank == 0 or _CITY_BEFORE.search(text[max(0, s - 20) : s]) \
            or _LOCAL_AFTER.match(text[e : e + 60]):
        return None
    r = g.curated_province(text[s:e], place.cc)
    return r.place if r is not None and r.capital is not None and r.capital != place.geonameid else None


def _outer_of_run(text: str, run: list[_Token], j: int, g: Gazetteer, ctx: tuple[str, ...]) -> Place | None:
    """The unit named as the container of run[:j]: right after it ("X district, Y"), or after the
    rest of its run when that rest is an unknown name ("X Kalay of Y district": Y holds X too)."""
    for k in range(j - 1, len(run)):
        if not run[k].link and (outer := _outer(text, run[k].end, g, ctx)) is not None:
            return outer
    return None


def _may_lie_in(p: Place, outer: Place, g: Gazetteer) -> bool:
    """A place found outside the unit the text puts it in is still taken when it is in the same
    province or close to the unit ("Douma, Damascus": a town by the capital), or when it is a unit
    of the same rank in a list ("Kandahar, Helmand and Zabul"); a homonym far away is not: the
    "Rabat area of X district, Zabul" is not Morocco's capital."""
    if p.cc == outer.cc and (p.rank == 0 or p.level == outer.level == 1):
        return True  # the curated places of the war ("Eastern Ghouta of Damascus"); a list of provinces
    if p.how < 2 and ((p.a1 and p.a1 == outer.a1) or (p.admin1 and (p.country, p.admin1) == (outer.country, outer.admin1))):
        return True  # but a name matched by its consonants alone must also be near ("Gerdani" is no Ghoriyan 130 km off)
    if outer.lat is None:  # a district without a point: its province's
        outer = g.region_of(outer) or outer
    d = distance_km(p.location(), outer.location())
    return d is not None and d <= NEAR_OUTER_KM


def _alone(text: str, s: int, e: int) -> bool:
    """The name is a line of its own ("Shelling kills two\n\nMaryinka"): a line that says nothing
    but a name names a place as plainly as "in" does."""
    line_end = text.find("\n", e)
    after = text[e:] if line_end < 0 else text[e:line_end]
    return not text[text.rfind("\n", 0, s) + 1 : s].strip() and not after.strip()


def _outer(text: str, e: int, g: Gazetteer, ctx: tuple[str, ...]) -> Place | None:
    """The admin unit named right after a place as its container: "..., Balkh", "... of Helmand province"."""
    if is_us_story(text, g) and (state := usplaces.state_after(text, e, g)) is not None:
        return state  # "Hartsville, Ind."
    m = _OUTER.match(text[e : e + 80])
    if m is None:
        return None
    if m.group("sep").strip() == "(" and text[e + m.end() : e + m.end() + 1] == ")":
        return _outer(text, e + m.end() + 1, g, ctx)  # "Qazi (Qaziyan) village of X": another name, then X
    words = m.group("outer").split()
    for k in range(len(words), 0, -1):
        name = " ".join(words[:k]).removesuffix("'s").removesuffix("’s")
        units = [p for p in g.candidates(name, exact=True, countries=ctx) if p.level >= 1 and p.rank <= 1]
        if units:
            return units[0]
        if (region := g.region(name)) is not None and region.level:
            return region
    for k in range(len(words), 0, -1):  # then as transliterations vary: "Nahri Saraj" is Nahr-e Saraj
        name = " ".join(words[:k]).removesuffix("'s").removesuffix("’s")
        if len(name) >= 5 and (units := [p for p in g.candidates(name, countries=ctx, variants=True)
                                         if p.level >= 1 and p.rank <= 1]):
            return units[0]
    if _DISTRICT_AFTER.match(text[e + m.end() : e + m.end() + 16]):  # "X village under Y upazila": Y holds X
        return g.subdistrict(m.group("outer"), countries=ctx)
    return None


def _inside_name(text: str, run: list[_Token], i: int, last_end: int, g: Gazetteer) -> bool:
    """The span continues a person's or an organisation's name: "Rami Abdel Rahman", "Michael Jordan".
    A word at the start of a sentence, an acronym ("UN Syria envoy") or a place before it does not count."""
    prev = run[i - 1] if i > 0 and not run[i - 1].link else None
    if prev is None or prev.end == last_end or prev.text.isupper() or g.is_stopword(prev.text):
        return False
    if prev.text.endswith("s") and (g.country(prev.text[:-1]) or g.lookup(prev.text[:-1])):
        return False  # "Syrias Eastern Ghouta": FA-KES drops apostrophes
    sentence_start = re.search(r"(?:^|[.!?:;\"“”\n(]\s*)$", text[max(0, prev.start - 3) : prev.start])
    return not sentence_start and prev.text.lower() not in _PLACE_WORDS


def _relations(text: str, s: int, e: int) -> list[str]:
    before, hints = text[max(0, s - 60) : s], []
    if (m := _REL_BEFORE.search(before)) is not None:
        if m.group("dist"):
            hints.append("distance")
        hints.append(f"{m.group('rel').lower()} of" if m.group("rel") else m.group("adj").lower())
    if _NEAR_BEFORE.search(before):
        hints.append("near")
    if (m := _CITY_BEFORE.search(before) or _CITY_AFTER.match(text[e : e + 12])) is not None:
        kind = m.group("kind").lower()  # "region" marks governorates: the Palmyra region is an area
        hints.append({"region": "area", "suburbs": "near", "outskirts": "near"}.get(kind, kind))
    return hints


def _resolve(text: str, s: int, e: int, place: Place, g: Gazetteer) -> PlaceMention:
    """The place, or the governorate it names when a word around says so."""
    hints, surface = _relations(text, s, e), text[s:e]
    after = _REGION_AFTER.match(text[e : e + 40])
    m = after or _REGION_BEFORE.search(text[max(0, s - 50) : s]) or _RURAL_BEFORE.search(text[max(0, s - 10) : s])
    kw = m.group("kw").lower().replace("-", "").rstrip("s") if m else None
    region: Place | None = place
    if place.precision != "region":
        if m is None:
            return PlaceMention(s, e, surface, place.location(surface), hints, place.parent)
        # "Damascus countryside", "rural Damascus" and "Damascus province" are Rif Dimashq, not the city
        region = (g.region(f"{surface} {kw}", country=place.country) or g.region(f"{kw} {surface}", country=place.country)
                  or g.region(surface, country=place.country) or g.region_of(place))
    if region is None:
        return PlaceMention(s, e, surface, place.location(surface), hints + [str(kw)], place.parent)
    direction = m.groupdict().get("dir") if m else None
    if direction and direction.lower() not in hints:
        hints.append(direction.lower())
    end = e + after.end() if after else e
    return PlaceMention(s, end, text[s:end], region.location(text[s:end]), hints + ["region"] + ([kw] if kw else []))


def _plural_regions(text: str, found: list[PlaceMention], g: Gazetteer) -> list[PlaceMention]:
    """Lists under one plural keyword are all governorates: "Idlib and Hama provinces", "the
    governorates of Rif Dimashq, Daraa and Quneitra" (FA-KES drops the commas)."""
    for k in range(len(found) - 1, 0, -1):  # backwards from "... provinces"
        head = found[k]
        if re.search(r"^[^'’]*\s(?:provinces|governorates|countryside)$", head.mention, re.I) and "region" in head.context:
            _to_region(text, found, k - 1, head.context[-1], g)
    for k in range(len(found) - 1):  # forwards from "provinces of ..."
        before = text[max(0, found[k].start - 30) : found[k].start]
        if "region" in found[k].context and re.search(r"(?:provinces|governorates)\s+of\s+(?:the\s+)?$", before, re.I):
            _to_region(text, found, k + 1, found[k].context[-1], g, forward=True)
    return found


def _to_region(text: str, found: list[PlaceMention], k: int, kw: str, g: Gazetteer, *, forward: bool = False) -> None:
    """Turn found[k], and the list items beyond it, into governorates while the list goes on."""
    while 0 <= k < len(found):
        p, q = found[k], found[k - 1 if forward else k + 1]
        gap = text[q.end : p.start] if forward else text[p.end : q.start]
        if p.location.precision in ("region", "country") or not _LIST_GAP.match(gap):
            return
        region = g.region(p.mention, country=p.location.country) or g.region_of(p.location)
        if region is None:
            return
        found[k] = PlaceMention(p.start, p.end, p.mention, region.location(p.mention), p.context + ["region", kw])
        k += 1 if forward else -1


def distance_km(a: Location, b: Location) -> float | None:
    """Great-circle distance between two located places; None when either has no coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


_ORDER = {"point": 0, "neighbourhood": 1, "city": 2, "district": 3, "region": 4, "country": 5}
_RADIUS_KM = {"point": 2.0, "neighbourhood": 3.0, "district": 25.0}  # a city: the `km` argument


def contains(parent: Location, child: Location, *, km: float = 15.0) -> bool:
    """The child lies in the parent: a country holds its places, a governorate those with its
    admin1, a city what lies within `km` of it (Al-Badu in Raqqa, Harasta by Douma), a district
    or neighbourhood what lies within its rough radius. A larger unit never lies in a smaller one.

        >>> contains(Location(precision="region", country="Syria", admin1="Homs"),
        ...          Location(precision="city", country="Syria", admin1="Homs"))
        True
    """
    if _ORDER.get(child.precision or "", 9) > _ORDER.get(parent.precision or "", -1):
        return False
    if parent.precision == "country":
        return parent.country is not None and parent.country == child.country
    if parent.precision == "region":
        return parent.admin1 is not None and (parent.country, parent.admin1) == (child.country, child.admin1)
    d = distance_km(parent, child)
    return d is not None and d <= _RADIUS_KM.get(parent.precision or "", km)

"""Where: place names in text, resolved against the offline gazetteer.

NER labels are not trusted (spaCy tags Palmyra as a person and Akerbat as an organisation):
capitalised runs of words ("Deir El-Zour", "Khan Sheikhoun", "al-Badu") are looked up in the
gazetteer directly, longest first. A place followed by "province", "governorate" or
"countryside" (or preceded by "the province of") names its governorate, a region. Datelines and
source names ("Raqqa Is Being Slaughtered Silently") are masked by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Location
from .gazetteer import Gazetteer, Place

_WORD = r"(?:(?:al|el|ad|ash|as|ar|az|ez|an|at)-)?[A-Z][\w'’‘`-]*"
_RUN = re.compile(rf"{_WORD}(?:\s+(?:(?:al|el|ad|ash|ez|of|the|de)\s+)?{_WORD})*")
_REGION_AFTER = re.compile(r"^(?:'s)?\s+(?:province|governorate|countryside|region|suburbs|outskirts)\b", re.I)
_REGION_BEFORE = re.compile(r"\b(?:province|governorate|countryside|outskirts) of\s+$", re.I)
# capitalised words that GeoNames also knows as towns: never places on their own
STOP = {
    "the", "a", "an", "in", "on", "at", "of", "it", "he", "she", "they", "we", "this", "that", "said", "most", "best",
    "deal", "man", "sale", "mosque", "president", "army", "government", "state", "islamic", "al", "abu", "ibn",
    "bin", "abdel", "rami", "assad", "putin", "kerry", "lt", "gen", "col", "general", "colonel", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december", "human", "rights", "free",
    "front", "forces", "regime", "coalition", "observatory", "airstrikes", "air", "strikes", "but", "and", "as",
    "after", "before", "russian", "syrian", "kurdish", "turkish", "american", "iranian", "arab", "western",
    "eastern", "northern", "southern", "central", "north", "south", "east", "west", "new", "old", "city",
    "town", "village", "province", "daesh", "isis", "nusra", "hezbollah", "un", "us", "eu", "nato", "sdf", "ypg",
    "jabhat", "sheikh", "prince", "king", "minister", "foreign", "defense", "defence", "ministry", "military",
    "security", "council", "national", "democratic", "civil", "defence", "white", "helmets", "red", "crescent",
    "amnesty", "international", "reuters", "afp", "ap", "tass", "sana", "sputnik", "video", "photo", "tags",
    "published", "updated", "i", "mr", "ms", "dr", "geneva", "vienna", "astana", "sochi", "washington",
    "mohammed", "mohammad", "muhammad", "ahmed", "ahmad", "ali", "omar", "hassan", "hussein", "khaled", "salem",
    "rahman", "abdul", "abdullah", "mahmoud", "mustafa", "ibrahim", "youssef", "yousef", "nasser", "saleh",
}
DIRECTIONS = {"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west"}


@dataclass
class PlaceMention:
    start: int  # character offsets in the text searched
    end: int
    mention: str
    location: Location
    context: list[str] = field(default_factory=list)  # "region": named as a governorate


def _resolve(g: Gazetteer, words: list[str]) -> tuple[Place | None, str]:
    name = " ".join(words)
    if name.endswith("'s") or name.endswith("’s"):
        name = name[:-2]
    if len(words) == 1 and (name.lower() in STOP or len(name) < 3):
        return None, ""
    country = g.country(name)
    if country is not None:
        return country, "country"
    place = g.lookup(name)
    return place, "place" if place else ""


def find_places(text: str, gazetteer: Gazetteer, *, start: int = 0, end: int | None = None,
                masked: list[tuple[int, int]] | tuple[()] = ()) -> list[PlaceMention]:
    """Every place named in `text[start:end]`, left to right, with offsets into `text`."""
    end = len(text) if end is None else end
    out: list[PlaceMention] = []
    for run in _RUN.finditer(text, start, end):
        words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", run.group())]
        base = run.start()
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + 5), i, -1):
                s, e = base + words[i][0], base + words[j - 1][1]
                if any(s < me and ms < e for ms, me in masked):
                    continue
                tokens = [w[2].rstrip(",.;:") for w in words[i:j]]
                place, kind = _resolve(gazetteer, tokens)
                if place is None:
                    continue
                mention = text[s:e].rstrip(",.;:")
                e = s + len(mention)
                if mention.endswith(("'s", "’s")):
                    mention, e = mention[:-2], e - 2
                out.append(_mention(text, s, e, mention, place, kind, gazetteer))
                i = j - 1
                break
            i += 1
    return out


def _mention(text: str, s: int, e: int, mention: str, place: Place, kind: str, g: Gazetteer) -> PlaceMention:
    if kind == "country":
        return PlaceMention(s, e, mention, place.location(mention), ["country"])
    after, before = text[e : e + 30], text[max(0, s - 30) : s]
    if _REGION_AFTER.match(after) or _REGION_BEFORE.search(before):
        rural = re.search(r"countryside|suburbs|outskirts", after[:15] + before[-20:], re.I)
        # "the countryside of Damascus" is Rif Dimashq, a governorate of its own
        region = (g.region(f"{mention} countryside") if rural else None) or g.region(mention) or (g.by_admin1[place.admin1].place() if place.admin1 in g.by_admin1 else None)
        if region is not None:
            m = _REGION_AFTER.match(after)
            end = e + m.end() if m else e
            return PlaceMention(s, end, text[s:end], region.location(text[s:end]), ["region"])
    return PlaceMention(s, e, mention, place.location(mention), [])

"""Which system report is which gold report: the rules of /work/shared/tools/score_gold.py, typed.

A gold report is found by a system report of the same article whose dates overlap it with a day of
slack on each side and whose place matches: the same name once normalised, or within 25 km, or, for
gold recorded at region or country level, the same admin1 (country). Among the candidates the one
that also shares a killed figure (2 points) and the kind (1 point) wins; a system report is used once.
Gold reports are taken in file order. These are kept identical to the reference scorer so that both
give the same figures (tests/test_evaluate_cli.py runs both on the same documents).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence

from ..model import Claim, Count, Dates, Location, Report
from .gold import GoldClaim, GoldDates, GoldLocation, GoldReport

PLACE_KM = 25.0  # a town and its outskirts, or a neighbourhood and its city
DATE_SLACK = dt.timedelta(days=1)  # "on Saturday" read from a paper dated the next day, time zones


def norm(s: str | None) -> str:
    """Fold transliteration variants as score_gold.py does: "Ar-Raqqa", "Raqqa" and "Raqa" all become
    "raqa"; "al-Raqqah" stays "raqah" (a final h is not folded: coordinates then decide)."""
    s = (s or "").lower()
    s = re.sub(r"\b(al|el|ar|ad|as|ash|ez|az|ad-|al-)[- ]", "", s)
    s = re.sub(r"[^a-z]", "", s)
    return s.replace("qq", "q").replace("ou", "o").replace("ee", "e")


def km(a: GoldLocation | Location, b: GoldLocation | Location) -> float | None:
    """Great-circle distance, None when either side has no coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def dates_match(g: GoldDates, s: Dates | None) -> bool:
    if s is None or g.start is None or s.start is None:
        return False
    g_end, s_end = g.end or g.start, s.end or s.start
    return s.start - DATE_SLACK <= g_end and g.start <= s_end + DATE_SLACK


def place_match(g: GoldLocation, s: Location | None) -> bool:
    s = s or Location()
    if norm(g.name) and norm(g.name) in (norm(s.name), norm(s.mention)):
        return True
    dist = km(g, s)
    if dist is not None and dist <= PLACE_KM:
        return True
    if g.precision in ("region", "country") and g.admin1 and norm(g.admin1) == norm(s.admin1):
        return True
    # a countrywide gold report is found only by a countrywide system report of that country
    return g.precision == "country" and s.precision == "country" and norm(g.country) == norm(s.country)


def _count_figures(c: Count | str | None) -> set[int]:
    # low and best only: `high` is a ceiling ("up to 30"), not a figure the text states
    if not isinstance(c, Count):
        return set()
    return {v for v in (c.low, c.best) if v is not None}


def figures(claims: Iterable[Claim | GoldClaim], key: str, sub: str | None = None) -> set[int]:
    """Every low/best figure any claim gives for `key` ("killed", "injured") or victim category `sub`."""
    vals: set[int] = set()
    for c in claims:
        vals |= _count_figures(getattr(c.victims, sub) if sub else getattr(c, key))
    return vals


def match_reports(gold: Sequence[GoldReport], system: Sequence[Report]) -> dict[str, Report]:
    """Gold report id -> the system report that finds it (optional gold reports included)."""
    by_article: dict[str, list[Report]] = {}
    for r in system:
        by_article.setdefault(r.article, []).append(r)
    matched: dict[str, Report] = {}
    used: set[int] = set()  # by identity: system ids are not guaranteed unique in a hand-made file
    for g in gold:
        best: tuple[int, Report] | None = None
        for s in by_article.get(g.article, []):
            if id(s) in used or not (dates_match(g.date, s.date) and place_match(g.location, s.location)):
                continue
            points = (2 if figures(g.claims, "killed") & figures(s.claims, "killed") else 0) + (s.kind == g.kind)
            if best is None or points > best[0]:
                best = (points, s)
        if best:
            matched[g.id] = best[1]
            used.add(id(best[1]))
    return matched

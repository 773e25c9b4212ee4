"""How a corpus row's figure is read from the system's reports of its article(s).

The same reading as ../shared/tools/devscore.py (its docstring), so the two scoreboards agree:

- only incident reports count (an aggregate tally is not this row's event);
- a toll: every claim's `best` (else `low`) is a candidate, and so is the sum over the reports of
  each report's largest one; it is right when gold equals a candidate. "No figure" is right only
  where gold is 0, and any non-zero figure where gold is 0 is wrong;
- a range (Airwars, UCDP): right when a candidate lies in gold's min..max;
- a date, a type, an admin1, a place: right when any of the reports has it (nearest point for places).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence

from ..model import Count, Report


def incident_reports(reports: Iterable[Report]) -> list[Report]:
    return [r for r in reports if r.kind == "incident"]


def _value(c: Count | None) -> int | None:
    if c is None:
        return None
    return c.best if c.best is not None else c.low


def toll(reports: Sequence[Report], key: str) -> tuple[set[int], int]:
    """(every claim's figure for `key`, the sum over reports of each report's largest figure)."""
    vals: set[int] = set()
    total = 0
    for r in reports:
        mine = [v for c in r.claims if (v := _value(getattr(c, key))) is not None]
        vals.update(mine)
        total += max(mine) if mine else 0
    return vals, total


def victims(reports: Sequence[Report], category: str) -> set[int]:
    """Every claim's figure for a victim category ("children", "women")."""
    return {v for r in reports for c in r.claims if (v := _value(getattr(c.victims, category))) is not None}


def exact(gold: int, vals: set[int], total: int) -> bool:
    return not (vals - {0}) if gold == 0 else (gold in vals or total == gold)


def within(v: int, low: int, high: int | None) -> bool:
    return low <= v <= (high if high is not None else low)


def in_range(low: int, high: int | None, vals: set[int], total: int) -> bool:
    """A toll against a gold range; with no figure at all, right only when the range starts at 0."""
    if not vals:
        return low == 0
    return any(within(v, low, high) for v in vals | {total})


def dated(reports: Sequence[Report], start: dt.date, end: dt.date | None = None) -> bool:
    """Some report starts on `start` (or, given `end`, between the two days)."""
    last = end or start
    return any(r.date.start is not None and start <= r.date.start <= last for r in reports)


def norm_place(s: str | None) -> str:
    """devscore's folding ("Kunduz province" = "Kunduz"), plus the unit words of other countries."""
    s = (s or "").lower()
    s = re.sub(r"\b(province|governorate|district|of|oblast|region|state|raion|city|special|republican)\b", "", s)
    return re.sub(r"[^a-z]", "", s)


def _skeleton(folded: str) -> str:
    """The first letter and the consonants, doubled ones once: romanisations of one name differ in
    vowels and doubling (Kiev and Kyiv, Odessa and Odesa)."""
    return folded[:1] + re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouy]", "", folded[1:]))


def same_admin1(gold: str | None, reports: Sequence[Report]) -> bool:
    """Equal once folded, or one a prefix of the other of at least 5 letters: a transliterated
    adjectival form ("Donets'ka Oblast'") names the same unit as "Donetsk oblast"."""
    return admin1_among(gold, [r.location.admin1 for r in reports])


def admin1_among(gold: str | None, names: Iterable[str | None]) -> bool:
    """`same_admin1` against admin1 names rather than reports; also right when the two differ only
    in vowels and doubled letters (`_skeleton`, of two letters at least)."""
    g = norm_place(gold)
    if not g:
        return False
    for name in names:
        s = norm_place(name)
        if s and (s == g or (min(len(s), len(g)) >= 5 and (s.startswith(g) or g.startswith(s)))
                  or len(_skeleton(g)) >= 2 and _skeleton(s) == _skeleton(g)):
            return True
    return False


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    a, b, c, d = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((c - a) / 2) ** 2 + math.cos(a) * math.cos(c) * math.sin((d - b) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def nearest_km(lat: float, lon: float, reports: Sequence[Report]) -> float | None:
    """Distance to the nearest report's point; None when no report has one."""
    pts = [(r.location.lat, r.location.lon) for r in reports if r.location.lat is not None and r.location.lon is not None]
    return min((km(lat, lon, a, b) for a, b in pts), default=None)  # type: ignore[arg-type]


def near(lat: float, lon: float, reports: Sequence[Report], limit_km: float) -> bool:
    d = nearest_km(lat, lon, reports)
    return d is not None and d <= limit_km


# ACLED's actor names -> the names a report's perpetrator may carry (docs/evaluation.md, "perpetrator").
# A state's forces are named by their country ("Military Forces of Sudan (1989-)" -> "Sudan"); a group
# by its acronym or its full name ("TTP: Tehreek-i-Taliban Pakistan"), without the country in brackets
# or the wing after a dash ("Islamic State (Afghanistan)", "Taliban - Red Unit"). Rows whose actor is
# nobody in particular (unidentified groups) or a crowd (protesters, rioters, civilians) are not in this
# figure: `acled_actor_class` sorts them out.
_STATE = re.compile(r"^(?:military|police|mutiny of military) forces of (?:the )?(.+?)(?:\s*\(|$)", re.I)
# ACLED's country names -> the gazetteer's, which reports carry
_COUNTRY_ALIASES = {"united states of america": "united states",
                    "democratic republic of congo": "democratic republic of the congo",
                    "republic of congo": "republic of the congo", "palestine": "palestinian territory"}
# an ACLED name that differs from the name news gives the same group (2016: ISWAP is a Boko Haram faction)
ACTOR_ALIASES = {"wilayat gharb ifriqiyyah": "islamic state (west africa)", "state of sinai": "islamic state (sinai)",
                 "ansar allah": "houthis", "houthi": "houthis", "militia (pro-government)": "pro-government militia"}
CROWDS = ("protesters", "rioters", "civilians")


def fold_actor(name: str) -> str:
    """Lower case, letters and digits only: "Al-Shabaab" = "al shabaab"; "Al Shabab" stays apart."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()  # "Séléka" = "Seleka"
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def acled_actor_class(actor: str) -> str:
    """"crowd" (protesters, rioters, civilians), "unidentified", else "named"."""
    low = actor.strip().lower()
    if low.startswith(CROWDS):
        return "crowd"
    if low.startswith("unidentified"):
        return "unidentified"
    return "named"


def acled_actor_names(actor: str) -> set[str]:
    """The folded names one ACLED actor goes by (see above)."""
    actor = actor.strip()
    names: set[str] = set()
    if (m := _STATE.match(actor)):
        country = m.group(1).strip().lower()
        names |= {country, _COUNTRY_ALIASES.get(country, country)}
    else:
        base = re.sub(r"\s*\([^)]*\)", "", actor).strip()  # "(Afghanistan)", "(Maoist)", "(2007-)"
        names.add(base)
        parts = [p.strip() for p in re.split(r"\s+-\s+|:\s+", base) if p.strip()]
        names.update(parts)
        whole = actor.lower()
        names.update(v for k, v in ACTOR_ALIASES.items() if k in whole)
        names.update(p.strip() for p in actor.split(":"))  # "CPI (Maoist)" keeps its brackets too
        names.update(re.sub(r"(?: ethnic| communal| clan)? militia$", "", p, flags=re.I) for p in parts)
    return {fold_actor(n) for n in names} - {""}


def same_actor(actor: str, reports: Sequence[Report]) -> bool:
    """Some report names, among its perpetrators, one of the names the ACLED actor goes by; a branch
    ("Islamic State (Khorasan)") also counts for its group ("Islamic State (Afghanistan)")."""
    names = acled_actor_names(actor)
    return any(fold_actor(a) in names or fold_actor(re.sub(r"\s*\([^)]*\)", "", a)) in names
               for r in reports for a in r.perpetrator.actors)


def names_actor(reports: Sequence[Report]) -> bool:
    return any(r.perpetrator.actors for r in reports)


def is_state(actor: str) -> bool:
    return bool(_STATE.match(actor.strip()))

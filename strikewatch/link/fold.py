"""Restatements inside one article fold before linking: the headline's toll and the body's, one
place named at two precisions ("Raqqa" the city and "Raqqa" the province), the same source quoted
twice. The extractor may make two reports of them; left apart, they could never share an incident
(two reports of one article are kept apart on purpose) and one of them stayed alone.

Two reports of one article restate each other when nothing tells them apart: the same event type
(or one guessed), dates that meet (or one guessed from the publication day, or none), places that
that are one (one name, or a quarter in its town), and tolls that agree or where one gives none. A report placed
only at the country (or nowhere) folds only when the article has a single report it can restate:
with two strikes told, a headline's "Syria" could be either. Folds are complete: every member
restates every other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from .aside import gather
from .compat import common_actors
from .features import PLACE_RANK, Features
from .geo import place_relation
from .similarity import date_relation, figure_relation

VAGUE = frozenset({"country", "unknown"})
CITY, COUNTRY = PLACE_RANK["city"], PLACE_RANK["country"]


def _meet(a: Features, b: Features, *, within: bool = False) -> str | None:
    """None when two reports of one article cannot restate each other, else their place relation.
    With `within`, a town inside the other's district or province may be the same incident told
    at two precisions (asked only where the article tells one incident at a town)."""
    if a.event_type != b.event_type and not (a.type_guessed or b.type_guessed):
        return None
    if a.sub_event_type != b.sub_event_type and not (a.type_guessed or b.type_guessed):
        return None
    drel, _ = date_relation(a, b)
    if drel not in ("same", "overlap", "unknown") and not (a.date_guessed or b.date_guessed):
        return None
    prel, _ = place_relation(a, b)
    if prel == "other" or (prel == "region" and not within):
        return None  # a town inside a province the article names is a restatement only when told alone
    if a.killed and b.killed and figure_relation(a.killed, b.killed, 0)[0] not in ("shared", "close"):
        return None
    if a.injured and b.injured and figure_relation(a.injured, b.injured, 0)[0] not in ("shared", "close"):
        return None
    if a.actors and b.actors and not common_actors(a.actors, b.actors):
        return None
    if a.streets and b.streets and not a.streets & b.streets:
        return None  # two streets named: two strikes in one town
    return prel


def folds(feats: Sequence[Features]) -> list[list[int]]:
    """Groups (of two or more report indices) that restate one incident inside their article."""
    return fold(feats)[0]


def fold(feats: Sequence[Features]) -> tuple[list[list[int]], frozenset[int]]:
    """The restatement groups of `folds`, each article's asides (aside.py) gathered into its main
    incident, and the indices of those asides: they ride with the incident without being evidence
    for or against what joins it."""
    by_article: dict[str, list[Features]] = defaultdict(list)
    for f in feats:
        by_article[f.article].append(f)
    out: list[list[int]] = []
    aside: set[int] = set()
    feats_of = {f.index: f for f in feats}
    for told in by_article.values():
        if len(told) < 2:
            continue
        told = sorted(told, key=lambda f: f.id)
        meets = {(a.index, b.index) for a in told for b in told if a.index < b.index and _meet(a, b) is not None}

        def ok(x: int, y: int, meets: set[tuple[int, int]] = meets) -> bool:
            return ((x, y) if x < y else (y, x)) in meets
        towns = [f for f in told if f.rank <= CITY]
        wide = [f for f in told if CITY < f.rank < COUNTRY and f.place]
        vague = [f for f in told if _vague(f)]
        groups = _first_fit(towns, ok)
        if len(groups) == 1:
            # one incident told at a town: the district's or the province's report ("a shooting in
            # Cedar County") is that incident told at a coarser precision, when nothing else differs
            for f in wide:
                if all(_meet(f, feats_of[m], within=True) is not None for m in groups[0]):
                    groups[0].append(f.index)
                else:
                    groups.append([f.index])
        else:
            groups += _first_fit(wide, ok)
        lone = len(groups) == 1 and bool(towns or wide)
        if lone:  # one incident told at a place: a vague restatement is its own
            for f in vague:
                if all(ok(f.index, m) for m in groups[0]):
                    groups[0].append(f.index)
        elif not groups:
            groups = _first_fit(vague, ok)
        placed = {m for g in groups for m in g}
        groups += [[f.index] for f in told if f.index not in placed]
        groups, found = gather(groups, feats_of)
        aside |= found
        out += [sorted(g) for g in groups if len(g) > 1]
    return out, frozenset(aside)


def _first_fit(told: Sequence[Features], ok: Callable[[int, int], bool]) -> list[list[int]]:
    """Complete groups: each report joins the first group whose every member it restates."""
    groups: list[list[int]] = []
    for f in told:
        home = next((g for g in groups if all(ok(f.index, m) for m in g)), None)
        if home is None:
            groups.append([f.index])
        else:
            home.append(f.index)
    return groups


def _vague(f: Features) -> bool:
    return not f.place or f.rank >= 5  # placed at the country or nowhere

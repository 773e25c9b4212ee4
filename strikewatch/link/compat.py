"""What two outlets may call one thing by different names, as data validated when loaded.

- Event types (`data/link/compatible-types.csv`): one event told as an armed clash by one side and as
  an attack by the other, a bombing told as a car bomb and later as a suicide bomb. Such a pair of
  types is no evidence either way, like a guessed type: no veto, no bonus, no malus.
- Actors (`data/link/actor-groups.csv`): a generic name for a side ("rebels") and the named groups it
  covers ("Jaysh al-Islam"). A report naming the group and one naming the side name one perpetrator;
  two named groups under one label remain two.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from importlib import resources

from ..datafile import csv_rows
from ..errors import DataFileError
from ..lexicon import SUB_EVENT_TYPES
from .features import norm

TYPES = "compatible-types.csv"
GROUPS = "actor-groups.csv"


def _bundled(name: str) -> str:
    return resources.files("strikewatch.data").joinpath("link", name).read_text(encoding="utf-8")


def _rows(text: str, header: list[str]) -> tuple[list[tuple[int, list[str]]], list[str]]:
    """The rows as lists of values; every column must be given."""
    rows, problems = csv_rows(text, header)
    problems += [f"line {n}: every column ({','.join(header)}) must be given" for n, r in rows if not all(r.values())]
    return [(n, list(r.values())) for n, r in rows if all(r.values())], problems


@functools.cache
def compatible_types() -> frozenset[frozenset[str]]:
    """The pairs of sub-event types one event may be given, each as an unordered pair."""
    return parse_types(_bundled(TYPES), f"strikewatch/data/link/{TYPES}")


def parse_types(text: str, path: str) -> frozenset[frozenset[str]]:
    """`text` in the layout of compatible-types.csv, or DataFileError listing every problem."""
    rows, problems = _rows(text, ["type_a", "type_b", "why"])
    pairs: set[frozenset[str]] = set()
    for n, (a, b, _why) in rows:
        bad = [t for t in (a, b) if t not in SUB_EVENT_TYPES]
        if bad:
            problems.append(f"line {n}: not an ACLED sub-event type: {', '.join(bad)}")
        elif a == b:
            problems.append(f"line {n}: a type is always compatible with itself")
        elif frozenset((a, b)) in pairs:
            problems.append(f"line {n}: {a} / {b} twice")
        pairs.add(frozenset((a, b)))
    if problems:
        raise DataFileError(path, problems)
    return frozenset(pairs)


def types_compatible(a: str, b: str) -> bool:
    """Two different sub-event types one event may be told as."""
    return a != b and frozenset((a, b)) in compatible_types()


@functools.cache
def actor_groups() -> dict[str, frozenset[str]]:
    """Normalised named group -> the normalised generic labels that cover it."""
    return parse_groups(_bundled(GROUPS), f"strikewatch/data/link/{GROUPS}")


def parse_groups(text: str, path: str) -> dict[str, frozenset[str]]:
    """`text` in the layout of actor-groups.csv, or DataFileError listing every problem."""
    rows, problems = _rows(text, ["label", "member", "why"])
    out: dict[str, set[str]] = {}
    for n, (label, member, _why) in rows:
        lk, mk = norm(label), norm(member)
        if lk == mk:
            problems.append(f"line {n}: {label!r} cannot cover itself")
        elif lk in out.get(mk, ()):
            problems.append(f"line {n}: {label} / {member} twice")
        out.setdefault(mk, set()).add(lk)
    labels = {lk for ls in out.values() for lk in ls}
    for member in out:
        if member in labels:
            problems.append(f"{member!r} is both a label and a member: groups are one level deep")
    if problems:
        raise DataFileError(path, problems)
    return {m: frozenset(ls) for m, ls in out.items()}


def common_actors(a: Collection[str], b: Collection[str]) -> frozenset[str]:
    """The normalised actors two reports share: the same actor, or a group named by one and its
    generic label by the other (the group is returned: it is the more precise name)."""
    same = frozenset(a) & frozenset(b)
    if same:
        return same
    groups = actor_groups()
    return frozenset(m for m in a if groups.get(m, frozenset()) & frozenset(b)) | frozenset(
        m for m in b if groups.get(m, frozenset()) & frozenset(a))

"""Where each report goes when linking is spread over workers, so that it still gives one answer.

Linking in two passes:

1. *Scoring blocks*: (country, admin1, window of WINDOW ISO weeks), each with the reports of the
   week on either side as a margin, and reports of unknown admin1 copied into every admin1 block of
   their country (of unknown country: into every block of their window); and *people blocks*,
   (country, admin1, a person's name or a street), for the reports of one admin1 naming that person
   (or street) on any day, where a trial's story meets the shooting's months before it. The linker's blocking (`link.blocking`) only proposes reports of one country,
   of one admin1 or one unknown, whose readings (date window, or a weekday read a week on) come
   within a day, so within a week: every pair it proposes meets in at least one scoring block,
   which runs that blocking and the linker's own `compare` and returns the *linked* pairs.
   (tests/test_scale.py checks this on real reports, so a change to link.blocking cannot
   silently break it.)
   A report's own block marks it "fresh"; pairs of two margin or copied reports are left to the
   block where one of them is fresh, so most pairs are scored once.
2. *Components*: reports joined by linked pairs, found with a union-find. The linker's clustering
   (greedy complete link over linked pairs) never looks past a component, and features are per
   report, so linking each component alone gives what linking everything at once gives: same
   groups, same ids (hashes of member report ids). Components are packed into bins of about
   `bin_size` reports, in input order, and each bin is linked by `strikewatch.link.link`.

The candidate graph itself is a poor cut: one report of unknown admin1 joins a whole country's
week, and weeks chain into years. Linked pairs are few and local, so components stay incident-sized.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..link.blocking import MAX_WEEKS, week
from ..link.features import Features

WINDOW = 4  # weeks per scoring block; the margins add one week on each side

# (country, admin1, window); window None: undated reports; a str: the people block of that name
BlockKey = tuple[str, str, int | str | None]
Ref = tuple[int, int]  # (partition, position of the report in that partition)


@dataclass(frozen=True, slots=True)
class LinkKey:
    """What placing a report needs; computed on the workers, small enough to gather."""

    ref: Ref
    id: str
    country: str  # normalised as link.features does
    admin1: str
    weeks: tuple[int | None, ...] | None  # `link_weeks`
    article: str = ""  # its article: restatements inside one article fold (link/fold.py), so one bin
    people: tuple[str, ...] = ()  # the people it names, where it is dated and its admin1 known


def link_weeks(f: Features) -> tuple[int | None, ...] | None:
    """The ISO weeks of a report's readings; (None,) undated; None when too vague to link."""
    if f.lo is None or f.hi is None:
        return (None,)
    if week(f.hi) - week(f.lo) + 1 > MAX_WEEKS:
        return None
    return tuple(sorted({week(x) for x in range(f.lo, f.hi + 1)} | {week(x) for x in f.shifted}))


def people_of(f: Features, weeks: tuple[int | None, ...] | None) -> tuple[str, ...]:
    """The people a report names and the streets it names, for the people blocks: only where it is
    dated and its admin1 known, as `link.blocking` asks of a tie across time (a street with an age
    reaches six weeks, past what the time blocks' margins hold)."""
    return tuple(sorted(f.names | f.streets)) if weeks and weeks != (None,) and f.admin1 else ()


def window(week: int | None) -> int | None:
    return None if week is None else week // WINDOW


def is_fresh(block: BlockKey, admin1: str, weeks: Sequence[int | None]) -> bool:
    """Whether a member belongs to this block itself rather than to its margin or by copy. In a
    people block every member is its own: it is there for the pairs no time block holds."""
    return isinstance(block[2], str) or (admin1 == block[1] and any(window(w) == block[2] for w in weeks))


def people_key(name: str) -> str:
    return "person:" + name


def scoring_blocks(keys: Iterable[LinkKey]) -> dict[BlockKey, list[Ref]]:
    """Each block's members (in input order) such that every candidate pair meets in one."""
    placed: dict[BlockKey, list[Ref]] = defaultdict(list)
    unknown: list[tuple[LinkKey, set[int | None]]] = []
    admin1s: dict[tuple[str, int | None], set[str]] = defaultdict(set)
    keys_seen: list[LinkKey] = []
    for k in keys:
        if k.people and k.admin1:
            keys_seen.append(k)
        if not k.weeks:
            continue  # no candidates at all: an incident of its own
        wins = {window(x) for w in k.weeks for x in ((None,) if w is None else (w - 1, w, w + 1))}
        if k.admin1:
            for t in wins:
                placed[(k.country, k.admin1, t)].append(k.ref)
                admin1s[(k.country, t)].add(k.admin1)
        else:
            unknown.append((k, wins))
    countries: dict[int | None, set[str]] = defaultdict(set)
    for country, t in list(admin1s):
        countries[t].add(country)
    for k, wins in unknown:
        countries.update({t: countries[t] | {k.country} for t in wins})
    for k, wins in unknown:  # a report of unknown admin1 meets every admin1 of its country
        for t in wins:
            # and one placed nowhere meets every place (link.blocking does the same)
            for c in sorted(countries[t]) if not k.country else [k.country]:
                for a in sorted(admin1s[(c, t)]) + [""]:
                    placed[(c, a, t)].append(k.ref)
    # reports of one admin1 naming one person, on any day (link.blocking.known_people: the trial's
    # story months after the shooting): a block of their own, as no time window holds both
    named: dict[BlockKey, list[Ref]] = defaultdict(list)
    for k in keys_seen:
        for name in k.people:
            named[(k.country, k.admin1, people_key(name))].append(k.ref)
    placed.update({key: refs for key, refs in named.items() if len(refs) > 1})
    for refs in placed.values():
        refs.sort()
    return dict(placed)


def group_blocks(blocks: dict[BlockKey, list[Ref]], *, size: int) -> list[list[tuple[BlockKey, list[Ref]]]]:
    """Blocks in groups of about `size` members, one task each: most blocks hold a handful of
    reports, and a task per block would cost the scheduler more than the scoring."""
    groups: list[list[tuple[BlockKey, list[Ref]]]] = [[]]
    filled = 0
    for key, refs in sorted(blocks.items(), key=lambda kv: kv[1][0]):  # input order: few partitions a group
        if groups[-1] and filled + len(refs) > size:
            groups.append([])
            filled = 0
        groups[-1].append((key, refs))
        filled += len(refs)
    return [g for g in groups if g]


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        root = self.parent.setdefault(x, x)
        while root != self.parent[root]:
            root = self.parent[root]
        while x != root:  # path compression
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def link_bins(order: Sequence[tuple[Ref, str]], edges: Iterable[tuple[str, str]], *,
              bin_size: int) -> tuple[list[list[Ref]], int]:
    """Pack the components of `edges` into bins of about `bin_size` reports.

    `order` is every report to link as (ref, report id), in input order; a component goes to the bin
    open when its first member comes up, so bins follow the input and need few partitions each.
    Returns the bins and the size of the largest component.
    """
    uf = UnionFind()
    for a, b in edges:
        uf.union(a, b)
    members: dict[str, list[Ref]] = defaultdict(list)
    for ref, rid in order:
        members[uf.find(rid) if rid in uf.parent else rid].append(ref)
    bins: list[list[Ref]] = [[]]
    placed: set[str] = set()
    for _ref, rid in order:
        root = uf.find(rid) if rid in uf.parent else rid
        if root in placed:
            continue
        placed.add(root)
        if bins[-1] and len(bins[-1]) + len(members[root]) > bin_size:
            bins.append([])
        bins[-1].extend(members[root])
    largest = max((len(m) for m in members.values()), default=0)
    return [sorted(b) for b in bins if b], largest

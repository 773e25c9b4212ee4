"""Greedy complete-link clustering of linked pairs.

Pairs are merged strongest first. A merge is refused when it would put two reports of one article
into one incident (the extractor kept them apart on purpose) or when any two members of the merged
group veto each other: linking is not transitive, so a chain A~B~C must not smuggle in an A and C
that are a day and a toll apart. A figure its own source replaced in a later report of the merged
group ("the toll rose to 55") is left out of that check: the old 10 must not keep the Observatory's
update away from the rescuers' 61, nor do two tolls that another member gives side by side (a paper's
own 100 beside the Observatory's 24: sources disagreeing about one incident), nor is a follow-up's
own day (the charging story four days on, telling of the same people as another article's story in
the group: read on that story's day, it must veto nothing). A story one article tells in several
reports (restatements, asides) needs only one reading in common with another article's story. Two
groups holding reports of one article merge only where that article told one story in them, read
twice, and another article's report ties both readings (`_read_twice`).
Groups that existed before (incidents of an earlier run) are never merged with each other, so their
ids survive.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace

from .aside import background
from .blocking import FOLLOWUP_DAYS
from .features import Features
from .geo import place_relation
from .similarity import Pair, figure_relation
from .similarity import _later as later
from .similarity import _same_people as people_named
from .similarity import compare as score_pair

Compare = Callable[[Features, Features], Pair]
# vetoes of the day alone: a follow-up story's own day (cluster._told_later)
DAY_VETOES = frozenset({"other day", "next day without the same place and figures", "next day without the same place"})
BRIDGE_MIN = 10  # a toll told side by side with another bridges them only from this size (as killed_shared_10)


@dataclass(slots=True)
class Group:
    members: list[int]
    articles: set[str]
    existing: str | None = None  # the id of the earlier incident this group is
    edges: list[tuple[int, int, Pair]] = field(default_factory=list)


def cluster(feats: Sequence[Features], edges: Iterable[tuple[int, int, Pair]], compare: Compare, *,
            seeds: Sequence[tuple[str, list[int]]] = (), folds: Sequence[list[int]] = (),
            aside: Collection[int] = frozenset()) -> list[Group]:
    """Group report indices into incidents.

    `edges` are linked pairs (i, j, pair); `seeds` are earlier incidents as (id, member indices);
    `folds` are restatements inside one article (fold.py), one group from the start; `aside` the
    members told beside their article's incident (aside.py): no evidence against a merge.
    Returns the groups in order of their smallest member index.
    """
    owner = list(range(len(feats)))
    groups: dict[int, Group] = {}
    for iid, members in seeds:
        root = min(members)
        groups[root] = Group(sorted(members), {feats[m].article for m in members}, iid)
        for m in members:
            owner[m] = root
    for members in folds:
        root = min(members)
        groups[root] = Group(sorted(members), {feats[m].article for m in members})
        for m in members:
            owner[m] = root
    for f in feats:
        if owner[f.index] == f.index and f.index not in groups:
            groups[f.index] = Group([f.index], {f.article})
    order = sorted(edges, key=lambda e: (-e[2].score, feats[e[0]].id, feats[e[1]].id))
    for i, j, pair in order:
        ri, rj = owner[i], owner[j]
        if ri == rj:
            groups[ri].edges.append((i, j, pair))
            continue
        a, b = groups[ri], groups[rj]
        if a.existing and b.existing:
            continue
        if a.articles & b.articles and not _read_twice(feats, a, b) or not _compatible(feats, a, b, compare, aside):
            continue
        keep, gone = (ri, rj) if (a.existing or ri < rj) and not b.existing else (rj, ri)
        into, src = groups[keep], groups.pop(gone)
        into.members = sorted(into.members + src.members)
        into.articles |= src.articles
        into.edges.extend(src.edges)
        into.edges.append((i, j, pair))
        for m in src.members:
            owner[m] = keep
    return [groups[k] for k in sorted(groups, key=lambda k: groups[k].members[0])]


def _compatible(feats: Sequence[Features], a: Group, b: Group, compare: Compare,
                aside: Collection[int] = frozenset()) -> bool:
    """Complete link: no member of one group may veto a member of the other.

    An article's story told in several reports, its restatements (fold.py: the town and its county,
    the headline and the body) or its asides (aside.py: a misread town, an arrest), is one story
    read several ways: against another article's story it needs one reading in common (some pair of
    its members and the other's without a veto), not every reading, and the figures of its core
    reports must still agree. Stories told in one report keep complete link. (A county's reading
    with no toll vetoes a next day's story of the town that the town's reading of it links.)"""
    if len(a.members) == len(a.articles) and len(b.members) == len(b.articles):
        return all(_pair_ok(feats, a, b, x, y, compare) for x in a.members for y in b.members
                   if feats[x].article != feats[y].article)
    for xs in _stories(feats, a.members):
        for ys in _stories(feats, b.members):
            if feats[xs[0]].article == feats[ys[0]].article:
                continue  # one article's story read twice (_read_twice): no evidence against itself
            if len(xs) > 1 or len(ys) > 1:
                # a past shooting recalled in passing is no reading of the story, unless the other
                # story names its people (the trial's story recalls the shooting another paper told)
                if not any(_pair_ok(feats, a, b, x, y, compare) for x in xs for y in ys
                           if _voice(feats, x, y, aside) and _voice(feats, y, x, aside)):
                    return False
                # the tolls are the story's own: its core reports' figures must agree all the same
                if not all(_tolls_agree(feats, a, b, x, y)
                           for x in xs if x not in aside for y in ys if y not in aside):
                    return False
            elif not all(_pair_ok(feats, a, b, x, y, compare) for x in xs for y in ys):
                return False
    return True


def _read_twice(feats: Sequence[Features], a: Group, b: Group) -> bool:
    """Whether every article with reports in both groups told one story in them, read twice: its
    two readings at one place (or one inside the other), within a week, with no tolls in conflict,
    and another article's report linked to both, naming with each a person, a street or an age
    (keys.py gives each of an article's reports the keys nearest it: the victim's name beside the
    day he died, the street beside the day he was shot). Any other shared article keeps them apart:
    the extractor told two incidents there."""
    shared = a.articles & b.articles
    others = [t for t in a.members + b.members if feats[t].article not in shared]
    for art in sorted(shared):
        xs = [m for m in a.members if feats[m].article == art]
        ys = [m for m in b.members if feats[m].article == art]
        if not any(_one_story(feats[x], feats[y]) and _keyed(feats[t], feats[x]) and _keyed(feats[t], feats[y])
                   for x in xs for y in ys for t in others):
            return False
    return True


def _one_story(x: Features, y: Features) -> bool:
    """Two reports of one article that may be one story: one place (or a quarter, the county or the
    state it lies in), days within a week, no tolls
    (killed or injured) in conflict."""
    if place_relation(x, y)[0] not in ("same", "inside", "region"):
        return False  # two towns, however near, are two places (Shreveport and Bossier City)
    if None not in (x.lo, x.hi, y.lo, y.hi) and max(y.lo - x.hi, x.lo - y.hi) > FOLLOWUP_DAYS:  # type: ignore[operator]
        return False
    return all(figure_relation(p, q, 0)[0] != "conflict" for p, q in ((x.killed, y.killed), (x.injured, y.injured)))


def _keyed(t: Features, x: Features) -> bool:
    """t links to x and names with it a person, a street or an age."""
    return bool(t.names & x.names or t.streets & x.streets or t.ages & x.ages) and score_pair(t, x).linked


def _voice(feats: Sequence[Features], x: int, y: int, aside: Collection[int]) -> bool:
    """Whether x is a reading of its story against y: a core member always, an aside unless it is
    a past incident recalled in passing that y does not tell of the same people: two ages in
    common, or a person or a street with an age or with each other. A name alone is too common a
    key here (a monitor's director, a page's tag line are read as names in every story of a city)."""
    if x not in aside or not background(feats[x]):
        return True
    return _same_people(feats[x], feats[y])


def _same_people(fx: Features, fy: Features) -> bool:
    """Two ages in common, or a person or a street with an age or with each other."""
    ages, keys = len(fx.ages & fy.ages), bool(fx.names & fy.names) + bool(fx.streets & fy.streets)
    return ages >= 2 or (ages == 1 and keys >= 1) or keys == 2


def _stories(feats: Sequence[Features], members: Sequence[int]) -> list[list[int]]:
    """The members of a group by article."""
    by: dict[str, list[int]] = {}
    for m in members:
        by.setdefault(feats[m].article, []).append(m)
    return list(by.values())


def _tolls_agree(feats: Sequence[Features], a: Group, b: Group, x: int, y: int) -> bool:
    """x's and y's killed figures are no conflict, once superseded and side-by-side tolls are set aside.
    Two reports telling of the same people (similarity._same_people: two people, a person and an age,
    two ages, the street and a person or an age) are no conflict either: one paper misread the toll,
    as the pair's own score has it (5 dead and 1 dead, the street and four ages in common)."""
    def clash(p: Features, q: Features) -> bool:
        return figure_relation(p.killed, q.killed, later(p, q), p.killed_by, q.killed_by)[0] == "conflict" \
            and not people_named(p, q)
    if not clash(feats[x], feats[y]):
        return True
    current = _current(feats, a.members + b.members)
    return not clash(current[x], current[y]) or _bridged(feats, a.members + b.members, x, y)


def _pair_ok(feats: Sequence[Features], a: Group, b: Group, x: int, y: int, compare: Compare) -> bool:
    """No veto between x (of a) and y (of b), once superseded and side-by-side tolls are set aside."""
    veto = compare(feats[x], feats[y]).veto
    if veto is None:
        return True
    if veto in DAY_VETOES:
        return _told_later(feats, a, x, y, compare) or _told_later(feats, b, y, x, compare)
    if not veto.startswith("other figures"):
        return False
    current = _current(feats, a.members + b.members)
    if compare(current[x], current[y]).veto is None:
        return True
    # tolls another member tells side by side: no veto of their own, but every other one holds
    return _bridged(feats, a.members + b.members, x, y) and compare(
        replace(current[x], killed=(), killed_by={}), current[y]).veto is None


def _told_later(feats: Sequence[Features], group: Group, x: int, y: int, compare: Compare) -> bool:
    """x is a follow-up in its group (the arrest days later, telling of the same people as a member
    z: `_same_people`) and y is no other incident when x is read on z's day: the follow-up's
    own day is no evidence against the story it follows."""
    fx = feats[x]
    for z in group.members:
        fz = feats[z]
        # another article's: one article's reports all carry its people (keys.py)
        if fz.article == fx.article or fz.lo is None or not _same_people(fx, fz):
            continue
        if compare(fz, feats[y]).veto is None and compare(
                replace(fx, lo=fz.lo, hi=fz.hi, shifted=fz.shifted, date_guessed=fz.date_guessed,
                        late=fz.late, early=fz.early), feats[y]).veto is None:
            return True
    return False


def _bridged(feats: Sequence[Features], members: Sequence[int], x: int, y: int) -> bool:
    """Another member tells both tolls of x and y itself (a paper's own "at least 100" beside the
    Observatory's 24): within the incident they are sources disagreeing, not two incidents."""
    fx, fy = feats[x], feats[y]
    for z in members:
        fz = feats[z]
        if z in (x, y) or len(fz.killed) < 2:
            continue
        if _agree(fx.killed, fz.killed) and _agree(fy.killed, fz.killed):
            return True
    return False


def _agree(p: tuple[int, ...], q: tuple[int, ...]) -> bool:
    """Shared or close tolls, and telling ones: sources that give 1 and 4 for one small toll would
    otherwise chain every 1-dead and 4-dead strike of a town and day together."""
    relation, _, size = figure_relation(p, q, 0)
    return relation in ("shared", "close") and size >= BRIDGE_MIN


def _current(feats: Sequence[Features], members: Sequence[int]) -> dict[int, Features]:
    """Each member with only its current killed figures: a source's figure counts only in its newest
    report giving one (by publication day), as reconcile.given has it."""
    newest: dict[str, int] = {}
    for m in members:
        f = feats[m]
        for key in f.killed_by:
            newest[key] = max(newest.get(key, -1), f.published if f.published is not None else -1)
    out: dict[int, Features] = {}
    for m in members:
        f = feats[m]
        day = f.published if f.published is not None else -1
        kept = {k: v for k, v in f.killed_by.items() if newest[k] <= day}
        out[m] = f if len(kept) == len(f.killed_by) else replace(f, killed=tuple(sorted(set(kept.values()))), killed_by=kept)
    return out

"""Linking: reports of one incident, across outlets and days, become one `Incident`.

    blocking.py      candidate pairs from (country, admin1) x ISO-week blocks
    similarity.py    vetoes and a scored, explained compatibility of two reports
    words.py         the distinctive words of a report's sentences (the wording feature)
    cluster.py       greedy complete-link clustering, never two reports of one article; a figure
                     its own source superseded vetoes nothing
    reconcile.py     low/best/high figures, date, place and perpetrator of an incident
    discrepancies.py every field the reports disagree on
    confidence.py    Airwars-style grade and a 0-1 confidence
    aggregates.py    tallies stay apart and list the incidents they cover
    build.py         stable ids and the `Incident` itself

The rules, with measured cost, are in docs/linking.md.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from ..model import Incident, Link, Report
from .aggregates import covers
from .blocking import candidate_pairs
from .build import build_incident, incident_id
from .cluster import Group, cluster
from .features import Features, features
from .fold import fold
from .similarity import THRESHOLD, Pair, compare, vetoes

__all__ = ["LinkResult", "THRESHOLD", "link"]


@dataclass(slots=True)
class LinkResult:
    incidents: list[Incident]
    new: list[str] = field(default_factory=list)  # ids of incidents this call created
    changed: list[str] = field(default_factory=list)  # ids of earlier incidents it changed
    candidate_pairs: int = 0  # pairs the blocks proposed and the scorer looked at
    # the reports clustered again: the new ones and every report linked to them, however indirectly
    reach: list[str] = field(default_factory=list)


def link(reports: Sequence[Report], *, existing: Sequence[Incident] = (),
         existing_reports: Sequence[Report] = ()) -> LinkResult:
    """Link reports into incidents, attaching them to `existing` incidents where they match.

    `existing_reports` are the member reports of `existing`; an earlier incident whose members are
    not all given keeps what it has and takes no new member. Earlier incidents keep their ids and
    are never merged with each other. Reports already in an earlier incident are skipped. The
    output does not depend on the order of the input. Raises ValueError when two different
    reports share an id.

    >>> from strikewatch.model import Claim, Count, Dates, Location, Report
    >>> def r(i, art, pub, n):
    ...     return Report(id=i, article=art, event_type="Explosions/Remote violence",
    ...                   sub_event_type="Air/drone strike", published=pub,
    ...                   date=Dates(start="2018-02-20", end="2018-02-20", precision="day"),
    ...                   location=Location(name="Douma", country="Syria", admin1="Rif Dimashq",
    ...                                     lat=33.57, lon=36.40, precision="city"),
    ...                   claims=[Claim(source="Syrian Observatory for Human Rights", killed=Count(low=n, best=n))])
    >>> res = link([r("a#1", "a", "2018-02-21", 10), r("b#1", "b", "2018-02-22", 25)])
    >>> [(i.reports, i.killed.best, i.grade) for i in res.incidents]
    [(['a#1', 'b#1'], 25, 'weak')]
    """
    with _no_gc():
        return _link(reports, existing, existing_reports)


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: linking allocates hundreds of thousands of small objects
    and no cycles, and full collections over that heap took a third of the time at 100k reports."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _link(reports: Sequence[Report], existing: Sequence[Incident], existing_reports: Sequence[Report]) -> LinkResult:
    taken = {rid for inc in existing for rid in inc.reports}
    by_id: dict[str, Report] = {}
    for r in reports:
        if r.id in by_id and by_id[r.id] != r:
            raise ValueError(f"two different reports share the id {r.id!r}")
        by_id[r.id] = r
    fresh = sorted((r for r in by_id.values() if r.id not in taken), key=lambda r: r.id)
    known = {r.id: r for r in existing_reports}
    earlier = {inc.id: inc for inc in existing}
    open_ = [inc for inc in existing if inc.kind == "incident" and all(rid in known for rid in inc.reports)]
    pool = sorted([r for r in fresh if r.kind == "incident"] + [known[rid] for inc in open_ for rid in inc.reports],
                  key=lambda r: r.id)
    feats = [features(i, r) for i, r in enumerate(pool)]
    at = {f.id: f.index for f in feats}
    # Only the reports linked (directly or through others) to a new one can change incident: that
    # part is clustered again from nothing, so the answer is the one-shot answer whatever the order
    # the reports came in (clustering never looks past such a component).
    starts = [f.index for f in feats if f.id not in taken]
    restated, aside = fold(feats)
    mates = [[at[rid] for rid in inc.reports] for inc in open_] + restated
    reach, edges, n_pairs = _reach(feats, starts, mates)
    part = sorted(reach)
    if len(part) == len(feats):  # one shot: no renumbering (it cost 30 MB at 100k reports)
        sub = feats
        groups = cluster(feats, edges, vetoes, folds=restated, aside=aside)
    else:
        pos = {m: k for k, m in enumerate(part)}
        sub = [replace(feats[m], index=k) for k, m in enumerate(part)]
        groups = cluster(sub, [(pos[i], pos[j], p) for i, j, p in edges if i in pos and j in pos], vetoes,
                         folds=[[pos[m] for m in g] for g in restated if g[0] in pos],
                         aside={pos[m] for m in aside if m in pos})
    redone = {feats[m].id for m in part}
    out: dict[str, Incident] = {i: inc for i, inc in earlier.items() if not (inc.kind == "incident" and
                                                                           set(inc.reports) <= redone)}
    new: list[str] = []
    changed: list[str] = []
    for g in groups:
        members = [pool[part[m]] for m in g.members]
        iid = incident_id(members)
        built = build_incident(iid, members, _links(sub, g, []),
                               aside={pool[part[m]].id for m in g.members if part[m] in aside})
        old = earlier.get(iid)
        if old is not None and old == built:
            out[iid] = old  # as it was: handed back as given, so the store need not write it again
            continue
        out[iid] = built
        (changed if old is not None else new).append(iid)
    for r in fresh:
        if r.kind == "aggregate":
            iid = incident_id([r])
            out[iid] = build_incident(iid, [r], kind="aggregate")
            new.append(iid)

    tallies = [inc for inc in out.values() if inc.kind == "aggregate"]
    singles = [inc for inc in out.values() if inc.kind == "incident"]
    listed = set(new) | set(changed)  # a set: a list's `in` made this loop quadratic
    for iid, ids in covers(tallies, singles).items():
        if out[iid].covers != ids:
            out[iid] = out[iid].model_copy(update={"covers": ids})
            if iid not in listed:
                listed.add(iid)
                changed.append(iid)
    incidents = sorted(out.values(), key=lambda inc: (inc.date.start or dt.date.max, inc.id))
    return LinkResult(incidents, sorted(new), sorted(changed), n_pairs, sorted(redone))


def _reach(feats: Sequence[Features], starts: Sequence[int],
           mates: Sequence[Sequence[int]]) -> tuple[set[int], list[tuple[int, int, Pair]], int]:
    """The reports joined to `starts` by linked pairs, however indirectly (and with them the other
    members of their earlier incidents), and the linked pairs among them; pairs are scored only
    where the walk needs them (all of them in a one-shot run)."""
    reach = set(starts)
    if len(reach) < len(feats):
        for group in mates:  # an earlier incident that lost a report (a revised article) is redone whole
            if reach & set(group):
                reach |= set(group)
    if len(reach) == len(feats):  # one shot: everything is new
        edges = []
        n_pairs = 0
        for i, j in candidate_pairs(feats):
            n_pairs += 1
            pair = compare(feats[i], feats[j])
            if pair.linked:
                edges.append((i, j, pair))
        return reach, edges, n_pairs
    near: dict[int, list[int]] = {}
    mate_of = {m: group for group in mates for m in group}
    for i, j in candidate_pairs(feats):
        near.setdefault(i, []).append(j)
        near.setdefault(j, []).append(i)
    found: dict[tuple[int, int], Pair] = {}
    todo = sorted(reach, reverse=True)
    while todo:
        i = todo.pop()
        for j in near.get(i, ()):
            key = (i, j) if i < j else (j, i)
            if key in found:
                continue
            pair = found[key] = compare(feats[key[0]], feats[key[1]])
            if pair.linked and j not in reach:
                for m in mate_of.get(j, (j,)):
                    if m not in reach:
                        reach.add(m)
                        todo.append(m)
    edges = [(i, j, p) for (i, j), p in sorted(found.items()) if p.linked]
    return reach, edges, len(found)


def _links(feats: Sequence[Features], g: Group, before: Sequence[Link]) -> list[Link]:
    """Why the members are one incident: every linked pair inside the group, with its reasons."""
    seen = {(k.a, k.b) for k in before}
    links = list(before)
    for i, j, pair in g.edges:
        a, b = sorted((feats[i].id, feats[j].id))
        if (a, b) not in seen:
            seen.add((a, b))
            links.append(Link(a=a, b=b, score=pair.score, reasons=list(pair.reasons)))
    return links

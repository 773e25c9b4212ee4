"""Every field on which an incident's reports differ, each value with its source and its report.

Figures are compared over the sources' current figures (reconcile.given: each source's newest
report giving that figure). A figure a source itself replaced is no disagreement but is kept for
review under "<field>.superseded", with the old and the new values, oldest first. Date, place and perpetrator belong to a report, not a claim:
their source is the report's outlet.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Count, Dates, Discrepancy, DiscrepancyValue, Report
from .features import PLACE_RANK, UNKNOWN_RANK, norm, source_name
from .reconcile import FIGURES, Said, given


def _value(count: Count) -> tuple[int | None, int | None, int | None]:
    return count.low, count.best, count.high


def _entry(s: Said, count: Count) -> DiscrepancyValue:
    return DiscrepancyValue(value=count.model_dump(), source=source_name(s.claim.source, s.report), report=s.report.id)


def figures(said: Sequence[Said]) -> list[Discrepancy]:
    out: list[Discrepancy] = []
    for name, get in FIGURES:
        told = given(said, get)
        now = [(s, c) for s, c, is_now in told if is_now]
        if len({_value(c) for _, c in now}) > 1:
            out.append(Discrepancy(field=name, values=[_entry(s, c) for s, c in now]))
        latest: dict[str, set[tuple[int | None, int | None, int | None]]] = {}
        for s, c in now:
            latest.setdefault(s.key, set()).add(_value(c))
        replaced = {s.key for s, c, is_now in told if not is_now and _value(c) not in latest[s.key]}
        if replaced:
            # the old and the new figures of each source that changed its figure, oldest first
            history = sorted([(s, c) for s, c, _ in told if s.key in replaced], key=lambda sc: (sc[0].key, sc[0].day, sc[0].report.id))
            out.append(Discrepancy(field=f"{name}.superseded", values=[_entry(s, c) for s, c in history]))
    return out


def _iso(d: Dates) -> str | None:
    if d.start is None:
        return None
    end = d.end or d.start
    return d.start.isoformat() if end == d.start else f"{d.start.isoformat()}/{end.isoformat()}"


def _outlet(r: Report) -> str:
    return r.outlet or r.article


def own_reading(r: Report) -> Dates:
    """The date as the report's article alone gives it. A date that linking settled (run.py moves a
    weekly's far-back weekday a week on, basis "linked") keeps the article's reading as its
    alternative; the disagreement is with that reading, or it would vanish once an incident is
    rebuilt from stored, settled reports."""
    d = r.date
    if d.basis == "linked" and d.alternative is not None:
        return Dates(start=d.alternative, end=d.alternative, precision="day", basis="weekday")
    return d


def dates(members: Sequence[Report], chosen: Dates) -> list[Discrepancy]:
    """Two single days that differ, or a window that leaves out the incident's day."""
    dated = [(r, d) for r in members if (d := own_reading(r)).start is not None]
    days = {d.start for _, d in dated if (d.end or d.start) == d.start}
    outside = False
    if chosen.start is not None:
        lo, hi = chosen.start, chosen.end or chosen.start
        outside = any(not (start <= lo and hi <= (d.end or start)) for _, d in dated if (start := d.start))
    if len(days) <= 1 and not outside:
        return []
    return [Discrepancy(field="date", values=[
        DiscrepancyValue(value=_iso(d), source=_outlet(r), report=r.id) for r, d in dated])]


def places(members: Sequence[Report]) -> list[Discrepancy]:
    """Two places at the same level with other names; a quarter inside its city is no disagreement."""
    named = [r for r in members if r.location.name]
    by_rank: dict[int, set[str]] = {}
    for r in named:
        rank = PLACE_RANK.get(r.location.precision or "", PLACE_RANK["city"] if r.location.name else UNKNOWN_RANK)
        by_rank.setdefault(rank, set()).add(norm(r.location.name))
    if all(len(names) <= 1 for names in by_rank.values()):
        return []
    return [Discrepancy(field="location", values=[
        DiscrepancyValue(value=r.location.name, source=_outlet(r), report=r.id) for r in named])]


def perpetrators(members: Sequence[Report]) -> list[Discrepancy]:
    told = {(tuple(sorted(r.perpetrator.actors)), r.perpetrator.attribution) for r in members}
    if len(told) <= 1:
        return []
    return [Discrepancy(field="perpetrator", values=[
        DiscrepancyValue(value={"actors": sorted(r.perpetrator.actors), "attribution": r.perpetrator.attribution},
                         source=_outlet(r), report=r.id) for r in members])]


def find(members: Sequence[Report], said: Sequence[Said], chosen: Dates) -> list[Discrepancy]:
    """All discrepancies of one incident, in a fixed field order."""
    return figures(said) + perpetrators(members) + dates(members, chosen) + places(members)

"""Join incidents without the linker: what a merge falls back on when the store gives no relinking.

The first incident leads (its id, date, place and perpetrator); counts widen to cover every
incident's range, and where the incidents' figures differ a discrepancy records each one, so a
forced merge never hides a disagreement.
"""

from __future__ import annotations

from ..model import Count, Discrepancy, DiscrepancyValue, Incident


def combine(incidents: list[Incident]) -> Incident:
    lead = incidents[0]
    if len(incidents) == 1:
        return lead
    reports = list(dict.fromkeys(r for i in incidents for r in i.reports))
    sources = list(dict.fromkeys(s for i in incidents for s in i.sources))
    discrepancies = [d for i in incidents for d in i.discrepancies]
    known = {d.field for d in discrepancies}
    for field in ("killed", "injured"):
        counts = [(i, getattr(i, field)) for i in incidents if getattr(i, field) is not None]
        if len({(c.low, c.best, c.high) for _, c in counts}) > 1 and field not in known:
            discrepancies.append(Discrepancy(field=field, values=[
                DiscrepancyValue(value=c.model_dump(), source=None, report=i.reports[0]) for i, c in counts]))
    return lead.model_copy(update={
        "reports": reports, "sources": sources, "discrepancies": discrepancies,
        "killed": _widen([i.killed for i in incidents], lead.killed),
        "injured": _widen([i.injured for i in incidents], lead.injured),
        "links": [link for i in incidents for link in i.links],
        "grade": "contested" if discrepancies else lead.grade,
    })


def _widen(counts: list[Count | None], lead: Count | None) -> Count | None:
    present = [c for c in counts if c is not None]
    if not present:
        return None
    lows = [c.low for c in present if c.low is not None]
    highs = [c.high for c in present if c.high is not None]
    best = lead.best if lead is not None and lead.best is not None else next(
        (c.best for c in present if c.best is not None), None)
    return Count(low=min(lows) if lows else None, best=best, high=max(highs) if highs else None)

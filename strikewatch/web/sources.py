"""The incident page's side-by-side table: one row per source (a claim in a report), its figures, and
which cells disagree with another source.

A discrepancy names a field and the values each report (and source) gave. A cell is marked when
its report and source appear among a discrepancy's values for its column; report-level fields
(date, place, perpetrator) are marked on every row of that report.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from ..model import Article, Claim, Count, Dates, Discrepancy, Incident, Perpetrator, Report

# Columns of the table, and the discrepancy fields that mark each.
COLUMNS = {
    "killed": ("killed",),
    "injured": ("injured",),
    "victims": ("victims", "victims.civilians", "victims.children", "victims.women", "victims.combatants"),
    "date": ("date", "date.start", "date.end"),
    "place": ("location", "location.name", "place"),
    "perpetrator": ("perpetrator", "perpetrator.actors", "perpetrator.attribution"),
    "event": ("event_type", "sub_event_type", "event"),
}
REPORT_LEVEL = {"date", "place", "perpetrator", "event"}


class SourceRow(BaseModel):
    report: str
    article: str
    outlet: str | None = None
    published: dt.date | None = None
    title: str | None = None
    source: str | None = None  # None: the outlet itself
    source_type: str | None = None
    killed: Count | None = None
    injured: Count | None = None
    victims: dict[str, Count | None] = {}
    date: Dates
    place: str | None = None
    perpetrator: Perpetrator
    event: str | None = None
    disagree: list[str] = []  # columns where this row's value is in dispute


def source_rows(incident: Incident, reports: list[Report], articles: dict[str, Article]) -> list[SourceRow]:
    disputed = _disputed(incident.discrepancies)
    rows: list[SourceRow] = []
    for report in reports:
        art = articles.get(report.article)
        claims: list[Claim | None] = list(report.claims) or [None]
        for claim in claims:
            source = claim.source if claim else None
            row = SourceRow(
                report=report.id, article=report.article, outlet=report.outlet or (art.outlet if art else None),
                published=report.published or (art.published if art else None), title=art.title if art else None,
                source=source, source_type=claim.source_type if claim else None,
                killed=claim.killed if claim else None, injured=claim.injured if claim else None,
                victims={k: getattr(claim.victims, k) for k in ("civilians", "children", "women", "combatants")
                         if claim and getattr(claim.victims, k) is not None},
                date=report.date, place=report.location.name or report.location.mention,
                perpetrator=report.perpetrator, event=report.sub_event_type or report.event_type)
            row.disagree = [col for col in COLUMNS
                            if (col, report.id, source) in disputed
                            or (col in REPORT_LEVEL and (col, report.id, "*") in disputed)
                            or ((col, report.id, "*") in disputed and len(claims) == 1)]
            rows.append(row)
    return rows


def _disputed(discrepancies: list[Discrepancy]) -> set[tuple[str, str, str | None]]:
    """(column, report, source) triples named by a discrepancy; source "*" when any source of it."""
    out: set[tuple[str, str, str | None]] = set()
    for d in discrepancies:
        for col, names in COLUMNS.items():
            if d.field in names or d.field.split(".")[0] in names:
                for v in d.values:
                    out.add((col, v.report, v.source))
                    out.add((col, v.report, "*"))
    return out


def show_value(value: object) -> str:
    """A discrepancy's value as a reader says it: counts as ranges, perpetrators by name, dates as days."""
    if isinstance(value, dict):
        if {"low", "best", "high"} & value.keys():
            lo, best, hi = value.get("low"), value.get("best"), value.get("high")
            if best is not None:
                return str(best) if lo in (None, best) and hi in (None, best) else f"{best} ({_q(lo)}–{_q(hi)})"
            if lo is not None and hi is not None:
                return str(lo) if lo == hi else f"{lo}–{hi}"
            return f"at least {lo}" if lo is not None else f"up to {hi}" if hi is not None else "unknown"
        if "actors" in value:
            who = ", ".join(value.get("actors") or []) or "no one named"
            how = value.get("attribution")
            return f"{who} ({how})" if how and how != "unknown" else who
        if "start" in value:
            start, end = value.get("start"), value.get("end")
            return f"{start} – {end}" if end and end != start else str(start or "undated")
        if "name" in value:
            return str(value.get("name") or value.get("mention") or "unplaced")
        return ", ".join(f"{k} {show_value(v)}" for k, v in value.items() if v not in (None, [], {}))
    if isinstance(value, list):
        return ", ".join(show_value(v) for v in value) or "none"
    return "unknown" if value is None else str(value)


def _q(v: object) -> str:
    return "?" if v is None else str(v)

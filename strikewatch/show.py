"""Readable terminal output of an analysis (Rich tables)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .model import Analysis, Count, Rejected, Report


def fmt_count(c: Count | None) -> str:
    """'39-41', '≥39', '~800', '≤50', '16' or '?' (unknown)."""
    if c is None or c.is_empty():
        return "?"
    lo, best, hi = c.low, c.best, c.high
    if lo is not None and hi is not None and lo == hi:
        return str(lo)
    if lo is not None and hi is not None:
        return f"{lo}-{hi}"
    if lo is not None:
        return f"≥{lo}" if best is None or best == lo else f"≥{lo} (~{best})"
    if hi is not None:
        return f"≤{hi}" if best is None else f"~{best} (≤{hi})"
    return f"~{best}"


def _date(r: Report) -> str:
    d = r.date
    if d.start is None:
        return "?"
    return str(d.start) if d.start == d.end else f"{d.start}..{d.end}"


def print_analysis(console: Console, analysis: Analysis) -> None:
    table = Table(title=f"{len(analysis.reports)} reports from {analysis.articles} articles", show_lines=False)
    for col in ("report", "kind", "event", "date", "place", "perpetrator", "killed", "injured", "source"):
        table.add_column(col, overflow="fold")
    for r in analysis.reports:
        perp = ", ".join(r.perpetrator.actors) or "-"
        for i, c in enumerate(r.claims or [None]):  # type: ignore[list-item]
            first = i == 0
            table.add_row(
                r.id if first else "", r.kind if first else "", r.sub_event_type if first else "",
                _date(r) if first else "", (r.location.name or "?") if first else "",
                f"{perp} ({r.perpetrator.attribution})" if first else "",
                fmt_count(c.killed) if c else "?", fmt_count(c.injured) if c else "?",
                (c.source or "outlet") if c else "",
            )
    console.print(table)
    if analysis.incidents:
        inc = Table(title=f"{len(analysis.incidents)} incidents")
        for col in ("incident", "kind", "date", "place", "killed", "sources", "reports", "grade", "disagreements"):
            inc.add_column(col, overflow="fold")
        for incident in analysis.incidents:
            d = incident.date
            date = "?" if d.start is None else str(d.start) if d.start == d.end else f"{d.start}..{d.end}"
            inc.add_row(incident.id, incident.kind, date, incident.location.name or "?", fmt_count(incident.killed),
                        str(len(incident.sources)), str(len(incident.reports)), incident.grade or "-",
                        ", ".join(x.field for x in incident.discrepancies) or "-")
        console.print(inc)


def print_rejections(console: Console, rejected: list[Rejected]) -> None:
    if not rejected:
        return
    console.print(f"[yellow]{len(rejected)} input(s) set aside:[/yellow]")
    for r in rejected:
        console.print(f"  [yellow]{r.stage}[/yellow] {r}")

"""Analysts' corrections: confirm, edit a field, merge two incidents, split a report out.

The audit log is the single record of them (who, when, before, after, reason), and the incidents
a reader sees are the machine's incidents with the log replayed over them (`replay`). So a
re-analysis of the same articles, which rebuilds the machine's incidents, cannot undo an analyst.
It lives in the store, not the web app, because both read through it: the web app's pages and
`strikewatch export` (store/corrections.py) must show the same incidents. Pure: no database here.
Replaying in log order keeps later corrections on top of earlier ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..model import Attribution, Count, Dates, Incident, Kind, Report
from .merge import combine

Action = Literal["confirm", "unconfirm", "edit", "merge", "split"]
# The fields an analyst may set, with the type their value must have (as JSON).
EDITABLE: dict[str, Any] = {
    "date": Dates, "killed": Count | None, "injured": Count | None,
    "location.name": str | None, "location.admin1": str | None, "location.country": str | None,
    "location.lat": float | None, "location.lon": float | None,
    "perpetrator.actors": list[str], "perpetrator.attribution": Attribution,
    "event_type": str | None, "sub_event_type": str | None, "kind": Kind,
}
Relink = Callable[[list[Report]], Incident]
# (retired incident id, incidents now) -> the id of the incident that carries it on, if any
Resolve = Callable[[str, list[Incident]], "str | None"]
LoadReports = Callable[[list[str]], list[Report]]


class AuditEntry(BaseModel):
    id: int | None = None
    at: dt.datetime
    who: str
    incident: str
    action: Action
    field: str | None = None
    before: Any = None
    after: Any = None
    reason: str = ""


class ReviewState(BaseModel):
    status: Literal["unreviewed", "confirmed"] = "unreviewed"
    confirmed_by: str | None = None
    confirmed_at: dt.datetime | None = None
    edited: list[str] = []  # fields an analyst has set


class ReviewError(ValueError):
    """A correction that cannot be made as asked; the message says why."""


def check_value(field: str, value: Any) -> Any:
    """`value` validated for `field`, as JSON; raises ReviewError naming what is wrong."""
    if field not in EDITABLE:
        raise ReviewError(f"{field!r} cannot be edited; editable: {', '.join(EDITABLE)}")
    try:
        parsed = TypeAdapter(EDITABLE[field]).validate_python(value)
    except ValidationError as exc:
        raise ReviewError(f"{field}: {exc.errors()[0]['msg']}") from None
    if field.startswith("perpetrator.actors"):
        parsed = [a.strip() for a in parsed if a.strip()]
    if isinstance(parsed, Count) and None not in (parsed.low, parsed.high) and parsed.low > parsed.high:  # type: ignore[operator]
        raise ReviewError(f"{field}: low is above high")
    return TypeAdapter(EDITABLE[field]).dump_python(parsed, mode="json")


def get_value(incident: Incident, field: str) -> Any:
    data: Any = incident.model_dump(mode="json")
    for part in field.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data


def set_value(incident: Incident, field: str, value: Any) -> Incident:
    data = incident.model_dump(mode="json")
    *path, last = field.split(".")
    node = data
    for part in path:
        if not isinstance(node.get(part), dict):
            node[part] = {}
        node = node[part]
    node[last] = value
    return Incident.model_validate(data)


def apply_review(incidents: list[Incident], reports: list[Report], log: list[AuditEntry],
                 relink: Relink | None = None, resolve: Resolve | None = None) -> list[Incident]:
    """The incidents with every logged correction replayed, in log order (see `replay`)."""
    return replay(incidents, reports, log, relink, resolve)[0]


def replay(incidents: list[Incident], reports: list[Report], log: list[AuditEntry],
           relink: Relink | None = None, resolve: Resolve | None = None) -> tuple[list[Incident], dict[str, str]]:
    """The incidents with every logged correction replayed, and which logged ids now go by another.

    Merges and splits are replayed by report: whatever incidents now hold the reports a merge
    joined are joined again, under the id the analyst merged into; a split-out report is taken out
    of whatever incident now holds it, under the id it was given. A report read again from a
    revised article ("X#1@r2") stands in for the one it replaces ("X#1"). Edits and confirmations
    go to the incident they were made on; when relinking has retired that id, `resolve` names its
    successor (the store knows how its ids are made).
    """
    by_id = {i.id: i for i in incidents}
    report_by_id = {r.id: r for r in reports}
    rebuild = relink or (lambda rs: combine([_single(r) for r in rs]))
    aliases: dict[str, str] = {}
    ordered = sorted(log, key=lambda e: (e.at, e.id or 0))
    for e in ordered:
        if e.action == "merge" and isinstance(e.after, dict):
            wanted = {base_id(r) for r in e.after.get("reports", [])}
            holders = [i for i in by_id.values() if wanted & {base_id(r) for r in i.reports}]
            if len(holders) > 1:
                for h in holders:
                    by_id.pop(h.id)
                    if h.id != e.incident:
                        aliases[h.id] = e.incident
                members = [report_by_id[r] for h in holders for r in h.reports if r in report_by_id]
                merged = _rebuild(rebuild, members, holders)
                # The linker's reasons for each half still hold inside the merged incident.
                links = merged.links or [k for h in holders for k in h.links]
                by_id[e.incident] = merged.model_copy(update={"id": e.incident, "links": links})
        elif e.action == "split" and isinstance(e.after, dict):
            gone, new_id = base_id(str(e.after.get("report"))), str(e.after.get("incident"))
            holder = next((i for i in by_id.values() if gone in {base_id(r) for r in i.reports}), None)
            if holder is None or len(holder.reports) < 2:
                continue
            rid = next(r for r in holder.reports if base_id(r) == gone)
            rest = [report_by_id[r] for r in holder.reports if r != rid and r in report_by_id]
            if rid not in report_by_id or not rest:
                continue
            by_id[holder.id] = _rebuild(rebuild, rest, [holder]).model_copy(update={"id": holder.id})
            by_id[new_id] = rebuild([report_by_id[rid]]).model_copy(update={"id": new_id})
    for e in ordered:
        if e.action == "edit" and e.field in EDITABLE:
            target = _current(e.incident, by_id, aliases, resolve)
            if target is None:
                continue  # its reports are gone from the store; the log keeps the edit
            try:
                by_id[target] = set_value(by_id[target], e.field, check_value(e.field, e.after))
            except (ReviewError, ValueError):
                continue  # a field whose type changed since: keep the machine's value, the log keeps the edit
        elif e.action in ("confirm", "unconfirm"):
            _current(e.incident, by_id, aliases, resolve)  # records the alias for the audit view
    return list(by_id.values()), aliases


def correct(machine: list[Incident], log: list[AuditEntry], load_reports: LoadReports,
            relink: Relink | None = None, resolve: Resolve | None = None) -> tuple[list[Incident], dict[str, str]]:
    """`replay` over the machine's incidents, loading only the reports it can need: those a merge
    or split names, and the others of the incidents holding them (only those can change shape)."""
    if not log:
        return list(machine), {}
    needed = {base_id(r) for e in log if e.action in ("merge", "split") for r in _reports_named(e)}
    touched = {r for i in machine if needed & {base_id(r) for r in i.reports} for r in i.reports}
    reports = load_reports(sorted(needed | touched)) if needed else []
    return replay(machine, reports, log, relink, resolve)


def _reports_named(e: AuditEntry) -> list[str]:
    after = e.after if isinstance(e.after, dict) else {}
    return [*after.get("reports", []), *([after["report"]] if "report" in after else [])]


def base_id(report_id: str) -> str:
    """The id a report had in its article's first revision (the store adds "@r2", "@r3", ...)."""
    return report_id.split("@r", 1)[0]


def _current(incident_id: str, by_id: dict[str, Incident], aliases: dict[str, str],
             resolve: Resolve | None) -> str | None:
    seen: set[str] = set()
    while incident_id in aliases and incident_id not in seen:
        seen.add(incident_id)
        incident_id = aliases[incident_id]
    if incident_id in by_id:
        return incident_id
    found = resolve(incident_id, list(by_id.values())) if resolve else None
    if found is not None and found in by_id:
        aliases[incident_id] = found
        return found
    return None


def review_state(log: list[AuditEntry]) -> ReviewState:
    state = ReviewState()
    for e in sorted(log, key=lambda e: (e.at, e.id or 0)):
        if e.action == "confirm":
            state.status, state.confirmed_by, state.confirmed_at = "confirmed", e.who, e.at
        elif e.action == "unconfirm":
            state.status, state.confirmed_by, state.confirmed_at = "unreviewed", None, None
        elif e.action == "edit" and e.field and e.field not in state.edited:
            state.edited.append(e.field)
    return state


# The review status of an incident, from its log: see `status_of`.
STATUSES = ("unreviewed", "confirmed", "edited", "merged")


def status_of(log: list[AuditEntry]) -> str:
    """One word for the list, the API and the exports: confirmed (an analyst vouched for it, whatever
    else was done), edited (a field corrected), merged (reports joined or split out), unreviewed."""
    state = review_state(log)
    if state.status == "confirmed":
        return "confirmed"
    if state.edited:
        return "edited"
    if any(e.action in ("merge", "split") for e in log):
        return "merged"
    return "unreviewed"


def review_statuses(log: list[AuditEntry], aliases: dict[str, str]) -> dict[str, str]:
    """Incident id -> status, for every incident the log touches (the others are unreviewed).
    Entries count for the incident their id goes by now (`aliases`, from `replay`); a split counts
    for both the incident it left and the one it made."""
    by: dict[str, list[AuditEntry]] = {}
    for e in log:
        target, seen = e.incident, set()
        while target in aliases and target not in seen:
            seen.add(target)
            target = aliases[target]
        by.setdefault(target, []).append(e)
        if e.action == "split" and isinstance(e.after, dict) and e.after.get("incident"):
            by.setdefault(str(e.after["incident"]), []).append(e)
    return {i: status_of(entries) for i, entries in by.items()}


def _rebuild(rebuild: Relink, members: list[Report], previous: list[Incident]) -> Incident:
    if members:
        return rebuild(members)
    return combine(previous)  # reports no longer in the store: keep what the incidents said


def _single(report: Report) -> Incident:
    """An incident from one report alone, for when no linker is at hand."""
    killed = next((c.killed for c in report.claims if c.killed), None)
    injured = next((c.injured for c in report.claims if c.injured), None)
    return Incident(id=report.id, reports=[report.id], kind=report.kind, event_type=report.event_type,
                    sub_event_type=report.sub_event_type, date=report.date, location=report.location,
                    perpetrator=report.perpetrator, killed=killed, injured=injured,
                    sources=sorted({c.source or report.outlet or "" for c in report.claims} - {""}))

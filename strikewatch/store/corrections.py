"""The incidents as analysts left them: the machine's incidents with the audit log replayed
(store/review.py), read from the store. `strikewatch export` and the web app (through
`relink` and `successor`, which its adapter hands to the same replay) see the same incidents.
"""

from __future__ import annotations

import datetime as dt

from ..model import Incident, Report
from .database import Store
from .queries import IncidentFilter, audit_entries, load_incidents, load_reports, updated_at
from .review import AuditEntry, base_id, correct, review_statuses


def audit_log(store: Store) -> list[AuditEntry]:
    return [AuditEntry.model_validate(r.model_dump()) for r in audit_entries(store)]


def corrected_incidents(store: Store, filt: IncidentFilter | None = None) -> tuple[list[Incident], dict[str, dt.datetime]]:
    """The incidents passing `filt` once every correction is replayed, in `load_incidents`' order,
    and when each last changed (a run or an analyst: ACLED's `timestamp`)."""
    incidents, changed, _ = reviewed_incidents(store, filt)
    return incidents, changed


def reviewed_incidents(store: Store, filt: IncidentFilter | None = None
                       ) -> tuple[list[Incident], dict[str, dt.datetime], dict[str, str]]:
    """`corrected_incidents`, and the review status of each incident an analyst touched
    (store/review.py's `review_statuses`; the others are unreviewed)."""
    log = audit_log(store)
    if not log:  # nothing to replay: let the database filter
        return load_incidents(store, filt), updated_at(store), {}
    # A correction can move an incident into or out of the filter (an edited admin1, a merge with
    # one outside it), so the filter is applied after the replay, not in SQL.
    incidents, aliases = correct(load_incidents(store), log, lambda ids: load_reports(store, ids), relink, successor)
    changed = last_changed(store, log, aliases)
    kept = [i for i in incidents if filt is None or filt.matches(i)]
    kept.sort(key=lambda i: (i.date.start is None, i.date.start or dt.date.min, i.id))
    return kept, changed, review_statuses(log, aliases)


def last_changed(store: Store, log: list[AuditEntry] | None = None,
                 aliases: dict[str, str] | None = None) -> dict[str, dt.datetime]:
    """When each incident last changed: the run that last wrote it, or a later correction (logged
    under the id it had then; `aliases`, from the replay, says which id it goes by now)."""
    changed = updated_at(store)
    for e in audit_log(store) if log is None else log:
        target = _now_known_as(e.incident, aliases or {})
        at = e.at if e.at.tzinfo else e.at.replace(tzinfo=dt.UTC)
        if target not in changed or changed[target] < at:
            changed[target] = at
    return changed


def relink(reports: list[Report]) -> Incident:
    """One incident of exactly these reports, reconciled as the linker reconciles any group:
    figures, date, place, perpetrator, discrepancies and grade (the caller sets the id)."""
    from ..link.build import build_incident, incident_id

    return build_incident(incident_id(reports), reports, kind="incident")


def successor(incident_id: str, incidents: list[Incident]) -> str | None:
    """The incident that carries on a retired id. The linker names an incident after its founding
    report (`link.build.incident_id`); when an article is revised its reports come back as
    "X#1@r2" and the incident founded on "X#1" under a new id: the incident holding a report whose
    first-revision id would give `incident_id` carries it on."""
    from ..link.build import incident_id as id_of

    holders = {r: inc.id for inc in incidents for r in inc.reports}
    for rid, holder in holders.items():
        if id_of([Report(id=base_id(rid), article="", event_type="", sub_event_type="")]) == incident_id:
            return holder
    return None


def _now_known_as(incident_id: str, aliases: dict[str, str]) -> str:
    seen: set[str] = set()
    while incident_id in aliases and incident_id not in seen:
        seen.add(incident_id)
        incident_id = aliases[incident_id]
    return incident_id

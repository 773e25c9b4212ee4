"""Models to rows and back. The JSON column holds the whole model; the scalar columns copy the few
fields that queries filter and sort on, so they can never disagree with it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..model import Incident, Report


def report_values(report: Report, *, revision: int, now: dt.datetime) -> dict[str, Any]:
    data = report.model_dump(mode="json")
    loc = report.location
    return {
        "id": report.id, "article_id": report.article, "revision": revision, "current": True,
        "kind": report.kind, "event_type": report.event_type, "sub_event_type": report.sub_event_type,
        "date_start": report.date.start, "date_end": report.date.end, "date_precision": report.date.precision,
        "location": _cut(loc.name or loc.mention, 300), "admin1": _cut(loc.admin1, 200),
        "country": _cut(loc.country, 200), "latitude": loc.lat, "longitude": loc.lon,
        "perpetrator": data["perpetrator"], "claims": data["claims"], "evidence": data["evidence"],
        "data": data, "created_at": now, "updated_at": now,
    }


def incident_values(incident: Incident, *, now: dt.datetime) -> dict[str, Any]:
    loc, killed = incident.location, incident.killed
    actors = incident.perpetrator.actors
    return {
        "id": incident.id, "kind": incident.kind, "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type, "date_start": incident.date.start,
        "date_end": incident.date.end, "date_precision": incident.date.precision,
        "location": _cut(loc.name or loc.mention, 300), "admin1": _cut(loc.admin1, 200),
        "country": _cut(loc.country, 200), "latitude": loc.lat, "longitude": loc.lon,
        "perpetrator": _cut(actors[0], 300) if actors else None,
        "killed_low": killed.low if killed else None, "killed_best": killed.best if killed else None,
        "killed_high": killed.high if killed else None,
        "confidence": incident.confidence, "grade": incident.grade,
        "data": incident.model_dump(mode="json"), "updated_at": now,
    }


def report_from_row(data: dict[str, Any]) -> Report:
    return Report.model_validate(data)


def incident_from_row(data: dict[str, Any]) -> Incident:
    return Incident.model_validate(data)


def _cut(value: str | None, size: int) -> str | None:
    """Indexed copies are cut to the column's size (PostgreSQL refuses longer); `data` keeps it whole."""
    return value[:size] if value is not None else None

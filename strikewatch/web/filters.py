"""The overview's filters: one query model shared by the list, the map and the timeline, so the three
always show the same incidents.

Filtering runs over `Incident` models in Python. The store holds one row per incident (a few
thousand for a year of Syrian reporting), so a scan costs milliseconds and keeps every filter,
including ones over nested fields like perpetrator actors, in one readable place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Query
from pydantic import BaseModel, Field

from ..model import Incident


class IncidentQuery(BaseModel):
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = None
    admin1: str | None = None
    place: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    perpetrator: str | None = None
    event_type: str | None = None
    min_killed: int | None = Field(default=None, ge=0)
    disagreements: bool | None = None
    kind: str | None = "incident"
    q: str | None = None
    page: int = Field(default=1, ge=1)
    per_page: int = Field(default=50, ge=1, le=500)

    def params(self, **changes: object) -> dict[str, str]:
        """The non-empty filters as query parameters (for links that keep the filters)."""
        data = self.model_dump() | changes
        out: dict[str, str] = {}
        for key, value in data.items():
            if value is None or value == "" or value is False or (key, value) in (("page", 1), ("per_page", 50)):
                continue
            if key == "kind" and value == "incident":
                continue
            out[key] = ",".join(f"{v:g}" for v in value) if key == "bbox" else str(value).lower() if isinstance(value, bool) else str(value)
        return out


def incident_query(
    date_from: Annotated[dt.date | None, Query(description="Incidents ending on or after this date (YYYY-MM-DD)")] = None,
    date_to: Annotated[dt.date | None, Query(description="Incidents starting on or before this date")] = None,
    country: Annotated[str | None, Query(max_length=100, description="Country name, exact (case-insensitive)")] = None,
    admin1: Annotated[str | None, Query(max_length=100, description="First-level division (governorate), exact")] = None,
    place: Annotated[str | None, Query(max_length=100, description="Place name or the text's spelling, substring")] = None,
    bbox: Annotated[str | None, Query(max_length=100, pattern=r"^-?[0-9]{1,3}(\.[0-9]{1,8})?(,-?[0-9]{1,3}(\.[0-9]{1,8})?){3}$",
                                          description="west,south,east,north in degrees")] = None,
    perpetrator: Annotated[str | None, Query(max_length=100, description="Actor named as perpetrator, substring")] = None,
    event_type: Annotated[str | None, Query(max_length=100, description="ACLED event or sub-event type, exact")] = None,
    min_killed: Annotated[int | None, Query(ge=0, le=10**9, description="At least this many killed (best estimate, else low)")] = None,
    disagreements: Annotated[bool | None, Query(description="true: only incidents whose sources disagree")] = None,
    kind: Annotated[str | None, Query(pattern="^(incident|aggregate|all)$",
                                          description="incident (default), aggregate tallies, or all")] = "incident",
    q: Annotated[str | None, Query(max_length=200, description="Words that must all appear in the incident or its articles")] = None,
    page: Annotated[int, Query(ge=1, le=10**6)] = 1,
    per_page: Annotated[int, Query(ge=1, le=500)] = 50,
) -> IncidentQuery:
    """FastAPI dependency: the query string as an `IncidentQuery` (a bad bbox is a 422, not a 500)."""
    box = None
    if bbox:
        # The pattern guarantees four numbers; out-of-range ones are clamped rather than refused,
        # as a map panned past the poles or the antimeridian sends them.
        w, s, e, n = (float(v) for v in bbox.split(","))
        s, n = sorted((max(-90.0, min(90.0, s)), max(-90.0, min(90.0, n))))
        box = (_wrap(w), s, _wrap(e), n)
    return IncidentQuery(date_from=date_from, date_to=date_to, country=_blank(country), admin1=_blank(admin1),
                         place=_blank(place), bbox=box, perpetrator=_blank(perpetrator), event_type=_blank(event_type),
                         min_killed=min_killed, disagreements=disagreements, kind=None if kind == "all" else kind,
                         q=_blank(q), page=page, per_page=per_page)


def killed_of(inc: Incident) -> int | None:
    """The figure the map sizes by and `min_killed` compares with: best, else the least supported."""
    if inc.killed is None:
        return None
    return inc.killed.best if inc.killed.best is not None else inc.killed.low


def matches(inc: Incident, query: IncidentQuery, text_of: Callable[[Incident], str] = lambda _: "") -> bool:
    """Whether `inc` passes every filter; `text_of` supplies extra searchable text (its articles)."""
    d, loc = inc.date, inc.location
    if query.kind and inc.kind != query.kind:
        return False
    if query.date_from and (d.end or d.start) is not None and (d.end or d.start) < query.date_from:  # type: ignore[operator]
        return False
    if query.date_to and d.start is not None and d.start > query.date_to:
        return False
    if (query.date_from or query.date_to) and d.start is None:
        return False
    if query.country and (loc.country or "").casefold() != query.country.casefold():
        return False
    if query.admin1 and (loc.admin1 or "").casefold() != query.admin1.casefold():
        return False
    if query.place and not any(query.place.casefold() in (v or "").casefold() for v in (loc.name, loc.mention)):
        return False
    if query.bbox:
        w, s, e, n = query.bbox
        if loc.lat is None or loc.lon is None or not (s <= loc.lat <= n and _in_lon(loc.lon, w, e)):
            return False
    if query.perpetrator and not any(query.perpetrator.casefold() in a.casefold() for a in inc.perpetrator.actors):
        return False
    if query.event_type and query.event_type.casefold() not in (
            (inc.event_type or "").casefold(), (inc.sub_event_type or "").casefold()):
        return False
    if query.min_killed is not None and (killed_of(inc) or 0) < query.min_killed:
        return False
    if query.disagreements is not None and bool(inc.discrepancies) != query.disagreements:
        return False
    if query.q:
        hay = " ".join([inc.id, loc.name or "", loc.mention or "", loc.admin1 or "", loc.country or "",
                        *inc.perpetrator.actors, *inc.sources, inc.event_type or "", inc.sub_event_type or "",
                        text_of(inc)]).casefold()
        if not all(word in hay for word in query.q.casefold().split()):
            return False
    return True


def _in_lon(lon: float, west: float, east: float) -> bool:
    # A box may cross the antimeridian (west > east), as Leaflet's bounds do when panned past it.
    return west <= lon <= east if west <= east else lon >= west or lon <= east


def _wrap(lon: float) -> float:
    """Longitude into -180..180 (Leaflet reports 190 for a view panned a little east of the antimeridian)."""
    return lon if -180 <= lon <= 180 else (lon + 180) % 360 - 180


def _blank(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


# A route's filters: `query: QueryDep`.
QueryDep = Annotated[IncidentQuery, Depends(incident_query)]

"""The overview: filters, a map of incidents and a timeline of daily incidents and deaths, and the list.

`/` is the page; `/incidents.json` and `/api/incidents` its JSON twin (one page of incidents);
`/api/map` and `/api/timeline` feed the map and the timeline with the same filters.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from ..model import Incident
from .app import idpath, render
from .data import CatalogDep
from .filters import QueryDep, killed_of

router = APIRouter()

# Colour-blind-safe qualitative palette (Okabe-Ito, then Tol's muted); grey is "no one named".
PALETTE = ("#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#882255", "#117733",
           "#332288", "#999933")
UNNAMED, OTHER = "#9a9a9a", "#444444"


class IncidentPage(BaseModel):
    total: int
    page: int
    per_page: int
    pages: int
    items: list[Incident]


class Day(BaseModel):
    date: dt.date
    incidents: int
    killed: int


class Timeline(BaseModel):
    days: list[Day]


@router.get("/api/incidents", response_model=IncidentPage, tags=["incidents"],
            summary="Incidents, filtered and paginated")
def list_incidents(query: QueryDep, cat: CatalogDep) -> IncidentPage:
    """Incidents newest first, with analysts' corrections applied. Filters combine with AND."""
    found = cat.find(query)
    start = (query.page - 1) * query.per_page
    return IncidentPage(total=len(found), page=query.page, per_page=query.per_page,
                        pages=max(1, -(-len(found) // query.per_page)), items=found[start:start + query.per_page])


router.add_api_route("/incidents.json", list_incidents, methods=["GET"], response_model=IncidentPage,
                     include_in_schema=False)


@router.get("/api/map", tags=["incidents"], summary="Incidents as GeoJSON points, for the map",
            response_description="A GeoJSON FeatureCollection; `legend` gives each perpetrator's colour")
def map_points(query: QueryDep, cat: CatalogDep) -> dict[str, Any]:
    """Every placed incident that passes the filters (no pagination), sized by killed and coloured
    by perpetrator (the ten most frequent get their own colour)."""
    found = [i for i in cat.find(query) if i.location.lat is not None and i.location.lon is not None]
    colours = perpetrator_colours(found)
    features = [{
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [i.location.lon, i.location.lat]},
        "properties": {"id": i.id, "url": f"/incidents/{idpath(i.id)}", "date": _iso(i.date.start),
                       "place": i.location.name or i.location.mention, "killed": killed_of(i),
                       "perpetrator": lead_actor(i), "colour": colours.get(lead_actor(i), OTHER),
                       "grade": i.grade, "disagreements": len(i.discrepancies)},
    } for i in found]
    counts = Counter(lead_actor(i) for i in found)
    legend = [{"perpetrator": p, "colour": colours.get(p, OTHER), "count": n} for p, n in counts.most_common()
              if p in colours]
    if other := sum(n for p, n in counts.items() if p not in colours):
        legend.append({"perpetrator": "others", "colour": OTHER, "count": other})
    return {"type": "FeatureCollection", "features": features, "legend": legend}


@router.get("/api/timeline", response_model=Timeline, tags=["incidents"],
            summary="Incidents and deaths per day, for the timeline")
def timeline(query: QueryDep, cat: CatalogDep) -> Timeline:
    """One row per day from the first to the last dated incident that passes the filters, days
    without incidents included (as zeros), so the chart's gaps are real. An incident counts on its
    first day; undated incidents and tallies over a period (`kind` aggregate) are left out."""
    per_day: dict[dt.date, list[int]] = {}
    for inc in cat.find(query):
        if inc.date.start is not None and inc.kind == "incident":
            row = per_day.setdefault(inc.date.start, [0, 0])
            row[0] += 1
            row[1] += killed_of(inc) or 0
    if not per_day:
        return Timeline(days=[])
    first, last = min(per_day), max(per_day)
    days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    return Timeline(days=[Day(date=d, incidents=per_day.get(d, [0, 0])[0], killed=per_day.get(d, [0, 0])[1])
                          for d in days])


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
@router.get("/incidents", response_class=HTMLResponse, include_in_schema=False)
def overview(request: Request, query: QueryDep,
             cat: CatalogDep) -> HTMLResponse:
    result = list_incidents(query, cat)
    params = query.params()
    found = cat.find(query)
    # "At least": the sum of lower bounds where known, so overlapping ranges never inflate the toll.
    killed_total = sum((i.killed.low if i.killed.low is not None else i.killed.best) or 0
                       for i in found if i.killed is not None and i.kind == "incident")
    return render(request, "overview.html", {
        "query": query, "result": result, "facets": cat.facets(),
        "json_url": "/incidents.json" + _qs(params),
        "prev_url": "/" + _qs(query.params(page=query.page - 1)) if query.page > 1 else None,
        "next_url": "/" + _qs(query.params(page=query.page + 1)) if query.page < result.pages else None,
        "killed_total": killed_total, "export_qs": _qs({k: v for k, v in params.items() if k not in ("page", "per_page")}),
    })


def lead_actor(inc: Incident) -> str:
    return inc.perpetrator.actors[0] if inc.perpetrator.actors else "no one named"


def perpetrator_colours(incidents: list[Incident]) -> dict[str, str]:
    """A stable colour per perpetrator: the most frequent get the palette in order of frequency."""
    counts = Counter(lead_actor(i) for i in incidents if i.perpetrator.actors)
    top = [p for p, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:len(PALETTE)]]
    return {p: PALETTE[n] for n, p in enumerate(top)} | {"no one named": UNNAMED}


def _qs(params: dict[str, str]) -> str:
    from urllib.parse import urlencode

    return "?" + urlencode(params) if params else ""


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None

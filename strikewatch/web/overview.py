"""The overview: filters, a map of incidents and a timeline of daily incidents and deaths, and the list.

`/` is the page; `/incidents.json` and `/api/incidents` its JSON twin (one page of incidents);
`/api/map` and `/api/timeline` feed the map and the timeline with the same filters.
Tallies over a period or an area (`kind` aggregate) are listed when asked for, but never drawn on
the map, counted on the timeline or added into the headline's toll: they would count the same dead
again, and a war-wide tally drawn as a point buries every incident under it.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import zlib
from collections import Counter
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response  # noqa: F401
from pydantic import BaseModel

from ..model import Incident
from .app import NOT_FOUND, idpath, render
from .data import Catalog, CatalogDep
from .filters import IncidentQuery, QueryDep, killed_of

router = APIRouter()

# Qualitative palette (Okabe-Ito, then Tol's muted): as many colours as the actor lexicon has
# actors, so each of those has its own; grey is "no one named".
PALETTE = ("#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#882255",
           "#117733", "#332288", "#999933", "#AA4499", "#44AA99", "#CC6677", "#88CCEE", "#DDCC77")
UNNAMED = "#9a9a9a"
LEGEND_SIZE = 10


class ListedIncident(Incident):
    """An incident as the list shows it: with its review status and the outlets of its reports."""

    review_status: str = "unreviewed"
    outlets: list[str] = []


class IncidentPage(BaseModel):
    total: int
    page: int
    per_page: int
    pages: int
    items: list[ListedIncident]


class Day(BaseModel):
    date: dt.date
    incidents: int
    killed: int


class Timeline(BaseModel):
    days: list[Day]


def _page(query: IncidentQuery, cat: Catalog, found: list[Incident]) -> IncidentPage:
    pages = max(1, -(-len(found) // query.per_page))
    start = (query.page - 1) * query.per_page
    items = [ListedIncident.model_validate(i.model_dump() | {"review_status": cat.status(i.id),
                                                             "outlets": cat.outlets(i.id)})
             for i in found[start:start + query.per_page]]
    return IncidentPage(total=len(found), page=query.page, per_page=query.per_page, pages=pages, items=items)


@router.get("/api/incidents", response_model=IncidentPage, tags=["incidents"], responses=NOT_FOUND,
            summary="Incidents, filtered, sorted and paginated")
def list_incidents(query: QueryDep, cat: CatalogDep) -> IncidentPage:
    """Incidents newest first (or as `sort` and `order` say), with analysts' corrections applied and
    each one's review status. Filters combine with AND. A page past the last is a 404 naming the last."""
    found = cat.find(query)
    pages = max(1, -(-len(found) // query.per_page))
    if query.page > pages:
        raise HTTPException(404, f"page {query.page} is past the last page ({pages}) of {len(found)} incidents")
    return _page(query, cat, found)


router.add_api_route("/incidents.json", list_incidents, methods=["GET"], response_model=IncidentPage,
                     include_in_schema=False)


def drawable(inc: Incident) -> bool:
    """Drawn on the map: an incident (never a tally) placed more precisely than a whole country (a
    point at a country's centre would say it happened there)."""
    return (inc.kind == "incident" and inc.location.lat is not None and inc.location.lon is not None
            and inc.location.precision != "country")


@router.get("/api/map", tags=["incidents"], summary="Incidents as GeoJSON points, for the map",
            response_class=JSONResponse,
            response_description="A GeoJSON FeatureCollection; `legend` gives the most frequent perpetrators' colours")
def map_points(query: QueryDep, cat: CatalogDep) -> Response:
    """Every placed incident that passes the filters (no pagination; tallies are never drawn),
    sized by killed and coloured by its first perpetrator (the colour is a hash of the name, so it
    stays the same whatever the filters). `left_out` counts the tallies, and the incidents without
    a place or placed only in a country (`unplaced`)."""
    body = cat.memo(("map", _filters(query)), lambda: _map_body(query, cat))
    return Response(body, media_type="application/json")


def _map_body(query: IncidentQuery, cat: Catalog) -> bytes:
    found = cat.find(query)
    shown = [i for i in found if drawable(i)]
    features = [{
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [i.location.lon, i.location.lat]},
        "properties": {"id": i.id, "url": f"/incidents/{idpath(i.id)}", "date": _iso(i.date.start),
                       "place": i.location.name or i.location.mention, "killed": killed_of(i),
                       "perpetrator": lead_actor(i), "colour": actor_colour(lead_actor(i)),
                       "grade": i.grade, "disagreements": len(i.discrepancies), "status": cat.status(i.id)},
    } for i in shown]
    counts = Counter(lead_actor(i) for i in shown)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
    legend = [{"perpetrator": p, "colour": actor_colour(p), "count": n} for p, n in top[:LEGEND_SIZE]]
    if rest := top[LEGEND_SIZE:]:
        legend.append({"perpetrator": f"{len(rest)} more", "colour": None, "count": sum(n for _, n in rest)})
    # Plain JSON types already: encoded here, since FastAPI's encoder walking thousands of features
    # took most of a second.
    return json.dumps({"type": "FeatureCollection", "features": features, "legend": legend,
                       "left_out": {"tallies": sum(1 for i in found if i.kind != "incident"),
                                    "unplaced": sum(1 for i in found if i.kind == "incident" and not drawable(i))}},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@router.get("/api/timeline", response_model=Timeline, tags=["incidents"],
            summary="Incidents and deaths per day, for the timeline")
def timeline(query: QueryDep, cat: CatalogDep) -> Response:
    """One row per day from the first to the last dated incident that passes the filters, days
    without incidents included (as zeros), so the chart's gaps are real. An incident counts on its
    first day; undated incidents and tallies over a period (`kind` aggregate) are left out."""
    body = cat.memo(("timeline", _filters(query)), lambda: _timeline(query, cat).model_dump_json().encode("utf-8"))
    return Response(body, media_type="application/json")


def _timeline(query: IncidentQuery, cat: Catalog) -> Timeline:
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
def overview(request: Request, query: QueryDep, cat: CatalogDep) -> HTMLResponse:
    found = cat.find(query)
    pages = max(1, -(-len(found) // query.per_page))
    messages = []
    if query.page > pages:  # a stale link or a hand-typed page: show the last page and say so
        messages.append({"kind": "error", "text": f"There {'is' if pages == 1 else 'are'} only {pages} "
                                                  f"page{'' if pages == 1 else 's'} of incidents for these "
                                                  f"filters; showing the last."})
        query = query.model_copy(update={"page": pages})
    result = _page(query, cat, found)
    params = query.params()
    filters = {k: v for k, v in params.items() if k not in ("page", "per_page", "sort", "order")}
    # "At least": the sum of lower bounds where known, so overlapping ranges never inflate the toll;
    # incidents only, since a tally counts again the dead of incidents already listed.
    killed_total = sum((i.killed.low if i.killed.low is not None else i.killed.best) or 0
                       for i in found if i.killed is not None and i.kind == "incident")
    tallies = sum(1 for i in found if i.kind != "incident")
    return render(request, "overview.html", {
        "query": query, "result": result, "facets": cat.facets(), "messages": messages,
        "json_url": "/incidents.json" + _qs(params), "tallies": tallies,
        "prev_url": "/" + _qs(query.params(page=query.page - 1)) if query.page > 1 else None,
        "next_url": "/" + _qs(query.params(page=query.page + 1)) if query.page < result.pages else None,
        "killed_total": killed_total, "export_qs": _qs({k: v for k, v in params.items() if k not in ("page", "per_page")}),
        "map_src": "/api/map" + _qs(filters), "timeline_src": "/api/timeline" + _qs(filters),
        "sort_url": lambda key: "/" + _qs(query.params(sort=key, page=1, order=(
            "asc" if query.sort == key and query.order == "desc" else "desc"))),
    })


def _filters(query: IncidentQuery) -> str:
    """The filters alone, as a key: the map and the timeline do not depend on page or order."""
    return json.dumps(query.model_dump(mode="json", exclude={"page", "per_page", "sort", "order"}), sort_keys=True)


def lead_actor(inc: Incident) -> str:
    return inc.perpetrator.actors[0] if inc.perpetrator.actors else "no one named"


def actor_colour(actor: str) -> str:
    """The actor's colour, from its name alone, so it never changes with the filter or with which
    other actors are shown: the actors of the lexicon each get their own (`_lexicon_colours`), any
    other name a hash of it into the palette (it may then share one)."""
    if actor == "no one named":
        return UNNAMED
    key = actor.strip().casefold()
    return _lexicon_colours().get(key) or PALETTE[_hash(key) % len(PALETTE)]


def _hash(key: str) -> int:
    return zlib.crc32(key.encode("utf-8"))  # the same in every process, unlike hash()


@functools.cache
def _lexicon_colours() -> dict[str, str]:
    """The lexicon's actors, each hashed into the palette and moved on to the next free colour when
    another took it (open addressing), in name order: collision-free while the palette is long enough."""
    from ..lexicon import load

    taken: dict[int, str] = {}
    for key in sorted({a.strip().casefold() for a in load().actors.values() if a}):
        slot = _hash(key) % len(PALETTE)
        for step in range(len(PALETTE)):
            if (slot + step) % len(PALETTE) not in taken:
                taken[(slot + step) % len(PALETTE)] = key
                break
    return {key: PALETTE[slot] for slot, key in taken.items()}


def _qs(params: dict[str, str]) -> str:
    return "?" + urlencode(params) if params else ""


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None

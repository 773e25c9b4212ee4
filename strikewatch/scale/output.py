"""Reports and incidents as Parquet: a `json` column holds each model whole (it reads back exactly),
and a few scalar columns beside it let a query engine (DuckDB, Polars, pyarrow) filter and count
without parsing JSON.

A distributed run writes `reports.parquet/` and `incidents.parquet/` as folders of parts, one part
per partition (reports, in input order) or link bin (incidents), as Dask and Spark write datasets;
`pyarrow.dataset.dataset(path)` and `duckdb.read_parquet('path/*.parquet')` read a folder as one table.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from ..model import Analysis, Count, Incident, Location, Report

_PLACE = [("country", pa.string()), ("admin1", pa.string()), ("place", pa.string()),
          ("lat", pa.float64()), ("lon", pa.float64())]
REPORTS = pa.schema([("id", pa.string()), ("article", pa.string()), ("kind", pa.string()),
                     ("event_type", pa.string()), ("sub_event_type", pa.string()),
                     ("date_start", pa.date32()), ("date_end", pa.date32()), *_PLACE,
                     ("outlet", pa.string()), ("published", pa.date32()), ("json", pa.string())])
INCIDENTS = pa.schema([("id", pa.string()), ("kind", pa.string()), ("event_type", pa.string()),
                       ("sub_event_type", pa.string()), ("date_start", pa.date32()), ("date_end", pa.date32()),
                       *_PLACE, ("killed_low", pa.int64()), ("killed_best", pa.int64()), ("killed_high", pa.int64()),
                       ("injured_best", pa.int64()), ("reports", pa.int64()), ("grade", pa.string()),
                       ("confidence", pa.float64()), ("json", pa.string())])


def _place(loc: Location) -> dict[str, Any]:
    return {"country": loc.country, "admin1": loc.admin1, "place": loc.name, "lat": loc.lat, "lon": loc.lon}


def _count(c: Count | None, name: str) -> dict[str, int | None]:
    return {f"{name}_{k}": getattr(c, k) if c is not None else None for k in ("low", "best", "high")}


def report_row(r: Report) -> dict[str, Any]:
    return {"id": r.id, "article": r.article, "kind": r.kind, "event_type": r.event_type,
            "sub_event_type": r.sub_event_type, "date_start": r.date.start, "date_end": r.date.end,
            **_place(r.location), "outlet": r.outlet, "published": r.published, "json": r.model_dump_json()}


def incident_row(inc: Incident) -> dict[str, Any]:
    injured = _count(inc.injured, "injured")
    return {"id": inc.id, "kind": inc.kind, "event_type": inc.event_type, "sub_event_type": inc.sub_event_type,
            "date_start": inc.date.start, "date_end": inc.date.end, **_place(inc.location),
            **_count(inc.killed, "killed"), "injured_best": injured["injured_best"], "reports": len(inc.reports),
            "grade": inc.grade, "confidence": inc.confidence, "json": inc.model_dump_json()}


def _write(rows: list[dict[str, Any]], schema: pa.Schema, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path, compression="zstd")


def write_reports(reports: list[Report], path: Path) -> None:
    _write([report_row(r) for r in reports], REPORTS, path)


def write_incidents(incidents: list[Incident], path: Path) -> None:
    _write([incident_row(i) for i in incidents], INCIDENTS, path)


def write_analysis(analysis: Analysis, out_dir: Path) -> None:
    """A single-process run written as a distributed one writes it: one part per dataset."""
    write_reports(analysis.reports, out_dir / "reports.parquet" / "part-00000.parquet")
    write_incidents(analysis.incidents, out_dir / "incidents.parquet" / "part-00000.parquet")


def _json(path: Path) -> Iterator[str]:
    """The `json` column of a Parquet file, or of every part of a folder in name order."""
    files = sorted(path.glob("*.parquet")) if path.is_dir() else [path]
    for f in files:
        for batch in pq.ParquetFile(f).iter_batches(columns=["json"], batch_size=4096):
            yield from batch.column(0).to_pylist()


def read_reports(path: Path) -> Iterator[Report]:
    """The reports a run wrote to `path` (a part or a folder of parts), in input order."""
    return (Report.model_validate_json(s) for s in _json(path))


def read_incidents(path: Path) -> Iterator[Incident]:
    """The incidents a run wrote to `path`, in bin order (sort by date and id for the `analyze` order)."""
    return (Incident.model_validate_json(s) for s in _json(path))

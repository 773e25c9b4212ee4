"""Exports of the incidents the filters select, in the store's formats, corrections applied."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from fastapi.responses import Response

from .app import unprocessable
from .data import CatalogDep
from .filters import QueryDep

router = APIRouter(tags=["exports"])
Format = Literal["acled-csv", "geojson", "json", "csv"]
SUFFIX = {"acled-csv": "acled.csv", "geojson": "geojson", "json": "json", "csv": "csv"}


@router.get("/api/export/{fmt}", summary="Export the filtered incidents",
            responses={200: {"content": {"text/csv": {}, "application/geo+json": {}, "application/json": {}},
                             "description": "The export file"}})
def export(fmt: Format, query: QueryDep, cat: CatalogDep) -> Response:
    """All incidents passing the filters (pagination ignored) as `acled-csv` (ACLED's columns),
    `geojson`, `json` or `csv`, with analysts' corrections applied and each incident's review status
    (`status=confirmed` exports only the confirmed ones)."""
    try:
        found = cat.find(query)
        content, media = cat.store.export(fmt, found, {i.id: cat.status(i.id) for i in found})
    except ValueError as exc:
        raise unprocessable(str(exc), "path", "fmt") from None
    return Response(content, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="strikewatch-incidents.{SUFFIX[fmt]}"'})

"""Exports parse in their own formats and hold the expected incidents: ACLED CSV (ACLED's columns
in ACLED's order), GeoJSON points, strikewatch/1 JSON (valid against the schema), flat CSV; the
filters select by date, country, admin1 and kind. Built with the fake extractor and real linking."""

from __future__ import annotations

import csv
import io
import json
from importlib.resources import files

import pytest

from strikewatch.model import Analysis, Article
from strikewatch.store import IncidentFilter, Store, export, load_incidents, run
from strikewatch.store.export import ACLED_COLUMNS, CSV_COLUMNS, render
from strikewatch.store.testing import fake_analyze

ARTICLES = [
    Article(id="a", text="Air strikes: 10 killed in Douma on 2018-02-20.", outlet="SANA", published="2018-02-21"),
    Article(id="b", text="Raids left 25 killed in Douma on 2018-02-20.", outlet="AFP", published="2018-02-22"),
    Article(id="c", text="Shelling: 4 killed in Idlib on 2018-03-02.", outlet="AFP", published="2018-03-03"),
    Article(id="d", text="A strike: 7 killed in Raqqa on 2018-04-11.", outlet="SANA", published="2018-04-11"),
    Article(id="e", text="Also 3 killed in Nowhere on 2018-05-01.", outlet="SANA", published="2018-05-02"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = Store.open(tmp_path_factory.mktemp("export") / "export.db")
    run(s, ARTICLES, analyze=fake_analyze)
    return s


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_export_acled_csv_has_acled_columns_in_order(store):
    text = export(store, "acled-csv")
    assert next(csv.reader(io.StringIO(text))) == list(ACLED_COLUMNS)
    douma = next(r for r in rows(text) if r["location"] == "Douma")
    inc = next(i for i in load_incidents(store) if i.location.name == "Douma")
    assert douma["event_id_cnty"] == inc.id
    assert (douma["event_date"], douma["year"], douma["time_precision"]) == ("2018-02-20", "2018", "1")
    assert (douma["disorder_type"], douma["event_type"]) == ("Political violence", "Explosions/Remote violence")
    assert (douma["country"], douma["iso"], douma["admin1"], douma["geo_precision"]) == ("Syria", "760", "Rif Dimashq", "1")
    assert (douma["latitude"], douma["longitude"]) == ("33.5718", "36.4027")
    assert douma["fatalities"] == str(inc.killed.low)  # ACLED's conservative figure: the lower bound
    assert douma["source"].startswith("SANA; AFP")  # the outlets, then the sources they quote
    assert int(douma["timestamp"]) > 1_500_000_000


def test_export_acled_csv_leaves_unknown_fatalities_empty():
    from strikewatch.model import Incident

    text = render("acled-csv", [Incident(id="x", reports=["r"])])
    assert rows(text)[0]["fatalities"] == ""  # unknown is not 0


def test_export_geojson_points_for_incidents_with_coordinates(store):
    doc = json.loads(export(store, "geojson"))
    assert doc["type"] == "FeatureCollection"
    placed = {f["properties"]["location"]: f for f in doc["features"]}
    assert set(placed) == {"Douma", "Idlib", "Raqqa"}  # Nowhere has no coordinates
    douma = placed["Douma"]
    assert douma["geometry"] == {"type": "Point", "coordinates": [36.4027, 33.5718]}  # longitude first
    assert douma["properties"]["date_start"] == "2018-02-20" and douma["properties"]["reports"] == "a#1; b#1"


def test_export_json_is_a_valid_strikewatch_document(store):
    import jsonschema

    doc = json.loads(export(store, "json"))
    schema = json.loads(files("strikewatch.data").joinpath("strikewatch-1.schema.json").read_text())
    jsonschema.validate(doc, schema)
    analysis = Analysis.model_validate(doc)
    assert len(analysis.incidents) == 4 and len(analysis.reports) == 5 and analysis.articles == 5


def test_export_csv_one_flat_row_an_incident(store):
    text = export(store, "csv")
    assert next(csv.reader(io.StringIO(text))) == list(CSV_COLUMNS)
    got = {r["location"]: r for r in rows(text)}
    assert set(got) == {"Douma", "Idlib", "Raqqa", "Nowhere"}
    assert (got["Idlib"]["killed_low"], got["Idlib"]["injured_low"], got["Idlib"]["outlets"]) == ("4", "", "AFP")


@pytest.mark.parametrize(("filt", "places"), [
    (IncidentFilter(since="2018-03-01"), {"Idlib", "Raqqa", "Nowhere"}),
    (IncidentFilter(until="2018-03-02"), {"Douma", "Idlib"}),
    (IncidentFilter(since="2018-03-01", until="2018-04-30"), {"Idlib", "Raqqa"}),
    (IncidentFilter(admin1="idlib"), {"Idlib"}),  # any case
    (IncidentFilter(country="Syria"), {"Douma", "Idlib", "Raqqa", "Nowhere"}),
    (IncidentFilter(kind="aggregate"), set()),
])
def test_export_filters_select_incidents(store, filt, places):
    assert {r["location"] for r in rows(export(store, "csv", filt))} == places


def test_export_unknown_format_is_refused(store):
    with pytest.raises(ValueError, match="no export format 'xml'"):
        export(store, "xml")

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
    assert douma["region"] == "Middle East"
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
    # the review status rides beside the contract's members, one per incident
    assert set(doc.pop("review_status").values()) == {"unreviewed"}
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


def test_export_applies_analysts_corrections_as_the_web_app_shows_them(tmp_path):
    """An edit, a merge and a filter on an edited field: `export` replays the audit log as the web
    app's Catalog does (both through store/review.py), so the file matches the pages."""
    import datetime as dt

    from strikewatch.store import AuditRecord, append_audit
    from strikewatch.web.data import Catalog

    s = Store.open(tmp_path / "reviewed.db")
    run(s, ARTICLES, analyze=fake_analyze)
    by_place = {i.location.name: i for i in load_incidents(s)}
    idlib, raqqa = by_place["Idlib"], by_place["Raqqa"]
    now = dt.datetime.now(dt.UTC)
    append_audit(s, AuditRecord(at=now, who="ana", incident=idlib.id, action="edit", field="killed",
                                before=None, after={"low": 5, "best": 6, "high": 9}, reason="hospital list"))
    append_audit(s, AuditRecord(at=now, who="ana", incident=raqqa.id, action="edit", field="location.admin1",
                                before="Ar-Raqqa", after="Idlib", reason="wrong governorate"))
    append_audit(s, AuditRecord(at=now + dt.timedelta(seconds=1), who="ana", incident=by_place["Douma"].id,
                                action="merge", before={}, reason="same raid",
                                after={"reports": [*by_place["Douma"].reports, *by_place["Nowhere"].reports]}))
    got = {r["id"]: r for r in rows(export(s, "csv"))}
    assert got[idlib.id]["killed_low"] == "5" and got[idlib.id]["killed_high"] == "9"
    assert by_place["Nowhere"].id not in got  # merged into Douma's incident
    assert set(got[by_place["Douma"].id]["reports"].split("; ")) == {"a#1", "b#1", "e#1"}
    # the filter sees the corrected admin1
    assert {r["id"] for r in rows(export(s, "csv", IncidentFilter(admin1="Idlib")))} == {idlib.id, raqqa.id}
    acled = {r["event_id_cnty"]: r for r in rows(export(s, "acled-csv"))}
    assert acled[idlib.id]["fatalities"] == "5"
    assert int(acled[idlib.id]["timestamp"]) >= int(now.timestamp())  # changed by the analyst
    # the same incidents as the web app shows
    shown = sorted(i.model_dump_json() for i in Catalog(s).incidents())
    exported = sorted(i.model_dump_json() for i in Analysis.model_validate(
        {k: v for k, v in json.loads(export(s, "json")).items() if k != "review_status"}).incidents)
    assert exported == shown


def test_export_carries_the_review_status_and_filters_by_it(tmp_path):
    """A confirmed, an edited and a merged incident: every format says which, and `status` keeps
    only those asked for (the CLI's `export --status confirmed`)."""
    import datetime as dt

    from strikewatch.store import AuditRecord, append_audit

    s = Store.open(tmp_path / "status.db")
    run(s, ARTICLES, analyze=fake_analyze)
    by_place = {i.location.name: i for i in load_incidents(s)}
    now = dt.datetime.now(dt.UTC)
    append_audit(s, AuditRecord(at=now, who="ana", incident=by_place["Idlib"].id, action="confirm",
                                before={"status": "unreviewed"}, after={"status": "confirmed"}, reason=""))
    append_audit(s, AuditRecord(at=now, who="ana", incident=by_place["Raqqa"].id, action="edit", field="killed",
                                before=None, after={"low": 2, "best": 2, "high": 2}, reason="morgue"))
    append_audit(s, AuditRecord(at=now, who="ana", incident=by_place["Douma"].id, action="merge", before={},
                                reason="same raid",
                                after={"reports": [*by_place["Douma"].reports, *by_place["Nowhere"].reports]}))
    want = {by_place["Idlib"].id: "confirmed", by_place["Raqqa"].id: "edited", by_place["Douma"].id: "merged"}
    flat = {r["id"]: r["review_status"] for r in rows(export(s, "csv"))}
    assert {i: flat[i] for i in want} == want
    assert set(flat.values()) - set(want.values()) <= {"unreviewed"}
    acled = {r["event_id_cnty"]: r["tags"] for r in rows(export(s, "acled-csv"))}
    assert "review: confirmed" in acled[by_place["Idlib"].id] and "review: edited" in acled[by_place["Raqqa"].id]
    geo = {f["id"]: f["properties"]["review_status"] for f in json.loads(export(s, "geojson"))["features"]}
    assert geo[by_place["Idlib"].id] == "confirmed"
    assert json.loads(export(s, "json"))["review_status"][by_place["Douma"].id] == "merged"
    assert [r["id"] for r in rows(export(s, "csv", status="confirmed"))] == [by_place["Idlib"].id]
    assert {r["id"] for r in rows(export(s, "csv", status="reviewed"))} == set(want)
    assert by_place["Idlib"].id not in {r["id"] for r in rows(export(s, "csv", status="unreviewed"))}
    with pytest.raises(ValueError, match="no review status 'approved'"):
        export(s, "csv", status="approved")

"""Security: exports that a spreadsheet cannot run, sessions kept on the server, revocable tokens,
login throttling, trusted hosts, no server paths, request limits, no-store on secrets, user
deactivation and last-admin protection (docs/security.md)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import warnings

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")
from fastapi.testclient import TestClient  # noqa: E402

from strikewatch.model import Article, Count, Dates, Incident, Location, Perpetrator, Report  # noqa: E402
from strikewatch.store.export import render  # noqa: E402
from strikewatch.store.testing import fake_analyze  # noqa: E402
from strikewatch.web.app import Settings, create_app  # noqa: E402

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
RISKY = ("=", "+", "-", "@", "\t", "\r")


# ---- exports ------------------------------------------------------------------------------------

def hostile_incident() -> tuple[Incident, Report]:
    place = Location(name="=HYPERLINK(\"http://evil.example\",\"Douma\")", admin1="@SUM(A1:A9)",
                     country="Syria", lat=33.57, lon=-3.25, precision="city")
    day = Dates(start=dt.date(2018, 2, 20), end=dt.date(2018, 2, 20), precision="day")
    report = Report(id="r1", article="a1", event_type="Explosions/Remote violence", date=day, location=place,
                    sub_event_type="Air/drone strike", outlet="-2+3+cmd|' /C calc'!A0",
                    perpetrator=Perpetrator(actors=["+Army\x00 of the\x07 night"], attribution="alleged"))
    incident = Incident(id="\tinc-1", reports=["r1"], event_type=report.event_type, date=day, location=place,
                        perpetrator=report.perpetrator, killed=Count(low=3, best=4, high=5),
                        sources=["\rcr monitor", " =1+1 spaced"])
    return incident, report


def csv_cells(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("fmt", ["csv", "acled-csv"])
def test_csv_exports_neutralise_formulas_and_keep_numbers(fmt):
    incident, report = hostile_incident()
    text = render(fmt, [incident], [report])
    assert not CONTROL.search(text) and "\t" not in text and "\r" not in text, "a control character reached the CSV"
    rows = csv_cells(text)
    assert len(rows) == 1
    cells = [v for v in rows[0].values() if v]
    for cell in cells:  # a negative number is the one cell that may start with '-'
        assert not cell.startswith(RISKY) or re.fullmatch(r"-\d+(\.\d+)?", cell), f"formula-like cell {cell!r}"
    lon = rows[0]["longitude"]
    assert float(lon) == -3.25 and lon.startswith("-")  # a number stays a number, sign and all
    joined = " | ".join(cells)
    # the hostile text is still there, behind the quote, not dropped
    assert "'=HYPERLINK(" in joined and "'@SUM(A1:A9)" in joined and "'-2+3+cmd" in joined
    assert "'+Army of the night" in joined


def test_json_and_geojson_exports_hold_no_control_characters():
    incident, report = hostile_incident()

    def strings(doc):
        if isinstance(doc, dict):
            for v in doc.values():
                yield from strings(v)
        elif isinstance(doc, list):
            for v in doc:
                yield from strings(v)
        elif isinstance(doc, str):
            yield doc

    for fmt in ("json", "geojson"):
        text = render(fmt, [incident], [report])
        assert "\\u0000" not in text and "\\u0007" not in text
        values = list(strings(json.loads(text)))
        assert any("Army of the night" in v for v in values)
        assert not [v for v in values if CONTROL.search(v)]
    # JSON is data, not a spreadsheet: its values are not prefixed
    doc = json.loads(render("json", [incident], [report]))
    assert doc["incidents"][0]["location"]["name"].startswith("=HYPERLINK")


def test_cli_and_web_exports_of_a_stored_outlet_formula(tmp_path):
    """An outlet's name alone used to put a formula in ACLED's `source` column."""
    from typer.testing import CliRunner

    from strikewatch.cli import app as cli
    from strikewatch.store import Store, run

    db = tmp_path / "x.db"
    store = Store.open(f"sqlite:///{db}")
    run(store, [Article(id="o1", text="Raids: 6 killed in Douma on 2018-02-20.", outlet="=cmd|'/C calc'!A0\x00",
                        published=dt.date(2018, 2, 21))], analyze=fake_analyze)
    for fmt in ("acled-csv", "csv"):
        out = tmp_path / f"out.{fmt}"
        res = CliRunner().invoke(cli, ["export", "--format", fmt, "-o", str(out), "--db", str(db)])
        assert res.exit_code == 0, res.output
        text = out.read_text()
        assert "\x00" not in text
        rows = csv_cells(text)
        column = "source" if fmt == "acled-csv" else "outlets"
        assert rows[0][column].startswith("'=cmd")
        web = TestClient(create_app(store, Settings(secret_key=b"e" * 32))).get(f"/api/export/{fmt}")
        assert web.status_code == 200 and "\x00" not in web.text
        assert csv_cells(web.text)[0][column].startswith("'=cmd")
    store.close()

"""The store's commands end to end, with the real extractor and linker, on SQLite and PostgreSQL:
`ingest`, `run` (twice: nothing is extracted again), `stats`, `export`, `quarantine list`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strikewatch.cli import app
from strikewatch.store import Store, store_stats
from strikewatch.store.testing import fresh_database, pg_test_url

INPUTS = Path(__file__).parent / "data" / "ingest"
runner = CliRunner()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    pg = pg_test_url() if request.param == "postgresql" else None
    with fresh_database(request.param, tmp_path, pg_url=pg) as url:
        yield url


def cli(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_store_cli_ingest_run_stats_export_quarantine(db_url):
    cli("ingest", str(INPUTS), "--db", db_url)
    pending = store_stats(Store.open(db_url))
    assert pending.articles == pending.pending > 0 and pending.quarantined > 0
    cli("run", str(INPUTS), "--db", db_url)
    done = store_stats(Store.open(db_url))
    assert done.pending == 0 and done.reports > 0 and done.incidents > 0
    assert "0 extracted" in cli("run", str(INPUTS), "--db", db_url)  # everything is there already
    assert store_stats(Store.open(db_url)) == done

    stats = cli("stats", "--db", db_url)
    assert "incidents" in stats and "By month" in stats
    acled = list(csv.DictReader(io.StringIO(cli("export", "--format", "acled-csv", "--db", db_url))))
    assert len(acled) == done.incidents + done.aggregates
    geo = json.loads(cli("export", "-f", "geojson", "--kind", "incident", "--db", db_url))
    assert 0 < len(geo["features"]) <= done.incidents
    listed = cli("quarantine", "list", "--db", db_url)
    assert "manifest.jsonl:3" in listed and "invalid JSON" in listed  # a malformed line, by its number


def test_store_cli_names_a_database_it_cannot_open(tmp_path):
    result = runner.invoke(app, ["stats", "--db", str(tmp_path / "no" / "such" / "folder.db")])
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_store_cli_refuses_an_unknown_export_format(tmp_path):
    result = runner.invoke(app, ["export", "--format", "xml", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "acled-csv" in result.output

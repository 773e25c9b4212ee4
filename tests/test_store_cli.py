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

INPUTS = Path(__file__).parent / "data" / "ingest"
runner = CliRunner()


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


def test_store_cli_changed_article_is_a_new_revision_and_export_filters(tmp_path):
    """`ingest` twice with one article changed: one new revision, nothing else stored again; `export`
    with filters and --output; a mistyped path is refused before anything is stored."""
    db = str(tmp_path / "cli.db")
    feed = tmp_path / "feed.jsonl"
    rows = [{"id": "a", "text": "Air strikes hit Douma on 20 February 2018, killing 10.", "published": "2018-02-21"},
            {"id": "b", "text": "Shelling killed 4 people in Idlib city on 2 March 2018.", "published": "2018-03-03"}]
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert "2 new, 0 new revisions, 0 unchanged" in cli("ingest", str(feed), "--db", db)
    rows[0]["text"] += " Rescuers were still searching."
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert "0 new, 1 new revisions, 1 unchanged" in cli("ingest", str(feed), "--db", db)
    s = store_stats(Store.open(db))
    assert (s.articles, s.revisions, s.pending) == (2, 3, 2)
    cli("run", "--db", db)  # no paths: what ingest stored
    out = tmp_path / "march.csv"
    cli("export", "-f", "csv", "--since", "2018-03-01", "--db", db, "-o", str(out))
    march = list(csv.DictReader(out.open(encoding="utf-8")))
    assert march and all(r["date_start"] >= "2018-03-01" or r["date_end"] >= "2018-03-01" for r in march)
    # an analyst confirms one incident: `--status confirmed` exports it alone, with its status
    import datetime as dt

    from strikewatch.store import AuditRecord, append_audit, load_incidents

    first = load_incidents(Store.open(db))[0]
    append_audit(Store.open(db), AuditRecord(at=dt.datetime.now(dt.UTC), who="ana", incident=first.id, action="confirm",
                                             before={"status": "unreviewed"}, after={"status": "confirmed"}))
    confirmed = list(csv.DictReader(io.StringIO(cli("export", "-f", "csv", "--status", "confirmed", "--db", db))))
    assert [(r["id"], r["review_status"]) for r in confirmed] == [(first.id, "confirmed")]
    wrong = runner.invoke(app, ["export", "-f", "csv", "--status", "approved", "--db", db])
    assert wrong.exit_code == 2 and "approved" in wrong.output
    missing = runner.invoke(app, ["ingest", str(tmp_path / "typo.jsonl"), "--db", db])
    assert missing.exit_code == 2 and "does not exist" in missing.output
    assert store_stats(Store.open(db)).quarantined == 0


def test_store_progress_shows_counts_and_rate():
    import time

    from rich.console import Console

    from strikewatch.store.progress import RunProgress

    out = io.StringIO()
    with RunProgress(enabled=True, console=Console(file=out, force_terminal=True, width=120)) as bar:
        bar.read(40, 2)
        time.sleep(0.6)  # the rate shows once there is time enough to measure one
        bar.read(10, 0, pending=5)
        bar.saved(50, 7)
    text = out.getvalue()
    assert "55 articles" in text and "2 quarantined, 5 left from earlier" in text and "7 reports" in text
    assert "/s" in text


SAMPLE = Path(__file__).resolve().parents[1] / "strikewatch" / "data" / "sample"


@pytest.mark.skipif(not (SAMPLE / "articles.jsonl").exists(), reason="the bundled sample is not there yet")
def test_store_cli_make_run_lands_the_sample_in_the_database(tmp_path, monkeypatch):
    """`make run` is `strikewatch run strikewatch/data/sample` into ./strikewatch.db: every sample
    article stored and extracted, none quarantined; a second `make run` adds nothing."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STRIKEWATCH_DB", raising=False)
    cli("run", str(SAMPLE))
    assert (tmp_path / "strikewatch.db").exists()
    first = store_stats(Store.open(tmp_path / "strikewatch.db"))
    manifest = (SAMPLE / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert first.articles == first.extracted == len([line for line in manifest if line.strip()])
    assert first.quarantined == 0 and first.incidents > 0
    assert "0 new, 0 revised" in cli("run", str(SAMPLE))
    assert store_stats(Store.open(tmp_path / "strikewatch.db")) == first

"""Fault injection: hostile files, interrupted and killed processes, a full disk, a read-only
database and a PostgreSQL server restarted mid-run. Real `strikewatch` processes on real files
(made here), on SQLite and PostgreSQL. Each test checks that no traceback reaches the user, that
nothing good was lost, and that a rerun leaves the database as one clean run would.

The hostile folder runs the real extractor; the other faults are injected into `ingest` (no
extractor to load, so a run is long enough to be stopped half-way in a few seconds) or into
`run` with the test extractor of `strikewatch.store.testing`.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from strikewatch.ingest import read_articles
from strikewatch.model import Article
from strikewatch.store import Store, ingest
from strikewatch.store.schema import articles, incident_reports, quarantine, reports
from strikewatch.store.testing import ctrl_c_as_at_a_terminal, fresh_database, pg_test_url

SW = str(Path(sys.executable).with_name("strikewatch"))
GOOD = ("ALEPPO, March 6 - Government air strikes killed 11 civilians, including three children, in the "
        "town of Atareb west of Aleppo on Monday, a monitoring group said. Rescue workers said the "
        "strikes hit a market and a school at midday.\n")
ARABIC = "قالت مصادر محلية إن غارات جوية استهدفت سوقا شعبيا في المدينة صباح الاثنين وأدت إلى مقتل أحد عشر مدنيا"


def sw(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """`strikewatch ARGS` in a process of its own; never a traceback, whatever happened."""
    proc = subprocess.run([SW, *args], capture_output=True, text=True, timeout=timeout)
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr[-3000:]
    return proc


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([SW, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=ctrl_c_as_at_a_terminal)


def finish(proc: subprocess.Popen[str], timeout: float = 120) -> tuple[int, str]:
    out, err = proc.communicate(timeout=timeout)
    assert "Traceback" not in out + err, err[-3000:]
    return proc.returncode, " ".join(err.split())  # one line, whatever the terminal width


def snapshot(url: str) -> dict[str, object]:
    """What a run leaves: revisions, reports, incident memberships, quarantine."""
    store = Store.open(url)
    with store.read() as conn:
        a = conn.execute(sa.select(articles.c.id, articles.c.revision, articles.c.content_hash, articles.c.latest,
                                   articles.c.extract_ok, articles.c.language)).all()
        r = conn.execute(sa.select(reports.c.id, reports.c.current)).all()
        m = conn.execute(sa.select(incident_reports.c.incident_id, incident_reports.c.report_id)).all()
        q = conn.execute(sa.select(quarantine.c.path, quarantine.c.line, quarantine.c.article_id,
                                   quarantine.c.stage, quarantine.c.reason)).all()
    store.close()
    groups: dict[str, set[str]] = {}
    for incident, report in m:
        groups.setdefault(incident, set()).add(report)
    return {"articles": sorted(map(tuple, a), key=repr), "reports": sorted(map(tuple, r), key=repr),
            "incidents": sorted(sorted(g) for g in groups.values()), "quarantine": sorted(map(tuple, q), key=repr)}


def count(url: str, table: sa.Table = articles) -> int:
    store = Store.open(url)
    try:
        with store.read() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())
    finally:
        store.close()


def feed(path: Path, n: int, *, words: int = 12) -> Path:
    """`n` short articles, distinct, in one JSONL file."""
    places = ["Idlib", "Douma", "Aleppo", "Raqqa", "Homs", "Hama"]
    rows = [{"id": f"f{i:05d}", "published": "2018-03-05", "outlet": "Wire",
             "text": f"Shelling killed {i % 9 + 2} people in {places[i % 6]} on 2 March 2018, report {i}. "
                     + "Rescuers searched the rubble. " * words} for i in range(n)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def wait_for(predicate, proc: subprocess.Popen[str], what: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert proc.poll() is None, f"the process ended before {what}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def stored_count(url: str) -> int:
    try:
        return count(url)
    except Exception:  # the database is still being created by the process
        return 0


# --- hostile folder ------------------------------------------------------------------------------


def hostile_folder(root: Path) -> Path:
    """A good article beside a NUL text, a symlink loop, a folder link back up, a 30 MB text and
    an article in Arabic."""
    folder = root / "hostile"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "nul.txt").write_bytes(b"\x00" * 4096)
    (folder / "loop-a.txt").symlink_to("loop-b.txt")
    (folder / "loop-b.txt").symlink_to("loop-a.txt")
    (folder / "sub" / "up").symlink_to("..")
    with (folder / "huge.txt").open("w", encoding="utf-8") as handle:
        line = "Shelling killed two people in Idlib on Monday, the monitor said. " * 16 + "\n"
        for _ in range(30_000_000 // len(line) + 1):
            handle.write(line)
    (folder / "arabic.txt").write_text(ARABIC, encoding="utf-8")
    return folder


def test_faults_hostile_folder_keeps_the_good_article_and_accounts_for_every_bad_file(db_url, tmp_path):
    folder = hostile_folder(tmp_path)
    proc = sw("run", str(folder), "--db", db_url)
    assert proc.returncode == 0, proc.stderr
    first = snapshot(db_url)
    by_id = {row[0]: row for row in first["articles"]}  # type: ignore[attr-defined]
    assert set(by_id) == {"good", "arabic"}
    assert by_id["good"][4] is True and by_id["arabic"][4] is False and by_id["arabic"][5] == "ar"
    assert any(rid.startswith("good#") for rid, _ in first["reports"])  # type: ignore[attr-defined]
    why = {(Path(path).name, stage): reason for path, _, _, stage, reason in first["quarantine"]}  # type: ignore[attr-defined]
    assert "control characters" in why[("nul.txt", "ingest")]
    assert why[("loop-a.txt", "ingest")] == why[("loop-b.txt", "ingest")] == "symlink loop"
    assert "symlink loop" in why[("up", "ingest")]
    assert "30.0 MB" in why[("huge.txt", "ingest")] and "not read" in why[("huge.txt", "ingest")]
    assert "'ar'" in why[("arabic.txt", "language")]
    assert len(why) == 6
    stats = sw("stats", "--db", db_url).stdout
    assert "not in English" in " ".join(stats.split())

    again = sw("run", str(folder), "--db", db_url)
    assert again.returncode == 0 and "0 new" in again.stderr and "0 extracted" in again.stderr
    assert snapshot(db_url) == first


# --- the database refuses one article ------------------------------------------------------------


def test_faults_store_cleans_and_isolates_articles_the_same_on_both_backends(db_url):
    """Articles reaching the store without a reader (the web app, a library caller) are cleaned
    there too: NUL is gone on PostgreSQL as on SQLite. One the database refuses (a line number
    past any integer column) is quarantined with stage "store"; its batch neighbours are kept."""
    store = Store.open(db_url)
    batch = [Article(id="nul", text="Four were killed\x00 in Douma.", title="T\x00"),
             Article(id="overflow", text="Shelling hit Idlib.", line=2**70),
             Article(id="fine", text="Two were wounded in Homs.")]
    stats = ingest(store, batch)
    assert (stats.new, stats.quarantined) == (2, 1)
    snap = snapshot(db_url)
    assert [row[0] for row in snap["articles"]] == ["fine", "nul"]  # type: ignore[index]
    with store.read() as conn:
        text, title = conn.execute(sa.select(articles.c.text, articles.c.title).where(articles.c.id == "nul")).one()
    assert (text, title) == ("Four were killed in Douma.", "T")
    ((_, _, article, stage, reason),) = snap["quarantine"]  # type: ignore[misc]
    assert (article, stage) == ("overflow", "store") and "the database refused it" in reason
    assert "Shelling hit Idlib" not in reason  # the statement and its parameters are not printed
    store.close()


# --- interrupted and killed ----------------------------------------------------------------------


@pytest.mark.parametrize("kind,sig", [("sqlite", "SIGINT"),
                                      pytest.param("postgresql", "SIGKILL", marks=pytest.mark.postgres)])
def test_faults_ingest_stopped_mid_batch_then_rerun_equals_a_clean_run(kind, sig, tmp_path):
    """Ctrl-C and kill -9 in the middle of a batch (tests/test_store.py stops `run` both ways on both
    backends; here the command itself, on one backend each, to keep the suite short)."""
    with fresh_database(kind, tmp_path, pg_url=pg_test_url() if kind == "postgresql" else None) as db_url:
        _stop_and_rerun(db_url, tmp_path, sig)


def _stop_and_rerun(db_url: str, tmp_path: Path, sig: str) -> None:
    path = feed(tmp_path / "feed.jsonl", 4_000)
    proc = start("ingest", str(path), "--db", db_url, "--batch-size", "50")
    wait_for(lambda: stored_count(db_url) >= 200, proc, "a few batches were stored")
    proc.send_signal(getattr(signal, sig))
    code, err = finish(proc)
    if sig == "SIGINT":
        assert code == 130 and "interrupted" in err and "run again" in err
    else:
        assert code == -signal.SIGKILL
    kept = count(db_url)
    assert kept % 50 == 0 and kept < 4_000  # whole batches only
    assert sw("ingest", str(path), "--db", db_url, "--batch-size", "50").returncode == 0
    with fresh_database("sqlite", tmp_path) as clean:
        ingest(Store.open(clean), read_articles([path]), batch_size=50)
        assert snapshot(db_url) == snapshot(clean)


# --- full disk and read-only database (SQLite on a small tmpfs) ------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB tmpfs (root only: skipped where mounting is not permitted)."""
    where = tmp_path / "disk"
    where.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(where)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode(errors='replace').strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def remount(where: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(where)], check=True, capture_output=True)


def test_faults_full_disk_is_one_sentence_and_a_rerun_completes(small_disk, tmp_path):
    path = feed(tmp_path / "feed.jsonl", 6_000)  # about 3 MB of text: more than the disk holds
    url = f"sqlite:///{small_disk / 'sw.db'}"
    proc = sw("ingest", str(path), "--db", url)
    assert proc.returncode == 1
    message = " ".join(proc.stderr.split())
    assert "is full" in message and "free some space" in message and len(proc.stderr.splitlines()) <= 3
    remount(small_disk, "size=64m")
    assert sw("ingest", str(path), "--db", url).returncode == 0
    with fresh_database("sqlite", tmp_path) as clean:
        ingest(Store.open(clean), read_articles([path]))
        assert snapshot(url) == snapshot(clean)


def test_faults_read_only_database_is_one_sentence(small_disk, tmp_path):
    path = feed(tmp_path / "feed.jsonl", 50)
    url = f"sqlite:///{small_disk / 'sw.db'}"
    assert sw("ingest", str(path), "--db", url).returncode == 0
    before = snapshot(url)
    remount(small_disk, "ro")
    for command in ("ingest", "run"):
        proc = sw(command, str(path), "--db", url)
        assert proc.returncode == 1 and "read-only" in " ".join(proc.stderr.split())
    remount(small_disk, "rw")
    assert snapshot(url) == before


@pytest.mark.postgres
def test_faults_postgresql_made_read_only_mid_run(tmp_path):
    """The server turned read-only while `ingest` writes: one sentence, exit 1, whole batches
    kept; once writable again a rerun equals a clean run."""
    server = pg_test_url()
    with fresh_database("postgresql", tmp_path, pg_url=server) as url:
        path = feed(tmp_path / "feed.jsonl", 4_000)
        admin = sa.create_engine(sa.make_url(url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
        proc = start("ingest", str(path), "--db", url, "--batch-size", "50")
        try:
            wait_for(lambda: stored_count(url) >= 200, proc, "a few batches were stored")
            with admin.connect() as conn:
                conn.exec_driver_sql("ALTER SYSTEM SET default_transaction_read_only = on")
                conn.exec_driver_sql("SELECT pg_reload_conf()")
            code, err = finish(proc)
        finally:
            with admin.connect() as conn:
                conn.exec_driver_sql("ALTER SYSTEM RESET default_transaction_read_only")
                conn.exec_driver_sql("SELECT pg_reload_conf()")
            admin.dispose()
        assert code == 1 and "read-only" in err, err
        assert count(url) % 50 == 0
        time.sleep(0.5)  # the reload reaches every backend
        assert sw("ingest", str(path), "--db", url, "--batch-size", "50").returncode == 0
        with fresh_database("sqlite", tmp_path) as clean:
            ingest(Store.open(clean), read_articles([path]), batch_size=50)
            assert snapshot(url) == snapshot(clean)


# --- PostgreSQL restarted mid-run -----------------------------------------------------------------


def _pg_ctl(url: str) -> list[str] | None:
    """The command that controls the test server, when it is the throwaway cluster scripts/pg.sh made."""
    host = sa.make_url(url).query.get("host")
    host = host[0] if isinstance(host, tuple) else host
    if not host or not (Path(host) / "data" / "PG_VERSION").exists():
        return None
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl")) or [shutil.which("pg_ctl") or ""]
    if not found[-1]:
        return None
    cmd = [found[-1], "-D", str(Path(host) / "data"), "-l", str(Path(host) / "server.log"), "-w", "-t", "60"]
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@pytest.mark.postgres
def test_faults_postgresql_restarted_mid_run(tmp_path):
    """The server restarts while `ingest` writes: the batch in flight runs again on a new connection
    (or, if the server stays away, one sentence and exit 1); a rerun equals a clean run."""
    server = pg_test_url()
    ctl = _pg_ctl(server)
    if ctl is None:
        pytest.skip("the PostgreSQL server is not one this test can restart")
    with fresh_database("postgresql", tmp_path, pg_url=server) as url:
        path = feed(tmp_path / "feed.jsonl", 4_000)
        proc = start("ingest", str(path), "--db", url, "--batch-size", "50")
        wait_for(lambda: stored_count(url) >= 200, proc, "a few batches were stored")
        subprocess.run([*ctl, "-m", "fast", "restart"], check=True, capture_output=True, timeout=120)
        code, err = finish(proc, timeout=300)
        assert code == 0 or (code == 1 and "PostgreSQL" in err), err
        assert sw("ingest", str(path), "--db", url, "--batch-size", "50").returncode == 0
        with fresh_database("sqlite", tmp_path) as clean:
            ingest(Store.open(clean), read_articles([path]), batch_size=50)
            assert snapshot(url) == snapshot(clean)


# --- nothing to read -------------------------------------------------------------------------------


def test_faults_run_and_ingest_exit_1_when_nothing_could_be_read(tmp_path):
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "notext.csv").write_text("id,headline\n1,Strikes\n", encoding="utf-8")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (tmp_path / "fake.parquet").write_bytes(b"not a parquet file")
    from typer.testing import CliRunner

    from strikewatch.cli import app

    db = str(tmp_path / "sw.db")
    names = ("empty.jsonl", "notext.csv", "picture.png", "fake.parquet")
    for name in names:  # each alone, in this process
        for command in ("ingest", "run"):
            result = CliRunner().invoke(app, [command, str(tmp_path / name), "--db", db])
            assert result.exit_code == 1 and "nothing could be read" in result.output, (name, command, result.output)
    proc = sw("run", *(str(tmp_path / name) for name in names), "--db", db)  # and all four in a real process
    assert proc.returncode == 1 and "nothing could be read" in " ".join(proc.stderr.split())
    assert count(f"sqlite:///{db}", quarantine) == 4


# --- identity --------------------------------------------------------------------------------------


def test_faults_revert_is_current_again_and_a_line_on_top_moves_no_id(db_url, tmp_path):
    from strikewatch.store import run
    from strikewatch.store.testing import fake_analyze

    store = Store.open(db_url)
    first, edited = "7 killed in Idlib on 2018-03-02.", "9 killed in Idlib on 2018-03-02."
    for text in (first, edited, first):  # edited, then reverted to the first text
        run(store, [Article(id="rev", text=text)], analyze=fake_analyze)
    with store.read() as conn:
        rows = conn.execute(sa.select(articles.c.revision, articles.c.latest, articles.c.text)
                            .where(articles.c.id == "rev").order_by(articles.c.revision)).all()
        current = conn.execute(sa.select(reports.c.id).where(reports.c.current)).scalars().all()
    assert [tuple(r) for r in rows] == [(1, False, first), (2, False, edited), (3, True, first)]
    assert current == ["rev#1@r3"]  # the reverted text's report, not the edit's

    rows3 = [{"text": f"{n} killed in Aleppo on 2018-04-0{n}."} for n in (1, 2, 3)]
    path = tmp_path / "idless.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows3), encoding="utf-8")
    assert ingest(store, read_articles([path])).new == 3
    path.write_text("".join(json.dumps(r) + "\n" for r in [{"text": "A new story on top."}, *rows3]),
                    encoding="utf-8")
    stats = ingest(store, read_articles([path]))
    assert (stats.new, stats.revised, stats.unchanged) == (1, 0, 3)
    store.close()


# --- time budget and language at extraction ---------------------------------------------------------


def test_faults_time_budget_sets_aside_only_the_articles_that_overrun(monkeypatch):
    """An extractor stuck in a Python loop or in a regular expression that backtracks without end:
    the batch's timer fires, each article is tried alone, and only the stuck ones are set aside."""
    import re

    from strikewatch.guard import guarded

    monkeypatch.setenv("STRIKEWATCH_ARTICLE_SECONDS", "0.5")

    def extract(batch):
        out = []
        for a in batch:
            if "LOOP" in a.text:
                while True:
                    pass
            if "REGEX" in a.text:
                re.match(r"(a+)+$", "a" * 40 + "b")  # catastrophic backtracking
            out.append((a, []))
        return out

    arts = [Article(id=i, text=t) for i, t in (("a", "fine"), ("b", "LOOP"), ("c", "fine too"), ("d", "REGEX"))]
    started = time.process_time()
    results = list(guarded(extract, arts, batch_size=4))
    assert [a.id for a, _ in results] == ["a", "b", "c", "d"]
    assert [r for _, r in results][0::2] == [[], []]
    for _, r in results[1::2]:
        assert r.stage == "extract" and "time budget of one article" in r.reason  # type: ignore[union-attr]
    assert time.process_time() - started < 15  # stopped, not run to the end


def test_faults_time_budget_holds_when_the_timer_fires_inside_a_finalizer(monkeypatch):
    """Python prints and drops an exception raised while a finalizer or a garbage-collection callback
    runs: when the timer fires there, the article that overran is still set aside, not let through."""
    from strikewatch.guard import OverBudget, guarded

    monkeypatch.setenv("STRIKEWATCH_ARTICLE_SECONDS", "0.3")

    class Slow:
        def __del__(self):
            started = time.process_time()
            while time.process_time() - started < 10:  # the timer fires in here, and is swallowed
                pass

    def extract(batch):
        out = []
        for a in batch:
            if "SLOW" in a.text:
                Slow()  # finalized at once, past the budget
            out.append((a, []))
        return out

    swallowed: list[type] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: swallowed.append(u.exc_type))
    arts = [Article(id="a", text="fine"), Article(id="b", text="SLOW to finish")]
    results = dict((a.id, r) for a, r in guarded(extract, arts, batch_size=2))
    assert OverBudget in swallowed  # the timer did fire inside the finalizer
    assert results["a"] == []
    assert results["b"].stage == "extract" and "time budget" in results["b"].reason  # type: ignore[union-attr]


def test_faults_real_extractor_pathological_article_and_arabic_are_set_aside(extractor, monkeypatch):
    from strikewatch.pipeline import analyze_articles

    # the budget is set from what a normal article costs here (models already in use), so it holds
    # on a fast machine and a slow one alike: 40 times a short wire story (at least a second), and a flood of a thousand
    # times its length far beyond that (the timer counts CPU seconds, not the clock)
    good = Article(id="good", text=GOOD, published="2017-03-07")
    list(analyze_articles([good]))
    costs = []
    for _ in range(3):  # the least of three: one run may carry a garbage collection or a cache filled late
        started = time.process_time()
        list(analyze_articles([good]))
        costs.append(time.process_time() - started)
    monkeypatch.setenv("STRIKEWATCH_ARTICLE_SECONDS", f"{max(1.0, 40 * min(costs)):.3f}")
    flood = "".join(f"An air strike on Idlib on day {n} killed {n % 37 + 2} civilians, the monitor said. "
                    for n in range(3000))  # 250,000 characters, every sentence a report
    arts = [good, Article(id="flood", text=flood), Article(id="ar", text=ARABIC, language="ar")]
    results = dict((a.id, r) for a, r in analyze_articles(arts))
    assert isinstance(results["good"], list) and results["good"]
    assert results["flood"].stage == "extract" and "time budget" in results["flood"].reason
    assert results["ar"].stage == "language" and "'ar'" in results["ar"].reason

"""The store: migrations, ingest (once per content, revisions), quarantine, incremental runs that
survive interruption. Every test runs on SQLite and on PostgreSQL (`make test` provides the server
through STRIKEWATCH_TEST_PG_URL). The fake extractor (strikewatch/store/testing.py) reads
"5 killed in Douma on 2018-02-20" sentences; linking is the real one."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from strikewatch.ingest import read_articles
from strikewatch.model import Article
from strikewatch.store import (
    Store,
    database_url,
    ingest,
    load_articles,
    load_incidents,
    load_reports,
    quarantined,
    run,
    store_stats,
)
from strikewatch.store.schema import articles, metadata, reports
from strikewatch.store.testing import fake_analyze, fresh_database, write_articles

ARTICLES = [  # a and b tell one strike (Douma, 20 Feb 2018) with different tolls; c and d others
    {"id": "a", "text": "Air strikes: 10 killed in Douma on 2018-02-20.", "outlet": "SANA", "published": "2018-02-21"},
    {"id": "b", "text": "Raids left 25 killed in Douma on 2018-02-20.", "outlet": "AFP", "published": "2018-02-22"},
    {"id": "c", "text": "Shelling: 4 killed in Idlib on 2018-03-02.", "outlet": "AFP", "published": "2018-03-03"},
    {"id": "d", "text": "A strike: 7 killed in Raqqa on 2018-04-11.", "outlet": "SANA", "published": "2018-04-11"},
    {"id": "e", "text": "Nothing was reported killed.", "outlet": "SANA", "published": "2018-04-12"},
]


@pytest.fixture()
def store(db_url):
    s = Store.open(db_url)
    yield s
    s.close()


@pytest.fixture()
def corpus(tmp_path) -> Path:
    return write_articles(tmp_path / "articles.jsonl", ARTICLES)


def memberships(store: Store) -> set[frozenset[str]]:
    return {frozenset(i.reports) for i in load_incidents(store)}


def count(store: Store, table: sa.Table, *where) -> int:
    with store.read() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table).where(*where)).scalar_one()


def test_store_migrations_upgrade_an_empty_database_to_head(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    store = Store.open(db_url)
    heads = store.revision()
    assert heads == Store.heads() and "0001" not in heads  # at head: every branch's newest revision, not just 0001
    with store.read() as conn:
        assert set(metadata.tables) | {"users", "api_tokens"} <= set(sa.inspect(conn).get_table_names())
    with store.read() as conn:
        ours = {name for name in metadata.tables}
        ctx = MigrationContext.configure(conn, opts={
            "include_name": lambda name, kind, parent: kind != "table" or name in ours})
        assert compare_metadata(ctx, metadata) == []  # the migrations build exactly schema.py
    assert Store.open(db_url).revision() == heads  # opening again is a no-op
    store.close()


def test_store_migrations_upgrade_a_database_left_at_the_first_revision(db_url):
    """A database made by an older strikewatch (only 0001 applied) is brought to head on opening,
    its rows kept."""
    from alembic import command

    from strikewatch.store.database import _alembic_config

    old = Store.open(db_url, migrate=False)
    with old.write() as conn:
        cfg = _alembic_config(Path(__file__).resolve().parents[1] / "strikewatch" / "store" / "migrations")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    assert old.revision() == {"0001"}
    ingest(old, [Article(id="kept", text="Stored before the upgrade.")])
    old.close()
    store = Store.open(db_url)
    assert store.revision() == Store.heads() and load_articles(store, ["kept"])["kept"].text.startswith("Stored")
    store.close()


def test_store_database_url_maps_plain_forms():
    assert database_url(None) == "sqlite:///strikewatch.db"
    assert database_url("data/x.db") == "sqlite:///data/x.db"
    assert database_url("postgresql://sw@db:5432/sw") == "postgresql+psycopg://sw@db:5432/sw"


def test_store_ingest_twice_stores_each_article_once(store, corpus):
    first = ingest(store, read_articles([corpus]))
    again = ingest(store, read_articles([corpus]))
    assert (first.new, first.unchanged) == (5, 0)
    assert (again.new, again.revised, again.unchanged) == (0, 0, 5)
    assert count(store, articles) == 5


def test_store_changed_text_becomes_a_new_revision(store, tmp_path, corpus):
    run(store, read_articles([corpus]), analyze=fake_analyze)
    changed = [dict(r, text="Air strikes: 12 killed in Douma on 2018-02-20.") if r["id"] == "a" else r
               for r in ARTICLES]
    stats = run(store, read_articles([write_articles(tmp_path / "v2.jsonl", changed)]), analyze=fake_analyze)
    assert (stats.ingest.revised, stats.ingest.unchanged, stats.saved.extracted) == (1, 4, 1)
    with store.read() as conn:
        revs = conn.execute(sa.select(articles.c.revision, articles.c.latest).where(articles.c.id == "a")
                            .order_by(articles.c.revision)).all()
    assert [tuple(r) for r in revs] == [(1, False), (2, True)]
    assert load_articles(store, ["a"])["a"].text.startswith("Air strikes: 12")
    # revision 1's report is kept but no longer current; the incident now holds revision 2's
    assert {r.id for r in load_reports(store, current=False)} >= {"a#1", "a#1@r2"}
    assert "a#1" not in {r.id for r in load_reports(store)}
    douma = next(i for i in load_incidents(store) if i.location.name == "Douma")
    assert sorted(douma.reports) == ["a#1@r2", "b#1"]


def test_store_quarantine_keeps_bad_input_visible(store, tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "ok", "text": "4 killed in Idlib on 2018-03-02.", "published": "2018-03-03"}\n'
                    '{"id": "broken", "text": \n'
                    '{"id": "bad", "text": "FAIL here", "published": "2018-03-03"}\n', encoding="utf-8")
    for _ in range(2):  # a rerun does not add the same rejections again
        run(store, read_articles([path]), analyze=fake_analyze)
    entries = quarantined(store)
    assert [(e.where, e.stage) for e in entries] == [(f"{path}:2", "ingest"), (f"{path}:3", "extract")]
    assert "invalid JSON" in entries[0].reason
    assert entries[1].article == "bad" and entries[1].revision == 1
    assert store_stats(store).quarantined == 2


class Interrupt(KeyboardInterrupt):
    pass


def interrupted_after(n: int):
    """An extractor that is stopped (as by Ctrl-C) after handing over `n` results."""
    def analyze(arts):
        for i, result in enumerate(fake_analyze(arts)):
            if i == n:
                raise Interrupt
            yield result
    return analyze


def test_store_run_interrupted_then_rerun_is_complete_without_duplicates(store, corpus, tmp_path):
    with pytest.raises(Interrupt):
        run(store, read_articles([corpus]), analyze=interrupted_after(3), batch_size=2)
    assert count(store, articles, articles.c.extracted_at.is_not(None)) == 2  # the first batch only
    stats = run(store, read_articles([corpus]), analyze=fake_analyze, batch_size=2)
    assert stats.saved.extracted == 3
    with fresh_database("sqlite", tmp_path) as url:  # the same articles in one go
        clean = Store.open(url)
        run(clean, read_articles([corpus]), analyze=fake_analyze, batch_size=2)
        assert memberships(store) == memberships(clean)
        assert count(store, reports) == count(clean, reports) == 4


def test_store_failed_batch_keeps_its_other_articles(store, corpus):
    """Linking breaks on one article's report: its batch is rolled back whole, then saved an article
    at a time, so only that article is set aside (stage "store", with the reason) and its batch
    neighbour is kept; a rerun has nothing left to do."""
    from strikewatch.store.linking import default_linker
    from strikewatch.store.queries import quarantined

    calls = []

    def flaky(new, existing, existing_reports):
        calls.append(sorted(r.id for r in new))
        if any(r.article == "c" for r in new):
            raise RuntimeError("the linker broke on c")
        return default_linker(new, existing, existing_reports)

    stats = run(store, read_articles([corpus]), analyze=fake_analyze, linker=flaky, batch_size=2)
    assert ["c#1", "d#1"] in calls and ["d#1"] in calls  # the batch, then its articles one by one
    assert (stats.saved.extracted, stats.saved.failed) == (5, 1)
    assert memberships(store) == {frozenset({"a#1", "b#1"}), frozenset({"d#1"})}
    (entry,) = [q for q in quarantined(store) if q.article == "c"]
    assert entry.stage == "store" and "the linker broke on c" in entry.reason and entry.revision == 1
    assert count(store, articles, articles.c.extract_ok.is_(False)) == 1
    assert run(store, read_articles([corpus]), analyze=fake_analyze, batch_size=2).saved.extracted == 0


def test_store_run_extracts_what_ingest_stored(store, corpus):
    ingest(store, read_articles([corpus]))
    assert store_stats(store).pending == 5
    stats = run(store, analyze=fake_analyze)  # no input: what is waiting
    assert stats.saved.extracted == 5 and store_stats(store).pending == 0
    assert run(store, read_articles([corpus]), analyze=fake_analyze).saved.extracted == 0


def test_store_run_links_reports_arriving_in_later_batches(store, corpus):
    run(store, read_articles([corpus]), analyze=fake_analyze, batch_size=1)
    douma = [i for i in load_incidents(store) if i.location.name == "Douma"]
    assert len(douma) == 1 and sorted(douma[0].reports) == ["a#1", "b#1"]
    assert douma[0].killed.best == 25  # reconciled by linking from both reports


def test_store_stats_counts_by_admin1_and_month(store, corpus):
    run(store, read_articles([corpus]), analyze=fake_analyze)
    s = store_stats(store)
    assert (s.articles, s.revisions, s.reports, s.incidents, s.pending) == (5, 5, 4, 3, 0)
    assert {b.key: b.incidents for b in s.by_month} == {"2018-02": 1, "2018-03": 1, "2018-04": 1}
    assert {b.key for b in s.by_admin1} == {"Rif Dimashq", "Idlib", "Ar-Raqqa"}


def test_store_keeps_articles_as_given(store):
    art = Article(id="x" * 200, text="Ünïcode — “quotes” 5 killed in Aleppo on 2018-05-01.", title="T", url="u")
    run(store, [art], analyze=fake_analyze)
    assert load_articles(store, [art.id])[art.id] == art


@pytest.mark.parametrize("sig", ["SIGKILL", "SIGINT"])
def test_store_run_killed_mid_run_then_rerun_is_complete_without_duplicates(db_url, tmp_path, sig):
    """A real process stopped mid-run, by Ctrl-C (SIGINT) or without warning (SIGKILL): the
    database holds whole batches only, and a rerun finishes the work with nothing stored twice."""
    import signal
    import subprocess
    import sys
    import time

    from strikewatch.store.schema import incident_reports
    from strikewatch.store.testing import ctrl_c_as_at_a_terminal, feed_rows

    path = write_articles(tmp_path / "feed.jsonl", feed_rows(60))
    code = "import sys; from strikewatch.store.testing import slow_run; slow_run(sys.argv[1], sys.argv[2], 5, 15)"
    proc = subprocess.Popen([sys.executable, "-c", code, db_url, str(path)], preexec_fn=ctrl_c_as_at_a_terminal)
    store = Store.open(db_url)
    done = articles.c.extracted_at.is_not(None)
    deadline = time.monotonic() + 120
    while count(store, articles, done) < 15:  # three batches in; the fourth waits to be stopped
        assert proc.poll() is None and time.monotonic() < deadline, "the run ended before it could be stopped"
        time.sleep(0.02)
    proc.send_signal(getattr(signal, sig))
    assert proc.wait(timeout=60) != 0
    extracted = count(store, articles, done)
    assert extracted == 15  # whole batches only: not the one being extracted when stopped
    assert count(store, reports) == extracted  # one report an article: none from a half-saved batch

    stats = run(store, read_articles([path]), analyze=fake_analyze, batch_size=5)
    assert stats.saved.extracted == 60 - extracted and stats.ingest.unchanged >= extracted
    assert count(store, articles) == count(store, articles, articles.c.revision == 1) == 60
    with fresh_database("sqlite", tmp_path) as url:  # the same articles in one go
        clean = Store.open(url)
        run(clean, read_articles([path]), analyze=fake_analyze, batch_size=5)
        assert memberships(store) == memberships(clean)
    assert count(store, reports) == count(store, incident_reports) == 60  # each report in one incident, once


def test_store_model_cache_reuses_only_committed_unchanged_rows(store, corpus):
    """Batches reuse the models earlier batches read while the row is unchanged; a row rewritten
    since (another process, a relink) is read again; after a failed attempt nothing is reused."""
    from strikewatch.store.cache import ModelCache
    from strikewatch.store.rows import incident_from_row
    from strikewatch.store.schema import incidents

    run(store, read_articles([corpus]), analyze=fake_analyze)
    ids = [i.id for i in load_incidents(store)]
    parsed = []

    def parse(data):
        parsed.append(data["id"])
        return incident_from_row(data)

    cache = ModelCache()
    for _ in range(2):
        cache.begin()
        with store.write() as conn:
            cache.load(conn, incidents, ids, parse)
        cache.commit()
    assert sorted(parsed) == sorted(ids)  # the second batch parsed nothing
    with store.write() as conn:  # another writer touches one incident
        conn.execute(incidents.update().where(incidents.c.id == ids[0]).values(updated_at=sa.func.now()))
    cache.begin()
    with store.write() as conn:
        cache.load(conn, incidents, ids, parse)
    assert parsed[len(ids):] == [ids[0]]
    # that attempt never committed: the next one trusts nothing it read
    cache.begin()
    with store.write() as conn:
        assert {i: e.model.id for i, e in cache.load(conn, incidents, ids, parse).items()} == {i: i for i in ids}
    assert sorted(parsed[len(ids) + 1:]) == sorted(ids)


def test_store_batch_size_does_not_change_the_incidents(store, corpus, tmp_path):
    """One article a batch (each batch reusing the models of the last) links as one big batch does."""
    run(store, read_articles([corpus]), analyze=fake_analyze, batch_size=1)
    with fresh_database("sqlite", tmp_path) as url:
        whole = Store.open(url)
        run(whole, read_articles([corpus]), analyze=fake_analyze, batch_size=100)
        assert sorted(i.model_dump_json(exclude={"links"}) for i in load_incidents(store)) == \
            sorted(i.model_dump_json(exclude={"links"}) for i in load_incidents(whole))


def test_store_linker_leaves_the_incidents_it_is_given_unchanged(store, corpus):
    """linking.py takes an incident the linker hands back as given for unchanged (it is not written
    again): the real linker must make a changed incident a new object, never change one in place."""
    from strikewatch.store.linking import default_linker

    run(store, read_articles([corpus]), analyze=fake_analyze)
    existing, existing_reports = load_incidents(store), load_reports(store)
    before = [i.model_dump() for i in existing]
    (_, new), = fake_analyze([Article(id="f", text="Jets: 30 killed in Douma on 2018-02-20.", outlet="X")])
    result = default_linker(new, existing, existing_reports)
    assert [i.model_dump() for i in existing] == before
    douma = next(i for i in result if "f#1" in i.reports)
    assert douma.id in {i.id for i in existing} and douma is not next(i for i in existing if i.id == douma.id)


def test_store_default_is_an_sqlite_file_in_wal_mode(tmp_path, monkeypatch):
    """No --db: ./strikewatch.db in the working folder, in WAL mode (readers never wait for the writer)."""
    monkeypatch.chdir(tmp_path)
    store = Store.open(None)
    assert store.dialect == "sqlite" and (tmp_path / "strikewatch.db").exists()
    with store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
    store.close()

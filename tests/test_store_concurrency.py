"""Two processes writing the same database at once (SQLite and PostgreSQL) neither corrupt it nor
store anything twice: both ingest the same files, or both run them (fake extractor, real linking),
released together by a barrier after opening (and so migrating) a brand-new database. One takes
the articles in the opposite order, so the two meet on the same articles half-way."""

from __future__ import annotations

import multiprocessing as mp

import sqlalchemy as sa

from strikewatch.store import Store, load_incidents, quarantined, store_stats
from strikewatch.store.schema import articles, incident_reports, reports
from strikewatch.store.testing import ingest_worker, run_worker, write_articles

N = 240
PLACES = ["Douma", "Raqqa", "Idlib", "Aleppo"]


def feed(tmp_path):
    """N articles, each two telling one strike, and a malformed line, in two files."""
    rows = [{"id": f"art-{i:03d}", "outlet": "AFP" if i % 2 else "SANA", "published": f"2018-{1 + i // 60:02d}-20",
             "text": f"{3 + (i // 2) % 7} killed in {PLACES[(i // 2) % 4]} on 2018-{1 + i // 60:02d}-{1 + (i // 2) % 28:02d}."}
            for i in range(N)]
    a = write_articles(tmp_path / "a.jsonl", rows[: N // 2])
    b = write_articles(tmp_path / "b.jsonl", rows[N // 2:])
    with b.open("a") as f:
        f.write('{"id": "broken",\n')
    return [str(a), str(b)]


def twice_at_once(target, url, paths, batch_size):
    ctx = mp.get_context("spawn")  # fresh interpreters: nothing (engine, pool) shared with this one
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=target, args=(url, paths, barrier, batch_size, reverse)) for reverse in (False, True)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=300)
    assert [p.exitcode for p in procs] == [0, 0]


def test_store_concurrent_ingests_store_each_article_once(db_url, tmp_path):
    paths = feed(tmp_path)
    twice_at_once(ingest_worker, db_url, paths, 7)
    store = Store.open(db_url)
    with store.read() as conn:
        rows = conn.execute(sa.select(articles.c.id, articles.c.revision)).all()
        assert conn.execute(sa.text("SELECT 1")).scalar_one() == 1
    assert len(rows) == len({r.id for r in rows}) == N
    assert {r.revision for r in rows} == {1}
    assert len(quarantined(store)) == 1  # the malformed line, once


def test_store_concurrent_runs_extract_and_link_each_article_once(db_url, tmp_path):
    paths = feed(tmp_path)
    twice_at_once(run_worker, db_url, paths, 10)
    store = Store.open(db_url)
    s = store_stats(store)
    assert (s.articles, s.revisions, s.extracted, s.pending, s.reports) == (N, N, N, 0, N)
    with store.read() as conn:
        memberships = conn.execute(sa.select(incident_reports.c.report_id)).scalars().all()
        assert conn.execute(sa.select(sa.func.count()).select_from(reports)).scalar_one() == N
    assert len(memberships) == len(set(memberships)) == N  # every report in exactly one incident
    # each pair of articles telling one strike is one incident, whichever process stored which
    members = [set(inc.reports) for inc in load_incidents(store)]
    for i in range(0, N, 2):
        assert any({f"art-{i:03d}#1", f"art-{i + 1:03d}#1"} <= m for m in members)

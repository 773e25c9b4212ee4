"""The same incidents whatever the order: `strikewatch run` (incremental, a transaction per batch)
ends where one-shot linking of the same reports ends, on SQLite and PostgreSQL: in file order,
shuffled, reversed, in other batch sizes, and from two runs at once. Same incident ids, same
contents (members, figures, links and their reasons, discrepancies, grade), same report dates.

The corpus is crowded on purpose (our own sentences for the store's fake extractor): strikes on
four towns over a fortnight, each told by one to four outlets on the day or up to two days later,
with tolls that agree, differ a little, rise, or clearly belong to another strike, so that which
reports come first would change the grouping if linking depended on it."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import random
from pathlib import Path
from typing import Any

import pytest

from strikewatch.ingest import read_articles
from strikewatch.link import link
from strikewatch.model import Article, Incident, Report
from strikewatch.run import link_reports
from strikewatch.store import Store, load_incidents, load_reports
from strikewatch.store.runner import run
from strikewatch.store.testing import fake_analyze, fresh_database, pg_test_url, run_worker, write_articles

TOWNS = ["Douma", "Raqqa", "Idlib", "Aleppo"]
OUTLETS = ["AFP", "SANA", "Reuters", "Enab Baladi", "Smart News"]


def crowded_rows(seed: int = 3, strikes: int = 40) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    rows: list[dict[str, Any]] = []
    for s in range(strikes):
        town = rng.choice(TOWNS)
        day = dt.date(2018, 3, 1) + dt.timedelta(days=rng.randrange(14))
        toll = rng.choice([2, 3, 5, 8, 12, 20, 35])
        for k in range(rng.randint(1, 4)):
            told = max(1, toll + rng.choice([0, 0, 1, -1, 3, toll]))  # agree, close, rise, double
            pub = day + dt.timedelta(days=rng.randrange(3))
            rows.append({"id": f"s{s:02d}-{k}", "outlet": OUTLETS[(s + k) % len(OUTLETS)], "published": pub.isoformat(),
                         "text": f"{told} killed in {town} on {day.isoformat()}."})
    rng.shuffle(rows)
    return rows


def one_shot(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    arts = [Article(id=r["id"], text=r["text"], outlet=r["outlet"], published=r["published"]) for r in rows]
    reports = [rep for _a, res in fake_analyze(arts) for rep in (res if isinstance(res, list) else [])]
    incidents = link_reports(reports)
    return _dump_incidents(incidents), _dump_reports(reports)


def _dump_incidents(incidents: list[Incident]) -> list[dict[str, Any]]:
    return sorted((i.model_dump(mode="json") for i in incidents), key=lambda d: d["id"])


def _dump_reports(reports: list[Report]) -> list[dict[str, Any]]:
    return sorted(({"id": r.id, "date": r.date.model_dump(mode="json"), "flags": r.flags} for r in reports),
                  key=lambda d: d["id"])


def stored(url: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    store = Store.open(url)
    try:
        return _dump_incidents(load_incidents(store)), _dump_reports(load_reports(store))
    finally:
        store.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_kind(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        pg_test_url()
    return str(request.param)


def _run(url: str, path: Path, *, order: str, batch_size: int, analyze=fake_analyze, seed: int = 11) -> None:
    items = list(read_articles([path]))
    if order == "reversed":
        items.reverse()
    elif order == "shuffled":
        random.Random(seed).shuffle(items)
    store = Store.open(url)
    try:
        run(store, items, analyze=analyze, batch_size=batch_size)
    finally:
        store.close()


def test_link_order_the_corpus_is_one_where_order_could_matter() -> None:
    # first come, first served (the old incremental linking: existing incidents never merged or
    # regrouped) groups these reports otherwise than one shot does, so the tests below can fail
    rows = crowded_rows()
    arts = [Article(id=r["id"], text=r["text"], outlet=r["outlet"], published=r["published"]) for r in rows]
    reports = [rep for _a, res in fake_analyze(arts) for rep in (res if isinstance(res, list) else [])]
    groups = {frozenset(i.reports) for i in link(reports).incidents}
    assert len(groups) < len(reports) - 20  # plenty of links
    got: list[Incident] = []
    seen: list[Report] = []
    for r in reports[::-1]:  # one at a time, never regrouping what is stored: the old way
        fresh = link([r], existing=got, existing_reports=seen)
        taken = {rid for i in got for rid in i.reports}
        got = [i for i in fresh.incidents if not (set(i.reports) & taken) or i.id in {g.id for g in got}]
        seen.append(r)
    assert {frozenset(i.reports) for i in got} != groups


@pytest.mark.parametrize(("order", "batch_size"), [("file", 50), ("reversed", 50), ("shuffled", 37), ("shuffled", 7)])
def test_link_order_run_equals_one_shot(tmp_path: Path, db_kind: str, order: str, batch_size: int) -> None:
    rows = crowded_rows()
    path = write_articles(tmp_path / "feed.jsonl", rows)
    want = one_shot(rows)
    pg = pg_test_url() if db_kind == "postgresql" else None
    with fresh_database(db_kind, tmp_path, pg_url=pg) as url:
        _run(url, path, order=order, batch_size=batch_size)
        assert stored(url) == want


def test_link_order_run_in_two_halves_and_again_equals_one_shot(tmp_path: Path) -> None:
    rows = crowded_rows(seed=5)
    first = write_articles(tmp_path / "a.jsonl", rows[1::2])
    second = write_articles(tmp_path / "b.jsonl", rows[0::2])
    with fresh_database("sqlite", tmp_path) as url:
        _run(url, second, order="reversed", batch_size=5)
        _run(url, first, order="file", batch_size=9)
        assert stored(url) == one_shot(rows)
        _run(url, first, order="file", batch_size=9)  # nothing new: nothing changes
        assert stored(url) == one_shot(rows)


def test_link_order_two_concurrent_runs_equal_one_shot(tmp_path: Path, db_kind: str) -> None:
    rows = crowded_rows(seed=8)
    paths = [str(write_articles(tmp_path / "a.jsonl", rows[: len(rows) // 2])),
             str(write_articles(tmp_path / "b.jsonl", rows[len(rows) // 2:]))]
    pg = pg_test_url() if db_kind == "postgresql" else None
    with fresh_database(db_kind, tmp_path, pg_url=pg) as url:
        ctx = mp.get_context("spawn")
        barrier = ctx.Barrier(2)
        procs = [ctx.Process(target=run_worker, args=(url, paths, barrier, 6, reverse)) for reverse in (False, True)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(timeout=300)
        assert [p.exitcode for p in procs] == [0, 0]
        assert stored(url) == one_shot(rows)


def keyed_analyze(articles: Any) -> Any:
    """The fake extractor, then the names, streets and ages of each article as the pipeline files them."""
    from strikewatch.link.keys import annotate

    for article, result in fake_analyze(articles):
        yield article, (annotate(article, result) if isinstance(result, list) else result)


def trial_rows() -> list[dict[str, Any]]:
    # a killing told by two outlets, and the trial's story seven months on naming the victim, his age
    # and the street; beside them stories of other days in the same town naming nobody or someone else
    told = "Omar Haddad, 27, was shot dead on Saadallah Street. Relatives said Haddad had no enemies."
    return [
        {"id": "k1", "outlet": "AFP", "published": "2018-03-03", "text": f"1 killed in Raqqa on 2018-03-02. {told}"},
        {"id": "k2", "outlet": "SANA", "published": "2018-03-04",
         "text": "1 killed in Raqqa on 2018-03-02. The victim, 27, was found on Saadallah Street."},
        {"id": "t1", "outlet": "Reuters", "published": "2018-10-05",
         "text": "1 killed in Raqqa on 2018-10-04. A court convicted Samer Khalil of killing Omar Haddad, 27, "
                 "on Saadallah Street in March. Khalil will appeal; Haddad's mother wept."},
        {"id": "o1", "outlet": "AFP", "published": "2018-10-05",
         "text": "1 killed in Raqqa on 2018-10-04. Police named the man as Fadi Nasser. Nasser was 40."},
        {"id": "o2", "outlet": "SANA", "published": "2018-06-11", "text": "3 killed in Raqqa on 2018-06-10."},
    ]


@pytest.mark.parametrize(("order", "batch_size"), [("file", 1), ("reversed", 1), ("shuffled", 2)])
def test_link_order_a_trial_months_later_joins_its_shooting_in_any_order(tmp_path: Path, db_kind: str,
                                                                        order: str, batch_size: int) -> None:
    rows = trial_rows()
    arts = [Article(id=r["id"], text=r["text"], outlet=r["outlet"], published=r["published"]) for r in rows]
    reports = [rep for _a, res in keyed_analyze(arts) for rep in (res if isinstance(res, list) else [])]
    incidents = link_reports(reports)
    assert sorted(sorted(i.reports) for i in incidents) == [["k1#1", "k2#1", "t1#1"], ["o1#1"], ["o2#1"]]
    want = _dump_incidents(incidents), _dump_reports(reports)
    path = write_articles(tmp_path / "feed.jsonl", rows)
    pg = pg_test_url() if db_kind == "postgresql" else None
    with fresh_database(db_kind, tmp_path, pg_url=pg) as url:
        _run(url, path, order=order, batch_size=batch_size, analyze=keyed_analyze, seed=4)
        assert stored(url) == want

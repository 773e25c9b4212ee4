"""Test helpers for the store: throwaway databases, a fake extractor, and workers for the
two-process tests (they must be importable by name for `multiprocessing`'s spawn).

Like httpx's `MockTransport`, `fake_analyze` stands in for the real extractor: it reads one
report per sentence of the form "5 killed in Douma on 2018-02-20" (place from a small table),
and rejects any article whose text holds "FAIL", so tests control exactly what is extracted.
"""

from __future__ import annotations

import datetime as dt
import re
import signal
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ..model import Article, Claim, Count, Dates, Location, Rejected, Report, Span

PLACES = {  # name: (admin1, lat, lon)
    "Douma": ("Rif Dimashq", 33.5718, 36.4027), "Raqqa": ("Ar-Raqqa", 35.9528, 39.0079),
    "Idlib": ("Idlib", 35.9306, 36.6339), "Aleppo": ("Aleppo", 36.2021, 37.1343),
}
_FACT = re.compile(r"(\d+) killed in (\w+) on (\d{4}-\d\d-\d\d)")


def fake_analyze(articles: Iterable[Article]) -> Iterator[tuple[Article, list[Report] | Rejected]]:
    for article in articles:
        if "FAIL" in article.text:
            yield article, Rejected(path=article.path or "-", line=article.line, article=article.id,
                                    stage="extract", reason="the fake extractor was told to fail")
            continue
        reports = []
        for n, m in enumerate(_FACT.finditer(article.text), start=1):
            killed, place, day = int(m.group(1)), m.group(2), dt.date.fromisoformat(m.group(3))
            admin1, lat, lon = PLACES.get(place, (None, None, None))
            span = Span(start=m.start(), end=m.end(), text=m.group(0), field="killed")
            reports.append(Report(
                id=f"{article.id}#{n}", article=article.id, event_type="Explosions/Remote violence",
                sub_event_type="Air/drone strike", date=Dates(start=day, end=day, precision="day", basis="explicit"),
                location=Location(name=place, mention=place, country="Syria", admin1=admin1, lat=lat, lon=lon,
                                  precision="city"),
                claims=[Claim(source="Syrian Observatory for Human Rights", killed=Count(low=killed, best=killed),
                              evidence=[span])], evidence=[span],
                outlet=article.outlet, published=article.published))
        yield article, reports


def write_articles(path: Path, rows: list[dict[str, Any]]) -> Path:
    """A JSONL manifest of articles (dicts with id, text, outlet, published ...)."""
    import json

    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def pg_test_url() -> str:
    """The PostgreSQL server of the test run (STRIKEWATCH_TEST_PG_URL, set by `make test`).

    Unset, the test fails under CI (CI=true), where `make test` always provides it, and is
    skipped with the reason elsewhere.
    """
    import os

    import pytest

    url = os.environ.get("STRIKEWATCH_TEST_PG_URL")
    if not url:
        why = ("STRIKEWATCH_TEST_PG_URL is not set: PostgreSQL storage tests need a server; "
               "run `make test` (scripts/test.sh starts one and sets it)")
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(why)
        pytest.skip(why)
    return url


@contextmanager
def fresh_database(kind: str, folder: Path, *, pg_url: str | None = None) -> Iterator[str]:
    """The URL of a new, empty database: an SQLite file in `folder`, or a PostgreSQL database made
    on the server `pg_url` points at (dropped afterwards)."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / f'store-{uuid.uuid4().hex[:8]}.db'}"
        return
    if not pg_url:
        raise ValueError("a PostgreSQL test database needs pg_url")
    from .database import database_url

    server = sa.make_url(database_url(pg_url))
    name = f"sw_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT", pool_pre_ping=True)  # survives a server restart
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def slowly(items: Iterable[Any], seconds: float) -> Iterator[Any]:
    """`items`, a pause before each: two processes then take turns with the database instead of one
    finishing before the other starts."""
    for item in items:
        time.sleep(seconds)
        yield item


def ingest_worker(url: str, paths: list[str], barrier: Any, batch_size: int, reverse: bool = False) -> None:
    """One of two processes ingesting the same files at once (tests/test_store_concurrency.py);
    `reverse`: in the opposite order, so the two meet in the middle on the same articles."""
    from ..ingest import read_articles
    from .database import Store
    from .ingest import ingest

    store = Store.open(url)
    barrier.wait(timeout=120)
    items = list(read_articles(paths))
    stats = ingest(store, slowly(items[::-1] if reverse else items, 0.002), batch_size=batch_size)
    print(f"ingest worker: {stats}", flush=True)
    store.close()


def run_worker(url: str, paths: list[str], barrier: Any, batch_size: int, reverse: bool = False) -> None:
    """One of two processes running the same files at once, with the fake extractor and the real linker."""
    from ..ingest import read_articles
    from .database import Store
    from .runner import run

    store = Store.open(url)
    barrier.wait(timeout=120)
    items = list(read_articles(paths))
    stats = run(store, items[::-1] if reverse else items, analyze=lambda arts: fake_analyze(slowly(arts, 0.005)),
                batch_size=batch_size)
    print(f"run worker: {stats.ingest} {stats.saved}", flush=True)
    store.close()


def feed_rows(n: int) -> list[dict[str, Any]]:
    """`n` articles, each two telling one strike (different tolls, outlets and days of publication)."""
    places = list(PLACES)
    return [{"id": f"art-{i:03d}", "outlet": "AFP" if i % 2 else "SANA", "published": f"2018-{1 + i // 60:02d}-20",
             "text": f"{3 + (i // 2) % 7} killed in {places[(i // 2) % 4]} on 2018-{1 + i // 60:02d}-"
                     f"{1 + (i // 2) % 28:02d}."} for i in range(n)]


def ctrl_c_as_at_a_terminal() -> None:
    """`preexec_fn` of a child a test will stop with SIGINT: Ctrl-C at its default, as at a terminal.
    A shell starts background jobs with SIGINT ignored, and a child inherits that; the commands keep
    an ignored Ctrl-C ignored (interrupt.py), so a suite started in the background (`make test &`,
    a CI runner's job) would otherwise send a Ctrl-C nobody hears."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def slow_run(url: str, path: str, batch_size: int, hold_after: int) -> None:
    """`run` with the fake extractor, for a test to stop mid-run (`python -c`): after `hold_after`
    articles the extractor waits for ever, so whatever the machine's speed the run is still going,
    with whole batches stored, when the test stops it."""
    from ..ingest import read_articles
    from ..interrupt import firm_ctrl_c
    from .database import Store
    from .runner import run

    seen = 0

    def held(arts: Iterable[Article]) -> Iterator[Article]:
        nonlocal seen
        for art in arts:
            while seen >= hold_after:
                time.sleep(1)
            seen += 1
            yield art

    with firm_ctrl_c():  # as the commands run it
        run(Store.open(url), read_articles([path]), analyze=lambda arts: fake_analyze(held(arts)),
            batch_size=batch_size)

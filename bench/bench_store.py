"""Storage speed: FA-KES (804 rows) through `run` into SQLite and PostgreSQL, and what storage alone costs.

    .venv/bin/python bench/bench_store.py [--limit N] [--workers N] [--batch-size N]

Prints articles/s for:
- extract   the extractor alone (`analyze_articles`), no database: the yardstick;
- store     `run` fed the extractor's results from memory: ingest, linking against the stored
            incidents and every write, with no extraction; its time over extraction's is the
            storage fraction, split into the linker's own time and the rest (reading, writing,
            the database);
- run       `run` as `strikewatch run` does it (extraction included);
- rerun     the same files again: every article unchanged, nothing extracted.
PostgreSQL needs STRIKEWATCH_BENCH_PG_URL (`make bench` starts a throwaway server and sets it).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from strikewatch.ingest import read_articles
from strikewatch.model import Article, Rejected, Report
from strikewatch.pipeline import analyze_articles
from strikewatch.store import Store, run, store_stats
from strikewatch.store.linking import default_linker
from strikewatch.store.testing import fresh_database

FAKES = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "fa-kes" / "FA-KES-Dataset.csv"
Result = tuple[Article, list[Report] | Rejected]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=FAKES)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=50)
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"bench_store: {args.corpus} not found")
    items = list(read_articles([args.corpus]))[: args.limit]
    arts = [a for a in items if isinstance(a, Article)]
    print(f"{args.corpus.name}: {len(arts)} articles ({len(items) - len(arts)} rejected at ingest), "
          f"batch size {args.batch_size}, {args.workers} worker(s)")

    analyze_articles(arts[:1]).__next__()  # load the extractor before timing it
    started = time.perf_counter()
    results = {a.id: (a, r) for a, r in analyze_articles(arts, n_process=args.workers)}
    extract_s = time.perf_counter() - started
    reports = sum(len(r) for _, r in results.values() if not isinstance(r, Rejected))
    _line("extract", "(memory)", len(arts), extract_s, f"{reports} reports")

    def replay(batch: Iterable[Article]) -> Iterator[Result]:
        for a in batch:
            yield results[a.id]

    pg = os.environ.get("STRIKEWATCH_BENCH_PG_URL")
    kinds = ["sqlite", "postgresql"] if pg else ["sqlite"]
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds:
            with fresh_database(kind, Path(tmp), pg_url=pg) as url:
                store = Store.open(url)
                linking = [0.0]

                def timed_linker(*a: Any, spent: list[float] = linking) -> Any:
                    started = time.perf_counter()
                    try:
                        return default_linker(*a)
                    finally:
                        spent[0] += time.perf_counter() - started

                t = _timed(lambda s=store: run(s, items, analyze=replay, linker=timed_linker,
                                               batch_size=args.batch_size))
                _line("store", kind, len(arts), t, f"{100 * t / extract_s:.1f}% of extraction time; of which "
                      f"linking {linking[0]:.2f} s, the database {t - linking[0]:.2f} s "
                      f"({100 * (t - linking[0]) / extract_s:.1f}%)")
                store.close()
            with fresh_database(kind, Path(tmp), pg_url=pg) as url:
                store = Store.open(url)
                t = _timed(lambda s=store: run(s, items, batch_size=args.batch_size, n_process=args.workers))
                st = store_stats(store)
                _line("run", kind, len(arts), t, f"{st.reports} reports, {st.incidents} incidents, "
                      f"{st.aggregates} aggregates, {st.quarantined} quarantined")
                t = _timed(lambda s=store: run(s, items, batch_size=args.batch_size))
                _line("rerun", kind, len(arts), t, "nothing new: every article unchanged")
                store.close()
    if not pg:
        print("PostgreSQL: skipped (set STRIKEWATCH_BENCH_PG_URL, or run `make bench`)")


def _timed(fn: object) -> float:
    started = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - started


def _line(what: str, where: str, n: int, seconds: float, note: str) -> None:
    print(f"{what:<8} {where:<11} {n / seconds:9.1f} articles/s  {seconds:7.2f} s  {note}", flush=True)


if __name__ == "__main__":
    main()

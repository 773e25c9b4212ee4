"""Distributed analysis on a synthetic FA-KES corpus: 1 worker against 2, and cost against size.

    .venv/bin/python bench/bench_scale.py                         # 20k: 1 vs 2 workers; 5k/10k/20k on 2
    .venv/bin/python bench/bench_scale.py --sizes 2000 --workers 2  # a quick look
    .venv/bin/python bench/bench_scale.py --check 5000            # also single-process on 5k: same answer?

The corpus repeats FA-KES's 792 usable articles: copy c moves every year in the text c*8 years on
(so copies are other incidents, not the same story retold) and rotates the Syrian city names by c
(so places spread over the governorates). It is written as JSONL once, to $TMPDIR/strikewatch-bench/.

Prints, per run: articles/s end to end (after the cluster is up and the models loaded), articles
per worker CPU second (what holds on a machine shared with other jobs), seconds per stage, the
peak RSS of each worker and of the driver (the driver's is the peak of all runs so far).
Measured figures: docs/scale.md. Takes ~40 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAKES = ROOT.parent / "shared/corpus/fa-kes/FA-KES-Dataset.csv"
CACHE = Path(tempfile.gettempdir()) / "strikewatch-bench"
CITIES = ["Aleppo", "Idlib", "Homs", "Hama", "Douma", "Raqqa", "Daraa", "Deir ez-Zor", "Latakia", "Palmyra", "Manbij"]
_CITY = re.compile(r"\b(" + "|".join(re.escape(c) for c in CITIES) + r")\b")
_YEAR = re.compile(r"\b(201[0-9])\b")


def corpus(n: int) -> Path:
    """A JSONL file of `n` articles made from FA-KES (cached)."""
    path = CACHE / f"fakes-{n}.jsonl"
    if path.exists():
        return path
    with FAKES.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["article_content"].strip()]
    CACHE.mkdir(parents=True, exist_ok=True)
    part = path.with_suffix(".part")  # renamed when complete, so an interrupted write is not reused
    with part.open("w", encoding="utf-8") as out:
        for k in range(n):
            c, i = divmod(k, len(rows))
            row = rows[i]
            text = row["article_content"]
            if c:
                text = _YEAR.sub(lambda m, c=c: str(int(m.group(1)) + 8 * c), text)
                text = _CITY.sub(lambda m, c=c: CITIES[(CITIES.index(m.group(1)) + c) % len(CITIES)], text)
            out.write(json.dumps({"id": f"{row['unit_id']}-{c}", "text": text, "outlet": row["source"],
                                  "title": row["article_title"]}) + "\n")
    part.rename(path)
    return path


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _cpu_s() -> float:
    """CPU seconds of this process: a rate per CPU second holds on a machine shared with other jobs."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def bench(n: int, workers: int, partition_size: int) -> dict[str, object]:
    from strikewatch.scale import connected, run_distributed

    path = corpus(n)
    started = time.perf_counter()
    with connected(f"local:{workers}") as client, tempfile.TemporaryDirectory() as out:
        up = time.perf_counter() - started
        cpu0 = client.run(_cpu_s)
        t0 = time.perf_counter()
        run = run_distributed([path], client, out_dir=Path(out), collect=False, partition_size=partition_size)
        seconds = time.perf_counter() - t0
        rss = client.run(_rss_mb)
        cpu = sum(v - cpu0.get(k, 0.0) for k, v in client.run(_cpu_s).items())
    s = run.stats
    return {"articles": s.articles, "workers": workers, "seconds": round(seconds, 1),
            "articles_per_s": round(s.articles / seconds, 1), "startup_s": round(up, 1),
            "stages": s.seconds, "reports": s.reports, "incidents": s.incidents, "partitions": s.partitions,
            "blocks": s.blocks, "bins": s.bins, "largest_component": s.largest_component,
            "worker_cpu_s": round(cpu, 1), "articles_per_worker_cpu_s": round(s.articles / cpu, 1) if cpu else None,
            "load_average": os.getloadavg(),
            "worker_peak_rss_mb": sorted(round(v) for v in rss.values()), "driver_peak_rss_mb": round(_rss_mb())}


def check(n: int, partition_size: int) -> dict[str, object]:
    """Single process against 2 workers on the same corpus: the same reports and incidents?"""
    from strikewatch.ingest import read_articles
    from strikewatch.run import analyze_paths
    from strikewatch.scale import analyze_distributed, connected

    path = corpus(n)
    t0 = time.perf_counter()
    single = analyze_paths(read_articles([path]))
    seconds = time.perf_counter() - t0
    with connected("local:2") as client:
        dist = analyze_distributed([path], client, partition_size=partition_size)

    def dump(items: list) -> list:  # type: ignore[type-arg]
        return [x.model_dump(mode="json") for x in items]

    return {"articles": n, "single_process_s": round(seconds, 1), "single_articles_per_s": round(n / seconds, 1),
            "same_reports": dump(single.reports) == dump(dist.reports),
            "same_incidents": dump(single.incidents) == dump(dist.incidents)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="5000,10000,20000", help="corpus sizes for the growth runs (2 workers)")
    ap.add_argument("--workers", default="1,2", help="worker counts compared on the largest size")
    ap.add_argument("--partition-size", type=int, default=500)
    ap.add_argument("--check", type=int, default=0, help="also compare with one process on this many articles")
    args = ap.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    counts = [int(w) for w in args.workers.split(",")]
    runs = [(sizes[-1], w) for w in counts] + [(n, max(counts)) for n in sizes[:-1]]
    print(f"{'articles':>8} {'workers':>7} {'seconds':>8} {'art/s':>7} {'per worker':>10} {'per CPU s':>9} "
          f"{'worker RSS MB':>14} {'driver MB':>9}  stages (s)", flush=True)
    for n, w in runs:
        r = bench(n, w, args.partition_size)
        per = float(r["articles_per_s"]) / w  # type: ignore[arg-type]
        print(f"{n:>8} {w:>7} {r['seconds']:>8} {r['articles_per_s']:>7} {per:>10.1f} "
              f"{r['articles_per_worker_cpu_s']!s:>9} "
              f"{'/'.join(map(str, r['worker_peak_rss_mb'])):>14} {r['driver_peak_rss_mb']:>9}  {r['stages']}", flush=True)
        print("  " + json.dumps(r), file=sys.stderr)
    if args.check:
        print(json.dumps(check(args.check, args.partition_size)))


if __name__ == "__main__":
    main()

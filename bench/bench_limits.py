"""Hostile input: time and peak memory of `strikewatch` on inputs built to hurt it (issue 14's targets).

    .venv/bin/python bench/bench_limits.py [--only NAME,...] [--keep DIR]

Each case is one `strikewatch` process on one input made here; printed: seconds, peak RSS of the
process (`ru_maxrss` of the child), exit code and what came of the input. Targets: the hostile
folder (a good article, a NUL text, a symlink loop, a 30 MB text) within 5 minutes on SQLite and on
PostgreSQL (STRIKEWATCH_BENCH_PG_URL, set by `make bench`), and under 1.5 GB of memory on any
single input file.

Cases:
- folder-sqlite / folder-postgresql   `run` on the hostile folder
- txt-30mb         `analyze` on a 30 MB .txt (refused unread by its size)
- jsonl-line-5mb   `analyze` on a JSONL whose one line holds a 5 MB text (refused: over the limit)
- jsonl-line-200mb `ingest` on a JSONL whose one line is 200 MB (skipped a chunk at a time)
- csv-field-50mb   `ingest` on a CSV whose one field is 50 MB, between two good rows
- max-article      `analyze` on one article just under the size limit (400,000 characters), every
                   sentence a casualty report: the most one article may cost (near the 30 s
                   CPU-time budget, which sets it aside on a slower machine)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SW = str(Path(sys.executable).with_name("strikewatch"))
GOOD = ("ALEPPO, March 6 - Government air strikes killed 11 civilians, including three children, in the "
        "town of Atareb west of Aleppo on Monday, a monitoring group said.\n")
FILLER = "Shelling killed two people in Idlib on Monday, the monitor said. " * 16 + "\n"


def write_repeated(path: Path, size: int, head: str = "", tail: str = "") -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(head)
        for _ in range(size // len(FILLER) + 1):
            handle.write(FILLER.rstrip("\n") + " ")
        handle.write(tail)


def make_inputs(where: Path) -> dict[str, Path]:
    folder = where / "hostile"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "nul.txt").write_bytes(b"\x00" * 4096)
    for a, b in (("loop-a.txt", "loop-b.txt"), ("loop-b.txt", "loop-a.txt")):
        if not (folder / a).is_symlink():
            (folder / a).symlink_to(b)
    write_repeated(folder / "huge.txt", 30_000_000)
    write_repeated(where / "30mb.txt", 30_000_000)
    write_repeated(where / "line-5mb.jsonl", 5_000_000, head='{"id": "big", "text": "', tail='"}\n')
    write_repeated(where / "line-200mb.jsonl", 200_000_000, head='{"id": "huge", "text": "',
                   tail='"}\n' + json.dumps({"id": "after", "text": GOOD}) + "\n")
    write_repeated(where / "field-50mb.csv", 50_000_000, head=f'id,text\nbefore,"{GOOD.strip()}"\nbig,"',
                   tail=f'"\nafter,"{GOOD.strip()}"\n')
    sentences, n = [], 0
    while sum(map(len, sentences)) < 390_000:
        n += 1
        sentences.append(f"An air strike on Idlib on day {n} killed {n % 37 + 2} civilians, the monitor said. ")
    (where / "max-article.txt").write_text("".join(sentences), encoding="utf-8")
    return {"folder": folder}


# Runs one command and reports its peak RSS: RUSAGE_CHILDREN of this small parent holds only that child.
_WRAP = """import resource, subprocess, sys
code = subprocess.run(sys.argv[1:]).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


def measure(args: list[str]) -> tuple[float, float, int, str]:
    """Seconds, peak RSS (MB) and exit code of one `strikewatch` process, and its last stderr line."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _WRAP, SW, *args], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak_kb, code = proc.stdout.split()[-2:]
    last = " ".join(proc.stderr.split())[-160:]
    if "Traceback" in proc.stderr:
        last = "TRACEBACK: " + last
    return seconds, int(peak_kb) / 1024, int(code), last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="", help="comma-separated case names")
    parser.add_argument("--keep", type=Path, help="build the inputs here (default: a temporary folder)")
    opts = parser.parse_args()
    where = opts.keep or Path(tempfile.mkdtemp(prefix="strikewatch-limits-"))
    try:
        make_inputs(where)
        run_cases(where, opts.only)
    finally:
        if opts.keep is None:  # about 320 MB of inputs
            shutil.rmtree(where, ignore_errors=True)


def run_cases(where: Path, only_names: str) -> None:
    pg = os.environ.get("STRIKEWATCH_BENCH_PG_URL")
    cases: list[tuple[str, list[str]]] = [
        ("folder-sqlite", ["run", str(where / "hostile"), "--db", str(where / "folder.db")]),
        ("txt-30mb", ["analyze", str(where / "30mb.txt")]),
        ("jsonl-line-5mb", ["analyze", str(where / "line-5mb.jsonl")]),
        ("jsonl-line-200mb", ["ingest", str(where / "line-200mb.jsonl"), "--db", str(where / "line.db")]),
        ("csv-field-50mb", ["ingest", str(where / "field-50mb.csv"), "--db", str(where / "field.db")]),
        ("max-article", ["analyze", str(where / "max-article.txt")]),
    ]
    if pg:
        cases.insert(1, ("folder-postgresql", ["run", str(where / "hostile"), "--db", pg]))
    else:
        print("folder-postgresql: skipped (STRIKEWATCH_BENCH_PG_URL is not set; `make bench` sets it)")
    only = {name for name in only_names.split(",") if name}
    print(f"{'case':<18} {'seconds':>8} {'peak MB':>8} {'exit':>4}  last line of stderr")
    for name, args in cases:
        if only and name not in only:
            continue
        seconds, peak, code, last = measure(args)
        print(f"{name:<18} {seconds:>8.1f} {peak:>8.0f} {code:>4}  {last}", flush=True)


if __name__ == "__main__":
    main()

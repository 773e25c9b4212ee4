"""`make quality`: the scoreboard over every development corpus, the seeds and the bundled sample,
written to docs/quality.md.

    python -m strikewatch.evaluate.quality [--shared ../shared] [--out docs/quality.md] [--limit N] [--workers 2]

Each corpus is scored on its dev split and its check split separately (two analyses, so linking
never joins across them); of the check split only figures are written, never rows. The gold sets
(seeds, sample, FA-KES gold sample) are small and scored whole. Without ../shared/corpus it says so
and writes nothing. `--limit N` scores devscore's fixed sample of N rows per split: a quick look.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

from .corpus_score import CorpusScore
from .quality_md import corpus_table, gold_table, header
from .score import Score

ROOT = Path(__file__).resolve().parents[2]
# (title, scoreboard mode, path under shared/corpus/dev)
CORPORA = [
    ("ACLED notes, Afghanistan March 2020 (current taxonomy)", "acled", "acled/afghanistan-2020-03.csv"),
    ("ACLED notes, Africa June-July 2016 (older taxonomy)", "acled", "acled/africa-2016.csv"),
    ("ACLED notes, South/Southeast Asia 2015 (older taxonomy)", "acled", "acled/south-asia-2015.csv"),
    ("Airwars assessments, Gaza 2023-2024", "airwars", "airwars-gaza/incidents.jsonl"),
    ("Gun Violence Archive news (SemEval-2018 Task 5 source)", "gva", "gva-dev"),
    ("UCDP GED Ukraine 2014-2021 (headlines only)", "ucdp", "ucdp-ukraine/conflict_data_ukr.csv"),
]


def gold_sets(shared: Path) -> list[tuple[str, Path, Path]]:
    return [("Seeds", shared / "corpus/seeds/gold.json", shared / "corpus/seeds/articles.jsonl"),
            ("Bundled sample", ROOT / "strikewatch/data/sample/gold.json", ROOT / "strikewatch/data/sample/articles.jsonl"),
            ("FA-KES gold sample", ROOT / "data/gold/fakes-30.json", ROOT / "data/gold/fakes-30.jsonl")]


def score_gold(gold_path: Path, articles: Path, workers: int) -> Score:
    """The gold mode's figures, as `strikewatch evaluate GOLD --articles ARTICLES` gives them."""
    from ..ingest import read_articles
    from ..run import analyze_paths
    from .gold import GoldSet
    from .score import score

    gold = GoldSet.model_validate_json(gold_path.read_bytes())
    analysis = analyze_paths(iter(read_articles([articles])), n_process=workers)
    return score(gold, analysis)


def _commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h %cd", "--date=short"],
                             capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m strikewatch.evaluate.quality", description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "docs/quality.md")
    ap.add_argument("--limit", type=int, default=0, help="rows per split (GVA: incidents); 0 = all")
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args(argv)
    dev = args.shared / "corpus/dev"
    if not dev.is_dir():
        print(f"make quality: {dev} not found: no development corpora here, nothing scored, "
              f"{args.out} left as it is", file=sys.stderr)
        return 0
    from ..extract import Extractor
    from .run_corpus import evaluate_corpus

    started = time.monotonic()
    Extractor.load()  # once, before any worker forks
    parts: list[str] = []
    for title, kind, rel in CORPORA:
        path = dev / rel
        if not path.exists():
            print(f"quality: {path} missing, skipped", file=sys.stderr)
            continue
        scores: dict[str, CorpusScore] = {}
        secs = 0.0
        for split in ("dev", "check"):
            t = time.monotonic()
            scores[split] = evaluate_corpus(kind, path, split=split, limit=args.limit, workers=args.workers)
            secs += time.monotonic() - t
        print(f"quality: {title}: {secs:.0f} s", file=sys.stderr)
        parts.append(corpus_table(title, f"../shared/corpus/dev/{rel}", scores["dev"], scores["check"], secs))
    for title, gold_path, articles in gold_sets(args.shared):
        if gold_path.exists() and articles.exists():
            t = time.monotonic()
            res = score_gold(gold_path, articles, args.workers)
            secs = time.monotonic() - t
            print(f"quality: {title}: {secs:.0f} s", file=sys.stderr)
            parts.append(gold_table(title, gold_path, ROOT, res, secs))
    total = time.monotonic() - started
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    doc = header(now, _commit(), args.limit, args.workers, total, load) + "\n".join(parts)
    args.out.write_text(doc, encoding="utf-8")
    print(f"quality: wrote {args.out} in {total:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

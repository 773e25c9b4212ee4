"""Read a monitor's dataset, analyse its texts in-process through the library, score the result.

The one entry point the CLI (`strikewatch evaluate --acled/--airwars/--gva/--ucdp`) and `make quality`
share, so both print the same figures.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Article
from .corpora import READERS, Row, in_split, sample
from .corpus_score import SCORERS, CorpusScore

SPLITS = ("dev", "check", "all")


def select(rows: list[Row], split: str = "all", limit: int = 0) -> list[Row]:
    """The rows of a split, then (with `limit`) devscore's deterministic sample of them."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, not {split!r}")
    rows = [r for r in rows if in_split(r.id, split)]
    return sample(rows, limit) if limit else rows


def articles_of(rows: list[Row]) -> list[Article]:
    """Every row's articles once: a repeated id (a row id given twice) is analysed once and scored
    for both rows, as ingest keeps only the first copy of an id."""
    seen: set[str] = set()
    out: list[Article] = []
    for row in rows:
        for a in row.articles:
            if a.id not in seen:
                seen.add(a.id)
                out.append(a)
    return out


def evaluate_corpus(kind: str, path: Path, *, split: str = "all", limit: int = 0, workers: int = 1,
                    progress: bool = False) -> CorpusScore:
    """Score `kind` ("acled", "airwars", "gva", "ucdp") on the file or folder `path`."""
    from ..run import analyze_paths

    rows = select(READERS[kind](path), split, limit)
    analysis = analyze_paths(iter(articles_of(rows)), progress=progress, n_process=workers,
                             article_places=kind == "ucdp")  # only UCDP scores an article's own place
    score = SCORERS[kind](rows, analysis)
    score.split, score.source = split, str(path)
    return score

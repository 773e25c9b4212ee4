"""`strikewatch evaluate`, registered on the main CLI: score against a gold file, or against FA-KES.

    strikewatch evaluate GOLD.json --articles ARTICLES.jsonl   # analyse the articles, then score
    strikewatch evaluate GOLD.json --analysis OUT.json         # score an `analyze --json` output
    strikewatch evaluate --fakes FA-KES-Dataset.csv [--analysis OUT.json]
    strikewatch evaluate --acled FILE.csv | --airwars FILE.jsonl | --gva DIR | --ucdp FILE.csv
                         [--split dev|check|all] [--limit N]      # a monitor's own coded data

A thin shell: it reads files, calls `score`/`fakes`/`credibility`, prints with `show` or as JSON.
Bad input files become one-line exit messages naming the file.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console

from ..model import Analysis, Article, Rejected

err = Console(stderr=True, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("evaluate")(evaluate_cmd)


def evaluate_cmd(
    gold: Annotated[Path | None, typer.Argument(help="Gold file (strikewatch-gold/1; see docs/gold-format.md)")] = None,
    articles: Annotated[list[Path] | None, typer.Option(help="The gold's articles (.jsonl, .csv, folders): analysed first")] = None,
    analysis: Annotated[Path | None, typer.Option(help="An existing `strikewatch analyze --json` output to score instead")] = None,
    fakes: Annotated[Path | None, typer.Option(help="FA-KES CSV: date/governorate agreement and credibility")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON document")] = False,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes for the analysis")] = 1,
    folds: Annotated[int, typer.Option(min=2, help="Cross-validation folds of the FA-KES classifiers")] = 5,
    classifier: Annotated[bool, typer.Option(help="Fit the FA-KES classifiers (needs scikit-learn)")] = True,
    acled: Annotated[Path | None, typer.Option(help="ACLED export (.csv): text = the coders' notes")] = None,
    airwars: Annotated[Path | None, typer.Option(help="Airwars assessments (.jsonl)")] = None,
    gva: Annotated[Path | None, typer.Option(help="Gun Violence Archive news folder (incidents.jsonl, documents.jsonl)")] = None,
    ucdp: Annotated[Path | None, typer.Option(help="UCDP GED export (.csv): text = the source headlines")] = None,
    split: Annotated[str, typer.Option(help="dev (4 rows in 5, by a hash of the row id), check (the 5th) or all")] = "all",
    limit: Annotated[int, typer.Option(min=0, help="Score a fixed sample of N rows (GVA: incidents); 0 = all")] = 0,
) -> None:
    """Score an analysis against hand-annotated gold (per-field precision/recall/F1, linking pairwise and
    B-cubed), against FA-KES's date/governorate columns and credibility labels (--fakes), or on a
    monitor's own coded dataset (--acled, --airwars, --gva, --ucdp) beside a plain regex baseline."""
    corpora = {k: v for k, v in (("acled", acled), ("airwars", airwars), ("gva", gva), ("ucdp", ucdp)) if v}
    if len(corpora) + (gold is not None) + (fakes is not None) != 1:
        raise typer.BadParameter("give one of: a GOLD file, --fakes, --acled, --airwars, --gva, --ucdp")
    if corpora:
        if analysis is not None or articles is not None:
            raise typer.BadParameter("--acled/--airwars/--gva/--ucdp analyse their own texts: no --analysis or --articles")
        kind, path = corpora.popitem()
        _corpus(kind, path, split, limit, workers, as_json)
    elif fakes is not None:
        _fakes(fakes, analysis, as_json, workers, folds if classifier else None)
    elif (articles is None) == (analysis is None):
        raise typer.BadParameter("with a GOLD file give --articles (to analyse) or --analysis (already analysed)")
    else:
        _gold(gold, articles, analysis, as_json, workers)  # type: ignore[arg-type]


def _fail(message: str) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}")
    return typer.Exit(code=2)


def _load_analysis(path: Path) -> Analysis:
    try:
        return Analysis.model_validate_json(path.read_bytes())
    except OSError as exc:
        raise _fail(f"{path}: {exc.strerror}") from None
    except ValidationError as exc:
        raise _fail(f"{path}: not a strikewatch/1 analysis: {_first_errors(exc)}") from None


def _first_errors(exc: ValidationError, n: int = 3) -> str:
    errs = exc.errors()
    shown = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errs[:n])
    return shown + (f" (and {len(errs) - n} more)" if len(errs) > n else "")


def _analyse(paths: list[Path], workers: int, texts: dict[str, str], progress: bool) -> Analysis:
    from ..ingest import read_articles
    from ..run import analyze_paths

    def keep_texts(stream: Iterator[Article | Rejected]) -> Iterator[Article | Rejected]:
        for item in stream:  # the texts check the gold's evidence quotations
            if isinstance(item, Article):
                texts[item.id] = item.text
            yield item

    for p in paths:
        if not p.exists():
            raise _fail(f"{p}: no such file or folder")
    return analyze_paths(keep_texts(iter(read_articles(paths))), progress=progress, n_process=workers)


def _gold(gold_path: Path, articles: list[Path] | None, analysis_path: Path | None, as_json: bool,
          workers: int) -> None:
    from .gold import GoldSet, evidence_problems
    from .score import as_json as score_json
    from .score import missing_articles, score
    from .show import print_score

    try:
        gold = GoldSet.model_validate_json(gold_path.read_bytes())
    except OSError as exc:
        raise _fail(f"{gold_path}: {exc.strerror}") from None
    except ValidationError as exc:
        raise _fail(f"{gold_path}: not a strikewatch-gold/1 file: {_first_errors(exc)}") from None
    texts: dict[str, str] = {}
    if analysis_path is not None:
        analysis = _load_analysis(analysis_path)
    else:
        analysis = _analyse(articles or [], workers, texts, progress=not as_json and sys.stderr.isatty())
    problems = evidence_problems(gold, texts) if texts else []
    for p in problems[:10]:  # a quotation that is not in the text: the gold or the articles file is off
        err.print(f"[yellow]gold:[/yellow] {p}")
    if len(problems) > 10:
        err.print(f"[yellow]gold:[/yellow] ... and {len(problems) - 10} more evidence problems")
    missing = missing_articles(gold, analysis.reports)
    if missing:
        err.print(f"[yellow]warning:[/yellow] no system report at all for gold article(s) {', '.join(missing)}")
    result = score(gold, analysis)
    if as_json:
        sys.stdout.write(json.dumps(score_json(result), ensure_ascii=False, indent=1) + "\n")
    else:
        print_score(Console(width=None if sys.stdout.isatty() else 140), result)


def _corpus(kind: str, path: Path, split: str, limit: int, workers: int, as_json: bool) -> None:
    from .corpora import CorpusError
    from .run_corpus import SPLITS, evaluate_corpus
    from .show import print_corpus

    if split not in SPLITS:
        raise typer.BadParameter(f"--split must be one of {', '.join(SPLITS)}")
    if not path.exists():
        raise _fail(f"{path}: no such file or folder")
    try:
        result = evaluate_corpus(kind, path, split=split, limit=limit, workers=workers,
                                 progress=not as_json and sys.stderr.isatty())
    except CorpusError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        sys.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=1) + "\n")
    else:
        print_corpus(Console(width=None if sys.stdout.isatty() else 120), result)


def _fakes(path: Path, analysis_path: Path | None, as_json: bool, workers: int, folds: int | None) -> None:
    from ..extract.gazetteer import governorate_key
    from .credibility import consistency, cross_validate, rule_metrics
    from .fakes import read_fakes, score_fakes
    from .show import print_fakes

    try:
        rows, texts = read_fakes(path)
    except OSError as exc:
        raise _fail(f"{path}: {exc.strerror}") from None
    except ValueError as exc:
        raise _fail(str(exc)) from None
    if analysis_path is not None:
        analysis = _load_analysis(analysis_path)
    else:
        analysis = _analyse([path], workers, {}, progress=not as_json and sys.stderr.isatty())
    by_article: dict[str, list] = {}
    for r in analysis.reports:
        by_article.setdefault(r.article, []).append(r)
    # every row id was analysed unless ingest or extraction set it aside for a reason other than
    # being a repeat of an earlier row (whose first copy was analysed)
    lost = {r.article for r in analysis.rejected if r.article and not r.reason.startswith("duplicate")}
    fs = score_fakes(rows, by_article, governorate_key, analysed={r.id for r in rows} - lost)
    items = consistency(rows, analysis)
    rule = rule_metrics(items)
    cv = cross_validate(items, texts, folds=folds) if folds else None
    if as_json:
        doc = {"schema": "strikewatch-fakes-eval/1", "overall": fs.overall.as_dict(),
               "by_outlet": {k: v.as_dict() for k, v in fs.by_outlet.items()},
               "credibility": {"rule": rule, "classifiers": cv}, "unmatched_rows": fs.unmatched_rows,
               "articles": [c.as_dict() for c in items]}
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    else:
        print_fakes(Console(width=None if sys.stdout.isatty() else 160), fs, items, rule, cv)

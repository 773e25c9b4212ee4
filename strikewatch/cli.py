"""The command line: a thin shell over the library. Each command parses options, calls one library
function, prints with Rich and turns our exceptions into clear exit messages."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

app = typer.Typer(add_completion=False, no_args_is_help=True, help="StrikeWatch: conflict news to a verified incident database.")
err = Console(stderr=True)
out = Console()


@app.command()
def analyze(
    paths: Annotated[list[Path], typer.Argument(help="Articles: .txt, .html, .jsonl, .csv files or folders")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one strikewatch/1 JSON document")] = False,
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) for .txt/.html inputs")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet for .txt/.html inputs")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes for extraction (use the cores you have)")] = 1,
    id_column: Annotated[str | None, typer.Option(help="CSV column holding the article id")] = None,
    text_column: Annotated[str | None, typer.Option(help="CSV column holding the article text")] = None,
    outlet_column: Annotated[str | None, typer.Option(help="CSV column holding the outlet")] = None,
    published_column: Annotated[str | None, typer.Option(help="CSV column holding the publication date")] = None,
    title_column: Annotated[str | None, typer.Option(help="CSV column holding the title")] = None,
    dask: Annotated[str | None, typer.Option(help="Run on a Dask cluster: local, local:N or tcp://HOST:8786 "
                                             "(docs/scale.md)")] = None,
    parquet: Annotated[Path | None, typer.Option(help="Also write DIR/reports.parquet/ and "
                                                 "DIR/incidents.parquet/")] = None,
    article_places: Annotated[bool, typer.Option(help="List the places named by each article that reports "
                                                 "no incident (JSON: top-level 'places'; not with --dask)")] = False,
) -> None:
    """Extract every incident the articles report, link them, and print the result.

    CSV files with FA-KES columns are recognised; map other CSV layouts with the --*-column options.
    Unreadable inputs are set aside with their file, line and reason; the exit code is non-zero
    only when nothing could be read.
    """
    from .ingest import CsvColumns, read_articles
    from .limits import Limits
    from .run import analyze_paths
    from .show import print_analysis, print_rejections

    try:
        Limits.from_env()  # a bad STRIKEWATCH_* limit: one line now, not a traceback mid-run
    except ValueError as exc:
        err.print(f"[red]error[/red]: {exc}")
        raise typer.Exit(code=1) from None
    pub = _parse_date(published) if published else None
    columns = CsvColumns(id=id_column, text=text_column, outlet=outlet_column, published=published_column,
                         title=title_column)
    if dask is not None and article_places:
        raise typer.BadParameter("--article-places is read in one process: not with --dask")
    if dask is not None:  # same answer as below, computed on the cluster (strikewatch.scale)
        from .scale.commands import analyze_with_dask

        analysis = analyze_with_dask(dask, paths, parquet, published=pub, outlet=outlet, columns=columns,
                                     workers=workers, console=err)
    else:
        stream = read_articles(paths, published=pub, outlet=outlet, columns=columns)
        analysis = analyze_paths(stream, progress=not as_json and sys.stderr.isatty(), n_process=workers,
                                 article_places=article_places)
        if parquet is not None:
            from .scale.output import write_analysis

            write_analysis(analysis, parquet)
    if as_json:
        sys.stdout.write(json.dumps(analysis.model_dump(mode="json", by_alias=True), ensure_ascii=False, indent=1) + "\n")
    else:  # piped output keeps whole place names on one line
        print_analysis(Console(width=None if sys.stdout.isatty() else 160), analysis)
    print_rejections(err, analysis.rejected)
    if analysis.articles == 0:
        raise typer.Exit(code=1)


def _parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {value!r}") from None


def _register_optional_commands() -> None:
    """Commands that live beside their stage (store, evaluate, web) register themselves here."""
    import importlib

    for module in ("strikewatch.store.commands", "strikewatch.evaluate.commands", "strikewatch.web.commands"):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name is None or not module.startswith(exc.name):  # a real import error inside it: show it
                raise
            continue
        mod.register(app)


_register_optional_commands()


def main() -> None:
    app()

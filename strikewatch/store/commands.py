"""`strikewatch ingest | run | export | stats | quarantine list`, registered on the main CLI.

Thin shells: each opens the store, calls one library function and prints with Rich. Store and
input errors, database faults (disk full, read-only, locked, connection lost) and Ctrl-C become
one-line exit messages that name the database or the file, never a traceback (`_faults`).
`ingest` and `run` exit 1 when the paths given held nothing that could be read.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..interrupt import firm_ctrl_c
from .database import Store, StoreError, fault_message, is_fault

err = Console(stderr=True, soft_wrap=True)
quarantine_app = typer.Typer(no_args_is_help=True, help="Inputs set aside, with where and why.")

Db = Annotated[str | None, typer.Option("--db", envvar="STRIKEWATCH_DB", show_default="./strikewatch.db",
                                        help="SQLite file or URL (sqlite:///PATH, postgresql://...)")]
# exists=True: a mistyped path is the user's error to fix now, not an input to quarantine.
Paths = Annotated[list[Path], typer.Argument(exists=True, help="Articles: .txt, .html, .jsonl, .csv files or folders")]
Published = Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) for .txt/.html inputs")]
Outlet = Annotated[str | None, typer.Option(help="Outlet for .txt/.html inputs")]
BatchSize = Annotated[int, typer.Option(min=1, help="Articles per transaction")]
Column = Annotated[str | None, typer.Option(help="CSV column name (FA-KES columns are recognised)")]


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_cmd)
    app.command("run")(run_cmd)
    app.command("export")(export_cmd)
    app.command("stats")(stats_cmd)
    app.add_typer(quarantine_app, name="quarantine")


def ingest_cmd(paths: Paths, db: Db = None, published: Published = None, outlet: Outlet = None,
               batch_size: BatchSize = 200, id_column: Column = None, text_column: Column = None) -> None:
    """Store articles (once per content; a changed article becomes a new revision) without extracting."""
    from .ingest import ingest

    store = _open(db)
    with _faults(store.url):
        stats = ingest(store, _read(paths, published, outlet, id_column, text_column), batch_size=batch_size,
                       progress=sys.stderr.isatty())
    err.print(f"{stats.read:,} articles read: {stats.new:,} new, {stats.revised:,} new revisions, "
              f"{stats.unchanged:,} unchanged; {stats.quarantined:,} quarantined  [dim]({store.url})[/dim]")
    _nothing_read(stats.read, stats.quarantined)


def run_cmd(paths: Annotated[list[Path] | None, typer.Argument(exists=True, help="Articles: files or folders (none: "
                                                                     "only what is stored but not yet extracted)")] = None,
            db: Db = None, published: Published = None, outlet: Outlet = None, batch_size: BatchSize = 50,
            workers: Annotated[int, typer.Option(min=1, help="Worker processes for extraction")] = 1,
            id_column: Column = None, text_column: Column = None,
            dask: Annotated[str | None, typer.Option(help="Extract on a Dask cluster: local, local:N or "
                                                     "tcp://HOST:8786 (docs/scale.md)")] = None) -> None:
    """Ingest, extract and link into the database, incrementally: only new or changed articles are
    extracted, and their reports join the incidents already stored. Ctrl-C keeps every finished
    batch; run again to carry on."""
    from ..scale.commands import dask_analyzer
    from .runner import RunStats, run

    store = _open(db)
    stats = RunStats()
    with _faults(store.url), dask_analyzer(dask, workers=workers, console=err) as analyze:  # None: in this process
        stats = run(store, _read(paths or [], published, outlet, id_column, text_column), batch_size=batch_size,
                    n_process=workers, progress=sys.stderr.isatty(), analyze=analyze)
    s, i = stats.saved, stats.ingest
    err.print(f"{i.read:,} articles read ({i.new:,} new, {i.revised:,} revised, {i.unchanged:,} unchanged), "
              f"{i.quarantined:,} quarantined; {s.extracted:,} extracted ({s.failed:,} failed), "
              f"{s.reports:,} reports; incidents: {s.incidents_new:,} new, {s.incidents_updated:,} updated, "
              f"{s.incidents_removed:,} merged away; {stats.rate:,.1f} articles/s  [dim]({store.url})[/dim]")
    if paths:
        _nothing_read(i.read, i.quarantined)


def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help="acled-csv, geojson, json or csv")],
    db: Db = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout)")] = None,
    since: Annotated[str | None, typer.Option(help="Incidents on or after this date (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, typer.Option(help="Incidents on or before this date (YYYY-MM-DD)")] = None,
    country: Annotated[str | None, typer.Option(help="Country (exact, any case)")] = None,
    admin1: Annotated[str | None, typer.Option(help="First-level region, e.g. Idlib (exact, any case)")] = None,
    kind: Annotated[str | None, typer.Option(help="incident or aggregate")] = None,
    status: Annotated[str | None, typer.Option(
        help="Review status: unreviewed, confirmed, edited, merged, or reviewed (any but unreviewed)")] = None,
) -> None:
    """Export the incidents (filtered) as ACLED-style CSV, GeoJSON points, strikewatch/1 JSON or flat CSV."""
    from .export import FORMATS, export
    from .queries import IncidentFilter

    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r}: choose from {', '.join(FORMATS)}", param_hint="--format")
    if kind not in (None, "incident", "aggregate"):
        raise typer.BadParameter(f"{kind!r}: incident or aggregate", param_hint="--kind")
    from .review import STATUSES

    if status not in (None, *STATUSES, "reviewed"):
        raise typer.BadParameter(f"{status!r}: choose from {', '.join(STATUSES)}, reviewed", param_hint="--status")
    filt = IncidentFilter(since=_date(since, "--since"), until=_date(until, "--until"), country=country,
                          admin1=admin1, kind=kind)  # type: ignore[arg-type]
    store = _open(db)
    with _faults(store.url):
        text = export(store, fmt, filt, status)
        if output is None:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
        else:
            output.write_text(text, encoding="utf-8")


def stats_cmd(db: Db = None, top: Annotated[int, typer.Option(help="Rows in the admin1 table")] = 15) -> None:
    """What the database holds: articles, revisions, reports, incidents, quarantine; by admin1 and month."""
    from .stats import store_stats

    store = _open(db)
    s = store_stats(store, top=top)
    totals = Table(title=f"StrikeWatch database [dim]{store.url}[/dim]", show_header=False)
    for label, value in (("articles", s.articles), ("revisions", s.revisions), ("extracted", s.extracted),
                         ("waiting for extraction", s.pending), ("reports", s.reports), ("incidents", s.incidents),
                         ("aggregate tallies", s.aggregates), ("killed (best estimates)", s.killed),
                         ("quarantined", s.quarantined),
                         ("not in English (stored, not extracted)", s.other_language)):
        totals.add_row(label, f"{value:,}")
    out = _out()
    out.print(totals)
    for title, rows in ((f"By admin1 (top {top})", s.by_admin1), ("By month", s.by_month)):
        table = Table(title=title)
        table.add_column("admin1" if "admin1" in title else "month")
        table.add_column("incidents", justify="right")
        table.add_column("killed", justify="right")
        for b in rows:
            table.add_row(b.key or "[dim]unknown[/dim]", f"{b.incidents:,}", f"{b.killed:,}")
        out.print(table)


@quarantine_app.command("list")
def quarantine_list(db: Db = None,
                    stage: Annotated[str | None, typer.Option(help="Only this stage: ingest, store, language, extract")] = None) -> None:
    """Every input set aside: where (path:line), the article, the stage and the reason."""
    from .queries import quarantined

    entries = quarantined(_open(db), stage=stage)
    table = Table(title=f"Quarantine ({len(entries):,})")
    for col in ("where", "article", "stage", "reason", "at"):
        table.add_column(col, overflow="fold")
    for e in entries:
        article = f"{e.article} r{e.revision}" if e.article and e.revision else (e.article or "")
        table.add_row(e.where, article, e.stage, e.reason, e.at.strftime("%Y-%m-%d %H:%M"))
    _out().print(table)


def _out() -> Console:
    """Stdout; piped, wide enough that a path or a reason stays on one line for grep."""
    return Console() if sys.stdout.isatty() else Console(width=240)


def _open(db: str | None) -> Store:
    from ..limits import Limits

    try:
        Limits.from_env()  # a bad STRIKEWATCH_* limit is a one-line error now, not a traceback mid-run
        return Store.open(db)
    except (StoreError, ValueError) as exc:
        err.print(f"[red]error[/red]: {exc}")
        raise typer.Exit(code=1) from None
    except Exception as exc:  # a fault on opening: disk full while migrating, a locked file
        err.print(f"[red]error[/red]: {fault_message(exc, str(db or 'strikewatch.db'))}")
        raise typer.Exit(code=1) from None


@contextmanager
def _faults(url: str) -> Iterator[None]:
    """Database faults, file errors and Ctrl-C as one sentence and an exit code; the database is left
    as the last finished batch left it (each batch is one transaction), so a rerun carries on."""
    import sqlalchemy as sa

    try:
        with firm_ctrl_c():  # ended (alarm off) before the handlers below run
            yield
    except KeyboardInterrupt:
        err.print("[yellow]interrupted[/yellow]: every finished batch is saved; run again to carry on")
        raise typer.Exit(code=130) from None
    except StoreError as exc:
        err.print(f"[red]error[/red]: {exc}")
        raise typer.Exit(code=1) from None
    except sa.exc.SQLAlchemyError as exc:
        why = fault_message(exc, url) if is_fault(exc) else f"the database {url} refused a write: {_first(exc)}"
        err.print(f"[red]error[/red]: {why}")
        raise typer.Exit(code=1) from None
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        if exc.errno == 28:
            err.print(f"[red]error[/red]: the disk is full{' writing' + where if where else ''}: free some space "
                      "and run again (finished batches are kept)")
        else:
            err.print(f"[red]error[/red]:{where} {exc.strerror or exc}")
        raise typer.Exit(code=1) from None


def _first(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return lines[0] if lines else type(orig).__name__


def _nothing_read(read: int, quarantined: int) -> None:
    """Exit 1 when the inputs held no article at all (an empty file, a CSV without its text column,
    a picture): a script must not take that for success."""
    if read == 0:
        why = f"{quarantined:,} set aside: see `strikewatch quarantine list`" if quarantined else "no article in them"
        err.print(f"[red]error[/red]: nothing could be read from the inputs ({why})")
        raise typer.Exit(code=1)


def _read(paths: list[Path], published: str | None, outlet: str | None, id_column: str | None,
          text_column: str | None):  # type: ignore[no-untyped-def]
    from ..ingest import CsvColumns, read_articles

    columns = CsvColumns(id=id_column, text=text_column)
    # Absolute, so a quarantined line's "where" still leads to it when listed from another folder.
    return read_articles([p.absolute() for p in paths], published=_date(published, "--published"), outlet=outlet, columns=columns)


def _date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {value!r}", param_hint=name) from None

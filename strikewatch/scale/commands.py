"""What the CLI's `--dask` option calls. Importing this module does not import Dask: `strikewatch
--help` stays fast, and the option's help text comes from here so it is written once."""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console

from ..model import Analysis, Article, Rejected, Report

if TYPE_CHECKING:
    from distributed import Client, Future

    from ..ingest import CsvColumns
    from .run import DistributedRun

Result = tuple[Article, list[Report] | Rejected]


def dask_option_help() -> str:
    return ("Run on a Dask cluster: local (a worker per core), local:N, or a scheduler address such as "
            "tcp://scheduler:8786 (see docs/scale.md)")


def analyze_with_dask(spec: str, paths: Sequence[str | Path], parquet: Path | None, *, workers: int = 1,
                      published: dt.date | None = None, outlet: str | None = None,
                      columns: CsvColumns | None = None, console: Console | None = None) -> Analysis:
    """`strikewatch analyze --dask SPEC [--parquet DIR]`: CLI errors as exit messages."""
    import typer

    from .cluster import ClusterError

    if workers > 1:  # two ways of choosing processes: say which one counts rather than guess
        raise typer.BadParameter("--workers is for one machine; with --dask, local:N sets the workers",
                                 param_hint="--workers")
    try:
        return analyze_on_cluster(spec, paths, out_dir=parquet, published=published, outlet=outlet,
                                  columns=columns, console=console).analysis
    except ClusterError as exc:
        (console or Console(stderr=True)).print(f"[red]error[/red]: {exc}")
        raise typer.Exit(code=1) from None


def analyze_on_cluster(spec: str, paths: Sequence[str | Path], *, out_dir: Path | None = None,
                       collect: bool = True, partition_size: int = 1000, published: dt.date | None = None,
                       outlet: str | None = None, columns: CsvColumns | None = None,
                       console: Console | None = None) -> DistributedRun:
    """Connect to `spec`, run `analyze_distributed`, close; prints a one-line summary to `console`."""
    from .cluster import connected
    from .run import run_distributed

    with connected(spec) as client:
        run = run_distributed(paths, client, out_dir=out_dir, collect=collect, partition_size=partition_size,
                              published=published, outlet=outlet, columns=columns)
        workers = len(client.scheduler_info()["workers"])
    if console is not None:
        print_summary(console, run, workers)
    return run


def print_summary(console: Console, run: DistributedRun, workers: int) -> None:
    s = run.stats
    total = sum(s.seconds.values())
    rate = s.articles / total if total else 0.0
    where = f"  [dim]({run.out_dir})[/dim]" if run.out_dir else ""
    stages = ", ".join(f"{k} {v:.1f}s" for k, v in s.seconds.items())
    console.print(f"{s.articles:,} articles in {s.partitions:,} partitions on {workers} workers: {s.reports:,} reports, "
                  f"{s.incidents:,} incidents; {rate:,.1f} articles/s ({stages}){where}")


@contextmanager
def dask_analyzer(spec: str | None, *, workers: int = 1, console: Console | None = None,
                  ) -> Iterator[Analyzer | None]:
    """`strikewatch run --dask SPEC`: the cluster's analyzer, or None (extract here) without SPEC."""
    if spec is None:
        yield None
        return
    import typer

    from .cluster import ClusterError

    if workers > 1:
        raise typer.BadParameter("--workers is for one machine; with --dask, local:N sets the workers",
                                 param_hint="--workers")
    with ExitStack() as stack:  # closes the cluster however the run ends
        try:
            analyzer = stack.enter_context(cluster_analyzer(spec))
        except ClusterError as exc:
            (console or Console(stderr=True)).print(f"[red]error[/red]: {exc}")
            raise typer.Exit(code=1) from None
        yield analyzer


@contextmanager
def cluster_analyzer(spec: str, *, batch_size: int = 200) -> Iterator[Analyzer]:
    """For `strikewatch run --dask`: an `analyze` callable for `store.runner.run` that extracts on
    the cluster, while the store ingests and links on this machine as it always does."""
    from .cluster import connected

    with connected(spec) as client:
        yield Analyzer(client, batch_size=batch_size)


class Analyzer:
    """`pipeline.analyze_articles` with batches sent to the cluster; results come in input order.

    At most two batches per worker are in flight, so a long stream never piles up in memory.
    """

    def __init__(self, client: Client, *, batch_size: int = 200) -> None:
        self.client, self.batch_size = client, batch_size

    def __call__(self, articles: Iterable[Article]) -> Iterator[Result]:
        window = 2 * max(1, len(self.client.scheduler_info()["workers"]))
        pending: deque[tuple[list[Article], Future[Any]]] = deque()
        it = iter(articles)
        while batch := list(islice(it, self.batch_size)):
            pending.append((batch, self.client.submit(_extract, batch, pure=False)))
            if len(pending) >= window:
                yield from _zip(*pending.popleft())
        while pending:
            yield from _zip(*pending.popleft())


def _extract(batch: list[Article]) -> list[list[Report] | Rejected]:
    from .tasks import extract_each

    return [result for _, result in extract_each(batch)]  # the articles are on the driver already


def _zip(batch: list[Article], future: Future[Any]) -> Iterator[Result]:
    try:
        results = future.result()
    except Exception as exc:  # noqa: BLE001 - e.g. KilledWorker: set the batch aside, the run goes on
        reason = f"batch of {len(batch)} failed on the workers: {type(exc).__name__}: {exc}"
        results = [Rejected(path=a.path or a.id, line=a.line, article=a.id, stage="extract", reason=reason)
                   for a in batch]
    yield from zip(batch, results, strict=True)

"""The main job as a library call: articles in, a complete `Analysis` out (reports linked into
incidents), with a Rich progress bar on long runs. The CLI's `analyze` is a thin shell over it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .model import Analysis, Article, Incident, Rejected, Report
from .pipeline import analyze_articles


def link_reports(reports: list[Report]) -> list[Incident]:
    """Incidents from reports: the linking stage, or one incident per report where it cannot run."""
    from .link import link

    return link(reports).incidents


def analyze_paths(stream: Iterable[Article | Rejected], *, progress: bool = False, n_process: int = 1) -> Analysis:
    """Extract and link everything `stream` yields; rejected inputs are kept with their reason."""
    analysis = Analysis()
    rejected: list[Rejected] = []

    def articles() -> Iterator[Article]:
        for item in stream:
            if isinstance(item, Rejected):
                rejected.append(item)
            else:
                yield item

    with Progress(TextColumn("[bold]analyse"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                  TimeElapsedColumn(), disable=not progress, transient=True) as bar:
        task = bar.add_task("articles", total=None, rate="")
        for article, result in analyze_articles(articles(), n_process=n_process):
            analysis.articles += 1
            if isinstance(result, Rejected):
                rejected.append(result)
            else:
                analysis.reports.extend(result)
            elapsed = bar.tasks[0].elapsed or 0
            bar.update(task, advance=1, rate=f"{analysis.articles / elapsed:.1f} articles/s" if elapsed else "")
    analysis.incidents = link_reports(analysis.reports)
    analysis.rejected = rejected
    return analysis

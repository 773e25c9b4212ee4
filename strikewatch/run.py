"""The main job as a library call: articles in, a complete `Analysis` out (reports linked into
incidents), with a Rich progress bar on long runs. The CLI's `analyze` is a thin shell over it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .model import Analysis, Article, ArticlePlaces, Incident, Location, Rejected, Report
from .pipeline import analyze_articles


def link_reports(reports: list[Report]) -> list[Incident]:
    """Link reports into incidents, then settle the dates that only other sources can settle."""
    from . import link as linking

    if not hasattr(linking, "link"):  # linking not built yet: each report is its own incident
        return [_own_incident(r) for r in reports]
    incidents = linking.link(reports).incidents
    settle_ambiguous_dates(reports, incidents)
    return incidents


def _own_incident(r: Report) -> Incident:
    claims = [c for c in r.claims if c.killed is not None]
    return Incident(id=f"INC-{r.id}", reports=[r.id], kind=r.kind, event_type=r.event_type,
                    sub_event_type=r.sub_event_type, date=r.date, location=r.location, perpetrator=r.perpetrator,
                    killed=claims[0].killed if claims else None,
                    sources=sorted({c.source for c in r.claims if c.source}))


SETTLED = "date settled by linking:"


def unsettle(r: Report) -> bool:
    """Undo `settle_ambiguous_dates` on one report (in place): the article's own reading again, so a
    stored, settled report links as it did when it was new. Returns whether it changed."""
    flag = next((f for f in r.flags if f.startswith(SETTLED)), None)
    if flag is None or r.date.basis != "linked" or r.date.alternative is None:
        return False
    basis = flag.rsplit(", by ", 1)[1].rstrip(")") if ", by " in flag else "weekday"
    old, alt = r.date.alternative, r.date.start
    r.date = r.date.model_copy(update={"start": old, "end": old, "alternative": alt,
                                       "basis": None if basis == "None" else basis})
    r.flags.remove(flag)
    return True


def settle_ambiguous_dates(reports: list[Report], incidents: list[Incident]) -> list[str]:
    """Re-read an article's far-back weekdays a week later when other outlets confirm that reading.

    A weekly printed on Friday 18 March that reports strikes "on Saturday" resolves them, alone, to
    12 March, keeping 19 March as the alternative. When the incident it links to is dated by another
    article on the alternative, that article's printed date preceded its story: every far-back
    weekday of the article moves by the same week. The reading from the article alone stays in the
    report's flags and in the incident's date discrepancy. Returns the articles re-read.
    """
    by_id = {r.id: r for r in reports}
    confirmed: set[str] = set()
    for inc in incidents:
        members = [by_id[i] for i in inc.reports if i in by_id]
        for r in members:
            alt = r.date.alternative
            if alt is not None and any(o.article != r.article and o.date.start == alt == o.date.end
                                       and o.date.alternative is None for o in members):
                confirmed.add(r.article)
    for r in reports:
        alt = r.date.alternative
        if r.article in confirmed and alt is not None and r.date.start is not None:
            old = r.date.start
            basis = r.date.basis
            r.date = r.date.model_copy(update={"start": alt, "end": alt, "alternative": old, "basis": "linked"})
            r.flags.append(f"{SETTLED} {alt} (this article alone gives {old}, by {basis})")
    return sorted(confirmed)


def places_of(article: Article) -> ArticlePlaces:
    """The places an article names, resolved as its reports' would be, and the one a report would take."""
    from .extract import Extractor
    from .extract.report import main_place

    found = Extractor.load().article_places(article)
    seen: dict[str | None, Location] = {}
    for p in found:
        seen.setdefault(p.location.name, p.location.model_copy(update={"mention": p.mention}))
    return ArticlePlaces(article=article.id, main=main_place(found), places=list(seen.values()))


def analyze_paths(stream: Iterable[Article | Rejected], *, progress: bool = False, n_process: int = 1,
                  article_places: bool = False) -> Analysis:
    """Extract and link everything `stream` yields; rejected inputs are kept with their reason. With
    `article_places`, each article that gives no incident report has its places in `Analysis.places`."""
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
                if article_places and not any(r.kind == "incident" for r in result):
                    analysis.places.append(places_of(article))
            elapsed = bar.tasks[0].elapsed or 0
            bar.update(task, advance=1, rate=f"{analysis.articles / elapsed:.1f} articles/s" if elapsed else "")
    analysis.incidents = link_reports(analysis.reports)
    analysis.rejected = rejected
    return analysis

"""What runs on the workers. Plain module-level functions, so Dask pickles them by name.

Workers load the extractor once: `Extractor.load()` is cached per process (and `cluster.Warm`
loads it when a worker starts). A task never changes the objects it is given: Dask hands a task the
very objects another task on the same worker returned, so a change would leak into the results.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..model import Article, Incident, Rejected, Report
from .blocks import BlockKey, LinkKey, is_fresh, link_weeks, people_of
from .partition import Partition, ReadOptions, read_partition


@dataclass(slots=True)
class Item:
    """One thing a partition read, in input order: an article and where its reports are, or a rejection."""

    article: str | None  # None: rejected by ingest before it was an article
    path: str | None
    line: int | None
    first: int = 0  # its reports are PartResult.reports[first:first + count]
    count: int = 0
    rejected: Rejected | None = None


@dataclass(slots=True)
class PartResult:
    items: list[Item]
    reports: list[Report] = field(default_factory=list)  # stays on the worker; empty in `meta`
    keys: list[LinkKey] = field(default_factory=list)  # one per report


@dataclass(slots=True)
class BinResult:
    incidents: list[Incident]
    confirmed: list[str]  # articles whose far-back weekdays linking settled (run.settle_ambiguous_dates)


def extract_partition(part: Partition, options: ReadOptions, index: int, batch_size: int = 32) -> PartResult:
    """Read one partition and extract its articles with the one batch API."""
    from ..link.features import features

    read = list(read_partition(part, options))
    results = iter(extract_each([x for x in read if isinstance(x, Article)], batch_size))
    out = PartResult(items=[])
    for x in read:
        if isinstance(x, Rejected):
            out.items.append(Item(None, x.path, x.line, rejected=x))
            continue
        article, result = next(results)
        if isinstance(result, Rejected):
            out.items.append(Item(article.id, article.path, article.line, len(out.reports), 0, result))
        else:
            out.items.append(Item(article.id, article.path, article.line, len(out.reports), len(result)))
            out.reports.extend(result)
    for pos, r in enumerate(out.reports):
        f = features(0, r)
        weeks = link_weeks(f) if r.kind == "incident" else None  # tallies are never linked
        out.keys.append(LinkKey((index, pos), r.id, f.country, f.admin1, weeks, r.article, people_of(f, weeks)))
    return out


def extract_each(articles: list[Article], batch_size: int = 32) -> list[tuple[Article, list[Report] | Rejected]]:
    """`analyze_articles`, but an article that breaks its whole batch (the extractor guards only
    the last step per article) is set aside alone with its reason: the batch is redone one by one."""
    from ..pipeline import analyze_articles

    try:
        return list(analyze_articles(articles, batch_size=batch_size))
    except Exception:  # noqa: BLE001 - which article failed, and why, is found below
        pass
    out: list[tuple[Article, list[Report] | Rejected]] = []
    for a in articles:
        try:
            out.extend(analyze_articles([a]))
        except Exception as exc:  # noqa: BLE001 - set aside, as Extractor.pipe words it
            out.append((a, Rejected(path=a.path or a.id, line=a.line, article=a.id, stage="extract",
                                    reason=f"{type(exc).__name__}: {exc}")))
    return out


def empty_part() -> PartResult:
    """Stands in for a partition the workers could not finish (set aside by the driver)."""
    return PartResult(items=[])


def meta(part: PartResult) -> PartResult:
    """The partition's result without its reports: what the driver gathers."""
    return replace(part, reports=[])


def take(part: PartResult, positions: list[int]) -> list[Report]:
    return [part.reports[i] for i in positions]


def score_blocks(blocks: list[tuple[BlockKey, list[str]]], *pieces: list[Report]) -> list[tuple[str, str]]:
    """The linked pairs of some scoring blocks (block, member report ids), as report ids, with the
    linker's own blocking and scorer. `pieces` hold every member."""
    from ..link.blocking import candidate_pairs
    from ..link.features import Features, features
    from ..link.similarity import compare

    by_id = {r.id: r for piece in pieces for r in piece}
    out: list[tuple[str, str]] = []
    for block, ids in blocks:
        feats: list[Features] = [features(i, by_id[rid]) for i, rid in enumerate(sorted(ids))]
        fresh = [is_fresh(block, f.admin1, link_weeks(f) or ()) for f in feats]
        out.extend((feats[i].id, feats[j].id) for i, j in candidate_pairs(feats, fresh=fresh)
                   if compare(feats[i], feats[j]).linked)
    return out


def link_bin(*pieces: list[Report]) -> BinResult:
    """Link one bin of whole components, as `run.link_reports` links everything."""
    from ..link import link
    from ..run import settle_ambiguous_dates

    reports = [r for piece in pieces for r in piece]
    incidents = link(reports).incidents
    # settling moves report dates in place: work on copies, the reports are moved in `finish_part`
    confirmed = settle_ambiguous_dates([r.model_copy(deep=True) for r in reports], incidents)
    return BinResult(incidents, confirmed)


def aggregates(result: BinResult) -> list[Incident]:
    return [inc for inc in result.incidents if inc.kind == "aggregate"]


def bin_covers(result: BinResult, tallies: list[Incident]) -> dict[str, list[str]]:
    """Which of this bin's incidents each tally (from any bin) covers; the driver takes the union."""
    from ..link.aggregates import covers

    return covers(tallies, [inc for inc in result.incidents if inc.kind == "incident"])


def finish_bin(result: BinResult, covered: dict[str, list[str]], out: Path | None, index: int,
               collect: bool) -> list[Incident] | int:
    """The bin's incidents with every tally's covers, written to `out` as one Parquet part."""
    from .output import write_incidents

    incidents = [inc.model_copy(update={"covers": covered[inc.id]})
                 if inc.kind == "aggregate" and inc.covers != covered.get(inc.id, inc.covers) else inc
                 for inc in result.incidents]
    if out is not None:
        write_incidents(incidents, out / "incidents.parquet" / f"part-{index:05d}.parquet")
    return incidents if collect else len(incidents)


def finish_part(part: PartResult, drop: set[int], confirmed: set[str], out: Path | None, index: int,
                collect: bool) -> list[Report] | int:
    """The partition's reports (less those of repeated article ids), dates settled, as one Parquet part."""
    from .output import write_reports

    reports = [settled(r, confirmed) for pos, r in enumerate(part.reports) if pos not in drop]
    if out is not None:
        write_reports(reports, out / "reports.parquet" / f"part-{index:05d}.parquet")
    return reports if collect else len(reports)


def settled(r: Report, confirmed: set[str]) -> Report:
    """The second half of `run.settle_ambiguous_dates`, on a copy: a confirmed article's far-back
    weekday moves by the week other sources confirm. Keep in step with that function."""
    alt = r.date.alternative
    if r.article not in confirmed or alt is None or r.date.start is None:
        return r
    old: dt.date = r.date.start
    date = r.date.model_copy(update={"start": alt, "end": alt, "alternative": old, "basis": "linked"})
    from ..run import SETTLED

    flags = [*r.flags, f"{SETTLED} {alt} (this article alone gives {old}, by {r.date.basis})"]
    return r.model_copy(update={"date": date, "flags": flags})

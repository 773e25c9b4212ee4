"""`analyze_distributed`: `strikewatch analyze` on a Dask cluster, with the same answer.

    plan (driver) -> read + extract (a task per partition; reports stay on the workers)
    -> gather small metadata: ids (repeated ids rejected, as ingest does), rejections, link keys
    -> score blocks (linked pairs) -> components -> link bins -> tallies' covers -> settle dates
    -> write Parquet parts / gather

Reports move between workers only as the pieces each block or bin needs; the driver holds ids and
keys, never texts. See blocks.py for why the answer is the single-process one.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..ingest import CsvColumns
from ..model import Analysis, Incident, Rejected
from ..pipeline import analyze_articles
from . import tasks
from .blocks import LinkKey, Ref, group_blocks, link_bins, scoring_blocks
from .partition import Partition, ReadOptions, count_newlines, number_lines, plan

if TYPE_CHECKING:
    from distributed import Client, Future


@dataclass
class RunStats:
    """Sizes and seconds per stage, for the CLI summary and bench/bench_scale.py."""

    partitions: int = 0
    articles: int = 0
    reports: int = 0
    incidents: int = 0
    blocks: int = 0
    linked_pairs: int = 0
    bins: int = 0
    largest_component: int = 0
    failed_partitions: int = 0  # set aside whole: see `_set_aside_failures`
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class DistributedRun:
    analysis: Analysis  # reports and incidents empty unless collected
    stats: RunStats
    out_dir: Path | None


def analyze_distributed(paths: Sequence[str | Path], client: Client, *, out_dir: Path | None = None,
                        partition_size: int = 1000, published: dt.date | None = None, outlet: str | None = None,
                        columns: CsvColumns | None = None, collect: bool = True) -> Analysis:
    """What `run.analyze_paths(read_articles(paths, ...))` returns, computed on the cluster.

    **Parameters**
    - `paths`: JSONL, CSV and Parquet files, folders (of Parquet files, or what ingest reads).
    - `client`: a `distributed.Client` (`strikewatch.scale.connect("local:2")`).
    - `out_dir`: write `reports.parquet/` and `incidents.parquet/` there (a folder every worker can write).
    - `partition_size`: articles per task; ~1,000 is 30 s of one worker's time.
    - `collect`: gather reports and incidents into the returned `Analysis`; with `collect=False`
      (runs larger than the driver's memory) they are only in `out_dir`.

    The result is equal field for field, rejections and their order included (`_RejectionOrder`).
    """
    return run_distributed(paths, client, out_dir=out_dir, partition_size=partition_size, published=published,
                           outlet=outlet, columns=columns, collect=collect).analysis


def run_distributed(paths: Sequence[str | Path], client: Client, *, out_dir: Path | None = None,
                    partition_size: int = 1000, published: dt.date | None = None, outlet: str | None = None,
                    columns: CsvColumns | None = None, collect: bool = True, bin_size: int = 5000,
                    block_group: int = 5000) -> DistributedRun:
    """`analyze_distributed` with its stage statistics; `bin_size` and `block_group` are the reports
    per link task and the block members per scoring task."""
    if not collect and out_dir is None:
        raise ValueError("collect=False keeps nothing: give an out_dir")
    stats = RunStats()
    clock = _Clock(stats)
    options = ReadOptions(published=published, outlet=outlet, columns=columns)

    parts = plan(paths, partition_size=partition_size)
    counted = [i for i, p in enumerate(parts) if p.kind == "jsonl" and p.stop is not None]
    newlines = client.gather(client.map(count_newlines, [parts[i] for i in counted], pure=False))
    parts = number_lines(parts, dict(zip(counted, newlines, strict=True)))
    stats.partitions = len(parts)
    clock("plan")

    results = [client.submit(tasks.extract_partition, p, options, i, pure=False) for i, p in enumerate(parts)]
    failed = _set_aside_failures(client, results, parts)
    metas: list[tasks.PartResult] = client.gather(client.map(tasks.meta, results, pure=False))
    analysis, drop, keys = _dedupe(metas, failed)
    stats.failed_partitions = len(failed)
    stats.articles, stats.reports = analysis.articles, len(keys)
    clock("extract")

    blocks = scoring_blocks(k for k in keys if k.weeks)
    rid = {k.ref: k.id for k in keys}
    scored = [client.submit(tasks.score_blocks, [(b, [rid[r] for r in refs]) for b, refs in group],
                            *_pieces(client, results, sorted({r for _, refs in group for r in refs})), pure=False)
              for group in group_blocks(blocks, size=block_group)]
    edges = [e for pairs in client.gather(scored) for e in pairs]
    first: dict[str, str] = {}  # an article's reports go to one bin: linking folds its restatements
    edges += [(first.setdefault(k.article, k.id), k.id) for k in keys if k.article
              and first.setdefault(k.article, k.id) != k.id]
    bins, stats.largest_component = link_bins([(k.ref, k.id) for k in keys], edges, bin_size=bin_size)
    stats.blocks, stats.linked_pairs, stats.bins = len(blocks), len(set(edges)), len(bins)
    clock("score")

    linked = [client.submit(tasks.link_bin, *_pieces(client, results, refs), pure=False) for refs in bins]
    tallies: list[Incident] = [t for ts in client.gather(client.map(tasks.aggregates, linked, pure=False)) for t in ts]
    tallies_f = _broadcast(client, tallies)
    covered: dict[str, set[str]] = defaultdict(set)
    for part in client.gather([client.submit(tasks.bin_covers, b, tallies_f, pure=False) for b in linked]):
        for iid, ids in part.items():
            covered[iid].update(ids)
    confirmed = {a for b in client.gather(client.map(_confirmed, linked, pure=False)) for a in b}
    clock("link")

    covered_f = _broadcast(client, {iid: sorted(ids) for iid, ids in covered.items()})
    confirmed_f = _broadcast(client, confirmed)
    done_reports = [client.submit(tasks.finish_part, r, drop.get(i, set()), confirmed_f, out_dir, i, collect,
                                  pure=False) for i, r in enumerate(results)]
    done_incidents = [client.submit(tasks.finish_bin, b, covered_f, out_dir, i, collect, pure=False)
                      for i, b in enumerate(linked)]
    if out_dir is not None and not bins:  # an empty dataset is still a dataset: one empty part
        done_incidents.append(client.submit(tasks.finish_bin, tasks.BinResult([], []), {}, out_dir, 0, collect))
    _collect(analysis, client.gather(done_reports), client.gather(done_incidents), stats, collect=collect)
    clock("write" if out_dir is not None else "collect")
    return DistributedRun(analysis, stats, out_dir)


def _broadcast(client: Client, value: Any) -> Future[Any]:
    """One copy of `value` on every worker (scatter would split a list or dict into many futures)."""
    [future] = client.scatter([value], broadcast=True, hash=False)
    return cast("Future[Any]", future)


def _confirmed(result: tasks.BinResult) -> list[str]:
    return result.confirmed


def _pieces(client: Client, results: list[Future[Any]], refs: list[Ref]) -> list[Future[Any]]:
    """One `take` task per partition that holds some of `refs`: only those reports travel."""
    by_part: dict[int, list[int]] = defaultdict(list)
    for p, pos in refs:
        by_part[p].append(pos)
    return [client.submit(tasks.take, results[p], pos, pure=False) for p, pos in sorted(by_part.items())]


def _set_aside_failures(client: Client, results: list[Future[Any]], parts: list[Partition]) -> dict[int, Rejected]:
    """Partitions whose task failed (a read error, a worker killed three times over, e.g. by memory)
    become one rejection each and an empty result in `results`: the rest of the run goes on.
    An article that merely breaks extraction never gets here (`tasks.extract_each`)."""
    from distributed import wait

    wait(results)
    failed: dict[int, Rejected] = {}
    for i, f in enumerate(results):
        if f.status != "error":
            continue
        exc = f.exception()
        p = parts[i]
        span = {"jsonl": f"bytes {p.start}-{p.stop if p.stop is not None else 'end'}",
                "csv": f"rows {p.start + 1}-{p.stop if p.stop is not None else 'end'}",
                "parquet": f"rows {p.start + 1}-{p.stop}"}.get(p.kind, f"{len(p.files)} path(s)")
        failed[i] = Rejected(path=p.path, line=p.first_line if p.kind == "jsonl" else None, stage="extract",
                             reason=f"partition ({span}) failed on the workers, its articles are not analysed: "
                                    f"{type(exc).__name__}: {exc}")
        results[i] = client.submit(tasks.empty_part, pure=False)
    return failed


def _dedupe(metas: list[tasks.PartResult], failed: dict[int, Rejected] | None = None,
            ) -> tuple[Analysis, dict[int, set[int]], list[LinkKey]]:
    """Count the articles and collect the rejections; an article id seen before is rejected as
    `read_articles` rejects it, and its reports are dropped. Returns the analysis so far, the report
    positions to drop per partition, and the link keys of the reports kept."""
    analysis = Analysis()
    seen: dict[str, str] = {}
    drop: dict[int, set[int]] = defaultdict(set)
    keys: list[LinkKey] = []
    order = _RejectionOrder()
    for p, m in enumerate(metas):
        if failed and p in failed:
            order.read(failed[p])
        for it in m.items:
            if it.article is None:
                order.read(_must(it.rejected))
                continue
            if it.article in seen:
                reason = f"duplicate article id {it.article} (first at {seen[it.article]})"
                order.read(Rejected(path=it.path or "", line=it.line, article=it.article, stage="ingest",
                                    reason=reason))
                drop[p].update(range(it.first, it.first + it.count))
                continue
            seen[it.article] = f"{it.path}:{it.line}" if it.line is not None else str(it.path)
            order.article(analysis.articles, it.rejected)
            analysis.articles += 1
        keys.extend(k for k in m.keys if k.ref[1] not in drop.get(p, ()))
    analysis.rejected = order.done(analysis.articles)
    return analysis, dict(drop), keys


class _RejectionOrder:
    """Rejections in the order `run.analyze_paths` lists them, so `--json` prints the same document.

    There, extraction pulls articles in batches of BATCH: the ingest rejections read while a batch
    fills come first, then the batch's extraction failures; those read after a full batch wait
    for the next one (or for the end of the input)."""

    BATCH = (analyze_articles.__kwdefaults__ or {})["batch_size"]  # what analyze_paths extracts with

    def __init__(self) -> None:
        self.keyed: list[tuple[int, int, int, Rejected]] = []
        self.waiting: list[Rejected] = []

    def read(self, r: Rejected) -> None:
        self.waiting.append(r)

    def article(self, k: int, rejected: Rejected | None) -> None:
        """The k-th article (from 0) extracted, and its extraction failure if any."""
        self._flush(k // self.BATCH)
        if rejected is not None:
            self.keyed.append((k // self.BATCH, 1, len(self.keyed), rejected))

    def done(self, articles: int) -> list[Rejected]:
        self._flush(articles // self.BATCH)
        return [r for *_, r in sorted(self.keyed, key=lambda x: x[:3])]

    def _flush(self, batch: int) -> None:
        self.keyed.extend((batch, 0, len(self.keyed), r) for r in self.waiting)
        self.waiting.clear()


def _must(r: Rejected | None) -> Rejected:
    assert r is not None, "an item without an article is a rejection"
    return r


def _collect(analysis: Analysis, reports: list[Any], incidents: list[Any], stats: RunStats, *,
             collect: bool) -> None:
    if collect:
        analysis.reports = [r for part in reports for r in part]
        found: list[Incident] = [i for part in incidents for i in part]
        analysis.incidents = sorted(found, key=lambda inc: (inc.date.start or dt.date.max, inc.id))
        stats.incidents = len(found)
    else:
        stats.incidents = sum(n if isinstance(n, int) else len(n) for n in incidents)
    stats.reports = sum(n if isinstance(n, int) else len(n) for n in reports)


class _Clock:
    def __init__(self, stats: RunStats) -> None:
        self.stats, self.last = stats, time.perf_counter()

    def __call__(self, stage: str) -> None:
        now = time.perf_counter()
        self.stats.seconds[stage] = round(now - self.last, 3)
        self.last = now


"""Scale-out (strikewatch.scale): a LocalCluster of 2 workers gives what one process gives."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest

from strikewatch.ingest import read_articles
from strikewatch.link.blocking import candidate_pairs
from strikewatch.link.features import features
from strikewatch.model import Analysis, Article, Rejected
from strikewatch.pipeline import analyze_articles
from strikewatch.run import analyze_paths
from strikewatch.scale import close as close_client
from strikewatch.scale import connect, read_incidents, read_reports, run_distributed
from strikewatch.scale.blocks import LinkKey, is_fresh, link_weeks, scoring_blocks
from strikewatch.scale.cluster import ClusterError
from strikewatch.scale.commands import Analyzer
from strikewatch.scale.partition import count_newlines, number_lines, plan, read_partition

BROKEN_LINE = 12  # the malformed line of fakes.jsonl
REPEATED_LINE = 32  # its last line, which repeats the id of line 3
PARTITION = 8  # articles per partition: small, so every input is cut several times


def _fakes(shared: Path) -> list[dict[str, str]]:
    with (shared / "corpus/fa-kes/FA-KES-Dataset.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def corpus(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The seeds, 30 FA-KES articles as JSONL (a malformed line, a blank line, a line without id, a
    repeated id), 24 more as FA-KES CSV."""
    rows = _fakes(shared)
    folder = tmp_path_factory.mktemp("scale")
    lines = [json.dumps({"id": r["unit_id"], "text": r["article_content"], "outlet": r["source"],
                         "title": r["article_title"]}) for r in rows[:30]]
    lines[BROKEN_LINE - 1] = '{"id": "broken", "text": "Shelling killed'
    lines.insert(20, "")
    lines[25] = json.dumps({"text": rows[25]["article_content"], "published": "2017-04-05"})
    lines.append(json.dumps({"id": rows[2]["unit_id"], "text": "A repeated id: rejected, as ingest does."}))
    (folder / "fakes.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with (folder / "fakes.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows[30:54])
    return [shared / "corpus/seeds/articles.jsonl", folder / "fakes.jsonl", folder / "fakes.csv"]


@pytest.fixture(scope="module")
def client():
    """One LocalCluster for the module: starting one costs seconds."""
    c = connect("local:2")
    yield c
    close_client(c)


@pytest.fixture(scope="module")
def single(corpus: list[Path]) -> Analysis:
    return analyze_paths(read_articles(corpus))


@pytest.fixture(scope="module")
def distributed(corpus, client, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    # small partitions and bins: JSONL ranges, CSV chunks and link components all get cut
    return run_distributed(corpus, client, out_dir=out, partition_size=PARTITION, bin_size=10)


def _dump(items) -> list[dict]:
    return [x.model_dump(mode="json") for x in items]


def _rejected(items: list[Rejected]) -> list[tuple]:
    return sorted((r.path, r.line or 0, r.stage, r.reason) for r in items)


@pytest.mark.parametrize("size", [1, 3, PARTITION, 1000])
def test_scale_partitions_read_what_ingest_reads(corpus, size):
    parts = plan(corpus, partition_size=size)
    counts = {i: count_newlines(p) for i, p in enumerate(parts) if p.kind == "jsonl" and p.stop is not None}
    parts = number_lines(parts, counts)
    got = [x for p in parts for x in read_partition(p, _options())]
    want = list(read_articles(corpus))
    assert [_unless_repeated(g, w) for g, w in zip(got, want, strict=True)] == want
    if size == 1:  # one article a partition: the files really were cut
        assert sum(p.kind == "jsonl" for p in parts) > 3 and sum(p.kind == "csv" for p in parts) > 3


def _unless_repeated(got: Article | Rejected, want: Article | Rejected) -> Article | Rejected:
    """A partition cannot know an id was read in another one: the driver rejects the repeat."""
    if isinstance(got, Article) and isinstance(want, Rejected) and want.reason.startswith("duplicate article id"):
        assert (got.id, got.path, got.line) == (want.article, want.path, want.line)
        return want
    return got


def _options():
    from strikewatch.scale.partition import ReadOptions

    return ReadOptions()


def test_scale_distributed_reports_equal_single_process(single, distributed):
    assert distributed.stats.partitions > 5 and distributed.stats.bins > 1
    assert distributed.analysis.articles == single.articles
    assert _dump(distributed.analysis.reports) == _dump(single.reports)  # ids, content and order


def test_scale_distributed_incidents_equal_single_process(single, distributed):
    assert distributed.stats.linked_pairs > 0  # some incidents have several reports
    assert _dump(distributed.analysis.incidents) == _dump(single.incidents)


def test_scale_malformed_jsonl_line_is_reported_not_lost(single, distributed, corpus):
    assert _rejected(distributed.analysis.rejected) == _rejected(single.rejected)
    where = {(Path(r.path).name, r.line): r.reason for r in distributed.analysis.rejected}
    assert where[("fakes.jsonl", BROKEN_LINE)].startswith("invalid JSON")
    assert "duplicate article id" in where[("fakes.jsonl", REPEATED_LINE)]  # the repeated id, in another partition


def test_scale_parquet_round_trip(distributed):
    out = distributed.out_dir
    assert _dump(read_reports(out / "reports.parquet")) == _dump(distributed.analysis.reports)
    incidents = sorted(read_incidents(out / "incidents.parquet"), key=lambda i: distributed.analysis.incidents.index(
        next(x for x in distributed.analysis.incidents if x.id == i.id)))
    assert _dump(incidents) == _dump(distributed.analysis.incidents)
    table = pq.read_table(out / "incidents.parquet")  # the folder of parts reads as one table
    assert table.num_rows == len(distributed.analysis.incidents)
    assert {"id", "date_start", "country", "killed_best", "json"} <= set(table.column_names)


def test_scale_parquet_input_gives_the_reports_of_jsonl(shared, client, tmp_path):
    rows = _fakes(shared)[:12]
    articles = [{"id": r["unit_id"], "text": r["article_content"], "outlet": r["source"]} for r in rows]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    (tmp_path / "parquet").mkdir()
    pq.write_table(pa.Table.from_pylist(articles), tmp_path / "parquet/in.parquet", row_group_size=5)
    from_jsonl = analyze_paths(read_articles([tmp_path / "in.jsonl"]))
    from_parquet = run_distributed([tmp_path / "parquet"], client, partition_size=4).analysis
    assert _dump(from_parquet.reports) == _dump(from_jsonl.reports)
    assert _dump(from_parquet.incidents) == _dump(from_jsonl.incidents)


def test_scale_scoring_blocks_hold_every_candidate_pair(single):
    """Guards the one assumption about link.blocking: a pair it proposes meets in a scoring block
    where one of the two is fresh. A change to blocking.py that breaks this fails here."""
    reports = [r for r in single.reports if r.kind == "incident"]
    feats = [features(i, r) for i, r in enumerate(reports)]
    keys = [LinkKey((0, f.index), f.id, f.country, f.admin1, link_weeks(f)) for f in feats]
    blocks = scoring_blocks(keys)
    met = set()
    for block, refs in blocks.items():
        fresh = {pos for _, pos in refs if is_fresh(block, feats[pos].admin1, link_weeks(feats[pos]) or ())}
        met.update((a, b) for _, a in refs for _, b in refs if a < b and (a in fresh or b in fresh))
    pairs = set(candidate_pairs(feats))
    assert len(pairs) > 20
    assert pairs <= met


def test_scale_analyzer_streams_results_in_input_order(client, corpus):
    articles = [a for a in read_articles(corpus[:2]) if isinstance(a, Article)][:12]
    got = list(Analyzer(client, batch_size=4)(articles))
    want = list(analyze_articles(articles))
    assert [a.id for a, _ in got] == [a.id for a in articles]
    assert [r if isinstance(r, Rejected) else _dump(r) for _, r in got] == \
        [r if isinstance(r, Rejected) else _dump(r) for _, r in want]


def test_scale_connect_names_what_it_expects():
    with pytest.raises(ClusterError, match="expected local, local:N or a scheduler address"):
        connect("cluster:4")

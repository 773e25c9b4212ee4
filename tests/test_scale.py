"""Scale-out (strikewatch.scale): a LocalCluster of 2 workers gives what one process gives."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import cloudpickle  # type: ignore[import-untyped]
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
from strikewatch.scale.blocks import LinkKey, is_fresh, link_weeks, people_of, scoring_blocks
from strikewatch.scale.cluster import ClusterError
from strikewatch.scale.commands import Analyzer
from strikewatch.scale.partition import count_newlines, number_lines, plan, read_partition

cloudpickle.register_pickle_by_value(sys.modules[__name__])  # what client.run sends: workers cannot import tests

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
    keys = [LinkKey((0, f.index), f.id, f.country, f.admin1, link_weeks(f), f.article, people_of(f, link_weeks(f)))
            for f in feats]
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


def _extractor_id() -> int:
    from strikewatch.extract import Extractor

    return id(Extractor.load())


def _has_warm_plugin(dask_worker) -> bool:  # type: ignore[no-untyped-def]
    from strikewatch.scale.cluster import Warm

    return Warm.name in dask_worker.plugins


def test_scale_each_worker_loads_the_extractor_once(client, shared):
    """The worker plugin is in place, and the extractor a worker loaded is the one every task used."""
    assert all(client.run(_has_warm_plugin).values())
    before = client.run(_extractor_id)
    assert len(set(before.values())) == len(before) == 2  # one each: processes, not threads
    run_distributed([shared / "corpus/seeds/articles.jsonl"], client, partition_size=1)  # tasks on both workers
    assert client.run(_extractor_id) == before


def test_scale_connect_names_what_it_expects():
    with pytest.raises(ClusterError, match="expected local, local:N or a scheduler address"):
        connect("cluster:4")


# -- the command line ------------------------------------------------------------------------------

def _cli(*args: str):
    from typer.testing import CliRunner

    from strikewatch.cli import app

    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_scale_cli_analyze_dask_json_equals_single_process(shared, tmp_path):
    """`strikewatch analyze SEEDS --dask local:2 --json` prints what it prints without --dask."""
    seeds = str(shared / "corpus/seeds/articles.jsonl")
    plain = _cli("analyze", seeds, "--json").stdout
    dask = _cli("analyze", seeds, "--json", "--dask", "local:2", "--parquet", str(tmp_path)).stdout
    assert dask == plain
    doc = json.loads(plain)
    assert [r.id for r in read_reports(tmp_path / "reports.parquet")] == [r["id"] for r in doc["reports"]]
    assert {i.id for i in read_incidents(tmp_path / "incidents.parquet")} == {i["id"] for i in doc["incidents"]}


def test_scale_cli_analyze_parquet_without_dask(corpus, single, tmp_path):
    _cli("analyze", *map(str, corpus), "--json", "--parquet", str(tmp_path))
    assert _dump(read_reports(tmp_path / "reports.parquet")) == _dump(single.reports)
    assert _dump(read_incidents(tmp_path / "incidents.parquet")) == _dump(single.incidents)


def test_scale_cli_run_dask_fills_the_database_as_without(corpus, client, tmp_path):
    """`strikewatch run --dask tcp://...` (the module's cluster, by its address): same database."""
    exports = []
    for name, extra in (("plain", []), ("dask", ["--dask", client.scheduler.address])):
        db = str(tmp_path / f"{name}.db")
        _cli("run", *map(str, corpus[:2]), "--db", db, *extra)
        exports.append(json.loads(_cli("export", "--format", "json", "--db", db).stdout))
    assert exports[0] == exports[1]
    assert len(exports[0]["incidents"]) > 10


def test_scale_cli_dask_bad_spec_is_an_exit_message(shared):
    from typer.testing import CliRunner

    from strikewatch.cli import app

    seeds = str(shared / "corpus/seeds/articles.jsonl")
    result = CliRunner().invoke(app, ["analyze", seeds, "--dask", "cluster:4"])
    assert result.exit_code == 1
    assert "expected local, local:N or a scheduler address" in result.output
    result = CliRunner().invoke(app, ["analyze", seeds, "--dask", "local:2", "--workers", "2"])
    assert result.exit_code == 2 and "--workers" in result.output


# -- bad input on the workers ----------------------------------------------------------------------

def _fault(kind: str, on: bool) -> None:
    """Run on every worker (client.run): break extraction of texts marked BREAK-ME, or the reading
    of files named doomed.jsonl; `on=False` puts things back."""
    import strikewatch.scale.tasks as tasks
    from strikewatch.extract import Extractor

    owner, name = {"extract": (Extractor, "sentences"), "assemble": (Extractor, "_assemble"),
                   "read": (tasks, "read_partition"), "batch": (tasks, "extract_each")}[kind]
    saved = f"_saved_{name}"
    if not on:
        setattr(owner, name, getattr(owner, saved))
        return
    original = getattr(owner, name)
    setattr(owner, saved, original)
    if kind == "extract":
        def broken(self, text):  # type: ignore[no-untyped-def]
            if "BREAK-ME" in text:
                raise ValueError("no sentences in BREAK-ME")
            return original(self, text)
    elif kind == "assemble":
        def broken(self, article, parsed):  # type: ignore[no-untyped-def]
            if "BREAK-ME" in article.text:
                raise ValueError("cannot assemble BREAK-ME")
            return original(self, article, parsed)
    elif kind == "batch":
        def broken(articles, batch_size=32):  # type: ignore[no-untyped-def]
            if any("BREAK-ME" in a.text for a in articles):
                raise MemoryError("worker out of memory")
            return original(articles, batch_size)
    else:
        def broken(part, options):  # type: ignore[no-untyped-def]
            if Path(part.path).name == "doomed.jsonl":
                raise OSError("disk gone")
            return original(part, options)
    setattr(owner, name, broken)


@pytest.fixture
def faulty(client):
    done = []

    def install(kind: str) -> None:
        client.run(_fault, kind, True)
        done.append(kind)

    yield install
    for kind in done:
        client.run(_fault, kind, False)


def _jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps({"id": r["unit_id"], "text": r["article_content"], "outlet": r["source"]})
                            + "\n" for r in rows), encoding="utf-8")
    return path


def test_scale_article_that_breaks_extraction_is_set_aside_alone(shared, client, faulty, tmp_path):
    rows = _fakes(shared)[:10]
    good = analyze_paths(read_articles([_jsonl(tmp_path / "good.jsonl", rows)]))
    bad = dict(rows[4], unit_id="broken-article", article_content="BREAK-ME. " + rows[4]["article_content"])
    path = _jsonl(tmp_path / "with-bad.jsonl", [*rows[:4], bad, *rows[4:]])
    faulty("extract")
    run = run_distributed([path], client, partition_size=4)  # the bad one shares a batch with good ones
    assert [(r.article, r.stage, r.line) for r in run.analysis.rejected] == [("broken-article", "extract", 5)]
    assert "no sentences in BREAK-ME" in run.analysis.rejected[0].reason
    assert run.analysis.articles == 11
    assert [r.id for r in run.analysis.reports] == [r.id for r in good.reports]  # its batch went on
    assert [i.id for i in run.analysis.incidents] == [i.id for i in good.incidents]
    streamed = list(Analyzer(client, batch_size=5)([a for a in read_articles([path]) if isinstance(a, Article)]))
    assert [a.id for a, r in streamed if isinstance(r, Rejected)] == ["broken-article"]  # run --dask too


def test_scale_run_dask_sets_aside_a_batch_that_fails_on_a_worker(shared, client, faulty):
    """`strikewatch run --dask`: a batch whose task fails comes back as rejections; the others go on."""
    rows = _fakes(shared)[:7]
    articles = [Article(id=r["unit_id"], text=("BREAK-ME. " if i == 4 else "") + r["article_content"])
                for i, r in enumerate(rows)]
    faulty("batch")
    got = list(Analyzer(client, batch_size=3)(articles))
    assert [a.id for a, _ in got] == [a.id for a in articles]
    failed = [r for _, r in got if isinstance(r, Rejected)]
    assert [r.article for r in failed] == [a.id for a in articles[3:6]]
    assert "MemoryError: worker out of memory" in failed[0].reason
    assert [_dump(r) for _, r in got[:3]] == [_dump(r) for _, r in analyze_articles(articles[:3])]


def test_scale_partition_that_fails_on_a_worker_is_set_aside(shared, client, faulty, tmp_path):
    rows = _fakes(shared)[:12]
    good = _jsonl(tmp_path / "good.jsonl", rows[:6])
    doomed = _jsonl(tmp_path / "doomed.jsonl", rows[6:])
    faulty("read")
    run = run_distributed([doomed, good], client, partition_size=3)
    assert run.stats.failed_partitions == 2
    where = [(Path(r.path).name, r.line, r.stage) for r in run.analysis.rejected]  # line: where the range starts
    assert where == [("doomed.jsonl", 1, "extract"), ("doomed.jsonl", where[1][1], "extract")] and where[1][1] > 1
    assert "failed on the workers" in run.analysis.rejected[0].reason
    assert "OSError: disk gone" in run.analysis.rejected[0].reason
    alone = analyze_paths(read_articles([good]))
    assert run.analysis.articles == 6
    assert _dump(run.analysis.reports) == _dump(alone.reports)
    assert _dump(run.analysis.incidents) == _dump(alone.incidents)


def test_scale_rejections_come_in_the_single_process_order(shared, client, faulty, tmp_path):
    """Ingest and extraction failures interleave as `analyze_paths` lists them (it extracts in
    batches of 32), so `analyze --json` prints the very same document."""
    rows = _fakes(shared)[:40]
    lines = [json.dumps({"id": r["unit_id"], "outlet": r["source"],
                         "text": ("BREAK-ME. " if i in (3, 33) else "") + r["article_content"]})
             for i, r in enumerate(rows)]
    for at in (40, 32, 10):  # malformed: in batch 0, after it fills, at the end (before the last batch)
        lines.insert(at, f'{{"id": "cut-{at}", "text": "Shelling')
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    faulty("assemble")
    _fault("assemble", True)  # here too, for the single process
    try:
        single = analyze_paths(read_articles([path]))
    finally:
        _fault("assemble", False)
    dist = run_distributed([path], client, partition_size=7).analysis
    assert [(r.stage, r.line) for r in single.rejected] == \
        [("ingest", 11), ("extract", 4), ("ingest", 34), ("ingest", 43), ("extract", 36)]
    assert dist.model_dump_json() == single.model_dump_json()

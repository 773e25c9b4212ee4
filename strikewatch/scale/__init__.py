"""Scale-out: the same pipeline on a Dask cluster, for corpora of millions of articles.

    cluster.py    connect("local" | "local:N" | "tcp://scheduler:8786"); workers load the extractor once
    partition.py  JSONL byte ranges, CSV row chunks, Parquet row ranges: read on the workers by ingest
    tasks.py      what the workers run: extract a partition, score a block, link a bin, write a part
    blocks.py     scoring blocks and link bins that keep the single-process answer
    run.py        analyze_distributed(paths, client) -> Analysis
    output.py     reports.parquet/ and incidents.parquet/
    commands.py   what the CLI's --dask calls (imports no Dask until called)

Measured cost and cluster recipes: docs/scale.md.
"""

from __future__ import annotations

from .cluster import close, connect, connected
from .output import read_incidents, read_reports
from .run import DistributedRun, RunStats, analyze_distributed, run_distributed

__all__ = ["DistributedRun", "RunStats", "analyze_distributed", "close", "connect", "connected",
           "read_incidents", "read_reports", "run_distributed"]

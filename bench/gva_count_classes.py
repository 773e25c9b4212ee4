"""Where the GVA incident count's excess is: each extra incident put in a class (docs/linking.md).

    .venv/bin/python bench/gva_count_classes.py [--gva ../shared/corpus/dev/gva-dev] [--analysis out.json]

Reads only the "dev" split (4 incidents in 5, devscore's hash); the check split is never opened.
The articles are analysed (or `--analysis` gives an `analyze --json` output of them), scored as
`strikewatch evaluate --gva` scores them, then:

- the incidents touched only beside an article's main incident (that of its first incident report)
  are split into the article's shooting told again (within-article over-splitting: the reports name
  one of gold's people or its street, or give gold's figures at its place and days, or give no
  figures) and other incidents no gold stands for (a past shooting, another street, another town,
  other figures);
- the main count's excess is the main incidents of one shooting's articles kept apart, less false
  merges, each split put in a class: a main report split off inside its own article (another of
  the article's reports is in the shooting's incident), placed in another state, dated only by a
  guess, the same days, a follow-up within a week, or later; and, by what the linker made of the
  two incidents' members across them: never candidates (blocking), vetoed (the first veto, by
  name), scored too low, or linked and refused by complete link.

A measurement of where to work, not a score: the classes read gold's own fields (names, address).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
from collections import Counter
from pathlib import Path

from strikewatch.evaluate.corpora import READERS, Row
from strikewatch.evaluate.corpus_score import _by_article, link_figures
from strikewatch.evaluate.run_corpus import articles_of, select
from strikewatch.link.blocking import candidate_pairs
from strikewatch.link.features import Features, features
from strikewatch.link.similarity import compare
from strikewatch.model import Analysis, Incident, Report

DAY = dt.timedelta(days=1)
RETOLD = "the article's shooting told again"
_WORD = re.compile(r"[A-Za-z]+")
_STREET_WORDS = {"block", "of", "street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "boulevard", "blvd",
                 "lane", "ln", "north", "south", "east", "west", "and", "the", "court", "ct", "place", "pl",
                 "highway", "hwy", "parkway", "way", "route", "circle", "terrace", "trail"}


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    h = math.sin((lat2 - lat1) * p / 2) ** 2 + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def _words(text: str | None) -> set[str]:
    return {w.lower() for w in _WORD.findall(text or "") if w.lower() not in _STREET_WORDS and len(w) > 2}


def _figures(reports: list[Report], key: str) -> set[int]:
    return {v for r in reports for c in r.claims if (n := getattr(c, key)) is not None
            and (v := n.best if n.best is not None else n.low) is not None}


def retold(reports: list[Report], row: Row, record: dict) -> str:
    """Whether these reports tell the row's own shooting (by gold's fields), else which other incident."""
    g = row.gold
    dated = [r for r in reports if r.date.basis != "publication" and r.date.end is not None]
    if dated and g["date"] and all(r.date.end < g["date"] - 7 * DAY for r in dated):  # type: ignore[operator]
        return "other: a past shooting"
    spans = [s for r in reports for s in r.evidence] + [s for r in reports for c in r.claims for s in c.evidence]
    text = " ".join(s.text for s in spans)
    names = [p.get("Name", "").strip().split() for p in record.get("participants") or []]
    if any(n and len(n[-1]) > 2 and n[-1] in text for n in names):
        return RETOLD
    street = _words(record.get("address"))
    theirs = [_words(s.text) for s in spans if s.field == "address"]
    if street and any(w & street for w in theirs):
        return RETOLD
    if street and theirs:
        return "other: another street"
    killed, injured = _figures(reports, "killed"), _figures(reports, "injured")
    if not killed and not injured:
        return RETOLD  # no figures: the story told without them
    if g["killed"] not in killed and g["injured"] not in injured:
        return "other: other figures"
    near = any(r.location.lat is not None and g["lat"] is not None
               and _km(r.location.lat, r.location.lon or 0.0, g["lat"], g["lon"]) <= 25 for r in reports)
    days = g["date"] is None or any(r.date.start and r.date.end and r.date.start - DAY <= g["date"] <= r.date.end + DAY
                                    or r.date.basis == "publication" for r in reports)
    return RETOLD if near and days else "other: another town or days"


def split_class(big: Incident, small: Incident, reps: dict[str, Report], own_elsewhere: bool) -> str:
    if own_elsewhere:
        return "main report split off inside its article"
    a, b = [reps[r] for r in big.reports], [reps[r] for r in small.reports]
    if not {r.location.admin1 for r in a} & {r.location.admin1 for r in b}:
        return "placed in another state"

    def days(rs: list[Report]) -> list[dt.date]:
        return [r.date.start for r in rs if r.date.start and r.date.basis != "publication"]
    gap = min((abs((x - y).days) for x in days(a) for y in days(b)), default=None)
    if gap is None:
        return "dated only by a guess"
    return "same days" if gap <= 1 else "follow-up within a week" if gap <= 7 else "follow-up later"


def why_apart(big: Incident, small: Incident, feats: dict[str, Features], pairs: set[tuple[str, str]]) -> str:
    """What the linker made of the two incidents' members across them (each pair scored anew)."""
    found = [compare(feats[x], feats[y]) for x in big.reports for y in small.reports
             if x in feats and y in feats and ((x, y) in pairs or (y, x) in pairs)]
    if any(p.linked for p in found):
        return "linked, refused by complete link"
    if any(p.veto is None for p in found):
        return "scored too low"
    vetoes = sorted((p.veto or "").split(":")[0] for p in found if p.veto != "same article")
    return f"vetoed: {vetoes[0]}" if vetoes else "never candidates" if not found else "same article only"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gva", type=Path, default=Path("../shared/corpus/dev/gva-dev"))
    ap.add_argument("--analysis", type=Path, help="an `analyze --json` output of the dev split's articles")
    args = ap.parse_args()
    rows = select(READERS["gva"](args.gva), "dev")
    if args.analysis:
        analysis = Analysis.model_validate_json(args.analysis.read_bytes())
    else:
        from strikewatch.run import analyze_paths
        analysis = analyze_paths(iter(articles_of(rows)))
    records = {str(r["incident_uri"]): r for r in map(json.loads, (args.gva / "incidents.jsonl").open())}
    by = _by_article(analysis)
    print(json.dumps(link_figures(rows, analysis, by)))
    incident_of = {rid: inc.id for inc in analysis.incidents for rid in inc.reports}
    incidents = {inc.id: inc for inc in analysis.incidents}
    reps = {r.id: r for r in analysis.reports}
    row_of = {a.id: row for row in rows for a in row.articles}
    mine = {a: [incident_of[r.id] for r in by.get(a, []) if r.id in incident_of] for a in row_of}
    main_of = {a: ids[0] for a, ids in mine.items() if ids}
    mains = set(main_of.values())
    seen = {i for ids in mine.values() for i in ids}
    print(f"articles {len(row_of)}, with no incident report: {sum(not ids for ids in mine.values())}; "
          f"shootings {len(rows)}; incidents {len(seen)} = main {len(mains)} + beside {len(seen - mains)}")
    beside: Counter[str] = Counter()
    for iid in sorted(seen - mains):
        row = row_of[next(a for a in sorted(row_of) if iid in mine[a])]
        members = [reps[r] for r in incidents[iid].reports]
        beside[retold(members, row, records[row.id])] += 1
    print("beside the main incidents:", dict(beside))
    splits: Counter[str] = Counter()
    why: Counter[tuple[str, str]] = Counter()
    told = sorted((r for r in analysis.reports if r.kind == "incident"), key=lambda r: r.id)
    feats = {r.id: features(i, r) for i, r in enumerate(told)}
    ordered = list(feats.values())
    pairs = {(ordered[i].id, ordered[j].id) for i, j in candidate_pairs(ordered)}
    per: Counter[str] = Counter()
    for row in rows:
        ids = [main_of[a.id] for a in row.articles if a.id in main_of]
        for m in set(ids):
            per[m] += 1
        if len(set(ids)) < 2:
            continue
        big, *rest = sorted(set(ids), key=lambda m: (-ids.count(m), m))
        for m in rest:
            arts = [a.id for a in row.articles if main_of.get(a.id) == m]
            kind = split_class(incidents[big], incidents[m], reps, any(big in mine[a] for a in arts))
            splits[kind] += 1
            why[(kind, why_apart(incidents[big], incidents[m], feats, pairs))] += 1
    merges = sum(n - 1 for n in per.values())
    print(f"main - shootings = {len(mains) - len(rows)} = {sum(splits.values())} split - {merges} merged; "
          f"splits: {dict(splits)}")
    for (kind, reason), n in sorted(why.items()):
        print(f"  {n:4d}  {kind} / {reason}")


if __name__ == "__main__":
    main()

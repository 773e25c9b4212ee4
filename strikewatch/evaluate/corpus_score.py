"""Per-field figures of one corpus: the system's reading (readings.py) beside the regex (baseline.py).

Pure functions over rows (corpora.py) and an `Analysis`; every figure is a share of rows (articles for
GVA) with its numerator and denominator, so a figure over no row is None, never 0. The rules, field
by field, are in docs/evaluation.md ("Scoring on monitors' datasets").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from ..model import Analysis, Article, ArticlePlaces, Report
from .baseline import regex_date, regex_injured, regex_killed
from .corpora import Row
from .readings import (
    acled_actor_class,
    admin1_among,
    dated,
    exact,
    in_range,
    incident_reports,
    is_state,
    names_actor,
    near,
    same_actor,
    same_admin1,
    toll,
    victims,
    within,
)


@dataclass(slots=True)
class Fig:
    right: int = 0
    of: int = 0

    def add(self, ok: bool) -> None:
        self.of += 1
        self.right += bool(ok)

    @property
    def value(self) -> float | None:
        return round(self.right / self.of, 3) if self.of else None


@dataclass(slots=True)
class CorpusScore:
    corpus: str
    split: str
    rows: int
    articles: int
    figures: dict[str, Fig]
    baseline: dict[str, Fig] = field(default_factory=dict)
    linking: dict[str, Any] = field(default_factory=dict)
    source: str = ""

    def as_json(self) -> dict[str, Any]:
        figs = {k: {"value": f.value, "right": f.right, "of": f.of,
                    "regex": self.baseline[k].value if k in self.baseline else None}
                for k, f in self.figures.items() if f.of}
        return {"schema": "strikewatch-corpus-eval/1", "corpus": self.corpus, "source": self.source,
                "split": self.split, "rows": self.rows, "articles": self.articles, "figures": figs,
                "linking": self.linking or None}


def _figs(*names: str) -> dict[str, Fig]:
    return {n: Fig() for n in names}


def _by_article(analysis: Analysis) -> dict[str, list[Report]]:
    by: dict[str, list[Report]] = {}
    for r in incident_reports(analysis.reports):
        by.setdefault(r.article, []).append(r)
    return by


def _places(f: dict[str, Fig], g: dict[str, Any], reps: list[Report], *limits: int) -> None:
    if g.get("lat") is not None and g.get("lon") is not None:
        for k in limits:
            f[f"place_{k}km"].add(near(g["lat"], g["lon"], reps, k))


def score_acled(rows: list[Row], analysis: Analysis) -> CorpusScore:
    by = _by_article(analysis)
    f = _figs("fatalities", "fatalities_nonzero", "date", "event_type", "sub_event_type", "admin1", "place_5km",
              "place_25km", "perpetrator", "perpetrator_state", "perpetrator_group", "perpetrator_unidentified")
    b = _figs("fatalities", "fatalities_nonzero", "date")
    for row in rows:
        g, reps = row.gold, [r for a in row.articles for r in by.get(a.id, [])]
        text = " ".join(a.text for a in row.articles)
        ok, base = exact(g["fatalities"], *toll(reps, "killed")), regex_killed(text) == g["fatalities"]
        for name in ("fatalities", "fatalities_nonzero") if g["fatalities"] > 0 else ("fatalities",):
            f[name].add(ok)
            b[name].add(base)
        f["date"].add(dated(reps, g["date"]))
        b["date"].add(regex_date(text) == g["date"])
        types = {t.lower() for t in g["event_types"]}
        f["event_type"].add(any(r.event_type.lower() in types for r in reps))
        if g["sub_event_type"]:
            f["sub_event_type"].add(any(r.sub_event_type.lower() == g["sub_event_type"].lower() for r in reps))
        if g["admin1"]:
            f["admin1"].add(same_admin1(g["admin1"], reps))
        _places(f, g, reps, 5, 25)
        _perpetrator(f, g.get("actor1") or "", reps)
    return CorpusScore("acled", "", len(rows), sum(len(r.articles) for r in rows), f, b)


def _perpetrator(f: dict[str, Fig], actor: str, reps: list[Report]) -> None:
    """A named actor1 against the reports' perpetrators (state forces and groups also apart); an
    unidentified one is right when no report names anybody; crowds are not scored (docs/evaluation.md)."""
    kind = acled_actor_class(actor) if actor.strip() else "crowd"
    if kind == "named":
        ok = same_actor(actor, reps)
        f["perpetrator"].add(ok)
        f["perpetrator_state" if is_state(actor) else "perpetrator_group"].add(ok)
    elif kind == "unidentified":
        f["perpetrator_unidentified"].add(not names_actor(reps))


def score_airwars(rows: list[Row], analysis: Analysis) -> CorpusScore:
    by = _by_article(analysis)
    f = _figs("killed_in_range", "children_in_range", "women_in_range", "date", "place_5km", "place_25km")
    b = _figs("killed_in_range", "date")
    for row in rows:
        g, reps = row.gold, [r for a in row.articles for r in by.get(a.id, [])]
        text = " ".join(a.text for a in row.articles)
        k = g.get("killed") or {}
        if k.get("min") is not None:
            f["killed_in_range"].add(in_range(k["min"], k.get("max"), *toll(reps, "killed")))
            b["killed_in_range"].add(within(regex_killed(text), k["min"], k.get("max")))
        for cat in ("children", "women"):
            rng = g["victims"].get(cat) or {}
            if rng.get("min") is not None:
                got = victims(reps, cat)
                f[f"{cat}_in_range"].add(any(within(v, rng["min"], rng.get("max")) for v in got | {sum(got)}))
        if g["date"] is not None:
            f["date"].add(dated(reps, g["date"]))
            b["date"].add(regex_date(text) == g["date"])
        _places(f, g, reps, 5, 25)
    return CorpusScore("airwars", "", len(rows), sum(len(r.articles) for r in rows), f, b)


def score_gva(rows: list[Row], analysis: Analysis) -> CorpusScore:
    by = _by_article(analysis)
    f = _figs("killed", "injured", "date", "state", "state_reported", "place_25km")
    b = _figs("killed", "injured", "date")
    for row in rows:
        g = row.gold
        for a in row.articles:
            reps = by.get(a.id, [])
            f["killed"].add(exact(g["killed"], *toll(reps, "killed")))
            f["injured"].add(exact(g["injured"], *toll(reps, "injured")))
            b["killed"].add(regex_killed(a.text) == g["killed"])
            b["injured"].add(regex_injured(a.text) == g["injured"])
            if g["date"] is not None:
                f["date"].add(dated(reps, g["date"]))
                b["date"].add(regex_date(a.text) == g["date"])
            if g["state"]:
                f["state"].add(same_admin1(g["state"], reps))
                if reps:  # place resolution apart from extraction: an article with no report has no state to get right
                    f["state_reported"].add(same_admin1(g["state"], reps))
            _places(f, g, reps, 25)
    score = CorpusScore("gva", "", len(rows), sum(len(r.articles) for r in rows), f, b)
    score.linking = link_figures(rows, analysis, by)
    return score


def link_figures(rows: list[Row], analysis: Analysis, by: dict[str, list[Report]]) -> dict[str, Any]:
    """SemEval-2018 Task 5 style: pairwise and B-cubed F1 over the articles, and the incident count.

    Two articles are linked when any report of one shares an incident with any report of the other
    (devscore's reading); an article with no report is linked to nothing. The count is the incidents
    holding a report of these articles, against the distinct gold incidents; `incidents_main` counts
    only each article's main incident (that of its first incident report), as SemEval's one incident
    per document does: the other incidents an article tells (another town's shooting, a past one) are
    real, but no gold incident stands for them."""
    incident_of = {rid: inc.id for inc in analysis.incidents for rid in inc.reports}
    gold = {a.id: row.id for row in rows for a in row.articles}
    mine = {a: {incident_of.get(r.id) for r in by.get(a, [])} - {None} for a in gold}
    tp = fp = fn = 0
    for a, b in combinations(gold, 2):
        same_g, same_s = gold[a] == gold[b], bool(mine[a] & mine[b])
        tp, fp, fn = tp + (same_g and same_s), fp + (same_s and not same_g), fn + (same_g and not same_s)
    p, r = (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)
    bp = br = 0.0
    for a in gold:
        cluster = [b for b in gold if b == a or mine[a] & mine[b]]
        truth = [b for b in gold if gold[b] == gold[a]]
        both = sum(gold[b] == gold[a] for b in cluster)
        bp, br = bp + both / len(cluster), br + both / len(truth)
    n = len(gold) or 1
    bp, br = bp / n, br / n
    truth_n = len(set(gold.values()))
    seen = len(set().union(*mine.values())) if mine else 0
    main = {next((incident_of[r.id] for r in by.get(a, []) if r.kind == "incident" and r.id in incident_of), None)
            for a in gold} - {None}
    return {"pairwise": {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3),
                         "f1": _f1(p, r)},
            "bcubed": {"precision": round(bp, 3), "recall": round(br, 3), "f1": _f1(bp, br)},
            "incidents": _count(seen, truth_n), "incidents_main": _count(len(main), truth_n)}


def _count(seen: int, truth: int) -> dict[str, Any]:
    return {"system": seen, "gold": truth, "error": round((seen - truth) / truth, 3) if truth else None}


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 3) if p + r else 0.0


_UNIT_WORDS = {"town", "village", "city", "oblast", "raion", "municipality", "settlement", "region", "district",
               "urban", "type", "area", "province", "rural", "council", "the", "of"}


def names_place(text: str, places: Iterable[str]) -> bool:
    """Whether the text names one of gold's places: a word of it sharing the first five letters of the
    place's main word (spellings of one name differ in their endings: Luhansk, Luhanska, Luhanske)."""
    words = {w[:5] for w in re.findall(r"[^\W\d_]+", text.lower())}
    for place in places:
        main = [w for w in re.findall(r"[^\W\d_]+", re.sub(r"\(.*?\)", "", place.lower())) if w not in _UNIT_WORDS]
        if main and len(main[0]) >= 4 and main[0][:5] in words:
            return True
    return False


def tells_something(articles: Iterable[Article]) -> bool:
    """Some headline is more than a bare name: UCDP lists many sources by a place name alone
    ("Debaltseve", "Donetsk airport"), which names a place but tells no event to report."""
    return any(len(line.split()) > 3 for a in articles for line in a.text.split("\n") if line.strip())


def article_admin1(row: Row, reps: list[Report], places: dict[str, ArticlePlaces]) -> list[str | None]:
    """The admin1 a row's text gives: its incident reports', else (no incident read: a list of sources
    by place name, a tally) the main place of each of its articles (`analyze --article-places`)."""
    if reps:
        return [r.location.admin1 for r in reps]
    return [places[a.id].main.admin1 for a in row.articles if a.id in places]


def score_ucdp(rows: list[Row], analysis: Analysis) -> CorpusScore:
    by = _by_article(analysis)
    places = {p.article: p for p in analysis.places}
    f = _figs("deaths_in_range", "date", "admin1_named", "admin1_told", "admin1_named_reports", "place_25km")
    b = _figs("deaths_in_range", "date")
    for row in rows:
        g, reps = row.gold, [r for a in row.articles for r in by.get(a.id, [])]
        text = " ".join(a.text for a in row.articles)
        f["deaths_in_range"].add(in_range(g["low"], g["high"], *toll(reps, "killed")))
        b["deaths_in_range"].add(within(regex_killed(text), g["low"], g["high"]))
        f["date"].add(dated(reps, g["start"], g["end"]))
        found = regex_date(text)
        b["date"].add(found is not None and g["start"] <= found <= g["end"])
        if g["admin1"] and names_place(text, g["places"]):
            ok = admin1_among(g["admin1"], article_admin1(row, reps, places))
            f["admin1_named"].add(ok)
            if tells_something(row.articles):
                f["admin1_told"].add(ok)
            f["admin1_named_reports"].add(same_admin1(g["admin1"], reps))
        _places(f, g, reps, 25)
    return CorpusScore("ucdp", "", len(rows), sum(len(r.articles) for r in rows), f, b)


SCORERS = {"acled": score_acled, "airwars": score_airwars, "gva": score_gva, "ucdp": score_ucdp}

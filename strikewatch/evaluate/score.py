"""Score a `strikewatch/1` analysis against a strikewatch-gold/1 file: reports, fields and linking.

Pure functions over the typed models; reading files and printing live in `commands.py`. The rules
are written out in docs/evaluation.md. In short, every figure is a slot count in the MUC manner:

- gold slots: required (not optional) gold reports that give the field; recall is the share of them
  whose matched system report gives an agreeing value;
- system slots: every system report that gives the field (a spurious report's fields are spurious
  too); precision is the share whose matched gold report, optional ones included, agrees.

An optional gold report thus costs nothing when missed and counts as right when found, as in
score_gold.py, whose report precision and recall these equal.

So a system that says "killed 0" where the gold knows no toll fills a slot the gold leaves empty and
loses killed precision, and a missed report loses recall on every field it had.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from ..model import VICTIM_CATEGORIES, Analysis, Location, Report
from .gold import GoldLocation, GoldReport, GoldSet
from .match import PLACE_KM, figures, km, match_reports, norm


@dataclass(slots=True)
class Tally:
    """Slots in the gold, slots the system filled, and the ones that agree: `correct` of the gold's,
    `system_correct` of the system's (more when it also finds optional gold)."""

    gold: int = 0
    system: int = 0
    correct: int = 0
    system_correct: int = 0

    @property
    def precision(self) -> float:
        return self.system_correct / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int | None]:
        """None where there is nothing to measure: no system slots (precision), no gold slots (recall),
        neither (F1), so that 0/0 never reads as a failure."""
        return {"gold": self.gold, "system": self.system, "correct": self.correct, "system_correct": self.system_correct,
                "precision": round(self.precision, 3) if self.system else None,
                "recall": round(self.recall, 3) if self.gold else None,
                "f1": round(self.f1, 3) if self.gold or self.system else None}


@dataclass(slots=True)
class LinkScore:
    pairs_gold: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    pair_precision: float = 0.0
    pair_recall: float = 0.0
    pair_f1: float = 0.0
    bcubed_precision: float | None = None  # None: no found report belongs to a gold incident
    bcubed_recall: float | None = None
    bcubed_f1: float | None = None
    # SemEval-2018 Task 5's "how many incidents": the system incidents holding an incident report of an
    # annotated article (a report linked to nothing is its own), against the gold incidents
    incidents_system: int = 0
    incidents_gold: int = 0

    @property
    def incident_error(self) -> float | None:
        return (self.incidents_system - self.incidents_gold) / self.incidents_gold if self.incidents_gold else None


@dataclass(slots=True)
class Score:
    reports: Tally
    fields: dict[str, Tally]
    unknown_not_zero: tuple[int, int]  # (system leaves unknown tolls unknown, gold reports with no toll)
    linking: LinkScore
    matches: dict[str, str]  # gold report id -> system report id
    missed: list[str]  # required gold reports nobody found
    spurious: list[str]  # system reports that match no gold report
    ignored: int = 0  # system reports of articles the gold does not annotate: not scored
    compat: dict[str, object] = field(default_factory=dict)  # score_gold.py's own summary


# How a field is read from a report, and when two readings agree. Gold and system reports share
# the attribute names, so one getter serves both sides.
Getter = Callable[[GoldReport | Report], object]


def _actors(r: GoldReport | Report) -> set[str]:
    return {norm(a) for a in r.perpetrator.actors} - {""}


def _sources(r: GoldReport | Report) -> set[str]:
    return {norm(c.source) for c in r.claims if c.source} - {""}


def _overlap_by_name(a: set[str], b: set[str]) -> bool:
    # "Syrian Observatory" finds "Syrian Observatory for Human Rights"; "Russia" finds "Russian forces"
    return any(x in y or y in x for x in a for y in b)


def _point(r: GoldReport | Report) -> GoldLocation | Location | None:
    return r.location if r.location.lat is not None and r.location.lon is not None else None


def _near(g: object, s: object) -> bool:
    dist = km(g, s)  # type: ignore[arg-type]
    return dist is not None and dist <= PLACE_KM


def _figure_getter(key: str, sub: str | None = None) -> Getter:
    return lambda r: figures(r.claims, key, sub)


FIELDS: dict[str, tuple[Getter, Callable[[object, object], bool]]] = {
    # coordinates only: a name match finds the report, this checks the point the map will show
    "place_25km": (_point, _near),
    "kind": (lambda r: r.kind, lambda g, s: g == s),
    "sub_event_type": (lambda r: norm(r.sub_event_type), lambda g, s: g == s),
    "killed": (_figure_getter("killed"), lambda g, s: bool(g & s)),  # type: ignore[operator]
    "injured": (_figure_getter("injured"), lambda g, s: bool(g & s)),  # type: ignore[operator]
    **{cat: (_figure_getter("victims", cat), lambda g, s: bool(g & s)) for cat in VICTIM_CATEGORIES},  # type: ignore[operator]
    "perpetrator": (_actors, _overlap_by_name),  # type: ignore[dict-item]
    "source": (_sources, _overlap_by_name),  # type: ignore[dict-item]
}
ORDER = ("date", "date_exact", "place", "place_25km", "kind", "sub_event_type", "killed", "injured", *VICTIM_CATEGORIES,
         "perpetrator", "source")


def _neutral(name: str, g: GoldReport) -> bool:
    """A system value where the found gold report has none, yet is not wrong: a figure where the gold
    only says "children were among the dead", coordinates for a place the annotator recorded only by
    name (a governorate, a road), a sub-event type for a tally the gold leaves without one."""
    if name in VICTIM_CATEGORIES:
        return any(getattr(c.victims, name) == "present" for c in g.claims)
    return name in ("place_25km", "sub_event_type")


def score(gold: GoldSet, analysis: Analysis) -> Score:
    """Match, then tally every field and the linking. See the module docstring for the slot rules."""
    # only reports of annotated articles: an analysis of a whole corpus can be scored on a gold sample
    annotated = gold.articles()
    system = [r for r in analysis.reports if r.article in annotated]
    matched = match_reports(gold.reports, system)
    gold_of = {id(matched[g.id]): g for g in gold.reports if g.id in matched}
    required = [g for g in gold.reports if not g.optional]
    pairs = [(s, gold_of.get(id(s))) for s in system]
    found = [g for g in required if g.id in matched]
    reports = Tally(len(required), len(pairs), len(found), len(gold_of))
    same_day = Tally(len(required), len(pairs), sum(_same_day(g, matched[g.id]) for g in found),
                     sum(g is not None and _same_day(g, s) for s, g in pairs))
    tallies = {"date": Tally(*_counts(reports)), "date_exact": same_day, "place": Tally(*_counts(reports))}
    for name, (get, agree) in FIELDS.items():
        t = Tally()
        for g in required:
            gv = get(g)
            t.gold += bool(gv)
            t.correct += bool(gv) and g.id in matched and bool(get(matched[g.id])) and agree(gv, get(matched[g.id]))
        for s, gp in pairs:
            sv = get(s)
            if not sv or (gp is not None and not get(gp) and _neutral(name, gp)):
                continue
            t.system += 1
            t.system_correct += gp is not None and bool(get(gp)) and agree(get(gp), sv)
        tallies[name] = t
    no_toll = [g for g in found if not figures(g.claims, "killed")]
    unknown_ok = sum(0 not in figures(matched[g.id].claims, "killed") for g in no_toll)
    result = Score(reports=reports, fields={k: tallies[k] for k in ORDER}, unknown_not_zero=(unknown_ok, len(no_toll)),
                   linking=score_linking(gold, analysis, matched), matches={g: s.id for g, s in matched.items()},
                   missed=[g.id for g in required if g.id not in matched],
                   spurious=[s.id for s, g in pairs if g is None], ignored=len(analysis.reports) - len(system))
    result.compat = compat_summary(gold, analysis, matched, result)
    return result


def _counts(t: Tally) -> tuple[int, int, int, int]:
    return t.gold, t.system, t.correct, t.system_correct


def _same_day(g: GoldReport, s: Report) -> bool:
    return (g.date.start, g.date.end or g.date.start) == (s.date.start, s.date.end or s.date.start)


def score_linking(gold: GoldSet, analysis: Analysis, matched: dict[str, Report]) -> LinkScore:
    """Pairwise as score_gold.py (recall over every gold pair, so a missed report costs its pairs) and
    B-cubed over the found reports that belong to a gold incident (linking quality given detection)."""
    sys_inc = {rid: inc.id for inc in analysis.incidents for rid in inc.reports}
    gold_inc = {rid: inc.id for inc in gold.incidents for rid in inc.reports}
    linked = [g for g in gold_inc if g in matched]
    # a system report in no incident stands alone: key it by its own identity
    sys_key = {g: sys_inc.get(matched[g].id, f"\0{id(matched[g])}") for g in linked}
    ls = LinkScore(pairs_gold=sum(gold_inc[a] == gold_inc[b] for a, b in combinations(gold_inc, 2)))
    annotated = gold.articles()
    ls.incidents_gold = len(gold.incidents)
    ls.incidents_system = len({sys_inc.get(r.id, f"\0{id(r)}") for r in analysis.reports
                               if r.article in annotated and r.kind == "incident"})
    for a, b in combinations(linked, 2):
        same_gold, same_sys = gold_inc[a] == gold_inc[b], sys_key[a] == sys_key[b]
        ls.tp += same_gold and same_sys
        ls.fp += same_sys and not same_gold
        ls.fn += same_gold and not same_sys
    ls.pair_precision = ls.tp / (ls.tp + ls.fp) if ls.tp + ls.fp else (1.0 if ls.pairs_gold == 0 else 0.0)
    ls.pair_recall = ls.tp / ls.pairs_gold if ls.pairs_gold else 1.0
    ls.pair_f1 = _f1(ls.pair_precision, ls.pair_recall)
    if linked:
        p = r = 0.0
        for a in linked:
            cluster = [b for b in linked if sys_key[b] == sys_key[a]]
            truth = [b for b in linked if gold_inc[b] == gold_inc[a]]
            both = sum(gold_inc[b] == gold_inc[a] for b in cluster)
            p, r = p + both / len(cluster), r + both / len(truth)
        ls.bcubed_precision, ls.bcubed_recall = p / len(linked), r / len(linked)
        ls.bcubed_f1 = _f1(ls.bcubed_precision, ls.bcubed_recall)
    return ls


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def compat_summary(gold: GoldSet, analysis: Analysis, matched: dict[str, Report], s: Score) -> dict[str, object]:
    """The summary /work/shared/tools/score_gold.py prints, key for key, so the two can be compared."""
    required = [g for g in gold.reports if not g.optional]
    found = [g for g in required if g.id in matched]
    fields: dict[str, list[int]] = {k: [0, 0] for k in ("date", "place", "killed", "injured", "children", "women",
                                                       "civilians", "kind", "sub_event_type", "perpetrator",
                                                       "source", "unknown_not_zero")}
    for g in required:
        m = matched.get(g.id)
        for k in ("date", "place", "kind", "sub_event_type", "perpetrator"):
            fields[k][1] += 1
        if m is not None:
            fields["date"][0] += 1
            fields["place"][0] += 1
            fields["kind"][0] += m.kind == g.kind
            fields["sub_event_type"][0] += norm(m.sub_event_type) == norm(g.sub_event_type)
            ga, sa = _actors(g), _actors(m)
            fields["perpetrator"][0] += (not ga and not sa) or (bool(ga and sa) and (bool(ga & sa) or _overlap_by_name(ga, sa)))
        for key, sub in (("killed", None), ("injured", None), ("children", "children"), ("women", "women"),
                         ("civilians", "civilians")):
            gv = figures(g.claims, key if sub is None else "victims", sub)
            if gv:
                fields[key][1] += 1
                fields[key][0] += m is not None and bool(gv & figures(m.claims, key if sub is None else "victims", sub))
        if _sources(g):
            fields["source"][1] += 1
            fields["source"][0] += m is not None and _overlap_by_name(_sources(g), _sources(m))
    fields["unknown_not_zero"] = list(s.unknown_not_zero)
    ls = s.linking
    considered = len(analysis.reports)  # all of them, as score_gold.py: unannotated articles' too
    unmatched = considered - len(matched)
    precision = (considered - unmatched) / considered if considered else 0
    recall = len(found) / len(required) if required else 0
    return {"reports_required": len(required), "found": len(found), "system_reports": considered,
            "unmatched_system_reports": unmatched, "report_precision": round(precision, 3),
            "report_recall": round(recall, 3), "report_f1": round(_f1(precision, recall), 3),
            "fields": {k: f"{v[0]}/{v[1]}" for k, v in fields.items()},
            "link_pairs_gold": ls.pairs_gold, "link_tp": ls.tp, "link_fp": ls.fp, "link_fn": ls.fn,
            "link_f1": round(ls.pair_f1, 3)}


def as_json(s: Score) -> dict[str, object]:
    """The `--json` document of `strikewatch evaluate`."""
    ls = s.linking

    def rnd(v: float | None) -> float | None:
        return None if v is None else round(v, 3)

    return {"schema": "strikewatch-eval/1", "reports": s.reports.as_dict(),
            "fields": {k: t.as_dict() for k, t in s.fields.items()},
            "unknown_not_zero": {"kept_unknown": s.unknown_not_zero[0], "of": s.unknown_not_zero[1]},
            "linking": {"pairwise": {"gold_pairs": ls.pairs_gold, "tp": ls.tp, "fp": ls.fp, "fn": ls.fn,
                                     "precision": rnd(ls.pair_precision), "recall": rnd(ls.pair_recall),
                                     "f1": rnd(ls.pair_f1)},
                        "bcubed": {"precision": rnd(ls.bcubed_precision), "recall": rnd(ls.bcubed_recall),
                                   "f1": rnd(ls.bcubed_f1)},
                        "incidents": {"system": ls.incidents_system, "gold": ls.incidents_gold,
                                      "error": rnd(ls.incident_error)}},
            "matches": s.matches, "missed": s.missed, "spurious": s.spurious, "ignored_system_reports": s.ignored,
            "score_gold": s.compat}


def missing_articles(gold: GoldSet, analysis: Sequence[Report]) -> list[str]:
    """Gold articles the analysis has no report for at all: often a wrong --articles file."""
    have = {r.article for r in analysis}
    return sorted({g.article for g in gold.reports if not g.optional} - have)

"""Rich tables for `strikewatch evaluate`: the same figures as `--json`, laid out for reading."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from .corpus_score import CorpusScore
from .credibility import Consistency
from .fakes import Agreement, FakesScore
from .score import Score, Tally


def _pct(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f}"


def _row(name: str, t: Tally) -> list[str]:
    d = t.as_dict()
    return [name, str(t.gold), str(t.system), f"{t.correct}", f"{t.system_correct}", _pct(d["precision"]),
            _pct(d["recall"]), _pct(d["f1"])]


def print_score(console: Console, s: Score) -> None:
    table = Table(title="Reports and fields (a missed report loses recall on every field it has)")
    for col in ("field", "gold", "system", "found", "right", "precision", "recall", "F1"):
        table.add_column(col, justify="left" if col == "field" else "right")
    table.add_row(*_row("reports", s.reports), end_section=True)
    for name, t in s.fields.items():
        table.add_row(*_row(name.replace("_", " "), t))
    console.print(table)
    kept, of = s.unknown_not_zero
    console.print(f"unknown toll kept unknown (not 0): {kept}/{of}")
    ls = s.linking
    link = Table(title="Linking (gold incidents over found reports)")
    for col in ("measure", "precision", "recall", "F1", "detail"):
        link.add_column(col, justify="left" if col in ("measure", "detail") else "right")
    link.add_row("pairwise", _pct(ls.pair_precision), _pct(ls.pair_recall), _pct(ls.pair_f1),
                 f"{ls.tp} right, {ls.fp} wrong, {ls.fn} missed of {ls.pairs_gold} gold pairs")
    link.add_row("B-cubed", _pct(ls.bcubed_precision), _pct(ls.bcubed_recall), _pct(ls.bcubed_f1),
                 "found reports of gold incidents")
    link.add_row("incident count", "", "", "", f"{ls.incidents_system} seen, {ls.incidents_gold} in the gold "
                 f"(error {_signed(ls.incident_error)})")
    console.print(link)
    if s.missed:
        console.print(f"[yellow]missed[/yellow] (required gold reports no system report found): {', '.join(s.missed)}")
    if s.spurious:
        console.print(f"[yellow]unmatched system reports[/yellow]: {', '.join(s.spurious)}")


def _agreement_row(name: str, a: Agreement) -> list[str]:
    n = a.articles or 1
    return [name, str(a.articles), f"{a.with_report}", f"{a.date_exact} ({a.date_exact / n:.0%})",
            f"{a.date_within_1} ({a.date_within_1 / n:.0%})", f"{a.governorate} ({a.governorate / n:.0%})",
            f"{a.placed}"]


def print_fakes(console: Console, fs: FakesScore, items: list[Consistency], rule: dict[str, object],
                cv: dict[str, object] | None) -> None:
    table = Table(title="Agreement with FA-KES's date and governorate (main incident of each article)")
    for col in ("outlet", "articles", "with report", "date exact", "date ±1 day", "governorate", "placed",
                "credible (label)", "mean credibility"):
        table.add_column(col, justify="left" if col == "outlet" else "right")
    by_outlet: dict[str, list[Consistency]] = {}
    for c in items:
        by_outlet.setdefault(c.outlet, []).append(c)
    last = next(reversed(fs.by_outlet), None)
    for outlet, a in [*fs.by_outlet.items(), ("all", fs.overall)]:
        cs = items if outlet == "all" else by_outlet.get(outlet, [])
        labels = [c.label for c in cs if c.label is not None]
        table.add_row(*_agreement_row(outlet, a), f"{sum(labels) / len(labels):.0%}" if labels else "-",
                      f"{sum(c.score for c in cs) / len(cs):.2f}" if cs else "-", end_section=outlet == last)
    console.print(table)
    cred = Table(title="Credibility against FA-KES labels (1 credible, 0 fake)")
    for col in ("method", "n", "accuracy", "F1 credible", "F1 fake", "macro F1", "AUC"):
        cred.add_column(col, justify="left" if col == "method" else "right")
    rows: list[tuple[str, dict[str, object]]] = [("cross-source rule (no training)", rule)]
    if cv:
        rows += [(f"logistic regression, {name} ({cv['folds']}-fold CV)", v) for name, v in cv.items()
                 if isinstance(v, dict)]
    for name, m in rows:
        f1 = {k: m[k]["f1"] for k in ("credible", "fake")}  # type: ignore[index]
        cred.add_row(name, str(m["n"]), _pct(m["accuracy"]), _pct(f1["credible"]), _pct(f1["fake"]),  # type: ignore[arg-type]
                     _pct(m["macro_f1"]), _pct(m.get("auc")))  # type: ignore[arg-type]
    console.print(cred)
    console.print(f"majority class accuracy: {rule['majority_accuracy']}")
    if cv and "skipped" in cv:
        console.print(f"[yellow]classifier skipped[/yellow]: {cv['skipped']}")
    if fs.unmatched_rows:
        console.print(f"FA-KES rows not scored (duplicate id or never analysed): {len(fs.unmatched_rows)}")


# the plain names of the corpus figures, shared by the table and docs/quality.md
LABELS = {
    "fatalities": "fatalities exact", "fatalities_nonzero": "fatalities exact, where gold > 0",
    "date": "date exact", "event_type": "event type", "sub_event_type": "sub-event type",
    "admin1": "admin1 exact", "place_5km": "place within 5 km", "place_25km": "place within 25 km",
    "killed_in_range": "killed within range", "children_in_range": "children within range",
    "women_in_range": "women within range", "killed": "killed exact", "injured": "injured exact",
    "state": "US state right", "state_reported": "US state right, where a report is made",
    "deaths_in_range": "deaths (best) within low..high",
    "admin1_named": "admin1, where the text names a place (reports, else the text's place)",
    "admin1_told": "admin1, where a headline tells something there (same)",
    "admin1_named_reports": "admin1 of incident reports alone, where the text names a place",
    "perpetrator": "perpetrator is actor1 (named actors)", "perpetrator_state": "perpetrator, actor1 a state's forces",
    "perpetrator_group": "perpetrator, actor1 a named group",
    "perpetrator_unidentified": "no perpetrator named, actor1 unidentified",
}
DATE_LABEL = {"ucdp": "date within start..end"}


def label(corpus: str, name: str) -> str:
    return DATE_LABEL.get(corpus, LABELS["date"]) if name == "date" else LABELS.get(name, name.replace("_", " "))


def print_corpus(console: Console, s: CorpusScore) -> None:
    """One row a figure: the system's share beside the regex baseline's, with the counts behind it."""
    unit = "articles" if s.corpus == "gva" else "rows"
    name = Path(s.source).name or s.source
    rows = "incidents" if s.corpus == "gva" else "rows"
    table = Table(title=f"{s.corpus} {name}, split {s.split}: {s.rows} {rows}, {s.articles} articles")
    for col in ("figure", "StrikeWatch", "right / of", "regex"):
        table.add_column(col, justify="left" if col == "figure" else "right")
    for name, f in s.figures.items():
        if f.of:
            base = s.baseline.get(name)
            table.add_row(label(s.corpus, name), _pct(f.value), f"{f.right} / {f.of}",
                          _pct(base.value) if base else "-")
    console.print(table)
    if s.linking:
        pw, b3, n = s.linking["pairwise"], s.linking["bcubed"], s.linking["incidents"]
        console.print(f"linking ({unit}): pairwise P {_pct(pw['precision'])} R {_pct(pw['recall'])} "
                      f"F1 {_pct(pw['f1'])} ({pw['tp']} right, {pw['fp']} wrong, {pw['fn']} missed); "
                      f"B-cubed P {_pct(b3['precision'])} R {_pct(b3['recall'])} F1 {_pct(b3['f1'])}; "
                      f"incidents seen {n['system']} of {n['gold']} (error {_signed(n['error'])})"
                      + (f"; each article's main incident only {m['system']} (error {_signed(m['error'])})"
                         if (m := s.linking.get("incidents_main")) else ""))


def _signed(v: float | None) -> str:
    return "-" if v is None else f"{v:+.1%}"

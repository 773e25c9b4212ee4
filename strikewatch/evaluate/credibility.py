"""Credibility from cross-source consistency, checked against FA-KES's labels (1 credible, 0 fake).

FA-KES labelled an article fake when its facts (date, place, casualties, actor) disagreed with the
VDC casualty record. We have no such record, only the other articles: an article is checked against
the other outlets' reports of its main incident (the incident linking put its main report in).

- `others`: other outlets whose reports are in that incident (independent corroboration);
- `compared`/`agree`: the article's killed figures (low, best) that could be set against the other
  outlets' figures, and those that fall in their range widened by `TOLERANCE`. The range is the
  others' only: the incident's reconciled range includes the article's own claims, so every
  figure would trivially fall inside it;
- `date_agrees`: the main report carries the incident's reconciled start date.

`score` folds these into one number by a fixed rule (module constants), so it needs no training and
can be checked on all labels at once; `cross_validate` (scikit-learn, when installed) fits a
logistic regression on the same features, and on text alone as the usual baseline, with 5 folds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

from ..model import Analysis, Report
from .fakes import FakesRow, main_report
from .match import figures

TOLERANCE = 0.1  # tolls a tenth apart are the same toll told at different hours
CORROBORATED, AGREEMENT, DATE_OFF = 0.2, 0.3, 0.1  # weights of the fixed rule (see `score`)


@dataclass(slots=True)
class Consistency:
    article: str
    outlet: str
    label: int | None
    has_report: bool = False
    others: int = 0
    compared: int = 0
    agree: int = 0
    date_agrees: bool | None = None  # None: no other article dates the incident
    killed: int | None = None  # the main report's highest figure, for the classifier

    @property
    def score(self) -> float:
        """0.5 (nothing to check) moved up by corroboration and agreeing figures, down by disagreeing
        figures and a date other outlets do not share; clipped to [0, 1]. 0.5 and up reads credible."""
        s = 0.5 + (CORROBORATED if self.others else 0.0)
        if self.compared:
            s += AGREEMENT * (2 * self.agree / self.compared - 1)
        if self.date_agrees is False:
            s -= DATE_OFF
        return min(1.0, max(0.0, s))

    def features(self) -> list[float]:
        share = self.agree / self.compared if self.compared else 0.5
        date = {True: 1.0, False: -1.0, None: 0.0}[self.date_agrees]
        return [float(self.has_report), float(self.others > 0), math.log1p(self.others), float(self.compared > 0),
                share, date, math.log1p(self.killed or 0), float(self.killed is None)]

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "score": round(self.score, 3)}


FEATURES = ("has_report", "corroborated", "log_others", "has_compared", "agree_share", "date_agrees",
            "log_killed", "no_toll")


def consistency(rows: Sequence[FakesRow], analysis: Analysis) -> list[Consistency]:
    """One `Consistency` per distinct FA-KES row id whose article has reports or not."""
    by_article: dict[str, list[Report]] = {}
    for r in analysis.reports:
        by_article.setdefault(r.article, []).append(r)
    by_id = {r.id: r for r in analysis.reports}
    incident_of = {rid: inc for inc in analysis.incidents for rid in inc.reports}
    out, seen = [], set()
    for row in rows:
        if row.id in seen:
            continue
        seen.add(row.id)
        c = Consistency(article=row.id, outlet=row.outlet, label=row.label)
        main = main_report(by_article.get(row.id, ()))
        inc = incident_of.get(main.id) if main else None
        if main is not None:
            c.has_report = True
            c.killed = max(figures(main.claims, "killed"), default=None)
        if main is None or inc is None:
            out.append(c)
            continue
        others = [by_id[i] for i in inc.reports if i in by_id and by_id[i].article != row.id]
        c.others = len({o.outlet or o.article for o in others} - {row.outlet})
        theirs = [v for o in others for cl in o.claims if cl.killed for v in cl.killed.values()]
        if theirs:
            lo, hi = min(theirs) * (1 - TOLERANCE), max(theirs) * (1 + TOLERANCE)
            mine = figures(main.claims, "killed")
            c.compared, c.agree = len(mine), sum(lo <= v <= hi for v in mine)
        if any(o.date.start is not None for o in others) and main.date.start is not None:
            c.date_agrees = main.date.start == inc.date.start
        out.append(c)
    return out


def metrics(y: Sequence[int], pred: Sequence[int]) -> dict[str, object]:
    """Accuracy, and precision/recall/F1 for each class (1 credible, 0 fake), plus macro F1."""
    per: dict[str, dict[str, float]] = {}
    for cls, name in ((1, "credible"), (0, "fake")):
        tp = sum(a == b == cls for a, b in zip(y, pred, strict=True))
        p_n, g_n = sum(b == cls for b in pred), sum(a == cls for a in y)
        p, r = (tp / p_n if p_n else 0.0), (tp / g_n if g_n else 0.0)
        per[name] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0, 3),
                     "support": g_n}
    acc = sum(a == b for a, b in zip(y, pred, strict=True)) / len(y) if y else 0.0
    return {"n": len(y), "accuracy": round(acc, 3), **per,
            "macro_f1": round((per["credible"]["f1"] + per["fake"]["f1"]) / 2, 3)}


def auc(y: Sequence[int], scores: Sequence[float]) -> float | None:
    """Area under the ROC curve (Mann-Whitney, ties count half): 0.5 is chance, whatever the threshold."""
    pos = [s for a, s in zip(y, scores, strict=True) if a == 1]
    neg = [s for a, s in zip(y, scores, strict=True) if a == 0]
    if not pos or not neg:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return round(wins / (len(pos) * len(neg)), 3)


def rule_metrics(items: Sequence[Consistency]) -> dict[str, object]:
    labelled = [c for c in items if c.label is not None]
    y = [c.label for c in labelled]
    res = metrics(y, [int(c.score >= 0.5) for c in labelled])  # type: ignore[arg-type]
    res["auc"] = auc(y, [c.score for c in labelled])  # type: ignore[arg-type]
    res["majority_accuracy"] = round(max(y.count(0), y.count(1)) / len(y), 3) if y else 0.0
    return res


def cross_validate(items: Sequence[Consistency], texts: Mapping[str, str], folds: int = 5,
                   seed: int = 0) -> dict[str, object]:
    """Out-of-fold metrics of logistic regressions on (a) our consistency features, (b) those plus the
    outlet, (c) TF-IDF of the text alone. Empty with a reason when scikit-learn is not installed."""
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
        from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
        from sklearn.model_selection import StratifiedKFold, cross_val_predict  # type: ignore[import-untyped]
        from sklearn.pipeline import make_pipeline  # type: ignore[import-untyped]
        from sklearn.preprocessing import OneHotEncoder, StandardScaler  # type: ignore[import-untyped]
    except ImportError:
        return {"skipped": "scikit-learn is not installed"}
    import numpy as np

    labelled = [c for c in items if c.label is not None]
    y = np.array([c.label for c in labelled])
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    feats = np.array([c.features() for c in labelled])
    outlets = OneHotEncoder(handle_unknown="ignore", sparse_output=False).fit_transform(
        np.array([[c.outlet] for c in labelled]))  # unsupervised, so fitting it on all rows leaks no label
    inputs = {
        "consistency": (make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)), feats),
        "consistency+outlet": (make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)),
                               np.hstack([feats, outlets])),
        "text tf-idf": (make_pipeline(TfidfVectorizer(sublinear_tf=True, min_df=2, stop_words="english"),
                                      LogisticRegression(max_iter=1000)),
                        np.array([texts.get(c.article, "") for c in labelled], dtype=object)),
    }
    out: dict[str, object] = {"folds": folds, "seed": seed, "features": list(FEATURES)}
    for name, (model, x) in inputs.items():
        proba = cross_val_predict(model, x, y, cv=cv, method="predict_proba")[:, 1]
        res = metrics(y.tolist(), (proba >= 0.5).astype(int).tolist())
        res["auc"] = auc(y.tolist(), proba.tolist())
        out[name] = res
    return out

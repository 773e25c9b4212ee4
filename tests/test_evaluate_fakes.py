"""FA-KES agreement and cross-source credibility on hand-built rows and analyses (no /work/shared)."""

from __future__ import annotations

import datetime as dt

import pytest

from strikewatch.evaluate.credibility import auc, consistency, cross_validate, metrics, rule_metrics
from strikewatch.evaluate.fakes import FakesRow, main_report, parse_fakes_row, read_fakes, score_fakes
from strikewatch.model import Analysis, Incident, Report


def report(rid: str, article: str, outlet: str, killed: dict | None = None, day: str = "2017-04-04",
           admin1: str | None = "Idlib", kind: str = "incident") -> Report:
    return Report.model_validate({"id": rid, "article": article, "outlet": outlet, "kind": kind,
                                  "event_type": "Explosions/Remote violence", "sub_event_type": "Chemical weapon",
                                  "date": {"start": day, "end": day}, "location": {"name": "x", "admin1": admin1},
                                  "claims": [{"killed": killed}] if killed else []})


def row(rid: str, outlet: str, label: int = 1, date: dt.date | None = dt.date(2017, 4, 4),
        gov: str = "idlib") -> FakesRow:
    return FakesRow(id=rid, outlet=outlet, date=date, governorate=gov, label=label, line=1)


def gov_key(admin1: str | None) -> str | None:
    return admin1.lower() if admin1 else None


def test_parse_row_reads_us_dates_and_labels():
    r = parse_fakes_row({"unit_id": " 7 ", "source": "sana", "date": "4/5/2017", "location": "Idlib",
                         "labels": "0"}, 3)
    assert (r.id, r.outlet, r.date, r.governorate, r.label, r.line) == ("7", "sana", dt.date(2017, 4, 5), "idlib", 0, 3)
    assert parse_fakes_row({"unit_id": "8", "date": "2017-04-05", "location": ""}, 4).date is None


def test_read_fakes_keeps_the_first_text_of_an_id_and_refuses_other_csv(tmp_path):
    f = tmp_path / "f.csv"
    f.write_text('unit_id,article_content,source,date,location,labels\n1,"first\nline",sana,4/5/2017,idlib,1\n'
                 "1,second,sana,4/5/2017,idlib,1\n", encoding="utf-8")
    rows, texts = read_fakes(f)
    assert [r.line for r in rows] == [2, 4] and texts == {"1": "first\nline"}
    (tmp_path / "g.csv").write_text("id,text\n1,x\n")
    with pytest.raises(ValueError, match="not a FA-KES file"):
        read_fakes(tmp_path / "g.csv")


def test_main_report_is_the_deadliest_incident_not_a_tally():
    small, big = report("a#1", "a", "o", {"low": 3}), report("a#2", "a", "o", {"best": 70})
    tally = report("a#3", "a", "o", {"low": 900}, kind="aggregate")
    assert main_report([small, tally, big]) is big
    assert main_report([tally]) is None
    assert main_report([report("a#1", "a", "o"), report("a#2", "a", "o")]).id == "a#1"


def test_agreement_counts_every_row_and_a_duplicate_once():
    reports = {"1": [report("1#1", "1", "sana", {"low": 5}, day="2017-04-05")],
               "2": [report("2#1", "2", "nna", admin1="Hama")], "3": []}
    rows = [row("1", "sana"), row("1", "sana"), row("2", "nna"), row("3", "nna"), row("4", "nna")]
    fs = score_fakes(rows, reports, gov_key, analysed={"1", "2", "3"})
    o = fs.overall
    assert (o.articles, o.with_report, o.date_exact, o.date_within_1, o.governorate) == (3, 2, 1, 2, 1)
    assert fs.by_outlet["nna"].articles == 2 and len(fs.unmatched_rows) == 2


def _two_outlets(mine: dict, theirs: dict, my_day: str = "2017-04-04") -> Analysis:
    a = report("a#1", "a", "sana", mine, day=my_day)
    b = report("b#1", "b", "reuters", theirs)
    inc = Incident(id="I", reports=["a#1", "b#1"], date={"start": "2017-04-04", "end": "2017-04-04"})
    return Analysis(reports=[a, b], incidents=[inc], articles=2)


def test_consistency_checks_figures_against_the_other_outlets_only():
    agree = consistency([row("a", "sana")], _two_outlets({"low": 72}, {"low": 70, "high": 80}))[0]
    assert (agree.others, agree.compared, agree.agree, agree.date_agrees) == (1, 1, 1, True)
    assert agree.score == pytest.approx(1.0)
    # 100 is beyond 80 + 10%: a disagreeing figure, although the incident's own range would hold it
    off = consistency([row("a", "sana")], _two_outlets({"low": 100}, {"low": 70, "high": 80}, my_day="2017-04-05"))[0]
    assert (off.compared, off.agree, off.date_agrees) == (1, 0, False)
    assert off.score == pytest.approx(0.5 + 0.2 - 0.3 - 0.1)


def test_an_article_alone_scores_the_neutral_half():
    a = Analysis(reports=[report("a#1", "a", "sana", {"low": 5})],
                 incidents=[Incident(id="I", reports=["a#1"])], articles=1)
    c = consistency([row("a", "sana"), row("z", "sana")], a)
    assert [x.score for x in c] == [0.5, 0.5] and [x.has_report for x in c] == [True, False]


def test_metrics_and_auc_by_hand():
    m = metrics([1, 1, 0, 0], [1, 0, 0, 0])
    assert m["accuracy"] == 0.75 and m["credible"]["precision"] == 1.0 and m["credible"]["recall"] == 0.5
    assert m["fake"]["f1"] == pytest.approx(0.8, abs=1e-3)
    assert auc([1, 1, 0, 0], [0.9, 0.4, 0.5, 0.1]) == 0.75 and auc([1, 1], [0.1, 0.2]) is None


def test_cross_validation_runs_or_says_why_not():
    pytest.importorskip("sklearn")
    items = consistency([row(str(i), "sana" if i % 2 else "nna", label=i % 2) for i in range(20)], Analysis())
    cv = cross_validate(items, {str(i): ("strike killed" if i % 2 else "fake news") + f" {i}" for i in range(20)})
    assert cv["folds"] == 5 and cv["consistency+outlet"]["accuracy"] == 1.0  # the outlet gives the label here
    assert rule_metrics(items)["n"] == 20

"""The web layer's pure parts: secrets, highlighting runs, filters, corrections replayed over incidents."""

from __future__ import annotations

import datetime as dt

import pytest

from strikewatch.model import (
    Claim,
    Count,
    Dates,
    Discrepancy,
    DiscrepancyValue,
    Incident,
    Location,
    Perpetrator,
    Report,
    Span,
)
from strikewatch.web.evidence import Marked, report_spans, runs
from strikewatch.web.filters import IncidentQuery, matches
from strikewatch.web.forms import parse_text
from strikewatch.web.review import AuditEntry, ReviewError, apply_review, check_value, review_state
from strikewatch.web.security import Signer, hash_password, verify_password
from strikewatch.web.sources import source_rows


def test_security_password_hash_verifies_only_the_right_password():
    stored = hash_password("correct horse")
    assert stored.startswith("scrypt$") and "correct horse" not in stored
    assert verify_password("correct horse", stored)
    assert not verify_password("correct hors", stored)
    assert not verify_password("x", "garbage")


def test_security_signed_values_reject_tampering_and_other_purposes():
    s = Signer(b"k" * 32)
    value = s.sign("session", {"uid": 3}, max_age=60)
    assert s.unsign("session", value)["uid"] == 3
    assert s.unsign("csrf", value) is None  # a session cookie is no CSRF token
    assert s.unsign("session", value[:-2] + "AA") is None
    assert Signer(b"j" * 32).unsign("session", value) is None
    assert s.unsign("session", s.sign("session", {"uid": 3}, max_age=-1)) is None  # expired
    assert s.check_csrf("nonce", s.csrf_token("nonce")) and not s.check_csrf("other", s.csrf_token("nonce"))


def test_evidence_runs_split_overlapping_spans_and_keep_text_whole():
    text = "Shelling killed 5 civilians in Douma on Tuesday."
    spans = [Marked(report="r", start=9, end=27, text="", field="killed"),
             Marked(report="r", start=16, end=27, text="", field="victims"),
             Marked(report="r", start=31, end=36, text="", field="location"),
             Marked(report="r", start=40, end=999, text="", field="date")]  # past the end: clipped
    got = runs(text, spans)
    assert "".join(r.text for r in got) == text
    assert [(r.text, r.fields) for r in got if r.fields] == [
        ("killed ", ["killed"]), ("5 civilians", ["killed", "victims"]), ("Douma", ["location"]),
        ("Tuesday.", ["date"])]


def test_evidence_report_spans_take_claim_evidence_too():
    rep = Report(id="r1", article="a", event_type="E", sub_event_type="S",
                 evidence=[Span(start=0, end=8, field="event_type")],
                 claims=[Claim(killed=Count(best=5), evidence=[Span(start=9, end=17, field="killed")])])
    assert [(m.start, m.field) for m in report_spans(rep)] == [(0, "event"), (9, "killed")]


def _incident(id_: str, reports: list[str], killed: int | None = 5, **kw) -> Incident:
    return Incident(id=id_, reports=reports, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                    date=Dates(start=dt.date(2016, 3, 19), end=dt.date(2016, 3, 19)),
                    location=Location(name="Raqqa", admin1="Ar-Raqqah", country="Syria", lat=35.95, lon=39.01),
                    perpetrator=Perpetrator(actors=["Russia"], attribution="alleged"),
                    killed=Count(low=killed, best=killed, high=killed) if killed is not None else None, **kw)


def _report(id_: str, killed: int, source: str | None = None) -> Report:
    return Report(id=id_, article=f"art-{id_}", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                  claims=[Claim(source=source, killed=Count(low=killed, best=killed, high=killed))], outlet="Outlet " + id_)


@pytest.mark.parametrize("query, expected", [
    (IncidentQuery(), True),
    (IncidentQuery(date_from=dt.date(2016, 3, 20)), False),  # ended the day before
    (IncidentQuery(date_to=dt.date(2016, 3, 19), country="syria"), True),
    (IncidentQuery(admin1="Idlib"), False),
    (IncidentQuery(place="raq"), True),
    (IncidentQuery(bbox=(38.0, 35.0, 40.0, 36.5)), True),
    (IncidentQuery(bbox=(36.0, 33.0, 37.0, 34.0)), False),  # Damascus area
    (IncidentQuery(perpetrator="russ"), True),
    (IncidentQuery(event_type="Air/drone strike"), True),
    (IncidentQuery(min_killed=6), False),
    (IncidentQuery(disagreements=True), False),
    (IncidentQuery(q="raqqa RUSSIA"), True),
    (IncidentQuery(q="aleppo"), False),
    (IncidentQuery(kind="aggregate"), False),
])
def test_filters_match_each_filter(query, expected):
    assert matches(_incident("i1", ["r1"]), query) is expected


def test_review_check_value_rejects_unknown_fields_and_bad_ranges():
    assert check_value("killed", {"low": 3, "best": 4, "high": 5}) == {"low": 3, "best": 4, "high": 5}
    with pytest.raises(ReviewError):
        check_value("id", "x")
    with pytest.raises(ReviewError):
        check_value("killed", {"low": 9, "high": 5})


@pytest.mark.parametrize("field, text, value", [
    ("killed", "12", {"low": 12, "best": 12, "high": 12}),
    ("killed", "10-15", {"low": 10, "best": None, "high": 15}),
    ("killed", "10//15", {"low": 10, "best": None, "high": 15}),
    ("killed", "", None),  # empty: unknown, never 0
    ("date", "2016-03-19", {"start": "2016-03-19", "end": "2016-03-19", "precision": "day", "basis": "analyst"}),
    ("perpetrator.actors", "Russia, Syrian government", ["Russia", "Syrian government"]),
])
def test_review_parse_text_reads_form_values(field, text, value):
    assert parse_text(field, text) == value


def _entry(n: int, action: str, incident: str, **kw) -> AuditEntry:
    return AuditEntry(id=n, at=dt.datetime(2026, 1, 1, 0, 0, n), who="ana", incident=incident, action=action, **kw)


def test_review_replays_edit_merge_and_split_over_fresh_incidents():
    reports = [_report("r1", 5), _report("r2", 7), _report("r3", 5)]
    machine = [_incident("i1", ["r1", "r2"]), _incident("i2", ["r3"])]
    log = [_entry(1, "edit", "i1", field="killed", before=None, after={"low": 6, "best": 6, "high": 6}, reason="x"),
           _entry(2, "split", "i1", after={"report": "r2", "incident": "i1-r2"}, reason="other strike"),
           _entry(3, "merge", "i1", after={"reports": ["r1", "r3"]}, reason="same strike"),
           _entry(4, "confirm", "i1")]
    got = {i.id: i for i in apply_review(machine, reports, log)}
    assert sorted(got) == ["i1", "i1-r2"]
    assert got["i1"].reports == ["r1", "r3"] and got["i1-r2"].reports == ["r2"]
    assert got["i1"].killed == Count(low=6, best=6, high=6)  # the analyst's figure outlives the relink
    assert review_state(log).status == "confirmed" and review_state(log).edited == ["killed"]


def test_sources_table_marks_the_disputed_cells():
    inc = _incident("i1", ["r1", "r2"], discrepancies=[Discrepancy(field="killed", values=[
        DiscrepancyValue(value=5, source=None, report="r1"), DiscrepancyValue(value=7, source="SOHR", report="r2")])])
    rows = source_rows(inc, [_report("r1", 5), _report("r2", 7, "SOHR")], {})
    assert [(r.report, r.disagree) for r in rows] == [("r1", ["killed"]), ("r2", ["killed"])]


@pytest.mark.parametrize("value, shown", [
    ({"low": 39, "best": None, "high": None}, "at least 39"),
    ({"low": 12, "best": 19, "high": 25}, "19 (12–25)"),
    ({"actors": ["Russia", "Syria"], "attribution": "uncertain"}, "Russia, Syria (uncertain)"),
    ({"actors": [], "attribution": "unknown"}, "no one named"),
    ({"start": "2016-03-12", "end": "2016-03-12", "precision": "day"}, "2016-03-12"),
    (None, "unknown"),
])
def test_sources_show_value_reads_like_a_person(value, shown):
    from strikewatch.web.sources import show_value

    assert show_value(value) == shown

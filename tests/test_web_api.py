"""The JSON API and the pages over an in-memory store with hand-made incidents: filters, pagination,
one incident and one article with their evidence, review actions with roles and CSRF, escaping of
hostile article text. (tests/test_api_store.py runs the same app over the real store.)"""

from __future__ import annotations

import datetime as dt
import random
import warnings

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")  # starlette's TestClient nags about its next client
from fastapi.testclient import TestClient  # noqa: E402

from strikewatch.model import (  # noqa: E402
    Analysis,
    Article,
    Claim,
    Count,
    Dates,
    Discrepancy,
    DiscrepancyValue,
    Incident,
    Link,
    Location,
    Perpetrator,
    Report,
    Span,
    Victims,
)
from strikewatch.web.app import Settings, create_app  # noqa: E402
from strikewatch.web.memory import MemoryStore  # noqa: E402
from strikewatch.web.users import add_user, create_token  # noqa: E402

HOSTILE = "<script>alert('x')</script> <img src=x onerror=alert(1)>"


def span(text: str, needle: str, field: str) -> Span:
    i = text.index(needle)
    return Span(start=i, end=i + len(needle), text=needle, field=field)


def build() -> tuple[list[Article], Analysis]:
    t1 = "Russian air strikes killed 19 civilians in Raqqa on Saturday, the Syrian Observatory for Human Rights said. Activists said 25 were killed and 40 wounded."
    t2 = "Moscow: At least 12 people were killed when Russian jets bombed Raqqa on Saturday, state media reported, blaming the coalition."
    t3 = "Government shelling killed 5 civilians, including two children, in Douma on Tuesday. " + HOSTILE
    arts = [
        Article(
            id="a1", text=t1, outlet="Gulf News", published=dt.date(2016, 3, 20), title="Strikes on Raqqa"
        ),
        Article(id="a2", text=t2, outlet="Arab News <b>bold</b>", published=dt.date(2016, 3, 20)),
        Article(
            id="a3",
            text=t3,
            outlet="<script>alert(2)</script>",
            published=dt.date(2018, 2, 22),
            title="<img src=x onerror=alert(3)>",
        ),
    ]
    d1 = Dates(start=dt.date(2016, 3, 19), end=dt.date(2016, 3, 19), precision="day")
    raqqa = Location(
        name="Raqqa", admin1="Ar-Raqqah", country="Syria", lat=35.95, lon=39.01, precision="city"
    )
    r1 = Report(
        id="a1-1",
        article="a1",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        date=d1,
        location=raqqa,
        perpetrator=Perpetrator(actors=["Russia"], attribution="alleged"),
        outlet="Gulf News",
        claims=[
            Claim(
                source="SOHR",
                source_type="monitor",
                killed=Count(low=19, best=19, high=19),
                evidence=[span(t1, "killed 19 civilians", "killed")],
            ),
            Claim(
                source="activists",
                killed=Count(low=25, best=25, high=25),
                injured=Count(low=40, best=40, high=40),
                evidence=[span(t1, "25 were killed", "killed"), span(t1, "40 wounded", "injured")],
            ),
        ],
        evidence=[
            span(t1, "Russian", "perpetrator"),
            span(t1, "air strikes", "event_type"),
            span(t1, "Raqqa", "location"),
            span(t1, "on Saturday", "date"),
        ],
    )
    r2 = Report(
        id="a2-1",
        article="a2",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        date=d1,
        location=raqqa,
        perpetrator=Perpetrator(actors=["Russia"], attribution="alleged"),
        outlet="Arab News",
        claims=[
            Claim(
                source="state media",
                killed=Count(low=12, best=None, high=None),
                evidence=[span(t2, "At least 12 people were killed", "killed")],
            )
        ],
        evidence=[
            span(t2, "Russian jets", "perpetrator"),
            span(t2, "Raqqa", "location"),
            span(t2, "on Saturday", "date"),
        ],
    )
    douma = Location(
        name="Douma", admin1="Rif Dimashq", country="Syria", lat=33.57, lon=36.40, precision="city"
    )
    r3 = Report(
        id="a3-1",
        article="a3",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        date=Dates(start=dt.date(2018, 2, 20), end=dt.date(2018, 2, 20), precision="day"),
        location=douma,
        perpetrator=Perpetrator(actors=["Syrian government"], attribution="alleged"),
        outlet="x",
        claims=[
            Claim(
                killed=Count(low=5, best=5, high=5),
                victims=Victims(children=Count(low=2, best=2, high=2)),
                evidence=[
                    span(t3, "killed 5 civilians", "killed"),
                    span(t3, "two children", "victims.children"),
                ],
            )
        ],
        evidence=[
            span(t3, "Government shelling", "perpetrator"),
            span(t3, "Douma", "location"),
            span(t3, HOSTILE, "event"),
        ],
    )
    i1 = Incident(
        id="inc-raqqa",
        reports=["a1-1", "a2-1"],
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        date=d1,
        location=raqqa,
        perpetrator=Perpetrator(actors=["Russia"], attribution="alleged"),
        killed=Count(low=12, best=19, high=25),
        injured=Count(low=40, best=40, high=40),
        sources=["SOHR", "activists", "state media"],
        grade="contested",
        confidence=0.55,
        discrepancies=[
            Discrepancy(
                field="killed",
                values=[
                    DiscrepancyValue(value=19, source="SOHR", report="a1-1"),
                    DiscrepancyValue(value=25, source="activists", report="a1-1"),
                    DiscrepancyValue(value=12, source="state media", report="a2-1"),
                ],
            )
        ],
        links=[Link(a="a1-1", b="a2-1", score=0.9, reasons=["same place", "same day"])],
    )
    i2 = Incident(
        id="inc-douma",
        reports=["a3-1"],
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        date=r3.date,
        location=douma,
        perpetrator=r3.perpetrator,
        killed=Count(low=5, best=5, high=5),
        victims=Victims(children=Count(low=2, best=2, high=2)),
        grade="weak",
        confidence=0.4,
    )
    extra = []
    rnd = random.Random(1)  # 40 filler incidents over two months, for pagination and the timeline
    places = [
        ("Aleppo", "Aleppo", 36.2, 37.16),
        ("Idlib", "Idlib", 35.93, 36.63),
        ("Homs", "Homs", 34.73, 36.72),
        ("Deir ez-Zor", "Deir ez-Zor", 35.33, 40.14),
        ("Hama", "Hama", 35.13, 36.75),
    ]
    actors = ["Russia", "Syrian government", "US-led coalition", "Islamic State", "Turkey", None]
    for n in range(40):
        p, a, k = rnd.choice(places), rnd.choice(actors), rnd.choice([0, 1, 3, 5, 8, 12, 20, 35, 60])
        d = dt.date(2016, 3, 1) + dt.timedelta(days=rnd.randrange(60))
        extra.append(
            Incident(
                id=f"inc-{n:03d}",
                reports=[f"x-{n}"],
                event_type="Explosions/Remote violence",
                sub_event_type="Air/drone strike",
                date=Dates(start=d, end=d, precision="day"),
                location=Location(
                    name=p[0],
                    admin1=p[1],
                    country="Syria",
                    lat=p[2] + rnd.uniform(-0.1, 0.1),
                    lon=p[3] + rnd.uniform(-0.1, 0.1),
                ),
                perpetrator=Perpetrator(actors=[a] if a else [], attribution="alleged" if a else "unknown"),
                killed=Count(low=k, best=k, high=k),
                grade=rnd.choice(["fair", "weak", "confirmed"]),
            )
        )
    return arts, Analysis(reports=[r1, r2, r3], incidents=[i1, i2] + extra)


@pytest.fixture(scope="module")
def app_memory():
    articles, analysis = build()
    store = MemoryStore(articles, analysis)
    add_user(store.engine, "ana", "analyst-pass", "analyst")
    add_user(store.engine, "vic", "viewer-pass", "viewer")
    return create_app(store, Settings(secret_key=b"t" * 32))


@pytest.fixture()
def client(app_memory):
    return TestClient(app_memory)


def sign_in(client: TestClient, name: str, password: str) -> str:
    """Sign in through the form like a browser; returns the CSRF token the pages now carry."""
    page = client.get("/login")
    token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    r = client.post(
        "/login",
        data={"username": name, "password": password, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    return token


def test_api_incidents_filter_and_paginate(client):
    page = client.get("/api/incidents", params={"per_page": 10, "page": 2}).json()
    assert (page["total"], page["page"], page["pages"], len(page["items"])) == (42, 2, 5, 10)
    assert [
        i["id"] for i in client.get("/api/incidents", params={"disagreements": "true"}).json()["items"]
    ] == ["inc-raqqa"]
    douma = client.get("/api/incidents", params={"q": "children douma"}).json()
    assert [i["id"] for i in douma["items"]] == ["inc-douma"]  # "children" is only in the article text
    box = client.get("/api/incidents", params={"bbox": "36,33,37,34", "min_killed": 5}).json()
    assert [i["id"] for i in box["items"]] == ["inc-douma"]
    assert client.get("/api/incidents", params={"bbox": "1,2,3"}).status_code == 422
    dated = client.get(
        "/api/incidents",
        params={
            "date_from": "2016-03-19",
            "date_to": "2016-03-19",
            "perpetrator": "russia",
            "country": "Syria",
        },
    ).json()
    assert [i["id"] for i in dated["items"]] == ["inc-raqqa"]


def test_api_map_and_timeline_follow_the_filters(client):
    fc = client.get("/api/map", params={"admin1": "Ar-Raqqah"}).json()
    assert [f["properties"]["id"] for f in fc["features"]] == ["inc-raqqa"]
    assert fc["features"][0]["geometry"]["coordinates"] == [39.01, 35.95]
    assert fc["features"][0]["properties"]["killed"] == 19  # the best estimate sizes the circle
    days = client.get("/api/timeline", params={"date_from": "2016-03-18", "date_to": "2016-03-20"}).json()[
        "days"
    ]
    assert [d["date"] for d in days][0] == "2016-03-18" and {d["date"]: d["killed"] for d in days}[
        "2016-03-19"
    ] >= 19


def test_api_incident_has_reports_claims_sources_discrepancies_and_evidence(client):
    d = client.get("/api/incidents/inc-raqqa").json()
    assert [r["id"] for r in d["reports"]] == ["a1-1", "a2-1"]
    assert [c["source"] for c in d["reports"][0]["claims"]] == ["SOHR", "activists"]
    assert d["incident"]["discrepancies"][0]["field"] == "killed"
    assert [(s["source"], s["disagree"]) for s in d["sources"]] == [
        ("SOHR", ["killed"]),
        ("activists", ["killed"]),
        ("state media", ["killed"]),
    ]
    assert {"text": "killed 19 civilians", "field": "killed"}.items() <= next(
        e for e in d["evidence"] if e["field"] == "killed"
    ).items()
    assert client.get("/incidents/inc-raqqa.json").json() == d  # the page's JSON twin
    assert client.get("/api/incidents/nope").status_code == 404


def test_api_article_has_text_and_spans(client):
    d = client.get("/api/articles/a1").json()
    text = d["article"]["text"]
    assert all(text[s["start"] : s["end"]] == s["text"] for s in d["spans"])
    assert d["incidents"] == {"a1-1": "inc-raqqa"}


@pytest.mark.parametrize("path", ["/articles/a3", "/incidents/inc-douma", "/", "/?q=alert"])
def test_pages_escape_hostile_article_text(client, path):
    html = client.get(path).text
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>bold" not in html
    if path == "/articles/a3":
        assert "&lt;script&gt;alert(" in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_pages_send_a_strict_content_security_policy(client):
    csp = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_review_needs_an_analyst(client, app_memory):
    body = {"field": "killed", "value": {"low": 20, "best": 20, "high": 20}, "reason": "x"}
    assert client.post("/api/incidents/inc-douma/edit", json=body).status_code == 401
    viewer = create_token(app_memory.state.store.engine, _user(app_memory, "vic"))
    r = client.post("/api/incidents/inc-douma/edit", json=body, headers={"Authorization": f"Bearer {viewer}"})
    assert r.status_code == 403
    assert (
        client.post(
            "/api/incidents/inc-douma/edit", json=body, headers={"Authorization": "Bearer swt_forged"}
        ).status_code
        == 401
    )


def test_review_form_needs_the_csrf_token(client):
    token = sign_in(client, "ana", "analyst-pass")
    form = {"field": "location.name", "value": "Duma", "reason": "spelling"}
    assert client.post("/incidents/inc-douma/edit", data=form, follow_redirects=False).status_code == 403
    r = client.post("/incidents/inc-douma/edit", data=form | {"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    assert client.get("/api/incidents/inc-douma").json()["incident"]["location"]["name"] == "Duma"


def test_sign_in_rejects_a_wrong_password_and_foreign_redirects(client):
    page = client.get("/login")
    token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    bad = client.post("/login", data={"username": "ana", "password": "nope", "csrf_token": token})
    assert bad.status_code == 401
    r = client.post(
        "/login",
        data={"username": "ana", "password": "analyst-pass", "csrf_token": token, "next": "//evil.example/"},
        follow_redirects=False,
    )
    assert r.headers["location"] == "/"


def test_review_edit_merge_split_are_logged_with_who_before_after(client, app_memory):
    token = create_token(app_memory.state.store.engine, _user(app_memory, "ana"))
    auth = {"Authorization": f"Bearer {token}"}
    r = client.post(
        "/api/incidents/inc-raqqa/edit",
        headers=auth,
        json={"field": "killed", "value": {"low": 21, "best": 21, "high": 21}, "reason": "SOHR update"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["entry"]["before"] == {"low": 12, "best": 19, "high": 25}
    assert (
        client.post(
            "/api/incidents/inc-raqqa/split",
            headers=auth,
            json={"report": "a2-1", "reason": "a different strike"},
        ).status_code
        == 200
    )
    inc = client.get("/api/incidents/inc-raqqa").json()
    assert inc["incident"]["reports"] == ["a1-1"] and inc["incident"]["killed"]["best"] == 21
    new_id = inc["audit"][-1]["after"]["incident"]
    assert client.get(f"/api/incidents/{new_id}").json()["incident"]["reports"] == ["a2-1"]
    assert (
        client.post(
            "/api/incidents/inc-raqqa/merge",
            headers=auth,
            json={"other": new_id, "reason": "same strike after all"},
        ).status_code
        == 200
    )
    inc = client.get("/api/incidents/inc-raqqa").json()
    assert inc["incident"]["reports"] == ["a1-1", "a2-1"]
    assert [(e["who"], e["action"]) for e in inc["audit"]] == [
        ("ana", "edit"),
        ("ana", "split"),
        ("ana", "merge"),
    ]
    gone = client.get(f"/api/incidents/{new_id}")
    assert gone.status_code == 404 and "merged into 'inc-raqqa'" in gone.json()["detail"]
    moved = client.get(f"/incidents/{new_id}", follow_redirects=False)
    assert moved.status_code == 307 and moved.headers["location"] == "/incidents/inc-raqqa"
    html = client.get("/incidents/inc-raqqa").text
    assert "SOHR update" in html and "same strike after all" in html


def test_review_rejects_bad_values(client, app_memory):
    auth = {
        "Authorization": f"Bearer {create_token(app_memory.state.store.engine, _user(app_memory, 'ana'))}"
    }
    r = client.post(
        "/api/incidents/inc-douma/edit", headers=auth, json={"field": "id", "value": "x", "reason": "x"}
    )
    assert r.status_code == 422
    r = client.post(
        "/api/incidents/inc-douma/merge", headers=auth, json={"other": "inc-douma", "reason": "x"}
    )
    assert r.status_code == 422


def test_export_json_holds_the_filtered_incidents(client):
    r = client.get("/api/export/json", params={"disagreements": "true"})
    assert r.headers["content-disposition"].endswith('.json"')
    assert [i["id"] for i in r.json()] == ["inc-raqqa"]


def _user(app, name):
    from strikewatch.web.users import list_users

    return next(u for u in list_users(app.state.store.engine) if u.name == name)


def test_admin_page_adds_users_only_for_admins(app_memory):
    client = TestClient(app_memory)
    add_user(app_memory.state.store.engine, "adm", "admin-pass", "admin")
    token = sign_in(client, "ana", "analyst-pass")
    assert client.get("/admin/users").status_code == 403
    client = TestClient(app_memory)
    token = sign_in(client, "adm", "admin-pass")
    r = client.post("/admin/users", data={"name": "<b>new</b>", "password": "new-pass-1", "role": "viewer",
                                          "csrf_token": token})
    assert r.status_code == 200 and "&lt;b&gt;new&lt;/b&gt; (viewer)" in r.text
    assert client.post("/admin/users", data={"name": "x", "password": "short", "csrf_token": token}).status_code == 422


def test_review_survives_a_rebuild_of_the_machine_incidents():
    """Re-analysis rebuilds the machine's incidents from scratch; the audit log is replayed over them."""
    articles, analysis = build()
    machine = [i.model_copy(deep=True) for i in analysis.incidents]
    store = MemoryStore(articles, analysis, analyse=lambda arts, reps, incs: ([], [i.model_copy(deep=True) for i in machine]))
    user = add_user(store.engine, "ana", "analyst-pass", "analyst")
    client = TestClient(create_app(store, Settings(secret_key=b"r" * 32)))
    auth = {"Authorization": f"Bearer {create_token(store.engine, user)}"}
    edit = {"field": "perpetrator.actors", "value": ["Russia", "Syrian government"], "reason": "joint operation"}
    assert client.post("/api/incidents/inc-raqqa/edit", headers=auth, json=edit).status_code == 200
    assert client.post("/api/incidents/inc-raqqa/split", headers=auth, json={"report": "a2-1", "reason": "x"}).status_code == 200
    assert client.post("/api/incidents/inc-douma/confirm", headers=auth, json={"reason": ""}).status_code == 200
    before = client.get("/api/incidents", params={"per_page": 500}).json()
    again = [{"id": a.id, "text": a.text, "outlet": a.outlet} for a in articles]
    assert client.post("/api/articles", headers=auth, json={"articles": again}).status_code == 201
    after = client.get("/api/incidents", params={"per_page": 500}).json()
    assert after == before
    raqqa = client.get("/api/incidents/inc-raqqa").json()
    assert raqqa["incident"]["perpetrator"]["actors"] == ["Russia", "Syrian government"]
    assert raqqa["incident"]["reports"] == ["a1-1"]
    assert client.get("/api/incidents/inc-douma").json()["review"]["status"] == "confirmed"


def test_review_json_from_a_browser_session_needs_the_csrf_header(app_memory):
    client = TestClient(app_memory)
    token = sign_in(client, "ana", "analyst-pass")
    body = {"field": "injured", "value": {"low": 1, "best": 1, "high": 1}, "reason": "clinic"}
    assert client.post("/api/incidents/inc-000/edit", json=body).status_code == 403
    r = client.post("/api/incidents/inc-000/edit", json=body, headers={"X-CSRF-Token": token})
    assert r.status_code == 200 and r.json()["entry"]["who"] == "ana"

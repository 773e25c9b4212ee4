"""The overview's controls as the API sees them, over an in-memory store: empty form fields are
absent, a reversed range or a bad value is a 422 naming it, pagination past the end, sorting,
the source, outlet and review-status filters, tallies kept off the map and the toll, colours that
do not depend on the filter, and the review status in the list and the exports.
(tests/test_browser.py clicks the same controls in Chromium.)"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")
from fastapi.testclient import TestClient  # noqa: E402

from strikewatch.model import Analysis, Article, Claim, Count, Dates, Incident, Location, Perpetrator, Report  # noqa: E402
from strikewatch.web.app import Settings, create_app  # noqa: E402
from strikewatch.web.memory import MemoryStore  # noqa: E402
from strikewatch.web.users import add_user, create_token  # noqa: E402

IDLIB = Location(name="Idlib", admin1="Idlib", country="Syria", lat=35.93, lon=36.63, precision="city")
HOMS = Location(name="Homs", admin1="Homs", country="Syria", lat=34.73, lon=36.72, precision="city")


def _day(d: str) -> Dates:
    day = dt.date.fromisoformat(d)
    return Dates(start=day, end=day, precision="day")


def _report(rid: str, article: str, outlet: str, source: str) -> Report:
    return Report(id=rid, article=article, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                  outlet=outlet, claims=[Claim(source=source, killed=Count(low=1, best=1, high=1))])


def _world() -> tuple[list[Article], Analysis]:
    arts = [Article(id=f"art{n}", text=f"Report number {n} on a strike.", outlet=o, published=dt.date(2017, 5, 2))
            for n, o in enumerate(["Valley Herald", "Coast Tribune", "Valley Herald", "Plains Post", "Coast Tribune"])]
    reports = [_report("r0", "art0", "Valley Herald", "White Helmets"), _report("r1", "art1", "Coast Tribune", "SOHR"),
               _report("r2", "art2", "Valley Herald", "SOHR"), _report("r3", "art3", "Plains Post", "state media"),
               _report("r4", "art4", "Coast Tribune", "SOHR")]
    incidents = [
        Incident(id="inc-a", reports=["r0"], date=_day("2017-05-01"), location=IDLIB, killed=Count(low=12, best=14, high=20),
                 perpetrator=Perpetrator(actors=["Russia"], attribution="alleged"), sources=["White Helmets"],
                 confidence=0.8, grade="fair"),
        Incident(id="inc-b", reports=["r1"], date=_day("2017-05-03"), location=IDLIB, killed=Count(low=3, best=3, high=3),
                 perpetrator=Perpetrator(actors=["Syrian government"], attribution="alleged"), sources=["SOHR"],
                 confidence=0.5, grade="weak"),
        Incident(id="inc-c", reports=["r2"], date=_day("2017-04-20"), location=HOMS, killed=None,
                 perpetrator=Perpetrator(actors=["Russia"], attribution="claimed"), sources=["SOHR"], confidence=0.65),
        Incident(id="inc-d", reports=["r3"], date=Dates(), location=HOMS, killed=Count(low=40, best=40, high=40),
                 sources=["state media"], confidence=None),
        # placed only in a country: listed, but a circle at the country's centre would mislead
        Incident(id="inc-e", reports=["r3"], date=_day("2017-04-02"),
                 location=Location(name="Syria", country="Syria", lat=35.0, lon=38.5, precision="country"),
                 killed=Count(low=2, best=2, high=2), sources=["state media"], confidence=0.3),
        # a war-wide tally: listed when asked for, never drawn, never added into the toll
        Incident(id="tally", reports=["r4"], kind="aggregate",
                 date=Dates(start=dt.date(2011, 3, 15), end=dt.date(2017, 5, 1), precision="period"),
                 location=Location(name="Syria", country="Syria", lat=35.0, lon=38.5, precision="country"),
                 killed=Count(low=400000, best=465000, high=500000), sources=["SOHR"]),
    ]
    return arts, Analysis(reports=reports, incidents=incidents)


@pytest.fixture()
def client() -> TestClient:
    arts, analysis = _world()
    store = MemoryStore(arts, analysis)
    user = add_user(store.engine, "ana", "analyst-pass", "analyst")
    c = TestClient(create_app(store, Settings(secret_key=b"c" * 32)))
    c.headers["Authorization"] = f"Bearer {create_token(store.engine, user)}"
    return c


def ids(client: TestClient, **params: str) -> list[str]:
    r = client.get("/api/incidents", params=params)
    assert r.status_code == 200, r.text
    return [i["id"] for i in r.json()["items"]]


def test_empty_form_fields_are_absent(client):
    everything = ids(client)
    form = {k: "" for k in ("date_from", "date_to", "country", "admin1", "place", "bbox", "perpetrator", "event_type",
                            "source", "outlet", "min_killed", "disagreements", "status", "kind", "q", "sort", "order",
                            "page", "per_page")}
    assert ids(client, **form) == everything == ["inc-b", "inc-a", "inc-c", "inc-e", "inc-d"]
    for path in ("/", "/api/map", "/api/timeline", "/api/export/csv"):
        assert client.get(path, params=form).status_code == 200, path


@pytest.mark.parametrize("params, where", [
    ({"date_from": "2017-05-03", "date_to": "2017-05-01"}, "date_to"),
    ({"date_from": "2017-13-01"}, "date_from"),
    ({"min_killed": "-1"}, "min_killed"),
    ({"disagreements": "maybe"}, "disagreements"),
    ({"status": "approved"}, "status"),
    ({"sort": "place"}, "sort"),
    ({"bbox": "1,2,3"}, "bbox"),
    ({"page": "0"}, "page"),
])
def test_bad_values_are_a_422_naming_the_parameter(client, params, where):
    r = client.get("/api/incidents", params=params)
    assert r.status_code == 422 and where in str(r.json()["detail"])
    page = client.get("/", params=params)
    assert page.status_code == 422 and where in page.text


def test_reversed_range_says_so(client):
    r = client.get("/api/incidents", params={"date_from": "2017-05-03", "date_to": "2017-05-01"})
    assert "before it starts" in r.json()["detail"][0]["msg"]


def test_a_page_past_the_last_is_a_404_in_the_api_and_the_last_page_on_the_overview(client):
    r = client.get("/api/incidents", params={"per_page": 2, "page": 999})
    assert r.status_code == 404 and "last page (3)" in r.json()["detail"]
    page = client.get("/", params={"per_page": 2, "page": 999})
    assert page.status_code == 200 and "page 3 of 3" in page.text and "page 999" not in page.text
    assert "only 3 pages" in page.text


def test_sorting_puts_unknown_values_last_either_way(client):
    assert ids(client, sort="killed") == ["inc-d", "inc-a", "inc-b", "inc-e", "inc-c"]
    assert ids(client, sort="killed", order="asc") == ["inc-e", "inc-b", "inc-a", "inc-d", "inc-c"]
    assert ids(client, sort="confidence") == ["inc-a", "inc-c", "inc-b", "inc-e", "inc-d"]
    assert ids(client, sort="date", order="asc") == ["inc-e", "inc-c", "inc-a", "inc-b", "inc-d"]


def test_source_and_outlet_filters(client):
    assert ids(client, source="sohr") == ["inc-b", "inc-c"]
    assert ids(client, source="state") == ["inc-e", "inc-d"]
    assert ids(client, outlet="Valley Herald") == ["inc-a", "inc-c"]
    assert ids(client, outlet="coast", kind="all") == ["inc-b", "tally"]
    assert ids(client, outlet="Coast Tribune", source="White Helmets") == []
    listed = {i["id"]: i for i in client.get("/api/incidents").json()["items"]}
    assert listed["inc-a"]["outlets"] == ["Valley Herald"]


def test_review_status_in_the_list_the_filter_and_the_export(client):
    assert {i["review_status"] for i in client.get("/api/incidents").json()["items"]} == {"unreviewed"}
    assert client.post("/api/incidents/inc-a/confirm", json={"reason": "checked"}).status_code == 200
    assert client.post("/api/incidents/inc-b/edit", json={"field": "killed", "value": {"low": 4, "best": 4, "high": 4},
                                                          "reason": "morgue list"}).status_code == 200
    listed = {i["id"]: i["review_status"] for i in client.get("/api/incidents").json()["items"]}
    assert listed == {"inc-a": "confirmed", "inc-b": "edited", "inc-c": "unreviewed", "inc-d": "unreviewed",
                      "inc-e": "unreviewed"}
    assert ids(client, status="confirmed") == ["inc-a"]
    assert client.get("/api/incidents/inc-b").json()["review_status"] == "edited"
    assert ids(client, status="reviewed") == ["inc-b", "inc-a"]
    assert ids(client, status="unreviewed") == ["inc-c", "inc-e", "inc-d"]
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export/csv", params={"status": "confirmed"}).text)))
    assert [(r["id"], r["review_status"]) for r in rows] == [("inc-a", "confirmed")]
    page = client.get("/", params={"status": "edited"}).text
    assert 'data-incident="inc-b"' in page and 'data-incident="inc-a"' not in page
    assert '<span class="status-edited">edited</span>' in page


def test_tallies_are_never_drawn_counted_or_added(client):
    fc = client.get("/api/map", params={"kind": "all"}).json()
    assert {f["properties"]["id"] for f in fc["features"]} == {"inc-a", "inc-b", "inc-c", "inc-d"}
    assert fc["left_out"] == {"tallies": 1, "unplaced": 1}  # and inc-e, placed only in Syria
    days = client.get("/api/timeline", params={"kind": "all"}).json()["days"]
    assert days[0]["date"] == "2017-04-02" and sum(d["killed"] for d in days) == 2 + 14 + 3
    page = client.get("/", params={"kind": "all"}).text
    assert "at least 57 killed" in page  # 12 + 3 + 40 + 2: lower bounds of the incidents, not the tally's 400,000
    assert 'data-incident="tally"' in page  # listed all the same


def test_actor_colours_do_not_depend_on_the_filter(client):
    def colours(**params: str) -> dict[str, str]:
        fc = client.get("/api/map", params=params).json()
        return {f["properties"]["perpetrator"]: f["properties"]["colour"] for f in fc["features"]}

    everything = colours()
    assert everything["Russia"] != everything["Syrian government"]
    assert colours(perpetrator="Russia")["Russia"] == everything["Russia"]
    assert colours(admin1="Homs")["Russia"] == everything["Russia"]
    assert colours(outlet="Coast Tribune")["Syrian government"] == everything["Syrian government"]


def test_audit_times_are_utc_with_a_z(client):
    assert client.post("/api/incidents/inc-c/confirm", json={"reason": ""}).status_code == 200
    audit = client.get("/api/incidents/inc-c").json()["audit"]
    assert audit and all(e["at"].endswith("Z") for e in audit)
    page = client.get("/incidents/inc-c").text
    stamp = audit[0]["at"][:19] + "Z"
    assert f'<time datetime="{stamp}">{stamp}</time>' in page

"""The web app over the real store: a temporary SQLite database built once for the module from the
sample articles (the seeds when the sample is absent) plus one hostile article, by the store's
own `run`. Posting articles, evidence offsets, exports, and analysts' corrections surviving a
re-analysis of the same articles."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")
from fastapi.testclient import TestClient  # noqa: E402

from strikewatch.model import Article  # noqa: E402
from strikewatch.web.app import Settings, create_app  # noqa: E402
from strikewatch.web.users import add_user, create_token  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "strikewatch" / "data" / "sample" / "articles.jsonl"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds" / "articles.jsonl"
HOSTILE_ID = "hostile-1"
HOSTILE_TEXT = ("Government shelling killed 5 civilians in Douma on Tuesday, activists said. "
                "<script>alert('x')</script> <img src=x onerror=alert(1)> They said 7 were wounded.")


def corpus() -> Path:
    if SAMPLE.exists():
        return SAMPLE
    if SEEDS.exists():
        return SEEDS
    pytest.fail(f"no articles to build the store from: neither {SAMPLE} nor {SEEDS}")


def build_store(folder: Path):
    """A store at `folder`/web.db, analysed and linked from the corpus and the hostile article."""
    from strikewatch.ingest import read_articles
    from strikewatch.store import Store, run

    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps({"id": HOSTILE_ID, "text": HOSTILE_TEXT, "outlet": "<b>Evil</b> Times",
                                   "published": "2018-02-22", "title": "<img src=x onerror=alert(2)>"}) + "\n")
    store = Store.open(f"sqlite:///{folder / 'web.db'}")
    run(store, read_articles([corpus(), hostile]))
    return store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("store"))


@pytest.fixture(scope="module")
def app(store):
    user = add_user(store.engine, "ana", "analyst-pass", "analyst")
    app = create_app(store, Settings(secret_key=b"a" * 32))
    app.state.test_auth = {"Authorization": f"Bearer {create_token(store.engine, user)}"}
    return app


@pytest.fixture()
def client(app):
    return TestClient(app)


def test_api_store_lists_the_stored_incidents(client, store):
    from strikewatch.store.schema import incidents

    with store.read() as conn:
        stored = conn.execute(incidents.select().where(incidents.c.kind == "incident")).all()
    page = client.get("/api/incidents", params={"per_page": 500}).json()
    assert page["total"] == len(stored) > 0


def test_api_store_evidence_offsets_point_into_the_article_text(client):
    items = client.get("/api/incidents", params={"per_page": 500, "kind": "all"}).json()["items"]
    checked = 0
    for inc in items[:20]:
        d = client.get(f"/api/incidents/{inc['id']}").json()
        for rep in d["reports"]:
            text = client.get(f"/api/articles/{rep['article']}").json()["article"]["text"]
            for span in (s for s in d["evidence"] if s["report"] == rep["id"]):
                assert text[span["start"]:span["end"]] == span["text"] or not span["text"]
                checked += 1
    assert checked > 0


def test_api_store_hostile_article_is_escaped_on_every_page(client):
    art = client.get(f"/api/articles/{HOSTILE_ID}").json()
    assert art["article"]["text"] == HOSTILE_TEXT
    pages = [f"/articles/{HOSTILE_ID}", "/", "/?q=alert"]
    pages += [f"/incidents/{i}" for i in set(art["incidents"].values())]
    for path in pages:
        html = client.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>Evil" not in html, path
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in client.get(f"/articles/{HOSTILE_ID}").text


def test_api_store_posted_article_is_analysed_and_linked(client, app):
    body = {"articles": [{"id": "web-post-1", "outlet": "Test Wire", "published": "2018-02-23",
                          "text": "Air strikes killed 12 civilians in Douma, Eastern Ghouta, on Thursday, "
                                  "the Syrian Observatory for Human Rights said."}]}
    assert client.post("/api/articles", json=body).status_code == 401  # reading is open, writing is not
    r = client.post("/api/articles", json=body, headers=app.state.test_auth)
    assert r.status_code == 201, r.text
    result = r.json()
    assert result["articles"] == ["web-post-1"] and result["reports"] >= 1
    (incident,) = result["incidents"]["web-post-1"][:1]
    d = client.get(f"/api/incidents/{incident}").json()
    assert any(rep["article"] == "web-post-1" for rep in d["reports"])


@pytest.mark.parametrize("fmt, media", [("json", "json"), ("geojson", "json"), ("csv", "csv"), ("acled-csv", "csv")])
def test_api_store_exports(client, fmt, media):
    r = client.get(f"/api/export/{fmt}")
    assert r.status_code == 200 and media in r.headers["content-type"] and r.content


def test_api_store_corrections_survive_reanalysis(client, app, store, tmp_path):
    from strikewatch.ingest import read_articles
    from strikewatch.store import run

    auth = app.state.test_auth
    incidents = client.get("/api/incidents", params={"per_page": 500}).json()["items"]
    multi = next((i for i in incidents if len(i["reports"]) > 1), None)
    a, b = incidents[0]["id"], incidents[1]["id"]
    edit = {"field": "killed", "value": {"low": 3, "best": 4, "high": 9}, "reason": "hospital list"}
    assert client.post(f"/api/incidents/{a}/edit", headers=auth, json=edit).status_code == 200
    assert client.post(f"/api/incidents/{a}/merge", headers=auth, json={"other": b, "reason": "same raid"}).status_code == 200
    if multi is not None and multi["id"] not in (a, b):
        split = {"report": multi["reports"][-1], "reason": "another day"}
        assert client.post(f"/api/incidents/{multi['id']}/split", headers=auth, json=split).status_code == 200
    before = client.get("/api/incidents", params={"per_page": 500, "kind": "all"}).json()

    # The same articles again, and the same articles with a changed text (a new revision): the
    # machine relinks, the analysts' corrections are replayed on top.
    run(store, read_articles([corpus()]))
    assert client.get("/api/incidents", params={"per_page": 500, "kind": "all"}).json() == before
    merged = client.get(f"/api/incidents/{a}").json()
    assert merged["incident"]["killed"] == {"low": 3, "best": 4, "high": 9}
    assert set(incidents[1]["reports"]) <= set(merged["incident"]["reports"])
    assert client.get(f"/api/incidents/{b}").status_code == 404
    assert [e["action"] for e in merged["audit"]][:2] == ["edit", "merge"]
    assert merged["audit"][0]["who"] == "ana" and merged["audit"][0]["before"] == incidents[0]["killed"]

    # An outlet corrects its article: a new revision, read again, its reports relinked under new
    # ids ("X#1@r2"). The analyst's merge and figure still hold.
    rid = incidents[0]["reports"][0]
    article = client.get(f"/api/articles/{merged['reports'][0]['article']}").json()["article"]
    revised = article | {"text": article["text"] + " Rescue workers were still searching the rubble."}
    run(store, [Article.model_validate(revised)])
    again = client.get(f"/api/incidents/{a}").json()
    assert again["incident"]["killed"] == {"low": 3, "best": 4, "high": 9}
    bases = {r.split("@r")[0] for r in again["incident"]["reports"]}
    assert {r.split("@r")[0] for r in incidents[0]["reports"] + incidents[1]["reports"]} <= bases, (rid, bases)
    assert len(again["audit"]) >= 2
    assert any("@r2" in r for r in again["incident"]["reports"])  # the revision was really read again

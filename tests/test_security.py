"""Security: exports that a spreadsheet cannot run, sessions kept on the server, revocable tokens,
login throttling, trusted hosts, no server paths, request limits, no-store on secrets, user
deactivation and last-admin protection (docs/security.md)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import warnings

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")
from fastapi.testclient import TestClient  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from strikewatch.cli import app as cli  # noqa: E402
from strikewatch.limits import Limits  # noqa: E402
from strikewatch.model import Analysis, Article, Count, Dates, Incident, Location, Perpetrator, Report  # noqa: E402
from strikewatch.store import Store, run  # noqa: E402
from strikewatch.store.export import render  # noqa: E402
from strikewatch.store.testing import fake_analyze  # noqa: E402
from strikewatch.web.app import Settings, create_app  # noqa: E402
from strikewatch.web.memory import MemoryStore  # noqa: E402
from strikewatch.web.throttle import Throttle  # noqa: E402
from strikewatch.web.users import (  # noqa: E402
    UserError,
    add_user,
    create_token,
    deactivate_user,
    find_user,
    list_tokens,
    list_users,
    session_user,
    set_password,
    set_role,
    start_session,
    token_user,
)

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
RISKY = ("=", "+", "-", "@", "\t", "\r")


# ---- exports ------------------------------------------------------------------------------------

def hostile_incident() -> tuple[Incident, Report]:
    place = Location(name="=HYPERLINK(\"http://evil.example\",\"Douma\")", admin1="@SUM(A1:A9)",
                     country="Syria", lat=33.57, lon=-3.25, precision="city")
    day = Dates(start=dt.date(2018, 2, 20), end=dt.date(2018, 2, 20), precision="day")
    report = Report(id="r1", article="a1", event_type="Explosions/Remote violence", date=day, location=place,
                    sub_event_type="Air/drone strike", outlet="-2+3+cmd|' /C calc'!A0",
                    perpetrator=Perpetrator(actors=["+Army\x00 of the\x07 night"], attribution="alleged"))
    incident = Incident(id="\tinc-1", reports=["r1"], event_type=report.event_type, date=day, location=place,
                        perpetrator=report.perpetrator, killed=Count(low=3, best=4, high=5),
                        sources=["\rcr monitor", " =1+1 spaced"])
    return incident, report


def csv_cells(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("fmt", ["csv", "acled-csv"])
def test_csv_exports_neutralise_formulas_and_keep_numbers(fmt):
    incident, report = hostile_incident()
    text = render(fmt, [incident], [report])
    assert not CONTROL.search(text) and "\t" not in text and "\r" not in text, "a control character reached the CSV"
    rows = csv_cells(text)
    assert len(rows) == 1
    cells = [v for v in rows[0].values() if v]
    for cell in cells:  # a negative number is the one cell that may start with '-'
        assert not cell.startswith(RISKY) or re.fullmatch(r"-\d+(\.\d+)?", cell), f"formula-like cell {cell!r}"
    lon = rows[0]["longitude"]
    assert float(lon) == -3.25 and lon.startswith("-")  # a number stays a number, sign and all
    joined = " | ".join(cells)
    # the hostile text is still there, behind the quote, not dropped
    assert "'=HYPERLINK(" in joined and "'@SUM(A1:A9)" in joined and "'-2+3+cmd" in joined
    assert "'+Army of the night" in joined


def test_json_and_geojson_exports_hold_no_control_characters():
    incident, report = hostile_incident()

    def strings(doc):
        if isinstance(doc, dict):
            for v in doc.values():
                yield from strings(v)
        elif isinstance(doc, list):
            for v in doc:
                yield from strings(v)
        elif isinstance(doc, str):
            yield doc

    for fmt in ("json", "geojson"):
        text = render(fmt, [incident], [report])
        assert "\\u0000" not in text and "\\u0007" not in text
        values = list(strings(json.loads(text)))
        assert any("Army of the night" in v for v in values)
        assert not [v for v in values if CONTROL.search(v)]
    # JSON is data, not a spreadsheet: its values are not prefixed
    doc = json.loads(render("json", [incident], [report]))
    assert doc["incidents"][0]["location"]["name"].startswith("=HYPERLINK")


def test_cli_and_web_exports_of_a_stored_outlet_formula(tmp_path):
    """An outlet's name alone used to put a formula in ACLED's `source` column."""
    db = tmp_path / "x.db"
    store = Store.open(f"sqlite:///{db}")
    run(store, [Article(id="o1", text="Raids: 6 killed in Douma on 2018-02-20.", outlet="=cmd|'/C calc'!A0\x00",
                        published=dt.date(2018, 2, 21))], analyze=fake_analyze)
    for fmt in ("acled-csv", "csv"):
        out = tmp_path / f"out.{fmt}"
        res = CliRunner().invoke(cli, ["export", "--format", fmt, "-o", str(out), "--db", str(db)])
        assert res.exit_code == 0, res.output
        text = out.read_text()
        assert "\x00" not in text
        rows = csv_cells(text)
        column = "source" if fmt == "acled-csv" else "outlets"
        assert rows[0][column].startswith("'=cmd")
        web = TestClient(create_app(store, Settings(secret_key=b"e" * 32))).get(f"/api/export/{fmt}")
        assert web.status_code == 200 and "\x00" not in web.text
        assert csv_cells(web.text)[0][column].startswith("'=cmd")
    store.close()


# ---- sessions, tokens, users --------------------------------------------------------------------

SECRET_PATH = "/srv/strikewatch/feeds/night-batch.jsonl"


def memory_app(**settings) -> object:
    """The app over an in-memory store holding one article read from a server file, and two users."""
    article = Article(id="a1", text="Shelling killed 3 people in Idlib on Monday, medics said.", outlet="Wire",
                      published=dt.date(2018, 3, 5), path=SECRET_PATH, line=7)
    store = MemoryStore([article], Analysis())
    add_user(store.engine, "ana", "analyst-pass", "analyst")
    add_user(store.engine, "boss", "admin-pass-1", "admin")
    return create_app(store, Settings(secret_key=b"k" * 32, **settings))


def csrf_of(html: str) -> str:
    return html.split('name="csrf_token" value="')[1].split('"')[0]


def sign_in(client: TestClient, name: str, password: str) -> str:
    """Sign in through the form as a browser does; returns the CSRF token the pages now carry."""
    token = csrf_of(client.get("/login").text)
    r = client.post("/login", data={"username": name, "password": password, "csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    return token


def copy_of(app, client: TestClient) -> TestClient:
    """Another browser holding copies of `client`'s cookies (a stolen cookie, a shared machine)."""
    other = TestClient(app)
    for name in ("sw_session", "sw_csrf"):
        other.cookies.set(name, client.cookies[name])
    return other


def test_sign_out_ends_the_session_for_a_copied_cookie_too():
    app = memory_app()
    browser = TestClient(app)
    csrf = sign_in(browser, "ana", "analyst-pass")
    thief = copy_of(app, browser)
    assert thief.get("/account").status_code == 200  # the copy works while the session stands
    assert browser.post("/logout", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    assert thief.get("/account", follow_redirects=False).status_code == 303  # to the sign-in page
    r = thief.post("/account/tokens", data={"csrf_token": csrf, "label": "after logout"})
    assert r.status_code == 401


def test_a_new_password_ends_other_sessions_and_revokes_tokens():
    app = memory_app()
    engine = app.state.store.engine
    here, elsewhere = TestClient(app), TestClient(app)
    csrf = sign_in(here, "ana", "analyst-pass")
    sign_in(elsewhere, "ana", "analyst-pass")
    old_cookie = copy_of(app, here)
    token = create_token(engine, find_user(engine, "ana"))
    bearer = {"Authorization": f"Bearer {token}"}
    assert TestClient(app).get("/account", headers=bearer).status_code == 200

    wrong = here.post("/account/password", data={"csrf_token": csrf, "current": "not-it-at-all", "new": "n3w-pass-word"})
    assert wrong.status_code == 422 and "current password is wrong" in wrong.text
    r = here.post("/account/password", data={"csrf_token": csrf, "current": "analyst-pass", "new": "n3w-pass-word"})
    assert r.status_code == 200 and "Password changed" in r.text
    assert here.get("/account").status_code == 200  # this browser goes on, in a new session
    assert elsewhere.get("/account", follow_redirects=False).status_code == 303
    assert old_cookie.get("/account", follow_redirects=False).status_code == 303  # the old cookie is dead
    assert TestClient(app).get("/account", headers=bearer, follow_redirects=False).status_code == 303

    # the CLI's `user password` calls the same function: it ends this browser's session as well
    set_password(engine, "ana", "an0ther-pass-word")
    assert here.get("/account", follow_redirects=False).status_code == 303


def test_tokens_are_listed_and_revoked_one_by_one_on_the_account_page():
    app = memory_app()
    engine = app.state.store.engine
    ana = find_user(engine, "ana")
    keep, drop = create_token(engine, ana, "keep"), create_token(engine, ana, "drop")
    browser = TestClient(app)
    csrf = sign_in(browser, "ana", "analyst-pass")
    page = browser.get("/account").text
    assert "keep" in page and "drop" in page and keep not in page and drop not in page  # never shown again
    ids = re.findall(r'action="/account/tokens/(\d+)/revoke"', page)
    assert len(ids) == 2
    r = browser.post(f"/account/tokens/{ids[1]}/revoke", data={"csrf_token": csrf})
    assert r.status_code == 200 and f"Revoked token {ids[1]}" in r.text
    assert token_user(engine, drop) is None and token_user(engine, keep).name == "ana"
    # a token id of another user is not yours to revoke
    boss = find_user(engine, "boss")
    boss_token = create_token(engine, boss)
    boss_id = list_tokens(engine, boss)[0].id
    assert browser.post(f"/account/tokens/{boss_id}/revoke", data={"csrf_token": csrf}).status_code == 422
    assert token_user(engine, boss_token).name == "boss"


def test_secret_pages_and_auth_answers_are_not_stored_by_caches():
    app = memory_app()
    browser = TestClient(app)
    assert browser.get("/login").headers["cache-control"] == "no-store"
    token = csrf_of(browser.get("/login").text)
    r = browser.post("/login", data={"username": "ana", "password": "analyst-pass", "csrf_token": token},
                     follow_redirects=False)
    assert r.headers["cache-control"] == "no-store"
    made = browser.post("/account/tokens", data={"csrf_token": token, "label": "cron"})
    assert made.status_code == 200 and "swt_" in made.text and made.headers["cache-control"] == "no-store"
    assert browser.get("/account").headers["cache-control"] == "no-store"
    assert "no-store" not in TestClient(app).get("/api/incidents").headers.get("cache-control", "")


def test_login_is_throttled_per_user_even_for_the_right_password():
    app = memory_app()
    clock = [1000.0]
    app.state.throttle = Throttle(clock=lambda: clock[0])
    browser = TestClient(app)
    token = csrf_of(browser.get("/login").text)
    codes = [browser.post("/login", data={"username": "ana", "password": f"guess-{n}", "csrf_token": token}).status_code
             for n in range(30)]
    assert codes[:5] == [401] * 5 and set(codes[5:]) == {429}
    right = browser.post("/login", data={"username": "ana", "password": "analyst-pass", "csrf_token": token},
                         follow_redirects=False)
    assert right.status_code == 429 and "sw_session" not in browser.cookies
    assert "Too many failed sign-ins" in right.text and "try again in" in right.text
    assert int(right.headers["retry-after"]) > 0
    as_json = browser.post("/login", headers={"Accept": "application/json"},
                           data={"username": "ana", "password": "analyst-pass", "csrf_token": token})
    assert as_json.status_code == 429 and "Too many failed" in as_json.json()["detail"]
    clock[0] += 5 * 60  # a lock of 30 s does not grow while refused attempts come in: 5 min is enough
    ok = browser.post("/login", data={"username": "ana", "password": "analyst-pass", "csrf_token": token},
                      follow_redirects=False)
    assert ok.status_code == 303


def test_login_is_throttled_per_client_address_across_user_names():
    app = memory_app()
    browser = TestClient(app)
    token = csrf_of(browser.get("/login").text)
    for n in range(20):  # one guess each at many names: no single user reaches its limit
        browser.post("/login", data={"username": f"user{n}", "password": "pass-word", "csrf_token": token})
    r = browser.post("/login", data={"username": "boss", "password": "admin-pass-1", "csrf_token": token},
                     follow_redirects=False)
    assert r.status_code == 429 and "retry-after" in r.headers


def test_the_lock_grows_with_each_failure_past_the_limit():
    clock = [0.0]
    t = Throttle(per_user=5, per_address=100, window=1e9, clock=lambda: clock[0])
    keys = t.keys("ana", "10.0.0.9")
    waits = []
    for _ in range(8):
        clock[0] += 10_000  # each failure after the last lock ran out, all inside the (long) window
        t.failed(keys)
        waits.append(t.retry_after(keys))
    assert waits[:4] == [0.0] * 4 and waits[4:] == [30.0, 60.0, 120.0, 240.0]


def test_absolute_urls_never_come_from_the_host_header():
    page = TestClient(memory_app()).get("/", headers={"Host": "evil.example"}).text
    assert "evil.example" not in page and 'href="/static/app.css"' in page


def test_only_allowed_hosts_are_answered():
    app = memory_app(allowed_hosts=("127.0.0.1", "localhost"))
    assert TestClient(app, base_url="http://127.0.0.1:8000").get("/api/incidents").status_code == 200
    assert TestClient(app, base_url="http://localhost").get("/").status_code == 200
    assert TestClient(app, base_url="http://127.0.0.1").get("/", headers={"Host": "evil.example"}).status_code == 400
    assert Settings.from_env().allowed_hosts == ("127.0.0.1", "localhost")  # serve's default
    assert Settings.from_env(extra_hosts=("10.1.2.3",)).allowed_hosts == ("127.0.0.1", "localhost", "10.1.2.3")


def test_the_api_shows_no_server_file_paths():
    client = TestClient(memory_app())
    for url in ("/api/articles/a1", "/articles/a1.json", "/articles/a1"):
        r = client.get(url)
        assert r.status_code == 200 and "night-batch" not in r.text and "/srv/" not in r.text
    assert "Shelling killed 3" in client.get("/api/articles/a1").json()["article"]["text"]
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert "path" not in schema["PublicArticle"]["properties"]


def analyst_headers(app) -> dict[str, str]:
    engine = app.state.store.engine
    return {"Authorization": f"Bearer {create_token(engine, find_user(engine, 'ana'))}"}


def test_request_limits_answer_413_with_the_limit_named():
    app = memory_app(limits=Limits(max_request_bytes=4000, max_request_articles=2, max_article_chars=500))
    client, auth = TestClient(app), analyst_headers(app)

    def post(*texts: str) -> object:
        return client.post("/api/articles", headers=auth, json={"articles": [{"text": t} for t in texts]})

    assert post("Shelling killed 2 in Idlib.").status_code == 201
    many = post("One.", "Two.", "Three.")
    assert many.status_code == 413 and "STRIKEWATCH_MAX_REQUEST_ARTICLES" in many.json()["detail"]
    long = post("word " * 120)
    assert long.status_code == 413 and "STRIKEWATCH_MAX_ARTICLE_CHARS" in long.json()["detail"]
    big = client.post("/api/articles", headers=auth, json={"articles": [{"text": "x" * 5000}]})
    assert big.status_code == 413 and "STRIKEWATCH_MAX_REQUEST_BYTES" in big.json()["detail"]

    def chunks():  # no Content-Length: counted as it arrives
        yield b'{"articles": [{"text": "'
        for _ in range(10):
            yield b"y" * 1000
        yield b'"}]}'

    streamed = client.post("/api/articles", headers=auth | {"Content-Type": "application/json"}, content=chunks())
    assert streamed.status_code == 413 and "STRIKEWATCH_MAX_REQUEST_BYTES" in streamed.json()["detail"]
    form = client.post("/login", data={"username": "ana", "password": "p" * 5000, "csrf_token": "x"})
    assert form.status_code == 413


def test_an_article_over_the_time_budget_is_set_aside_and_the_rest_added(tmp_path):
    """Real extraction in the worker process: a long article runs past a 3 s budget and is killed;
    a short one in the same request is extracted and linked."""
    store = Store.open(f"sqlite:///{tmp_path / 'b.db'}")
    add_user(store.engine, "ana", "analyst-pass", "analyst")
    app = create_app(store, Settings(secret_key=b"b" * 32, limits=Limits(article_seconds=3.0)))
    sentence = ("Artillery shelling killed {n} civilians in the village of Kafr Nabl on Tuesday, "
                "a local monitoring group said, adding that {m} others were wounded. ")
    long_text = "".join(sentence.format(n=n % 40 + 2, m=n % 30 + 1) for n in range(1400))  # ~200,000 characters
    short = "Government air strikes killed 7 civilians in Saraqib on Sunday, rescuers said."
    body = {"articles": [{"id": "long-1", "text": long_text, "outlet": "Wire", "published": "2018-02-06"},
                         {"id": "short-1", "text": short, "outlet": "Wire", "published": "2018-02-05"}]}
    try:
        r = TestClient(app).post("/api/articles", headers=analyst_headers(app), json=body)
        assert r.status_code == 201, r.text
        result = r.json()
        assert any(x.startswith("long-1:") and "budget" in x and "STRIKEWATCH_ARTICLE_SECONDS" in x
                   for x in result["rejected"]), result["rejected"]
        assert result["incidents"]["short-1"] and not result["incidents"]["long-1"]
    finally:
        app.state.store._extract.close()
        store.close()


def test_sessions_table_is_built_by_the_migrations(db_url):
    import sqlalchemy as sa
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from strikewatch.web.users import metadata

    store = Store.open(db_url)
    ours = set(metadata.tables)
    with store.read() as conn:
        assert ours <= set(sa.inspect(conn).get_table_names())
        ctx = MigrationContext.configure(conn, opts={
            "include_name": lambda name, kind, parent: kind != "table" or name in ours})
        assert compare_metadata(ctx, metadata) == []  # the migrations build exactly users.py's tables
    store.close()


def test_deactivation_and_the_last_admin_on_both_databases(db_url):
    runner = CliRunner()
    store = Store.open(db_url)
    engine = store.engine
    boss = add_user(engine, "boss", "admin-pass-1", "admin")
    ana = add_user(engine, "ana", "analyst-pass", "analyst")
    sid, token = start_session(engine, ana, 3600), create_token(engine, ana)
    assert session_user(engine, sid).name == "ana" and token_user(engine, token).name == "ana"

    r = runner.invoke(cli, ["user", "deactivate", "ana", "--db", db_url])
    assert r.exit_code == 0, r.output
    assert session_user(engine, sid) is None and token_user(engine, token) is None
    assert [u.name for u in list_users(engine)] == ["boss"]
    assert runner.invoke(cli, ["user", "activate", "ana", "--db", db_url]).exit_code == 0
    assert token_user(engine, token) is None  # coming back does not bring old tokens back

    for args in (["user", "deactivate", "boss"], ["user", "role", "boss", "analyst"]):
        r = runner.invoke(cli, [*args, "--db", db_url])
        assert r.exit_code != 0 and "last active admin" in r.output
    with pytest.raises(UserError, match="last active admin"):
        set_role(engine, "boss", "viewer")
    with pytest.raises(UserError, match="last active admin"):
        deactivate_user(engine, "boss")
    set_role(engine, "ana", "admin")  # with a second admin, either may step down
    set_role(engine, "boss", "analyst")
    assert find_user(engine, "boss").role == "analyst"
    assert boss.id and store.close() is None


def test_cli_lists_and_revokes_one_token(tmp_path):
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'u.db'}"
    store = Store.open(db)
    ana = add_user(store.engine, "ana", "analyst-pass", "analyst")
    first, second = create_token(store.engine, ana, "first"), create_token(store.engine, ana, "second")
    listing = runner.invoke(cli, ["user", "tokens", "ana", "--db", db]).output
    rows = [line.split("\t") for line in listing.strip().splitlines()]
    assert [r[1] for r in rows] == ["first", "second"] and first not in listing
    assert runner.invoke(cli, ["user", "revoke", "ana", rows[0][0], "--db", db]).exit_code == 0
    assert token_user(store.engine, first) is None and token_user(store.engine, second).name == "ana"
    assert runner.invoke(cli, ["user", "revoke", "ana", rows[0][0], "--db", db]).exit_code != 0  # already gone
    store.close()


def test_admin_page_deactivates_users_but_not_the_last_admin():
    app = memory_app()
    engine = app.state.store.engine
    victim = TestClient(app)
    sign_in(victim, "ana", "analyst-pass")
    admin = TestClient(app)
    csrf = sign_in(admin, "boss", "admin-pass-1")
    r = admin.post("/admin/users/deactivate", data={"csrf_token": csrf, "name": "ana"})
    assert r.status_code == 200 and "ana is deactivated" in r.text and "(deactivated)" in r.text
    assert victim.get("/account", follow_redirects=False).status_code == 303
    for path, extra in (("/admin/users/role", {"role": "viewer"}), ("/admin/users/deactivate", {})):
        r = admin.post(path, data={"csrf_token": csrf, "name": "boss"} | extra)
        assert r.status_code == 422 and "last active admin" in r.text
    assert find_user(engine, "boss").role == "admin"

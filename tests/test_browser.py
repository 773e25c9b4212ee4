"""Debian's Chromium, driven by Playwright, clicking every control of the overview, the incident page
and the review panel over a real server on a free 127.0.0.1 port, and checking the list that results.
The module runs twice: over SQLite and over PostgreSQL (STRIKEWATCH_TEST_PG_URL; skipped without it
outside CI). Every request the browser makes is recorded: none may leave 127.0.0.1. With
STRIKEWATCH_SCREENSHOTS=1 the overview and incident screenshots are also written to docs/screenshots/
(otherwise only to a temporary folder, to check they render).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from test_api_store import HOSTILE_ID, HOSTILE_TEXT, corpus  # tests/ is on sys.path (no __init__.py)

from strikewatch.store.testing import fresh_database, pg_test_url
from strikewatch.web.app import Settings, create_app
from strikewatch.web.users import add_user

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DOCS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _build(url: str, folder: Path):
    """The store at `url`, analysed and linked by `run` from the sample and one hostile article."""
    from strikewatch.ingest import read_articles
    from strikewatch.store import Store, run

    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps({"id": HOSTILE_ID, "text": HOSTILE_TEXT, "outlet": "<b>Evil</b> Times",
                                   "published": "2018-02-22", "title": "<img src=x onerror=alert(2)>"}) + "\n")
    store = Store.open(url)
    run(store, read_articles([corpus(), hostile]))
    return store


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request, tmp_path_factory) -> Iterator[tuple[str, object]]:
    import uvicorn

    folder = tmp_path_factory.mktemp(f"browser-{request.param}")
    pg_url = pg_test_url() if request.param == "postgresql" else None
    with fresh_database(request.param, folder, pg_url=pg_url) as url:
        store = _build(url, folder)
        add_user(store.engine, "ana", "analyst-pass", "analyst")
        app = create_app(store, Settings(secret_key=b"b" * 32))
        port = _free_port()
        srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=srv.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not srv.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}", store
        srv.should_exit = True
        thread.join(timeout=10)
        store.close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: `make test` installs Debian's chromium (or set CHROMIUM_PATH)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser, server):
    """A page that records every request and refuses any not bound for 127.0.0.1, plus console errors."""
    context = browser.new_context(viewport={"width": 1360, "height": 1000})
    seen: list[str] = []
    errors: list[str] = []

    def guard(route):
        seen.append(route.request.url)
        host = urlsplit(route.request.url).hostname
        if host == "127.0.0.1" or route.request.url.startswith("data:"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", guard)
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.seen, pg.errors = seen, errors
    yield pg
    context.close()


# ---- helpers ----

def _catalog(store):
    from strikewatch.web.data import Catalog

    return Catalog(store)


def _listed(pg) -> list[str]:
    """The incident ids of the list, in order."""
    return [r.get_attribute("data-incident") for r in pg.locator("#incidents tbody tr[data-incident]").all()]


def _params(pg) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(pg.url).query, keep_blank_values=True))


def _overview(pg, base: str, path: str = "/") -> None:
    pg.goto(base + path)
    pg.wait_for_selector("#map[data-basemap=ready]")
    pg.wait_for_selector("#map[data-incidents]")
    pg.wait_for_selector("#timeline[data-days]")


def _submit(pg, button: str = "form.filters button[type=submit]") -> None:
    with pg.expect_navigation():
        pg.click(button)
    pg.wait_for_selector("#timeline[data-days]")


def _sign_in(pg, base: str, then: str) -> None:
    pg.goto(f"{base}/login?next={then}")
    pg.fill("input[name=username]", "ana")
    pg.fill("input[name=password]", "analyst-pass")
    with pg.expect_navigation():
        pg.click("form.stack button[type=submit]")


def _shot(pg, name: str, tmp_path: Path) -> Path:
    out = tmp_path / name
    pg.screenshot(path=str(out), full_page=False)
    assert out.stat().st_size > 20_000  # a blank page is a few kB
    if os.environ.get("STRIKEWATCH_SCREENSHOTS"):
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copy(out, DOCS / name)
    return out


def _incident_with_most_reports(store) -> str:
    incidents = _catalog(store).incidents()
    return max(incidents, key=lambda i: (len(i.reports), len(i.discrepancies))).id


def _markers(pg) -> list[dict]:
    """The map's circles (drawn on a canvas, so read from the page's script): id, fill, radius."""
    pg.wait_for_selector("#map[data-incidents]")
    return pg.evaluate("""() => document.getElementById("map").swMarkers.map(
        m => ({id: m.p.id, fill: m.marker.options.fillColor, radius: m.marker.getRadius()}))""")


def _click_marker(pg, incident: str) -> None:
    """A real mouse click on the centre of the incident's circle."""
    x, y = pg.evaluate("""id => {
        const el = document.getElementById("map");
        const m = el.swMarkers.find(m => m.p.id === id);
        const p = el.swMap.latLngToContainerPoint(m.marker.getLatLng());
        const box = el.getBoundingClientRect();
        return [box.left + p.x, box.top + p.y];
    }""", incident)
    pg.mouse.click(x, y)


def _drawn(store) -> list:
    """The incidents the map draws: incidents, not tallies, placed more precisely than a country."""
    return [i for i in _catalog(store).incidents() if i.kind == "incident" and i.location.lat is not None
            and i.location.precision != "country"]


def _killed(text: str) -> int | None:
    m = re.search(r"\d+", text)
    return int(m.group()) if m and "unknown" not in text else None


# ---- the overview ----

def test_browser_overview_draws_map_and_timeline_then_opens_an_incident(page, server, tmp_path):
    base, store = server
    _overview(page, base)
    assert page.locator(".leaflet-overlay-pane canvas").count() >= 1  # countries, then circles, on canvases
    n = int(page.get_attribute("#map", "data-incidents"))
    drawn = _drawn(store)
    assert n == len(_markers(page)) == len(drawn) > 0
    assert page.locator("#timeline rect.bar").count() > 0
    _shot(page, "overview.png", tmp_path)
    lone = _lone_incident(store)
    _click_marker(page, lone)
    page.wait_for_url(f"**/incidents/{lone}")
    assert page.locator("#facts").is_visible()
    assert not page.errors, page.errors


def _lone_incident(store) -> str:
    """An incident drawn alone, a degree or more from any other (a click opens it straight away)."""
    incs = _drawn(store)

    def far(a, b) -> bool:
        return abs(a.location.lat - b.location.lat) + abs(a.location.lon - b.location.lon) > 1.0

    return next(i.id for i in incs if all(far(i, o) for o in incs if o is not i))


def test_browser_filter_button_sends_only_filled_fields_and_filters_the_list(page, server):
    base, store = server
    _overview(page, base)
    page.select_option("select[name=perpetrator]", "Russia")
    _submit(page)
    assert _params(page) == {"perpetrator": "Russia"}  # no empty fields, no defaults
    want = [i.id for i in _catalog(store).incidents() if i.kind == "incident" and "Russia" in i.perpetrator.actors]
    assert want and sorted(_listed(page)) == sorted(want)
    # the map and the timeline follow the list
    assert int(page.get_attribute("#map", "data-incidents")) == len(want)
    # the whole form sent as a plain GET (empty fields and all) is accepted too
    r = page.request.get(base + "/api/incidents?date_from=&date_to=&bbox=&min_killed=&disagreements=&status=&kind=")
    assert r.status == 200


def test_browser_source_and_outlet_filters(page, server):
    base, store = server
    cat = _catalog(store)
    incidents = [i for i in cat.incidents() if i.kind == "incident"]
    source = "Raqqa Is Being Slaughtered Silently"
    _overview(page, base)
    page.fill("input[name=source]", source)
    _submit(page)
    assert _params(page) == {"source": source}
    assert sorted(_listed(page)) == sorted(i.id for i in incidents if source in i.sources)
    # the outlet: read from the articles of each incident's reports, independently of the app
    outlet = "Mideast Press Association"
    arts = cat.articles([r.article for i in incidents for r in cat.reports(i.reports)])
    want = [i.id for i in incidents if any(arts[r.article].outlet == outlet for r in cat.reports(i.reports))]
    _overview(page, base)
    page.select_option("select[name=outlet]", outlet)
    _submit(page)
    assert _params(page) == {"outlet": outlet}
    assert want and sorted(_listed(page)) == sorted(want)
    assert not page.errors, page.errors


def test_browser_map_area_keeps_only_incidents_in_view(page, server):
    base, store = server
    _overview(page, base)
    for _ in range(3):  # zoom in on the map's centre
        page.click(".leaflet-control-zoom-in")
        page.wait_for_timeout(350)
    with page.expect_navigation():
        page.click("#use-map-view")
    page.wait_for_selector("#timeline[data-days]")
    w, s, e, n = (float(v) for v in _params(page)["bbox"].split(","))
    want = [i.id for i in _catalog(store).incidents() if i.kind == "incident" and i.location.lat is not None
            and s <= i.location.lat <= n and w <= i.location.lon <= e]
    everything = [i for i in _catalog(store).incidents() if i.kind == "incident"]
    assert 0 < len(want) < len(everything)
    assert sorted(_listed(page)) == sorted(want)
    assert set(_params(page)) == {"bbox"}


def test_browser_timeline_bar_filters_to_its_dates(page, server):
    base, store = server
    _overview(page, base)
    bar = page.locator("#timeline rect.bar").first
    first, last = bar.get_attribute("data-date"), bar.get_attribute("data-last")  # a day, or a week's bin
    with page.expect_navigation():
        bar.click()
    page.wait_for_selector("#timeline[data-days]")
    assert _params(page) == {"date_from": first, "date_to": last}
    d0, d1 = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    want = [i.id for i in _catalog(store).incidents() if i.kind == "incident" and i.date.start is not None
            and i.date.start <= d1 and d0 <= (i.date.end or i.date.start)]
    assert want and sorted(_listed(page)) == sorted(want)


def test_browser_reversed_date_range_is_refused_with_a_message(page, server):
    base, _ = server
    _overview(page, base)
    page.fill("input[name=date_from]", "2016-11-30")
    page.fill("input[name=date_to]", "2016-11-01")
    before = page.url
    page.click("form.filters button[type=submit]")
    page.wait_for_timeout(300)
    assert page.url == before  # the form stayed put...
    assert "swap" in page.eval_on_selector("input[name=date_to]", "el => el.validationMessage")  # ...and says why
    r = page.goto(base + "/?date_from=2016-11-30&date_to=2016-11-01")
    assert r.status == 422 and "before it starts" in page.inner_text("main")


def test_browser_pagination_walks_the_pages_and_clamps_past_the_last(page, server):
    base, store = server
    total = len([i for i in _catalog(store).incidents() if i.kind == "incident"])
    pages = -(-total // 4)
    assert pages >= 2
    _overview(page, base, "/?per_page=4")
    seen = list(_listed(page))
    for n in range(2, pages + 1):
        with page.expect_navigation():
            page.click("a[rel=next]")
        assert page.inner_text("#page-of") == f"page {n} of {pages}"
        seen += _listed(page)
    assert page.locator("a[rel=next]").count() == 0
    assert len(seen) == len(set(seen)) == total  # every incident once
    with page.expect_navigation():
        page.click("a[rel=prev]")
    assert page.inner_text("#page-of") == f"page {pages - 1} of {pages}"
    page.goto(base + "/?per_page=4&page=999")
    assert page.inner_text("#page-of") == f"page {pages} of {pages}"
    assert f"only {pages} pages" in page.inner_text(".flash")
    assert page.request.get(base + "/api/incidents?per_page=4&page=999").status == 404


def test_browser_sorting_by_killed_and_confidence(page, server):
    base, store = server
    _overview(page, base)
    with page.expect_navigation():
        page.click("a.sort[data-sort=killed]")
    cells = [_killed(t) for t in page.locator("#incidents tbody td:nth-child(5)").all_inner_texts()]
    known = [c for c in cells if c is not None]
    assert known == sorted(known, reverse=True) and cells[:len(known)] == known  # unknown last
    with page.expect_navigation():
        page.click("a.sort[data-sort=killed]")  # again: the other way
    assert _params(page) == {"sort": "killed", "order": "asc"}
    cells = [_killed(t) for t in page.locator("#incidents tbody td:nth-child(5)").all_inner_texts()]
    known = [c for c in cells if c is not None]
    assert known == sorted(known) and cells[:len(known)] == known
    with page.expect_navigation():
        page.click("a.sort[data-sort=confidence]")
    confidence = {i.id: i.confidence for i in _catalog(store).incidents()}
    got = [confidence[i] for i in _listed(page)]
    assert got == sorted(got, reverse=True)
    # the sort stays when a filter is applied
    page.select_option("select[name=perpetrator]", "Russia")
    _submit(page)
    assert _params(page) == {"sort": "confidence", "perpetrator": "Russia"}


def test_browser_stacked_circles_open_a_list_to_pick_from(page, server):
    base, store = server
    incs = _drawn(store)
    spots: dict[tuple, list[str]] = {}
    for i in incs:
        spots.setdefault((i.location.lat, i.location.lon), []).append(i.id)
    stacked = max(spots.values(), key=len)
    assert len(stacked) >= 2
    _overview(page, base)
    _click_marker(page, stacked[0])
    page.wait_for_selector(".stack-popup a.stack-item")
    listed = [a.get_attribute("data-incident") for a in page.locator(".stack-popup a.stack-item").all()]
    assert set(stacked) <= set(listed)
    with page.expect_navigation():
        page.locator(f".stack-popup a.stack-item[data-incident='{stacked[-1]}']").click()
    assert page.url.endswith(f"/incidents/{stacked[-1]}")


def test_browser_tallies_are_listed_but_never_drawn_or_added(page, server):
    base, store = server
    everything = _catalog(store).incidents()
    tallies = [i for i in everything if i.kind == "aggregate"]
    assert tallies, "the sample has tallies over a period"
    _overview(page, base, "/?kind=all")
    assert set(_listed(page)) == {i.id for i in everything}
    drawn = _drawn(store)
    assert int(page.get_attribute("#map", "data-incidents")) == len(drawn)
    assert not {t.id for t in tallies} & {m["id"] for m in _markers(page)}
    assert "tall" in page.inner_text("#map-note")
    toll = sum((i.killed.low if i.killed.low is not None else i.killed.best) or 0
               for i in everything if i.kind == "incident" and i.killed is not None)
    assert f"at least {toll} killed" in page.inner_text("#headline")
    # no circle wider than the cap, whatever the toll
    assert max(m["radius"] for m in _markers(page)) <= 26


def test_browser_actor_colours_do_not_change_with_the_filter(page, server):
    base, store = server
    _overview(page, base)
    colours = {m["id"]: m["fill"] for m in _markers(page)}
    page.select_option("select[name=perpetrator]", "Islamic State")
    _submit(page)
    after = {m["id"]: m["fill"] for m in _markers(page)}
    assert after and all(colours[i] == c for i, c in after.items())
    by_actor = {}
    for inc in _catalog(store).incidents():
        if inc.id in colours and inc.perpetrator.actors:
            by_actor.setdefault(inc.perpetrator.actors[0], set()).add(colours[inc.id])
    assert all(len(c) == 1 for c in by_actor.values())  # one colour an actor
    assert len({next(iter(c)) for c in by_actor.values()}) == len(by_actor)  # and none shared


def test_browser_timeline_axis_labels_fit_inside_the_chart(page, server):
    base, _ = server
    _overview(page, base)
    width = page.eval_on_selector("#timeline svg", "s => s.viewBox.baseVal.width")
    for sel in ("text.axis-right", "text.axis-left", "text.axis-date"):
        boxes = page.eval_on_selector_all(f"#timeline {sel}", "ts => ts.map(t => { const b = t.getBBox(); return [b.x, b.x + b.width]; })")
        assert boxes and all(0 <= left and right <= width for left, right in boxes), (sel, boxes)


# ---- the incident page and review ----

def test_browser_incident_page_map_sources_evidence_and_collapsed_links(page, server, tmp_path):
    base, store = server
    target = _incident_with_most_reports(store)
    page.goto(f"{base}/incidents/{target}")
    page.wait_for_selector("#incident-map[data-ready] path.incident-here")
    page.wait_for_selector("#incident-map[data-basemap=ready]")
    assert page.locator("#sources tbody tr").count() >= 1
    assert page.locator(".article-text mark").count() >= 1
    links = page.locator("details#links")
    assert links.count() == 1 and links.get_attribute("open") is None  # ten pairs: folded away
    _shot(page, "incident.png", tmp_path)
    page.click("details#links summary")
    assert page.locator("details#links li").first.is_visible()
    assert not page.errors, page.errors


def test_browser_review_edit_lands_in_the_audit_log_with_utc_time(page, server):
    base, store = server
    target = _incident_with_most_reports(store)
    _sign_in(page, base, f"/incidents/{target}")
    # the review panel sits above the linking reasons and the sources
    y = {sel: page.locator(sel).bounding_box()["y"] for sel in ("#review", "details#links", "#sources")}
    assert y["#review"] < y["details#links"] < y["#sources"]
    page.select_option("#edit-field", "injured")
    page.fill("#edit-value", "4-9")
    page.fill("#edit-reason", "hospital figures")
    with page.expect_navigation():
        page.click("#edit-form button[type=submit]")
    page.wait_for_selector("#audit tbody tr")
    row = page.locator("#audit tbody tr").last
    text = row.inner_text()
    assert "ana" in text and "edit" in text and "injured" in text and "hospital figures" in text
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", row.locator("time").inner_text())
    assert page.inner_text("#injured").replace("\u2013", "-") == "4-9"
    assert page.get_attribute("#review-status", "data-status") in ("edited", "confirmed")
    api = page.request.get(f"{base}/api/incidents/{target}").json()
    assert all(e["at"].endswith("Z") for e in api["audit"])
    assert not page.errors, page.errors


def test_browser_confirm_then_filter_and_export_only_confirmed(page, server):
    base, store = server
    target = _lone_incident(store)
    _sign_in(page, base, f"/incidents/{target}")
    if page.get_attribute("#review-status", "data-status") != "confirmed":
        with page.expect_navigation():
            page.click("#confirm-form button[type=submit]")
    assert page.get_attribute("#review-status", "data-status") == "confirmed"
    _overview(page, base)
    page.select_option("select[name=status]", "confirmed")
    _submit(page)
    assert _listed(page) == [target]
    assert page.inner_text(f"#incidents tr[data-incident='{target}'] td.status") == "confirmed"
    href = page.get_attribute("a[href^='/api/export/csv']", "href")
    assert "status=confirmed" in href
    lines = page.request.get(base + href).text().splitlines()
    assert len(lines) == 2 and lines[1].startswith(target) and lines[1].endswith(",confirmed")
    page.select_option("select[name=status]", "unreviewed")
    _submit(page)
    assert target not in _listed(page) and _listed(page)


def test_browser_hostile_article_text_runs_no_script(page, server):
    base, _ = server
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{base}/articles/{HOSTILE_ID}")
    page.wait_for_load_state("networkidle")
    assert "<script>" in page.inner_text("#article-text")  # shown as text...
    assert page.locator("#article-text script, #article-text img").count() == 0  # ...never as markup
    assert not dialogs


def test_browser_requests_never_leave_127_0_0_1(page, server):
    base, store = server
    target = _incident_with_most_reports(store)
    for path in ("/", f"/incidents/{target}", "/api/docs", "/login"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    assert page.seen and all(urlsplit(u).hostname == "127.0.0.1" for u in page.seen if not u.startswith("data:")), [
        u for u in page.seen if urlsplit(u).hostname != "127.0.0.1"]

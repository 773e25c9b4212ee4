"""Debian's Chromium, driven by Playwright, through the overview, an incident and a review edit, over
a real server on a free 127.0.0.1 port. Every request the browser makes is recorded: none may leave
127.0.0.1. With STRIKEWATCH_SCREENSHOTS=1 the overview and incident screenshots are also written to
docs/screenshots/ (otherwise only to a temporary folder, to check they render).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from test_api_store import HOSTILE_ID, build_store  # tests/ is on sys.path (no __init__.py)

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


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, object]]:
    import uvicorn

    store = build_store(tmp_path_factory.mktemp("browser"))
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
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.seen, pg.errors = seen, errors
    yield pg
    context.close()


def _shot(pg, name: str, tmp_path: Path) -> Path:
    out = tmp_path / name
    pg.screenshot(path=str(out), full_page=False)
    assert out.stat().st_size > 20_000  # a blank page is a few kB
    if os.environ.get("STRIKEWATCH_SCREENSHOTS"):
        DOCS.mkdir(parents=True, exist_ok=True)
        shutil.copy(out, DOCS / name)
    return out


def test_browser_overview_draws_map_and_timeline_then_opens_an_incident(page, server, tmp_path):
    base, _ = server
    page.goto(base + "/")
    page.wait_for_selector("#map[data-basemap=ready]")
    page.wait_for_selector("#timeline[data-days]")
    page.wait_for_selector("path.incident-marker")
    assert page.locator(".leaflet-overlay-pane path").count() > 100  # the country polygons
    n = int(page.get_attribute("#map", "data-incidents"))
    assert n == page.locator("path.incident-marker").count() > 0
    assert page.locator("#timeline rect.bar").count() > 0
    _shot(page, "overview.png", tmp_path)
    page.locator("path.incident-marker").first.click(force=True)
    page.wait_for_url("**/incidents/**")
    assert page.locator("#facts").is_visible()
    assert not page.errors, page.errors


def test_browser_incident_page_shows_sources_and_highlighted_evidence(page, server, tmp_path):
    base, store = server
    target = _incident_with_most_reports(store)
    page.goto(f"{base}/incidents/{target}")
    assert page.locator("#sources tbody tr").count() >= 1
    assert page.locator(".article-text mark").count() >= 1
    _shot(page, "incident.png", tmp_path)
    assert not page.errors, page.errors


def test_browser_review_edit_lands_in_the_audit_log(page, server):
    base, store = server
    target = _incident_with_most_reports(store)
    page.goto(f"{base}/login?next=/incidents/{target}")
    page.fill("input[name=username]", "ana")
    page.fill("input[name=password]", "analyst-pass")
    page.click("form.stack button[type=submit]")
    page.wait_for_url(f"**/incidents/{target}")
    page.select_option("#edit-field", "injured")
    page.fill("#edit-value", "4-9")
    page.fill("#edit-reason", "hospital figures")
    page.click("#edit-form button[type=submit]")
    page.wait_for_selector("#audit tbody tr")
    row = page.locator("#audit tbody tr").last.inner_text()
    assert "ana" in row and "edit" in row and "injured" in row and "hospital figures" in row
    assert page.inner_text("#injured").replace("\u2013", "-") == "4-9"
    assert not page.errors, page.errors


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


def _incident_with_most_reports(store) -> str:
    from strikewatch.web.data import Catalog

    incidents = Catalog(store).incidents()
    return max(incidents, key=lambda i: (len(i.reports), len(i.discrepancies))).id

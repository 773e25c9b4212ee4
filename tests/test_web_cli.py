"""The web commands on the main CLI: `serve` and `user`."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from strikewatch.cli import app


def test_web_cli_registers_serve_and_user():
    out = CliRunner().invoke(app, ["--help"]).output
    assert "serve" in out and "user" in out
    serve = CliRunner().invoke(app, ["serve", "--help"]).output
    assert "--db" in serve and "--port" in serve


@pytest.fixture
def db(db_url):
    return db_url


def test_web_cli_user_add_token_and_list(db):
    from strikewatch.store import Store
    from strikewatch.web.users import authenticate, token_user

    runner = CliRunner()
    r = runner.invoke(app, ["user", "add", "ana", "--role", "analyst", "--db", db], input="pass-word-1\npass-word-1\n")
    assert r.exit_code == 0, r.output
    assert runner.invoke(app, ["user", "add", "ana", "--db", db], input="pass-word-2\npass-word-2\n").exit_code != 0
    token = runner.invoke(app, ["user", "token", "ana", "--db", db]).output.strip()
    assert token.startswith("swt_")
    store = Store.open(db)
    assert token_user(store.engine, token).name == "ana"
    assert authenticate(store.engine, "ana", "pass-word-1") is not None
    assert authenticate(store.engine, "ana", "pass-word-2") is None
    store.close()
    assert runner.invoke(app, ["user", "list", "--db", db]).output.split() == ["ana", "analyst"]


def test_web_cli_names_a_database_it_cannot_open(tmp_path):
    r = CliRunner().invoke(app, ["user", "list", "--db", f"sqlite:///{tmp_path / 'no' / 'such' / 'x.db'}"])
    assert r.exit_code == 1 and "does not exist" in r.output

"""`strikewatch serve` and `strikewatch user ...`, registered on the main CLI by `register(app)`.

Thin shells: each opens the store, calls one function and prints. Users are made here rather than
on a sign-up page, since who may correct the record is the operator's decision.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Annotated, Any

import typer
from rich.console import Console

err = Console(stderr=True)
out = Console()
# The same --db as the store's commands: a file path or a URL, ./strikewatch.db when not given.
Db = Annotated[str | None, typer.Option("--db", envvar="STRIKEWATCH_DB", show_default="./strikewatch.db",
                                        help="SQLite file or URL (sqlite:///PATH, postgresql://...)")]

user_app = typer.Typer(no_args_is_help=True, help="Analysts who may review incidents, and their API tokens.")


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.add_typer(user_app, name="user")


def serve(
    db: Db = None,
    host: Annotated[str, typer.Option(help="Address to listen on; keep 127.0.0.1 unless behind a proxy")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
) -> None:
    """Serve the web app and the JSON API (docs at /api/docs) on http://HOST:PORT."""
    import uvicorn

    from .app import Settings, create_app

    store = _open(db)
    try:  # the address served on is a host name the app answers, besides STRIKEWATCH_ALLOWED_HOSTS
        settings = Settings.from_env(extra_hosts=() if host in ("0.0.0.0", "::") else (host,))
    except ValueError as exc:  # a limit in the environment that is not a positive number
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(code=1) from None
    app = create_app(store, settings)
    out.print(f"StrikeWatch on [bold]http://{host}:{port}[/bold]  (database {store.url}; Ctrl-C stops)")
    out.print(f"Answering Host: {', '.join(settings.allowed_hosts or ())} (STRIKEWATCH_ALLOWED_HOSTS)")
    if not os.environ.get("STRIKEWATCH_SECRET_KEY"):
        err.print("[yellow]STRIKEWATCH_SECRET_KEY is not set: forms opened before a restart must be "
                  "reloaded after it.[/yellow]")
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False)


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="User name")],
    role: Annotated[str, typer.Option(help="viewer, analyst or admin")] = "analyst",
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True,
                                          envvar="STRIKEWATCH_PASSWORD", help="At least 8 characters")] = "",
    db: Db = None,
) -> None:
    """Add a user who can sign in to the web app."""
    from .users import UserError, add_user

    try:
        user = add_user(_open(db).engine, name, password, role)  # type: ignore[arg-type]
    except UserError as exc:
        raise typer.BadParameter(str(exc)) from None
    out.print(f"added {user.name} ({user.role})")


@user_app.command("password")
def user_password(
    name: Annotated[str, typer.Argument(help="User name")],
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True,
                                          envvar="STRIKEWATCH_PASSWORD")] = "",
    db: Db = None,
) -> None:
    """Set a user's password: every session of theirs ends and every API token is revoked."""
    from .users import UserError, set_password

    try:
        set_password(_open(db).engine, name, password)
    except UserError as exc:
        raise typer.BadParameter(str(exc)) from None
    out.print(f"password set for {name}: their sessions ended and their API tokens were revoked")


@user_app.command("token")
def user_token(
    name: Annotated[str, typer.Argument(help="User name")],
    label: Annotated[str, typer.Option(help="What the token is for")] = "script",
    db: Db = None,
) -> None:
    """Make an API token for scripts (send as 'Authorization: Bearer TOKEN'); it is printed once."""
    from .users import create_token as make

    store = _open(db)
    out.print(make(store.engine, _user(store, name), label), soft_wrap=True)


@user_app.command("tokens")
def user_tokens(name: Annotated[str, typer.Argument(help="User name")], db: Db = None) -> None:
    """List a user's API tokens in force: id, label, made, last used (never the token itself)."""
    from .users import list_tokens

    store = _open(db)
    for t in list_tokens(store.engine, _user(store, name)):
        last = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never used"
        typer.echo(f"{t.id}\t{t.label}\t{t.created_at:%Y-%m-%d %H:%M}\t{last}")  # tabs kept, for scripts


@user_app.command("revoke")
def user_revoke(
    name: Annotated[str, typer.Argument(help="User name")],
    token_id: Annotated[int | None, typer.Argument(help="The token's id (see `user tokens`)")] = None,
    all_tokens: Annotated[bool, typer.Option("--all", help="Revoke every token of the user")] = False,
    db: Db = None,
) -> None:
    """Revoke one API token of a user (or all of them with --all)."""
    from .users import UserError, revoke_token, revoke_tokens

    store = _open(db)
    user = _user(store, name)
    if all_tokens:
        out.print(f"revoked {revoke_tokens(store.engine, user)} token(s) of {name}")
        return
    if token_id is None:
        raise typer.BadParameter("give a token id (see `strikewatch user tokens NAME`) or --all")
    try:
        revoke_token(store.engine, user, token_id)
    except UserError as exc:
        raise typer.BadParameter(str(exc)) from None
    out.print(f"revoked token {token_id} of {name}")


@user_app.command("role")
def user_role(name: Annotated[str, typer.Argument(help="User name")],
              role: Annotated[str, typer.Argument(help="viewer, analyst or admin")], db: Db = None) -> None:
    """Change a user's role (the last active admin stays an admin)."""
    from .users import UserError, set_role

    try:
        set_role(_open(db).engine, name, role)  # type: ignore[arg-type]
    except UserError as exc:
        raise typer.BadParameter(str(exc)) from None
    out.print(f"{name} is now {role}")


def _change_user(change: Callable[..., object], db: str | None, name: str, done: str) -> None:
    """Apply one change to a user; a refused change (the last admin, an unknown name) is a usage error."""
    from .users import UserError

    try:
        change(_open(db).engine, name)
    except UserError as exc:
        raise typer.BadParameter(str(exc)) from None
    out.print(done)


@user_app.command("deactivate")
def user_deactivate(name: Annotated[str, typer.Argument(help="User name")], db: Db = None) -> None:
    """Stop a user signing in: their sessions end and their API tokens are revoked at once."""
    from .users import deactivate_user

    _change_user(deactivate_user, db, name, f"{name} is deactivated: signed out everywhere, API tokens revoked")


@user_app.command("activate")
def user_activate(name: Annotated[str, typer.Argument(help="User name")], db: Db = None) -> None:
    """Let a deactivated user sign in again (their old tokens stay revoked)."""
    from .users import activate_user

    _change_user(activate_user, db, name, f"{name} may sign in again")


@user_app.command("list")
def user_list(
    db: Db = None,
    inactive: Annotated[bool, typer.Option("--all", help="Deactivated users too")] = False,
) -> None:
    """List active users and their roles."""
    from .users import list_users

    for user in list_users(_open(db).engine, inactive=inactive):
        out.print(f"{user.name}\t{user.role}" + ("" if user.active else "\tdeactivated"))


def _user(store: Any, name: str) -> Any:
    from .users import find_user

    user = find_user(store.engine, name)
    if user is None:
        raise typer.BadParameter(f"no active user {name!r}")
    return user


def _open(url: str | None) -> Any:
    from ..store.database import StoreError
    from .backend import open_store

    try:
        return open_store(url)
    except StoreError as exc:  # it names the URL and the cause: show that, not a traceback
        err.print(f"[red]{exc}[/red]", soft_wrap=True)
        raise typer.Exit(code=1) from None

"""`strikewatch serve` and `strikewatch user ...`, registered on the main CLI by `register(app)`.

Thin shells: each opens the store, calls one function and prints. Users are made here rather than
on a sign-up page, since who may correct the record is the operator's decision.
"""

from __future__ import annotations

import os
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

    from .app import create_app

    store = _open(db)
    app = create_app(store)
    out.print(f"StrikeWatch on [bold]http://{host}:{port}[/bold]  (database {store.url}; Ctrl-C stops)")
    if not os.environ.get("STRIKEWATCH_SECRET_KEY"):
        err.print("[yellow]STRIKEWATCH_SECRET_KEY is not set: sessions end when the server stops.[/yellow]")
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
    """Set a user's password."""
    from .users import UserError, set_password

    try:
        set_password(_open(db).engine, name, password)
    except UserError as exc:
        raise typer.BadParameter(str(exc)) from None
    out.print(f"password set for {name}")


@user_app.command("token")
def user_token(
    name: Annotated[str, typer.Argument(help="User name")],
    label: Annotated[str, typer.Option(help="What the token is for")] = "script",
    db: Db = None,
) -> None:
    """Make an API token for scripts (send as 'Authorization: Bearer TOKEN'); it is printed once."""
    from .users import create_token as make
    from .users import list_users

    store = _open(db)
    user = next((u for u in list_users(store.engine) if u.name == name), None)
    if user is None:
        raise typer.BadParameter(f"no user {name!r}")
    out.print(make(store.engine, user, label), soft_wrap=True)


@user_app.command("list")
def user_list(db: Db = None) -> None:
    """List active users and their roles."""
    from .users import list_users

    for user in list_users(_open(db).engine):
        out.print(f"{user.name}\t{user.role}")


def _open(url: str | None) -> Any:
    from ..store.database import StoreError
    from .backend import open_store

    try:
        return open_store(url)
    except StoreError as exc:  # it names the URL and the cause: show that, not a traceback
        err.print(f"[red]{exc}[/red]", soft_wrap=True)
        raise typer.Exit(code=1) from None

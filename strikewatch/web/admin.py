"""The admin's users page: who may sign in, with which role; deactivating and reactivating users.
(The CLI's `strikewatch user` does the same.) The last active admin can neither be demoted nor
deactivated (users.py refuses, and the page says why)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse

from .app import render
from .auth import require
from .users import (
    ROLES,
    Role,
    User,
    UserError,
    activate_user,
    add_user,
    deactivate_user,
    list_users,
    set_role,
)

router = APIRouter(include_in_schema=False)
Admin = Annotated[User, Depends(require("admin"))]


def _page(request: Request, message: str | None = None, error: bool = False) -> HTMLResponse:
    return render(request, "admin.html", {
        "users": list_users(request.app.state.store.engine, inactive=True), "roles": ROLES,
        "messages": [{"kind": "error" if error else "ok", "text": message}] if message else []},
        status_code=422 if error else 200)


@router.get("/admin/users", response_class=HTMLResponse)
def users_page(request: Request, admin: Admin) -> HTMLResponse:
    return _page(request)


@router.post("/admin/users", response_class=HTMLResponse)
def add(request: Request, admin: Admin, name: Annotated[str, Form(max_length=100)],
        password: Annotated[str, Form(max_length=1000)], role: Annotated[Role, Form()] = "analyst") -> HTMLResponse:
    try:
        user = add_user(request.app.state.store.engine, name, password, role)
    except UserError as exc:
        return _page(request, str(exc), error=True)
    return _page(request, f"Added {user.name} ({user.role}).")


@router.post("/admin/users/role", response_class=HTMLResponse)
def change_role(request: Request, admin: Admin, name: Annotated[str, Form(max_length=100)],
                role: Annotated[Role, Form()]) -> HTMLResponse:
    try:
        set_role(request.app.state.store.engine, name, role)
    except UserError as exc:
        return _page(request, str(exc), error=True)
    return _page(request, f"{name} is now {role}.")


@router.post("/admin/users/deactivate", response_class=HTMLResponse)
def deactivate(request: Request, admin: Admin, name: Annotated[str, Form(max_length=100)]) -> HTMLResponse:
    return _change(request, deactivate_user, name, f"{name} is deactivated: signed out everywhere, API tokens revoked.")


@router.post("/admin/users/activate", response_class=HTMLResponse)
def activate(request: Request, admin: Admin, name: Annotated[str, Form(max_length=100)]) -> HTMLResponse:
    return _change(request, activate_user, name, f"{name} may sign in again.")


def _change(request: Request, change: Callable[..., object], name: str, done: str) -> HTMLResponse:
    """One change to a user, its refusal (the last admin, an unknown name) shown on the page."""
    try:
        change(request.app.state.store.engine, name)
    except UserError as exc:
        return _page(request, str(exc), error=True)
    return _page(request, done)

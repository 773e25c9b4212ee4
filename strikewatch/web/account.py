"""Sign-in page, sign-out, and the account page: API tokens (made, listed, revoked one by one or
all at once) and a new password."""

from __future__ import annotations

import math
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from .app import render, wants_json
from .auth import SignedIn, check_csrf, current_user, safe_next, sign_in, sign_out
from .throttle import Throttle, wait_text
from .users import (
    User,
    UserError,
    authenticate,
    create_token,
    list_tokens,
    revoke_token,
    revoke_tokens,
    set_password,
)

router = APIRouter(include_in_schema=False)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", {"next": safe_next(next), "error": None, "username": ""})


@router.post("/login")
async def login(request: Request, username: Annotated[str, Form(max_length=100)],
                password: Annotated[str, Form(max_length=1000)], next: Annotated[str, Form()] = "/") -> Response:
    # CSRF on sign-in too: otherwise another site could sign a browser in as the attacker.
    await check_csrf(request)
    throttle: Throttle = request.app.state.throttle
    keys = throttle.keys(username, request.client.host if request.client else None)
    if wait := throttle.retry_after(keys):  # refused before the password is looked at
        return _locked(request, username, next, wait)
    user = authenticate(request.app.state.store.engine, username, password)
    if user is None:
        throttle.failed(keys)
        return render(request, "login.html", {"next": safe_next(next), "username": username,
                                              "error": "Unknown user or wrong password."}, status_code=401)
    throttle.succeeded(keys)
    response = RedirectResponse(safe_next(next), status_code=303)
    sign_in(request, response, user)
    return response


def _locked(request: Request, username: str, next: str, wait: float) -> Response:
    message = f"Too many failed sign-ins for this user or from this address: try again in {wait_text(wait)}."
    headers = {"Retry-After": str(math.ceil(wait))}
    if wants_json(request):
        return JSONResponse({"detail": message}, status_code=429, headers=headers)
    response = render(request, "login.html", {"next": safe_next(next), "username": username, "error": message},
                      status_code=429)
    response.headers.update(headers)
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    await check_csrf(request)
    response = RedirectResponse("/", status_code=303)
    sign_out(request, response)
    return response


@router.get("/account", response_class=HTMLResponse)
def account(request: Request) -> HTMLResponse:
    user = current_user(request)
    if user is None:
        raise HTTPException(401, "sign in first")
    return _page(request, user)


def _page(request: Request, user: User, *, token: str | None = None, message: str | None = None,
          error: bool = False) -> HTMLResponse:
    context: dict[str, Any] = {"token": token, "tokens": list_tokens(request.app.state.store.engine, user)}
    if message:
        context["messages"] = [{"kind": "error" if error else "ok", "text": message}]
    return render(request, "account.html", context, status_code=422 if error else 200)


@router.post("/account/tokens", response_class=HTMLResponse)
def new_token(request: Request, user: SignedIn,
              label: Annotated[str, Form(max_length=100)] = "script") -> HTMLResponse:
    token = create_token(request.app.state.store.engine, user, label)
    return _page(request, user, token=token)


@router.post("/account/tokens/revoke", response_class=HTMLResponse)
def revoke(request: Request, user: SignedIn) -> HTMLResponse:
    n = revoke_tokens(request.app.state.store.engine, user)
    return _page(request, user, message=f"Revoked {n} token(s).")


@router.post("/account/tokens/{token_id}/revoke", response_class=HTMLResponse)
def revoke_one(request: Request, user: SignedIn, token_id: int) -> HTMLResponse:
    try:
        revoke_token(request.app.state.store.engine, user, token_id)
    except UserError as exc:
        return _page(request, user, message=str(exc), error=True)
    return _page(request, user, message=f"Revoked token {token_id}.")


@router.post("/account/password", response_class=HTMLResponse)
def change_password(request: Request, user: SignedIn, current: Annotated[str, Form(max_length=1000)],
                    new: Annotated[str, Form(max_length=1000)]) -> HTMLResponse:
    """A new password ends every other session and revokes every token; this browser gets a new session."""
    engine = request.app.state.store.engine
    throttle: Throttle = request.app.state.throttle
    keys = throttle.keys(user.name, request.client.host if request.client else None)
    if wait := throttle.retry_after(keys):
        return _page(request, user, message=f"Too many wrong passwords: try again in {wait_text(wait)}.", error=True)
    if authenticate(engine, user.name, current) is None:
        throttle.failed(keys)
        return _page(request, user, message="The current password is wrong.", error=True)
    try:
        set_password(engine, user.name, new)
    except UserError as exc:
        return _page(request, user, message=str(exc), error=True)
    response = _page(request, user, message="Password changed: your other sessions and all your API tokens "
                                             "have ended.")
    sign_in(request, response, user)
    return response

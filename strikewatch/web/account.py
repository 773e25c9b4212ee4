"""Sign-in page, sign-out, and the account page where an analyst makes API tokens."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .app import render
from .auth import SignedIn, check_csrf, current_user, safe_next, sign_in, sign_out
from .users import authenticate, create_token, revoke_tokens

router = APIRouter(include_in_schema=False)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", {"next": safe_next(next), "error": None, "username": ""})


@router.post("/login")
async def login(request: Request, username: Annotated[str, Form(max_length=100)],
                password: Annotated[str, Form(max_length=1000)], next: Annotated[str, Form()] = "/") -> Response:
    # CSRF on sign-in too: otherwise another site could sign a browser in as the attacker.
    await check_csrf(request)
    user = authenticate(request.app.state.store.engine, username, password)
    if user is None:
        return render(request, "login.html", {"next": safe_next(next), "username": username,
                                              "error": "Unknown user or wrong password."}, status_code=401)
    response = RedirectResponse(safe_next(next), status_code=303)
    sign_in(request, response, user)
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    await check_csrf(request)
    response = RedirectResponse("/", status_code=303)
    sign_out(response)
    return response


@router.get("/account", response_class=HTMLResponse)
def account(request: Request) -> HTMLResponse:
    user = current_user(request)
    if user is None:
        raise HTTPException(401, "sign in first")
    return render(request, "account.html", {"token": None})


@router.post("/account/tokens", response_class=HTMLResponse)
def new_token(request: Request, user: SignedIn,
              label: Annotated[str, Form(max_length=100)] = "script") -> HTMLResponse:
    token = create_token(request.app.state.store.engine, user, label)
    return render(request, "account.html", {"token": token})


@router.post("/account/tokens/revoke", response_class=HTMLResponse)
def revoke(request: Request, user: SignedIn) -> HTMLResponse:
    n = revoke_tokens(request.app.state.store.engine, user)
    return render(request, "account.html", {"token": None,
                                            "messages": [{"kind": "ok", "text": f"Revoked {n} token(s)."}]})

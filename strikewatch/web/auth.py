"""Who is asking: session cookies for the browser, bearer tokens for scripts, CSRF for forms.

The session cookie holds a random id that names a row of the `sessions` table (users.py): the
server decides whether it still stands, so signing out, a new password or a deactivated user
ends it even for someone holding a copy of the cookie.

Reading is open. A change needs `require("analyst")` (or "admin"). A browser's change must also
carry the CSRF token (form field `csrf_token` or header `X-CSRF-Token`) bound to its `sw_csrf`
cookie: a cookie is sent by the browser whichever site made the request, the token only by pages
we served. Bearer-token requests skip that check, as no browser attaches them on its own.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPBearer
from starlette.responses import Response

from .security import Signer
from .users import Role, User, end_session, session_user, start_session, token_user

_bearer = HTTPBearer(auto_error=False, description="An API token: `strikewatch user token NAME`")
SESSION_COOKIE = "sw_session"
CSRF_COOKIE = "sw_csrf"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def signer(request: Request) -> Signer:
    return request.app.state.signer  # type: ignore[no-any-return]


def current_user(request: Request) -> User | None:
    """The signed-in user, from a bearer token or the session cookie; None for an anonymous reader.

    A bad bearer token is a 401 rather than anonymous access: a script with a revoked token should
    fail loudly, not quietly read as nobody.
    """
    if hasattr(request.state, "user"):
        return request.state.user  # type: ignore[no-any-return]
    engine = request.app.state.store.engine
    user: User | None = None
    request.state.via_token = False
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise HTTPException(401, "Authorization must be 'Bearer <token>'", headers={"WWW-Authenticate": "Bearer"})
        user = token_user(engine, token.strip())
        if user is None:
            raise HTTPException(401, "unknown or revoked API token", headers={"WWW-Authenticate": "Bearer"})
        request.state.via_token = True
    elif cookie := request.cookies.get(SESSION_COOKIE):
        user = session_user(engine, cookie)
    request.state.user = user
    return user


def require(role: Role) -> Callable[[Request], Awaitable[User]]:
    """A dependency that admits `role` or higher and, for browser sessions, checks the CSRF token."""

    # `bearer` only documents the scheme in the OpenAPI schema (Swagger UI's Authorize button);
    # current_user reads the header itself so that the session cookie works the same way.
    async def dependency(request: Request, bearer: Annotated[object, Depends(_bearer)] = None) -> User:
        user = current_user(request)
        if user is None:
            raise HTTPException(401, "sign in first (or send an API token)", headers={"WWW-Authenticate": "Bearer"})
        if not user.can(role):
            raise HTTPException(403, f"this needs the {role} role; {user.name} is a {user.role}")
        if request.method not in SAFE_METHODS and not request.state.via_token:
            await check_csrf(request)
        return user

    return dependency


# Route parameters: `user: Analyst` admits analysts and admins, `user: SignedIn` anyone signed in.
Analyst = Annotated[User, Depends(require("analyst"))]
SignedIn = Annotated[User, Depends(require("viewer"))]


async def check_csrf(request: Request) -> None:
    token = request.headers.get("x-csrf-token")
    if token is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        token = str((await request.form()).get("csrf_token") or "")
    if not signer(request).check_csrf(request.cookies.get(CSRF_COOKIE), token):
        raise HTTPException(403, "missing or stale CSRF token: reload the page and try again")


def csrf_nonce(request: Request) -> str:
    """This browser's CSRF cookie value, minting one on its first visit (the middleware sets it)."""
    nonce = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if not nonce:
        nonce = request.state.new_csrf = secrets.token_urlsafe(24)
    return nonce


def csrf_token(request: Request) -> str:
    return signer(request).csrf_token(csrf_nonce(request))


def set_csrf_cookie(request: Request, response: Response) -> None:
    """Called for every response: hand out the CSRF cookie minted while rendering, if any."""
    nonce = getattr(request.state, "new_csrf", None)
    if nonce:
        response.set_cookie(CSRF_COOKIE, nonce, httponly=True, samesite="lax", path="/",
                            secure=request.app.state.settings.secure_cookies)


def sign_in(request: Request, response: Response, user: User) -> None:
    """A new session (a new id every time, so a session id planted before sign-in is worthless)."""
    settings = request.app.state.settings
    if old := request.cookies.get(SESSION_COOKIE):
        end_session(request.app.state.store.engine, old)
    value = start_session(request.app.state.store.engine, user, settings.session_max_age)
    response.set_cookie(SESSION_COOKIE, value, max_age=settings.session_max_age, httponly=True,
                        samesite="lax", path="/", secure=settings.secure_cookies)


def sign_out(request: Request, response: Response) -> None:
    """End the session on the server (a copy of the cookie is now worthless) and drop the cookie."""
    if cookie := request.cookies.get(SESSION_COOKIE):
        end_session(request.app.state.store.engine, cookie)
    response.delete_cookie(SESSION_COOKIE, path="/")


def safe_next(target: str | None) -> str:
    """Only same-site paths after signing in: `//evil.example` or `https://...` would be an open redirect."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    # The target arrives decoded; quote it again so an id holding '#' is not cut into a fragment.
    return quote(target, safe="/~?=&%")

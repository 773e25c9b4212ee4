"""The web app: `create_app(store)` builds a FastAPI app over an open store.

One router per page type (overview, incident, article), plus review actions, sign-in, exports and
the API docs; every HTML page has a JSON twin (the same address with `.json`, and `/api/...`).
The app reads the store and writes only through it: new articles go through the store's `run`,
review actions through `review.py`. No route calls `extract/`.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from ..limits import Limits
from .auth import SESSION_COOKIE, csrf_token, current_user, set_csrf_cookie
from .backend import adapt
from .security import BodyLimit, Signer
from .sources import show_value
from .throttle import Throttle

HERE = Path(__file__).parent

# Scripts and styles only from this app: article text is hostile, and even if an escaping bug let
# markup through, the browser would refuse to run it. Leaflet and Swagger UI set styles from
# JavaScript (CSSOM), which style-src does not restrict; Swagger UI's icons are data: URIs.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")


class Problem(BaseModel):
    detail: str


# The error answers routes document in the OpenAPI schema (schemathesis holds them to it).
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem, "description": "No such item"}}
WRITES: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "Not signed in, or an unknown or revoked API token"},
    403: {"model": Problem, "description": "The user's role may not do this, or the CSRF token is missing"},
}


DEFAULT_HOSTS = ("127.0.0.1", "localhost")
# Pages and answers that may hold a secret (a new token, a CSRF token, who is signed in) or answer
# a sign-in: no cache, shared or private, may keep them.
PRIVATE_PATHS = ("/login", "/logout", "/account", "/admin")


@dataclass(frozen=True)
class Settings:
    secret_key: bytes
    secure_cookies: bool = False  # True behind HTTPS; plain http://127.0.0.1 cannot send Secure cookies
    session_max_age: int = 8 * 3600
    # Host headers the app answers; None answers any (an app built in code, as the tests do).
    # `from_env` (what `strikewatch serve` uses) always sets it. No URL is built from the Host
    # header either way: asset links are paths (`url_for` below).
    allowed_hosts: tuple[str, ...] | None = None
    limits: Limits = field(default_factory=Limits)

    @classmethod
    def from_env(cls, extra_hosts: tuple[str, ...] = ()) -> Settings:
        key = os.environ.get("STRIKEWATCH_SECRET_KEY")
        hosts = os.environ.get("STRIKEWATCH_ALLOWED_HOSTS", ",".join(DEFAULT_HOSTS))
        return cls(secret_key=key.encode() if key else secrets.token_bytes(32),
                   secure_cookies=os.environ.get("STRIKEWATCH_SECURE_COOKIES", "") in ("1", "true", "yes"),
                   allowed_hosts=tuple(dict.fromkeys([h.strip() for h in hosts.split(",") if h.strip()]
                                                     + list(extra_hosts))),
                   limits=Limits.from_env())


def create_app(store: Any, settings: Settings | None = None) -> FastAPI:
    """The app over `store` (an open `strikewatch.store.Store`)."""
    from . import account, admin, article, docs, exports, incident, overview, review_routes

    settings = settings or Settings.from_env()
    app = FastAPI(title="StrikeWatch", version="1", docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Conflict incidents linked from news articles: where, when, who, how many, "
                              "who says so, and the characters in the text that prove it.")
    # Adapted once, so the Catalog's per-store cache lives as long as the app.
    app.state.store = adapt(store, settings.limits)
    app.state.settings = settings
    app.state.signer = Signer(settings.secret_key)
    app.state.throttle = Throttle()
    app.state.templates = templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (overview, incident, article, review_routes, exports, account, admin, docs):
        app.include_router(module.router)

    # Inner first: the body limit answers inside the header middleware, which wraps it.
    app.add_middleware(BodyLimit, max_bytes=settings.limits.max_request_bytes,
                       answer=lambda request, detail: error_response(request, 413, detail))

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        set_csrf_cookie(request, response)
        if _private(request, response):
            response.headers["Cache-Control"] = "no-store"
        return response

    if settings.allowed_hosts is not None and "*" not in settings.allowed_hosts:
        # Outermost: a request for another host (DNS rebinding, a forged Host) gets a 400 first.
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error_response(request, exc.status_code, exc.detail, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, _jsonable(exc.errors()))

    return app


def _private(request: Request, response: Response) -> bool:
    return (request.url.path.startswith(PRIVATE_PATHS) or "set-cookie" in response.headers
            or SESSION_COOKIE in request.cookies or "authorization" in request.headers
            or response.status_code in (401, 403, 429))


@jinja2.pass_context
def url_for(context: dict[str, Any], name: str, /, **path_params: Any) -> str:
    """A path, never an absolute URL: Starlette's own `url_for` takes the host from the request's
    Host header, which the client chooses."""
    return str(context["request"].app.url_path_for(name, **path_params))


def templates() -> Jinja2Templates:
    t = Jinja2Templates(directory=HERE / "templates", context_processors=[_context])
    t.env.globals["url_for"] = url_for
    t.env.filters["idpath"] = idpath
    t.env.filters["show"] = show_value
    assert t.env.autoescape, "templates must autoescape: article text is hostile input"
    return t


def idpath(value: str) -> str:
    """An id as one path segment: report and incident ids may hold '#', '~' or '/'."""
    return quote(str(value), safe="~")


def _context(request: Request) -> dict[str, Any]:
    try:
        user = current_user(request)
    except StarletteHTTPException:
        user = None
    # Starlette merges these over the view's context, so views must not need to set these keys.
    return {"user": user, "csrf_token": csrf_token(request)}


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status_code)  # type: ignore[no-any-return]


def wants_json(request: Request) -> bool:
    path = request.url.path
    return (path.startswith("/api/") or path.endswith(".json") or path.endswith(".geojson")
            or "application/json" in request.headers.get("accept", "").split(",")[0])


def unprocessable(message: str, *loc: str) -> StarletteHTTPException:
    """A 422 shaped like FastAPI's own validation errors, so one documented schema fits every 422."""
    return StarletteHTTPException(422, [{"loc": list(loc or ("body",)), "msg": message, "type": "value_error"}])  # type: ignore[arg-type]


def error_response(request: Request, status: int, detail: Any, headers: dict[str, str] | None = None) -> Response:
    if wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)
    if isinstance(detail, list):  # validation errors, as one readable line
        detail = "; ".join(f"{'.'.join(map(str, e.get('loc', [])[1:]))}: {e.get('msg')}" for e in detail)
    if status == 401 and request.method == "GET":
        return Response(status_code=303, headers={"Location": f"/login?next={quote(request.url.path)}"})
    return render(request, "error.html", {"status": status, "detail": detail}, status_code=status)


def _jsonable(errors: Any) -> Any:
    """Validation errors can hold the offending input (bytes, exceptions); keep them printable."""
    import json

    return json.loads(json.dumps(errors, default=str))

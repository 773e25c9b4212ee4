"""Secrets, signed values and CSRF tokens (the standard library only), and the request-body limit.

Passwords are hashed with scrypt (memory-hard, in `hashlib`, so no native extension to pin). API
tokens and session ids are 256 random bits, so a plain SHA-256 of them is enough to store: there
is nothing to brute-force. Sessions live in the database (users.py); CSRF tokens are HMAC-signed
with the app's secret key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# scrypt cost: 2**14 x 8 x 1 takes ~50 ms and 16 MiB, the interactive-login setting of RFC 7914.
_N, _R, _P = 2**14, 8, 1
TOKEN_PREFIX = "swt_"


def hash_password(password: str) -> str:
    """`scrypt$n$r$p$salt$hash`, base64 parts; the parameters travel with the hash so they can grow."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return "$".join(["scrypt", str(_N), str(_R), str(_P), _b64(salt), _b64(digest)])


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(password.encode(), salt=_unb64(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(_unb64(digest)))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, _unb64(digest))


def new_api_token() -> str:
    """A fresh token to show once; the prefix makes a leaked one easy to grep for."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def hash_api_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Signer:
    """Signs small JSON payloads with HMAC-SHA256 and a purpose, so a CSRF token never passes as a
    session cookie or the other way round."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def sign(self, purpose: str, payload: dict[str, object], *, max_age: int) -> str:
        body = dict(payload, exp=int(time.time()) + max_age)
        data = _b64(json.dumps(body, separators=(",", ":"), sort_keys=True).encode())
        return f"{data}.{self._mac(purpose, data)}"

    def unsign(self, purpose: str, value: str) -> dict[str, object] | None:
        """The payload, or None when the signature is wrong, the value garbled or expired."""
        data, _, mac = value.partition(".")
        if not mac or not hmac.compare_digest(mac, self._mac(purpose, data)):
            return None
        try:
            body = json.loads(_unb64(data))
        except (ValueError, UnicodeDecodeError):
            return None
        if not isinstance(body, dict) or not isinstance(body.get("exp"), int) or body["exp"] < time.time():
            return None
        return body

    def csrf_token(self, session_nonce: str) -> str:
        """The token forms carry: bound to the browser's CSRF cookie, so another site cannot mint one."""
        return self._mac("csrf", session_nonce)

    def check_csrf(self, session_nonce: str | None, token: str | None) -> bool:
        if not session_nonce or not token:
            return False
        return hmac.compare_digest(token, self.csrf_token(session_nonce))

    def _mac(self, purpose: str, data: str) -> str:
        return _b64(hmac.new(self._key, f"{purpose}:{data}".encode(), hashlib.sha256).digest())


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class BodyLimit:
    """ASGI middleware: a request body over `max_bytes` is a 413 and is never read whole.

    A declared Content-Length over the limit is refused before a byte is read; a body sent in
    chunks (no length, or a false one) is counted as it arrives and refused once past the limit.
    `answer(request, detail)` renders the 413 the way the app renders every error.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, answer: Callable[[Request, str], Response]) -> None:
        self.app, self.max_bytes, self.answer = app, max_bytes, answer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        detail = (f"the request body is over the limit of {self.max_bytes:,} bytes "
                  "(STRIKEWATCH_MAX_REQUEST_BYTES)")
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self.answer(Request(scope), detail)(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message: Message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    # Raised inside the route's body read, so the app's error handler renders it.
                    raise HTTPException(413, detail)
            return message

        await self.app(scope, counted, send)

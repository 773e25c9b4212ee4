"""Secrets, signed cookies and CSRF tokens, with the standard library only.

Passwords are hashed with scrypt (memory-hard, in `hashlib`, so no native extension to pin). API
tokens are 256 random bits, so a plain SHA-256 of them is enough to store: there is nothing to
brute-force. Session cookies and CSRF tokens are HMAC-signed with the app's secret key; nothing
about a session is kept on the server, so a restart with the same key keeps analysts signed in.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time

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

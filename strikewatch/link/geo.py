"""Whether two reports' places can be one place, and how sure that is.

Kept here rather than borrowed from extract/places.py so linking depends only on the model: the
gazetteer may change, these rules should not.
"""

from __future__ import annotations

import math

from .features import PLACE_RANK, UNKNOWN_RANK, Features

EARTH_KM = 6371.0088
CITY_KM = 5.0  # two city-level points this close are one town spelt two ways ("Raqqa", "Raqa")
INSIDE_KM = 10.0  # a neighbourhood or point this close to a city centre lies in that city
FINE_KM = 3.0  # two neighbourhoods or points: reports name adjacent quarters for one strike

CITY = PLACE_RANK["city"]

# relation -> how much it says that two reports are one incident
PLACE_SCORE = {"same": 2.0, "near": 1.5, "inside": 1.5, "region": 0.5, "country": 0.0, "unknown": 0.0}
PRECISE = frozenset({"same", "near", "inside"})


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def place_relation(a: Features, b: Features) -> tuple[str, float | None]:
    """One of same, near, inside, region (one lies in the other's district or province), country,
    unknown, or "other" (cannot be one place).

    Returns the relation and the distance in km where both places have coordinates.
    """
    if a.country and b.country and a.country != b.country:
        return "other", None
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return "other", None
    if (a.geonameid is not None and a.geonameid == b.geonameid) or (a.place and a.place == b.place):
        # One name for the country ties two reports no more than the country does: "Syria" and
        # "Syria" on one day are not one strike. A province keeps "same": the extractor often reads
        # one "Idlib" or "Aleppo" as the city in one article and as the province in another.
        if min(a.rank, b.rank) == PLACE_RANK["country"]:
            return "country", None
        return "same", None
    km = None
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        km = haversine_km(a.lat, a.lon, b.lat, b.lon)
    if a.rank == UNKNOWN_RANK or b.rank == UNKNOWN_RANK:
        return "unknown", km
    fine, coarse = (a, b) if a.rank <= b.rank else (b, a)
    if coarse.rank > CITY:
        # a district, region or country holds anything in it; the admin1 check above ruled out the rest
        if coarse.rank == PLACE_RANK["country"] or not coarse.admin1 or not fine.admin1:
            return "country", km
        return "region", km
    if km is None:
        return "other", None  # two named towns or quarters without coordinates: different names
    if coarse.rank == CITY and fine.rank == CITY:
        return ("near", km) if km <= CITY_KM else ("other", km)
    if coarse.rank == CITY:
        return ("inside", km) if km <= INSIDE_KM else ("other", km)
    return ("near", km) if km <= FINE_KM else ("other", km)


def within(inner: Features, outer: Features) -> bool:
    """Whether `inner`'s place lies in `outer`'s (used for the incidents an aggregate covers)."""
    if outer.rank == UNKNOWN_RANK or inner.rank > outer.rank:
        return False  # nothing lies in an unknown place, and a region does not lie in a town
    if outer.country and inner.country != outer.country:
        return False
    if outer.rank == PLACE_RANK["country"]:
        return True
    if outer.admin1 and inner.admin1 != outer.admin1:
        return False
    if outer.rank > CITY:
        return bool(outer.admin1)
    return place_relation(inner, outer)[0] in PRECISE

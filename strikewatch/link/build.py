"""An `Incident` from its member reports: stable id, reconciled fields, discrepancies, grade."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Collection, Sequence

from ..model import Incident, Kind, Link, Report
from . import confidence, discrepancies
from .features import source_name
from .reconcile import (
    choose_date,
    choose_location,
    choose_perpetrator,
    claims_of,
    combine,
    current,
    most_common,
    victims,
)


def incident_id(members: Sequence[Report]) -> str:
    """"INC-" and 12 hex digits of the SHA-1 of the founding report's id.

    The founder is the earliest published member (then the smallest id), so when articles arrive
    in publication order a one-shot run and an incremental one name an incident alike. An incident
    that exists keeps its id whatever joins it later; `link` sees to that.
    """
    founder = min(members, key=lambda r: (r.published or dt.date.max, r.id))
    return "INC-" + hashlib.sha1(founder.id.encode("utf-8")).hexdigest()[:12]


def build_incident(iid: str, members: Sequence[Report], links: Sequence[Link] = (), *,
                   kind: Kind = "incident", covers: Sequence[str] = (), aside: Collection[str] = ()) -> Incident:
    """`aside` names members told beside the incident in their article (link/aside.py): members,
    but not reconciled (a past shooting's date or a misread town is not the incident's)."""
    everyone = sorted(members, key=lambda r: r.id)
    members = [r for r in everyone if r.id not in aside] or everyone
    said = claims_of(members)
    date = choose_date(members)
    perpetrator, alternatives = choose_perpetrator(members)
    found = discrepancies.find(members, said, date)
    grade, score = confidence.grade(said, perpetrator, alternatives, found)
    names = {n for s in said if (n := source_name(s.claim.source, s.report))}
    return Incident(
        id=iid,
        reports=[r.id for r in everyone],
        kind=kind,
        event_type=most_common([r.event_type for r in members]),
        sub_event_type=most_common([r.sub_event_type for r in members]),
        date=date,
        location=choose_location(members),
        perpetrator=perpetrator,
        alternative_perpetrators=alternatives,
        killed=combine(current(said, lambda c: c.killed)),
        injured=combine(current(said, lambda c: c.injured)),
        victims=victims(said),
        sources=sorted(names, key=lambda n: (n.lower(), n)),
        discrepancies=found,
        confidence=score,
        grade=grade,
        links=sorted(links, key=lambda k: (k.a, k.b)),
        covers=sorted(covers),
    )

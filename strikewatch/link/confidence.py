"""A grade in the spirit of Airwars' civilian-harm grading, and a 0-1 confidence.

Grades, first match wins (docs/linking.md has the full table):
- contested: the sources disagree on the perpetrator, or the attribution itself is undecided
  ("Syrian or Russian warplanes");
- confirmed: the perpetrator admits it (attribution confirmed or claimed) and two or more
  independent sources report the incident;
- fair: two or more independent sources, or a single one where the perpetrator admits it;
- weak: a single source.

Sources are independent when they are different sources, not different outlets: two papers quoting
the Syrian Observatory are one source, and the sources that speak for one side (the Russian Defense
Ministry, General Rudskoi, "Russia"; the `actor` column of data/lexicon/en/sources.csv) are one voice. The score weighs the number of independent sources (0.45),
their agreement (0.30) and how clear the attribution is (0.25).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from ..model import Discrepancy, Grade, Perpetrator
from .features import norm
from .reconcile import Said

CLARITY = {"confirmed": 1.0, "claimed": 0.9, "alleged": 0.6, "uncertain": 0.3, "unknown": 0.2}
CORE_FIELDS = frozenset({"killed", "date", "location", "perpetrator"})
W_SOURCES, W_AGREEMENT, W_ATTRIBUTION = 0.45, 0.30, 0.25


@functools.cache
def _sides() -> dict[str, str]:
    """Source (normalised) -> the side it speaks for, from the extractor's own lexicons."""
    from .. import lexicon

    lex = lexicon.load()
    sides = {norm(e.source): norm(e.actor) for e in lex.sources.values() if e.source and e.actor}
    sides.update({norm(actor): norm(actor) for actor in lex.actors.values()})
    return sides


def independent_sources(said: Sequence[Said]) -> int:
    sides = _sides()
    return len({"side:" + sides[s.key] if s.key in sides else s.key for s in said})


def grade(said: Sequence[Said], perpetrator: Perpetrator, alternatives: Sequence[Perpetrator],
          discrepancies: Sequence[Discrepancy]) -> tuple[Grade, float]:
    """The grade and the 0-1 confidence of one incident."""
    n = independent_sources(said)
    contested = perpetrator.attribution == "uncertain" or bool(alternatives)
    admitted = perpetrator.attribution in ("confirmed", "claimed")
    label: Grade
    if contested:
        label = "contested"
    elif admitted and n >= 2:
        label = "confirmed"
    elif n >= 2 or admitted:
        label = "fair"
    else:
        label = "weak"
    fields = {d.field for d in discrepancies if not d.field.endswith(".superseded")}
    # a disagreement on a core field costs twice what one on injured or a victim category does
    # counted, not summed as floats over a set: set order varies with the hash seed, and float sums
    # with it, so one run of the same input could differ from the next in the last digit
    core = sum(1 for f in fields if f in CORE_FIELDS)
    agreement = max(0.0, 1.0 - (2 * core + (len(fields) - core)) / 10)
    clarity = CLARITY[perpetrator.attribution]
    if alternatives:
        clarity = min(clarity, CLARITY["uncertain"])
    score = W_SOURCES * (1 - 0.5**n) + W_AGREEMENT * agreement + W_ATTRIBUTION * clarity
    return label, round(min(1.0, max(0.0, score)), 3)

"""The distinctive words of a report's sentences, for the text-similarity feature.

Two wire stories of one strike share its particulars: the market, the bakery, the funeral tent, the
convoy. Every strike report shares the rest ("air strikes killed 12 people, the Observatory said"),
so those words, the function words, dates and places are left out: what remains says which strike
it was. The words come from the report's evidence sentences, so nothing but the model is needed.
"""

from __future__ import annotations

import re
import sys

from ..model import Report

MIN_WORDS = 3  # fewer distinctive words than this say too little to compare
_WORD = re.compile(r"[a-z]{4,}")

STOP = frozenset("""
about above according across activists added adding after again against agency ahead also although among amid
another anyone around attack attacked attacks been before being between both british britain called carried
children city civilian civilians claimed come could dead death deaths district dozens during each earlier early
east eastern either else even every few fighters fire fired five forces four from further government group groups
have having head held here hit hits hundreds including injured injuring into killed killing killings last late
later least less many media might militants military ministry monitor more most much near nearby news night nine
north northern observatory officials once only other over people province reached regime report reported reports
rights said same says seven several since some south southern state still strike strikes struck such syria syrian
targeted targeting than that their them then there these they third this those three through told toll took town
toward towards under until updated using very village wednesday monday tuesday thursday friday saturday sunday
january february march april june july august september october november december week weeks were west western
what when where which while whom will with without women wounded wounding would year years yesterday human based
network local warplanes jets aircraft raid raids airstrike airstrikes shelling shells rebel rebels army troops
assad islamic coalition area areas countryside capital international monitoring announced
""".split())


def content_words(report: Report) -> frozenset[str]:
    """Lower-case words of four letters or more in the report's evidence, less the stop words and the
    words of its place (already compared by the place rules); a plural "s" is dropped."""
    place = set(_WORD.findall(f"{report.location.name or ''} {report.location.mention or ''}".lower()))
    found: set[str] = set()
    for span in report.evidence:
        if span.field is not None:
            continue  # the sentences; dates, places and actors have features of their own
        for w in _WORD.findall(span.text.lower()):
            if w in STOP or w in place:
                continue
            # interned: a run holds one copy of each word, not one per report (100k reports: 60 MB)
            found.add(sys.intern(w[:-1] if w.endswith("s") and not w.endswith(("ss", "us", "is")) else w))
    return frozenset(found - STOP)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if len(a) < MIN_WORDS or len(b) < MIN_WORDS:
        return 0.0
    return len(a & b) / len(a | b)

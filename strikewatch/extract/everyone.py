"""Everyone in a place killed, with no figure: "stormed the camp and killed all those inside",
"killed everyone on board", "killing all the passengers".

People died, how many is not told: the same unknown count as "killed militants and civilians"
(victims.uncounted_dead; ACLED codes it as "an unknown number", docs/conventions.md). Only a death
told as having happened (a past verb or a participle clause, no negation or modal) of a whole group
named by "all" or "everyone"; "all three" or "all 12 passengers" carry their figure and are read
elsewhere.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .victims import _realis

KILL = {"kill", "massacre", "slaughter", "execute", "murder"}
EVERYONE = {"everyone", "everybody", "all"}
# "all those (who were) inside": "those", or a plural noun with "all" before it
GROUP = {"those"}


def _whole(tok: Token) -> bool:
    if tok.like_num or any(c.like_num or c.dep_ == "nummod" or c.lower_ == "of" for c in tok.children):
        return False  # "all 12 passengers": a figure; "all of them": people counted before
    if tok.lower_ in EVERYONE:
        return True
    return any(c.dep_ == "predet" and c.lower_ == "all" for c in tok.children) and (tok.lower_ in GROUP or tok.tag_ == "NNS")


def everyone_killed(sent: SpacySpan) -> tuple[int, int] | None:
    """The span of the whole group a past killing took, or None."""
    for verb in sent:
        if verb.lemma_ not in KILL or verb.tag_ not in ("VBD", "VBN", "VBG") or not _realis(verb):
            continue
        if verb.tag_ == "VBG" and verb.dep_ != "advcl":
            continue  # "accused of killing all those": a charge; ", killing all those inside" tells it
        # the object; or, where a slip dropped "who" ("killed all those were inside"), the subject of
        # the clause the parser hangs on the verb instead
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        objects += [s for c in verb.children if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj"]
        for obj in objects:
            if _whole(obj):
                return obj.left_edge.idx, obj.idx + len(obj)
    return None

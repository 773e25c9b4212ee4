"""Killed and injured: which quantities of a sentence count the dead, which the wounded.

A quantity counts casualties when a casualty word governs it: on its right ("39 people were
killed", "were among the dead"), on its left ("strikes killed 27 civilians", "the death toll rose
to 55", "the deaths of 624 civilians"), or through a list it belongs to ("including seven
children"). Negations give 0 ("nobody was killed"); "no immediate reports of casualties" gives
nothing: unknown is never 0. The token windows are hand-written because the parser attaches
coordinated clauses unreliably ("... women and children and more than 60 people were wounded").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token as SpacyToken

from ..lexicon import Lexicons
from ..model import Count
from .everyone import everyone_killed
from .grievances import inside, reference_spans
from .numbers import Quantity, find_quantities
from .victim_lists import Listed, listed_victims, load_kinship
from .victims import VictimGroup, read_victims, uncounted_dead

Role = str  # "killed" | "injured"

KILL_PASSIVE = {"killed", "dead", "died", "slain", "massacred", "executed", "perished", "murdered", "die",
                "lost", "beheaded", "decapitated", "assassinated", "suffocated", "gunned", "crucified"}
INJURE_PASSIVE = {"wounded", "injured", "hurt", "maimed"}
KILL_ACTIVE = {"killed", "killing", "kills", "kill", "claimed", "slaying", "massacring", "executing", "executed",
               "beheaded", "beheading", "murdered", "assassinated"}
INJURE_ACTIVE = {"wounded", "wounding", "injured", "injuring", "wounds", "injures", "hurt", "hurting", "maiming"}
AUX = {"were", "was", "are", "is", "have", "has", "had", "been", "being", "be", "reportedly", "also", "later",
       "all", "allegedly", "confirmed", "believed", "to", "subsequently", "of", "them", "in", "total",
       "so", "far", "n't", "not", "either", "both", "seriously", "critically", "fatally", "severely", "lightly",
       "badly", "mostly", "who", "that", "civilians", "people", "more", "reported"}
AMONG_KILLED = {"dead", "killed", "victims", "fatalities", "deaths", "casualties"}
AMONG_INJURED = {"wounded", "injured"}
_NEGATION = re.compile(
    r"\b(?:nobody|no one|no-one|none)\b(?:(?:\s+\w+){0,3}?\s+(?:was|were|has been|had been|have been))?\s+"
    r"(?P<verb>killed|hurt|injured|wounded|harmed)|\bno (?P<noun>casualties|deaths|fatalities|injuries)\b"
    r"(?:\s+(?:were|was|have been))?(?!\s+(?:yet\s+)?(?:reported|immediately))",
    re.I,
)
_UNKNOWN = re.compile(r"\bno (?:immediate |initial )?(?:reports?|word|information|details) (?:of|on|about) "
                      r"(?:any )?(?:casualties|deaths|injuries|fatalities)", re.I)
# "casualties of unknown number", "casualties reported, numbers not known": people were hit, how many is
# not told. ACLED codes such an unknown count as a figure (docs/conventions.md, "an unknown number" in
# quantities.csv); "casualties not known" says nothing of whether anyone was hit, and reads nothing.
# ("causalities" is a common slip of the pen for casualties in monitors' notes.)
_UNKNOWN_COUNT = re.compile(
    r"\b(?:casualties|causalities|fatalities|deaths)\s+(?:\w+\s+){0,2}?of\s+(?:an?\s+)?(?:unknown|undisclosed|unspecified)\s+numbers?\b"
    r"|\b(?:an?\s+)?(?:unknown|undisclosed|unspecified)\s+numbers?\s+of\s+(?:casualties|causalities|fatalities|deaths)\b"
    r"|\b(?:casualties|causalities|fatalities|deaths)\s+(?:were\s+|was\s+|have\s+been\s+)?reported\s*[,;]\s*(?:but\s+|with\s+)?(?:the\s+)?"
    r"numbers?\s+(?:(?:are|were|is|was|still|remain|remains)\s+)*(?:not\s+(?:yet\s+)?known|unknown|unclear)",
    re.I)
# A monitor's coding remark closes its note: "Fatalities coded as 0 (the group claimed 4)", "Total
# fatalities coded as 13", "Fatalities split over 2 locations (4)". It is the writer's final figure and
# the figures it sets aside are another party's; see docs/conventions.md.
_CODED = re.compile(r"\b(?:total\s+)?(?:fatalities|deaths)\s+(?:are\s+|were\s+|have\s+been\s+)?"
                    r"(?:coded\s+as\s+(?P<n>\d+)|split\s+(?:over|across|between|among)\s+[^()]{0,60}?\((?P<m>\d+)\))"
                    # "many casualties (coded as 10)": the remark in brackets after a vague figure
                    r"|\(\s*coded\s+as\s+(?P<k>\d+)(?:\s+(?:fatalities|deaths))?(?:\s+in\s+total|\s+total)?\s*\)",
                    re.I)
# "Forces retaliated and killed four militants": the dead of the response are other people than the
# attack's, told after the cue (docs/conventions.md: a toll is all the deaths of the event)
_RESPONSE = re.compile(r"\b(?:retaliat\w*|return(?:ed|ing)?\s+(?:the\s+)?(?:gun)?fire|responded|fought\s+back|"
                       r"counter-?attack\w*|repuls\w*|in\s+response)\b", re.I)
_PRESENT = re.compile(r"\b(?:the dead|those killed|the victims|the casualties|the fatalities)\s+"
                      r"(?:included|include|including|were mostly|were mainly|were)\b(?P<rest>[^.;]*)", re.I)


# patterns of an attacker's own death ("blew himself up", "killing only themselves"): ACLED counts it, but
# a toll told beside it ("killing 27 worshippers") is the event's figure without the bomber
OWN_DEATH = {"blew-self-up", "blew-self-up-conj", "killing-themselves", "killing-themselves-telegraphic"}
# a running toll read on the parse ("the death toll ... has reached three"): it supersedes the figures told
# before it, as the window's toll does
TOLL_PATTERNS = {"toll-verb-figure", "number-of-dead-verb-figure", "toll-reached-figure"}

_LIST_IDS = itertools.count(1)
_GRIEVANCE_DEATH = re.compile(r"kill|murder|death|\bdead\b|\bdied\b|stabb|\bshot\b|lynch|behead|execut|assassinat", re.I)


@dataclass
class CasualtyFact:
    """One figure of the dead or the wounded, with the characters that prove it."""

    role: Role
    count: Count
    category: str | None  # people, civilians, children, women, combatants
    start: int  # char offsets in the Doc's text
    end: int
    ambiguous: bool = False  # "killed or wounded"
    toll: bool = False  # a running toll ("the toll rose to 55"): supersedes earlier figures
    subset_of: int | None = None  # index of the fact this one splits ("including seven children")
    among: bool = False  # "two children were among the dead": a part of a total told elsewhere
    adds: bool = False  # "14 fighters and six soldiers were killed": adds to the figure before it
    coded: bool = False  # "Fatalities coded as 3": the writer's own final figure for the event
    roster: str | None = None  # one person of a list of the dead (victim_lists.py): the name, or a place-holder
    listed_with: int = 1  # how many people the sentence's list names: 2 or more is a list, one is a mention
    list_id: int = 0  # the sentence whose list named this roster person (claims.merge_rosters)
    others: bool = False  # "three other people were shot": hit besides the dead, not among them
    guessed: bool = False  # a roster person whose category is a guess (a given name, "her daughter" with no age)
    own: bool = False  # "a suicide bomber blew himself up": the attacker's own death, the toll only when no other is told
    direct: bool = False  # "23 dead, 12 wounded": a figure told with its death word right after it
    side: str | None = None  # the armed party of counted, fresh dead ("four soldiers": state; "six rebels": rebel)
    response: bool = False  # told after "responded", "retaliated": the other side's dead, added (claims.py)
    uncounted: bool = False  # "killed militants and civilians": an unknown number, the toll only when no other is told
    counted: bool = False  # "four militants were killed": new people counted by a figure (not "the four", not a toll)
    noun: str | None = None  # the lemma of the people's noun ("militant"): what kind of people the figure counts


@dataclass
class SentenceCasualties:
    facts: list[CasualtyFact] = field(default_factory=list)
    present: list[str] = field(default_factory=list)  # "the dead included women and children"
    unknown: bool = False  # "no immediate reports of casualties"
    listed: list[CasualtyFact] = field(default_factory=list)  # the dead named one by one (roster facts)
    references: list[tuple[int, int]] = field(default_factory=list)  # where another event's dead are told (grievances.py)


def _role_right(words: list[str], q: Quantity) -> tuple[Role | None, bool]:
    j = q.end
    while j < len(words) and words[j] in AUX:
        j += 1
    if j >= len(words):
        return None, False
    w = words[j]
    if w == "among" and j + 2 < len(words):
        k = j + 2 if words[j + 1] in ("the", "those") else j + 1
        if words[k] in AMONG_KILLED:
            return "killed", False
        if words[k] in AMONG_INJURED:
            return "injured", False
    if w in KILL_PASSIVE:
        if w == "lost" and not (j + 2 < len(words) and words[j + 2] in ("lives", "life")) \
                and not (q.noun in _LIVES and j > q.end):
            # (not "five lives were lost": the lives are the figure's own noun; but "remembering the nine
            # lives lost in the riots" with no auxiliary describes lives lost before)
            return None, False
        ambiguous = j + 2 < len(words) and words[j + 1] == "or" and words[j + 2] in INJURE_PASSIVE
        return "killed", ambiguous
    if w in INJURE_PASSIVE:
        ambiguous = j + 2 < len(words) and words[j + 1] == "or" and words[j + 2] in KILL_PASSIVE
        return ("killed" if ambiguous else "injured"), ambiguous
    return None, False


def _role_left(words: list[str], q: Quantity) -> tuple[Role | None, bool]:
    j = q.start - 1
    while j >= 0 and words[j] in ("reportedly", "at", "least", "another", "and", "also", "some", "all"):
        j -= 1
    if j < 0:
        return None, False
    w = words[j]
    if (w in KILL_ACTIVE or w in INJURE_ACTIVE) and j > 0 and words[j - 1] in ("were", "was", "been", "are", "is") \
            and words[j + 1: j + 2] == ["and"]:
        return None, False  # "civilians were killed and at least four others ...": passive, it governs no figure after it
    if q.noun in _LIVES and w in _TAKES_LIVES:
        return "killed", False  # "the fighting claimed 20 lives", "cost 15 lives": the lives are the figure's noun
    if w in KILL_ACTIVE:
        if w == "claimed" and not any(x in ("lives", "life") for x in words[q.end : q.end + 3]):
            return None, False
        return "killed", False
    if w in INJURE_ACTIVE:
        return "injured", False
    if w == "left" and q.end < len(words) and words[q.end] in ("dead", "wounded", "injured"):
        return ("killed" if words[q.end] == "dead" else "injured"), False
    if w == "of" and j > 0 and words[j - 1] in ("deaths", "death", "lives", "bodies", "killing"):
        return "killed", False
    if w == "of" and j > 0 and words[j - 1] in ("injuries", "injury"):
        return "injured", False
    # "the death toll rose to 55", "putting the toll at 70", "a toll of 12"
    window = words[max(0, j - 8) : j + 1]  # "put the toll from Saturday's raids higher still, at 61"
    if any(x in window for x in ("earlier", "previous", "initial", "prior")):
        return None, False  # "raising its earlier toll of 10": a superseded figure, not this report's
    before = {w, words[q.start - 1]}  # "at 61" after the skipped hedges too
    if "toll" in window and before & {"to", "at", "of", "reached", "hit", "stood", "passed", "topped", "was", "is"}:
        return "killed", True
    # "the number of dead rose to 16", "thought dead, though the number was later raised to sixteen": a toll
    # told as "the number", when the dead are named just before it and no wounded
    if "number" in window and before & {"to", "at"} and not set(window) & _HARM_NOT_DEATH \
            and set(window) & _RISE and set(words[max(0, j - 14): j]) & _DEATH_WORDS:
        return "killed", True
    return None, False


_LIVES = {"lives", "life"}
# verbs that take lives: "claimed 20 lives", "the clashes cost 15 lives", "took the lives of"
_TAKES_LIVES = {"claimed", "claiming", "claims", "claim", "cost", "costing", "costs", "took", "taking", "takes"}
_RISE = {"rose", "risen", "raised", "climbed", "increased", "reached", "stood", "stands", "jumped", "grew", "revised"}
_DEATH_WORDS = {"dead", "killed", "deaths", "died", "fatalities", "lives"}
_HARM_NOT_DEATH = {"injured", "wounded", "hurt", "injuries", "arrested", "detained", "displaced", "missing"}


def _ranges(quantities: list[Quantity], words: list[str]) -> list[Quantity]:
    """ "between 1 and 4 soldiers": one range, not two groups that add up."""
    out: list[Quantity] = []
    skip = False
    for q, nxt in zip(quantities, [*quantities[1:], None], strict=False):
        if skip:
            skip = False
            continue
        # "at least four and up to six children": a floor and a ceiling of one group
        floor_ceiling = q.count.low is not None and q.count.high is None and q.noun is None and nxt is not None \
            and nxt.count.high is not None and nxt.count.low is None
        if nxt is not None and ("between" in words[max(0, q.start - 1): q.start + 1] or floor_ceiling) \
                and words[q.end: nxt.start] == ["and"] and q.value <= nxt.value:
            nxt.count = Count(low=q.value, high=nxt.value)
            nxt.start = q.start
            out.append(nxt)
            skip = True
            continue
        out.append(q)
    return out


def _agent(sent: SpacySpan, q: Quantity) -> bool:
    """ "when a gunman killed them": the subject of an active verb of harm with an object did the harm."""
    # not a bare figure: "1 killed 3 injured", a headline, is parsed as one person killing three
    # nor a headline's run-on of counted people: "1 security guard killed 5 injured in blast"
    return any(t.dep_ == "nsubj" and not t.like_num and t.head.tag_ in ("VBD", "VBZ", "VBP")
               and any(c.dep_ == "dobj" and not _wounded_figure(c) for c in t.head.children) for t in sent[q.start: q.end])


def _unit_of_one(sent: SpacySpan, q: Quantity, lex: Lexicons) -> bool:
    """ "A jawan of 24 AR troopers was killed", "the father of 3 children was shot dead": a figure inside
    the "of" phrase of one person names a unit or a family, not the dead (that is the one person)."""
    from .victims import _is_person

    for a in sent[q.start].ancestors:
        if a.pos_ in ("VERB", "AUX"):
            return False
        if a.dep_ == "prep" and a.lower_ == "of":
            h = a.head
            return h.tag_ == "NN" and h.i < sent[q.start].i and _is_person(h, lex) \
                and any(c.dep_ in ("det", "poss") and c.lower_ not in ("no", "each", "every") for c in h.children)
    return False


def _wounded_figure(tok: SpacyToken) -> bool:
    """A bare figure followed by its word of wounds: "5 injured"."""
    nxt = tok.doc[tok.i + 1: tok.i + 2]
    return tok.like_num and len(nxt) == 1 and nxt[0].lower_ in ("injured", "wounded", "hurt")


def _own_clause(sent: SpacySpan, words: list[str], q: Quantity) -> bool:
    """ "one rebel was killed and two others arrested": after "and", a figure that is the subject of its
    own predicate is not the object of the death word before it."""
    if "and" not in words[max(0, q.start - 3): q.start]:
        return False
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.head.lower_ not in KILL_ACTIVE for t in sent[q.start: q.end])


def _among(words: list[str], q: Quantity) -> bool:
    j = q.end
    while j < len(words) and words[j] in AUX:
        j += 1
    return j < len(words) and words[j] == "among"


# "three of them children", "41 of the dead were children": a part named after its figure
_PART_OF = (["of", "them"], ["of", "the", "dead", "were"], ["of", "those", "killed", "were"],
            ["of", "the", "victims", "were"], ["of", "the", "dead"], ["of", "whom", "were"],
            # "one of those killed was a child", "one of the victims is a girl", "two of the killed victims were girls"
            ["of", "them", "were"], ["of", "them", "was"], ["of", "whom", "was"], ["of", "the", "dead", "was"],
            ["of", "those", "killed", "was"], ["of", "the", "victims", "was"], ["of", "the", "victims", "is"],
            ["of", "the", "killed", "were"], ["of", "the", "killed", "victims", "were"])


def _part_after(words: list[str], q: Quantity, lex: Lexicons) -> str | None:
    if q.category is not None:
        return None
    for pattern in _PART_OF:
        k = q.end + len(pattern)
        if words[q.end:k] == pattern and k < len(words):
            if words[k] in ("a", "an") and q.count.best == 1 and k + 1 < len(words):
                k += 1  # "one of them was a child"
            category = lex.victims.get(words[k])
            if category in ("children", "women", "civilians", "combatants"):
                return category
    return None


def _dies_after(words: list[str], k: int) -> bool:
    """The clause from k ends at a comma followed by a predicate of death: "..., were killed"."""
    comma = next((j for j in range(k, len(words)) if words[j] in (",", ".", ";")), None)
    if comma is None or words[comma] != ",":
        return False
    j = comma + 1
    while j < len(words) and words[j] in AUX:
        j += 1
    return j < len(words) and words[j] in KILL_PASSIVE


def _in_list_after(words: list[str], q: Quantity, prev: Quantity) -> bool:
    """True when q continues a list opened after prev: "27 civilians, including seven children"."""
    between = words[prev.end : q.start]
    if between[-1:] == ["including"] or between[-2:] == ["among", "them"]:
        return True  # "killed in air strikes on Idlib on Sunday, including a child": any distance
    return bool(between) and (
        between[-1] in ("including", "among", "and", ",") and any(w in ("including", "among", "of") for w in between)
        or between in (["and"], [","])
    ) and len(between) <= 6


_LIST_CUES = {"including", "included", "include", "includes"}
_DEATH_WORDS = {"dead", "killed", "victims", "deaths", "martyrs", "fatalities", "lives", "died", "bodies", "deceased"}
_HURT_WORDS = {"injured", "wounded", "hurt", "injuries", "injuring", "wounding"}
_FINITE = ("VBD", "VBZ", "VBP", "MD")


def _breakdown_role(sent: SpacySpan, words: list[str], quantities: list[Quantity],
                    roles: list[tuple[Role | None, bool, bool]], idx: int) -> tuple[Role, int | None, bool] | None:
    """The role of a child or woman figure inside an "including" list: (role, the whole before the list
    if it has no role yet, whether the list only says who the dead were). The list is found by walking
    back from the figure over list words (figures, nouns, commas, "and") to "including"/"included" or
    "among them", never across a finite verb; its role is the whole's ("killed 20 civilians, including"),
    else the predicate after the list ("..., including four women, were killed"), else the words before
    the cue ("the victims included six children", "among the dead were ..., including 12 children")."""
    q = quantities[idx]
    if not (sent[q.value_i].like_num or words[q.value_i] in ("a", "an")):
        return None  # "including scores of women": a vague word is no breakdown to count
    cue = None
    for k in range(q.start - 1, max(-1, q.start - 30), -1):
        t = sent[k]
        if words[k] in _LIST_CUES or words[k] == "them" and k > 0 and words[k - 1] == "among":
            cue = k if words[k] != "them" else k - 1
            break
        if words[k] in (".", ";", ":") or t.tag_ in _FINITE or t.pos_ == "AUX":
            return None
    if cue is None:
        return None
    before = [p for p in range(idx - 1, -1, -1) if quantities[p].end <= cue]
    # the figure just before the cue, in the same clause, is the whole the list splits
    whole = before[0] if before and quantities[before[0]].category in ("people", "civilians", None) \
        and not any(sent[j].tag_ in _FINITE or sent[j].pos_ == "AUX" for j in range(quantities[before[0]].end, cue)) \
        else None
    if q.category not in ("children", "women"):
        # another kind of person only as a plain member of a list of parts of that whole
        prev = quantities[idx - 1] if idx > 0 else None
        joint = prev is not None and prev.end > cue and words[prev.end:q.start] in (["and"], [","], [",", "and"])
        if whole is None or not (q.start == cue + 1 or joint):
            return None
    # the predicate after the list, in the same clause, says whose list it is
    for k in range(q.end, len(words)):
        if words[k] in (".", ";"):
            break
        if not (words[k - 1] in AUX or words[k - 1] == ","):
            continue  # "killing 20 civilians, including four women, and wounding dozens": another clause
        if words[k] in KILL_PASSIVE and not (words[k] == "lost" and "lives" not in words[k: k + 3]):
            return "killed", whole, False
        if words[k] in INJURE_PASSIVE:
            return None  # "..., including a child, were injured": the wounded, read elsewhere
    if before and roles[before[0]][0] is not None:
        return roles[before[0]][0], None, False  # type: ignore[return-value]
    # the words before the cue say whose list it is
    for k in range(cue - 1, -1, -1):
        if words[k] in (".", ";"):
            break
        if words[k] in _HURT_WORDS:
            return None
        if words[k] in _DEATH_WORDS:
            return "killed", whole, whole is None
    return None


def find_casualties(sent: SpacySpan, lex: Lexicons) -> SentenceCasualties:
    """Killed and injured figures of one parsed sentence."""
    words = [t.lower_ for t in sent]
    out = SentenceCasualties()
    # "no one was killed" is a zero (below), not one death
    quantities = _ranges([q for q in find_quantities(sent, lex) if not (q.start > 0 and words[q.start - 1] == "no")],
                         words)
    roles: list[tuple[Role | None, bool, bool]] = []
    for q in quantities:
        role, ambiguous = _role_right(words, q)
        if role is not None and (_agent(sent, q) or _unit_of_one(sent, q, lex)):
            role, ambiguous = None, False
        toll = False
        if role is None:
            role, toll = _role_left(words, q)
            if role is not None and _own_clause(sent, words, q):
                role, toll = None, False
        roles.append((role, ambiguous, toll))
    amongs = [_among(words, q) for q in quantities]
    adds: set[int] = set()
    # "five children and seven women were among the dead": a coordinated figure takes the role of
    # the next one, and the hedge in front of the list ("at least") applies to every member
    for idx in range(len(quantities) - 2, -1, -1):
        q, nxt = quantities[idx], quantities[idx + 1]
        if roles[idx][0] is None and roles[idx + 1][0] and words[q.end : nxt.start] in (["and"], [","], [",", "and"]):
            roles[idx] = (roles[idx + 1][0], roles[idx + 1][1], False)
            amongs[idx] = amongs[idx + 1]
            adds.add(idx + 1)
            if q.count.low is not None and q.count.best is None and nxt.count.best is not None:
                nxt.count = Count(low=nxt.count.low)  # "at least five children and seven women"
    parts: dict[int, int] = {}
    for idx, q in enumerate(quantities):
        category = _part_after(words, q, lex) if roles[idx][0] is None else None
        if category is None:
            continue
        whole = next((p for p in range(idx - 1, -1, -1) if roles[p][0] == "killed"), None)
        if whole is None and idx > 0 and words[quantities[idx - 1].end: q.start][-1:] == [","] \
                and q.start - quantities[idx - 1].end <= 4 \
                and words[q.end: q.end + 3] == ["of", "whom", "were"] and _dies_after(words, q.end + 3):
            # "nineteen civilians, at least two of whom were children, were killed": the predicate after
            # the clause is the whole's
            whole = idx - 1
            roles[whole] = ("killed", False, False)
        said_dead = words[q.end + 1] in ("the", "those") and words[q.end + 2] in ("dead", "killed")
        if said_dead or whole is not None:
            q.category = category
            roles[idx] = ("killed", False, False)
            if whole is not None:
                parts[idx] = whole
        elif words[q.end + 2] == "victims":
            # "two of the victims were juveniles" with no toll in the sentence: who the victims were,
            # not how many died (in local news the victims are often the wounded)
            q.category = category
            roles[idx] = ("killed", False, False)
            amongs[idx] = True
    # "at least 14 civilians from two families, including four women and nine children, were killed":
    # a breakdown the parse and the windows above miss when the list sits far from its predicate
    for idx, q in enumerate(quantities):
        if roles[idx][0] is None and q.category is not None:
            found = _breakdown_role(sent, words, quantities, roles, idx)
            if found is not None:
                role, whole, among = found
                roles[idx] = (role, False, False)
                amongs[idx] = amongs[idx] or among
                if whole is not None and roles[whole][0] is None:
                    roles[whole] = (role, False, False)
    # a quantity with no role of its own takes the role of the list it continues
    for idx, q in enumerate(quantities):
        if idx > 0 and roles[idx][0] is None and q.category is not None:
            prev_role = roles[idx - 1][0]
            if prev_role and _in_list_after(words, q, quantities[idx - 1]):
                roles[idx] = (prev_role, False, False)
                prev = quantities[idx - 1]
                # "killed 15 civilians and 27 fighters": two groups of the dead, not one inside the other
                if words[prev.end:q.start] in (["and"], [","], [",", "and"]) and \
                        {prev.category, q.category} == {"civilians", "combatants"}:
                    adds.add(idx)
    fact_at: dict[int, int] = {}  # quantity index -> index of its fact in out.facts
    part_of: dict[int, int] = {}  # quantity index -> the quantity it is a part of
    for idx, q in enumerate(quantities):
        role, ambiguous, toll = roles[idx]
        whole_q = parts.get(idx)
        if role is None:
            continue
        # a list inside the dead: "39 killed, including five children and seven women"
        for pidx in range(idx - 1, -1, -1):
            p = quantities[pidx]
            between = words[p.end : q.start]
            # any kind right after "including" ("six civilians, including one medic") is a part too, and
            # so is the next member of that list ("including 14 children, eight women and 11 men")
            opened = between[-1:] == ["including"] or between[-2:] == ["among", "them"] or \
                part_of.get(idx - 1) == pidx and words[quantities[idx - 1].end : q.start] in (["and"], [","], [",", "and"])
            if roles[pidx][0] == role and (q.category in ("children", "women") or opened) and p.category in (
                "people", "civilians", None
            ) and any(w in ("including", "among", "of") for w in between):
                whole_q = pidx
                break
        if whole_q is not None:
            part_of[idx] = whole_q
        subset_of = fact_at.get(whole_q) if whole_q is not None else None
        last = sent[min(q.end, len(sent)) - 1]
        start, end = sent[q.start].idx, last.idx + len(last)
        among = subset_of is None and amongs[idx] and q.category in ("children", "women", "civilians", "combatants")
        fact_at[idx] = len(out.facts)
        # "23 dead, 12 wounded when ...": a figure opening the clause with its death word right after it
        # is read as written, whatever the parse makes of the run-on
        direct = role == "killed" and words[q.end: q.end + 1] in (["dead"], ["killed"]) \
            and (q.start == 0 or words[q.start - 1] in (",", ";", ":", "-", "—"))
        out.facts.append(CasualtyFact(role, q.count, q.category, start, end, ambiguous, toll, subset_of, among,
                                      adds=idx in adds and subset_of is None, direct=direct))
    groups = read_victims(sent, lex)
    _add_distinct_deaths(groups, sent.doc)
    out.facts = _with_parse(out.facts, groups)
    for f in out.facts:
        f.side = _side(f, sent, lex)
        f.counted = (figure := _fresh_figure(f, sent)) is not None and _argument_of_predicate(figure)
        f.noun = next((t.lemma_.lower() for t in reversed(sent) if f.start <= t.idx < f.end and t.pos_ == "NOUN"), None)
    out.listed, members = _roster(sent, groups, lex)
    out.facts = _split_by_ages(out.facts, members, sent)
    if not any(f.role == "killed" for f in out.facts + out.listed):
        bare = uncounted_dead(sent, lex) or everyone_killed(sent)
        if bare is not None:  # "killed militants and civilians": deaths of an unknown number
            out.facts.append(CasualtyFact("killed", lex.quantities["an unknown number"], None, *bare, uncounted=True))
    grievance = reference_spans(sent)
    if grievance:  # "protested against the killing of two lawyers": another event's dead
        told = [f.start for f in out.facts + out.listed]
        # a death told there, even of a victim the lexicon does not know ("after a classmate was
        # stabbed to death"): its words are the grievance's, not this event's
        out.references = [(s, e) for s, e in grievance if any(s <= t < e for t in told)
                          or _GRIEVANCE_DEATH.search(sent.doc.text, s, e)]
        out.facts = [f for f in out.facts if not inside(grievance, f.start)]
        out.listed = [f for f in out.listed if not inside(grievance, f.start)]
    text = sent.text
    base = sent.start_char
    response = _RESPONSE.search(text)
    if response:
        for f in out.facts:
            if f.role == "killed" and f.start - base >= response.end() and not (f.toll or f.among or f.subset_of is not None):
                f.adds = f.response = True
    coded = _CODED.search(text)
    if coded:
        n = int(coded.group("n") or coded.group("m") or coded.group("k"))
        out.facts = [f for f in out.facts if f.role != "killed"]  # the figures it sets aside
        out.facts.append(CasualtyFact("killed", Count(low=n, best=n, high=n), None, base + coded.start(),
                                      base + coded.end(), toll=True, coded=True))
    unknown_count = _UNKNOWN_COUNT.search(text)
    if unknown_count and not coded and not any(f.role == "killed" for f in out.facts):
        # casualties, not only the dead: a figure that may hold the wounded too
        out.facts.append(CasualtyFact("killed", lex.quantities["an unknown number"], None, base + unknown_count.start(),
                                      base + unknown_count.end(),
                                      ambiguous=not re.search(r"fatalit|death", unknown_count.group(0), re.I)))
    for m in _NEGATION.finditer(text):
        if _UNKNOWN.search(text):
            break
        verb = (m.group("verb") or m.group("noun") or "").lower()
        zero = Count(low=0, best=0, high=0)
        if verb in ("killed", "deaths", "fatalities"):
            out.facts.append(CasualtyFact("killed", zero, None, base + m.start(), base + m.end()))
        elif verb in ("hurt", "harmed", "casualties"):  # nobody hurt: neither killed nor wounded
            out.facts.append(CasualtyFact("killed", zero, None, base + m.start(), base + m.end()))
            out.facts.append(CasualtyFact("injured", zero, None, base + m.start(), base + m.end()))
        else:
            out.facts.append(CasualtyFact("injured", zero, None, base + m.start(), base + m.end()))
    out.unknown = bool(_UNKNOWN.search(text))
    for m in _PRESENT.finditer(text):
        rest = m.group("rest").lower()
        for word, category in lex.victims.items():
            if category in ("children", "women", "civilians", "combatants") and re.search(rf"\b{re.escape(word)}\b", rest):
                # only as "present" when the list gives no figure for it
                if category not in out.present and not any(f.category == category for f in out.facts):
                    out.present.append(category)
    return out


def _roster(sent: SpacySpan, groups: list[VictimGroup], lex: Lexicons) -> tuple[list[CasualtyFact], list[Listed]]:
    """The dead the sentence names one by one (victim_lists.py), as roster facts: claims.py merges them
    over the incident and uses them only where no figure is stated."""
    heads = [g.head for g in groups if g.role == "killed" and g.head >= 0 and not g.ambiguous]
    # "was killed alongside his wife, B, and their children C and D": the companions are listed too
    heads += [o.i for g in groups if g.role == "killed" for p in sent.doc[g.verb].children
              if p.dep_ == "prep" and p.lower_ in ("alongside", "with", "besides", "beside", "along", "together")
              for o in p.subtree if o.dep_ == "pobj" and o.lower_ != "addition"][:1]
    out: list[CasualtyFact] = []
    found = listed_victims(sent, heads, lex)
    list_id = next(_LIST_IDS)
    for p in found:
        n = Count(low=p.count, best=p.count, high=p.count)
        out.append(CasualtyFact("killed", n, p.category, p.start, p.end, roster=p.key or f"@{p.start}",
                                listed_with=sum(q.count for q in found), guessed=p.guessed, list_id=list_id))
    return out, found


def _split_by_ages(facts: list[CasualtyFact], found: list[Listed], sent: SpacySpan) -> list[CasualtyFact]:
    """ "killed with her three daughters, A (23), B (15) and C (9)": a word of kinship that tells no age
    (daughters, sisters, nieces: women by the lexicon) counts girls too; the ages of the members named
    after it split its figure into the children and the women (the rest keep the word's category)."""
    kinship = load_kinship()
    out = list(facts)
    for f in facts:
        n = f.count.best
        if f.role != "killed" or f.roster or f.category != "women" or n is None:
            continue
        young = sum(1 for p in found if p.group is not None and f.start < p.group[1] and p.group[0] < f.end
                    and p.aged and p.category == "children")
        relational = any((k := kinship.get(t.lower_)) is not None and k.minor is None
                         for t in sent if f.start <= t.idx < f.end)
        if not young or not relational:
            continue
        young = min(young, n)
        if young == n:
            f.category = "children"
            continue
        f.count = Count(low=n - young, best=n - young, high=n - young)
        out.append(replace(f, count=Count(low=young, best=young, high=young), category="children"))
    return out


def _with_parse(facts: list[CasualtyFact], groups: list[VictimGroup]) -> list[CasualtyFact]:
    """Victims counted on the parse (victims.py) replace the window reading of the same figures.

    The windows above read tolls, "among the dead" and lists of parts well; the parse reads who
    the victims are (singular, described, named, coordinated, companions). Where both read the same
    words, the parse wins unless the window saw a toll or an "among"; where the windows saw nothing,
    the parse adds its figures."""
    facts = _drop_misread(facts, groups)
    _add_distinct_shots(groups)
    for g in groups:
        spans = [(m.start, m.end) for m in g.members]
        overlap = [f for f in facts if f.role == g.role and any(f.start < e and s < f.end for s, e in spans)]
        # an "among" figure protects what it overlaps, but not the parse's whole around a part it reads
        wholes = [(m.start, m.end) for m in g.members if not m.subset]
        on_whole = [f for f in overlap if any(f.start < e and s < f.end for s, e in wholes)]
        if any(f.toll for f in overlap) or any(f.among for f in on_whole) or (g.ambiguous and on_whole):
            continue
        whole = [m for m in g.members if not m.subset and m.count is not None]
        if not whole:
            continue
        kept = [f for f in facts if f not in overlap]
        index = {id(f): n for n, f in enumerate(kept)}
        first = len(kept)
        # a part of a window figure the parse reads again is a part of the parse's figure (appended next)
        replaced = first if not all(m.category in ("children", "women") for m in whole) else None
        old_subsets = [(f, facts[f.subset_of]) for f in kept if f.subset_of is not None and f.subset_of < len(facts)]
        for f, total_fact in old_subsets:
            f.subset_of = index.get(id(total_fact), replaced if total_fact in overlap else None)
        if all(m.category in ("children", "women") for m in whole):
            # "a child and two women were killed": parts, whose sum is the dead (claims.py); a
            # woman and her daughter are two women
            by_cat: dict[str, CasualtyFact] = {}
            for m in whole:
                if m.category in by_cat:
                    part = by_cat[m.category]  # type: ignore[index]
                    part.count, part.end = part.count.plus(m.count), m.end  # type: ignore[arg-type]
                else:
                    by_cat[m.category] = CasualtyFact(g.role, m.count, m.category, m.start, m.end,  # type: ignore[index,arg-type]
                                                      ambiguous=g.ambiguous, adds=g.adds and not by_cat)
            kept += by_cat.values()
            facts = kept
            continue
        # one figure per predicate, its victims added up ("4 policemen and 1 commando": 5), so that the
        # companions of a later sentence never add to an earlier sentence's total
        counts = [m.count for m in whole if m.count is not None]
        total = counts[0]
        for c in counts[1:]:
            total = total.plus(c)
        cats = {m.category for m in whole}
        category = cats.pop() if len(cats) == 1 else "people"
        own, toll = g.pattern in OWN_DEATH, g.pattern in TOLL_PATTERNS
        kept.append(CasualtyFact(g.role, total, category, min(m.start for m in whole),  # type: ignore[arg-type]
                                 max(m.end for m in whole), ambiguous=g.ambiguous, adds=g.adds and not own and not toll,
                                 others=g.others and g.role == "shot", own=own, toll=toll))
        if own:
            facts = kept
            continue  # who the attackers were is no breakdown of the dead
        # the breakdown inside that figure: children and women always, civilians and combatants when mixed
        parts: dict[str, CasualtyFact] = {}
        for m in g.members:
            if m.count is None or m.category not in ("children", "women", "civilians", "combatants"):
                continue
            if m.category in ("civilians", "combatants") and category == m.category:
                continue  # the whole figure is of that kind already
            if m.category in parts and not m.subset:
                part = parts[m.category]
                part.count, part.end = part.count.plus(m.count), m.end
            else:
                parts[m.category] = CasualtyFact(g.role, m.count, m.category, m.start, m.end, subset_of=first)
        kept += parts.values()
        facts = kept
    return facts


ARMED = ("state", "rebel", "militia")
EARLIER = {"after", "following", "before", "since"}


def _fresh_figure(f: CasualtyFact, sent: SpacySpan) -> SpacyToken | None:
    """The figure of dead told as new people counted ("four soldiers", not "the four soldiers"), in this
    event (not "after one soldier was killed"); None for tolls, parts, casualties and rosters."""
    if f.role != "killed" or f.ambiguous or f.toll or f.among or f.subset_of is not None or f.roster or f.coded:
        return None
    toks = [t for t in sent if f.start <= t.idx < f.end]
    figure = next((t for t in toks[:4] if t.like_num), None)
    if figure is None or any(t.lower_ in ("the", "those", "these", "their", "its") for t in toks[: figure.i - toks[0].i]) \
            or figure.i > 0 and sent.doc[figure.i - 1].lower_ in ("the", "those", "these"):
        return None
    # "16 militants were killed ... after one soldier was killed by a bomb": a death told as what came
    # before is another event, not more dead of this one
    for a in figure.ancestors:  # up to the predicate: "following the killing of two soldiers", "after ... was killed"
        if a.dep_ == "prep" and a.lower_ in EARLIER:
            return None
        if a.pos_ in ("VERB", "AUX"):
            if a.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in EARLIER for c in a.children) \
                    or a.dep_ == "pcomp" and a.head.lower_ in EARLIER:
                return None
            break
    return figure


def _argument_of_predicate(figure: SpacyToken) -> bool:
    """The figure counts a subject or an object of its verb, not people inside a phrase ("lynched over the
    deaths of two students": the cause, another event)."""
    for a in figure.ancestors:
        if a.pos_ in ("VERB", "AUX"):
            return True
        if a.dep_ in ("prep", "pobj", "pcomp"):
            return False
    return False


def _side(f: CasualtyFact, sent: SpacySpan, lex: Lexicons) -> str | None:
    """The armed party (parties.csv) of dead told as new people counted by a figure: "four soldiers"
    (state), "the bodies of six rebels" (rebel). None for civilians, for people told back ("the
    soldiers"), for a mix of sides, and for tolls, parts and casualties."""
    toks = [t for t in sent if f.start <= t.idx < f.end]
    if _fresh_figure(f, sent) is None:
        return None
    # "two bodies of rebel fighters were found": whose bodies they are
    toks += [g for t in toks if t.lower_ in ("body", "bodies", "corpses") for p in t.children
             if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    types = set()
    for t in toks:
        if t.pos_ not in ("NOUN", "PROPN") or t.dep_ == "compound":
            continue
        compound = " ".join(c.lower_ for c in t.lefts if c.dep_ == "compound")
        kind = next((lex.parties[k] for k in (f"{compound} {t.lower_}".strip(), t.lower_, t.lemma_.lower())
                     if k in lex.parties), None)
        if kind is not None:
            types.add(kind)
    if len(types) != 1 or not types <= set(ARMED):
        return None
    return "state" if types == {"state"} else "armed group"  # rebels and militias: the other side of the state


def _drop_misread(facts: list[CasualtyFact], groups: list[VictimGroup]) -> list[CasualtyFact]:
    """A window figure the parse gives to another predicate is misread: in "one man was killed and
    three other people were shot" the windows read "killed ... three", the parse sees that the three
    are the subject of "were shot". Kept when a parse predicate of the window's own role has them too."""
    def covers(f: CasualtyFact, g: VictimGroup) -> bool:
        return any(f.start < m.end and m.start < f.end for m in g.members if not m.subset)

    return [f for f in facts if f.toll or f.among or f.coded or f.direct
            or not any(covers(f, g) and g.role != f.role for g in groups)
            or any(covers(f, g) and g.role == f.role for g in groups)]


def _add_distinct_shots(groups: list[VictimGroup]) -> None:
    """ "A girl was grazed by a bullet, and a man was shot in the leg": two predicates of one sentence
    with victims of their own, so the people hit add up (a later sentence restates instead)."""
    seen: list[VictimGroup] = []
    for g in groups:
        if g.role != "shot" or g.pattern.endswith("+conj"):
            continue
        spans = [(m.start, m.end) for m in g.members]
        if seen and g.fresh and not any(s < m.end and m.start < e for s, e in spans for o in seen for m in o.members):
            g.adds = True
        seen.append(g)


def _best(c: Count | None) -> int | None:
    return None if c is None else c.best if c.best is not None else c.low


def _main_clause(verb: SpacyToken) -> bool:
    """The root, or a predicate joined to it by a chain of "and"s: in "12 soldiers were killed and 30
    wounded and two rebels were killed" the last "killed" hangs on "wounded", itself on the root. What
    was said is a main clause too ("the army said 9 soldiers were killed and ..."); a relative or an
    adverbial clause (", who died later") is not."""
    while verb.dep_ == "conj":
        verb = verb.head
    return verb.dep_ == "ROOT" or verb.dep_ == "ccomp" and verb.head.dep_ == "ROOT"


def _add_distinct_deaths(groups: list[VictimGroup], doc: Doc) -> None:
    """ "One rebel was killed, and ten soldiers were killed over two days": two main clauses of one
    sentence, each with victims of its own told as new people, add up; "one of them", "the man" or a
    clause inside another (", who died later") restate."""
    seen: list[VictimGroup] = []
    for g in groups:
        if g.role != "killed" or g.pattern.endswith("+conj") or g.head < 0:
            continue
        head, verb = doc[g.head], doc[g.verb]
        partitive = any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)
        # told as counted or indefinite people ("ten soldiers", "a policeman"), not a list of names
        counted = head.like_num or any(c.dep_ == "nummod" or c.dep_ == "det" and c.lower_ in ("a", "an", "another")
                                       for c in head.children)
        main = _main_clause(verb)
        spans = [(m.start, m.end) for m in g.members]
        # the same figure told again is a restatement ("attack kills 31 ... the attack killed 31 people")
        figures = {_best(m.count) for m in g.members} - {None}
        again = bool(figures) and figures <= {_best(m.count) for o in seen for m in o.members}
        if seen and g.fresh and main and counted and not partitive and not again \
                and not any(s < m.end and m.start < e for s, e in spans for o in seen for m in o.members):
            g.adds = True
        seen.append(g)

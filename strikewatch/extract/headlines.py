"""Headline grammar: the casualties a title tells in the telegraphic style of news headlines.

Headlines drop articles and auxiliaries: "Woman killed in shelling" is "a woman was killed", "Soldier
dies of wounds" is one soldier, "Sniper kills serviceman" one serviceman. The parser reads such
titles as best it can ("killed" as a past tense with "Woman" as its subject, "Civilian" as an
adjective), so this reader asks only what the words need: a predicate of death or injury, the
person phrase on its left (the victim of a headline passive, of "dies") or its object ("kills
civilian"), counted as one person when it is a bare singular person noun or a person's name.
Military shorthand counts too: "1 KIA, 4 WIA" (killed and wounded in action).

It only adds what the sentence reader (casualties.py, victims.py) left unread: a figure it found
for the same role and words stands. Plural nouns with no figure ("Civilians killed in ...") stay
unknown, never a guess.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..lexicon import Lexicons
from ..model import Count
from .casualties import CasualtyFact
from .numbers import NUMBER_WORDS
from .victims import NOT_PERSONS, PERSON_ENDINGS

# a headline passive ("Soldier killed") or an active with its victim as object ("kills civilian")
_KILL = {"kill", "slay", "murder", "execute", "assassinate", "behead", "massacre", "shoot"}
_DIE = {"die", "perish", "succumb"}
_WOUND = {"wound", "injure", "hurt", "maim"}
_SUBJECT = ("nsubj", "nsubjpass")
# "1 KIA", "four WIA's": the figure before the abbreviation
_IN_ACTION = re.compile(r"\b(?P<n>\d{1,4}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) +
                        r")\s+(?P<kind>KIA|WIA)(?:['’]?s)?\b", re.I)
_ONE = Count(low=1, best=1, high=1)


def headline_casualties(sent: SpacySpan, lex: Lexicons, found: list[CasualtyFact]) -> list[CasualtyFact]:
    """Facts the headline tells that `found` (the sentence reader's) lacks; offsets in the Doc's text."""
    out: list[CasualtyFact] = []
    for m in _IN_ACTION.finditer(sent.text):
        kind = "killed" if m.group("kind").upper() == "KIA" else "injured"
        count = _figure(m.group("n"))
        s, e = sent.start_char + m.start(), sent.start_char + m.end()
        if count is not None and not _covered(found + out, kind, s, e):
            out.append(CasualtyFact(kind, count, None, s, e))
    for verb in sent:
        role = _role(verb)
        if role is None or _negated(verb):
            continue
        # the object if it names people ("kills civilian"), else the subject: a trailing source
        # ("... killed in shelling - DPR") can be parsed as the object of the headline's verb
        for victims in _victims(verb):
            mine = []
            for victim in victims:
                s, e = _phrase(victim)
                if _covered(found + out, role, s, e):
                    continue
                if (category := _one_person(victim, lex)) is not None:
                    mine.append(CasualtyFact(role, _ONE, category, s, e))
                elif role == "shot" and (counted := _counted(victim, lex)) is not None:
                    mine.append(CasualtyFact(role, counted, None, s, e))  # "4 people shot", "Two teens shot"
            if mine:
                out += mine
                break
    return out


def _role(verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    if verb.lower_ in ("dies", "died") and verb.dep_ == "ROOT":
        return "killed"  # "Civilian dies of wounds": the parser may take "dies" for a plural noun
    if not verb.tag_.startswith("VB"):
        return None
    if lemma in _DIE:
        return "killed"
    if lemma == "shoot":  # "shot dead"; "shot" alone is hit by gunfire, killed or wounded
        if any(c.lower_ == "dead" for c in verb.children):
            return "killed"
        # "Four men shot on Elm Street": a headline passive with no object, the people hit
        return "shot" if verb.tag_ in ("VBD", "VBN") and not any(c.dep_ == "dobj" for c in verb.children) else None
    if lemma in _KILL:
        return "killed"
    if lemma in _WOUND:
        return "injured"
    return None


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "aux" and c.tag_ == "MD") for c in verb.children)


def _victims(verb: Token) -> list[list[Token]]:
    """The victim heads of one predicate, with their conjuncts: the object's, then the subject's."""
    dies = verb.lemma_.lower() in _DIE or verb.lower_ in ("dies", "died")
    groups: list[list[Token]] = []
    if not dies:
        groups.append([c for c in verb.children if c.dep_ == "dobj"])  # "Sniper kills serviceman"
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN", "ADJ"):
        groups.append([verb.head])  # "Militia member killed in ...": the noun the participle hangs on
    elif dies or verb.tag_ in ("VBD", "VBN"):  # "Rebels kill" with no object: who died is not said
        # "Woman killed in ...", "Civilian dies ...": the subject, or the person word the parser
        # hung on the verb as a modifier
        subjects = [c for c in verb.children if c.dep_ in _SUBJECT and c.i < verb.i]
        groups.append(subjects or [c for c in verb.children if c.dep_ in ("amod", "compound") and c.i < verb.i])
    return [sorted({t for h in heads for t in (h, *h.conjuncts)}, key=lambda t: t.i) for heads in groups if heads]


def _phrase(h: Token) -> tuple[int, int]:
    left = min([h.i] + [c.left_edge.i for c in h.children if c.dep_ in ("amod", "compound", "det", "nummod", "poss")])
    return h.doc[left].idx, h.idx + len(h)


def _covered(facts: list[CasualtyFact], role: str, s: int, e: int) -> bool:
    return any(f.role == role and f.start < e and s < f.end for f in facts)


def _one_person(h: Token, lex: Lexicons) -> str | None:
    """The category of one person named by a bare singular noun or a name; None when the phrase
    is not one person (a figure, a plural, a thing, a group)."""
    if any(c.dep_ == "nummod" or c.like_num for c in h.children) or h.like_num:
        return None  # a figure: the sentence reader's business
    word, lemma = h.lower_, h.lemma_.lower()
    if word in NOT_PERSONS or lemma in NOT_PERSONS or h.pos_ == "PRON":
        return None
    before = h.doc[h.i - 1].lower_ if h.i > 0 else ""
    for key in (f"{before} {word}", word):
        if key in lex.victims:
            return lex.victims[key] if _singular(h, key, lex) else None
    if h.pos_ == "PROPN" and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in h.children) \
            and word not in lex.actors and h.text[:1].isupper():
        return "people"  # a name: "Ivan Petrenko killed at ..."
    if word.endswith(PERSON_ENDINGS) and not word.endswith(("men", "ees", "ists", "ians")) and h.tag_ != "NNS":
        return "people"  # "activist", "paramedic" are not listed but built like a person's word
    return None


def _counted(h: Token, lex: Lexicons) -> Count | None:
    """ "4 people", "Two teens": a figure of people (a bare "4" too), for the people hit in a headline."""
    num = h if h.like_num else next((c for c in h.children if c.dep_ == "nummod" and c.like_num), None)
    if num is None or (h is not num and h.lower_ not in lex.victims and h.lemma_.lower() not in lex.victims):
        return None
    return _figure(num.text)


def _singular(h: Token, key: str, lex: Lexicons) -> bool:
    if h.tag_ in ("NNS", "NNPS"):
        return False
    word = key.split()[-1]
    # the lexicon lists both numbers: "soldiers" is the plural of a listed "soldier"
    return not word.endswith("men") and not (word.endswith("s") and word[:-1] in lex.victims)


def _figure(raw: str) -> Count | None:
    raw = raw.lower()
    if raw.isdigit():
        n = int(raw)
        return Count(low=n, best=n, high=n)
    from text_to_num import text2num

    try:
        n = text2num(raw, "en")
    except ValueError:
        return None
    return Count(low=n, best=n, high=n)

"""Deaths told as the grievance of another event: "Lawyers protested against the killing of two
colleagues", "Shops stayed shut after a trader was murdered", "bombs set off in retaliation for the
killing of four villagers".

Such a death is an earlier incident the writer refers to, not a casualty of the event the sentence
tells (monitors code the protest with no fatalities and the killing as its own event). A sentence
whose main clause is a protest (a protest word of triggers.csv as its predicate, or as the object or
subject of a light verb: "staged a sit-in", "demonstrations were held") refers to deaths everywhere
under that clause, its subject included ("relatives of the two men killed protested"); "demanding ...", "in retaliation for ...", "in protest of ..." refer to deaths
inside them in any sentence. A main clause of its own ("..., and police shot two protesters dead")
is not a reference.
"""

from __future__ import annotations

import functools

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .. import lexicon

# verbs whose object or subject names the event itself ("held a rally", "protests erupted")
# (and their forms the small model lemmatises badly: "staged" -> "stag"); "sparked protests": the subject
# is the grievance
LIGHT_VERBS = {"hold", "stage", "staged", "staging", "organise", "organize", "observe", "continue", "erupt", "launch",
               "call", "break", "take", "spread", "go", "enter", "mount", "impose", "begin", "start", "trigger",
               "spark", "prompt", "provoke"}
# events that protest besides the triggers: a shutdown, a strike, a march held over a death
PROTEST_NOUNS = {"shutdown", "shutdowns", "strike", "strikes", "march", "marches"}
# "a bandh against the killing", "protests over the death", "marched after a girl was killed"
GRIEVANCE_PREPS = {"against", "over", "after", "following", "for"}
# a phrase under these words tells the reason for an event: "in retaliation for", "in protest against"
REASON_NOUNS = {"retaliation", "revenge", "reprisal", "protest", "response"}
REASON_PREPS = {"for", "to", "against", "over", "of"}
DEMAND_VERBS = {"demand", "urge", "seek"}
PROTEST_KINDS = ("Peaceful protest", "Violent demonstration")
# what a crowd does in a riot ("residents torched the outpost after a youth died in custody"), and who
# the crowd is: a death told in an "after", "following" or "over" phrase of such a clause set it off
RIOT_VERBS = {"burn", "torch", "vandalise", "vandalize", "ransack", "block", "blockade", "pelt", "stone", "loot",
              "gherao", "rampage", "storm", "clash", "damage", "set", "attack", "assault", "thrash", "turn"}
CROWDS = {"mob", "mobs", "crowd", "crowds", "resident", "residents", "villager", "villagers", "local", "locals",
          "protester", "protesters", "demonstrator", "demonstrators", "agitator", "agitators", "student", "students",
          "relative", "relatives", "worker", "workers", "supporter", "supporters", "activist", "activists",
          "member", "members", "youth", "youths", "inmate", "inmates", "prisoner", "prisoners"}
CAUSE_MARKS = {"after", "following", "over"}
# a crowd's anger and what set it off: "protesters agitated after a truck killed a boy", "enraged over
# the murder of a trader, villagers blocked the road"
ANGER = {"agitate", "agitated", "enrage", "enraged", "anger", "angered", "incense", "incensed", "outrage", "outraged",
         "infuriate", "infuriated", "angry", "furious"}
ANGER_PREPS = {"after", "following", "over", "at", "by"}


@functools.cache
def protest_words() -> frozenset[str]:
    """One-word protest triggers of triggers.csv (the people who protest, "protesters", excluded)."""
    triggers = lexicon.load().triggers
    return frozenset(p for p, t in triggers.items() if t.sub_event_type in PROTEST_KINDS and " " not in p
                     and not p.endswith(("ers", "ors")))


def _is_protest(tok: Token) -> bool:
    words = protest_words()
    return tok.lower_ in words or tok.lemma_.lower() in words


def _protest_clause(verb: Token) -> bool:
    if _is_protest(verb):
        return True
    # "began rioting", "took to the streets"
    if verb.lemma_ in ("begin", "start", "continue") and any(c.dep_ == "xcomp" and _is_protest(c) for c in verb.children):
        return True
    if verb.lemma_ == "take" and any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "streets" for g in c.children)
                                     for c in verb.children):
        return True
    if verb.lemma_ not in LIGHT_VERBS and verb.lower_ not in LIGHT_VERBS:
        return False
    return any(c.dep_ in ("dobj", "nsubj", "nsubjpass") and (
        _is_protest(c) or c.lower_ in PROTEST_NOUNS or any(_is_protest(g) for g in c.children if g.dep_ == "compound"))
        for c in verb.children)


def _span(tok: Token) -> tuple[int, int]:
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)


def reference_spans(sent: SpacySpan) -> list[tuple[int, int]]:
    """Char ranges of the sentence that tell a death as another event's grievance."""
    out: list[tuple[int, int]] = []
    root = sent.root
    protest = _protest_clause(root)
    # "held a protest and burnt an effigy after ...": a verb coordinated without a subject of its own
    # is the same clause; with one ("and police shot two dead") it is a main clause of its own
    shared = [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
              and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)]
    for verb in (root, *shared, *(c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))):
        if not (_protest_clause(verb) or protest and verb in shared):
            continue
        for child in verb.children:
            if child.dep_ in ("conj", "cc", "punct"):  # another main clause keeps its casualties
                continue
            # "protests over the killing of a student erupted": what the protest word governs, not the word
            parts = [g for g in child.children if g.dep_ not in ("det", "amod", "compound")] if _is_protest(child) \
                else [child]
            out += [_span(p) for p in parts]
    # any clause of a crowd's own: "violence broke out as inmates attacked guards after a prisoner died"
    riots = [t for t in sent if t.lemma_ in RIOT_VERBS and t.pos_ == "VERB" and t.i != root.i and t not in shared
             and any(c.dep_ == "nsubj" for c in t.children)]
    for verb in (root, *shared, *riots):
        # "residents torched the outpost after a youth died in custody": a crowd's riot and its cause
        # (or a protest itself: "protests turned violent after the killing of a youth")
        crowd = any(c.dep_ == "nsubj" and (c.lower_ in CROWDS or _is_protest(c) and c.pos_ == "NOUN")
                    for c in (root if verb in shared else verb).children)
        if verb.lemma_ in RIOT_VERBS and crowd:
            for c in verb.children:
                if _cause_phrase(c):
                    out.append(_span(c))
    for tok in sent:
        if tok.lower_ in ANGER or tok.lemma_.lower() in ANGER:
            for c in tok.children:
                if c.dep_ in ("prep", "agent") and c.lower_ in ANGER_PREPS or c.dep_ == "advcl" and any(
                        m.dep_ == "mark" and m.lower_ in CAUSE_MARKS for m in c.children):
                    out.append(_span(c))
        # not "strike" here: "air strikes after midnight" are no protest
        if _is_protest(tok) or tok.lower_ in PROTEST_NOUNS - {"strike", "strikes"} and tok.pos_ == "NOUN":
            for c in tok.children:  # "to protest the murder of", "a bandh against the killing of"
                if c.dep_ == "prep" and c.lower_ in GRIEVANCE_PREPS or tok.pos_ == "VERB" and c.dep_ in ("dobj", "advcl"):
                    out.append(_span(c))
        if tok.lemma_ in DEMAND_VERBS and tok.pos_ == "VERB" and tok.i != root.i:
            out.append((tok.idx, tok.right_edge.idx + len(tok.right_edge)))
        elif tok.lower_ in REASON_NOUNS and tok.pos_ == "NOUN":
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ in REASON_PREPS:
                    out.append((prep.idx, prep.right_edge.idx + len(prep.right_edge)))
    return out


def _cause_phrase(c: Token) -> bool:
    """"after a youth died", "over the killing of", and "following the death of" that the parser takes
    for a verb of its own (an adverbial clause with the death as its object)."""
    return (c.dep_ == "prep" and c.lower_ in CAUSE_MARKS) or (c.dep_ == "advcl" and (c.lower_ in CAUSE_MARKS or any(
        m.dep_ == "mark" and m.lower_ in CAUSE_MARKS for m in c.children)))


def inside(spans: list[tuple[int, int]], start: int) -> bool:
    return any(s <= start < e for s, e in spans)

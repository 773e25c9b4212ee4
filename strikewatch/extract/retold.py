"""Deaths of an earlier incident, retold with their own date inside another event's sentence.

"Police detained elders who had met to discuss the killing of 12 herders on 2 April" (written on
20 April), "accused of ordering the murder of a journalist in 2011", "confessed to taking part in
January's bombing, which killed 40 people": the dead belong to an incident dated weeks, months or
years before the story, told as the topic, charge or cause of what the sentence reports. Monitors
code that older incident on its own day, never as a toll of this one (ACLED codes the arrest or the
demolition with no fatalities).

A figure is set apart only when its date hangs on the figure's own chain of words below the main
clause (the object of "discuss", the noun "bombing", the verb "ordering"): a date on the main verb
("Gunmen killed three on 2 April", in a round-up written later) dates the sentence's own event and
is left to the date reader. Only dates at least a week before the story count, so a report of the
day before or of "last Monday" keeps its dead. Only in a note of one paragraph (facts.FactContext.note),
written as of its own event's day: a news story written months later may be about the old incident
itself ("Man charged in the April 2 killing of two"), and there its dead are the story's (GVA's gold
matches such follow-ups to the shooting).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from .dates import MONTHS, DateMention
from .sources import REPORTING

PAST_DAYS = 7  # a date at least this long before the story is another incident's
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _clause_heads(doc: Doc) -> set[int]:
    """The main clause's verbs: each sentence's root, the verbs coordinated with it, and what a
    reporting root says ("Gunmen killed three on 2 April, police said")."""
    heads: set[int] = set()
    todo = [sent.root for sent in doc.sents]
    while todo:
        verb = todo.pop()
        heads.add(verb.i)
        todo += [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                 or c.dep_ == "ccomp" and verb.lemma_ in REPORTING]
    return heads


def _attached(tok: Token, inside: range) -> Token | None:
    """The word a date's token hangs on outside the date, past its preposition ("in 2011" -> the verb)."""
    head = tok
    while head.i in inside and head.head.i != head.i:
        head = head.head
    if head.i in inside:
        return None
    if head.dep_ == "prep" and head.head.i != head.i:
        head = head.head
    return head


def _month_word(tok: Token) -> int | None:
    """ "January's", "Januarys", "March": a month name owning or naming a noun."""
    word = tok.lower_.removesuffix("'s").removesuffix("’s")
    for n, name in enumerate(MONTHS, start=1):
        if word in (name, name + "s") and name != "may":  # "may" is a verb too often; the rest need a capital (NNP)
            return n
    return None


def past_anchors(doc: Doc, base: int, dates: Iterable[DateMention], written: dt.date) -> set[int]:
    """Token indices that carry a date at least a week before `written` (the words the date hangs on)."""
    limit = written - dt.timedelta(days=PAST_DAYS)
    out: set[int] = set()
    for d in dates:
        if d.dates is None or d.dates.end is None or d.dates.end > limit:
            continue
        toks = [t for t in doc if d.start - base <= t.idx < d.end - base]
        if not toks:
            continue
        span = range(toks[0].i, toks[-1].i + 1)
        out.update(h.i for t in toks if (h := _attached(t, span)) is not None)
    for tok in doc:
        # "in 2011", "the 2012 murder": a year the date reader leaves alone
        if _YEAR.match(tok.text) and int(tok.text) < written.year and tok.dep_ in ("pobj", "nummod", "compound", "npadvmod"):
            h = _attached(tok, range(tok.i, tok.i + 1))
            if h is not None:
                out.add(h.i)
        # "January's bombing", a month other than the story's owning an event noun
        elif tok.dep_ in ("poss", "compound") and tok.head.pos_ == "NOUN" and tok.tag_ == "NNP" \
                and (m := _month_word(tok)) is not None and m != written.month:
            out.add(tok.head.i)
    return out


def retold_past(doc: Doc, at: int, anchors: set[int]) -> bool:
    """A figure at char `at` (of the doc) whose chain of heads up to the main clause meets a past date."""
    if not anchors:
        return False
    tok = next((t for t in doc if t.idx <= at < t.idx + len(t)), None)
    if tok is None:
        return False
    main = _clause_heads(doc)
    while tok.i not in main:
        if tok.i in anchors:
            return True
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return False

"""Who says: the source of a sentence's figures.

The source is the subject of a reporting verb ("the Observatory said"), the object of "according
to", or a monitor that opens the sentence. Names come from `sources.csv`; a person or organisation
the lexicon does not know is taken from the parser's entities. A pronoun ("It said") or a bare
description ("a monitoring group") is resolved later by the assembler against the sources the
article has named.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..lexicon import SourceEntry
from .phrases import Match, PhraseIndex

REPORTING = {"say", "tell", "report", "add", "state", "announce", "confirm", "estimate", "document", "quote",
             "cite", "claim", "note", "reveal", "record", "accuse", "acknowledge", "count", "put", "warn"}
PRONOUNS = {"it", "he", "she", "they", "the group", "the monitor", "the observatory", "the organisation",
            "the organization", "the ministry", "the spokesman", "the official"}


@dataclass
class SourceMention:
    source: str | None  # canonical name; None: only a type is known ("a monitoring group")
    type: str
    actor: str | None
    start_char: int
    end_char: int
    text: str
    pronoun: bool = False  # "It said": the previous source of the article


def _from_match(m: Match[SourceEntry]) -> SourceMention:
    return SourceMention(m.value.source, m.value.type, m.value.actor, m.start_char, m.end_char, m.text)


def source_spans(doc: Doc, index: PhraseIndex[SourceEntry]) -> list[Match[SourceEntry]]:
    return index.find(doc)


def attributed_source(doc: Doc, matches: list[Match[SourceEntry]]) -> SourceMention | None:
    """The source this sentence attributes its content to, if it names or points to one."""
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            after = [m for m in matches if m.start > tok.i]
            if after:
                return _best(after)
            return _entity_after(doc, tok.i + 2)
    verbs = [t for t in doc if t.lemma_ in REPORTING and t.pos_ in ("VERB", "AUX")]
    verbs.sort(key=lambda t: (t.dep_ != "ROOT", t.i))
    for verb in verbs:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        region: set[int] = set()
        for s in subjects:
            region.update(t.i for t in s.subtree)
        near = [m for m in matches if any(i in region for i in range(m.start, m.end))
                or 0 <= verb.i - m.end <= 3 or (0 <= m.start - verb.i <= 2 and verb.lemma_ != "tell")]
        if near:
            return _best(near)
        for s in subjects:
            phrase = " ".join(t.lower_ for t in s.subtree if t.dep_ != "punct")
            if s.lower_ in PRONOUNS or phrase in PRONOUNS:
                return SourceMention(None, "", None, s.idx, s.idx + len(s), s.text, pronoun=True)
            named = _proper_name(s)
            if named is not None:
                return named
        # "..., said Rami Abdel Rahman"; after "told" comes who was told ("told Al Jazeera"), not who said it
        if verb.i + 1 < len(doc) and doc[verb.i + 1].pos_ == "PROPN" and verb.lemma_ != "tell":
            named = _proper_name(doc[verb.i + 1])
            if named is not None:
                return named
    # "The Syrian Observatory for Human Rights monitor US-led coalition strikes ...": no verb, a monitor first
    opening = [m for m in matches if m.start <= 3 and m.value.type == "monitor" and m.value.source]
    return _from_match(opening[0]) if opening else None


def _best(matches: list[Match[SourceEntry]]) -> SourceMention:
    named = [m for m in matches if m.value.source]
    return _from_match((named or matches)[0])


_NAME_JOINS = {"of", "and", "for", "&", "de", "the"}  # inside a name: "Armed Conflict Location and Event Data Project"


def _proper_name(tok: Token) -> SourceMention | None:
    """A subject that is a proper name ("Rudskoi", "Russia", "Colonel Patrick Ryder"): its name tokens,
    the whole run of them ("Al Jazeera", not "Al"; "Armed Conflict Location and Event Data Project")."""
    if tok.pos_ != "PROPN":
        return None
    doc = tok.doc
    while tok.dep_ in ("compound", "flat") and tok.head.pos_ == "PROPN" and tok.head.i > tok.i:
        tok = tok.head
    names = [t for t in tok.subtree if t.pos_ == "PROPN" and (t.i == tok.i or t.head.i == tok.i or t.dep_ == "compound")]
    names = [t for t in names if abs(t.i - tok.i) <= 4]
    start, end = min(t.i for t in names), max(t.i for t in names) + 1
    # a capitalised run goes on across "of", "and" between capitalised words, up to ten tokens
    while end + 1 < len(doc) and end - start < 10:
        nxt = doc[end]
        if nxt.pos_ == "PROPN" or (nxt.is_title and nxt.pos_ in ("NOUN", "ADJ") and not nxt.is_sent_start):
            end += 1
        elif nxt.lower_ in _NAME_JOINS - {"the"} and doc[end + 1].is_title and doc[end + 1].pos_ in ("PROPN", "NOUN"):
            end += 2
        else:
            break
    span = doc[start:end]
    return SourceMention(span.text, "officials", None, span.start_char, span.end_char, span.text)


def _entity_after(doc: Doc, i: int) -> SourceMention | None:
    """The proper name right after "according to"."""
    for tok in doc[i : i + 3]:
        if tok.pos_ == "PROPN":
            return _proper_name(tok.head if tok.dep_ == "compound" and tok.head.pos_ == "PROPN" else tok)
    return None

"""Find lexicon phrases in a Doc with spaCy's PhraseMatcher: longest match wins, no overlaps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

T = TypeVar("T")


@dataclass
class Match(Generic[T]):
    start: int  # token indexes in the Doc
    end: int
    start_char: int
    end_char: int
    text: str
    value: T


class PhraseIndex(Generic[T]):
    """Lower-case phrases match any case; upper-case ones (acronyms: "WHO", "ISIS") only as written."""

    def __init__(self, nlp: Language, phrases: dict[str, T]):
        self._values = phrases
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        tokenizer = nlp.tokenizer
        for phrase in phrases:
            matcher = self._lower if phrase == phrase.lower() else self._exact
            matcher.add(phrase, [tokenizer(phrase)])

    def find(self, doc: Doc, masked: list[tuple[int, int]] = ()) -> list[Match[T]]:  # type: ignore[assignment]
        spans = [doc[s:e] for _, s, e in self._lower(doc)] + [doc[s:e] for _, s, e in self._exact(doc)]
        out: list[Match[T]] = []
        for span in sorted(filter_spans(spans), key=lambda sp: sp.start):
            if any(span.start_char < me and ms < span.end_char for ms, me in masked):
                continue
            key = span.text if span.text in self._values else span.text.lower()
            if key not in self._values:  # matched through the LOWER matcher with other spacing
                key = next(k for k in self._values if k.lower() == span.text.lower())
            out.append(Match(span.start, span.end, span.start_char, span.end_char, span.text, self._values[key]))
        return out

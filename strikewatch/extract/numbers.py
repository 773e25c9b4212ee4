"""Quantities in text: "at least 39 people", "more than 40", "dozens of civilians", "a child".

A quantity is a number (digits, number words through text2num, or a vague word from
`quantities.csv`), the modifier before it, and the victim noun after it. The modifier decides
which bounds of the `Count` the figure sets (docs/conventions.md):

    at least N -> low N          more than N -> low N+1        about N -> best N
    up to N    -> high N         nearly N    -> high N-1       N       -> low = best = high = N

Hand-written because no library reads hedged English quantities into ranges; text2num does the
number words (word2number is avoided: it silently adds unrelated numbers together).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from text_to_num import text2num

from ..lexicon import Lexicons
from ..model import Count

# modifier phrase -> how the figure bounds the count
MODIFIERS: dict[tuple[str, ...], str] = {
    ("at", "least"): "low", ("atleast",): "low", ("no", "fewer", "than"): "low", ("no", "less", "than"): "low",
    ("not", "less", "than"): "low", ("a", "minimum", "of"): "low", ("at", "least", "another"): "low",
    ("more", "than"): "over", ("over",): "over", ("upwards", "of"): "over", ("in", "excess", "of"): "over",
    ("nearly",): "under", ("almost",): "under", ("just", "under"): "under", ("fewer", "than"): "under",
    ("less", "than"): "under", ("close", "to"): "under",
    ("up", "to"): "upto", ("as", "many", "as"): "upto", ("at", "most"): "upto", ("no", "more", "than"): "upto",
    ("a", "maximum", "of"): "upto",
    ("about",): "approx", ("around",): "approx", ("some",): "approx", ("approximately",): "approx",
    ("an", "estimated"): "approx", ("estimated",): "approx", ("roughly",): "approx", ("nearly", "about"): "approx",
}
_MAX_MOD = max(len(k) for k in MODIFIERS)

NUMBER_WORDS = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
    "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million",
}
# a number followed by one of these is not a count of people
NOT_PEOPLE = {
    "km", "kilometres", "kilometers", "miles", "metres", "meters", "%", "percent", "per", "dollars", "tons",
    "tonnes", "kg", "hours", "hour", "minutes", "days", "day", "weeks", "week", "months", "month", "years",
    "year", "times", "am", "pm", "a.m.", "p.m.", "gmt", "vehicles", "trucks", "tanks", "buildings", "homes",
    "houses", "villages", "towns", "flights", "sorties", "missions", "strikes", "raids", "targets", "shells",
    "rockets", "missiles", "bombs", "barrel", "aircraft", "jets", "warplanes", "helicopters", "positions",
    "hospitals", "schools", "points", "kilograms", "litres", "million", "billion",
}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
          "nov", "dec"}
CASUALTY_WORDS = {"dead", "killed", "wounded", "injured", "hurt", "died"}
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")


@dataclass
class Quantity:
    """A count found in a sentence; token indexes are into the sentence's Doc."""

    start: int  # first token (modifier included)
    end: int  # one past the last token (victim noun included)
    count: Count
    noun: str | None = None  # the victim noun as written ("civilians"), None for a bare number
    category: str | None = None  # people, civilians, children, women, combatants
    noun_i: int | None = None
    value_i: int = 0  # the token of the figure itself

    @property
    def value(self) -> int:
        return next(v for v in (self.count.best, self.count.low, self.count.high) if v is not None)


def apply_modifier(n: int, how: str) -> Count:
    if how == "low":
        return Count(low=n)
    if how == "over":
        return Count(low=n + 1)
    if how == "under":
        return Count(high=max(n - 1, 0))
    if how == "upto":
        return Count(high=n)
    if how == "approx":
        return Count(best=n)
    return Count(low=n, best=n, high=n)


def _read_number(words: list[str], i: int, lex: Lexicons) -> tuple[Count | None, int]:
    """Read a figure starting at word i; return (count, index after it)."""
    w = words[i]
    if _DIGITS.match(w):
        n = int(w.replace(",", ""))
        # "20 to 25", "20-25": a range
        if i + 2 < len(words) and words[i + 1] in ("to", "-", "–") and _DIGITS.match(words[i + 2]):
            return Count(low=n, high=int(words[i + 2].replace(",", ""))), i + 3
        return Count(low=n, best=n, high=n), i + 1
    for size in (4, 3, 2, 1):  # vague phrases, longest first: "tens of thousands", "a dozen"
        phrase = " ".join(words[i : i + size])
        if phrase in lex.quantities:
            j = i + size
            if j < len(words) and words[j] == "of":  # "dozens of people"
                j += 1
            return lex.quantities[phrase], j
    if w in NUMBER_WORDS and w != "hundred" and w != "thousand":
        j = i
        while j < len(words) and (words[j] in NUMBER_WORDS or (words[j] in ("-", "and") and j + 1 < len(words)
                                                              and words[j + 1] in NUMBER_WORDS)):
            j += 1
        text = " ".join(x for x in words[i:j] if x != "-")
        try:
            n = text2num(text, "en")
        except ValueError:
            return None, i
        # "four to six", "two or three": a range (an upper figure told in digits too: "five to 8")
        if j + 1 < len(words) and words[j] in ("to", "or") and (words[j + 1] in NUMBER_WORDS or _DIGITS.match(words[j + 1])):
            high, after = _read_number(words, j + 1, lex)
            if high is not None and high.best is not None and high.best > n:
                return Count(low=n, high=high.best), after
        return Count(low=n, best=n, high=n), j
    return None, i


_OPENERS: dict[int, tuple[dict[str, Count], frozenset[str]]] = {}


def _openers(lex: Lexicons) -> frozenset[str]:
    """The words a figure can begin with besides digits: a modifier's, a vague phrase's, a number
    word, "a"/"an"/"one" (the loop below tries nothing else at a word)."""
    hit = _OPENERS.get(id(lex.quantities))
    if hit is None or hit[0] is not lex.quantities:
        words = {k[0] for k in MODIFIERS} | {p.split(" ")[0] for p in lex.quantities} | NUMBER_WORDS | {"a", "an", "one"}
        hit = _OPENERS[id(lex.quantities)] = (lex.quantities, frozenset(words))
    return hit[1]


def find_quantities(sent: SpacySpan, lex: Lexicons) -> list[Quantity]:
    """Every count of people (or bare figure) in a parsed sentence, left to right."""
    doc_tokens = list(sent)
    words = [t.lower_ for t in doc_tokens]
    found: list[Quantity] = []
    openers = _openers(lex)
    i = 0
    while i < len(words):
        if words[i] not in openers and not _DIGITS.match(words[i]):
            i += 1  # most words open no figure: skip the phrase look-ups
            continue
        how, j = "exact", i
        for size in range(_MAX_MOD, 0, -1):
            if tuple(words[i : i + size]) in MODIFIERS:
                how, j = MODIFIERS[tuple(words[i : i + size])], i + size
                break
        count, k = (None, j) if j >= len(words) else _read_number(words, j, lex)
        if count is None and words[j : j + 1] in (["a"], ["an"], ["one"]) and j + 1 < len(words):
            # "a child", "a woman": one person, but only when a victim noun follows at once
            if words[j + 1] in lex.victims and not words[j + 1].endswith("s"):
                count, k = Count(low=1, best=1, high=1), j + 1
        if count is None:
            i += 1
            continue
        if how != "exact":
            n = count.best if count.best is not None else count.low if count.low is not None else count.high
            assert n is not None
            count = apply_modifier(n, how)
        q = _attach_noun(doc_tokens, words, i, j, k, count, lex)
        if q is not None:
            found.append(q)
            i = q.end
        else:
            i = k if k > i else i + 1
    return found


def _attach_noun(tokens: list, words: list[str], start: int, value_i: int, k: int, count: Count,
                 lex: Lexicons) -> Quantity | None:
    prev = words[start - 1] if start > 0 else ""
    nxt = words[k] if k < len(words) else ""
    if nxt in NOT_PEOPLE or prev in MONTHS or nxt in MONTHS or prev in ("since", "in", "of") and count.low and count.low > 1900:
        return None
    if nxt == "-" and words[k + 1: k + 2] in (["year"], ["years"]):
        return None  # "a 28-year-old youth": an age
    if tokens[value_i].like_num and count.low is not None and 1900 < count.low < 2100 and count.low == count.high:
        return None  # a year
    # skip up to three modifiers of the noun: "more than 60 Syrian civilians", "27 other people"
    j = k
    for _ in range(4):
        for size in (4, 3, 2, 1):
            phrase = " ".join(words[j : j + size])
            if phrase in lex.victims and j + size <= len(words):
                return Quantity(start, j + size, count, " ".join(t.text for t in tokens[j : j + size]),
                                lex.victims[phrase], j + size - 1, value_i)
        if j < len(words) and tokens[j].pos_ in ("ADJ", "PROPN", "NOUN", "VERB") and tokens[j].tag_ not in ("VBD", "VBN", "VBZ", "VBP") and words[j] not in NOT_PEOPLE:
            j += 1
            continue
        break
    # a bare figure: "more than 40 had been killed", "16 killed", "killing 5 and wounding 10";
    # not "40 armored vehicles" (a noun phrase that counts something else)
    if k < len(tokens) and tokens[k].pos_ in ("NOUN", "PROPN", "ADJ", "NUM") and nxt not in CASUALTY_WORDS:
        return None
    return Quantity(start, k, count, None, None, None, value_i)

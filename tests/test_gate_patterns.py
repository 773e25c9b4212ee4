"""The sentence gate's and the station reader's patterns are built for speed (a trie of trigger
words, a first-letter scan for call signs and brands); they must find exactly what the plain
patterns would."""

import re

from strikewatch.extract import _alternation
from strikewatch.extract.usstations import brands, stations


def _flat(phrases):
    alts = [re.escape(p) if p == p.lower() else f"(?-i:{re.escape(p)})" for p in sorted(phrases, key=len, reverse=True)]
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)", re.I)


def test_trie_finds_the_longest_phrase_as_a_flat_alternation_would():
    phrases = ["air strike", "air strikes", "airstrike", "abduct", "abducted", "abduction", "IED", "shell", "shelling"]
    text = "Air strikes hit the town; an IED and shelling followed. Ied is no acronym. Abductions rose; abducted."
    trie = _alternation(phrases)
    assert [m.group() for m in trie.finditer(text)] == ["Air strikes", "IED", "shelling", "abducted"]
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in _flat(phrases).finditer(text)]


def test_a_phrase_that_is_a_prefix_of_another_still_matches_alone():
    trie = _alternation(["shell", "shelling", "shells"])
    assert [m.group() for m in trie.finditer("a shell, two shells, the shelling, shellfire")] == ["shell", "shells", "shelling"]


def test_station_and_brand_scan_finds_what_the_whole_pattern_finds():
    text = ("Copyright 2016 WAVE. Police told KDKA-TV the man was shot; see kmov.com and WDBJ7 for more. "
            "The Post-Dispatch and the Star Tribune reported it; was, with, who and weeks are no stations.")
    for reader in (stations(), brands()):
        assert [m.span() for m in reader.finditer(text)] == [m.span() for m in reader.pattern.finditer(text)]
    assert any(m.group("call") == "KDKA" for m in stations().finditer(text))
    assert [m.group() for m in brands().finditer(text)] == ["Post-Dispatch", "Star Tribune"]


def test_extractor_caches_base_forms_and_gives_spacys_lemmas(extractor):
    import spacy

    from strikewatch.extract import MODEL

    text = "Gunmen attacked a checkpoint and killed two guards; the attack wounded three more people."
    fresh = spacy.load(MODEL, exclude=["ner"])  # spaCy's own lemmatizer, uncached for base forms
    want = [t.lemma_ for t in fresh(text)]
    assert [t.lemma_ for t in extractor.nlp(text)] == want
    assert [t.lemma_ for t in extractor.nlp(text)] == want  # again, now from the cache
    lemmatizer = extractor.nlp.get_pipe("lemmatizer")
    checkpoint = next(t for t in extractor.nlp(text) if t.text == "checkpoint")  # a singular noun: its base form
    assert (checkpoint.orth, checkpoint.pos, checkpoint.morph.key) in lemmatizer.cache

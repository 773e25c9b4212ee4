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


def test_quantities_opened_by_every_kind_of_word_are_still_read(nlp, lexicons):
    # find_quantities skips words that open no figure; each kind of opener must still be tried
    from strikewatch.extract.numbers import find_quantities

    text = ("At least 12 soldiers, dozens of villagers, twenty-one fighters, 1,200 refugees, "
            "a child and up to five women were counted.")
    got = [(q.count.low, q.count.best, q.count.high) for q in find_quantities(nlp(text)[:], lexicons)]
    vague = lexicons.quantities["dozens"]
    assert got[0][0] == 12 and got[0][2] is None  # "at least": a floor
    assert (vague.low, vague.best, vague.high) in got
    assert (21, 21, 21) in got and (1200, 1200, 1200) in got and (1, 1, 1) in got
    assert got[-1][2] == 5 and got[-1][1] is None  # "up to five": a ceiling


def test_date_patterns_skipped_by_their_needs_would_have_found_nothing():
    # find_dates searches a sentence with a pattern only when the words it needs are there; on
    # sentences that exercise every pattern, it must find what searching with all of them finds
    import datetime as dt

    from strikewatch.extract import dates

    sentences = [
        "The strike on Tuesday, 10 October 2023 killed four; a second on Oct. 12, 2023 killed two.",
        "Shelling on 05/03/2021 hit the market. Two days later the bridge was struck.",
        "The previous evening a convoy was ambushed; the day after, the road was shut.",
        "The village was raided three days ago, and a checkpoint was attacked last weekend.",
        "Over the past two weeks 40 people died; this month alone 12 more were killed.",
        "Since 2019 the district has seen clashes; fighting resumed in early March.",
        "Gunmen opened fire yesterday; late on Friday night a mortar fell overnight.",
        "On the same day a drone struck, and later in the day rockets hit the camp.",
        "Raids continued earlier this week, as they have since the start of the year.",
    ]

    def every_pattern(text):
        saved = dates._NEEDS
        dates._NEEDS = [()] * len(saved)
        try:
            return dates.find_dates(text, dt.date(2023, 10, 20))
        finally:
            dates._NEEDS = saved

    for text in sentences:
        assert dates.find_dates(text, dt.date(2023, 10, 20)) == every_pattern(text), text

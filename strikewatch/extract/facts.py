"""Everything one parsed sentence says, split into segments where a sentence tells two incidents.

A segment boundary is a phrase that opens another event ("..., and that separate strikes hit",
"a day after 16 civilians were killed", "adding that 70 raids had hit"). Each segment keeps the
casualties, dates, places, actors and triggers whose characters fall inside it; the source of the
sentence is shared by all its segments. All offsets here are offsets into the article text.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..lexicon import Lexicons, SourceEntry, Trigger
from ..model import Count
from .casualties import CasualtyFact, find_casualties
from .codings import coded_for_day
from .dates import Anchor, DateMention, find_dates, is_period, refine_by_parse
from .events import EventFact, EventReader, is_irrealis, is_rate
from .gazetteer import Gazetteer
from .headlines import headline_casualties
from .numbers import apply_modifier
from .perpetrator import PerpetratorFact, find_perpetrator
from .phrases import Match, PhraseIndex
from .places import PlaceMention, find_places
from .retold import past_anchors, retold_past
from .sources import REPORTING, SourceMention, attributed_source

_SPLIT = re.compile(r",? and that |; |,? adding that |,? while |\ba day (?:after|before|earlier)\b|"
                    r"\bthe (?:previous|next|following) day\b|,? and (?=(?:separate|another|other) \w*\s?(?:strike|raid|attack|bomb))",
                    re.I)
# "another monitoring group" is no new incident; "another strike", "in a separate attack" is
_SEPARATE = re.compile(r"\b(?:separately|elsewhere|in a separate \w+|(?:separate|another|other|second|further) "
                       r"(?:\w+ )?(?:air ?strikes?|strikes?|raids?|attacks?|bombings?|car bombs?|explosions?|blasts?|"
                       r"shelling|incidents?|suicide)\b)", re.I)
_SAME_PLACE = re.compile(r"\b(?:the same (?:city|town|village|area|neighbourhood|district)|there)\b", re.I)
# A tally's scope: a war, a period, a country. "In total" or "so far" alone is an incident's sum
# ("a total of six people were hurt"), a tally only beside a scope or at a war's size.
# "nationwide" scopes a toll ("40 killed nationwide"), not when it names the campaign an attack was
# part of ("torched a bus during the nationwide blockade", "a 72-hour nationwide hartal")
_NATIONWIDE = (r"(?<!part of the )(?<!part of a )nationwide(?! (?:[\w-]+ ){0,2}?(?:hartal|hartals|blockade|blockades|"
               r"blockage|bandh|shutdown|transport strike|general strike|strike|election|polls|vote|campaign)\b)")
_AGGREGATE = re.compile(r"\b(?:across the country|" + _NATIONWIDE + r"|throughout the (?:country|war|conflict)|"
                        r"since the (?:war|conflict|uprising|crisis|revolt|revolution|fighting|offensive|invasion)|"
                        r"since (?:it|the \w+) (?:began|started|erupted)|since the (?:start|beginning|outbreak)|"
                        r"toll (?:for|of) the (?:week|month|year|war|conflict)|so far this (?:year|month)|"
                        r"(?:in|during|over) the (?:past|last) (?:\w+ )?(?:weeks|months|years)|"
                        r"(?:of|in) the (?:war|conflict|civil war)\b(?! (?:monitor|observatory)))", re.I)
_WAR_SIZE = 1000  # more dead than this with no place finer than a region: a war's or a country's toll
_NEVER_ONE_EVENT = 10_000  # more dead than any single strike or massacre these wars have seen
_DEFINITE = re.compile(r"\b(?:the|these|those|this|that|latest|its|their)\s+(?:\w+\s+){0,2}?(?:air ?strikes?|strikes?|raids?|"
                       r"attacks?|bombings?|shelling|explosions?|blasts?|bombardments?|dead|victims|casualties|"
                       r"incident|massacre)\b", re.I)
_OWN_ATTACK = re.compile(r"\b(?:its|their|our)\s+(?:own\s+)?(?:air ?strikes|strikes|raids|attacks|operations|bombing|"
                         r"shelling)\b", re.I)
_COUNTRYWIDE = re.compile(r"\b(?:across the country|" + _NATIONWIDE + r"|across syria|throughout the country)\b", re.I)
_STRIKES = re.compile(r"\b(?P<mod>at least |more than |over |about |some |nearly |up to )?(?P<n>\d[\d,]*|dozens|"
                      r"scores|hundreds|several)(?: of)? (?:air ?strikes|air raids|strikes|raids|shells|rockets|"
                      r"missiles|barrel bombs|sorties|missions)\b", re.I)
_MOD = {"at least ": "low", "more than ": "over", "over ": "over", "about ": "approx", "some ": "approx",
        "nearly ": "under", "up to ": "upto"}
_VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "several": 10}


@dataclass
class Segment:
    start: int
    end: int
    text: str
    casualties: list[CasualtyFact] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    event: EventFact | None = None
    perpetrator: PerpetratorFact = field(default_factory=PerpetratorFact)
    strikes: tuple[Count, int, int] | None = None
    separate: bool = False
    definite: bool = False  # refers back to an incident already told ("the strikes", "the dead")
    own_attack: bool = False  # "its strikes": the source's own side struck
    countrywide: bool = False
    same_place: bool = False
    aggregate: bool = False
    one_event: bool = False  # a single strike or bombing told within a month or a period: not a tally
    rate: bool = False
    irrealis: bool = False
    # a word of it names one attack or one death ("shooting", "shot", "killed"), whatever event the
    # segment is given ("Suspect arrested for Market Street shooting"): what a headline is about
    one_attack: bool = False

    @property
    def has_casualties(self) -> bool:
        return any(c.roster is None for c in self.casualties)

    @property
    def listed(self) -> bool:
        """Names the dead one by one (victim_lists.py): adds to the incident told, opens none."""
        return any(c.roster is not None for c in self.casualties)


@dataclass
class SentenceFacts:
    start: int
    end: int
    text: str
    source: SourceMention | None
    segments: list[Segment]
    present: list[str]  # victim categories named without figures ("the dead included women")
    unknown_casualties: bool
    title: bool = False
    named_sources: list[tuple[str, str]] = field(default_factory=list)  # (type, name) named anywhere


def _strike_count(text: str, base: int) -> tuple[Count, int, int] | None:
    m = _STRIKES.search(text)
    if not m:
        return None
    raw = m.group("n").lower()
    n = _VAGUE.get(raw) or int(raw.replace(",", ""))
    how = _MOD.get((m.group("mod") or "").lower(), "exact" if raw not in _VAGUE else "approx")
    count = apply_modifier(n, how) if how != "exact" else Count(low=n, best=n)
    return count, base + m.start(), base + m.end()


def sentence_facts(doc: Doc, base: int, article_text: str, ctx: FactContext, *, title: bool = False) -> SentenceFacts:
    """Gather the facts of one parsed sentence that starts at `base` in the article text."""
    text = doc.text
    source_matches = ctx.sources.find(doc)
    masked = [(base + m.start_char, base + m.end_char) for m in source_matches] + ctx.masked
    source = attributed_source(doc, source_matches)
    if source is not None and source.actor is None and source.source:
        source.actor = ctx.lexicons.actors.get(source.source.lower()) or ctx.lexicons.actors.get(source.source)
    if source is not None:
        source.start_char += base
        source.end_char += base
    cas = find_casualties(doc[:], ctx.lexicons)
    if title:  # "Woman killed in shelling": headline grammar (headlines.py)
        cas.facts += headline_casualties(doc[:], ctx.lexicons, cas.facts)
    # the grievance of a protest ("against the killing of two lawyers") names another event, not this one's
    triggers = ctx.triggers.find(doc, [(s - base, e - base) for s, e in masked] + cas.references)
    actor_masked = [(m.start_char, m.end_char) for m in source_matches if m.text.lower() not in ctx.lexicons.actors
                    and m.text not in ctx.lexicons.actors] + [(s - base, e - base) for s, e in ctx.masked]
    actors = ctx.actors.find(doc, actor_masked)
    written = ctx.anchor.day if ctx.anchor is not None and ctx.anchor.written else ctx.published
    places = find_places(article_text, ctx.gazetteer, start=base, end=base + len(text), masked=masked, day=written)
    dates = find_dates(text, ctx.anchor or ctx.published, base)
    for d in dates:
        d.start, d.end = d.start + base, d.end + base
    dates = [d for d in dates if not any(s <= d.start < e for s, e in ctx.datelines)]
    # "wanted in last year's robbery case", "Monday's attack": a day or period that owns a noun dates
    # that other thing, not the event the sentence tells
    dates = [d for d in dates if not (d.kind == "period" and _owns_another_noun(doc, d.end - base))]
    refine_by_parse(doc, dates, base, REPORTING, ctx.lede_at)
    if written is not None and ctx.note:  # "to discuss the killing of 12 herders on 2 April": an older incident's dead
        past = past_anchors(doc, base, dates, written)
        cas.facts = [f for f in cas.facts if not retold_past(doc, f.start, past)]
        cas.listed = [f for f in cas.listed if not retold_past(doc, f.start, past)]
        if (day_coded := coded_for_day(text, base, dates, written)) is not None:  # "(12 coded for 3 May, 9 for 4 May)"
            cas.facts = [f for f in cas.facts if f.role != "killed"] + [day_coded]
    # "4 were killed in Ahmedabad, 3 in Palanpur and 1 in Surat": a toll of each place, each its own segment
    per_place = _per_place_tolls(text, cas.facts, places, base)
    cas.facts += [f for _, f in per_place]
    bounds = sorted({0, len(text), *(m.start() for m in _SPLIT.finditer(text) if m.start() > 0), *(at for at, _ in per_place)})
    segments: list[Segment] = []
    # a headline lists no one: its capitalised words are no names ("Being Shot", "Newschannel 6 Now");
    # each figure is given to its segment by its place in the sentence, before any is moved to the
    # article's offsets (moved first, a figure could land in a later segment and be moved again)
    told = [(c, c.start) for c in cas.facts + (cas.listed if not title else [])]
    for c, _ in told:
        c.start, c.end = c.start + base, c.end + base
    for s, e in zip(bounds, bounds[1:], strict=False):
        if e <= s:
            continue
        seg = Segment(base + s, base + e, text[s:e])
        seg.casualties = [c for c, at in told if s <= at < e]
        seg.dates = [d for d in dates if base + s <= d.start < base + e]
        seg.places = [p for p in places if base + s <= p.start < base + e]
        seg_triggers = [t for t in triggers if s <= t.start_char < e]
        seg.event = ctx.triggers.classify(doc, seg_triggers, s, e, cas.references)
        seg.places = [p for p in seg.places if not _of_another_event(doc, p.start - base, seg.event, seg_triggers)
                      and not _place_of_care(article_text, p)]
        seg.one_attack = any(t.value.sub_event_type == "Attack" and not _plural(doc, t.end - 1) for t in seg_triggers)
        # words that name harm only ("killed") do not make their neighbour an attacker
        tokens = {i for t in seg_triggers if t.value.weight != "generic" for i in range(t.start, t.end)}
        seg.perpetrator = find_perpetrator(doc, [a for a in actors if s <= a.start_char < e], tokens)
        seg.perpetrator.spans = [(base + a, base + b) for a, b in seg.perpetrator.spans if s <= a < e]
        seg.strikes = _strike_count(text[s:e], base + s)
        seg.separate = bool(_SEPARATE.search(text[s:e]))
        seg.definite = bool(_DEFINITE.search(text[s:e]))
        seg.own_attack = bool(_OWN_ATTACK.search(text[s:e]))
        seg.countrywide = bool(_COUNTRYWIDE.search(text[s:e]))
        seg.same_place = bool(_SAME_PLACE.search(text[s:e]))
        seg.one_event = _one_event(doc, seg.event)
        seg.aggregate = ((any(is_period(d) and d.kind != "statement" and not _dated_before(doc, base, seg.dates, d) for d in seg.dates)
                          and not seg.one_event)
                         or bool(_AGGREGATE.search(text[s:e])) or _war_sized(seg))
        seg.rate = is_rate(text[s:e])
        seg.irrealis = is_irrealis(text[s:e], (t for t in doc if s <= t.idx < e),
                                   doc[seg.event.trigger.start] if seg.event is not None else None, s)
        segments.append(seg)
    # a sentence-wide event word serves segments that only carry figures ("16 civilians were killed")
    sentence_event = ctx.triggers.classify(doc, triggers, masked=cas.references)
    for seg in segments:
        if seg.event is None and seg.casualties and sentence_event is not None:
            seg.event = sentence_event
    named = [(m.value.type, m.value.source) for m in source_matches if m.value.source]
    return SentenceFacts(base, base + len(text), text, source, segments, cas.present, cas.unknown, title, named)


_ONE = frozenset({"a", "an", "one"})
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "eleven": 11, "twelve": 12}
_KILLED_IN = re.compile(r"\b(?:killed|dead|died)\s+in\s+(?=[A-Z])")
_AND_N_IN = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s*;\s*|\s+and\s+)(?P<n>\d{1,4}|" + "|".join(_SMALL) + r")\s+in\s+(?=[A-Z])",
                       re.I)


def _per_place_tolls(text: str, facts: list[CasualtyFact], places: list[PlaceMention],
                     base: int) -> list[tuple[int, CasualtyFact]]:
    """ "Four were killed in Ahmedabad, three in Palanpur and one in Surat": after a figure of the dead
    told with its place, each "N in <place>" that follows is the toll of that place (where it splits the
    sentence, and its figure). Only a run of such pairs right after the first, each at a known place."""
    dead = sorted((f for f in facts if f.role == "killed" and f.roster is None and not f.toll), key=lambda f: f.start)
    if not dead:
        return []
    first = _KILLED_IN.search(text, dead[0].end)
    if first is None or first.start() - dead[0].end > 12:
        return []
    starts = {p.start - base: p for p in places}
    place = starts.get(first.end())
    out: list[tuple[int, CasualtyFact]] = []
    while place is not None:
        m = _AND_N_IN.match(text, place.end - base)
        if m is None:
            break
        place = starts.get(m.end())
        if place is None:
            break
        raw = m.group("n").lower()
        n = int(raw) if raw.isdigit() else _SMALL[raw]
        out.append((m.start(), CasualtyFact("killed", Count(low=n, best=n, high=n), None, m.start("n"), m.end("n"))))
    return out


_EVENT_NOUN = re.compile(r"(?:murder|killing|shooting|stabbing|attack|assault|bomb|blast|explosion|massacre|clash|"
                         r"violence|riot|raid|ambush|fight|battle|offensive|strike|death|ceasefire|protest)", re.I)


def _dated_before(doc: Doc, base: int, dates: list[DateMention], period: DateMention) -> bool:
    """ "On 5 March 2020, a bomb killed 3 soldiers, the third such attack this week", "..., bringing the number
    of soldiers killed this month to 40": a day written out in full opens the clause and the period after it
    is said inside a noun phrase (of a count of attacks, of a running total), not of this toll. "40 were
    killed over the past week" keeps its tally: there the period is the predicate's own."""
    if not any(d.kind == "explicit" and d.dates is not None and d.dates.precision == "day" and d.start < period.start
               for d in dates):
        return False
    last = next((t for t in reversed(doc) if t.idx < period.end - base), None)
    if last is None or last.idx < period.start - base:
        return False
    head = last.head.head if last.dep_ == "pobj" else last.head  # "this week" -> its governor; "over the past week" -> "over"'s
    return last.dep_ in ("npadvmod", "pobj") and (head.pos_ in ("NOUN", "PROPN") or head.dep_ == "acl")


def _owns_another_noun(doc: Doc, at: int) -> bool:
    """ "wanted in last year's robbery case": the period owns a noun that is not what the sentence tells
    ("last year's offensive killed 300" is dated by it: its noun is the subject)."""
    mark = next((t for t in doc if t.idx == at and t.lower_ in ("'s", "’s")), None)
    if mark is None:
        return False
    owned = mark.head.head if mark.head.dep_ == "poss" else mark.head
    if owned.dep_ == "pobj" and (owned.head.lower_ in _ANOTHER_EVENT_PREPS or owned.head.lower_ == "of"
                                 and owned.head.head.pos_ == "NOUN" and not _EVENT_NOUN.match(owned.head.head.lower_)):
        return True  # "the commander behind last year's bombing", "arrested for last week's attack": another event
    # "new details about last month's murders": the owned noun is the event itself, dated by it
    return owned.dep_ not in ("nsubj", "nsubjpass", "ROOT") and not _EVENT_NOUN.match(owned.lower_)


_ANOTHER_EVENT_PREPS = {"behind", "for", "over", "after", "following", "before", "since"}


_MOVED = r"(?:taken|transported|rushed|flown|airlifted|driven|brought|carried|transferred|evacuated|admitted|treated)"
_CARE = r"(?:hospital|medical cent(?:er|re)|trauma cent(?:er|re)|clinic)"
# "was flown to Parkview Hospital in Fort Wayne", "taken to a hospital in nearby Corvallis", "died at
# a hospital in Jackson": where the wounded were cared for, not where they were hurt
_CARED = rf"\b(?:{_MOVED}\s+(?:\w+\s+){{0,4}}?(?:to|at|in)|died\s+(?:\w+\s+){{0,2}}?(?:at|in)|pronounced\s+dead\s+(?:at|in))\s+"
_CARE_IN_BEFORE = re.compile(rf"{_CARED}(?:[\w.'’-]+\s+){{0,5}}?{_CARE}\s+(?:in|at)\s+(?:nearby\s+)?$", re.I)
# "rushed to a Corvallis hospital", "died at a Kokomo medical center"
_CARE_AT_BEFORE = re.compile(rf"{_CARED}(?:a|an|the)\s+(?:nearby\s+)?$", re.I)
_CARE_AFTER = re.compile(rf"(?:['’]s)?\s+(?:area\s+)?{_CARE}\b", re.I)


def _place_of_care(text: str, p: PlaceMention) -> bool:
    """The place is the hospital's town the wounded were taken to (or died in), not the scene."""
    before = text[max(0, p.start - 90) : p.start]
    return bool(_CARE_IN_BEFORE.search(before) or (_CARE_AT_BEFORE.search(before) and _CARE_AFTER.match(text, p.end)))


def _of_another_event(doc: Doc, at: int, event: EventFact | None, triggers: list[Match[Trigger]]) -> bool:
    """"Missiles damaged an airbase that was used for a chemical attack on a village in Idlib": a place
    inside a relative clause that names another kind of event, by a specific word, is that event's
    place, not this one's."""
    if event is None:
        return False
    tok = next((t for t in doc if t.idx <= at < t.idx + len(t)), None)
    own = event.trigger.start
    while tok is not None and tok.i != own and tok.dep_ != "ROOT":  # spaCy makes a new Token on each access: compare .i
        if tok.dep_ == "relcl":
            inside = range(tok.left_edge.i, tok.right_edge.i + 1)
            # a clause that tells this event again ("an air strike, which struck their home in X") places it
            return own not in inside and any(m.start in inside and m.value.weight == "specific"
                                             and m.value.sub_event_type != event.sub_event_type for m in triggers)
        tok = tok.head
    return False


def _one_event(doc: Doc, event: EventFact | None) -> bool:
    """A single strike or bombing told within a month ("In July a suicide bomb killed 16 people in
    Hasaka", "an air strike in May killed ..."): one incident whose day is not given, not a tally.
    Only a specific word for a blow that falls at once: a battle or an offensive runs on for days."""
    if event is None or not event.specific or event.event_type == "Battles":
        return False
    head = doc[event.trigger.end - 1]
    return head.tag_ == "NN" and any(c.dep_ in ("det", "nummod") and c.lower_ in _ONE for c in head.children)


def _plural(doc: Doc, i: int) -> bool:
    """A plural noun ("shootings", "homicides"); in a title-case headline the tagger reads verbs as
    plural nouns ("Child Shoots Himself"), so there only an -ings word is taken for one."""
    word = doc[i]
    if word.text.lower().endswith("ings"):
        return True
    if i + 1 < len(doc) and doc[i + 1].lower_ in ("himself", "herself"):
        return False  # "Toddler kills herself with a loaded gun": a verb, whatever the tagger says
    return word.tag_ in ("NNS", "NNPS") and not _title_case(doc)


@functools.lru_cache(maxsize=8)  # asked for every event word of the sentence
def _title_case(doc: Doc) -> bool:
    return sum(t.is_title for t in doc if t.is_alpha) > sum(t.is_lower for t in doc if t.is_alpha)


def _war_sized(seg: Segment) -> bool:
    """A toll in the thousands with no town or district named is a war's or a country's, not an incident's."""
    dead = max([c.count.best or c.count.low or 0 for c in seg.casualties if c.role == "killed"], default=0)
    fine = any(p.location.precision in ("point", "neighbourhood", "city", "district") for p in seg.places)
    return dead >= _NEVER_ONE_EVENT or dead >= _WAR_SIZE and not fine


@dataclass
class FactContext:
    """What sentence_facts needs besides the sentence: built once per article."""

    lexicons: Lexicons
    triggers: EventReader
    actors: PhraseIndex[str]
    sources: PhraseIndex[SourceEntry]
    gazetteer: Gazetteer
    published: dt.date | None
    masked: list[tuple[int, int]] = field(default_factory=list)
    datelines: list[tuple[int, int]] = field(default_factory=list)  # dates here date the story, not events
    anchor: Anchor | None = None  # what the article's dates are read against (docdates.py)
    lede_at: int | None = None  # where the article's lede date is (docdates.py)
    # a monitor's note of one paragraph, written as of its event's day: an older incident it retells is
    # never its subject (a news story written later may be about that incident: an arrest, a trial)
    note: bool = False

"""Assemble an article's sentence facts into reports, one per incident (or tally) it tells.

Reading follows how wire copy is written. A segment with its own place and date opens or joins the
incident of that place and day. A segment with neither continues the incident being told ("It
said the dead included women and children"). "A day after", "the same city", "separate strikes"
open a new incident anchored on the current one. A figure over a period ("this month alone",
"in a week") opens a tally, never an incident. A segment with no figures, no place and no date
opens nothing: statements, plans, sortie rates and diplomacy yield no report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..lexicon import SUB_EVENT_TYPES
from ..model import Count, Dates, Location
from .claims import ClaimBuilder, SourceTracker
from .dates import DateMention, is_period
from .events import VIOLENT, escalate
from .facts import Segment, SentenceFacts
from .places import PlaceMention

HEADLINE_ONLY = "incident told by the headline"
_RANK = {"point": 0, "neighbourhood": 1, "city": 2, "district": 3, "region": 4, "country": 5}


@dataclass
class Frame:
    kind: str
    segment: Segment
    sub_event_type: str | None = None
    event_type: str | None = None
    specific_event: bool = False
    event_weight: str | None = None  # of the word that gave the type (events.py); "generic": harm only
    event_guessed: bool = False  # the sub-event type is a default, not read from the text
    date: Dates | None = None
    date_span: tuple[int, int] | None = None
    place: PlaceMention | None = None
    actors: list[str] = field(default_factory=list)
    uncertain: bool = False
    unspecified: bool = False
    perp_spans: list[tuple[int, int]] = field(default_factory=list)
    claims: list[ClaimBuilder] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    strikes: Count | None = None
    flags: list[str] = field(default_factory=list)

    def claims_with_figures(self) -> bool:
        return any(not c.empty for c in self.claims)


def is_event_date(d: DateMention, one_event: bool = False) -> bool:
    """A date that can date an incident: a day, or a span too short to be a tally, or any span where
    the segment tells one strike or bombing in it ("In July a suicide bomb killed 16")."""
    if d.dates is None or d.kind in ("statement", "relative"):
        return False
    return one_event or d.kind in ("weekday", "explicit", "day", "ago") or not is_period(d)


def rank(p: PlaceMention | None) -> int:
    return 9 if p is None else _RANK.get(p.location.precision or "country", 5)


def best_place(places: list[PlaceMention]) -> PlaceMention | None:
    """The most specific place of a segment; countries only when nothing finer is named."""
    if not places:
        return None
    return min(places, key=lambda p: (rank(p), p.start))


def same_place(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    if a is None or b is None:
        return False
    la, lb = a.location, b.location
    if la.name and la.name == lb.name and la.precision == lb.precision:
        return True
    if la.lat is not None and lb.lat is not None and la.precision == lb.precision == "city":
        return abs(la.lat - lb.lat) < 0.05 and abs((la.lon or 0) - (lb.lon or 0)) < 0.05
    return False


def place_fits(frame_place: PlaceMention | None, p: PlaceMention) -> bool:
    """p names the frame's place or a place inside it (a neighbourhood of the city)."""
    if frame_place is None:
        return False
    if same_place(frame_place, p):
        return True
    fl, pl = frame_place.location, p.location
    if pl.precision == "neighbourhood" and fl.precision == "city" and fl.lat is not None and pl.lat is not None:
        return abs(fl.lat - pl.lat) < 0.15 and abs((fl.lon or 0) - (pl.lon or 0)) < 0.15
    return False


def dates_equal(a: Dates | None, b: Dates | None) -> bool:
    return a is not None and b is not None and a.start == b.start and a.end == b.end


class Assembler:
    """Feeds sentence facts in order; `frames` holds the incidents and tallies found so far."""

    def __init__(self, published: dt.date | None, alone: bool = False):
        self.published = published
        # the text is one line: a brief or a monitor's note, its "title" is the whole story
        self.alone = alone
        self.frames: list[Frame] = []
        self.current: Frame | None = None
        self.sources = SourceTracker()
        self.named_sources: dict[str, str] = {}  # type -> the first source of that type the article names
        self.headline: tuple[SentenceFacts, Segment, object] | None = None  # the title's one attack (`close`)
        self._sentence_frames = 0  # frames opened before the sentence being read

    # -- the reading loop ---------------------------------------------------------------
    def feed(self, sent: SentenceFacts) -> None:
        for stype, name in sent.named_sources:
            self.named_sources.setdefault(stype, name)
        source = self.sources.resolve(sent.source, sent.start)
        self._sentence_frames = len(self.frames)
        for seg in sent.segments:
            if sent.title and not self.alone and self.headline is None and seg.one_attack and not seg.irrealis:
                self.headline = (sent, seg, source)
            self._feed_segment(sent, seg, source)
        if sent.present and self.current is not None:
            self.current.spans.append((sent.start, sent.end))
            self._claim(self.current, source, sent.start).add_present(sent.present, (sent.start, sent.end))
        if sent.unknown_casualties and self.current is not None:
            self.current.flags.append("casualties unknown")

    def _feed_segment(self, sent: SentenceFacts, seg: Segment, source: object) -> None:
        perp = seg.perpetrator
        eventful = seg.event is not None or seg.has_casualties or seg.definite or seg.listed  # "the dead were evacuees"
        if not eventful and not (perp.actors or perp.unspecified or perp.uncertain):
            return
        # "whether the jets were Syrian or Russian" is irrealis, and it is what the source says of the perpetrator
        if (seg.rate or seg.irrealis) and not seg.has_casualties and not (perp.uncertain or perp.unspecified):
            return
        if seg.listed and not seg.has_casualties and not seg.separate and self.current is not None \
                and self.current.kind == "incident":
            self._fill(self.current, seg, source, sent)  # names the dead of the incident being told
            return
        place = best_place(seg.places)
        # a country is no anchor for an incident: "air strikes in Syria this week" is not one
        anchor_place = place if place is not None and rank(place) < 5 else None
        relative = next((d for d in seg.dates if d.kind == "relative"), None)
        # periods ("this week") date tallies, not incidents; statement dates date nothing
        own_date = next((d for d in seg.dates if is_event_date(d, seg.one_event)), None)

        if seg.aggregate and (seg.has_casualties or seg.strikes):
            self._aggregate(seg, place, source, sent)
            return
        if seg.one_event and seg.has_casualties and own_date is not None and is_period(own_date):
            # "In July a suicide bomb killed 16 in Hasaka": told with "a", another incident than the
            # one being told, dated by its month
            self._fill(self._new(seg, anchor_place), seg, source, sent, None, own_date, anchored=True)
            return
        cur = self.current
        # "a day after", "the next day" count from the incident being told, never from a tally's period
        told = cur if cur is None or cur.kind == "incident" else next(
            (f for f in reversed(self.frames) if f.kind == "incident"), None)
        if relative is not None and told is None and relative.dates is not None and own_date is None:
            # "Earlier in the day a blast hit ..." before any incident is told: the day of writing
            own_date, relative = relative, None
        if relative is not None and told is not None and (seg.has_casualties or anchor_place):
            frame = self._new(seg, anchor_place or (told.place if seg.same_place else None))
            if own_date is not None:
                # "a day after ... its strikes last week": the segment's own date beats counting from the
                # incident told (the "day after" dates the telling, the event has a date of its own)
                frame.date, frame.date_span = own_date.dates, (own_date.start, own_date.end)
            elif told.date is not None and told.date.start is not None:
                d = told.date.start + dt.timedelta(days=relative.offset_days)
                alt = told.date.alternative + dt.timedelta(days=relative.offset_days) if told.date.alternative else None
                frame.date = Dates(start=d, end=d, precision="day", basis="relative", alternative=alt)
                frame.date_span = (relative.start, relative.end)
            self._fill(frame, seg, source, sent, anchored=True)
            return
        if seg.same_place and anchor_place is None and cur is not None:
            anchor_place = cur.place
        if anchor_place is not None and not sent.title and self._refines(cur, seg, anchor_place, own_date is not None):
            # "22 people died in a car bombing in the north" then "the car blew up in Qamishli on
            # Wednesday": the later sentence places the incident the lede told
            self._fill(cur, seg, source, sent, anchor_place, own_date, anchored=True)  # type: ignore[arg-type]
            return
        if anchor_place is not None and cur is not None and cur.kind == "incident" and cur.place is None \
                and not seg.separate and any(f is cur for f in self.frames[self._sentence_frames:]) \
                and (own_date is None or cur.date is None or dates_equal(cur.date, own_date.dates)):
            # "A teacher was killed while his son was injured in Multan": the place at the end of the
            # sentence is that of the incident its first clause opened
            self._fill(cur, seg, source, sent, anchor_place, own_date, anchored=True)
            return
        if anchor_place is not None or own_date is not None:
            target = self._find(anchor_place, own_date.dates if own_date else None)
            if target is not None and not (seg.separate and seg.has_casualties and target.claims_with_figures()):
                self._fill(target, seg, source, sent, anchor_place, own_date, anchored=True)
                return
        if anchor_place is not None and own_date is None:
            same = [f for f in self.frames if f.kind == "incident" and place_fits(f.place, anchor_place)]
            if same and not (seg.separate and seg.has_casualties):
                self._fill(same[0], seg, source, sent, anchor_place, anchored=seg.has_casualties)
                return
            if seg.has_casualties or (seg.separate and cur is not None) or self._lede(sent, seg, placed=True) \
                    or _headline_event(sent, seg):
                frame = self._new(seg, anchor_place)
                if cur is not None and cur.date is not None:
                    frame.date = cur.date
                    frame.flags.append("date inherited from context")
                self._fill(frame, seg, source, sent, anchored=True)
            return
        if own_date is not None and anchor_place is None:
            other = seg.separate and seg.has_casualties and cur is not None and cur.claims_with_figures()
            if cur is not None and cur.kind == "incident" and (cur.date is None or dates_equal(cur.date, own_date.dates)) \
                    and (seg.has_casualties or seg.definite) and not other:
                self._fill(cur, seg, source, sent, None, own_date, anchored=True)
            elif seg.has_casualties or (_opens(seg) and own_date.kind in ("weekday", "explicit", "day")):
                frame = self._new(seg, place)
                self._fill(frame, seg, source, sent, None, own_date, anchored=True)
            return
        if anchor_place is not None and own_date is not None:
            if seg.has_casualties or _opens(seg, anchors=2):
                self._fill(self._new(seg, anchor_place), seg, source, sent, None, own_date, anchored=True)
            return
        # neither place nor date: the incident being told goes on, if the sentence points back to it
        if seg.has_casualties and (cur is None or seg.separate):
            frame = self._new(seg, place)
            if cur is not None and cur.date is not None:
                frame.date = cur.date
                frame.flags.append("date inherited from context")
            self._fill(frame, seg, source, sent, anchored=True)
        elif self._lede(sent, seg):
            self._fill(self._new(seg, place), seg, source, sent, anchored=True)
        elif cur is not None and (seg.has_casualties or seg.definite or seg.listed or perp.unspecified or perp.uncertain
                                  or (seg.event is not None and escalate(cur.sub_event_type, seg.event.sub_event_type))):
            # ... or it tells how the protest being told went on: "Police fired tear gas and arrested 20"
            self._fill(cur, seg, source, sent, anchored=seg.has_casualties)

    def close(self) -> None:
        """After the last sentence: an article whose headline tells one attack ("Teen hurt in
        accidental shooting", "Suspect arrested in Elm Street shooting") is about that attack, even
        when its body tells no incident the reading loop opens: the page is a paywall or a video
        caption under the headline, or the attack is told on the day of an arrest or a hearing, dated
        by its month ("shot two men in October"), which reads as a tally. So with no incident found,
        the article's one tally of casualties becomes the incident, or else the headline opens one
        (its place: the article's main place, report.py)."""
        if self.headline is None or any(f.kind == "incident" and (f.claims_with_figures() or f.event_type in VIOLENT)
                                        for f in self.frames):
            return  # (an arrest or a hearing told without figures is not the attack)
        tallies = [f for f in self.frames if f.kind == "aggregate"]
        if len(tallies) == 1 and "countrywide" not in tallies[0].flags and tallies[0].claims_with_figures():
            tallies[0].kind = "incident"
            tallies[0].flags.append("one attack told over a period")
            if tallies[0].event_type not in VIOLENT:  # "arrested for a shooting that left three dead": the shooting
                tallies[0].sub_event_type, tallies[0].event_type = "Attack", SUB_EVENT_TYPES["Attack"]
                tallies[0].event_guessed, tallies[0].event_weight = False, "weak"
        elif not self.frames:
            sent, seg, source = self.headline
            frame = self._new(seg, None)
            self._fill(frame, seg, source, sent, anchored=True)
            frame.flags.append(HEADLINE_ONLY)

    def _lede(self, sent: SentenceFacts, seg: Segment, placed: bool = False) -> bool:
        """The first event the article tells as a fact, named firmly, opens its incident even with no
        place or day of its own ("Farmers protested outside the mill", "Troops defused a bomb"):
        the lede is about the article's incident. Later lines need an anchor. With a place of its
        own (`placed`), or as the first line of a one-paragraph text, a lede that tells violence as an
        act opens one too, as a headline does ("Gunmen attacked farmers near the camp", "Militants
        fired mortar shells at the base"): a brief or a monitor's note has no headline."""
        if self.current is not None or self.frames or (sent.title and not self.alone) or not _opens(seg):
            return False
        # (a headline alone stays a headline: "Fighting flares in the east" names no incident)
        if (placed or (self.alone and not sent.title)) and seg.event is not None and seg.event.verbal \
                and not seg.event.guessed:
            return True
        # not strikes, blasts and battles: their ledes give figures, a place or a day, and a lede
        # without them is commentary ("warned against new missile strikes")
        # and only an event told as an act ("farmers protested", "staged a sit-in"), not a noun in
        # commentary ("those responsible for the riots")
        return seg.event is not None and seg.event.event_type not in ("Battles", "Explosions/Remote violence") \
            and seg.event.sub_event_type != "Attack" and seg.event.verbal

    def _refines(self, cur: Frame | None, seg: Segment, place: PlaceMention, dated: bool) -> bool:
        """The segment, with no figures of its own, names where the current incident happened: the
        incident has only a country or governorate, the place lies in that country, and the segment
        brings no day of its own unless the incident has none."""
        if cur is None or cur.kind != "incident" or rank(cur.place) < 4 or (dated and cur.date is not None):
            return False
        if seg.has_casualties or seg.separate or seg.aggregate or seg.strikes is not None:
            return False  # "Palmyra was hit by 70 strikes" tells an event of its own
        return cur.place is None or cur.place.location.country == place.location.country

    # -- frames ---------------------------------------------------------------------------
    def _new(self, seg: Segment, place: PlaceMention | None, kind: str = "incident") -> Frame:
        frame = Frame(kind=kind, segment=seg, place=place)
        self.frames.append(frame)
        return frame

    def _find(self, place: PlaceMention | None, dates: Dates | None) -> Frame | None:
        for f in self.frames:
            if f.kind != "incident":
                continue
            place_ok = place is None or f.place is None or place_fits(f.place, place) or place_fits(place, f.place)
            date_ok = dates is None or f.date is None or dates_equal(f.date, dates)
            if place_ok and date_ok and (place is None or f.place is not None) and (dates is None or f.date is not None):
                return f
        return None

    def _aggregate(self, seg: Segment, place: PlaceMention | None, source: object, sent: SentenceFacts) -> None:
        periods = [d for d in seg.dates if d.dates is not None and d.dates.start is not None and d.kind != "statement"]
        # the widest period: "In August, it acknowledged ... since 2014" is a tally since 2014
        period = min(periods, key=lambda d: d.dates.start or dt.date.max) if periods else None  # type: ignore[union-attr]
        dates = period.dates if period else None
        if seg.countrywide:
            place = None  # "across the country": the article's country, settled in report.py
        values = {v for c in seg.casualties for v in c.count.values()}
        for f in self.frames:  # the same tally told twice ("killing an estimated 800 ... about 800")
            if f.kind == "aggregate" and dates_equal(f.date, dates):
                known = {v for cl in f.claims for c in (cl.killed, cl.injured) if c for v in c.values()}
                if values & known:
                    self._fill(f, seg, source, sent, anchored=True)
                    return
        frame = self._new(seg, place, kind="aggregate")
        frame.date = dates
        if seg.countrywide:
            frame.flags.append("countrywide")
        if period is not None:
            frame.date_span = (period.start, period.end)
        self._fill(frame, seg, source, sent, anchored=True)

    def _claim(self, frame: Frame, source: object, at: int) -> ClaimBuilder:
        return ClaimBuilder.for_source(frame.claims, source, at)  # type: ignore[arg-type]

    def _fill(self, frame: Frame, seg: Segment, source: object, sent: SentenceFacts,
              place: PlaceMention | None = None, date: object = None, *, anchored: bool = False) -> None:
        """Add a segment to a frame. `anchored`: the segment names this incident (its place, its day,
        its figures), so its source is a source of the incident and its event words define it."""
        self.current = frame
        frame.spans.append((seg.start, seg.end))
        if place is None:
            place = next((p for p in sorted(seg.places, key=rank) if rank(p) < 5), None) if frame.kind == "incident" else best_place(seg.places)
        if "countrywide" in frame.flags:
            place = None
        if place is not None and (frame.place is None or rank(place) < rank(frame.place) and
                                  (place_fits(frame.place, place) or rank(frame.place) >= 4)):
            frame.place = place
        if date is None and frame.kind == "incident":
            date = next((d for d in seg.dates if is_event_date(d, seg.one_event)), None)
        if date is not None and frame.date is None:
            frame.date, frame.date_span = date.dates, (date.start, date.end)  # type: ignore[attr-defined]
        ev = seg.event
        # a type read from a word naming harm only ("killed"), or left open by the parties, gives way
        # to any settled event word; a background line ("recaptured the city in March") redefines nothing
        open_type = frame.event_weight == "generic" or frame.event_guessed
        if ev is not None and (frame.sub_event_type is None or (open_type and ev.weight != "generic" and not ev.guessed)
                               or (anchored and ev.specific and not frame.specific_event and not seg.aggregate)):
            frame.sub_event_type, frame.event_type = ev.sub_event_type, ev.event_type
            frame.specific_event, frame.event_guessed, frame.event_weight = ev.specific, ev.guessed, ev.weight
        elif ev is not None and anchored and ev.specific and ev.sub_event_type == frame.sub_event_type:
            frame.specific_event = True  # a later line names firmly what the first named vaguely
        elif ev is not None and ev.specific and not ev.background and (up := escalate(frame.sub_event_type, ev.sub_event_type)):
            frame.sub_event_type, frame.event_type = up, SUB_EVENT_TYPES[up]
        perp = seg.perpetrator
        if perp.actors and not frame.unspecified:
            if not frame.actors or perp.uncertain:
                frame.actors = list(perp.actors) if perp.uncertain else frame.actors + [a for a in perp.actors if a not in frame.actors]
            frame.uncertain = frame.uncertain or perp.uncertain
            frame.perp_spans += perp.spans
        elif perp.unspecified and not frame.actors:
            frame.unspecified = True
            frame.perp_spans += perp.spans
        elif perp.uncertain:
            frame.uncertain = True
            frame.perp_spans += perp.spans
        if seg.strikes is not None:
            count, s, e = seg.strikes
            old = frame.strikes
            if old is None or (count.low or count.best or 0) > (old.low or old.best or 0):
                frame.strikes = count
                frame.spans.append((s, e))
        if seg.own_attack and not frame.actors and getattr(source, "actor", None):
            frame.actors = [source.actor]  # type: ignore[attr-defined]  # "its strikes": the source's side
        coded = [f for f in seg.casualties if f.coded]
        if coded:
            # the writer's coded figure is the event's: the other parties' figures become evidence
            final = ClaimBuilder(None, None, None)
            for c in frame.claims:
                final.spans += c.spans
            final.injured = next((c.injured for c in frame.claims if c.injured is not None), None)
            final.add(coded[-1])
            frame.claims = [final]
            frame.flags.append("fatalities as coded by the writer")
            return
        if seg.casualties or (anchored and source is not None):
            claim = self._claim(frame, source, seg.start)
            # the writer's coded figure is final: dead told after it are among it, not more
            final_coded = "fatalities as coded by the writer" in frame.flags
            for fact in seg.casualties:
                if final_coded and fact.role == "killed":
                    continue
                claim.add(fact)
                if fact.ambiguous and "killed-or-wounded ambiguous" not in frame.flags:
                    frame.flags.append("killed-or-wounded ambiguous")


def _opens(seg: Segment, anchors: int = 1) -> bool:
    """An event told without figures opens an incident of its own when it is told as a fact: an
    arrest, a protest, a landmine that hit a patrol (events.py, `EventFact.opens`). With only a
    place or only a day, the word must name the event firmly: "the pace of strikes" is no event.
    A place alone opens nothing: news prose names places and past battles in every background line."""
    event = seg.event
    # "nationwide protests", "a strike across the country": a tally's words, but a protest or an
    # arrest told so is still one event (coded at the country); only violence is tallied that way
    if event is None or not event.opens or seg.irrealis or seg.rate or (seg.aggregate and event.event_type in VIOLENT):
        return False
    return anchors == 2 or event.firm


def _headline_event(sent: SentenceFacts, seg: Segment) -> bool:
    """A headline that tells violence at a named place tells an incident, figures or not ("Fighting
    flares near the port", "Town shelled overnight"): a headline is the story's own summary, not a
    background line. Talks, plans and tallies in a headline open nothing."""
    return sent.title and _opens(seg) and seg.event is not None and seg.event.event_type in VIOLENT


def frame_location(frame: Frame) -> Location:
    if frame.place is None:
        return Location()
    return frame.place.location.model_copy(update={"mention": frame.place.mention})

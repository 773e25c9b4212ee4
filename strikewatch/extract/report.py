"""Turn an article's frames into `Report`s: fold restatements, settle defaults, attach evidence.

A headline or lede that restates the body ("Airstrikes kill 39 civilians in Syria" before "Air
strikes killed at least 39 civilians on Saturday in Raqa") is one incident, not two: a frame
with no place or date of its own, or only a country, folds into a frame of the same article that
shares its figures. Defaults are explicit and flagged: a report with no date of its own takes the
explicit day of the article's lede, else a range from the publication (basis "publication",
precision "period", docdates.py); with no place, it takes the article's main place.
"""

from __future__ import annotations

from collections import Counter

from ..model import Article, Count, Dates, Location, Perpetrator, Report, Span
from .claims import ClaimBuilder, merge_rosters
from .dates import Anchor
from .docdates import ArticleDates
from .frames import HEADLINE_ONLY, Frame, dates_equal, frame_location, place_fits, rank, same_place
from .perpetrator import resolve_state
from .places import PlaceMention

DEFAULT_EVENT = ("Violence against civilians", "Attack")


def _killed_values(f: Frame) -> set[tuple[str, int]]:
    """The frame's figures with their role: a killed 1 and an injured 1 are not the same figure ("the
    headmaster was killed while his son was injured": two facts, not one told twice)."""
    return {(role, v) for c in f.claims for role, k in (("killed", c.killed), ("injured", c.injured)) if k
            for v in k.values()}


def _compatible(a: Frame, b: Frame) -> bool:
    if a.kind != b.kind:
        return False
    weak_b = b.place is None or rank(b.place) >= 5 or b.date is None
    pa, pb = a.place, b.place
    place_ok = pa is None or pb is None or same_place(pa, pb) or place_fits(pa, pb) or place_fits(pb, pa) or (
        rank(pb) >= 5 and pa.location.country == pb.location.country) or (rank(pa) >= 5 and pa.location.country == pb.location.country)
    date_ok = a.date is None or b.date is None or dates_equal(a.date, b.date)
    va, vb = _killed_values(a), _killed_values(b)
    # a restatement with figures folds only into a frame that gives the same figures
    figures_ok = bool(va & vb) if vb else True
    strikes_ok = a.strikes is None or b.strikes is None or bool(set(a.strikes.values()) & set(b.strikes.values()))
    exact_twin = pa is not None and pb is not None and same_place(pa, pb) and dates_equal(a.date, b.date)
    return place_ok and date_ok and figures_ok and (weak_b or exact_twin) and (strikes_ok or bool(va & vb))


def _merge(into: Frame, other: Frame) -> None:
    if other.place is not None and (into.place is None or rank(other.place) < rank(into.place)):
        into.place = other.place
    if into.date is None:
        into.date, into.date_span = other.date, other.date_span
    into.spans += other.spans
    into.perp_spans += other.perp_spans
    if not into.actors and other.actors:
        into.actors, into.uncertain = other.actors, other.uncertain
    into.unspecified = into.unspecified or (other.unspecified and not into.actors)
    if into.strikes is None:
        into.strikes = other.strikes
    generic = (into.event_weight == "generic" or into.event_guessed) and other.event_weight not in (None, "generic") \
        and not other.event_guessed
    if into.sub_event_type is None or generic or (other.specific_event and not into.specific_event):
        into.sub_event_type, into.event_type, into.specific_event = other.sub_event_type, other.event_type, other.specific_event
        into.event_guessed, into.event_weight = other.event_guessed, other.event_weight
    host_values = {v for role, v in _killed_values(into) if role == "killed"}
    for c in other.claims:
        if c.source is None and c.type is None and c.killed is not None and set(c.killed.values()) & host_values:
            into.spans += [(s.start, s.end) for s in c.spans]
            # "Airstrikes kill 39 civilians" over "killed at least 39 civilians, the Observatory said"; the
            # wounded it tells ("1 dead, 5 injured") stay where the host tells none
            host = next((x for x in into.claims if x.killed is not None and set(x.killed.values()) & host_values), None)
            if host is not None and host.injured is None and host.shot is None and host.shot_others is None:
                host.injured, host.shot, host.shot_others = c.injured, c.shot, c.shot_others
            continue
        twin = next((x for x in into.claims if x.source == c.source and x.type == c.type), None)
        if twin is None:
            into.claims.append(c)
        else:
            twin.absorb(c)
    into.flags += [f for f in other.flags if f not in into.flags]


def fold_restatements(frames: list[Frame]) -> list[Frame]:
    kept: list[Frame] = []
    # the more specific frames absorb the weaker ones, whichever comes first in the text
    order = sorted(range(len(frames)), key=lambda i: (rank(frames[i].place) + (frames[i].date is None) * 3, i))
    for i in order:
        f = frames[i]
        hosts = [k for k in kept if _compatible(k, f)]
        host = max(hosts, key=lambda k: len(_killed_values(k) & _killed_values(f))) if hosts else None
        if host is None:
            kept.append(f)
        else:
            _merge(host, f)
    return sorted(kept, key=lambda f: min(s for s, _ in f.spans) if f.spans else 0)


def _settle_claims(frame: Frame, named_by_type: dict[str, ClaimBuilder | str]) -> list[ClaimBuilder]:
    claims = frame.claims
    for c in [c for c in claims if c.source is None and c.type]:
        twin = next((x for x in claims if x.source and x.type == c.type), None)
        if twin is not None:
            twin.absorb(c)
            claims.remove(c)
        elif c.type is not None and isinstance(name := named_by_type.get(c.type), str):
            c.source = name
    useful = [c for c in claims if not c.empty or c.source]
    return useful or claims[:1]


def _perpetrator(frame: Frame, claims: list[ClaimBuilder], country: str | None = None) -> Perpetrator:
    actors = resolve_state(frame.actors, country)  # "troops shelled ...": the report's country's forces
    if not actors and not frame.unspecified:
        # "more than 200 militants killed in a raid, according to the Russian Defense Ministry"
        own = [c for c in claims if c.type == "military" and c.actor and "combatants" in c.victims]
        if own:
            return Perpetrator(actors=[own[0].actor], attribution="claimed")  # type: ignore[list-item]
    if not actors:
        return Perpetrator(actors=[], attribution="unknown")
    if frame.uncertain and len(actors) > 1:
        return Perpetrator(actors=actors, attribution="uncertain")
    if any(c.actor in actors for c in claims if c.actor):
        return Perpetrator(actors=actors, attribution="claimed")
    return Perpetrator(actors=actors, attribution="alleged")


def main_place(places: list[PlaceMention]) -> Location:
    """The article's place: the most named of its places finer than a region (else of all), first named on ties."""
    finer = [p for p in places if rank(p) < 5]
    pool = finer or places
    if not pool:
        return Location()
    counts = Counter(p.location.name for p in pool)
    name = counts.most_common(1)[0][0]
    p = next(p for p in pool if p.location.name == name)
    return p.location.model_copy(update={"mention": p.mention or None})  # "": the outlet's address (ushosts.py)


def _finer_in(country: PlaceMention, places: list[PlaceMention]) -> Location | None:
    """The article's main place inside the country a report names, when the article names one."""
    inside = [p for p in places if rank(p) < 5 and p.location.country == country.location.country]
    return main_place(inside) if inside else None


def _country_of(places: list[PlaceMention]) -> Location:
    counts = Counter(p.location.country for p in places if p.location.country)
    country = counts.most_common(1)[0][0] if counts else None
    return Location(name=country, country=country, precision="country" if country else None)


def _fallback_date(article: Article, frame: Frame, when: ArticleDates | None) -> tuple[Dates, tuple[int, int] | None, str]:
    """A report that states no date: the lede's explicit day (incidents only), else a flagged guess
    from the written date with basis "publication", which linking counts as no evidence."""
    if when is None:
        when = ArticleDates(anchor=Anchor(article.published), dateline=None, written=article.published, lede=None)
    if frame.kind != "incident":
        when = ArticleDates(anchor=when.anchor, dateline=when.dateline, written=when.written, lede=None)
    return when.fallback()


def article_dead(frames: list[Frame]) -> int:
    """The largest figure of the dead any incident claim of the article gives (0 when none does); a claim
    with only parts ("a juvenile died": one child) has their sum, as `ClaimBuilder.build` gives it."""
    def dead(c: ClaimBuilder) -> int | None:
        if c.killed is None:
            return sum(next((x for x in (p.best, p.low, p.high) if x is not None), 0) for p in c.parts.values()) or None
        return next((x for x in (c.killed.best, c.killed.low, c.killed.high) if x is not None), None)

    return max((v for f in frames if f.kind == "incident" for c in f.claims if (v := dead(c)) is not None), default=0)


def build_reports(article: Article, frames: list[Frame], places: list[PlaceMention],
                  named_sources: dict[str, str] | None = None, when: ArticleDates | None = None) -> list[Report]:
    text = article.text
    frames = fold_restatements(frames)
    # "a monitoring group said": the monitor the article names, in a claim or anywhere else
    named_by_type: dict[str, ClaimBuilder | str] = {}
    for f in frames:
        for c in f.claims:
            if c.source and c.type:
                named_by_type.setdefault(c.type, c.source)
    for stype, name in (named_sources or {}).items():
        named_by_type.setdefault(stype, name)
    sub_counts = Counter(f.sub_event_type for f in frames if f.sub_event_type and not f.event_guessed)
    dead = article_dead(frames)
    reports: list[Report] = []
    for f in frames:
        merge_rosters(f.claims)
        claims = _settle_claims(f, named_by_type)
        has_figures = any(not c.empty for c in claims) or f.strikes is not None
        # opened by an event told without figures ("police arrested 12 on Monday", frames.py `_opens`)
        told = f.segment.event is not None and f.segment.event.opens and not f.segment.casualties
        if f.kind == "incident" and not has_figures and (f.place is None or rank(f.place) >= 5) and not told \
                and HEADLINE_ONLY not in f.flags:
            continue  # nothing but a mention of fighting somewhere in the country
        flags = list(f.flags)
        location = frame_location(f)
        if f.place is None:
            location = _country_of(places) if f.kind == "aggregate" else main_place(places)
            flags.append("place from the article's main place" if f.kind == "incident" else "place: country")
        elif f.kind == "incident" and rank(f.place) >= 5 and (finer := _finer_in(f.place, places)) is not None:
            location = finer  # "Soldier killed in Ukraine" over a line that names the town: the town
            flags.append("place from the article's main place")
        date, date_span = f.date, f.date_span
        if date is None or date.start is None:
            date, date_span, why = _fallback_date(article, f, when)
            flags.append(why)
        if article.published and date.start and date.basis == "weekday" and (article.published - date.start).days >= 5:
            flags.append("weekday resolved far back from the publication date")
        if f.sub_event_type is None or f.event_guessed:
            # nothing in the frame settles its type: the article's most common one, flagged
            common = sub_counts.most_common(1)
            sub = common[0][0] if common else None
            from ..lexicon import SUB_EVENT_TYPES

            event_type, sub_event = (SUB_EVENT_TYPES[sub], sub) if sub else DEFAULT_EVENT
            flags.append("sub-event-guessed")  # no event word of its own: linking gives it no weight
        else:
            event_type, sub_event = f.event_type or DEFAULT_EVENT[0], f.sub_event_type
        evidence = [Span(start=s, end=e, text=text[s:e]) for s, e in sorted(set(f.spans))]
        if date_span:
            evidence.append(Span(start=date_span[0], end=date_span[1], text=text[date_span[0]:date_span[1]], field="date"))
        if f.place is not None:
            evidence.append(Span(start=f.place.start, end=f.place.end, text=text[f.place.start:f.place.end], field="location"))
        for s, e in sorted(set(f.perp_spans)):
            evidence.append(Span(start=s, end=e, text=text[s:e], field="perpetrator"))
        reports.append(Report(
            id=f"{article.id}#{len(reports) + 1}", article=article.id, kind=f.kind,  # type: ignore[arg-type]
            event_type=event_type, sub_event_type=sub_event, date=date, location=location,
            perpetrator=_perpetrator(f, claims, location.country), claims=[c.build(text, dead) for c in claims], evidence=evidence,
            strikes=f.strikes if f.strikes is None else Count(**f.strikes.model_dump()), flags=flags,
            outlet=article.outlet, published=article.published,
        ))
    return reports

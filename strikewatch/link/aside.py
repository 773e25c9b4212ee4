"""Asides: what an article about one incident says beside it, gathered into that incident.

A local story about one shooting yields more reports than the shooting: the county's or the
state's restatement, the arrest told on another day, a sentence with no figures ("police are
investigating"), a town misread in a sentence with no toll. Left apart, each is an incident of its
own that nothing else tells, and the count of incidents doubles. `fold.py` folds only what nothing
tells apart; here the article's *main* incident (recent, with figures, at a town, the most reports)
takes each other group of the article as an aside when nothing in it contradicts the main one:

- a recent group with no figures is the same story told without them (its type and day say nothing
  against it: an arrest, the day the police spoke), at its place or inside it (the county, the
  state), or in another town where its own reading is weak (a guessed type, an inherited or guessed
  date), or an arrest in another town of its state from the story's day to a week after (where the
  suspect was found); a raid told without figures in another town, with a type and a day of its own,
  is another incident (the seeds' Palmyra raids beside the Raqqa strike);
- a recent group with figures joins only at the main one's place or inside it (a town and its
  county), with figures that agree (shared or close, killed and injured), a type the main one may be
  told as (or a guess, or an arrest giving the very same figure: an arrest kills no one, so its
  toll is the story's), a day that meets the main one's (or an inherited or guessed day), and no two
  perpetrators, and not two streets (a street key ending in the other's words is one street: "Cortland
  Road" and "Niles Cortland Road"). A member of the main incident without figures stands for its
  story's figures. In another town it joins only with a very same small figure
  (under `SMALL_TOLL`; the others close) where one of the two readings is weak (a guessed type, a
  borrowed or guessed day): a town misread once. At the main one's place (or its county or state) it
  may also be the story
  told again on another day within a follow-up's reach (the arrest, the day a victim died) when it
  gives the very same figure and one of the two readings is weak; two firmly read killings of one
  town on two days stay two. Two towns with tolls of their own stay two incidents (seed-001's Raqqa
  and Palmyra); joining close tolls too (4 and 5 dead) cost FA-KES gold link F1 0.717 -> 0.69;
- a *background* group (dated more than `BACKGROUND_DAYS` before publication) without figures ("the
  third shooting there this month") is context of a recent main incident with figures, and no
  reading of it when another article's story meets it (cluster.py); one told with its toll ("last
  year's shooting at the mall killed 4") stays its own incident: it may be another article's story,
  and gold annotations keep it apart (as asides they cost FA-KES gold two false pairs and GVA recall).
  Two exceptions. An arrest story (every report of the main incident an arrest: the arrest, the
  charges, the hearing) recalling one past shooting at its place with its figures, before the
  arrest's day, is about that shooting: the shooting becomes the incident and the arrest is told
  beside it (of two, the one already read as the story told again). And in an article
  told weeks after its story (every group background: a sentencing, an anniversary) the groups are
  read against each other as a recent story's would be.

An aside rides with its incident: against another article's story, the story needs one reading in
common, not every reading (cluster.py), and the incident's figures, date and place are reconciled
without it. A county's or a state's report that could be told beside another recent incident of the article
as well (an article telling two towns) is neither's, unless it gives more kinds of the main one's
figures, or it gives none and the main one is plainly the article's story (more reports, or figures
where the other has none) on a day no farther from it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from .blocking import FOLLOWUP_DAYS
from .compat import common_actors, types_compatible
from .features import PLACE_RANK, Features
from .geo import PRECISE, place_relation
from .similarity import date_relation, figure_relation

BACKGROUND_DAYS = 7  # older than this at publication: told in passing, not the story
SMALL_TOLL = 10  # a shared toll below this in two towns of one article may be one shooting misplaced
CITY = PLACE_RANK["city"]
ARRESTS = "Arrests"


def background(f: Features) -> bool:
    return (f.hi is not None and f.published is not None and not f.date_guessed
            and f.published - f.hi > BACKGROUND_DAYS)


def _figures(f: Features) -> bool:
    return bool(f.killed or f.injured)


def _weak(f: Features) -> bool:
    return f.type_guessed or f.date_guessed or f.date_inherited


def _loose_day(f: Features) -> bool:
    return f.date_guessed or f.date_inherited


def _misread(g: Features, m: Features) -> bool:
    """Two towns with the very same small toll, one of the two read weakly (a guessed type, a
    borrowed or guessed day): one shooting whose town was misread once (the outlet's city, a
    victim's home town). Close tolls are not enough: conflict news gives 4 and 5 dead to two strikes."""
    tolls = g.killed + g.injured + m.killed + m.injured
    if max(tolls, default=0) >= SMALL_TOLL or not (_weak(g) or _weak(m)):
        return False
    pairs = [(x, y) for x, y in ((g.killed, m.killed), (g.injured, m.injured)) if x and y]
    return bool(pairs) and any(set(x) & set(y) for x, y in pairs)


def _same_figure(g: Features, m: Features) -> bool:
    return any(set(x) & set(y) for x, y in ((g.killed, m.killed), (g.injured, m.injured)))


def _two_streets(a: Features, b: Features) -> bool:
    """Both name streets and none of one is one of the other's: "Cortland Road" is the "Niles
    Cortland Road" of another sentence (a key that ends with the other's words is that street)."""
    if not (a.streets and b.streets) or a.streets & b.streets:
        return False
    return not any(x.endswith(" " + y) or y.endswith(" " + x) for x in a.streets for y in b.streets)


def _told_on(g: Features, m: Features) -> bool:
    """The story's incident told again on another day of the same article: the arrest, the day a
    victim died, the day police spoke, at the same place (or its county or state: "the sheriff's
    office said Tuesday that the man had died") with the very same figure, one of the two read weakly
    (a guessed type, a borrowed or guessed day), within a follow-up's reach."""
    if not (_weak(g) or _weak(m)) or place_relation(g, m)[0] not in PRECISE | {"region"}:
        return False
    if not _same_figure(g, m):
        return False
    assert g.lo is not None and g.hi is not None and m.lo is not None and m.hi is not None
    return max(g.lo - m.hi, m.lo - g.hi) <= FOLLOWUP_DAYS


def _arrest_after(g: Features, m: Features) -> bool:
    """An arrest told without figures in another town of the story's state, from the story's day to
    a follow-up's reach after it ("deputies arrested a Renton woman at a house in Skyway on
    Saturday"): the arrest of the story's suspect, where the suspect was found. An arrest kills no
    one; one told before the story's day is another story's."""
    if g.sub_event_type != ARRESTS or g.type_guessed or not (g.admin1 and g.admin1 == m.admin1 and g.country == m.country):
        return False
    if g.lo is None or g.hi is None or m.lo is None or m.hi is None:
        return False
    return m.lo <= g.lo and g.hi <= m.hi + FOLLOWUP_DAYS


def _standing(members: Sequence[Features]) -> tuple[int, int, int, int]:
    """How much an article's group looks like its story: recent, with figures, at a town, most reports."""
    return (-any(not background(f) for f in members), -any(_figures(f) for f in members),
            -any(f.rank <= CITY for f in members), -len(members))


def _rank(group: Sequence[int], feats: Mapping[int, Features]) -> tuple[int, int, int, int, str]:
    members = [feats[m] for m in group]
    return (*_standing(members), min(f.id for f in members))


def gather(groups: list[list[int]], feats: Mapping[int, Features]) -> tuple[list[list[int]], set[int]]:
    """The article's groups with its asides gathered into the main one, and the asides' indices."""
    if len(groups) < 2:
        return groups, set()
    ordered = sorted(groups, key=lambda g: _rank(g, feats))
    main, rest = list(ordered[0]), ordered[1:]
    core = [feats[m] for m in main]
    # a member of the story that gives no figure of its own ("police said Wednesday's shooting ...")
    # is read with the figures its other members give: a misread town or the arrest's day is checked
    # against the story's toll, not against a sentence without one
    told = (tuple(sorted({k for f in core for k in f.killed})), tuple(sorted({k for f in core for k in f.injured})))
    core = [f if _figures(f) else replace(f, killed=told[0], injured=told[1]) for f in core]

    def beside(g: Sequence[int], of: Sequence[Features]) -> bool:
        return all(_aside(feats[x], m) for x in g for m in of)
    fits = [beside(g, core) for g in rest]
    others = [[feats[m] for m in g] for g, fit in zip(rest, fits, strict=True)
              if not fit and not all(background(feats[m]) for m in g)]
    aside: set[int] = set()
    kept: list[list[int]] = []
    taken: list[list[int]] = []
    for g, fit in zip(rest, fits, strict=True):
        # a county's report that could be told beside another incident of the article as well is neither's
        coarse = all(feats[x].rank > CITY for x in g)  # a county or a state: could be any town's
        rivals = [other for other in others if beside(g, other)] if fit and coarse else []
        if fit and (not rivals or _matches(g, core, feats) > max(_matches(g, o, feats) for o in rivals)
                    or _nearer(g, core, rivals, feats)):
            main += g
            aside.update(g)
            taken.append(g)
        else:
            kept.append(g)
    # an arrest story about a past shooting told with its toll: the past shooting is the story's
    # incident, and the arrest is told beside it
    own = [feats[m] for m in ordered[0]]
    recalled = [g for g in kept + taken if _recalled(g, own, feats)] if _about_the_past(own) else []
    # one already read as the story told again (a past story's reports read alike) is the one
    recalled = [g for g in recalled if g in taken] or recalled
    if len(recalled) == 1:
        (past,) = recalled
        aside.update(main)
        if past in kept:  # (one taken as an aside already is in `main`)
            kept.remove(past)
            main += past
        aside.difference_update(past)
    return [sorted(main)] + kept, aside


def _about_the_past(core: Sequence[Features]) -> bool:
    """A story told as an arrest (the arrest, the charges, the hearing) about a shooting the article
    recalls with its day: an arrest kills no one, so its story is that shooting's."""
    return all(f.sub_event_type == ARRESTS for f in core)


def _recalled(group: Sequence[int], core: Sequence[Features], feats: Mapping[int, Features]) -> bool:
    """A past shooting told with its toll at the story's place (or inside it) that the arrest story
    is about: the story's figures, where it gives any, are the shooting's (the same, or one wounded
    singled out), no two perpetrators, and no two streets unless told by the arrest (it names the
    suspect's address, or where he was found)."""
    members = [feats[x] for x in group]
    if not all(background(f) for f in members) or not any(_figures(f) for f in members):
        return False
    for f in members:
        for m in core:
            if f.hi is None or m.lo is None or f.hi >= m.lo:
                return False  # told before the arrest's day, or it is no past shooting of the arrest
            if place_relation(f, m)[0] not in PRECISE | {"region"}:
                return False
            if _figures(m) and not (_same_figure(f, m) and _figures_agree(f, m)) \
                    and not (_part_of(f, m) or _part_of(m, f)):
                return False
            if (_two_streets(f, m) and m.sub_event_type != ARRESTS) \
                    or (f.actors and m.actors and not common_actors(f.actors, m.actors)):
                return False
    return True


_DAY_ORDER = {"same": 0, "overlap": 1, "adjacent": 2}


def _nearer(group: Sequence[int], core: Sequence[Features], rivals: Sequence[Sequence[Features]],
            feats: Mapping[int, Features]) -> bool:
    """A county's or a state's report without figures that could be told beside the main incident or
    another one is the story's when the main one is plainly the story (more reports, or figures where
    the other has none) and its day meets the main one's no less closely: "police in Cook County are
    investigating" in a story of one shooting that mentions another. Between two incidents the
    article tells alike, it is neither's."""
    members = [feats[x] for x in group]
    if any(_figures(f) for f in members):
        return False

    def day(of: Sequence[Features]) -> int:
        return max(_DAY_ORDER.get(date_relation(f, m)[0], 3) for f in members for m in of)
    mine, standing = day(core), _standing(core)
    return all(standing < _standing(o) and mine <= day(o) for o in rivals)


def _matches(group: Sequence[int], of: Sequence[Features], feats: Mapping[int, Features]) -> int:
    """How many kinds of figure (killed, injured) a county's or state's report shares with a group:
    "one dead and five wounded" in the county is the town's story that gives both, not another
    town's with one dead alone."""
    members = [feats[x] for x in group]
    return sum(any(set(getattr(x, kind)) & set(getattr(m, kind)) for x in members for m in of)
               for kind in ("killed", "injured"))


def _aside(g: Features, m: Features) -> bool:
    """Whether `g` may be told beside `m` in one article about `m`'s incident."""
    if background(g) and not background(m):
        # a past shooting recalled without figures ("the third shooting there this month") is context;
        # one told with its toll may be another article's story, and stays its own incident. Beside
        # a past story (a trial's article, all of it weeks after) it is read like any other report
        return not _figures(g) and _figures(m)
    other_place = place_relation(g, m)[0] == "other"
    if not _figures(g):
        return not other_place or _weak(g) or _arrest_after(g, m)
    if _two_streets(g, m):
        return False  # two streets, each with its toll: two incidents in one town
    if other_place and not _misread(g, m):
        return False  # two towns, each with its tolls: two incidents (seed-001's Raqqa and Palmyra)
    if g.event_type != m.event_type and not (g.type_guessed or m.type_guessed) \
            and not types_compatible(g.sub_event_type, m.sub_event_type) \
            and not (ARRESTS in (g.sub_event_type, m.sub_event_type)
                     and (_same_figure(g, m) or _part_of(g, m))):
        return False  # an arrest kills no one: one told with the story's very toll is the story told around it
    drel, _ = date_relation(g, m)
    if drel not in ("same", "overlap", "adjacent", "unknown") and not (_loose_day(g) or _loose_day(m)) \
            and not _told_on(g, m):
        return False
    if not _figures_agree(g, m):
        return False
    return not (g.actors and m.actors and not common_actors(g.actors, m.actors))


def _figures_agree(g: Features, m: Features) -> bool:
    """Killed and injured figures shared or close (or one side gives none); or the other's toll
    told in part or in sum at the story's place (`_part_of`)."""
    told = [(x, y) for x, y in ((g.killed, m.killed), (g.injured, m.injured)) if x and y]
    if all(figure_relation(x, y, 0)[0] in ("shared", "close") for x, y in told):
        return True
    return place_relation(g, m)[0] in PRECISE | {"region"} and _part_of(g, m)


def _part_of(g: Features, m: Features) -> bool:
    """One story's figures told two ways at its place. Local news singles out one of the wounded
    ("one of them was in critical condition"): `g` gives one wounded and no dead (or the main
    story's very dead), under the main story's wounded. Or it counts everyone shot as wounded ("four
    men were shot; three of them died"): one report's wounded is the other's dead plus wounded,
    with the same dead. Two shootings of one town keep apart by their streets or days (checked
    before this) or by a dead figure of their own."""
    if g.injured == (1,) and m.injured and max(m.injured) > 1 and (not g.killed or set(g.killed) & set(m.killed)):
        return True
    for x, y in ((g, m), (m, g)):
        if len(x.injured) == 1 and set(x.killed) & set(y.killed) and len(y.injured) == 1 \
                and x.injured[0] == y.injured[0] + max(set(x.killed) & set(y.killed)):
            return True
    return False

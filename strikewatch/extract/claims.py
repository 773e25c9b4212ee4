"""One claim per source: who says how many were killed and wounded, and who they were.

`SourceTracker` resolves what a sentence points to: "It said" is the last source named; "a
monitoring group" is the monitor the article names (before or after); a sentence with no
attribution carries on the source of the sentences just before it, as wire copy does
("The raids came a day after 16 civilians were killed" is still the Observatory speaking).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..model import Claim, Count, Span, Victims
from .casualties import CasualtyFact
from .sources import SourceMention

INHERIT_SENTENCES = 2
# "3 militants were also killed" adds to the dead told just before it; far from that figure (a list
# of the named dead after a stated total) it restates, so it does not add
ADDS_REACH = 300  # how many sentences an attribution carries over


@dataclass
class Resolved:
    name: str | None
    type: str | None
    actor: str | None
    span: tuple[int, int] | None
    inherited: bool = False


class SourceTracker:
    def __init__(self) -> None:
        self.named: list[Resolved] = []
        self.since_last = 99

    def resolve(self, mention: SourceMention | None, at: int) -> Resolved | None:
        self.since_last += 1
        if mention is None:
            if self.named and self.since_last <= INHERIT_SENTENCES:
                last = self.named[-1]
                return Resolved(last.name, last.type, last.actor, None, inherited=True)
            return None
        if mention.pronoun:
            if not self.named:
                return None
            last = self.named[-1]
            self.since_last = 0
            return Resolved(last.name, last.type, last.actor, (mention.start_char, mention.end_char))
        span = (mention.start_char, mention.end_char)
        if mention.source is None:  # a description: the source of that type named so far, if any
            known = [r for r in self.named if r.type == mention.type]
            self.since_last = 0
            if known:
                return Resolved(known[-1].name, mention.type, known[-1].actor, span)
            return Resolved(None, mention.type, None, span)
        resolved = Resolved(mention.source, mention.type, mention.actor, span)
        self.named.append(resolved)
        self.since_last = 0
        return resolved


def _value(c: Count) -> int | None:
    return next((v for v in (c.best, c.low, c.high) if v is not None), None)


def _larger(a: Count | None, b: Count | None) -> Count | None:
    if a is None or b is None:
        return a or b
    value = lambda c: next((v for v in (c.best, c.low, c.high) if v is not None), 0)  # noqa: E731
    return b if value(b) > value(a) else a


@dataclass
class ClaimBuilder:
    source: str | None
    type: str | None
    actor: str | None
    killed: Count | None = None
    injured: Count | None = None
    victims: dict[str, Count] = field(default_factory=dict)
    parts: dict[str, Count] = field(default_factory=dict)  # children/women not inside a stated total
    present: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    shot: Count | None = None  # "a man was shot": hit, killed or not
    shot_others: Count | None = None  # "three other people were shot": hit and not among the dead
    killed_at: int = 0  # where the figure of the dead was last set
    victims_at: dict[str, int] = field(default_factory=dict)  # where each category's figure was set
    roster: list[CasualtyFact] = field(default_factory=list)  # the dead named one by one (victim_lists.py)
    own_dead: Count | None = None  # attackers who died by their own blast, told with no other dead
    uncounted_dead: Count | None = None  # "killed militants and civilians": no figure, told with no other dead
    sides: set[str] = field(default_factory=set)  # the armed parties whose dead the figure counts
    killed_noun: str | None = None  # the noun of the people the figure of the dead counts ("militant")

    @classmethod
    def for_source(cls, claims: list[ClaimBuilder], source: Resolved | None, at: int) -> ClaimBuilder:
        name = source.name if source else None
        stype = source.type if source else None
        for c in claims:
            if c.source == name and (name is not None or c.type == stype):
                break
        else:
            c = cls(name, stype, source.actor if source else None)
            claims.append(c)
        if source is not None and source.span is not None:
            c.spans.append(Span(start=source.span[0], end=source.span[1], field="source"))
        return c

    def add(self, fact: CasualtyFact) -> None:
        if fact.roster is not None:
            self.roster.append(fact)  # counted over the whole incident: merge_rosters
            return
        self.spans.append(Span(start=fact.start, end=fact.end, field="injured" if fact.role == "shot" else fact.role))
        # "three other people were shot"; "his brother was also hit" with no one told as hit before him
        if fact.role == "shot" and (fact.others or fact.adds and self.shot is None and self.shot_others is None):
            self.shot_others = self.shot_others.plus(fact.count) if self.shot_others is not None else fact.count
            return
        if fact.role == "shot":  # people hit by gunfire: the wounded are those of them not killed
            self.shot = self.shot.plus(fact.count) if fact.adds and self.shot is not None else self.shot or fact.count
            return
        if fact.role == "injured":
            if self.injured is None or fact.toll:
                self.injured = fact.count
            return
        if fact.own:  # the attacker's own death: the figure only where no other dead are told (build)
            self.own_dead = self.own_dead.plus(fact.count) if self.own_dead is not None else fact.count
            return
        if fact.uncounted:  # deaths of people with no figure: an unknown number, only where no other dead are told
            self.uncounted_dead = self.uncounted_dead or fact.count
            return
        cat = fact.category
        if fact.among and cat:  # "two children were among the dead": who the dead were, not how many
            if cat not in self.victims or fact.toll:  # the first figure told stands, as below
                self.victims[cat] = fact.count
                self.victims_at[cat] = fact.start
            return
        if cat in ("children", "women"):
            if fact.adds and cat in self.victims and fact.start - self.victims_at.get(cat, fact.start) > ADDS_REACH:
                return  # "the boy was also killed", far from the figure told: one of them, told again
            if fact.adds and fact.subset_of is None and self.killed is not None:
                # "a policeman and two children were killed": the children add to the dead
                self.killed = self.killed.plus(fact.count)
                self.victims[cat] = self.victims[cat].plus(fact.count) if cat in self.victims else fact.count
                self.victims_at[cat] = fact.start
                return
            # the first figure told stands, as for the dead: later mentions are restatements or details
            if cat not in self.victims or fact.toll:
                self.victims[cat] = fact.count
                self.victims_at[cat] = fact.start
                if fact.subset_of is None:
                    self.parts[cat] = fact.count
            return
        if fact.subset_of is not None:  # "six civilians, including one medic": a part, not the dead
            if cat in ("civilians", "combatants") and cat not in self.victims:
                self.victims[cat] = fact.count
            return
        # "three soldiers were killed ... the bodies of six rebels were found": the dead of the other armed
        # side are more dead, told after the first figure (a toll counts every side: docs/conventions.md)
        # (the same figure again is a restatement: "15 militants were killed ... killing 15 attackers")
        other_side = fact.side is not None and bool(self.sides) and fact.side not in self.sides \
            and not (fact.toll or fact.among) and self.killed is not None and fact.count != self.killed
        if fact.response and self.killed is not None and _value(fact.count) == _value(self.killed) \
                and self.sides == {"armed group"} and fact.side in (None, "armed group"):
            # "three militants were killed in the raids ... troops responded, killing three": the
            # attackers' dead told before, told again by the side that killed them
            return
        # (it adds to a figure told before it: "another died, raising the toll to two" is inside that toll)
        adds = fact.adds and 0 <= fact.start - self.killed_at <= ADDS_REACH
        if fact.adds and not adds and self.killed is not None and fact.start < self.killed_at:
            return
        if (adds or other_side) and self.killed is not None:
            self.killed = self.killed.plus(fact.count)
            self.killed_at = fact.start
            self.sides |= {fact.side} if fact.side else set()
        elif self.killed is None or fact.toll or self._larger_count(fact):
            self.killed = fact.count
            self.killed_at = fact.start
            self.killed_noun = fact.noun
            self.sides = {fact.side} if fact.side else set()
        if cat in ("civilians", "combatants"):
            if fact.adds and cat in self.victims:
                self.victims[cat] = self.victims[cat].plus(fact.count)
            elif cat not in self.victims or fact.toll:
                self.victims[cat] = fact.count

    def _larger_count(self, fact: CasualtyFact) -> bool:
        """ "Rangers killed the militant behind the attack ... Three militants were killed": one person told
        first, then new people of the same kind counted later are the whole toll, that one among them.
        Only one person of the same noun: a later, larger figure of other people is as often a wider
        toll (a day's strikes over a city, a week's fighting) as this incident's."""
        if not fact.counted or self.killed is None or fact.start <= self.killed_at or fact.noun is None:
            return False
        new = _value(fact.count)
        return _value(self.killed) == 1 and new is not None and new > 1 and fact.noun == self.killed_noun

    def add_present(self, categories: list[str], span: tuple[int, int]) -> None:
        self.present += [c for c in categories if c not in self.present and c not in self.victims]
        self.spans.append(Span(start=span[0], end=span[1], field="victims"))

    def absorb(self, other: ClaimBuilder) -> None:
        """Fold a claim by an unnamed description ("a monitoring group") into the named one."""
        # one source, one incident: a total ("more than 50") and its breakdown (15 civilians and 27
        # fighters) are both its words; the larger is the total
        self.killed = _larger(self.killed, other.killed)
        self.injured = _larger(self.injured, other.injured)
        for k, v in other.victims.items():
            self.victims.setdefault(k, v)
        for k, v in other.parts.items():
            self.parts.setdefault(k, v)
        self.present += [c for c in other.present if c not in self.present]
        self.spans = other.spans + self.spans
        self.roster = other.roster + self.roster
        self.own_dead = self.own_dead or other.own_dead
        self.uncounted_dead = self.uncounted_dead or other.uncounted_dead

    def build(self, text: str, dead_elsewhere: int = 0) -> Claim:
        """`dead_elsewhere`: the most dead the article tells in its other incident claims. People told
        only as "shot" in a claim with no dead of its own are, up to that figure, those dead told in
        another sentence ("a man was shot ..." then "he died at the hospital"), not also wounded."""
        killed = self.killed
        if killed is None and not self.parts and self.own_dead is not None and not dead_elsewhere:
            killed = self.own_dead  # "two bombers blew themselves up", and the article tells no other dead
        if killed is None and not self.parts and self.uncounted_dead is not None and not dead_elsewhere:
            killed = self.uncounted_dead  # "the strikes killed militants and civilians", and no figure anywhere
        if killed is None and self.parts:  # "a child and two women were killed": the dead are at least them
            parts = list(self.parts.values())
            killed = parts[0]
            for p in parts[1:]:
                killed = killed.plus(p)
        injured = self.injured
        if injured is not None and _value(injured) == 0 and self.shot is not None:
            injured = None  # "no one else was hurt" denies no one of those told as hit
        if injured is None and self.shot is not None:
            hit = _value(self.shot)
            dead = _value(killed) if killed is not None else dead_elsewhere
            if hit is not None and dead is not None and hit > dead:  # all of them dead: no figure of wounded
                injured = Count(low=hit - dead, best=hit - dead, high=hit - dead)
        if injured is None and self.shot_others is not None:
            injured = self.shot_others  # besides the dead, whatever the figure of those hit
        victims = Victims(present=[c for c in self.present if c not in self.victims], **self.victims)
        spans = sorted({(s.start, s.end, s.field): s for s in self.spans}.values(), key=lambda s: s.start)
        return Claim(source=self.source, source_type=self.type, killed=killed, injured=injured,
                     victims=victims, evidence=[s.model_copy(update={"text": text[s.start:s.end]}) for s in spans])

    @property
    def empty(self) -> bool:
        return self.killed is None and self.injured is None and self.shot is None and self.shot_others is None \
            and self.own_dead is None and self.uncounted_dead is None \
            and not self.victims \
            and not self.present


def merge_rosters(claims: list[ClaimBuilder]) -> None:
    """The dead an incident names one by one, whoever's sentence named them, each person once: where no
    claim states a figure of the dead, of the children or of the women, the roster gives it, in the
    claim that began the list. A stated figure stands: a roster may be partial ("among them A and B")."""
    from .victim_lists import same_person

    holders = [c for c in claims if c.roster]
    if not holders:
        return
    people: list[CasualtyFact] = []
    facts = sorted((f for c in holders for f in c.roster), key=lambda f: f.start)
    # a list that names again someone an earlier list named is told again ("relatives mourned A, her
    # husband B and their four children"): its unnamed groups are those people too, and count only
    # beyond the people of their kind named before
    by_name = [f for f in facts if not (f.roster or "@").startswith("@")]
    retold = {f.list_id for f in by_name if any(g.list_id != f.list_id and g.start < f.start
                                                  and same_person(g.roster or "", f.roster or "") for g in by_name)}
    for fact in facts:
        key = fact.roster or ""
        if key.startswith("@") and fact.list_id in retold:
            before = sum(1 for p in people if p.list_id != fact.list_id and p.category == fact.category)
            n = (fact.count.best or 0) - before
            if n <= 0:
                continue
            fact = replace(fact, count=Count(low=n, best=n, high=n))
        twin = next((p for p in people if not key.startswith("@") and not (p.roster or "@").startswith("@")
                     and same_person(p.roster or "", key)), None)
        if twin is None:
            people.append(fact)
        elif twin.category is None and fact.category is not None:
            twin.category, twin.guessed = fact.category, fact.guessed  # a later mention gives the age or the relation
        elif twin.guessed and fact.category == twin.category and not fact.guessed:
            twin.guessed = False  # a word of kinship confirms what the name suggested
    target = holders[0]
    target.spans += [Span(start=p.start, end=p.end, field="victims") for p in people]

    def total(facts: list[CasualtyFact]) -> Count:
        n = sum(p.count.best or 0 for p in facts)
        return Count(low=n, best=n, high=n)

    # "up to six were killed" gives a ceiling only (docs/conventions.md); the dead it names are its floor
    named = total(people).best or 0
    for c in claims:
        k = c.killed
        if k is not None and k.low is None and k.best is None and k.high is not None and 0 < named <= k.high:
            c.killed = Count(low=named, high=k.high)
    # likewise for the dead: no figure, or only one person told ("she was killed") of a longer list
    told = [_value(c.killed) or 0 for c in claims if c.killed is not None]
    # over a stated one, only a real list (two people or more named together) counts: one person named in
    # each of two sentences is, in a local news story, mostly one victim named twice ("Kelvin Ward", "Ward")
    listed = not told or any(p.listed_with > 1 for p in people)
    if all(n <= 1 for n in told) and not any(c.parts for c in claims) and named > max(told, default=0) and listed:
        holder = next((c for c in claims if c.killed is not None), target)
        holder.killed = total(people)
    for cat in ("children", "women"):
        of_cat = [p for p in people if p.category == cat]
        stated = [(_value(c.victims[cat]) or 0, c.victims_at.get(cat)) for c in claims if cat in c.victims]
        # a figure of one told of a person the list names ("her daughter B was killed") is that person, no count
        counted = [n for n, at in stated if not (n <= 1 and at is not None and any(p.start - 40 <= at <= p.end for p in of_cat))]
        if not counted:
            mine = of_cat  # no figure told: the list gives it, guesses included (a given name, "her daughter")
        elif max(counted) <= 1:
            mine = [p for p in of_cat if not p.guessed]  # "killed with his wife", then a longer list
        else:
            # a stated figure stands over a shorter list; people named one by one, each with an age or a word
            # that says so (not a guess), prove more than a figure told before them ("including six
            # children", then twelve children named with their ages): the named are a floor
            mine = [p for p in of_cat if not p.guessed and not (p.roster or "@").startswith("@")]
        if mine and len(mine) > max((n for n, _ in stated), default=0):
            holder = next((c for c in claims if cat in c.victims), target)
            holder.victims[cat] = total(mine)

"""Candidate pairs from blocks keyed by (country, admin1) x ISO week, so cost grows about linearly.

A report is filed under its region and every week its date window touches, plus the week of its
shifted reading (a far-back weekday may belong to the week after). Inside a week block, single-day
reports are filed by day, so a report meets only those within a day of one of its readings, and
reports with wider windows (a month, "this week") meet whatever their window touches. A report
whose admin1 is unknown meets every admin1 of its country. Windows longer than MAX_WEEKS are too
vague to link and get no candidates; an undated report meets only undated ones at the same place
with a killed figure in common: with no day to go by, nothing else ties two reports together, and a
region's undated reports meeting each other grew quadratically (bench_analyze: 3.5 million pairs at
100k articles).
A report naming a person or a street (keys.py) also meets the reports naming them in the weeks
around its own, for follow-up stories a few days later; one naming a person meets the reports of its
admin1 naming that person (or that street) on any day, and stays a candidate where they tell of
the same people (`known_people`: a trial, a sentencing, an anniversary months later; the street and
an age within six weeks). A report placed nowhere meets every place.
A report whose date is only the publication's (a story that gives no date: "police arrested a man
in the shooting") also meets the reports of its region up to a week before its window: such a
story is often the follow-up of one told days earlier, and its guessed date says nothing either way.
The number of pairs is then bounded by how many reports a region has in a few days, not by the
size of the run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from .features import Features

MAX_WEEKS = 6
FOLLOWUP_DAYS = 7  # a follow-up story this many days after the first still meets it (similarity.py)
# a story naming the street and an age of another within this many days tells of the same people
# (known_people); within the store's read-ahead (store/window.SLACK) so `run` finds it as `analyze` does
SCENE_DAYS = 7 * MAX_WEEKS
ANY = ""  # the admin1 key of reports whose admin1 is unknown

Key = tuple[str, str, int]


def week(ordinal: int) -> int:
    # ordinal 1 (0001-01-01) is a Monday, so weeks run Monday to Sunday as ISO weeks do
    return (ordinal - 1) // 7


def _wide(f: Features) -> bool:
    return f.lo is not None and f.hi is not None and f.hi > f.lo


def linkable(f: Features) -> bool:
    return f.lo is None or f.hi is None or week(f.hi) - week(f.lo) + 1 <= MAX_WEEKS


def _readings(f: Features) -> list[int]:
    assert f.lo is not None and f.hi is not None
    return sorted(set(range(f.lo, f.hi + 1)) | set(f.shifted))


def _touch(f: Features, g: Features) -> bool:
    """Whether two dated reports' windows come within a day, one of them read a week on if need be."""
    assert f.lo is not None and f.hi is not None and g.lo is not None and g.hi is not None
    if g.lo <= f.hi + 1 and f.lo <= g.hi + 1:
        return True
    return any(g.lo <= x <= g.hi for x in f.shifted) or any(f.lo <= x <= f.hi for x in g.shifted)


def _regions_meet(f: Features, g: Features) -> bool:
    """One country (or one unknown) and one admin1 (or one unknown): where the blocks meet."""
    return (not f.country or not g.country or f.country == g.country) and (
        not f.admin1 or not g.admin1 or f.admin1 == g.admin1 or not f.country or not g.country)


def _told_later(f: Features, g: Features) -> bool:
    """Whether one of two dated reports has only a guessed date and the other's window ends within
    a follow-up's reach before that guess (a story may tell what happened days before it)."""
    assert f.lo is not None and f.hi is not None and g.lo is not None and g.hi is not None
    return (f.date_guessed and f.lo - FOLLOWUP_DAYS <= g.hi <= f.hi) or (
        g.date_guessed and g.lo - FOLLOWUP_DAYS <= f.hi <= g.hi)


def known_people(f: Features, g: Features) -> bool:
    """Whether two dated reports of one known country and admin1 tell of the same people however
    far apart: a person named in full in both, and an age or the street in common too. A trial, a
    sentencing or an anniversary is told months or years after the shooting, dated on its own day;
    what ties it to the shooting's stories is the victim or the suspect. One name alone is not
    enough: a sheriff or a prosecutor speaks of every shooting of the county; nor are two (a
    superintendent and a police spokeswoman named in two stories of one town: GVA dev, 1 false pair
    for 2 true). The street and an age in common, with no name (the victim named in one story
    only), tell of the same people within SCENE_DAYS: the arrest's story two weeks on, the story
    dated "last month". Not years apart: a city's long avenue and a "27-year-old" come back (GVA
    dev, unbounded: 1 false pair, South and North Tryon Street two years apart)."""
    if not (f.country and f.admin1) or (f.country, f.admin1) != (g.country, g.admin1):
        return False
    people = f.names & g.names
    if people:
        return bool(f.ages & g.ages) or bool(f.streets & g.streets)
    return bool(f.streets & g.streets) and bool(f.ages & g.ages) and _days_apart(f, g) <= SCENE_DAYS


def _days_apart(f: Features, g: Features) -> int:
    if f.lo is None or f.hi is None or g.lo is None or g.hi is None:
        return 1 << 30
    return max(g.lo - f.hi, f.lo - g.hi, 0)


def _tied(f: Features, g: Features) -> bool:
    """Whether two dated reports name one person or street within a follow-up's reach."""
    assert f.lo is not None and f.hi is not None and g.lo is not None and g.hi is not None
    return bool(f.names & g.names or f.streets & g.streets) and max(g.lo - f.hi, f.lo - g.hi) <= FOLLOWUP_DAYS


class Blocks:
    """The block index: single-day reports by day, wider windows by week, undated ones apart."""

    def __init__(self, feats: Sequence[Features]) -> None:
        self.days: dict[Key, list[int]] = defaultdict(list)
        self.weeks: dict[Key, list[int]] = defaultdict(list)
        self.undated: dict[tuple[str, str, str, int], list[int]] = defaultdict(list)
        self.admin1s: dict[str, set[str]] = defaultdict(set)  # country -> the admin1 keys it has
        self.named: dict[tuple[str, int], list[int]] = defaultdict(list)  # (person or street, week)
        self.guessed: dict[Key, list[int]] = defaultdict(list)  # guessed dates by (region, first day)
        # (region, person or street), any day: the same people told weeks or months later (known_people)
        self.people: dict[Key | tuple[str, str, str], list[int]] = defaultdict(list)
        for f in feats:
            if not linkable(f):
                continue
            self.admin1s[f.country].add(f.admin1)
            if f.lo is not None and f.hi is not None:
                if f.admin1:
                    for key in sorted(f.names | f.streets):
                        self.people[(f.country, f.admin1, key)].append(f.index)
                for key in sorted(f.names | f.streets):
                    for w in range(week(f.lo), week(f.hi) + 1):
                        self.named[(key, w)].append(f.index)
            if f.date_guessed and f.lo is not None:
                self.guessed[(f.country, f.admin1, f.lo)].append(f.index)
            if f.lo is None:
                for k in set(f.killed):
                    self.undated[(f.country, f.admin1, f.place, k)].append(f.index)
            elif _wide(f):
                for w in sorted({week(x) for x in _readings(f)}):
                    self.weeks[(f.country, f.admin1, w)].append(f.index)
            else:
                for x in _readings(f):
                    self.days[(f.country, f.admin1, x)].append(f.index)

    def near(self, f: Features) -> Iterator[int]:
        """The reports in f's blocks, with repeats. A known admin1 meets its own and the country's
        reports of unknown admin1; an unknown admin1 meets every admin1 of its country."""
        if not f.country:  # placed nowhere: it meets every place, as the places meet it
            regions = [(c, a) for c in sorted(self.admin1s) for a in sorted(self.admin1s[c])]
        else:
            regions = [(f.country, a) for a in ([f.admin1, ANY] if f.admin1 else sorted(self.admin1s[f.country]))]
            if "" in self.admin1s:
                regions.append(("", ANY))
        if f.lo is None:
            for c, a in regions:
                for k in sorted(set(f.killed)):
                    yield from self.undated.get((c, a, f.place, k), ())
            return
        days = sorted({x + d for x in _readings(f) for d in (-1, 0, 1)})
        weeks = sorted({week(x) for x in days})
        for c, a in regions:
            for x in days:
                yield from self.days.get((c, a, x), ())
            for w in weeks:
                yield from self.weeks.get((c, a, w), ())
        if f.date_guessed:  # a story with no date of its own may tell of the week before it
            assert f.hi is not None
            back = range(f.lo - FOLLOWUP_DAYS - 1, f.lo - 1)
            for c, a in regions:
                for x in back:
                    yield from self.days.get((c, a, x), ())
                for w in sorted({week(x) for x in back} - set(weeks)):
                    yield from self.weeks.get((c, a, w), ())
        if self.guessed:  # and the undated stories of the week after meet it
            assert f.hi is not None
            for c, a in regions:
                for x in range(f.lo, f.hi + FOLLOWUP_DAYS + 2):
                    yield from self.guessed.get((c, a, x), ())
        if f.names or f.streets:  # a follow-up days later (similarity.FOLLOWUP_DAYS): the weeks around
            around = range(week(f.lo) - 1, week(f.hi if f.hi is not None else f.lo) + 2)
            for key in sorted(f.names | f.streets):
                for w in around:
                    yield from self.named.get((key, w), ())
            if f.admin1:  # a trial or an anniversary months later: the people named (or their street), any day
                for key in sorted(f.names | f.streets):
                    yield from self.people.get((f.country, f.admin1, key), ())


def candidate_pairs(feats: Sequence[Features], *, fresh: Sequence[bool] | None = None) -> Iterator[tuple[int, int]]:
    """Yield each candidate pair (i, j), i < j, once, in a deterministic order.

    With `fresh`, only pairs with at least one fresh report are yielded: pairs of reports that were
    already linked in an earlier run are not looked at again.
    """
    blocks = Blocks(feats)
    for f in feats:
        if not linkable(f):
            continue
        i = f.index
        seen: set[int] = set()
        for j in blocks.near(f):
            if j <= i or j in seen:
                continue
            seen.add(j)
            if fresh is not None and not (fresh[i] or fresh[j]):
                continue
            g = feats[j]
            if f.lo is not None and g.lo is not None and not _touch(f, g) and not _tied(f, g) \
                    and not _told_later(f, g) and not known_people(f, g):
                continue  # in the block, but more than a day apart even read a week on
            if not _regions_meet(f, g):
                continue  # met through a name only, in another region
            yield i, j

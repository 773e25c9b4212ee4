"""A monitor's remark that codes a toll per day: "(12 fatalities coded for 3 May and 9 coded for 4 May)".

A note that tells fighting over several days may close with how its writer split the dead between
the days. The note is filed under one of those days, so the figure coded for the note's own day is
its event's toll, as "Fatalities coded as 3" is for a note of one day (casualties.py, `_CODED`). A
remark whose days do not include the note's own day says nothing of it and is left alone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ..model import Count
from .casualties import CasualtyFact
from .dates import DateMention

# "12 fatalities coded for 3 May", "and 9 coded for 4 May", "9 deaths were coded on 4 May"
_PER_DAY = re.compile(r"\b(?P<n>\d{1,4})\s+(?:(?:fatalities|deaths|dead)\s+)?(?:(?:were|was|are|is)\s+)?"
                      r"coded\s+(?:for|on)\s+", re.I)


def coded_for_day(text: str, base: int, dates: Sequence[DateMention], day: dt.date) -> CasualtyFact | None:
    """The figure a per-day remark of this sentence codes for `day`, as a coded fact (offsets in the
    sentence; `dates` in the article's, the sentence starting at `base`); None without such a remark,
    or when it codes two days or more but not this one."""
    found: list[tuple[int, dt.date, int, int]] = []
    for m in _PER_DAY.finditer(text):
        at = base + m.end()
        d = next((d for d in dates if d.start == at and d.dates is not None and d.dates.precision == "day"), None)
        if d is not None and d.dates is not None and d.dates.start is not None:
            found.append((int(m.group("n")), d.dates.start, m.start(), d.end - base))
    if len(found) < 2:
        return None
    for n, when, start, end in found:
        if when == day:
            return CasualtyFact("killed", Count(low=n, best=n, high=n), None, start, end, toll=True, coded=True)
    return None

"""The plain regular-expression baseline every corpus figure is set beside, computed in the same run.

The killed and injured patterns are those of ../shared/tools/devscore.py, word for word, so that the
two scoreboards print the same baseline: the first "<number> <person noun> ... killed/dead" (or
"killing <number> <person noun>"), else 0. The date is the first written-out date in the text
("21 March 2020", "7th October, 2023", "March 22, 2017"). A baseline that one regex cannot sensibly
give (an event type, a place) is not computed: the table shows "-".
"""

from __future__ import annotations

import datetime as dt
import re

WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
NUM = r"(\d+|" + "|".join(WORDS) + r"|an?)"
PERSON = (r"(?:people|persons?|civilians?|men|man|women|woman|children|child|kids?|boys?|girls?|soldiers?|militants?|"
          r"fighters?|insurgents?|members?|policem[ae]n|officers?|others?|victims?|teens?|residents?|troops)")
_KILLED = (re.compile(NUM + r" (?:\w+ ){0,2}" + PERSON + r"\b[^.]{0,50}\b(?:killed|dead|died|shot dead)", re.I),
           re.compile(r"\b(?:kill(?:ed|ing)|left) " + NUM + r" (?:\w+ ){0,2}" + PERSON, re.I))
_INJURED = (re.compile(NUM + r" (?:\w+ ){0,2}" + PERSON + r"\b[^.]{0,50}\b(?:injured|wounded|hurt)", re.I),
            re.compile(r"\b(?:injur(?:ed|ing)|wound(?:ed|ing)) " + NUM + r" (?:\w+ ){0,2}" + PERSON, re.I))
_MONTHS = "january february march april may june july august september october november december".split()
_MONTH = r"(" + "|".join(_MONTHS) + r")"
_DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)? " + _MONTH + r",? (\d{4})\b|\b" + _MONTH
                   + r" (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b", re.I)


def _num(token: str) -> int | None:
    t = token.lower()
    return int(t) if t.isdigit() else 1 if t in ("a", "an") else WORDS.get(t)


def _first(patterns: tuple[re.Pattern[str], ...], text: str) -> int:
    for p in patterns:
        m = p.search(text)
        if m:
            return _num(m.group(1)) or 0
    return 0


def regex_killed(text: str) -> int:
    return _first(_KILLED, text)


def regex_injured(text: str) -> int:
    return _first(_INJURED, text)


def regex_date(text: str) -> dt.date | None:
    """The first written-out day, month and year; None when there is none or it is no real day."""
    m = _DATE.search(text)
    if m is None:
        return None
    day, month, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
    try:
        return dt.date(int(year), _MONTHS.index(month.lower()) + 1, int(day))
    except ValueError:
        return None

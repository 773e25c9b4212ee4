"""When: date expressions of a sentence, resolved against the publication date.

Weekdays are resolved here, not by dateparser, because of its known trap: a weekday equal to the
publication weekday. Wire copy says "on Saturday" for the most recent Saturday, and on a Saturday
for that same day, so a weekday resolves to the latest such day on or before publication.
dateparser reads explicit dates ("March 14", "14 March 2016") with the publication date as base.
Relative expressions ("a day earlier") are returned unresolved: they hang on another incident's
date, which only the assembler knows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

import dateparser

from ..model import Dates

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_NUMWORD = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("explicit", re.compile(rf"\b(?:on\s+)?(?:\d{{1,2}}\s+{_MON}(?:,?\s+\d{{4}})?|{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)\b", re.I)),
    ("explicit", re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b")),
    ("relative", re.compile(r"\b(?P<n>a|one|two|three|four|five|six|\d) days? (?P<dir>earlier|before|after|later)\b|\bthe (?P<prev>previous|next|following) day\b|\bthe day (?P<dir2>before|after)\b", re.I)),
    ("ago", re.compile(r"\b(?P<n>a|one|two|three|four|five|six|seven|\d+) days? ago\b", re.I)),
    ("period", re.compile(r"\b(?:in|over|during) (?:the )?(?:past|last)?\s*(?P<n>a|one|two|three|four|\d+)?\s*(?P<unit>week|month|year|days|weeks|months|years)\b|\bin a week\b", re.I)),
    ("period", re.compile(r"\b(?:this|last|past) (?P<unit>week|month|year)(?: alone)?\b|\bso far this (?P<unit2>week|month|year)\b", re.I)),
    ("period", re.compile(rf"\bsince (?:(?P<year>(?:19|20)\d\d)|(?:the )?(?:start|beginning) of (?:the )?(?:year|(?P<smonth>{_MON})))\b", re.I)),
    ("month", re.compile(rf"\b(?:in|during|last|since) (?P<month>{_MON})(?:\s+(?P<year>(?:19|20)\d\d))?\b(?!\s+\d)", re.I)),
    ("day", re.compile(r"\b(?P<word>yesterday|today|last night|this morning|tonight|overnight|earlier today|on the same day|the same day)\b", re.I)),
    ("weekday", re.compile(r"\b(?:(?:late|early)\s+(?:on\s+)?)?(?:on\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:night|morning|evening|afternoon))?\b", re.I)),
]


FAR_BACK_DAYS = 5


@dataclass
class DateMention:
    start: int  # char offsets in the text searched
    end: int
    text: str
    kind: str  # explicit, weekday, day, relative, period, month
    dates: Dates | None  # None for a relative expression
    offset_days: int = 0  # for relative expressions: days from the anchoring incident


def _month_num(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(i + 1 for i, m in enumerate(MONTHS) if m.startswith(name[:3]))


def _month_range(year: int, month: int, until: dt.date | None) -> Dates:
    start = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    end = nxt - dt.timedelta(days=1)
    if until is not None and until < end:
        end = until
    return Dates(start=start, end=end, precision="month", basis="explicit")


def _resolve(kind: str, m: re.Match[str], pub: dt.date | None) -> DateMention | None:
    text = m.group(0)
    mention = DateMention(m.start(), m.end(), text, kind, None)
    if kind == "relative":
        n = _NUMWORD.get((m.group("n") or "a").lower()) if not (m.group("n") or "").isdigit() else int(m.group("n"))
        direction = (m.group("dir") or m.group("dir2") or m.group("prev") or "").lower()
        mention.offset_days = -(n or 1) if direction in ("earlier", "before", "previous") else (n or 1)
        if direction == "after" and "day after" in text.lower():
            # "X came a day after Y": what follows the phrase happened the day before
            mention.offset_days = -(n or 1)
        return mention
    if pub is None:
        return mention  # nothing to resolve against: the date stays unknown, and says so
    day = dt.timedelta(days=1)
    if kind == "weekday":
        wd = WEEKDAYS.index(m.group("wd").lower())
        back = (pub.weekday() - wd) % 7
        d = pub - dt.timedelta(days=back)
        # five or more days back, the printed date may precede the story (a weekly's issue date)
        alt = d + dt.timedelta(days=7) if back >= FAR_BACK_DAYS else None
        mention.dates = Dates(start=d, end=d, precision="day", basis="weekday", alternative=alt)
    elif kind == "ago":
        n = _NUMWORD.get(m.group("n").lower()) or int(m.group("n"))
        d = pub - dt.timedelta(days=n)
        mention.dates = Dates(start=d, end=d, precision="day", basis="relative")
    elif kind == "day":
        word = m.group("word").lower()
        if word in ("yesterday", "last night"):
            mention.dates = Dates(start=pub - day, end=pub - day, precision="day", basis="relative")
        elif word == "overnight":
            mention.dates = Dates(start=pub - day, end=pub, precision="period", basis="relative")
        elif "same day" in word:
            mention.kind, mention.offset_days = "relative", 0
        else:
            mention.dates = Dates(start=pub, end=pub, precision="day", basis="relative")
    elif kind == "explicit":
        parsed = dateparser.parse(re.sub(r"^on\s+", "", text, flags=re.I), languages=["en"], settings={
            "RELATIVE_BASE": dt.datetime.combine(pub, dt.time()), "PREFER_DATES_FROM": "past",
            "REQUIRE_PARTS": ["day", "month"], "DATE_ORDER": "DMY"})
        if parsed is None:
            return None
        d = parsed.date()
        if d > pub + day and not re.search(r"\d{4}", text):
            d = d.replace(year=d.year - 1)
        mention.dates = Dates(start=d, end=d, precision="day", basis="explicit")
    elif kind == "month":
        month = _month_num(m.group("month"))
        year = int(m.group("year")) if m.group("year") else pub.year - (month > pub.month)
        if text.lower().startswith("since"):
            mention.dates = Dates(start=dt.date(year, month, 1), end=pub, precision="period", basis="explicit")
        else:
            mention.dates = _month_range(year, month, pub)
    elif kind == "period":
        mention.dates = _period(m, pub)
    return mention


def _period(m: re.Match[str], pub: dt.date) -> Dates:
    groups = m.groupdict()
    text = m.group(0).lower()
    if groups.get("year"):
        return Dates(start=dt.date(int(groups["year"]), 1, 1), end=pub, precision="period", basis="explicit")
    if groups.get("smonth"):
        return Dates(start=dt.date(pub.year, _month_num(groups["smonth"]), 1), end=pub, precision="period", basis="explicit")
    if "start" in text or "beginning" in text:
        return Dates(start=dt.date(pub.year, 1, 1), end=pub, precision="period", basis="explicit")
    unit = (groups.get("unit") or groups.get("unit2") or "week").lower().rstrip("s")
    n = groups.get("n")
    count = (_NUMWORD.get(n.lower()) if n and not n.isdigit() else int(n)) if n else 1
    if text.startswith("this") or text.startswith("so far"):
        if unit == "month":
            return Dates(start=pub.replace(day=1), end=pub, precision="month", basis="relative")
        if unit == "year":
            return Dates(start=dt.date(pub.year, 1, 1), end=pub, precision="period", basis="relative")
        return Dates(start=pub - dt.timedelta(days=pub.weekday()), end=pub, precision="week", basis="relative")
    days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * (count or 1)
    precision: Literal["week", "month", "period"] = (
        "week" if unit == "week" and count == 1 else "month" if unit == "month" and count == 1 else "period")
    return Dates(start=pub - dt.timedelta(days=days - 1), end=pub, precision=precision, basis="relative")


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every date expression in `text`, left to right, overlapping matches removed (first pattern wins)."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            mention = _resolve(kind, m, published)
            if mention is not None:
                found.append(mention)
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


TALLY_MIN_DAYS = 4  # "over the past two days" is one drawn-out incident; "in a week" is a tally


def is_period(mention: DateMention) -> bool:
    """A span of time that makes a figure a tally ("this month alone", "since 2014", "in a week")."""
    d = mention.dates
    if d is not None and d.start is not None and d.end is not None and (d.end - d.start).days + 1 < TALLY_MIN_DAYS:
        return False
    return mention.kind in ("period", "month") or (d is not None and d.precision in ("week", "month", "period") and mention.kind != "day")

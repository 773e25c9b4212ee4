"""When: the date expressions of a sentence, resolved against the article's anchor.

The anchor is the best date the article has to read its words against (docdates.py chooses it):
when the story was written (the dateline, else the publication date), or, for a text with neither,
the first full date it tells. Explicit dates ("30 April 2020", "7th October, 2023", "the night of
12-13 May") need no anchor when they print their year; without one they take the year the anchor
gives. Words that only mean something from the writer's day ("yesterday", "last week") are left
unresolved when no written date is known.

Weekdays are resolved here, not by dateparser, because of its known trap: a weekday equal to the
publication weekday. Wire copy says "on Saturday" for the most recent Saturday, and on a Saturday
for that same day, so a weekday resolves to the latest such day on or before the written date (and
to the nearest such day around a date the text tells). Relative expressions ("a day earlier",
"three days after the raid") are returned unresolved: they hang on another incident's date, which
only the assembler knows; `refine_by_parse` settles their direction from the dependency parse.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc

from ..model import Dates

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
# "may" the modal is no month: the month is written with a capital, or as an abbreviation of another
_MON = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|(?-i:May|MAY)|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
        r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)[a-z]*")  # the whole word, checked by _is_month
_WD = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_ORD = r"(?:st|nd|rd|th)?"
_TO = r"\s*(?:-|–|—|/|to|or|and)\s*(?:on\s+)?(?:the\s+)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?(?!\d|:\d)"  # not a time ("10:30"); "5 January:" heads a line
_NUMWORD = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}
_N = r"(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "Tuesday, 10 October 2023", "the 9th or 10th of October, 2023", "the night of 12-13 May"
    ("explicit", re.compile(rf"\b(?:(?P<wd>{_WD})\.?,?\s+(?:the\s+)?)?(?:the\s+)?(?P<d1>\d{{1,2}}){_ORD}"
                            rf"(?:{_TO}(?P<d2>\d{{1,2}}){_ORD})?\s+(?:of\s+)?(?P<mon>{_MON})\.?{_YEAR}", re.I)),
    # "Saturday, October 14th, 2023", "Jan. 25, 2013", "October 9-10"
    ("explicit", re.compile(rf"\b(?:(?P<wd>{_WD})\.?,?\s+)?(?P<mon>{_MON})\.?\s+(?P<d1>\d{{1,2}}){_ORD}(?!\d)"
                            rf"(?:{_TO}(?:{_MON}\.?\s+)?(?P<d2>\d{{1,2}}){_ORD}(?!\d))?{_YEAR}", re.I)),
    # numeric dates are day first, the order of the outlets that print them
    ("explicit", re.compile(r"\b(?P<d1>\d{1,2})/(?P<m>\d{1,2})/(?P<year>(?:19|20)\d\d)\b")),
    ("relative", re.compile(rf"\b{_N} (?:days?|(?P<unit>weeks?)) (?P<dir>earlier|before|after|later|prior)\b|"
                            r"\bthe (?P<prev>previous|next|following) (?:day|morning|evening|night|afternoon)\b|"
                            r"\bthe day (?P<dir2>before|after)\b", re.I)),
    ("ago", re.compile(rf"\b{_N} days? ago\b", re.I)),
    # an incident located in a recent stretch of time, not a tally over it ("was killed last week")
    ("vague", re.compile(r"(?<!the )(?<!this )\b(?P<what>last (?:week|weekend)|earlier this (?:week|month))\b", re.I)),
    # ("during the week of 5 March 2020" names the week by its explicit day: that date, not a tally up to today)
    ("period", re.compile(rf"\b(?:in|over|during) (?:the )?(?:past|last)?\s*(?P<n>a|one|two|three|four|\d+)?\s*(?P<unit>week|month|year|days|weeks|months|years)\b(?!\s+of\s+(?:the\s+)?(?:\d|{_MON}))|\bin a week\b", re.I)),
    ("period", re.compile(r"\b(?:this|last|past) (?P<unit>week|month|year)(?: alone)?\b|\bso far this (?P<unit2>week|month|year)\b", re.I)),
    ("period", re.compile(rf"\bsince (?:(?P<year>(?:19|20)\d\d)|(?:the )?(?:start|beginning) of (?:the )?(?:year|(?P<smonth>{_MON})))\b", re.I)),
    ("month", re.compile(rf"\b(?:in|during|last|since) (?:early |mid-|late )?(?P<month>{_MON})\.?(?:\s+(?P<year>(?:19|20)\d\d))?\b(?!\s+\d)", re.I)),
    ("day", re.compile(r"\b(?P<word>yesterday|today|last night|this morning|tonight|overnight|earlier today|on the same day|the same day|"
                       r"(?:earlier|later) in the day)\b", re.I)),
    ("weekday", re.compile(r"\b(?:(?:late|early)\s+(?:on\s+)?)?(?:on\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:night|morning|evening|afternoon))?\b", re.I)),
]

# what each pattern above cannot match without (any one of these, in the lower-cased text; "0" a
# digit): a sentence lacking them all is not searched with it, which is most sentences for most
# patterns
_NEEDS: list[tuple[str, ...]] = [
    ("0",), ("0",), ("/",),
    ("day", "week", "previous", "next", "following"),
    ("ago",),
    ("week", "month"),
    ("week", "month", "year", "day"),
    ("week", "month", "year"),
    ("since",),
    (),  # a month's name or abbreviation: always searched
    ("yesterday", "today", "night", "morning", "same day", "in the day"),
    ("day",),
]
assert len(_NEEDS) == len(PATTERNS)
_DIGIT = re.compile(r"\d")

FAR_BACK_DAYS = 5


@dataclass(frozen=True)
class Anchor:
    """The date an article's words are read against. `written`: it is the day the story was written
    (dateline or publication); otherwise it is a date the text tells, and only explicit dates and
    weekdays (the nearest one) can lean on it."""

    day: dt.date | None
    written: bool = True
    at: int = 0  # where a told date sits in the article: a yearless date before it is not later than it


@dataclass
class DateMention:
    start: int  # char offsets in the text searched
    end: int
    text: str
    kind: str  # explicit, weekday, day, relative, period, month, vague, ago; "statement" once refined
    dates: Dates | None  # None for a relative expression, or when nothing resolves it
    offset_days: int = 0  # for relative expressions: days from the anchoring incident
    listed: bool = False  # two days named ("on 17 and 21 June"), not the stretch between them


_ABBREVIATIONS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


def _is_month(word: str) -> bool:
    """A month's name, its abbreviation, or a slip of the pen in it ("Octobe", "Septmber"); not a word
    that only opens like one ("3 separatist", "2 marchers", "92 decimal", "12 Mayors", "Janata")."""
    w = word.lower().rstrip(".")
    if w in MONTHS or w in _ABBREVIATIONS:
        return True
    full = next((m for m in MONTHS if m.startswith(w[:3])), None)
    return full is not None and len(w) <= len(full) and difflib.SequenceMatcher(None, w, full).ratio() >= 0.8


def month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(i + 1 for i, m in enumerate(MONTHS) if m.startswith(name[:3]))


def _month_range(year: int, month: int, until: dt.date | None) -> Dates:
    start = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    end = nxt - dt.timedelta(days=1)
    if until is not None and start <= until < end:
        end = until
    return Dates(start=start, end=end, precision="month", basis="explicit")


def _count(word: str | None) -> int:
    word = (word or "a").lower()
    return int(word) if word.isdigit() else _NUMWORD.get(word, 1)


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def place_in_year(month: int, day: int, anchor: Anchor, at: int = 0) -> dt.date | None:
    """A day printed without its year (`at`: where in the article): the year of a written anchor (the
    year before when that would put it after publication); against a told date, the year that puts
    it nearest that date, or, when it is told before that date, not after it (a narrative tells the
    incident first and its later developments with their full dates)."""
    if anchor.day is None:
        return None
    near = [d for y in (anchor.day.year - 1, anchor.day.year, anchor.day.year + 1) if (d := _safe(y, month, day))]
    if anchor.written or at < anchor.at:
        near = [d for d in near if d <= anchor.day + dt.timedelta(days=1)]
        return max(near) if near else None
    return min(near, key=lambda d: abs((d - anchor.day).days)) if near else None  # type: ignore[operator]


def _explicit(m: re.Match[str], anchor: Anchor, at: int) -> Dates | None:
    groups = m.groupdict()
    month = int(groups["m"]) if groups.get("m") else month_number(groups["mon"])
    d1, d2 = int(groups["d1"]), int(groups["d2"]) if groups.get("d2") else None
    if groups.get("year"):
        first = _safe(int(groups["year"]), month, d1)
    else:
        first = place_in_year(month, d1, anchor, at + m.start())
    if first is None:
        return None
    last = first
    if d2 is not None:
        # "12-13 May": a night over two days; "October 30-November 2" crosses a month
        last = _safe(first.year, month, d2) or first
        if d2 < d1:
            nxt = _safe(first.year + (month == 12), month % 12 + 1, d2)
            last = nxt if nxt and (nxt - first).days <= 7 else first
        if not dt.timedelta(0) <= last - first <= dt.timedelta(days=7):
            last = first
    precision: Literal["day", "period"] = "day" if last == first else "period"
    return Dates(start=first, end=last, precision=precision, basis="explicit")


def _weekday(wd: str, anchor: Anchor) -> Dates | None:
    if anchor.day is None:
        return None
    target = WEEKDAYS.index(wd.lower())
    if not anchor.written:
        # a weekday beside a date the text tells: the nearest such day, before or after
        ahead = (target - anchor.day.weekday()) % 7
        d = anchor.day + dt.timedelta(days=ahead if ahead <= 3 else ahead - 7)
        return Dates(start=d, end=d, precision="day", basis="weekday")
    back = (anchor.day.weekday() - target) % 7
    d = anchor.day - dt.timedelta(days=back)
    # five or more days back, the printed date may precede the story (a weekly's issue date)
    alt = d + dt.timedelta(days=7) if back >= FAR_BACK_DAYS else None
    return Dates(start=d, end=d, precision="day", basis="weekday", alternative=alt)


def _vague(what: str, pub: dt.date) -> Dates:
    what = what.lower()
    monday = pub - dt.timedelta(days=pub.weekday())
    day = dt.timedelta(days=1)
    if what == "last week":
        return Dates(start=monday - 7 * day, end=monday - day, precision="week", basis="relative")
    if what == "last weekend":
        sunday = pub - dt.timedelta(days=(pub.weekday() + 1) % 7 or 7)
        return Dates(start=sunday - day, end=sunday, precision="period", basis="relative")
    if what.endswith("week"):
        return Dates(start=monday, end=max(monday, pub - day), precision="week", basis="relative")
    first = pub.replace(day=1)
    return Dates(start=first, end=max(first, pub - day), precision="month", basis="relative")


def _relative(m: re.Match[str], mention: DateMention) -> DateMention:
    text = m.group(0).lower()
    n = _count(m.group("n")) * (7 if m.group("unit") else 1)
    direction = (m.group("dir") or m.group("dir2") or m.group("prev") or "").lower()
    mention.offset_days = -n if direction in ("earlier", "before", "previous", "prior") else n
    if direction == "after" and "day after" in text:
        # "X came a day after Y": what follows the phrase happened the day before (refine_by_parse
        # turns it round when "after" takes a noun: "a day after the raid, ...")
        mention.offset_days = -n
    return mention


def _resolve(kind: str, m: re.Match[str], anchor: Anchor, at: int) -> DateMention | None:
    text = m.group(0)
    mention = DateMention(m.start(), m.end(), text, kind, None)
    if kind == "relative":
        return _relative(m, mention)
    if kind == "explicit":
        mention.dates = _explicit(m, anchor, at)
        return mention if mention.dates is not None or not m.groupdict().get("m") else None
    if kind == "weekday":
        mention.dates = _weekday(m.group("wd"), anchor)
        return mention
    if kind == "month" and m.group("year"):
        mention.dates = _month_range(int(m.group("year")), month_number(m.group("month")), anchor.day)
        return mention
    if kind == "day" and "same day" in text.lower():
        mention.kind = "relative"  # "the same day": the day of the incident being told
        return mention
    if kind == "day" and text.lower().endswith("in the day"):
        # "earlier in the day": the day of the incident being told, or, when none is told yet, the
        # day the article is written (resolved below, as "earlier today")
        mention.kind = "relative"
    pub = anchor.day
    if pub is None or (not anchor.written and kind in ("day", "ago", "vague")):
        return mention  # nothing to resolve against: the date stays unknown, and says so
    day = dt.timedelta(days=1)
    if kind == "ago":
        d = pub - dt.timedelta(days=_count(m.group("n")))
        mention.dates = Dates(start=d, end=d, precision="day", basis="relative")
    elif kind == "vague":
        mention.dates = _vague(m.group("what"), pub)
    elif kind == "day":
        word = m.group("word").lower()
        if word in ("yesterday", "last night"):
            mention.dates = Dates(start=pub - day, end=pub - day, precision="day", basis="relative")
        elif word == "overnight":
            mention.dates = Dates(start=pub - day, end=pub, precision="period", basis="relative")
        else:
            mention.dates = Dates(start=pub, end=pub, precision="day", basis="relative")
    elif kind == "month":
        month = month_number(m.group("month"))
        year = pub.year - (month > pub.month)
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
        return Dates(start=dt.date(pub.year, month_number(groups["smonth"]), 1), end=pub, precision="period", basis="explicit")
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


def find_dates(text: str, anchor: Anchor | dt.date | None, at: int = 0) -> list[DateMention]:
    """Every date expression in `text`, left to right, overlapping matches removed (first pattern wins).

    `anchor`: a date is taken as the day the story was written (the publication date). `at`: where
    `text` starts in the article (offsets stay relative to `text`)."""
    if not isinstance(anchor, Anchor):
        anchor = Anchor(anchor)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    lower, digit = text.lower(), bool(_DIGIT.search(text))
    for (kind, pattern), needs in zip(PATTERNS, _NEEDS, strict=True):
        if needs and not any(digit if w == "0" else w in lower for w in needs):
            continue
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if any(m.groupdict().get(g) and not _is_month(m.group(g)) for g in ("mon", "month", "smonth")):
                continue
            mention = _resolve(kind, m, anchor, at)
            if mention is not None:
                mention.listed = kind == "explicit" and bool(_TWO_DAYS.search(m.group(0))) \
                    and not _STRETCH.search(text, 0, m.start())
                found.append(mention)
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


# verbs that date a document rather than the incident it tells of ("a list released on 7 January")
PUBLISHING = {"publish", "release", "issue", "post", "update", "send", "circulate"}


def refine_by_parse(doc: Doc, dates: list[DateMention], base: int, reporting: frozenset[str] | set[str],
                    lede_at: int | None = None) -> None:
    """What the dependency parse says about a sentence's dates (`base`: the sentence's offset).

    - "Officials said on Friday that ...": a weekday or day word hanging on a reporting verb dates
      the statement, not the event (kind "statement"). An explicit date does too ("a report
      published on 8 November"), except the article's lede date (`lede_at`, its offset) and except
      in an article without one: "As reported on 7 March" is how coders date what was reported.
    - "three days after the raid, ..." (`after` takes a noun, dep `prep`): the sentence's event is
      three days after the incident told; "... three days after 16 people were killed" (`after`
      marks a clause) tells an incident three days before. The same holds for "before".
    """
    for d in dates:
        span = doc.char_span(d.start - base, d.end - base, alignment_mode="expand")
        if span is None:
            continue
        if d.kind == "relative":
            prep = next((t for t in span if t.lower_ in ("after", "before")), None)
            if prep is not None and prep.dep_ == "prep" and any(c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")
                                                                 for c in prep.children):
                d.offset_days = abs(d.offset_days) if prep.lower_ == "after" else -abs(d.offset_days)
            elif prep is not None and prep.dep_ == "mark":
                d.offset_days = -abs(d.offset_days) if prep.lower_ == "after" else abs(d.offset_days)
            continue
        explicit = d.kind == "explicit" and lede_at is not None and d.start != lede_at
        if d.kind not in ("weekday", "day") and not explicit:
            continue
        tok = span.root
        for _ in range(3):
            if tok.head is tok:
                break
            tok = tok.head
            if tok.pos_ in ("VERB", "AUX"):
                if tok.lemma_ in reporting or (explicit and tok.lemma_ in PUBLISHING):
                    d.kind = "statement"
                break


_TWO_DAYS = re.compile(r"\d(?:st|nd|rd|th)?\s+(?:and|or)\s+(?:on\s+)?(?:the\s+)?\d", re.I)
_STRETCH = re.compile(r"\b(?:between|from)\s+(?:the\s+)?$", re.I)  # "between 1 and 19 June": a stretch
TALLY_MIN_DAYS = 4  # "over the past two days" is one drawn-out incident; "in a week" is a tally


def is_period(mention: DateMention) -> bool:
    """A span of time that makes a figure a tally ("this month alone", "since 2014", "in a week")."""
    d = mention.dates
    if mention.kind == "vague":
        return False  # "was killed last week": one incident in a stretch of time
    if d is not None and d.start is not None and d.end is not None and (d.end - d.start).days + 1 < TALLY_MIN_DAYS:
        return False
    if mention.listed:
        return False  # "on 17 and 21 June": two days an incident ran over, not the stretch between them
    return mention.kind in ("period", "month") or (d is not None and d.precision in ("week", "month", "period") and mention.kind != "day")

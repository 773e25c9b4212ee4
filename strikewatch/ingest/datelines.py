"""Publication dates: the dateline printed at the top of an article, and dates given as metadata.

A dateline is only trusted where papers print one: at the very start of the text, at the start of
a line in its first 300 characters, right after the headline when the text repeats it (SANA), or in
the form of a wire or press-office dateline, whatever the agency: `BEIRUT, March 19 (Reuters) -`,
`KABUL, Afghanistan (Jan. 25, 2013) -`, `WASHINGTON, Jan. 5, 2013 -` (the place in capitals, or at
the start of a line). A yearless one takes the year that puts it nearest the publication date, or
else nearest the first full date the text prints. A date anywhere else is a date the story talks
about, not the day it was printed, so it is never taken.

Shapes read (FA-KES strips commas, so every comma is optional):
- `Friday 18/03/2016`, `24.08.2013`: numeric, day first (the order of the outlets that print it);
- `Wed 05 Apr 2017`, `12 February 2015`: day, month name, year, with or without a weekday;
- `March 19, 2016`, `Fri Sep 27 2013`, `Apr 232017` (Jordan Times glues day and year);
- `2016-03-19`;
- optionally behind `Published`, `Posted on`, `Last updated at`, `Updated`.
When a weekday is printed and disagrees with the date, the dateline is not trusted.
"""

from __future__ import annotations

import datetime as dt
import re

WINDOW = 300  # how far into the text a dateline may sit

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}
_WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [("mon", "monday"), ("tue", "tues", "tuesday"), ("wed", "wednesday"),
         ("thu", "thur", "thurs", "thursday"), ("fri", "friday"), ("sat", "saturday"), ("sun", "sunday")]
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
# Ahram prints the agency between headline and date: "Syria rebel rocket kills five children AFP Sunday 26 Jul 2015"
_PREFIX = re.compile(
    r"[\s.:,|-]*(?:(?:AFP|AP|Reuters|Ahram Online|MENA|DPA|Xinhua)\s+)?(?:(?:print\s+this\s+page|published|posted|updated|last\s+updated|first\s+published"
    r"|date(?:\s+of\s+publication)?)(?:\s+(?:on|at))?:?\s+)?",
    re.I,
)

_DATES = [
    re.compile(_WEEKDAY + r"(?P<day>\d{1,2})(?P<sep>[/.-])(?P<mon>\d{1,2})(?P=sep)" + _YEAR, re.I),
    re.compile(_WEEKDAY + r"(?P<year>(?:19|20)\d\d)-(?P<mon>\d\d)-(?P<day>\d\d)(?!\d)", re.I),
    re.compile(_WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR, re.I),
    # \s* lets "Apr 232017" through; the year must still be four digits after a one- or two-digit day
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s*" + _YEAR, re.I),
]
# A wire or press-office dateline: a place (in capitals anywhere near the top, in any case at the
# start of a line), its state or country, a day (the year is often left out), then the agency in
# brackets, or the date itself in brackets, or a dash:
#   BEIRUT, March 19 (Reuters) -      Kabul, 3 March (Pajhwok) -      NEWPORT NEWS, Va., Aug. 8 (WAVY) -
#   KABUL, Afghanistan (Jan. 25, 2013) -                               WASHINGTON, Jan. 5, 2013 -
_PLACE = r"\b(?!(?:On|In|At|By|Since|From|Until|Before|After|Last|This|The|Early|Late)\b)(?P<place>[A-Z][A-Za-z'.-]+(?:\s+[A-Z][A-Za-z'.-]+){0,3})(?:,\s+[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)?)?"
_WIRE_DATES = ("(?i:" + _MONTH + r")\s+" + _DAY + r"(?!\d)", _DAY + r"\s+(?i:" + _MONTH + ")")
_AGENCY = r"\((?P<agency>[A-Z][\w&.'’ -]{0,40})\)"
_DASH = r"\s*(?:--|-|–|—|:)"
_WIRES = [
    re.compile(_PLACE + r",?\s+(?P<date>" + date + r")(?:,?\s+" + _YEAR + r")?" + tail)
    for date in _WIRE_DATES for tail in (r"\s+" + _AGENCY, _DASH)
] + [
    re.compile(_PLACE + r",?\s+\((?P<date>" + date + r")(?:,?\s+" + _YEAR + r")?\)") for date in _WIRE_DATES
]
# a full date anywhere in the text gives a yearless dateline its year when no publication date does
_FULL = [re.compile(r"\b" + date + r",?\s+" + _YEAR) for date in _WIRE_DATES]


def find_dateline(
    text: str, *, title: str | None = None, fallback: dt.date | None = None
) -> tuple[dt.date, int, int] | None:
    """The date printed at the top of `text`, with its character offsets, or None.

    **Parameters**
    - `title`: the headline, when known; a text that starts with it may carry its dateline right after.
    - `fallback`: a date near publication; only used to give a wire dateline without a year
      (`BEIRUT, March 19 (Reuters) -`) the year that puts it closest to `fallback`.

    >>> find_dateline("Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent use")
    (datetime.date(2017, 4, 5), 0, 15)
    >>> find_dateline("Airstrikes kill 39 civilians\\n\\nFriday 18/03/2016\\nOn Saturday alone")
    (datetime.date(2016, 3, 18), 30, 47)
    """
    head = text[:WINDOW]
    anchors = _anchors(head, title)
    for anchor in anchors:
        found = _date_at(head, anchor)
        if found is not None:
            return found
    return _wire(head, fallback, text, anchors)


def _anchors(head: str, title: str | None) -> list[int]:
    """Where a dateline may begin: the text's start, each line's start, the end of a repeated headline."""
    anchors = [0] + [m.end() for m in re.finditer(r"\n", head)]
    if title and title.strip() and head.lower().startswith(title.strip().lower()):
        anchors.insert(1, len(title.strip()))
    return anchors


def _date_at(head: str, anchor: int) -> tuple[dt.date, int, int] | None:
    prefix = _PREFIX.match(head, anchor)  # always matches: every part of it is optional
    start = prefix.end() if prefix else anchor
    for pattern in _DATES:
        d = pattern.match(head, start)
        if d is None:
            continue
        day = _to_date(d)
        if day is None or (d["weekday"] and _WEEKDAYS[d["weekday"].lower()] != day.weekday()):
            return None  # a date that does not exist, or a weekday that contradicts it: not a dateline
        return day, d.start(), d.end()
    return None


def _to_date(m: re.Match[str]) -> dt.date | None:
    groups = m.groupdict()
    month = int(groups["mon"]) if groups.get("mon") else _MONTHS[groups["month"].lower()]
    return _safe_date(int(m["year"]), month, int(m["day"]))


def _wire(head: str, fallback: dt.date | None, text: str, anchors: list[int]) -> tuple[dt.date, int, int] | None:
    found = [m for pattern in _WIRES for m in pattern.finditer(head)
             if m["place"].isupper() or m.start() in anchors]
    if not found:
        return None
    m = min(found, key=lambda m: m.start())
    month, day = _MONTHS[m["month"].lower()], int(m["day"])
    day_found: dt.date | None = None
    if fallback is None:
        fallback = _year_hint(text)
    if m["year"]:
        day_found = _safe_date(int(m["year"]), month, day)
    elif fallback is not None:
        # the year that puts the day nearest the fallback: a December dateline read in early January
        near = [d for y in (fallback.year - 1, fallback.year, fallback.year + 1) if (d := _safe_date(y, month, day))]
        day_found = min(near, key=lambda d: abs((d - fallback).days)) if near else None
    return (day_found, m.start("date"), m.end("date")) if day_found else None


def _year_hint(text: str) -> dt.date | None:
    """The first full date the text prints, to give a yearless dateline its year."""
    found = [m for pattern in _FULL if (m := pattern.search(text))]
    for m in sorted(found, key=lambda m: m.start()):
        if (d := _safe_date(int(m["year"]), _MONTHS[m["month"].lower()], int(m["day"]))) is not None:
            return d
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_published(value: str) -> dt.date:
    """A publication date given as metadata; raises ValueError with the reason when it is not one.

    ISO dates and timestamps are read as they are; other forms only when they name the month
    ("19 March 2016", "Sat, 19 Mar 2016 10:00 GMT"), since "03/04/2016" is the 3rd of April in one
    outlet and the 4th of March in the next.
    """
    value = value.strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        pass
    # a month name and a four-digit year, or dateparser would read "yesterday" against today's clock
    if not (re.search(r"[^\W\d_]{3,}", value) and re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", value)):
        raise ValueError(f"invalid published date {value!r}: write it as YYYY-MM-DD")
    import dateparser  # type: ignore[import-untyped]  # slow to import; only these rarer forms need it

    parsed: dt.datetime | None = dateparser.parse(
        value, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
                         "PARSERS": ["custom-formats", "absolute-time"]},  # no "2 days ago", no timestamps
    )
    if parsed is None:
        raise ValueError(f"invalid published date {value!r}: write it as YYYY-MM-DD")
    return parsed.date()

"""Dates resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from strikewatch.extract.dates import find_dates

SUNDAY = dt.date(2016, 3, 20)  # seed-000 was published on Sunday 2016-03-20


@pytest.mark.parametrize(
    "text,published,start,end,precision",
    [
        ("air strikes on Raqqa on Saturday", SUNDAY, "2016-03-19", "2016-03-19", "day"),
        # a weekday equal to the publication weekday is the publication day (dateparser's trap)
        ("strikes on Sunday killed 27 civilians", SUNDAY, "2016-03-20", "2016-03-20", "day"),
        # a weekly printed on Friday 2016-03-18: "Saturday" resolves back to 2016-03-12
        ("killed at least 39 civilians on Saturday in Raqa", dt.date(2016, 3, 18), "2016-03-12", "2016-03-12", "day"),
        ("shelling late on Tuesday", SUNDAY, "2016-03-15", "2016-03-15", "day"),
        ("an attack on March 14", SUNDAY, "2016-03-14", "2016-03-14", "day"),
        # an explicit date later than publication belongs to the year before
        ("the raid of December 30", dt.date(2017, 1, 2), "2016-12-30", "2016-12-30", "day"),
        ("overnight shelling", SUNDAY, "2016-03-19", "2016-03-20", "period"),
        ("yesterday's raid", SUNDAY, "2016-03-19", "2016-03-19", "day"),
        ("in a week of US-led strikes", dt.date(2017, 8, 21), "2017-08-15", "2017-08-21", "week"),
        ("This month alone, Russian warplanes", dt.date(2017, 8, 21), "2017-08-01", "2017-08-21", "month"),
        ("in Syria and Iraq since 2014", dt.date(2017, 8, 21), "2014-01-01", "2017-08-21", "period"),
        # "last May" from March 2016 is May 2015
        ("ISIS seized Palmyra last May", SUNDAY, "2015-05-01", "2015-05-31", "month"),
    ],
)
def test_dates_resolved_against_publication(text, published, start, end, precision):
    (m,) = find_dates(text, published)
    assert (str(m.dates.start), str(m.dates.end), m.dates.precision) == (start, end, precision)


@pytest.mark.parametrize("text,offset", [
    ("The raids came a day after 16 civilians were killed", -1),  # what follows happened the day before
    ("A day earlier, 16 people were killed", -1),
    ("two days later a second strike hit", 2),
])
def test_dates_relative_expressions_wait_for_an_anchor(text, offset):
    (m,) = find_dates(text, SUNDAY)
    assert m.kind == "relative" and m.dates is None and m.offset_days == offset


def test_dates_without_publication_date_stay_unknown():
    (m,) = find_dates("air strikes on Saturday", None)
    assert m.dates is None

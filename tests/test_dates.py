"""Dates: mentions resolved against the article's anchor, datelines, relative dates, fallbacks."""

from __future__ import annotations

import datetime as dt

import pytest

from strikewatch.extract.dates import Anchor, find_dates, is_period, refine_by_parse
from strikewatch.extract.docdates import article_dates
from strikewatch.extract.sources import REPORTING
from strikewatch.model import Article

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


# --- explicit dates: they need no anchor when they print their year ----------------------------


@pytest.mark.parametrize(
    "text,anchor,start,end,precision",
    [
        ("On 7th October, 2023, a shell landed on a bakery", None, "2023-10-07", "2023-10-07", "day"),
        # a printed weekday is part of the date, not a second one
        ("On Tuesday, 10 October 2023, a drone struck a car", None, "2023-10-10", "2023-10-10", "day"),
        ("Saturday, October 14th, 2023 was the day the school was hit", None, "2023-10-14", "2023-10-14", "day"),
        ("the convoy was ambushed on Jan. 25, 2013 near the pass", None, "2013-01-25", "2013-01-25", "day"),
        # a night over two days, the year from the publication date
        ("a raid on the night of 12-13 May left the farm in ruins", dt.date(2021, 5, 15), "2021-05-12", "2021-05-13", "period"),
        ("a tower was hit on either the 9th or 10th of October, 2023", None, "2023-10-09", "2023-10-10", "period"),
        ("shelling from Oct. 30 to Nov. 2, 2015 emptied the village", None, "2015-10-30", "2015-11-02", "period"),
        ("In March 2020 the militia took the crossing", None, "2020-03-01", "2020-03-31", "month"),
        # no year, no written date: the year that puts it nearest a date the text tells
        ("On 30 December a drone hit a van", Anchor(dt.date(2024, 1, 2), written=False), "2023-12-30", "2023-12-30", "day"),
    ],
)
def test_dates_explicit_without_publication(text, anchor, start, end, precision):
    (m,) = find_dates(text, anchor)
    assert (str(m.dates.start), str(m.dates.end), m.dates.precision, m.dates.basis) == (start, end, precision, "explicit")


def test_dates_the_modal_may_is_no_month():
    assert find_dates("Rebels may 5 times have tried to cross", dt.date(2021, 5, 15)) == []
    (m,) = find_dates("the bridge fell on 5 May", dt.date(2021, 5, 15))
    assert str(m.dates.start) == "2021-05-05"


def test_dates_a_yearless_date_without_any_anchor_stays_unresolved():
    (m,) = find_dates("the checkpoint was overrun on 14 June", None)
    assert m.kind == "explicit" and m.dates is None


# --- words of the writer's day, against a written date or a told one -----------------------------

WEDNESDAY = dt.date(2016, 3, 16)


@pytest.mark.parametrize(
    "text,start,end,precision",
    [
        ("a guard was shot dead last week", "2016-03-07", "2016-03-13", "week"),
        ("a man was stabbed last weekend", "2016-03-12", "2016-03-13", "period"),
        ("the pharmacy was looted earlier this month", "2016-03-01", "2016-03-15", "month"),
        ("the bus was burnt earlier this week", "2016-03-14", "2016-03-15", "week"),
    ],
)
def test_dates_vague_recent_dates_are_incident_ranges_not_tallies(text, start, end, precision):
    (m,) = find_dates(text, WEDNESDAY)
    assert (str(m.dates.start), str(m.dates.end), m.dates.precision) == (start, end, precision)
    assert not is_period(m)  # one incident somewhere in that stretch, not a count over it


def test_dates_a_stretch_counted_over_stays_a_tally():
    (m,) = find_dates("in the last week 40 fighters died", WEDNESDAY)
    assert m.kind == "period" and is_period(m)


def test_dates_a_told_date_resolves_weekdays_both_ways_but_not_yesterday():
    told = Anchor(dt.date(2023, 10, 12), written=False)  # a Thursday the text itself names
    (sat,) = find_dates("the funeral on Saturday was shelled", told)
    (tue,) = find_dates("the family fled on Tuesday", told)
    assert (str(sat.dates.start), str(tue.dates.start)) == ("2023-10-14", "2023-10-10")
    (y,) = find_dates("a neighbour said yesterday", told)
    assert y.dates is None  # only the writer's own day gives "yesterday" a meaning


# --- relative dates: the parse says which way they point ----------------------------------------


@pytest.mark.parametrize("text,offset", [
    ("Three days after the raid, another strike hit the market.", 3),  # "after" + a noun: later
    ("A second shell fell on the school two days after the first attack.", 2),
    ("Two days before the bombing, a drone had circled the camp.", -2),
    ("The strike came three days after 16 civilians were killed there.", -3),  # "after" + a clause: earlier
    ("A week later, gunmen returned to the village.", 7),
])
def test_dates_relative_direction_from_the_parse(nlp, text, offset):
    doc = nlp(text)
    (m,) = find_dates(text, SUNDAY)
    refine_by_parse(doc, [m], 0, REPORTING)
    assert m.kind == "relative" and m.offset_days == offset


def test_dates_a_weekday_on_a_reporting_verb_dates_the_statement(nlp):
    text = "The ministry said on Friday that the clinic had been hit."
    (m,) = find_dates(text, SUNDAY)
    refine_by_parse(nlp(text), [m], 0, REPORTING)
    assert m.kind == "statement"


# --- the article as a whole: dateline, anchor, lede ---------------------------------------------


@pytest.mark.parametrize(
    "text,published,day",
    [
        # press office: the date in brackets after the place
        ("KABUL, Afghanistan (Jan. 25, 2013) - A joint patrol detained two suspects.", None, "2013-01-25"),
        # any agency, the place in title case at the start, the year from a full date in the text
        ("Herat, March 3 (Pajhwok) - Gunmen shot a teacher. He had been threatened on March 1, 2019.",
         None, "2019-03-03"),
        # a house agency (a TV station), the year from the publication date
        ("NEWPORT NEWS, Va., Aug. 8 (WTKX) - A man was shot on the porch.", dt.date(2016, 8, 9), "2016-08-08"),
        ("WASHINGTON, Jan. 5, 2013 - The department announced new sanctions.", None, "2013-01-05"),
    ],
)
def test_dates_datelines_of_any_agency(text, published, day):
    when = article_dates(text, published)
    assert when.dateline is not None and str(when.dateline[0]) == day
    assert when.anchor == Anchor(when.dateline[0])  # the dateline is when the story was written


@pytest.mark.parametrize("text", [
    "On March 19 - the day the ceasefire began - two shells fell.",  # a preposition, not a place
    "NEWPORT NEWS, Va. (WTKX) - A man was shot on the porch.",  # an agency but no date
    "Herat, March 3 (Pajhwok) - Gunmen shot a teacher.",  # no year anywhere to give it
])
def test_dates_no_dateline_guessed(text):
    assert article_dates(text, None).dateline is None


def test_dates_the_dateline_beats_the_publication_date():
    # published (say, crawled) days later; the story was filed on Sunday the 20th
    when = article_dates("BEIRUT, March 20 (AOP) - Jets struck a bakery on Saturday.", dt.date(2016, 3, 25))
    (m,) = find_dates("Jets struck a bakery on Saturday.", when.anchor)
    assert str(m.dates.start) == "2016-03-19"


def test_dates_an_undated_text_reads_against_its_first_full_date():
    when = article_dates("On the morning of 11 November 2023, a strike hit a house. "
                         "On Sunday a second strike hit the same street.", None)
    assert (when.anchor.day, when.anchor.written) == (dt.date(2023, 11, 11), False)
    assert str(when.lede.dates.start) == "2023-11-11"


def test_dates_fallback_prefers_the_lede_then_a_flagged_guess():
    when = article_dates("On 4 April 2019, forces retook the pass. Three soldiers died.", dt.date(2019, 4, 6))
    dates, span, flag = when.fallback()
    assert (str(dates.start), dates.precision, dates.basis, span) == ("2019-04-04", "day", "explicit", (3, 15))
    # "since" opens a period: no lede; the guess is a range, basis "publication" (no evidence)
    when = article_dates("Since March 15, 2011, the war has emptied the town. Three soldiers died.", dt.date(2019, 4, 6))
    dates, span, flag = when.fallback()
    assert (str(dates.start), str(dates.end), dates.precision, dates.basis, span) == (
        "2019-04-05", "2019-04-06", "period", "publication", None)
    assert "publication day or the day before" in flag


# --- end to end -------------------------------------------------------------------------------


def _reports(extractor, text, published=None):
    pub = dt.date.fromisoformat(published) if published else None
    return [r for r in extractor.extract(Article(id="t", text=text, published=pub)) if r.kind == "incident"]


def test_dates_an_explicit_lede_date_wins_over_the_publication_guess(extractor):
    # the first sentence carries no casualty and no attack word, so it is never parsed
    text = "On 4 April 2019, government forces retook a checkpoint near Kandahar. Three soldiers were killed in the fighting."
    (r,) = _reports(extractor, text, "2019-04-06")
    assert (str(r.date.start), r.date.basis) == ("2019-04-04", "explicit")
    assert any(s.field == "date" and s.text == "4 April 2019" for s in r.evidence)


def test_dates_an_article_without_publication_date_is_dated_from_its_text(extractor):
    text = ("On 12th November, 2023, an alleged strike hit a house in Khan Younis, killing four civilians. "
            "Two days later, a second strike on the same street killed three more people.")
    first, second = _reports(extractor, text)
    assert str(first.date.start) == "2023-11-12" and str(second.date.start) == "2023-11-14"


def test_dates_a_sentence_dated_in_may_is_not_speculation(extractor):
    (r,) = _reports(extractor, "On 5 May, militants attacked a police checkpoint in Kandahar.", "2019-05-07")
    assert str(r.date.start) == "2019-05-05"
    # a real modal still marks a plan, not an event
    assert _reports(extractor, "Militants may attack a police checkpoint in Kandahar on 5 May.", "2019-05-07") == []


def test_dates_a_yearless_lede_before_a_later_full_date_is_not_after_it():
    # the narrative tells the incident first, then a later update with its full date
    text = ("On the afternoon of October 16th, a strike hit a house in the camp. "
            "On October 9th, 2024 the monitor revised its figures.")
    when = article_dates(text, None)
    assert str(when.lede.dates.start) == "2023-10-16"


def test_dates_a_relative_date_counts_from_the_incident_not_from_a_tally(extractor):
    text = ("Rockets killed four children at a school in Aleppo on Thursday. More than 100 people have died "
            "in the city since early September, the monitor said. The attack came a day after 22 people were "
            "killed in a market in Idlib.")
    dates = {str(r.date.start) for r in _reports(extractor, text, "2016-10-27")}
    assert dates == {"2016-10-27", "2016-10-26"}


def test_dates_a_dateline_weeks_away_from_publication_loses_to_it():
    # a US paper's "08/07/2016" read day first is July, not August: the metadata is plainer
    when = article_dates("08/07/2016\nA man was shot on Sunday outside a bar.", dt.date(2016, 8, 8))
    assert when.dateline is not None and when.anchor == Anchor(dt.date(2016, 8, 8))


def test_dates_a_date_that_dates_a_document_does_not_date_the_incident(extractor):
    text = ("During the night of 3 March 2022, an airstrike hit a family home in Gaza City. "
            "A report published on 9 April 2022 said that five people were killed in the strike.")
    (r,) = _reports(extractor, text)
    assert str(r.date.start) == "2022-03-03" and r.claims[0].killed.best == 5


def test_dates_a_reported_date_still_dates_a_note_that_has_no_other(extractor):
    (r,) = _reports(extractor, "As reported on 9 April 2022, five people were killed in an airstrike on a house in Gaza City.")
    assert str(r.date.start) == "2022-04-09"


def test_a_segment_counted_from_the_story_keeps_its_own_date(extractor):
    from strikewatch.model import Article

    text = ("Coalition jets struck a bridge near Raqqa on Friday, killing three people, activists said. "
            "The strikes came a day after the coalition said it would look into whether its raids last week "
            "near Manbij had killed more than 50 civilians.")
    reports = extractor.extract(Article(id="manbij", text=text, published="2016-07-30"))
    manbij = next(r for r in reports if r.location.name and "Manbij" in r.location.name)
    # "last week" of a Saturday's story, not "a day after" Friday's strike
    assert (str(manbij.date.start), str(manbij.date.end), manbij.date.precision) == ("2016-07-18", "2016-07-24", "week")

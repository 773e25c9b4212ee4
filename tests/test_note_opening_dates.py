"""A monitor's note opens with the event's date, and that date must win whatever else the note says
(issue 11). Openings and later dates of our own wording, in the style of conflict monitors' notes."""

from __future__ import annotations

import datetime as dt

import pytest

from strikewatch.model import Article

DAY = dt.date(2020, 3, 5)


def starts(extractor, text, published="2020-03-05"):
    reports = extractor.extract(Article(id="note", text=text, published=published))
    return [r.date.start for r in reports if r.kind == "incident"]


def test_the_week_of_an_explicit_day_is_that_day_not_a_tally(extractor):
    # "during the week" alone is a tally up to the day of writing; "the week of 5 March" names the week
    # by its day, so the clash and its dead are one incident of that date
    text = ("During the week of 5 March 2020, police and insurgents clashed in Nad Ali district, Helmand, "
            "killing 4 insurgents.")
    assert starts(extractor, text, published="2020-03-09") == [DAY]


def test_a_tally_over_the_past_week_stays_a_tally(extractor):
    text = "During the past week, security forces killed 40 insurgents across Helmand province."
    assert starts(extractor, text) == []


# Guards: these already resolve to the opening day; each keeps one way a later date or a report date
# could win from coming back.
@pytest.mark.parametrize(
    "text",
    [
        "On 5 March 2020, insurgents attacked a police post in Nad Ali district, Helmand. 3 policemen were killed.",
        "On or around 5 March 2020, insurgents attacked a police post in Nad Ali district, Helmand.",
        "As reported on 5 March 2020, 2 soldiers were killed by an insurgent sniper in Nad Ali district, Helmand.",
        "On 5 March 2020 (as reported), 2 soldiers were killed by an insurgent sniper in Nad Ali district, Helmand.",
        "On 5 Mar 2020, 2 soldiers were killed by an insurgent sniper in Nad Ali district, Helmand.",
        "On the 5th of March 2020, 2 soldiers were killed by an insurgent sniper in Nad Ali district, Helmand.",
        "Around 5 March 2020, soldiers clashed with insurgents in Nad Ali district, Helmand.",
        "On 5 March 2020 (reported on 7 March 2020), 3 soldiers were killed by a roadside bomb in Arghandab "
        "district, Kandahar.",
        "On 5 March 2020, insurgents killed 2 traders who had been abducted on 2 March in Qarabagh district, Ghazni.",
        "On 5 March 2020, clashes that began on 3 March 2020 went on in Nad Ali district, Helmand, killing 6 insurgents.",
        "On 5 March 2020, soldiers killed 7 insurgents in Arghandab district, Kandahar, in an operation launched "
        "on Tuesday.",
    ],
)
def test_the_opening_date_wins(extractor, text):
    assert DAY in starts(extractor, text, published="2020-03-08")


@pytest.mark.parametrize(
    "text",
    [
        # a period inside a noun phrase after the toll: a count of attacks, a running total
        "On 5 March 2020, an insurgent attack on a checkpoint in Nad Ali district, Helmand, left 3 soldiers dead, the "
        "third such attack this week.",
        "On 5 March 2020, 3 soldiers were killed in Nad Ali district, Helmand, bringing the number of soldiers killed "
        "this month to 40.",
    ],
)
def test_a_period_said_of_something_else_leaves_the_opening_day_an_incident(extractor, text):
    assert starts(extractor, text, published="2020-03-08") == [DAY]


@pytest.mark.parametrize(
    "text",
    [
        # the period is the predicate's own: a tally, whatever the opening day
        "As reported on 5 March 2020, 40 insurgents were killed over the past week in Helmand province.",
        "On 5 March 2020, over the past week, soldiers killed 40 insurgents in operations across Helmand province.",
    ],
)
def test_a_toll_over_a_period_after_the_opening_day_stays_a_tally(extractor, text):
    assert starts(extractor, text) == []


def test_fighters_laying_down_their_weapons_is_a_dated_event(extractor):
    text = "Agreement: On 5 March 2020, 12 insurgents laid down their weapons and joined the peace process in Herat province."
    reports = extractor.extract(Article(id="note", text=text, published="2020-03-08"))
    assert [(r.date.start, r.sub_event_type) for r in reports if r.kind == "incident"] == [(DAY, "Agreement")]

"""A single strike told within a month is an incident, not a tally; "earlier in the day" before any
incident is told dates by the day of writing. Texts of our own, written for these tests."""

from __future__ import annotations

import datetime as dt

from strikewatch.model import Article


def reports(extractor, text: str, published: str = "2018-09-20"):  # type: ignore[no-untyped-def]
    return extractor.extract(Article(id="t", text=text, published=dt.date.fromisoformat(published)))


def killed(report) -> list[int]:  # type: ignore[no-untyped-def]
    return [c.killed.best or c.killed.low for c in report.claims if c.killed]


def test_a_bombing_told_within_a_month_is_an_incident_dated_by_the_month(extractor) -> None:
    out = reports(extractor, "A car bomb struck a checkpoint in Azaz on Wednesday, killing nine people. "
                             "In August a suicide bomb killed at least 14 people in Jarablus.")
    back = [r for r in out if r.location.name == "Jarablus"]
    assert len(back) == 1 and back[0].kind == "incident"
    assert (back[0].date.start, back[0].date.end) == (dt.date(2018, 8, 1), dt.date(2018, 8, 31))
    assert killed(back[0]) == [14]
    # the day's own bombing keeps its day and its toll
    azaz = [r for r in out if r.location.name == "Azaz"]
    assert azaz and azaz[0].date.start == dt.date(2018, 9, 19) and killed(azaz[0]) == [9]


def test_strikes_over_a_month_stay_a_tally(extractor) -> None:
    out = reports(extractor, "In August air strikes killed 230 civilians in Idlib province, the monitor said.")
    assert [r.kind for r in out] == ["aggregate"]
    out = reports(extractor, "In August a battle for the hills east of Hama killed 90 fighters.")
    assert all(r.kind == "aggregate" for r in out)  # a battle runs on for days


def test_earlier_in_the_day_before_any_incident_is_the_day_of_writing(extractor) -> None:
    out = reports(extractor, "Earlier in the day a blast tore through a bus station in Manbij, killing 11 people, "
                             "a local council said.")
    assert len(out) == 1 and out[0].date.start == dt.date(2018, 9, 20)
    assert out[0].date.basis != "publication"  # read from the text, not guessed



def test_a_place_in_a_relative_clause_telling_another_event_is_not_this_ones(extractor) -> None:
    # the airbase's past (a chemical attack on a village in Idlib) does not move the strike to Idlib
    text = ("Cruise missiles destroyed an air base that was used to launch a chemical attack on a village in "
            "Idlib province, the monitor said on Friday.")
    (strike,) = [r for r in reports(extractor, text) if r.kind == "incident"]
    assert "place from the article's main place" in strike.flags  # not the sentence's: it names none of its own
    # a relative clause with no event of its own still places the strike
    text = "An air strike hit a school that sheltered displaced families in Maarat al-Numan, killing 12 people."
    (strike,) = [r for r in reports(extractor, text) if r.kind == "incident"]
    assert strike.location is not None and strike.location.name == "Maarat al-Numan"
    assert "place from the article's main place" not in strike.flags

"""Linking on reports the extractor reads from short news texts of our own: look-alikes, updated
tolls, every disagreement flagged, tallies kept apart, and ids that do not depend on order or on
whether the articles came at once or one by one."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest

from strikewatch.link import link
from strikewatch.model import Article, Count, Incident, Report

SOHR = "Syrian Observatory for Human Rights"

TEXTS = {  # id: (outlet, published, text)
    # the Observatory's toll for one strike rises overnight; rescuers give their own
    "afp-1": ("AFP", "2018-02-20", "BEIRUT - Air strikes on the town of Douma in Eastern Ghouta killed 10 civilians "
              "on Tuesday, the Syrian Observatory for Human Rights said."),
    "afp-2": ("AFP", "2018-02-21", "BEIRUT - The Syrian Observatory for Human Rights said on Wednesday that 55 people "
              "had been killed in air strikes on Douma on Tuesday, including 12 children."),
    "jaz-1": ("Al Jazeera", "2018-02-21", "Rescuers of the White Helmets said 61 people died when warplanes struck "
              "Douma on Tuesday."),
    # the same town the next day, with other figures: another strike
    "rt-2": ("Reuters", "2018-02-22", "Air strikes on Douma killed 80 people on Wednesday, including 20 children, "
             "the Syrian Observatory for Human Rights said."),
    # the same town and day, a toll forty times larger: another strike
    "rt-3": ("Reuters", "2018-02-21", "Air strikes killed three people in Douma on Tuesday, the Syrian Observatory "
             "for Human Rights said."),
    # a car bomb in Azaz, and a week later another with the same toll
    "azaz-1": ("Reuters", "2016-05-04", "A car bomb killed eight people in the town of Azaz on 3 May, the Syrian "
               "Observatory for Human Rights said."),
    "azaz-2": ("Reuters", "2016-05-11", "A car bomb killed eight people in the town of Azaz on 10 May, the Syrian "
               "Observatory for Human Rights said."),
    # one market strike in Aleppo told by two papers that disagree on everything but the day
    "gulf-1": ("Gulf News", "2016-04-26", "Russian warplanes killed 23 people in air strikes on a market in the "
               "Sukkari district of Aleppo on Monday, the Syrian Observatory for Human Rights said. Another 40 were "
               "wounded."),
    "arab-1": ("Arab News", "2016-04-26", "Air strikes by unidentified jets killed 31 civilians and wounded 70 at a "
               "market in the Bustan al-Qasr neighbourhood of Aleppo on Monday, activists said."),
    # a weekly tally and the strike it includes, told twice
    "tally-1": ("Arab News", "2017-08-21", "Coalition air strikes killed 125 civilians in Raqqa over the past week, "
                "the Syrian Observatory for Human Rights said on Monday."),
    "badu-1": ("AFP", "2017-08-21", "A coalition air strike killed 27 civilians, including seven children, in Raqqa "
               "on Sunday, the Syrian Observatory for Human Rights said."),
    "badu-2": ("Reuters", "2017-08-22", "US-led coalition air strikes killed 27 people in Raqqa on Sunday, the "
               "Observatory said."),
}


def article(aid: str) -> Article:
    outlet, published, text = TEXTS[aid]
    return Article(id=aid, text=text, outlet=outlet, published=dt.date.fromisoformat(published))


@pytest.fixture(scope="module")
def reports(extractor: Any) -> dict[str, list[Report]]:
    return {aid: extractor.extract(article(aid)) for aid in TEXTS}


def all_reports(reports: dict[str, list[Report]]) -> list[Report]:
    return [r for aid in sorted(reports) for r in reports[aid]]


@pytest.fixture(scope="module")
def incidents(reports: dict[str, list[Report]]) -> list[Incident]:
    return link(all_reports(reports)).incidents


def of(incidents: list[Incident], aid: str) -> Incident:
    (inc,) = [i for i in incidents if any(r.startswith(aid + "#") for r in i.reports)]
    return inc


def articles_in(inc: Incident) -> list[str]:
    return sorted({r.split("#")[0] for r in inc.reports})


def values(inc: Incident, name: str) -> list[tuple[Any, str | None, str]]:
    (d,) = [d for d in inc.discrepancies if d.field == name]
    return [(v.value, v.source, v.report.split("#")[0]) for v in d.values]


def test_link_text_every_article_gave_one_report(reports: dict[str, list[Report]]) -> None:
    # the cases below rest on the extractor's reading; say so plainly if it changes
    assert {aid: len(rs) for aid, rs in reports.items()} == dict.fromkeys(TEXTS, 1)


def test_link_text_updated_toll_supersedes_the_older_figure(incidents: list[Incident]) -> None:
    inc = of(incidents, "afp-1")
    assert articles_in(inc) == ["afp-1", "afp-2", "jaz-1"]
    # the Observatory's 10 is replaced by its 55; the rescuers' 61 is the top of the range
    assert inc.killed == Count(low=55, best=55, high=61)
    assert sorted((v["best"], src, rep) for v, src, rep in values(inc, "killed")) == [
        (55, SOHR, "afp-2"), (61, "rescuers", "jaz-1")]
    assert [(v["best"], rep) for v, _, rep in values(inc, "killed.superseded")] == [(10, "afp-1"), (55, "afp-2")]
    assert any("possible toll update, killed 10 -> 55" in r for k in inc.links for r in k.reasons)


def test_link_text_same_town_next_day_with_other_figures_stays_apart(incidents: list[Incident]) -> None:
    assert articles_in(of(incidents, "rt-2")) == ["rt-2"]
    assert of(incidents, "rt-2").date.start == dt.date(2018, 2, 21)


def test_link_text_same_town_same_day_clearly_other_toll_stays_apart(incidents: list[Incident]) -> None:
    assert articles_in(of(incidents, "rt-3")) == ["rt-3"]
    assert of(incidents, "rt-3").killed == Count(low=3, best=3, high=3)


def test_link_text_same_town_same_toll_a_week_apart_stays_apart(incidents: list[Incident]) -> None:
    assert articles_in(of(incidents, "azaz-1")) == ["azaz-1"]
    assert articles_in(of(incidents, "azaz-2")) == ["azaz-2"]


def test_link_text_every_disagreement_is_listed_with_source_and_report(incidents: list[Incident]) -> None:
    inc = of(incidents, "gulf-1")
    assert articles_in(inc) == ["arab-1", "gulf-1"]
    assert {d.field for d in inc.discrepancies} == {"killed", "injured", "perpetrator", "location"}
    assert sorted((v["best"], s, r) for v, s, r in values(inc, "killed")) == [(23, SOHR, "gulf-1"), (31, "activists", "arab-1")]
    assert sorted((v["best"], s, r) for v, s, r in values(inc, "injured")) == [(40, SOHR, "gulf-1"), (70, "activists", "arab-1")]
    assert sorted((tuple(v["actors"]), s, r) for v, s, r in values(inc, "perpetrator")) == [
        ((), "Arab News", "arab-1"), (("Russia",), "Gulf News", "gulf-1")]
    assert sorted(values(inc, "location")) == [("Bustan al-Qasr", "Arab News", "arab-1"), ("Sukkari", "Gulf News", "gulf-1")]
    # the range spans both sources; best is the lower median of the two, the more conservative
    assert inc.killed == Count(low=23, best=23, high=31)
    assert (inc.perpetrator.actors, inc.perpetrator.attribution) == (["Russia"], "alleged")


def test_link_text_links_say_why(incidents: list[Incident]) -> None:
    (lnk,) = of(incidents, "gulf-1").links
    assert lnk.score >= 4.0
    assert "same day 2016-04-25" in lnk.reasons
    assert any(r.startswith("near: ") and "Sukkari" in r and "Bustan al-Qasr" in r for r in lnk.reasons)


def test_link_text_tally_stays_an_aggregate_and_is_never_summed(incidents: list[Incident]) -> None:
    tally, strike = of(incidents, "tally-1"), of(incidents, "badu-1")
    assert tally.kind == "aggregate" and articles_in(tally) == ["tally-1"]
    assert strike.kind == "incident" and articles_in(strike) == ["badu-1", "badu-2"]
    assert tally.covers == [strike.id]
    assert tally.killed == Count(low=125, best=125, high=125)
    assert strike.killed == Count(low=27, best=27, high=27)
    assert all(i.kind == "aggregate" or not any(r.startswith("tally-1") for r in i.reports) for i in incidents)


def test_link_text_shuffled_input_gives_identical_output(reports: dict[str, list[Report]],
                                                         incidents: list[Incident]) -> None:
    expected = [i.model_dump(mode="json") for i in incidents]
    for seed in range(4):
        shuffled = all_reports(reports)
        random.Random(seed).shuffle(shuffled)
        assert [i.model_dump(mode="json") for i in link(shuffled).incidents] == expected


def test_link_text_one_by_one_in_publication_order_equals_the_batch(reports: dict[str, list[Report]],
                                                                    incidents: list[Incident]) -> None:
    order = sorted(TEXTS, key=lambda aid: (TEXTS[aid][1], aid))
    got: list[Incident] = []
    seen: list[Report] = []
    for aid in order:
        got = link(reports[aid], existing=got, existing_reports=seen).incidents
        seen += reports[aid]
    assert [i.model_dump(mode="json") for i in got] == [i.model_dump(mode="json") for i in incidents]


@pytest.mark.parametrize("order", ["reversed", "shuffled", "pairs"])
def test_link_text_one_by_one_in_any_order_equals_the_batch(reports: dict[str, list[Report]],
                                                            incidents: list[Incident], order: str) -> None:
    # out of publication order an incident is renamed when an earlier-published report joins it,
    # so that the end is the batch answer: same ids, same contents
    aids = sorted(TEXTS, reverse=True)
    if order == "shuffled":
        random.Random(7).shuffle(aids)
    steps = [aids[k:k + 2] for k in range(0, len(aids), 2)] if order == "pairs" else [[a] for a in aids]
    got: list[Incident] = []
    seen: list[Report] = []
    for step in steps:
        new = [r for aid in step for r in reports[aid]]
        got = link(new, existing=got, existing_reports=seen).incidents
        seen += new
    assert [i.model_dump(mode="json") for i in got] == [i.model_dump(mode="json") for i in incidents]

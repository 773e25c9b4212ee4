"""Monitors' notes (issue 11, ACLED Africa 2016, branch africa10): event types. A killing told as the
sentence's own act outweighs a strategic development told beside it (an arrest, a seizure, a defusing,
houses torched by an armed group); a killing that is a charge, a cause or an earlier act does not.
Sentences of our own wording; each would fail without its rule."""

from __future__ import annotations

import datetime as dt

import pytest

from strikewatch.model import Article


def incidents(extractor, text, published="2016-06-20"):
    reports = extractor.extract(Article(id="n", text=text, published=dt.date.fromisoformat(published)))
    return [(r.event_type, r.sub_event_type) for r in reports if r.kind == "incident"]


@pytest.mark.parametrize("text, kind", [
    # killed ... and arrested: joined verbs, the killing first or second
    ("Soldiers killed eight insurgents and arrested three others near Maiduguri.", "Battles"),
    ("Police raided a hideout in Mombasa, killing two suspected militants and arresting four.", "Battles"),
    # a defusing or a thwarted attack with a death is no disrupted weapons use
    ("A soldier was killed while trying to defuse a bomb planted near a base in Mandera.", "Explosions/Remote violence"),
    ("Troops thwarted an attack on a base near Gao and killed a militant.", "Battles"),
    # houses torched or shops looted by an armed group, with a death: an attack on the villagers
    ("Rebels set ablaze houses in a village near Bambari, killing an elderly woman.", "Violence against civilians"),
    ("Militiamen looted shops and killed three traders in Bria.", "Violence against civilians"),
    # harm short of death told as the act: an arrest with a beating is violence against the man
    ("Soldiers arrested and beat an off-duty soldier in Kampala.", "Violence against civilians"),
    ("Police detained a journalist in Bukavu and tortured him.", "Violence against civilians"),
])
def test_a_killing_told_as_the_act_outweighs_a_strategic_development(extractor, text, kind):
    assert kind in {t for t, _ in incidents(extractor, text)}
    assert "Strategic developments" not in {t for t, _ in incidents(extractor, text)}


@pytest.mark.parametrize("text, sub", [
    # the killing is the charge or an earlier act: the event is the arrest
    ("Police arrested two men for killing a trader in Kano.", "Arrests"),
    ("Police arrested three suspects in connection with the killing of a farmer in Nakuru.", "Arrests"),
    ("The suspects were arrested in Kisumu after they killed a police officer.", "Arrests"),
    # a bomb gone off in its carriers' hands stays disrupted weapons use
    ("A bomb carried by militants detonated prematurely near Kismayo, killing two of them.", "Disrupted weapons use"),
    # no death: the seizure is the event
    ("Troops seized weapons and arrested five suspects in a raid near Beni.", None),
])
def test_a_killing_that_is_a_charge_or_a_mishap_leaves_the_development(extractor, text, sub):
    got = incidents(extractor, text)
    assert got and all(t == "Strategic developments" for t, _ in got)
    if sub is not None:
        assert sub in {s for _, s in got}


@pytest.mark.parametrize("text", [
    "One soldier wounded in the head.",
    "Two policemen injured near the checkpoint.",
])
def test_a_notes_armed_man_hurt_told_as_a_noun_and_participle_is_the_target(extractor, text):
    doc = extractor.nlp(text)
    parties = extractor.triggers.find_parties(doc)
    assert any(p.type == "state" and p.role == "target" for p in parties)


@pytest.mark.parametrize("text", [
    # "following" taken by the parser for a verb of its own, after the riot's clause
    "Residents torched the police station in Goma following the death of a detainee in custody.",
    "Protesters torched the police station in Bukavu following the death of a boy.",
])
def test_a_riots_cause_told_after_it_with_following_is_no_toll(extractor, text):
    got = extractor.extract(Article(id="n", text=text, published=dt.date(2016, 6, 20)))
    assert [r.event_type for r in got if r.kind == "incident"] == ["Riots"]
    assert not [c.killed for r in got for c in r.claims if c.killed is not None and (c.killed.best or c.killed.low)]


def test_the_armed_men_of_a_riots_grievance_do_not_make_the_riot_an_armed_groups_act(extractor):
    text = "Youths burned the house of a local chief after two men were killed by unknown gunmen in Butembo."
    assert incidents(extractor, text) == [("Riots", "Mob violence")]


@pytest.mark.parametrize("text", [
    "Police allegedly beat the driver of an opposition leader in Kampala, leaving him unconscious.",
    "Soldiers beat a trader in Goma after a dispute over a purchase.",
])
def test_beating_people_is_an_attack_on_them(extractor, text):
    assert [t for t, _ in incidents(extractor, text)] == ["Violence against civilians"]


@pytest.mark.parametrize("text", [
    "The home side beat the visitors 2-1 in Lusaka.",
    "Workers beat the deadline in Lusaka.",
])
def test_beat_with_no_person_beaten_is_no_event(extractor, text):
    assert incidents(extractor, text) == []


@pytest.mark.parametrize("text", [
    "Residents of Sfax organised a night march to demand jobs.",
    "Opposition supporters staged a peaceful march to the electoral commission in Lusaka.",
])
def test_a_march_with_its_kind_before_it_is_a_protest(extractor, text):
    assert [t for t, _ in incidents(extractor, text)] == ["Protests"]


def test_armed_men_invading_a_village_is_an_attack(extractor):
    assert [t for t, _ in incidents(extractor, "Armed herdsmen invaded the village of Ukpam in Benue.")] \
        == ["Violence against civilians"]


def test_a_war_begun_years_ago_is_no_incident(extractor):
    assert incidents(extractor, "Russia invaded Ukraine in 2022.") == []

"""An article about one shooting yields that shooting, even when its body tells no incident the
reading loop opens: a sign-in page under the headline, or the shooting told months later on the day
of an arrest, dated by its month. Every text here is written for this test."""

from __future__ import annotations

import datetime as dt

from strikewatch.model import Article


def reports(extractor, text: str, published: str = "2016-05-12"):  # type: ignore[no-untyped-def]
    return extractor.extract(Article(id="h", text=text, published=dt.date.fromisoformat(published)))


def incidents(extractor, text: str, published: str = "2016-05-12"):  # type: ignore[no-untyped-def]
    return [r for r in reports(extractor, text, published) if r.kind == "incident"]


def test_a_headline_over_a_sign_in_page_tells_its_shooting(extractor) -> None:
    text = ("Teenager arrested in Fort Collins shooting of delivery driver\n\n"
            "Create a free account to keep reading.\n\n"
            "Already a member? Log in with your email address and password.")
    out = incidents(extractor, text)
    assert len(out) == 1
    assert (out[0].location.name, out[0].location.admin1) == ("Fort Collins", "Colorado")
    assert "incident told by the headline" in out[0].flags


def test_a_headline_with_no_place_still_gives_the_story_its_incident(extractor) -> None:
    text = ("Woman in serious condition after being shot outside her home\n\n"
            "Subscribe today for unlimited access to local news, sports and weather.")
    assert len(incidents(extractor, text)) == 1


def test_a_shooting_told_on_the_day_of_the_arrest_is_an_incident_dated_by_its_month(extractor) -> None:
    text = ("Suspect arrested in Elm Street shooting\n\n"
            "OMAHA, Neb. -- A 24-year-old man was arrested Wednesday, police said. He is accused of shooting "
            "and killing a clerk and wounding a customer during a robbery on Elm Street in February of 2015.\n\n"
            "He is due in court on Friday.")
    out = incidents(extractor, text, "2015-06-11")
    # the arrest, told without figures, is an event of its own; the shooting is the other incident
    shot = [r for r in out if any(c.killed for c in r.claims)]
    assert len(shot) == 1 and len(out) <= 2
    assert shot[0].location.admin1 == "Nebraska"
    assert (shot[0].date.start, shot[0].date.end) == (dt.date(2015, 2, 1), dt.date(2015, 2, 28))
    assert {c.killed.best for c in shot[0].claims if c.killed} == {1}
    assert {c.injured.best for c in shot[0].claims if c.injured} == {1}


def test_no_headline_attack_no_incident(extractor) -> None:
    # a feature under a headline that tells no attack stays without a report
    text = ("City council approves new budget for parks\n\n"
            "Sign in to read the full story.")
    assert incidents(extractor, text) == []
    # a headline of many shootings is no one incident
    text = ("Shootings rise across the county this year\n\n"
            "Subscribe now for complete access.")
    assert incidents(extractor, text) == []


def test_a_tally_under_a_headline_of_many_stays_a_tally(extractor) -> None:
    text = ("Police report more homicides in the city\n\n"
            "In March, gunmen killed 14 people in Baltimore, the police department said.")
    assert incidents(extractor, text, "2016-04-20") == []


def test_an_article_with_its_own_incident_is_unchanged(extractor) -> None:
    text = ("Man charged in earlier shooting\n\n"
            "A man was shot and wounded outside a gas station in Tulsa, Okla., on Sunday night, police said.")
    out = incidents(extractor, text)
    assert len(out) == 1 and "incident told by the headline" not in out[0].flags
    assert out[0].location.name == "Tulsa"


def test_a_title_case_headline_verb_is_one_attack(extractor) -> None:
    # the tagger reads "Shoots" in a title-case headline as a plural noun; it is the verb
    text = ("Father Charged After Toddler Shoots Himself In Ashland\n\n"
            "Watch the video above for the full report.")
    out = incidents(extractor, text)
    assert len(out) == 1 and out[0].location.name == "Ashland"
    # "-ings" stays plural in any case
    text = "Shootings Rise Again In Ashland\n\nWatch the video above for the full report."
    assert incidents(extractor, text) == []


def test_an_arrest_for_a_homicide_told_over_a_period_is_the_attack(extractor) -> None:
    text = ("Two men arrested in last year's double homicide\n\n"
            "Two men have been arrested over a shooting last year outside a bar in Dothan, Ala., that left two "
            "brothers dead, the police department said.")
    out = incidents(extractor, text, "2016-08-03")
    assert len(out) == 1
    assert out[0].sub_event_type == "Attack" and out[0].location.admin1 == "Alabama"
    assert {c.killed.best for c in out[0].claims if c.killed} == {2}


def test_a_lower_case_verb_before_himself_or_herself_is_one_attack(extractor) -> None:
    # the tagger reads "kills" here as a plural noun; before a reflexive pronoun it is the verb
    text = ("2-year-old kills herself with loaded gun in Hanford\n\n"
            "Boy found the handgun under a pillow\n\n"
            "Relatives could face charges over the unlocked weapon")
    out = incidents(extractor, text)
    assert len(out) == 1 and (out[0].location.name, out[0].location.admin1) == ("Hanford", "California")


def test_a_kicker_before_a_headlines_colon_is_no_speaker(extractor) -> None:
    # "...: Moscow" names who says so; "Breaking News: ..." is a label, and what follows is the headline
    text = ("Breaking News: Active Shooter In Salina\n\n"
            "Salina police are at a standoff with an armed man at a motel on Ninth Street.\n\n"
            "This is a developing story.")
    out = incidents(extractor, text)
    assert len(out) == 1 and (out[0].location.name, out[0].location.admin1) == ("Salina", "Kansas")

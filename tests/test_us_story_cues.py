"""What makes a story American when it names no state or country: a hundred-block address, the way
US police copy places an incident. Every text here is written for this test."""

from __future__ import annotations

import datetime as dt

from strikewatch.extract import usplaces
from strikewatch.model import Article


def places(extractor, text: str) -> set[tuple[str | None, str | None]]:  # type: ignore[no-untyped-def]
    reports = extractor.extract(Article(id="b", text=text, published=dt.date(2016, 5, 12)))
    return {(r.location.name, r.location.admin1) for r in reports if r.kind == "incident"}


def test_a_hundred_block_address_is_american_copy() -> None:
    assert usplaces.american_words("He was found in the 2400 block of Elm Street.") == 1
    assert usplaces.american_words("Shots were fired in the 100 block of North Main.") == 1
    # numbered or named blocks elsewhere are not
    assert usplaces.american_words("A shell hit a block of flats near the market.") == 0
    assert usplaces.american_words("Residents of Block 7 and the 12 blocks of the camp fled.") == 0
    assert usplaces.american_words("Police searched 2,400 homes; 300 blocks of the old city were shut.") == 0


def test_a_hundred_block_address_settles_a_foreign_homonym(extractor) -> None:
    story = ("Man wounded in Belgrade shooting\n\n"
             "A 34-year-old man was shot in the leg on Friday night {where} in Belgrade, police said.")
    assert places(extractor, story.format(where="in the 400 block of Jackrabbit Lane")) == {("Belgrade", "Montana")}
    # without it nothing says the story is American: the capital of Serbia stays the reading
    assert places(extractor, story.format(where="in a block of flats")) == {("Belgrade", "Central Serbia")}


def found(text: str, g) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    from strikewatch.extract.places import find_places

    return [(p.location.name or "", p.location.admin1) for p in find_places(text, g)]


def test_a_county_named_without_its_word(gazetteer) -> None:
    text = "A man was wounded in a shooting in Miami-Dade on Sunday, the sheriff's office said."
    assert found(text, gazetteer) == [("Miami-Dade County", "Florida")]
    text = "Pinellas deputies said the boy was shot at a home on Sunday; the sheriff's office is investigating."
    assert ("Pinellas County", "Florida") in found(text, gazetteer)


def test_a_bare_county_name_needs_a_place_cue_and_no_other_reading(gazetteer) -> None:
    # a given name written like a county's ("his son, Will,") is no county
    text = "The sheriff's office said his son, Will, was also shot in Mukilteo on Sunday."
    assert ("Will County", "Illinois") not in found(text, gazetteer)
    # a word the text also writes in lower case is a word first
    text = "The sheriff's office said the men will appear in court. Deputies searched near Will on Sunday."
    assert ("Will County", "Illinois") not in found(text, gazetteer)
    # a name many states' counties share says nothing alone
    text = "Deputies said the shooting happened in rural Cedar on Sunday, the sheriff's office said."
    assert not any(name == "Cedar County" for name, _ in found(text, gazetteer))


def test_the_outlet_tail_names_its_town_before_news(gazetteer) -> None:
    # "News" after a town in a US story does not continue the name: the station's town is found
    text = ("Teen wounded in overnight shooting - WXYZtv.com | Knoxville News, Weather & Sports\n\n"
            "A teenager was wounded in a shooting early Sunday, the sheriff's office said.")
    assert ("Knoxville", "Tennessee") in found(text, gazetteer)


def test_an_army_post_known_only_by_its_census_parts(gazetteer) -> None:
    # GeoNames has "Fort Riley North" and "Fort Polk North/South", not the posts' own names
    text = "A soldier was wounded in a shooting at Fort Riley on Sunday, the sheriff's office said."
    assert found(text, gazetteer) == [("Fort Riley North", "Kansas")]
    text = "A soldier was shot at Fort Polk on Sunday, the sheriff's office said."
    assert [a1 for _, a1 in found(text, gazetteer)] == ["Louisiana"]
    # a town GeoNames has under its own name keeps it
    text = "A man was shot in Fort Worth on Sunday, the sheriff's office said."
    assert found(text, gazetteer) == [("Fort Worth", "Texas")]


def test_a_small_town_before_a_word_for_its_people_names_its_country(gazetteer) -> None:
    # a headline over a paywall names only a town of 15,000 people: "X teens", "X police" call it a
    # place, so the one country that has a town so named is the story's
    text = "2 Blytheville teens charged in killing\n\nSubscribe now for complete access to local news."
    assert found(text, gazetteer) == [("Blytheville", "Arkansas")]
    # a word for a town's people after the name is a cue; a surname-like use is not
    text = "Coach Blytheville praised the teens after the game.\n\nSubscribe now for complete access."
    assert found(text, gazetteer) == []

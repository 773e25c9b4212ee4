"""US local news, third round: the state of a story whose towns share names with bigger ones elsewhere,
and of a story that names no town at all (extract/usplaces.py, extract/places.py).

Sentences are written for these tests in the way US local copy is worded; no corpus text.
"""

from __future__ import annotations

from strikewatch.extract.gazetteer import Gazetteer
from strikewatch.extract.places import article_countries, find_places
from strikewatch.extract.usplaces import others_cues, us_cues
from strikewatch.model import Article


def found(text: str, g: Gazetteer) -> list[tuple[str, str | None, str | None]]:
    return [(p.mention, p.location.admin1, p.location.country) for p in find_places(text, g)]


def test_a_neighbourhood_named_like_a_big_town_elsewhere_is_not_that_town(gazetteer):
    text = ("CHICAGO, Ill. — A toddler was wounded Saturday when gunfire hit a car in the Austin neighborhood "
            "on the West Side, Chicago police said. No one is in custody in the Austin shooting.")
    places = found(text, gazetteer)
    assert ("Chicago", "Illinois", "United States") in places
    assert not any(a == "Texas" for _m, a, _c in places)
    # Austin's own size is a cue for Texas, but no evidence for Texas when Austin itself is weighed
    assert us_cues(text, gazetteer).get("US.TX", 0) >= 1 and others_cues(text, gazetteer, "Austin").get("US.TX", 0) < 1


def test_a_surname_like_a_far_town_in_a_firmly_placed_story(gazetteer):
    text = ("BRISTOL, Tenn. — A judge raised the bond of a man charged in three killings. Prosecutors said "
            "Denton fired at the victims outside a house in Bristol. Denton's lawyer asked for a lower bond.")
    places = found(text, gazetteer)
    assert places and {a for _m, a, _c in places} == {"Tennessee"}


def test_a_big_town_near_the_story_stays(gazetteer):
    # a hospital in a neighbouring state's capital is still read: Little Rock is near Texarkana
    text = ("TEXARKANA, Texas — A boy found a handgun at a friend's house and shot himself. He was flown to "
            "a children's hospital in Little Rock, where he is in intensive care.")
    assert ("Little Rock", "Arkansas", "United States") in found(text, gazetteer)


def test_among_same_named_counties_the_one_holding_a_town_of_the_story(gazetteer):
    # Vaiden (750 people) lies in Carroll County, Mississippi; Maryland's Carroll County is the biggest
    text = ("Two men were found shot dead in a pickup truck near Vaiden on Sunday, the Carroll County sheriff "
            "said. Deputies are looking for a third man.")
    assert ("Carroll County", "Mississippi", "United States") in found(text, gazetteer)


def test_a_place_named_after_a_state_is_no_cue_for_it(gazetteer):
    text = ("Police say a 3-year-old was shot inside a home in Mount Washington on Friday. Pittsburgh police "
            "are investigating.")
    assert "US.WA" not in us_cues(text, gazetteer)
    assert "US.WA" not in us_cues("Deputies searched the woods near Fort Washington on Tuesday.", gazetteer)


def test_a_county_police_force_is_no_cue_for_a_town_of_its_name(gazetteer):
    text = ("A baby was killed in a home invasion in DeKalb County on Saturday. DeKalb police said the gunmen "
            "wore masks.")
    cues = us_cues(text, gazetteer)  # no cue for DeKalb, Illinois, the biggest town of that name
    assert cues["US.IL"] == cues["US.GA"] < 1  # only the county's, shared among states with a DeKalb County


def test_a_street_is_no_cue_for_a_big_town_of_its_name(gazetteer):
    text = "Officers found a man shot in the 900 block of Glendale Avenue early Sunday, police said."
    assert "US.AZ" not in us_cues(text, gazetteer) and "US.CA" not in us_cues(text, gazetteer)


def test_a_sheriff_named_like_a_country_names_no_country(gazetteer):
    text = ("Teen charged in friend's death in Cooper City\n\nThe county sheriff's office said a 14-year-old "
            "boy was shot while three teens played with a handgun in Cooper City. \"It is a tragedy,\" Sheriff "
            "Dan Israel said.")
    assert article_countries(text, gazetteer)[:1] == ("US",)
    assert ("Cooper City", "Florida", "United States") in found(text, gazetteer)


def test_aggravated_assault_is_american_copy(gazetteer):
    text = ("Panama City police charged a woman with aggravated assault after a bullet she fired struck a "
            "girl outside an apartment building on Sunday.")
    assert ("Panama City", "Florida", "United States") in found(text, gazetteer)


def test_a_school_district_names_its_town(gazetteer):
    text = ("The Dallas Independent School District says a student shot himself in the leg at a high school "
            "on Tuesday.")
    assert ("Dallas", "Texas", "United States") in found(text, gazetteer)


def test_a_story_naming_no_town_takes_the_state_its_tip_line_names(extractor):
    text = ("Man killed, two hurt in porch shooting\n\nA man was shot and killed and two other people were "
            "wounded Saturday afternoon while sitting on a porch in the 2800 block of Oak Avenue, police said. "
            "Anyone with information is asked to call homicide detectives at 410-555-0142.")
    reps = [r for r in extractor.extract(Article(id="t1", text=text)) if r.kind == "incident"]
    assert reps and reps[0].location.admin1 == "Maryland" and reps[0].location.precision == "region"


def test_a_story_naming_no_town_and_two_states_gets_no_state(extractor):
    text = ("Man killed, two hurt in porch shooting\n\nA man was shot and killed and two other people were "
            "wounded Saturday afternoon while sitting on a porch, police said. Call detectives at 410-555-0142 "
            "or the tip line at 615-555-0199.")
    reps = [r for r in extractor.extract(Article(id="t2", text=text)) if r.kind == "incident"]
    assert reps and reps[0].location.admin1 is None


def test_a_dateline_town_is_kept_when_the_cues_are_elsewhere(gazetteer):
    # a big town named in passing (Enterprise, Nevada) does not drop the dateline's town
    text = ("LAKE PLACID - A woman was hurt when a handgun went off in an apartment, village police said. "
            "(Enterprise photo)\n\nShe was taken to a hospital in Saranac Lake.")
    places = found(text, gazetteer)
    assert ("LAKE PLACID", "New York", "United States") in places


def test_a_county_of_many_states_makes_a_us_story(gazetteer):
    from strikewatch.extract.usplaces import us_story

    text = "Union County deputies say a man bled to death after he shot himself in the leg by accident."
    cues = us_cues(text, gazetteer)
    assert "US.GA" in cues and us_story(cues)  # Georgia has a Union County too: its share still counts


def test_a_small_town_force_of_another_state_in_a_firmly_placed_story(gazetteer):
    # Howland, Maine is the only Howland of 1,000+ people; Howland Township, Ohio is not in the gazetteer
    text = ("WARREN, Ohio — A man shot five people in his driveway on Saturday, Howland police said. He was "
            "arraigned Monday in Trumbull County Common Pleas Court.")
    assert not any(a == "Maine" for _m, a, _c in found(text, gazetteer))


def test_a_big_town_the_story_is_about_stays_beside_a_firm_state_elsewhere(gazetteer):
    text = ("Gunman charged in San Diego police shooting\n\nA man who opened fire on two San Diego police "
            "officers was charged with murder. The shooting came weeks after officers were killed in Baton "
            "Rouge, Louisiana. Police across Louisiana are on alert.")
    assert ("San Diego", "California", "United States") in found(text, gazetteer)


def test_only_names_put_in_a_place_support_their_states(gazetteer):
    from strikewatch.extract.usplaces import _towns

    text = "Dana Hilliard said her son was shot outside a club in Lynchburg on Sunday, Lynchburg police said."
    support = _towns(text, gazetteer).support
    assert "US.VA" in support and "US.FL" not in support  # Hilliard, Florida: a surname here
    assert "US.FL" in _towns("Her son was shot outside a club in Hilliard on Sunday.", gazetteer).support

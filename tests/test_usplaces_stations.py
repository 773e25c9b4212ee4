"""US local news, fourth round: the station that tells the state, people named after towns, counties
named bare, datelines without their full stop (extract/usplaces.py, extract/usstations.py).

Sentences are written for these tests in the way US local copy is worded; no corpus text.
"""

from __future__ import annotations

import pytest

from strikewatch.errors import DataFileError
from strikewatch.extract.gazetteer import Gazetteer
from strikewatch.extract.places import find_places
from strikewatch.extract.usplaces import surnames, us_cues
from strikewatch.extract.usstations import parse_stations, stations, stations_named


def found(text: str, g: Gazetteer) -> list[tuple[str, str | None]]:
    return [(p.mention, p.location.admin1) for p in find_places(text, g)]


def test_stations_are_read_by_call_sign_web_address_and_copyright():
    assert stations_named("The boy's grandmother told WSMV-TV he loved baseball.") == ["US.TN"]
    assert stations_named("More on this story at kmov.com and on the WDBJ7 app.") == ["US.MO", "US.VA"]
    assert stations_named("Copyright 2015 WAVE. All rights reserved.") == ["US.KY"]
    assert stations_named("Watch WAVE 3 News at six.") == ["US.KY"]


def test_a_call_sign_that_is_a_word_needs_a_station_marker():
    assert stations_named("WHO KNEW? A WAVE OF CALLS CAME IN THAT WEEK.") == []
    assert stations_named("Send your tips to news@kdka.com") == []  # an address, not a station named
    assert stations_named("HE SAID THE KING WOULD WINK.") == []


def test_the_station_breaks_a_tie_between_same_named_counties(gazetteer):
    text = ("Deputies say a man was shot outside a gas station in Orange County late Friday. The sheriff's "
            "office told WFTV the victim is expected to survive.")
    assert ("Orange County", "Florida") in found(text, gazetteer)
    plain = text.replace("told WFTV", "said")
    assert ("Orange County", "Florida") not in found(plain, gazetteer)  # California's is bigger


def test_the_outlets_own_station_in_the_title_is_counted_once(gazetteer):
    text = ("Teen charged after shooting - WSFA 12 News - Montgomery, AL\n\nA teenager was charged Tuesday "
            "after a shooting in Eupora, Mississippi, the sheriff said.")
    cues = us_cues(text, gazetteer)
    assert cues.get("US.AL", 0) < cues.get("US.MS", 0)


def test_station_rows_are_checked_when_loaded():
    with pytest.raises(DataFileError) as err:
        parse_stations("call,state,city,word\nKDKA,PA,Pittsburgh,0\nXYZ,PA,Erie,0\nKDKA,PA,Pittsburgh,0\n", "s.csv")
    assert "line 3" in str(err.value) and "line 4" in str(err.value)
    with pytest.raises(DataFileError):
        parse_stations("call,state\n", "s.csv")
    assert stations().state["KDKA"] == "US.PA"


def test_the_bundled_stations_are_in_real_states(gazetteer):
    from strikewatch.extract.usplaces import states

    codes = set(states(gazetteer).names)
    assert set(stations().state.values()) <= codes


def test_a_person_named_after_a_big_town_is_no_cue_for_its_state(gazetteer):
    text = ("Two Erie teenagers were killed at a house party on the west side, police said. The 16-year-old "
            "Tyrese Jackson died at the scene.")
    assert "Jackson" in surnames(text)
    assert "US.MS" not in us_cues(text, gazetteer)
    assert ("Erie", "Pennsylvania") in found(text, gazetteer)
    # a home town after the age is no surname: "a 20-year-old Topeka man"
    assert not surnames("A 20-year-old Topeka man was arrested on Monday.")


def test_a_towns_pd_is_its_police(gazetteer):
    assert ("Bemidji", "Minnesota") in found("Bemidji PD: Woman wounded in apartment shooting", gazetteer)


def test_a_dateline_may_drop_the_abbreviations_full_stop(gazetteer):
    text = "Greene County, Tenn (WJHL) - A man died after a hunting rifle went off in his truck."
    assert us_cues(text, gazetteer).get("US.TN", 0) >= 3
    assert ("Greene County", "Tennessee") in found(text, gazetteer)
    assert "US.MS" not in us_cues("We said thanks, Miss Ruth, and left.", gazetteer)


def test_a_bare_name_of_a_county_the_story_names_is_that_county(gazetteer):
    text = ("Detectives say several shootings in DeKalb County this week may be linked. A woman was found "
            "shot in DeKalb on Sunday, and a man was wounded on a street south of Decatur on Monday.")
    places = found(text, gazetteer)
    assert ("DeKalb", "Georgia") in places  # the county, not DeKalb, Illinois
    assert ("Decatur", "Georgia") in places  # the town inside a DeKalb County, not Decatur, Illinois


def test_a_big_town_beside_its_county_stays_the_town(gazetteer):
    text = "A man was shot in Dallas on Friday, and Dallas County deputies later arrested a suspect."
    places = find_places(text, gazetteer)
    town = next(p for p in places if p.mention == "Dallas")
    assert town.location.admin1 == "Texas" and town.location.precision == "city"


def test_a_surname_in_a_faintly_cued_american_story(gazetteer):
    text = ("Mark Davis, the captain's lawyer, says the shooting at the Pennsylvania firehouse was an accident. "
            "Davis told reporters his client is devastated.")
    assert not any(m == "Davis" for m, _a in found(text, gazetteer))


def test_a_town_only_the_us_has_makes_the_story_partly_american(gazetteer):
    # no state, county or US institution named; a surname (Kennedy) and a hospital (Halifax) that are
    # big places abroad: the town the words place, which only the US has, is still read
    text = ("Three men were wounded early Sunday in a parking lot in Daytona Beach after an argument "
            "spilled out of a bar. Renee Kennedy, whose son was hit twice, waited at Halifax Health.")
    assert ("Daytona Beach", "Florida") in found(text, gazetteer)


def test_a_towns_possessive_is_still_the_town(gazetteer):
    assert us_cues("Police told Pittsburgh's Action News 4 that a girl was hit in the ankle.", gazetteer) == {"US.PA": 1}


def test_a_town_inside_its_namesake_county_stays_the_town(gazetteer):
    text = ("A farmworker was shot dead in Tulare late Friday, and Tulare County deputies are searching for "
            "the gunman's car.")
    town = next(p for p in find_places(text, gazetteer) if p.mention == "Tulare")
    assert town.location.precision == "city" and town.location.admin1 == "California"


def test_a_story_naming_no_town_takes_its_one_stations_state(gazetteer):
    from strikewatch.extract.places import is_us_story, us_state_only

    text = ("Man dies after shooting at a house party\n\nA 40-year-old man died early Sunday after he was shot "
            "during an argument at a party, deputies said. KOAT will update this story as details come in.")
    assert is_us_story(text, gazetteer)
    assert [p.location.admin1 for p in us_state_only(text, gazetteer)] == ["New Mexico"]
    two = text.replace("KOAT will", "KOAT and WHBQ will")
    assert us_state_only(two, gazetteer) == []  # two stations of two states: no one state


def test_a_consolidated_city_countys_name_is_its_city(gazetteer):
    text = ("Two men were wounded in separate shootings overnight, Charlotte-Mecklenburg Police said. Both "
            "are expected to live, an officer told reporters in Raleigh, North Carolina.")
    assert ("Charlotte", "North Carolina") in found(text, gazetteer)
    # a pair whose second name is no county of the town's state is no such name
    assert not any(m == "Austin" for m, _a in found("The Austin-Healey club met in Tulsa, Oklahoma, on Sunday.", gazetteer))

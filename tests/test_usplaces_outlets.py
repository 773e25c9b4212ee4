"""US local news, sixth round: outlets named by brand, the outlet's home market among same-named
places, a paper's alert boilerplate (extract/usplaces.py, extract/usstations.py, data/us_brands.csv).

Sentences are written for these tests in the way US local copy is worded; no corpus text.
"""

from __future__ import annotations

import pytest

from strikewatch.errors import DataFileError
from strikewatch.extract.gazetteer import Gazetteer
from strikewatch.extract.places import find_places, is_us_story
from strikewatch.extract.usplaces import states, us_cues
from strikewatch.extract.usstations import brands, parse_brands, station_homes, stations_named


def found(text: str, g: Gazetteer) -> list[tuple[str, str | None]]:
    return [(p.mention, p.location.admin1) for p in find_places(text, g)]


def test_a_brand_is_read_like_a_call_sign():
    assert stations_named("Stay with FOX Carolina for updates on this story.") == ["US.SC"]
    assert stations_named("A CBS58 crew was at the scene.") == ["US.WI"]
    assert stations_named("A CBS 58 crew was at the scene.") == ["US.WI"]
    assert stations_named("Copyright 2016 MSNewsNow. All rights reserved.") == ["US.MS"]
    assert stations_named("She told the News and Observer she was afraid.") == ["US.NC"]
    assert station_homes("Copyright 2016 MSNewsNow.") == [("US.MS", "Jackson")]
    # a brand several markets share is not listed, and a brand is no part of a longer word
    assert stations_named("Watch NBC4 at eleven.") == []
    assert stations_named("The BigCBS58Fan account posted it.") == []


def test_brands_file_problems_name_the_line():
    with pytest.raises(DataFileError, match=r"line 3: .*listed twice"):
        parse_brands("brand,state,city\nCBS 58,WI,Milwaukee\nCBS58,WI,Milwaukee\n", "b.csv")
    with pytest.raises(DataFileError, match="line 2: state must be a postal code"):
        parse_brands("brand,state,city\nFOX Carolina,Carolina,Greenville\n", "b.csv")
    with pytest.raises(DataFileError, match="header"):
        parse_brands("name,state\n", "b.csv")


def test_the_bundled_brands_are_in_real_states(gazetteer):
    assert set(brands().state.values()) <= set(states(gazetteer).names)


def test_a_small_towns_own_force_does_not_outweigh_the_outlets_market(gazetteer):
    # Duncan, Oklahoma is the bigger Duncan (and so has the force cue to itself), but the story is a
    # Greenville, South Carolina station's
    text = ("Duncan police look into shooting at a duplex - FOX Carolina 21\n\nDuncan police said a man was "
            "hurt when a pistol went off during an argument at a duplex on Ridge Road in Duncan.")
    assert ("Duncan", "South Carolina") in found(text, gazetteer)
    assert ("Duncan", "Oklahoma") not in found(text, gazetteer)
    # with no outlet named, the bigger town stays the guess
    bare = text.replace(" - FOX Carolina 21", "")
    assert ("Duncan", "Oklahoma") in found(bare, gazetteer)


def test_the_outlets_home_town_in_its_title_is_counted_once(gazetteer):
    # the Memphis outlet carried an Atlanta station's story: DeKalb County, Georgia
    text = ("DeKalb County police name a teenager shot at a bus stop - WMC Action News 5 - Memphis, Tennessee\n\n"
            "Officers said the 15-year-old was hit twice while waiting for a school bus on Tuesday morning.\n\n"
            "Copyright 2015 WGCL-TV (Meredith Corporation). All rights reserved.")
    assert found(text, gazetteer)[:1] == [("DeKalb County", "Georgia")]


def test_a_town_of_the_outlets_market_across_a_state_line_is_kept(gazetteer):
    # a Burlington, Vermont station names a town in New York: not dropped for want of a New York cue,
    # and not Lake Placid, Florida
    text = ("Man hurt when rifle goes off while cleaning it - WCAX.COM Local Vermont News, Weather and Sports\n\n"
            "State police say a Lake Placid man was hurt Sunday when a hunting rifle he was cleaning went off.")
    assert ("Lake Placid", "New York") in found(text, gazetteer)
    assert ("Lake Placid", "Florida") not in found(text, gazetteer)


def test_a_papers_alert_boilerplate_is_american_and_names_its_reporter(gazetteer):
    text = ("Belgrade teen hurt in hunting accident\n\nClose Get email notifications on Marcy Lund daily!\n\n"
            "Your notification has been saved.\n\nWhenever Marcy Lund posts new content, you'll get an email.")
    assert is_us_story(text, gazetteer)
    assert found(text, gazetteer) == [("Belgrade", "Montana")]  # not Serbia's capital
    byline = ("Update: Man wounded near store\n\nClose Get email notifications on KYLE BRANDT daily!\n\n"
              "Whenever KYLE BRANDT posts new content, you'll get an email.")
    assert found(byline, gazetteer) == []  # the reporter's name is no Kyle, Texas
    assert "US.TX" not in us_cues(byline.replace("KYLE BRANDT", "Dana Tyler"), gazetteer)  # nor Tyler, Texas


def test_a_station_sites_sign_in_page_names_its_station(gazetteer):
    from strikewatch.extract.places import us_state_only

    assert stations_named("Sign in using your wsmv profile") == ["US.TN"]
    assert stations_named("Save it to your wave profile.") == []  # a call sign that is a word needs its marker
    text = ("Boy, 9, hurt when cousin finds handgun\n\nSign in using your wsmv profile\n\n"
            "By submitting your registration information, you agree to our Terms of Service.")
    assert [p.location.admin1 for p in us_state_only(text, gazetteer)] == ["Tennessee"]

"""US local news: the state a story is about and which same-named town it means (extract/usplaces.py).

Sentences are written for these tests in the way US local copy is worded (datelines with AP state
abbreviations, "the 1200 block of", county sheriffs, outlets in the title); no corpus text.
"""

from __future__ import annotations

import pytest

from strikewatch.errors import DataFileError
from strikewatch.extract.gazetteer import Gazetteer
from strikewatch.extract.places import article_countries, find_places
from strikewatch.extract.usplaces import outlet_span, parse_states, surnames, us_cues, us_story


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return Gazetteer.load()


def found(text: str, g: Gazetteer) -> list[tuple[str, str | None, str | None]]:
    return [(p.mention, p.location.admin1, p.location.country) for p in find_places(text, g)]


def test_ap_dateline_decides_between_same_named_towns(g):
    text = ("SPRINGFIELD, Ill. (AP) — Two men were wounded late Friday outside a bar in Springfield, "
            "police said. Springfield officers found both men in the parking lot.")
    places = found(text, g)
    assert places and all(admin1 == "Illinois" for _m, admin1, _c in places)
    assert us_cues(text, g)["US.IL"] >= 3 and us_story(us_cues(text, g))


@pytest.mark.parametrize("text,town,state", [
    ("A teenager was shot Sunday in Columbus, Georgia, the county coroner said.", "Columbus", "Georgia"),
    ("A man was wounded at a gas station in Jackson, Tenn., on Tuesday night, deputies said.", "Jackson", "Tennessee"),
    ("Officers were called to a home in Bristol, Tennessee, where two women had been shot.", "Bristol", "Tennessee"),
])
def test_the_state_written_beside_a_town_picks_it(g, text, town, state):
    assert (town, state, "United States") in found(text, g)


def test_a_us_story_never_resolves_to_a_foreign_homonym(g):
    # Bristol (England), Police (Poland), Lee (France) and Salé ("Sallee") are all GeoNames towns
    text = ("Bristol police said a woman was shot on Sunday near Lee Street in Bristol, Tenn. Police arrested "
            "Mark Sallee, 34, at the scene. Sallee was charged with assault.")
    places = found(text, g)
    assert places and {c for _m, _a, c in places} == {"United States"}
    assert {a for _m, a, _c in places} == {"Tennessee"}


def test_counties_need_their_word_and_follow_the_state(g):
    text = ("Madison County deputies say a man was shot on a farm road near Huntsville, Ala., on Friday. "
            "Deputy Ray Johnson said the man was flown to a hospital.")
    places = found(text, g)
    assert ("Madison County", "Alabama", "United States") in places
    court = "He appeared Monday in Cook County Circuit Court in Chicago, Ill., charged with murder."
    assert ("Cook County", "Illinois", "United States") in found(court, g)
    assert not any(m == "Johnson" for m, _a, _c in places)  # a deputy's name, not Johnson County


def test_street_addresses_surnames_and_home_towns_are_not_the_scene(g):
    text = ("DAYTON, Ohio — Dayton police said two men were shot in the 1400 block of Prescott Avenue and near "
            "the intersection of Salem and Wilson on Monday. Officer Dana Wilson said a third man, Joe Hart, 24, "
            "of Springboro, was not hurt. Wilson said the men were taken to Miami Valley Hospital.")
    names = {m for m, _a, _c in found(text, g)}
    assert "DAYTON" in names
    assert not names & {"Prescott", "Salem", "Wilson", "Springboro"}
    assert "Wilson" in surnames(text)
    street = "SAVANNAH, Ga. — A man was shot Friday on Massachusetts Avenue near Willis Street, police said."
    assert {m for m, _a, _c in found(street, g)} == {"SAVANNAH"}


def test_a_town_too_small_for_the_gazetteer_falls_back_to_its_state(g):
    # no Hartsville in Indiana among GeoNames' places of 500+: the state, not Hartsville in South Carolina
    text = "Deputies arrived at a home in Hartsville, Ind., on Sunday night after a boy was shot."
    hit = [p for p in find_places(text, g) if p.mention == "Hartsville"]
    assert hit and hit[0].location.admin1 == "Indiana" and hit[0].location.precision == "region"


def test_washington_dc_and_its_quarters(g):
    text = "D.C. police said four people were shot Saturday in Southeast Washington near a bus stop."
    places = found(text, g)
    assert places and all(a == "District of Columbia" for _m, a, _c in places)
    assert article_countries(text, g)[:1] == ("US",)


def test_georgia_the_state_in_a_us_story_and_the_country_elsewhere(g):
    us = "A man was shot in Macon, Ga., and Georgia state troopers are searching for the driver."
    assert ("Georgia", "Georgia", "United States") in found(us, g)
    abroad = "Talks between Russia and Georgia resumed in Tbilisi on Monday."
    assert not us_story(us_cues(abroad, g))
    assert any(m == "Georgia" and c == "Georgia" for m, _a, c in found(abroad, g))


def test_a_town_police_force_makes_the_story_american(g):
    text = "Opelousas Police say a teen was shot on Sunday afternoon. The teen died at a hospital."
    assert article_countries(text, g)[:1] == ("US",)
    assert ("Opelousas", "Louisiana", "United States") in found(text, g)


def test_outlet_in_the_title_is_a_fainter_cue(g):
    text = "Man hurt in shooting near Nampa park - KXYZ News - Boise, Idaho\n\nA man was shot in Nampa on Friday."
    span = outlet_span(text)
    assert span is not None and "Boise" in text[span[0] : span[1]]
    assert us_cues(text, g)["US.ID"] < 3
    assert ("Nampa", "Idaho", "United States") in found(text, g)


def test_other_wars_are_untouched(g):
    text = "Air strikes hit Raqqa and the Idlib countryside on Saturday, killing 12 civilians, a monitor said."
    assert not us_story(us_cues(text, g))
    assert article_countries(text, g)[:1] == ("SY",)


def test_a_syrian_story_that_names_the_us_most_stays_syrian(g):
    from strikewatch.extract.places import is_us_story

    text = ("BEIRUT - The United States said US-led coalition jets struck Raqqa on Monday. US envoy John Allen "
            "said the United States would keep up the strikes; the United States and Syria traded accusations. "
            "A monitor in Syria said 9 civilians were killed in Raqqa.")
    assert not is_us_story(text, g)
    assert any(m == "Raqqa" and c == "Syria" for m, _a, c in found(text, g))


def test_us_states_data_is_validated():
    names = {"US.IL": "Illinois", "US.IN": "Indiana"}
    good = parse_states("postal,ap\nIL,Ill.\nIN,Ind.\n", names, "x.csv")
    assert good.code["Ill."] == "US.IL" and good.after_city.search("Peoria, Ill.")
    with pytest.raises(DataFileError, match=r"line 3.*'ZZ'"):
        parse_states("postal,ap\nIL,Ill.\nZZ,Zz.\n", names, "x.csv")
    with pytest.raises(DataFileError, match="already names"):
        parse_states("postal,ap\nIL,Ill.\nIN,Ill.\n", names, "x.csv")


def test_report_of_a_us_story_takes_its_dateline_state():
    from strikewatch.extract import extract
    from strikewatch.model import Article

    text = ("Teen wounded in overnight shooting\n\nJACKSON, Tenn. — A 16-year-old boy was shot in the leg early "
            "Sunday outside an apartment complex, police said. The boy was taken to a hospital in stable condition.")
    reports = [r for r in extract(Article(id="us-1", text=text)) if r.kind == "incident"]
    assert reports and reports[0].location.admin1 == "Tennessee"


def _incident_places(text: str, id: str) -> list[tuple[str | None, str | None]]:
    from strikewatch.extract import extract
    from strikewatch.model import Article

    return [(r.location.name, r.location.admin1) for r in extract(Article(id=id, text=text)) if r.kind == "incident"]


def test_the_outlets_home_town_in_the_title_is_not_the_scene():
    text = ("Two men hurt in shooting outside Nampa bar - KXYZ News - Boise, Idaho\n\nTwo men were shot and wounded "
            "outside a bar in Nampa early Saturday, police said. Both were taken to a hospital.")
    places = _incident_places(text, "us-outlet-1")
    assert places and all(name == "Nampa" for name, _a1 in places)


def test_the_outlets_home_town_stands_in_when_the_story_names_no_other():
    text = ("Man wounded in overnight shooting - KXYZ News - Boise, Idaho\n\nA man was shot in the arm early "
            "Saturday outside an apartment complex, police said. He was taken to a hospital.")
    assert ("Boise", "Idaho") in _incident_places(text, "us-outlet-2")


def test_american_institutions_make_a_story_american(g):
    text = ("A 9-year-old boy was shot in Belgrade on Sunday afternoon. Sheriff's deputies found the boy at a home "
            "and the county prosecutor's office said no felony charge would be filed.")
    assert ("Belgrade", "Montana", "United States") in found(text, g)
    serbian = ("Police in Belgrade, Serbia, said a man was shot on Sunday; a prosecutor's office spokesman said a "
               "felony case was opened.")
    assert ("Belgrade", "Central Serbia", "Serbia") in found(serbian, g)


def test_spellings_other_countries_share_are_no_american_cue():
    from strikewatch.extract.usplaces import american_words

    assert american_words("An air strike hit a home in the Zeitoun neighborhood; neighbors said a high school "
                          "and the police department were damaged.") == 0
    assert american_words("Troopers fired on a crowd in a village of Sadar block of the district.") == 0
    # two phrases, and a hundred-block address (police copy's way to place a scene: usplaces._HUNDRED_BLOCK)
    assert american_words("Sheriff’s deputies and the medical examiner were called to the 300 block of Oak.") == 3
    assert american_words("Sheriff’s deputies and the medical examiner were called to a block of flats.") == 2


def test_a_town_spelled_like_a_common_word_before_its_state(g):
    text = "MOBILE, Ala. (WXYZ) — Two teenagers were shot on Friday night, police said."
    assert ("MOBILE", "Alabama", "United States") in found(text, g)


def test_a_word_before_a_town_and_its_state_is_not_a_town_too_small_to_know(g):
    places = found("Off-duty Albany, NY firefighter hurt when his own gun went off, officials said.", g)
    assert [(m, a1) for m, a1, _c in places] == [("Albany", "New York")]
    assert found("A man was shot in Hartsville, Ind., on Sunday.", g)[0][1] == "Indiana"  # too small: the state


def test_a_lower_case_word_after_a_town_is_no_street(g):
    text = "Three men were shot at a Lexington bowling alley late Sunday, Kentucky police said."
    assert ("Lexington", "Kentucky", "United States") in found(text, g)
    assert not any(m == "Lexington" for m, _a, _c in found("Shots were fired at 1200 Lexington Avenue.", g))


def test_a_metro_police_force_names_its_town(g):
    text = "Louisville Metro police are investigating after a teen was grazed by a bullet on Thursday."
    assert ("Louisville", "Kentucky", "United States") in found(text, g)


def test_us_vocabulary_data_is_validated():
    from strikewatch.extract.usplaces import parse_vocabulary

    assert parse_vocabulary("# comment\nsheriff's deputies\n", "v.txt").search("Sheriff’s  deputies said")
    with pytest.raises(DataFileError, match=r"(?s)v\.txt.*line 2"):
        parse_vocabulary("felony\nDistrict Attorney\n", "v.txt")


def test_a_name_written_once_with_its_state_keeps_that_state(g):
    text = ("Four people died in a shooting in Kinmundy, Illinois, late Friday, state police said. Kinmundy is a "
            "small town; residents of Kinmundy gathered at a church on Sunday.")
    assert all(a1 == "Illinois" for m, a1, _c in found(text, g) if m == "Kinmundy")
    text = ("A man was shot in Manchester, Illinois, late Friday, state police said. Deputies said the "
            "gunman drove from Manchester toward the county line.")
    assert [a1 for m, a1, _c in found(text, g) if m == "Manchester"] == ["Illinois", "Illinois"]


def test_the_bigger_of_two_same_named_counties_when_nothing_else_speaks(g):
    text = "A boy was hurt when a gun went off at a home in northwest Harris County, sheriff's deputies said."
    assert ("Harris County", "Texas", "United States") in found(text, g)
    text = "A man was shot in Harris County, Ga., on Friday, sheriff's deputies said."
    assert ("Harris County", "Georgia", "United States") in found(text, g)


def test_an_abbreviated_saint_is_no_town_of_the_bare_name(g):
    assert not any(m == "Ann" for m, _a, _c in found("A St. Ann officer shot himself by accident during a chase.", g))


def test_a_town_police_force_shares_its_cue_among_towns_of_one_size(g):
    from strikewatch.extract.usplaces import local_forces

    shared = local_forces("Springfield police are looking for a gunman.", g)
    assert {"US.MO", "US.IL"} <= set(shared) and max(shared.values()) < 2
    assert local_forces("Opelousas police are looking for a gunman.", g) == {"US.LA": 2}


def test_a_tip_line_number_names_the_state():
    g = Gazetteer.load()
    text = ("Two men were shot in Lansdowne on Sunday evening, police said. Anyone with information is asked to "
            "call 410-555-0142.")
    assert ("Lansdowne", "Maryland", "United States") in found(text, g)
    text = ("SPRINGFIELD - Springfield police are looking for a man who shot a teen on Tuesday. Call Crime "
            "Stoppers at (217) 555-0167.")
    assert {a1 for _m, a1, _c in found(text, g)} == {"Illinois"}
    assert us_cues("Call the tip line at 800-555-0100.", g) == {}  # toll free: no state


def test_a_county_sits_at_the_middle_of_its_towns_not_at_its_biggest(g):
    from strikewatch.evaluate.readings import km

    places = find_places("Deputies said a hunter was shot in Calaveras County on Friday; the sheriff's office "
                         "is investigating.", g)
    county = next(p.location for p in places if p.mention == "Calaveras County")
    biggest = next(p for p in g.candidates("Calaveras County", countries=("US",)) if p.level == 2)
    assert county.lat is not None and county.lon is not None and biggest.lat is not None and biggest.lon is not None
    assert km(county.lat, county.lon, 38.196, -120.680) < 15  # San Andreas, the seat, near the county's middle
    assert km(county.lat, county.lon, biggest.lat, biggest.lon) > 10


def test_abbreviated_saints_read_whole_in_any_story(g):
    assert ("Port St. Lucie", "Florida", "United States") in found(
        "Boy charged after his sister is shot in Port St. Lucie\n\nThe 15-year-old faces a weapons charge.", g)
    assert ("St. Louis", "Missouri", "United States") in found("Two dead after overnight St. Louis shootings.", g)

"""US local news, seventh round: big cities' neighbourhoods, churches and hospitals named for saints,
a part of a county, parishes, and no transliteration variants for US places (extract/usneighbourhoods.py,
extract/usplaces.py, extract/gazetteer.py, data/us_neighbourhoods.csv).

Sentences are written for these tests in the way US local copy is worded; no corpus text.
"""

from __future__ import annotations

import pytest

from strikewatch.errors import DataFileError
from strikewatch.extract.gazetteer import Gazetteer
from strikewatch.extract.places import distance_km, find_places
from strikewatch.extract.usneighbourhoods import cities, parse_neighbourhoods, table
from strikewatch.extract.usplaces import direction_before, named_counties, us_cues
from strikewatch.model import Location


def found(text: str, g: Gazetteer) -> list[tuple[str, str | None, str | None]]:
    return [(p.mention, p.location.admin1, p.location.precision) for p in find_places(text, g)]


def place(text: str, mention: str, g: Gazetteer) -> Location:
    return next(p.location for p in find_places(text, g) if p.mention == mention)


def test_every_bundled_neighbourhood_resolves_to_a_town_of_its_state(gazetteer):
    hoods = [h for group in table().values() for h in group]
    assert len(hoods) > 300
    towns = cities(gazetteer)  # raises, naming the line, for a city the gazetteer does not have
    for h in hoods:
        city = towns[(h.city, h.a1)]
        assert city.a1 == h.a1 and city.level == 0 and city.population >= 100_000, h


def test_neighbourhood_file_problems_name_the_line():
    with pytest.raises(DataFileError, match=r"line 3: Dorchester of Boston is listed twice"):
        parse_neighbourhoods("neighbourhood,city,state\nDorchester,Boston,MA\nDorchester,Boston,MA\n", "n.csv")
    with pytest.raises(DataFileError, match="line 2: .*postal code"):
        parse_neighbourhoods("neighbourhood,city,state\nRoxbury,Boston,Mass.\n", "n.csv")
    with pytest.raises(DataFileError, match="header"):
        parse_neighbourhoods("name,city\n", "n.csv")
    # one name in two cities is two rows
    two = parse_neighbourhoods("neighbourhood,city,state\nHyde Park,Chicago,IL\nHyde Park,Boston,MA\n", "n.csv")
    assert {h.city for h in two["hyde park"]} == {"Chicago", "Boston"}


def test_a_neighbourhood_of_the_city_the_story_names(gazetteer):
    text = "A 19-year-old man was shot in Roxbury late Friday, Boston police said."
    assert ("Roxbury", "Massachusetts", "neighbourhood") in found(text, gazetteer)
    # the same name with no city named stays the gazetteer's town
    assert ("Roxbury", "Massachusetts", "neighbourhood") not in found("A man was shot in Roxbury late Friday.", gazetteer)
    # a GeoNames place that is the neighbourhood keeps its own point, marked as a part of the city
    chicago = "Two teens were wounded in Englewood on Sunday evening, Chicago police said."
    englewood = place(chicago, "Englewood", gazetteer)
    assert englewood.precision == "neighbourhood" and englewood.admin1 == "Illinois"
    assert 3 < (distance_km(englewood, place(chicago, "Chicago", gazetteer)) or 0) < 20


def test_a_neighbourhood_the_gazetteer_lacks_takes_its_citys_point(gazetteer):
    text = "Two men were found shot in the Berclair area on Tuesday, Memphis police said."
    berclair = place(text, "Berclair", gazetteer)
    assert (berclair.admin1, berclair.precision) == ("Tennessee", "neighbourhood")
    km = distance_km(berclair, place(text, "Memphis", gazetteer))
    assert km is not None and km < 1


def test_the_outlets_home_says_which_city(gazetteer):
    text = ("Man wounded in Frayser shooting - WMC Action News 5 - Memphis, Tennessee\n\n"
            "A man was shot while sitting in his car in Frayser on Monday night, officers said.")
    assert ("Frayser", "Tennessee", "neighbourhood") in found(text, gazetteer)


def test_two_neighbourhoods_of_one_city_called_parts_of_a_town(gazetteer):
    # no city named: "the city's South Side" and "the Woodlawn neighborhood" are both Chicago's, not
    # Woodlawn, Maryland nor a Staten Island place GeoNames also calls South Side
    text = ("A girl, 9, was wounded by a stray bullet Sunday on the city's South Side. The shooting happened "
            "in the Woodlawn neighborhood, police said in a tweet.")
    places = found(text, gazetteer)
    assert ("Woodlawn", "Illinois", "neighbourhood") in places
    assert ("South Side", "Illinois", "neighbourhood") in places
    # one name, one reading: the headline's bare "South Side" is the one the body calls the city's
    headed = "Girl, 9, hit by stray bullet on South Side\n\n" + text
    assert found(headed, gazetteer)[0] == ("South Side", "Illinois", "neighbourhood")
    # one neighbourhood name alone, no city named: the gazetteer's reading
    alone = "A girl, 9, was wounded by a stray bullet Sunday in the Woodlawn neighborhood, police said."
    assert ("Woodlawn", "Illinois", "neighbourhood") not in found(alone, gazetteer)


def test_a_town_the_text_places_or_a_big_town_stays_itself(gazetteer):
    wisconsin = "A man was shot in Madison, Wis., on Friday. His family lives in Nashville."
    assert ("Madison", "Wisconsin", "city") in found(wisconsin, gazetteer)
    # Allentown is a Pittsburgh neighbourhood and a city of 100,000+ across the state: the city, unless
    # the words call it a neighbourhood
    text = "A Pittsburgh man was charged in a killing in Allentown, police said."
    assert ("Allentown", "Pennsylvania", "city") in found(text, gazetteer)
    hood = "A Pittsburgh man was charged in a killing in the Allentown neighborhood, police said."
    assert ("Allentown", "Pennsylvania", "neighbourhood") in found(hood, gazetteer)


def test_a_church_or_hospital_named_for_a_saint_is_no_town(gazetteer):
    for text in ("A man was shot in the parking lot of St. Francis Catholic Church on Sunday, sheriff's deputies said.",
                 "The boy was taken to Saint Francis Hospital, where he died, sheriff's deputies said.",
                 "She was flown to St. Joseph Regional Medical Center, the district attorney said.",
                 "Mourners gathered at St. Francis Xavier Catholic Church, sheriff's deputies said."):
        assert found(text, gazetteer) == [], text
    # the town itself, and a big town's university, are still read
    assert found("A man was shot in St. Joseph on Friday, sheriff's deputies said.", gazetteer)[0][1] == "Missouri"
    assert found("He studied at St. Louis University, police said.", gazetteer)[0][:2] == ("St. Louis", "Missouri")
    assert found("Students at St. Cloud State University were told to stay inside, sheriff's deputies said.",
                 gazetteer)[0][:2] == ("St. Cloud", "Minnesota")


def test_a_part_of_a_county_named_by_its_direction(gazetteer):
    assert direction_before("a home in northwest ", 20) == (1, -1)
    assert direction_before("shooting in NE ", 15) == (1, 1)
    assert direction_before("deputies in southern ", 21) == (-1, 0)
    assert direction_before("a home in ", 10) is None
    whole = place("A boy was shot at a home in Harris County, sheriff's deputies said.", "Harris County", gazetteer)
    north_west = place("A boy was shot at a home in northwest Harris County, sheriff's deputies said.", "Harris County",
                       gazetteer)
    north_east = place("A boy was shot at a home in NE Harris County, sheriff's deputies said.", "Harris County",
                       gazetteer)
    assert north_west.admin1 == north_east.admin1 == "Texas" and north_west.precision == "district"
    assert (north_west.lat or 0) > (whole.lat or 0) and (north_west.lon or 0) < (whole.lon or 0)
    assert (north_east.lat or 0) > (whole.lat or 0) and (north_east.lon or 0) > (whole.lon or 0)
    assert 15 < (distance_km(north_west, north_east) or 0) < 60


def test_a_parish_is_louisianas_not_a_same_named_county(gazetteer):
    assert [[p.a1 for p in units] for units in named_counties("Ouachita Parish deputies said.", gazetteer)] == [["US.LA"]]
    assert set(us_cues("Jefferson Parish deputies said a man was shot in Metairie.", gazetteer)) == {"US.LA"}
    assert [[p.a1 for p in units] for units in named_counties("Ouachita County deputies said.", gazetteer)] == [["US.AR"]]


def test_a_bare_county_name_of_a_state_the_story_does_not_cue_is_dropped(gazetteer):
    text = ("HILO, Hawaii — A man charged in three killings appeared in a Hawaii Island courtroom on Monday, "
            "prosecutors said.")
    assert not any(a == "Washington" for _m, a, _p in found(text, gazetteer))  # no Island County, Washington


def test_no_transliteration_variants_for_us_places(gazetteer):
    # GeoNames spells US places as local copy does: a name of the same consonants is another place
    ohio = "HOWLAND, Ohio — Police said a fight over a car led to the shooting in Howland on Saturday."
    assert not any(m in ("HOWLAND", "Howland") and p == "city" for m, _a, p in found(ohio, gazetteer))  # no Holland
    assert not gazetteer.candidates("Meanwhile", countries=("US",), variants=True)  # no Mineola, no Moanalua
    hawaii = gazetteer.region("Hawaii", country="United States")
    assert not gazetteer.candidates("Meanwhile", countries=("US",), within=hawaii)
    # elsewhere the variants stay (Afghan districts spelt several ways)
    helmand = gazetteer.region("Helmand", country="Afghanistan")
    assert any(p.a1 == "AF.10" for p in gazetteer.candidates("Nahri Saraj", countries=("AF",), within=helmand))


def test_agencies_by_their_initials_name_their_state(gazetteer):
    from strikewatch.extract.usagencies import agencies_named, parse_agencies
    from strikewatch.extract.usagencies import table as agency_table
    from strikewatch.extract.usplaces import agency_city

    assert [a.state for a in agencies_named("SLED agents and TBI agents were called in.")] == ["US.SC", "US.TN"]
    assert agencies_named("The sled dogs slept.") == () and agencies_named("A KBIX reporter") == ()
    assert us_cues("TBI agents are investigating the shooting of a man by a deputy.", gazetteer) == {"US.TN": 2}
    # a small town's own force gives no rank: the agency's state picks among same-named towns
    text = ("Teen hurt when a pistol goes off at a friend's home\n\nPhoto courtesy of SCDC\n\n"
            "A 16-year-old was shot in the arm inside a Duncan home, Duncan police said.")
    assert {a for _m, a, _p in found(text, gazetteer)} == {"South Carolina"}
    # a big city's force names its city where nothing else does
    assert found("LMPD officers found a man shot on a porch early Sunday.", gazetteer) == [("LMPD", "Kentucky", "city")]
    with pytest.raises(DataFileError, match="line 3: NOPD listed twice"):
        parse_agencies("acronym,state,city\nNOPD,LA,New Orleans\nNOPD,LA,New Orleans\n", "a.csv")
    with pytest.raises(DataFileError, match="line 2: state must be a postal code"):
        parse_agencies("acronym,state,city\nNOPD,La.,New Orleans\n", "a.csv")
    for a in agency_table()[0].values():  # every city given is a town of its state
        assert not a.city or agency_city(a.city, a.state, gazetteer) is not None, a


def test_a_name_written_as_a_street_is_that_street_when_bare(gazetteer):
    text = ("A boy, 8, was hit in the leg in the 1400 block of Monroe Street, sheriff's deputies said. Witnesses "
            "said the gunman drove down Monroe and fired at the house.")
    assert found(text, gazetteer) == []  # no Monroe, Louisiana
    placed = "A man was shot on Monroe Street in Monroe, sheriff's deputies said."
    assert [m for m, _a, _p in found(placed, gazetteer)] == ["Monroe"]


def test_a_township_is_in_the_county_the_text_names_not_a_same_named_town(gazetteer):
    text = ("Woman questioned after shooting in Harrison Township\n\nHARRISON TOWNSHIP, Ohio — A man was killed "
            "in Harrison Township on Tuesday. The Montgomery County Coroner's Office identified him.")
    places = [(m, p.location.name, p.location.precision) for p in find_places(text, gazetteer) for m in [p.mention]]
    assert ("Harrison", "Montgomery County", "district") in places  # not Harrison, Ohio, near Cincinnati
    assert ("HARRISON TOWNSHIP", "Montgomery County", "district") in places
    # no county named: the town stays the guess
    bare = "A man was killed in Harrison Township on Tuesday, sheriff's deputies said in Ohio."
    assert ("Harrison", "Ohio", "city") in found(bare, gazetteer)


def test_a_town_too_small_for_the_gazetteer_takes_the_county_the_text_names(gazetteer):
    text = "A man was shot in Hartsville, Ind., on Friday, Bartholomew County deputies said."
    assert place(text, "Hartsville", gazetteer).name == "Bartholomew County"
    assert place("A man was shot in Hartsville, Ind., on Friday, deputies said.", "Hartsville",
                 gazetteer).precision == "region"  # no county named: the state


def test_lists_of_counties_name_the_one_state_holding_them_all(gazetteer):
    from strikewatch.extract.usplaces import county_lists

    assert county_lists("Deputies from Harris, Fort Bend and Montgomery counties joined the search.", gazetteer) == ("US.TX",)
    # a weather alert's area, by semicolons
    assert county_lists("Target Area: Daviess; Greene; Jackson; Jennings; Knox; Martin", gazetteer) == ("US.IN",)
    # names several states share alike say nothing, and neither do lists of words
    assert county_lists("Greene, Daviess and Knox counties", gazetteer) == ()  # Indiana's and Missouri's
    assert county_lists("He bought apples; pears; plums.", gazetteer) == ()


def test_a_weekday_or_an_adverb_before_a_state_is_no_town(gazetteer):
    text = "Police are investigating a shooting in Franklin Co. on Sunday, Indiana State Police said."
    assert [m for m, _a, _p in found(text, gazetteer)] == ["Indiana"]
    assert "US.IN" in us_cues(text, gazetteer) and len(named_counties(text, gazetteer)) == 1  # "Franklin Co."
    assert found("Meanwhile, Hawaii County police said the man was shot.", gazetteer) == [
        ("Hawaii County", "Hawaii", "district")]


def test_a_persons_given_name_or_a_quotes_speaker_is_no_town(gazetteer):
    text = "Tyler Brooks, 17, was shot on Elm Street, sheriff's deputies said. Tyler was a good kid, his mother said."
    assert found(text, gazetteer) == []  # no Tyler, Texas
    quoted = ('"I feel bad," said Casey Jackson. Jackson says the street is unsafe. Sheriff\'s deputies said a man '
              "was shot in Memphis.")
    assert [m for m, _a, _p in found(quoted, gazetteer)] == ["Memphis"]  # no Jackson, Tennessee
    # where the words put the town, it stays
    placed = "A man was shot in Tyler on Friday, sheriff's deputies said. Tyler Brooks, 17, was hurt."
    assert ("Tyler", "Texas", "city") in found(placed, gazetteer)
    # a score is no age
    from strikewatch.extract.usplaces import given_names

    assert "Houston" not in given_names("The Houston Texans won 21-17 on Sunday.")

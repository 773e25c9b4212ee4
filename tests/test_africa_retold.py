"""Monitors' notes (issue 11, ACLED Africa 2016, branch africa9): an older incident's dead retold with
its own date under another event, a writer's toll coded per day, and everyone in a place killed with
no figure. Sentences of our own wording; each would fail without its rule."""

from __future__ import annotations

import pytest

from strikewatch.model import Article


def reports(extractor, text, published="2016-05-21"):
    return extractor.extract(Article(id="note", text=text, published=published))


def dead(extractor, text, published="2016-05-21"):
    return [k.best if k.best is not None else k.low for r in reports(extractor, text, published) if r.kind == "incident"
            for c in r.claims if (k := c.killed) is not None]


@pytest.mark.parametrize(
    "text",
    [
        # a topic of a meeting, dated weeks before the story
        "Soldiers arrested and detained some 40 farmers who had travelled to the district office to meet the "
        "governor to discuss the alleged killing of 23 villagers in the hills by militia fighters on 2 April 2016.",
        # a charge, dated years before
        "Security forces arrested a local official accused of ordering the murder of a journalist, John Doe, in 2011.",
        "The army arrested a deputy accused of ordering the murder of two teachers in 2013.",
        # the cause of a demolition: a bombing of another month, owning its noun (the apostrophe lost), or dated
        "Angry residents in the town blew up the house of a family on 20 May following confessions by two sons that "
        "they were involved in Februarys car bombing of the police academy in the city which killed at least 40 people.",
        "Angry residents blew up the house of a family on 20 May following confessions by two sons that they were "
        "involved in the car bombing of 8 March at the police academy which killed at least 40 people.",
        "Soldiers detained three men suspected of taking part in the ambush of 3 March 2016 that killed 9 policemen.",
    ],
)
def test_an_older_incidents_dead_told_under_another_event_are_not_its_toll(extractor, text):
    assert dead(extractor, text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # the date hangs on the main verb: the sentence's own incident, whatever the day
        ("Gunmen killed three villagers on 2 April, police said.", [3]),
        ("On 2 April 2016, gunmen killed three villagers and wounded four in the market.", [3]),
        # a few days before the story is this incident's day, not an older one
        ("Police detained 30 men over the killing of 12 herders by soldiers on 18 May.", [12]),
        # a year that is the story's own
        ("Police arrested a man accused of the murder of a trader in 2016.", [1]),
    ],
)
def test_a_date_of_the_main_clause_or_of_recent_days_keeps_the_dead(extractor, text, expected):
    assert dead(extractor, text) == expected


NOTE = ("Clashes between the army and a new militia went on for two days around the town. "
        "At least 9 soldiers and 20 civilians were killed in the fighting. "
        "(17 fatalities coded for 14 May and 12 coded for 15 May). "
        "Another 8 civilians were reportedly killed in the fighting.")


@pytest.mark.parametrize("day, expected", [("2016-05-14", 17), ("2016-05-15", 12)])
def test_a_toll_coded_per_day_gives_the_notes_own_day_its_figure(extractor, day, expected):
    # the remark is final: the dead told after it are among it, not more
    assert expected in dead(extractor, NOTE, day)
    assert 37 not in dead(extractor, NOTE, day) and 45 not in dead(extractor, NOTE, day)


def test_a_per_day_remark_without_the_notes_day_is_left_alone(extractor):
    found = dead(extractor, NOTE, "2016-05-20")
    assert found and not {17, 12} & set(found)


@pytest.mark.parametrize(
    "text",
    [
        "The army overran the rebel camp and killed all those inside.",
        "Troops stormed the base, killing all those who were inside.",
        # a slip drops "who": the parser hangs the rest on the verb
        "The army took over the camp and killed all those were inside.",
        "The gunmen stopped the bus and killed everyone on board.",
        "Militants ambushed the convoy and killed all the drivers.",
    ],
)
def test_everyone_killed_with_no_figure_is_an_unknown_number(extractor, text):
    assert dead(extractor, text) == [10]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rebels are accused of killing everyone in the village.", []),  # a charge, not a death told
        ("The gunmen killed all 12 passengers of the bus.", [12]),  # a figure of its own
        ("Militants may have killed everyone inside.", []),  # not said to have happened
    ],
)
def test_a_charge_a_figure_or_a_guess_is_not_an_unknown_number(extractor, text, expected):
    assert dead(extractor, text) == expected


def place(extractor, text):
    return [(r.location.name, r.location.admin1) for r in reports(extractor, text) if r.kind == "incident"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the towns a road joins: each is a name of its own (the whole is no place)
        ("Boko Haram fighters ambushed a convoy on the Maiduguri-Damboa road, killing 5 soldiers.", ("Maiduguri", "Borno")),
        ("Boko Haram fighters ambushed a convoy along the Bama-Damboa and Dikwa-Marte axis, killing 5 soldiers.",
         ("Bama", "Borno")),
        ("Gunmen attacked a bus on the Kabul-Jalalabad highway, killing two passengers.", ("Kabul", "Kabul")),
    ],
)
def test_towns_joined_by_a_hyphen_before_a_road_word_are_places(extractor, text, expected):
    assert place(extractor, text)[:1] == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        # "a" before a person's noun in the plural: a slip for one person, whatever the predicate
        ("The attack on the army post resulted in a soldier and a militiamen killed.", [2]),
        ("The raid on the checkpoint left a policeman and a rebels dead.", [2]),
    ],
)
def test_a_persons_noun_in_the_plural_after_a_is_one_person(extractor, text, expected):
    assert dead(extractor, text) == expected


def test_a_few_people_is_no_single_person(extractor):
    rs = reports(extractor, "A few people were injured when police fired on the crowd.")
    assert [c.injured.best for r in rs for c in r.claims if c.injured is not None] != [1]


@pytest.mark.parametrize("text", ["3 separatist militants were killed in a gunfight with the police.",
                                  "2 marchers were killed when the police fired on the rally."])
def test_a_word_that_opens_like_a_month_is_no_date(extractor, text):
    # "3 sep(aratist)", "2 march(ers)": read as a day, the figure was dated months before the story
    # and then set apart as an older incident's dead
    rs = [r for r in reports(extractor, text, "2015-06-07") if r.kind == "incident"]
    assert [r.date.start.year for r in rs] == [2015]
    assert dead(extractor, text, "2015-06-07") in ([3], [2])


def test_a_news_story_about_an_older_killing_keeps_its_dead(extractor):
    # a story of several paragraphs written weeks later may be about the old incident itself
    text = ("Man charged in double killing\n\n"
            "Police arrested a 24-year-old man on Friday accused of the murder of two teenagers on 2 April 2016.\n\n"
            "He is due in court next week.")
    assert dead(extractor, text) == [2]


@pytest.mark.parametrize(
    "text, day",
    [
        ("Police fired on a rally on Wednesday [14 Octobe] in the town.", "2015-10-14"),  # a slip in the month
        ("Tuesday, 6 January: in the capital, pickets torched a bus.", "2015-01-06"),  # a heading's colon
        ("Troops clashed with rebels on 3 Sept. 2015 near the border.", "2015-09-03"),
    ],
)
def test_a_month_misspelt_or_before_a_colon_is_still_a_date(text, day):
    import datetime as dt

    from strikewatch.extract.dates import find_dates
    assert day in [str(d.dates.start) for d in find_dates(text, dt.date(2015, 12, 1)) if d.dates is not None]

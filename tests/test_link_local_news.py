"""Linking local crime news (docs/linking.md): ages as keys, a county's report folding into the
article's one town incident, the keys an article's restatements share, sentence openers that are
not names. The texts are our own, written for these tests."""

from __future__ import annotations

import datetime as dt

from strikewatch.link import link
from strikewatch.link.blocking import candidate_pairs
from strikewatch.link.features import features
from strikewatch.link.fold import folds
from strikewatch.link.keys import ages, annotate, names, streets
from strikewatch.link.similarity import compare
from strikewatch.model import Article, Claim, Count, Dates, Location, Report, Span

MILLBROOK = Location(name="Millbrook", country="United States", admin1="Alabama", lat=32.48, lon=-86.36,
                     precision="city")
ELMORE = Location(name="Elmore County", country="United States", admin1="Alabama", precision="district")
WETUMPKA = Location(name="Wetumpka", country="United States", admin1="Alabama", lat=32.54, lon=-86.21,
                    precision="city")

STORY = ("Two hurt in Millbrook shooting\n\nA 34-year-old man and a 16-year-old girl were wounded Friday night "
         "outside a home on Cobb Road, Elmore County deputies said. Deputies said Anita Reyes, 41, called "
         "for help. Reyes told them she heard six shots. The girl, aged 16, was taken to a hospital.")
FOLLOW = ("Deputies seek driver after Millbrook gunfire\n\nInvestigators are looking for a gray sedan seen "
          "leaving the scene where a 16-year-old and a 34-year-old were shot. But Reyes said the car "
          "had no plates. Both victims are expected to recover.")


def report(rid: str, loc: Location, *, injured: int | None = 2, day: str = "2017-03-10",
           published: str = "2017-03-11", basis: str = "weekday") -> Report:
    d = dt.date.fromisoformat(day)
    return Report(id=rid, article=rid.split("#")[0], event_type="Violence against civilians", sub_event_type="Attack",
                  date=Dates(start=d, end=d, precision="day", basis=basis), location=loc,
                  claims=[Claim(injured=Count(low=injured, best=injured) if injured is not None else None)],
                  evidence=[Span(start=0, end=7, text="wounded")], outlet=rid.split("-")[0],
                  published=dt.date.fromisoformat(published), flags=["sub-event-guessed"])


def test_ages_are_read_as_news_gives_them() -> None:
    assert [k for _, _, k in ages(STORY)] == ["34", "16", "41"]  # "aged 16" repeats an age already found
    assert [k for _, _, k in ages("Officers found Luis Ortega, 58, in the yard.")] == ["58"]
    # a list of figures or a year is no age
    assert ages("In 2015, 14 people were shot; in 2016, 9.") == []
    assert ages("The 300-year-old oak fell.") == []


def test_two_stories_giving_the_same_ages_score_for_it() -> None:
    a, b = report("wsfa-1#1", MILLBROOK), report("waka-2#1", MILLBROOK, day="2017-03-11", basis="publication",
                                                 published="2017-03-12")
    annotate(Article(id="wsfa-1", text=STORY), [a])
    annotate(Article(id="waka-2", text=FOLLOW), [b])
    pair = compare(features(0, a), features(1, b))
    assert "ages_shared_2" in pair.features and "same ages: 16, 34" in pair.reasons
    plain = [r.model_copy(update={"evidence": [s for s in r.evidence if s.field != "age"]}) for r in (a, b)]
    bare = compare(features(0, plain[0]), features(1, plain[1]))
    assert bare.score < pair.score and not any(f.startswith("age") for f in bare.features)


def test_one_age_in_common_is_the_weaker_feature() -> None:
    a, b = report("wsfa-1#1", MILLBROOK), report("waka-2#1", MILLBROOK)
    annotate(Article(id="wsfa-1", text="A 23-year-old was shot on Friday. Police said Omar Diaz, 23, died."), [a])
    annotate(Article(id="waka-2", text="A 23-year-old and a 45-year-old were found shot on Friday."), [b])
    assert "age_shared" in compare(features(0, a), features(1, b)).features


def test_a_county_report_folds_into_the_one_town_incident_of_its_article() -> None:
    town, county = report("wsfa-1#1", MILLBROOK), report("wsfa-1#2", ELMORE, injured=None)
    feats = [features(0, town), features(1, county)]
    assert folds(feats) == [[0, 1]]
    assert [i.reports for i in link([town, county]).incidents] == [["wsfa-1#1", "wsfa-1#2"]]


def test_a_county_report_stays_apart_when_its_article_tells_two_towns() -> None:
    # two shootings, in two towns of the county: the county's report could be either
    one, two = report("wsfa-1#1", MILLBROOK), report("wsfa-1#2", WETUMPKA, injured=5)
    county = report("wsfa-1#3", ELMORE, injured=None)
    assert folds([features(0, one), features(1, two), features(2, county)]) == []


def test_restatements_of_one_article_share_their_keys() -> None:
    # the headline's report sits near the name, the body's near the street: both are one incident's
    text = ("Maria Soto hurt in Millbrook shooting\n\nDeputies were called Friday to a home on Cobb Road near a park. "
            + "They said nobody else was home. " * 12 + "Soto, 52, is in stable condition.")
    head = report("wsfa-1#1", MILLBROOK, injured=1)
    head.evidence = [Span(start=0, end=10, text=text[:10])]
    body = report("wsfa-1#2", MILLBROOK, injured=None)
    body.evidence = [Span(start=60, end=70, text=text[60:70])]
    annotate(Article(id="wsfa-1", text=text), [head, body])
    for r in (head, body):
        assert {(s.field, s.text) for s in r.evidence if s.field in ("name", "address")} == {
            ("name", "Maria Soto"), ("address", "Cobb Road")}


def test_a_sentence_opener_is_no_first_name() -> None:
    assert [k for _, _, k in names(FOLLOW)] == []  # "But Reyes": Reyes is named, but not in full here
    assert [k for _, _, k in names(STORY)] == ["anita reyes"]


def _keyed(r: Report, text: str) -> Report:
    annotate(Article(id=r.article, text=text), [r])
    return r


NAMED = ("Deputies said Anita Reyes, 41, and her nephew Jorge Salas, 19, were shot on Friday. "
         "Reyes was treated and released; Salas remains in the hospital.")


def test_a_story_without_a_date_meets_the_story_days_before_it() -> None:
    # the later story gives no date ("deputies arrested a man in the shooting"): its guess is the
    # 15th or 16th, five days after the shooting, yet it is a candidate for the first story
    first = _keyed(report("wsfa-1#1", MILLBROOK, day="2017-03-10"), NAMED)
    later = _keyed(report("waka-2#1", MILLBROOK, day="2017-03-15", basis="publication", published="2017-03-16"), NAMED)
    later.date = Dates(start=dt.date(2017, 3, 15), end=dt.date(2017, 3, 16), precision="period", basis="publication")
    assert [i.reports for i in link([first, later]).incidents] == [["waka-2#1", "wsfa-1#1"]]
    # with no name to tie them, blocking still proposes the pair (in either order)
    plain = [r.model_copy(update={"evidence": r.evidence[:1]}) for r in (first, later)]
    assert list(candidate_pairs([features(0, plain[0]), features(1, plain[1])])) == [(0, 1)]
    assert list(candidate_pairs([features(0, plain[1]), features(1, plain[0])])) == [(0, 1)]
    # three weeks later it tells of something else, as far as blocking goes
    plain[1].date = Dates(start=dt.date(2017, 3, 30), end=dt.date(2017, 3, 31), precision="period",
                          basis="publication")
    assert list(candidate_pairs([features(0, plain[0]), features(1, plain[1])])) == []


def test_the_same_people_outweigh_two_towns_of_one_state() -> None:
    # one story places the shooting in the town, the other in the outlet's city: the same two
    # people named, with their ages, say it is one shooting
    first = _keyed(report("wsfa-1#1", MILLBROOK), NAMED)
    other = _keyed(report("waka-2#1", WETUMPKA), NAMED)
    pair = compare(features(0, first), features(1, other))
    assert pair.veto is None and any("outweighed by the same people" in r for r in pair.reasons)
    # one name in common (the sheriff of every story of the county) is not enough
    lone = _keyed(report("waka-3#1", WETUMPKA), "Sheriff Dale Pruitt said nobody was hurt. Pruitt asked for calm.")
    sheriff = _keyed(report("wsfa-4#1", MILLBROOK), "Sheriff Dale Pruitt said a man was hurt. Pruitt gave no name.")
    assert compare(features(0, lone), features(1, sheriff)).veto == "other place"


def test_a_shared_street_outweighs_the_type_read_from_the_wording() -> None:
    # the other story is read as the arrest (a type no shooting is ever told as, unlike Armed clash)
    text = "Shots were fired Friday on Cobb Road near a park, deputies said."
    attack = _keyed(report("wsfa-1#1", MILLBROOK), text)
    clash = _keyed(report("waka-2#1", MILLBROOK), text)
    clash.event_type, clash.sub_event_type, clash.flags = "Strategic developments", "Arrests", []
    attack.flags = []
    pair = compare(features(0, attack), features(1, clash))
    assert pair.veto is None and "street_shared" in pair.features
    # without the street (and without the toll, which an arrest would share with its shooting) it does
    bare = [r.model_copy(update={"evidence": r.evidence[:1]}) for r in (attack, clash)]
    bare[1] = bare[1].model_copy(update={"claims": []})
    assert compare(features(0, bare[0]), features(1, bare[1])).veto == "other event type"


def test_one_street_written_with_or_without_its_direction_is_one_key() -> None:
    text = "Gunfire on E. 52nd Street; later on East 52nd Street, then 52nd Street and S. Alder Ave. again."
    assert [k for _, _, k in streets(text)] == ["52nd street", "alder avenue"]
    one = _keyed(report("wsfa-1#1", MILLBROOK), "A man was shot on N. Alder Avenue on Friday.")
    two = _keyed(report("waka-2#1", MILLBROOK), "Deputies closed Alder Avenue after the Friday shooting.")
    pair = compare(features(0, one), features(1, two))
    assert pair.veto is None and "same street: alder avenue" in pair.reasons


def test_one_street_with_its_ordinal_in_words_or_in_figures_is_one_key() -> None:
    text = "Shots on Third Street near 12th Avenue; deputies closed 3rd St. and West Twelfth Ave. later."
    assert [k for _, _, k in streets(text)] == ["3rd street", "12th avenue"]
    one = _keyed(report("wsfa-1#1", MILLBROOK), "A man was shot on Second Street on Friday.")
    two = _keyed(report("waka-2#1", MILLBROOK), "Police taped off 2nd St. after the Friday shooting.")
    pair = compare(features(0, one), features(1, two))
    assert pair.veto is None and "same street: 2nd street" in pair.reasons


def test_a_generational_suffix_is_not_the_surname() -> None:
    text = "Deputies named the victim as Curtis Bell Jr. of Millbrook. Bell was 30."
    assert [k for _, _, k in names(text)] == ["curtis bell"]
    r = _keyed(report("wsfa-1#1", MILLBROOK), text)
    assert features(0, r).names == {"curtis bell"}


def test_the_same_street_and_an_age_outweigh_two_towns_of_one_state() -> None:
    # one paper places the shooting in the town, the other in the city it borders; both give the
    # street and the 17-year-old victim: one scene, whatever town each paper read
    first = _keyed(report("wsfa-1#1", MILLBROOK), "A 17-year-old was shot Friday on Cobb Road, deputies said.")
    other = _keyed(report("waka-2#1", WETUMPKA), "Police found the wounded 17-year-old on Cobb Road on Friday night.")
    pair = compare(features(0, first), features(1, other))
    assert pair.veto is None and any("outweighed by the same people" in r for r in pair.reasons)
    # the street alone is not enough: two towns may each have a Cobb Road
    bare = _keyed(report("waka-3#1", WETUMPKA, injured=None), "Shots were fired Friday on Cobb Road; nobody was found hurt.")
    assert compare(features(0, first), features(1, bare)).veto == "other place"


def test_two_ages_in_common_outweigh_two_towns_of_one_state() -> None:
    # one paper read the town of the hospital, the other the town of the shooting; both tell of the
    # 19-year-old driver and the 23-year-old passenger: the same two people, one shooting
    first = _keyed(report("wsfa-1#1", MILLBROOK), "A 19-year-old driver and a 23-year-old passenger were shot on Friday.")
    other = _keyed(report("waka-2#1", WETUMPKA), "A 23-year-old and a 19-year-old were taken to a hospital with gunshot wounds on Friday.")
    pair = compare(features(0, first), features(1, other))
    assert pair.veto is None and any("outweighed by the same people" in r for r in pair.reasons)
    assert pair.linked
    # one age in common is what two unrelated shootings often share
    lone = _keyed(report("waka-3#1", WETUMPKA), "A 19-year-old was hurt Friday when shots hit a car.")
    assert compare(features(0, first), features(1, lone)).veto == "other place"


def test_a_paper_named_with_a_hyphen_is_no_person() -> None:
    text = ("Two hurt in Millbrook, the Montgomery Post-Gazette reported. Lena Ortiz-Hale, 30, was shot. "
            "The Post-Gazette said Ortiz-Hale is recovering.")
    assert [k for _, _, k in names(text)] == ["lena ortiz-hale"]

"""The outlet's web address as a faint cue for a US story's state (extract/ushosts.py).

Addresses and sentences are written for these tests in the way US local outlets and their copy
are; no corpus text.
"""

from __future__ import annotations

import pytest

from strikewatch.errors import DataFileError
from strikewatch.extract import ushosts
from strikewatch.extract.gazetteer import Gazetteer
from strikewatch.extract.places import find_places, is_us_story, us_state_only
from strikewatch.extract.usplaces import market_homes, us_cues
from strikewatch.ingest.csvfile import read_csv
from strikewatch.ingest.jsonl import read_jsonl
from strikewatch.ingest.text import build_article


def found(text: str, g: Gazetteer) -> list[tuple[str, str | None]]:
    return [(p.mention, p.location.admin1) for p in find_places(text, g)]


def state(host: str, g: Gazetteer) -> str | None:
    home = ushosts.host_home(host, g)
    return None if home is None else home.state


def test_the_host_of_an_address_and_of_an_archived_copy():
    assert ushosts.host_of("https://www.wral.com/news/local/story/123/") == "wral.com"
    assert ushosts.host_of("http://web.archive.org/web/20161002030405/http://www.kob.com:80/news/a-b/55/") == "kob.com"
    assert ushosts.host_of("https://web.archive.org/web/2016id_/http:/m.chicago.suntimes.com/news/x") == "chicago.suntimes.com"
    assert ushosts.host_of("toledoblade.com/local/2016/05/02/story.html") == "toledoblade.com"
    assert ushosts.host_of(None) == "" and ushosts.host_of("  ") == ""


def test_a_station_by_its_call_sign_with_a_channel_or_outlet_words(gazetteer):
    assert state("kob.com", gazetteer) == "US.NM"
    assert state("wsoctv.com", gazetteer) == "US.NC"
    assert state("wdbj7.com", gazetteer) == "US.VA"
    assert state("wmcactionnews5.com", gazetteer) == "US.TN"
    assert state("wave3.com", gazetteer) == "US.KY"
    assert state("wave.com", gazetteer) is None  # a call sign that is a word needs its marker
    assert state("wsocxyz.com", gazetteer) is None  # letters left over: not that station


def test_a_brand_a_big_town_or_a_state_with_outlet_words(gazetteer):
    assert state("foxcarolina.com", gazetteer) == "US.SC"
    assert ushosts.host_home("toledoblade.com", gazetteer) == ushosts.Home("US.OH", "Toledo")
    assert state("chicago.suntimes.com", gazetteer) == "US.IL"
    assert state("nbcmiami.com", gazetteer) == "US.FL"
    assert state("mysanantonio.com", gazetteer) == "US.TX"
    assert ushosts.host_home("kentucky.com", gazetteer) == ushosts.Home("US.KY", "")
    assert state("columbian.com", gazetteer) is None  # "n" left over: no Columbia
    assert state("springfieldnews.com", gazetteer) is None  # three Springfields of a size: no guess
    assert state("dailystar.com.lb", gazetteer) is None  # another country's domain
    assert state("nydailynews.com", gazetteer) is None


def test_the_outlet_breaks_a_tie_the_text_leaves(gazetteer):
    text = ("Deputies say a man was shot outside a gas station in Orange County late Friday. The sheriff's "
            "office said the victim is expected to survive.")
    assert ("Orange County", "Florida") not in found(text, gazetteer)  # California's is bigger
    with ushosts.reading("https://www.wftv.com/news/local/deputies-man-shot/123/"):
        assert ("Orange County", "Florida") in found(text, gazetteer)
    assert ("Orange County", "Florida") not in found(text, gazetteer)  # the cue ends with the article


def test_the_outlet_loses_to_what_the_text_says(gazetteer):
    text = ("Deputies say a man was shot outside a gas station in Orange County late Friday. The sheriff's "
            "office told KABC the victim is expected to survive.")
    with ushosts.reading("https://www.wftv.com/news/local/deputies-man-shot/123/"):
        assert ("Orange County", "California") in found(text, gazetteer)
        assert ("Orange County", "Florida") not in found(text, gazetteer)


def test_the_cached_cues_are_keyed_by_the_outlet(gazetteer):
    text = "A man was wounded in a shooting late Saturday, sheriff's deputies said."
    before = us_cues(text, gazetteer)
    with ushosts.reading("http://www.wral.com/news/1/"):
        assert us_cues(text, gazetteer).get("US.NC") == 0.5
        assert market_homes(text, gazetteer)  # Raleigh's market
    with ushosts.reading("http://www.kob.com/news/1/"):
        assert us_cues(text, gazetteer).get("US.NM") == 0.5 and "US.NC" not in us_cues(text, gazetteer)
    assert us_cues(text, gazetteer) == before and not market_homes(text, gazetteer)


def test_a_story_naming_no_state_takes_the_outlets(gazetteer):
    text = ("Teen hurt in accidental shooting\n\nA 15-year-old was taken to a hospital after a gun went off "
            "inside a home Tuesday night, sheriff's deputies said.")
    assert us_state_only(text, gazetteer) == []
    with ushosts.reading("https://www.kentucky.com/news/local/crime/article1.html"):
        assert is_us_story(text, gazetteer)
        [place] = us_state_only(text, gazetteer)
        assert (place.start, place.end, place.location.admin1, place.location.mention) == (0, 0, "Kentucky", None)
        named = text.replace("sheriff's deputies said", "Ohio sheriff's deputies said")
        [place] = us_state_only(named, gazetteer)  # the text's own state wins
        assert place.location.admin1 == "Ohio" and named[place.start : place.end] == "Ohio"


def test_the_words_file_is_checked_when_loaded():
    with pytest.raises(DataFileError) as err:
        ushosts.parse_words("# words\nnews\nDaily News\n", "w.txt")
    assert "line 3" in str(err.value)
    assert ushosts.words().fullmatch("actionnews5")


def test_ingest_keeps_the_url_of_a_jsonl_record(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "a1", "text": "A man was shot on Main Street.", "url": "https://www.wral.com/x/1/"}\n'
                    '{"id": "a2", "text": "A woman was hurt in a shooting."}\n', encoding="utf-8")
    arts = list(read_jsonl(path, published=None, outlet=None))
    assert [a.url for a in arts] == ["https://www.wral.com/x/1/", None]


def test_a_court_after_on_is_a_street_not_a_town(gazetteer):
    text = "Four masked men forced their way into a house on Celebration Court late Sunday, deputies said."
    assert ("Celebration", "Florida") not in found(text, gazetteer)
    assert ("Celebration", "Florida") in found("Deputies were called to a home in Celebration late Sunday.", gazetteer)


def test_a_list_of_counties_names_no_towns(gazetteer):
    text = ("Deputies investigate Franklin Co. shooting\n\nFrost Advisory. Target Area: Bartholomew; Jackson; "
            "Jennings; Decatur\n\nA man was shot at a home in rural Franklin County late Saturday, the sheriff said.")
    assert found(text, gazetteer) == [("Franklin County", "Indiana")]  # not Jackson, Mississippi
    plain = text.replace("Target Area: Bartholomew; Jackson; Jennings; Decatur", "Lows in the 20s.")
    assert ("Franklin County", "Indiana") not in found(plain, gazetteer)


def test_ingest_keeps_the_url_column_of_a_csv(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("id,text,url\nb1,A man was shot on Elm Street.,https://www.kob.com/news/b1/\n", encoding="utf-8")
    [a] = list(read_csv(path, published=None, outlet=None))
    assert a.url == "https://www.kob.com/news/b1/"


def test_the_extractor_reads_the_articles_own_address(extractor):
    text = ("Man dies after shooting outside his home\n\nA man was shot and killed late Sunday outside his home, "
            "sheriff's deputies said. The shooter ran off before deputies arrived.")
    plain = build_article(id="h1", text=text, path="t")
    sited = build_article(id="h2", text=text, path="t", url="http://web.archive.org/web/2016/http://www.kob.com/news/x/")
    [(_, reports)] = list(extractor.pipe([sited]))
    assert [(r.location.admin1, r.location.precision) for r in reports] == [("New Mexico", "region")]
    [(_, reports)] = list(extractor.pipe([plain]))
    assert all(r.location.admin1 is None for r in reports)


def test_a_surname_after_a_nickname_in_quotes_is_no_town(gazetteer):
    text = ("Sophomore dies of gunshot wounds\n\nThe high school posted a statement on the death of sophomore "
            "Marcus “Big M” Webster, who was shot Saturday night. Sheriff's deputies are investigating.")
    assert not any(m == "Webster" for m, _ in found(text, gazetteer))
    assert any(m == "Webster" for m, _ in found(text.replace("Marcus “Big M” Webster, who", "a boy who lived in Webster and"), gazetteer))

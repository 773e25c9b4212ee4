"""Ingest: files and folders to Articles, with a Rejected (file, line, reason) for each bad input."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest

from strikewatch.ingest import CsvColumns, find_dateline, parse_published, read_articles
from strikewatch.model import Article, Rejected

DATA = Path(__file__).parent / "data" / "ingest"
D = dt.date


def read(
    *paths: Path | str, published: dt.date | None = None, outlet: str | None = None, columns: CsvColumns | None = None
) -> list[Article | Rejected]:
    return list(read_articles(paths, published=published, outlet=outlet, columns=columns))


def summary(items: list[Article | Rejected]) -> list[tuple[object, ...]]:
    """(id, line, published, basis) for an article, (line, reason) for a rejection."""
    return [
        (a.id, a.line, a.published, a.published_basis) if isinstance(a, Article) else (a.line, a.reason)
        for a in items
    ]


# --- datelines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,title,fallback,expected,span",
    [
        # a weekly's printed issue date on its own line under the headline: day first
        ("Airstrikes kill 39 civilians\n\nFriday 18/03/2016\nOn Saturday alone", None, None, D(2016, 3, 18), "Friday 18/03/2016"),
        # a wire dateline has no year: the fallback gives the one nearest to it
        ("BEIRUT, March 19 (Reuters) - Air strikes killed", None, D(2016, 3, 20), D(2016, 3, 19), "March 19"),
        ("BEIRUT December 30 (Reuters) - Shelling killed", None, D(2017, 1, 2), D(2016, 12, 30), "December 30"),
        ("Wed 05 Apr 2017 Syria attack symptoms", None, None, D(2017, 4, 5), "Wed 05 Apr 2017"),
        ("March 19, 2016 Strikes hit Raqqa", None, None, D(2016, 3, 19), "March 19, 2016"),
        ("2016-03-19 Shelling of a market", None, None, D(2016, 3, 19), "2016-03-19"),
        # FA-KES shapes (commas stripped): a prefix, a glued day and year, dots and dashes
        ("Last updated at Apr 232017 An Israeli attack", None, None, D(2017, 4, 23), "Apr 232017"),
        ("Published February 18 2015 The Syrian army", None, None, D(2015, 2, 18), "February 18 2015"),
        ("Date of publication 5 July 2016 The bomber", None, None, D(2016, 7, 5), "5 July 2016"),
        ("24.08.2013 Syrian state media accused", None, None, D(2013, 8, 24), "24.08.2013"),
        ("6-09-2013 Extremists in Syria", None, None, D(2013, 9, 6), "6-09-2013"),
        ("Fri Sep 27 2013 Bomb blast kills 60", None, None, D(2013, 9, 27), "Fri Sep 27 2013"),
        # SANA repeats the headline, then prints the date
        ("ISIS executes three people in Raqqa 8 November 2016 SANA Members", "ISIS executes three people in Raqqa",
         None, D(2016, 11, 8), "8 November 2016"),
    ],
)
def test_ingest_dateline_found(
    text: str, title: str | None, fallback: dt.date | None, expected: dt.date, span: str
) -> None:
    found = find_dateline(text, title=title, fallback=fallback)
    assert found is not None
    day, start, end = found
    assert (day, text[start:end]) == (expected, span)


@pytest.mark.parametrize(
    "text",
    [
        "BEIRUT, March 19 (Reuters) - Air strikes killed",  # no year, and no fallback to take one from
        "Air strikes on Raqqa on March 19, 2016 killed 39",  # a date the story tells, mid-sentence
        "Air strikes on Raqqa\n" + "x" * 300 + "\nMarch 19, 2016",  # a line start, but past the window
        "Thursday 18/03/2016 Air strikes",  # 18 March 2016 was a Friday: a weekday that contradicts it
        "31/02/2016 Air strikes",  # no such day
        "Moscow: At least 39 people were killed",  # seed-000: a place dateline without a date
        "10 dead after strikes on rebel-held hospitals in Syria",  # a number at the start, not a day
    ],
)
def test_ingest_dateline_not_guessed(text: str) -> None:
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2016-03-19", D(2016, 3, 19)),
        ("2016-03-19T14:02:00Z", D(2016, 3, 19)),
        ("Sat, 19 Mar 2016 10:00:00 GMT", D(2016, 3, 19)),
        ("19 March 2016", D(2016, 3, 19)),
    ],
)
def test_ingest_published_metadata_parsed(value: str, expected: dt.date) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["03/04/2016", "yesterday", "2 days ago 2016", "19th of Marchember", "March 2016"])
def test_ingest_published_metadata_refused_when_ambiguous_or_relative(value: str) -> None:
    with pytest.raises(ValueError, match="invalid published date"):
        parse_published(value)


# --- text and html ---------------------------------------------------------------------------


def test_ingest_txt_takes_id_from_stem_and_metadata_from_arguments() -> None:
    (a,) = read(DATA / "arab-weekly.txt", published=D(2016, 3, 19), outlet="The Arab Weekly")
    assert isinstance(a, Article)
    assert (a.id, a.outlet, a.published, a.published_basis) == ("arab-weekly", "The Arab Weekly", D(2016, 3, 19), "metadata")
    assert (a.path, a.line) == (str(DATA / "arab-weekly.txt"), None)


def test_ingest_txt_falls_back_on_dateline() -> None:
    (a,) = read(DATA / "arab-weekly.txt")
    assert isinstance(a, Article)
    assert (a.published, a.published_basis) == (D(2016, 3, 18), "dateline")  # "Friday 18/03/2016"


def test_ingest_html_keeps_story_and_drops_boilerplate() -> None:
    (a,) = read(DATA / "raqqa-strikes.html")
    assert isinstance(a, Article)
    assert "At least 39 people were killed or wounded in a series of air strikes" in a.text
    assert "more than 60 people were wounded" in a.text
    for boilerplate in ("Subscribe", "Sport and football", "Celebrity chef", "Copyright", "Privacy policy"):
        assert boilerplate not in a.text
    assert (a.id, a.title) == ("raqqa-strikes", "Air strikes kill 39 in Raqqa, monitor says")
    assert (a.published, a.published_basis) == (D(2016, 3, 19), "metadata")  # article:published_time
    assert a.url == "https://news.example.org/middle-east/raqqa-strikes"


def test_ingest_html_honours_declared_charset() -> None:
    (a,) = read(DATA / "cp1252-declared.html")
    assert isinstance(a, Article)
    assert "hit a café near Deir ez-Zor" in a.text
    assert (a.published, a.published_basis) == (None, None)  # no date in the markup, no dateline


def test_ingest_rejects_text_that_is_not_utf8() -> None:
    (r,) = read(DATA / "latin1.txt")
    assert isinstance(r, Rejected)
    assert (r.stage, r.path, r.reason) == ("ingest", str(DATA / "latin1.txt"), "not UTF-8 text (byte 0xe9 at offset 51)")


def test_ingest_rejects_empty_file() -> None:
    (r,) = read(DATA / "empty.txt")
    assert isinstance(r, Rejected)
    assert (r.reason, r.article) == ("empty text", "empty")


def test_ingest_rejects_missing_path_and_unknown_type() -> None:
    items = read(DATA / "no-such-file.txt", DATA / "README.md")
    assert [str(r) for r in items] == [
        f"{DATA / 'no-such-file.txt'}: no such file or folder",
        f"{DATA / 'README.md'}: unsupported file type '.md' (expected .txt, .html, .htm, .jsonl, .csv, .parquet)",
    ]


def test_ingest_rejects_repeated_id_naming_the_first() -> None:
    first, second = read(DATA / "arab-weekly.txt", DATA / "arab-weekly.txt")
    assert isinstance(first, Article) and isinstance(second, Rejected)
    assert second.reason == f"duplicate article id arab-weekly (first at {DATA / 'arab-weekly.txt'})"


# --- jsonl -----------------------------------------------------------------------------------


def test_ingest_jsonl_sets_bad_lines_aside_and_goes_on() -> None:
    items = read(DATA / "manifest.jsonl")
    assert summary(items) == [
        ("m-1", 1, D(2016, 3, 19), "metadata"),
        ("m-2", 2, D(2016, 3, 18), "dateline"),  # file arab-weekly.txt, no published: "Friday 18/03/2016"
        (3, "invalid JSON: Expecting ',' delimiter (column 37)"),
        ("m-4", 4, D(2017, 4, 5), "dateline"),  # "Wed 05 Apr 2017"
        (5, "neither 'text' nor 'file' given"),
        (6, "no-such-article.txt: file not found"),
        (7, "invalid published date '19th of Marchember': write it as YYYY-MM-DD"),
        (8, f"duplicate article id m-1 (first at {DATA / 'manifest.jsonl'}:1)"),
        (items[8].id, 9, D(2016, 3, 19), "metadata"),  # no id: one from its text; "19 March 2016"
    ]
    assert items[8].id.startswith("txt-")  # never the line number: a line added above must not move it
    m4 = items[3]
    assert isinstance(m4, Article)
    assert (m4.outlet, m4.title, m4.url) == ("nna", "Syria attack symptoms", "https://example.org/nna/1")


def test_ingest_jsonl_file_may_be_a_web_page(tmp_path: Path) -> None:
    manifest = tmp_path / "pages.jsonl"
    line = {"id": "p-1", "file": str(DATA / "raqqa-strikes.html"), "outlet": "Example News", "title": "Raqqa"}
    manifest.write_text(json.dumps(line) + "\n", encoding="utf-8")
    (a,) = read(manifest)
    assert isinstance(a, Article)
    # the manifest's own fields win over the page's metadata; the date comes from the page
    assert (a.id, a.outlet, a.title, a.published) == ("p-1", "Example News", "Raqqa", D(2016, 3, 19))
    assert (a.path, a.line) == (str(manifest), 1)
    assert "Celebrity chef" not in a.text


def test_ingest_jsonl_reads_seed_manifest(shared: Path) -> None:
    items = [a for a in read(shared / "corpus" / "seeds" / "articles.jsonl") if isinstance(a, Article)]
    assert [(a.id, a.outlet, a.published, a.published_basis, a.line) for a in items] == [
        ("seed-000", "Gulf News", D(2016, 3, 20), "metadata", 1),
        ("seed-001", "The Arab Weekly", D(2016, 3, 18), "metadata", 2),
        ("seed-002", "Arab News", D(2017, 8, 21), "metadata", 3),
    ]
    assert items[0].text.startswith("Moscow: At least 39 people were killed or wounded")


def test_ingest_folder_reads_manifest_files_once(shared: Path) -> None:
    # seeds/ holds articles.jsonl and the three .txt files it names: three articles, not six
    assert [a.id for a in read(shared / "corpus" / "seeds") if isinstance(a, Article)] == [
        "seed-000", "seed-001", "seed-002",
    ]


def test_ingest_folder_is_recursive_sorted_and_skips_hidden_files() -> None:
    items = read(DATA / "folder")
    # the manifest's two files through the manifest, then nested/loose.txt; not .hidden/, not readme.md
    assert summary(items) == [
        ("f-1", 1, D(2016, 3, 20), "metadata"),
        ("f-2", 2, D(2017, 8, 21), "metadata"),
        ("loose", None, D(2016, 3, 19), "dateline"),  # "2016-03-19 Shelling of a market"
    ]


# --- csv -------------------------------------------------------------------------------------


def test_ingest_csv_reads_usual_columns() -> None:
    items = read(DATA / "generic.csv", outlet="fallback outlet")
    assert summary(items) == [
        ("gen-1", 2, D(2016, 3, 20), "metadata"),
        ("gen-2", 3, None, None),  # the row spans lines 3-5: its line is where it starts
        ("gen-3", 6, D(2016, 3, 19), "dateline"),  # "March 19, 2016 Strikes hit Raqqa again."
        (7, "empty text (column 'text')"),
        (8, "invalid published date '03/04/2016': write it as YYYY-MM-DD"),
    ]
    gen1, gen2 = items[0], items[1]
    assert isinstance(gen1, Article) and isinstance(gen2, Article)
    assert (gen1.outlet, gen1.title, gen1.url) == ("Gulf News", "Raqqa strikes", "https://example.org/1")
    assert gen2.text == 'Palmyra was hit by at least 70 strikes.\n\nThe monitor said "dozens" were killed.'


def test_ingest_csv_without_text_column_is_one_rejection() -> None:
    (r,) = read(DATA / "unknown-columns.csv")
    assert isinstance(r, Rejected)
    assert r.line is None
    assert r.reason == "no text column (text, content, body or a CsvColumns mapping); columns: headline, summary, score"


def test_ingest_csv_column_mapping() -> None:
    columns = CsvColumns(id="doc_no", text="story", outlet="paper", published="day")
    items = read(DATA / "mapped-columns.csv", columns=columns)
    assert summary(items) == [("x-1", 2, D(2016, 3, 20), "metadata"), ("x-2", 3, D(2015, 2, 12), "dateline")]
    assert [a.title for a in items if isinstance(a, Article)] == ["Raqqa strikes", "Deir ez-Zor"]  # "headline"


def test_ingest_csv_mapping_names_a_missing_column() -> None:
    (r,) = read(DATA / "mapped-columns.csv", columns=CsvColumns(text="body"))
    assert isinstance(r, Rejected)
    assert r.reason == "no column 'body' (CsvColumns.text); columns: doc_no, headline, story, paper, day"


def test_ingest_csv_bad_byte_rejects_only_its_row() -> None:
    assert summary(read(DATA / "bad-byte.csv")) == [
        ("b-1", 2, None, None),
        (3, "not UTF-8 text (byte 0xe9 at offset 21)"),
        ("b-3", 4, None, None),
    ]


def test_ingest_csv_open_quote_stops_the_file_with_its_line() -> None:
    # without strict quoting, q-3 would silently become part of q-2's text
    assert summary(read(DATA / "open-quote.csv")) == [
        ("q-1", 2, None, None),
        (3, "malformed CSV: unexpected end of data; the rest of the file is not read"),
    ]


def test_ingest_csv_fakes_date_is_not_publication() -> None:
    items = read(DATA / "fakes-sample.csv")
    assert summary(items) == [
        ("101", 2, D(2017, 4, 5), "dateline"),  # "Wed 05 Apr 2017"
        ("102", 3, None, None),  # no dateline: the incident date 4/27/2017 is not taken
        ("103", 4, D(2016, 10, 1), "dateline"),  # "MOSCOW October 1 (RIA Novosti)", year from 10/1/2016
        ("104", 5, D(2016, 12, 30), "dateline"),  # "BEIRUT December 30 (Reuters)" for an incident on 1/2/2017
    ]
    first = items[0]
    assert isinstance(first, Article)
    assert (first.outlet, first.title) == ("nna", "Syria attack symptoms consistent with nerve agent use WHO")


def test_ingest_csv_reads_fakes(shared: Path) -> None:
    items = read(shared / "corpus" / "fa-kes" / "FA-KES-Dataset.csv")
    articles = [a for a in items if isinstance(a, Article)]
    rejected = [r for r in items if isinstance(r, Rejected)]
    assert len(items) == 804  # every row, one item each
    # 12 rows repeat a unit_id (mostly the same story labelled twice, once 0 and once 1)
    assert (len(articles), len(rejected)) == (792, 12)
    assert all(r.reason.startswith("duplicate article id 19") for r in rejected)
    first = articles[0]
    assert (first.id, first.outlet, first.published, first.line) == ("1914947530", "nna", D(2017, 4, 5), 2)
    assert len({a.outlet for a in articles}) == 15
    # the `date` column is the incident's date: published only ever comes from a dateline
    # most ahram articles print "<headline> AFP Sunday 26 Jul 2015": 736 of 792 carry a dateline
    assert Counter(a.published_basis for a in articles) == {"dateline": 736, None: 56}


def test_ingest_parquet_rows_are_articles_and_a_bad_row_names_its_number(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "feed.parquet"
    pq.write_table(pa.table({
        "id": ["p1", None, "p3"],
        "text": ["Air strikes killed 12 civilians in Idlib on Monday, activists said.",
                 "Shelling killed two people in Douma, state media said.", "   "],
        "outlet": ["Wire", "Wire", "Wire"],
        "published": ["2017-03-21", "2017-03-22", "2017-03-23"],
    }), path)
    items = list(read_articles([path]))
    articles = [a for a in items if isinstance(a, Article)]
    bad = [r for r in items if isinstance(r, Rejected)]
    assert [(a.id, str(a.published), a.line) for a in articles] == [("p1", "2017-03-21", 1), (articles[1].id, "2017-03-22", 2)]
    assert articles[1].id.startswith("txt-")
    assert len(bad) == 1 and bad[0].line == 3 and "empty text" in bad[0].reason


# --- hostile input: control characters, limits, identity, language, folders -------------------


GOOD = ("Government shelling killed four civilians in the town of Saraqeb on Monday, a local monitor "
        "said, adding that two children were among the dead.")


def _jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_ingest_removes_control_characters_and_normalises_unicode(tmp_path: Path) -> None:
    text = "Saraqe\u0301b\x00 was shelled\x07 on Monday;\tfour were killed.\r\nA monitor said so."
    (art,) = read(_jsonl(tmp_path / "feed.jsonl", [{"id": "c1\x00", "text": text, "title": "Shel\x1bling"}]))
    assert isinstance(art, Article)
    assert art.text == "Saraqéb was shelled on Monday;\tfour were killed.\nA monitor said so."  # NFC: one é
    assert (art.id, art.title) == ("c1", "Shelling")


def test_ingest_rejects_a_text_of_control_characters(tmp_path: Path) -> None:
    (tmp_path / "zeros.txt").write_bytes(b"\x00" * 4096)
    (tmp_path / "binary.txt").write_bytes(b"PK\x03\x04" + b"\x01\x02\x00" * 300 + b"ok")
    zeros, binary = read(tmp_path / "zeros.txt", tmp_path / "binary.txt")
    assert isinstance(zeros, Rejected) and "no text but control characters (4,096 removed)" in zeros.reason
    assert isinstance(binary, Rejected) and "mostly control characters" in binary.reason


def test_ingest_sets_aside_what_is_over_the_size_limit_and_goes_on(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("STRIKEWATCH_MAX_ARTICLE_CHARS", "1000")
    (tmp_path / "huge.txt").write_text("word " * 2000, encoding="utf-8")  # 10 kB: never read
    feed = _jsonl(tmp_path / "feed.jsonl", [
        {"id": "long", "text": "x " * 600},  # 1,200 characters: read, then refused
        {"id": "line", "text": "y" * 80_000},  # a line over what any article can take: skipped unread
        {"id": "ok", "text": GOOD},
    ])
    (huge,) = read(tmp_path / "huge.txt")
    assert isinstance(huge, Rejected) and "10,000 bytes, over the 4,000 bytes" in huge.reason
    long_, line, ok = read(feed)
    assert isinstance(long_, Rejected) and "text is 1,200 characters, over the limit of 1,000" in long_.reason
    assert isinstance(line, Rejected) and line.line == 2 and "not read" in line.reason
    assert isinstance(ok, Article) and ok.id == "ok"


def test_ingest_csv_huge_field_sets_aside_its_row_only(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("STRIKEWATCH_MAX_ARTICLE_CHARS", "1000")
    path = tmp_path / "feed.csv"
    path.write_text(f"id,text\nbig,{'z' * 80_000}\nok,\"{GOOD}\"\n", encoding="utf-8")
    big, ok = read(path)
    assert isinstance(big, Rejected) and big.line == 2 and "not read" in big.reason
    assert isinstance(ok, Article) and ok.id == "ok"


def test_ingest_ids_of_idless_rows_come_from_content_not_line(tmp_path: Path) -> None:
    rows = [{"text": GOOD, "published": "2018-03-05"},
            {"text": "Two people were wounded by a sniper in Daraa city.", "url": "https://example.org/daraa"}]
    first = [a.id for a in read(_jsonl(tmp_path / "a.jsonl", rows))]
    later = [a.id for a in read(_jsonl(tmp_path / "a.jsonl", [{"text": "A new story on top.", "id": "n"}, *rows]))]
    assert later[1:] == first and first[0].startswith("txt-") and first[1].startswith("url-")
    csv_path = tmp_path / "a.csv"
    csv_path.write_text(f'text\n"{GOOD}"\n', encoding="utf-8")
    one = read(csv_path)[0].id
    csv_path.write_text(f'text\nAn earlier row.\n"{GOOD}"\n', encoding="utf-8")
    assert read(csv_path)[1].id == one


def test_ingest_detects_the_language_and_keeps_a_given_one(tmp_path: Path) -> None:
    arabic = "قالت مصادر محلية إن قصفا مدفعيا استهدف سوقا شعبيا في المدينة صباح الاثنين وأدى إلى مقتل أربعة مدنيين"
    french = ("Quatre civils ont été tués lundi par des bombardements sur le marché de la ville, selon une "
              "organisation locale qui surveille le conflit.")
    items = read(_jsonl(tmp_path / "feed.jsonl", [
        {"id": "en", "text": GOOD}, {"id": "ar", "text": arabic}, {"id": "fr", "text": french},
        {"id": "short", "text": "Jets: 30 killed in Douma."}, {"id": "given", "text": GOOD, "language": "EN"}]))
    assert {a.id: a.language for a in items if isinstance(a, Article)} == {
        "en": "en", "ar": "ar", "fr": "fr", "short": "en", "given": "en"}


def test_ingest_folder_reports_loops_and_unreadable_entries_and_goes_on(tmp_path: Path, monkeypatch) -> None:
    import os

    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "loop-a.txt").symlink_to("loop-b.txt")
    (folder / "loop-b.txt").symlink_to("loop-a.txt")
    (folder / "sub" / "up").symlink_to("..")  # a folder link back up the tree
    (folder / "gone.txt").symlink_to("nowhere.txt")
    (folder / "closed").mkdir()
    real_scandir = os.scandir

    def scandir(path):  # the suite may run as root, which no permission bit stops
        if str(path).endswith("closed"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = read(folder)
    assert [a.id for a in items if isinstance(a, Article)] == ["good"]
    reasons = {Path(r.path).name: r.reason for r in items if isinstance(r, Rejected)}
    assert reasons == {"loop-a.txt": "symlink loop", "loop-b.txt": "symlink loop", "up": reasons["up"],
                       "gone.txt": "broken link: its target does not exist", "closed": "permission denied"}
    assert "symlink loop" in reasons["up"]
    manifest = _jsonl(folder / "m.jsonl", [{"id": "via-loop", "file": "loop-a.txt"}])
    (bad,) = read(manifest)
    assert isinstance(bad, Rejected) and "symlink loop" in bad.reason


def test_ingest_folder_reports_a_path_too_long_for_the_system(tmp_path: Path) -> None:
    import os

    name = "d" * 200
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        for _ in range(25):  # 5,000 bytes of path: over Linux's 4,096
            os.mkdir(name, dir_fd=fd)
            nxt = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nxt
        with open(os.open("deep.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "w") as handle:
            handle.write(GOOD)
    finally:
        os.close(fd)
    (tmp_path / "near.txt").write_text(GOOD, encoding="utf-8")
    items = read(tmp_path)
    assert [a.id for a in items if isinstance(a, Article)] == ["near"]
    (too_long,) = [r for r in items if isinstance(r, Rejected)]
    assert "path too long for the system" in too_long.reason


def test_ingest_empty_inputs_are_named(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text("\n\n", encoding="utf-8")
    (tmp_path / "header.csv").write_text("id,text\n", encoding="utf-8")
    jsonl, csv_ = read(tmp_path / "empty.jsonl", tmp_path / "header.csv")
    assert isinstance(jsonl, Rejected) and "no articles" in jsonl.reason
    assert isinstance(csv_, Rejected) and "header row only" in csv_.reason

"""The scoreboard on monitors' datasets: `strikewatch evaluate --acled/--airwars/--gva/--ucdp`.

Fixtures in tests/data/evaluate are written for these tests (invented events). The arithmetic is
checked against hand-built system reports, so it does not move when extraction improves; one test
per mode runs the real extractor through the CLI, and one runs on ../shared's corpora when present.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strikewatch.cli import app
from strikewatch.evaluate.baseline import regex_date, regex_killed
from strikewatch.evaluate.corpora import CorpusError, in_split, read_acled, read_airwars, read_gva, read_ucdp
from strikewatch.evaluate.corpus_score import (
    CorpusScore,
    Fig,
    names_place,
    score_acled,
    score_airwars,
    score_gva,
    score_ucdp,
)
from strikewatch.evaluate.quality import main as quality_main
from strikewatch.evaluate.quality_md import corpus_table
from strikewatch.evaluate.readings import same_actor
from strikewatch.evaluate.run_corpus import evaluate_corpus, select
from strikewatch.model import Analysis, Article, ArticlePlaces, Incident, Location, Report

DATA = Path(__file__).parent / "data" / "evaluate"
KM_PER_DEG_LAT = 111.195
runner = CliRunner()


def rep(rid: str, article: str, *, killed: dict | None = None, injured: dict | None = None, day: str | None = None,
        event_type: str = "Battles", sub: str = "Armed clash", admin1: str | None = None,
        at: tuple[float, float] | None = None, kind: str = "incident", victims: dict | None = None,
        actors: list[str] | None = None) -> Report:
    claim = {"killed": killed, "injured": injured, "victims": victims or {}}
    return Report.model_validate({
        "id": rid, "article": article, "kind": kind, "event_type": event_type, "sub_event_type": sub,
        "perpetrator": {"actors": actors or [], "attribution": "alleged" if actors else "unknown"},
        "date": {"start": day, "end": day} if day else {},
        "location": {"admin1": admin1, **({"lat": at[0], "lon": at[1]} if at else {})}, "claims": [claim]})


def north(lat: float, lon: float, km: float) -> tuple[float, float]:
    return lat + km / KM_PER_DEG_LAT, lon


def figs(s: CorpusScore) -> dict[str, tuple[int, int]]:
    return {k: (f.right, f.of) for k, f in s.figures.items() if f.of}


# --- the split and the sample ---------------------------------------------------------------------


def test_split_is_four_in_five_by_the_sha1_of_the_row_id():
    # pinned: of the ids "0".."39" exactly these have a SHA-1 divisible by 5 (the check split)
    assert [i for i in range(40) if in_split(str(i), "check")] == [4, 35, 37]
    ids = [f"row-{i}" for i in range(2000)]
    dev, check = [i for i in ids if in_split(i, "dev")], [i for i in ids if in_split(i, "check")]
    assert sorted(dev + check) == sorted(ids) and not set(dev) & set(check)
    assert 0.17 < len(check) / len(ids) < 0.23
    assert all(in_split(i, "all") for i in ids[:50])


def test_select_takes_the_split_first_then_a_fixed_sample():
    rows = read_gva(DATA / "gva")
    assert [r.id for r in select(rows, "check")] == ["5003"]
    assert [r.id for r in select(rows, "dev")] == ["5001", "5002"]
    first = [r.id for r in select(rows, "all", limit=2)]
    assert len(first) == 2 and first == [r.id for r in select(list(reversed(rows)), "all", limit=2)]
    assert first == sorted(["5001", "5002", "5003"], key=lambda i: hashlib.sha1(("q" + i).encode()).hexdigest())[:2]
    with pytest.raises(ValueError, match="split"):
        select(rows, "test")


# --- readers ----------------------------------------------------------------------------------


def test_acled_reader_takes_both_taxonomies_and_both_column_cases():
    current = read_acled(DATA / "acled-current.csv")
    assert [r.id for r in current] == ["9000101", "9000102", "9000103", "9000104"]
    assert str(current[0].gold["date"]) == "2021-04-03" and current[0].gold["sub_event_type"] == "Armed clash"
    assert current[0].articles[0].published == current[0].gold["date"]  # as devscore: the coded day
    older = {r.id: r for r in read_acled(DATA / "acled-older.csv")}
    assert older["IND9002"].gold["event_types"] == {"Protests", "Riots"}  # Riots/Protests is either today
    assert older["IND9003"].gold["event_types"] == {"Battles"} and older["IND9003"].gold["sub_event_type"] is None
    assert "\n" in older["IND9002"].articles[0].text  # a multi-line cell stays one note
    assert str(older["PAK9001"].gold["date"]) == "2015-05-12"


def test_gva_reader_groups_articles_by_incident_capped_and_skips_empty_or_uncoded():
    rows = {r.id: r for r in read_gva(DATA / "gva")}
    assert set(rows) == {"5001", "5002", "5003"}  # incident 9999 is not in incidents.jsonl
    # d3 has no content; d6 is the fifth with content: four articles an incident, as devscore
    assert [a.id for a in rows["5001"].articles] == ["d1", "d2", "d4", "d5"]
    assert rows["5001"].articles[0].text.startswith("Man killed, two hurt in Dayton shooting\n\n")
    assert rows["5002"].gold["lat"] is None and rows["5001"].gold["killed"] == 1
    # the archived page's address is kept as the article's url (its outlet is a cue: extract/ushosts.py)
    assert rows["5001"].articles[0].url.endswith("//www.daytondailynews.com/news/crime/man-killed-two-hurt/")
    assert rows["5001"].articles[1].url is None


def test_ucdp_reader_skips_the_hashtag_row_and_reads_headlines_as_paragraphs():
    rows = read_ucdp(DATA / "ucdp.csv")
    assert [r.id for r in rows] == ["880001", "880002", "880003"]
    a = rows[0].articles[0]
    assert a.text == "Three soldiers killed near Avdiivka\n\nArmy reports losses"
    assert str(a.published) == "2015-02-04" and a.outlet == "Wire A"  # the latest source's day
    assert (rows[0].gold["low"], rows[0].gold["best"], rows[0].gold["high"]) == (3, 3, 4)


def test_a_bad_row_names_the_file_and_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text((DATA / "acled-current.csv").read_text().replace('"5 April 2021"', '"the fifth of April"'))
    with pytest.raises(CorpusError, match=r"bad\.csv, line 3: unreadable date"):
        read_acled(bad)
    with pytest.raises(CorpusError, match="no column"):
        read_acled(DATA / "ucdp.csv")
    res = runner.invoke(app, ["evaluate", "--acled", str(bad)])
    assert res.exit_code == 2 and "line 3" in res.output


# --- arithmetic on hand-built reports ---------------------------------------------------------


def test_acled_figures():
    rows = read_acled(DATA / "acled-current.csv")
    kandahar, baghlan = (31.6425, 65.6603), (35.9446, 68.7151)
    a = Analysis(reports=[
        # 4 killed, told as 3 + 1 in two reports: the sum is the row's toll
        rep("1a", "9000101", killed={"best": 3}, day="2021-04-03", admin1="Kandahar Province", at=north(*kandahar, 3)),
        rep("1b", "9000101", killed={"low": 1}, day="2021-04-03"),
        # gold 0 and the system says 0: right; a day off; 10 km off; the wrong sub-type
        rep("2a", "9000102", killed={"best": 0}, day="2021-04-04", event_type="Explosions/Remote violence",
            sub="Air/drone strike", at=north(*baghlan, 10)),
        # a tally is not the row's event: its 7 does not count
        rep("3a", "9000103", killed={"best": 7}, day="2021-04-06", kind="aggregate"),
        # gold 0, the system invents 2: wrong
        rep("4a", "9000104", killed={"best": 2}, day="2021-04-08"),
    ])
    s = score_acled(rows, a)
    assert figs(s) == {"fatalities": (2, 4), "fatalities_nonzero": (1, 2), "date": (2, 4), "event_type": (2, 4),
                       "sub_event_type": (1, 4), "admin1": (1, 4), "place_5km": (1, 4), "place_25km": (2, 4),
                       # two Taliban rows, no actor read; the unidentified group's row names nobody: right
                       "perpetrator": (0, 2), "perpetrator_group": (0, 2), "perpetrator_unidentified": (1, 1)}
    # the regex reads "4 soldiers were killed" and "left seven militants dead", and finds no toll in the others
    assert [regex_killed(r.articles[0].text) for r in rows] == [4, 0, 7, 0]
    assert (s.baseline["fatalities"].right, s.baseline["fatalities_nonzero"].right, s.baseline["date"].right) == (4, 2, 4)
    doc = s.as_json()
    assert doc["figures"]["fatalities"] == {"value": 0.5, "right": 2, "of": 4, "regex": 1.0}


def test_acled_perpetrator_matches_a_family_of_names_and_leaves_crowds_out():
    rows = read_acled(DATA / "acled-older.csv")
    a = Analysis(reports=[
        # an unidentified group's row: naming somebody is wrong
        rep("u", "PAK9001", actors=["Tehreek-i-Taliban Pakistan"]),
        rep("p", "IND9002", actors=["India"]),  # protesters: not in the figure, whatever is read
        # "Police Forces of India (2014-)" goes by its country
        rep("s", "IND9003", actors=["India", "CPI (Maoist)"]),
    ])
    s = score_acled(rows, a)
    assert figs(s)["perpetrator"] == (1, 1) and figs(s)["perpetrator_state"] == (1, 1)
    assert figs(s)["perpetrator_unidentified"] == (0, 1)
    assert same_actor("CPI (Maoist): Communist Party of India (Maoist)", [rep("m", "x", actors=["CPI (Maoist)"])])
    assert same_actor("TTP: Tehreek-i-Taliban Pakistan", [rep("t", "x", actors=["TTP"])])
    assert same_actor("Islamic State (Afghanistan)", [rep("k", "x", actors=["Islamic State (Khorasan)"])])
    assert same_actor("Military Forces of Democratic Republic of Congo (2001-)",
                      [rep("c", "x", actors=["Democratic Republic of the Congo"])])
    # one group's name inside another's is not that group: the Taliban are not the Pakistani Taliban
    assert not same_actor("TTP: Tehreek-i-Taliban Pakistan", [rep("t", "x", actors=["Taliban"])])
    assert not same_actor("Taliban", [rep("t", "x", actors=["State forces"])])


def test_older_acled_scores_event_type_only():
    rows = read_acled(DATA / "acled-older.csv")
    a = Analysis(reports=[rep("p", "IND9002", event_type="Riots", day="2015-05-14"),
                          rep("b", "IND9003", event_type="Battles", killed={"best": 2})])
    s = score_acled(rows, a)
    assert figs(s)["event_type"] == (2, 3) and "sub_event_type" not in figs(s)
    assert "sub_event_type" not in s.as_json()["figures"]  # nothing to measure: not shown as 0


def test_airwars_ranges_and_victim_categories():
    rows = read_airwars(DATA / "airwars.jsonl")
    home = (31.5069, 34.4409)
    a = Analysis(reports=[
        rep("1a", "TEST0001", killed={"best": 3}, day="2023-11-02", at=north(*home, 3), victims={"children": {"best": 2}}),
        rep("1b", "TEST0001", killed={"best": 2}, victims={"women": {"best": 2}}),  # 3 + 2 = 5 killed; 2 women is wrong
        rep("2a", "TEST0002", killed={"best": 4}, day="2023-11-06"),  # 4 lies in 3..6
    ])
    s = score_airwars(rows, a)
    # TEST0003 gives no toll ("Unknown"): not counted; it has a point, and no report near it
    assert figs(s) == {"killed_in_range": (2, 2), "children_in_range": (1, 1), "women_in_range": (0, 1),
                       "date": (1, 3), "place_5km": (1, 2), "place_25km": (1, 2)}
    # "five civilians were killed" is in range; "between 3 and 6 people" is no regex toll; "2nd November, 2023"
    assert (s.baseline["killed_in_range"].right, s.baseline["killed_in_range"].of) == (1, 2)
    assert s.baseline["date"].right == 1 and str(regex_date(rows[0].articles[0].text)) == "2023-11-02"


def test_gva_link_figures_pairwise_bcubed_and_incident_count():
    rows = read_gva(DATA / "gva")  # gold: {d1 d2 d4 d5} {d7} {d9}
    reports = [rep("r1", "d1", killed={"best": 1}, injured={"best": 2}, admin1="Ohio"), rep("r2", "d2"),
               rep("r4", "d4"), rep("r5", "d5"), rep("r7", "d7", injured={"best": 1}), rep("r9", "d9")]
    incs = [Incident(id="I0", reports=["r1", "r2"]), Incident(id="I1", reports=["r4", "r9"]),
            Incident(id="I2", reports=["r7"]), Incident(id="I3", reports=["r5"])]
    s = score_gva(rows, Analysis(reports=reports, incidents=incs))
    pw, b3, n = s.linking["pairwise"], s.linking["bcubed"], s.linking["incidents"]
    # 6 gold pairs inside 5001; the system joins d1-d2 (right) and d4-d9 (wrong)
    assert (pw["tp"], pw["fp"], pw["fn"]) == (1, 1, 5)
    assert (pw["precision"], pw["recall"], pw["f1"]) == (0.5, 0.167, 0.25)
    # B-cubed by hand: precision (1 + 1 + 1/2 + 1 + 1 + 1/2) / 6, recall (1/2 + 1/2 + 1/4 + 1/4 + 1 + 1) / 6
    assert (b3["precision"], b3["recall"]) == (0.833, 0.583) and b3["f1"] == pytest.approx(0.686, abs=0.001)
    assert n == {"system": 4, "gold": 3, "error": 0.333}
    # each article's main incident: d1 d2 -> I0, d4 d9 -> I1, d7 -> I2, d5 -> I3: all four again
    assert s.linking["incidents_main"] == {"system": 4, "gold": 3, "error": 0.333}
    # per article: d1 says 1 killed, 2 injured (right); d2 d4 d5 say nothing (wrong: gold 1 and 2);
    # d7 (gold 0 killed, 1 injured) gives no toll and 1 injured: both right; d9 (gold 2 killed, 0
    # injured) gives nothing: killed wrong, injured right
    assert figs(s)["killed"] == (2, 6) and figs(s)["injured"] == (3, 6) and figs(s)["state"] == (1, 6)
    assert figs(s)["state_reported"] == (1, 6)  # every article here has a report (d2 ... d9 with no admin1)


def test_gva_main_incident_count_leaves_out_the_other_incidents_an_article_tells():
    rows = read_gva(DATA / "gva")  # gold: {d1 d2 d4 d5} {d7} {d9}
    # d1 tells its shooting and then another town's (r1b); d2 tells the same shooting, then a past one
    reports = [rep("r1", "d1"), rep("r1b", "d1"), rep("r2", "d2"), rep("r2b", "d2"), rep("r4", "d4"),
               rep("r5", "d5"), rep("r7", "d7"), rep("r9", "d9")]
    incs = [Incident(id="I0", reports=["r1", "r2", "r4", "r5"]), Incident(id="I1", reports=["r1b"]),
            Incident(id="I2", reports=["r2b"]), Incident(id="I3", reports=["r7"]), Incident(id="I4", reports=["r9"])]
    s = score_gva(rows, Analysis(reports=reports, incidents=incs))
    assert s.linking["incidents"] == {"system": 5, "gold": 3, "error": 0.667}
    assert s.linking["incidents_main"] == {"system": 3, "gold": 3, "error": 0.0}


def test_gva_state_where_a_report_is_made_leaves_out_articles_without_one():
    rows = read_gva(DATA / "gva")
    reports = [rep("r1", "d1", killed={"best": 1}, admin1="Ohio"), rep("r2", "d2", admin1="Ohio")]
    s = score_gva(rows, Analysis(reports=reports, incidents=[Incident(id="I0", reports=["r1", "r2"])]))
    assert figs(s)["state"] == (2, 6)  # d4 ... d9 made no report: wrong for "state"
    assert figs(s)["state_reported"] == (2, 2)


def test_ucdp_ranges_dates_and_admin1_where_the_headline_names_a_place():
    rows = read_ucdp(DATA / "ucdp.csv")
    assert [names_place(r.articles[0].text, r.gold["places"]) for r in rows] == [True, False, True]
    a = Analysis(reports=[
        rep("1", "880001", killed={"best": 3}, day="2015-02-03", admin1="Donets'ka Oblast'", at=(48.14, 37.76)),
        rep("2", "880002", day="2016-06-11"),  # within 10..11 June; no figure while UCDP's low is 1: wrong
        rep("3", "880003", day="2017-03-20", admin1="Luhansk"),
    ])
    s = score_ucdp(rows, a)
    assert figs(s) == {"deaths_in_range": (1, 3), "date": (2, 3), "admin1_named": (1, 2), "admin1_told": (1, 2),
                       "admin1_named_reports": (1, 2), "place_25km": (1, 3)}
    assert s.baseline["deaths_in_range"].right == 1  # only "Three soldiers killed" has a person noun


def test_ucdp_admin1_falls_back_to_the_articles_place_only_where_no_incident_was_read():
    rows = read_ucdp(DATA / "ucdp.csv")
    donetsk = Location(name="Horlivka", admin1="Donetsk Oblast", precision="city")
    a = Analysis(
        reports=[rep("1", "880001", admin1="Luhansk Oblast"),  # an incident read, in the wrong oblast
                 rep("3", "880003", admin1="Donetsk Oblast", kind="aggregate")],  # a tally: no incident
        # the text's own place: ignored for 880001 (its incident report decides), used for 880003
        places=[ArticlePlaces(article="880001", main=Location(admin1="Donetsk Oblast")),
                ArticlePlaces(article="880003", main=donetsk, places=[donetsk])])
    s = score_ucdp(rows, a)
    assert figs(s)["admin1_named"] == (1, 2) and figs(s)["admin1_told"] == (1, 2)
    assert figs(s)["admin1_named_reports"] == (0, 2)


def test_gold_mode_counts_incidents_against_the_gold():
    from test_evaluate import analysis, gold_report, gold_set, sys_report

    from strikewatch.evaluate.score import as_json, score

    gold = gold_set(gold_report("g1", article="a"), gold_report("g2", article="b"), gold_report("g3", article="b",
                    day="2016-03-25"), incidents=[{"id": "G1", "reports": ["g1", "g2"]}, {"id": "G2", "reports": ["g3"]}])
    # s1 and s2 are kept apart (two incidents), s3 is linked to nothing (its own), the tally is no incident,
    # and article z is not annotated: 3 incidents seen against 2
    a = analysis(sys_report("s1", article="a"), sys_report("s2", article="b"), sys_report("s3", article="b", day="2016-03-25"),
                 sys_report("t", article="b", kind="aggregate"), sys_report("z1", article="z"), clusters=[["s1"], ["s2"], ["z1"]])
    ls = score(gold, a).linking
    assert (ls.incidents_system, ls.incidents_gold, ls.incident_error) == (3, 2, 0.5)
    assert as_json(score(gold, a))["linking"]["incidents"] == {"system": 3, "gold": 2, "error": 0.5}


def test_quality_table_sets_dev_beside_check_with_the_regex():
    def score(right: int, base: int) -> CorpusScore:
        return CorpusScore("acled", "dev", 4, 4, {"fatalities": Fig(right, 4), "sub_event_type": Fig(0, 0)},
                           {"fatalities": Fig(base, 4)})

    md = corpus_table("ACLED test", "x.csv", score(2, 3), score(1, 4), 3.0)
    assert "| fatalities exact | 0.500 (2/4) | 0.750 | 0.250 (1/4) | 1.000 |" in md
    assert "sub-event" not in md


def test_quality_skips_cleanly_without_shared(tmp_path, capsys):
    out = tmp_path / "quality.md"
    assert quality_main(["--shared", str(tmp_path / "nowhere"), "--out", str(out)]) == 0
    assert not out.exists() and "not found" in capsys.readouterr().err


# --- the real extractor, through the CLI ------------------------------------------------------


@pytest.mark.parametrize("option, path, rows", [("--acled", "acled-current.csv", 4), ("--airwars", "airwars.jsonl", 3),
                                                ("--gva", "gva", 3), ("--ucdp", "ucdp.csv", 3)])
def test_cli_runs_each_mode_in_process_as_json_and_table(extractor, option, path, rows):
    res = runner.invoke(app, ["evaluate", option, str(DATA / path), "--json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["schema"] == "strikewatch-corpus-eval/1" and doc["rows"] == rows and doc["split"] == "all"
    assert all(0 <= f["value"] <= 1 and f["of"] > 0 for f in doc["figures"].values())
    if option == "--gva":
        assert doc["articles"] == 6 and doc["linking"]["incidents"]["gold"] == 3
    table = runner.invoke(app, ["evaluate", option, str(DATA / path), "--split", "dev"])
    assert table.exit_code == 0 and "regex" in table.stdout and "split dev" in table.stdout


def test_cli_acled_reads_the_stated_tolls(extractor):
    # plain sentences any reader gets: the figures the extractor finds must count as right
    doc = json.loads(runner.invoke(app, ["evaluate", "--acled", str(DATA / "acled-current.csv"), "--json"]).stdout)
    assert doc["figures"]["fatalities"]["regex"] == 1.0
    assert doc["figures"]["date"]["right"] >= 3  # the notes open with the day itself


def test_cli_rejects_two_modes_and_a_bad_split():
    res = runner.invoke(app, ["evaluate", "--acled", str(DATA / "acled-current.csv"), "--ucdp", str(DATA / "ucdp.csv")])
    assert res.exit_code != 0 and "one of" in res.output
    res = runner.invoke(app, ["evaluate", "--acled", str(DATA / "acled-current.csv"), "--split", "test"])
    assert res.exit_code != 0 and "split" in res.output
    res = runner.invoke(app, ["evaluate", "--gva", str(DATA / "gva"), "--analysis", "out.json"])
    assert res.exit_code != 0 and "--analysis" in res.output


# --- the real corpora, when ../shared is beside the project -------------------------------------


def test_split_agrees_with_devscore(shared):
    spec = importlib.util.spec_from_file_location("devscore", shared / "tools" / "devscore.py")
    if spec is None or spec.loader is None:
        pytest.skip("devscore.py not in ../shared/tools")
    devscore = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(devscore)
    ids = [str(i) for i in range(300)] + [f"ISPT{i:04d}" for i in range(300)]
    for split in ("dev", "check", "all"):
        assert [in_split(i, split) for i in ids] == [devscore.in_split(i, split) for i in ids]


@pytest.mark.parametrize("kind, rel", [("acled", "acled/afghanistan-2020-03.csv"), ("acled", "acled/south-asia-2015.csv"),
                                       ("airwars", "airwars-gaza/incidents.jsonl"), ("gva", "gva-dev"),
                                       ("ucdp", "ucdp-ukraine/conflict_data_ukr.csv")])
def test_real_corpora_with_a_limit(shared, extractor, kind, rel):
    path = shared / "corpus" / "dev" / rel
    if not path.exists():
        pytest.skip(f"{path} absent")
    s = evaluate_corpus(kind, path, split="dev", limit=6)
    assert s.rows == 6 and s.articles >= 6
    assert all(f.of and 0 <= f.right <= f.of for f in s.figures.values() if f.of)
    assert any(f.of for f in s.baseline.values())


def test_a_ucdp_source_listed_by_a_bare_place_name_tells_nothing():
    from strikewatch.evaluate.corpus_score import tells_something

    def arts(text):
        return [Article(id="u", text=text)]

    assert not tells_something(arts("Marinka\n\nKrasnohorivka bus station"))
    assert tells_something(arts("Marinka\n\nTwo soldiers wounded near the town"))

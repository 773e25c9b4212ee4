"""`strikewatch analyze` as a user runs it: inputs, the JSON contract, bad input."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
from typer.testing import CliRunner

from strikewatch.cli import app

runner = CliRunner()


def schema() -> dict:
    return json.loads(resources.files("strikewatch.data").joinpath("strikewatch-1.schema.json").read_text())


def run_json(*args: str) -> dict:
    res = runner.invoke(app, ["analyze", *args, "--json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_cli_json_output_is_valid_against_the_schema(shared):
    doc = run_json(str(shared / "corpus/seeds/articles.jsonl"))
    jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker()).validate(doc)
    assert doc["schema"] == "strikewatch/1"
    assert {r["article"] for r in doc["reports"]} == {"seed-000", "seed-001", "seed-002"}
    assert all(inc["reports"] for inc in doc["incidents"])


def test_cli_shipped_schema_is_the_shared_contract(shared):
    assert schema() == json.loads((shared / "spec/strikewatch-1.schema.json").read_text())


def test_cli_txt_with_published_and_outlet(tmp_path):
    f = tmp_path / "douma.txt"
    f.write_text("BEIRUT - Government shelling killed seven civilians, including two children, in Douma on "
                 "Tuesday, the Syrian Observatory for Human Rights said.\n", encoding="utf-8")
    doc = run_json(str(f), "--published", "2018-02-22", "--outlet", "Test Wire")
    (r,) = doc["reports"]
    assert r["date"]["start"] == "2018-02-20"  # the Tuesday before Thursday 22 February
    assert r["location"]["name"] and "Douma" in r["location"]["name"]
    assert r["claims"][0]["killed"] == {"low": 7, "best": 7, "high": 7}
    assert r["outlet"] == "Test Wire"


def test_cli_readable_table_without_json(shared):
    res = runner.invoke(app, ["analyze", str(shared / "corpus/seeds/articles.jsonl")])
    assert res.exit_code == 0, res.output
    assert "Raqqa" in res.output and "Palmyra" in res.output


def test_cli_bad_input_is_set_aside_and_the_rest_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Air strikes killed 9 people in Idlib on Saturday, activists said.\n", encoding="utf-8")
    lines = [json.dumps({"id": "ok", "file": "good.txt", "outlet": "X", "published": "2016-03-20"}),
             "{not json",
             json.dumps({"id": "empty", "text": "   ", "outlet": "X", "published": "2016-03-20"})]
    jl = tmp_path / "articles.jsonl"
    jl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["analyze", str(jl), "--json"])
    assert res.exit_code == 0
    doc = json.loads(res.stdout)
    assert [r["article"] for r in doc["reports"]] == ["ok"]
    reasons = {(r["line"], r["stage"]) for r in doc["rejected"]}
    assert (2, "ingest") in reasons and (3, "ingest") in reasons  # the malformed line, the empty text
    assert "articles.jsonl:2" in res.stderr


def test_cli_nothing_readable_exits_non_zero(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_text("", encoding="utf-8")
    res = runner.invoke(app, ["analyze", str(f)])
    assert res.exit_code != 0
    assert "empty.txt" in res.stderr


def test_cli_article_places_lists_where_an_article_without_an_incident_is(tmp_path):
    f = tmp_path / "sources.txt"  # a list of sources by place name: no event to report, but a place
    f.write_text("Kramatorsk\n\nKramatorsk\n", encoding="utf-8")
    g = tmp_path / "strike.txt"
    g.write_text("Shelling killed two civilians in Kramatorsk on Monday, officials said.\n", encoding="utf-8")
    doc = run_json(str(f), str(g), "--article-places", "--published", "2015-02-11")
    jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker()).validate(doc)
    (entry,) = doc["places"]  # the article with an incident report has its place there, not here
    assert entry["article"] == "sources" and entry["main"]["admin1"] == "Donetsk Oblast"
    assert [p["mention"] for p in entry["places"]] == ["Kramatorsk"]
    assert run_json(str(f), "--published", "2015-02-11")["places"] == []  # only when asked

"""Victims counted on the parse (strikewatch/extract/victims.py) and the patterns that find them."""

from __future__ import annotations

import json

import pytest

from strikewatch import lexicon
from strikewatch.extract import victims
from strikewatch.extract.casualties import find_casualties
from strikewatch.extract.victims import load_patterns, read_victims


def groups(nlp, lexicons, text):
    doc = nlp(text)
    return [(g.role, g.pattern, [(m.count.best if m.count.best is not None else m.count.low, m.category, m.subset)
                                 for m in g.members if m.count]) for g in read_victims(doc[:], lexicons)]


def figures(nlp, lexicons, text):
    doc = nlp(text)
    return [(f.role, f.count.low, f.count.best, f.count.high, f.category, f.subset_of)
            for f in find_casualties(doc[:], lexicons).facts]


@pytest.mark.parametrize("pattern", load_patterns(), ids=lambda p: p.id)
def test_every_pattern_finds_its_own_example(nlp, lexicons, pattern):
    found = [g for g in read_victims(nlp(pattern.example)[:], lexicons) if g.pattern.split("+")[0] == pattern.id]
    assert found and found[0].role == pattern.role and found[0].members, pattern.example


def test_the_patterns_a_sentence_is_matched_on_find_what_all_of_them_find(nlp):
    """Only the patterns whose words the sentence has are run (for speed): on every pattern's example,
    and on sentences that mix several, that subset finds exactly the matches of all 67."""
    texts = [p.example for p in load_patterns()] + [
        "Two guards were shot dead and a driver was beaten to death before the convoy was burnt.",
        "A gunman fatally stabbed a clerk, then police wounded him; a bystander died of his injuries.",
        "Nobody was hurt when the market was shelled on Monday, the council said."]
    everything = victims.matcher_for(nlp.vocab)
    for text in texts:
        sent = nlp(text)[:]
        wanted = victims._patterns_for(sent)
        chosen = victims.matcher_for(nlp.vocab, wanted)(sent) if wanted else []
        assert sorted(chosen) == sorted(everything(sent)), text
    assert victims._patterns_for(nlp("The council met on Monday to discuss the budget.")[:]) == frozenset()


def test_a_broken_pattern_file_names_every_problem(broken_data):
    rows = [{"id": "a", "version": 1, "role": "killed", "example": "x", "pattern": [{"RIGHT_ID": "verb"}]},
            {"id": "a", "version": 1, "role": "maimed", "example": "x", "pattern": []},
            "{not json"]
    text = "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows)
    message = broken_data(lexicon, load_patterns, text)
    assert "line 1" in message and "line 2" in message and "line 3" in message
    assert "duplicate id" in message and "role" in message and "not JSON" in message


@pytest.mark.parametrize(
    "text, expected",
    [
        # singular and described victims
        ("On Tuesday a village elder was shot dead by unknown men near the market.", [("killed", 1, "people")]),
        ("Rebels ambushed and killed the deputy governor of the province.", [("killed", 1, "people")]),
        ("The 14-year-old died in hospital two days later.", [("killed", 1, "children")]),
        ("Maria Lopez, 52, was pronounced dead at the scene.", [("killed", 1, "people")]),
        # coordinated groups add up
        ("Three border guards and two customs officers were killed in the ambush.", [("killed", 5, "combatants")]),
        ("A farmer and his two sons were killed when the shell landed.", [("killed", 3, "people")]),
        # companions in death add up
        ("A retired teacher was killed alongside his wife and their four grandchildren.", [("killed", 6, "people")]),
    ],
)
def test_persons_are_counted(nlp, lexicons, text, expected):
    got = [(f[0], f[2] if f[2] is not None else f[1], f[4]) for f in figures(nlp, lexicons, text)
           if f[5] is None and f[0] != "shot"]  # "shot dead" is also "shot": people hit, see the test below
    assert got == expected


def test_ages_are_not_counts(nlp, lexicons):
    got = figures(nlp, lexicons, "A 45-year-old shopkeeper and his 70-year-old father were shot dead in their store.")
    assert [(f[0], f[2]) for f in got if f[5] is None and f[0] == "killed"] == [("killed", 2)]


def test_a_subset_stays_inside_its_total(nlp, lexicons):
    got = figures(nlp, lexicons, "Eleven villagers from two clans, including four women and three children, were killed.")
    assert got[0][:3] == ("killed", 11, 11)
    assert {(f[4], f[2]) for f in got[1:]} == {("women", 4), ("children", 3)}
    assert all(f[5] == 0 for f in got[1:])


def test_a_range_between_two_figures(nlp, lexicons):
    got = figures(nlp, lexicons, "The raid killed between 12 and 18 fishermen on the coast.")
    assert got[0][:4] == ("killed", 12, None, 18)


@pytest.mark.parametrize(
    "text",
    [
        "The militants threatened to kill the hostages.",
        "The drone could have killed dozens of people.",
        "Officials said the guards were not killed in the attack.",
        "No civilians were killed, the ministry said.",
    ],
)
def test_no_death_is_told(nlp, lexicons, text):
    assert [g for g in groups(nlp, lexicons, text) if g[0] == "killed" and g[2]] == []


def test_shot_people_are_the_wounded_unless_killed(extractor):
    from strikewatch.model import Article

    text = ("Two men were shot outside a bar on Main Street on Saturday night, police said. "
            "One of them, a 31-year-old, was shot and killed.")
    reports = extractor.extract(Article(id="shots", text=text))
    claims = [c for r in reports for c in r.claims]
    assert any(c.injured is not None and c.injured.best == 1 for c in claims)


def test_a_coding_remark_is_the_writers_final_figure(extractor):
    from strikewatch.model import Article

    text = ("On 4 May 2020, 6 soldiers were killed when insurgents attacked a checkpoint in Kandahar city. "
            "Fatalities coded as 0 (the insurgents' outlet reported 6 fatalities).")
    reports = extractor.extract(Article(id="coded", text=text))
    killed = {c.killed.best for r in reports for c in r.claims if c.killed is not None}
    assert killed == {0}
    assert any("fatalities as coded by the writer" in r.flags for r in reports)


@pytest.mark.parametrize(
    "text",
    [
        "More than 310,000 people have been killed in Syria's conflict, the monitor said.",
        "In total 2,400 civilians died in the country last year, according to the report.",
    ],
)
def test_war_wide_tolls_are_aggregates_not_incidents(extractor, text):
    from strikewatch.model import Article

    reports = extractor.extract(Article(id="toll", text=text, published="2017-03-15"))
    assert reports and all(r.kind == "aggregate" for r in reports)


def test_an_incident_total_is_not_an_aggregate(extractor):
    from strikewatch.model import Article

    text = "A total of six people, two of them children, were wounded when a shell hit a school in Douma on Monday."
    reports = extractor.extract(Article(id="six", text=text, published="2017-03-15"))
    assert [r.kind for r in reports] == ["incident"]


def test_vague_counts_follow_the_chosen_convention(monkeypatch):
    from strikewatch import lexicon

    try:
        lexicon.load.cache_clear()
        monkeypatch.setenv("STRIKEWATCH_VAGUE_COUNTS", "acled")
        acled = lexicon.load().quantities
        assert (acled["several"].low, acled["several"].best) == (10, 10)  # ACLED codes "several" as 10
        lexicon.load.cache_clear()
        monkeypatch.setenv("STRIKEWATCH_VAGUE_COUNTS", "floor")
        floor = lexicon.load().quantities
        assert (floor["dozens"].low, floor["dozens"].best) == (24, None)  # at least two dozen, no figure
        lexicon.load.cache_clear()
        monkeypatch.setenv("STRIKEWATCH_VAGUE_COUNTS", "guess")
        with pytest.raises(ValueError, match="STRIKEWATCH_VAGUE_COUNTS"):
            lexicon.load()
    finally:
        lexicon.load.cache_clear()

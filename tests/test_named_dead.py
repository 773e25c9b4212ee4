"""Children and women among the dead a case file names one by one: companions told after "alongside",
ages told as two figures, kin groups split by their members' ages, groups told by their members, ranges
in words, and parts told after their whole ("one of those killed was a child"). Sentences written for
these tests."""

from __future__ import annotations

import pytest

from strikewatch.extract.casualties import find_casualties
from strikewatch.extract.victim_lists import age_of
from strikewatch.model import Article


# as the pipeline reads a sentence: its own parse (no NER), the whole sentence as one span
def listed(extractor, text):
    return [(f.category, f.count.best) for f in find_casualties(extractor.nlp(text)[:], extractor.lexicons).listed]


def facts(extractor, text):
    return [(f.category, f.count.low, f.count.high) for f in find_casualties(extractor.nlp(text)[:], extractor.lexicons).facts
            if f.role == "killed"]


def claim(extractor, text):
    reports = [r for r in extractor.extract(Article(id="t", text=text, outlet="Monitor")) if r.kind == "incident"]
    assert len(reports) == 1 and len(reports[0].claims) == 1
    return reports[0].claims[0]


def best(count):
    return None if count is None else count.best if count.best is not None else count.low


@pytest.mark.parametrize("text, age", [
    ("six or seven year old Rima Saad", 6), ("Tarek Saad (4 to 5 years old)", 4), ("aged between 12 and 13", 12),
    ("Dina Saad (between 4 months and 2 years old)", 0), ("Yousef Saad (less than 1 year)", 0),
    ("Lana Saad (9 or 10 years old)", 9),
])
def test_an_age_told_as_two_figures_is_read_by_the_lower(text, age):
    assert age_of(text) == age


def test_the_companions_after_along_with_are_read_to_the_end_of_the_list(extractor):
    text = ("Relatives named Mona Halabi as having been killed in the raid along with Huda Halabi (wife of Samir "
            "Halabi, 31), her two daughters, Rima Halabi (10) and Dina Halabi (8), and her son, Fadi Halabi (5).")
    got = listed(extractor, text)
    assert sum(n for c, n in got if c == "children") == 3


def test_a_group_then_its_members_with_ages_is_counted_once(extractor):
    text = ("Also killed were the grandchildren of Saleh, 10-year-old Dana Saleh, 7-year-old Karim Saleh and "
            "four-year-old Nour Saleh.")
    assert sum(n for c, n in listed(extractor, text) if c == "children") == 3


def test_a_clause_about_a_person_inside_a_list_does_not_end_it(extractor):
    text = ("Grandmother Huda Salem was killed alongside her four daughters Rana Salem, 22-year-old Maha Salem, "
            "who was a nurse at the clinic, 15-year-old Nour Salem and 9-year-old Dana Salem.")
    got = listed(extractor, text)
    assert sum(n for c, n in got if c == "children") == 2


def test_the_titles_of_one_person_are_not_several_people(extractor):
    text = ("On Sunday a well-known painter, writer, teacher, and youth organiser, 41-year-old Samir Odeh was "
            "killed in the camp by shelling.")
    assert sum(n for _, n in listed(extractor, text)) <= 1


def test_a_group_told_by_its_members_is_not_one_more_child(extractor):
    text = ("The strike killed Dr. Fadi Karam, his wife 29-year-old Dr. Lama Karam, and their children, their son, "
            "three-year-old Adam Karam, and daughter, six-year-old Jude Karam.")
    got = listed(extractor, text)
    assert sum(n for c, n in got if c == "children") == 2


def test_a_kin_group_is_split_into_children_and_women_by_the_ages_of_its_members(extractor):
    text = ("Nadia Fares was killed in the strike along with two of her daughters, Salma Fares (8) and "
            "Rua Fares (4).")
    got = facts(extractor, text)
    assert ("children", 2, 2) in got and not any(c == "women" and lo == 2 for c, lo, _ in got)
    text = ("Huda Nasser was killed alongside her four daughters Salma Nasser, 24-year-old Rua Nasser, "
            "15-year-old Mira Nasser and 7-year-old Jana Nasser.")
    got = facts(extractor, text)
    assert ("children", 2, 2) in got and ("women", 2, 2) in got


def test_young_kin_are_children(extractor):
    text = "Up to four civilians, including two young brothers, were killed when the shell hit the market."
    assert ("children", 2, 2) in facts(extractor, text)


@pytest.mark.parametrize("text, low, high", [
    ("Two or three children were killed when the shell landed.", 2, 3),
    ("Relatives said that between three and four of her grandchildren were killed.", 3, 4),
    ("Relatives said the strike killed at least four and up to six children.", 4, 6),
    ("Four to six children died in the fire that followed the strike.", 4, 6),
])
def test_a_range_in_words_is_one_group(extractor, text, low, high):
    got = facts(extractor, text)
    assert ("children", low, high) in got or (None, low, high) in got or ("people", low, high) in got
    assert not any(lo is not None and lo > high for _, lo, _ in got)  # the two figures are not added up


def test_the_shelling_killed_five_to_seven_reads_a_range(extractor):
    assert ("people", 5, 7) in facts(extractor, "The shelling killed 5 to 7 people in the village.")


def test_a_part_told_after_the_dead(extractor):
    text = ("On 2 May 2024 an air strike hit a house in Rafah, killing three people. A neighbour said that one of "
            "those killed was a child.")
    assert best(claim(extractor, text).victims.children) == 1
    text = ("On 2 May 2024 a minimum of twelve identified civilians, at least three of whom were children, were "
            "killed when an air strike hit a house in Rafah.")
    c = claim(extractor, text)
    assert best(c.victims.children) == 3 and best(c.killed) == 12


def test_the_killing_of_a_mother_and_her_twins_of_an_age(extractor):
    text = ("Neighbours described the killing of mother Rania Saleh and her 12-year-old twin children, daughter "
            "Lina Saleh and son Omar Saleh, by the strike.")
    got = listed(extractor, text)
    assert sum(n for c, n in got if c == "children") == 2 and sum(n for c, n in got if c == "women") == 1


def test_one_name_in_two_spellings_is_one_person():
    from strikewatch.extract.victim_lists import same_person

    assert same_person("hamid kamal odeh", "hamed kamal odeh") and same_person("yasmin saleh", "yasmeen")
    assert same_person("muhammad nasser", "mohammed nasser") and same_person("essam haddad", "issam haddad")
    assert not same_person("samir odeh", "samar odeh") and not same_person("hani saleh", "hana saleh")


def test_a_list_told_again_does_not_count_its_group_twice(extractor):
    text = ("On 3 May 2024 an air strike hit a house in Rafah, according to local sources. The dead were named as "
            "Karim Odeh (40), his son Adam Odeh (9) and his daughter Lina Odeh (6). Relatives later mourned "
            "the deaths of Karim Odeh, his wife and their three children.")
    c = claim(extractor, text)
    assert best(c.victims.children) == 3 and best(c.killed) == 5  # Karim, Adam, Lina, his wife, one more child

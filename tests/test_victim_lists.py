"""The dead named one by one (strikewatch/extract/victim_lists.py): ages and kinship words give the
children and the women; the list gives the dead only where no figure is stated."""

from __future__ import annotations

import pytest

from strikewatch import lexicon
from strikewatch.extract import victim_lists
from strikewatch.extract.casualties import find_casualties
from strikewatch.extract.victim_lists import age_of, load_kinship, same_person
from strikewatch.model import Article


def listed(nlp, lexicons, text):
    doc = nlp(text)
    return [(f.category, f.count.best) for s in doc.sents for f in find_casualties(s, lexicons).listed]


@pytest.mark.parametrize("text, age", [
    ("Karim Haddad (41 years old)", 41), ("a 9-year-old boy", 9), ("aged 12", 12), ("Lina Saad (6)", 6),
    ("her seven-year-old daughter", 7), ("a baby three weeks old", 0), ("his son, 14 years old", 14),
    ("the director of the clinic", None), ("in 2021", None),
])
def test_ages_are_read_in_the_ways_lists_write_them(text, age):
    assert age_of(text) == age


def test_a_named_list_after_a_cue_splits_into_women_and_children(nlp, lexicons):
    text = ("The people killed in the strike were identified as Samir Haddad (44 years old), his wife Rania Haddad "
            "(39 years old) and their children Yousef Haddad (12 years old) and Mona Haddad (3 years old).")
    got = listed(nlp, lexicons, text)
    assert sorted(c or "" for c, _ in got) == ["", "children", "children", "women"]


def test_a_group_is_not_counted_again_for_the_names_that_follow_it(nlp, lexicons):
    text = ("The victims were named as Adel Nasser, 50, and his three sons: Fadi Nasser, Rami Nasser and "
            "Hani Nasser.")
    got = listed(nlp, lexicons, text)
    assert sum(n for _, n in got) == 4


def test_an_unnamed_group_counts_for_its_figure_less_the_names_given(nlp, lexicons):
    text = "Among the dead were Walid Amin and his four children, two of them still unnamed, Dana Amin and Omar Amin."
    got = listed(nlp, lexicons, text)
    assert sum(n for c, n in got if c == "children") == 4


def test_kinship_decides_when_no_age_is_given_and_an_age_overrides_it(nlp, lexicons):
    text = ("Those killed were identified as Huda Karim, the mother of the family, her daughter Salma Karim, "
            "her 16-year-old daughter Nour Karim and her baby son Adam Karim.")
    got = sorted(c or "" for c, _ in listed(nlp, lexicons, text))
    assert got == ["children", "children", "women", "women"]


def test_a_list_of_the_wounded_is_not_a_list_of_the_dead(nlp, lexicons):
    text = ("The strike injured several people, including Maha Said (30 years old) and her son Ali Said "
            "(8 years old).")
    assert listed(nlp, lexicons, text) == []


def test_figures_without_names_are_no_list(nlp, lexicons):
    # "two women and a child" is a stated figure read by victims.py, not a roster
    assert listed(nlp, lexicons, "Two women and a child were killed when the shell hit the market.") == []


def test_owners_are_not_victims(nlp, lexicons):
    text = "Tariq Mansour's two daughters, Rasha Mansour (10) and Dalia Mansour (7), were killed in the raid."
    got = listed(nlp, lexicons, text)
    assert sum(n for _, n in got) == 2 and all(c == "children" for c, _ in got)


def test_one_person_told_twice_is_one_person():
    assert same_person("khalil omar nasser", "khalil nasser")
    assert not same_person("muhammad adel nasser", "muhammad fadi nasser")
    assert not same_person("rania haddad", "mona haddad")


def report_of(extractor, text):
    reports = [r for r in extractor.extract(Article(id="t", text=text, outlet="Monitor")) if r.kind == "incident"]
    assert reports
    return reports[0]


def test_with_no_stated_figure_the_roster_gives_the_dead_children_and_women(extractor):
    text = ("On 3 March 2024 an air strike hit a house in Khan Younis, according to local sources. "
            "Those killed were identified as Bilal Darwish (52 years old), his wife Amal Darwish (47 years old), "
            "their daughter Sara Darwish (15 years old) and their son Jamal Darwish (9 years old).")
    claims = report_of(extractor, text).claims
    assert any(c.killed is not None and c.killed.best == 4 for c in claims)
    assert any(c.victims.children is not None and c.victims.children.best == 2 for c in claims)
    assert any(c.victims.women is not None and c.victims.women.best == 1 for c in claims)


def test_a_stated_figure_stands_over_a_partial_roster(extractor):
    text = ("On 3 March 2024 an air strike on a house in Khan Younis killed nine civilians, including five children. "
            "Among the victims were Nabil Saleh (40 years old) and his son Tamer Saleh (11 years old).")
    claims = report_of(extractor, text).claims
    assert [c.killed.best for c in claims if c.killed is not None] == [9]
    assert [c.victims.children.best for c in claims if c.victims.children is not None] == [5]


def test_the_same_person_named_in_two_sentences_counts_once(extractor):
    text = ("On 3 March 2024 an air strike hit a flat in Rafah. Those killed were identified as Fadi Awad "
            "(33 years old) and his daughter Lama Awad (4 years old). Relatives said Lama Awad had been asleep "
            "when she was killed.")
    claims = report_of(extractor, text).claims
    assert [c.killed.best for c in claims if c.killed is not None] == [2]


def test_a_broken_kinship_file_names_its_problems(broken_data):
    message = broken_data(lexicon, load_kinship, "word,sex,minor\nwife,x,no\nwife,f,maybe\n")
    assert "sex" in message and "minor" in message and "duplicate" in message


def figures(nlp, lexicons, text):
    doc = nlp(text)
    return [(f.role, f.count.low, f.count.best) for f in find_casualties(doc[:], lexicons).facts if f.subset_of is None]


def test_a_year_before_the_figure_is_not_the_figure(nlp, lexicons):
    got = figures(nlp, lexicons, "On the 4th of June, 2024 eleven members of the Saleh family were killed in a strike.")
    assert ("killed", 11, 11) in got


def test_a_figure_before_an_adjective_still_counts_the_noun(nlp, lexicons):
    got = figures(nlp, lexicons, "Late on Monday, at least 25 identified civilians belonging to two large families, "
                                  "including a teacher, were killed in the strike.")
    assert ("killed", 25, None) in got


def test_up_to_keeps_its_ceiling_and_the_named_dead_give_the_floor(extractor):
    text = ("Up to five civilians were killed when a strike hit a house in Rafah on 4 May 2024. The victims were "
            "identified as Karim Odeh (60 years old), his wife Salwa Odeh and their grandson Ziad Odeh (8).")
    claims = report_of(extractor, text).claims
    killed = [c.killed for c in claims if c.killed is not None]
    assert [(k.low, k.best, k.high) for k in killed] == [(3, None, 5)]


@pytest.mark.parametrize("text, children, women", [
    ("A relative named eight of the people killed in the house: Samer Issa (47 years old), Umm Samer Issa, "
     "Rami Issa (17 years old) and Dana Issa.", 1, 2),  # Dana: a woman's given name (female_names.csv)
    ("The agency later published the names of those killed in the strike – Nabil Taha, his wife Huda Taha (48), "
     "and their daughter Ruba Taha (9).", 1, 1),
])
def test_a_colon_or_a_dash_after_the_dead_opens_their_list(nlp, lexicons, text, children, women):
    got = listed(nlp, lexicons, text)
    assert sum(n for c, n in got if c == "children") == children
    assert sum(n for c, n in got if c == "women") == women


@pytest.mark.parametrize("text, total, parts", [
    ("At least six people were killed, a woman and five children, and others were hurt when the shell hit.",
     6, {"women": 1, "children": 5}),
    ("Two residents were killed – a woman and a girl – by the blast near the bakery.", 2, {"women": 1, "children": 1}),
])
def test_an_appositive_after_a_figure_is_its_breakdown(nlp, lexicons, text, total, parts):
    doc = nlp(text)
    facts = find_casualties(doc[:], lexicons).facts
    whole = [f for f in facts if f.role == "killed" and f.subset_of is None]
    assert [f.count.best if f.count.best is not None else f.count.low for f in whole] == [total]
    assert {f.category: f.count.best for f in facts if f.subset_of is not None} == parts


def test_another_name_of_the_same_person_is_not_another_person(nlp, lexicons):
    got = listed(nlp, lexicons, "Rana Saleh Odeh, also known as Umm Tariq, was killed along with her two sons, "
                                "Tariq Odeh and Fadi Odeh.")
    assert sum(n for _, n in got) == 3
    assert [c for c, _ in got].count("women") == 1


def test_a_womans_given_name_makes_a_woman_and_her_age_a_girl(nlp, lexicons):
    text = ("The people killed were identified as Karim Haddad (50 years old), Rania Haddad (44 years old) and "
            "Salma Haddad (12 years old).")
    assert sorted(c or "" for c, _ in listed(nlp, lexicons, text)) == ["", "children", "women"]


def test_a_description_after_the_name_outweighs_the_given_name(nlp, lexicons):
    text = "Among those killed were Ahmad Odeh and Lina Odeh, a nine-year-old girl."
    assert sorted(c or "" for c, _ in listed(nlp, lexicons, text)) == ["", "children"]


def test_a_name_alone_does_not_overrule_a_stated_figure_of_women(extractor):
    text = ("On 3 March 2024 an air strike on a house in Khan Younis killed four civilians, including a woman. "
            "The dead were named as Samir Darwish (52 years old), Huda Darwish (47 years old), Maha Darwish "
            "(25 years old) and Omar Darwish (30 years old).")
    claims = report_of(extractor, text).claims
    assert [c.victims.women.best for c in claims if c.victims.women is not None] == [1]


def test_a_broken_female_names_file_names_its_problems(broken_data):
    message = broken_data(lexicon, victim_lists.load_female_names, "name\nrania\nRania Saleh\nrania\n")
    assert "not one lower-case given name" in message and "duplicate" in message


@pytest.mark.parametrize("text, age", [
    ("Layla Odeh (less than a year old)", 0), ("a baby a month old", 0), ("Karim, a year old", 1),
    ("not yet one year old", 0),
])
def test_a_babys_age_in_words_is_an_age(text, age):
    assert age_of(text) == age


def categories(nlp, lexicons, text):
    return sorted((c or "") + ("?" if g else "") for s in nlp(text).sents
                  for f in find_casualties(s, lexicons).listed for c, g in [(f.category, f.guessed)])


def test_the_word_of_kinship_nearest_the_name_decides_not_an_owners(nlp, lexicons):
    # "her cousin's husband": a man, though "cousin" comes first; an owner's word is not the person's
    text = "The dead were named as Yusra Nabulsi (40 years old) and her cousin's husband Anwar Nabulsi (52 years old)."
    assert categories(nlp, lexicons, text) == ["", "women?"]  # Yusra: a woman by her given name


def test_a_groups_word_gives_the_sex_and_each_age_decides_child_or_woman(nlp, lexicons):
    text = ("Those killed were identified as Hamdi Zaqout (58 years old) and his three daughters, Rasha Zaqout "
            "(27 years old), Nidaa Zaqout (19 years old) and Joud Zaqout (13 years old).")
    assert categories(nlp, lexicons, text) == ["", "children", "women", "women"]


def test_a_member_described_by_a_word_of_childhood_stays_in_its_group(nlp, lexicons):
    # "two children: a boy of 12 named A and a girl of 6 named B" is two children, not four
    text = ("Among the dead were two children, a twelve-year-old boy named Sami Hammad and a six-year-old "
            "girl named Noor Hammad.")
    got = listed(nlp, lexicons, text)
    assert sum(n for c, n in got if c == "children") == 2


def test_a_semicolon_between_people_does_not_end_the_list(nlp, lexicons):
    text = ("A neighbour published the names of the six people killed: Nader Kassab, 44 years old; his wife "
            "Lubna Kassab, 39 years old; his son Fares Kassab, 10 years old; his mother Umm Nader Kassab.")
    assert categories(nlp, lexicons, text) == ["", "children", "women", "women"]


def test_a_semicolon_before_a_clause_of_the_wounded_ends_the_list(nlp, lexicons):
    text = "The men killed were identified as Rami Saad and Omar Saad; Rami's wife Hiba Saad was wounded."
    assert categories(nlp, lexicons, text) == ["", ""]


def test_a_bracketed_age_after_a_companion_is_read(nlp, lexicons):
    text = "Tamer Jaber (36) was killed along with his nephew Bilal Jaber (4)."
    assert "children" in categories(nlp, lexicons, text)


def test_a_child_of_a_young_parent_is_a_child(nlp, lexicons):
    # a 24-year-old's son is under 18 whatever the text leaves out; a 60-year-old's may be a grown man
    young = "The victims were named as 24-year-old Hadeel Barakat and her son, Yazan Barakat."
    old = "The victims were named as 60-year-old Hadeel Barakat and her son, Yazan Barakat."
    assert categories(nlp, lexicons, young) == ["children", "women?"]
    assert categories(nlp, lexicons, old) == ["", "women?"]


def test_her_son_is_not_the_son_of_the_man_told_just_before(nlp, lexicons):
    # the grandmother's daughters, not those of her 26-year-old son
    text = ("Umm Khalil Saqr was killed along with her son, 26-year-old Khalil Saqr, and her two daughters, "
            "Ruba Saqr and Dima Saqr.")
    assert "children" not in categories(nlp, lexicons, text)


def test_a_young_son_and_a_younger_sister_of_a_child_are_children(nlp, lexicons):
    text = "The victims were identified as Samar Eid, her young son Rami Eid, and Maha Eid, 9, and her younger sister Lana Eid."
    cats = categories(nlp, lexicons, text)
    assert cats.count("children") == 3


def test_a_daughter_with_no_age_is_a_guessed_woman(nlp, lexicons):
    text = "Those killed were identified as Hani Musa (61 years old), his wife Samira Musa and his daughter Reem Musa."
    assert categories(nlp, lexicons, text) == ["", "women", "women?"]


def test_people_named_with_ages_outgrow_a_smaller_stated_figure(extractor):
    text = ("On 3 March 2024 an air strike on a house in Khan Younis killed eleven civilians, including two "
            "children. Those killed were identified as Omar Nassar (41 years old), his wife Huda Nassar "
            "(36 years old), and their children Ali Nassar (14 years old), Salma Nassar (11 years old) and "
            "Yousef Nassar (6 years old).")
    claims = report_of(extractor, text).claims
    assert [c.victims.children.best for c in claims if c.victims.children is not None] == [3]
    assert [c.killed.best for c in claims if c.killed is not None] == [11]


def test_guessed_daughters_do_not_outgrow_a_stated_figure(extractor):
    text = ("On 3 March 2024 an air strike on a house in Khan Younis killed five civilians, including a woman "
            "and three children. The dead were named as Salim Abed, his daughter Rana Abed and his daughter "
            "Mais Abed.")
    claims = report_of(extractor, text).claims
    assert [c.victims.women.best for c in claims if c.victims.women is not None] == [1]


def test_a_figure_of_one_that_is_a_listed_person_does_not_hold_back_the_list(extractor):
    # "her daughter Dalia was killed" tells one woman of the list, not a count of the women
    text = ("On 3 March 2024 an air strike hit a house in Rafah. The dead were named as Nadia Odeh (45 years old), "
            "her sister Maysa Odeh (50 years old) and their mother Umm Fadi Odeh. Her daughter Dalia Odeh was "
            "killed too.")
    claims = report_of(extractor, text).claims
    assert max(c.victims.women.best for c in claims if c.victims.women is not None) >= 3


def test_the_dead_told_after_the_verb_they_govern_are_a_list(nlp, lexicons):
    text = ("The relatives who lost their lives in the raid were 70-year-old Fuad Salem, his wife 66-year-old "
            "Rasmiya Salem, and their daughter 34-year-old Hanan Salem.")
    assert categories(nlp, lexicons, text) == ["", "women", "women"]

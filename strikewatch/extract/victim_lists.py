"""The dead named one by one: "A, 34, his wife B, 30, and their children C, 9, and D, 5".

Case files and local reports often give a total and then list the victims, or give no total at all
and only the list. Each person of a list is read on its own: an age decides child (under 18) or
adult; a word of kinship or sex (`data/lexicon/en/kinship.csv`: "his wife", "her son", "a baby girl",
"Umm ...") decides a woman or a child when no age is given. A group without names ("their four
children") counts for its figure, less the names that follow it ("their four children: C, D, E, F").

Lists are found two ways: the victims of a death predicate (victims.py) when they include a name,
and the stretch after a list cue ("identified as", "named as", "among them", "including", "namely",
"the victims were", "killed:") in a sentence about the dead, up to the first word of injury.

The people found are a roster (`Listed`), merged over an incident's sentences and deduplicated by
name in claims.py (`merge_rosters`); the roster gives the children and women, and the dead, only
where no figure is stated for them: a stated figure is the writer's, a roster may be partial.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token
from text_to_num import text2num

from ..errors import DataFileError
from ..lexicon import Lexicons, data_path, data_text
from .victims import stray_place

_PATH = data_path("kinship.csv")
_NUM = (r"\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
        r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety")
# "(36 years old)", "36-year-old", "aged 36", "(36)", ", 36" after a name; months, weeks, days: a baby
# an age told as two figures ("6 or 7 years old", "(4 to 5 years old)", "aged between 12 and 13") is read
# by its first, the lower: a child when it is under 18
_AGE = re.compile(rf"\b(?:between\s+)?(?P<n>{_NUM})(?:[\s-]+(?:{_NUM}))?"
                  rf"(?:\s*(?:-|–|to|or|and)\s*(?:{_NUM})(?:[\s-]+(?:{_NUM}))?)?"
                  rf"[\s-]+(?P<unit>years?|yrs?|months?|weeks?|days?)[\s-]*old\b|"
                  rf"\bbetween\s+(?P<m>{_NUM})\s+(?:months?|weeks?|days?)\s+(?:and|to)\s+(?:{_NUM})[\s-]+years?[\s-]*old\b|"
                  rf"\baged?\s+(?:between\s+)?(?P<a>{_NUM})\b|\((?P<p>\d{{1,3}})\)|^\s*(?P<bare>\d{{1,2}})\s*$|"
                  r"\b(?P<infant>(?:less\s+than|under|not\s+yet)\s+(?:a|one|1)\s+year|an?\s+(?:year|month|week|day))[\s-]*old\b|"
                  r"\((?P<under>(?:less\s+than|under)\s+(?:a|one|1)\s+year)\)",
                  re.I)  # "less than a year old", "a month old": a baby
_CUE = re.compile(r"\b(?:identified|named|listed|listing\s+(?:them|the\s+\w+))\s+(?:\w+\s+){0,5}?as\b:?|\bnamely\b|"
                  r"\bamong\s+them\b|\bincluding\b|\bconsist(?:ed|s|ing)\s+of\b|"
                  r"\b(?:victims|dead|killed|deceased|martyrs|fatalities)\s+(?:\w+\s+){0,2}?(?:were|are|included?|includ(?:ing|es))\b:?|"
                  # "those who lost their lives in the attack were A, B": the dead after the verb they govern
                  r"\b(?:lost\s+their\s+lives|died|killed)\s+(?:\w+\s+){0,4}?were\b:?|"
                  r"\b(?:killed|martyred|dead|victims)\s*:|\bas\s+(?:were|was|did)\b|"
                  # "was killed alongside his wife, B, and their two sons, C (9) and D (4)": the companions
                  # in death, read to the end of the list whatever the parse makes of it
                  r"\b(?:alongside|along\s+with|together\s+with|with(?=\s+(?:his|her|their)\b))\b|"
                  r"\b(?:deaths?|killing|murder)\s+of\b|"  # "announced the deaths of A, his wife B and their son C"
                  r"(?<=\w):\s|\s[–—]\s", re.I)  # "... who were killed: A, B" "... killed in the strike – A, B"
# "A (13 years old) and his daughter B (one year old) were all reported killed": the list before the predicate
_BEFORE = re.compile(r"\b(?:were|was)\s+(?:\w+\s+){0,4}?(?:killed|martyred|dead)\b", re.I)
_SAID = re.compile(r"according to [^,]*,|\b(?:said|says|reported|posted|wrote|stated|confirmed|announced|shared)\b(?: that)?",
                   re.I)
_DEATH = re.compile(r"kill|dead\b|death|died|\bdie\b|martyr|victims|fatalit|bodies|lives\b|perish|\bnames\b", re.I)
_HARM_END = re.compile(r"injur|wound|\bhurt\b|surviv|alive|rescued|missing|\bwhile\b|\bwhereas\b|;", re.I)
_POSSESSIVE = {"'s", "’s", "'", "’"}
_STOPS = {"was", "were", "is", "are", "had", "have", "has", "when", "after", "by", "in", "on", "at", "while", "who",
          "which", "whose", "during", "from", "near", "since", "because", "but", "that"}
_NAMED_THINGS = {"family", "families", "clan", "household", "home", "house", "residence", "building", "tower", "towers",
                 "mosque", "school", "hospital", "street", "road", "camp", "neighbourhood", "neighborhood", "area",
                 "roundabout", "junction", "square", "agency", "news", "center", "centre", "ministry", "brigades",
                 "outpost", "post", "station", "checkpoint", "battalion", "regiment", "unit"}
# the last word of a place's name: never a person's ("Model Town", "Old City", "Green Colony")
_PLACE_ENDS = {"town", "city", "village", "district", "colony", "bazaar", "bazar", "market", "road", "street", "nagar",
               "province", "division", "township", "tehsil", "upazila", "sector", "block", "camp", "valley", "agency"}
_AKA = re.compile(r"\s*(?:also\s+)?(?:known|referred\s+to|called|nicknamed|named)\s+(?:as\s+)?|\s*(?:aka|a\.k\.a\.)\s", re.I)
_AGE_UNITS = {"years", "yrs", "months", "weeks", "days"}
_SEPARATORS = {",", ";", ":", "and", "&", "–", "—", "-", "as", "plus"}
_NOT_NAMES = {"facebook", "twitter", "instagram", "telegram", "x", "airwars", "israeli", "palestinian", "gaza",
              "ministry", "health", "civil", "defence", "defense", "hamas", "idf", "un", "unrwa", "abu", "al", "el",
              "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
              "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}


@dataclass(frozen=True)
class Kin:
    sex: str | None  # "f", "m" or None
    minor: bool | None  # True: a child whatever else is said; False: an adult word; None: the age decides


@dataclass
class Listed:
    """One person (or one unnamed group) of a list of the dead."""

    key: str | None  # the name as written, folded ("omar nazir"), None when unnamed
    category: str | None  # "children", "women", or None (a man, or an adult of unknown sex)
    start: int  # char offsets in the Doc
    end: int
    count: int = 1  # a group without names: its figure
    # a woman only by a guess: her given name (female_names.csv), or a daughter, sister, niece with no age
    # (she may be a girl); no word said a woman
    guessed: bool = False
    female: bool = False  # a word said a woman or a girl ("his wife", "her daughter"): an age told after keeps it
    group: tuple[int, int] | None = None  # a member of a counted group told before it ("her two daughters, A (8)")
    aged: bool = False  # an age told for the person decided the category


@functools.cache
def load_kinship() -> dict[str, Kin]:
    """Read and validate kinship.csv; every problem is reported at once."""
    text = data_text("kinship.csv")
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    problems: list[str] = []
    out: dict[str, Kin] = {}
    reader = csv.DictReader(rows)
    if reader.fieldnames != ["word", "sex", "minor"]:
        raise DataFileError(_PATH, ["header must be: word,sex,minor"])
    for n, row in enumerate(reader, 2):
        word, sex, minor = (row.get("word") or "").strip().lower(), row.get("sex") or "", row.get("minor") or ""
        if not word:
            problems.append(f"row {n}: empty word")
        if sex not in ("f", "m", ""):
            problems.append(f"row {n}: sex must be f, m or blank")
        if minor not in ("yes", "no", ""):
            problems.append(f"row {n}: minor must be yes, no or blank")
        if word in out:
            problems.append(f"row {n}: duplicate word {word!r}")
        out[word] = Kin(sex or None, {"yes": True, "no": False}.get(minor))
    if problems:
        raise DataFileError(_PATH, problems)
    return out


_NAMES_PATH = data_path("female_names.csv")
_WOMAN = Kin("f", None)  # a woman's given name: the age, if any, decides woman or girl


@functools.cache
def load_female_names() -> frozenset[str]:
    """Read and validate female_names.csv (one lower-case given name a line, under the header "name")."""
    text = data_text("female_names.csv")
    rows = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if not rows or rows[0] != "name":
        raise DataFileError(_NAMES_PATH, ["header must be: name"])
    problems: list[str] = []
    seen: set[str] = set()
    for n, name in enumerate(rows[1:], 2):
        if not re.fullmatch(r"[a-z][a-z'-]*", name):
            problems.append(f"row {n}: {name!r} is not one lower-case given name")
        if name in seen:
            problems.append(f"row {n}: duplicate name {name!r}")
        seen.add(name)
    if problems:
        raise DataFileError(_NAMES_PATH, problems)
    return frozenset(seen)


def _given_name_kin(names: list[Token]) -> Kin | None:
    """A list item named with no word of kinship: a woman's given name first says a woman (or a girl)."""
    return _WOMAN if names and names[0].lower_ in load_female_names() else None


def age_of(text: str) -> int | None:
    """The age a list item gives, in years (0 for "three weeks old"); None when it gives none."""
    m = _AGE.search(text)
    if m is None:
        return None
    if m.group("under"):
        return 0  # "(less than 1 year)"
    if m.group("infant"):
        return 1 if re.match(r"an?\s+year", m.group("infant"), re.I) else 0
    if m.group("m"):
        return 0  # "between 4 months and 2 years old": a baby
    raw = m.group("n") or m.group("a") or m.group("p") or m.group("bare")
    if m.group("unit") and not m.group("unit").lower().startswith(("year", "yr")):
        return 0
    try:
        return int(raw) if raw.isdigit() else text2num(raw.lower(), "en")
    except ValueError:
        return None


def _category(age: int | None, kin: Kin | None, default: str | None) -> str | None:
    if age is not None:
        return "children" if age < 18 else ("women" if kin is not None and kin.sex == "f" else None)
    if kin is not None and kin.minor:
        return "children"
    if kin is not None and kin.sex == "f":
        return "women"
    return default


def _name(tokens: list[Token]) -> list[Token]:
    """The name words of a list item: capitalised proper nouns outside brackets, not an owner ("B's")."""
    out: list[Token] = []
    depth = 0
    for i, t in enumerate(tokens):
        depth = max(0, depth + t.text.count("(") - t.text.count(")"))
        if depth or ")" in t.text or not t.text[:1].isupper() or t.pos_ != "PROPN" or t.lower_ in _NOT_NAMES:
            continue
        if t.ent_type_ in ("ORG", "NORP", "DATE", "FAC", "TIME", "CARDINAL"):
            continue
        if _owner(t) and not _aged_name(t, tokens):
            continue  # "son of Abdus Salam", "a student of Dhaka University": who or what the victim belongs to
        if _describes(t):
            continue  # "a Congress party worker", "a Jamaat Islami activist": the party or body of a described person
        if t.ent_type_ in ("GPE", "LOC") and not (t.i > 0 and t.doc[t.i - 1].ent_iob_ != "O" and t.ent_iob_ == "I") \
                and not (t.i + 1 < len(t.doc) and t.doc[t.i + 1].ent_iob_ == "I"):
            continue  # a one-word place ("Idlib"); the small model tags many two-word names as places too

        if stray_place(t):
            continue  # "In Barisal, a driver and his helper": the place the parser made a subject
        j = i
        while j + 1 < len(tokens) and (tokens[j + 1].pos_ == "PROPN" or tokens[j + 1].text == "-"):
            j += 1
        if j + 1 < len(tokens) and (tokens[j + 1].text in _POSSESSIVE or tokens[j + 1].lower_ in _NAMED_THINGS):
            continue  # "Hamid's two sons", "the Saleh family", "Al-Amal Street": not a victim's name
        if tokens[j].lower_ in _PLACE_ENDS:
            continue  # "Model Town", "Gulshan Colony": a place named by its last word, not a person
        out.append(t)
    return out


def _partitive(chunk: list[Token], kinship: dict[str, Kin]) -> Token | None:
    """ "two of her daughters": the figure of a group told as a part of someone's kin."""
    for t in chunk:
        if t.like_num and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "of":
            obj = next((o for p in t.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"), None)
            if obj is not None and obj in chunk and obj.tag_ in ("NNS", "NNPS") and obj.lower_ in kinship:
                return t
    return None


def _aged_name(t: Token, tokens: list[Token]) -> bool:
    """A name told with its own age right before it ("..., and six-year-old B"): a person of the list,
    whatever the parse hangs it on ("nephews of A, 11-year-old B and six-year-old C")."""
    before = [x for x in tokens if x.i < t.i and x.pos_ != "PROPN"]
    return bool(before) and before[-1].i == t.i - 1 and before[-1].lower_ == "old"


def _describes(t: Token) -> bool:
    """A proper noun that modifies a common noun written in lower case ("a Jamaat Islami union worker"):
    the person's body, party or people, not the person's name; the name, if any, follows it."""
    h = t
    while h.dep_ in ("compound", "amod", "nmod") and h.head.i != h.i and h.head.i > h.i:
        h = h.head
        if h.pos_ == "NOUN" and h.text[:1].islower():
            return True
    return False


def _owner(t: Token) -> bool:
    """A name inside an "of" phrase or a place's ("son of A", "a student of B University", "posted at C
    outpost"); not "with" ("killed along with D" names another victim)."""
    h = t
    while h.dep_ in ("compound", "flat", "conj", "nmod") and h.head.i != h.i:
        h = h.head
    if h.dep_ == "pobj" and h.head.lower_ == "of" and h.head.head.lower_ in ("death", "deaths", "killing", "murder"):
        return False  # "the killing of A and her son B": the dead themselves
    return h.dep_ == "pobj" and h.head.lower_ in ("of", "in", "at", "near", "under")


def _chunks(tokens: list[Token]) -> list[list[Token]]:
    """Split a list at its commas and "and"s, never inside brackets."""
    out: list[list[Token]] = [[]]
    depth = 0
    for t in tokens:
        depth = max(0, depth + t.text.count("(") - t.text.count(")"))  # "(8)" can be one token or three
        spaced = t.text not in ("-", "–", "—") or (t.i > 0 and bool(t.doc[t.i - 1].whitespace_))  # not "9-year-old"
        if depth == 0 and t.lower_ in _SEPARATORS and spaced:
            if t.lower_ == "as" and not (t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "well"):
                out[-1].append(t)
                continue
            out.append([])
            continue
        if depth == 0 and t.lower_ == "well" and t.i > 0 and t.doc[t.i - 1].lower_ == "as":
            continue
        out[-1].append(t)
    return [c for c in out if c]


_YOUNG = {"young", "little", "small", "baby", "infant", "toddler"}  # "her young son": a child, whatever the kin word
_OFFSPRING = {"son", "sons", "daughter", "daughters"}
_GRANDCHILDREN = {"grandson", "grandsons", "granddaughter", "granddaughters"}
# a parent told with an age under this has children under 18 ("Walaa, 23, and her son"): 18 years at least
# between a mother or a father and a child of 18, and twice that to a grandchild
_PARENT_OF_MINORS = 33
_GRANDPARENT_OF_MINORS = 51


def _kin_of(chunk: list[Token], kinship: dict[str, Kin]) -> tuple[Token | None, Kin | None]:
    """The word of kinship that describes the person of a list item: the one nearest before the name, not
    an owner's ("her sister's husband B" is a husband); "daughter-in-law" is read whole."""
    def kin(t: Token) -> Kin | None:
        doc = t.doc
        tail = "".join(x.text for x in doc[t.i + 1: t.i + 4]).lower()
        if tail == "-in-law":
            return kinship.get(f"{t.lower_}-in-law", kinship.get(f"{t.lemma_.lower()}-in-law"))
        return kinship.get(t.lower_, kinship.get(t.lemma_.lower()))

    found = [(t, k) for t in chunk if (k := kin(t)) is not None
             and not (t.i + 1 < len(t.doc) and t.doc[t.i + 1].text in _POSSESSIVE)]
    if not found:
        return None, None
    first_name = next((t.i for t in chunk if t.pos_ == "PROPN" and t.text[:1].isupper()), None)
    before = [x for x in found if first_name is None or x[0].i < first_name]
    tok, k = before[-1] if before else found[0]
    if k.minor is None and any(t.lower_ in _YOUNG for t in tok.doc[max(chunk[0].i, tok.i - 2): tok.i]):
        k = Kin(k.sex, True)  # "his young daughter", "her little brother"
    return tok, k


def _minor_by_elder(kin_tok: Token | None, kin: Kin | None, elder: tuple[int, bool] | None) -> Kin | None:
    """ "Walaa (23) and her son": the son or daughter of a parent too young to have an adult child is a
    child. `elder`: the age of the last adult told and whether she is a woman; "her son" needs a woman
    ("A, 27, and her three daughters" are a grandmother's, not A's), "his son" a man, "their son" either."""
    if kin is None or kin_tok is None or kin.minor is not None or elder is None:
        return kin
    owner = next((t.lower_ for t in reversed(kin_tok.doc[max(0, kin_tok.i - 3): kin_tok.i])
                  if t.lower_ in ("her", "his", "their")), None)
    age, woman = elder
    if owner is None or owner == "her" and not woman or owner == "his" and woman:
        return kin
    word = kin_tok.lower_
    if word in _OFFSPRING and age < _PARENT_OF_MINORS or word in _GRANDCHILDREN and age < _GRANDPARENT_OF_MINORS:
        return Kin(kin.sex, True)
    return kin


_DETERMINERS = {"a", "an", "the", "his", "her", "their", "its", "another", "one"}
_OFFSPRING_WORDS = {"child", "children", "kid", "kids", "grandchild", "grandchildren"}


def _guessed(category: str | None, age: int | None, kin: Kin | None, word: str | None = None) -> bool:
    """A category only guessed: a woman by her given name, or a daughter, a sister, a niece with no age
    (she may be a girl); a child only as someone's "child" with no age (offspring of any age). Such a
    person fills a gap but never outgrows a stated figure."""
    if category == "children":
        return age is None and word in _OFFSPRING_WORDS
    return category == "women" and (kin is _WOMAN or age is None and (kin is None or kin.minor is None))


def read_list(tokens: list[Token], lex: Lexicons) -> list[Listed]:
    """The people a stretch of a sentence lists, with their categories."""
    kinship = load_kinship()
    out: list[Listed] = []
    header: tuple[int, str | None, int, int] | None = None  # (figure, category, start, end) of "four children"
    header_kin: Kin | None = None
    header_word: str | None = None
    members = 0
    pending: str | None = None
    prev_kin_only: Listed | None = None
    prev_kin: Kin | None = None
    prev_end = -1
    elder: tuple[int, bool] | None = None  # the age of the last adult told, a woman or not: a parent of those after
    last_age: int | None = None  # the age of the last person told
    plural_group = False  # the last item was a group with no figure ("their children")
    plural_age: int | None = None  # that group's age ("her 12-year-old twins")
    group_age: int | None = None  # the age of the group whose members are being told
    bare_title = False  # the last item was a title alone, with no name, article or kin word ("journalist")
    described_end = -1  # where the last description of the person just named ended ("A, a former mayor")
    chunk_end = -1
    for chunk in _chunks(tokens):
        prev_chunk_end, chunk_end = chunk_end, chunk[-1].idx + len(chunk[-1])
        if any(t.lower_ in ("unborn", "fetus", "foetus") for t in chunk):
            continue  # "her unborn child": not counted among the dead (docs/conventions.md)
        text = chunk[-1].doc.text[chunk[0].idx: chunk[-1].idx + len(chunk[-1])]
        names = _name(chunk)
        age = age_of(text)
        kin_tok, kin = _kin_of(chunk, kinship)
        if age is None:
            kin = _minor_by_elder(kin_tok, kin, elder)
            if kin is not None and kin_tok is not None and kin.minor is None and last_age is not None and last_age < 18 \
                    and kin_tok.i > 0 and kin_tok.doc[kin_tok.i - 1].lower_ in ("younger", "youngest"):
                kin = Kin(kin.sex, True)  # "A, 12, and her younger sister B": younger than a child
        named_kin = kin if kin is not None else _given_name_kin(names)
        figure = next((c for t in chunk for c in t.children if c.dep_ == "nummod" and c in chunk
                       and t.tag_ in ("NNS", "NNPS") and (t.lower_ in kinship or t.lower_ in lex.victims)), None) \
            or _partitive(chunk, kinship)
        start, end = chunk[0].idx, chunk[-1].idx + len(chunk[-1])
        if figure is not None and age is None:
            n = age_of(f"{figure.text} years old")  # a number word or digits, read the same way
            if n is not None and n > 0:
                if header is not None:
                    out.append(Listed(None, header[1], header[2], header[3], max(0, header[0] - members)))
                pending = _category(None, kin, None)
                header, header_kin, members = (n, pending, start, end), kin, 0
                header_word = kin_tok.lower_ if kin_tok is not None else None
                if names:
                    members += 1
                    out.append(Listed(" ".join(t.lower_ for t in names), pending, start, end,
                                      guessed=_guessed(pending, None, kin, header_word), group=(start, end)))
                prev_kin_only = None
                continue
        if any(t.tag_ in ("NNS", "NNPS") and t.lower_ not in _AGE_UNITS and any(c.dep_ == "nummod" for c in t.children)
               for t in chunk):
            continue  # "twenty-eight leaders of the group": a figure, read by victims.py, not one person
        if not names and kin is None and not any(t.lower_ in lex.victims and t.tag_ in ("NN", "NNP") for t in chunk):
            bare_age = re.fullmatch(r"\s*\d{1,3}\s*", text) or len(chunk) <= 5 and _AGE.search(text)
            if age is not None and prev_kin_only is None and out and out[-1].key and bare_age:
                # "A, 34," "his son B, 12 years old;": the age of the person before
                last = out[-1]
                woman = _WOMAN if last.female or (last.key or "").split()[0] in load_female_names() else None
                last.category = _category(age, woman, last.category)
                last.guessed = last.category == "women" and not last.female
                last.aged = True
                elder = (age, last.category == "women") if age >= 18 else elder
                last_age = age
            continue
        after_name = kin_tok is not None and bool(names) and kin_tok.i > names[0].i  # "B (also known as Umm C)"
        if prev_kin_only is not None and names and (kin is None or after_name or chunk[0].lower_ in ("the", "a", "an")):
            # "his wife, B": the name of the relative just told; "her young son, the child B": a description
            prev_kin_only.key = " ".join(t.lower_ for t in names)
            said = _category(None, kin, None) if kin is not None and age is None else None
            if said is not None and (prev_kin_only.category is None or prev_kin_only.guessed):
                prev_kin_only.category, prev_kin_only.guessed = said, said == "women" and kin is not None and kin.minor is None
            if age is not None:
                prev_kin_only.category = _category(age, prev_kin, prev_kin_only.category)
                prev_kin_only.guessed = _guessed(prev_kin_only.category, age, prev_kin)
                prev_kin_only.aged = True
                elder = (age, prev_kin_only.category == "women") if age >= 18 else elder
                last_age = age
            prev_kin_only.end = end
            prev_kin_only = None
            continue
        if _AKA.match(text) and out and out[-1].end == prev_end:
            # "A, also known as Umm B,": another name of the person just told
            out[-1].category = out[-1].category or _category(age, kin, None)
            continue
        if chunk[0].tag_ in ("VBN", "VBG") and out and out[-1].end == prev_end:
            continue  # "A, posted with the border outpost,": a description of the person just named
        if chunk[0].lower_ in ("of", "from") and chunk[0].pos_ == "ADP":
            continue  # "A, of Kolebira village,", "B, from the old town": where the person is from, no one else
        described_as = kin is not None or any(t.lower_ in lex.victims and t.tag_ == "NN" for t in chunk)
        if not names and described_as and (chunk[0].lower_ in ("the", "a", "an") or any(t.lower_ == "of" for t in chunk)) \
                and out and out[-1].key \
                and out[-1].end == prev_end:
            # "A, the mother of the family,": who the person just named is, not another person; it says
            # more than a given name does ("A, an eleven-year-old girl,")
            said = _category(age, kin, None)
            if out[-1].guessed and said is not None:
                out[-1].category, out[-1].guessed = said, _guessed(said, age, kin)
            out[-1].category = out[-1].category or said
            described_end = end
            continue
        if not names and described_end == prev_chunk_end and chunk[0].i > 0 and chunk[0].doc[chunk[0].i - 1].lower_ == "and" \
                and chunk[0].doc[chunk[0].i - 2].text != "," \
                and not any(t.lower_ in _DETERMINERS or t.like_num or t.tag_ in ("PRP$", "NNS") for t in chunk):
            # "A, a former mayor and party leader,": the second title shares the first one's article: the
            # same person described, not another
            described_end = end
            continue
        # "three children: a boy of 13, A, and a girl of 9": a member of the group told, not another person
        fits = header is not None and members < header[0] and (
            kin is None or after_name or header[1] is not None and _category(age, kin, None) == header[1])
        default = pending if fits and kin is None else None
        # a woman's given name decides only where no word of kinship and no group ("their children:") does
        deciding = kin if kin is not None else (header_kin if default is not None else named_kin)
        category = _category(age, deciding, default)
        title = not names and kin is None and chunk[0].lower_ not in _DETERMINERS and not chunk[0].like_num
        if title and out and out[-1].key is None and out[-1].end == prev_end and bare_title:
            out.pop()  # "a poet, novelist, journalist and activist, A": the titles of one person, not several
        after_title, bare_title = bare_title, title
        item = Listed(" ".join(t.lower_ for t in names) or None, category, start, end)
        item.guessed = _guessed(category, age, deciding, kin_tok.lower_ if kin_tok is not None else
                                (header_word if default is not None else None))
        item.female = deciding is not None and deciding is not _WOMAN and deciding.sex == "f"
        item.aged = age is not None
        if fits and (names or kin is not None):
            members += 1
            item.group = header[2:] if header is not None else None
        elif header is not None and kin is not None:
            out.append(Listed(None, header[1], header[2], header[3], max(0, header[0] - members)))
            header, header_kin, pending = None, None, None
        member = names or kin_tok is not None and kin_tok.tag_ in ("NN", "NNP")
        if out and out[-1].key is None and out[-1].end == prev_end and (member and plural_group or names and after_title):
            # "their children, their son A (2) and daughter B (7)": a group told by its members;
            # "a teacher and youth organiser, A": the titles of the person named next
            out.pop()
            group_age = plural_age if member and plural_group else None
        elif not member:
            group_age = None
        if member and age is None and group_age is not None:
            # "her 12-year-old twins, daughter A and son B": the group's age is its members'
            item.category = _category(group_age, deciding, None)
            item.aged, item.guessed = True, False
        plural_group = not names and kin_tok is not None and kin_tok.tag_ in ("NNS", "NNPS")
        plural_age = age
        out.append(item)
        prev_end = end
        if age is not None and age >= 18:
            elder = (age, category == "women")
        last_age = age if age is not None else last_age
        kin_last = kin_tok is not None and "".join(t.text for t in chunk if t.i > kin_tok.i).lower() in ("", "-in-law")
        described = kin_last or chunk[-1].lower_ in lex.victims  # "his wife", "a neighbour", "his daughter-in-law"
        prev_kin_only, prev_kin = (item, kin) if not names and described else (None, None)
    if header is not None:
        out.append(Listed(None, header[1], header[2], header[3], max(0, header[0] - members)))
    return [x for x in out if x.count > 0]


def _clause(tokens: list[Token], backward: bool) -> list[Token]:
    """The list itself: a stretch read forward ends at the first word that opens a clause or a phrase of
    place or time ("..., were killed in Khan Younis"); one read back from its predicate starts after the last."""
    depth = 0
    stops: list[int] = []
    aside: set[int] = set()
    for k, t in enumerate(tokens):
        depth = max(0, depth + t.text.count("(") - t.text.count(")"))
        hyphened = k > 0 and tokens[k - 1].text == "-"  # "daughter-in-law"
        if depth == 0 and k not in aside and t.lower_ in ("who", "whose") and k > 0 and tokens[k - 1].text == ",":
            # "A, who was a teacher, and B": a clause about the person just named, between commas,
            # inside the list; it ends nothing (a word of injury in it still does)
            close = next((j for j in range(k + 1, len(tokens)) if tokens[j].text == ","), None)
            if close is not None and close + 1 < len(tokens):
                aside |= set(range(k, close))
        if k in aside and not _HARM_END.match(t.text):
            continue
        # a verb of its own opens another clause ("the death of A directly blames B"); a name is capitalised
        finite = t.tag_ in ("VBZ", "VBP", "VBD") and t.pos_ == "VERB" and t.text[:1].islower() \
            and t.lower_ not in ("called", "named", "nicknamed", "known", "aged", "identified")  # "a boy called A"
        if depth == 0 and not hyphened and (t.lower_ in _STOPS or finite or _HARM_END.match(t.text)):
            if t.text == ";" and _list_end(t.sent.text, t.idx - t.sent.start_char) > t.idx - t.sent.start_char:
                continue  # "A, 38; his wife B, 30; ...": the list goes on
            stops.append(k)
    if aside and not _AGE.search(" ".join(tokens[k].text for k in sorted(aside))):
        tokens = [t for k, t in enumerate(tokens) if k not in aside]  # its names are no victims ("who taught at B")
        stops = [k - sum(1 for a in aside if a < k) for k in stops]
    if not stops:
        return tokens
    if not backward:
        return tokens[:stops[0]]
    rest = tokens[stops[-1] + 1:]
    if tokens[stops[-1]].pos_ == "ADP":
        # "In Thatta, a man was killed": the phrase a preposition opens is a place or a time, the list
        # starts after its comma (with none, the whole stretch is that phrase)
        comma = next((k for k, t in enumerate(rest) if t.text == ","), None)
        return rest[comma + 1:] if comma is not None else []
    return rest


_CLAUSE_VERB = re.compile(r"\b(?:was|were|is|are|has|have|had|did|does)\b", re.I)


def _list_end(text: str, pos: int) -> int:
    """Where a list read from `pos` ends: at the first word of injury or survival; at a semicolon only
    when a clause follows it ("A, 38; his wife B, 30; ..." goes on, "...; B was injured" does not)."""
    for stop in _HARM_END.finditer(text, pos):
        if stop.group() == ";":
            nxt = text.find(";", stop.end())
            if not _CLAUSE_VERB.search(text, stop.end(), nxt if nxt >= 0 else len(text)):
                continue
        return stop.start()
    return len(text)


def _cue_regions(sent: SpacySpan) -> list[tuple[int, int, bool]]:
    """Char ranges (in the sentence) after a list cue, in a sentence about the dead, up to any word of injury."""
    text = sent.text
    out: list[tuple[int, int, bool]] = []
    for m in _CUE.finditer(text):
        before = text[:m.start()]
        harm = [h.start() for h in _HARM_END.finditer(before)]
        death = [d.end() for d in _DEATH.finditer(text[:m.end()])]
        if not death or (harm and harm[-1] > death[-1]):
            continue  # the list is of the wounded, or of nothing
        out.append((m.end(), _list_end(text, m.end()), False))
    for m in _BEFORE.finditer(text):
        start = max([0] + [x.end() for x in _SAID.finditer(text, 0, m.start())] +
                    [x.end() for x in _HARM_END.finditer(text, 0, m.start())])
        out.append((start, m.start(), True))
    return out


def listed_victims(sent: SpacySpan, heads: list[int], lex: Lexicons) -> list[Listed]:
    """Every person the sentence lists among the dead. `heads`: the victim tokens of its death predicates."""
    doc = sent.doc
    ranges: list[tuple[int, int, bool]] = []  # token ranges, read back from their predicate or not
    for i in heads:
        h = doc[i]
        end = h.right_edge.i + 1
        if end + 3 <= sent.end and [t.text for t in doc[end: end + 3]][::2] == ["(", ")"] and doc[end + 1].like_num:
            end += 3  # "their nephew B (1)": the parser hangs the bracketed age on the verb
        ranges.append((h.left_edge.i, end, False))
    for s, e, back in _cue_regions(sent):
        toks = [t.i for t in sent if s <= t.idx - sent.start_char < e]
        if toks:
            ranges.append((toks[0], toks[-1] + 1, back))
    # each stretch on its own ("the victims were identified in local reports as: ..." holds two cues, and
    # the first one's stretch ends at "in"); a person found twice is kept once, by the longest stretch
    out: list[Listed] = []
    for s, e, back in sorted(ranges, key=lambda r: r[0] - r[1]):
        found = read_list(_clause(list(doc[s:e]), backward=back), lex)
        if not any(x.key for x in found):  # a list of the dead names someone; "two civilians" alone is a figure
            continue
        out += [x for x in found if not any(x.start < y.end and y.start < x.end for y in out)]
    return sorted(out, key=lambda x: x.start)


def _spelling(word: str) -> str:
    """A name as transliterations agree on it: "oo", "ou" and "o" are "u", "ee" is "i", a doubled letter
    is one, a final "e" is dropped ("Mohammed" ~ "Muhammad", "Yasmeen" ~ "Yasmin" ~ "Yasmine")."""
    w = re.sub(r"o{2}|ou|o", "u", re.sub(r"ee", "i", word))
    w = re.sub(r"(.)\1+", r"\1", w)
    return w[:-1] if len(w) > 3 and w.endswith("e") else w


def _same_name(a: str, b: str) -> bool:
    """ "Hamid" and "Hamed", "Ahmad" and "Ahmed", "Essam" and "Issam": an "e" stands for any vowel in
    English spellings of Arabic names; other vowels keep names apart ("Samir" and "Samar", "Hani" and "Hana")."""
    x, y = _spelling(a), _spelling(b)
    return x == y or len(x) == len(y) and len(x) >= 4 and all(
        p == q or "e" in (p, q) and p in "aeiu" and q in "aeiu" for p, q in zip(x, y, strict=True))


def same_person(a: str, b: str) -> bool:
    """ "omar nazir shaaban" and "omar": one person told twice; two Muhammads with other names are two."""
    x, y = a.split(), b.split()
    # each word as the other list spells it, where the two differ only as transliterations do
    y = [next((v for v in x if _same_name(v, w)), w) for w in y]
    if x and y and min(len(x), len(y)) == 1 and max(len(x), len(y)) > 1 and x[-1] == y[-1]:
        return True  # "kelvin watford", then "watford": English news names a person again by the surname
    if not x or not y or x[0] != y[0]:
        return False
    return set(x) <= set(y) or set(y) <= set(x)

"""Who was killed or wounded, read from the dependency parse: count persons, not just numerals.

A casualty pattern (`data/lexicon/en/casualty_patterns.jsonl`, spaCy `DependencyMatcher` patterns with an
id, a role and an example) finds a predicate ("were killed", "died", "shot dead", "lost their lives")
and its victim: the passive subject, the object, or the subject of an intransitive. The victim phrase is
then counted person by person:

    4 policemen and 1 commando        5    (conjuncts add up)
    a shepherd / the director / him   1    (one described or named person)
    the 13-year-old                   1    (an age stands for a person; under 18 a child)
    dozens of civilians               the vague-quantity convention of quantities.csv
    27 civilians, including 7 children  27, with 7 children inside it (a subset, not added)
    killed alongside his wife and three children   1 + 1 + 3 (companions of the victim add up)
    "they", "people" with no number   unknown: no figure, never 0

A predicate under negation ("were not killed") or a modal ("could have killed", tag MD) or an attempt
("tried to kill") yields nothing. The grammar comes from the parse, never from surface word lists.
"""

from __future__ import annotations

import functools
import json
import threading
from dataclasses import dataclass, field

from spacy.matcher import DependencyMatcher
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token
from spacy.vocab import Vocab
from text_to_num import text2num

from ..errors import DataFileError
from ..lexicon import Lexicons, data_path, data_text
from ..model import Count
from .numbers import MODIFIERS, apply_modifier

ROLES = ("killed", "injured", "shot")  # shot: hit by gunfire, killed or wounded
_PATH = data_path("casualty_patterns.jsonl")
# nouns that can be killed but are not people
NOT_PERSONS = {"cow", "cattle", "sheep", "goat", "horse", "donkey", "camel", "dog", "cat", "animal", "livestock",
               "bird", "chicken", "bull", "mule", "it", "that", "this", "which", "what", "toll",
               "attack", "strike", "bomb", "explosion", "blast", "fire", "plan", "deal", "process", "talk",
               "year", "day", "time", "hope", "vehicle", "car", "tank", "fetus", "foetus", "bill", "motion",
               "proposal", "project", "idea", "engine", "ceasefire", "truce", "crop", "tree", "plant", "story",
               "report", "battery", "phone", "light", "dream", "rumour", "rumor", "investigation", "case", "fish",
               "presence", "life", "lives", "minimum", "maximum", "total", "majority",
               # the parse makes a time the subject at times ("The morning of Monday, four people were killed")
               "morning", "evening", "afternoon", "night", "dawn", "noon", "midnight", "hour", "week", "month"}
UNKNOWN_PRONOUNS = {"they", "them", "those", "these", "others", "all", "some", "many", "both", "we", "us",
                    "everyone", "who", "whom"}
PERSON_ENDINGS = ("ist", "ian", "man", "men", "woman", "women", "ee", "ees")
ONE_PRONOUNS = {"he", "him", "she", "her", "himself", "herself"}
REFLEXIVES = {"himself", "herself", "themselves"}  # "... and blew himself up": the object is the subject
NONE_WORDS = {"nobody", "none", "no-one"}
# predicates that take the subject of the verb they are coordinated with
_PREDICATES = {"kill": "killed", "die": "killed", "murder": "killed", "execute": "killed", "wound": "injured",
               "injure": "injured", "hurt": "injured", "shoot": "shot"}
OTHER_WORDS = {"other", "another", "others"}
ORDINALS = {"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
PLACE_VERBS = {"hit", "strike", "target", "bomb", "shell", "raid", "attack", "pound", "destroy", "damage"}
GUNSHOT = {"gunshot", "bullet", "gun", "shotgun", "gunfire"}
SPEAKING_VERBS = {"say", "tell", "report", "add", "state", "announce", "confirm", "believe", "think", "fear", "know",
                  "feel", "understand", "claim", "declare", "estimate", "write", "recall", "describe"}
FATAL_ADVERBS = {"fatally", "mortally", "summarily"}  # "summarily shot": executed
BARE_OBJECT_VERBS = {"kill", "murder", "execute", "assassinate", "behead", "slay", "lynch", "gun", "leave", "shoot"}
# "kidnapped two villagers and killed them", "targeted two guards, killing both": the people the verb before had
BACK_PRONOUNS = {"them", "both", "all"}
MILD = {"minor", "superficial", "slight", "light"}
DEGREE_ADVERBS = {"seriously", "critically", "badly", "severely", "gravely", "grievously", "life-threateningly"}
AGE_UNITS = ("year", "years", "month", "months", "week", "weeks", "day", "days")
DEFINITE = {"the", "this", "that", "these", "those"}
ATTEMPT = {"try", "attempt", "threaten", "plan", "vow", "want", "seek", "aim", "fail", "intend", "threat"}
COMPANION_PREPS = {"alongside", "besides", "beside"}
ADDING_ADVERBS = {"also", "too", "additionally", "further"}
_NUMBER_WORDS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                 "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
                 "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred"}


@dataclass(frozen=True)
class Pattern:
    id: str
    version: int
    role: str
    example: str
    pattern: list[dict]


@dataclass
class Member:
    """One group of victims inside a victim phrase: "4 policemen", "a shepherd", "his wife"."""

    count: Count | None  # None: people without a figure
    category: str | None
    start: int  # char offsets in the Doc
    end: int
    subset: bool = False  # "including seven children": inside the figure before it


@dataclass
class VictimGroup:
    role: str
    pattern: str
    verb: int  # token index of the predicate in the Doc
    members: list[Member] = field(default_factory=list)
    adds: bool = False  # "were also killed": victims on top of those already told
    ambiguous: bool = False  # "were killed and wounded": a figure of casualties, not of the dead
    head: int = -1  # token index of the victim phrase's head (victim_lists.py reads the names in it)
    others: bool = False  # "three other people were shot": victims besides the dead told with them
    fresh: bool = False  # told as new people ("a man", "two women"), not referred back to ("he", "the boy")


@functools.cache
def load_patterns() -> tuple[Pattern, ...]:
    """Read and validate every casualty pattern; all problems are reported at once."""
    text = data_text("casualty_patterns.jsonl")
    problems: list[str] = []
    out: list[Pattern] = []
    seen: set[str] = set()
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {n}: not JSON ({exc.msg})")
            continue
        missing = [k for k in ("id", "version", "role", "example", "pattern") if k not in row]
        if missing:
            problems.append(f"line {n}: missing {', '.join(missing)}")
            continue
        if row["id"] in seen:
            problems.append(f"line {n}: duplicate id {row['id']!r}")
        seen.add(row["id"])
        if row["role"] not in ROLES:
            problems.append(f"line {n}: role must be one of {ROLES}")
        ids = [node.get("RIGHT_ID") for node in row["pattern"]] if isinstance(row["pattern"], list) else []
        if not ids or ids[0] != "verb" or "victim" not in ids:
            problems.append(f"line {n}: the pattern must start at node 'verb' and name a node 'victim'")
        out.append(Pattern(row["id"], int(row["version"]), row["role"], row["example"], row["pattern"]))
    if problems:
        raise DataFileError(_PATH, problems)
    return tuple(out)


_MATCHERS: dict[tuple[int, frozenset[str]], tuple[Vocab, DependencyMatcher]] = {}


@functools.cache
def _needs() -> tuple[tuple[str, tuple[tuple[str, frozenset[str]], ...]], ...]:
    """For each pattern, the words its nodes name (LEMMA or LOWER, one word or an IN list): a sentence
    without one of a node's words cannot match the pattern. Nodes matched by tag or dependency alone
    need nothing."""
    out = []
    for p in load_patterns():
        needs = []
        for node in p.pattern:
            attrs = node.get("RIGHT_ATTRS", {})
            for key in ("LEMMA", "LOWER"):
                value = attrs.get(key)
                if isinstance(value, str):
                    needs.append((key, frozenset([value])))
                elif isinstance(value, dict) and set(value) == {"IN"}:
                    needs.append((key, frozenset(value["IN"])))
        out.append((p.id, tuple(needs)))
    return tuple(out)


def matcher_for(vocab: Vocab, ids: frozenset[str] | None = None) -> DependencyMatcher:
    """One compiled matcher per vocabulary and set of patterns (spaCy validates every pattern when it is
    added); patterns go in in file order, so matches come back in the same order whatever the subset."""
    key = (id(vocab), ids if ids is not None else frozenset(p.id for p in load_patterns()))
    entry = _MATCHERS.get(key)
    if entry is None or entry[0] is not vocab:
        if len(_MATCHERS) > 1024:
            _MATCHERS.clear()  # a bound on memory; sentences share few combinations of verbs
        matcher = DependencyMatcher(vocab, validate=True)
        for p in load_patterns():
            if p.id in key[1]:
                matcher.add(p.id, [p.pattern])
        entry = _MATCHERS[key] = (vocab, matcher)
    return entry[1]


def _patterns_for(sent: SpacySpan) -> frozenset[str]:
    """The patterns every node of which has its word in the sentence. spaCy's matcher tries every
    pattern's every node on every token: run on the few that can match, it costs a fraction of running
    them all, with the same matches."""
    words = {"LEMMA": {t.lemma_ for t in sent}, "LOWER": {t.lower_ for t in sent}}
    return frozenset(pid for pid, needs in _needs() if all(not w.isdisjoint(words[k]) for k, w in needs))


_LAST = threading.local()  # per thread: the last sentence read (its doc, start, end) and its matches


def _matches(sent: SpacySpan) -> list[tuple[int, list[int]]]:
    """The patterns' matches in the sentence, kept for the last sentence asked: `read_victims` and
    `uncounted_dead` read the same sentence one after the other."""
    last = getattr(_LAST, "entry", None)
    if last is None or last[0] is not sent.doc or last[1:3] != (sent.start, sent.end):
        wanted = _patterns_for(sent)
        # spaCy's dependency matcher copies a Span into a Doc of its own; a sentence parsed alone
        # is its whole Doc, matched in place (the same token indexes)
        target = sent.doc if sent.start == 0 and sent.end == len(sent.doc) else sent
        last = _LAST.entry = (sent.doc, sent.start, sent.end, matcher_for(sent.doc.vocab, wanted)(target) if wanted else [])
    return last[3]


def read_victims(sent: SpacySpan, lex: Lexicons) -> list[VictimGroup]:
    """Every predicate of death or injury in the sentence, with its victims counted."""
    doc = sent.doc
    by_id = {p.id: p for p in load_patterns()}
    groups: dict[tuple[int, str], VictimGroup] = {}
    for match_id, tokens in _matches(sent):
        pattern = by_id[doc.vocab.strings[match_id]]
        names = [node["RIGHT_ID"] for node in pattern.pattern]
        verb, victim = _token(sent, tokens[names.index("verb")]), _token(sent, tokens[names.index("victim")])
        if not _realis(verb) or (verb.i, pattern.role) in groups:
            continue
        if verb.dep_ == "conj" and victim.head.i != verb.i and any(c.dep_ in ("nsubj", "nsubjpass", "dobj")
                                                                   and c.lower_ not in REFLEXIVES for c in verb.children):
            continue  # "were abducted and later executed" shares the subject; "and two others captured" has its own
        if pattern.role == "killed" and victim.dep_ == "dobj" and any(
                c.dep_ == "acl" and c.lemma_ in ("injure", "wound", "hurt") for c in victim.children):
            continue  # "8 persons killed 58 others injured": a headline's run-on, the 58 are the wounded
        if pattern.role != "killed" and any(c.lower_ in FATAL_ADVERBS for c in verb.children):
            continue  # "was fatally wounded": a death, not also a wound
        if victim.dep_ == "nsubj" and victim.head.i == verb.i and (verb.lemma_ in _PREDICATES or verb.lemma_ in SPEAKING_VERBS) \
                and any(c.dep_ == "dobj" for c in verb.children):
            continue  # "a gunman fatally shot a clerk": the subject shot; a headline's subject was shot;
            # "the army reported two rebels dead": the subject reports
        if pattern.id == "dead-verbless" and verb.i > 0 and doc[verb.i - 1].lower_ in ("shot", "gunned"):
            continue  # "two gunmen on a motorbike shot dead a trader": "shot" taken for a noun; the gunmen shot
        if pattern.id == "telegraphic-to-death-subject" and any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children):
            continue  # "a mob beat a thief to death", "they had hacked ... to death": the subject did it
        if pattern.id == "counted-killed-telegraphic" and (any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children)
                                                           or not _counted(victim)):
            continue  # "nine insurgents killed": a note's passive without its auxiliary (tagged a past tense or a
            # participle); "they have killed ...", "two gunmen killed a guard" are active
        if victim.tag_ in ("WP", "WDT", "WP$") and verb.dep_ == "relcl":
            victim = verb.head  # "three men who were killed": the men
        if victim.lower_ in ("they", "he", "she") and victim.dep_ == "nsubj" and verb.dep_ == "relcl":
            victim = _taken_where(verb) or victim  # "3 men were taken to a hospital where they died": the men
        if victim.lower_ in BACK_PRONOUNS and victim.dep_ == "dobj" and verb.dep_ in ("conj", "advcl"):
            before = next((c for c in verb.head.children if c.dep_ == "dobj" and _counted(c)), None)  # "two levies personnel"
            victim = before if before is not None else victim
        deadly = pattern.role == "killed" and _argument(victim, verb)
        members = _persons(victim, lex, killed=deadly)
        # "a deceased man and a wounded woman", "leaving one dead and scores injured": the dead one alone
        if verb.dep_ == "amod" or pattern.id == "left-dead-figure":
            members = [m for m in [_member(victim, lex)] if m is not None]
        else:
            members += _twin_subjects(victim, verb, lex, deadly)
            first = _serial_first(victim, verb)
            if first is not None:
                told = _persons(first, lex, killed=deadly)
                if not told and first.tag_ == "NN" and (_is_person(first, lex) or deadly and _killable(first, lex)):
                    # "The deputy warden of the jail, and ...": the parser hangs "the" on "deputy"
                    left = min(t.i for t in first.subtree if t.i <= first.i)
                    told = [Member(Count(low=1, best=1, high=1), _category(first, lex), first.doc[left].idx,
                                   first.idx + len(first))]
                members = told + members
        if verb.dep_ == "acl" and victim.i == verb.head.i:
            members = _before_participle(members, victim, verb)
        if not members:
            continue
        harm = pattern.role
        # "is expected to survive", "with minor injuries": a wound lived through
        lived = any(_token(sent, i).lemma_ in ("survive", "recover", "live") for i in tokens) or _mild(sent, tokens)
        if harm == "shot" and _mild(sent, tokens):
            harm = "injured"  # "left two teens with minor injuries": hit and lived
        if harm == "injured" and not lived and (_gunshot_wound(sent, tokens) or _told_back(victim)):
            harm = "shot"  # hit, not known to have survived: the article may tell the death elsewhere
            if (verb.i, harm) in groups:
                continue
        group = VictimGroup(harm, pattern.id, verb.i, members, head=victim.i)
        group.members += _companions(verb, lex) + _parts(verb, lex)
        if victim.dep_ in ("nsubjpass", "nsubj") and victim.i < verb.i:
            group.members += _gapped(verb, lex)
        elif victim.dep_ == "dobj" and victim.head.i == verb.i:
            group.members += _co_objects(verb, victim, lex)
        group.adds = any(c.lower_ in ADDING_ADVERBS for c in verb.children if c.dep_ == "advmod")
        group.fresh = _fresh(victim)
        # "three other people were shot", and "the other victim is in critical condition": hit besides the dead
        group.others = _others(victim) and (group.fresh or _definite_other(victim))
        # "another passenger died the following day", "two other men were killed": more dead besides
        # those told before, so the figure adds to theirs (claims.py keeps it near that figure)
        group.adds = group.adds or harm == "killed" and group.fresh and _others(victim)
        groups[(verb.i, harm)] = group
    _shot_dead_words(sent, groups, lex)
    _died_of_wounds(groups)
    # "On Saturday, nine civilians, including a woman, were killed": a long opening can lead the parser
    # to hang the victims on the date; a passive predicate with no subject takes the counted people
    # nearest before it
    for verb in sent:
        role = _PREDICATES.get(verb.lemma_)
        if role is None or verb.tag_ != "VBN" or (verb.i, role) in groups or not _realis(verb) \
                or not any(c.dep_ == "auxpass" for c in verb.children) \
                or any(c.dep_ in ("nsubjpass", "nsubj") for c in verb.children):
            continue
        nearest = _nearest_counted(sent, verb, lex)
        if nearest is not None:
            members = _persons(nearest, lex)
            if members:
                groups[(verb.i, role)] = VictimGroup(role, "passive-no-subject", verb.i, members, head=nearest.i)
    _lost_subject(sent, groups, lex)
    # "a man was shot and killed": a predicate coordinated with another shares its subject
    for (i, role), group in list(groups.items()):
        for conj in doc[i].conjuncts:
            own = ("nsubj", "nsubjpass") if _survived(conj) else ("nsubj", "nsubjpass", "dobj")
            if conj.i < i or any(c.dep_ in own for c in conj.children) or not _realis(conj):
                continue
            other = _PREDICATES.get(conj.lemma_) or ("injured" if _survived(conj) else None) \
                or ("killed" if _said_dead(conj) else None)  # "was shot ... and later pronounced dead"
            if other and other != role and (conj.i, other) not in groups and {role, other} != {"killed", "injured"}:
                groups[(conj.i, other)] = VictimGroup(other, group.pattern + "+conj", conj.i, list(group.members))
    # "were killed and wounded": one subject for both predicates, so the figure counts casualties
    for (i, role), group in list(groups.items()):
        if group.pattern.endswith("+conj"):
            continue
        for conj in doc[i].conjuncts:
            other = "injured" if role == "killed" else "killed"
            if conj.i < i or any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
                continue  # only a later predicate shares this one's subject
            if {role, _PREDICATES.get(conj.lemma_)} == {"killed", "injured"}:
                group.ambiguous = True
                if (conj.i, other) in groups:
                    groups[(conj.i, other)].ambiguous = True
    return sorted(groups.values(), key=lambda g: g.verb)


_PASSIVE_BEFORE = {"was", "were", "been", "being", "is", "are", "be", "get", "got", "gets"}
_PHRASE_POS = {"DET", "NUM", "ADJ", "NOUN", "PROPN"}


def _phrase_head(sent: SpacySpan, start: int, end: int, lex: Lexicons) -> tuple[Token | None, int]:
    """The head of the noun phrase that opens at `start` and where it ends: its last noun (or a person's
    word the tagger took for an adjective: "a former militant") before a word that is none of an article,
    a possessive, a figure, an adjective or a noun (the parse is not trusted here: see _shot_dead_words)."""
    head, k = None, start
    for t in sent.doc[start:end]:
        if t.pos_ not in _PHRASE_POS and t.tag_ not in ("POS", "PRP$") and not (t.text == "-" and not t.whitespace_):
            break
        if t.pos_ in ("NOUN", "PROPN") or t.pos_ == "ADJ" and t.lower_ in lex.victims:
            head = t
        k = t.i + 1
    return head, k


def _shot_dead_words(sent: SpacySpan, groups: dict[tuple[int, str], VictimGroup], lex: Lexicons) -> None:
    """ "Gunmen shot dead a trader", "rebels shot Kumar, a contractor, dead", "Police gun down two robbers":
    the small parser reads "shot" or "gun" as a noun, "dead" as the root or the object, in many ways. The
    words decide: "shot dead", "gunned dead/down", "gun(s) down" (not after an auxiliary: a passive's
    subject is read by the patterns) and then the people, or the people between "shot" and "dead" (a
    name and what the person is, in commas)."""
    doc = sent.doc
    for t in sent:
        if t.lower_ not in ("shot", "gunned", "gun", "guns") or (t.i, "killed") in groups or t.i + 2 >= sent.end \
                or t.i > sent.start and doc[t.i - 1].lower_ in _PASSIVE_BEFORE or not _realis(t):
            continue
        more: list[Token] = []
        # "gun down": a headline's present tense, "gun" then read as a noun
        after = ("dead",) if t.lower_ == "shot" else ("down",) if t.lower_ in ("gun", "guns") else ("dead", "down")
        if doc[t.i + 1].lower_ in after:
            victim, k = _phrase_head(sent, t.i + 2, sent.end, lex)
            while victim is not None and k + 1 < sent.end and doc[k].lower_ == "and":
                other, k = _phrase_head(sent, k + 1, sent.end, lex)  # "shot dead a couple and their son"
                if other is None:
                    break
                more.append(other)
        elif t.lower_ in ("gun", "guns"):
            continue
        else:
            dead = next((k for k in range(t.i + 2, min(sent.end, t.i + 12)) if doc[k].lower_ == "dead"), None)
            if dead is None or any(doc[k].lower_ in ("and", "but", ";", ".") or doc[k].pos_ in ("VERB", "AUX", "ADP")
                                   for k in range(t.i + 1, dead)):
                continue
            victim, _ = _phrase_head(sent, t.i + 1, dead, lex)  # the first phrase: the rest describes it
        if victim is None or not (victim.pos_ == "PROPN" or _is_person(victim, lex) or victim.lower_ == "couple"):
            continue
        if any(m.start <= victim.idx < m.end for g in groups.values() if g.role == "killed" for m in g.members):
            continue  # read by a pattern already
        members = _persons(victim, lex, killed=True)
        for other in more:
            if _is_person(other, lex) and not any(m.start <= other.idx < m.end for m in members):
                members += [m for m in [_member(other, lex, killed=True)] if m is not None]
        if members:
            groups[(t.i, "killed")] = VictimGroup("killed", "shot-dead-words", t.i, members, head=victim.i)


def uncounted_dead(sent: SpacySpan, lex: Lexicons) -> tuple[int, int] | None:
    """ "The strikes killed militants and civilians", "gunmen killed villagers": a death that happened, of
    people named only by a bare plural (no figure, article or possessive). ACLED codes such an unknown
    count as "an unknown number" (docs/conventions.md); the span of the victims, or None."""
    doc = sent.doc
    by_id = {p.id: p for p in load_patterns()}
    for match_id, tokens in _matches(sent):
        pattern = by_id[doc.vocab.strings[match_id]]
        if pattern.role != "killed":
            continue
        names = [node["RIGHT_ID"] for node in pattern.pattern]
        verb, victim = _token(sent, tokens[names.index("verb")]), _token(sent, tokens[names.index("victim")])
        if not _realis(verb) or not _argument(victim, verb) or verb.tag_ in ("VBZ", "VBP", "VB"):
            continue  # "militants kill civilians": a habit or a claim in the present, not a death told
        if verb.tag_ == "VBG" and verb.dep_ != "advcl":
            continue  # "accused of killing protesters", "protesting anarchy and killing people": a charge or a
            # grievance; only "..., killing fighters and civilians" tells the deaths of the clause before it
        heads = [victim, *victim.conjuncts]
        if all(_bare_plural(h, lex) for h in heads):
            return heads[0].idx, max(h.idx + len(h) for h in heads)
    return None


def _bare_plural(h: Token, lex: Lexicons) -> bool:
    return h.tag_ == "NNS" and _is_person(h, lex) and h.lower_ not in UNKNOWN_PRONOUNS \
        and not any(c.dep_ in ("det", "nummod", "poss", "quantmod", "predet") or c.like_num
                    or c.lower_ in lex.quantities or c.lower_ in OTHER_WORDS for c in h.children)


def _lost_subject(sent: SpacySpan, groups: dict[tuple[int, str], VictimGroup], lex: Lexicons) -> None:
    """ "A suspected insurgent wanted for several attacks was killed", "An alleged robber, who had escaped
    from custody, was shot dead": a long subject leads the small parser to hang it elsewhere, and the
    passive death is left with no person (no subject, or "attacks"). The described person who opens the
    sentence, one and indefinite, is then the victim; only for deaths, and only when nothing else is."""
    if any(role == "killed" for _, role in groups):
        return
    for verb in sent:
        dead = _PREDICATES.get(verb.lemma_) == "killed" or verb.lemma_ == "shoot" and any(c.lower_ == "dead" for c in verb.children) \
            or verb.lemma_ == "gun" and any(c.lower_ == "down" for c in verb.children)  # "was gunned down"
        # "was shot and killed": the second participle shares the first one's auxiliary
        passive = verb.head if verb.dep_ == "conj" and not any(c.dep_ == "auxpass" for c in verb.children) else verb
        if not dead or verb.tag_ != "VBN" or not _realis(verb) \
                or not any(c.dep_ == "auxpass" for c in passive.children):
            continue
        subject = next((c for c in passive.children if c.dep_ in ("nsubjpass", "nsubj")), None)
        if subject is not None and (subject.pos_ == "PRON" or _member(subject, lex, killed=True) is not None):
            continue  # a subject of its own that is a person or "they": read as it is
        det = next((t for t in sent.doc[sent.start: verb.i] if t.dep_ == "det" and t.lower_ in ("a", "an")), None)
        name = _opening_name(sent, passive, lex) if subject is None or subject.pos_ != "PROPN" else None
        if name is not None:
            member = Member(Count(low=1, best=1, high=1), None, name[0].idx, name[-1].idx + len(name[-1]))
            # no head: the names roster would read the description's places as more names
            groups[(verb.i, "killed")] = VictimGroup("killed", "lost-subject", verb.i, [member], fresh=True)
            return
        person = det.head if det is not None else _bare_opening(sent, verb)
        if person is None or person.tag_ != "NN" or person.i >= verb.i \
                or not (_is_person(person, lex) or _killable(person, lex)):
            return
        left = min(t.i for t in person.subtree if t.i <= person.i)
        member = Member(Count(low=1, best=1, high=1), _category(person, lex), sent.doc[left].idx, person.idx + len(person))
        groups[(verb.i, "killed")] = VictimGroup("killed", "lost-subject", verb.i, [member], head=person.i, fresh=True)
        return


def _opening_name(sent: SpacySpan, verb: Token, lex: Lexicons) -> list[Token] | None:
    """ "Karim Uddin alias Babu, 32, son of a trader, was gunned down": a person's name opens the sentence
    and a long description between it and its verb in the singular leads the parser astray. Two or more
    capitalised proper nouns (a nickname after "alias" too), no actor's or party's name."""
    if not any(c.dep_ in ("aux", "auxpass") and c.lower_ in SINGULAR_AUX for c in verb.children):
        return None
    name: list[Token] = []
    for t in sent:
        if t.pos_ == "PROPN" and t.text.istitle() and t.text.isalpha() or name and t.lower_ == "alias":
            name.append(t)
            continue
        break
    proper = [t for t in name if t.pos_ == "PROPN"]
    if len(proper) < 2 or name[-1].lower_ == "alias" or name[-1].i >= verb.i:
        return None
    words = {t.lower_ for t in proper} | {" ".join(t.lower_ for t in proper[:2])}
    if any(w in lex.actors or w in lex.parties or w in lex.victims for w in words):
        return None
    return name


def _bare_opening(sent: SpacySpan, verb: Token) -> Token | None:
    """ "Army officer found near the border was shot and killed": a note's telegraphic subject has no
    article; the singular noun that opens the sentence (after its modifiers only) is then one person."""
    for t in sent:
        if t.i >= verb.i or t.pos_ in ("DET", "NUM", "PRON", "VERB", "AUX", "ADP"):
            return None
        if t.dep_ in ("compound", "amod") or t.pos_ == "ADJ":
            continue
        return t if t.tag_ == "NN" and not any(c.dep_ in ("det", "nummod", "poss") for c in t.children) else None
    return None


def _before_participle(members: list[Member], victim: Token, verb: Token) -> list[Member]:
    """ "5 civilians killed and 2 injured": each participle of a note's run-on takes the figures told just
    before it, not the conjunct after it (the parser hangs "2" and "injured" on "civilians" too)."""
    after = max((c.idx for h in (victim, *victim.conjuncts) for c in h.children
                 if c.dep_ == "acl" and c.i < verb.i and c.lemma_ in _PREDICATES), default=-1)
    kept = [m for m in members if after < m.start < verb.idx]
    return kept or members


def _counted(victim: Token) -> bool:
    """The phrase opens with its figure: "9 insurgents", "3 ULFA and NSCN cadres" (the parser may hang it on a name)."""
    return any(c.dep_ == "nummod" for c in victim.children) or victim.left_edge.like_num and victim.left_edge.i < victim.i


def _taken_where(verb: Token) -> Token | None:
    """ "Four wounded men were shifted to a hospital where they died", "took the boy to a clinic where he
    died": "they" of a "where" clause are the people the clause's place was reached by, the passive
    subject (or the object) of the verb that governs the place."""
    if not any(c.lower_ in ("where", "wherein") for c in verb.children):
        return None
    h = verb.head
    while h.pos_ not in ("VERB", "AUX") and h.head.i != h.i:
        h = h.head
    if h.pos_ not in ("VERB", "AUX"):
        return None
    who = next((c for c in h.children if c.dep_ == "nsubjpass"), None) or next((c for c in h.children if c.dep_ == "dobj"), None)
    return who if who is not None and who.pos_ in ("NOUN", "PROPN") else None


def _serial_first(victim: Token, verb: Token) -> Token | None:
    """ "One guard, and two porters were killed", "The warden of the jail, and his brother were shot dead":
    with a comma before "and" the parser makes the first person the root and the verb a conjunct of it;
    that first person is a subject of the verb too (a list: the verb is in the plural)."""
    if verb.dep_ != "conj" or victim.dep_ not in ("nsubj", "nsubjpass") or victim.head.i != verb.i:
        return None
    first = verb.head
    if first.pos_ not in ("NOUN", "PROPN", "NUM") or first.dep_ != "ROOT" or first.i >= victim.i \
            or not any(c.dep_ == "cc" and c.lower_ == "and" for c in first.children) \
            or not any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("were", "are", "have") for c in verb.children):
        return None
    return first


def _twin_subjects(victim: Token, verb: Token, lex: Lexicons, killed: bool = False) -> list[Member]:
    """ "4 rebels and 1 policeman were killed" is often parsed with two subjects of one verb instead of
    two conjuncts: the later subjects are victims too (their figures add up, as conjuncts do)."""
    if victim.dep_ not in ("nsubj", "nsubjpass") or victim.head.i != verb.i:
        return []
    # "A teacher, a farmer and a student were killed": the "and" hangs on the later subject; then all are
    # indefinite people, a list
    return [m for t in verb.children if t.dep_ == victim.dep_ and t.i > victim.i
            and (any(c.dep_ == "cc" for c in victim.children)
                 or _indefinite(victim) and _indefinite(t) and any(c.dep_ == "cc" for c in t.children))
            for m in _persons(t, lex, killed)]  # "a commander and his companion were killed": any person


# predicates of death said of people (not "eliminate their presence", "killing the fish" is an animal's)
PERSON_VERBS = {"kill", "murder", "slay", "lynch", "behead", "decapitate", "assassinate", "execute", "gun", "shoot",
                "stab", "hack", "strangle", "beat", "club", "burn", "die", "perish", "succumb", "find", "leave",
                "bludgeon", "stone", "axe", "chop"}


def _argument(victim: Token, verb: Token) -> bool:
    """The victim is the predicate's own argument: the object, the passive subject, or the subject of
    "died"; not through a reduced relative ("the raid killed ..." is often parsed as "the raid [that was]
    killed") nor a speaker ("..., the ministry said")."""
    if verb.lemma_ not in PERSON_VERBS:
        return False
    if verb.dep_ == "acl" and verb.head.i == victim.i and victim.dep_ == "ROOT" and verb.tag_ == "VBN":
        return True  # a note's headline grammar, no finite verb: "Another blogger hacked to death by ..."
    if victim.dep_ == "nsubj" and victim.head.i == verb.i and verb.tag_ in ("VBN", "VBD") and _to_death(verb) \
            and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children):
        return True  # the same, parsed as a subject: "Another blogger hacked to death by ..." (no one is object)
    if verb.dep_ == "conj" and verb.lemma_ in ("die", "perish", "succumb") and victim.head.i == verb.head.i \
            and victim.dep_ in ("nsubj", "nsubjpass") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return True  # "a trader was beaten by a mob and later succumbed to his injuries": the first verb's subject died
    if victim.head.i != verb.i or verb.dep_ == "acl":
        return False
    return victim.dep_ in ("nsubjpass", "dobj") or victim.dep_ == "nsubj" and verb.lemma_ in ("die", "perish", "succumb")


def _said_dead(verb: Token) -> bool:
    """ "pronounced dead", "declared dead", "found dead": a death told by who saw it."""
    return verb.lemma_ in ("pronounce", "declare", "find", "confirm") and any(c.lower_ == "dead" for c in verb.children)


def _to_death(verb: Token) -> bool:
    return any(c.lower_ == "to" and any(d.lower_ == "death" for d in c.children) for c in verb.children)


def _others(victim: Token) -> bool:
    """ "three other people", "another man", "two others", "a third person": people besides those told
    before them (an ordinal with "a" counts on from them; "the second victim" may be one of them)."""
    return victim.lower_ in OTHER_WORDS or any(c.lower_ in OTHER_WORDS and c.dep_ in ("amod", "det", "nummod", "advmod")
                                               for c in victim.children) \
        or _indefinite(victim) and any(c.lower_ in ORDINALS and c.dep_ == "amod" for c in victim.children)


def _det(h: Token, *words: str) -> bool:
    return any(c.dep_ == "det" and c.lower_ in words for c in h.children)


def _definite_other(victim: Token) -> bool:
    """ "the other victim", "the other two" as the subject of their state: the rest of the people told
    before, besides the dead ("he shot the other three victims" is the shooter's other victims, dead or not)."""
    return victim.dep_ != "dobj" and victim.lower_ != "others" \
        and any(c.lower_ == "the" and c.dep_ == "det" for c in victim.children)


def _died_of_wounds(groups: dict[tuple[int, str], VictimGroup]) -> None:
    """ "a juvenile injured in the shooting has died": the wounded who died are hit, not also wounded."""
    dead = {(m.start, m.end) for g in groups.values() if g.role == "killed" for m in g.members}
    for key, g in list(groups.items()):
        if g.role == "injured" and g.members and all((m.start, m.end) in dead for m in g.members):
            del groups[key]
            if (key[0], "shot") not in groups:
                g.role = "shot"
                groups[(key[0], "shot")] = g


def _survived(verb: Token) -> bool:
    """ "was shot but survived", "were struck but sustained minor injuries": beside a predicate of harm
    whose victims it takes, a wound they lived through ("survived by his wife" alone is an obituary's)."""
    if verb.lemma_ == "survive":
        return True
    return verb.lemma_ in ("sustain", "suffer") and any(
        c.dep_ == "dobj" and c.lemma_ in ("injury", "wound") and not any(g.lower_ in GUNSHOT for g in c.children)
        for c in verb.children)


def _mild(sent: SpacySpan, tokens: list[int]) -> bool:
    """ "with minor injuries", "with non-life-threatening wounds": said to be slight, so survived."""
    for i in tokens:
        tok = _token(sent, i)
        if tok.lemma_ in ("wound", "injury") and any(
                t.lower_ in MILD or t.lower_.startswith("non") for c in tok.children if c.dep_ in ("amod", "compound")
                for t in c.subtree):
            return True
    return False


def _gunshot_wound(sent: SpacySpan, tokens: list[int]) -> bool:
    """ "suffered a gunshot wound", "found with a bullet wound": a wound that says he was hit, not that
    he lived ("she suffered a gunshot wound to the head and was pronounced dead")."""
    for i in tokens:
        tok = _token(sent, i)
        if tok.lemma_ in ("wound", "injury") and any(c.lower_ in GUNSHOT for c in tok.children):
            return True
    return False


def _told_back(victim: Token) -> bool:
    """ "he was wounded", "the victim was wounded": a person told before, who may be the dead."""
    if victim.lower_ in ONE_PRONOUNS:
        return True
    # "the toddler", "the victim": one person named before; not "the two men", not "his wife"
    return victim.tag_ == "NN" and any(c.lower_ == "the" and c.dep_ == "det" for c in victim.children) \
        and not any(c.dep_ in ("nummod", "conj") for c in victim.children)


def _fresh(victim: Token) -> bool:
    """An indefinite victim phrase: "a man", "two women", "another teen"; not "he", "the boy", "his wife"."""
    if victim.lower_ in ONE_PRONOUNS or victim.pos_ == "PRON" and victim.lower_ not in OTHER_WORDS:
        return False
    partitive = victim.pos_ in ("NUM", "PRON") or victim.lower_ in ("one", "some", "several", "most", "each")
    return not any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in DEFINITE or partitive and _of_known(c)
                   for c in victim.children)


def _of_known(prep: Token) -> bool:
    """ "one of them", "two of the victims": a part of people told before, not new ones (but "12 other
    members of the family" are people, counted anew)."""
    return prep.dep_ == "prep" and prep.lower_ == "of" and any(
        o.dep_ == "pobj" and (o.pos_ == "PRON" or _det(o, *DEFINITE)) for o in prep.children)


def _nearest_counted(sent: SpacySpan, verb: Token, lex: Lexicons) -> Token | None:
    """The nearest noun before the verb that carries a figure of people, outside any "including" part."""
    for tok in reversed(sent.doc[sent.start: verb.i]):
        if tok.lower_ in (".", ";") or tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i != verb.i:
            return None  # another clause's subject: too far
        if tok.pos_ not in ("NOUN", "PROPN") or any(a.lower_ in ("including", "among") for a in tok.ancestors):
            continue
        counted = any(c.dep_ == "nummod" and not _is_age(c) or c.lower_ in lex.quantities for c in tok.children)
        if counted and _category(tok, lex) != "people" or counted and tok.lower_ in lex.victims:
            return tok
    return None


def _token(sent: SpacySpan, i: int) -> Token:
    """The matcher gives token indexes into what it was called on; a Span's are relative to it."""
    return sent[i] if i < len(sent) else sent.doc[i]


def _irrealis(tok: Token) -> bool:
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in tok.children):
        return True
    # "was not seriously hurt" denies how badly, not the wound: hurt all the same
    return any(c.dep_ == "neg" for c in tok.children) and not any(
        c.dep_ == "advmod" and c.lower_ in DEGREE_ADVERBS for c in tok.children)


def _realis(verb: Token) -> bool:
    """The predicate states a death or an injury that happened: no negation, no modal (tag MD), no attempt."""
    if _irrealis(verb):
        return False
    if verb.dep_ == "xcomp" and verb.head.lemma_ in ATTEMPT:
        return False  # "tried to kill"
    if verb.dep_ == "conj" and _irrealis(verb.head):
        return False  # "could have killed or wounded"
    return True


SINGULAR_AUX = {"was", "is", "has"}


def _one_subject(head: Token) -> bool:
    """The subject of a verb in the singular: "was killed", "has died" (a list of people takes "were", "have")."""
    return head.dep_ in ("nsubj", "nsubjpass") and head.tag_ == "NN" \
        and any(c.dep_ in ("aux", "auxpass") and c.lower_ in SINGULAR_AUX for c in head.head.children)


PLACE_PREPS = {"in", "at", "near", "from", "outside", "inside"}


def stray_place(t: Token) -> bool:
    """ "In Barisal, a driver and his helper were killed": the parser can leave "In" without its object
    and make the place a subject; a proper noun (with its compounds) right after a preposition that
    governs nothing is that place, not a person."""
    first = t.doc[t.left_edge.i] if t.pos_ == "PROPN" else t
    while first.i > 0 and first.pos_ == "PROPN" and first.doc[first.i - 1].pos_ == "PROPN":
        first = first.doc[first.i - 1]
    if first.i == 0 or t.pos_ != "PROPN":
        return False
    prep = first.doc[first.i - 1]
    return prep.pos_ == "ADP" and prep.lower_ in PLACE_PREPS and not any(c.dep_ == "pobj" for c in prep.children)


def _persons(head: Token, lex: Lexicons, killed: bool = False) -> list[Member]:
    shared = _shared_figure(head, lex)
    if shared is not None:
        return [shared]
    members: list[Member] = []
    conjuncts = sorted([head, *head.conjuncts, *_listed_appositive(head), *_conjuncts_of_the_group(head, lex)],
                       key=lambda t: t.i)
    including = next((c.i for c in head.children if c.dep_ == "prep" and c.lower_ in ("including", "among")), None)
    for h in conjuncts:
        if _nobody(h):
            return []  # "no one", "nobody": the negation reader gives the zero
        if stray_place(h):
            continue  # "In Barisal, a driver ...": the place the parser made a subject
        if h is not head and h.pos_ in ("VERB", "AUX"):
            continue  # "leaving four dead and 13 injured": the wounded are a predicate's, not more dead
        if h is not head and _one_subject(head) and h.tag_ == "NN" \
                and not any(c.dep_ in ("det", "poss", "nummod") for c in h.children):
            continue  # "a local leader and wanted extremist was killed": the verb's "was" says one person
        if including is not None and h.i > including and h is not head and _counted(head) \
                and not any(c.dep_ == "nummod" for c in h.children):
            continue  # "four persons including an elder and his son": the son is of the part (hung on "persons")
        # a noun outside the lexicon as the argument itself, and as a conjunct of one person described the
        # same way ("a student and a constable"), not of a figure ("39 people ... and a market": a misparse)
        plain = not any(c.dep_ == "nummod" for c in head.children) and not head.like_num
        # ... with a determiner of its own: "a scholar and administrator of the seminary" is one person
        own = any(c.dep_ in ("det", "poss", "nummod") for c in h.children)
        m = _member(h, lex, killed and (h is head or plain and own))
        if m is not None:
            members.append(m)
        for prep in h.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "along", "together") and h is head:
                members += _added(prep, lex)
    # the first conjunct heads the phrase, so its subtree holds every "including"
    return members + _parts(conjuncts[0], lex) + _breakdown(head, lex) if members else members


_HURT_WORDS = {"injure", "injured", "wound", "wounded", "hurt", "injury", "injuries", "sustain", "sustained"}


def _gapped(verb: Token, lex: Lexicons) -> list[Member]:
    """ "one policeman was killed and 3 militants too": a second counted subject whose verb is left out
    is parsed as a conjunct of the verb; those people share the predicate."""
    out: list[Member] = []
    for c in verb.children:
        # (not "and seven others, including a woman, injured": the hurt besides the dead)
        if c.dep_ == "conj" and c.i > verb.i and c.pos_ == "NOUN" and c.lower_ in lex.victims \
                and c.lower_ not in OTHER_WORDS and not any(t.lemma_ in _HURT_WORDS for t in c.subtree) \
                and not any(k.dep_ in ("nsubj", "nsubjpass", "dobj", "acl", "relcl") for k in c.children) \
                and any(n.dep_ == "nummod" and not _is_age(n) and not _is_year(n) for n in c.children):
            m = _member(c, lex)
            if m is not None:
                out.append(m)
    return out


def _co_objects(verb: Token, victim: Token, lex: Lexicons) -> list[Member]:
    """ "killed the commander and three of his bodyguards": the parser joins the second object, a
    figure of people told as part of a group, to the verb; they are killed too."""
    out: list[Member] = []
    for c in verb.children:
        if c.dep_ != "conj" or c.i <= victim.i or c.pos_ != "NUM" or _is_age(c) or _is_year(c) \
                or any(k.dep_ in ("nsubj", "nsubjpass", "dobj") for k in c.children):
            continue
        if any(p.dep_ == "prep" and p.lower_ == "of" and any(o.dep_ == "pobj" and o.lower_ in lex.victims for o in p.children)
               for p in c.children):
            m = _member(c, lex)
            if m is not None:
                out.append(m)
    return out


def _conjuncts_of_the_group(head: Token, lex: Lexicons) -> list[Token]:
    """ "killed eight militants of the NSCN-K and three civilians": the parser joins the second counted
    group to the name inside the first one's "of" phrase; a counted noun of people joined to an uncounted
    name is the victim's own conjunct."""
    out: list[Token] = []
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ != "of" or not _counted(head):
            continue
        for name in prep.children:
            if name.dep_ != "pobj" or any(c.dep_ == "nummod" for c in name.children) or name.lower_ in lex.victims:
                continue
            out += [c for c in name.conjuncts if c.i > name.i and c.lower_ in lex.victims
                    and any(n.dep_ == "nummod" and not _is_age(n) and not _is_year(n) for n in c.children)]
    return out


def _indefinite(t: Token) -> bool:
    return _det(t, "a", "an")


def _listed_appositive(head: Token) -> list[Token]:
    """ "A teacher, a farmer and a student were killed": the parser makes the second person an appositive
    of the first and the third its conjunct; a run of indefinite people joined by "and" is a list, not
    one person described twice ("Ali, a farmer and father of three" has no article on its head)."""
    if not _indefinite(head) or head.conjuncts:
        return []
    for app in head.children:
        if app.dep_ == "appos" and _indefinite(app) and app.conjuncts \
                and all(_indefinite(c) or any(n.dep_ == "nummod" for n in c.children) for c in app.conjuncts):
            return [app, *app.conjuncts]
    return []


def _shared_figure(head: Token, lex: Lexicons) -> Member | None:
    """ "5 JMB and local militants": names and adjectives joined by "and" before one plural noun share
    its figure; the parser often makes the first name the head and leaves the figure outside. One group
    of people, counted by the figure before the first word."""
    if head.tag_ != "NNP" or any(c.dep_ == "nummod" for c in head.children) or head.left_edge.i == 0:
        return None
    plural = [c for c in head.conjuncts if c.i > head.i and c.tag_ == "NNS"]
    if len(plural) != 1 or any(c.dep_ == "nummod" for c in plural[0].children) or plural[0].lower_ not in lex.victims:
        return None
    figure = head.doc[head.left_edge.i - 1]
    if not figure.like_num or _is_age(figure) or _is_year(figure):
        return None
    count = _number(figure)
    if count is None:
        return None
    return Member(_hedged(figure, count), _category(plural[0], lex), figure.idx, plural[0].idx + len(plural[0]))


def _breakdown(head: Token, lex: Lexicons) -> list[Member]:
    """ "five people were killed, a woman and four children": a figure's appositive names who they were,
    a part of it, not more people. Only under a counted noun, and only nouns of a victim category
    (an appositive name or age, "Maria Lopez, 52", is no breakdown)."""
    if not any(c.dep_ == "nummod" or c.lower_ in lex.quantities for c in head.children):
        return []
    out: list[Member] = []
    for app in head.children:
        if app.dep_ != "appos" or app.pos_ != "NOUN":
            continue
        parts = _listed(app, lex)
        if parts and all(p.category in ("children", "women") for p in parts):
            for p in parts:
                p.subset = True
            out += parts
    return out


def _nobody(h: Token) -> bool:
    return h.lower_ in NONE_WORDS or any(c.lower_ == "no" and c.dep_ == "det" for c in h.children)


def _range_top(h: Token) -> bool:
    """ "four" in "two or three", "three to four", "between three and four": the top of a range the
    first figure reads (`_number`), not another group."""
    doc = h.doc
    if not h.like_num or h.i < 2 or not doc[h.i - 2].like_num:
        return False
    link = doc[h.i - 1].lower_
    return link in ("or", "to") or link == "and" and h.i > 2 and doc[h.i - 3].lower_ == "between"


def _member(h: Token, lex: Lexicons, killed: bool = False) -> Member | None:
    """One victim group of a phrase. `killed`: the noun is what a predicate of death applies to, so any
    common noun that is not a thing, an animal or a place is a person ("a candidate was killed", "a
    Bangladeshi national was shot dead"); with other predicates only the nouns known to name people."""
    word = h.lower_
    if word in ("total", "toll"):  # "a total of six people": the people
        of = next((c for c in h.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        return _member(obj, lex) if obj is not None else None
    if _nobody(h) or _range_top(h):
        return None
    if word == "couple" and not any(c.dep_ == "prep" and c.lower_ == "of" for c in h.children) \
            and any(c.lower_ in ("a", "the", "elderly", "young", "married") for c in h.children):
        # "a couple were shot dead": two people ("a couple of soldiers" is quantities.csv's)
        return Member(Count(low=2, best=2, high=2), None, h.doc[h.left_edge.i].idx, h.idx + len(h))
    if word == "both" and h.dep_ in ("nsubj", "nsubjpass", "dobj") or _both(h):
        # "both were taken to a hospital", "both victims": two people, whoever they are
        return Member(Count(low=2, best=2, high=2), _category(h, lex) if word != "both" else None, h.doc[h.left_edge.i].idx,
                      h.idx + len(h))
    if word in ONE_PRONOUNS or word == "another" and h.dep_ in ("nsubj", "nsubjpass", "dobj", "conj") \
            or word == "other" and h.dep_ in ("nsubj", "nsubjpass", "dobj", "conj") and _det(h, "the") \
            or word == "self" and h.dep_ == "dobj":  # "child shot self", a headline's "himself"
        # "another" alone is one more person: "three were killed and another wounded"; "the other" the
        # one left of two: "killing one and wounding the other"
        return Member(Count(low=1, best=1, high=1), None, h.idx, h.idx + len(h))
    # "On 7 October 2023 six members ...": a year the parser hangs on the noun is no figure
    num = next((c for c in h.children if c.dep_ == "nummod" and not _is_age(c) and not _is_year(c)), None)
    if num is None and h.left_edge.like_num and h.left_edge.i < h.i and not _is_age(h.left_edge):
        num = h.left_edge  # "seven identified members": the parser hangs the figure on the adjective
    if num is None:  # "at least 25 identified civilians": the figure hangs on the adjective, as npadvmod
        # "two rangers personnel": on a noun before the head, too
        num = next((n for a in h.lefts if a.dep_ in ("amod", "compound") for n in a.children if n.like_num and n.i < a.i
                    and n.dep_ in ("npadvmod", "nummod", "advmod") and not _is_age(n) and not _is_year(n)), None)
    vague_mod = next((lex.quantities[c.lower_] for c in h.children if c.dep_ in ("amod", "nummod")
                      and c.lower_ in lex.quantities), None)  # "several others", "many people"
    ante = h.head.head
    if word in ("who", "whom") and h.head.dep_ == "relcl" and ante.tag_ in ("NN", "NNP") \
            and ante.lower_ in lex.victims and ante.lower_ not in NOT_PERSONS \
            and ante.lower_ not in ("body", "bodies", "corpse") \
            and (ante.dep_ == "dobj" or ante.dep_ == "pobj" and ante.head.head.pos_ == "VERB"
                 and ante.head.lower_ not in ("after", "following", "over", "against")):
        # (the target of the act told: not "the body of the teenager, who was murdered", a grievance)
        # "fired at a teacher, who later died in hospital": the one person the clause is about
        return Member(Count(low=1, best=1, high=1), _category(h.head.head, lex), h.idx, h.idx + len(h))
    if (word in UNKNOWN_PRONOUNS or h.pos_ == "PRON") and num is None and vague_mod is None:
        return None
    lemma = h.lemma_.lower()
    if lemma in NOT_PERSONS or word in NOT_PERSONS:
        return None
    if any(c.lower_ == "unborn" for c in h.children if c.dep_ in ("amod", "compound")):
        return None  # "five people and an unborn baby": the dead counted are people born (GVA, police tallies)
    category = _category(h, lex)
    left = min([h.i] + [c.left_edge.i for c in h.children if c.dep_ in ("nummod", "det", "quantmod", "amod", "compound",
                                                                         "poss", "advmod", "nmod")])
    start = h.doc[left].idx
    end = h.idx + len(h)
    # the head is itself a figure: "1 was wounded", "killing 3 of his guards", "dozens of civilians"
    vague = lex.quantities.get(word) or lex.quantities.get(f"a {word} of") if word in ("number", "dozen", "couple") else lex.quantities.get(word)
    if h.like_num or h.pos_ == "NUM" or vague is not None:
        count = vague if vague is not None else _number(h)
        category = None  # a bare figure ("1 was wounded") names no kind of person
        of = next((c for c in h.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None:
            obj = next((c for c in of.children if c.dep_ == "pobj"), None)
            if obj is not None:
                category = _category(obj, lex)
                end = obj.idx + len(obj)
        if count is None:
            return None
        return Member(_hedged(h, count), category, start, end)
    if num is not None:
        count = _number(num)
        if count is None:
            return None
        return Member(_hedged(num, count), category, start, end)
    if vague_mod is not None:
        return Member(vague_mod, category, start, end)
    if _is_age_noun(h):  # "the 13-year-old died"
        age = _number(next(t for t in h.subtree if t.like_num))
        infant = not any(t.lower_ in ("year", "years") for t in h.subtree)  # "an 18-month-old"
        cat = "children" if infant or age is not None and age.best is not None and age.best < 18 else None
        return Member(Count(low=1, best=1, high=1), cat, start, end)
    dets = {c.lower_ for c in h.children if c.dep_ in ("det", "poss")}
    # "a personnel of the border force": a mass noun counted as one with "a"; "a soldier and a militiamen
    # killed": a person's noun in the plural after "a" is a slip for one
    single = h.tag_ in ("NN", "NNP") or h.tag_ == "NNS" and bool(dets & {"a", "an"}) and (killed or _is_person(h, lex))
    # "a local was killed": an adjective the tagger leaves as one, used as a noun with its article
    noun_like = h.pos_ in ("NOUN", "PROPN") or killed and h.pos_ == "ADJ" and bool(dets & {"a", "an"}) \
        and (h.dep_ in ("nsubjpass", "dobj") or h.dep_ == "amod" and h.head.lower_ == "dead") and h.lower_ not in NOT_PERSONS
    if single and noun_like or killed and noun_like and h.pos_ == "ADJ":
        if h.pos_ == "PROPN" and (h.ent_type_ in ("GPE", "LOC", "ORG", "NORP") or h.lower_ in lex.actors):
            return None
        if h.tag_ == "NNP" and dets & {"a", "an"} and (killed or h.dep_ == "conj") \
                and not any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in h.children):
            # "murdered a Dalit", "three herders and a Tiv": one member of a people, caste or group
            return Member(Count(low=1, best=1, high=1), category, start, end)
        # "her brother and 4-year-old daughter": a singular conjunct shares the first one's determiner
        shared = h.dep_ == "conj" and h.tag_ == "NN" and h.head.pos_ in ("NOUN", "PROPN")
        # a headline drops the article: "Teenager fatally shot near park", "Child shot self"
        shared = shared or h.tag_ == "NN" and h.dep_ in ("nsubj", "nsubjpass") and not dets
        # a monitor's note drops it before the object too: "gunmen killed former separatist leader"
        shared = shared or h.tag_ == "NN" and h.dep_ == "dobj" and not dets and h.head.lemma_ in BARE_OBJECT_VERBS
        shared = shared or h.tag_ == "NN" and h.dep_ == "pobj" and not dets and h.head.lower_ == "of" \
            and h.head.head.lemma_ in ("death", "killing", "murder")  # "the death of 31-year-old farmer"
        if h.pos_ == "PROPN" or dets & {"a", "an", "one", "the", "his", "her", "their", "its", "this", "that", "another"} \
                or any(c.dep_ == "poss" for c in h.children) or shared:
            # "the Imam", "an Inspector": a title of the lexicon written with a capital is a person too
            # (one person: not a plural or a force, "the Rangers", "the Police")
            titled = h.pos_ == "PROPN" and bool(dets & {"a", "an", "the"}) and h.lower_ in lex.victims \
                and not h.lower_.endswith("s") and h.lower_ not in ("police", "personnel", "staff", "crew")
            if not (_looks_like_name(h, lex) or titled if h.pos_ == "PROPN" else _is_person(h, lex) or killed and _killable(h, lex)):
                return None
            return Member(Count(low=1, best=1, high=1), category, start, end)
    return None


def _both(h: Token) -> bool:
    """ "both victims", "both men": a plural noun under "both" with no figure of its own."""
    return h.tag_ == "NNS" and any(c.lower_ == "both" and c.dep_ in ("det", "predet", "preconj") for c in h.children) \
        and not any(c.dep_ == "nummod" for c in h.children) and not h.conjuncts


def _parts(tok: Token, lex: Lexicons) -> list[Member]:
    """ "27 civilians, including seven children" or "were killed, including five children": a part, not more."""
    out: list[Member] = []
    # on the victims or anywhere in their phrase ("ten civilians of two families, including two women")
    preps = list(tok.children) if tok.pos_ in ("VERB", "AUX") else [t for t in tok.subtree if t.head is not t]
    for prep in preps:
        if prep.dep_ == "prep" and prep.lower_ in ("including", "among"):
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    for part in _listed(obj, lex):
                        part.subset = True
                        out.append(part)
    return out


def _listed(obj: Token, lex: Lexicons) -> list[Member]:
    """The people an object and its conjuncts name, in text order."""
    return [m for sub in sorted([obj, *obj.conjuncts], key=lambda t: t.i) if (m := _member(sub, lex))]


def _added(prep: Token, lex: Lexicons) -> list[Member]:
    """ "in addition to 3 guards", "along with his wife": victims beside the first ones."""
    words = [t.lower_ for t in prep.subtree][:3]
    if words[:3] != ["in", "addition", "to"] and words[:2] not in (["along", "with"], ["together", "with"]):
        return []
    target = prep
    for t in prep.subtree:
        if t.dep_ == "pobj" and t.lower_ not in ("addition",):
            target = t
            break
    if target is prep:
        return []
    return _listed(target, lex)


def _companions(verb: Token, lex: Lexicons) -> list[Member]:
    """ "was killed alongside his wife and their three children": companions in death add up."""
    out: list[Member] = []
    for c in verb.children:
        if c.dep_ == "prep" and (c.lower_ in COMPANION_PREPS or c.lower_ == "with" and c.i > 0
                                 and c.doc[c.i - 1].lower_ in ("along", "together")):
            for obj in c.children:
                if obj.dep_ == "pobj":
                    out += _listed(obj, lex)
        elif c.dep_ == "prep" and c.lower_ in ("in", "along", "together"):
            out += _added(c, lex)
    return out


FAMILY = {"family", "families", "household", "households", "clan", "relative", "relatives"}


def _category(h: Token, lex: Lexicons) -> str | None:
    if h.lemma_.lower() in ("member", "members"):  # "members of the family" are civilians, of a brigade not
        of = next((c for c in h.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if obj is not None and obj.lower_ in FAMILY:
            return "civilians"
    if any(c.lower_ in FAMILY for c in h.children if c.dep_ in ("compound", "amod")):
        return "civilians"  # "family members"
    ages = [t for t in h.children if t.dep_ == "amod" and _is_age_noun(t)]
    if ages:  # "her 15-year-old daughter" is a child
        age = _number(next(t for t in ages[0].subtree if t.like_num))
        if age is not None and age.best is not None and age.best < 18:
            return "children"
    if any(c.dep_ == "amod" and c.lower_ in YOUNG for c in h.children) and _relational(h):
        return "children"  # "their two young sons", "her little sister": a kin word that tells no age, made young
    for key in (h.lower_, h.lemma_.lower()):
        if key in lex.victims:
            return lex.victims[key]
    return "people"


YOUNG = {"young", "little", "small", "baby", "infant", "toddler", "younger", "youngest"}


def _relational(h: Token) -> bool:
    """A word of kinship that says nothing of age ("son", "sisters", "nieces"; kinship.csv)."""
    from .victim_lists import load_kinship

    kin = load_kinship().get(h.lower_) or load_kinship().get(h.lemma_.lower())
    return kin is not None and kin.minor is None


def _is_age(tok: Token) -> bool:
    """ "62" in "his 62-year-old wife" (or "an 18-month-old") is an age, not a count."""
    nxt = tok.doc[tok.i + 1: tok.i + 3]
    return any(t.lower_ in AGE_UNITS or t.lower_ in ("-year", "-month", "-week") for t in nxt)


def _is_year(tok: Token) -> bool:
    return tok.text.isdigit() and len(tok.text) == 4 and 1900 < int(tok.text) < 2100


def _is_age_noun(tok: Token) -> bool:
    return tok.lower_ == "old" and any(t.lower_ in AGE_UNITS for t in tok.subtree) and \
        any(t.like_num for t in tok.subtree)


def _is_person(h: Token, lex: Lexicons) -> bool:
    """A noun that names a person: the victim lexicon, or a word built like one ("activist", "physician")."""
    words = [h.lower_, h.lemma_.lower(), f"{h.doc[h.i - 1].lower_} {h.lower_}" if h.i else h.lower_]
    if h.i > 1 and h.doc[h.i - 1].text == "-" and not h.doc[h.i - 1].whitespace_:
        words.append(h.doc[h.i - 2].lower_ + h.lower_)  # "a passer-by" is split at its hyphen: "passerby"
    if any(w in lex.victims for w in words):
        return True
    return h.lower_.endswith(PERSON_ENDINGS) and h.lower_ not in NOT_PERSONS


# entity types of what is not a person: a place, a body, a date or a thing
_NOT_PERSON_ENTS = {"GPE", "LOC", "FAC", "ORG", "DATE", "TIME", "EVENT", "PRODUCT", "MONEY", "WORK_OF_ART", "LAW"}


def _killable(h: Token, lex: Lexicons) -> bool:
    """A common noun that a predicate of death makes a person: not a thing, an animal, a place or an
    event (any word of triggers.csv: "the raid", "the clash")."""
    words = (h.lower_, h.lemma_.lower())
    return h.pos_ in ("NOUN", "ADJ") and h.ent_type_ not in _NOT_PERSON_ENTS and not any(
        w in NOT_PERSONS or w in lex.triggers for w in words)


def _looks_like_name(h: Token, lex: Lexicons) -> bool:
    """A person's name: two capitalised words or more, or one followed by an age ("Smith, 61,") or by
    what the person is ("shot Kumar, a contractor, dead")."""
    parts = [c for c in h.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if parts:
        return True
    if any(c.dep_ == "appos" and (c.like_num or c.pos_ == "NOUN" and c.lower_ in lex.victims and any(
            d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children)) for c in h.children):
        return True
    # a surname alone as the subject of the harm ("Johnson was pronounced dead", "Kelso and Lum were
    # shot"): news names a victim in full once, then by the surname; acronyms and lone capitals are not names
    subject = h.dep_ in ("nsubj", "nsubjpass") or h.dep_ == "conj" and h.head.dep_ in ("nsubj", "nsubjpass")
    predicate = h.head if h.dep_ != "conj" else h.head.head
    if predicate.lemma_ in PLACE_VERBS or predicate.lemma_ in SPEAKING_VERBS:
        return False  # "Gaza was struck": places are hit too; "Smith said no one was killed": the speaker
    return subject and h.text.istitle() and h.text.isalpha() and len(h.text) > 2


def _number(tok: Token) -> Count | None:
    text = tok.lower_.replace(",", "")
    if text.isdigit():
        n = int(text)
        # "5-7 policemen": a range
        nxt = tok.doc[tok.i + 1: tok.i + 3]
        if len(nxt) == 2 and nxt[0].text in ("-", "–", "to") and nxt[1].text.isdigit() and int(nxt[1].text) > n:
            return Count(low=n, high=int(nxt[1].text))
        if 1900 < n < 2100:
            return None  # a year
        after = tok.doc[tok.i + 1: tok.i + 3]
        if tok.i > 0 and tok.doc[tok.i - 1].lower_ == "between" and len(after) == 2 and after[0].lower_ == "and" \
                and after[1].text.isdigit() and int(after[1].text) >= n:  # "between 22 and 31 civilians"
            return Count(low=n, high=int(after[1].text))
        return Count(low=n, best=n, high=n)
    if text in ("a", "an"):
        return Count(low=1, best=1, high=1)
    if text not in _NUMBER_WORDS:
        return None
    # "twenty-three", "one hundred and twenty": the whole run of number words around the figure
    doc, lo, hi = tok.doc, tok.i, tok.i

    def join(k: int) -> bool:  # "twenty-three"; "and" only after a hundred ("three and four" is two figures)
        return doc[k].text == "-" or doc[k].lower_ == "and" and k > 0 and doc[k - 1].lower_ in ("hundred", "thousand")

    while lo > 0 and (doc[lo - 1].lower_ in _NUMBER_WORDS or join(lo - 1) and lo > 1
                      and doc[lo - 2].lower_ in _NUMBER_WORDS):
        lo -= 1
    while hi + 1 < len(doc) and (doc[hi + 1].lower_ in _NUMBER_WORDS or join(hi + 1) and hi + 2 < len(doc)
                                 and doc[hi + 2].lower_ in _NUMBER_WORDS):
        hi += 1
    words = " ".join(t.lower_ for t in doc[lo: hi + 1] if t.text != "-")
    try:
        n = text2num(words, "en")
    except ValueError:
        try:
            n = text2num(text, "en")
        except ValueError:
            return None
    # "two or three children", "four to six", "between three and four": one group told with a range
    link = doc[hi + 1: hi + 3]
    if len(link) == 2 and (link[0].lower_ in ("or", "to") or link[0].lower_ == "and" and lo > 0
                           and doc[lo - 1].lower_ == "between") and link[1].lower_ in _NUMBER_WORDS:
        high = _number(link[1])
        if high is not None and high.best is not None and high.best > n:
            return Count(low=n, high=high.best)
    return Count(low=n, best=n, high=n)


def _hedged(num: Token, count: Count) -> Count:
    """Apply "at least", "more than", "up to" written before the figure."""
    doc = num.doc
    if _range_top(num):  # "four to six people": the range its first figure opens
        low = _number(doc[num.i - 2])
        top = count.best if count.best is not None else count.high
        if low is not None and low.low is not None and top is not None and low.low < top:
            return Count(low=low.low, high=top)
    words = [t.lower_ for t in doc[max(0, num.i - 7): num.i]]
    if words[-3:] == ["and", "up", "to"] and len(words) >= 4 and doc[num.i - 4].like_num \
            and words[-6:-4] == ["at", "least"]:
        low = _number(doc[num.i - 4])  # "at least four and up to six children"
        top = count.best if count.best is not None else count.high
        if low is not None and low.best is not None and top is not None and low.best <= top:
            return Count(low=low.best, high=top)
    ahead = doc[num.i + 1: num.i + 5]
    if [t.lower_ for t in ahead[:3]] == ["and", "up", "to"] and len(ahead) == 4 and ahead[3].like_num \
            and words[-2:] == ["at", "least"]:
        top_count = _number(ahead[3])  # the floor is the figure the parse chose: the ceiling follows it
        if top_count is not None and top_count.best is not None and count.best is not None and count.best <= top_count.best:
            return Count(low=count.best, high=top_count.best)
    words = words[-4:]
    if len(words) >= 3 and words[-3] == "between" and words[-1] == "and":  # "between 22 and 31"
        low = _number(num.doc[num.i - 2])
        high = count.best if count.best is not None else count.high
        if low is not None and low.best is not None and high is not None and low.best <= high:
            return Count(low=low.best, high=high)
    for size in range(min(4, len(words)), 0, -1):
        how = MODIFIERS.get(tuple(words[-size:]))
        if how:
            n = next(v for v in (count.best, count.low, count.high) if v is not None)
            if count.best is None and count.low is not None and count.high is not None:
                return count  # a range keeps its own bounds
            return apply_modifier(n, how)
    return count

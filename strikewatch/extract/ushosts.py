"""The outlet's web address: a faint cue for the state a US local story is in.

A local story's address names its outlet far more often than not, and the outlet its market: a
station's call sign ("kob.com", "wdbj7.com", "wsoctv.com", "wmcactionnews5.com": us_stations.csv), a
brand of one market ("foxcarolina.com": us_brands.csv), or a big town or a state with a paper's or a
network's words ("toledoblade.com", "nbcmiami.com", "chicago.suntimes.com", "kentucky.com";
us_host_words.txt). The outlet's state is read like a station the text names, only fainter
(`usplaces.HOST_CUE`): it orders same-named places and says where the market is, but anything the
text says of its state outweighs it. Datasets give an article's address (`Article.url`); the
extractor sets it for the article it reads (`reading`), so the place readers, which are cached by
text, take it into their cache keys (`current`).

    >>> host_of("http://web.archive.org/web/20170106163403/http://www.kob.com/albuquerque-news/x/4361943/")
    'kob.com'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from importlib import resources
from urllib.parse import urlsplit

from ..errors import DataFileError
from .gazetteer import Gazetteer, norm
from .usstations import brands, stations

WORDS = "strikewatch/data/us_host_words.txt"
BIG_TOWN = 100_000  # as usplaces.BIG_TOWN: a town this big is known by its name alone
# top-level domains of US outlets; "dailystar.com.lb", "bbc.co.uk" are other countries'
US_DOMAINS = frozenset({"com", "net", "org", "us", "gov", "tv", "news", "info"})
_LEADING = frozenset({"www", "www2", "www3", "m", "amp", "mobile", "beta"})

_HOST: ContextVar[str] = ContextVar("strikewatch_outlet_host", default="")


@dataclass(frozen=True)
class Home:
    state: str  # admin1 code ("US.NM")
    town: str  # the town of the outlet's market; "" for a state's outlet ("kentucky.com")


def host_of(url: str | None) -> str:
    """The outlet's host name, lower case, without "www."; the archived page's own host for a
    web.archive.org copy; "" when there is none."""
    if not url or not url.strip():
        return ""
    url = url.strip()
    parts = urlsplit(url if "://" in url else "http://" + url)
    host = (parts.hostname or "").lower()
    if host.endswith("archive.org"):
        # http://web.archive.org/web/20170106163403/http://www.kob.com/...: the original address
        m = re.match(r"/web/[^/]*/(.+)", parts.path + (f"?{parts.query}" if parts.query else ""))
        if m is None:
            return ""
        return host_of(re.sub(r"^(https?):/+", r"\1://", m.group(1)))
    labels = host.split(".")
    while len(labels) > 2 and labels[0] in _LEADING:
        labels = labels[1:]
    return ".".join(labels)


@contextmanager
def reading(url: str | None) -> Iterator[None]:
    """While an article is read, its outlet's host is the one `current` gives."""
    token = _HOST.set(host_of(url))
    try:
        yield
    finally:
        _HOST.reset(token)


def current() -> str:
    """The host of the article being read ("" for none): part of the place readers' cache keys."""
    return _HOST.get()


@functools.lru_cache(maxsize=1024)
def host_home(host: str, g: Gazetteer) -> Home | None:
    """The state (and town) of the outlet at `host`: a US address whose registrable label, else one
    of its sub-domains, is a listed station's call sign, a listed brand, or a big town's or a state's
    name with outlet words only around it."""
    labels = host.split(".") if host else []
    if len(labels) < 2 or labels[-1] not in US_DOMAINS:
        return None
    body = [label.replace("-", "") for label in labels[:-1]]
    for label in reversed(body):  # "kob" of kob.com before "chicago" of chicago.suntimes.com
        home = _station(label) or _brand(label) or _named(label, g)
        if home is not None:
            return home
    return None


@functools.cache
def words() -> re.Pattern[str]:
    """us_host_words.txt as a pattern for a run of those words and numbers."""
    text = resources.files("strikewatch.data").joinpath("us_host_words.txt").read_text(encoding="utf-8")
    return parse_words(text, WORDS)


def parse_words(text: str, path: str) -> re.Pattern[str]:
    rows = {n: line.split("#", 1)[0].strip() for n, line in enumerate(text.splitlines(), 1)}
    rows = {n: w for n, w in rows.items() if w}
    bad = [f"line {n}: {w!r} must be one lower-case word" for n, w in rows.items() if not re.fullmatch(r"[a-z]+", w)]
    if bad or not rows:
        raise DataFileError(path, bad or ["no words"])
    alt = "|".join(sorted(set(rows.values()), key=len, reverse=True))
    return re.compile(rf"(?:{alt}|\d+)*")


def _station(label: str) -> Home | None:
    """"wsoctv", "wdbj7", "wmcactionnews5": a listed call sign, then outlet words or a channel number
    (a call sign that is a word, "wave", only with them: "wave3")."""
    st = stations()
    for n in (4, 3):
        call, rest = label[:n].upper(), label[n:]
        if call in st.state and words().fullmatch(rest) and (rest or call not in st.wordlike):
            return Home(st.state[call], st.city[call])
    return None


@functools.cache
def _brand_keys() -> dict[str, Home]:
    """Each brand of us_brands.csv as an address label would write it: "foxcarolina", "cbs58", "ajc"."""
    b = brands()
    out: dict[str, Home] = {}
    for group, brand in b.names.items():
        key = re.sub(r"[\s\-]+|\.com$", "", brand.lower())
        out.setdefault(key, Home(b.state[group], b.city[group]))
        out.setdefault(key.removeprefix("the"), Home(b.state[group], b.city[group]))
    return out


def _brand(label: str) -> Home | None:
    return _brand_keys().get(label)


def _named(label: str, g: Gazetteer) -> Home | None:
    names, pattern = _names(g)
    m = pattern.fullmatch(label)
    return names[m.group("name")] if m else None


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", norm(name))


@functools.cache
def _names(g: Gazetteer) -> tuple[dict[str, Home], re.Pattern[str]]:
    """US towns of BIG_TOWN+ (none of their name half as big elsewhere in the US: not Columbia, nor
    Springfield) and the states, as address labels write them ("kansascity", "stlouis", "newjersey");
    a town before a state of its name ("washington" is the capital's papers')."""
    out: dict[str, Home] = {}
    if g.world is None:
        return out, re.compile("(?!)")
    from .usplaces import states  # usplaces imports this module

    towns: dict[str, list[tuple[int, str, str]]] = {}
    for name, a1, pop in g.world.con.execute(
            "SELECT name, a1, population FROM entry WHERE cc = 'US' AND level = 0 AND population >= ?", (BIG_TOWN // 2,)):
        towns.setdefault(_key(name), []).append((pop, a1, name))
    for key, rows in towns.items():
        rows.sort(reverse=True)
        pop, a1, name = rows[0]
        if pop >= BIG_TOWN and len(key) >= 4 and (len(rows) == 1 or rows[1][0] * 2 < pop):
            out[key] = Home(a1, name)
    for a1, name in states(g).names.items():
        out.setdefault(_key(name), Home(a1, ""))
    w = words().pattern.removesuffix("*")
    alt = "|".join(sorted(out, key=len, reverse=True))
    return out, re.compile(rf"{w}*?(?P<name>{alt}){w}*")


def host_homes(g: Gazetteer, host: str | None = None) -> tuple[Home, ...]:
    """The outlet's home as a tuple (none or one), for the article being read unless `host` is given."""
    home = host_home(current() if host is None else host, g)
    return () if home is None else (home,)


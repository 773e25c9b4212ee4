"""Read hand-coded datasets monitors already keep, as rows of articles with their gold.

One reader a format; each returns `Row`s in file order. Formats (fields: docs/evaluation.md):

- ACLED export (.csv): text = `notes`; either the current taxonomy (`sub_event_type`) or the older one
  (event type only), lower- or upper-case column names; row id `data_id`, else `event_id_cnty`.
- Airwars assessments (.jsonl): text = `text`; gold `date`, `killed` and `victims` ranges, `lat`/`lon`.
- Gun Violence Archive news (a folder with incidents.jsonl and documents.jsonl, SemEval-2018 Task 5's
  source data): one row per incident, its articles = title + blank line + content.
- UCDP GED (.csv): text = the source headlines; gold deaths low/best/high, dates, adm_1, lat/lon.

A file that cannot be read, or a row without what the gold needs, is a `CorpusError` naming the file
and line. The split and the sample are those of ../shared/tools/devscore.py, so figures agree with it.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..ingest.datelines import parse_published
from ..ingest.text import build_article
from ..model import Article

GVA_DOCS = 4  # articles per incident, as devscore reads them: keeps the pair count near linear


class CorpusError(ValueError):
    def __init__(self, path: Path | str, reason: str, line: int | None = None):
        super().__init__(f"{path}" + (f", line {line}" if line else "") + f": {reason}")


@dataclass(slots=True)
class Row:
    id: str  # the split is decided by a hash of it
    articles: list[Article]
    gold: dict[str, Any] = field(default_factory=dict)


def in_split(key: str, split: str) -> bool:
    """'dev' is 4 rows in 5, 'check' the 5th, by the SHA-1 of the row id (as devscore.py)."""
    if split == "all":
        return True
    check = int(hashlib.sha1(str(key).encode()).hexdigest(), 16) % 5 == 0
    return check if split == "check" else not check


def sample(rows: list[Row], n: int) -> list[Row]:
    """A deterministic sample of n rows (devscore.py --quick's): the same rows on every machine."""
    return sorted(rows, key=lambda r: hashlib.sha1(("q" + r.id).encode()).hexdigest())[:n]


def _article(path: Path, line: int, id: str, text: str, **meta: Any) -> list[Article]:
    try:
        return [build_article(id=id, text=text, path=str(path), line=line, **meta)]
    except InputError:  # an empty note: the row stays, with nothing to read (a miss, as in devscore)
        return []


def _date(value: str, formats: tuple[str, ...], path: Path, line: int) -> dt.date:
    for f in formats:
        try:
            return dt.datetime.strptime(value.strip(), f).date()
        except ValueError:
            continue
    raise CorpusError(path, f"unreadable date {value!r}", line)


def _int(value: str, name: str, path: Path, line: int) -> int:
    try:
        return int(value)
    except ValueError:
        raise CorpusError(path, f"{name} {value!r} is not a number", line) from None


def _float(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _csv_rows(path: Path, need: set[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row with lower-case keys); ACLED's Asia export is upper-case, the Africa one has an
    unnamed index column."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            missing = need - {(c or "").lower() for c in reader.fieldnames or ()}
            if missing:
                raise CorpusError(path, f"no column(s) {', '.join(sorted(missing))}")
            line = reader.line_num + 1
            for raw in reader:
                yield line, {k.lower(): (v or "") for k, v in raw.items() if k}
                line = reader.line_num + 1
    except OSError as exc:
        raise CorpusError(path, exc.strerror or "cannot read") from None
    except UnicodeDecodeError as exc:
        raise CorpusError(path, f"not UTF-8 ({exc.reason})") from None


def _jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        with open(path, encoding="utf-8") as f:
            for n, text in enumerate(f, start=1):
                if text.strip():
                    try:
                        yield n, json.loads(text)
                    except json.JSONDecodeError as exc:
                        raise CorpusError(path, f"invalid JSON: {exc.msg}", n) from None
    except OSError as exc:
        raise CorpusError(path, exc.strerror or "cannot read") from None


# ACLED's pre-2019 event types, mapped to today's (the corpus README; Riots/Protests is either)
OLD_EVENT_TYPES = {
    "battle-no change of territory": {"Battles"}, "battle-government regains territory": {"Battles"},
    "battle-non-state actors overtake territory": {"Battles"}, "remote violence": {"Explosions/Remote violence"},
    "riots/protests": {"Protests", "Riots"}, "violence against civilians": {"Violence against civilians"},
    "strategic development": {"Strategic developments"}, "non-violent transfer of territory": {"Strategic developments"},
}


def read_acled(path: Path) -> list[Row]:
    rows: list[Row] = []
    for line, r in _csv_rows(path, {"notes", "event_date", "event_type", "fatalities", "latitude", "longitude"}):
        rid = r.get("data_id") or r.get("event_id_cnty") or f"{path.stem}:{line}"
        day = _date(r["event_date"], ("%d %B %Y", "%Y-%m-%d", "%d-%B-%Y"), path, line)
        fatalities = _int(r["fatalities"], "fatalities", path, line)
        etype = r["event_type"].strip()
        gold = {"date": day, "fatalities": fatalities, "event_types": OLD_EVENT_TYPES.get(etype.lower(), {etype}),
                "sub_event_type": r.get("sub_event_type") or None, "admin1": r.get("admin1") or None,
                "actor1": r.get("actor1", "").strip(), "lat": _float(r["latitude"]), "lon": _float(r["longitude"])}
        rows.append(Row(rid, _article(path, line, rid, r["notes"], outlet=r.get("source"), published=day), gold))
    return rows


def read_airwars(path: Path) -> list[Row]:
    rows: list[Row] = []
    for line, r in _jsonl(path):
        if not isinstance(r, dict) or "id" not in r or "text" not in r:
            raise CorpusError(path, "not an Airwars assessment (needs 'id' and 'text')", line)
        rid = str(r["id"])
        gold = {"date": _date(r["date"], ("%Y-%m-%d",), path, line) if r.get("date") else None,
                "killed": r.get("killed"), "victims": r.get("victims") or {},
                "lat": _float(r.get("lat")), "lon": _float(r.get("lon"))}
        rows.append(Row(rid, _article(path, line, rid, r["text"] or "", outlet="Airwars"), gold))
    return rows


def read_gva(folder: Path) -> list[Row]:
    incidents = {str(r.get("incident_uri")): r for _, r in _jsonl(folder / "incidents.jsonl")}
    rows: dict[str, Row] = {}
    docs = folder / "documents.jsonl"
    for line, d in _jsonl(docs):
        iid = str(d.get("incident_id"))
        if iid not in incidents or not d.get("content"):
            continue
        if iid not in rows:
            g = incidents[iid]
            lat, lon = (g.get("lat_long") or [None, None])[:2]
            gold = {"killed": int(g["num_killed"]), "injured": int(g["num_injured"]), "state": g.get("state"),
                    "date": _date(g["date"], ("%B %d, %Y",), folder / "incidents.jsonl", 0) if g.get("date") else None,
                    "lat": _float(lat), "lon": _float(lon)}
            rows[iid] = Row(iid, [], gold)
        if len(rows[iid].articles) < GVA_DOCS:
            try:
                published = parse_published(d["dct"]) if d.get("dct") else None
            except ValueError as exc:
                raise CorpusError(docs, str(exc), line) from None
            text = (d.get("title") or "") + "\n\n" + d["content"]
            # the archived page's address names its outlet (a faint cue for the state: extract/ushosts.py)
            rows[iid].articles += _article(docs, line, str(d["doc_id"]), text, published=published, url=d.get("uri"))
    return list(rows.values())


def read_ucdp(path: Path) -> list[Row]:
    rows: list[Row] = []
    need = {"id", "source_headline", "date_start", "date_end", "best", "low", "high", "adm_1", "latitude", "longitude"}
    for line, r in _csv_rows(path, need):
        if not r["id"] or r["id"].startswith("#"):  # the HXL hashtag row of HDX exports
            continue
        day = ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d")
        dates = [_date(x, ("%Y-%m-%d",), path, line) for x in r.get("source_date", "").split(";") if x.strip()]
        names = [r.get("where_coordinates", ""), r["adm_1"], r.get("adm_2", "")]
        gold = {"start": _date(r["date_start"], day, path, line), "end": _date(r["date_end"], day, path, line),
                **{k: _int(r[k], k, path, line) for k in ("low", "best", "high")}, "admin1": r["adm_1"] or None,
                "places": [n for n in names if n.strip()], "lat": _float(r["latitude"]), "lon": _float(r["longitude"])}
        text = "\n\n".join(h.strip() for h in r["source_headline"].split(";") if h.strip())
        outlet = r.get("source_office", "").split(";")[0].strip() or None
        rows.append(Row(r["id"], _article(path, line, r["id"], text, outlet=outlet, published=max(dates, default=None)),
                        gold))
    return rows


READERS: dict[str, Callable[[Path], list[Row]]] = {
    "acled": read_acled, "airwars": read_airwars, "gva": read_gva, "ucdp": read_ucdp}

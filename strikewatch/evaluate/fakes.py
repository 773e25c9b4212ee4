"""Agreement with FA-KES's own gold columns: the incident date and the governorate of each article.

FA-KES crowd workers recorded one date and one governorate per article (README in the corpus). We
compare them with the article's *main incident*: its incident report (not an aggregate tally) with
the highest killed figure, or its first incident report when none gives a toll. The date agrees when
the report's start is within a day of FA-KES's (exact agreement is reported beside it); the
governorate agrees when `governorate_key(report.location.admin1)` equals FA-KES's lower-case name.

Agreement is counted over every FA-KES article we have a row for, so an article with no incident
report, no date or no admin1 counts against us; `answered` gives the share where we gave a value.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Report
from .match import figures

GovernorateKey = Callable[[str | None], str | None]


@dataclass(frozen=True, slots=True)
class FakesRow:
    """The gold columns of one FA-KES row."""

    id: str
    outlet: str
    date: dt.date | None
    governorate: str
    label: int | None
    line: int


def parse_fakes_row(row: Mapping[str, str], line: int) -> FakesRow:
    """One CSV row (as `csv.DictReader` gives it) -> its gold columns; a bad date becomes None."""
    try:
        month, day, year = (int(x) for x in row["date"].strip().split("/"))
        date: dt.date | None = dt.date(year, month, day)
    except (ValueError, KeyError):
        date = None
    label = row.get("labels", "").strip()
    return FakesRow(id=row["unit_id"].strip(), outlet=row.get("source", "").strip(), date=date,
                    governorate=row.get("location", "").strip().lower(), label=int(label) if label in ("0", "1") else None,
                    line=line)


def read_fakes(path: Path) -> tuple[list[FakesRow], dict[str, str]]:
    """The gold columns of every row, and each id's text (the first row of an id, as ingest keeps)."""
    rows: list[FakesRow] = []
    texts: dict[str, str] = {}
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        reader = csv.DictReader(f)
        missing = {"unit_id", "date", "location"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: not a FA-KES file, no column(s) {sorted(missing)}")
        line = reader.line_num + 1
        for raw in reader:
            row = parse_fakes_row(raw, line)
            rows.append(row)
            texts.setdefault(row.id, raw.get("article_content") or "")
            line = reader.line_num + 1
    return rows, texts


def main_report(reports: Sequence[Report]) -> Report | None:
    """The incident report with the highest killed figure (low or best), else the first incident report."""
    incidents = [r for r in reports if r.kind == "incident"]
    if not incidents:
        return None
    # max() keeps the first of equals, so the article's first report wins a tie (and when none has a toll)
    return max(incidents, key=lambda r: max(figures(r.claims, "killed"), default=-1))


@dataclass(slots=True)
class Agreement:
    articles: int = 0
    with_report: int = 0  # articles with a main incident
    dated: int = 0  # ... whose main incident has a start date
    date_exact: int = 0
    date_within_1: int = 0
    placed: int = 0  # ... whose admin1 maps to a governorate
    governorate: int = 0

    def add(self, other: Agreement) -> None:
        for name in self.__slots__:  # type: ignore[attr-defined]
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, float | int]:
        n = self.articles or 1
        return {"articles": self.articles, "with_report": self.with_report, "dated": self.dated,
                "date_exact": self.date_exact, "date_within_1": self.date_within_1, "placed": self.placed,
                "governorate": self.governorate, "date_exact_rate": round(self.date_exact / n, 3),
                "date_within_1_rate": round(self.date_within_1 / n, 3),
                "governorate_rate": round(self.governorate / n, 3)}


@dataclass(slots=True)
class FakesScore:
    overall: Agreement
    by_outlet: dict[str, Agreement]
    unmatched_rows: list[str] = field(default_factory=list)  # FA-KES rows with no analysed article


def agreement(row: FakesRow, main: Report | None, governorate_key: GovernorateKey) -> Agreement:
    a = Agreement(articles=1)
    if main is None:
        return a
    a.with_report = 1
    start = main.date.start
    if start is not None:
        a.dated = 1
        if row.date is not None:
            a.date_exact = int(start == row.date)
            a.date_within_1 = int(abs((start - row.date).days) <= 1)
    key = governorate_key(main.location.admin1)
    if key is not None:
        a.placed = 1
        a.governorate = int(key == row.governorate)
    return a


def score_fakes(rows: Iterable[FakesRow], reports_by_article: Mapping[str, Sequence[Report]],
                governorate_key: GovernorateKey, *, analysed: set[str] | None = None) -> FakesScore:
    """Agreement overall and per outlet. Rows whose article was never analysed (a duplicate unit_id that
    ingest set aside, say) are listed, not scored; `analysed` defaults to the articles with reports."""
    seen = set(reports_by_article) if analysed is None else analysed
    result = FakesScore(overall=Agreement(), by_outlet={})
    done: set[str] = set()
    for row in rows:
        if row.id not in seen or row.id in done:
            result.unmatched_rows.append(f"{row.id} (line {row.line})")
            continue
        done.add(row.id)
        a = agreement(row, main_report(reports_by_article.get(row.id, ())), governorate_key)
        result.overall.add(a)
        result.by_outlet.setdefault(row.outlet, Agreement()).add(a)
    result.by_outlet = dict(sorted(result.by_outlet.items()))
    return result

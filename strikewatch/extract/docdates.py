"""The dates of an article as a whole: the anchor its words are read against, and what a report
that states no date of its own falls back on.

Order of trust, best first:
1. the dateline printed at the top (any agency or press office: datelines.py), which says when the
   story was written;
2. the publication date from metadata;
3. with neither, the first full date the text tells ("On 7th October, 2023, ..."): explicit dates
   and weekdays lean on it, words of the writer's day ("yesterday") stay unresolved.

A report with no date of its own takes, in this order, the explicit day of the article's lede
("On 30 April 2020, ...": an explicit date always wins over a guess), else a guess from the written
date: the range from the day before to that day, precision "period", basis "publication". Linking
treats basis "publication" as no evidence at all.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..ingest.datelines import find_dateline
from ..model import Dates
from .dates import Anchor, DateMention, find_dates

_SINCE = re.compile(r"\b(?:since|until|till|from|between)\s+(?:the\s+)?$", re.I)
DRIFT_DAYS = 7  # a story is filed a day or two before it is published, not weeks
LEDE = 400  # characters: the article's opening sentence or two, where its incident is dated


@dataclass
class ArticleDates:
    anchor: Anchor
    dateline: tuple[dt.date, int, int] | None  # the printed date and its offsets
    written: dt.date | None  # when the story was written: the dateline, else the publication date
    lede: DateMention | None  # the first explicit day the article's opening tells

    def fallback(self) -> tuple[Dates, tuple[int, int] | None, str]:
        """The date of a report that states none: (dates, evidence span or None, flag)."""
        if self.lede is not None and self.lede.dates is not None:
            d = self.lede.dates.model_copy(update={"basis": "explicit"})
            return d, (self.lede.start, self.lede.end), "date from the article's lede"
        if self.written is not None:
            guess = Dates(start=self.written - dt.timedelta(days=1), end=self.written, precision="period",
                          basis="publication")
            return guess, None, "date not stated: publication day or the day before"
        return Dates(), None, "date could not be pinned: no publication date or dateline"


def article_dates(text: str, published: dt.date | None, title: str | None = None) -> ArticleDates:
    dateline = find_dateline(text, title=title, fallback=published)
    written = dateline[0] if dateline is not None else published
    if dateline is not None and published is not None and abs((dateline[0] - published).days) > DRIFT_DAYS:
        written = published  # one of the two is misread ("08/07/2016" in a US paper): metadata is plainer

    def told(m: DateMention) -> bool:
        # "since March 15, 2011" starts a period; the dateline dates the story
        in_dateline = dateline is not None and dateline[1] <= m.start < dateline[2]
        return m.kind == "explicit" and m.dates is not None and not in_dateline and not _SINCE.search(text[max(0, m.start - 20):m.start])

    if written is not None:
        anchor = Anchor(written)
    else:
        first = next((m for m in find_dates(text, None) if told(m)), None)
        anchor = Anchor(first.dates.start if first and first.dates else None, written=False, at=first.start if first else 0)
    lede = next((m for m in find_dates(text[:LEDE], anchor) if told(m)), None)
    return ArticleDates(anchor=anchor, dateline=dateline, written=written, lede=lede)

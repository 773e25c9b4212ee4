"""Cut an article's text into runs for highlighting: each run knows which fields' spans cover it.

Templates print every run through Jinja's autoescaping and wrap covered runs in <mark>; nothing
here produces HTML, so hostile article text (a `<script>`, an `onerror=`) can only ever be text.
Spans may overlap (a casualty figure inside a sentence that also dates the strike), so runs are
cut at every span boundary and carry the set of fields that cover them.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel

from ..model import Report, Span

# Fields in the order the legend lists them; a run covered by several takes the first one's colour.
# "sentence" is a span that proves the report as a whole (no field): shown faintly, under the rest.
FIELD_ORDER = ("killed", "injured", "victims", "date", "location", "perpetrator", "event", "source", "strikes",
               "sentence")


class Run(BaseModel):
    text: str
    start: int
    fields: list[str] = []
    reports: list[str] = []


class Marked(BaseModel):
    """A span with the report it belongs to: the JSON twin of the article page lists these."""

    report: str
    start: int
    end: int
    text: str
    field: str


def field_group(field: str | None) -> str:
    """Fold detailed field names ("victims.children", "date.start") onto the legend's colours."""
    if not field:
        return "sentence"
    head = field.split(".")[0].split(":")[0].lower()
    aliases = {"place": "location", "actor": "perpetrator", "actors": "perpetrator", "dead": "killed",
               "wounded": "injured", "children": "victims", "women": "victims", "civilians": "victims",
               "combatants": "victims", "event_type": "event", "sub_event_type": "event", "trigger": "event"}
    return aliases.get(head, head)


def report_spans(report: Report) -> list[Marked]:
    """Every span that proves something in `report`: its own evidence and each claim's."""
    spans: list[tuple[Span, str | None]] = [(s, s.field) for s in report.evidence]
    for claim in report.claims:
        spans += [(s, s.field or "killed") for s in claim.evidence]
    seen: set[tuple[int, int, str]] = set()
    out: list[Marked] = []
    for span, field in spans:
        key = (span.start, span.end, field_group(field))
        if span.end > span.start and key not in seen:
            seen.add(key)
            out.append(Marked(report=report.id, start=span.start, end=span.end, text=span.text, field=key[2]))
    return sorted(out, key=lambda m: (m.start, m.end))


def runs(text: str, spans: Iterable[Marked]) -> list[Run]:
    """Split `text` at every span boundary; spans past the end of the text are clipped, not trusted."""
    spans = [s for s in spans if 0 <= s.start < s.end and s.start < len(text)]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(min(s.end, len(text)) for s in spans)})
    out: list[Run] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [s for s in spans if s.start <= a and min(s.end, len(text)) >= b]
        fields = sorted({s.field for s in covering}, key=_field_rank)
        out.append(Run(text=text[a:b], start=a, fields=fields, reports=sorted({s.report for s in covering})))
    return out


def fields_present(spans: Iterable[Marked]) -> list[str]:
    return sorted({s.field for s in spans}, key=_field_rank)


def _field_rank(field: str) -> tuple[int, str]:
    return (FIELD_ORDER.index(field) if field in FIELD_ORDER else len(FIELD_ORDER), field)

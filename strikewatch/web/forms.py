"""Form text to review values: what an analyst types in the incident page's edit box."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .review import EDITABLE, ReviewError

_RANGE = re.compile(r"^\s*(\d+)\s*(?:-|–|to)\s*(\d+)\s*$")


def parse_text(field: str, text: str) -> Any:
    """A form's text box as the JSON value `field` takes: `12`, `10-15`, `10/12/15` for counts,
    `2016-03-19` or `2016-03-19..2016-03-21` for dates, comma-separated actors; empty is unknown."""
    text = text.strip()
    if field not in EDITABLE:
        raise ReviewError(f"{field!r} cannot be edited")
    if field in ("killed", "injured"):
        if not text or text.lower() == "unknown":
            return None
        if m := _RANGE.match(text):
            return {"low": int(m[1]), "best": None, "high": int(m[2])}
        parts = [p.strip() for p in text.split("/")]
        if len(parts) == 1 and parts[0].isdigit():
            return {"low": int(parts[0]), "best": int(parts[0]), "high": int(parts[0])}
        if len(parts) == 3 and all(p == "" or p.isdigit() for p in parts):
            lo, best, hi = (int(p) if p else None for p in parts)
            return {"low": lo, "best": best, "high": hi}
        raise ReviewError(f"{field}: write 12, 10-15 or low/best/high, not {text!r}")
    if field == "date":
        start, _, end = text.partition("..")
        try:
            a = dt.date.fromisoformat(start.strip()) if start.strip() else None
            b = dt.date.fromisoformat(end.strip()) if end.strip() else a
        except ValueError:
            raise ReviewError(f"date: write 2016-03-19 or 2016-03-19..2016-03-21, not {text!r}") from None
        return {"start": a and a.isoformat(), "end": b and b.isoformat(),
                "precision": "day" if a == b and a else ("period" if a else None), "basis": "analyst"}
    if field == "perpetrator.actors":
        return [a.strip() for a in text.split(",") if a.strip()]
    if field in ("location.lat", "location.lon"):
        try:
            return float(text) if text else None
        except ValueError:
            raise ReviewError(f"{field}: not a number: {text!r}") from None
    return text or None

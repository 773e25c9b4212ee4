"""The pair score's weights, as data: data/link/weights.json, validated when loaded.

`prior` holds the hand-set weights the score started from; `weights` the ones in use, fitted by
bench/fit_link_weights.py (a logistic regression whose prior is centred on `prior`, so a feature
the fitting data never shows keeps its hand-set weight). Both are in score points: a pair links at
THRESHOLD. Every feature similarity.py can name must have a weight here.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

from ..errors import DataFileError

THRESHOLD = 4.0
PATH = "strikewatch/data/link/weights.json"
FEATURES = (
    "date_same", "date_overlap_2", "date_overlap_8", "date_overlap_wide", "date_shifted", "date_adjacent",
    "date_followup", "date_guessed", "told_after",
    "place_same", "place_near", "place_inside", "place_region",
    "type_same", "type_differ",
    "killed_shared_10", "killed_shared_4", "killed_shared_1", "killed_close_10", "killed_close", "killed_differ",
    "killed_differ_same_day", "killed_update",
    "injured_shared", "injured_close", "injured_update", "injured_differ", "injured_conflict",
    "perpetrator_shared", "perpetrator_differ", "source_shared", "strikes_same", "wording_05", "wording_03",
    "name_shared", "street_shared", "age_shared", "ages_shared_2",
)


def check(data: object) -> dict[str, dict[str, float]]:
    """`data` as {"prior": {...}, "weights": {...}}, or DataFileError listing every problem."""
    problems: list[str] = []
    out: dict[str, dict[str, float]] = {}
    if not isinstance(data, dict):
        raise DataFileError(PATH, ["want a JSON object"])
    for part in ("prior", "weights"):
        table = data.get(part)
        if not isinstance(table, dict):
            problems.append(f"{part}: want an object of feature -> number")
            continue
        for name in sorted(set(FEATURES) - set(table)):
            problems.append(f"{part}: no weight for {name}")
        for name, value in table.items():
            if name not in FEATURES:
                problems.append(f"{part}: unknown feature {name!r}")
            elif isinstance(value, bool) or not isinstance(value, (int, float)) or abs(value) > 20:
                problems.append(f"{part}.{name}: want a number within +-20, got {value!r}")
        out[part] = {k: float(v) for k, v in table.items() if k in FEATURES and isinstance(v, (int, float))}
    if problems:
        raise DataFileError(PATH, problems)
    return out


@functools.cache
def weights() -> dict[str, float]:
    text = resources.files("strikewatch.data").joinpath("link", "weights.json").read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(PATH, [f"line {exc.lineno}: {exc.msg}"]) from None
    return check(data)["weights"]

"""The bundled CSV data files, read one way: comment lines skipped, every row with its line number.

Loaders validate their own columns on top of this and raise `DataFileError` with every problem
found, so that one broken line names its file and line and hides no other.

    >>> csv_rows("# a comment\\nword,why\\nmay,a month\\n", ["word", "why"])
    ([(3, {'word': 'may', 'why': 'a month'})], [])
    >>> csv_rows("word\\nmay,a month\\n", ["word", "why"])
    ([], ['line 1: the header must be word,why'])
"""

from __future__ import annotations

import csv
from collections.abc import Sequence


def csv_rows(text: str, columns: Sequence[str]) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    """The rows of `text` as dicts of stripped values, each with its line number, and the problems:
    a header other than `columns`, or a row with another number of fields."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    if not lines:
        return [], [f"no header: the file must start with {','.join(columns)}"]
    header_no, header = lines[0]
    if [c.strip() for c in next(csv.reader([header]))] != list(columns):
        return [], [f"line {header_no}: the header must be {','.join(columns)}"]
    rows: list[tuple[int, dict[str, str]]] = []
    problems: list[str] = []
    for n, line in lines[1:]:
        values = next(csv.reader([line]))
        if len(values) != len(columns):
            problems.append(f"line {n}: {len(columns)} fields expected ({','.join(columns)}), got {len(values)}")
            continue
        rows.append((n, dict(zip(columns, (v.strip() for v in values), strict=True))))
    return rows, problems

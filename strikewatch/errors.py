"""The exceptions StrikeWatch raises. Every message names the file and, where there is one, the line."""

from __future__ import annotations


class StrikeWatchError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(StrikeWatchError):
    """An input file or record cannot be used: carries the path, the line and the reason."""

    def __init__(self, path: str, reason: str, *, line: int | None = None, article: str | None = None):
        self.path, self.reason, self.line, self.article = str(path), reason, line, article
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class DataFileError(StrikeWatchError):
    """A bundled lexicon or gazetteer file is malformed; lists every problem found, not just the first."""

    def __init__(self, path: str, problems: list[str]):
        self.path, self.problems = path, problems
        super().__init__(f"{path}: {len(problems)} problem(s):\n  " + "\n  ".join(problems))

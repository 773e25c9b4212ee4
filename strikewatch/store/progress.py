"""Rich progress for long runs: articles read and saved, with counts and rates, on stderr."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn


class RunProgress:
    """Two lines, `read` (ingested) and `saved` (extracted, linked and committed); a no-op when disabled."""

    def __init__(self, *, enabled: bool, console: Console | None = None, saving: bool = True) -> None:
        self.enabled = enabled
        self.saving = saving  # False for `ingest`, which only reads
        self._bar = Progress(SpinnerColumn(), TextColumn("[bold]{task.description:<8}"),
                             TextColumn("{task.completed:>7,.0f} articles"), TextColumn("{task.fields[extra]}"),
                             TextColumn("[cyan]{task.fields[rate]}"), TimeElapsedColumn(),
                             console=console or Console(stderr=True), disable=not enabled, transient=False)
        self._read: TaskID | None = None
        self._saved: TaskID | None = None
        self._counts = {"quarantined": 0, "pending": 0, "reports": 0}

    def __enter__(self) -> RunProgress:
        if self.enabled:
            self._bar.start()
            self._read = self._bar.add_task("read", total=None, extra="", rate="")
            if self.saving:
                self._saved = self._bar.add_task("saved", total=None, extra="", rate="")
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self.enabled:
            self._bar.stop()

    def read(self, articles: int, quarantined: int, *, pending: int = 0) -> None:
        self._counts["quarantined"] += quarantined
        self._counts["pending"] += pending
        if self._read is not None:
            extra = f"{self._counts['quarantined']:,} quarantined"
            if self._counts["pending"]:
                extra += f", {self._counts['pending']:,} left from earlier"
            self._advance(self._read, articles + pending, extra)

    def saved(self, articles: int, reports: int) -> None:
        self._counts["reports"] += reports
        if self._saved is not None:
            self._advance(self._saved, articles, f"{self._counts['reports']:,} reports")

    def _advance(self, task: TaskID, n: int, extra: str) -> None:
        self._bar.advance(task, n)
        t = self._bar.tasks[task]
        elapsed = t.elapsed or 0.0
        rate = f"{t.completed / elapsed:,.1f}/s" if elapsed > 0.5 else ""
        self._bar.update(task, extra=extra, rate=rate)

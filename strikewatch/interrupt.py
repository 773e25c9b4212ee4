"""Ctrl-C that is not lost in a long command (`ingest`, `run`, `relink`).

Python prints and drops an exception raised while a finalizer or a weakref callback runs (a
database connection going back to its pool, say): a KeyboardInterrupt that lands there vanishes and
the command goes on as if no key had been pressed. Inside `firm_ctrl_c()` Ctrl-C also arms a
repeating one-second alarm that raises KeyboardInterrupt again until the interrupt reaches the
command. A transaction that a second interrupt cuts short is rolled back by the database, like the
first: each batch is one transaction, so the database still holds whole batches only.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

REPEAT_SECONDS = 1.0


@contextmanager
def firm_ctrl_c() -> Iterator[None]:
    """Within the block, a Ctrl-C raises KeyboardInterrupt and keeps raising it until it gets through."""
    if (threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer")
            or signal.getsignal(signal.SIGINT) is signal.SIG_IGN):  # started with Ctrl-C ignored (nohup, &): keep it so
        yield
        return

    def again(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    def interrupt(_signum: int, _frame: object) -> None:
        signal.setitimer(signal.ITIMER_REAL, REPEAT_SECONDS, REPEAT_SECONDS)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, interrupt), signal.signal(signal.SIGALRM, again)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGINT, previous[0])
        signal.signal(signal.SIGALRM, previous[1])

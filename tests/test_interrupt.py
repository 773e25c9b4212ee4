"""Ctrl-C in a long command is not lost when it lands in a finalizer (strikewatch/interrupt.py)."""

from __future__ import annotations

import os
import signal
import sys
import time

import pytest

from strikewatch.interrupt import firm_ctrl_c

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs POSIX interval timers")


@pytest.fixture(autouse=True)
def ctrl_c_at_its_default():
    """Ctrl-C as Python sets it up at a terminal, whatever the suite inherited: a shell starts
    background jobs (`make test &`, a CI runner's) with SIGINT ignored, which the block keeps."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


class PressesCtrlC:
    """A finalizer during which the key is pressed: the KeyboardInterrupt raised in it is dropped."""

    def __del__(self) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(200_000):  # the handler runs in here
            pass


def test_interrupt_dropped_in_a_finalizer_is_raised_again(monkeypatch):
    dropped: list[type] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: dropped.append(u.exc_type))
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt), firm_ctrl_c():
        PressesCtrlC()
        while time.monotonic() - started < 10:  # the command goes on working
            time.sleep(0.01)
    assert KeyboardInterrupt in dropped  # the first one did land in the finalizer
    assert time.monotonic() - started < 5  # the second came about a second later
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # and the alarm is off once it got through


def test_interrupt_block_restores_the_handlers_and_respects_an_ignored_ctrl_c():
    before = signal.getsignal(signal.SIGINT)
    with firm_ctrl_c():
        assert signal.getsignal(signal.SIGINT) is not before
    assert signal.getsignal(signal.SIGINT) is before
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # started in the background, Ctrl-C ignored
    try:
        with firm_ctrl_c():
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)

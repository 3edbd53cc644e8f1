"""Stopping a command cleanly on SIGTERM or SIGINT (Ctrl-C).

Python's default for SIGTERM ends the process on the spot, with no `finally` run: a file being
written would stay behind under its temporary name. Here the signal becomes an exception in the
main thread, the with-blocks unwind (workers stopped, temporary files removed, the store closed)
and the process exits as a shell reports one a signal ended: 128 + the signal's number.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import click

from kg.commands import ExitCode

SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Stopped(BaseException):
    """A signal asked the process to stop.

    A BaseException, as KeyboardInterrupt is, so that no `except Exception` (one bad article
    must not stop the batch) swallows it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextmanager
def stopping_on_signals(outcome: str) -> Iterator[None]:
    """In the block, SIGTERM and SIGINT stop the command cleanly; `outcome` says what is left."""
    previous = {signum: signal.signal(signum, _stop) for signum in SIGNALS}
    try:
        yield
    except Stopped as stop:
        click.echo(f"error: stopped by {stop}: {outcome}", err=True)
        sys.exit(ExitCode.SIGNALLED + stop.signum)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _stop(signum: int, frame: FrameType | None) -> None:
    # Later signals are ignored while the first one's clean-up runs: raised in a `finally`,
    # they would cut it short. (SIGKILL still ends the process at once.)
    for each in SIGNALS:
        signal.signal(each, signal.SIG_IGN)
    raise Stopped(signum)

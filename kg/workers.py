"""The per-article work, in this process or in worker processes; outcomes in input order.

Each worker loads the model once. At most a window of articles is in flight, so memory stays
flat however large the corpus. Workers end with their parent: stopped with it (the pool is
terminated when the caller stops reading, whatever the reason), or, when the parent is killed
outright, on their own, at once and without a word, since nobody is left to take their results.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections.abc import Generator, Iterable, Iterator
from multiprocessing.context import SpawnContext, SpawnProcess
from multiprocessing.pool import Pool

from kg.pipeline import ArticleProcessor, Item, Outcome
from kg.settings import Settings

WINDOW_PER_JOB = 8  # articles in flight per worker: keeps each busy, keeps memory bounded
ORPHANED = 1  # a worker's exit status when its parent is gone (nobody reads it; work undone)


def outcomes(records: Iterable[Item], settings: Settings,
             jobs: int) -> Generator[Outcome, None, None]:
    """The outcome of each record, in input order, in this process or in `jobs` workers.

    Close the iterator (or let it run out) to stop the workers: a caller that stops early
    should use contextlib.closing, so that they are stopped before it goes on.
    """
    if jobs <= 1:
        yield from map(ArticleProcessor(settings), records)
        return
    window = _Window(jobs * WINDOW_PER_JOB)
    with Pool(jobs, _start_worker, (settings,), context=_QuietSpawn()) as pool:
        try:
            for outcome in pool.imap(_work, window.feed(records), chunksize=2):
                window.release()
                yield outcome
        finally:
            window.close()  # else terminating the pool waits for a feeder that waits for room


class _Window:
    """At most `size` records handed out and not yet done."""

    def __init__(self, size: int) -> None:
        self._room = threading.Semaphore(size)
        self._closed = threading.Event()

    def feed(self, records: Iterable[Item]) -> Iterator[Item]:
        """The records, each once there is room; none after close()."""
        # Pool.imap's feeder thread drains its input as fast as it can; waiting for room here
        # keeps only a window of articles in memory.
        for record in records:
            self._room.acquire()
            if self._closed.is_set():
                return
            yield record

    def release(self) -> None:
        """One record is done."""
        self._room.release()

    def close(self) -> None:
        """Hand out no more records, and wake the feeder if it waits for room."""
        self._closed.set()
        self._room.release()


class _QuietWorker(SpawnProcess):
    """A pool worker that exits at once, and quietly, when the process that started it is gone."""

    def run(self) -> None:
        # Ctrl-C reaches the whole process group: the parent stops the pool, and a worker's
        # KeyboardInterrupt traceback would only be noise.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # Pool.terminate stops workers with SIGTERM: never keep an ignored one from a parent
        # that is stopping (an ignored disposition survives exec).
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        threading.Thread(target=_exit_with_parent, name="kg-parent-watch", daemon=True).start()
        try:
            super().run()
        except (BrokenPipeError, ConnectionResetError, EOFError):
            # Sending a result to a parent that was killed; the watch may not have seen it yet.
            if _parent_alive():
                raise
            os._exit(ORPHANED)


class _QuietSpawn(SpawnContext):
    """Fresh interpreters (no inherited threads or locks), as _QuietWorker."""

    Process = _QuietWorker


def _exit_with_parent() -> None:
    """Wait for the parent to end, then end this process at once, whatever it is doing."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    # The sentinel is a pipe whose other end only the parent holds: readable when it is gone.
    multiprocessing.connection.wait([parent.sentinel])
    os._exit(ORPHANED)


def _parent_alive() -> bool:
    parent = multiprocessing.parent_process()
    return parent is not None and parent.is_alive()


_PROCESSOR: ArticleProcessor | None = None


def _start_worker(settings: Settings) -> None:
    global _PROCESSOR
    _PROCESSOR = ArticleProcessor(settings)


def _work(record: Item) -> Outcome:
    assert _PROCESSOR is not None, "worker used before its initializer ran"
    return _PROCESSOR(record)

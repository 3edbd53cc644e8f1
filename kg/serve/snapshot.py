"""The server's one view of the store: a checkpoint taken once at start-up, which every query
worker opens, the first and every replacement alike.

A worker opens the store when it starts, and one is started again after every time-out. Had
each opened the store itself, a replacement started after a build wrote into it would answer
from the new data and the others from the old: a count read 20, 21, 20 (issue 12.11).

The checkpoint is RocksDB's (`Store.backup`): hard links to the store's files, which are never
changed once written, so it is near-free beside the store and stays as it was whatever a build
does next. Taken from a read-only store, it holds only the files, not the write-ahead log, where
writes not yet flushed are (a build still running, or one killed): the log is copied in too.
Then opening the checkpoint replays them, as opening the store would.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError

log = logging.getLogger(__name__)
_ATTEMPTS = 10  # a build compacting the store can remove a file while it is linked: try again


@contextmanager
def snapshot(store: Path) -> Iterator[Path]:
    """A private checkpoint of `store` to open read-only; removed on leaving, however left."""
    folder = _private_folder(store)
    try:
        view = _checkpoint(store, folder)
        log.info("serving the store at %s as it is now, from its snapshot %s", store, view)
        yield view
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _private_folder(store: Path) -> Path:
    """A new hidden folder beside the store, where hard links work; else in the system's."""
    real = store.resolve()
    try:
        return Path(tempfile.mkdtemp(prefix=f".{real.name}.serve-", dir=real.parent))
    except OSError as beside:
        try:
            folder = Path(tempfile.mkdtemp(prefix=f"{real.name}.serve-"))
        except OSError as error:
            raise StoreError(f"cannot make a folder for the snapshot of the store at {store}: "
                             f"{beside}; nor in the system's temporary folder: {error}") from error
        log.warning("cannot write beside the store (%s): its snapshot goes to %s instead, a copy "
                    "of the store if that is on another file system", beside, folder)
        return folder


def _checkpoint(store: Path, folder: Path) -> Path:
    """The checkpoint of `store` in a new folder inside `folder`."""
    failure: Exception | None = None
    for attempt in range(1, _ATTEMPTS + 1):
        target = folder / f"store-{attempt}"  # RocksDB wants a folder that does not exist
        try:
            ox.Store.read_only(str(store)).backup(str(target))
            _copy_logs(store, target)
            return target
        except (OSError, RuntimeError) as error:  # RuntimeError: files gone while opened
            failure = error
            time.sleep(0.1 * attempt)
    raise StoreError(f"cannot take a snapshot of the store at {store}: {failure}",
                     hint="a build compacting it may have moved its files; try again",
                     settings=("store",))


def _copy_logs(store: Path, target: Path) -> None:
    """Copy the write-ahead log files (NNNNNN.log) of `store` into the checkpoint `target`.

    Copied, not linked: a writer reuses a log file in place, which would change a link."""
    for wal in sorted(store.glob("*.log")):
        copy = target / wal.name
        copy.unlink(missing_ok=True)  # were it a link, writing to it would write the store's
        shutil.copyfile(wal, copy)

"""The store read once, in index order, as a stream of quads: the input of `kg dump`."""

from __future__ import annotations

import os
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox

from kg.errors import StoreError
from kg.store import Store


@contextmanager
def stored_quads(store: Store, folder: Path) -> Iterator[Iterator[ox.Quad]]:
    """The store's quads in index order: the default graph (the merge), then graph by graph.

    Decoding terms from an on-disk store (~10 µs of CPU a quad here) is a dump's main cost: the
    store is read once, by pyoxigraph's N-Quads serialiser writing a temporary file from a
    thread of its own (Rust, without the GIL), while this thread follows that file, parses it
    back and writes the other files.
    """
    temp = folder / f".dataset.nq.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    temp.touch()
    done, failures = threading.Event(), list[BaseException]()

    def produce() -> None:
        try:
            store.dump_nquads(temp)
        except (StoreError, ValueError) as error:
            failures.append(error)
        finally:
            done.set()

    thread = threading.Thread(target=produce, name="kg-dump-store-reader", daemon=True)
    thread.start()
    try:
        with temp.open("rb") as handle:
            source = cast(IO[bytes], _Follow(handle, done))
            yield iter(ox.parse(source, ox.RdfFormat.N_QUADS, lenient=True))  # valid: our own
    finally:
        thread.join()
        temp.unlink(missing_ok=True)
        if failures:
            raise StoreError(f"cannot read the store: {failures[0]}") from failures[0]


class _Follow:
    """Reads a file another thread is writing until it is `done`."""

    def __init__(self, source: IO[bytes], done: threading.Event) -> None:
        self.source, self.done = source, done

    def read(self, size: int = -1) -> bytes:
        while True:
            finished = self.done.is_set()  # before reading: then an empty read is the end
            data = self.source.read(size)
            if data or finished:
                return data
            time.sleep(0.005)

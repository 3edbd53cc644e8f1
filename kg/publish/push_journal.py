"""The push journal: which graph went to which endpoint with which content, one JSON line
per graph pushed, appended and synced as soon as the endpoint said yes.

A push that stops (a crash, a dead server) leaves a journal of what is surely there; the next
push skips those graphs and sends the rest. A line torn by a crash is ignored: at worst that
graph is sent again, and re-sending replaces, so it is harmless.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import IO, Self

from kg.errors import StoreError

log = logging.getLogger("kg.push")
_SUFFIX = ".push-journal.jsonl"


def default_journal(store: Path | None, first_file: Path | None) -> Path:
    """The journal beside the store directory (or beside the first file pushed)."""
    where = store if store is not None else first_file
    if where is None:
        raise StoreError("no store or file to keep a push journal beside",
                         hint="set the journal setting to a file",
                         settings=("journal",))
    return where.with_name(where.name + _SUFFIX)


class Journal:
    """The graphs already pushed to one endpoint, and their content hashes."""

    def __init__(self, path: Path, endpoint: str) -> None:
        self.path = path
        self.endpoint = endpoint
        self.done: dict[str, str] = {}  # graph IRI -> SHA-256 of what was pushed
        self._stream: IO[str] | None = None
        if path.exists():
            self._read()

    def _read(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError as error:
            raise StoreError(f"cannot read the push journal {self.path}: {error}") from error
        for number, line in enumerate(text.splitlines(), 1):
            try:
                entry = json.loads(line)
                if entry["endpoint"] == self.endpoint:
                    self.done[entry["graph"]] = entry["sha256"]
            except (ValueError, KeyError, TypeError):
                log.warning("%s line %d is not a journal entry (torn by a crash?): ignored",
                            self.path, number)

    def unchanged(self, graph: str, sha256: str) -> bool:
        """True if `graph` was pushed to this endpoint with this very content."""
        return self.done.get(graph) == sha256

    def record(self, graph: str, sha256: str, triples: int) -> None:
        """Note that the endpoint holds `graph` with this content; on disk before returning."""
        if self._stream is None:
            raise StoreError(f"the push journal {self.path} is not open")
        entry = {"endpoint": self.endpoint, "graph": graph, "sha256": sha256,
                 "triples": triples, "at": datetime.now(UTC).isoformat(timespec="seconds")}
        try:
            self._stream.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self._stream.flush()
            os.fsync(self._stream.fileno())
        except OSError as error:
            raise StoreError(f"cannot write the push journal {self.path}: {error}") from error
        self.done[graph] = sha256

    def __enter__(self) -> Self:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._stream = self.path.open("a", encoding="utf-8")
            if self._torn():
                self._stream.write("\n")  # end a line torn by a crash, so it stays one line
        except OSError as error:
            raise StoreError(f"cannot open the push journal {self.path}: {error}") from error
        return self

    def _torn(self) -> bool:
        with self.path.open("rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            return size > 0 and handle.seek(size - 1) >= 0 and handle.read(1) != b"\n"

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None

"""The query runner: a pool of worker processes, each with the store open read-only.

A query that passes its deadline is stopped the only way pyoxigraph allows: its worker is
killed and a fresh one takes its place. Every page and every SPARQL request goes through here,
so no request can hold the server longer than the time-out.
"""

from __future__ import annotations

import queue
import socket
import subprocess
import sys
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from kg.errors import QueryError, StoreError
from kg.serve.worker import Answer, Failure, Task

_START_SECONDS = 60.0  # a worker that has not opened the store by then never will


class QueryTimeout(QueryError):
    """The query ran past the server's time-out and was stopped."""

    code = "KG410"


class ServerBusy(QueryError):
    """Every worker stayed busy for the whole time-out."""

    code = "KG411"


class QueryFailed(QueryError):
    """The query could not run: malformed (`syntax`) or failed while evaluated."""

    code = "KG412"

    def __init__(self, failure: Failure) -> None:
        hint = "prefixes schema:, nif:, itsrdf:, kgo:, ... are pre-declared"
        what = "malformed SPARQL query" if failure.kind == "syntax" else "query failed"
        super().__init__(f"{what}: {failure.message}",
                         hint=hint if failure.kind == "syntax" else "")
        self.kind = failure.kind


@dataclass
class _Worker:
    process: subprocess.Popen[bytes]
    conn: Connection

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        self.conn.close()


class QueryRunner:
    """Runs tasks on `size` worker processes, each stopped after `timeout` seconds. A task
    waits for a free worker up to `timeout` seconds, or with `wait=False` not at all: then a
    busy pool answers at once (ServerBusy), and nothing queues behind slow queries."""

    def __init__(self, store: Path, prefixes: dict[str, str], size: int, timeout: float,
                 wait: bool = True) -> None:
        self._store, self._prefixes, self.timeout, self._wait = store, prefixes, timeout, wait
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        try:
            for _ in range(size):
                self._idle.put(self._start())
        except StoreError:
            self.close()
            raise

    def _start(self) -> _Worker:
        # A fresh interpreter running only the worker module, not fork (the server has
        # threads, whose locks a forked child would inherit) nor multiprocessing's spawn
        # (which re-imports the main module: for the `kg` script, every command and spaCy,
        # 2.4 s and 100 MB more per worker). The pipe is a socket pair.
        ours, theirs = socket.socketpair()
        with theirs:
            process = subprocess.Popen(
                [sys.executable, "-m", "kg.serve.worker", str(theirs.fileno()), str(self._store)],
                pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        parent = Connection(ours.detach())
        worker = _Worker(process, parent)
        self._all.append(worker)
        try:
            parent.send(self._prefixes)
            hello = parent.recv() if parent.poll(_START_SECONDS) else None
        except (EOFError, OSError):
            hello = None
        if hello != "ready":
            self._retire(worker)
            reason = hello.message if isinstance(hello, Failure) else "no answer"
            raise StoreError(f"cannot open the store at {self._store} read-only: {reason}")
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.stop()
        if worker in self._all:
            self._all.remove(worker)

    def run(self, task: Task) -> Answer:
        """The answer to `task`; QueryFailed, QueryTimeout or ServerBusy when there is none."""
        try:
            worker = self._idle.get(timeout=self.timeout) if self._wait else self._idle.get_nowait()
        except queue.Empty:
            how_long = f" for {self.timeout:g} s" if self._wait else ""
            raise ServerBusy(f"all query workers stayed busy{how_long}",
                             hint="try again in a few seconds") from None
        reply = None
        try:
            worker.conn.send(task)
            if worker.conn.poll(self.timeout):
                reply = worker.conn.recv()
        except (EOFError, OSError):
            reply = Failure("query", "the query worker stopped unexpectedly")
        finally:
            self._release(worker, healthy=isinstance(reply, Answer | Failure))
        if reply is None:
            raise QueryTimeout(f"query stopped after the time-out of {self.timeout:g} s",
                               hint="make the query more selective, or add a LIMIT")
        if isinstance(reply, Failure):
            raise QueryFailed(reply)
        assert isinstance(reply, Answer)
        return reply

    def _release(self, worker: _Worker, healthy: bool) -> None:
        if healthy and worker.process.poll() is None:
            self._idle.put(worker)
            return
        self._retire(worker)
        self._idle.put(self._start())

    def close(self) -> None:
        """Stop every worker."""
        for worker in list(self._all):
            self._retire(worker)

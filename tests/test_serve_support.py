"""Helpers for the `kg serve` tests: stores built by the real pipeline, and a real server.

The server is the real command (`kg serve`'s click command, waitress, the query worker
processes) in a subprocess on a free loopback port, stopped after the test even on failure.
"""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests
from rdflib import Graph, URIRef

from kg.model import Article
from kg.ontology import store_ontology
from kg.pipeline import ArticleProcessor, Outcome
from kg.store import Store

BASE = "https://w3id.org/kg-news/id/"
AUSTIN = f"{BASE}person/lloyd-austin"
_COMMAND = "from kg.commands.serve_command import serve; serve()"
_START_SECONDS = 120  # a generous wait for start-up on a loaded machine; not a timing check

# An invented article whose text would run script if a page did not escape it.
HOSTILE = Article(
    headline="Mayor <script>alert('headline')</script> opens the Testville bridge",
    published=dt.date(2024, 7, 1),
    body="Mayor Mara Quill opened the new bridge in Testville on Monday.\n\n"
         "Protesters held signs reading <script>alert('body')</script> and <b>bold</b> & more.",
    origin="hostile.txt",
)


def build_store(path: Path, outcomes: list[Outcome]) -> Path:
    """A store at `path` holding the outcomes' graphs and the ontology, as kg build leaves it."""
    with Store(path) as store:
        for outcome in outcomes:
            assert outcome.name is not None and outcome.graph is not None, outcome.reason
            store.replace_graph(outcome.name, outcome.graph)
        store_ontology(store)
    return path


def hostile_outcome(processor: ArticleProcessor) -> Outcome:
    """The invented article with markup in its text, through the real pipeline."""
    return processor(HOSTILE)


def rebased(outcome: Outcome, base: str) -> Outcome:
    """The outcome with every IRI under BASE moved under `base` (a site at its own address)."""
    def move(term: object) -> object:
        if isinstance(term, URIRef) and str(term).startswith(BASE):
            return URIRef(base + str(term)[len(BASE):])
        return term

    assert outcome.graph is not None and outcome.name is not None
    graph = Graph()
    for triple in outcome.graph:
        graph.add(tuple(move(term) for term in triple))  # type: ignore[arg-type]
    return Outcome(outcome.status, outcome.origin, move(outcome.name), graph)  # type: ignore[arg-type]


def free_port() -> int:
    """A loopback port that was free a moment ago."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_server(store: Path, *options: str, port: int | None = None) -> Iterator[str]:
    """`kg serve --store STORE OPTIONS` on a free port; yields its URL (no trailing slash)."""
    with server_process(store, *options, port=port) as (url, _):
        yield url


@contextmanager
def server_process(store: Path, *options: str,
                   port: int | None = None) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """As running_server, and yields the server's process too (to signal it)."""
    port = port or free_port()
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(
            [sys.executable, "-c", _COMMAND, "--store", str(store), "--bind", f"127.0.0.1:{port}",
             *options], stdout=log, stderr=subprocess.STDOUT, text=True)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(process, url, log)
            yield url, process
        finally:
            process.terminate()  # SIGTERM: the command stops its query workers too
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_up(process: subprocess.Popen[str], url: str, log: object) -> None:
    deadline = time.monotonic() + _START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)  # type: ignore[attr-defined]
            raise AssertionError(f"kg serve exited: {log.read()}")  # type: ignore[attr-defined]
        try:
            requests.get(f"{url}/sparql", timeout=5)
            return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise AssertionError(f"kg serve did not answer at {url}")


def curl(*args: str) -> str:
    """What curl (silent, errors shown) prints with `args`, line ends as sent (CSV has CRLF)."""
    done = subprocess.run(["curl", "-sS", *args], capture_output=True, check=True, timeout=120)
    return done.stdout.decode("utf-8")

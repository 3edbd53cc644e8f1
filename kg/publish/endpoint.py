"""`kg push`: replace each named graph on a remote SPARQL 1.1 endpoint, atomically.

Graphs go one at a time, by SPARQL 1.1 Update (drop and insert in one request, or batches
into a staging graph moved onto the name in one request) or by a Graph Store PUT. A journal
records each graph once the endpoint has it, so an interrupted push resumes, and graphs
unchanged since their last push are skipped. Every request replaces, so sending a graph
twice leaves the endpoint as sending it once.

Before the first graph, the endpoint is asked to refuse a request that is not SPARQL (a URL
that answers success to anything would take every graph and store none); with `verify`, each
graph counts as pushed only once the endpoint holds as many triples in it as were sent.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from kg.errors import EndpointError, RequestRefused
from kg.publish.push_batches import (
    PROBE_GRAPH,
    PreparedGraph,
    gsp_body,
    prepare,
    update_requests,
)
from kg.publish.push_gsp import GraphStoreClient
from kg.publish.push_http import Connection
from kg.publish.push_journal import Journal
from kg.publish.push_source import GraphSource
from kg.publish.push_update import UpdateClient

Method = Literal["update", "gsp"]
METHODS: tuple[Method, ...] = ("update", "gsp")
# Virtuoso refuses an INSERT DATA of more than ~1,400 triples; 1,000 leaves room.
DEFAULT_BATCH = 1000


@dataclass(frozen=True)
class PushOptions:
    """How to push: method, batch size, and which graphs."""

    base: str  # the data IRIs' base: skolem and staging IRIs go under it
    method: Method = "update"
    batch_size: int = DEFAULT_BATCH
    force: bool = False  # push graphs the journal says are unchanged
    dry_run: bool = False
    max_failures: int = 5  # graphs failing in a row before the push gives up
    verify: bool = False  # count each graph at the endpoint after sending it
    query_url: str | None = None  # where to count with method "update" (default: the URL)


@dataclass
class PushSummary:
    """What a push did."""

    pushed: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # graph, reason
    triples: int = 0  # triples sent
    requests: int = 0  # HTTP requests sent, retries included

    @property
    def ok(self) -> bool:
        """True when no graph failed."""
        return not self.failed


Progress = Callable[[str, str], None]  # graph IRI, "pushed" | "skipped" | "failed"


def push(source: GraphSource, connection: Connection, options: PushOptions, journal: Path,
         show: Callable[[str], None] | None = None,
         progress: Progress | None = None) -> PushSummary:
    """Push every named graph of `source` to the endpoint; `show` gets each request in a
    dry run. Raises EndpointError when the endpoint cannot be used at all."""
    summary = PushSummary()
    record = Journal(journal, connection.url)
    sender = _Sender(connection, options, show)
    if options.dry_run:
        _push_all(source, options, record, sender, summary, progress)
        return summary
    with record:
        try:
            sender.probe()
            _push_all(source, options, record, sender, summary, progress)
        except EndpointError as error:
            raise EndpointError(f"{error.message}; {summary.pushed} graph(s) pushed before "
                                f"that are in the journal {journal}", error.hint,
                                error.settings) from error
    return summary


def _push_all(source: GraphSource, options: PushOptions, journal: Journal, sender: _Sender,
              summary: PushSummary, progress: Progress | None) -> None:
    in_a_row = 0  # graphs failed in a row: an endpoint that fails them all is given up on
    for name, triples in source.graphs():
        status = _push_one(prepare(name, triples, options.base), options, journal, sender,
                           summary)
        in_a_row = in_a_row + 1 if status == "failed" else 0
        if in_a_row >= options.max_failures:
            raise EndpointError(f"{in_a_row} graphs in a row failed, the last with: "
                                f"{summary.failed[-1][1]}")
        if progress:
            progress(name, status)


def _push_one(graph: PreparedGraph, options: PushOptions, journal: Journal, sender: _Sender,
              summary: PushSummary) -> str:
    """Push one graph unless the journal has it unchanged; its status."""
    if not options.force and journal.unchanged(graph.name, graph.sha256):
        summary.skipped += 1
        return "skipped"
    try:
        summary.requests += sender.send(graph)
        if options.verify and not options.dry_run:
            summary.requests += sender.verify(graph)
    except RequestRefused as error:
        summary.failed.append((graph.name, str(error)))
        return "failed"
    if not options.dry_run:
        journal.record(graph.name, graph.sha256, len(graph.lines))
    summary.pushed, summary.triples = summary.pushed + 1, summary.triples + len(graph.lines)
    return "pushed"


class _Sender:
    """Sends one prepared graph by the chosen method, or shows it in a dry run."""

    def __init__(self, connection: Connection, options: PushOptions,
                 show: Callable[[str], None] | None) -> None:
        self.connection, self.options, self.show = connection, options, show
        self.update = UpdateClient(connection) if options.method == "update" else None
        self.store = GraphStoreClient(connection) if options.method == "gsp" else None

    def send(self, graph: PreparedGraph) -> int:
        """Send (or show) the graph; the number of HTTP requests it took."""
        if self.store is not None:
            return self._put(graph)
        sent = 0
        for request in update_requests(graph, self.options.batch_size, self.options.base):
            if self.options.dry_run:
                self._show(f"# POST {self.connection.url} Content-Type: application/sparql-update"
                           f" ({request.what})\n{request.body}\n")
                continue
            assert self.update is not None
            sent += self.update.send(request.body, request.what)
        return sent

    def probe(self) -> None:
        """Raise EndpointError if the URL takes what no endpoint would (push_update.probe)."""
        if self.store is not None:
            self.store.probe(f"{self.options.base}{PROBE_GRAPH}")
        elif self.update is not None:
            self.update.probe()

    def verify(self, graph: PreparedGraph) -> int:
        """Count the graph at the endpoint; raise RequestRefused unless it holds what was
        sent. The number of requests it took."""
        if self.store is not None:
            held = self.store.count(graph.name)
        else:
            assert self.update is not None
            held = self.update.count(graph.iri, self.options.query_url or self.connection.url)
        if held != len(graph.lines):
            raise RequestRefused(f"{self.connection.url} holds {held} triple(s) in graph "
                                 f"{graph.iri} after the push, not the {len(graph.lines)} sent")
        return 1

    def _put(self, graph: PreparedGraph) -> int:
        what = f"graph {graph.iri}"
        body = gsp_body(graph)
        if self.options.dry_run:
            query = urllib.parse.urlencode({"graph": graph.name})
            self._show(f"# PUT {self.connection.url}?{query} Content-Type: application/n-triples"
                       f" ({what}, {len(graph.lines)} triples)\n{body.decode()}")
            return 0
        assert self.store is not None
        return self.store.put(graph.name, body, what)

    def _show(self, text: str) -> None:
        if self.show is not None:
            self.show(text)

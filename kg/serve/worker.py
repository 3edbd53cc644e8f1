"""The query worker: a process that opened the store read-only and answers one task at a time.

pyoxigraph cannot cancel a query, so queries run here, and the server kills this process when
a query outlives its time-out. It imports only pyoxigraph, so a replacement starts fast.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection
from typing import IO, Literal, cast

import pyoxigraph as ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal  # what page rows hold (triple terms as text)
Mode = Literal["protocol", "rows"]


@dataclass(frozen=True)
class Task:
    """One query: `protocol` answers serialised bytes, `rows` answers terms (for pages)."""

    sparql: str
    mode: Mode = "rows"
    results_format: str = "JSON"  # a QueryResultsFormat attribute name (SELECT, ASK)
    graph_format: str = "TURTLE"  # an RdfFormat attribute name (CONSTRUCT, DESCRIBE)
    limit: int = 10_000
    bindings: Mapping[str, Term] = field(default_factory=dict)
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """A query's answer: serialised (`body`) or as rows of terms; `truncated` past the limit."""

    kind: Literal["select", "ask", "graph"]
    body: bytes = b""
    media_type: str = ""
    truncated: bool = False
    count: int = 0
    rows: list[dict[str, Term]] = field(default_factory=list)
    boolean: bool = False


@dataclass(frozen=True)
class Failure:
    """A query that could not run: `syntax` (the parser's message) or `query` (evaluation)."""

    kind: Literal["syntax", "query", "store"]
    message: str


class _Full(Exception):
    """Raised inside the serialiser once the row limit is passed: it stops the evaluation."""


class _RowSink(io.RawIOBase):
    """Collects TSV results and stops them after `limit` rows (TSV is one row per line)."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.chunks: list[bytes] = []
        self.lines = 0
        self.limit = limit

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.chunks.append(bytes(data))
        self.lines += data.count(b"\n")
        if self.lines > self.limit + 1:  # the header line, then the rows
            raise _Full
        return len(data)


def serve_tasks(conn: Connection, store_path: str, prefixes: dict[str, str]) -> None:
    """The worker's main loop: open the store, say ready, answer tasks until the pipe closes."""
    try:
        store = ox.Store.read_only(store_path)
    except (OSError, RuntimeError) as error:  # RuntimeError: a corrupt or half-removed store
        conn.send(Failure("store", str(error)))
        return
    conn.send("ready")
    union = _unmerged(store)
    while True:
        try:
            task = conn.recv()
            conn.send(run_task(store, task, prefixes, union))
        except (EOFError, OSError):  # the server is gone
            return


def run_task(store: ox.Store, task: Task, prefixes: dict[str, str],
             union: bool = False) -> Answer | Failure:
    """Run one task on `store`; errors become a Failure with the message to show. The default
    graph is the store's, the merge of the named graphs (kg.store), or with `union` (a store
    written before the merge) the union of the named graphs."""
    try:
        default, named = _dataset(task)
        result = store.query(task.sparql, prefixes=prefixes, default_graph=default,
                             use_default_graph_as_union=union and default is None,
                             named_graphs=named, substitutions={
                                 ox.Variable(name): term for name, term in task.bindings.items()})
        if isinstance(result, ox.QueryBoolean):
            return _ask(result, task)
        if isinstance(result, ox.QueryTriples):
            return _graph(result, task, prefixes)
        return _select(result, task)
    except SyntaxError as error:
        return Failure("syntax", str(error))
    except (OSError, RuntimeError, ValueError) as error:
        return Failure("query", str(error))


def _unmerged(store: ox.Store) -> bool:
    """True for a store whose default graph is not yet the merge of its graphs: written by a
    kg from before the merge, and opened read-only here (kg.store merges it when it opens it
    for writing). Checked here, not by importing kg.store: a worker imports only pyoxigraph."""
    empty = next(store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is None
    return empty and next(iter(store.named_graphs()), None) is not None


def _dataset(task: Task) -> tuple[list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | None,
                                  list[ox.NamedNode | ox.BlankNode] | None]:
    """(default graph, named graphs) of the protocol's default-graph-uri and named-graph-uri
    parameters; without them, the store's default graph, as in kg query."""
    default: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | None = \
        [ox.NamedNode(iri) for iri in task.default_graphs] or None
    named: list[ox.NamedNode | ox.BlankNode] | None = \
        [ox.NamedNode(iri) for iri in task.named_graphs] or None
    return default, named


def _ask(result: ox.QueryBoolean, task: Task) -> Answer:
    if task.mode == "rows":
        return Answer("ask", boolean=bool(result))
    fmt = getattr(ox.QueryResultsFormat, task.results_format)
    return Answer("ask", body=result.serialize(format=fmt) or b"", media_type=fmt.media_type,
                  boolean=bool(result))


def _graph(result: ox.QueryTriples, task: Task, prefixes: dict[str, str]) -> Answer:
    # The union default graph repeats a triple found in several graphs: a graph is a set.
    triples: dict[ox.Triple, None] = {}
    truncated = False
    for triple in result:
        if len(triples) == task.limit:
            truncated = True
            break
        triples[triple] = None
    fmt = getattr(ox.RdfFormat, task.graph_format)
    body = ox.serialize(list(triples), format=fmt, prefixes=prefixes) or b""
    return Answer("graph", body=body, media_type=fmt.media_type, truncated=truncated,
                  count=len(triples))


def _select(result: ox.QuerySolutions, task: Task) -> Answer:
    if task.mode == "rows":
        names = [variable.value for variable in result.variables]
        rows = [{name: _row_term(solution[name]) for name in names if solution[name] is not None}
                for solution in islice(result, task.limit)]
        return Answer("select", rows=rows, count=len(rows))
    sink = _RowSink(task.limit)
    truncated = False
    try:
        result.serialize(cast(IO[bytes], sink), ox.QueryResultsFormat.TSV)
    except _Full:
        truncated = True
    lines = b"".join(sink.chunks).removesuffix(b"\n").split(b"\n")[:task.limit + 1]
    tsv = b"\n".join(lines) + b"\n"
    fmt = getattr(ox.QueryResultsFormat, task.results_format)
    # TSV writes terms losslessly (N-Triples syntax), so it converts to any other format.
    body = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV).serialize(format=fmt) or b""
    return Answer("select", body=body, media_type=fmt.media_type, truncated=truncated,
                  count=len(lines) - 1)


def _row_term(term: Term | ox.Triple | None) -> Term:
    return ox.Literal(str(term)) if isinstance(term, ox.Triple) or term is None else term


def main(argv: list[str]) -> None:
    """`python -m kg.serve.worker FD STORE`: serve tasks on the connection of file FD."""
    conn = Connection(int(argv[1]))
    serve_tasks(conn, argv[2], conn.recv())


if __name__ == "__main__":
    import sys

    # Run the module's functions under their importable name, so that the Answer objects
    # pickled back to the server are kg.serve.worker.Answer, not __main__.Answer.
    from kg.serve.worker import main as worker_main

    worker_main(sys.argv)

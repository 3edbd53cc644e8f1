"""Data for the push tests: stores and N-Quads files built from real outcomes, the quads
expected on an endpoint, and the comparison that allows for Virtuoso's normalisations."""

from __future__ import annotations

import http.server
import socketserver
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.ontology import ONTOLOGY_FILE, ONTOLOGY_GRAPH, store_ontology
from kg.pipeline import Outcome
from kg.publish.files import QuadFileWriter
from kg.publish.push_batches import GENID
from kg.rdf import to_iri, to_ox
from kg.store import Store

BASE = "https://w3id.org/kg-news/id/"
PREFIX = "https://w3id.org/kg-news/"  # every graph kg writes, the ontology's included
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class Corpus:
    """One corpus three ways: a store (with the ontology), an N-Quads file, expected quads."""

    store: Path
    nquads: Path
    expected: frozenset[str]  # the article graphs' quads, N-Quads lines without newline
    graphs: int  # named graphs in the store (articles and ontology)


def make_corpus(folder: Path, outcomes: list[Outcome]) -> Corpus:
    """Write the built outcomes into a store and an N-Quads file under `folder`."""
    built = [(o.name, o.graph) for o in outcomes if o.name is not None and o.graph is not None]
    folder.mkdir(parents=True, exist_ok=True)
    with Store(folder / "store") as store:
        store.replace_graphs(built)
        store_ontology(store)  # the ontology has blank nodes: pushing must skolemise them
    with QuadFileWriter(folder / "graph.nq.gz") as writer:
        for name, graph in built:
            writer.write(name, graph)
    expected = frozenset(f"{to_ox(s)} {to_ox(p)} {to_ox(o)} {to_iri(name)} ."
                         for name, graph in built for s, p, o in graph)
    return Corpus(folder / "store", folder / "graph.nq.gz", expected, len(built) + 1)


def articles(quads: set[str]) -> set[str]:
    """The quads outside the ontology graph."""
    tail = f" <{ONTOLOGY_GRAPH}> ."
    return {q for q in quads if not q.endswith(tail)}


def ontology_matches(quads: set[str]) -> bool:
    """True if the ontology graph on the endpoint is the ontology file, once its skolem IRIs
    are read back as blank nodes (and no blank node was sent)."""
    tail = f" <{ONTOLOGY_GRAPH}> ."
    lines = [q.removesuffix(tail) + " ." for q in quads if q.endswith(tail)]
    pushed = Graph()
    for triple in ox.parse("\n".join(lines), format=ox.RdfFormat.N_TRIPLES):
        pushed.add(tuple(_deskolemised(term) for term in  # type: ignore[arg-type]
                         (triple.subject, triple.predicate, triple.object)))
    original = Graph().parse(ONTOLOGY_FILE, format="turtle")
    return isomorphic(pushed, original)


def _deskolemised(term: ox.Term) -> object:
    if isinstance(term, ox.NamedNode):
        genid = f"{BASE}{GENID}"
        return (BNode(term.value[len(genid):]) if term.value.startswith(genid)
                else URIRef(term.value))
    assert isinstance(term, ox.Literal), f"a blank node reached the endpoint: {term}"
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:  # RDF 1.1: a plain literal is an xsd:string
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


class _Peer(http.server.BaseHTTPRequestHandler):
    """Answers every request with the server's `status` and `body`, and records it; refuses
    kg push's probe (a request that is not SPARQL) with a 400 as endpoints do, unless the
    server's `refuses_probe` is false, and answers a GET with `get_status` and `graph_body`
    (N-Triples)."""

    server: Any

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        request = (self.command, self.path, dict(self.headers), self.rfile.read(length))
        if b"kg push probe" in request[3]:
            self.server.probes.append(request)
            if self.server.refuses_probe:
                self._send(400, {}, b"parse error")
                return
        else:
            self.server.seen.append(request)
        self._send(self.server.status, self.server.headers, self.server.body)

    def do_GET(self) -> None:
        self.server.seen.append((self.command, self.path, dict(self.headers), b""))
        self._send(self.server.get_status, {"Content-Type": "application/n-triples"},
                   self.server.graph_body)

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_PUT = _answer

    def log_message(self, *args: object) -> None:
        pass


class _Garbage(socketserver.BaseRequestHandler):
    """Reads the request, answers bytes that are not HTTP, hangs up."""

    def handle(self) -> None:
        stream = self.request.makefile("rb")
        length = 0
        while (line := stream.readline()) not in (b"\r\n", b""):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        body = stream.read(length)  # all of it, so that the client sees the answer, not a reset
        if b"kg push probe" not in body:
            self.server.seen.append("garbage")  # type: ignore[attr-defined]
        self.request.sendall(b"\x00\x01 this is not HTTP\r\n\r\n")


@contextmanager
def running_peer(answer: tuple[int, bytes] | str,
                 tls: ssl.SSLContext | None = None) -> Iterator[Any]:
    """A real server on a loopback port that answers every request with `answer` (status
    and body, or "garbage": bytes that are not HTTP); `.seen` lists what it received."""
    handler = _Garbage if answer == "garbage" else _Peer
    server: Any = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    server.daemon_threads = True
    server.seen, server.probes, server.headers = [], [], {}
    server.refuses_probe, server.graph_body, server.get_status = True, b"", 200
    if not isinstance(answer, str):
        server.status, server.body = answer
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()

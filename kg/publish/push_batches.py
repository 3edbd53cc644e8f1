"""What a push sends for one named graph: its triples as canonical N-Triples lines (blank
nodes skolemised), a content hash, and the update requests or Graph Store body.

Terms are always written by pyoxigraph's serialiser (str() of a term is its canonical
N-Triples form, escapes and all): no text from an article is ever spliced into a request.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from kg.ids import digest

# Skolem IRIs live under the base's /.well-known/genid/ (RDF 1.1 Concepts, section 3.5).
GENID = ".well-known/genid/"
# Large graphs are built here, then moved onto their name in one request.
STAGING = ".well-known/kg-push/staging/"
# Where a Graph Store is asked to refuse a body that is not N-Triples (push_gsp.probe).
PROBE_GRAPH = ".well-known/kg-push/probe"


@dataclass(frozen=True)
class Request:
    """One request of a push: what it does (for messages) and its body."""

    what: str
    body: str


@dataclass(frozen=True)
class PreparedGraph:
    """A named graph ready to send: sorted N-Triples lines and their SHA-256."""

    name: str
    lines: tuple[str, ...]
    sha256: str

    @property
    def iri(self) -> str:
        """The graph name as a SPARQL IRI term."""
        return str(ox.NamedNode(self.name))


def prepare(name: str, triples: Iterable[ox.Triple], base: str) -> PreparedGraph:
    """Skolemise, serialise and hash one named graph."""
    lines = sorted({f"{t.subject} {t.predicate} {t.object} .\n" for t in skolemise(name, triples,
                                                                                   base)})
    sha = hashlib.sha256(f"{ox.NamedNode(name)}\n".encode())
    for line in lines:
        sha.update(line.encode())
    return PreparedGraph(name, tuple(lines), sha.hexdigest())


def skolemise(name: str, triples: Iterable[ox.Triple], base: str) -> list[ox.Triple]:
    """The triples with every blank node replaced by a stable IRI under `base`.

    Virtuoso refuses blank nodes in INSERT DATA, and a blank node sent twice is two nodes:
    re-pushing would duplicate triples. Blank node labels are first canonicalised, so the
    same graph gives the same IRIs whichever file or store it was read from.
    """
    items = list(triples)
    if not any(isinstance(term, ox.BlankNode) for t in items for term in (t.subject, t.object)):
        return items
    graph = ox.NamedNode(name)
    dataset = ox.Dataset([ox.Quad(t.subject, t.predicate, t.object, graph) for t in items])
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return [ox.Triple(_skolem(q.subject, name, base), q.predicate, _skolem(q.object, name, base))
            for q in dataset]


def _skolem(term: Any, graph: str, base: str) -> Any:
    # Any: the subject and object positions take different term types; both stay valid.
    if isinstance(term, ox.BlankNode):
        return ox.NamedNode(f"{base}{GENID}{digest(f'{graph} {term.value}', 32)}")
    return term


def staging_iri(graph: str, base: str) -> str:
    """The staging graph a large graph is built in before it replaces `graph`."""
    return str(ox.NamedNode(f"{base}{STAGING}{digest(graph, 32)}"))


def update_requests(graph: PreparedGraph, batch_size: int, base: str) -> list[Request]:
    """The SPARQL Update requests that replace the named graph, each a transaction.

    A graph that fits one batch is dropped and inserted in one request. A larger one is
    inserted batch by batch into a staging graph (cleared first, so an interrupted push
    leaves nothing behind that the next one keeps), then moved onto its name in one request.
    """
    batches = [graph.lines[i:i + batch_size] for i in range(0, len(graph.lines), batch_size)]
    if len(batches) <= 1:
        return [Request(f"graph {graph.iri}",
                        f"DROP SILENT GRAPH {graph.iri} ;\n{_insert(graph.iri, graph.lines)}")]
    staging = staging_iri(graph.name, base)
    requests = [Request(f"graph {graph.iri}, batch {n}/{len(batches)}",
                        (f"DROP SILENT GRAPH {staging} ;\n" if n == 1 else "")
                        + _insert(staging, batch)) for n, batch in enumerate(batches, 1)]
    return [*requests, Request(f"graph {graph.iri}, move from staging", _move(staging, graph.iri))]


def _insert(graph: str, lines: Iterable[str]) -> str:
    return f"INSERT DATA {{ GRAPH {graph} {{\n{''.join(lines)}}} }}"


def _move(staging: str, target: str) -> str:
    """`MOVE staging TO target`, done only if the staging graph has triples.

    A plain MOVE sent twice (a retry after an answer lost on the way) would move an empty
    staging graph and leave the target empty: Virtuoso does so even without SILENT. The
    guard makes the request idempotent.
    """
    return (f"DELETE {{ GRAPH {target} {{ ?s ?p ?o }} }} WHERE {{ "
            f"{{ SELECT ?x WHERE {{ GRAPH {staging} {{ ?x ?y ?z }} }} LIMIT 1 }} "
            f"GRAPH {target} {{ ?s ?p ?o }} }} ;\n"
            f"INSERT {{ GRAPH {target} {{ ?s ?p ?o }} }} "
            f"WHERE {{ GRAPH {staging} {{ ?s ?p ?o }} }} ;\n"
            f"DROP SILENT GRAPH {staging}")


def gsp_body(graph: PreparedGraph) -> bytes:
    """The graph as an N-Triples document, for a Graph Store PUT."""
    return "".join(graph.lines).encode("utf-8")

"""Data for the push tests: stores and N-Quads files built from real outcomes, the quads
expected on an endpoint, and the comparison that allows for Virtuoso's normalisations."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.ontology import ONTOLOGY_FILE, ONTOLOGY_GRAPH, store_ontology
from kg.pipeline import Outcome
from kg.publish.files import QuadFileWriter
from kg.publish.push_batches import GENID
from kg.store import Store, to_iri, to_ox

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
        return BNode(term.value[len(genid):]) if term.value.startswith(genid) else URIRef(term.value)
    assert isinstance(term, ox.Literal), f"a blank node reached the endpoint: {term}"
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:  # RDF 1.1: a plain literal is an xsd:string
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))

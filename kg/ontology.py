"""The project's ontology as data: stored beside the articles so that queries can use the
taxonomy (`?event a/rdfs:subClassOf* kgo:Attack`) without a reasoner."""

from __future__ import annotations

from rdflib import URIRef

from kg.namespaces import KGO_IRI
from kg.resources import resource_dir
from kg.store import Store

ONTOLOGY_FILE = resource_dir("ontology") / "kgo.ttl"
ONTOLOGY_GRAPH = URIRef(KGO_IRI.rstrip("#"))  # the ontology's own IRI names its graph


def store_ontology(store: Store) -> None:
    """Put (or refresh) the ontology in its own named graph of `store`."""
    store.replace_graph_from_file(ONTOLOGY_GRAPH, ONTOLOGY_FILE)

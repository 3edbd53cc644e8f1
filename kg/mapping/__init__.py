"""Mapping: pure functions from Annotations to one rdflib Graph per article. No I/O, no clock."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef

from kg.ids import Ids
from kg.mapping.entities import add_entities, add_positions
from kg.mapping.events import Referents, add_events
from kg.mapping.statements import add_claims, add_quotations
from kg.mapping.text import add_article, add_mentions, add_times
from kg.model import Annotations
from kg.namespaces import PREFIXES


@dataclass(frozen=True)
class MappingContext:
    """What a mapping may depend on besides the annotations: the IRI base and the run."""

    ids: Ids
    run: URIRef


def new_graph() -> Graph:
    """An empty graph with the project's prefixes (and only those) bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace if isinstance(namespace, str) else namespace._NS)
    return graph


def to_graph(annotations: Annotations, context: MappingContext) -> tuple[URIRef, Graph]:
    """The named graph IRI and graph of one article: deterministic for the same input."""
    graph = new_graph()
    article = annotations.article
    add_article(graph, context.ids, article, context.run)
    add_mentions(graph, context.ids, annotations)
    add_times(graph, context.ids, annotations)
    add_entities(graph, context.ids, annotations)
    add_positions(graph, context.ids, annotations)
    refer = Referents(context.ids, annotations)
    add_quotations(graph, context.ids, annotations, refer)  # before events: a quoted span
    add_events(graph, context.ids, annotations, refer)  # that is also a sentence stays a quote
    add_claims(graph, context.ids, annotations, refer)
    return context.ids.graph(article), graph


__all__ = ["MappingContext", "new_graph", "to_graph"]

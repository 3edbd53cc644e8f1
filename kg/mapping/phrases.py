"""NIF phrases: spans of an article's text as RDF nodes."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from kg.ids import Ids
from kg.model import Article
from kg.namespaces import NIF, RDF, XSD


def index_literal(value: int) -> Literal:
    """An offset as xsd:integer: NIF says xsd:nonNegativeInteger, but Oxigraph (and so the
    store and the endpoints) rewrites that to xsd:integer, and the graph must read back as
    written. The shapes check that offsets are not negative."""
    return Literal(value, datatype=XSD.integer)


def add_phrase(graph: Graph, ids: Ids, article: Article, begin: int, end: int) -> URIRef:
    """A nif:Phrase for text[begin:end] of the article; returns its IRI."""
    node = ids.mention(article, begin, end)
    graph.add((node, RDF.type, NIF.Phrase))
    graph.add((node, NIF.referenceContext, ids.article(article)))
    graph.add((node, NIF.beginIndex, index_literal(begin)))
    graph.add((node, NIF.endIndex, index_literal(end)))
    graph.add((node, NIF.anchorOf, Literal(article.text[begin:end])))
    return node

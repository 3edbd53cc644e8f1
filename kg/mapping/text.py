"""The article as a NIF context, and its mentions and time expressions as NIF phrases."""

from __future__ import annotations

import datetime as dt

from rdflib import Graph, Literal, URIRef

from kg.ids import Ids, content_digest
from kg.mapping.entities import entity_classes
from kg.mapping.phrases import add_phrase, index_literal
from kg.model import Annotations, Article
from kg.namespaces import ITSRDF, KGO, NIF, PROV, RDF, SDO, XSD


def add_article(graph: Graph, ids: Ids, article: Article, run: URIRef) -> None:
    """The article node, and the provenance of the graph that describes it."""
    node = ids.article(article)
    graph.add((node, RDF.type, SDO.NewsArticle))
    graph.add((node, RDF.type, NIF.Context))
    graph.add((node, SDO.headline, Literal(article.headline)))
    graph.add((node, SDO.datePublished, _date_literal(article.published)))
    graph.add((node, NIF.isString, Literal(article.text)))
    graph.add((node, NIF.beginIndex, index_literal(0)))
    graph.add((node, NIF.endIndex, index_literal(len(article.text))))
    if article.url:
        graph.add((node, SDO.url, URIRef(article.url)))
    named = ids.graph(article)
    graph.add((named, RDF.type, PROV.Entity))
    graph.add((named, PROV.wasDerivedFrom, node))
    graph.add((named, PROV.wasGeneratedBy, run))
    graph.add((named, KGO.contentSha256, Literal(content_digest(article))))


def _date_literal(value: dt.date | dt.datetime) -> Literal:
    datatype = XSD.dateTime if isinstance(value, dt.datetime) else XSD.date
    return Literal(value.isoformat(), datatype=datatype)


def add_mentions(graph: Graph, ids: Ids, annotations: Annotations) -> None:
    """Every entity mention, linked to its entity and class."""
    entities = {e.key: e for e in annotations.entities}
    for mention in annotations.mentions:
        node = add_phrase(graph, ids, annotations.article, mention.begin, mention.end)
        entity = entities[mention.entity]
        graph.add((node, ITSRDF.taIdentRef, ids.entity(entity)))
        graph.add((node, ITSRDF.taClassRef, entity_classes(entity.kind)[0]))


def add_times(graph: Graph, ids: Ids, annotations: Annotations) -> None:
    """Every time expression, with its TIMEX3 type and value."""
    for time in annotations.times:
        node = add_phrase(graph, ids, annotations.article, time.begin, time.end)
        graph.add((node, RDF.type, KGO.TimeExpression))
        graph.add((node, ITSRDF.taClassRef, KGO.TimeExpression))
        graph.add((node, KGO.timexType, Literal(time.type.value)))
        graph.add((node, KGO.timexValue, Literal(time.value)))

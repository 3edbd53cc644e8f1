"""Quotations and claims: who said what, and who claims what, never asserted as fact.

A claim's content is only its schema:text; no triple of the graph states it.
"""

from __future__ import annotations

from rdflib import Graph, Literal

from kg.ids import Ids
from kg.mapping.dates import date_literal
from kg.mapping.events import Referents, add_mention, add_sentence
from kg.model import Annotations
from kg.namespaces import KGO, PROV, RDF, SDO


def add_quotations(graph: Graph, ids: Ids, annotations: Annotations, refer: Referents) -> None:
    """Every quotation: its words, speaker, date and span."""
    article = ids.article(annotations.article)
    for quotation in annotations.quotations:
        node = refer(quotation.key)
        graph.add((node, RDF.type, SDO.Quotation))
        graph.add((node, SDO.text, Literal(quotation.span.text)))
        graph.add((node, KGO.direct, Literal(quotation.direct)))
        graph.add((node, SDO.isPartOf, article))
        graph.add((node, PROV.wasDerivedFrom, article))
        span = add_mention(graph, ids, annotations, quotation.span, node, SDO.Quotation)
        graph.add((node, KGO.evidence, span))
        if quotation.speaker:
            graph.add((node, SDO.creator, refer(quotation.speaker)))
        date = date_literal(quotation.date)
        if date is not None:
            graph.add((node, SDO.dateCreated, date))


def add_claims(graph: Graph, ids: Ids, annotations: Annotations, refer: Referents) -> None:
    """Every claim: its author, words, date, what it is about, and the sentence reporting it."""
    article = ids.article(annotations.article)
    for claim in annotations.claims:
        node = refer(claim.key)
        graph.add((node, RDF.type, SDO.Claim))
        graph.add((node, SDO.text, Literal(claim.span.text)))
        graph.add((node, SDO.appearance, article))
        graph.add((node, PROV.wasDerivedFrom, article))
        graph.add((node, KGO.evidence, add_sentence(graph, ids, annotations, claim.sentence)))
        if claim.author:
            graph.add((node, SDO.author, refer(claim.author)))
        for key in claim.about:
            graph.add((node, SDO.about, refer(key)))
        date = date_literal(claim.date)
        if date is not None:
            graph.add((node, SDO.dateCreated, date))

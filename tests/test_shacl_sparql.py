"""Oxigraph answers pySHACL's SHACL-SPARQL queries; rdflib only when Oxigraph cannot."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from kg.namespaces import NIF
from kg.validate.shacl_sparql import OxigraphSelect, is_select

QUERY = """PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>

SELECT $this ?value WHERE { ?value nif:referenceContext $this ; nif:anchorOf ?a .
  FILTER (STRLEN(?a) > 3) }"""


def graph_with(context: str) -> Graph:
    graph = Graph()
    for i, anchor in enumerate(["Kyiv", "EU", "Ostend"]):
        mention = URIRef(f"https://example.org/a#char={i},{i + 1}")
        graph.add((mention, NIF.referenceContext, URIRef(context)))
        graph.add((mention, NIF.anchorOf, Literal(anchor)))
    return graph


def test_select_with_bound_this() -> None:
    context = "https://example.org/a"
    answer = OxigraphSelect(graph_with(context))(QUERY, {"this": URIRef(context),
                                                         "unused": URIRef("urn:x")})
    assert answer is not None and len(answer) == 2
    assert {row.asdict()["value"] for row in answer} == {
        URIRef("https://example.org/a#char=0,1"), URIRef("https://example.org/a#char=2,3")}
    assert all(row["this"] == URIRef(context) for row in answer)


def test_malformed_iri_leaves_the_query_to_rdflib() -> None:
    assert OxigraphSelect(graph_with("https://example.org/a b"))(QUERY, {}) is None


def test_only_select_queries_are_taken() -> None:
    assert is_select(QUERY)
    assert not is_select("PREFIX x: <urn:x>\nASK { ?s ?p ?o }")

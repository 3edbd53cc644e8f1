"""ontology/kgo.ttl, its README and kg.namespaces.KGO describe the same terms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.namespaces import KGO, KGO_IRI

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY / "kgo.ttl", format="turtle")


def declared() -> set[str]:
    """The names KGO declares, read from its annotations (the source of `_fail = True`)."""
    return {name for name in KGO.__annotations__ if not name.startswith("_")}


def defined(ontology: Graph) -> set[str]:
    """The kgo: terms kgo.ttl defines as classes or properties."""
    terms = {s for kind in KINDS for s in ontology.subjects(RDF.type, kind)}
    return {str(t)[len(KGO_IRI):] for t in terms if str(t).startswith(KGO_IRI)}


def test_ontology_defines_exactly_the_names_of_kgo(ontology: Graph) -> None:
    assert len(declared()) >= 11
    assert defined(ontology) == declared()


def test_no_kgo_term_is_used_without_being_defined(ontology: Graph) -> None:
    used = {str(n)[len(KGO_IRI):] for triple in ontology for n in triple
            if isinstance(n, URIRef) and str(n).startswith(KGO_IRI) and str(n) != KGO_IRI}
    assert used <= defined(ontology)


@pytest.mark.parametrize("name", sorted(declared()))
def test_every_term_is_documented(ontology: Graph, name: str) -> None:
    term = URIRef(KGO_IRI + name)
    assert ontology.value(term, RDFS.label) is not None
    assert ontology.value(term, SKOS.definition) is not None
    assert ontology.value(term, RDFS.isDefinedBy) == URIRef(KGO_IRI.rstrip("#"))


@pytest.mark.parametrize("name", sorted(n for n in declared() if n[0].islower()))
def test_every_property_has_domain_and_range(ontology: Graph, name: str) -> None:
    assert ontology.value(URIRef(KGO_IRI + name), RDFS.domain) is not None
    assert ontology.value(URIRef(KGO_IRI + name), RDFS.range) is not None


def test_alignment_with_schema_org_and_nif(ontology: Graph) -> None:
    schema = "https://schema.org/"
    nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    assert (KGO.Weapon, RDFS.subClassOf, URIRef(schema + "Product")) in ontology
    assert (KGO.MilitaryOrganization, RDFS.subClassOf, URIRef(schema + "Organization")) in ontology
    assert (KGO.TimeExpression, RDFS.subClassOf, URIRef(nif + "Phrase")) in ontology
    assert (KGO.holdsPosition, OWL.inverseOf, KGO.holder) in ontology


def test_ontology_header(ontology: Graph) -> None:
    header = URIRef(KGO_IRI.rstrip("#"))
    assert (header, RDF.type, OWL.Ontology) in ontology
    for needed in (DCTERMS.title, DCTERMS.description, OWL.versionInfo, DCTERMS.license):
        assert ontology.value(header, needed) is not None, needed
    assert str(ontology.value(header, DCTERMS.creator)) == "kg"


def test_every_external_term_says_where_it_is_defined(ontology: Graph) -> None:
    for kind in KINDS:
        for term in ontology.subjects(RDF.type, kind):
            if isinstance(term, URIRef):
                assert ontology.value(term, RDFS.isDefinedBy) is not None, term
                assert ontology.value(term, RDFS.label) is not None, term


def test_readme_table_lists_every_term() -> None:
    text = (ONTOLOGY / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `kgo:(\w+)` \|([^|]+)\|([^|]+)\|([^|]+)\|$", text, re.MULTILINE)
    assert {name for name, *_ in rows} == declared()
    assert all(cell.strip() for row in rows for cell in row)


def test_readme_example_graph_parses() -> None:
    text = (ONTOLOGY / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```turtle\n(.*?)```", text, re.DOTALL)
    assert block is not None
    graph = Graph().parse(data=block.group(1), format="turtle")
    assert len(graph) > 50
    used = {str(p)[len(KGO_IRI):] for p in graph.predicates() if str(p).startswith(KGO_IRI)}
    assert used <= declared()

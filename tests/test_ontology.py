"""ontology/kgo.ttl, its README and kg.namespaces.KGO describe the same terms."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, XSD
from rdflib.term import Node

from kg.namespaces import KGO, KGO_IRI

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
SCHEMA = "https://schema.org/"
NIF_PHRASE = URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Phrase")
SHAPES = "https://w3id.org/kg-news/shapes#"
ROLES = ("agent", "initiator", "coAgent", "patient", "target", "recipient", "instrument")
COUNTS = ("peopleKilled", "peopleInjured", "childrenKilled", "peopleArrested", "peopleMissing",
          "peopleEvacuated", "instrumentCount")


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


def readme_rows() -> list[list[str]]:
    """The rows of the README's tables that start with a kgo: term, as lists of cells."""
    text = (ONTOLOGY / "README.md").read_text(encoding="utf-8")
    lines = re.findall(r"^\| `kgo:\w+` \|.*\|$", text, re.MULTILINE)
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]


def test_readme_tables_list_every_term() -> None:
    rows = readme_rows()
    assert {row[0].strip("`")[len("kgo:"):] for row in rows} == declared()
    assert all(len(row) >= 4 and all(row) for row in rows)


def test_readme_taxonomy_table_agrees_with_the_ontology(ontology: Graph) -> None:
    # | class | parent | label | CAMEO | schema.org |
    taxonomy = {row[0].strip("`"): row for row in readme_rows() if len(row) == 5}
    assert {f"kgo:{name}" for name in event_classes(ontology)} == set(taxonomy)
    for curie, (_, parent, label, cameo, _) in taxonomy.items():
        term = URIRef(KGO_IRI + curie[len("kgo:"):])
        superclass = ontology.value(term, RDFS.subClassOf)
        assert isinstance(superclass, URIRef), curie
        assert ontology.namespace_manager.normalizeUri(superclass) == parent.strip("`"), curie
        assert str(ontology.value(term, RDFS.label)) == label, curie
        assert str(ontology.value(term, KGO.cameoCode) or "—") == cameo, curie


def readme_turtle() -> list[str]:
    text = (ONTOLOGY / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```turtle\n(.*?)```", text, re.DOTALL)


def test_readme_example_graphs_parse() -> None:
    blocks = readme_turtle()
    assert len(blocks) >= 2
    for block in blocks:
        graph = Graph().parse(data=block, format="turtle")
        assert len(graph) > 30
        used = {str(n)[len(KGO_IRI):] for triple in graph for n in triple
                if isinstance(n, URIRef) and str(n).startswith(KGO_IRI)}
        assert used <= declared()


# --- events ---------------------------------------------------------------------------------------

def event_classes(ontology: Graph) -> set[str]:
    """kgo:Event and every class that reaches it by rdfs:subClassOf."""
    return {str(c)[len(KGO_IRI):] for c in ontology.transitive_subjects(RDFS.subClassOf, KGO.Event)}


def test_event_taxonomy_is_rooted_in_schema_event(ontology: Graph) -> None:
    assert (KGO.Event, RDFS.subClassOf, URIRef(SCHEMA + "Event")) in ontology
    classes = event_classes(ontology)
    assert len(classes) >= 60
    # every kgo class is an event class unless it is one of the entity layer or an event's
    # participation and referent
    kgo_classes = {n for n in declared() if (URIRef(KGO_IRI + n), RDF.type, OWL.Class) in ontology}
    assert kgo_classes - classes == {"TimeExpression", "Weapon", "MilitaryOrganization", "Position",
                                     "Participation", "Referent"}


@pytest.mark.parametrize("name", ["PhoneCall", "Strike", "Injury", "Vote", "Lawsuit", "Flood"])
def test_event_classes_have_one_parent_in_the_taxonomy(ontology: Graph, name: str) -> None:
    parents = list(ontology.objects(URIRef(KGO_IRI + name), RDFS.subClassOf))
    assert len(parents) == 1 and str(parents[0]).startswith(KGO_IRI)


def test_every_event_class_has_an_example(ontology: Graph) -> None:
    for name in event_classes(ontology):
        assert ontology.value(URIRef(KGO_IRI + name), SKOS.example) is not None, name


def test_cameo_codes_are_two_to_four_digit_strings_on_event_classes(ontology: Graph) -> None:
    coded = list(ontology.subject_objects(KGO.cameoCode))
    assert len(coded) >= 20
    for cls, code in coded:
        assert isinstance(code, Literal) and code.datatype is None, cls
        assert re.fullmatch(r"[0-9]{2,4}", str(code)), (cls, code)
        assert str(cls)[len(KGO_IRI):] in event_classes(ontology), cls
    assert ontology.value(KGO.PhoneCall, KGO.cameoCode) == Literal("041")
    assert (KGO.cameoCode, RDF.type, OWL.AnnotationProperty) in ontology


def test_schema_org_alignments_are_schema_org_terms(ontology: Graph) -> None:
    for predicate in (SKOS.closeMatch, RDFS.seeAlso):
        for term, target in ontology.subject_objects(predicate):
            if str(term).startswith(KGO_IRI) and str(target).startswith("http://schema.org"):
                pytest.fail(f"{term} links to http://schema.org, not https://schema.org")
    assert (KGO.Purchase, SKOS.closeMatch, URIRef(SCHEMA + "BuyAction")) in ontology
    assert (KGO.agent, SKOS.closeMatch, URIRef(SCHEMA + "agent")) in ontology


@pytest.mark.parametrize("role", ROLES)
def test_every_role_is_a_participant(ontology: Graph, role: str) -> None:
    term = URIRef(KGO_IRI + role)
    assert KGO.participant in set(ontology.transitive_objects(term, RDFS.subPropertyOf)) - {term}
    assert (term, RDF.type, OWL.ObjectProperty) in ontology
    assert ontology.value(term, RDFS.domain) == KGO.Event
    assert ontology.value(term, RDFS.range) == URIRef(SCHEMA + "Thing")
    assert ontology.value(term, SKOS.example) is not None


def test_initiator_is_an_agent(ontology: Graph) -> None:
    assert (KGO.initiator, RDFS.subPropertyOf, KGO.agent) in ontology


def test_roles_are_exactly_the_sub_properties_of_participant(ontology: Graph) -> None:
    subs = (set(ontology.transitive_subjects(RDFS.subPropertyOf, KGO.participant))
            - {KGO.participant})
    assert {str(s)[len(KGO_IRI):] for s in subs} == set(ROLES)


@pytest.mark.parametrize("count", COUNTS)
def test_counts_are_integers_on_events(ontology: Graph, count: str) -> None:
    term = URIRef(KGO_IRI + count)
    assert (term, RDF.type, OWL.DatatypeProperty) in ontology
    assert ontology.value(term, RDFS.domain) == KGO.Event
    assert ontology.value(term, RDFS.range) == XSD.integer


def test_trigger_evidence_factuality_and_direct(ontology: Graph) -> None:
    assert ontology.value(KGO.trigger, RDFS.range) == NIF_PHRASE
    assert ontology.value(KGO.evidence, RDFS.range) == NIF_PHRASE
    union = ontology.value(ontology.value(KGO.evidence, RDFS.domain), OWL.unionOf)
    assert union is not None
    assert set(Collection(ontology, union)) == {
        KGO.Event, URIRef(SCHEMA + "Quotation"), URIRef(SCHEMA + "Claim")}
    comment = str(ontology.value(KGO.factuality, RDFS.comment))
    for value in ("asserted", "negated", "hypothetical", "reported"):
        assert f'"{value}"' in comment
    assert ontology.value(KGO.direct, RDFS.range) == XSD.boolean
    assert ontology.value(KGO.cause, RDFS.range) == KGO.Event


def test_version_is_0_2_0(ontology: Graph) -> None:
    header = URIRef(KGO_IRI.rstrip("#"))
    assert str(ontology.value(header, OWL.versionInfo)) == "0.2.0"
    assert ontology.value(header, OWL.versionIRI) == URIRef(KGO_IRI.rstrip("#") + "/0.2.0")


# --- the shapes name the same classes -------------------------------------------------------------

@pytest.fixture(scope="module")
def event_shapes() -> Graph:
    return Graph().parse(ROOT / "shapes" / "event.ttl", format="turtle")


def local_names(terms: Iterable[Node]) -> set[str]:
    return {str(t)[len(KGO_IRI):] for t in terms if str(t).startswith(KGO_IRI)}


def test_event_type_shape_lists_exactly_the_event_classes(ontology: Graph,
                                                          event_shapes: Graph) -> None:
    # The taxonomy's classes, or a PropBank roleset's class, in one pattern over the type's IRI.
    pattern = str(event_shapes.value(URIRef(SHAPES + "Event-type"), SH.pattern))
    listed = re.fullmatch(r"\^https://w3id\\\.org/kg-news/\(ontology#\(([\w|]+)\)\|"
                          r"propbank/\[\^/#\]\+\)\$", pattern)
    assert listed is not None, pattern
    assert set(listed.group(1).split("|")) == event_classes(ontology)


def test_trigger_shape_targets_every_event_class(ontology: Graph, event_shapes: Graph) -> None:
    targets = event_shapes.objects(URIRef(SHAPES + "Event-trigger"), SH.targetClass)
    assert local_names(targets) == event_classes(ontology)


def test_count_shapes_cover_every_count(event_shapes: Graph) -> None:
    for count in COUNTS:
        shape = URIRef(SHAPES + "Event-" + count)
        assert event_shapes.value(shape, SH.path) == URIRef(KGO_IRI + count)
    asserted = event_shapes.objects(URIRef(SHAPES + "Event-countsAsserted"), SH.targetSubjectsOf)
    assert local_names(asserted) == set(COUNTS)


def test_roles_shape_names_every_role(event_shapes: Graph) -> None:
    select = str(event_shapes.value(event_shapes.value(
        URIRef(SHAPES + "Article-rolesAreParticipants"), SH.sparql), SH.select))
    listed = re.search(r"\?role IN \(([^)]*)\)", select)
    assert listed is not None
    assert set(re.findall(r"kgo:(\w+)", listed.group(1))) == set(ROLES)

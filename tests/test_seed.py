"""The seed article through the real model: entities, positions, places, times, offsets.

Questions 5, 12 and 13 of ../shared/eval/seed-questions.md, answered from the graph.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from kg.namespaces import ITSRDF, KGO, NIF, OWL, RDF, SDO
from kg.pipeline import Outcome, Status


@pytest.fixture(scope="module")
def graph(seed_outcome: Outcome) -> Graph:
    assert seed_outcome.status is Status.BUILT, seed_outcome.report and seed_outcome.report.text()
    assert seed_outcome.graph is not None
    return seed_outcome.graph


def entity_named(graph: Graph, name: str) -> URIRef:
    """The one entity with `name` as its name or alternate name."""
    found = {s for s in graph.subjects(SDO.name, Literal(name))}
    found |= {s for s in graph.subjects(SDO.alternateName, Literal(name))}
    assert len(found) == 1, f"{name!r} names {len(found)} entities: {found}"
    return URIRef(found.pop())


def names_of(graph: Graph, node: URIRef) -> set[str]:
    return {str(o) for o in graph.objects(node, SDO.name)} | {
        str(o) for o in graph.objects(node, SDO.alternateName)}


@pytest.mark.parametrize("name, cls", [
    ("Lloyd Austin", SDO.Person), ("Andrei Belousov", SDO.Person), ("Patrick Ryder", SDO.Person),
    ("Dmitry Peskov", SDO.Person), ("Lynn Tracy", SDO.Person), ("Sergei Shoigu", SDO.Person),
    ("Armed Forces of Ukraine", SDO.Organization), ("Kremlin", SDO.Organization),
    ("Pentagon", SDO.Organization), ("Russian Ministry of Defense", SDO.Organization),
    ("Russian Ministry of Foreign Affairs", SDO.Organization),
    ("Ukraine", SDO.Place), ("Sevastopol", SDO.Place), ("Moscow", SDO.Place),
    ("Crimea", SDO.Place), ("Uchkuevka beach", SDO.Place), ("Washington", SDO.Place),
    ("ATACMS", KGO.Weapon),
])
def test_entity_is_one_node_of_its_class(graph: Graph, name: str, cls: URIRef) -> None:
    assert (entity_named(graph, name), RDF.type, cls) in graph


@pytest.mark.parametrize("variants", [
    ("Belousov", "Andrei Belousov", "Andrei Belusov"),
    ("AFU", "Armed Forces of Ukraine", "Ukrainian Armed Forces"),
    ("Austin", "Lloyd Austin"), ("Ryder", "Patrick Ryder"), ("Peskov", "Dmitry Peskov"),
    ("Russian Ministry of Defense", "Russian Defense Ministry"),
])
def test_variants_resolve_to_one_entity(graph: Graph, variants: tuple[str, ...]) -> None:
    nodes = {entity_named(graph, v) for v in variants}
    assert len(nodes) == 1


def test_ryder_is_not_an_organization(graph: Graph) -> None:
    mentions = graph.subjects(NIF.anchorOf, Literal("Ryder"))
    classes = {graph.value(m, ITSRDF.taClassRef) for m in mentions}
    assert classes == {SDO.Person}


@pytest.mark.parametrize("name, geonames_id", [
    ("Ukraine", 690791), ("Sevastopol", 694423), ("Moscow", 524901),
])
def test_geonames_links(graph: Graph, name: str, geonames_id: int) -> None:
    link = URIRef(f"https://sws.geonames.org/{geonames_id}/")
    assert (entity_named(graph, name), OWL.sameAs, link) in graph


@pytest.mark.parametrize("person, position", [
    ("Lloyd Austin", "Pentagon Chief"),
    ("Andrei Belousov", "Russian Defense Minister"),
    ("Patrick Ryder", "Pentagon press secretary"),
    ("Patrick Ryder", "US military spokesman"),
    ("Dmitry Peskov", "Kremlin spokesman"),
    ("Lynn Tracy", "US Ambassador to Moscow"),
    ("Sergei Shoigu", "Russian Minister of Defense"),
])
def test_positions_are_data_not_names(graph: Graph, person: str, position: str) -> None:
    node = entity_named(graph, person)
    assert Literal(position) in set(graph.objects(node, SDO.jobTitle))
    assert not any(position in name for name in names_of(graph, node))


def test_positions_tie_to_country_and_organization(graph: Graph) -> None:
    belousov = graph.value(entity_named(graph, "Andrei Belousov"), KGO.holdsPosition)
    assert graph.value(belousov, KGO.country) == entity_named(graph, "Russia")
    assert graph.value(belousov, KGO.title) == Literal("Defense Minister")
    austin = entity_named(graph, "Lloyd Austin")
    assert (austin, SDO.worksFor, entity_named(graph, "Pentagon")) in graph


def test_nationality_adjectives_are_not_entities(graph: Graph) -> None:
    for adjective in ("Russian", "American", "Ukrainian"):
        assert not set(graph.subjects(SDO.name, Literal(adjective)))
        assert not set(graph.subjects(NIF.anchorOf, Literal(adjective)))


def test_every_mention_selects_its_text(graph: Graph, seed_outcome: Outcome) -> None:
    text = str(next(graph.objects(None, NIF.isString)))
    mentions = list(graph.subjects(RDF.type, NIF.Phrase))
    assert len(mentions) > 80
    for mention in mentions:
        begin = int(graph.value(mention, NIF.beginIndex))
        end = int(graph.value(mention, NIF.endIndex))
        assert text[begin:end] == str(graph.value(mention, NIF.anchorOf))


def time_values(graph: Graph) -> dict[str, set[str]]:
    values: dict[str, set[str]] = {}
    for node in graph.subjects(RDF.type, KGO.TimeExpression):
        values.setdefault(str(graph.value(node, NIF.anchorOf)), set()).add(
            str(graph.value(node, KGO.timexValue)))
    return values


@pytest.mark.parametrize("expression, value", [
    ("Tuesday, June 25", "2024-06-25"), ("March 2023", "2023-03"), ("June 23", "2024-06-23"),
    ("June 25", "2024-06-25"), ("The next day", "2024-06-26"), ("today", "2024-06-25"),
])
def test_time_expressions(graph: Graph, expression: str, value: str) -> None:
    assert time_values(graph).get(expression) == {value}

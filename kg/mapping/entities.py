"""Entities and the positions people hold, as schema.org and kgo terms."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from kg.ids import Ids
from kg.mapping.phrases import add_phrase
from kg.model import Annotations, Entity, EntityKind
from kg.namespaces import GEONAMES, ITSRDF, KGO, OWL, RDF, SDO, WIKIDATA

# The most specific class first (it is the mentions' itsrdf:taClassRef); superclasses are
# stated too, so "?x a schema:Place" finds cities without a reasoner.
CLASSES: dict[EntityKind, tuple[URIRef, ...]] = {
    EntityKind.PERSON: (SDO.Person,),
    EntityKind.ORGANIZATION: (SDO.Organization,),
    EntityKind.GOVERNMENT_ORGANIZATION: (SDO.GovernmentOrganization, SDO.Organization),
    EntityKind.MILITARY_ORGANIZATION: (KGO.MilitaryOrganization, SDO.Organization),
    EntityKind.PLACE: (SDO.Place,),
    EntityKind.COUNTRY: (SDO.Country, SDO.Place),
    EntityKind.CITY: (SDO.City, SDO.Place),
    EntityKind.ADMINISTRATIVE_AREA: (SDO.AdministrativeArea, SDO.Place),
    EntityKind.WEAPON: (KGO.Weapon, SDO.Product),
    EntityKind.PRODUCT: (SDO.Product,),
}


def entity_classes(kind: EntityKind) -> tuple[URIRef, ...]:
    """The rdf:types of an entity of this kind, most specific first."""
    return CLASSES[kind]


def add_entities(graph: Graph, ids: Ids, annotations: Annotations) -> None:
    """Each entity with its classes, names and links."""
    for entity in annotations.entities:
        node = ids.entity(entity)
        for cls in entity_classes(entity.kind):
            graph.add((node, RDF.type, cls))
        graph.add((node, SDO.name, Literal(entity.name)))
        for name in entity.alternate_names:
            graph.add((node, SDO.alternateName, Literal(name)))
        for same in _same_as(entity):
            graph.add((node, OWL.sameAs, same))
        if entity.country:
            graph.add((node, KGO.country, ids.entity_key("place", entity.country)))


def _same_as(entity: Entity) -> list[URIRef]:
    links = []
    if entity.geonames_id is not None:
        links.append(GEONAMES[f"{entity.geonames_id}/"])
    if entity.wikidata_id:
        links.append(WIKIDATA[entity.wikidata_id])
    return links


def add_positions(graph: Graph, ids: Ids, annotations: Annotations) -> None:
    """Positions as kgo:Position nodes, the holder's schema:jobTitle, and their mentions."""
    families = {e.key: e.kind.family for e in annotations.entities}
    described: set[URIRef] = set()
    for position in annotations.positions:
        holder = ids.entity_key("person", position.holder)
        node = ids.position(holder, position.text)
        mention = add_phrase(graph, ids, annotations.article, position.begin, position.end)
        graph.add((mention, ITSRDF.taIdentRef, node))
        graph.add((mention, ITSRDF.taClassRef, KGO.Position))
        if node in described:  # "Pentagon press secretary" twice, or in other letter case
            continue
        described.add(node)
        graph.add((node, RDF.type, KGO.Position))
        graph.add((node, SDO.name, Literal(position.text)))
        graph.add((node, KGO.title, Literal(position.title)))
        graph.add((node, KGO.holder, holder))
        graph.add((holder, KGO.holdsPosition, node))
        graph.add((holder, SDO.jobTitle, Literal(position.text)))
        if position.country:
            graph.add((node, KGO.country, ids.entity_key("place", position.country)))
        if position.organization:
            organization = ids.entity_key(families[position.organization], position.organization)
            graph.add((node, KGO.organization, organization))
            graph.add((holder, SDO.worksFor, organization))

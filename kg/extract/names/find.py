"""Names of one article: candidates from the parse, resolved to entities, and the positions
their people hold."""

from __future__ import annotations

from kg.extract.names.candidates import candidates
from kg.extract.names.coref import resolve
from kg.extract.names.positions import PositionCandidate, find_positions
from kg.extract.nlp import Paragraph
from kg.extract.places import country_of_demonym, lookup_place, lookup_place_by_id
from kg.ids import digest
from kg.model import Article, Entity, EntityKind, Mention, Position


def find_names(article: Article, paragraphs: list[Paragraph]
               ) -> tuple[dict[str, Entity], list[Mention], list[Position]]:
    """The article's entities by key, their mentions, and the positions of its people."""
    found = [c for p in paragraphs for c in candidates(p)]
    entities, mentions = resolve(article.text, found, digest(article.identity, 8))
    _add_countries(entities)
    return entities, mentions, _positions(paragraphs, mentions, entities)


def _positions(paragraphs: list[Paragraph], mentions: list[Mention],
               entities: dict[str, Entity]) -> list[Position]:
    """Positions of people of the article; a span that names an entity is not a position."""
    by_span = {(m.begin, m.end): m.entity for m in mentions}
    positions = []
    for candidate in (c for p in paragraphs for c in find_positions(p)):
        holder = by_span.get(candidate.holder)
        if holder is None or entities[holder].kind is not EntityKind.PERSON:
            continue
        if (candidate.begin, candidate.end) in by_span:
            continue
        positions.append(Position(candidate.begin, candidate.end, candidate.text, holder,
                                  candidate.title or candidate.text,
                                  _country(candidate, entities),
                                  _organization(candidate, by_span, entities)))
    return positions


def _organization(candidate: PositionCandidate, by_span: dict[tuple[int, int], str],
                  entities: dict[str, Entity]) -> str | None:
    key = by_span.get(candidate.organization) if candidate.organization else None
    return key if key and entities[key].kind.family == "organization" else None


def _add_countries(entities: dict[str, Entity]) -> None:
    """Countries that qualify an organisation ("Russian Foreign Ministry") become entities too."""
    for key in [e.country for e in entities.values() if e.country and e.country not in entities]:
        place = lookup_place_by_id(int(key.partition(":")[2]))
        entities[key] = Entity(key, EntityKind.COUNTRY, place.name, geonames_id=place.geonames_id)


def _country(candidate: PositionCandidate, entities: dict[str, Entity]) -> str | None:
    """The key of the country a position's qualifier names, adding that country if needed."""
    if candidate.country is None:
        return None
    place = country_of_demonym(candidate.country) or lookup_place(candidate.country)
    if place is None or place.kind is not EntityKind.COUNTRY:
        return None
    key = f"geonames:{place.geonames_id}"
    entities.setdefault(key, Entity(key, EntityKind.COUNTRY, place.name,
                                    geonames_id=place.geonames_id))
    return key

"""`kg stats`: what a store holds, counted by SPARQL inside Oxigraph."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.namespaces import KGO, SDO
from kg.query import run_query, shorten, term_parts
from kg.store import Store

# The entity classes of the output contract, and the kg subclasses the ontology gives them.
# Subclasses that the store itself declares (rdfs:subClassOf) are found by the query too.
ENTITY_ROOTS = (SDO.Person, SDO.Organization, SDO.Place, SDO.Product)
KNOWN_SUBCLASSES = ((KGO.Weapon, SDO.Product), (KGO.MilitaryOrganization, SDO.Organization))
_ROOT_IRIS = frozenset(map(str, ENTITY_ROOTS))

_COUNT = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {cls} }}"

# The closure of subclasses is computed in Python and passed as VALUES: Oxigraph may evaluate
# `?class rdfs:subClassOf* ?root` before binding ?root, and a zero-length path between two
# unbound variables matches every term in the store (40 s on 20 articles).
_SUBCLASSES = "SELECT DISTINCT ?sub ?super WHERE { ?sub rdfs:subClassOf ?super }"

_CLASSES = """
SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?class {{ {classes} }} ?e a ?class }}
GROUP BY ?class ORDER BY DESC(?n) ?class
"""

# Count mentions alone, keep the top N, then look up each one's classes and name: one query
# joining every entity's mentions, types and names took 170 s on 200 articles when the default
# graph was the union of the graphs with its repeats (kg.store now keeps it a set).
_TOP = """
SELECT ?e (COUNT(DISTINCT ?m) AS ?n) WHERE {{
  ?m itsrdf:taIdentRef ?e ; a nif:Phrase .
  FILTER EXISTS {{ VALUES ?class {{ {classes} }} ?e a ?class }}
}} GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT {limit}
"""
# Events are typed with their most specific class only, and found by their kgo:factuality.
_EVENTS = """
SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e kgo:factuality ?f ; a ?class }
GROUP BY ?class ORDER BY DESC(?n) ?class
"""
_CLASSES_OF = "SELECT DISTINCT ?class WHERE {{ VALUES ?class {{ {classes} }} {entity} a ?class }}"
_NAME_OF = "SELECT (MIN(?name) AS ?label) WHERE {{ {entity} schema:name ?name }}"


@dataclass(frozen=True)
class EntityCount:
    """One entity and how many mentions denote it."""

    iri: str
    name: str
    cls: str
    mentions: int


@dataclass(frozen=True)
class Stats:
    """Counts over a store; classes are full IRIs, shortened only when rendered.

    An entity typed with a class and with its superclass counts under both.
    """

    articles: int
    graphs: int
    triples: int
    time_expressions: int
    entities_by_class: dict[str, int]
    top_entities: tuple[EntityCount, ...]
    events_by_class: dict[str, int] = field(default_factory=dict)
    quotations: int = 0
    claims: int = 0


def stats(store: Store, top: int = 10) -> Stats:
    """Count articles, graphs, quads, entities by class, time expressions, top entities,
    events by class, quotations and claims."""
    entity_class = " ".join(f"<{iri}>" for iri in sorted(entity_classes(store)))
    classes = run_query(store, _CLASSES.format(classes=entity_class)).rows
    return Stats(
        articles=_count(store, f"<{SDO.NewsArticle}>"),
        graphs=len(store.graph_names()),
        triples=store.count(),
        time_expressions=_count(store, f"<{KGO.TimeExpression}>"),
        entities_by_class={_value(c): int(_value(n)) for c, n in classes},
        top_entities=_top_entities(store, entity_class, top),
        events_by_class={_value(c): int(_value(n)) for c, n in run_query(store, _EVENTS).rows},
        quotations=_count(store, f"<{SDO.Quotation}>"),
        claims=_count(store, f"<{SDO.Claim}>"),
    )


def entity_classes(store: Store) -> set[str]:
    """The IRIs of the entity classes: the roots and their subclasses, known or declared."""
    pairs = [(_value(sub), _value(sup)) for sub, sup in run_query(store, _SUBCLASSES).rows]
    pairs += [(str(sub), str(sup)) for sub, sup in KNOWN_SUBCLASSES]
    found, grown = set(_ROOT_IRIS), True
    while grown:
        before = len(found)
        found |= {sub for sub, sup in pairs if sup in found}
        grown = len(found) > before
    return found


def render_stats(result: Stats) -> str:
    """The counts as an aligned, readable table."""
    lines = [("articles", str(result.articles)), ("named graphs", str(result.graphs)),
             ("triples (quads)", str(result.triples)),
             ("time expressions", str(result.time_expressions))]
    lines += [(f"entities: {shorten(cls)}", str(n)) for cls, n in result.entities_by_class.items()]
    lines += [("quotations", str(result.quotations)), ("claims", str(result.claims))]
    lines += [(f"events: {shorten(cls)}", str(n)) for cls, n in result.events_by_class.items()]
    width = max(len(label) for label, _ in lines)
    text = [f"{label.ljust(width)}  {value:>8}" for label, value in lines]
    if result.top_entities:
        text += ["", f"top {len(result.top_entities)} entities by mentions:"]
        name_width = max(len(e.name) for e in result.top_entities)
        text += [f"  {e.mentions:>6}  {e.name.ljust(name_width)}  {shorten(e.cls)}"
                 for e in result.top_entities]
    return "\n".join(text) + "\n"


def _count(store: Store, cls: str) -> int:
    (row,) = run_query(store, _COUNT.format(cls=cls)).rows
    return int(_value(row[0]))


def _value(term: str | None) -> str:
    return "" if term is None else term_parts(term)[1]


def _top_entities(store: Store, entity_class: str, top: int) -> tuple[EntityCount, ...]:
    rows = run_query(store, _TOP.format(classes=entity_class, limit=top)).rows
    found = [_entity(store, entity_class, entity, count) for entity, count in rows]
    return tuple(sorted(found, key=lambda e: (-e.mentions, e.name, e.iri)))


def _entity(store: Store, entity_class: str, entity: str | None, count: str | None) -> EntityCount:
    classes = run_query(store, _CLASSES_OF.format(entity=entity, classes=entity_class)).rows
    ((label,),) = run_query(store, _NAME_OF.format(entity=entity)).rows
    # An entity typed both schema:Product and kgo:Weapon is shown by its most specific class.
    specific = sorted((_value(c) for (c,) in classes), key=lambda c: (c in _ROOT_IRIS, c))
    iri = _value(entity)
    return EntityCount(iri=iri, name=_value(label) or shorten(iri), cls=specific[0],
                       mentions=int(_value(count)))

"""The numbers a dataset description gives, counted by SPARQL inside Oxigraph.

Counts are over the dataset as the dump holds it: every quad of every named graph. An entity
described in several article graphs is one subject and one entity, but its repeated triples
are counted once per graph, as the N-Quads dump has one line for each.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kg.errors import StoreError
from kg.namespaces import SDO
from kg.rdf import PREFIX_IRIS
from kg.store import Store

# Subjects and objects are counted across all graphs; GRAPH ?g leaves the default graph out,
# and kg keeps nothing there, so the union default graph (which Oxigraph builds) is used.
_DISTINCT = "SELECT (COUNT(DISTINCT ?{var}) AS ?n) WHERE {{ ?s ?p ?o }}"
# Sorted in Python: ORDER BY here sorts every row before DISTINCT (40 s for a million).
_PROPERTIES = "SELECT DISTINCT ?p WHERE { ?s ?p ?o }"
_CLASSES = """SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class FILTER isIRI(?class) }
GROUP BY ?class ORDER BY ?class"""
# Dates come from the runs (prov:startedAtTime), never from the clock: the same store gives
# the same description. A store without runs falls back to the articles' dates.
_RUNS = """SELECT (MIN(?t) AS ?first) (MAX(?t) AS ?last) WHERE {
  ?run a prov:Activity ; prov:startedAtTime ?t }"""
_PUBLISHED = """SELECT (MIN(?t) AS ?first) (MAX(?t) AS ?last) WHERE {
  ?article a schema:NewsArticle ; schema:datePublished ?t }"""
# An article graph names itself as derived from the article it holds (kg/mapping/text.py).
ARTICLE_GRAPHS = """SELECT DISTINCT ?g WHERE {
  GRAPH ?g { ?g prov:wasDerivedFrom ?article . ?article a schema:NewsArticle } } ORDER BY ?g"""
_EXAMPLE = "SELECT (MIN(STR(?x)) AS ?first) WHERE {{ ?x a {cls} FILTER isIRI(?x) }}"
EXAMPLE_CLASSES = (SDO.NewsArticle, SDO.Person, SDO.Organization, SDO.Place, SDO.Quotation)


@dataclass(frozen=True)
class DatasetCounts:
    """What void.ttl says about the data; IRIs are strings, dates xsd:dateTime lexical forms."""

    triples: int
    subjects: int
    objects: int
    properties: int
    articles: int
    classes: tuple[tuple[str, int], ...]  # class IRI, distinct instances; sorted by IRI
    vocabularies: tuple[str, ...]  # namespaces of PREFIXES that some property or class is in
    examples: tuple[str, ...]  # the first IRI of each EXAMPLE_CLASSES, where there is one
    issued: str = ""
    modified: str = ""


def article_graphs(store: Store) -> list[str]:
    """The IRIs of the article graphs, sorted."""
    return [_term(row[0]) for row in _rows(store, ARTICLE_GRAPHS)]


def count(store: Store, articles: int) -> DatasetCounts:
    """Count what `store` holds; `articles` is the number of article graphs."""
    properties = sorted(_term(row[0]) for row in _rows(store, _PROPERTIES))
    classes = tuple((_term(c), int(_term(n))) for c, n in _rows(store, _CLASSES))
    used = properties + [cls for cls, _ in classes]
    issued, modified = _dates(store)
    return DatasetCounts(
        triples=store.count(), subjects=_number(store, "s"), objects=_number(store, "o"),
        properties=len(properties), articles=articles, classes=classes,
        vocabularies=tuple(sorted({ns for ns in PREFIX_IRIS.values()
                                   if any(iri.startswith(ns) for iri in used)})),
        examples=tuple(iri for cls in EXAMPLE_CLASSES
                       if (iri := _term(_rows(store, _EXAMPLE.format(cls=f"<{cls}>"))[0][0]))),
        issued=issued, modified=modified)


def _dates(store: Store) -> tuple[str, str]:
    for query in (_RUNS, _PUBLISHED):
        ((first, last),) = _rows(store, query)
        if first is not None and last is not None:
            return _datetime(first), _datetime(last)
    return "", ""


def _datetime(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    # An xsd:date article date becomes midnight of that day: DCAT dates are xsd:dateTime here.
    value = _term(term)
    return value if "T" in value else f"{value}T00:00:00Z"


def _number(store: Store, var: str) -> int:
    ((n,),) = _rows(store, _DISTINCT.format(var=var))
    return int(_term(n))


Row = tuple[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None, ...]


def _rows(store: Store, sparql: str) -> list[Row]:
    answer = store.query(sparql)
    if not isinstance(answer, ox.QuerySolutions):
        raise StoreError(f"expected solutions from {sparql!r}")  # a bug, not bad input
    try:
        names = [v.value for v in answer.variables]
        return [tuple(solution[name] for name in names) for solution in answer]
    except OSError as error:  # pyoxigraph evaluates lazily: store errors surface here
        raise StoreError(f"cannot count the store: {error}") from error


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Triple):
        raise StoreError(f"unexpected quoted triple {term} in a count")
    return term.value

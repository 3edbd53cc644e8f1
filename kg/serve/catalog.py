"""The site's lists: resources by type with counts, members of a type, and name search."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import pyoxigraph as ox

from kg.ontology import ONTOLOGY_GRAPH
from kg.serve.links import Link, Linker, labels_of
from kg.serve.queries import QueryRunner
from kg.serve.worker import Task

# The ontology's own classes and properties are not data: its graph is left out of the counts.
_COUNTS = f"""SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {{
  GRAPH ?g {{ ?x a ?class }} FILTER(?g != <{ONTOLOGY_GRAPH}>) }}
GROUP BY ?class ORDER BY DESC(?n) ?class"""
_MEMBERS = """SELECT DISTINCT ?class ?x WHERE { ?x a ?class
  OPTIONAL { ?x schema:name|schema:headline ?label } } ORDER BY LCASE(STR(?label)) ?x
LIMIT %d OFFSET %d"""
# ?q is bound through pyoxigraph's substitutions: the user's text never enters the query text.
_SEARCH = """SELECT DISTINCT ?q ?x ?name WHERE {
  ?x schema:name|schema:alternateName ?name .
  FILTER(CONTAINS(LCASE(STR(?name)), LCASE(?q))) } ORDER BY STRLEN(?name) ?name LIMIT 200"""
PAGE_SIZE = 100
SEARCH_MAX = 200  # characters of a search text


@dataclass(frozen=True)
class Count:
    """A type, how many resources have it, and the URL of their list."""

    type: Link
    count: int
    url: str


def type_counts(runner: QueryRunner, linker: Linker) -> list[Count]:
    """Every type in the data with its number of resources, most frequent first."""
    rows = runner.run(Task(_COUNTS, limit=5_000)).rows
    labels = labels_of(runner, [row["class"].value for row in rows])
    return [Count(linker.link(row["class"], labels), int(row["n"].value),
                  "/browse?" + urlencode({"type": row["class"].value})) for row in rows]


def members(runner: QueryRunner, linker: Linker, type_iri: str,
            offset: int) -> tuple[list[Link], bool]:
    """One page of the resources of a type, and whether there are more."""
    task = Task(_MEMBERS % (PAGE_SIZE + 1, offset), bindings={"class": ox.NamedNode(type_iri)},
                limit=PAGE_SIZE + 1)
    rows = runner.run(task).rows
    iris = [row["x"].value for row in rows if isinstance(row["x"], ox.NamedNode)]
    labels = labels_of(runner, iris)
    return [linker.link(row["x"], labels) for row in rows[:PAGE_SIZE]], len(rows) > PAGE_SIZE


def search(runner: QueryRunner, linker: Linker, text: str) -> list[tuple[Link, str]]:
    """Resources whose name or alternate name contains `text` (any case): (link, name)."""
    rows = runner.run(Task(_SEARCH, bindings={"q": ox.Literal(text)}, limit=200)).rows
    labels = labels_of(runner, [row["x"].value for row in rows])
    found: dict[str, tuple[Link, str]] = {}
    for row in rows:
        found.setdefault(row["x"].value, (linker.link(row["x"], labels), row["name"].value))
    return list(found.values())

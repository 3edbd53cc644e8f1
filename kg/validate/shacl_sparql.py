"""SPARQL for pySHACL's SHACL-SPARQL constraints, answered by Oxigraph.

pySHACL runs each SHACL-SPARQL constraint through rdflib's SPARQL engine, which takes 5 to 20 ms
a query on an article graph: two thirds of all validation time. Oxigraph, a conformant SPARQL
1.1 engine already used for the store, answers the same SELECT queries in well under a
millisecond. pySHACL still decides what to ask and what the answers mean; only the evaluation
moves. The golden examples of tests/shapes/ hold both engines to the same results.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from kg.errors import StoreError
from kg.rdf import to_ox_any, to_rdflib

_SELECT = re.compile(r"^\s*(?:(?:PREFIX|BASE)\s[^\n]*\n\s*)*SELECT\b", re.IGNORECASE)


class Row(dict[str, Node]):
    """One solution, in the shape pySHACL reads from rdflib's result rows."""

    def asdict(self) -> dict[str, Node]:
        return dict(self)


class Solutions:
    """The solutions of a SELECT, with the parts of rdflib's Result that pySHACL uses."""

    def __init__(self, rows: list[Row]) -> None:
        self.bindings = rows

    def __bool__(self) -> bool:
        return bool(self.bindings)

    def __len__(self) -> int:
        return len(self.bindings)

    def __iter__(self) -> Iterator[Row]:
        return iter(self.bindings)


def is_select(text: str) -> bool:
    """True for a SELECT query (the form of every SHACL-SPARQL constraint)."""
    return _SELECT.match(text) is not None


class OxigraphSelect:
    """Answers SELECT queries over one rdflib graph, copied into Oxigraph on first use."""

    def __init__(self, graph: Graph) -> None:
        self._graph = graph
        self._store: ox.Store | None = None
        self._unusable = False

    def __call__(self, text: str, bindings: Mapping[str, Node]) -> Solutions | None:
        """The solutions of `text` with pre-bound variables ($this ...) substituted, or None
        when Oxigraph cannot hold the graph (a malformed IRI): rdflib must answer then."""
        store = self._load()
        if store is None:
            return None
        used = {name: term for name, term in bindings.items()
                if re.search(rf"[?$]{re.escape(str(name))}\b", text)}
        answer = store.query(text, substitutions={ox.Variable(str(k)): to_ox_any(v)
                                                  for k, v in used.items()})
        assert isinstance(answer, ox.QuerySolutions)
        names = [variable.value for variable in answer.variables]
        return Solutions([Row({name: to_rdflib(solution[name]) for name in names
                               if solution[name] is not None}) for solution in answer])

    def _load(self) -> ox.Store | None:
        if self._store is None and not self._unusable:
            try:
                quads = [ox.Quad(to_ox_any(s), to_ox_any(p), to_ox_any(o))  # type: ignore[arg-type]
                         for s, p, o in self._graph]
            except StoreError:  # a malformed IRI, which the shapes are there to report
                self._unusable = True
                return None
            self._store = ox.Store()
            self._store.extend(quads)
        return self._store

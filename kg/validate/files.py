"""Validating RDF files graph by graph, streamed: one named graph in memory at a time."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import StoreError
from kg.rdf import read_quads, to_rdflib
from kg.validate.shapes import Report, Validator

DEFAULT_GRAPH = "(default graph)"


def check_files(paths: Iterable[Path], validator: Validator) -> Iterator[tuple[str, Report]]:
    """(graph name, report) for each named graph of each file, in file order."""
    for path in paths:
        yield from _check_file(path, validator)


def _check_file(path: Path, validator: Validator) -> Iterator[tuple[str, Report]]:
    for name, graph in _graphs(read_quads(path, StoreError)):
        yield f"{path}: {name}", validator.validate(graph)


def _graphs(quads: Iterable[ox.Quad]) -> Iterator[tuple[str, Graph]]:
    """Consecutive quads of one graph name as one rdflib graph (kg writes graphs as blocks)."""
    current: str | None = None
    graph = Graph()
    for quad in quads:
        named = quad.graph_name
        name = DEFAULT_GRAPH if isinstance(named, ox.DefaultGraph) else named.value
        if name != current and len(graph):
            yield str(current), graph
            graph = Graph()
        current = name
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    if len(graph):
        yield str(current), graph

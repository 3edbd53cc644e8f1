"""Validating RDF files graph by graph, streamed: one named graph in memory at a time."""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import StoreError
from kg.shacl_sparql import to_rdflib
from kg.store import rdf_format
from kg.validate import Report, Validator

DEFAULT_GRAPH = "(default graph)"


def check_files(paths: Iterable[Path], validator: Validator) -> Iterator[tuple[str, Report]]:
    """(graph name, report) for each named graph of each file, in file order."""
    for path in paths:
        yield from _check_file(path, validator)


def _check_file(path: Path, validator: Validator) -> Iterator[tuple[str, Report]]:
    fmt, gzipped = rdf_format(path)
    try:
        quads = ox.parse(path=str(path), format=fmt) if not gzipped else _gz_quads(path, fmt)
        for name, graph in _graphs(quads):
            yield f"{path}: {name}", validator.validate(graph)
    except (OSError, SyntaxError, ValueError) as error:
        raise StoreError(f"cannot read {path}: {error}") from error


def _gz_quads(path: Path, fmt: ox.RdfFormat) -> Iterator[ox.Quad]:
    with gzip.open(path, "rb") as handle:
        yield from ox.parse(cast(IO[bytes], handle), format=fmt)


def _graphs(quads: Iterable[ox.Quad]) -> Iterator[tuple[str, Graph]]:
    """Consecutive quads of one graph name as one rdflib graph (kg writes graphs as blocks)."""
    current: str | None = None
    graph = Graph()
    for quad in quads:
        name = DEFAULT_GRAPH if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        if name != current and len(graph):
            yield str(current), graph
            graph = Graph()
        current = name
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    if len(graph):
        yield str(current), graph

"""Where the graphs of a push come from: the embedded store, or N-Quads / TriG files read as
a stream, one named graph at a time (a corpus is never held in memory)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from kg.errors import InputError, StoreError
from kg.publish.quad_inputs import check_quad_file, read_quads
from kg.store import Store

Graph = tuple[str, list[ox.Triple]]  # a named graph's IRI and its triples


@dataclass(frozen=True)
class GraphSource:
    """The store directory, or else the quad files, to push from."""

    store: Path | None = None
    files: Sequence[Path] = ()

    def __post_init__(self) -> None:
        if (self.store is None) == (not self.files):
            raise InputError("push from a store or from files, not both or neither")
        if self.store is not None and not self.store.is_dir():
            # Opening a store that is not there would create an empty one, and push nothing.
            raise StoreError(f"no store at {self.store}", settings=("store", "data"),
                             hint="set the store setting to a built store, or give data files")
        for path in self.files:
            check_quad_file(path)

    def describe(self) -> str:
        """The source, for messages."""
        return f"store {self.store}" if self.store else ", ".join(map(str, self.files))

    def graphs(self) -> Iterator[Graph]:
        """Each named graph with its triples, one at a time."""
        if self.store is not None:
            yield from _store_graphs(self.store)
        for path in self.files:
            yield from _file_graphs(path)

    def count(self) -> int | None:
        """How many graphs there are, when that is cheap to know (a store)."""
        if self.store is None:
            return None
        with Store(self.store) as store:
            return len(store.graph_names())


def _store_graphs(path: Path) -> Iterator[Graph]:
    with Store(path) as store:
        for name in sorted(store.graph_names()):
            result = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {ox.NamedNode(name)} "
                                 "{ ?s ?p ?o } }")
            yield name, list(cast(ox.QueryTriples, result))


def _file_graphs(path: Path) -> Iterator[Graph]:
    """Consecutive quads of one graph make one graph; a graph seen twice is an error, since
    pushing its second part would replace the first."""
    seen: set[str] = set()
    current: str | None = None
    triples: list[ox.Triple] = []
    for quad in read_quads(path):
        if not isinstance(quad.graph_name, ox.NamedNode):
            raise InputError(f"{path} has a triple in the default graph: {quad.triple}",
                             hint="push pushes named graphs; put the triples in one")
        name = quad.graph_name.value
        if name != current:
            if current is not None:
                yield current, triples
            if name in seen:
                raise InputError(f"graph <{name}> comes back later in {path}; its triples "
                                 "must be together", hint="write the file with kg's build")
            seen.add(name)
            current, triples = name, []
        triples.append(quad.triple)
    if current is not None:
        yield current, triples

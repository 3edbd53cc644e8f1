"""`kg load`: N-Quads and TriG files (kg spark's shards, kg build's files) into the store, by
Oxigraph's bulk loader, each named graph replacing the stored graph of that name.

Every file is read once before anything is written: that finds a file that does not parse (it
is rejected, whole, with the parser's line and reason; the others still load) and collects which
graphs each file holds, with the content digest and run they state. A stored graph that states
the same digest and run is up to date and left alone (bulk-loading its quads again adds nothing);
any other graph of the files is removed first, then the files are bulk-loaded and the graphs
replaced are merged into the store's default graph (see kg.store). The bulk loader
is not transactional: readers of a store being loaded may see a graph half-written, so load a
store no server is reading, or push to a live endpoint with `kg push`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from kg.errors import InputError
from kg.ids import Ids
from kg.namespaces import KGO, PROV
from kg.ontology import store_ontology
from kg.publish.quad_inputs import check_quad_file, read_quads
from kg.store import Store

log = logging.getLogger("kg.load")

_DIGEST = KGO.contentSha256.toPython()
_RUN = PROV.wasGeneratedBy.toPython()


@dataclass
class FileScan:
    """What one file holds: each graph's name, and the digest and run it states (if any)."""

    path: Path
    sources: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    quads: int = 0


@dataclass
class LoadSummary:
    """What a load did, and which files it could not read."""

    files: int = 0
    quads: int = 0
    replaced: int = 0  # graphs removed first: new or changed
    unchanged: int = 0  # graphs already stored with the same digest and run
    removed: int = 0  # graphs pruned: not in the files
    rejected: list[tuple[str, str]] = field(default_factory=list)  # file, reason

    @property
    def ok(self) -> bool:
        """True when every file was loaded."""
        return not self.rejected


def load(store: Store, paths: Sequence[Path], base_iri: str, prune: bool = False) -> LoadSummary:
    """Bulk-load `paths` into `store`; graphs of the files replace those of the same name."""
    summary = LoadSummary()
    scans = []
    for path in paths:
        try:
            scans.append(scan(path))
        except InputError as error:
            summary.rejected.append((str(path), error.message))
            log.warning("rejected %s: %s", path, error.message)
    names = {name: source for found in scans for name, source in found.sources.items()}
    replaced = []
    for name, source in sorted(names.items()):
        if source[0] is not None and store.built_from(URIRef(name)) == source:
            summary.unchanged += 1
        else:
            store.remove_graph(URIRef(name))
            replaced.append(name)
    summary.replaced = len(replaced)
    for found in scans:
        store.load_file(found.path)
        summary.files, summary.quads = summary.files + 1, summary.quads + found.quads
    store.merge_graphs(replaced)  # the bulk loader writes the named graphs only
    if prune:
        summary.removed = _prune(store, set(names), Ids(base_iri).graph_prefix, summary)
    store_ontology(store)
    store.flush()
    return summary


def scan(path: Path) -> FileScan:
    """Read one quad file through: its graphs and their stated sources, or InputError."""
    check_quad_file(path)
    found = FileScan(path)
    digests: dict[str, str] = {}
    runs: dict[str, str] = {}
    for quad in read_quads(path):
        found.quads += 1
        if not isinstance(quad.graph_name, ox.NamedNode):
            raise InputError(f"{path} has a triple in the default graph: {quad.triple}",
                             hint="kg stores named graphs only")
        name = quad.graph_name.value
        found.sources.setdefault(name, (None, None))
        if quad.subject == quad.graph_name and isinstance(quad.object, ox.Literal | ox.NamedNode):
            if quad.predicate.value == _DIGEST:
                digests[name] = quad.object.value
            elif quad.predicate.value == _RUN:
                runs[name] = quad.object.value
    for name in found.sources:
        if name in digests and name in runs:
            found.sources[name] = (digests[name], runs[name])
    return found


def _prune(store: Store, loaded: set[str], prefix: str, summary: LoadSummary) -> int:
    if summary.rejected:
        log.warning("not pruning: %d file(s) could not be read, and the graphs in them cannot "
                    "be told from removed ones", len(summary.rejected))
        return 0
    return len(store.remove_graphs_except(prefix, loaded))

"""The embedded Oxigraph store: one named graph per article, each replaced atomically.

The default graph is the RDF merge of the named graphs, kept up to date by every write: a set,
so a triple that many articles state (an entity's name and types) is one triple there, while
`GRAPH ?g` still finds it in each. Queries read it as their default graph. (Oxigraph 0.5's
union default graph would repeat such a triple once per graph and multiply every join:
oxigraph/oxigraph#1919.) Dumps and pushes carry the named graphs only: the merge is derived.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from pathlib import Path
from typing import Self

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.errors import QueryError, StoreError
from kg.namespaces import KGO, PROV
from kg.rdf import PREFIX_IRIS, open_rdf, rdf_format, to_iri, to_ox

OxResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

# replace_graphs writes this many triples per transaction: bounds the memory a batch takes.
_BATCH_TRIPLES = 50_000
_CONTENT_SHA256 = ox.NamedNode(KGO.contentSha256)
_GENERATED_BY = ox.NamedNode(PROV.wasGeneratedBy)
_DEFAULT = ox.DefaultGraph()
_END = " .\n"  # the end of an N-Triples line


class Store:
    """An Oxigraph store in a directory (or in memory when `path` is None)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._where = f"store at {path}" if path else "in-memory store"
        self._ox: ox.Store | None = None
        try:
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            self._ox = ox.Store(str(path) if path else None)
        except OSError as error:
            if "lock" in str(error).lower():
                raise StoreError(f"store at {path} is in use by another process; "
                                 "stop it (a server, another build) or use another store",
                                 hint="only one process may open a store directory; set the "
                                 "store setting to another one", settings=("store",)) from error
            raise StoreError(f"cannot open {self._where}: {error}") from error
        if path is not None and not has_merged_default(self._ox):
            self.merge_graphs()  # a store written before the merge existed: made once

    @contextmanager
    def _io(self, action: str) -> Iterator[ox.Store]:
        if self._ox is None:
            raise StoreError(f"cannot {action}: the {self._where} is closed")
        try:
            yield self._ox
        except OSError as error:
            raise StoreError(f"cannot {action} in the {self._where}: {error}") from error

    def replace_graph(self, name: URIRef, graph: Graph) -> None:
        """Replace the named graph `name` by `graph`, in one transaction."""
        self.replace_graphs([(name, graph)])

    def replace_graphs(self, items: Iterable[tuple[URIRef, Graph]]) -> int:
        """Replace each named graph, many per transaction; returns the number written."""
        batch: dict[URIRef, Graph] = {}
        size = written = 0
        for name, graph in items:
            batch[name] = graph  # a name repeated within a batch: the last graph wins
            size, written = size + len(graph), written + 1
            if size >= _BATCH_TRIPLES:
                self._write(batch)
                batch, size = {}, 0
        if batch:
            self._write(batch)
        return written

    def _write(self, batch: dict[URIRef, Graph]) -> None:
        with self._io("write graphs") as store:
            nodes = {name: to_iri(name) for name in batch}
            old = {name for name, node in nodes.items() if store.contains_named_graph(node)}
            # New graphs go in with `extend`: one transaction, and faster than an update.
            triples = [(ox.Triple(to_iri(s), to_iri(p), to_ox(o)), nodes[name])
                       for name, graph in batch.items() if name not in old for s, p, o in graph]
            store.extend([ox.Quad(t.subject, t.predicate, t.object, graph_name)
                          for t, graph_name in triples] +
                         [ox.Quad(t.subject, t.predicate, t.object) for t, _ in triples])
            update = "".join(_diff(store, nodes[name], batch[name]) for name in old)
            if update:
                # One update request is one transaction: readers see each article either
                # as it was or as it is now, never half.
                try:
                    store.update(update.removesuffix(";\n"))
                except SyntaxError as error:  # to_ox emits valid terms: a bug if it happens
                    raise StoreError(f"cannot write graphs to the {self._where}: "
                                     f"{error}") from error

    def remove_graph(self, name: URIRef) -> None:
        """Remove the named graph `name` (nothing happens if it is absent)."""
        node = to_iri(name)
        with self._io(f"remove graph <{name}>") as store:
            if store.contains_named_graph(node):
                store.update(_dropped(node))

    def remove_graphs_except(self, prefix: str, keep: AbstractSet[str]) -> list[str]:
        """Remove every graph whose name starts with `prefix` and is not in `keep` (pruning
        the articles gone from an input); the names removed, sorted."""
        gone = sorted(n for n in self.graph_names() if n.startswith(prefix) and n not in keep)
        for name in gone:
            self.remove_graph(URIRef(name))
        return gone

    def built_from(self, name: URIRef) -> tuple[str, str] | None:
        """The content digest and run IRI an article graph states about itself, if stored."""
        node = to_iri(name)
        with self._io(f"read graph <{name}>") as store:
            found = [next(store.quads_for_pattern(node, predicate, None, node), None)
                     for predicate in (_CONTENT_SHA256, _GENERATED_BY)]
        digest, run = (quad.object if quad else None for quad in found)
        if not isinstance(digest, ox.Literal) or not isinstance(run, ox.NamedNode):
            return None
        return digest.value, run.value

    def graph_names(self) -> set[str]:
        """The IRIs of the named graphs in the store."""
        with self._io("list graphs") as store:
            return {node.value for node in store.named_graphs()}

    def query(self, sparql: str) -> OxResult:
        """Run a SPARQL query with PREFIXES pre-declared; pyoxigraph's (lazy) results. The
        default graph is the merge of the named graphs."""
        with self._io("query") as store:
            try:
                # pyoxigraph's `prefixes` are defaults that the query's own PREFIX lines
                # override, and error positions still match the user's text.
                return store.query(sparql, prefixes=PREFIX_IRIS)
            except SyntaxError as error:
                raise QueryError(f"malformed SPARQL query: {error}",
                                 hint="check the query near the position given; prefixes "
                                 f"{', '.join(PREFIX_IRIS)} are pre-declared") from error

    def load_file(self, path: Path) -> None:
        """Bulk-load an RDF file (.nq, .trig, .ttl, .nt, .jsonld, optionally .gz); its named
        graphs join the default graph at `merge_graphs`."""
        fmt, _ = rdf_format(path)
        try:
            handle = open_rdf(path)
        except OSError as error:
            raise StoreError(f"cannot read {path}: {error}") from error
        with self._io(f"load {path}") as store, handle:
            try:
                store.bulk_load(handle, fmt)
            except (SyntaxError, ValueError) as error:
                raise StoreError(f"cannot load {path}: {error}") from error
            except EOFError as error:  # gzip's word for a file cut short
                raise StoreError(f"cannot load {path}: the compressed file ends too early "
                                 f"({error})") from error

    def merge_graphs(self, names: Iterable[str] | None = None) -> None:
        """Add the named graphs `names` (all when None) to the default graph, after a bulk
        load, which writes named graphs only."""
        with self._io("merge graphs into the default graph") as store:
            if names is None:  # one update, in Oxigraph
                store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
                return
            for name in names:
                # Copied by Oxigraph, graph by graph: 1.7 times as fast as through Python
                # terms; a VALUES list of graphs in one update is far slower still.
                store.update(f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH {ox.NamedNode(name)} "
                             "{ ?s ?p ?o } }")

    def replace_graph_from_file(self, name: URIRef, path: Path) -> None:
        """Replace the named graph `name` by the content of an RDF file (blank nodes allowed:
        for vocabularies such as the ontology, not for article graphs)."""
        fmt, _ = rdf_format(path)
        self.remove_graph(name)
        node = to_iri(name)
        with self._io(f"load {path}") as store:
            try:
                store.load(path=str(path), format=fmt, to_graph=node)
            except (SyntaxError, ValueError) as error:
                raise StoreError(f"cannot load {path}: {error}") from error
        self.merge_graphs([node.value])

    def dump_nquads(self, path: Path) -> None:
        """Write every quad to `path` as N-Quads, in index order (the default graph, then graph
        by graph), by Oxigraph's own serialiser (Rust; it releases the GIL, so a reader thread
        can follow the file)."""
        with self._io(f"dump to {path}") as store:
            store.dump(str(path), ox.RdfFormat.N_QUADS)

    def count(self) -> int:
        """The number of quads in the named graphs (the default graph is derived from them)."""
        with self._io("count quads") as store:
            answer = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
            assert isinstance(answer, ox.QuerySolutions)
            merged = next(answer)["n"]
            return len(store) - int(merged.value if merged else 0)

    def flush(self) -> None:
        """Make sure every write is on disk."""
        with self._io("flush") as store:
            store.flush()

    def close(self) -> None:
        """Flush and release the store (and its directory lock)."""
        if self._ox is not None and self.path is not None:
            self.flush()
        self._ox = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _diff(store: ox.Store, node: ox.NamedNode, graph: Graph) -> str:
    """The SPARQL update that turns the stored graph `node` into `graph`.

    A re-built article mostly equals what is stored, and on disk a delete costs as much as an
    insert: writing only the difference re-builds about twice as fast as drop and re-insert.
    Oxigraph normalises some literals ("7"^^xsd:nonNegativeInteger is stored as
    "7"^^xsd:integer), so those show up as changed and are rewritten: harmless, just not free.
    """
    if not graph:
        return _dropped(node)
    new = {f"{to_ox(s)} {to_ox(p)} {to_ox(o)} .\n" for s, p, o in graph}
    old = {f"{q.subject} {q.predicate} {q.object} .\n"
           for q in store.quads_for_pattern(None, None, None, node)}
    added, removed = new - old, old - new
    parts = [f"{verb} DATA {{ GRAPH {node} {{\n{''.join(lines)}}} }} ;\n"
             for verb, lines in (("DELETE", removed), ("INSERT", added)) if lines]
    if added:
        parts.append(f"INSERT DATA {{\n{''.join(added)}}} ;\n")
    if removed:
        # After the graph's own delete: a triple no graph states any more leaves the merge.
        rows = "".join(f"({line[:-len(_END)]})\n" for line in removed)
        parts.append(f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES (?s ?p ?o) {{\n{rows}}} "
                     "FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } } ;\n")
    return "".join(parts)


def _dropped(node: ox.NamedNode) -> str:
    """The update that drops graph `node` and, from the merge, the triples only it states."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {node} {{ ?s ?p ?o }} FILTER NOT EXISTS "
            f"{{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != {node}) }} }} ;\n"
            f"DROP SILENT GRAPH {node} ;\n")


def has_merged_default(store: ox.Store) -> bool:
    """False for a store with named graphs and an empty default graph: written by a kg from
    before the merge (or bulk-loaded without it)."""
    if next(store.quads_for_pattern(None, None, None, _DEFAULT), None) is not None:
        return True
    return next(iter(store.named_graphs()), None) is None

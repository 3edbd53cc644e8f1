"""`kg dump`: the store as Linked Data files to download, described in VoID and DCAT.

The dump directory (served as is by `kg serve`):

    dataset.nq.gz      every quad of every named graph, N-Quads, gzip
    dataset.trig.gz    the same, TriG, gzip
    dataset.jsonld.gz  the same, compact JSON-LD using context.jsonld, gzip
    context.jsonld     the JSON-LD context: kg's prefixes
    articles/KEY.ttl   one Turtle file per article graph (KEY: the graph IRI's last segment)
    void.ttl           VoID and DCAT: counts, licence, dates, files with sizes and SHA-256
    SHA256SUMS         every file above, for `sha256sum -c SHA256SUMS`

The store is read once, as N-Quads by pyoxigraph's own serialiser; that stream is parsed
back graph by graph (the index keeps each graph together) to write the N-Quads, the TriG, the
JSON-LD (kg.publish.context) and the article files, so memory holds one graph at a time. The
default graph, the merge of the named graphs (kg.store), is derived and not dumped: a store
that loads the dump makes its own (or queries the union of the graphs, with duplicates).
Each file is written under a temporary name and renamed when complete; the same store gives the
same bytes.
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from contextlib import ExitStack
from dataclasses import dataclass, replace
from itertools import groupby
from operator import attrgetter
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from kg.errors import StoreError
from kg.ids import article_key, digest
from kg.publish.context import CONTEXT_FILE, JsonLdWriter, context_bytes
from kg.publish.counts import DatasetCounts, article_graphs, count
from kg.publish.describe import VOID_FILE, Dump, DumpFile, void_turtle
from kg.publish.dump_stream import stored_quads
from kg.publish.files import atomic_output, prefix_lines, serialize, trig_block, turtle
from kg.settings import Settings
from kg.store import Store

ARTICLES_DIR = "articles"
CHECKSUMS_FILE = "SHA256SUMS"
NQUADS = DumpFile("dataset.nq.gz", "application/n-quads", "All named graphs as N-Quads, gzip",
                  "N-Quads", gzip=True)
TRIG = DumpFile("dataset.trig.gz", "application/trig", "All named graphs as TriG, gzip",
                "TriG", gzip=True)
JSONLD = DumpFile("dataset.jsonld.gz", "application/ld+json",
                  "All named graphs as JSON-LD (context: context.jsonld), gzip", "JSON-LD",
                  gzip=True)
CONTEXT = DumpFile(CONTEXT_FILE, "application/ld+json", "The JSON-LD context of the dataset")
ARTICLES = DumpFile(f"{ARTICLES_DIR}/", "text/turtle",
                    "One Turtle file per article graph (SHA-256 of each in SHA256SUMS)", "Turtle")
_SAFE_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,150}")


@dataclass(frozen=True)
class DumpResult:
    """What a dump wrote (or, with dry_run, would write) and the counts void.ttl gives."""

    out_dir: Path
    counts: DatasetCounts
    files: tuple[DumpFile, ...]  # the corpus-wide files, the context, articles/, void.ttl
    dry_run: bool = False


def dump(store: Store, out_dir: Path, settings: Settings, *, dry_run: bool = False) -> DumpResult:
    """Write the store's graphs to `out_dir` as N-Quads, TriG, JSON-LD, per-article Turtle and
    void.ttl; with `dry_run`, count and plan only."""
    graphs = article_graphs(store)
    counts = count(store, len(graphs))
    planned = (NQUADS, TRIG, JSONLD, CONTEXT, ARTICLES, DumpFile(VOID_FILE, "text/turtle", "VoID"))
    if dry_run:
        return DumpResult(out_dir, counts, planned, dry_run=True)
    _prepare(out_dir)
    context_ref = f"{settings.dump_url}{CONTEXT_FILE}" if settings.dump_url else CONTEXT_FILE
    articles = Articles(out_dir / ARTICLES_DIR, graphs)
    _write_dataset(store, out_dir, context_ref, articles)
    files = [_summed(out_dir, item) for item in (NQUADS, TRIG, JSONLD)]
    with atomic_output(out_dir / CONTEXT_FILE) as stream:
        stream.write(context_bytes())
    files.append(_summed(out_dir, CONTEXT))
    directory = replace(ARTICLES, size=sum(size for _, size, _ in articles.written))
    description = void_turtle(Dump(counts, tuple(files[:3]), files[3], directory), settings)
    with atomic_output(out_dir / VOID_FILE) as stream:
        stream.write(description)
    files += [directory, _summed(out_dir, planned[-1])]
    _write_checksums(out_dir, files, articles.written)
    return DumpResult(out_dir, counts, tuple(files))


def _prepare(out_dir: Path) -> None:
    """The dump directory, created if need be; a clear error if it cannot be written."""
    try:
        (out_dir / ARTICLES_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"cannot create the dump directory {out_dir}: {error.strerror}",
                         hint="give a directory you may write to") from error


def _write_dataset(store: Store, out_dir: Path, context_ref: str, articles: Articles) -> None:
    """One pass over the store writes the N-Quads, TriG, JSON-LD and article files."""
    with ExitStack() as stack:
        nquads, trig, jsonld = (stack.enter_context(atomic_output(out_dir / item.name))
                                for item in (NQUADS, TRIG, JSONLD))
        trig.write(prefix_lines().encode())
        to_jsonld = JsonLdWriter(jsonld, context_ref)
        done: set[str] = set()
        quads_in_order = stack.enter_context(stored_quads(store, out_dir))
        for graph, members in groupby(quads_in_order, key=attrgetter("graph_name")):
            if isinstance(graph, ox.DefaultGraph):
                deque(members, maxlen=0)  # the merge of the graphs below: derived, not dumped
                continue
            if str(graph) in done:  # Oxigraph's index keeps each graph together
                raise StoreError(f"the store yielded graph {graph} in two parts; cannot dump it")
            done.add(str(graph))
            quads = list(members)  # one graph: article-sized
            nquads.write(serialize(quads, ox.RdfFormat.N_QUADS).encode())
            block = trig_block(quads)
            trig.write(block.encode())
            to_jsonld.write(graph, quads)
            articles.write(graph, quads, block)
        to_jsonld.close()
    articles.remove_stale()


class Articles:
    """Writes articles/KEY.ttl for each article graph; KEY from kg.ids.article_key."""

    def __init__(self, folder: Path, graphs: list[str]) -> None:
        self.folder = folder
        self.keys: dict[str, str] = {}
        for graph in graphs:  # sorted: the same store gives the same keys
            key = article_key(URIRef(graph))
            # An unsafe or repeated key (graph IRIs of two bases) becomes the IRI's digest.
            unsafe = not _SAFE_KEY.fullmatch(key) or key in self.keys.values()
            self.keys[graph] = digest(graph) if unsafe else key
        self.written: list[tuple[str, int, str]] = []  # name, size, SHA-256

    def write(self, graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph,
              quads: list[ox.Quad], trig: str) -> None:
        """Write the graph's Turtle file if it is an article graph (`trig`: its TriG block)."""
        key = self.keys.get(graph.value) if isinstance(graph, ox.NamedNode) else None
        if key is None:
            return
        # Triples in the index's order, subject by subject: the same for the same store.
        body = _graph_body(trig)
        text = prefix_lines() + body if body is not None else turtle([q.triple for q in quads])
        data = text.encode()
        with atomic_output(self.folder / f"{key}.ttl") as stream:
            stream.write(data)
        self.written.append((f"{ARTICLES_DIR}/{key}.ttl", len(data),
                             hashlib.sha256(data).hexdigest()))

    def remove_stale(self) -> None:
        """Remove the files of graphs no longer in the store."""
        current = {f"{key}.ttl" for key in self.keys.values()}
        for path in sorted(self.folder.glob("*.ttl")):
            if path.name not in current:
                path.unlink()


def _summed(out_dir: Path, item: DumpFile) -> DumpFile:
    """`item` with the size and SHA-256 of its file, read back from disk."""
    path = out_dir / item.name
    with path.open("rb") as handle:
        sha256 = hashlib.file_digest(handle, "sha256").hexdigest()
    return replace(item, size=path.stat().st_size, sha256=sha256)


def _graph_body(block: str) -> str | None:
    """The Turtle inside a TriG block as pyoxigraph writes it (`<g> {`, tab-indented lines
    with line breaks in literals escaped, `}`): each line one tab less. A third of the cost
    of serialising the graph again; None if the block has another shape."""
    lines = block.splitlines(keepends=True)
    inner = lines[1:-1]
    if (len(lines) < 2 or not lines[0].endswith(" {\n") or lines[-1] != "}\n"
            or not all(line.startswith("\t") for line in inner)):
        return None
    return "".join(line[1:] for line in inner)


def _write_checksums(out_dir: Path, files: list[DumpFile],
                     articles: list[tuple[str, int, str]]) -> None:
    lines = [(item.name, item.sha256) for item in files if item.sha256]
    lines += [(name, sha256) for name, _, sha256 in articles]
    text = "".join(f"{sha256}  {name}\n" for name, sha256 in sorted(lines))
    with atomic_output(out_dir / CHECKSUMS_FILE) as stream:
        stream.write(text.encode())

"""`kg dump`: the store as Linked Data files to download, described in VoID and DCAT.

The dump directory (served as is by `kg serve`):

    dataset.nq.gz      every quad of every named graph, N-Quads, gzip
    dataset.trig.gz    the same, TriG, gzip
    dataset.jsonld.gz  the same, compact JSON-LD using context.jsonld, gzip
    context.jsonld     the JSON-LD context: kg's prefixes
    articles/KEY.ttl   one Turtle file per article graph (KEY: the graph IRI's last segment)
    void.ttl           VoID and DCAT: counts, licence, dates, files with sizes and SHA-256
    SHA256SUMS         every file above, for `sha256sum -c SHA256SUMS`

The corpus-wide files are streamed by pyoxigraph from the store's index (JSON-LD by
kg.publish.context); per-article files are one graph at a time. Each file is written under a
temporary name and renamed when complete, and the same store gives byte-identical files.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import URIRef

from kg.errors import StoreError
from kg.ids import digest
from kg.pipeline import article_key
from kg.publish.context import CONTEXT_FILE, context_bytes, write_jsonld
from kg.publish.counts import DatasetCounts, article_graphs, count
from kg.publish.describe import VOID_FILE, Dump, DumpFile, void_turtle
from kg.publish.files import atomic_output, turtle
from kg.settings import Settings
from kg.store import PREFIX_IRIS, Store

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
    with _oxigraph(store, "dump the store") as raw:
        files = [_write(out_dir, NQUADS, lambda out: raw.dump(out, ox.RdfFormat.N_QUADS)),
                 _write(out_dir, TRIG, lambda out: raw.dump(out, ox.RdfFormat.TRIG,
                                                            prefixes=PREFIX_IRIS)),
                 _write(out_dir, JSONLD, lambda out: write_jsonld(
                     raw.quads_for_pattern(None, None, None, None), out, context_ref)),
                 _write(out_dir, CONTEXT, lambda out: out.write(context_bytes()))]
        article_sums = _write_articles(raw, graphs, out_dir / ARTICLES_DIR)
    articles = replace(ARTICLES, size=sum(size for _, size, _ in article_sums))
    description = void_turtle(Dump(counts, tuple(files[:3]), files[3], articles), settings)
    files += [articles, _write(out_dir, planned[-1], lambda out: out.write(description))]
    _write_checksums(out_dir, files, article_sums)
    return DumpResult(out_dir, counts, tuple(files))


def _prepare(out_dir: Path) -> None:
    """The dump directory, created if need be; a clear error if it cannot be written."""
    try:
        (out_dir / ARTICLES_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"cannot create the dump directory {out_dir}: {error.strerror}",
                         hint="give a directory you may write to (kg dump OUT_DIR)") from error


@contextmanager
def _oxigraph(store: Store, action: str) -> Iterator[ox.Store]:
    # kg.store.Store offers no streaming read of its quads; its _io gives the pyoxigraph store
    # and turns OSError into a StoreError naming the store.
    with store._io(action) as raw:
        yield raw


def _write(out_dir: Path, item: DumpFile, write: Callable[[IO[bytes]], object]) -> DumpFile:
    """Write one file atomically; its size and SHA-256 are read back from disk."""
    path = out_dir / item.name
    with atomic_output(path) as stream:
        write(stream)
    with path.open("rb") as handle:
        sha256 = hashlib.file_digest(handle, "sha256").hexdigest()
    return replace(item, size=path.stat().st_size, sha256=sha256)


def _write_articles(raw: ox.Store, graphs: list[str],
                    folder: Path) -> list[tuple[str, int, str]]:
    """One Turtle file per article graph; files of graphs no longer in the store are removed.
    Returns (name, size, SHA-256) of each file."""
    written: list[tuple[str, int, str]] = []
    keys: set[str] = set()
    for graph in graphs:
        key = _key(graph, keys)
        triples = [ox.Triple(q.subject, q.predicate, q.object)
                   for q in raw.quads_for_pattern(None, None, None, ox.NamedNode(graph))]
        data = turtle(sorted(triples, key=str)).encode()
        with atomic_output(folder / f"{key}.ttl") as stream:
            stream.write(data)
        written.append((f"{ARTICLES_DIR}/{key}.ttl", len(data), hashlib.sha256(data).hexdigest()))
    for stale in sorted(set(folder.glob("*.ttl")) - {folder / f"{k}.ttl" for k in keys}):
        stale.unlink()
    return written


def _key(graph: str, taken: set[str]) -> str:
    """article_key of the graph, or its digest if that key is not a safe, unused file name."""
    key = article_key(URIRef(graph))
    if not _SAFE_KEY.fullmatch(key) or key in taken:
        key = digest(graph)
    taken.add(key)
    return key


def _write_checksums(out_dir: Path, files: list[DumpFile],
                     articles: list[tuple[str, int, str]]) -> None:
    lines = [(item.name, item.sha256) for item in files if item.sha256]
    lines += [(name, sha256) for name, _, sha256 in articles]
    text = "".join(f"{sha256}  {name}\n" for name, sha256 in sorted(lines))
    with atomic_output(out_dir / CHECKSUMS_FILE) as stream:
        stream.write(text.encode())

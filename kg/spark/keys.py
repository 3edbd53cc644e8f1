"""Stage 2: everything known about one article graph, brought to one partition, in order.

Three kinds of entry are keyed by (graph IRI, kind, order): the previous generation's manifest
line, each article read that names the graph (in input order: the first is built, as in kg build),
and the previous generation's quads of the graph. One shuffle (`repartitionAndSortWithinPartitions`)
puts all entries of a graph together, sorted, in the partition its IRI hashes to; a partition
is then read one graph at a time, so memory holds one article's entries, never a corpus.
The hash is SHA-256 of the IRI, not Python's `hash`, so the shards are the same on every run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.ids import Ids, digest
from kg.model import Article, Rejected
from kg.publish import shard_layout as layout
from kg.spark.inputs import Order, Record

if TYPE_CHECKING:
    from pyspark import RDD, SparkContext

MANIFEST, ARTICLE, QUAD = 0, 1, 2  # the order a graph's entries arrive in
NO_ORDER: Order = (0, 0, 0)
Key = tuple[str, int, Order]
Entry = tuple[Key, Any]  # value: (sha256, run IRI), an Article, or an N-Quads line


def shard_of(key: Key) -> int:
    """The partition of a graph: from a stable hash of its IRI (Spark takes it modulo N)."""
    return int(digest(key[0], 12), 16)


def article_entries(records: RDD[Record], base_iri: str) -> RDD[Entry]:
    """The articles among `records`, keyed by the named graph their IRI mints."""
    ids = Ids(base_iri)
    articles = records.filter(lambda record: isinstance(record[1], Article))
    return articles.map(lambda record: _article_entry(ids, record))


def _article_entry(ids: Ids, record: Record) -> Entry:
    order, article = record
    assert isinstance(article, Article)
    return (str(ids.graph(article)), ARTICLE, order), article


def previous_entries(sc: SparkContext, generation: Path) -> list[RDD[Entry]]:
    """The manifest lines and quads of the previous generation, keyed by graph."""
    entries = []
    manifests = sorted((generation / layout.MANIFEST).glob(f"part-*{layout.MANIFEST_SUFFIX}"))
    if manifests:
        lines = sc.textFile(",".join(path.resolve().as_uri() for path in manifests))
        entries.append(lines.map(_manifest_entry))
    shards = sorted((generation / layout.QUADS).glob(f"part-*{layout.SHARD_SUFFIX}"))
    if shards:
        quads = sc.textFile(",".join(path.resolve().as_uri() for path in shards))
        keyed = quads.filter(bool).map(lambda line: ((graph_of(line), QUAD, NO_ORDER), line))
        entries.append(keyed)
    return entries


def _manifest_entry(line: str) -> Entry:
    graph, sha256, run = line.split("\t")
    return (graph, MANIFEST, NO_ORDER), (sha256, run)


def graph_of(line: str) -> str:
    """The graph IRI of an N-Quads line of ours: its last IRI (IRIs cannot contain '<')."""
    body = line.rstrip()
    if not body.endswith(" .") or not body[:-2].rstrip().endswith(">"):
        raise ValueError(f"not an N-Quads line with a graph: {line!r}")
    body = body[:-2].rstrip()
    return body[body.rindex("<") + 1:-1]


def grouped(entries: list[RDD[Entry]], partitions: int) -> RDD[Entry]:
    """All entries in `partitions` partitions by graph, sorted by (graph, kind, order)."""
    union = entries[0].context.union(entries) if len(entries) > 1 else entries[0]
    return union.repartitionAndSortWithinPartitions(partitions, shard_of)


def by_graph(partition: Iterator[Entry]) -> Iterator[tuple[str, list[tuple[int, Order, Any]]]]:
    """A sorted partition as (graph IRI, its entries as (kind, order, value)), one graph at a
    time."""
    graph: str | None = None
    bucket: list[tuple[int, Order, Any]] = []
    for (name, kind, order), value in partition:
        if name != graph and graph is not None:
            yield graph, bucket
            bucket = []
        graph = name
        bucket.append((kind, order, value))
    if graph is not None:
        yield graph, bucket


def rejected_records(records: RDD[Record]) -> list[tuple[Order, Rejected]]:
    """The records that could not be read, in input order (few: they are collected)."""
    found = records.filter(lambda record: isinstance(record[1], Rejected)).collect()
    return sorted(((order, record) for order, record in found if isinstance(record, Rejected)),
                  key=lambda item: item[0])

"""Stage 3, on the executors: each graph's entries -> one Row saying what became of it.

An article whose content digest and run match the previous generation's manifest is not
processed: its quads are copied. Others go through the `kg build` per-article function, whose
model and shapes are loaded once per Python worker process (the module-level cache below
survives from task to task because Spark reuses its Python workers).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from rdflib import Graph, URIRef

from kg.ids import article_key, content_digest
from kg.pipeline import ArticleProcessor, Outcome, Status, duplicate_reason
from kg.publish.files import nquads, turtle
from kg.rdf import to_ox_triples
from kg.settings import Settings
from kg.spark.inputs import Order
from kg.spark.keys import ARTICLE, MANIFEST, by_graph

UNCHANGED = "unchanged"  # built before from the same content by the same run: copied
KEPT = "kept"  # absent from this run's input, kept from the previous generation
REMOVED = "removed"  # absent from this run's input and pruned

_PROCESSORS: dict[Settings, ArticleProcessor] = {}


class Row(NamedTuple):
    """What became of one graph: its status, its quads and manifest line when it has them, and
    the invalid article's files or the failure to report."""

    status: str
    quads: str | None = None
    manifest: str | None = None
    extra: tuple[Any, ...] | None = None
    # Later records of the same graph in the input, not built: ("problem", order, "duplicate",
    # origin, reason) each, as kg build reports them.
    duplicates: tuple[tuple[Any, ...], ...] = ()


@dataclass(frozen=True)
class Context:
    """What every task needs to decide: settings, this run's IRI, and whether to prune."""

    settings: Settings
    run: str
    prune: bool


def processor(settings: Settings) -> ArticleProcessor:
    """This worker's ArticleProcessor: loaded on first use, then reused for every article."""
    found = _PROCESSORS.get(settings)
    if found is None:
        found = _PROCESSORS[settings] = ArticleProcessor(settings)
    return found


def settle_partition(context: Context, partition: Iterator[Any]) -> Iterator[Row]:
    """The Row of every graph in a sorted partition (see kg.spark.keys.grouped)."""
    for graph, entries in by_graph(partition):
        yield settle(context, graph, entries)


def settle(context: Context, graph: str, entries: list[tuple[int, Order, Any]]) -> Row:
    """Copy, keep, drop or build one graph, from its previous entries and the articles read."""
    previous = next((value for kind, _, value in entries if kind == MANIFEST), None)
    articles = [(order, value) for kind, order, value in entries if kind == ARTICLE]
    lines = [value for kind, _, value in entries if kind > ARTICLE]
    old = Row(UNCHANGED, "\n".join(sorted(lines)), _manifest_line(graph, *previous)) \
        if previous and lines else None
    if not articles:
        if old is None:
            return Row(REMOVED)  # quads without a manifest line: a damaged generation
        return Row(REMOVED) if context.prune else old._replace(status=KEPT)
    order, article = articles[0]  # the first record of an article is built, as in kg build
    duplicates = tuple(("problem", later, Status.DUPLICATE.value, other.origin,
                        duplicate_reason(article.origin)) for later, other in articles[1:])
    digest = content_digest(article)
    if old is not None and previous == (digest, context.run):
        return old._replace(duplicates=duplicates)
    row = _built(processor(context.settings)(article), order, _manifest_line(graph, digest,
                                                                              context.run))
    if row.quads is None and old is not None:  # invalid or failed: the last good graph stays
        row = row._replace(quads=old.quads, manifest=old.manifest)
    return row._replace(duplicates=duplicates)


def _built(outcome: Outcome, order: Order, manifest: str) -> Row:
    if outcome.status is Status.BUILT and outcome.graph is not None and outcome.name:
        return Row(outcome.status.value, nquads_record(outcome.name, outcome.graph), manifest)
    if outcome.status is Status.INVALID and outcome.graph is not None and outcome.name:
        assert outcome.report is not None
        files = (article_key(outcome.name), turtle(to_ox_triples(outcome.graph)),
                 f"# {outcome.origin}\n{outcome.report.text()}\n")
        return Row(outcome.status.value, extra=("invalid", order, outcome.origin, *files))
    return Row(outcome.status.value,
               extra=("problem", order, outcome.status.value, outcome.origin, outcome.reason))


def nquads_record(name: URIRef, graph: Graph) -> str:
    """The graph's lines as `kg build -o x.nq` writes them, less the last newline (Spark's
    text output ends each record with one)."""
    return nquads(name, graph).removesuffix("\n")


def _manifest_line(graph: str, sha256: str, run: str) -> str:
    return f"{graph}\t{sha256}\t{run}"


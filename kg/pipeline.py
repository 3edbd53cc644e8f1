"""The per-article run of the stages, and the batch around it.

One bad article never stops the batch: an input that cannot be read is *rejected*, an article
whose graph breaks the shapes is *invalid* (written aside with its report, never stored), an
article that crashes a stage has *failed*; the rest are *built*, or *unchanged* when an
incremental run found the same article already built by the same software, model and settings.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass
from enum import Enum

from rdflib import Graph, URIRef

from kg.extract import Extractor
from kg.ids import Ids
from kg.mapping import MappingContext, to_graph
from kg.model import Article, Rejected
from kg.provenance import run_iri
from kg.settings import Settings
from kg.validate import Report, Validator

log = logging.getLogger("kg.pipeline")


class Status(str, Enum):
    """What became of one input record."""

    BUILT = "built"
    INVALID = "invalid"
    REJECTED = "rejected"
    FAILED = "failed"
    UNCHANGED = "unchanged"
    DUPLICATE = "duplicate"


def duplicate_reason(first: str) -> str:
    """Why a record is not built: an earlier one has its identity (the rule of both engines)."""
    return (f"the same article as {first} (the same URL, or without one the same date and "
            "headline): the first record of an article is built, later ones are not")


@dataclass(frozen=True)
class Unchanged:
    """An article an incremental run does not rebuild: its stored graph is up to date."""

    origin: str
    name: URIRef  # the article's named graph


@dataclass(frozen=True)
class Duplicate:
    """A record with the identity of an earlier one in the same run: it is not built."""

    origin: str
    first: str  # the origin of the earlier record, which is built


# What the processor takes: a record read, or a marker an incremental run put in its place.
Item = Article | Rejected | Unchanged | Duplicate


@dataclass(frozen=True)
class Outcome:
    """The result of one input record: its graph when there is one, or why not."""

    status: Status
    origin: str
    name: URIRef | None = None  # the article's named graph
    graph: Graph | None = None
    report: Report | None = None
    reason: str = ""


class ArticleProcessor:
    """Everything one process needs to turn articles into validated graphs, loaded once."""

    def __init__(self, settings: Settings) -> None:
        self.extractor = Extractor(settings.model, every_event=settings.events == "all")
        self.validator = Validator(settings.shapes)
        self.context = MappingContext(Ids(settings.base_iri),
                                      run_iri(settings, self.extractor.model_version))

    def __call__(self, item: Item) -> Outcome:
        """The outcome of one record; never raises for a bad article."""
        if isinstance(item, Rejected):
            return Outcome(Status.REJECTED, item.origin, reason=item.reason)
        if isinstance(item, Unchanged):
            return Outcome(Status.UNCHANGED, item.origin, item.name)
        if isinstance(item, Duplicate):
            return Outcome(Status.DUPLICATE, item.origin, reason=duplicate_reason(item.first))
        try:
            return self.build(item)
        except Exception as error:  # noqa: BLE001 - one article must not stop the batch
            log.debug("article %s failed:\n%s", item.origin, traceback.format_exc())
            return Outcome(Status.FAILED, item.origin, reason=f"{type(error).__name__}: {error}")

    def build(self, article: Article) -> Outcome:
        """Extract, map and validate one article."""
        annotations = self.extractor.extract(article)
        for note in annotations.notes:
            log.info("%s: %s", article.origin, note)
        name, graph = to_graph(annotations, self.context)
        report = self.validator.validate(graph)
        status = Status.BUILT if report.conforms else Status.INVALID
        return Outcome(status, article.origin, name, graph, report)

"""The per-graph decision of kg spark's workers, run in-process with a stub processor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from kg.ids import content_digest
from kg.model import Article
from kg.pipeline import Outcome, Status
from kg.settings import Settings
from kg.spark import worker
from kg.spark.keys import ARTICLE, MANIFEST, NO_ORDER, QUAD

SETTINGS = Settings(base_iri="https://example.org/stub/")
GRAPH, RUN = "https://example.org/stub/graph/1", "https://example.org/stub/run/1"
ARTICLE_1 = Article("Bridge opens", dt.date(2026, 2, 1), "It opened.", "https://n.example/1",
                    "in.jsonl line 1")
OLD_LINE = f'<{GRAPH}> <urn:p> "old" <{GRAPH}> .'


class Crashing:
    """Stands for an ArticleProcessor whose stage crashes (it returns what kg build's does)."""

    calls = 0

    def __call__(self, article: Article) -> Outcome:
        Crashing.calls += 1
        return Outcome(Status.FAILED, article.origin, reason="ValueError: boom")


@pytest.fixture
def crashing() -> Iterator[None]:
    worker._PROCESSORS[SETTINGS] = Crashing()  # type: ignore[assignment]
    Crashing.calls = 0
    yield
    del worker._PROCESSORS[SETTINGS]


def entries(sha256: str) -> list[tuple[int, tuple[int, int | str, int], object]]:
    return [(MANIFEST, NO_ORDER, (sha256, RUN)), (ARTICLE, (0, 0, 0), ARTICLE_1),
            (QUAD, NO_ORDER, OLD_LINE)]


def test_unchanged_article_is_copied_without_processing(crashing: None) -> None:
    context = worker.Context(SETTINGS, RUN, prune=False)
    row = worker.settle(context, GRAPH, entries(content_digest(ARTICLE_1)))
    assert (row.status, row.quads, Crashing.calls) == ("unchanged", OLD_LINE, 0)
    assert row.manifest == f"{GRAPH}\t{content_digest(ARTICLE_1)}\t{RUN}"


def test_failed_article_is_reported_and_keeps_its_last_good_graph(crashing: None) -> None:
    row = worker.settle(worker.Context(SETTINGS, RUN, prune=False), GRAPH, entries("an-older-sha"))
    assert (row.status, row.quads, Crashing.calls) == ("failed", OLD_LINE, 1)
    assert row.manifest == f"{GRAPH}\tan-older-sha\t{RUN}"  # the old entry: tried again next run
    assert row.extra == ("problem", (0, 0, 0), "failed", "in.jsonl line 1", "ValueError: boom")


@pytest.mark.parametrize(("prune", "status", "quads"), [(False, "kept", OLD_LINE),
                                                        (True, "removed", None)])
def test_article_gone_from_the_input(prune: bool, status: str, quads: str | None) -> None:
    previous = [(MANIFEST, NO_ORDER, ("abc", RUN)), (QUAD, NO_ORDER, OLD_LINE)]
    row = worker.settle(worker.Context(SETTINGS, RUN, prune), GRAPH, previous)
    assert (row.status, row.quads) == (status, quads)

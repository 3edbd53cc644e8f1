"""The whole Wikinews 2019 corpus (171 articles) through the real pipeline: no crash, all
conform."""

from __future__ import annotations

from collections import Counter

import pytest

from kg.namespaces import RDF, SDO
from kg.pipeline import Outcome, Status


@pytest.fixture(scope="module")
def outcomes(wikinews_outcomes: list[Outcome]) -> list[Outcome]:
    return wikinews_outcomes


def test_every_article_builds_and_conforms(outcomes: list[Outcome]) -> None:
    problems = [(o.origin, o.reason or (o.report and o.report.text()))
                for o in outcomes if o.status is not Status.BUILT]
    assert len(outcomes) == 171
    assert problems == []


def test_corpus_has_entities_of_every_family(outcomes: list[Outcome]) -> None:
    classes: Counter[str] = Counter()
    for outcome in outcomes:
        assert outcome.graph is not None
        for cls in (SDO.Person, SDO.Organization, SDO.Place, SDO.Product):
            classes[str(cls)] += len(set(outcome.graph.subjects(RDF.type, cls)))
    assert classes[str(SDO.Person)] > 500
    assert classes[str(SDO.Organization)] > 500
    assert classes[str(SDO.Place)] > 500
    assert classes[str(SDO.Product)] > 0

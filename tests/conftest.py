"""Shared fixtures: the real model, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.model import Article
from kg.pipeline import ArticleProcessor, Outcome
from kg.settings import Settings
from kg.sources import read_sources

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "corpus" / "seed" / "2024-06-26-belousov-austin-call.txt"
WIKINEWS = SHARED / "corpus" / "wikinews" / "wikinews-2019.csv"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the golden files under tests/golden/ from the actual output "
                          "(then review the diff with git diff)")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite golden files rather than compare with them."""
    return bool(request.config.getoption("--update-golden"))


def read_one(path: Path) -> Article:
    """The single article of a file (fails the test if it was rejected)."""
    (record,) = list(read_sources([str(path)]))
    assert isinstance(record, Article), record
    return record


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def processor(settings: Settings) -> ArticleProcessor:
    return ArticleProcessor(settings)


@pytest.fixture(scope="session")
def seed_article() -> Article:
    return read_one(SEED)


@pytest.fixture(scope="session")
def seed_outcome(processor: ArticleProcessor, seed_article: Article) -> Outcome:
    return processor(seed_article)


@pytest.fixture(scope="session")
def wikinews_outcomes(processor: ArticleProcessor) -> list[Outcome]:
    """The 171 articles of the Wikinews corpus through the real pipeline, once per session."""
    records = list(read_sources([str(WIKINEWS)]))
    assert all(isinstance(r, Article) for r in records)
    return [processor(record) for record in records]

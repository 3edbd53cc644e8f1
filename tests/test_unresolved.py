"""What extraction keeps without knowing it all is said in the log, not dropped or guessed."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from kg.extract import unresolved
from kg.model import Article, Claim, Quotation, Span, TimeExpression, TimexType
from kg.pipeline import ArticleProcessor, Status


def test_unresolved_names_each_gap() -> None:
    times = [TimeExpression(5, 12, "in June", TimexType.DATE, "XXXX-06"),
             TimeExpression(20, 30, "2024-06-25", TimexType.DATE, "2024-06-25")]
    quotes = [Quotation("quote:40", Span(40, 52, "We will win"), direct=True)]
    claims = [Claim("claim:60", Span(60, 70, "it was not"), Span(55, 75, "x"), author="person:x")]
    notes = unresolved(times, quotes, claims)
    assert len(notes) == 2
    assert "“in June”" in notes[0] and "XXXX-06" in notes[0]
    assert "no speaker" in notes[1] and "at 40" in notes[1]


def test_an_unattributed_quote_is_kept_and_logged(processor: ArticleProcessor,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    article = Article(
        headline="Harbour reopens", published=dt.date(2025, 5, 2),
        body=("The harbour of Lindqvist reopened on Friday.\n\n"
              "“Nobody expected the water to rise so fast, and nobody was ready for it"))
    with caplog.at_level(logging.INFO, logger="kg.pipeline"):
        outcome = processor(article)
    assert outcome.status is Status.BUILT, outcome.report
    assert any("no speaker found" in message for message in caplog.messages), caplog.messages

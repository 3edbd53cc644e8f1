"""Events: placeholder until the event extractor lands (this session)."""

from __future__ import annotations

from kg.extract.spans import SpanIndex
from kg.model import Event


def find_events(index: SpanIndex) -> list[Event]:
    """The events of the article."""
    return []

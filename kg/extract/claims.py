"""Claims: placeholder until the claim extractor lands (this session)."""

from __future__ import annotations

from kg.extract.spans import SpanIndex
from kg.model import Claim, Event


def find_claims(index: SpanIndex, events: list[Event]) -> list[Claim]:
    """The attributed claims of the article."""
    return []

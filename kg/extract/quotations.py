"""Quotations: placeholder until the quotation extractor lands (this session)."""

from __future__ import annotations

from kg.extract.spans import SpanIndex
from kg.model import Quotation


def find_quotations(index: SpanIndex) -> list[Quotation]:
    """The quotations of the article."""
    return []

"""Statements: quotations (marked, reported and attribution-line layouts) with their speakers,
and claims, the attributed statements the graph records but never asserts."""

from kg.extract.statements.claims import find_claims
from kg.extract.statements.quotations import find_quotations

__all__ = ["find_claims", "find_quotations"]

"""Readers that turn input files and streams into `Article`s, or `Rejected` with a reason.

Formats live in one registry (kg.sources.registry): the seed text format, JSON Lines, CSV, TSV.
"""

from kg.sources.inputs import read_sources
from kg.sources.registry import EXTENSIONS, READERS, Reader

__all__ = ["EXTENSIONS", "READERS", "Reader", "read_sources"]

"""The one list of readers: format name -> reader, and file extension -> format name."""

from __future__ import annotations

import os.path
from collections.abc import Callable, Iterator
from typing import BinaryIO

from kg.model import Article, Rejected
from kg.sources.common import ReadOptions
from kg.sources.csvfile import read_csv, read_tsv
from kg.sources.jsonlines import read_jsonl
from kg.sources.textfile import read_text

# A reader turns one open binary stream, named by its origin, into Articles and Rejected.
Reader = Callable[[BinaryIO, str, ReadOptions], Iterator[Article | Rejected]]

READERS: dict[str, Reader] = {
    "text": read_text,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "tsv": read_tsv,
}

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
}


def format_of(path: str) -> str | None:
    """The format of a file by its extension (any case), or None when kg does not read it."""
    return EXTENSIONS.get(os.path.splitext(path)[1].lower())

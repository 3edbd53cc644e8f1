"""The seed text format: a first line `date YYYY-MM-DD <headline>`, then the body. One per file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from kg.model import Article, Rejected
from kg.sources.common import ReadOptions, make_article, normalize_newlines, parse_date
from kg.sources.lines import byte_problem, strip_bom

_DATE_LINE = re.compile(r"date\s+(?P<date>\S+)(?:\s+(?P<headline>.*))?", re.IGNORECASE)
_EXPECTED = "'date YYYY-MM-DD headline'"


def read_text(stream: BinaryIO, name: str, options: ReadOptions) -> Iterator[Article | Rejected]:
    """The one article of a text file, or one Rejected saying what is wrong with it."""
    yield _read(stream, name, options)


def _read(stream: BinaryIO, name: str, options: ReadOptions) -> Article | Rejected:
    # UTF-8 takes at most 4 bytes a character, so a longer file cannot hold an article that
    # fits; reading one byte past the limit tells us so without reading the whole file.
    limit = 4 * options.max_chars
    data = stream.read(limit + 1)
    if len(data) > limit:
        return Rejected(name, f"the file is larger than {limit:,} bytes, too big for an article "
                              f"of at most {options.max_chars:,} characters; split it or raise "
                              "max_article_chars")
    data, skipped = strip_bom(data)
    bad = byte_problem(data, skipped)
    if bad:
        line = data.count(b"\n", 0, bad.at) + 1
        return Rejected(f"{name} line {line}", bad.reason)
    return parse_text(data.decode("utf-8"), name, options)


def parse_text(text: str, name: str, options: ReadOptions) -> Article | Rejected:
    """The article in `text` (the whole file, decoded); `name` is its origin."""
    text = normalize_newlines(text)
    start = len(text) - len(text.lstrip())
    if start == len(text):
        return Rejected(name, f"the file is empty; it should start with a line {_EXPECTED}")
    line = text.count("\n", 0, start) + 1
    where = f"{name} line {line}"
    first, _, body = text[start:].partition("\n")
    match = _DATE_LINE.fullmatch(first.strip())
    if not match:
        return Rejected(where, f"the first line should be {_EXPECTED}, but it is "
                               f"{_shorten(first)!r}")
    try:
        published = parse_date(match["date"])
    except ValueError as error:
        return Rejected(where, f"bad date line: {error}")
    if not (match["headline"] or "").strip():
        return Rejected(where, f"the headline is empty: the date line should be {_EXPECTED}")
    return make_article(name, match["headline"], published, body, None, options.max_chars)



def _shorten(line: str, width: int = 60) -> str:
    """`line` cut to `width` characters for a message."""
    line = line.strip()
    return line if len(line) <= width else line[:width - 3] + "..."

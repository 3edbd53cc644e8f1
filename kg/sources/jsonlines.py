"""JSON Lines (.jsonl, .ndjson): one object per line with the fields url, date, title, text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from kg.model import Article, Rejected
from kg.sources.common import ReadOptions, warn_unknown_fields
from kg.sources.lines import Line, read_lines
from kg.sources.records import article_from_record


def read_jsonl(stream: BinaryIO, name: str, options: ReadOptions) -> Iterator[Article | Rejected]:
    """An Article or a Rejected for every non-blank line, reading one line at a time."""
    warned, seen = False, False
    for line in read_lines(stream, options.line_limit):
        if not line.problem and not line.text.strip():
            continue
        seen = True
        origin = f"{name} line {line.number}"
        record = _parse(line, origin)
        if isinstance(record, Rejected):
            yield record
            continue
        warned = warned or warn_unknown_fields(origin, record, options)
        yield article_from_record(record, origin, options)
    if not seen:
        yield Rejected(name, "the file is empty: a JSON Lines file holds one JSON object a line")


def _what(error: json.JSONDecodeError) -> str:
    """The parser's message, said as a person would: a string still open when the line ends
    is reported by `json` as an invalid control character (the line end)."""
    if error.msg.startswith("Invalid control character") and not error.doc[error.pos:].strip():
        return "a string is not closed before the end of the line"
    return error.msg


def _parse(line: Line, origin: str) -> dict[str, Any] | Rejected:
    """The JSON object on `line`, or Rejected saying why there is none."""
    if line.problem:
        return Rejected(origin, line.problem)
    try:
        value = json.loads(line.text)
    except json.JSONDecodeError as error:
        return Rejected(origin, f"not valid JSON: {_what(error)} (column {error.colno})")
    except RecursionError:
        return Rejected(origin, "not usable JSON: nested too deeply")
    if not isinstance(value, dict):
        kind = "a list" if isinstance(value, list) else f"the {type(value).__name__} {value!r:.40}"
        return Rejected(origin, f"a line must hold one JSON object {{...}}, but this holds {kind}")
    return value

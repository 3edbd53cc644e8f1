"""CSV (.csv) and tab-separated (.tsv) files: a header row naming url, date, title, text."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from kg.model import Article, Rejected
from kg.sources.common import REQUIRED_FIELDS, ReadOptions, warn_unknown_fields
from kg.sources.lines import Line, read_lines
from kg.sources.records import article_from_record

if TYPE_CHECKING:
    import _csv


# csv's messages, in words a newcomer can act on.
_CSV_ERRORS = {
    "unexpected end of data": "the file ends inside a quoted field: a quote is not closed",
    "new-line character seen in unquoted field": "a carriage return inside an unquoted field; "
                                                 "put the field in double quotes",
    "expected after": "a quoted field goes on after its closing quote; write a quote inside a "
                      "quoted field as two quotes",
}


def read_csv(stream: BinaryIO, name: str, options: ReadOptions) -> Iterator[Article | Rejected]:
    """An Article or a Rejected for every record of a comma-separated file."""
    return _read(stream, name, options, ",")


def read_tsv(stream: BinaryIO, name: str, options: ReadOptions) -> Iterator[Article | Rejected]:
    """An Article or a Rejected for every record of a tab-separated file."""
    return _read(stream, name, options, "\t")


class Row(NamedTuple):
    """One CSV row: its first and last physical line, its cells, and csv's error if any."""

    first: int
    last: int
    cells: list[str]
    error: str | None = None


class _Lines:
    """Feeds decoded lines to csv.reader and remembers the lines that are not usable text."""

    def __init__(self, lines: Iterator[Line]) -> None:
        self._lines = lines
        self.problems: dict[int, str] = {}

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        if line.problem:
            self.problems[line.number] = line.problem
        return line.text

    def problem(self, first: int, last: int) -> str | None:
        """The first problem on lines `first`..`last`, forgetting those before `first`."""
        for number in sorted(self.problems):
            if number < first:
                del self.problems[number]
            elif number <= last:
                return f"line {number}: {self.problems[number]}"
        return None


def _read(stream: BinaryIO, name: str, options: ReadOptions,
          delimiter: str) -> Iterator[Article | Rejected]:
    # The limit is global to the csv module; raise it so that a long article is rejected by our
    # own check, with a clear reason, rather than by csv's.
    csv.field_size_limit(max(csv.field_size_limit(), 4 * options.max_chars + 65_536))
    lines = _Lines(read_lines(stream, options.line_limit))
    # strict: an unclosed quote is an error, not a field that silently eats the following records
    rows = _rows(csv.reader(lines, delimiter=delimiter, strict=True))
    header = next(rows, None)
    if header is None:
        yield Rejected(name, "the file is empty: expected a header row naming the columns "
                             "url, date, title, text")
        return
    columns = _columns(header, name, lines, options)
    if isinstance(columns, Rejected):
        yield columns
        return
    count = 0
    for count, row in enumerate(rows, start=1):
        yield _record(row, columns, f"{name} record {count} (line {row.first})", lines, options)
    if count == 0:
        yield Rejected(name, "the file has a header row but no records")


def _rows(reader: _csv.Reader) -> Iterator[Row]:
    """Every non-blank row with its first and last line; a parse error takes the row's place."""
    while True:
        first = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield Row(first, reader.line_num, [], _explain(error))
            continue
        if "".join(cells).strip() or len(cells) > 1:
            yield Row(first, reader.line_num, cells)


def _columns(header: Row, name: str, lines: _Lines, options: ReadOptions) -> list[str] | Rejected:
    """The header's column names, or Rejected when it is unusable or lacks a required column."""
    where = f"{name} line {header.first}"
    problem = lines.problem(header.first, header.last) or header.error
    if problem:
        return Rejected(where, f"unusable header row: {problem}")
    columns = [cell.strip() for cell in header.cells]
    missing = [options.fields[field] for field in REQUIRED_FIELDS
               if options.fields[field] not in columns]
    if missing:
        return Rejected(where, f"the header row lacks the required column(s) "
                               f"{', '.join(map(repr, missing))}; it has "
                               f"{', '.join(map(repr, columns))}; map other names with fields")
    warn_unknown_fields(where, columns, options)
    return columns


def _record(row: Row, columns: Sequence[str], origin: str, lines: _Lines,
            options: ReadOptions) -> Article | Rejected:
    """The Article of one CSV record, or Rejected."""
    problem = lines.problem(row.first, row.last)
    if problem:
        return Rejected(origin, problem)
    if row.error:
        return Rejected(origin, f"malformed CSV: {row.error}")
    if len(row.cells) != len(columns):
        return Rejected(origin, f"the record has {len(row.cells)} field(s) but the header has "
                                f"{len(columns)}; check the quoting of fields that hold commas, "
                                "quotes or line breaks")
    return article_from_record(dict(zip(columns, row.cells)), origin, options)


def _explain(error: csv.Error) -> str:
    """What a csv parse error means, in plain words."""
    text = str(error)
    return next((words for key, words in _CSV_ERRORS.items() if key in text), text)

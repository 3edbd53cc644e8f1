"""Byte-level reading shared by the readers: BOM, UTF-8 decoding, NUL bytes, over-long lines."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, NamedTuple

_CHUNK = 65_536


@dataclass(frozen=True)
class Line:
    """One physical line of an input file, decoded, with what makes it unusable if anything."""

    number: int  # 1-based
    text: str  # undecodable bytes kept as surrogate escapes so the line count stays right
    problem: str | None = None


def strip_bom(data: bytes) -> tuple[bytes, int]:
    """`data` without a leading UTF-8 byte order mark, and how many bytes were removed."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):], len(codecs.BOM_UTF8)
    return data, 0


class BadBytes(NamedTuple):
    """Where bytes that are not UTF-8 text start (an index into the data), and why."""

    at: int
    reason: str


def byte_problem(data: bytes, offset: int = 0) -> BadBytes | None:
    """NUL bytes or bytes that are not UTF-8 in `data`, which starts at file offset `offset`."""
    nul = data.find(b"\x00")
    if nul >= 0:
        return BadBytes(nul, f"binary data, not text: NUL byte at byte offset {offset + nul:,}; "
                             "kg reads UTF-8 text")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = data[error.start:error.start + 1].hex()
        return BadBytes(error.start, f"not valid UTF-8: byte 0x{bad} at byte offset "
                                     f"{offset + error.start:,} ({error.reason}); "
                                     "save the file as UTF-8")
    return None


def read_lines(stream: BinaryIO, limit: int) -> Iterator[Line]:
    """Every line of `stream`, holding at most `limit` bytes of any one line in memory."""
    offset, number = 0, 0
    while raw := stream.readline(limit + 1):
        number += 1
        size, problem = len(raw), None
        if len(raw) > limit and not raw.endswith(b"\n"):
            size += _skip_rest_of_line(stream)
            raw = raw[:limit] + b"\n"
            problem = f"the line is longer than {limit:,} bytes; raise max_article_chars to read it"
        start = offset
        if number == 1:
            raw, skipped = strip_bom(raw)
            start += skipped
        bad = byte_problem(raw, start)
        yield Line(number, raw.decode("utf-8", "surrogateescape"),
                   problem or (bad.reason if bad else None))
        offset += size


def _skip_rest_of_line(stream: BinaryIO) -> int:
    """Read and drop the rest of an over-long line; the number of bytes dropped."""
    skipped = 0
    while chunk := stream.readline(_CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped

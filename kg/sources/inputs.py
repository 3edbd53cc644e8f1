"""From what the user names (files, directories, glob patterns, "-") to readers, in fixed order."""

from __future__ import annotations

import glob
import io
import os
import re
import stat
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO, cast

from kg.errors import ConfigError
from kg.model import Article, Rejected
from kg.sources.common import ReadOptions, logger, make_options
from kg.sources.registry import EXTENSIONS, READERS, format_of

STDIN = "-"
STDIN_ORIGIN = "<stdin>"
_MAGIC = re.compile(r"[*?[]")
_KNOWN = ", ".join(EXTENSIONS)


def read_sources(inputs: Sequence[str], fields: Mapping[str, str] | None = None,
                 max_chars: int = 200_000,
                 stdin_format: str = "text") -> Iterator[Article | Rejected]:
    """Every Article and Rejected of `inputs`, in the order given and files sorted within each."""
    # Checked here, not inside the generator, so that a bad call fails before any reading.
    options = make_options(fields, max_chars)
    if stdin_format not in READERS:
        raise ConfigError(f"unknown standard input format {stdin_format!r}",
                          hint=f"use one of {', '.join(READERS)}")
    return _read_all([os.fspath(spec) for spec in inputs], options, stdin_format)


def _read_all(inputs: list[str], options: ReadOptions,
              stdin_format: str) -> Iterator[Article | Rejected]:
    for spec in inputs:
        if spec == STDIN:
            yield from _read_stdin(stdin_format, options)
            continue
        files = expand(spec)
        if isinstance(files, Rejected):
            yield files
            continue
        for path in files:
            if isinstance(path, Rejected):
                yield path
            else:
                yield from _read_file(path, options)


def expand(spec: str) -> list[str | Rejected] | Rejected:
    """The files an input names: itself, a directory's readable files, or a pattern's matches;
    in their place, what could not be read (a folder not allowed, a named pipe) as Rejected."""
    if os.path.isdir(spec):
        return _walk(spec) or Rejected(spec, f"the directory holds no file kg reads ({_KNOWN})")
    if os.path.lexists(spec):
        if format_of(spec):
            return [_regular(spec)]
        kind = os.path.splitext(spec)[1] or "extension-less"
        hint = "; for JSON, write one article object per line as JSON Lines (.jsonl)" \
            if kind.lower() == ".json" else ""
        return Rejected(spec, f"kg does not read {kind} files; it reads {_KNOWN}{hint}")
    if _MAGIC.search(spec):
        return _glob(spec) or Rejected(spec, f"the pattern matches no file kg reads ({_KNOWN})")
    return Rejected(spec, "no such file or directory")


def _walk(directory: str) -> list[str | Rejected]:
    """The readable files under `directory`, recursively, sorted, hidden ones left out.

    Symbolic links to folders are followed as links to files are; a folder already walked (a
    link loop, or two links to one folder) is walked once. A folder that cannot be listed is
    a Rejected in its place: it may hold articles, so nothing may be pruned after it.
    """
    found: list[str | Rejected] = []
    walked: set[str] = set()

    def unreadable(error: OSError) -> None:
        name = error.filename or directory
        found.append(Rejected(name, f"cannot read the folder: {error.strerror or error}"))

    for root, dirs, files in os.walk(directory, onerror=unreadable, followlinks=True):
        real = os.path.realpath(root)
        if real in walked:
            dirs[:] = []
            logger.warning("%s: already read as %s (a link to a folder kg walked)", root, real)
            continue
        walked.add(real)
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        found += [_regular(os.path.join(root, name)) for name in files
                  if not name.startswith(".") and format_of(name)]
    return sorted(found, key=lambda item: _path_order(_origin(item)))


def _regular(path: str) -> str | Rejected:
    """`path` if it is a regular file (or a link to one); else why it is not read: reading a
    named pipe would wait forever."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return Rejected(path, f"cannot read the file: {error.strerror or error}")
    if not stat.S_ISREG(mode):
        return Rejected(path, "not a regular file (a named pipe, socket or device): kg reads "
                              "only regular files")
    return path


def _origin(item: str | Rejected) -> str:
    return item.origin if isinstance(item, Rejected) else item


def _path_order(path: str) -> tuple[str, ...]:
    """Sort key that orders a directory's files the same way at every depth ("a/x" < "a-b")."""
    return Path(path).parts


def _glob(pattern: str) -> list[str | Rejected]:
    """The readable files a glob pattern matches (directories walked), sorted, each once."""
    found: dict[str, str | Rejected] = {}
    for match in sorted(glob.glob(pattern, recursive=True), key=_path_order):
        if os.path.isdir(match):
            found.update((_origin(item), item) for item in _walk(match))
        elif format_of(match):
            found[match] = _regular(match)
    return list(found.values())


def _read_file(path: str, options: ReadOptions) -> Iterator[Article | Rejected]:
    """The articles of one file; a file that cannot be opened or read gives one Rejected."""
    reader = READERS[format_of(path) or "text"]
    try:
        with open(path, "rb") as stream:
            yield from reader(stream, path, options)
    except OSError as error:
        yield Rejected(path, f"cannot read the file: {error.strerror or error}")


def _read_stdin(stdin_format: str, options: ReadOptions) -> Iterator[Article | Rejected]:
    """The articles on standard input, read in `stdin_format`."""
    if sys.stdin is None:
        yield Rejected(STDIN_ORIGIN, "there is no standard input to read")
        return
    yield from READERS[stdin_format](_stdin_bytes(), STDIN_ORIGIN, options)


def _stdin_bytes() -> BinaryIO:
    """Standard input as bytes, so that it is decoded and checked like a file."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return cast(BinaryIO, buffer)
    # A text stream without a byte buffer (io.StringIO in tests, some embedding hosts) already
    # holds its text in memory, so encoding it whole costs no more.
    return io.BytesIO(sys.stdin.read().encode("utf-8", "surrogateescape"))

"""The quad files a user names for `kg load` and `kg push --data`: files as they are, a kg spark
output directory as the shards of its current generation, any other directory as its quad files;
and the reading of one such file, quad by quad.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox

from kg import rdf
from kg.errors import InputError
from kg.publish import shard_layout as layout


def check_quad_file(path: Path) -> None:
    """InputError unless `path` names a format with named graphs (.nq, .trig, maybe .gz)."""
    fmt, _ = rdf.rdf_format(path)
    if fmt not in rdf.QUAD_FORMATS:
        raise InputError(f"{path} is {fmt.name}, which has no named graphs",
                         hint="give .nq or .trig files (optionally .gz), as kg build writes")


def read_quads(path: Path) -> Iterator[ox.Quad]:
    """The quads of one file, streamed; InputError naming the file (and the parser's line)."""
    return rdf.read_quads(path, InputError)


def quad_files(sources: Sequence[Path]) -> list[Path]:
    """Every quad file of `sources`, in a fixed order; InputError for a directory without any."""
    files: list[Path] = []
    for source in sources:
        if not source.is_dir():
            rdf.rdf_format(source)  # a clear error now for a file of no known format
            files.append(source)
            continue
        found = _directory_files(source)
        if not found:
            raise InputError(f"{source} holds no .nq or .trig file",
                             hint="give the files, or a kg spark output directory")
        files += found
    return files


def _directory_files(directory: Path) -> list[Path]:
    try:
        generation = layout.current_generation(directory)
    except FileNotFoundError as error:
        raise InputError(str(error), hint="re-run kg spark to finish a generation") from error
    if generation is not None:
        return [*layout.quad_shards(directory), generation / layout.RUN]
    if any(directory.glob("gen-*")):
        raise InputError(f"{directory} is a kg spark output without a finished generation",
                         hint="re-run kg spark; CURRENT is written when a run completes")
    return sorted(p for p in directory.rglob("*")
                  if p.is_file() and p.name.endswith(rdf.QUAD_SUFFIXES))

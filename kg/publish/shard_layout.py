"""The output directory of `kg spark`, and its read side for `kg load` and `kg push`.

    DIR/CURRENT                     name of the last complete generation, e.g. "gen-00002"
                                    (written last, by an atomic rename)
    DIR/gen-00002/quads/part-00000.nq ...
                                    N-Quads shards: one named graph per article, each article's
                                    quads contiguous and sorted, articles sorted by graph IRI
                                    within a shard, an article's shard fixed by its graph IRI
    DIR/gen-00002/run.nq            the run's PROV activity graph (engine=spark)
    DIR/gen-00002/manifest/part-00000.tsv ...
                                    one line per article graph: graph IRI, sha256 of what it was
                                    built from, run IRI (tab-separated)
    DIR/gen-00002/rejected.jsonl    every rejected or failed record: status, origin, reason
    DIR/gen-00002/invalid/          <key>.ttl and <key>.report.txt per invalid article
    DIR/gen-00002/summary.json      counts: built, unchanged, invalid, rejected, failed, removed

A generation is written whole into its own directory and becomes the current one only when
CURRENT names it, so readers never see half a generation. A run killed half-way leaves a
directory that CURRENT does not name; the next run deletes it and writes that generation again
from scratch. The previous generation is kept (an incremental run copies from it, and a reader
may still be reading it); older ones are deleted once CURRENT moves on.

DIR must be on a local (or mounted) file system: Spark writes the shards through Hadoop's
local file system and the driver writes the rest with plain file operations.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

CURRENT = "CURRENT"
QUADS = "quads"
MANIFEST = "manifest"
RUN = "run.nq"
REJECTED = "rejected.jsonl"
INVALID = "invalid"
SUMMARY = "summary.json"
SHARD_SUFFIX = ".nq"
MANIFEST_SUFFIX = ".tsv"
_GENERATION = re.compile(r"gen-(\d{5,})")


def generation_name(number: int) -> str:
    """The directory name of generation `number` ("gen-00001")."""
    return f"gen-{number:05d}"


def current_generation(out: Path) -> Path | None:
    """The directory of the last complete generation, or None before the first one."""
    marker = out / CURRENT
    if not marker.exists():
        return None
    name = marker.read_text(encoding="utf-8").strip()
    if not _GENERATION.fullmatch(name) or not (out / name).is_dir():
        raise FileNotFoundError(f"{marker} names {name!r}, which is not a generation in {out}")
    return out / name


def next_generation(out: Path) -> Path:
    """The directory the next run writes: one past CURRENT, emptied of any unfinished attempt."""
    current = current_generation(out)
    target = out / generation_name(_number(current) + 1 if current else 1)
    if target.exists():
        shutil.rmtree(target)  # a killed run's leftovers: written again from scratch
    target.mkdir(parents=True)
    return target


def _number(generation: Path) -> int:
    found = _GENERATION.fullmatch(generation.name)
    if found is None:
        raise ValueError(f"{generation} is not a generation directory")
    return int(found.group(1))


def quad_shards(out: Path) -> list[Path]:
    """The N-Quads shards of the current generation, in name order (run.nq not included)."""
    generation = current_generation(out)
    return sorted((generation / QUADS).glob(f"part-*{SHARD_SUFFIX}")) if generation else []


def manifest(out: Path) -> dict[str, tuple[str, str]]:
    """Graph IRI -> (sha256, run IRI) of every article graph in the current generation."""
    generation = current_generation(out)
    entries: dict[str, tuple[str, str]] = {}
    if generation is None:
        return entries
    for part in sorted((generation / MANIFEST).glob(f"part-*{MANIFEST_SUFFIX}")):
        with part.open(encoding="utf-8") as lines:
            for line in lines:
                graph, sha256, run = line.rstrip("\n").split("\t")
                entries[graph] = (sha256, run)
    return entries


def finish_parts(directory: Path, suffix: str) -> None:
    """Give Spark's part-NNNNN files their suffix and drop its _SUCCESS and checksum files."""
    for path in directory.iterdir():
        if path.name.startswith(("_", ".")):
            path.unlink()  # _SUCCESS, .part-00000.crc: Hadoop's bookkeeping, not data
        elif path.name.startswith("part-") and not path.name.endswith(suffix):
            path.rename(path.with_name(path.name + suffix))


def make_current(out: Path, generation: Path) -> None:
    """Name `generation` in CURRENT atomically, then delete generations older than the last."""
    previous = current_generation(out)
    temp = out / f".{CURRENT}.{os.getpid()}.tmp"
    with temp.open("w", encoding="utf-8") as handle:
        handle.write(generation.name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, out / CURRENT)
    keep = {generation.name, previous.name if previous else ""}
    for old in out.iterdir():
        if _GENERATION.fullmatch(old.name) and old.name not in keep and old.name < generation.name:
            shutil.rmtree(old)

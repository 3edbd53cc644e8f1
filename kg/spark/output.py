"""Stage 4: the Rows of a run -> the files of one generation (see kg.publish.shard_layout).

The quads and the manifest are written by Spark, one part file per partition, so they never
pass through the driver; the few invalid articles and problems are collected and written by
the driver, in input order.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph, URIRef

from kg.model import Rejected
from kg.publish import shard_layout as layout
from kg.publish.files import QuadFileWriter, atomic_output
from kg.spark.inputs import Order
from kg.spark.keys import graph_of
from kg.spark.worker import Row

if TYPE_CHECKING:
    from pyspark import RDD

Problem = tuple[Order, str, str, str]  # order, status, origin, reason


def write_parts(rows: RDD[Row], field: str, directory: Path, suffix: str) -> None:
    """One part file per partition of the rows' `field` (rows without one are left out)."""
    index = Row._fields.index(field)
    texts = rows.map(lambda row: row[index]).filter(lambda text: text is not None)
    texts.saveAsTextFile(directory.resolve().as_uri())  # keeps the partitions: one file each
    layout.finish_parts(directory, suffix)


def write_extras(extras: Iterable[tuple[Any, ...] | None], generation: Path,
                 rejected: list[tuple[Order, Rejected]]) -> list[Problem]:
    """Invalid articles' files, and rejected.jsonl (rejected and failed records); returns every
    record not built, invalid ones too, in input order."""
    problems: list[Problem] = [(order, "rejected", r.origin, r.reason) for order, r in rejected]
    invalid = generation / layout.INVALID
    for extra in extras:
        if extra is None:
            continue
        if extra[0] == "invalid":
            _, order, origin, key, ttl, report = extra
            invalid.mkdir(exist_ok=True)
            _write_text(invalid / f"{key}.ttl", ttl)
            _write_text(invalid / f"{key}.report.txt", report)
            problems.append((order, "invalid", origin, f"breaks the shapes: see {key}.report.txt"))
        else:
            problems.append(extra[1:])
    problems.sort(key=lambda problem: problem[0])
    lines = [json.dumps({"status": status, "origin": origin, "reason": reason},
                        ensure_ascii=False) + "\n"
             for _, status, origin, reason in problems if status != "invalid"]
    _write_text(generation / layout.REJECTED, "".join(lines))
    return problems


def write_run(generation: Path, run: URIRef, activity: Graph, previous: Path | None,
              referenced: set[str]) -> None:
    """The run's PROV activity as its own named graph, in run.nq, then the activities of
    earlier runs that graphs copied from `previous` still point to (prov:wasGeneratedBy)."""
    with QuadFileWriter(generation / layout.RUN) as writer:
        writer.write(run, activity)
    older = previous / layout.RUN if previous else None
    if older is None or not older.exists() or not referenced - {str(run)}:
        return
    with older.open(encoding="utf-8") as lines:
        kept = [line for line in lines if line.strip() and graph_of(line) in referenced
                and graph_of(line) != str(run)]
    with (generation / layout.RUN).open("a", encoding="utf-8") as handle:
        handle.writelines(kept)


def write_summary(generation: Path, counts: Counter[str], details: dict[str, Any]) -> None:
    """summary.json: the counts by status, then what else a reader of the run needs."""
    _write_text(generation / layout.SUMMARY,
                json.dumps({**counts, **details}, indent=2, ensure_ascii=False) + "\n")


def _write_text(path: Path, text: str) -> None:
    with atomic_output(path) as stream:
        stream.write(text.encode("utf-8"))

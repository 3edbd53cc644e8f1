"""What the Spark tests share: one local[2] session per test process, canonical quads, articles."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from pyspark.sql import SparkSession

from kg.build import Targets, build
from kg.namespaces import PROV, SDO
from kg.publish import shard_layout as layout
from kg.settings import Settings
from kg.sources import read_sources
from kg.spark.job import JobOptions, SparkSummary, run_job
from kg.spark.session import builder

_SESSION: list[SparkSession] = []

# Invented news, in the seed format: "date YYYY-MM-DD headline", then paragraphs.
STORIES = {
    "harbour": ("date 2026-03-02 Harbour cranes return to work in Port Velan after storm repairs",
                ("PORT VELAN - Three container cranes damaged by last week's storm were back in "
                 "service on Monday, the Port Velan Authority said.\n\nHarbour master Ines Korda "
                 "told reporters that ships waiting offshore would berth by Wednesday.")),
    "library": ("date 2026-03-03 Dunmore library reopens with a new reading room",
                ("DUNMORE - The town library reopened on Tuesday after a year of building "
                 "work.\n\nMayor Tomas Brennick said the new reading room would stay open until "
                 "nine.")),
    "ferry": ("date 2026-03-04 Ferry line between Astrel and Kova adds a night crossing",
              ("ASTREL - The Astrel Ferry Company will add a night crossing to Kova from April, "
               "its chief executive Maren Holt said on Wednesday.\n\nTickets go on sale next "
               "week.")),
}


def shared_session() -> SparkSession:
    """The local[2] session all Spark tests share (started once per process, never stopped:
    its JVM ends with the test process). Each test module's `spark` fixture returns it."""
    if not _SESSION:
        _SESSION.append(builder("local[2]").getOrCreate())
        _SESSION[0].sparkContext.setLogLevel("ERROR")
    return _SESSION[0]


def write_story(folder: Path, name: str, headline: str, body: str) -> Path:
    """One invented article as a text file in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(f"{headline}\n\n{body}\n", encoding="utf-8")
    return path


def run_spark(spark: SparkSession, inputs: Iterable[Path | str], out: Path,
              **options: object) -> SparkSummary:
    """A Spark run with default settings (options: JobOptions' fields)."""
    return run_job(spark, [str(path) for path in inputs], out, Settings(),
                   JobOptions(**options))  # type: ignore[arg-type]


def spark_files(out: Path) -> list[Path]:
    """The current generation's quad shards and run.nq."""
    generation = layout.current_generation(out)
    assert generation is not None
    return [*layout.quad_shards(out), generation / layout.RUN]


def kg_build_files(inputs: Iterable[Path | str], tmp: Path, jobs: int = 1) -> list[Path]:
    """What `kg build INPUTS --no-store -o x.nq` writes."""
    target = tmp / "kg-build.nq"
    build(read_sources([str(path) for path in inputs]), Settings(),
          Targets(None, (target,), tmp / "kg-build-invalid"), jobs=jobs)
    return [target]


def canonical(paths: Iterable[Path]) -> set[str]:
    """The quads of N-Quads files in canonical form (pyoxigraph's str)."""
    found: set[str] = set()
    for path in paths:
        found |= {str(quad) for quad in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)}
    return found


def run_details(quads: set[str]) -> tuple[set[str], list[str]]:
    """`quads` without the run's start time and description, and those descriptions."""
    started, described = f"<{PROV.startedAtTime}>", f"<{SDO.description}>"
    kept = {quad for quad in quads if started not in quad and described not in quad}
    return kept, sorted(quad for quad in quads if described in quad)


def article_quads(quads: set[str], graph: str) -> set[str]:
    """The quads of one named graph."""
    return {quad for quad in quads if quad.endswith(f" <{graph}>")}

"""`kg spark` as a library function: the stages in order, one generation written per run.

    inputs.read_records   files -> (order, Article | Rejected)        executors read
    keys.grouped          + previous generation, by graph, sorted      one shuffle
    worker.settle_...     copy unchanged, build the rest               executors, model once each
    output.write_*        shards, manifest, invalid, rejects, summary  then CURRENT, last
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from pyspark import RDD, StorageLevel
from pyspark.sql import SparkSession

from kg.extract.nlp import model_version
from kg.model import Rejected
from kg.provenance import run_graph, run_iri
from kg.publish import shard_layout as layout
from kg.settings import Settings
from kg.sources.common import make_options
from kg.spark import output
from kg.spark.inputs import Order, read_records
from kg.spark.keys import article_entries, grouped, previous_entries, rejected_records
from kg.spark.worker import KEPT, UNCHANGED, Context, Row, settle_partition

log = logging.getLogger("kg.spark")
STATUSES = ("built", UNCHANGED, "invalid", "rejected", "failed", "removed", "duplicate")


@dataclass(frozen=True)
class JobOptions:
    """How to run: partitions (None: Spark's default parallelism), prune, rebuild, field map."""

    partitions: int | None = None
    prune: bool = False
    rebuild: bool = False
    fields: Mapping[str, str] | None = None


@dataclass
class SparkSummary:
    """The counts of a run (STATUSES, plus kept), its problems, its generation."""

    generation: Path
    counts: Counter[str] = field(default_factory=Counter)
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # status, origin, reason
    pruning_skipped: bool = False

    @property
    def ok(self) -> bool:
        """True when every graph was built or unchanged."""
        return not any(self.counts[status]
                       for status in ("invalid", "rejected", "failed", "duplicate"))


def run_job(spark: SparkSession, inputs: Sequence[str], out: Path, settings: Settings,
            options: JobOptions = JobOptions(),
            checkpoint: Callable[[str], None] = lambda stage: None) -> SparkSummary:
    """Build `inputs` into a new generation under `out`; never stops on a bad record.

    `checkpoint(stage)` is called after each stage is written (tests use it to kill a run).
    """
    sc = spark.sparkContext
    read_options = make_options(options.fields, settings.max_article_chars)  # fail before work
    version = model_version(settings.model)
    run = run_iri(settings, version)
    previous = None if options.rebuild else layout.current_generation(out)
    generation = layout.next_generation(out)
    partitions = options.partitions or sc.defaultParallelism
    records = read_records(sc, inputs, read_options).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        rejected = rejected_records(records)
        summary = _summary(generation, options, rejected)
        context = Context(settings, str(run), options.prune and not rejected)
        entries = [article_entries(records, settings.base_iri)]
        entries += previous_entries(sc, previous) if previous else []
        rows = grouped(entries, partitions).mapPartitions(partial(settle_partition, context))
        runs = _write(rows.persist(StorageLevel.MEMORY_AND_DISK), summary, rejected, checkpoint)
    finally:
        records.unpersist()
    output.write_run(generation, run, run_graph(run, settings, version, engine="spark"),
                     previous, runs)
    output.write_summary(generation, summary.counts, _details(summary, partitions, str(run)))
    checkpoint("summary")
    layout.make_current(out, generation)
    return summary


def _summary(generation: Path, options: JobOptions, rejected: Sequence[object]) -> SparkSummary:
    summary = SparkSummary(generation, pruning_skipped=options.prune and bool(rejected))
    if summary.pruning_skipped:
        log.warning("not pruning: %d input(s) were rejected, and their articles cannot be told "
                    "apart from removed ones", len(rejected))
    return summary


def _write(rows: RDD[Row], summary: SparkSummary, rejected: list[tuple[Order, Rejected]],
           checkpoint: Callable[[str], None]) -> set[str]:
    """Shards, manifest, counts, invalid articles and rejects; returns the runs the graphs name."""
    generation = summary.generation
    try:
        output.write_parts(rows, "quads", generation / layout.QUADS, layout.SHARD_SUFFIX)
        checkpoint("quads")
        output.write_parts(rows, "manifest", generation / layout.MANIFEST, layout.MANIFEST_SUFFIX)
        checkpoint("manifest")
        summary.counts.update(_count(rows, rejected))
        extras = rows.flatMap(lambda row: ([row.extra] if row.extra else []) + list(row.duplicates))
        problems = output.write_extras(extras.toLocalIterator(), generation, rejected)
        summary.problems = [problem[1:] for problem in problems]
        runs = rows.map(lambda row: _run_of(row.manifest) if row.manifest else "")
        return set(runs.distinct().collect()) - {""}
    finally:
        rows.unpersist()


def _count(rows: RDD[Row], rejected: Sequence[object]) -> Counter[str]:
    """Counts by status; kept graphs count as unchanged too (they are, and were not built)."""
    found = Counter(dict.fromkeys((*STATUSES, KEPT), 0))
    found.update(rows.map(lambda row: row.status).countByValue())
    found["duplicate"] = rows.map(lambda row: len(row.duplicates)).sum()
    found[UNCHANGED] += found[KEPT]
    found["rejected"] += len(rejected)
    return found


def _run_of(manifest_line: str) -> str:
    return manifest_line.rsplit("\t", 1)[1]


def _details(summary: SparkSummary, partitions: int, run: str) -> dict[str, object]:
    return {"generation": summary.generation.name, "run": run, "partitions": partitions,
            "pruning_skipped": summary.pruning_skipped}

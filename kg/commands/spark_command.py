"""`kg spark` (also `python -m kg spark` and `spark-submit kg/commands/spark_submit.py`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.commands import ExitCode, field_mapping, printable, run, settings_options
from kg.publish import shard_layout as layout
from kg.settings import load_settings

if TYPE_CHECKING:
    from kg.spark.job import SparkSummary


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Output directory: generations of N-Quads shards, manifest, rejects.")
@click.option("--master", help="Spark master (default local[2]; under spark-submit, its own).")
@click.option("--partitions", type=click.IntRange(min=1),
              help="Partitions, hence quad shards (default: Spark's default parallelism).")
@click.option("--prune", is_flag=True,
              help="Drop the graphs of articles no longer in the input (not when any input "
                   "was rejected).")
@click.option("--rebuild", is_flag=True, help="Build every article; ignore the previous run.")
@click.option("--field", "fields", multiple=True, metavar="OURS=THEIRS",
              help="Map an input field for JSON Lines/CSV, e.g. --field title=headline.")
@settings_options
def spark(inputs: tuple[str, ...], out: Path, master: str | None, partitions: int | None,
          prune: bool, rebuild: bool, fields: tuple[str, ...], config: Path | None,
          model: str | None, base_iri: str | None) -> None:
    """Build the knowledge graph of INPUTS on Apache Spark into the directory OUT.

    INPUTS are files, directories or globs (expanded as kg build does) or URIs Spark reads
    (hdfs://, s3a://, file://). A second run over the same OUT builds only what changed.

    \b
    Examples:
      kg spark examples/articles --out spark-out
      kg spark news.jsonl --out spark-out --master local[2] --partitions 8 --prune
      spark-submit --master yarn kg/commands/spark_submit.py hdfs:///news/ --out /mnt/kg/out
    """
    from kg.spark.job import JobOptions, run_job  # pyspark only when the command runs
    from kg.spark.session import spark_session

    settings = run(lambda: load_settings(config, model=model, base_iri=base_iri))
    options = JobOptions(partitions, prune, rebuild, run(lambda: field_mapping(fields)))
    out.mkdir(parents=True, exist_ok=True)
    with spark_session(master) as session:
        summary = run(lambda: run_job(session, list(inputs), out, settings, options))
    click.echo(printable(render_summary(summary, out)))
    sys.exit(ExitCode.OK if summary.ok else ExitCode.PARTIAL)


def render_summary(summary: SparkSummary, out: Path) -> str:
    """The counters, where the generation went, and each record not built."""
    counts, generation = summary.counts, summary.generation
    lines = [", ".join(f"{name} {counts[name]}" for name in
                       ("built", "unchanged", "invalid", "rejected", "failed", "removed",
                        "duplicate"))]
    lines.append(f"generation: {generation} (named in {out / layout.CURRENT})")
    lines.append(f"quads: {generation / layout.QUADS}/part-*.nq and {generation / layout.RUN}")
    if summary.pruning_skipped:
        lines.append("not pruned: some input was rejected (a rejected article cannot be told "
                     "apart from a removed one)")
    if summary.problems:
        lines.append(f"not built (details in {generation / layout.REJECTED} and "
                     f"{generation / layout.INVALID}/):")
        lines += [f"  {status}: {origin}: {reason}"
                  for status, origin, reason in summary.problems]
    return "\n".join(lines)


def main() -> None:
    """The command as a program, for spark-submit (kg/commands/spark_submit.py)."""
    spark.main(prog_name="kg spark")

"""`kg build`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from tqdm import tqdm

from kg.build import Summary, Targets
from kg.build import build as build_corpus
from kg.commands import ExitCode, field_mapping, printable, run, settings_options
from kg.commands.stopping import stopping_on_signals
from kg.errors import ConfigError
from kg.settings import load_settings
from kg.sources import read_sources


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--store", type=click.Path(file_okay=False, path_type=Path),
              help="Embedded Oxigraph store directory (default ./kg-store).")
@click.option("--no-store", is_flag=True, help="Do not write to a store (files only).")
@click.option("-o", "--output", "outputs", multiple=True, type=click.Path(path_type=Path),
              help="Also write the graphs to FILE: .nq, .trig (optionally .gz); .ttl or "
                   ".jsonld for one article or a small graph. Repeatable.")
@click.option("--invalid-dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("kg-invalid"), show_default=True,
              help="Where invalid articles (with their SHACL report) and rejects are written.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for the per-article work.")
@click.option("--field", "fields", multiple=True, metavar="OURS=THEIRS",
              help="Map an input field for JSON Lines/CSV, e.g. --field title=headline.")
@click.option("--stdin-format", type=click.Choice(["text", "jsonl", "csv", "tsv"]),
              default="text", show_default=True, help="Format of standard input ('-').")
@click.option("--rebuild", is_flag=True,
              help="Build every article, even those whose stored graph is up to date.")
@click.option("--prune", is_flag=True,
              help="Remove from the store the graphs of articles not in INPUTS.")
@settings_options
def build(inputs: tuple[str, ...], store: Path | None, no_store: bool,
          outputs: tuple[Path, ...], invalid_dir: Path, jobs: int, fields: tuple[str, ...],
          stdin_format: str, rebuild: bool, prune: bool, config: Path | None, model: str | None,
          base_iri: str | None) -> None:
    """Build the knowledge graph of INPUTS (files, directories, globs, or - for stdin).

    Into a store, runs are incremental: an article already built from the same text by the
    same kg, model and settings is skipped (its graph states a digest of its content). Files
    given with -o are written whole, so every article is built then.

    \b
    Examples:
      kg build examples/articles/
      kg build news/ --prune              # again later: only new and changed articles
      kg build news.csv --field text=body --jobs 2 -o graph.nq.gz
      cat story.txt | kg build - --no-store -o story.ttl
    """
    settings = run(lambda: load_settings(config, model=model, base_iri=base_iri, store=store))
    mapping = run(lambda: field_mapping(fields))
    records = run(lambda: read_sources(inputs, mapping, settings.max_article_chars, stdin_format))
    targets = Targets(None if no_store else settings.store, outputs, invalid_dir)
    if prune and targets.store is None:
        run(lambda: _refuse("--prune removes graphs from a store; it cannot go with --no-store"))
    with stopping_on_signals(left_when_stopped(targets)), tqdm(unit=" articles", disable=None,
                                                               file=sys.stderr) as bar:
        summary = run(lambda: build_corpus(records, settings, targets, jobs, lambda _: bar.update(),
                                           rebuild=rebuild, prune=prune))
    click.echo(printable(render_summary(summary, targets)))
    sys.exit(ExitCode.OK if summary.ok else ExitCode.PARTIAL)


def _refuse(message: str) -> None:
    raise ConfigError(message)


def left_when_stopped(targets: Targets) -> str:
    """What a run stopped by a signal leaves behind, in words."""
    said = ["the run did not finish"]
    if targets.outputs:
        said.append("the files given with -o were not written (an earlier version stays)")
    if targets.store:
        said.append(f"the store {targets.store} keeps the articles built so far")
    return "; ".join(said)


def render_summary(summary: Summary, targets: Targets) -> str:
    """The end-of-run summary: counts, where things went, and each problem."""
    counts = summary.counts
    lines = [(f"built {counts['built']}, unchanged {counts['unchanged']}, "
              f"invalid {counts['invalid']}, rejected {counts['rejected']}, "
              f"failed {counts['failed']}, removed {summary.removed}, "
              f"duplicate {counts['duplicate']}")]
    if targets.store:
        lines.append(f"store: {targets.store}")
    lines += [f"file: {path}" for path in targets.outputs]
    if summary.problems:
        lines.append(f"not built (details in {targets.invalid_dir}/):")
        lines += [f"  {status}: {origin}: {reason}" for status, origin, reason in summary.problems]
    return "\n".join(lines)

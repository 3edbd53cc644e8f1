"""`kg stats`."""

from __future__ import annotations

from pathlib import Path

import click

from kg.commands import printable, run
from kg.query import open_dataset
from kg.stats import render_stats
from kg.stats import stats as store_stats


@click.command()
@click.option("--store", type=click.Path(file_okay=False, path_type=Path),
              default=Path("kg-store"), show_default=True, help="The store directory.")
@click.option("--data", "files", multiple=True, type=click.Path(path_type=Path),
              help="Count these RDF files instead of a store. Repeatable.")
@click.option("--top", type=click.IntRange(min=0), default=10, show_default=True,
              help="How many of the most-mentioned entities to list.")
def stats(store: Path, files: tuple[Path, ...], top: int) -> None:
    """Counts of articles, triples, entities by class, and the most-mentioned entities.

    \b
    Examples:
      kg stats
      kg stats --store demo-out/store --top 20
    """
    dataset = run(lambda: open_dataset(None if files else store, list(files)))
    with dataset:
        click.echo(printable(render_stats(run(lambda: store_stats(dataset, top)))), nl=False)

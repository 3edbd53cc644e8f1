"""`kg load`."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from kg.commands import SETTINGS_OPTIONS, ExitCode, printable, run
from kg.publish.load import LoadSummary
from kg.publish.load import load as load_files
from kg.publish.quad_inputs import quad_files
from kg.settings import load_settings
from kg.store import Store


@click.command()
@click.argument("sources", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--store", type=click.Path(file_okay=False, path_type=Path),
              help="Embedded Oxigraph store directory (default ./kg-store).")
@click.option("--prune", is_flag=True,
              help="Remove from the store the article graphs that are not in SOURCES.")
@SETTINGS_OPTIONS[0]
@SETTINGS_OPTIONS[2]
def load(sources: tuple[Path, ...], store: Path | None, prune: bool, config: Path | None,
         base_iri: str | None) -> None:
    """Bulk-load SOURCES (.nq/.trig files, or a kg spark output directory) into the store.

    Each named graph of SOURCES replaces the stored graph of that name; graphs already stored
    from the same content by the same run are left as they are. Oxigraph's bulk loader is
    fast but not transactional: load a store that no server is reading.

    \b
    Examples:
      kg load spark-out/ --store kg-store
      kg load graph.nq.gz --store kg-store --prune
    """
    settings = run(lambda: load_settings(config, base_iri=base_iri, store=store))
    files = run(lambda: quad_files(sources))
    start = time.perf_counter()
    with run(lambda: Store(settings.store)) as target:
        summary = run(lambda: load_files(target, files, settings.base_iri, prune))
    click.echo(printable(render_summary(summary, settings.store, time.perf_counter() - start)))
    sys.exit(ExitCode.OK if summary.ok else ExitCode.PARTIAL)


def render_summary(summary: LoadSummary, store: Path, seconds: float) -> str:
    """Counts, where they went, and every file that could not be read."""
    lines = [(f"loaded {summary.files} file(s), {summary.quads:,} quads, into {store} in "
              f"{seconds:.1f} s: graphs new or replaced {summary.replaced}, unchanged "
              f"{summary.unchanged}, removed {summary.removed}; rejected files "
              f"{len(summary.rejected)}")]
    lines += [f"  rejected: {path}: {reason}" for path, reason in summary.rejected]
    return "\n".join(lines)

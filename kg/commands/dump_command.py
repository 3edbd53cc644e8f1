"""`kg dump`."""

from __future__ import annotations

from pathlib import Path

import click

from kg.commands import run, settings_options
from kg.publish.dump import DumpResult
from kg.publish.dump import dump as dump_store
from kg.query import open_dataset
from kg.settings import load_settings


@click.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path),
                default=Path("kg-dump"))
@click.option("--store", type=click.Path(file_okay=False, path_type=Path),
              help="The store directory (default ./kg-store).")
@click.option("--dump-url", help="Public URL of OUT_DIR (ending in /), for absolute links in "
              "void.ttl and the JSON-LD; default: links relative to the files themselves.")
@click.option("--sparql-endpoint", help="Public SPARQL endpoint URL to name in void.ttl.")
@click.option("--license", "license_", metavar="IRI",
              help="Licence of the data (default https://creativecommons.org/licenses/by/4.0/).")
@click.option("--title", help="Title of the dataset in void.ttl.")
@click.option("--dry-run", is_flag=True, help="Count and list the files; write nothing.")
@settings_options
def dump(out_dir: Path, store: Path | None, dump_url: str | None, sparql_endpoint: str | None,
         license_: str | None, title: str | None, dry_run: bool, config: Path | None,
         model: str | None, base_iri: str | None) -> None:
    """Write the store as Linked Data files to OUT_DIR (default ./kg-dump).

    N-Quads, TriG and JSON-LD of the whole dataset (gzip), one Turtle file per article
    (articles/), the JSON-LD context, void.ttl (VoID and DCAT: counts, licence, dates, the
    files with their sizes and SHA-256) and SHA256SUMS.

    \b
    Examples:
      kg dump
      kg dump site/dump --store demo-out/store --dry-run
      kg dump site/dump --dump-url https://news.example.org/dump/ \\
          --sparql-endpoint https://news.example.org/sparql
    """
    settings = run(lambda: load_settings(
        config, model=model, base_iri=base_iri, store=store, dump_url=dump_url,
        sparql_endpoint=sparql_endpoint, license=license_, dataset_title=title))
    with run(lambda: open_dataset(settings.store, [])) as dataset:
        result = run(lambda: dump_store(dataset, out_dir, settings, dry_run=dry_run))
    click.echo(render_dump(result), nl=False)


def render_dump(result: DumpResult) -> str:
    """What was written (or would be), with sizes, and the dataset's main counts."""
    counts = result.counts
    head = "would write" if result.dry_run else "wrote"
    lines = [(f"{head} {result.out_dir}/: {counts.articles} articles, {counts.triples} "
              f"triples, {counts.subjects} distinct subjects")]
    width = max(len(item.name) for item in result.files)
    for item in result.files:
        size = "" if result.dry_run else f"{item.size:>12,} bytes"
        lines.append(f"  {item.name.ljust(width)}  {size}".rstrip())
    return "\n".join(lines) + "\n"

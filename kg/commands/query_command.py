"""`kg query`."""

from __future__ import annotations

from pathlib import Path

import click

from kg.commands import printable, run
from kg.errors import QueryError
from kg.query import FORMATS, open_dataset, render, run_query


@click.command()
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="Read the query from FILE (.rq).")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path),
              help="Query this store directory (default ./kg-store unless --data is given).")
@click.option("--data", "files", multiple=True, type=click.Path(path_type=Path),
              help="Query these RDF files instead (.nq, .trig, .ttl, .nt, .jsonld, .gz). "
                   "Repeatable.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def query(sparql: str | None, query_file: Path | None, store: Path | None,
          files: tuple[Path, ...], fmt: str) -> None:
    """Run a SPARQL query over the store or over RDF files.

    The default graph is the merge of all article graphs (a triple many articles state counts
    once; GRAPH ?g finds each source), and the project's prefixes (schema:, nif:, itsrdf:,
    kgo:, ...) are predeclared.

    \b
    Examples:
      kg query 'SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }'
      kg query --file examples/queries/people-and-positions.rq --format csv
      kg query --data graph.trig 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
    """
    text = run(lambda: _query_text(sparql, query_file))
    location = None if files else (store or Path("kg-store"))
    dataset = run(lambda: open_dataset(location, list(files)))
    with dataset:
        result = run(lambda: run_query(dataset, text))
    text = render(result, fmt)
    # A table is for a terminal; CSV, TSV and JSON are data (JSON escapes control characters).
    click.echo(printable(text) if fmt == "table" else text, nl=False)


def _query_text(sparql: str | None, query_file: Path | None) -> str:
    if (sparql is None) == (query_file is None):
        raise QueryError("give the query as an argument or with --file, not both or neither")
    return query_file.read_text(encoding="utf-8") if query_file else str(sparql)

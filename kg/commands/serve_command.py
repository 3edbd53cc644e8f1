"""`kg serve`."""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from types import FrameType

import click

from kg.commands import run, settings_options
from kg.serve import serve as serve_store
from kg.serve.config import ServeConfig, parse_bind
from kg.settings import load_settings


@click.command()
@click.option("--store", type=click.Path(file_okay=False, path_type=Path),
              help="Store directory to serve, read-only (default ./kg-store).")
@click.option("--bind", default="127.0.0.1:8000", show_default=True, metavar="HOST:PORT",
              help="Address to listen on (port 0: any free port).")
@click.option("--dumps", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Offer the files of this folder for download under /dumps/.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Stop a query after this many seconds (answered 503).")
@click.option("--limit", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Return at most this many rows or triples (header X-Result-Truncated).")
@click.option("--cors", multiple=True, metavar="ORIGIN",
              help="Let pages from ORIGIN ('*' for any) read the answers. Repeatable.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Query worker processes (queries that run at once).")
@click.option("--allow-service", "services", multiple=True, metavar="ENDPOINT",
              help="Let queries call this SPARQL endpoint with SERVICE (federated queries are "
                   "refused otherwise: the server would fetch any address). Repeatable.")
@settings_options
def serve(store: Path | None, bind: str, dumps: Path | None, timeout: float, limit: int,
          cors: tuple[str, ...], workers: int, services: tuple[str, ...],
          config: Path | None, model: str | None, base_iri: str | None) -> None:
    """Serve the store over HTTP: SPARQL endpoint, Linked Data, HTML pages, dumps.

    /sparql answers the SPARQL 1.1 Protocol (read-only); every data IRI under the base IRI
    answers 303 See Other to its HTML page or its Turtle, N-Triples or JSON-LD document; / lists
    resources by type. The server sees the store as it was when it started.

    \b
    Examples:
      kg serve --store kg-store
      kg serve --bind 0.0.0.0:8080 --base-iri https://news.example.org/id/ --cors '*'
      kg serve --dumps dumps/ --timeout 10 --limit 5000
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 3' \\
           http://127.0.0.1:8000/sparql
    """
    settings = run(lambda: load_settings(config, model=model, base_iri=base_iri, store=store))
    host, port = run(lambda: parse_bind(bind))
    options = ServeConfig(store=settings.store, base_iri=settings.base_iri, host=host, port=port,
                          dumps=dumps, timeout=timeout, limit=limit, cors=cors, workers=workers,
                          services=services)
    # SIGTERM and SIGHUP (its terminal closed) end the server like Ctrl-C does, so that the
    # query workers are stopped and the store's snapshot removed too; under nohup, SIGHUP
    # stays ignored.
    signal.signal(signal.SIGTERM, _interrupt)
    if signal.getsignal(signal.SIGHUP) is not signal.SIG_IGN:
        signal.signal(signal.SIGHUP, _interrupt)
    try:
        run(lambda: serve_store(options, ready=_announce))
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


def _announce(url: str) -> None:
    click.echo(f"serving on {url} (SPARQL endpoint {url}sparql); Ctrl-C to stop", err=True)
    sys.stderr.flush()


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt

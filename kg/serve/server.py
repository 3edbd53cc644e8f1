"""Running the application: a snapshot of the store, the query workers on it, then waitress on
the configured address."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from waitress.server import BaseWSGIServer, create_server

from kg.errors import ConfigError, StoreError
from kg.rdf import PREFIX_IRIS
from kg.serve.app import MAX_BODY, App
from kg.serve.config import ServeConfig, check_config
from kg.serve.queries import QueryRunner
from kg.serve.snapshot import snapshot

PAGE_WORKERS = 1  # page queries are small and bounded: one worker keeps pages answered


def serve(config: ServeConfig, ready: Callable[[str], None] | None = None) -> None:
    """Serve until interrupted; `ready` is called with the server's URL once it listens."""
    config = check_config(config)
    # Waitress warns of its queue depth on every request that waits: under load, thousands of
    # lines that say nothing is wrong. A busy SPARQL pool is answered 503 on its own.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    # Every worker of both pools opens one snapshot, taken now: one server, one view, however
    # many workers are replaced while a build writes into the store (kg.serve.snapshot).
    with snapshot(config.store) as view:
        _serve_view(config, view, ready)


def _serve_view(config: ServeConfig, view: Path, ready: Callable[[str], None] | None) -> None:
    # Pages have a worker of their own, so that SPARQL queries, however slow, never hold them
    # up; a SPARQL request that finds its pool busy answers 503 at once rather than queueing.
    pages = QueryRunner(view, PREFIX_IRIS, PAGE_WORKERS, config.timeout)
    try:
        sparql = QueryRunner(view, PREFIX_IRIS, config.workers, config.timeout, wait=False)
    except StoreError:
        pages.close()
        raise
    try:
        server = _listen(config, App(config, pages, sparql))
        if ready is not None:
            ready(f"http://{config.host}:{server.effective_port}/")
        server.run()
    finally:
        sparql.close()
        pages.close()


def _listen(config: ServeConfig, app: App) -> BaseWSGIServer:
    try:
        # Threads beyond the workers answer the requests that need no query (dumps).
        return create_server(app, host=config.host, port=config.port,
                             threads=config.workers + PAGE_WORKERS + 2, ident="kg",
                             max_request_body_size=MAX_BODY)
    except OSError as error:
        raise ConfigError(f"cannot listen on {config.host}:{config.port}: {error}",
                          hint="choose another address or port in the bind setting",
                          settings=("bind",)) from error

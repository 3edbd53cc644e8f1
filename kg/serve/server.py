"""Running the application: the query workers, then waitress on the configured address."""

from __future__ import annotations

from collections.abc import Callable

from waitress.server import create_server

from kg.errors import ConfigError
from kg.rdf import PREFIX_IRIS
from kg.serve.app import App
from kg.serve.config import ServeConfig, check_config
from kg.serve.queries import QueryRunner


def serve(config: ServeConfig, ready: Callable[[str], None] | None = None) -> None:
    """Serve until interrupted; `ready` is called with the server's URL once it listens."""
    config = check_config(config)
    runner = QueryRunner(config.store, PREFIX_IRIS, config.workers, config.timeout)
    try:
        try:
            # Threads beyond the workers answer the requests that need no query (dumps).
            server = create_server(App(config, runner), host=config.host, port=config.port,
                                   threads=config.workers + 2, ident="kg")
        except OSError as error:
            raise ConfigError(f"cannot listen on {config.host}:{config.port}: {error}",
                              hint="choose another address or port in the bind setting",
                              settings=("bind",)) from error
        if ready is not None:
            ready(f"http://{config.host}:{server.effective_port}/")
        server.run()
    finally:
        runner.close()

"""`kg serve`: the store over HTTP: SPARQL Protocol, dereferenceable IRIs, HTML pages, dumps.

Kept free of imports: query worker processes import `kg.serve.worker`, and with it this file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.serve.config import ServeConfig


def serve(config: ServeConfig, ready: Callable[[str], None] | None = None) -> None:
    """Serve the store of `config` until interrupted (waitress, the production WSGI server);
    `ready` is called with the server's URL once it listens."""
    from kg.serve.server import serve as run_server

    run_server(config, ready)

"""What `kg serve` is told: the store, the address, the IRI base, and the query limits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from kg.errors import ConfigError, StoreError


@dataclass(frozen=True)
class ServeConfig:
    """One server's settings; `base_iri` is the base of the data IRIs it answers for."""

    store: Path
    base_iri: str = "https://w3id.org/kg-news/id/"
    host: str = "127.0.0.1"
    port: int = 8000
    dumps: Path | None = None
    timeout: float = 30.0
    limit: int = 10_000
    cors: tuple[str, ...] = ()
    workers: int = 2
    services: tuple[str, ...] = ()  # endpoints a query may call with SERVICE; none by default

    @property
    def base_path(self) -> str:
        """The path part of the base IRI: where the server answers for the data IRIs."""
        return urlsplit(self.base_iri).path


def check_config(config: ServeConfig) -> ServeConfig:
    """`config` if it can be served, else a ConfigError or StoreError saying why."""
    parts = urlsplit(config.base_iri)
    if parts.scheme not in ("http", "https") or not parts.netloc or not parts.path.endswith("/"):
        raise ConfigError(f"base IRI {config.base_iri!r} cannot be served",
                          hint="give an http(s) IRI ending in '/', e.g. https://example.org/id/")
    if parts.query or parts.fragment:
        raise ConfigError(f"base IRI {config.base_iri!r} has a query or fragment")
    if not (config.store / "CURRENT").is_file():
        # Oxigraph would create an empty store in any directory; refuse rather than serve nothing.
        raise StoreError(f"no store at {config.store}",
                         hint="build into it first, or set the store setting to a built store",
                         settings=("store",))
    if config.dumps is not None and not config.dumps.is_dir():
        raise ConfigError(f"dumps folder {config.dumps} does not exist or is not a folder")
    if config.timeout <= 0 or config.limit <= 0 or config.workers <= 0:
        raise ConfigError("the timeout, limit and workers settings must be positive",
                          settings=("timeout", "limit", "workers"))
    return config


def parse_bind(bind: str) -> tuple[str, int]:
    """(host, port) of "HOST:PORT" ("127.0.0.1:8000", "[::1]:8000")."""
    host, sep, port = bind.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) < 65536:
        raise ConfigError(f"cannot read the address {bind!r}",
                          hint="use HOST:PORT, e.g. 127.0.0.1:8000")
    return host.strip("[]"), int(port)

"""Talking to a remote endpoint: connection settings, retries with back-off, and what an
HTTP status means.

The transports (push_update.py: SPARQL 1.1 Update through SPARQLWrapper; push_gsp.py: the
Graph Store HTTP Protocol through requests) raise the same errors: EndpointError when no
request can succeed (unreachable, wrong credentials, no such endpoint: the push stops),
RequestRefused when this request failed but the next one may not (the graph is counted as
failed, the push goes on).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kg.errors import EndpointError, KgError, RequestRefused

log = logging.getLogger("kg.push")
AuthKind = Literal["basic", "digest"]
_FATAL_STATUS = {401: "refused the credentials", 403: "does not allow this user to write",
                 404: "does not exist", 405: "does not accept this method"}
_HINTS = {401: ("check the user, password and auth settings (Virtuoso's /sparql-auth wants digest)",
                ("user", "password", "auth")),
          403: ("grant write access (Virtuoso: GRANT SPARQL_UPDATE TO \"SPARQL\")", ()),
          404: ("check the URL: Oxigraph updates at /update and stores graphs at /store", ()),
          405: ("check the method setting: update wants an Update URL, gsp a Graph Store URL",
                ("method",))}

# The hint of a failed TLS check, and the settings it speaks of.
TLS_HINT = ("give the server's CA in the ca_bundle setting (or the insecure one, not advised)",
            ("ca_bundle", "insecure"))


@dataclass(frozen=True)
class Connection:
    """Where and how to connect: URL, credentials, TLS, time-out and retries."""

    url: str
    user: str | None = None
    password: str | None = None
    auth: AuthKind = "basic"
    token: str | None = None
    ca_bundle: Path | None = None
    insecure: bool = False
    timeout: float = 60.0
    retries: int = 4
    backoff: float = 0.5  # seconds before the first retry; doubled after each

    def verify(self) -> bool | str:
        """The `verify` argument of requests: a CA bundle, or on/off."""
        return False if self.insecure else (str(self.ca_bundle) if self.ca_bundle else True)


def with_retries(connection: Connection, what: str, send: Callable[[], None]) -> int:
    """Call `send`, retrying connection errors and 5xx with exponential back-off; the
    number of attempts it took. Raises EndpointError or RequestRefused."""
    for attempt in range(connection.retries + 1):
        try:
            send()
            return attempt + 1
        except Retryable as error:
            if attempt == connection.retries:
                raise error.final(connection, what) from error
            delay = connection.backoff * 2 ** attempt
            log.warning("%s: %s; retrying in %.1f s", what, error.reason, delay)
            time.sleep(delay)
    raise AssertionError("unreachable")  # the loop returns or raises


class Retryable(Exception):
    """A failure worth retrying: connection error, time-out, garbage or a 5xx."""

    def __init__(self, reason: str, unreachable: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.unreachable = unreachable

    def final(self, connection: Connection, what: str) -> KgError:
        tries = f"after {connection.retries + 1} attempts"
        if self.unreachable:
            return EndpointError(f"cannot reach {connection.url} ({what}): {self.reason} {tries}",
                                 hint="is the server running? check the URL and port; a push "
                                 "run again resumes where this one stopped")
        return RequestRefused(f"{connection.url} failed {what}: {self.reason} {tries}")


def check_status(connection: Connection, what: str, status: int, body: bytes,
                 location: str | None = None) -> None:
    """Turn an HTTP status into success, a retry, or a clear error."""
    if 200 <= status < 300:
        return
    text = body.decode("utf-8", "replace").strip()[:400]
    if status >= 500:
        raise Retryable(f"HTTP {status} {text}", unreachable=False)
    if status in _FATAL_STATUS:
        raise EndpointError(f"{connection.url} {_FATAL_STATUS[status]} (HTTP {status}) for {what}"
                            f"{': ' + text if text else ''}", *_HINTS[status])
    if 300 <= status < 400:
        # Following a redirect would turn a POST or PUT into a GET that "succeeds".
        raise EndpointError(f"{connection.url} redirects (HTTP {status}) to {location}",
                            hint="push to the URL it redirects to")
    hint = ("lower the batch_size setting", ("batch_size",)) if status == 413 else ("", ())
    raise RequestRefused(f"{connection.url} refused {what} (HTTP {status}): {text}", *hint)


def not_an_endpoint(connection: Connection, status: int, media_type: str,
                    protocol: str) -> EndpointError:
    """The error of a URL that answered success to a request every endpoint refuses."""
    answer = f"HTTP {status}" + (f" {media_type}" if media_type else "")
    return EndpointError(f"{connection.url} is not a {protocol} endpoint: it answered {answer} "
                         f"to a request that is not {protocol}, which an endpoint refuses",
                         hint="check the URL: a web page, login portal or proxy answers success "
                         "to anything, and would take every graph without storing it")


def garbage(error: Exception) -> Retryable:
    return Retryable(f"the answer is not HTTP ({type(error).__name__}: {error})",
                      unreachable=False)

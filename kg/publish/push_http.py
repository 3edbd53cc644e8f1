"""Talking to a remote endpoint: authentication, TLS, time-outs, retries with back-off.

Two transports: SPARQL 1.1 Update through SPARQLWrapper, and the Graph Store HTTP Protocol
through requests. Both raise the same errors: EndpointError when no request can succeed
(unreachable, wrong credentials, no such endpoint: the push stops), RequestRefused when this
request failed but the next one may not (the graph is counted as failed, the push goes on).
"""

from __future__ import annotations

import http.client
import logging
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import requests
from SPARQLWrapper import POST, POSTDIRECTLY, SPARQLWrapper

from kg.errors import KgError

log = logging.getLogger("kg.push")
AuthKind = Literal["basic", "digest"]
_FATAL_STATUS = {401: "refused the credentials", 403: "does not allow this user to write",
                 404: "does not exist", 405: "does not accept this method"}
_HINTS = {401: "check --user/--password and --auth (Virtuoso's /sparql-auth wants digest)",
          403: "grant write access (Virtuoso: GRANT SPARQL_UPDATE TO \"SPARQL\")",
          404: "check the URL: Oxigraph updates at /update and stores graphs at /store",
          405: "check --method: update wants a SPARQL Update URL, gsp a Graph Store URL"}

_TLS_HINT = "give the server's CA with --ca-bundle (or --insecure, not advised)"


class EndpointError(KgError):
    """The endpoint cannot be used at all: unreachable, refuses us, or is not one."""

    code = "KG500"


class RequestRefused(KgError):
    """One request failed for good (a 4xx, or a 5xx or garbage after every retry)."""

    code = "KG510"


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
        except _Retryable as error:
            if attempt == connection.retries:
                raise error.final(connection, what) from error
            delay = connection.backoff * 2 ** attempt
            log.warning("%s: %s; retrying in %.1f s", what, error.reason, delay)
            time.sleep(delay)
    raise AssertionError("unreachable")  # the loop returns or raises


class _Retryable(Exception):
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
        raise _Retryable(f"HTTP {status} {text}", unreachable=False)
    if status in _FATAL_STATUS:
        raise EndpointError(f"{connection.url} {_FATAL_STATUS[status]} (HTTP {status}) for {what}"
                            f"{': ' + text if text else ''}", hint=_HINTS[status])
    if 300 <= status < 400:
        # Following a redirect would turn a POST or PUT into a GET that "succeeds".
        raise EndpointError(f"{connection.url} redirects (HTTP {status}) to {location}",
                            hint="push to the URL it redirects to")
    hint = "lower --batch-size" if status == 413 else ""
    raise RequestRefused(f"{connection.url} refused {what} (HTTP {status}): {text}", hint=hint)


def _garbage(error: Exception) -> _Retryable:
    return _Retryable(f"the answer is not HTTP ({type(error).__name__}: {error})",
                      unreachable=False)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # the 3xx comes back as an HTTPError, and check_status explains it


class UpdateClient:
    """Sends SPARQL 1.1 Update requests (POST, application/sparql-update) via SPARQLWrapper."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._opener = _opener(connection)

    def send(self, update: str, what: str) -> int:
        """Send one update request; the number of attempts it took."""
        return with_retries(self.connection, what, lambda: self._send_once(update, what))

    def _send_once(self, update: str, what: str) -> None:
        wrapper = _Wrapper(self.connection.url, self._opener)
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(POSTDIRECTLY)
        wrapper.setTimeout(max(1, round(self.connection.timeout)))
        if self.connection.user and self.connection.auth == "basic":
            wrapper.setCredentials(self.connection.user, self.connection.password or "")
        if self.connection.token:
            wrapper.addCustomHttpHeader("Authorization", f"Bearer {self.connection.token}")
        wrapper.setQuery(update)
        try:
            with wrapper.query().response as response:
                check_status(self.connection, what, response.status, response.read())
        except urllib.error.HTTPError as error:
            check_status(self.connection, what, error.code, error.read(), error.headers["Location"])
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            raise _connection_failure(self.connection, error) from error
        except http.client.HTTPException as error:
            raise _garbage(error) from error


def _connection_failure(connection: Connection, error: OSError) -> Exception:
    reason = getattr(error, "reason", error)
    if isinstance(reason, ssl.SSLError):
        return EndpointError(f"TLS check of {connection.url} failed: {reason}", hint=_TLS_HINT)
    if isinstance(reason, TimeoutError):
        return _Retryable(f"no answer within {connection.timeout} s", unreachable=False)
    return _Retryable(str(reason), unreachable=True)


class _Wrapper(SPARQLWrapper):
    """SPARQLWrapper with our own urllib opener.

    SPARQLWrapper 2.0 opens connections with urllib's global opener and, for digest
    authentication, replaces that global opener; an opener of our own keeps the TLS settings
    and credentials to this push, and refuses redirects.
    """

    def __init__(self, url: str, opener: urllib.request.OpenerDirector) -> None:
        super().__init__(url, updateEndpoint=url)
        self._opener = opener

    def _query(self) -> tuple[http.client.HTTPResponse, str]:
        response = self._opener.open(self._createRequest(), timeout=self.timeout)
        return response, self.returnFormat


def _opener(connection: Connection) -> urllib.request.OpenerDirector:
    context = ssl.create_default_context(cafile=str(connection.ca_bundle)
                                         if connection.ca_bundle else None)
    if connection.insecure:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    handlers: list[urllib.request.BaseHandler] = [
        urllib.request.HTTPSHandler(context=context), _NoRedirect()]
    if connection.user and connection.auth == "digest":
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, connection.url, connection.user, connection.password or "")
        handlers.append(urllib.request.HTTPDigestAuthHandler(passwords))
    return urllib.request.build_opener(*handlers)


class GraphStoreClient:
    """Replaces graphs with the Graph Store HTTP Protocol: PUT ?graph=<g> as N-Triples."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._session = requests.Session()
        self._session.verify = connection.verify()
        if connection.user:
            kind = requests.auth.HTTPDigestAuth if connection.auth == "digest" else \
                requests.auth.HTTPBasicAuth
            self._session.auth = kind(connection.user, connection.password or "")
        if connection.token:
            self._session.headers["Authorization"] = f"Bearer {connection.token}"

    def put(self, graph: str, body: bytes, what: str) -> int:
        """PUT one graph; the number of attempts it took."""
        return with_retries(self.connection, what, lambda: self._put_once(graph, body, what))

    def _put_once(self, graph: str, body: bytes, what: str) -> None:
        try:
            response = self._session.put(
                self.connection.url, params={"graph": graph}, data=body,
                headers={"Content-Type": "application/n-triples; charset=utf-8"},
                timeout=self.connection.timeout, allow_redirects=False)
        except requests.exceptions.SSLError as error:
            raise EndpointError(f"TLS check of {self.connection.url} failed: {error}",
                                hint=_TLS_HINT) from error
        except requests.exceptions.Timeout as error:
            raise _Retryable(f"no answer within {self.connection.timeout} s",
                             unreachable=False) from error
        except requests.exceptions.ConnectionError as error:
            if isinstance(error.__context__, http.client.HTTPException) or \
                    "BadStatusLine" in str(error):
                raise _garbage(error) from error
            raise _Retryable(str(error), unreachable=True) from error
        check_status(self.connection, what, response.status_code, response.content,
                     response.headers.get("Location"))

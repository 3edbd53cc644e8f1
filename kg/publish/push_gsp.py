"""The Graph Store HTTP Protocol through requests: one PUT of N-Triples per graph."""

from __future__ import annotations

import http.client
import warnings

import requests
import urllib3

from kg.errors import EndpointError
from kg.publish.push_http import (
    TLS_HINT,
    Connection,
    Retryable,
    check_status,
    garbage,
    with_retries,
)


class GraphStoreClient:
    """Replaces graphs with the Graph Store HTTP Protocol: PUT ?graph=<g> as N-Triples."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._session = requests.Session()
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
        with warnings.catch_warnings():
            if self.connection.insecure:  # said once by kg push, not once per request
                warnings.simplefilter("ignore", urllib3.exceptions.InsecureRequestWarning)
            self._check(what, self._send(graph, body))

    def _send(self, graph: str, body: bytes) -> requests.Response:
        try:
            return self._session.put(
                self.connection.url, params={"graph": graph}, data=body,
                headers={"Content-Type": "application/n-triples; charset=utf-8"},
                timeout=self.connection.timeout, allow_redirects=False,
                # Per request: a session's `verify` loses to REQUESTS_CA_BUNDLE in requests.
                verify=self.connection.verify())
        except requests.exceptions.SSLError as error:
            raise EndpointError(f"TLS check of {self.connection.url} failed: {error}",
                                *TLS_HINT) from error
        except requests.exceptions.Timeout as error:
            raise Retryable(f"no answer within {self.connection.timeout} s",
                             unreachable=False) from error
        except requests.exceptions.ConnectionError as error:
            if isinstance(error.__context__, http.client.HTTPException) or \
                    "BadStatusLine" in str(error):
                raise garbage(error) from error
            raise Retryable(str(error), unreachable=True) from error

    def _check(self, what: str, response: requests.Response) -> None:
        check_status(self.connection, what, response.status_code, response.content,
                     response.headers.get("Location"))

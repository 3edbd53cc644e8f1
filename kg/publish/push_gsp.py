"""The Graph Store HTTP Protocol through requests: one PUT of N-Triples per graph, and a GET to
count what the store holds."""

from __future__ import annotations

import http.client
import warnings

import pyoxigraph as ox
import requests
import urllib3

from kg.errors import EndpointError, RequestRefused
from kg.publish.push_http import (
    TLS_HINT,
    Connection,
    Retryable,
    check_status,
    garbage,
    not_an_endpoint,
    with_retries,
)

# What the protocol answers a PUT that stored the graph: 201 for a new one, 200 or 204 for a
# replaced one. A 202 (accepted, to be done later) or other 2xx has not stored it yet.
STORED = {200, 201, 204}
# Not N-Triples: every Graph Store refuses it (see GraphStoreClient.probe).
PROBE = b"<kg push probe: this body is not N-Triples and must be refused\n"


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

    def probe(self, graph: str) -> None:
        """PUT a body that is not N-Triples into `graph`; raise EndpointError if it succeeds:
        a store parses what it stores, while a web page or proxy answers success to anything."""
        try:
            response = self._request("PUT", graph, PROBE)
        except Retryable:
            return  # unreachable or failing now: the first graph's request says so, with retries
        if 200 <= response.status_code < 300:
            raise not_an_endpoint(self.connection, response.status_code,
                                  response.headers.get("Content-Type", ""), "Graph Store")

    def count(self, graph: str) -> int:
        """The number of triples the store holds in `graph` (GET, parsed), retried as PUTs are."""
        what = f"GET graph <{graph}>"
        found: list[int] = []
        with_retries(self.connection, what, lambda: found.append(self._count_once(graph, what)))
        return found[-1]

    def _count_once(self, graph: str, what: str) -> int:
        response = self._request("GET", graph, None)
        if response.status_code == 404:
            return 0  # no such graph: it holds nothing
        check_status(self.connection, what, response.status_code, response.content,
                     response.headers.get("Location"))
        media_type = response.headers.get("Content-Type", "").split(";")[0].strip()
        try:
            fmt = ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.N_TRIPLES
            return sum(1 for _ in ox.parse(response.content, fmt))
        except (SyntaxError, ValueError) as error:
            raise RequestRefused(f"{self.connection.url} answered {what} with what is not RDF "
                                 f"({media_type or 'no type'}): {error}") from error

    def _put_once(self, graph: str, body: bytes, what: str) -> None:
        self._check(what, self._request("PUT", graph, body))

    def _request(self, method: str, graph: str, body: bytes | None) -> requests.Response:
        with warnings.catch_warnings():
            if self.connection.insecure:  # said once by kg push, not once per request
                warnings.simplefilter("ignore", urllib3.exceptions.InsecureRequestWarning)
            return self._send(method, graph, body)

    def _send(self, method: str, graph: str, body: bytes | None) -> requests.Response:
        headers = {"Accept": "application/n-triples"} if body is None else \
            {"Content-Type": "application/n-triples; charset=utf-8"}
        try:
            return self._session.request(
                method, self.connection.url, params={"graph": graph}, data=body,
                headers=headers, timeout=self.connection.timeout, allow_redirects=False,
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
        status = response.status_code
        check_status(self.connection, what, status, response.content,
                     response.headers.get("Location"))
        if status not in STORED:
            raise RequestRefused(f"{self.connection.url} answered HTTP {status} to the PUT of "
                                 f"{what}: not 200, 201 or 204, so the graph is not stored yet")

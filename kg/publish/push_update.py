"""SPARQL 1.1 Update requests through SPARQLWrapper, with our own TLS settings and
credentials, and no redirects."""

from __future__ import annotations

import http.client
import json
import ssl
import urllib.error
import urllib.request
from email.message import Message
from typing import IO, Any

from SPARQLWrapper import INSERT, JSON, POST, POSTDIRECTLY, SPARQLWrapper

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

# Not SPARQL: every SPARQL Update endpoint refuses it (see UpdateClient.probe).
PROBE = "kg push probe: this request is not SPARQL Update and must be refused"


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

    def probe(self) -> None:
        """Send one request that is not SPARQL Update; raise EndpointError if it succeeds.

        The protocol leaves the body of a successful update to the server (Oxigraph answers
        204, Virtuoso a result set, Fuseki and Blazegraph an HTML page), so a success cannot
        be told by its content. What every SPARQL endpoint does is refuse what it cannot
        parse; a URL that answers success to anything (a web page, a login portal, a proxy's
        catch-all) would "accept" every graph and have the journal skip them next time.
        """
        try:
            status, media_type, _body, _location = self._exchange(self._update(PROBE))
        except Retryable:
            return  # unreachable or failing now: the first graph's request says so, with retries
        if 200 <= status < 300:
            raise not_an_endpoint(self.connection, status, media_type, "SPARQL Update")

    def count(self, graph: str, query_url: str) -> int:
        """The number of triples in `graph` at the endpoint, by a SPARQL query at `query_url`,
        retried as updates are."""
        what = f"the count of graph {graph} at {query_url}"
        found: list[int] = []
        with_retries(self.connection, what,
                     lambda: found.append(self._count_once(graph, query_url, what)))
        return found[-1]

    def _count_once(self, graph: str, query_url: str, what: str) -> int:
        wrapper = self._wrapper(query_url)
        wrapper.setQuery(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
        wrapper.setReturnFormat(JSON)
        status, _type, body, location = self._exchange(wrapper)
        check_status(self.connection, what, status, body, location)
        try:
            answer = json.loads(body)
            return int(answer["results"]["bindings"][0]["n"]["value"])
        except (ValueError, LookupError, TypeError) as error:
            raise RequestRefused(f"{query_url} did not answer {what} with SPARQL JSON results: "
                                 f"{type(error).__name__}: {error}",
                                 hint="give the endpoint's query URL in the query_url setting",
                                 settings=("query_url",)) from error

    def _send_once(self, update: str, what: str) -> None:
        status, _type, body, location = self._exchange(self._update(update))
        check_status(self.connection, what, status, body, location)

    def _update(self, update: str) -> _Wrapper:
        """The request of one update: POSTed as application/sparql-update to the URL."""
        wrapper = self._wrapper(self.connection.url)
        wrapper.setRequestMethod(POSTDIRECTLY)
        wrapper.set_update(update)
        return wrapper

    def _exchange(self, wrapper: _Wrapper) -> tuple[int, str, bytes, str | None]:
        """Send the request; (status, media type, body, Location) of the answer, whatever the
        status. Raises Retryable or EndpointError when no HTTP answer came."""
        try:
            with wrapper.query().response as response:
                return response.status, _media_type(response.headers), response.read(), None
        except urllib.error.HTTPError as error:
            return (error.code, _media_type(error.headers), error.read(),
                    error.headers["Location"])
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            raise _connection_failure(self.connection, error) from error
        except http.client.HTTPException as error:
            raise garbage(error) from error

    def _wrapper(self, url: str) -> _Wrapper:
        wrapper = _Wrapper(url, self._opener)
        wrapper.setMethod(POST)
        wrapper.setTimeout(max(1, round(self.connection.timeout)))
        if self.connection.user and self.connection.auth == "basic":
            wrapper.setCredentials(self.connection.user, self.connection.password or "")
        if self.connection.token:
            wrapper.addCustomHttpHeader("Authorization", f"Bearer {self.connection.token}")
        return wrapper


def _media_type(headers: Message) -> str:
    return headers.get_content_type() if headers.get("Content-Type") else ""


def _connection_failure(connection: Connection, error: OSError) -> Exception:
    reason = getattr(error, "reason", error)
    if isinstance(reason, ssl.SSLError):
        return EndpointError(f"TLS check of {connection.url} failed: {reason}", *TLS_HINT)
    if isinstance(reason, TimeoutError):
        return Retryable(f"no answer within {connection.timeout} s", unreachable=False)
    return Retryable(str(reason), unreachable=True)


class _Wrapper(SPARQLWrapper):
    """SPARQLWrapper with our own urllib opener.

    SPARQLWrapper 2.0 opens connections with urllib's global opener and, for digest
    authentication, replaces that global opener; an opener of our own keeps the TLS settings
    and credentials to this push, and refuses redirects.
    """

    def __init__(self, url: str, opener: urllib.request.OpenerDirector) -> None:
        super().__init__(url, updateEndpoint=url)
        self._opener = opener

    def set_update(self, update: str) -> None:
        """Set the update text without SPARQLWrapper's query-type sniffing, whose regular
        expressions over a large INSERT DATA took half the time of a push."""
        self.queryString = update
        self.queryType = INSERT  # an update type: the request goes out as an update

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
        handlers.append(_DigestOnce(passwords))
    return urllib.request.build_opener(*handlers)


class _DigestOnce(urllib.request.HTTPDigestAuthHandler):
    """Digest authentication that takes the first refusal of its answer as final (urllib's
    own handler answers the same challenge up to six times with the same wrong password)."""

    def http_error_401(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                       headers: http.client.HTTPMessage) -> Any:
        if req.get_header(self.auth_header):
            raise urllib.error.HTTPError(req.full_url, 401, "digest credentials refused",
                                         headers, fp)
        return super().http_error_401(req, fp, code, msg, headers)

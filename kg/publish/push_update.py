"""SPARQL 1.1 Update requests through SPARQLWrapper, with our own TLS settings and
credentials, and no redirects."""

from __future__ import annotations

import http.client
import ssl
import urllib.error
import urllib.request
from typing import IO, Any

from SPARQLWrapper import INSERT, POST, POSTDIRECTLY, SPARQLWrapper

from kg.errors import EndpointError
from kg.publish.push_http import (
    TLS_HINT,
    Connection,
    Retryable,
    check_status,
    garbage,
    with_retries,
)


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
        wrapper.set_update(update)
        try:
            with wrapper.query().response as response:
                check_status(self.connection, what, response.status, response.read())
        except urllib.error.HTTPError as error:
            check_status(self.connection, what, error.code, error.read(), error.headers["Location"])
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            raise _connection_failure(self.connection, error) from error
        except http.client.HTTPException as error:
            raise garbage(error) from error


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

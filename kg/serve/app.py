"""The WSGI application: routes, dereferenceable IRIs (303 See Other), pages, CORS, errors."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, RequestRedirect, Rule
from werkzeug.wrappers import Request, Response

from kg.errors import KgError
from kg.query import shorten
from kg.rdf import PREFIX_IRIS
from kg.serve import catalog
from kg.serve.config import ServeConfig
from kg.serve.dumps import list_dumps, send_dump
from kg.serve.errors import HttpProblem
from kg.serve.links import Linker
from kg.serve.pages import render
from kg.serve.queries import QueryRunner
from kg.serve.resources import Resources
from kg.serve.sparql import (
    LIMIT_HEADER,
    TRUNCATED_HEADER,
    answer_query,
    refuse_deep,
    refuse_services,
    sparql_query,
)

log = logging.getLogger(__name__)
_EXAMPLE = """SELECT ?name (COUNT(DISTINCT ?event) AS ?events) WHERE {
  ?event kgo:participant ?who . ?who a schema:Person ; schema:name ?name .
} GROUP BY ?name ORDER BY DESC(?events) LIMIT 20"""
_EXPOSED = f"{LIMIT_HEADER}, {TRUNCATED_HEADER}"
StartResponse = Callable[..., Any]
_NO_DUMPS = "the server was started without a dumps folder (the dumps setting)"
MAX_BODY = 2_000_000  # bytes of a request body: a query of a few thousand lines fits


class App:
    """`kg serve`'s WSGI application over a QueryRunner."""

    def __init__(self, config: ServeConfig, runner: QueryRunner,
                 sparql: QueryRunner | None = None) -> None:
        # `runner` answers the pages; `sparql` (by default the same) the SPARQL endpoint.
        self.config, self.runner, self.sparql = config, runner, sparql or runner
        self.linker = Linker(config.base_iri, config.base_path)
        self.resources = Resources(runner, self.linker, config, self._page)
        self._counts: list[catalog.Count] | None = None  # the data does not change: count once
        read = ["GET"]  # and HEAD, which werkzeug adds
        self.urls = Map([
            Rule("/", endpoint="index", methods=read),
            Rule("/sparql", endpoint="sparql", methods=["GET", "POST"]),
            Rule("/search", endpoint="search", methods=read),
            Rule("/browse", endpoint="browse", methods=read),
            Rule("/dumps/", endpoint="dumps", methods=read),
            Rule("/dumps/<path:name>", endpoint="dump", methods=read),
            Rule(f"{config.base_path}<path:rest>", endpoint="resource", methods=read),
        ])

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        request = Request(environ)
        request.max_content_length = MAX_BODY  # a larger body answers 413 before it is read
        response = self.dispatch(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        self._cors(request, response)
        return response(environ, start_response)

    def dispatch(self, request: Request) -> Response:
        """The response to `request`; every failure becomes a status with a clear message."""
        if request.method == "OPTIONS":
            return self._preflight(request)
        try:
            endpoint, args = self.urls.bind_to_environ(request.environ).match()
            handler: Callable[..., Response] = getattr(self, f"on_{endpoint}")
            return handler(request, **args)
        except HttpProblem as problem:
            return self._problem(request, problem)
        except RequestRedirect as error:  # "//" merged into "/": a redirect, not a problem
            return error.get_response(request.environ)
        except HTTPException as error:
            allow = ", ".join(getattr(error, "valid_methods", None) or [])
            return self._problem(request, HttpProblem(error.code or 500, error.description or "",
                                                      headers={"Allow": allow} if allow else {}))
        except KgError as error:
            log.error("request %s failed: %s", request.path, error)
            return self._problem(request, HttpProblem(500, error.message, error.hint))

    def on_index(self, request: Request) -> Response:
        if self._counts is None:
            self._counts = catalog.type_counts(self.runner, self.linker)
        return self._page("index.html", "Index", counts=self._counts)

    def on_sparql(self, request: Request) -> Response:
        query = sparql_query(request)
        if query is None:
            if request.accept_mimetypes.best_match(["text/plain", "text/html"]) == "text/html":
                return self._page("sparql.html", "SPARQL", example=_EXAMPLE,
                                  limit=self.config.limit, timeout=f"{self.config.timeout:g}",
                                  prefixes=sorted(PREFIX_IRIS), endpoint=request.base_url)
            raise HttpProblem(400, "no query given", "send ?query=... (GET) or POST a query")
        refuse_deep(query)
        refuse_services(query, self.config.services)
        return answer_query(request, query, self.sparql, self.config.limit)

    def on_search(self, request: Request) -> Response:
        text = request.args.get("q", "").strip()
        if len(text) > catalog.SEARCH_MAX:
            raise HttpProblem(400, f"search text longer than {catalog.SEARCH_MAX} characters")
        results = catalog.search(self.runner, self.linker, text) if text else []
        return self._page("search.html", "Search", results=results, search_text=text)

    def on_browse(self, request: Request) -> Response:
        type_iri = request.args.get("type", "")
        offset = request.args.get("offset", "0")
        if not offset.isdigit() or len(offset) > 9:
            raise HttpProblem(400, f"offset {offset[:40]!r} is not a number below 10^9")
        try:
            ox.NamedNode(type_iri)
        except ValueError as error:
            raise HttpProblem(400, f"type {type_iri!r} is not an IRI: {error}") from error
        items, more = catalog.members(self.runner, self.linker, type_iri, int(offset))
        at = int(offset)

        def url(start: int) -> str:
            return "/browse?" + urlencode({"type": type_iri, "offset": start})

        return self._page("browse.html", shorten(type_iri), items=items, type_iri=type_iri,
                          previous=url(max(0, at - catalog.PAGE_SIZE)) if at else None,
                          next=url(at + catalog.PAGE_SIZE) if more else None)

    def on_dumps(self, request: Request) -> Response:
        if self.config.dumps is None:
            raise HttpProblem(404, "this server has no dumps", _NO_DUMPS)
        return self._page("dumps.html", "Downloads", files=list_dumps(self.config.dumps))

    def on_dump(self, request: Request, name: str) -> Response:
        if self.config.dumps is None:
            raise HttpProblem(404, "this server has no dumps", _NO_DUMPS)
        return send_dump(request, self.config.dumps, name)

    def on_resource(self, request: Request, rest: str) -> Response:
        return self.resources.answer(request, rest)

    def _page(self, template: str, title: str, code: int = 200, **context: Any) -> Response:
        return render(template, code, title=title, has_dumps=self.config.dumps is not None,
                      **context)

    def _problem(self, request: Request, problem: HttpProblem) -> Response:
        wants_html = request.path != "/sparql" and request.accept_mimetypes.best_match(
            ["text/plain", "text/html"]) == "text/html"
        if wants_html:
            response = self._page("error.html", str(problem.status), problem.status,
                                  status=problem.status, message=problem.message, hint=problem.hint)
        else:
            response = Response(problem.text(), problem.status,
                                content_type="text/plain; charset=utf-8")
        response.headers.update(problem.headers)
        return response

    def _preflight(self, request: Request) -> Response:
        response = Response(status=204)
        response.headers["Allow"] = "GET, HEAD, POST, OPTIONS"
        if self.config.cors:
            response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = request.headers.get(
                "Access-Control-Request-Headers", "Accept, Content-Type")
            response.headers["Access-Control-Max-Age"] = "600"
        return response

    def _cors(self, request: Request, response: Response) -> None:
        origin = request.headers.get("Origin")
        if "*" in self.config.cors:
            response.headers["Access-Control-Allow-Origin"] = "*"
        elif origin and origin in self.config.cors:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.vary.add("Origin")
        else:
            return
        response.headers["Access-Control-Expose-Headers"] = _EXPOSED

"""The SPARQL 1.1 Protocol, read-only: GET and POST queries; updates are refused."""

from __future__ import annotations

import re

import pyoxigraph as ox
from werkzeug.wrappers import Request, Response

from kg.rdf import PREFIX_IRIS
from kg.serve.errors import HttpProblem
from kg.serve.negotiate import query_formats
from kg.serve.queries import QueryFailed, QueryRunner, QueryTimeout, ServerBusy
from kg.serve.query_text import nesting_depth, service_targets
from kg.serve.worker import Answer, Task

# A prologue (comments, PREFIX, BASE), then an update operation's first keyword. A query can
# never start so, so this tells an update from a malformed query before any parsing.
_UPDATE = re.compile(
    r"\A(?:\s+|#[^\n]*(?:\n|\Z)|PREFIX\s*[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)
_FORM = "application/x-www-form-urlencoded"
LIMIT_HEADER = "X-Result-Limit"
TRUNCATED_HEADER = "X-Result-Truncated"
MAX_DEPTH = 256  # nested (), {}, []: far beyond any real query, far below a stack overflow


def sparql_query(request: Request) -> str | None:
    """The query text of a protocol request, or None when there is none (show the form)."""
    kind = request.mimetype
    posted_update = request.method == "POST" and kind == "application/sparql-update"
    if posted_update or "update" in request.values:
        raise _read_only("SPARQL Update")
    if request.method == "POST" and kind == "application/sparql-query":
        return request.get_data(as_text=True)
    if request.method == "POST" and kind not in (_FORM, "multipart/form-data"):
        raise HttpProblem(415, f"cannot read a query sent as {kind or 'no content type'}",
                          f"POST the query as application/sparql-query or as {_FORM} (query=...)")
    query = request.values.get("query")
    if query is not None and (match := _UPDATE.match(query)):
        raise _read_only(f"the update operation {match.group(1).upper()}")
    return query


def refuse_deep(query: str) -> None:
    """A 400 for a query nested deeper than MAX_DEPTH, before any parser sees it."""
    depth = nesting_depth(query)
    if depth > MAX_DEPTH:
        raise HttpProblem(400, f"the query nests {depth} levels deep; this endpoint reads at "
                               f"most {MAX_DEPTH}", "write the query with fewer nested groups")


def refuse_services(query: str, allowed: tuple[str, ...]) -> None:
    """A 403 for a query whose SERVICE clauses call an endpoint not `allowed` (a variable
    endpoint is never allowed): the server itself would send those requests."""
    refused = [target for target in service_targets(query, PREFIX_IRIS) if target not in allowed]
    if refused:
        where = f"allowed endpoints: {', '.join(allowed)}" if allowed else "none are allowed"
        raise HttpProblem(403, f"this endpoint does not call other endpoints: SERVICE to "
                               f"{', '.join(refused)} is refused", f"federated queries: {where}")


def answer_query(request: Request, query: str, runner: QueryRunner, limit: int) -> Response:
    """Run `query` as the request asks and answer it (results, graph or boolean)."""
    words = request.values.getlist("format") + request.values.getlist("output")
    results_format, graph_format = query_formats(request.accept_mimetypes, words)
    task = Task(query, mode="protocol", results_format=results_format, graph_format=graph_format,
                limit=limit, default_graphs=_iris(request, "default-graph-uri"),
                named_graphs=_iris(request, "named-graph-uri"))
    answer = run_or_problem(runner, task)
    response = Response(answer.body, content_type=answer.media_type)
    response.headers[LIMIT_HEADER] = str(limit)
    response.headers[TRUNCATED_HEADER] = "true" if answer.truncated else "false"
    response.vary.add("Accept")
    return response


def run_or_problem(runner: QueryRunner, task: Task) -> Answer:
    """The runner's answer, or the HTTP problem that says why there is none."""
    try:
        return runner.run(task)
    except QueryFailed as error:
        raise HttpProblem(400 if error.kind == "syntax" else 500, error.message,
                          error.hint) from error
    except QueryTimeout as error:
        raise HttpProblem(503, error.message, error.hint) from error
    except ServerBusy as error:
        raise HttpProblem(503, error.message, error.hint, {"Retry-After": "5"}) from error


def _iris(request: Request, name: str) -> tuple[str, ...]:
    values = tuple(request.values.getlist(name))
    for value in values:
        try:
            ox.NamedNode(value)
        except ValueError as error:
            raise HttpProblem(400, f"{name} {value!r} is not an IRI: {error}") from error
    return values


def _read_only(what: str) -> HttpProblem:
    return HttpProblem(403, f"this endpoint is read-only: {what} is refused",
                       "update the store with kg build, then restart kg serve")

"""The data IRIs under the base IRI: 303 See Other to their documents, and the documents
(HTML, Turtle, N-Triples, JSON-LD, RDF/XML), as the W3C note "Cool URIs for the Semantic Web"
describes for slash IRIs."""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from kg.serve.config import ServeConfig
from kg.serve.describe import describe
from kg.serve.errors import HttpProblem
from kg.serve.links import Linker
from kg.serve.negotiate import DOCUMENT_FORMATS, DOCUMENT_TYPES, document_suffix
from kg.serve.queries import QueryRunner
from kg.serve.sparql import TRUNCATED_HEADER, run_or_problem
from kg.serve.worker import Task

_EXISTS = "ASK { { ?r ?p ?o } UNION { ?s ?p ?r } }"
# A resource's data: its triples as subject and as object; an article's also describe its
# mentions, whose hash IRIs (article#char=b,e) dereference to the article's document.
_DATA = """CONSTRUCT { ?r ?p ?o . ?s ?q ?r . ?m ?mp ?mo } WHERE {
  { ?r ?p ?o } UNION { ?s ?q ?r } UNION { ?m nif:referenceContext ?r ; ?mp ?mo } }"""
_DATA_TYPES = [(kind, suffix) for kind, suffix in DOCUMENT_TYPES.items() if suffix != "html"]


class Resources:
    """Answers the paths under the base IRI's path."""

    def __init__(self, runner: QueryRunner, linker: Linker, config: ServeConfig,
                 page: Callable[..., Response]) -> None:
        self.runner, self.linker, self.config, self.page = runner, linker, config, page

    def answer(self, request: Request, rest: str) -> Response:
        """A document (`rest` ends in .html, .ttl, ...), or a 303 from the resource to one."""
        stem, dot, suffix = rest.rpartition(".")
        # Slugs and digests never hold a dot, so a suffix always names a document.
        if dot and (suffix == "html" or suffix in DOCUMENT_FORMATS):
            return self._document(self._iri(stem), suffix)
        iri = self._iri(rest)
        if not self.runner.run(Task(_EXISTS, bindings={"r": ox.NamedNode(iri)})).boolean:
            raise _missing(iri)
        target = self.linker.page(iri, document_suffix(request.accept_mimetypes))
        response = redirect(target or "/", code=303)
        response.vary.add("Accept")
        return response

    def _document(self, iri: str, suffix: str) -> Response:
        if suffix == "html":
            page = describe(self.runner, self.linker, iri)
            if page is None:
                raise _missing(iri)
            links = [(kind, self.linker.page(iri, s)) for kind, s in _DATA_TYPES]
            response = self.page("resource.html", page.title, page=page, data_links=links)
        else:
            task = Task(_DATA, mode="protocol", graph_format=DOCUMENT_FORMATS[suffix],
                        limit=self.config.limit, bindings={"r": ox.NamedNode(iri)})
            answer = run_or_problem(self.runner, task)
            if answer.count == 0:
                raise _missing(iri)
            response = Response(answer.body, content_type=answer.media_type)
            response.headers[TRUNCATED_HEADER] = "true" if answer.truncated else "false"
        response.vary.add("Accept")
        return response

    def _iri(self, rest: str) -> str:
        iri = f"{self.config.base_iri}{rest}"
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise HttpProblem(404, f"no resource {iri!r}: not an IRI") from None
        return iri


def _missing(iri: str) -> HttpProblem:
    return HttpProblem(404, f"no resource {iri}", "search for names from the index page")

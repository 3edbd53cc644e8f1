"""Content negotiation: which serialisation a client asked for, by Accept or by `format`."""

from __future__ import annotations

from werkzeug.datastructures import MIMEAccept

from kg.serve.errors import HttpProblem

# Media type -> pyoxigraph QueryResultsFormat name; the first is the default.
RESULT_TYPES = {
    "application/sparql-results+json": "JSON",
    "application/sparql-results+xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
    "application/json": "JSON",
    "application/xml": "XML",
    "text/xml": "XML",
}
# Media type -> pyoxigraph RdfFormat name, for CONSTRUCT and DESCRIBE.
GRAPH_TYPES = {
    "text/turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "application/ld+json": "JSON_LD",
    "application/rdf+xml": "RDF_XML",
    "application/turtle": "TURTLE",
    "application/x-turtle": "TURTLE",
    "text/n3": "TURTLE",  # Turtle is N3 without its extensions
    "text/plain": "N_TRIPLES",
    "application/json": "JSON_LD",
}
# The `format` (or `output`) parameter's short names -> (results format, graph format); the
# same word means a results format for SELECT and a graph format for CONSTRUCT, as SPARQLWrapper
# and Virtuoso use it.
FORMAT_WORDS = {
    "json": ("JSON", "JSON_LD"),
    "xml": ("XML", "RDF_XML"),
    "csv": ("CSV", "N_TRIPLES"),
    "tsv": ("TSV", "N_TRIPLES"),
    "turtle": ("JSON", "TURTLE"),
    "ttl": ("JSON", "TURTLE"),
    "n3": ("JSON", "TURTLE"),
    "nt": ("TSV", "N_TRIPLES"),
    "ntriples": ("TSV", "N_TRIPLES"),
    "n-triples": ("TSV", "N_TRIPLES"),
    "json-ld": ("JSON", "JSON_LD"),
    "jsonld": ("JSON", "JSON_LD"),
    "rdf": ("XML", "RDF_XML"),
    "rdf+xml": ("XML", "RDF_XML"),
}
# A resource IRI's documents: media type -> file suffix (Cool URIs, 303 See Other).
DOCUMENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/turtle": "ttl",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdf",
}
DOCUMENT_FORMATS = {"ttl": "TURTLE", "nt": "N_TRIPLES", "jsonld": "JSON_LD", "rdf": "RDF_XML"}


def query_formats(accept: MIMEAccept, words: list[str]) -> tuple[str, str]:
    """(results format, graph format) for a query, from `format` words first, then Accept."""
    for word in words:
        word = word.strip().lower()
        if word in FORMAT_WORDS:
            return FORMAT_WORDS[word]
        kind = word.split(";")[0].strip()
        if kind in RESULT_TYPES or kind in GRAPH_TYPES:
            return RESULT_TYPES.get(kind, "JSON"), GRAPH_TYPES.get(kind, "TURTLE")
    if words:
        raise HttpProblem(400, f"unknown result format {words[0]!r}",
                          f"use one of {', '.join(FORMAT_WORDS)} or a media type")
    if not accept:
        return "JSON", "TURTLE"
    results = accept.best_match(list(RESULT_TYPES))
    graph = accept.best_match(list(GRAPH_TYPES))
    if results is None and graph is None:
        raise HttpProblem(406, f"cannot answer in any of the accepted types ({accept})",
                          f"accept one of {', '.join(RESULT_TYPES)} or {', '.join(GRAPH_TYPES)}")
    return RESULT_TYPES.get(results or "", "JSON"), GRAPH_TYPES.get(graph or "", "TURTLE")


def document_suffix(accept: MIMEAccept) -> str:
    """The suffix of the document a client accepting `accept` should be sent to (HTML first)."""
    if not accept:
        return "html"
    best = accept.best_match(list(DOCUMENT_TYPES))
    if best is None:
        raise HttpProblem(406, f"no document of this resource in any accepted type ({accept})",
                          f"accept one of {', '.join(DOCUMENT_TYPES)}")
    return DOCUMENT_TYPES[best]

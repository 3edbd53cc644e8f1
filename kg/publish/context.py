"""JSON-LD: the published context of kg's vocabulary, and a dataset compacted with it, streamed.

pyoxigraph writes JSON-LD in expanded form only (full IRIs, no context), which a reader of
`schema:name` does not want. So the dump is written here, a graph at a time in the order the
store's index yields them, as compact JSON-LD whose `@context` is a reference to the
published context.jsonld: nothing corpus-sized is ever held in memory.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import attrgetter
from typing import IO, Any

import pyoxigraph as ox

from kg.errors import StoreError
from kg.namespaces import RDF, XSD
from kg.rdf import PREFIX_IRIS

CONTEXT_FILE = "context.jsonld"
_TYPE, _STRING = str(RDF.type), str(XSD.string)
_NAMES = {iri: name for name, iri in PREFIX_IRIS.items()}
# One regular expression, longest namespace first, so that an IRI gets the most specific
# prefix: a million IRIs are compacted per million triples.
_NAMESPACE = re.compile("|".join(map(re.escape, sorted(_NAMES, key=len, reverse=True))))
_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))

JsonNode = dict[str, Any]


def context_document() -> dict[str, Any]:
    """The JSON-LD context of kg's vocabulary: one prefix per entry of PREFIXES."""
    return {"@context": dict(PREFIX_IRIS)}


def context_bytes() -> bytes:
    """context.jsonld as published: the context document, indented, newline-terminated."""
    return (json.dumps(context_document(), indent=2, ensure_ascii=False) + "\n").encode()


def compact(iri: str) -> str:
    """`iri` as a compact IRI (`schema:name`) when a prefix of the context covers it."""
    found = _NAMESPACE.match(iri)
    if found is None:
        return iri
    suffix = iri[found.end():]
    # A suffix starting with "//" would read as an absolute IRI: JSON-LD keeps those whole.
    return iri if suffix.startswith("//") else f"{_NAMES[found.group()]}:{suffix}"


class JsonLdWriter:
    """Writes one compact JSON-LD document, a graph at a time, using the context at IRI
    `context` (a relative IRI resolves against the document, as JSON-LD says)."""

    def __init__(self, stream: IO[bytes], context: str) -> None:
        self.stream = stream
        self.first = True
        stream.write(f'{{"@context":{_JSON.encode(context)},"@graph":[\n'.encode())

    def write(self, graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph,
              quads: Iterable[ox.Quad]) -> None:
        """Append graph `graph`; quads of one subject should come together, as a store index
        gives them (otherwise the subject's node appears twice, which JSON-LD merges)."""
        lines = ",\n".join(_nodes(quads))
        if not isinstance(graph, ox.DefaultGraph):
            lines = f'{{"@id":{_JSON.encode(_id(graph))},"@graph":[\n{lines}]}}'
        self.stream.write((("" if self.first else ",\n") + lines).encode())
        self.first = False

    def close(self) -> None:
        """End the document."""
        self.stream.write(b"\n]}\n")


def write_jsonld(quads: Iterable[ox.Quad], stream: IO[bytes], context: str) -> None:
    """Write `quads`, graph by graph as they come, as one compact JSON-LD document."""
    writer = JsonLdWriter(stream, context)
    for graph, members in groupby(quads, key=attrgetter("graph_name")):
        writer.write(graph, members)
    writer.close()


def _nodes(quads: Iterable[ox.Quad]) -> Iterator[str]:
    """One JSON line per subject. The innermost loop of a dump, so written out flat."""
    for subject, statements in groupby(quads, key=attrgetter("subject")):
        node: JsonNode = {"@id": _id(subject)}
        for quad in statements:
            predicate, value = quad.predicate.value, quad.object
            if isinstance(value, ox.Literal):
                node.setdefault(compact(predicate), []).append(_literal(value))
            elif predicate == _TYPE:
                node.setdefault("@type", []).append(_id(value))
            else:
                node.setdefault(compact(predicate), []).append({"@id": _id(value)})
        yield _JSON.encode(node)


def _id(term: ox.NamedNode | ox.BlankNode | ox.DefaultGraph | ox.Triple) -> str:
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    raise StoreError(f"cannot write {term} as JSON-LD: kg dumps hold IRIs, blank nodes and "
                     "literals only")


def _literal(term: ox.Literal) -> Any:
    if term.language:
        return {"@value": term.value, "@language": term.language}
    datatype = term.datatype.value
    # Values stay strings with their datatype: JSON numbers would not round-trip exactly.
    return term.value if datatype == _STRING else {"@value": term.value, "@type": compact(datatype)}

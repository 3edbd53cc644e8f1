"""The only bridge between rdflib and Oxigraph terms, and the only table of RDF formats.

kg builds each article's graph with rdflib (mapping) and stores, writes and queries with
pyoxigraph (Rust, fast). Terms cross here, in one place; so does every decision about what an
RDF file's name says (format, gzip) and how its quads are read.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import KgError, StoreError
from kg.namespaces import PREFIXES, XSD

OxTerm = ox.NamedNode | ox.Literal

# Prefix name -> IRI, the form pyoxigraph's serializers and query parser take.
PREFIX_IRIS: dict[str, str] = {name: str(namespace) for name, namespace in PREFIXES.items()}

# The formats that carry named graphs: what kg streams article graphs to and reads them from.
QUAD_FORMATS = (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)
QUAD_SUFFIXES = (".nq", ".trig", ".nq.gz", ".trig.gz")


def to_ox(term: Node) -> OxTerm:
    """The pyoxigraph term for an rdflib IRI or literal; blank nodes are refused."""
    if isinstance(term, URIRef | Literal):
        return cast(OxTerm, _convert(term))
    # The output contract has no blank nodes: a blank node here is a mapping bug.
    raise StoreError(f"cannot store {type(term).__name__} {term!r}: kg graphs have no blank nodes",
                     hint="mint an IRI for the node in kg/ids.py")


def to_ox_any(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term for any rdflib term, blank nodes included (shapes, vocabularies)."""
    return _convert(term)


def _convert(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    try:
        if isinstance(term, URIRef):
            return ox.NamedNode(term)
        if isinstance(term, BNode):
            return ox.BlankNode(term)
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(term, language=term.language)
            if term.datatype:
                return ox.Literal(term, datatype=ox.NamedNode(term.datatype))
            return ox.Literal(term)
    except ValueError as error:
        raise StoreError(f"invalid RDF term {term!r}: {error}") from error
    raise StoreError(f"cannot convert {type(term).__name__} {term!r} to an RDF term")


def iri_problem(text: str) -> str | None:
    """Why `text` is not an absolute IRI as RDF takes it (RFC 3987), or None if it is one.

    Oxigraph's own parser decides: what passes here is what the store and files accept later.
    """
    try:
        ox.NamedNode(text)
    except ValueError as error:
        return str(error)
    return None


def to_iri(term: Node) -> ox.NamedNode:
    """The pyoxigraph IRI for a subject, predicate or graph name (all IRIs in kg data)."""
    node = to_ox(term)
    if not isinstance(node, ox.NamedNode):
        raise StoreError(f"expected an IRI, got the literal {term!r}")
    return node


def to_ox_triples(graph: Graph) -> list[ox.Triple]:
    """The graph's triples as pyoxigraph triples, sorted so that output is deterministic."""
    triples = [ox.Triple(to_iri(s), to_iri(p), to_ox(o)) for s, p, o in graph]
    triples.sort(key=str)
    return triples


def to_rdflib(term: object) -> Node:
    """The rdflib term for a pyoxigraph IRI, blank node or literal."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    assert isinstance(term, ox.Literal), term
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)  # rdflib tells "x" from "x"^^xsd:string; RDF 1.1 does not
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def rdf_format(path: Path) -> tuple[ox.RdfFormat, bool]:
    """The RDF format named by `path`'s suffix, and whether the file is gzipped."""
    gzipped = path.suffix == ".gz"
    suffix = Path(path.stem).suffix if gzipped else path.suffix
    found = ox.RdfFormat.from_extension(suffix.lstrip(".")) if suffix else None
    if found is None:
        raise StoreError(f"cannot tell the RDF format of {path} from its name",
                         hint="use .nq, .trig, .ttl, .nt or .jsonld, optionally with .gz")
    return found, gzipped


def open_rdf(path: Path) -> IO[bytes]:
    """The bytes of an RDF file, un-gzipped if its name ends in .gz."""
    _, gzipped = rdf_format(path)
    return cast(IO[bytes], gzip.open(path, "rb")) if gzipped else path.open("rb")


def read_quads(path: Path, error: type[KgError]) -> Iterator[ox.Quad]:
    """The quads of an RDF file (any format, maybe gzipped), streamed; a bad file raises
    `error` naming it and the parser's line."""
    fmt, _ = rdf_format(path)
    try:
        with open_rdf(path) as handle:
            yield from ox.parse(handle, format=fmt)
    except (SyntaxError, ValueError, OSError, EOFError) as problem:  # OSError, EOF: bad gzip
        raise error(f"cannot read {path}: {problem}") from problem

"""`kg query`: SPARQL over the store or over files, with results as data, then as text."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.ontology import store_ontology
from kg.publish.files import serialize, turtle
from kg.rdf import PREFIX_IRIS
from kg.store import Store

Kind = Literal["select", "ask", "graph"]
FORMATS = ("table", "csv", "json", "tsv")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_CELL_MAX = 80  # table cells are cut here so that article texts do not swamp the terminal
_LITERAL = re.compile(r'"(.*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?', re.DOTALL)
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_LOCAL_NAME = re.compile(r"\w(?:[\w.-]*[\w-])?")
# Longest namespace first, so that an IRI gets the most specific prefix.
_BY_LENGTH = sorted(((ns, name) for name, ns in PREFIX_IRIS.items()), key=lambda p: -len(p[0]))
_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


@dataclass(frozen=True)
class QueryResult:
    """A query's answer. Terms are strings in N-Triples syntax (`<iri>`, `"text"@en`, `_:b0`)."""

    kind: Kind
    variables: tuple[str, ...] = ()
    rows: list[tuple[str | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[str, str, str]] = field(default_factory=list)


def open_dataset(store: Path | None, files: Sequence[Path]) -> Store:
    """The store directory to query, or an in-memory store holding `files`."""
    if store is not None and files:
        raise QueryError("give either a store or files to query, not both")
    if files:
        dataset = Store(None)
        for path in files:
            if not path.is_file():
                raise StoreError(f"no file {path} to query")
            dataset.load_file(path)
        store_ontology(dataset)  # as `kg build` does
        dataset.merge_graphs()
        return dataset
    if store is None:
        raise QueryError("nothing to query", hint="set the store setting, or give RDF files",
                         settings=("store",))
    if not (store / "CURRENT").is_file():
        # Oxigraph would create a store in any directory given, and answer nothing;
        # CURRENT is the file every (RocksDB-backed) Oxigraph store directory has.
        raise StoreError(f"no store at {store}", settings=("store",),
                         hint="build into it first, or set the store setting to a built store")
    return Store(store)


def run_query(dataset: Store, sparql: str) -> QueryResult:
    """Run `sparql`; the default graph is the merge of the named graphs (a set)."""
    answer = dataset.query(sparql)
    try:
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            # A graph is a set: a CONSTRUCT may build one triple from several solutions.
            triples = {(str(t.subject), str(t.predicate), str(t.object)) for t in answer}
            return QueryResult("graph", triples=sorted(triples))
        names = tuple(variable.value for variable in answer.variables)
        rows = [tuple(_text(solution[name]) for name in names) for solution in answer]
    except OSError as error:  # pyoxigraph evaluates lazily: store errors surface here
        raise StoreError(f"cannot run the query: {error}") from error
    return QueryResult("select", variables=names, rows=rows)


def render(result: QueryResult, fmt: str = "table") -> str:
    """The result as text: table, csv, tsv or json (SPARQL 1.1 results); graphs as RDF."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown result format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
    if result.kind == "graph":
        return _render_graph(result, fmt)
    if result.kind == "ask":
        return _json_ask(result) if fmt == "json" else ("true\n" if result.boolean else "false\n")
    renderers = {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json}
    return renderers[fmt](result)


def term_parts(term: str) -> tuple[str, str, str | None, str | None]:
    """(type, value, datatype, language) of an N-Triples term; type is uri, literal or bnode."""
    if term.startswith("<"):
        return "uri", term[1:-1], None, None
    if term.startswith("_:"):
        return "bnode", term[2:], None, None
    match = _LITERAL.fullmatch(term)
    if match is None:
        raise QueryError(f"not an N-Triples term: {term!r}")
    value, language, datatype = match.groups()
    return "literal", _ESCAPE.sub(_unescape, value), datatype, language


def shorten(iri: str) -> str:
    """`schema:Person` for `https://schema.org/Person`; other IRIs unchanged."""
    for namespace, name in _BY_LENGTH:
        local = iri[len(namespace):]
        if iri.startswith(namespace) and _LOCAL_NAME.fullmatch(local):
            return f"{name}:{local}"
    return iri


def _text(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str | None:
    return None if term is None else str(term)


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    return chr(int(code[1:], 16)) if code[0] in "uU" and len(code) > 1 else _ESCAPES.get(code, code)


def _cell(term: str | None) -> str:
    if term is None:
        return ""
    kind, value, _, language = term_parts(term)
    text = shorten(value) if kind == "uri" else f"_:{value}" if kind == "bnode" else value
    text = (f"{text}@{language}" if language else text).replace("\n", " ")
    return text if len(text) <= _CELL_MAX else text[:_CELL_MAX - 1] + "…"


def _table(result: QueryResult) -> str:
    cells = [[_cell(term) for term in row] for row in result.rows]
    header = [f"?{name}" for name in result.variables]
    widths = [max([len(header[i])] + [len(row[i]) for row in cells]) for i in range(len(header))]
    lines = [header, ["-" * width for width in widths], *cells]
    text = "\n".join("  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip() for line in lines)
    count = len(result.rows)
    return f"{text}\n({count} row{'s' if count != 1 else ''})\n"


def _csv(result: QueryResult) -> str:
    # SPARQL 1.1 CSV: plain values (IRI, lexical form, _:label), CRLF line ends.
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else _plain(t) for t in row])
    return out.getvalue()


def _plain(term: str) -> str:
    kind, value, _, _ = term_parts(term)
    return f"_:{value}" if kind == "bnode" else value


def _tsv(result: QueryResult) -> str:
    # SPARQL 1.1 TSV: terms in N-Triples syntax, which already escapes tabs and new lines.
    lines = ["\t".join(f"?{name}" for name in result.variables)]
    lines += ["\t".join(t or "" for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _json(result: QueryResult) -> str:
    bindings = [{name: _json_term(term) for name, term in zip(result.variables, row)
                 if term is not None} for row in result.rows]
    document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _json_term(term: str) -> dict[str, str]:
    kind, value, datatype, language = term_parts(term)
    entry = {"type": kind, "value": value}
    if language:
        entry["xml:lang"] = language
    elif datatype and datatype != _XSD_STRING:
        entry["datatype"] = datatype
    return entry


def _json_ask(result: QueryResult) -> str:
    return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"


def _render_graph(result: QueryResult, fmt: str) -> str:
    """CONSTRUCT/DESCRIBE: Turtle for table, JSON-LD for json, N-Triples for csv and tsv."""
    ntriples = "".join(f"{s} {p} {o} .\n" for s, p, o in result.triples)
    if fmt in ("csv", "tsv"):
        return ntriples
    triples = [quad.triple for quad in ox.parse(ntriples, ox.RdfFormat.N_TRIPLES)]
    if fmt == "json":
        return serialize(triples, ox.RdfFormat.JSON_LD) + "\n"
    return turtle(triples)

"""Terms as things a page shows: a label, and a link to the local page or the outside IRI."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from kg.query import shorten
from kg.serve.queries import QueryRunner
from kg.serve.worker import Task, Term

# A resource without a name of its own (an event) is called by its class and its IRI's end.
_LABELS = """SELECT ?x ?p ?label WHERE {
  VALUES ?x { %s }
  { VALUES ?p { schema:name schema:headline rdfs:label schema:text } ?x ?p ?label }
  UNION { ?x a ?class . ?class rdfs:label ?label BIND(rdf:type AS ?p) } }"""
# Which label wins when a resource has several kinds.
_LABEL_RANK = {"https://schema.org/name": 0, "https://schema.org/headline": 1,
               "http://www.w3.org/2000/01/rdf-schema#label": 2, "https://schema.org/text": 3,
               "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": 4}
_LABEL_MAX = 120
_BATCH = 400  # IRIs per VALUES block: keeps each query small


@dataclass(frozen=True)
class Link:
    """A term to show: `text`, and `href` when it is an IRI (a local page or the IRI itself)."""

    text: str
    href: str | None = None
    iri: str | None = None
    note: str = ""  # the language or datatype of a literal


class Linker:
    """Makes links for the data IRIs under `base_iri`, served under `base_path`."""

    def __init__(self, base_iri: str, base_path: str) -> None:
        self.base_iri, self.base_path = base_iri, base_path

    def page(self, iri: str, suffix: str = "html") -> str | None:
        """The local document of `iri` (a hash IRI's is its base's), or None if not ours."""
        if not iri.startswith(self.base_iri):
            return None
        local, _, fragment = iri[len(self.base_iri):].partition("#")
        href = f"{self.base_path}{local}.{suffix}"
        return f"{href}#{fragment}" if fragment else href

    def link(self, term: Term, labels: dict[str, str] | None = None) -> Link:
        """The link for an IRI (its label when known) or the text of a literal."""
        if isinstance(term, ox.NamedNode):
            label = (labels or {}).get(term.value) or shorten(term.value)
            return Link(label, self.page(term.value) or term.value, term.value)
        if isinstance(term, ox.Literal):
            note = term.language or shorten(term.datatype.value)
            return Link(term.value, note="" if note == "xsd:string" else note)
        return Link(str(term))


def labels_of(runner: QueryRunner, iris: Iterable[str]) -> dict[str, str]:
    """A readable label for each IRI that has one (name, headline, rdfs:label, text)."""
    ranked: dict[str, tuple[int, str]] = {}
    unique = sorted(set(iris))
    for start in range(0, len(unique), _BATCH):
        values = " ".join(str(ox.NamedNode(iri)) for iri in unique[start:start + _BATCH])
        answer = runner.run(Task(_LABELS % values, limit=_BATCH * 20))
        for row in answer.rows:
            rank, text = _LABEL_RANK[row["p"].value], row["label"].value
            if rank == 4:
                text = f"{text} ({row['x'].value.rstrip('/').rsplit('/', 1)[-1]})"
            if rank < ranked.get(row["x"].value, (99, ""))[0]:
                ranked[row["x"].value] = (rank, _cut(text))
    return {iri: text for iri, (_, text) in ranked.items()}


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _LABEL_MAX else text[:_LABEL_MAX - 1] + "…"

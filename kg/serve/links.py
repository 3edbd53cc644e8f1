"""Terms as things a page shows: a label, and a link to the local page or the outside IRI."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from kg.query import shorten
from kg.serve.queries import QueryRunner
from kg.serve.worker import Task, Term

# Label patterns, best first. A resource without a name of its own (an event) is called by its
# class and the end of its IRI. One query per pattern: Oxigraph does not push a VALUES block
# into the branches of a UNION, and the union of these took 40 times as long.
_LABELS = ["?x schema:name ?label", "?x schema:headline ?label", "?x rdfs:label ?label",
           "?x schema:text ?label", "?x a ?class . ?class rdfs:label ?label"]
_QUERY = "SELECT ?x ?label WHERE { VALUES ?x { %s } %s }"
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
    """A readable label for each IRI that has one (name, headline, rdfs:label, text, class)."""
    labels: dict[str, str] = {}
    wanted = set(iris)
    for rank, pattern in enumerate(_LABELS):
        missing = sorted(wanted - labels.keys())
        for start in range(0, len(missing), _BATCH):
            values = " ".join(str(ox.NamedNode(iri)) for iri in missing[start:start + _BATCH])
            answer = runner.run(Task(_QUERY % (values, pattern), limit=_BATCH * 20))
            for row in answer.rows:
                iri, text = row["x"].value, row["label"].value
                if rank == len(_LABELS) - 1:
                    text = f"{text} ({iri.rstrip('/').rsplit('/', 1)[-1]})"
                labels.setdefault(iri, _cut(text))
    return labels


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _LABEL_MAX else text[:_LABEL_MAX - 1] + "…"

"""The events a resource took part in, its quotations, and the claims by and about it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.namespaces import KGO, RDF, SDO
from kg.serve.links import Link, Linker
from kg.serve.queries import QueryRunner
from kg.serve.sentences import Sentence, Sentences, spans_of
from kg.serve.worker import Task, Term

_ROLES = "SELECT ?p WHERE { ?p rdfs:subPropertyOf+ kgo:participant }"
_FACTS = """SELECT ?x ?p ?o WHERE { VALUES ?x { %s } ?x ?p ?o
  FILTER(?p != prov:wasDerivedFrom) } LIMIT 20000"""
_MAX = 200  # statements of each kind on one page
_KINDS = {str(KGO.participant): "events", str(SDO.creator): "quotations",
          str(SDO.author): "claims_by", str(SDO.about): "claims_about"}


@dataclass
class Row:
    """One event, quotation or claim as a line of a table."""

    link: Link
    kinds: list[Link] = field(default_factory=list)
    date: str = ""
    text: str = ""
    roles: list[Link] = field(default_factory=list)  # the resource's own roles in an event
    others: list[tuple[Link, Link]] = field(default_factory=list)  # (role, participant)
    places: list[Link] = field(default_factory=list)
    about: list[Link] = field(default_factory=list)
    sentence: Sentence | None = None


@dataclass
class Statements:
    """The rows of each section, and the incoming (subject, property) pairs they show."""

    subject: str
    iris: dict[str, list[str]]
    roles_of: dict[str, list[str]]
    facts: dict[str, list[tuple[str, Term]]]
    roles: set[str]
    shown: set[tuple[str, str]]
    rows: dict[str, list[Row]] = field(default_factory=dict)

    def terms(self) -> list[Term]:
        """Every term the rows show (to fetch their labels in one go)."""
        return [ox.NamedNode(p) for p in self.roles] + [
            o for facts in self.facts.values() for _, o in facts] + [
            ox.NamedNode(i) for iris in self.iris.values() for i in iris]

    def build(self, runner: QueryRunner, linker: Linker, labels: dict[str, str],
              sentences: Sentences) -> None:
        """Make the rows, with the sentence each statement came from."""
        # An event's sentence has its trigger marked; a quotation's or claim's, its evidence.
        evidence = {iri: sorted(o.value for p, o in facts if p == str(KGO.trigger)) or
                    [o.value for p, o in facts if p == str(KGO.evidence)]
                    for iri, facts in self.facts.items()}
        spans = spans_of(runner, [m for ms in evidence.values() for m in ms[:1]])
        sentences.fetch(span.article for span in spans.values())  # one query for all texts
        for section, iris in self.iris.items():
            rows = [self._row(linker, labels, iri) for iri in iris]
            for row in rows:
                first = next((spans[m] for m in evidence.get(row.link.iri or "", []) if m in spans),
                             None)
                row.sentence = sentences.around(first) if first else None
            rows.sort(key=lambda row: (row.date == "", row.date, row.link.text))
            self.rows[section] = rows

    def _row(self, linker: Linker, labels: dict[str, str], iri: str) -> Row:
        row = Row(linker.link(ox.NamedNode(iri), labels),
                  roles=[linker.link(ox.NamedNode(p), labels) for p in self.roles_of.get(iri, [])])
        for p, o in self.facts.get(iri, []):
            link = linker.link(o, labels)
            if p == str(RDF.type):
                row.kinds.append(link)
            elif p in (str(SDO.startDate), str(SDO.dateCreated)):
                row.date = o.value
            elif p == str(SDO.text):
                row.text = o.value
            elif p in (str(SDO.location), str(SDO.fromLocation), str(SDO.toLocation)):
                row.places.append(link)
            elif p == str(SDO.about):
                row.about.append(link)
            elif (p in self.roles or p in (str(SDO.creator), str(SDO.author))) \
                    and link.iri != self.subject:
                row.others.append((linker.link(ox.NamedNode(p), labels), link))
        return row


def collect_statements(runner: QueryRunner, subject: str,
                       into: list[dict[str, Term]]) -> Statements:
    """The events, quotations and claims that point at the resource (rows of _IN)."""
    roles = {row["p"].value for row in runner.run(Task(_ROLES)).rows}
    iris: dict[str, list[str]] = defaultdict(list)
    roles_of: dict[str, list[str]] = defaultdict(list)
    for row in into:
        statement, prop = row["s"].value, row["p"].value
        if prop in roles:
            roles_of[statement].append(prop)
        if prop in _KINDS and len(iris[_KINDS[prop]]) < _MAX:
            iris[_KINDS[prop]].append(statement)
    facts = _facts_of(runner, [i for group in iris.values() for i in group])
    # schema:about is also said by statements that are events: only claims go to claims_about.
    iris["claims_about"] = [i for i in iris["claims_about"]
                            if (str(RDF.type), ox.NamedNode(str(SDO.Claim))) in facts.get(i, [])]
    shown = {(i, p) for i in iris["events"] for p in roles | {str(KGO.participant)}}
    shown |= {(i, str(SDO.creator)) for i in iris["quotations"]}
    shown |= {(i, str(SDO.author)) for i in iris["claims_by"]}
    shown |= {(i, str(SDO.about)) for i in iris["claims_about"]}
    return Statements(subject, dict(iris), dict(roles_of), facts, roles, shown)


def _facts_of(runner: QueryRunner, iris: list[str]) -> dict[str, list[tuple[str, Term]]]:
    facts: dict[str, list[tuple[str, Term]]] = defaultdict(list)
    if not iris:
        return facts
    values = " ".join(str(ox.NamedNode(i)) for i in sorted(set(iris)))
    for row in runner.run(Task(_FACTS % values, limit=20_000)).rows:
        facts[row["x"].value].append((row["p"].value, row["o"]))
    return facts

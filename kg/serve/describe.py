"""What a resource page shows, read from the store: facts, links in, and the sentences behind
them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.namespaces import KGO, NIF, RDF
from kg.serve.links import Link, Linker, labels_of
from kg.serve.queries import QueryRunner
from kg.serve.sentences import Sentence, Sentences, Span, spans_of
from kg.serve.statements import Statements, collect_statements
from kg.serve.worker import Task, Term

_OUT = "SELECT DISTINCT ?r ?p ?o WHERE { ?r ?p ?o } ORDER BY ?p ?o LIMIT 1000"
_IN = """SELECT DISTINCT ?r ?s ?p WHERE { ?s ?p ?r
  FILTER(?p NOT IN (itsrdf:taIdentRef, nif:referenceContext)) } ORDER BY ?p ?s LIMIT 500"""
# The mentions of the resource, or of a position it holds ("Pentagon Chief").
_MENTIONS = """SELECT DISTINCT ?r ?x ?m WHERE {
  { ?m itsrdf:taIdentRef ?r BIND(?r AS ?x) } UNION { ?x kgo:holder ?r . ?m itsrdf:taIdentRef ?x }
} LIMIT 300"""
_MENTIONS_IN = """SELECT DISTINCT ?x ?m WHERE { VALUES ?x { %s } VALUES ?a { %s }
  ?m itsrdf:taIdentRef ?x ; nif:referenceContext ?a } LIMIT 2000"""
_ARTICLE_ENTITIES = """SELECT DISTINCT ?r ?x WHERE {
  ?m nif:referenceContext ?r ; itsrdf:taIdentRef ?x . ?x schema:name ?name } LIMIT 500"""
# Shown elsewhere on the page, or only noise in a list of facts.
_HIDDEN = {str(p) for p in (RDF.type, KGO.trigger, KGO.evidence, NIF.isString, NIF.beginIndex,
                            NIF.endIndex, NIF.referenceContext)}
_PER_FACT = 3  # sentences shown under one fact


@dataclass
class Fact:
    """A property and its values; `sentences` are where the article states it."""

    label: Link
    values: list[Link]
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class Page:
    """Everything a resource page shows."""

    iri: str
    title: str
    types: list[Link]
    facts: list[Fact]
    incoming: list[Fact]
    statements: Statements
    evidence: list[Sentence] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    mentioned: list[Link] = field(default_factory=list)


def describe(runner: QueryRunner, linker: Linker, iri: str) -> Page | None:
    """The page of `iri`, or None when the store says nothing about it."""
    bind = {"r": ox.NamedNode(iri)}
    out = runner.run(Task(_OUT, bindings=bind)).rows
    into = runner.run(Task(_IN, bindings=bind)).rows
    if not out and not into:
        return None
    statements = collect_statements(runner, iri, into)
    terms = [row["o"] for row in out] + [row["p"] for row in out + into] + \
        [row["s"] for row in into] + statements.terms()
    labels = labels_of(runner, [t.value for t in terms if isinstance(t, ox.NamedNode)] + [iri])
    sentences = Sentences(runner, {i: linker.link(ox.NamedNode(i), labels) for i in labels})
    statements.build(runner, linker, labels, sentences)
    page = Page(iri, labels.get(iri, iri), [linker.link(r["o"], labels) for r in out
                                             if r["p"].value == str(RDF.type)],
                _facts(linker, labels, out), _incoming(linker, labels, into, statements.shown),
                statements)
    _add_sources(runner, page, out, sentences)
    if any(t.iri == str(NIF.Context) for t in page.types):
        _add_article(runner, linker, page, out)
    return page


def _facts(linker: Linker, labels: dict[str, str], out: list[dict[str, Term]]) -> list[Fact]:
    grouped: dict[str, list[Term]] = defaultdict(list)
    for row in out:
        if row["p"].value not in _HIDDEN:
            grouped[row["p"].value].append(row["o"])
    return [Fact(linker.link(ox.NamedNode(p), labels), [linker.link(o, labels) for o in objects])
            for p, objects in grouped.items()]


def _incoming(linker: Linker, labels: dict[str, str], into: list[dict[str, Term]],
              shown: set[tuple[str, str]]) -> list[Fact]:
    grouped: dict[str, list[Term]] = defaultdict(list)
    for row in into:
        if (row["s"].value, row["p"].value) not in shown:
            grouped[row["p"].value].append(row["s"])
    return [Fact(linker.link(ox.NamedNode(p), labels), [linker.link(s, labels) for s in subjects])
            for p, subjects in grouped.items()]


def _add_sources(runner: QueryRunner, page: Page, out: list[dict[str, Term]],
                 sentences: Sentences) -> None:
    """Evidence sentences of a statement; for an entity, the sentence behind each fact."""
    evidence = [row["o"].value for row in out if row["p"].value == str(KGO.evidence)]
    if evidence:
        triggers = [row["o"].value for row in out if row["p"].value == str(KGO.trigger)]
        page.evidence = _evidence(sentences, spans_of(runner, evidence + triggers), triggers)
        return
    mentions = runner.run(Task(_MENTIONS, bindings={"r": ox.NamedNode(page.iri)})).rows
    own = list(spans_of(runner, [row["m"].value for row in mentions]).values())
    sentences.fetch(span.article for span in own)
    objects = [v.iri for fact in page.facts for v in fact.values if v.iri]
    other = _object_spans(runner, objects, {span.article for span in own})
    for fact in page.facts:
        for value in fact.values:
            if value.iri:  # an IRI fact is stated where both are named in one sentence
                spans = [s for s in other.get(value.iri, []) if _near(sentences, s, own)]
            else:
                spans = [s for s in own if value.text.lower() in s.anchor.lower()]
            _add_sentences(fact, sentences, spans)


def _evidence(sentences: Sentences, spans: dict[str, Span], triggers: list[str]) -> list[Sentence]:
    """The evidence sentences, each with the event's trigger marked where it has one."""
    marks = [spans[t] for t in triggers if t in spans]
    found: dict[str, Sentence] = {}
    for iri, span in spans.items():
        if iri in triggers:
            continue
        inside = [m for m in marks if m.article == span.article
                  and span.begin <= m.begin and m.end <= span.end]
        sentence = sentences.around(min(inside, key=lambda m: m.begin) if inside else span)
        if sentence is not None:
            found.setdefault(sentence.text, sentence)
    return sorted(found.values(), key=lambda s: (s.article.text, s.begin))


def _add_sentences(fact: Fact, sentences: Sentences, spans: list[Span]) -> None:
    for span in spans:
        sentence = sentences.around(span)
        if len(fact.sentences) < _PER_FACT and sentence and \
                sentence.text not in {s.text for s in fact.sentences}:
            fact.sentences.append(sentence)


def _object_spans(runner: QueryRunner, objects: list[str],
                  articles: set[str]) -> dict[str, list[Span]]:
    if not objects or not articles:
        return {}
    values = " ".join(str(ox.NamedNode(i)) for i in sorted(set(objects))[:200])
    where = " ".join(str(ox.NamedNode(i)) for i in sorted(articles)[:50])
    rows = runner.run(Task(_MENTIONS_IN % (values, where))).rows
    spans = spans_of(runner, [row["m"].value for row in rows])
    found: dict[str, list[Span]] = defaultdict(list)
    for row in rows:
        if row["m"].value in spans:
            found[row["x"].value].append(spans[row["m"].value])
    return found


def _near(sentences: Sentences, span: Span, own: Iterable[Span]) -> bool:
    """Whether a mention of the resource itself is in the sentence of `span`."""
    sentence = sentences.around(span)
    if sentence is None:
        return False
    return any(mine.article == span.article and (other := sentences.around(mine)) is not None
               and other.text == sentence.text for mine in own)


def _add_article(runner: QueryRunner, linker: Linker, page: Page,
                 out: list[dict[str, Term]]) -> None:
    text = next((row["o"].value for row in out if row["p"].value == str(NIF.isString)), "")
    page.paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    rows = runner.run(Task(_ARTICLE_ENTITIES, bindings={"r": ox.NamedNode(page.iri)})).rows
    labels = labels_of(runner, [row["x"].value for row in rows])
    page.mentioned = sorted((linker.link(row["x"], labels) for row in rows),
                            key=lambda link: link.text)

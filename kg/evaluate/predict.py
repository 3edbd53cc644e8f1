"""What kg found, read back from its graph: mention spans with classes, time expressions,
event triggers and event participants, per article (keyed by the article's nif:isString)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kg.evaluate.classes import kg_type
from kg.query import run_query, term_parts
from kg.store import Store

CharSpan = tuple[int, int]

_ARTICLES = "SELECT DISTINCT ?a ?text WHERE { ?a a nif:Context ; nif:isString ?text }"
_MENTIONS = """
SELECT DISTINCT ?a ?b ?e ?class ?x WHERE {
  ?m nif:referenceContext ?a ; nif:beginIndex ?b ; nif:endIndex ?e ; itsrdf:taClassRef ?class .
  OPTIONAL { ?m itsrdf:taIdentRef ?x }
}"""
_TIMES = """
SELECT DISTINCT ?a ?b ?e ?type ?value WHERE {
  ?m a kgo:TimeExpression ; nif:referenceContext ?a ; nif:beginIndex ?b ; nif:endIndex ?e ;
     kgo:timexType ?type ; kgo:timexValue ?value .
}"""
_TRIGGERS = """
SELECT DISTINCT ?a ?event ?b ?e WHERE {
  ?event kgo:trigger ?m . ?m nif:referenceContext ?a ; nif:beginIndex ?b ; nif:endIndex ?e .
}"""
_SENTENCES = """
SELECT DISTINCT ?event ?b ?e WHERE {
  ?event kgo:evidence ?s . ?s a nif:Sentence ; nif:beginIndex ?b ; nif:endIndex ?e .
}"""
_PARTICIPANTS = "SELECT DISTINCT ?event ?x WHERE { ?event kgo:participant ?x }"
_PHRASES = """
SELECT DISTINCT ?event ?x ?b ?e WHERE {
  ?event kgo:participation ?p . ?p kgo:filler ?x ; kgo:phrase ?m .
  ?m nif:beginIndex ?b ; nif:endIndex ?e .
}"""


@dataclass
class Predictions:
    """kg's output for one article, in character offsets of its text."""

    entities: list[tuple[CharSpan, str]] = field(default_factory=list)  # span, scored type
    times: list[tuple[CharSpan, str, str]] = field(default_factory=list)  # span, type, value
    events: list[CharSpan] = field(default_factory=list)
    participants: list[tuple[CharSpan, CharSpan]] = field(default_factory=list)


def read_predictions(store: Store) -> dict[str, Predictions]:
    """Predictions per article text, from every article graph in `store`."""
    texts = {a: text for a, text in _rows(store, _ARTICLES)}
    found: dict[str, Predictions] = defaultdict(Predictions)
    mentions_of: dict[tuple[str, str], list[CharSpan]] = defaultdict(list)
    for a, b, e, cls, entity in _rows(store, _MENTIONS):
        span = (int(b), int(e))
        kind = kg_type(cls)
        if kind:
            found[texts[a]].entities.append((span, kind))
            mentions_of[a, entity].append(span)
    for a, b, e, kind, value in _rows(store, _TIMES):
        found[texts[a]].times.append(((int(b), int(e)), kind, value))
    triggers = _rows(store, _TRIGGERS)
    for a, _, b, e in triggers:
        found[texts[a]].events.append((int(b), int(e)))
    _add_participants(store, texts, triggers, mentions_of, found)
    return dict(found)


def _add_participants(store: Store, texts: dict[str, str], triggers: list[list[str]],
                      mentions_of: dict[tuple[str, str], list[CharSpan]],
                      found: dict[str, Predictions]) -> None:
    """Each trigger paired with each argument phrase of its event in the trigger's sentence;
    a participant with no phrase there, with its mention nearest the trigger in that sentence
    (the gold links mentions to mentions)."""
    sentences: dict[str, list[CharSpan]] = defaultdict(list)
    for event, b, e in _rows(store, _SENTENCES):
        sentences[event].append((int(b), int(e)))
    participants: dict[str, list[str]] = defaultdict(list)
    for event, entity in _rows(store, _PARTICIPANTS):
        participants[event].append(entity)
    phrases: dict[str, list[tuple[str, CharSpan]]] = defaultdict(list)
    for event, filler, b, e in _rows(store, _PHRASES):
        phrases[event].append((filler, (int(b), int(e))))
    for a, event, b, e in triggers:
        trigger = (int(b), int(e))
        sentence = next((s for s in sentences[event] if s[0] <= trigger[0] < s[1]), trigger)
        stated = [(x, p) for x, p in phrases[event] if sentence[0] <= p[0] < sentence[1]]
        pairs = {(trigger, p) for _, p in stated}
        for entity in set(participants[event]) - {x for x, _ in stated}:
            near = [m for m in mentions_of[a, entity] if sentence[0] <= m[0] < sentence[1]]
            if near:
                pairs.add((trigger, min(near, key=lambda m: abs(m[0] - trigger[0]))))
        found[texts[a]].participants += sorted(pairs)


def _rows(store: Store, sparql: str) -> list[list[str]]:
    """The rows of a SELECT as plain values (IRIs, lexical forms); unbound cells are ""."""
    result = run_query(store, sparql)
    return [[term_parts(t)[1] if t is not None else "" for t in row] for row in result.rows]

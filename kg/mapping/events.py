"""Events: typed by the kgo taxonomy, with their mentions, sentences, roles, date, place and counts.
An event the taxonomy has no class for is typed by its PropBank roleset ("propbank:capsize.01"),
a subclass of kgo:Event that the graph declares with PropBank's name for it.

Only what extraction found is stated. An event that is negated, hypothetical or reported (inside
someone's claim) is recorded with that kgo:factuality; extraction gives such events no counts.
"""

from __future__ import annotations

from itertools import pairwise

from rdflib import Graph, Literal, URIRef

from kg.ids import Ids
from kg.mapping.dates import date_literal
from kg.mapping.phrases import add_phrase
from kg.model import Annotations, Event, EventMention, Participant, Span
from kg.namespaces import ITSRDF, KGO, NIF, PROPBANK, PROV, RDF, RDFS, SDO, XSD, kgo_term

_RELATIONS = {"cause": KGO.cause, "about": SDO.about, "superEvent": SDO.superEvent}


class Referents:
    """Resolves the keys that events, quotations and claims use to IRIs: events first, then
    quotations and claims, then entities."""

    def __init__(self, ids: Ids, annotations: Annotations) -> None:
        article = annotations.article
        self.iris: dict[str, URIRef] = {e.key: ids.entity(e) for e in annotations.entities}
        keys = [s.key for group in (annotations.events, annotations.quotations, annotations.claims)
                for s in group]
        for key in keys:
            self.iris[key] = ids.statement(article, key)

    def __call__(self, key: str) -> URIRef:
        return self.iris[key]


def add_events(graph: Graph, ids: Ids, annotations: Annotations, refer: Referents) -> None:
    """Every event of the article, with `kgo:participant` stated beside each role."""
    article = ids.article(annotations.article)
    for event in annotations.events:
        node = refer(event.key)
        event_class = _event_class(graph, event)
        graph.add((node, RDF.type, event_class))  # only the most specific: the ontology,
        # stored beside the data, gives the rest (`?e a/rdfs:subClassOf* kgo:Event`)
        graph.add((node, KGO.factuality, Literal(event.factuality.value)))
        if event.roleset:
            graph.add((node, KGO.roleset, Literal(event.roleset)))
        graph.add((node, PROV.wasDerivedFrom, article))
        _add_mentions(graph, ids, annotations, node, event_class, event.mentions)
        _add_participants(graph, ids, annotations, event, node, refer)
        _add_facts(graph, event, node, refer)


def _event_class(graph: Graph, event: Event) -> URIRef:
    """The event's most specific class: of the taxonomy, else its roleset's, declared here."""
    if event.type != "Event" or not event.roleset:
        return kgo_term(event.type)
    roleset = PROPBANK[event.roleset]
    graph.add((roleset, RDFS.subClassOf, KGO.Event))
    graph.add((roleset, RDFS.label, Literal(f"{event.roleset}: {event.roleset_name}", lang="en")))
    return roleset


def _add_mentions(graph: Graph, ids: Ids, annotations: Annotations, node: URIRef,
                  event_class: URIRef, mentions: tuple[EventMention, ...]) -> None:
    for mention in mentions:
        trigger = add_mention(graph, ids, annotations, mention.trigger, node, event_class)
        graph.add((node, KGO.trigger, trigger))
        graph.add((node, KGO.evidence, add_sentence(graph, ids, annotations, mention.sentence)))


def _add_participants(graph: Graph, ids: Ids, annotations: Annotations, event: Event,
                      node: URIRef, refer: Referents) -> None:
    """Each participant by its role (and as kgo:participant), and each argument phrase as a
    kgo:Participation: the role, PropBank's name for it, the phrase and what fills it."""
    for participant in event.participants:
        filler = _filler(graph, ids, annotations, participant, refer)
        if filler is None:
            continue
        role = kgo_term(participant.role)
        graph.add((node, role, filler))
        graph.add((node, KGO.participant, filler))
        phrase = participant.phrase
        if phrase is not None:
            number = event.key.partition(":")[2]
            participation = ids.statement(
                annotations.article,
                f"participation:{number}-{phrase.begin}-{phrase.end}-{participant.role}")
            graph.add((node, KGO.participation, participation))
            _add_participation(graph, ids, annotations, participation, participant, phrase,
                               filler)


def _filler(graph: Graph, ids: Ids, annotations: Annotations, participant: Participant,
            refer: Referents) -> URIRef | None:
    """The entity a participant is, else a kgo:Referent for the phrase that names no entity."""
    if participant.entity is not None:
        return refer(participant.entity)
    phrase = participant.phrase
    if phrase is None:
        return None
    article = annotations.article
    referent = ids.statement(article, f"referent:{phrase.begin}-{phrase.end}")
    graph.add((referent, RDF.type, KGO.Referent))
    graph.add((referent, RDFS.label, Literal(phrase.text)))
    graph.add((referent, PROV.wasDerivedFrom, ids.article(article)))
    add_mention(graph, ids, annotations, phrase, referent, KGO.Referent)
    return referent


def _add_participation(graph: Graph, ids: Ids, annotations: Annotations, participation: URIRef,
                       participant: Participant, phrase: Span, filler: URIRef) -> None:
    graph.add((participation, RDF.type, KGO.Participation))
    graph.add((participation, KGO.role, kgo_term(participant.role)))
    graph.add((participation, KGO.filler, filler))
    graph.add((participation, KGO.phrase, add_argument_phrase(graph, ids, annotations, phrase)))
    if participant.argument:
        graph.add((participation, KGO.argument, Literal(participant.argument)))
        graph.add((participation, KGO.roleName, Literal(participant.role_name)))


def _add_facts(graph: Graph, event: Event, node: URIRef, refer: Referents) -> None:
    date = date_literal(event.date)
    if date is not None:
        graph.add((node, SDO.startDate, date))
    if event.location:
        graph.add((node, SDO.location, refer(event.location)))
        chain = [event.location, *event.location_within]
        for inner, outer in pairwise(chain):  # as the article says it
            graph.add((refer(inner), SDO.containedInPlace, refer(outer)))
    for count, number in event.counts:
        graph.add((node, kgo_term(count), Literal(number, datatype=XSD.integer)))
    for relation, key in event.related:
        graph.add((node, _RELATIONS[relation], refer(key)))


def add_mention(graph: Graph, ids: Ids, annotations: Annotations, span: Span, node: URIRef,
                node_class: URIRef) -> URIRef:
    """A phrase denoting `node`. A span that already denotes something (an entity named by the
    same words) keeps that meaning: a phrase has one itsrdf:taIdentRef."""
    phrase = add_phrase(graph, ids, annotations.article, span.begin, span.end)
    if graph.value(phrase, ITSRDF.taClassRef) is None:
        graph.add((phrase, ITSRDF.taIdentRef, node))
        graph.add((phrase, ITSRDF.taClassRef, node_class))
    return phrase


def add_argument_phrase(graph: Graph, ids: Ids, annotations: Annotations, span: Span) -> URIRef:
    """The phrase that states an argument, classed kgo:Participation as a sentence is classed
    nif:Sentence."""
    return _classed_phrase(graph, ids, annotations, span, KGO.Participation)


def add_sentence(graph: Graph, ids: Ids, annotations: Annotations, span: Span) -> URIRef:
    """The sentence that states an event or reports a claim, as a nif:Sentence phrase."""
    phrase = _classed_phrase(graph, ids, annotations, span, NIF.Sentence)
    graph.add((phrase, RDF.type, NIF.Sentence))
    return phrase


def _classed_phrase(graph: Graph, ids: Ids, annotations: Annotations, span: Span,
                    cls: URIRef) -> URIRef:
    """A phrase that denotes nothing of its own, classed `cls` unless the same words already
    mention something (a phrase has one itsrdf:taClassRef)."""
    phrase = add_phrase(graph, ids, annotations.article, span.begin, span.end)
    if graph.value(phrase, ITSRDF.taClassRef) is None:
        graph.add((phrase, ITSRDF.taClassRef, cls))
    return phrase

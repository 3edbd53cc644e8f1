"""Events: what happened, to whom, when and where, from the words that name it.

Per sentence, triggers (triggers.py) give each mention a class of the taxonomy, or the root
class and a PropBank roleset for any other eventive predicate (predicates.py); the parse gives its
participants (event_roles), counts (event_counts), date, place and factuality (event_context).
Coreference (event_coref) joins the mentions of one event; relations (event_relations) link
causes, topics and occasions. Events come out in text order, keyed by their first trigger."""

from __future__ import annotations

import logging

from spacy.tokens import Span as SpacySpan

from kg.extract.events.arguments import Arguments
from kg.extract.events.containment import Containment
from kg.extract.events.context import clause_date, factuality, focus_date, location
from kg.extract.events.coref import Cluster, Facts, corefer
from kg.extract.events.counts import counts
from kg.extract.events.descriptions import Descriptions
from kg.extract.events.propbank import roleset
from kg.extract.events.relations import Relations
from kg.extract.events.roles import participants
from kg.extract.events.triggers import Trigger, find_triggers
from kg.extract.spans import SpanIndex
from kg.extract.statements.speakers import Speakers
from kg.model import Event, EventMention, Factuality

log = logging.getLogger("kg.extract.events.find")


def find_events(index: SpanIndex, every_event: bool = True) -> list[Event]:
    """The events of the article, coreferent mentions joined, in text order: every eventive
    predicate, or with `every_event` false only those of a class of the taxonomy."""
    places, descriptions = _read_article(index)
    mentions = _mentions(index, every_event, descriptions)
    clusters = corefer(mentions, index.entities, places)
    for cluster in clusters:
        _date_from_focus(cluster, index)
    relations = Relations(clusters).relate()
    _counts_to_causes(clusters, relations)
    keys = [_key(cluster) for cluster in clusters]
    return [_event(cluster, keys[n], [(kind, keys[m]) for kind, m in relations[n]], places)
            for n, cluster in enumerate(clusters)]


def _read_article(index: SpanIndex) -> tuple[Containment, Descriptions]:
    """What the whole article says before any event is read: which place lies in which, and
    which description it names as whom (the name may come sentences after the event)."""
    places, descriptions = Containment(), Descriptions()
    for paragraph in index.paragraphs:
        args = Arguments(index, paragraph)
        for sentence in paragraph.doc.sents:
            try:
                places.read(sentence, args)
                descriptions.read(sentence, args)
            except Exception:  # what a garbled parse would say is left unsaid, not the article
                log.debug("skipped places and names of sentence %r", sentence.text, exc_info=True)
    return places, descriptions


def _mentions(index: SpanIndex, every_event: bool, descriptions: Descriptions) -> list[Facts]:
    """Every trigger's facts, in text order."""
    found: list[Facts] = []
    sentence_number = 0
    pronouns = Speakers(index).resolve  # the same pronoun coreference as speakers have
    for number, paragraph in enumerate(index.paragraphs):
        args = Arguments(index, paragraph, pronouns, descriptions.person)
        for sentence in paragraph.doc.sents:
            try:
                found += [_facts(t, args, number, sentence_number, sentence)
                          for t in find_triggers(sentence, args.kind, every_event)]
            except Exception:  # a sentence the parse cannot carry is skipped, not the article
                log.debug("skipped events of sentence %r", sentence.text, exc_info=True)
            sentence_number += 1
    return found


def _facts(trigger: Trigger, args: Arguments, paragraph: int, sentence_number: int,
           sentence: SpacySpan) -> Facts:
    index = args.index
    words = trigger.words
    trigger_span = index.span(args.paragraph.bounds(words[0])[0],
                              args.paragraph.bounds(words[-1])[1])
    mention = EventMention(trigger_span, index.token_span(args.paragraph, sentence))
    status = factuality(trigger)
    asserted = status is Factuality.ASSERTED
    return Facts(trigger, mention, paragraph, sentence_number, participants(trigger, args),
                 clause_date(trigger, args), location(trigger, args),
                 counts(trigger) if asserted else [], status)


def _counts_to_causes(clusters: list[Cluster], relations: dict[int, list[tuple[str, int]]]) -> None:
    """"A bomb exploded ... Four people were killed": the deaths' count is also the explosion's
    (the ontology puts an attack's or disaster's toll on it), unless it states its own."""
    for n, cluster in enumerate(clusters):
        for kind, m in relations[n]:
            cause = clusters[m]
            if kind != "cause" or cause.factuality is not Factuality.ASSERTED:
                continue
            stated = {name for name, _ in cause.counts}
            cause.counts += [(name, k) for name, k in cluster.counts if name not in stated]


def _date_from_focus(cluster: Cluster, index: SpanIndex) -> None:
    """No mention dates the event: the paragraph's time focus does, unless it is hypothetical;
    the first mention's that has one (a headline states none)."""
    if cluster.date or cluster.factuality is Factuality.HYPOTHETICAL:
        return
    for mention in cluster.mentions:
        paragraph_begin = index.paragraphs[mention.paragraph].at(0)
        cluster.date = focus_date(index, paragraph_begin, mention.begin)
        if cluster.date:
            return


def _key(cluster: Cluster) -> str:
    return f"event:{cluster.mentions[0].begin}"


def _event(cluster: Cluster, key: str, related: list[tuple[str, str]],
           places: Containment) -> Event:
    around = tuple(places.around(cluster.location)) if cluster.location else ()
    return Event(key, cluster.cls, tuple(f.mention for f in cluster.mentions),
                 tuple(cluster.participants), cluster.date, cluster.location,
                 tuple(cluster.counts), tuple(related), cluster.factuality, cluster.roleset,
                 roleset(cluster.roleset).name if cluster.roleset else "", around)

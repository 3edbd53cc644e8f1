"""Events, quotations and claims as RDF: mapping from hand-made annotations of invented news,
so these tests pin the output contract whatever the extractors find."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import Graph, Literal, URIRef

from kg.ids import Ids
from kg.mapping import MappingContext, to_graph
from kg.mapping.dates import date_literal
from kg.model import (
    Annotations,
    Article,
    Claim,
    Entity,
    EntityKind,
    Event,
    EventMention,
    Factuality,
    Mention,
    Participant,
    Quotation,
    Span,
)
from kg.namespaces import ITSRDF, KGO, NIF, PROV, RDF, SDO, XSD
from kg.settings import Settings
from kg.validate import Validator

IDS = Ids("https://example.org/id/")
ARTICLE = Article(
    headline="Storm floods Norrhaven",
    published=dt.date(2025, 3, 4),
    body=("Mayor Ilse Varga spoke by phone with Tor Brandt on Monday. "
          "“We will rebuild,” Varga said. Brandt denied that the dam had failed."),
)
TEXT = ARTICLE.text


def span(words: str, start: int = 0) -> Span:
    begin = TEXT.index(words, start)
    return Span(begin, begin + len(words), words)


def sentence(first_words: str, last_words: str) -> Span:
    begin = TEXT.index(first_words)
    end = TEXT.index(last_words, begin) + len(last_words)
    return Span(begin, end, TEXT[begin:end])


def mention(words: str, entity: str) -> Mention:
    found = span(words)
    return Mention(found.begin, found.end, words, entity)


VARGA, BRANDT, TOWN = "person:ilse-varga", "person:tor-brandt", "place:norrhaven"
CALL = Event(
    key=f"event:{span('spoke by phone').begin}", type="PhoneCall",
    mentions=(EventMention(span("spoke by phone"), sentence("Mayor", "on Monday.")),),
    participants=(Participant("agent", VARGA), Participant("coAgent", BRANDT)),
    date="2025-03-03")
STORM = Event(
    key=f"event:{span('Storm').begin}", type="Storm",
    mentions=(EventMention(span("Storm"), span("Storm floods Norrhaven")),),
    location=TOWN, counts=(("peopleEvacuated", 40),), related=(("cause", CALL.key),))
FAILURE = Event(
    key=f"event:{span('failed').begin}", type="Collapse",
    mentions=(EventMention(span("failed"), sentence("Brandt denied", "failed.")),),
    factuality=Factuality.REPORTED)
QUOTE = Quotation(key=f"quote:{span('We will').begin}", span=span("We will rebuild,"),
                  direct=True, speaker=VARGA, date="2025-03-03", cue=span("Varga said"))
CLAIM = Claim(key=f"claim:{span('the dam').begin}", span=span("the dam had failed"),
              sentence=sentence("Brandt denied", "failed."), author=BRANDT,
              about=(FAILURE.key, TOWN), cue=span("denied that"))
ANNOTATIONS = Annotations(
    ARTICLE,
    entities=(Entity(VARGA, EntityKind.PERSON, "Ilse Varga", ("Varga",)),
              Entity(BRANDT, EntityKind.PERSON, "Tor Brandt"),
              Entity(TOWN, EntityKind.PLACE, "Norrhaven")),
    mentions=(mention("Ilse Varga", VARGA), mention("Tor Brandt", BRANDT),
              mention("Norrhaven", TOWN)),
    events=(STORM, CALL, FAILURE), quotations=(QUOTE,), claims=(CLAIM,))


@pytest.fixture(scope="module")
def graph() -> Graph:
    _, graph = to_graph(ANNOTATIONS, MappingContext(IDS, URIRef("https://example.org/id/run/1")))
    return graph


def iri(key: str) -> URIRef:
    return IDS.statement(ARTICLE, key)


def test_event_is_typed_and_traceable(graph: Graph) -> None:
    call = iri(CALL.key)
    assert set(graph.objects(call, RDF.type)) == {KGO.PhoneCall}
    assert graph.value(call, KGO.factuality) == Literal("asserted")
    assert graph.value(call, PROV.wasDerivedFrom) == IDS.article(ARTICLE)
    trigger = graph.value(call, KGO.trigger)
    assert graph.value(trigger, NIF.anchorOf) == Literal("spoke by phone")
    assert graph.value(trigger, ITSRDF.taIdentRef) == call
    assert graph.value(trigger, ITSRDF.taClassRef) == KGO.PhoneCall
    evidence = graph.value(call, KGO.evidence)
    assert (evidence, RDF.type, NIF.Sentence) in graph
    begin, end = (graph.value(evidence, p).toPython() for p in (NIF.beginIndex, NIF.endIndex))
    assert (TEXT[begin:end] == str(graph.value(evidence, NIF.anchorOf))
            == CALL.mentions[0].sentence.text)


def test_roles_also_state_participant(graph: Graph) -> None:
    call = iri(CALL.key)
    varga, brandt = (IDS.entity(e) for e in ANNOTATIONS.entities[:2])
    assert graph.value(call, KGO.agent) == varga
    assert graph.value(call, KGO.coAgent) == brandt
    assert set(graph.objects(call, KGO.participant)) == {varga, brandt}


def test_date_place_counts_and_relations(graph: Graph) -> None:
    call, storm = iri(CALL.key), iri(STORM.key)
    assert graph.value(call, SDO.startDate) == Literal("2025-03-03", datatype=XSD.date)
    assert graph.value(storm, SDO.location) == IDS.entity(ANNOTATIONS.entities[2])
    assert graph.value(storm, KGO.peopleEvacuated) == Literal(40, datatype=XSD.integer)
    assert graph.value(storm, KGO.cause) == call
    # The headline is the storm's evidence and also a span: it stays one phrase.
    assert (graph.value(storm, KGO.evidence)
            == IDS.mention(ARTICLE, 0, len("Storm floods Norrhaven")))


def test_quotation(graph: Graph) -> None:
    quote = iri(QUOTE.key)
    assert graph.value(quote, RDF.type) == SDO.Quotation
    assert graph.value(quote, SDO.text) == Literal("We will rebuild,")
    assert graph.value(quote, SDO.creator) == IDS.entity(ANNOTATIONS.entities[0])
    assert graph.value(quote, SDO.dateCreated) == Literal("2025-03-03", datatype=XSD.date)
    assert graph.value(quote, KGO.direct) == Literal(True)
    assert graph.value(quote, SDO.isPartOf) == IDS.article(ARTICLE)
    assert (graph.value(graph.value(quote, KGO.evidence), NIF.anchorOf)
            == Literal("We will rebuild,"))


def test_claim_is_recorded_not_asserted(graph: Graph) -> None:
    claim, failure = iri(CLAIM.key), iri(FAILURE.key)
    assert graph.value(claim, RDF.type) == SDO.Claim
    assert graph.value(claim, SDO.author) == IDS.entity(ANNOTATIONS.entities[1])
    assert graph.value(claim, SDO.appearance) == IDS.article(ARTICLE)
    assert set(graph.objects(claim, SDO.about)) == {failure, IDS.entity(ANNOTATIONS.entities[2])}
    assert graph.value(failure, KGO.factuality) == Literal("reported")
    # The claimed content is a literal of the claim, never a statement of the graph.
    assert [s for s, _, _ in graph.triples((None, None, Literal("the dam had failed")))] == [claim]


def test_statement_iris_are_distinct_and_stable(graph: Graph) -> None:
    keys = [CALL.key, STORM.key, FAILURE.key, QUOTE.key, CLAIM.key]
    assert len({iri(k) for k in keys}) == len(keys)
    assert str(iri(QUOTE.key)).startswith("https://example.org/id/quotation/")
    assert iri(CALL.key) == Ids("https://example.org/id/").statement(ARTICLE, CALL.key)


def test_graph_conforms_to_the_shapes(graph: Graph) -> None:
    report = Validator(Settings().shapes).validate(graph)
    assert report.conforms, report.text()


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-06-25", Literal("2024-06-25", datatype=XSD.date)),
    ("2023-03", Literal("2023-03", datatype=XSD.gYearMonth)),
    ("2024", Literal("2024", datatype=XSD.gYear)),
    ("2024-06-25T14:30", Literal("2024-06-25T14:30:00", datatype=XSD.dateTime)),
    ("2024-06-25T24:00", Literal("2024-06-26T00:00:00", datatype=XSD.dateTime)),
    ("2024-03-04TMO", Literal("2024-03-04", datatype=XSD.date)),
    ("2024-02-30", None), ("2024-06-25T25:00", None),
    ("XXXX-06", None), ("2024-W26", None), ("PRESENT_REF", None), (None, None),
])
def test_date_literals(value: str | None, expected: Literal | None) -> None:
    assert date_literal(value) == expected

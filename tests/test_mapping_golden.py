"""Golden files of the mapping stage: `pytest tests/test_mapping_golden.py --update-golden` rewrites
tests/golden/mapping/*.ttl from the actual output; review `git diff tests/golden` before committing.

Each case is hand-built annotations (kg.model dataclasses, no spaCy) of a short invented article;
its graph is compared with the golden Turtle as a graph (isomorphism, not bytes), and every golden
file must pass the shapes, so none can enshrine an invalid graph. Offsets are found with
str.index, never typed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.ids import Ids
from kg.mapping import MappingContext, new_graph, to_graph
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
    Position,
    Quotation,
    Span,
    TimeExpression,
    TimexType,
)
from kg.publish.files import write_graph
from kg.settings import Settings
from kg.validate import Validator

GOLDEN = Path(__file__).parent / "golden" / "mapping"
IDS = Ids("https://w3id.org/kg-news/id/")
# A fixed run: the real one names kg's version, which must not churn the golden files.
CONTEXT = MappingContext(IDS, IDS.run("kg golden files"))


class Text:
    """Spans of one article's text, located by their words so offsets always match."""

    def __init__(self, article: Article) -> None:
        self.text = article.text

    def span(self, words: str, after: str = "") -> Span:
        """The first `words` (after the first `after`, when given)."""
        start = self.text.index(after) + len(after) if after else 0
        begin = self.text.index(words, start)
        return Span(begin, begin + len(words), words)

    def through(self, first: str, last: str) -> Span:
        """From the first words `first` to the end of the next `last`: a sentence."""
        begin = self.text.index(first)
        end = self.text.index(last, begin) + len(last)
        return Span(begin, end, self.text[begin:end])

    def mention(self, words: str, entity: str, after: str = "") -> Mention:
        found = self.span(words, after)
        return Mention(found.begin, found.end, words, entity)

    def time(self, words: str, kind: TimexType, value: str) -> TimeExpression:
        found = self.span(words)
        return TimeExpression(found.begin, found.end, words, kind, value)


def key(prefix: str, span: Span) -> str:
    """An event, quotation or claim key the way extraction makes it: kind and first offset."""
    return f"{prefix}:{span.begin}"


KENYA = Entity("geonames:192950", EntityKind.COUNTRY, "Kenya", geonames_id=192950)
UGANDA = Entity("geonames:226074", EntityKind.COUNTRY, "Uganda", geonames_id=226074)


def city(name: str, geonames_id: int) -> Entity:
    return Entity(f"geonames:{geonames_id}", EntityKind.CITY, name, geonames_id=geonames_id)


def person_position() -> Annotations:
    """(a) A person holding a position at an organisation of a country; name forms resolved."""
    article = Article(
        headline="Valmora tours Porto shipyard",
        published=dt.datetime(2025, 3, 7, 16, 30, tzinfo=dt.UTC),
        body=("Portuguese Defence Minister Inês Valmora toured the naval shipyard in Porto on "
              "Friday. Valmora has led the Ministry of National Defence since 2023."),
        url="https://news.example.org/2025/03/07/valmora-porto-shipyard")
    t = Text(article)
    person, ministry = "person:ines-valmora", "organization:ministry-of-national-defence"
    portugal, porto = "geonames:2264397", "geonames:2735943"
    role = t.span("Portuguese Defence Minister")
    return Annotations(
        article,
        entities=(Entity(person, EntityKind.PERSON, "Inês Valmora", ("Valmora",)),
                  Entity(ministry, EntityKind.GOVERNMENT_ORGANIZATION,
                         "Ministry of National Defence", country=portugal),
                  Entity(portugal, EntityKind.COUNTRY, "Portugal", geonames_id=2264397),
                  city("Porto", 2735943)),
        mentions=(t.mention("Valmora", person), t.mention("Porto", porto),
                  t.mention("Inês Valmora", person), t.mention("Porto", porto, after="shipyard in"),
                  t.mention("Valmora", person, after="Friday."),
                  t.mention("Ministry of National Defence", ministry)),
        positions=(Position(role.begin, role.end, role.text, person, "Defence Minister",
                            country=portugal, organization=ministry),))


def event_roles() -> Annotations:
    """(b) An attack named three times, with agent, target, instrument, place, date and counts,
    and an arrest it caused, with agent and patient."""
    article = Article(
        headline="Rocket attack on Garissa base kills four", published=dt.date(2025, 3, 5),
        body=("The Northern Dawn Front fired six Falcon-7 rockets at a Kenya Defence Forces base "
              "in Garissa on Tuesday, killing four soldiers and injuring 19 people.\n\n"
              "The Kenya Police Service arrested Omar Lekuton over the attack on Wednesday."))
    t = Text(article)
    front, army = "organization:northern-dawn-front", "organization:kenya-defence-forces"
    police, rocket = "organization:kenya-police-service", "product:falcon-7"
    garissa, suspect = "geonames:197745", "person:omar-lekuton"
    headline = t.span(article.headline)
    fired = t.through("The Northern", "19 people.")
    arrest = t.through("The Kenya Police", "on Wednesday.")
    attack = Event(
        key("event", t.span("attack")), "Attack",
        mentions=(EventMention(t.span("attack"), headline), EventMention(t.span("fired"), fired),
                  EventMention(t.span("attack", after="over the"), arrest)),
        participants=(Participant("agent", front), Participant("target", army),
                      Participant("instrument", rocket)),
        date="2025-03-04", location=garissa,
        counts=(("peopleKilled", 4), ("peopleInjured", 19), ("instrumentCount", 6)))
    arrested = Event(
        key("event", t.span("arrested")), "Arrest",
        mentions=(EventMention(t.span("arrested"), arrest),),
        participants=(Participant("agent", police), Participant("patient", suspect)),
        date="2025-03-05", related=(("cause", attack.key),))
    return Annotations(
        article,
        entities=(Entity(front, EntityKind.MILITARY_ORGANIZATION, "Northern Dawn Front"),
                  Entity(army, EntityKind.MILITARY_ORGANIZATION, "Kenya Defence Forces",
                         country=KENYA.key),
                  Entity(police, EntityKind.GOVERNMENT_ORGANIZATION, "Kenya Police Service",
                         country=KENYA.key),
                  KENYA, Entity(rocket, EntityKind.WEAPON, "Falcon-7"), city("Garissa", 197745),
                  Entity(suspect, EntityKind.PERSON, "Omar Lekuton")),
        mentions=(t.mention("Garissa", garissa), t.mention("Northern Dawn Front", front),
                  t.mention("Falcon-7", rocket), t.mention("Kenya Defence Forces", army),
                  t.mention("Garissa", garissa, after="base in"),
                  t.mention("Kenya Police Service", police), t.mention("Omar Lekuton", suspect)),
        events=(attack, arrested))


def quotation() -> Annotations:
    """(c) A direct quotation with its speaker and date, and reported speech by the same
    speaker (the pronoun resolved) with no date in the text."""
    article = Article(
        headline="Mombasa port promises faster customs checks", published=dt.date(2025, 3, 11),
        body=("“We will clear every container within two days,” Halima Oduya said on Monday.\n\n"
              "She said that new scanners would arrive in May."))
    t = Text(article)
    speaker = "person:halima-oduya"
    words = t.span("We will clear every container within two days")
    reported = t.span("new scanners would arrive in May")
    return Annotations(
        article,
        entities=(Entity(speaker, EntityKind.PERSON, "Halima Oduya"), city("Mombasa", 186301)),
        mentions=(t.mention("Mombasa", "geonames:186301"), t.mention("Halima Oduya", speaker)),
        quotations=(Quotation(key("quote", words), words, direct=True, speaker=speaker,
                              date="2025-03-10", cue=t.span("said")),
                    Quotation(key("quote", reported), reported, direct=False, speaker=speaker,
                              cue=t.span("said that"))))


def claim() -> Annotations:
    """(d) A claim by a ministry, dated, about an event it reports (not asserted) and a place."""
    article = Article(
        headline="Uganda blames hackers for Jinja blackout", published=dt.date(2025, 3, 6),
        body="The Ministry of Energy said on Wednesday that hackers had attacked the Jinja power "
             "station.")
    t = Text(article)
    ministry, jinja = "organization:ug-ministry-of-energy", "geonames:233114"
    sentence = t.through("The Ministry", "station.")
    attack = Event(key("event", t.span("attacked")), "Attack",
                   mentions=(EventMention(t.span("attacked"), sentence),),
                   location=jinja, factuality=Factuality.REPORTED)
    claimed = t.span("hackers had attacked the Jinja power station")
    return Annotations(
        article,
        entities=(Entity(ministry, EntityKind.GOVERNMENT_ORGANIZATION, "Ministry of Energy",
                         country=UGANDA.key), UGANDA, city("Jinja", 233114)),
        mentions=(t.mention("Uganda", UGANDA.key), t.mention("Jinja", jinja),
                  t.mention("Ministry of Energy", ministry),
                  t.mention("Jinja", jinja, after="attacked the")),
        events=(attack,),
        claims=(Claim(key("claim", claimed), claimed, sentence, author=ministry,
                      date="2025-03-05", about=(attack.key, jinja), cue=t.span("said")),))


def time_expressions() -> Annotations:
    """(e) Time expressions of three TIMEX3 types: DATE (a day, a week), DURATION and SET."""
    article = Article(
        headline="Lake ferries to resume next week", published=dt.date(2025, 3, 4),
        body=("Ferries between Kisumu and Entebbe will resume on Monday, March 10, after a pause "
              "of three weeks. Boats will leave Kisumu every Friday."))
    t = Text(article)
    kisumu, entebbe = "geonames:191245", "geonames:233508"
    return Annotations(
        article,
        entities=(city("Kisumu", 191245), city("Entebbe", 233508)),
        mentions=(t.mention("Kisumu", kisumu), t.mention("Entebbe", entebbe),
                  t.mention("Kisumu", kisumu, after="Boats will leave")),
        times=(t.time("next week", TimexType.DATE, "2025-W11"),
               t.time("Monday, March 10", TimexType.DATE, "2025-03-10"),
               t.time("three weeks", TimexType.DURATION, "P3W"),
               t.time("every Friday", TimexType.SET, "XXXX-WXX-5")))


CASES = {"person-position": person_position, "event-roles": event_roles,
         "quotation": quotation, "claim": claim, "time-expressions": time_expressions}


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator(Settings().shapes)


def ntriples(graph: Graph) -> list[str]:
    """The graph's triples, one sorted line each, with kg's prefixes for readability."""
    names = new_graph().namespace_manager
    return sorted("  " + " ".join(term.n3(names) for term in triple) + " ." for triple in graph)


def difference(expected: Graph, actual: Graph, path: Path) -> str:
    """What differs between the golden graph and the actual one, triple by triple."""
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    return "\n".join([
        (f"the mapping no longer gives {path.name}; if the change is intended, rerun with "
         "--update-golden and review the diff"),
        f"only in {path.name} ({len(only_expected)}):", *ntriples(only_expected),
        f"only in the actual graph ({len(only_actual)}):", *ntriples(only_actual)])


@pytest.mark.parametrize("case", list(CASES))
def test_mapping_gives_golden_graph(case: str, update_golden: bool) -> None:
    path = GOLDEN / f"{case}.ttl"
    _, actual = to_graph(CASES[case](), CONTEXT)
    if update_golden:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        write_graph(actual, path)
    assert path.exists(), f"{path} is missing: run pytest with --update-golden and review it"
    expected = Graph().parse(path, format="turtle")
    assert isomorphic(expected, actual), difference(expected, actual, path)


@pytest.mark.parametrize("case", list(CASES))
def test_golden_graph_conforms_to_shapes(case: str, validator: Validator) -> None:
    report = validator.validate(Graph().parse(GOLDEN / f"{case}.ttl", format="turtle"))
    assert report.conforms, report.text()
    assert not report.issues, report.text()  # not even a warning: the cases are the clean path


def test_every_golden_file_has_a_case() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.ttl")) == sorted(CASES)

"""Event extraction with the real model: the seed article, and invented news for other classes."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract import Extractor
from kg.extract.events.lexicon import (
    ancestors,
    parents,
    roleset_classes,
    trigger_rules,
    word_lists,
)
from kg.extract.events.propbank import all_rolesets
from kg.model import Annotations, Article, Event, Factuality
from kg.namespaces import KGO
from kg.settings import Settings

# --- helpers -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def extractor(settings: Settings) -> Extractor:
    """Extraction only (the model is loaded once per process): events do not need the shapes."""
    return Extractor(settings.model)


def extract(extractor: Extractor, body: str, headline: str = "Invented news") -> Annotations:
    article = Article(headline, dt.date(2024, 3, 14), body)
    return extractor.extract(article)


def names(annotations: Annotations, event: Event, role: str | None = None) -> set[str]:
    """Names of an event's participants (in `role`, if given)."""
    entities = {e.key: e.name for e in annotations.entities}
    return {entities[p.entity] for p in event.participants
            if p.entity is not None and (role is None or p.role == role)}


def of_class(annotations: Annotations, *classes: str) -> list[Event]:
    return [e for e in annotations.events if e.type in classes]


def by_trigger(annotations: Annotations, text: str) -> Event:
    """The one event one of whose mentions has exactly this trigger text."""
    found = [e for e in annotations.events if any(m.trigger.text == text for m in e.mentions)]
    assert len(found) == 1, (text, found)
    return found[0]


def count(event: Event, name: str) -> int | None:
    return dict(event.counts).get(name)


# --- data --------------------------------------------------------------------------------------


def test_every_lexicon_class_is_in_the_ontology() -> None:
    classes = {rule.cls for rules in trigger_rules().values() for rule in rules}
    classes |= set(roleset_classes().values())
    classes |= set(parents()) | word_lists()["reciprocal"] | word_lists()["speech"]
    for cls in classes:
        assert isinstance(getattr(KGO, cls), str), cls
    assert all("Event" in ancestors(cls) for cls in parents())


# Classes only the context gives: a protest note, a contract, an order, prices, signing a law.
CONTEXT_CLASSES = {"Demarche", "Contract", "Order", "PriceChange", "LawSigning"}


def test_the_roleset_table_covers_every_leaf_class_but_those_of_context() -> None:
    leaves = set(parents()) - {p for p in parents().values() if p}
    assert leaves - set(roleset_classes().values()) == CONTEXT_CLASSES
    covered = {rule.cls for rules in trigger_rules().values() for rule in rules}
    assert CONTEXT_CLASSES <= covered


def test_every_roleset_of_the_table_is_a_propbank_roleset() -> None:
    assert set(roleset_classes()) <= set(all_rolesets())


# --- the seed article --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(extractor: Extractor, seed_article: Article) -> Annotations:
    return extractor.extract(seed_article)


@pytest.fixture(scope="module")
def call(seed: Annotations) -> Event:
    (event,) = of_class(seed, "PhoneCall")
    return event


def test_seed_call_is_one_event_with_its_mentions(seed: Annotations, call: Event) -> None:
    triggers = [m.trigger.text for m in call.mentions]
    assert triggers.count("spoke by phone") == 2
    assert {"call", "telephone conversation"} <= set(triggers)
    text = seed.article.text
    assert all(text[m.trigger.begin:m.trigger.end] == m.trigger.text for m in call.mentions)
    assert all(m.sentence.begin <= m.trigger.begin < m.sentence.end for m in call.mentions)
    assert call.key == f"event:{call.mentions[0].trigger.begin}"


def test_seed_call_participants_date_and_initiator(seed: Annotations, call: Event) -> None:
    assert names(seed, call, "agent") | names(seed, call, "coAgent") == {
        "Lloyd Austin", "Andrei Belousov"}
    assert names(seed, call, "initiator") == {"United States"}
    assert call.date == "2024-06-25"
    assert call.factuality is Factuality.ASSERTED


def test_seed_last_conversation_is_another_event(seed: Annotations, call: Event) -> None:
    earlier = [e for e in seed.events if e.date == "2023-03"]
    assert len(earlier) == 1 and earlier[0].key != call.key
    assert earlier[0].type in {"Discussion", "PhoneCall"}
    assert all("last conversation" not in m.sentence.text or m.trigger.text != "conversation"
               for m in call.mentions)


def test_seed_statements_about_the_call(seed: Annotations, call: Event) -> None:
    by_ryder = {m.trigger.text: e for e in of_class(seed, "Statement") for m in e.mentions
                if names(seed, e, "agent") == {"Patrick Ryder"} and ("about", call.key)
                in e.related}
    # "Patrick Ryder said this ... during a briefing"; "He clarified that the conversation ..."
    assert set(by_ryder) == {"said", "clarified"}
    statement = by_ryder["said"]
    assert statement.date == "2024-06-25"
    ((_, briefing_key),) = [r for r in statement.related if r[0] == "superEvent"]
    assert {e.key: e.type for e in seed.events}[briefing_key] == "Briefing"
    (confirmation,) = of_class(seed, "Confirmation")
    assert names(seed, confirmation, "agent") == {"Russian Ministry of Defense"}
    assert ("about", call.key) in confirmation.related


@pytest.fixture(scope="module")
def attack(seed: Annotations) -> Event:
    (event,) = [e for e in of_class(seed, "Attack", "Strike")
                if e.factuality is Factuality.ASSERTED]
    return event


def test_seed_attack(seed: Annotations, attack: Event) -> None:
    assert names(seed, attack, "agent") == {"Armed Forces of Ukraine"}
    assert names(seed, attack, "target") == {"Sevastopol"}
    assert names(seed, attack, "instrument") == {"ATACMS"}
    assert count(attack, "instrumentCount") == 5
    assert attack.date == "2024-06-23"
    later = {m.sentence.text.split(",")[0] for m in attack.mentions[1:]}
    assert "Because of the attack" in later
    assert any("missile strike" in m.sentence.text for m in attack.mentions[1:])
    assert any("attack on Sevastopol" in m.sentence.text for m in attack.mentions[1:])


def test_seed_no_asserted_attack_by_the_united_states(seed: Annotations) -> None:
    by_us = [e for e in of_class(seed, "Attack", "Strike", "Shelling", "Bombing")
             if "United States" in names(seed, e, "agent")]
    assert by_us, "the shelling Russia accuses the US of is kept, as reported"
    assert all(e.factuality is Factuality.REPORTED for e in by_us)


def test_seed_consequences_of_the_attack(seed: Annotations, attack: Event) -> None:
    (explosion,) = of_class(seed, "Explosion")
    assert "Uchkuevka" in {e.key: e.name for e in seed.entities}[explosion.location or ""]
    (injury,) = [e for e in of_class(seed, "Injury") if e.factuality is Factuality.ASSERTED]
    (death,) = of_class(seed, "Death")
    assert count(injury, "peopleInjured") == 153
    assert count(death, "peopleKilled") == 4 and count(death, "childrenKilled") == 2
    for event in (explosion, injury, death):
        assert ("cause", attack.key) in event.related
    assert injury.date == death.date == "2024-06-23"


def test_seed_summons_and_demarche(seed: Annotations, attack: Event) -> None:
    (summons,) = of_class(seed, "Summons")
    (demarche,) = of_class(seed, "Demarche")
    assert names(seed, summons, "patient") == {"Lynn Tracy"}
    assert "Russian Ministry of Foreign Affairs" in names(seed, summons, "agent")
    assert names(seed, demarche, "recipient") == {"Lynn Tracy"}
    assert ("cause", attack.key) in summons.related and ("cause", attack.key) in demarche.related


def test_seed_accusation(seed: Annotations) -> None:
    assert any(names(seed, e, "agent") == {"Russia"} and names(seed, e, "patient") ==
               {"United States"} for e in of_class(seed, "Accusation"))


def test_seed_factuality(seed: Annotations) -> None:
    assert by_trigger(seed, "give").factuality is Factuality.NEGATED
    assert by_trigger(seed, "specify").factuality is Factuality.NEGATED
    talk = by_trigger(seed, "talk")
    assert talk.factuality is Factuality.HYPOTHETICAL and not talk.counts


def test_seed_events_are_in_text_order_and_deterministic(
        extractor: Extractor, seed_article: Article, seed: Annotations) -> None:
    begins = [e.mentions[0].trigger.begin for e in seed.events]
    assert begins == sorted(begins) and len(set(begins)) == len(begins)
    assert extractor.extract(seed_article).events == seed.events


# --- invented news -----------------------------------------------------------------------------


def test_election(extractor: Extractor) -> None:
    found = extract(extractor, "Voters in Portugal went to the polls on Sunday in a general "
                               "election. Maria Santos was elected president of the country.")
    elections = of_class(found, "Election")
    assert len(elections) >= 1
    assert any(names(found, e, "patient") == {"Maria Santos"} for e in elections)


def test_earthquake_with_a_death_toll(extractor: Extractor) -> None:
    found = extract(extractor, "A powerful earthquake struck eastern Turkey on Monday, killing "
                               "at least 12 people and injuring 30 others, officials said.")
    (quake,) = of_class(found, "Earthquake")
    (death,) = of_class(found, "Death")
    (injury,) = of_class(found, "Injury")
    assert count(death, "peopleKilled") == 12 and count(injury, "peopleInjured") == 30
    assert ("cause", quake.key) in death.related and ("cause", quake.key) in injury.related
    assert quake.date and quake.date == death.date


def test_company_buys_another(extractor: Extractor) -> None:
    found = extract(extractor, "Microsoft bought GitHub for $7.5 billion in June 2018.")
    (purchase,) = of_class(found, "Purchase")
    assert names(found, purchase, "agent") == {"Microsoft"}
    assert names(found, purchase, "patient") == {"GitHub"}
    assert purchase.date == "2018-06"


def test_protest_with_arrests(extractor: Extractor) -> None:
    found = extract(extractor, "Thousands of people protested in Paris on Saturday against the "
                               "pension reform. Police arrested 45 demonstrators.")
    (protest,) = of_class(found, "Protest")
    (arrest,) = of_class(found, "Arrest")
    assert {e.key: e.name for e in found.entities}.get(protest.location or "") == "Paris"
    assert count(arrest, "peopleArrested") == 45


def test_negated_and_conditional_events(extractor: Extractor) -> None:
    found = extract(extractor, "The minister did not meet the protesters. Germany would impose "
                               "sanctions on Iran if the talks fail. Russia threatened to attack "
                               "Kyiv.")
    assert by_trigger(found, "meet").factuality is Factuality.NEGATED
    assert by_trigger(found, "sanctions").factuality is Factuality.HYPOTHETICAL
    strike = by_trigger(found, "attack")
    assert strike.factuality is Factuality.HYPOTHETICAL
    assert names(found, strike, "agent") == {"Russia"}


def test_reported_event_in_an_accusation(extractor: Extractor) -> None:
    found = extract(extractor, "Israel accused Hamas of firing rockets at Ashkelon.")
    attack = by_trigger(found, "firing")
    assert attack.factuality is Factuality.REPORTED
    assert names(found, attack, "agent") == {"Hamas"}
    accusation = by_trigger(found, "accused")
    assert ("about", attack.key) in accusation.related


def test_meeting_coreference_and_conflict(extractor: Extractor) -> None:
    found = extract(extractor,
                    "Emmanuel Macron met Olaf Scholz in Berlin on Tuesday. The meeting lasted "
                    "two hours. Macron said their previous meeting was in January.")
    meetings = of_class(found, "Meeting")
    first = meetings[0]
    assert len(first.mentions) == 2 and first.mentions[1].trigger.text == "meeting"
    assert names(found, first) == {"Emmanuel Macron", "Olaf Scholz"}
    assert len(meetings) == 2, "the previous meeting is another one"


def test_bad_input_does_not_crash(extractor: Extractor) -> None:
    found = extract(extractor, "(((( ,,, attack attack !!! 12 12 12 killed killed by by by )))")
    assert isinstance(found.events, tuple)


@pytest.mark.parametrize(("body", "expected"), [
    ("Dockworkers' strike kept the port of Valdera shut on Monday.", "Protest"),
    ("A strike by nurses closed three wards of the Halden hospital.", "Protest"),
    ("The teachers went on strike in Korvik last week.", "Protest"),
    ("Unions defended the right to strike at a rally in Korvik.", "Protest"),
    ("An air strike hit a depot near Korvik on Monday.", "Strike"),
])
def test_a_labour_strike_is_a_protest_not_an_attack(extractor: Extractor, body: str,
                                                    expected: str) -> None:
    annotations = extract(extractor, body)
    (event,) = [e for e in annotations.events
                if any("strike" in m.trigger.text for m in e.mentions)]
    assert event.type == expected

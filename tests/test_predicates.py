"""Every eventive predicate is an event (kg.extract.events.predicates): PropBank's rolesets on
invented news, with the real model. Classed events keep their class; others are kgo:Event,
named by their roleset."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.errors import ConfigError
from kg.extract import Extractor
from kg.extract.events.predicates import light_verbs
from kg.ids import Ids
from kg.mapping import MappingContext, to_graph
from kg.model import Annotations, Article, Event
from kg.namespaces import ITSRDF, KGO, NIF, PREFIXES, PROPBANK, RDF, RDFS, SDO
from kg.provenance import run_iri
from kg.settings import Settings, load_settings
from kg.validate import Validator


@pytest.fixture(scope="module")
def extractor(settings: Settings) -> Extractor:
    return Extractor(settings.model)


def extract(extractor: Extractor, body: str) -> Annotations:
    return extractor.extract(Article("Invented news", dt.date(2025, 5, 6), body))


def triggers(annotations: Annotations) -> dict[str, Event]:
    """Each mention's trigger text and its event."""
    return {m.trigger.text: e for e in annotations.events for m in e.mentions}


def named(annotations: Annotations, event: Event) -> list[tuple[str, str]]:
    """(role, name) of each participant of `event` that is an entity, in order."""
    names = {e.key: e.name for e in annotations.entities}
    return [(p.role, names[p.entity]) for p in event.participants if p.entity is not None]


def unnamed(event: Event) -> list[tuple[str, str]]:
    """(role, phrase) of each participant of `event` that names no entity, in order."""
    return [(p.role, p.phrase.text) for p in event.participants
            if p.entity is None and p.phrase is not None]


def test_a_predicate_without_a_class_is_an_event_named_by_its_roleset(
        extractor: Extractor) -> None:
    found = triggers(extract(extractor, "The ferry capsized near the harbour of Port Vella."))
    assert found["capsized"].type == "Event"
    assert found["capsized"].roleset == "capsize.01"


def test_a_classed_event_keeps_its_class_and_gains_its_roleset(extractor: Extractor) -> None:
    found = triggers(extract(extractor, "Rebels attacked the garrison of Tarn on Monday."))
    assert found["attacked"].type == "Attack"
    assert found["attacked"].roleset == "attack.01"


def test_auxiliaries_and_copulas_name_no_event(extractor: Extractor) -> None:
    found = triggers(extract(extractor, "The mayor has been arrested. The bridge is old."))
    assert "arrested" in found
    assert not {"has", "been", "is"} & set(found)


def test_a_light_verb_leaves_the_event_to_its_noun(extractor: Extractor) -> None:
    assert {"make", "take"} <= light_verbs()
    found = triggers(extract(extractor, "The council made a decision about the harbour."))
    assert "made" not in found
    assert found["decision"].roleset == "decide.01"


def test_a_phrasal_verb_is_one_predicate_with_its_particle(extractor: Extractor) -> None:
    found = triggers(extract(extractor, "The carmaker rolled out a new van in Osterby."))
    assert (found["rolled out"].roleset or "").startswith("roll_out.")
    assert "rolled" not in found


def test_a_verb_used_as_a_preposition_names_no_event(extractor: Extractor) -> None:
    found = triggers(extract(extractor,
                             "Nine towns, including Brask, voted to close the mine."))
    assert "including" not in found and "voted" in found


def test_a_noun_modifying_an_eventive_noun_is_part_of_its_name(extractor: Extractor) -> None:
    found = triggers(extract(extractor, "The test flight of the new glider ended early."))
    assert "flight" in found and "test" not in found


def test_a_word_of_a_classed_trigger_names_no_event_of_its_own(extractor: Extractor) -> None:
    annotations = extract(extractor, "Mara Quill and Ivo Brandt held a phone call on Monday.")
    calls = [e for e in annotations.events if e.type == "PhoneCall"]
    assert len(calls) == 1
    words = {m.trigger.text for e in annotations.events for m in e.mentions}
    assert "phone" not in words and len({e.key for e in annotations.events}) == len(
        annotations.events)


def test_unclassed_events_join_only_mentions_of_their_own_roleset(extractor: Extractor) -> None:
    annotations = extract(extractor, "The ferry sank in the storm. Rescuers searched the "
                          "bay after the sinking. The decision to search was praised.")
    found = triggers(annotations)
    assert found["sank"] is found["sinking"]  # one event, two mentions
    assert found["sank"].roleset == "sink.01"
    assert found["decision"] is not found["sank"]


def test_the_taxonomy_setting_keeps_only_classed_events(settings: Settings) -> None:
    small = Extractor(settings.model, every_event=False)
    body = "Rebels attacked the garrison of Tarn. The ferry capsized near the harbour."
    annotations = small.extract(Article("Invented news", dt.date(2025, 5, 6), body))
    assert [e.type for e in annotations.events] == ["Attack"]


def test_the_events_setting_is_checked_and_names_the_run() -> None:
    with pytest.raises(ConfigError, match="events='some' is not one of all, taxonomy"):
        load_settings(None, events="some")
    every, classed = load_settings(None), load_settings(None, events="taxonomy")
    assert run_iri(every, "m 1") != run_iri(classed, "m 1")
    assert run_iri(every, "m 1") == run_iri(load_settings(None, events="all"), "m 1")


def test_an_unclassed_event_is_typed_by_its_roleset_in_the_graph(extractor: Extractor,
                                                                 settings: Settings) -> None:
    annotations = extract(extractor, "The ferry capsized near the harbour of Port Vella.")
    context = MappingContext(Ids(settings.base_iri), URIRef(f"{settings.base_iri}run/r1"))
    _, graph = to_graph(annotations, context)
    capsize = PROPBANK["capsize.01"]
    (event,) = graph.subjects(RDF.type, capsize)
    assert graph.value(event, KGO.roleset) == Literal("capsize.01")
    assert graph.value(capsize, RDFS.subClassOf) == KGO.Event
    assert str(graph.value(capsize, RDFS.label)).startswith("capsize.01: ")


# Where and when (kg.extract.events.context)


def test_the_location_is_the_nearest_place_in_a_chain_of_prepositions(
        extractor: Extractor) -> None:
    annotations = extract(extractor, "A gunman shot two guards at a warehouse in the Canadian "
                          "port city of Halifax, Nova Scotia, on Friday.")
    places = {e.key: e.name for e in annotations.entities}
    shooting = triggers(annotations)["shot"]
    assert shooting.location is not None and places[shooting.location] == "Halifax"


def place_of(annotations: Annotations, event: Event) -> str | None:
    names = {e.key: e.name for e in annotations.entities}
    return names[event.location] if event.location is not None else None


def test_on_a_place_says_where_unless_the_roleset_frames_it(extractor: Extractor) -> None:
    crash = extract(extractor, "On Friday, a bus and a tractor collided on Route 9.")
    assert place_of(crash, triggers(crash)["collided"]) == "Route 9"
    # agree.01 begins ARG1 with "on"; "sanctions on X" is what they are imposed on
    deal = extract(extractor, "The ministers of Brask and Tarn agreed on Portugal on Monday.")
    assert triggers(deal)["agreed"].location is None
    sanctions = extract(extractor, "The council of Brask imposed sanctions on Portugal.")
    assert triggers(sanctions)["sanctions"].location is None


@pytest.mark.parametrize(("body", "word"), [
    ("Two men were fishing in Brask on Friday and found a bomb.", "found"),
    ("A van hit a wall in Brask on Friday, injuring two passengers.", "injuring"),
])
def test_a_co_ordinated_or_participle_clause_happened_where_its_verb_did(
        extractor: Extractor, body: str, word: str) -> None:
    annotations = extract(extractor, body)
    assert place_of(annotations, triggers(annotations)[word]) == "Brask"


CRASH = ("Bus crash kills four in Vermont\n\nOn Friday, a bus and a tractor collided on Route 9 in "
         "Burlington, Vermont. The crash killed four passengers. Police arrested two men in "
         "Ohio and Canada.")


def test_the_places_around_the_location_are_kept_and_name_one_place(
        extractor: Extractor, settings: Settings) -> None:
    annotations = extractor.extract(_headlined(CRASH))
    names = {e.key: e.name for e in annotations.entities}
    (crash,) = [e for e in annotations.events if e.type == "Crash"]
    # the headline's "crash" (in Vermont), "collided" and "the crash" are one event, on Route 9
    assert len(crash.mentions) == 3
    assert names[crash.location] == "Route 9"
    assert [names[k] for k in crash.location_within] == ["Burlington", "Vermont"]
    # the deaths the headline tells of first are dated by the body that tells of them again
    (deaths,) = [e for e in annotations.events if e.type == "Death"]
    assert crash.date == deaths.date == "2025-05-02"
    context = MappingContext(Ids(settings.base_iri), URIRef(f"{settings.base_iri}run/r1"))
    _, graph = to_graph(annotations, context)
    inner = graph.value(predicate=SDO.name, object=Literal("Route 9"))
    burlington = graph.value(inner, SDO.containedInPlace)
    assert graph.value(burlington, SDO.name) == Literal("Burlington")
    assert graph.value(graph.value(burlington, SDO.containedInPlace), SDO.name) == \
        Literal("Vermont")
    (arrest,) = [e for e in annotations.events if e.type == "Arrest"]
    assert names[arrest.location] == "Ohio"
    assert arrest.location_within == ()  # places listed, not Ohio in Canada
    report = Validator(settings.shapes).validate(graph)
    assert report.conforms, report.text()


def _headlined(text: str) -> Article:
    headline, body = text.split("\n\n", 1)
    return Article(headline, dt.date(2025, 5, 6), body)


def test_a_part_of_a_day_dates_the_event_by_its_day(extractor: Extractor) -> None:
    # Published Tuesday 2025-05-06: "Monday morning" is 2025-05-05 (TIMEX3 2025-05-05TMO).
    annotations = extract(extractor, "On Monday morning, the council of Brask announced a ban.")
    assert triggers(annotations)["announced"].date == "2025-05-05"


def test_a_pronoun_argument_is_the_person_named_sentences_before(extractor: Extractor) -> None:
    annotations = extract(extractor, "Mara Quill, the mayor of Tarn, was attacked on Sunday "
                          "evening at a concert. She died today.")
    died = triggers(annotations)["died"]
    assert named(annotations, died) == [("patient", "Mara Quill")]


def test_a_pronoun_with_no_person_before_it_names_no_participant(extractor: Extractor) -> None:
    annotations = extract(extractor, "The council of Brask met on Sunday. It closed the mine.")
    closed = triggers(annotations)["closed"]
    assert named(annotations, closed) == []
    assert unnamed(closed) == [("patient", "the mine")]  # and nothing for "It"


@pytest.mark.parametrize("body", [
    "A gunman killed a woman named Ines Varga in Tarn on Friday.",
    "Police said a gunman killed a tourist, Ines Varga, in Tarn on Friday.",
    "A gunman killed a woman later identified as Ines Varga in Tarn on Friday.",
])
def test_a_noun_argument_named_in_its_own_phrase_is_that_entity(extractor: Extractor,
                                                                body: str) -> None:
    annotations = extract(extractor, body)
    killed = triggers(annotations)["killed"]
    assert ("patient", "Ines Varga") in named(annotations, killed)
    assert [role for role, _ in named(annotations, killed)] == ["patient"]


@pytest.mark.parametrize("body", [
    "Police arrested a man in Tarn on Friday. The man was later identified as Tomas Berg.",
    "Police arrested a man in Tarn on Friday. Officials identified the man as Tomas Berg.",
    "Police arrested a man in Tarn on Friday. The man was Tomas Berg, a local farmer.",
])
def test_a_description_the_article_names_later_is_that_person(extractor: Extractor,
                                                              body: str) -> None:
    annotations = extract(extractor, body)
    assert ("patient", "Tomas Berg") in named(annotations, triggers(annotations)["arrested"])


def test_a_description_named_as_two_people_names_no_one(extractor: Extractor) -> None:
    annotations = extract(extractor, "Police arrested a man on Friday. The man was identified "
                          "as Tomas Berg. Officials said the man was named as Lars Holm.")
    assert named(annotations, triggers(annotations)["arrested"]) == []


def test_the_subject_of_a_predicate_with_no_agent_undergoes_it(extractor: Extractor) -> None:
    annotations = extract(extractor, "Ines Varga arrived in Tarn on Sunday.")
    arrival = triggers(annotations)["arrived"]  # arrive.01 frames no agent: ARG1 is the comer
    assert named(annotations, arrival) == [("patient", "Ines Varga")]


def test_a_prepositional_argument_takes_the_role_propbank_gives_it(extractor: Extractor) -> None:
    annotations = extract(extractor, "Ines Varga donated her paintings to the Louvre.")
    donation = triggers(annotations)["donated"]  # donate.01: "to X" begins ARG2, GOL
    assert ("recipient", "Louvre") in named(annotations, donation)


def test_it_or_they_reporting_for_an_organisation_is_that_organisation(
        extractor: Extractor) -> None:
    annotations = extract(extractor, "The Brask Police said they had arrested two men.")
    arrest = triggers(annotations)["arrested"]
    assert named(annotations, arrest) == [("agent", "Brask Police")]


# Arguments that name no entity, and participations (kg.extract.events.roles, kg.mapping.events)


def test_an_argument_naming_no_entity_is_kept_by_its_phrase(extractor: Extractor) -> None:
    annotations = extract(extractor, "Gunmen killed three civilians on Friday.")
    killed = triggers(annotations)["killed"]
    assert unnamed(killed) == [("agent", "Gunmen"), ("patient", "three civilians")]
    patient = next(p for p in killed.participants if p.role == "patient")
    assert (patient.argument, patient.role_name) == ("ARG1", "corpse")  # kill.01 as PropBank


def test_amounts_and_times_are_no_participants(extractor: Extractor) -> None:
    annotations = extract(extractor, "The Brask Mining Company paid $5 million last year.")
    paid = triggers(annotations)["paid"]
    assert unnamed(paid) == []
    assert named(annotations, paid) == [("agent", "Brask Mining Company")]


def test_an_argument_phrase_ends_before_its_relative_clause(extractor: Extractor) -> None:
    annotations = extract(extractor, "Police arrested the driver who hit Ines Varga on Friday.")
    assert unnamed(triggers(annotations)["arrested"]) == [("agent", "Police"),
                                                          ("patient", "the driver")]


def test_a_relative_pronoun_is_its_antecedent_stated_by_the_pronoun(
        extractor: Extractor) -> None:
    annotations = extract(extractor, "Ines Varga, who founded the Tarn Gallery, died on Friday.")
    founded = triggers(annotations)["founded"]
    (founder,) = [p for p in founded.participants if p.role == "agent"]
    assert founder.phrase is not None and founder.phrase.text == "who"
    assert named(annotations, founded)[0] == ("agent", "Ines Varga")


def test_co_ordinated_arguments_share_the_phrase_that_states_them(extractor: Extractor) -> None:
    annotations = extract(extractor, "Ines Varga and Tomas Berg founded the Tarn Gallery.")
    founded = triggers(annotations)["founded"]
    founders = [p for p in founded.participants if p.role == "agent"]
    assert [p.phrase.text for p in founders if p.phrase] == ["Ines Varga and Tomas Berg"] * 2
    assert {name for _, name in named(annotations, founded)} >= {"Ines Varga", "Tomas Berg"}


def test_a_participation_states_role_phrase_filler_and_propbank_name_and_conforms(
        extractor: Extractor, settings: Settings) -> None:
    annotations = extract(extractor, "Gunmen killed three civilians on Friday.")
    context = MappingContext(Ids(settings.base_iri), URIRef(f"{settings.base_iri}run/r1"))
    _, graph = to_graph(annotations, context)
    (event,) = graph.subjects(KGO.roleset, Literal("kill.01"))
    (civilians,) = [r for r in graph.subjects(RDF.type, KGO.Referent)
                    if graph.value(r, RDFS.label) == Literal("three civilians")]
    assert (event, KGO.patient, civilians) in graph
    assert (event, KGO.participant, civilians) in graph
    (participation,) = [p for p in graph.objects(event, KGO.participation)
                        if graph.value(p, KGO.role) == KGO.patient]
    assert graph.value(participation, KGO.filler) == civilians
    assert graph.value(participation, KGO.argument) == Literal("ARG1")
    assert graph.value(participation, KGO.roleName) == Literal("corpse")
    phrase = graph.value(participation, KGO.phrase)
    assert graph.value(phrase, NIF.anchorOf) == Literal("three civilians")
    assert graph.value(phrase, ITSRDF.taIdentRef) == civilians  # the phrase denotes it
    report = Validator(settings.shapes).validate(graph)
    assert report.conforms, report.text()


def test_the_ontology_readme_query_of_roles_by_propbank_name_answers(
        extractor: Extractor, settings: Settings) -> None:
    readme = (Path(__file__).parent.parent / "ontology" / "README.md").read_text(encoding="utf-8")
    query = readme.split("**Participants.**")[1].split("```sparql")[1].split("```")[0]
    annotations = extract(extractor, "Gunmen killed three civilians on Friday.")
    context = MappingContext(Ids(settings.base_iri), URIRef(f"{settings.base_iri}run/r1"))
    _, graph = to_graph(annotations, context)
    rows = {(str(r[1]), str(r[2])) for r in graph.query(query, initNs=PREFIXES)}
    assert ("corpse", "three civilians") in rows
    assert ("killer", "Gunmen") in rows


def test_a_subject_the_parser_took_for_an_object_of_after_is_the_subject(
        extractor: Extractor) -> None:
    # spaCy reads "after Ines Varga" as a prepositional phrase and "was attacked" as co-ordinated
    # with "arrested": the subordinate clause's subject is "Ines Varga".
    annotations = extract(extractor, "A man has been arrested after Ines Varga, the mayor of "
                          "Tarn, was attacked on Sunday.")
    assert named(annotations, triggers(annotations)["attacked"]) == [("target", "Ines Varga")]
    assert unnamed(triggers(annotations)["arrested"]) == [("patient", "A man")]


def test_an_event_noun_is_not_a_participant_of_its_own_event(extractor: Extractor) -> None:
    annotations = extract(extractor, "Twin bombings struck the Tarn Cathedral on Sunday.")
    bombing = triggers(annotations)["bombings"]
    assert all(p.phrase is None or "bombings" not in p.phrase.text
               for p in bombing.participants)


def test_an_attack_with_no_place_of_its_own_happened_where_it_struck(
        extractor: Extractor) -> None:
    annotations = extract(extractor, "Gunmen attacked the main railway station of Lyon on Monday.")
    attack = triggers(annotations)["attacked"]
    places = {e.key: e.name for e in annotations.entities}
    assert attack.location is not None and places[attack.location] == "Lyon"


def test_the_toll_of_a_consequence_is_also_its_causes(extractor: Extractor) -> None:
    annotations = extract(extractor, "A car bomb exploded in a market on Monday. Four people "
                          "were killed and 12 were injured.")
    explosion = triggers(annotations)["exploded"]
    assert dict(explosion.counts) == {"peopleKilled": 4, "peopleInjured": 12}
    assert dict(triggers(annotations)["killed"].counts) == {"peopleKilled": 4}


@pytest.mark.parametrize(("body", "cause"), [
    ("A car bombing in Tarn killed five and wounded 110, another attack by rebels.",
     "bombing"),  # the subject, not the attack told after
    ("A van struck a group of cyclists on Sunday, killing five riders and injuring 110 more.",
     "struck"),  # a participle clause: what its verb did
    ("An earthquake struck Brask on Monday, killing five people and injuring 110 others.",
     "earthquake"),  # ... or what that verb tells of
])
def test_a_toll_is_on_the_event_the_parse_makes_its_cause(extractor: Extractor, body: str,
                                                           cause: str) -> None:
    found = triggers(extract(extractor, body))
    assert dict(found[cause].counts) == {"peopleKilled": 5, "peopleInjured": 110}


@pytest.mark.parametrize("body", [
    "A gunman shot shoppers in Tarn on Saturday, with the death toll rising to 22 people.",
    "Rescuers found more bodies, raising the death toll from twelve to 22.",
    "The death toll stands at 22.",
    "The death toll reached 22 on Tuesday.",
    "Officials revised an earlier death toll of 22.",
])
def test_a_death_toll_counts_the_dead(extractor: Extractor, body: str) -> None:
    assert dict(triggers(extract(extractor, body))["death"].counts) == {"peopleKilled": 22}


def test_an_apposition_restates_a_share_as_a_count(extractor: Extractor) -> None:
    found = triggers(extract(extractor, "Two thirds of those infected, over 1800 people, have "
                                        "died."))
    assert dict(found["died"].counts) == {"peopleKilled": 1800}
    found = triggers(extract(extractor, "Two thirds of the passengers died."))
    assert dict(found["died"].counts) == {}  # a share counts no one
    found = triggers(extract(extractor, "Mara Quill, 79, died on Sunday."))
    assert dict(found["died"].counts) == {}  # nor does an age


def test_a_noun_modifying_another_names_a_kind_not_an_event(extractor: Extractor) -> None:
    found = triggers(extract(extractor, "The aviation industry grew. Officials praised the "
                                        "rescue of the miners."))
    assert "aviation" not in found and "industry" not in found
    assert found["rescue"].roleset == "rescue.01"


def test_an_event_noun_argument_is_no_referent(extractor: Extractor) -> None:
    annotations = extract(extractor, "The council of Brask rejected the proposal on Monday.")
    rejected = triggers(annotations)["rejected"]
    assert "the proposal" not in {phrase for _, phrase in unnamed(rejected)}
    assert "proposal" in triggers(annotations)  # the proposal is an event of its own


# Event identity (kg.extract.events.coref) and classes from rolesets (roleset_classes.tsv)


def test_who_acts_in_one_mention_and_undergoes_the_other_makes_two_events(
        extractor: Extractor) -> None:
    annotations = extract(extractor, "On Friday, Tomas Berg stabbed two guards in Lyon. Police "
                          "arrived and shot Berg.")
    stabbing, shooting = triggers(annotations)["stabbed"], triggers(annotations)["shot"]
    assert stabbing is not shooting
    assert ("target", "Tomas Berg") in named(annotations, shooting)


@pytest.mark.parametrize(("body", "word", "cls"), [
    ("About 2,000 residents were evacuated from Tarn on Monday.", "evacuated", "Evacuation"),
    ("Firefighters rescued two children from the river.", "rescued", "Rescue"),
    ("Military planes airlifted 300 citizens out of Tarn.", "airlifted", "Transport"),
    ("The rebels released three hostages on Sunday.", "released", "Release"),
    ("A man stabbed a guard outside the museum.", "stabbed", "Attack"),
    ("Gunmen massacred the villagers of Tarn.", "massacred", "Killing"),
])
def test_a_roleset_of_the_table_classes_every_word_that_names_it(
        extractor: Extractor, body: str, word: str, cls: str) -> None:
    assert triggers(extract(extractor, body))[word].type == cls


def test_a_word_whose_own_rules_fail_is_not_classed_by_its_roleset(extractor: Extractor) -> None:
    # release.01 names releasing a statement as well: only released people are a Release.
    annotations = extract(extractor, "The ministry released a statement on Sunday.")
    assert triggers(annotations)["released"].type == "Event"


def test_evacuated_people_are_counted(extractor: Extractor) -> None:
    annotations = extract(extractor, "About 2,000 residents were evacuated from Tarn on Monday.")
    assert dict(triggers(annotations)["evacuated"].counts) == {"peopleEvacuated": 2000}

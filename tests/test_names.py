"""Names on invented news, with the real model: extents, types and places that generalise."""

from __future__ import annotations

import pytest

from kg.extract.names.candidates import Candidate
from kg.extract.names.coref import resolve
from kg.model import EntityKind
from kg.pipeline import ArticleProcessor

from .test_extract import extract, named


def test_continents_are_places_not_towns_of_the_same_name(processor: ArticleProcessor) -> None:
    annotations = extract(processor, "Trade talks", "Ministers from Asia and Africa met in "
                          "Geneva on Friday to discuss tariffs.")
    asia = named(annotations, "Asia")  # GeoNames also has a town "Asia" in the Philippines
    assert (asia.kind, asia.geonames_id) == (EntityKind.PLACE, 6255147)
    assert named(annotations, "Africa").geonames_id == 6255146


def test_a_single_name_no_full_name_or_title_introduces_is_not_a_person(
        processor: ArticleProcessor) -> None:
    # The small model tags "Skyvault" PERSON; no "Firstname Skyvault" or "Mr Skyvault" exists.
    annotations = extract(processor, "Carrier results", "Skyvault reported a loss on Monday. "
                          "Skyvault shares fell 5% in early trading.")
    assert named(annotations, "Skyvault").kind is EntityKind.ORGANIZATION


def test_a_single_name_after_a_title_stays_a_person(processor: ArticleProcessor) -> None:
    annotations = extract(processor, "Chief resigns", "Mr Okafor resigned on Monday. Okafor "
                          "had led the firm since 2001.")
    assert named(annotations, "Okafor").kind is EntityKind.PERSON


def test_a_hyphenated_title_is_one_word_before_a_name(processor: ArticleProcessor) -> None:
    annotations = extract(processor, "Boss quits", "Skyline Bank chief executive and "
                          "co-founder Daniel Reyes said profits rose.")
    texts = {m.text for m in annotations.mentions}
    assert "Daniel Reyes" in texts and "founder Daniel Reyes" not in texts


def test_a_flight_number_is_not_part_of_the_airline(processor: ArticleProcessor) -> None:
    annotations = extract(processor, "Crash report", "The loss of Merpati Air Flight 312 "
                          "killed 40 people.")
    assert named(annotations, "Merpati Air").kind is EntityKind.ORGANIZATION


def test_a_name_after_an_honorific_is_a_person(processor: ArticleProcessor) -> None:
    # The small model tags "Mr Okafor" GPE in this sentence.
    annotations = extract(processor, "Bank results", "Skyvault reported a loss on Monday, "
                          "and Mr Okafor resigned.")
    assert named(annotations, "Okafor").kind is EntityKind.PERSON


def test_a_country_is_not_the_surname_of_a_person_named_after_it() -> None:
    # The model tags an airline "Kestrel Malaysia" PERSON; "Malaysia" alone stays the country.
    text = "Kestrel Malaysia said Malaysia would act."
    found = [Candidate(0, 16, "Kestrel Malaysia", "PERSON"), Candidate(22, 30, "Malaysia", "GPE")]
    entities, mentions = resolve(text, found, "scope")
    assert entities[mentions[1].entity].kind is EntityKind.COUNTRY


def test_a_surname_the_model_calls_a_facility_is_the_person_unless_a_known_place() -> None:
    text = "Maria Quill won. They voted for Quill. George Washington spoke in Washington."
    found = [Candidate(0, 11, "Maria Quill", "PERSON"), Candidate(31, 36, "Quill", "FAC"),
             Candidate(38, 55, "George Washington", "PERSON"),
             Candidate(65, 75, "Washington", "LOC")]
    entities, mentions = resolve(text, found, "scope")
    assert mentions[1].entity == mentions[0].entity  # one person, not a place "Quill"
    assert entities[mentions[3].entity].kind is not EntityKind.PERSON


def test_a_company_s_short_form_is_the_company_unless_a_country_s_name() -> None:
    text = "Delta Air was fined. Delta said it would appeal. Kenya Airways and Kenya agreed."
    found = [Candidate(0, 9, "Delta Air", "ORG"), Candidate(21, 26, "Delta", "GPE"),
             Candidate(49, 62, "Kenya Airways", "ORG"), Candidate(67, 72, "Kenya", "GPE")]
    entities, mentions = resolve(text, found, "scope")
    assert mentions[1].entity == mentions[0].entity  # "Delta said": the company, not the city
    assert entities[mentions[3].entity].kind is EntityKind.COUNTRY


def test_an_initialism_is_the_name_it_spells() -> None:
    # the model calls the station a facility and its initials an organisation
    text = "The Orbital Relay Station was hit. ORS crews and the ORB agreed."
    found = [Candidate(4, 25, "Orbital Relay Station", "FAC"), Candidate(35, 38, "ORS", "ORG"),
             Candidate(53, 56, "ORB", "ORG")]
    _, mentions = resolve(text, found, "scope")
    assert mentions[1].entity == mentions[0].entity
    assert mentions[1].text == "ORS"  # the mention keeps its own words
    assert mentions[2].entity != mentions[0].entity  # spells no name of the article


def test_a_misspelt_place_is_the_place_it_misspells() -> None:
    text = "Floods hit Magnitogorsk. Rescuers in Magnitigorsk and Moscow worked."
    found = [Candidate(11, 23, "Magnitogorsk", "GPE"), Candidate(37, 49, "Magnitigorsk", "GPE"),
             Candidate(54, 60, "Moscow", "GPE")]
    _, mentions = resolve(text, found, "scope")
    assert mentions[1].entity == mentions[0].entity == "geonames:532288"
    assert mentions[2].entity != mentions[0].entity


def test_a_name_with_a_position_in_apposition_is_a_person(processor: ArticleProcessor) -> None:
    # The small model tags "Zalmay Ardent" ORG; the apposition says he holds a position.
    annotations = extract(processor, "Talks", "The rebels met on Monday with Zalmay Ardent, a "
                          "US peace envoy, in Qatar. Skyvault Holdings, the market leader, "
                          "reported a loss.")
    assert named(annotations, "Zalmay Ardent").kind is EntityKind.PERSON
    assert [p.title for p in annotations.positions] == ["peace envoy"]
    assert named(annotations, "Skyvault Holdings").kind is EntityKind.ORGANIZATION


def test_a_name_ending_in_a_building_is_a_place(processor: ArticleProcessor) -> None:
    annotations = extract(processor, "Blast", "Two bombs struck the Velm Cathedral on Sunday, "
                          "and a third damaged the Orsk Stadium.")
    assert named(annotations, "Velm Cathedral").kind.family == "place"
    assert named(annotations, "Orsk Stadium").kind.family == "place"


def test_a_product_mention_takes_the_noun_of_its_kind(processor: ArticleProcessor) -> None:
    annotations = extract(processor, "Price cut", "Retailers cut the price of the iPad tablet "
                          "on Monday. Nordwind Air ordered six A350 jets and said iPad sales rose.")
    texts = {m.text for m in annotations.mentions}
    assert "the iPad tablet" in texts  # the tablet is the iPad
    assert {"A350", "iPad"} <= texts  # not "A350 jets" (instances), not "iPad sales"
    assert named(annotations, "iPad").name == "iPad"


@pytest.mark.parametrize("sentence, name", [
    ("Workers at Walter Lyle Aircraft were told on Monday.", "Walter Lyle Aircraft"),
    ("Tom Barnes Records signed the band.", "Tom Barnes Records"),
    ("Shares in online retailer Brook Lane fell.", "Brook Lane"),
])
def test_words_of_organisation_names_overrule_a_person_label(
        processor: ArticleProcessor, sentence: str, name: str) -> None:
    annotations = extract(processor, "Company news", sentence)
    assert named(annotations, name).kind is EntityKind.ORGANIZATION


def test_a_quotation_mark_is_not_part_of_a_name(processor: ArticleProcessor) -> None:
    annotations = extract(processor, "Thanks", "``Brightwater Airways would like to thank the "
                          "many employees,'' said its chairman.")
    assert "Brightwater Airways" in {m.text for m in annotations.mentions}


def test_a_unit_written_onto_a_number_is_no_name(processor: ArticleProcessor) -> None:
    annotations = extract(processor, "New player", "On the 30GB iPod, 75 hours of video can "
                          "be stored.")
    assert [m.text for m in annotations.mentions] == ["the 30GB iPod"]  # no "GB" of its own


def test_product_lines_as_the_tokenizer_splits_them_and_in_any_case(
        processor: ArticleProcessor) -> None:
    annotations = extract(processor, "Orders", "Skyvault ordered an Airbus A400M and two "
                          "Macbook Pro laptops.")
    products = {e.name for e in annotations.entities if e.kind is EntityKind.PRODUCT}
    assert {"Airbus A400M", "Macbook Pro"} <= products  # "A400M" is two tokens to the model


def test_a_model_number_alone_in_the_plural_or_with_a_variant(
        processor: ArticleProcessor) -> None:
    annotations = extract(processor, "Orders", "Nordwind Air has ordered 18 777s and the "
                          "777-200LR will fly in May. The airline has 737 employees.")
    kinds = {e.key: e.kind for e in annotations.entities}
    products = {m.text for m in annotations.mentions if kinds[m.entity] is EntityKind.PRODUCT}
    assert products == {"777s", "the 777-200LR"}  # "737 employees" is a count


def test_events_named_like_organisations_are_not_entities(processor: ArticleProcessor) -> None:
    annotations = extract(processor, "Keynote", "Skyvault chief Amara Okafor opened the "
                          "Global Robotics Conference (GRC) in Oslo on Monday. The GRC ends on "
                          "Friday.")
    names = {e.name for e in annotations.entities} | {m.text for m in annotations.mentions}
    assert not any("Conference" in n or "GRC" in n for n in names)
    assert named(annotations, "Oslo").kind is EntityKind.CITY


def test_a_name_after_a_position_is_a_person(processor: ArticleProcessor) -> None:
    # The small model tags "Spokeswoman Sandy Angers" ORG; the name is hers, the title leads.
    annotations = extract(processor, "Plan delayed", "Spokeswoman Sandy Angers said that the "
                          "team had merged. ``We have cut costs,'' said Angers.")
    person = named(annotations, "Sandy Angers")
    assert person.kind is EntityKind.PERSON
    mentions = [m.text for m in annotations.mentions if m.entity == person.key]
    assert mentions == ["Spokeswoman Sandy Angers", "Angers"]


def test_well_known_companies_whose_names_are_also_places(processor: ArticleProcessor) -> None:
    annotations = extract(processor, "Network deal", "Skyvault signed a deal with Cisco in San "
                          "Jose on Monday.")
    assert named(annotations, "Cisco").kind is EntityKind.ORGANIZATION


def test_an_unintroduced_name_the_sentence_treats_as_a_product(
        processor: ArticleProcessor) -> None:
    # The model tags "Kestrel" PERSON twice; the apposition says it is a software version.
    annotations = extract(processor, "Launch", "Users are buzzing about Kestrel, the newest "
                          "version of Skyvault's Nimbus software. Kestrel ships next week.")
    assert named(annotations, "Kestrel").kind is EntityKind.PRODUCT
    assert named(annotations, "Skyvault").kind is EntityKind.ORGANIZATION


def test_air_and_a_country_is_an_airline(processor: ArticleProcessor) -> None:
    annotations = extract(processor, "Fares", "Air Malta and Air Namibia cut fares.")
    assert named(annotations, "Air Namibia").kind is EntityKind.ORGANIZATION  # model: GPE


def test_a_product_line_the_model_tags_otherwise_is_a_product(
        processor: ArticleProcessor) -> None:
    annotations = extract(processor, "Ports", "The app now runs on the Mac and on Windows.")
    assert named(annotations, "Mac").kind is EntityKind.PRODUCT  # model: ORG
    assert named(annotations, "Windows").kind is EntityKind.PRODUCT  # model: LOC


def test_a_known_name_ending_a_sentence_keeps_its_own_token(processor: ArticleProcessor) -> None:
    # spaCy's tokenizer leaves the period on "AT&T." at the end of a sentence.
    annotations = extract(processor, "Demand", "Orders overwhelmed Skyvault and AT&T. Many "
                          "buyers waited.")
    assert "AT&T" in {m.text for m in annotations.mentions}


def test_a_name_the_text_calls_a_port_is_a_place_in_every_mention(
        processor: ArticleProcessor) -> None:
    # The small model tags "Sines" ORG in all three sentences; the apposition says it is a port.
    annotations = extract(processor, "Port strike", "A strike kept the terminals at Sines, "
                          "Portugal's largest port, closed on Friday. Ships bound for Sines "
                          "waited offshore. Police guarded the gates of the Sines terminal.")
    assert named(annotations, "Sines").kind is EntityKind.PLACE
    assert len([m for m in annotations.mentions if m.text == "Sines"]) == 3

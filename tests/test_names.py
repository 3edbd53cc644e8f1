"""Names on invented news, with the real model: extents, types and places that generalise."""

from __future__ import annotations

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

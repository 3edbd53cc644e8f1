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

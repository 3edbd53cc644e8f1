"""The project's word lists (extract/data/): gazetteer, demonyms, position titles. Read once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.model import EntityKind

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class GazetteerEntry:
    """A known entity: its key, kind, canonical name and the other names it goes by."""

    key: str
    kind: EntityKind
    name: str
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class ProductLine:
    """A widely known product line: its name, its maker, and whether it names it alone."""

    line: str
    maker: str
    alone: bool


def rows(filename: str) -> list[list[str]]:
    """The tab-separated fields of each line of a data file; blank and # lines skipped."""
    lines = (DATA / filename).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@cache
def gazetteer() -> dict[str, GazetteerEntry]:
    """Gazetteer entries by key."""
    entries = {}
    for row in rows("gazetteer.tsv"):
        key, kind, name = row[0], EntityKind(row[1]), row[2]
        aliases = tuple(a for a in row[3].split("|") if a) if len(row) > 3 else ()
        entries[key] = GazetteerEntry(key, kind, name, aliases)
    return entries


@cache
def gazetteer_by_name() -> dict[str, GazetteerEntry]:
    """Gazetteer entries by every name and alias, case-folded ("European union" is the EU)."""
    return {name.casefold(): entry for entry in gazetteer().values() for name in entry.names}


@cache
def demonyms() -> dict[str, str]:
    """Demonyms and country aliases ("Russian", "US") to ISO country codes."""
    return {row[0]: row[1] for row in rows("demonyms.tsv")}


@cache
def country_aliases() -> dict[str, str]:
    """Other names of countries ("US", "Britain", "Russian Federation") to ISO codes."""
    return {row[0]: row[1] for row in rows("demonyms.tsv") if row[2] == "alias"}


@cache
def position_heads() -> frozenset[str]:
    """Lower-case head nouns of positions ("minister", "press secretary")."""
    return frozenset(row[0] for row in rows("titles.txt"))


@cache
def organization_words(where: str) -> frozenset[str]:
    """Words that make a name an organisation's: ending it (`where` "last": "Airlines") or
    as the noun right before it ("before": "retailer")."""
    return frozenset(row[0] for row in rows("organization_words.tsv") if row[1] == where)


@cache
def event_name_words() -> frozenset[str]:
    """Last words of names of events ("Conference", "Show"): such names are not entities."""
    return frozenset(row[0] for row in rows("event_name_words.txt"))


@cache
def product_nouns() -> frozenset[str]:
    """Singular nouns that say what kind of product a name is ("superjumbo", "store")."""
    return frozenset(row[0] for row in rows("product_nouns.txt"))


@cache
def ministry_domains() -> dict[str, str]:
    """Words naming a ministry's domain, to their canonical form ("Foreign" ->
    "Foreign Affairs")."""
    pairs = (row[0].partition("=") for row in rows("ministries.txt"))
    return {word: canonical or word for word, _, canonical in pairs}


@cache
def not_names() -> frozenset[str]:
    """Spans the model tags as names that are not entities ("UTC", "Brexit")."""
    return frozenset(row[0] for row in rows("not_names.txt"))


@cache
def product_lines() -> tuple[ProductLine, ...]:
    """Known product lines ("A380" by Airbus, "iPhone" by Apple) for the product recogniser."""
    return tuple(ProductLine(row[0], row[1], row[2] == "yes") for row in rows("product_lines.tsv"))

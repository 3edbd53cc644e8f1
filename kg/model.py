"""The dataclasses that flow between stages: sources -> extract -> mapping.

Offsets are Unicode code point indices into `Article.text` (Python `str` indices),
the same string that the graph publishes as `nif:isString`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

PARAGRAPH_BREAK = "\n\n"


@dataclass(frozen=True)
class Article:
    """One news article as read from a source, before any analysis."""

    headline: str
    published: dt.date | dt.datetime
    body: str  # paragraphs joined by PARAGRAPH_BREAK
    url: str | None = None
    origin: str = ""  # where it was read: "file.txt", "feed.csv record 12"

    @property
    def identity(self) -> str:
        """The key its IRI is minted from: the URL when known, else date and headline."""
        if self.url:
            return self.url
        return f"{self.published.isoformat()} {self.headline}"

    @property
    def text(self) -> str:
        """Headline and body: the string every offset indexes into."""
        return self.headline + PARAGRAPH_BREAK + self.body if self.body else self.headline

    @property
    def published_date(self) -> dt.date:
        """The publication day, the anchor for relative time expressions."""
        if isinstance(self.published, dt.datetime):
            return self.published.date()
        return self.published

    def paragraphs(self) -> list[tuple[int, int]]:
        """(begin, end) of the headline and of every body paragraph in `text`."""
        spans, start, text = [], 0, self.text
        for part in text.split(PARAGRAPH_BREAK):
            if part.strip():
                spans.append((start, start + len(part)))
            start += len(part) + len(PARAGRAPH_BREAK)
        return spans


@dataclass(frozen=True)
class Rejected:
    """An input record that could not become an Article, and why."""

    origin: str  # file and line or record
    reason: str


class EntityKind(str, Enum):
    """What an entity is; mapping turns each into a schema.org or kgo class."""

    PERSON = "person"
    ORGANIZATION = "organization"
    GOVERNMENT_ORGANIZATION = "government-organization"
    MILITARY_ORGANIZATION = "military-organization"
    PLACE = "place"
    COUNTRY = "country"
    CITY = "city"
    ADMINISTRATIVE_AREA = "administrative-area"
    WEAPON = "weapon"
    PRODUCT = "product"

    @property
    def family(self) -> str:
        """The top-level family used in IRIs: person, organization, place or product."""
        return _FAMILY[self]


_FAMILY = {
    EntityKind.PERSON: "person",
    EntityKind.ORGANIZATION: "organization",
    EntityKind.GOVERNMENT_ORGANIZATION: "organization",
    EntityKind.MILITARY_ORGANIZATION: "organization",
    EntityKind.PLACE: "place",
    EntityKind.COUNTRY: "place",
    EntityKind.CITY: "place",
    EntityKind.ADMINISTRATIVE_AREA: "place",
    EntityKind.WEAPON: "product",
    EntityKind.PRODUCT: "product",
}


@dataclass(frozen=True)
class Entity:
    """One real-world entity named in an article, after within-article coreference.

    `key` is its identity across articles (e.g. "geonames:694423",
    "person:lloyd-austin", "organization:armed-forces-of-ukraine"); ids.py turns it into the IRI.
    """

    key: str
    kind: EntityKind
    name: str
    alternate_names: tuple[str, ...] = ()
    geonames_id: int | None = None
    wikidata_id: str | None = None  # "Q11209"
    country: str | None = None  # key of the country entity it belongs to


@dataclass(frozen=True)
class Mention:
    """A span of `Article.text` that names an entity."""

    begin: int
    end: int
    text: str
    entity: str  # Entity.key


class TimexType(str, Enum):
    """The TIMEX3 types."""

    DATE = "DATE"
    TIME = "TIME"
    DURATION = "DURATION"
    SET = "SET"


@dataclass(frozen=True)
class TimeExpression:
    """A date or time expression with its TIMEX3 type and resolved value ("2024-06-25", "XXXX-06")."""

    begin: int
    end: int
    text: str
    type: TimexType
    value: str


@dataclass(frozen=True)
class Position:
    """A position a person holds, as the text states it ("Russian Defense Minister")."""

    begin: int
    end: int
    text: str
    holder: str  # Entity.key of the person
    title: str  # the position without country or organisation: "Defense Minister"
    country: str | None = None  # Entity.key
    organization: str | None = None  # Entity.key


@dataclass(frozen=True)
class Annotations:
    """Everything extracted from one article: the contract between extract and mapping."""

    article: Article
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    positions: tuple[Position, ...] = ()
    notes: tuple[str, ...] = field(default=())  # what could not be resolved, for the log

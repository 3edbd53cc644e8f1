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
    """A date or time expression with its TIMEX3 type and resolved value ("2024-06-25",
    "XXXX-06")."""

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



# --- events, quotations and claims -------------------------------------------------------------
# Keys are opaque strings unique within one article ("event:412", "quote:1530"); mapping turns
# them into IRIs. A key that refers to "an event or an entity" (Event.related, Claim.about) is
# looked up among the article's events first, then its entities.


class Factuality(str, Enum):
    """Whether the article states that an event happened. Only ASSERTED events are facts."""

    ASSERTED = "asserted"
    NEGATED = "negated"  # "did not give a reason"
    HYPOTHETICAL = "hypothetical"  # modal, conditional, future or planned: "would talk"
    REPORTED = "reported"  # inside someone's claim: "accused the United States of shelling"


@dataclass(frozen=True)
class Span:
    """A span of `Article.text`."""

    begin: int
    end: int
    text: str


@dataclass(frozen=True)
class EventMention:
    """One place the article names an event: the trigger words and the sentence around them."""

    trigger: Span
    sentence: Span


@dataclass(frozen=True)
class Participant:
    """Something taking part in an event, by role (the local name of a kgo role property): an
    entity the article names, or, when the argument names none ("civilians", "an apartment
    building"), only the phrase. `phrase` is the argument's whole noun phrase, the evidence of
    the role; `argument` and `role_name` are what the PropBank roleset calls the role."""

    role: str  # "agent", "coAgent", "initiator", "patient", "target", "recipient", "instrument"
    entity: str | None  # Entity.key, or None: the phrase names no entity
    phrase: Span | None = None  # the argument's phrase in the text, where the parse gives it
    argument: str = ""  # PropBank argument: "ARG0", "ARG1" ...; "" when not known
    role_name: str = ""  # the roleset's name for it: "killer", "entity killed"


@dataclass(frozen=True)
class Event:
    """Something that happened (or is said, denied or planned to happen), after within-article
    event coreference: the call named five times is one Event with five mentions."""

    key: str  # "event:<begin of first trigger>"
    type: str  # local name of a kgo event class: "PhoneCall", "Attack", "Injury"
    mentions: tuple[EventMention, ...]
    participants: tuple[Participant, ...] = ()
    date: str | None = None  # TIMEX3 value ("2024-06-25", "2023-03") of when it happened
    location: str | None = None  # Entity.key of a place
    # (kgo count property local name, n): ("peopleInjured", 153)
    counts: tuple[tuple[str, int], ...] = ()
    # ("cause" | "about" | "superEvent", event or entity key)
    related: tuple[tuple[str, str], ...] = ()
    factuality: Factuality = Factuality.ASSERTED
    roleset: str | None = None  # PropBank roleset of its first trigger that has one ("kill.01")
    roleset_name: str = ""  # what PropBank calls it ("cause to die, murder")
    # Keys of the places the article puts its location in, nearest first: a crash "on Route 2
    # in Randolph, New Hampshire" has location Route 2 and around it Randolph, New Hampshire.
    location_within: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quotation:
    """Words the article attributes to a speaker: a direct quote or reported speech."""

    key: str  # "quote:<begin>"
    span: Span  # the quoted words, without quotation marks
    direct: bool  # True for quoted words, False for reported speech ("said that ...")
    speaker: str | None = None  # Entity.key; None when no speaker can be found (never guessed)
    date: str | None = None  # TIMEX3 value of when it was said, where the text gives it
    # What attributes it: "said", "According to him", "Patrick Ryder Pentagon press secretary".
    cue: Span | None = None


@dataclass(frozen=True)
class Claim:
    """An attributed statement the graph records but never asserts as fact."""

    key: str  # "claim:<begin>"
    span: Span  # what is claimed: "the beach in Sevastopol was not the target of a missile strike"
    sentence: Span  # the sentence that reports the claim
    author: str | None = None  # Entity.key; None when the text does not say who
    date: str | None = None  # TIMEX3 value of when the claim was made
    about: tuple[str, ...] = ()  # event or entity keys the claim is about
    cue: Span | None = None  # the reporting words: "accused", "announced that"


@dataclass(frozen=True)
class Annotations:
    """Everything extracted from one article: the contract between extract and mapping."""

    article: Article
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    positions: tuple[Position, ...] = ()
    events: tuple[Event, ...] = ()
    quotations: tuple[Quotation, ...] = ()
    claims: tuple[Claim, ...] = ()
    notes: tuple[str, ...] = field(default=())  # what could not be resolved, for the log

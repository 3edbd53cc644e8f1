"""Within-article event coreference: the call named five times is one event.

A later mention joins the nearest earlier event of a compatible class (the same class, an
ancestor or descendant, or a Discussion and a call, meeting or negotiation) when something says
it is the same one (a definite noun: "the call"; shared participants; a participant-less
discussion next to a call) and nothing says it is not (another date, other actors, another
place or count, "the last conversation"); the body's first mention of the event a headline
names is that event. Negated and hypothetical mentions stay apart; a reported
mention may join an asserted event but adds nothing to it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from kg.extract.events.containment import Containment
from kg.extract.events.lexicon import ROOT_CLASS, ancestors, depth, words
from kg.extract.events.triggers import Trigger
from kg.extract.places import country_of_demonym, lookup_place
from kg.model import Entity, EntityKind, EventMention, Factuality, Participant

DEFINITE = {"the", "this", "that", "these", "those"}
ACTOR_ROLES = {"agent", "coAgent", "initiator"}
JOINT = {"Discussion", "PhoneCall", "Meeting", "Negotiation"}
# Classes a participant-less mention of which is read as part of the talk just reported.
GENERIC = {"Discussion", "Communication"}


@dataclass
class Facts:
    """What one mention says about its event, before coreference."""

    trigger: Trigger
    mention: EventMention
    paragraph: int  # index into the article's paragraphs
    sentence: int  # index of the sentence in the article
    participants: list[Participant]
    date: str | None
    location: str | None
    counts: list[tuple[str, int]]
    factuality: Factuality

    @property
    def cls(self) -> str:
        return self.trigger.cls

    @property
    def begin(self) -> int:
        return self.mention.trigger.begin

    @property
    def definite(self) -> bool:
        """"the call", "their talks": a noun that refers back."""
        token = self.trigger.token
        return self.trigger.is_noun and any(
            c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE) for c in token.children)

    @property
    def another(self) -> bool:
        """"the last conversation", "another attack": explicitly not the one before."""
        return self.trigger.is_noun and any(
            c.lemma_.lower() in words("not_same") for c in self.trigger.token.children
            if c.dep_ in {"amod", "advmod", "det"})


@dataclass
class Cluster:
    """One event: its mentions (text order) and what they say together."""

    mentions: list[Facts]
    cls: str
    factuality: Factuality
    participants: list[Participant] = field(default_factory=list)
    date: str | None = None
    location: str | None = None
    counts: list[tuple[str, int]] = field(default_factory=list)
    roleset: str | None = None

    @classmethod
    def of(cls, facts: Facts) -> Cluster:
        counts = facts.counts if facts.factuality is Factuality.ASSERTED else []
        return cls([facts], facts.cls, facts.factuality, list(facts.participants), facts.date,
                   facts.location, list(counts), facts.trigger.roleset)

    def absorb(self, facts: Facts, entities: dict[str, Entity], places: Containment) -> None:
        """Add a coreferent mention; only a mention as factual as the event adds facts."""
        self.mentions.append(facts)
        if more_specific(facts.cls, self.cls):
            self.cls = facts.cls
        self.roleset = self.roleset or facts.trigger.roleset
        if facts.factuality is not self.factuality:
            return
        for new in facts.participants:  # "Ukraine" adds nothing to "Armed Forces of Ukraine"
            if not any(_same_participant(new, p, entities) for p in self.participants):
                self.participants.append(new)
        self.date = self.date or facts.date
        if self.location is None or (facts.location and places.within(facts.location,
                                                                        self.location)):
            self.location = facts.location or self.location  # the most precise place said
        named = {name for name, _ in self.counts}
        self.counts += [(name, n) for name, n in facts.counts if name not in named]


def corefer(mentions: list[Facts], entities: dict[str, Entity],
            places: Containment) -> list[Cluster]:
    """The events of an article from its mentions in text order; `places` says which of its
    places lies in which ("the New Hampshire crash" and "collided in Randolph" may be one)."""
    clusters: list[Cluster] = []
    for facts in mentions:
        antecedent = _antecedent(facts, clusters, entities, places)
        if antecedent is None:
            clusters.append(Cluster.of(facts))
        else:
            antecedent.absorb(facts, entities, places)
    return clusters


def compatible(a: str, b: str) -> bool:
    """Classes that may name one event: the same, one a kind of the other, or joint talks."""
    return a in ancestors(b) or b in ancestors(a) or (
        {a, b} <= JOINT and "Discussion" in {a, b})


def more_specific(new: str, old: str) -> bool:
    """True when `new` says more than `old` ("Strike" than "Attack", a call than a Discussion)."""
    return depth(new) > depth(old) or old == "Discussion" and new in JOINT


def _antecedent(facts: Facts, clusters: list[Cluster], entities: dict[str, Entity],
                places: Containment) -> Cluster | None:
    """The event the mention names again: one sharing its participants if any, else the
    nearest (by last mention) that something ties it to."""
    if facts.another or facts.factuality in {Factuality.NEGATED, Factuality.HYPOTHETICAL}:
        return None
    open_ = [c for c in clusters if _may_join(c, facts, entities, places)]
    open_.sort(key=lambda c: c.mentions[-1].begin, reverse=True)
    sharing = [c for c in open_ if _shares(c, facts, entities)]
    if sharing and facts.cls not in words("speech"):
        return sharing[0]
    return next((c for c in open_ if _same(c, facts)), None)


def _may_join(cluster: Cluster, facts: Facts, entities: dict[str, Entity],
              places: Containment) -> bool:
    if not compatible(cluster.cls, facts.cls) or not _same_kind(cluster, facts):
        return False
    if cluster.factuality in {
            Factuality.NEGATED, Factuality.HYPOTHETICAL}:
        return False
    if facts.factuality is Factuality.ASSERTED and cluster.factuality is not facts.factuality:
        return False  # an asserted event never rests on a reported one
    return not _conflict(cluster, facts, entities, places)


def _same_kind(cluster: Cluster, facts: Facts) -> bool:
    """An event of the root class is known only by its roleset: it is one with another
    mention only of the same roleset ("the decision" is not the strike before it)."""
    if ROOT_CLASS not in {cluster.cls, facts.cls}:
        return True
    return cluster.roleset is not None and cluster.roleset == facts.trigger.roleset


def _shares(cluster: Cluster, facts: Facts, entities: dict[str, Entity]) -> bool:
    return _overlap(_named(cluster.participants), _named(facts.participants), entities)


def _same(cluster: Cluster, facts: Facts) -> bool:
    """Something other than participants says the mention is of this event: a definite noun,
    or the first mention in the body of the event a headline (which drops "the") tells of."""
    if facts.definite or (facts.paragraph > 0 and all(m.paragraph == 0 for m in cluster.mentions)):
        return True
    near = facts.paragraph - cluster.mentions[-1].paragraph <= 1
    return near and facts.cls in GENERIC and not _named(facts.participants) and facts.date is None


def _conflict(cluster: Cluster, facts: Facts, entities: dict[str, Entity],
              places: Containment) -> bool:
    """Something says the mention is of another event."""
    if cluster.date and facts.date and not _same_time(cluster.date, facts.date):
        return True
    if cluster.location and facts.location \
            and not places.one_place(cluster.location, facts.location):
        return True
    ours = _named(p for p in cluster.participants if p.role in ACTOR_ROLES)
    theirs = _named(p for p in facts.participants if p.role in ACTOR_ROLES)
    if ours and theirs and not _overlap(ours, theirs, entities):
        return True
    if _reversed(cluster.participants, facts.participants):
        return True
    counted = dict(cluster.counts)
    return any(name in counted and counted[name] != n for name, n in facts.counts)


# Roles of who undergoes an event: "X stabbed people" and "police shot X" are two events.
UNDERGOER_ROLES = {"patient", "target"}


def _reversed(ours: list[Participant], theirs: list[Participant]) -> bool:
    """An entity that acts in one mention and undergoes the other: not one event."""
    def by(roles: set[str], participants: list[Participant]) -> set[str]:
        return _named(p for p in participants if p.role in roles)
    return bool(by({"agent"}, ours) & by(UNDERGOER_ROLES, theirs)
                or by(UNDERGOER_ROLES, ours) & by({"agent"}, theirs))


def _same_time(a: str, b: str) -> bool:
    """"2024-06" and "2024-06-25" may be the same time; "2023-03" and "2024-06-25" are not."""
    return a.startswith(b) or b.startswith(a)


def _named(participants: Iterable[Participant]) -> set[str]:
    """The entities among participants; a phrase that names none ("civilians") ties nothing."""
    return {p.entity for p in participants if p.entity is not None}


def _same_participant(a: Participant, b: Participant, entities: dict[str, Entity]) -> bool:
    """The same entity (or its country), or, naming none, the same words in the same role."""
    if a.entity is not None and b.entity is not None:
        return _same_entity(a.entity, b.entity, entities)
    if a.entity is not None or b.entity is not None or a.role != b.role:
        return False
    return a.phrase is not None and b.phrase is not None \
        and a.phrase.text.lower() == b.phrase.text.lower()


def _overlap(a: set[str], b: set[str], entities: dict[str, Entity]) -> bool:
    """Shared entities, an organisation counting as its country ("AFU" and "Ukraine")."""
    return any(_same_entity(x, y, entities) for x in a for y in b)


def _same_entity(a: str, b: str, entities: dict[str, Entity]) -> bool:
    return a == b or _country(a, entities) == b or _country(b, entities) == a


def _country(key: str, entities: dict[str, Entity]) -> str | None:
    entity = entities.get(key)
    if entity is None:
        return None
    return entity.country or _named_country(entity.name, entity.alternate_names)


@cache
def _named_country(name: str, alternate_names: tuple[str, ...]) -> str | None:
    """The country an organisation's name says it belongs to ("Armed Forces of Ukraine")."""
    for word in " ".join((name, *alternate_names)).replace("'s", "").split():
        place = country_of_demonym(word) or lookup_place(word)
        if place is not None and place.kind is EntityKind.COUNTRY:
            return f"geonames:{place.geonames_id}"
    return None

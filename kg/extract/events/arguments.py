"""What an argument of an event names: an entity the index knows, found from the parse.

Never invents one: a phrase names an entity when a mention covers its head word, when it is a
position ("US Ambassador to Moscow Lynn Tracy") around exactly one person, when it is a side or
government of a demonym's country ("the American side"), or when it is a personal pronoun with
exactly one person named before it in its sentence, or else the person the article's pronoun
resolver finds for it ("Adamowicz was stabbed ... He died today": Adamowicz), or when the
article names the description elsewhere ("a man ... The man was identified as X")."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from kg.extract.events.lexicon import words
from kg.extract.events.predicates import roleset_of
from kg.extract.lexicon import position_heads
from kg.extract.nlp import Paragraph
from kg.extract.places import country_of_demonym
from kg.extract.spans import SpanIndex
from kg.model import Entity, EntityKind, Span

PERSONAL_PRONOUNS = {"he", "him", "she", "her"}
# Participles that give a noun phrase its name: "a woman named X", "a man identified as X".
NAMING_VERBS = {"name", "call", "identify", "dub"}
# "Police said they had arrested a man": "it" and "they" as the subject of what an
# organisation or country says are that organisation or country.
GROUP_PRONOUNS = {"it", "they"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
NAME_SLOTS = {"oprd", "attr", "dobj", "npadvmod"}
# "heads of the Ministry" are not the Ministry: these modifiers may name an entity, nothing else.
NAMING_DEPS = {"compound", "amod", "nmod", "poss"}
# Kinds of names that are amounts or times, not participants (MEANTIME and ACE agree).
VALUE_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"}
# Relative pronouns: "the man who stabbed": "who" is the man.
RELATIVE_TAGS = {"WP", "WDT"}
# What ends an argument's phrase: a relative clause says more about it, but is not its name.
PHRASE_ENDS = {"relcl"}
EDGE_DEPS = {"punct", "cc"}


# Resolves a pronoun of a paragraph to the entity it names, across sentences, or None.
PronounResolver = Callable[[Paragraph, Token], "str | None"]
# Resolves a description ("the man") to the person the article names it as elsewhere, or None.
DescriptionResolver = Callable[[Token], "str | None"]


class Arguments:
    """Resolves argument tokens of one paragraph's Doc to entity keys through the index."""

    def __init__(self, index: SpanIndex, paragraph: Paragraph,
                 pronouns: PronounResolver | None = None,
                 descriptions: DescriptionResolver | None = None) -> None:
        self.index = index
        self.paragraph = paragraph
        self.pronouns = pronouns
        self.descriptions = descriptions

    def entity(self, token: Token) -> str | None:
        """The key of the entity `token` (as the head of its phrase) names, if certain."""
        named = self._mentioned(token) or self._renamed(token)
        if named is not None:
            return named
        lemma = token.lemma_.lower()
        if token.pos_ == "PRON":
            if token.lower_ in PERSONAL_PRONOUNS:
                return self._pronoun(token)
            return self._reporter(token) if token.lower_ in GROUP_PRONOUNS else None
        if lemma in position_heads():
            return self._position_holder(token)
        if lemma in words("collective"):
            return self.country_of(token)
        named = self._named_product(token)
        if named is None and self.descriptions is not None:
            return self.descriptions(token)  # "a man", identified as X sentences later
        return named

    def antecedent(self, token: Token) -> Token:
        """The noun a relative pronoun stands for ("the man who fled": "man"), else `token`."""
        clause = token.head
        if token.tag_ in RELATIVE_TAGS and clause.dep_ == "relcl" and clause.head != clause:
            return clause.head
        return token

    def is_unnamed_argument(self, token: Token) -> bool:
        """A noun phrase worth keeping as a participant though it names no entity ("civilians",
        "an apartment building"): a noun, not a pronoun, an amount or a time."""
        if token.pos_ not in {"NOUN", "PROPN"} or token.ent_type_ in VALUE_LABELS:
            return False
        return roleset_of(token) is None  # "rejected the deal": the deal is an event

    def phrase(self, head: Token) -> Span:
        """The whole noun phrase `head` heads, with its co-ordinated phrases, up to a relative
        clause, without punctuation at its edges."""
        doc, last = head.doc, head.right_edge.i
        for child in head.rights:
            if child.dep_ in PHRASE_ENDS:
                last = child.left_edge.i - 1
                break
        first = head.left_edge.i
        while first < head.i and (doc[first].dep_ in EDGE_DEPS or doc[first].is_space):
            first += 1
        while last > head.i and (doc[last].dep_ in EDGE_DEPS or doc[last].is_space):
            last -= 1
        return self.index.token_span(self.paragraph, doc[first:last + 1])

    def kind(self, token: Token) -> EntityKind | None:
        """The kind of the entity `token` names, if any."""
        key = self.entity(token)
        return self.index.entities[key].kind if key else None

    def with_conjuncts(self, token: Token) -> list[str]:
        """The entities of a phrase and of the phrases co-ordinated with it ("X and Y")."""
        keys = [self.entity(t) for t in (token, *token.conjuncts) if t.i >= token.i]
        return list(dict.fromkeys(k for k in keys if k))

    def country_of(self, token: Token) -> str | None:
        """The country of a demonym or country name modifying `token` ("the Ukrainian side")."""
        for child in token.children:
            if child.dep_ not in NAMING_DEPS:
                continue
            key = self._mentioned(child)
            if key and self.index.entities[key].kind is EntityKind.COUNTRY:
                return key
            demonym = self.demonym_country(child)
            if demonym:
                return demonym
        return None

    def demonym_country(self, token: Token) -> str | None:
        """The country a demonym names ("Ukrainian"), added to the index if it is new."""
        place = country_of_demonym(token.text)
        if place is None or token.pos_ not in {"ADJ", "PROPN", "NOUN"}:
            return None
        key = f"geonames:{place.geonames_id}"
        self.index.entities.setdefault(key, Entity(key, EntityKind.COUNTRY, place.name,
                                                   geonames_id=place.geonames_id))
        return key

    def _mentioned(self, token: Token) -> str | None:
        span = self.index.token_span(self.paragraph, token)
        mention = self.index.mention_at(span.begin, span.end)
        return mention.entity if mention else None

    def _reporter(self, token: Token) -> str | None:
        """The organisation or country whose report the pronoun is the subject of."""
        clause = token.head
        if token.dep_ not in SUBJECT_DEPS or clause.dep_ != "ccomp":
            return None
        for subject in (c for c in clause.head.children if c.dep_ == "nsubj"):
            key = self._mentioned(subject) if subject.pos_ != "PRON" else None
            kind = self.index.entities[key].kind if key else None
            if kind is not None and (kind.family == "organization" or kind is EntityKind.COUNTRY):
                return key
        return None

    def _renamed(self, token: Token) -> str | None:
        """The name a common noun's own phrase gives it: an apposition ("the attacker, Tomas
        Berg"), or a naming participle ("a woman named X", "a man identified as X")."""
        if token.pos_ != "NOUN":
            return None
        for name in _names_given(token):
            key = self._mentioned(name)
            if key is not None:
                return key
        return None

    def _named_product(self, token: Token) -> str | None:
        """"five ATACMS missiles": a weapon or product named by a compound of a common noun."""
        if token.pos_ != "NOUN":
            return None
        for child in token.children:
            key = self._mentioned(child) if child.dep_ == "compound" else None
            if key and self.index.entities[key].kind in {EntityKind.WEAPON, EntityKind.PRODUCT}:
                return key
        return None

    def _position_holder(self, token: Token) -> str | None:
        """The one person named inside a position phrase ("Ambassador to Moscow Lynn Tracy")."""
        subtree = list(token.subtree)
        span = self.index.token_span(self.paragraph, self.paragraph.doc[
            subtree[0].i:subtree[-1].i + 1])
        people = {m.entity for m in self.index.mentions_within(span.begin, span.end)
                  if self.index.entities[m.entity].kind is EntityKind.PERSON}
        return people.pop() if len(people) == 1 else None

    def _pronoun(self, token: Token) -> str | None:
        """"her" after the one person its sentence names; anything else is not certain."""
        sentence: SpacySpan = token.sent
        before = self.index.token_span(self.paragraph, self.paragraph.doc[sentence.start:token.i])
        people = {m.entity for m in self.index.mentions_within(before.begin, before.end)
                  if self.index.entities[m.entity].kind is EntityKind.PERSON}
        if len(people) == 1:
            return people.pop()
        if people or self.pronouns is None:
            return None  # two people before it in its sentence: not certain
        key = self.pronouns(self.paragraph, token)
        person = key is not None and self.index.entities[key].kind is EntityKind.PERSON
        return key if person else None


def _names_given(noun: Token) -> list[Token]:
    """The phrases that name `noun` inside its own phrase, nearest first, through appositions."""
    found: list[Token] = []
    for child in noun.children:
        if child.dep_ == "appos":
            found += [child, *_names_given(child)]
        elif child.dep_ == "acl" and child.lemma_.lower() in NAMING_VERBS:
            found += [c for c in child.children if c.dep_ in NAME_SLOTS]
            found += [o for p in child.children if p.dep_ == "prep" and p.lower_ == "as"
                      for o in p.children if o.dep_ == "pobj"]
    return found

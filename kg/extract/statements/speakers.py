"""Who says it: the entity that the subject of a reporting verb (or the X of "according to X")
names, shared by quotations and claims.

A name is looked up among the entity mentions; a pronoun goes to the nearest preceding
compatible candidate (main-clause subjects of a sentence before its other mentions, up to
LOOKBACK sentences back: "Ryder noted that ... Shoigu was ... He clarified" is Ryder, not
Shoigu); "the department" goes to the nearest preceding organisation of a compatible kind;
"the American side" to the country. First-person pronouns belong to whoever is being quoted.
When nothing fits, the answer is None: a speaker is never guessed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from kg.extract.lexicon import position_heads
from kg.extract.nlp import Paragraph
from kg.extract.places import country_of_demonym, lookup_place
from kg.extract.spans import SpanIndex
from kg.extract.statements.words import SpeakerNoun, speaker_nouns
from kg.model import Entity, EntityKind, Mention

LOOKBACK = 3  # sentences a pronoun may reach back, besides its own
ORGANIZATIONS = frozenset({EntityKind.ORGANIZATION, EntityKind.GOVERNMENT_ORGANIZATION,
                           EntityKind.MILITARY_ORGANIZATION})
# Who can say something: people, organisations, and places by metonymy ("Moscow said").
SPEAKING_KINDS = ORGANIZATIONS | {EntityKind.PERSON, EntityKind.COUNTRY, EntityKind.CITY,
                                  EntityKind.ADMINISTRATIVE_AREA}
# What a pronoun can refer to; a city is left out of "they": a group of officials is not a city.
PRONOUN_KINDS = {
    "he": {EntityKind.PERSON}, "him": {EntityKind.PERSON},
    "she": {EntityKind.PERSON}, "her": {EntityKind.PERSON},
    "they": ORGANIZATIONS | {EntityKind.COUNTRY}, "them": ORGANIZATIONS | {EntityKind.COUNTRY},
    "it": ORGANIZATIONS | {EntityKind.COUNTRY},
}
FIRST_PERSON = {"i", "me", "we", "us"}
RELATIVE = {"who", "which", "that"}
SUBJECTS = {"nsubj", "nsubjpass"}
NAME_PARTS = {"appos", "compound", "flat"}
DEFINITE = {"the", "this"}


class Speakers:
    """Resolves noun phrases of one article to the entities that speak."""

    def __init__(self, index: SpanIndex) -> None:
        self.index = index
        self.sentences = index.sentences()
        self._starts = [p.bounds(s)[0] for p, s in self.sentences]
        self._resolved: dict[int, str | None] = {}  # pronoun offset -> entity, memoised

    def resolve(self, paragraph: Paragraph, token: Token,
                quoted_by: str | None = None) -> str | None:
        """The key of the entity the phrase headed by `token` names; `quoted_by` is the speaker
        of the quotation the phrase is in (for "I" and "we")."""
        if token.lower_ in RELATIVE and token.dep_ in SUBJECTS and token.head.dep_ == "relcl":
            token = token.head.head  # "Smith, who said ...": who is Smith
        if token.pos_ == "PRON":
            return self._pronoun(paragraph, token, quoted_by)
        return self._named(paragraph, token) or self._described(paragraph, token)

    # --- names ------------------------------------------------------------------------------

    def _named(self, paragraph: Paragraph, token: Token) -> str | None:
        key = self._speaking_mention(paragraph, token) or self._surname(token)
        if key is None and token.pos_ == "NOUN" and token.lower_ not in position_heads():
            # "One news site, Znak.com, claims": an apposition names the noun
            return next(filter(None, (self._speaking_mention(paragraph, c)
                                      for c in token.children if c.dep_ == "appos")), None)
        if key is None and token.lower_ in position_heads():
            # "the Kremlin spokesman, Dmitry Peskov, said", "the mayor of Paris, Anne Hidalgo,
            # wrote": the name hangs off the title; an apposition renames the title itself
            # ("Merkel's spokesperson, Steffen Seibert": Seibert, not Merkel)
            apposed = [t for c in token.children if c.dep_ == "appos" for t in c.subtree]
            inside = [c for c in token.subtree if c.dep_ in NAME_PARTS and c.i != token.i]
            for child in dict.fromkeys([*(t for t in apposed if t in inside), *inside]):
                key = self._speaking_mention(paragraph, child)
                if key and self.index.entities[key].kind is EntityKind.PERSON:
                    return key
            return None
        return key

    def _speaking_mention(self, paragraph: Paragraph, token: Token) -> str | None:
        """The entity a mention covering `token` names, if it is one that can speak."""
        begin = paragraph.at(token.idx)
        mention = self.index.mention_at(begin, begin + len(token.text))
        if mention is None or mention.begin > begin or mention.end < begin + len(token.text):
            return None
        entity = self.index.entities.get(mention.entity)
        return entity.key if entity and entity.kind in SPEAKING_KINDS else None

    def _surname(self, token: Token) -> str | None:
        """A capitalised word no mention covers that is the surname of exactly one person of the
        article ("Affleck tweeted" after "Ben Affleck")."""
        if not token.text[:1].isupper() or token.ent_type_ not in {"", "PERSON"}:
            return None
        people = {e.key for e in self.index.entities.values() if e.kind is EntityKind.PERSON
                  and any(name.split()[-1] == token.text for name in (e.name, *e.alternate_names)
                          if " " in name)}
        return people.pop() if len(people) == 1 else None

    # --- descriptions: "the department", "the American side" ----------------------------------

    def _described(self, paragraph: Paragraph, token: Token) -> str | None:
        if not any(c.lower_ in DEFINITE for c in token.children if c.dep_ == "det"):
            return None
        if token.lower_ == "side":
            return self._side(token)
        noun = speaker_nouns().get(token.lower_)
        if noun is None:
            return None
        begin = paragraph.at(token.idx)
        return next((m.entity for m in self._mentions_before(begin) if self._fits(noun, m)), None)

    def _mentions_before(self, begin: int) -> Iterator[Mention]:
        """Mentions that end before `begin`, nearest first."""
        return (m for m in reversed(self.index.mentions) if m.end <= begin)

    def _fits(self, noun: SpeakerNoun, mention: Mention) -> bool:
        entity = self.index.entities.get(mention.entity)
        if entity is None or entity.kind not in noun.kinds:
            return False
        names = (entity.name, *entity.alternate_names, mention.text)
        return not noun.name_words or any(w in n for w in noun.name_words for n in names)

    def _side(self, token: Token) -> str | None:
        """"The American side", "the Russian side": the country, added to the entities if new."""
        for child in token.children:
            if child.dep_ in {"amod", "compound"}:
                place = country_of_demonym(child.text) or lookup_place(child.text)
                if place is not None and place.kind is EntityKind.COUNTRY:
                    key = f"geonames:{place.geonames_id}"
                    self.index.entities.setdefault(key, Entity(
                        key, EntityKind.COUNTRY, place.name, geonames_id=place.geonames_id))
                    return key
        return None

    # --- pronouns ---------------------------------------------------------------------------

    def _pronoun(self, paragraph: Paragraph, token: Token, quoted_by: str | None) -> str | None:
        if token.lower_ in FIRST_PERSON:
            return quoted_by
        kinds = PRONOUN_KINDS.get(token.lower_)
        if kinds is None:
            return None
        begin = paragraph.at(token.idx)
        if begin not in self._resolved:
            self._resolved[begin] = None  # a cycle through this pronoun finds nothing
            self._resolved[begin] = self._antecedent(begin, kinds.__contains__)
        return self._resolved[begin]

    def _antecedent(self, begin: int, fits: Callable[[EntityKind], bool]) -> str | None:
        here = bisect_right(self._starts, begin) - 1
        for number in range(here, max(-1, here - LOOKBACK - 1), -1):
            for key in self._candidates(number, begin):
                entity = self.index.entities.get(key)
                if entity is not None and fits(entity.kind):
                    return key
        return None

    def _candidates(self, number: int, before: int) -> Iterator[str]:
        """Entities of one sentence that precede `before`: main-clause subjects first."""
        paragraph, sentence = self.sentences[number]
        for subject in _main_subjects(sentence):
            if paragraph.at(subject.idx) < before:
                key = self.resolve(paragraph, subject)
                if key:
                    yield key
        end = min(before, paragraph.bounds(sentence)[1])
        for mention in self.index.mentions_within(paragraph.bounds(sentence)[0], end):
            yield mention.entity


def _main_subjects(sentence: SpacySpan) -> list[Token]:
    """Subjects of the sentence's root verb and of verbs joined to it ("... and said")."""
    root = sentence.root
    verbs = [root, *(c for c in root.children if c.dep_ == "conj")]
    return [c for verb in verbs for c in verb.children if c.dep_ in SUBJECTS]

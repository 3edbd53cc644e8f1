"""Descriptions the article names elsewhere: "Police arrested a man on Friday. ... The man was
later identified as Tomas Berg" makes "a man" Tomas Berg wherever he is an argument.

A naming statement is "<description> was identified/named as <name>", "identified/named
<description> as <name>", or "<description> was <name>"; the description is a singular common
noun ("the man", "the suspect", "his first victim"), the name a person's. A head noun the article
names twice, as two people, names no one: which man is which is not certain."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from kg.extract.events.arguments import NAMING_VERBS, Arguments
from kg.model import EntityKind

COPULAS = {"be"}


class Descriptions:
    """Head nouns of descriptions and the one person each is named as in the article."""

    def __init__(self) -> None:
        self.people: dict[str, set[str]] = {}

    def read(self, sentence: SpacySpan, args: Arguments) -> None:
        """Adds the naming statements of one sentence."""
        for verb in sentence:
            for description, name in _naming(verb):
                key = args.entity(name)
                if key and args.index.entities[key].kind is EntityKind.PERSON \
                        and _describes(description):
                    self.people.setdefault(description.lemma_.lower(), set()).add(key)

    def person(self, token: Token) -> str | None:
        """The person a description the article names elsewhere stands for, if certain."""
        if not _describes(token):
            return None
        named = self.people.get(token.lemma_.lower(), set())
        return next(iter(named)) if len(named) == 1 else None


def _naming(verb: Token) -> list[tuple[Token, Token]]:
    """(description, name) pairs a verb states: "X was identified as N", "identified X as N",
    "X was N"."""
    lemma = verb.lemma_.lower()
    if verb.pos_ == "AUX" and lemma in COPULAS:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        names = [c for c in verb.children if c.dep_ == "attr" and c.pos_ == "PROPN"]
        return [(s, n) for s in subjects for n in names]
    if verb.pos_ != "VERB" or lemma not in NAMING_VERBS or verb.dep_ == "acl":
        return []  # "a man named X" names inside its own phrase (arguments.py)
    described = [c for c in verb.children if c.dep_ in {"nsubjpass", "dobj"}]
    names = [c for c in verb.children if c.dep_ == "oprd"]
    names += [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "as"
              for o in p.children if o.dep_ == "pobj"]
    return [(d, n) for d in described for n in names]


def _describes(token: Token) -> bool:
    """A singular common noun that counts nothing: "the man", not "two men" or "men"."""
    return token.pos_ == "NOUN" and token.tag_ == "NN" and not any(
        c.dep_ == "nummod" for c in token.children)

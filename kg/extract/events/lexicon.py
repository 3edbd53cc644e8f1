"""The event extractor's data (extract/data/event_*.tsv): trigger rules, the class taxonomy and
word lists. Read once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.extract.lexicon import rows

# Speech verbs and nouns of these parts of speech can trigger events.
TRIGGER_POS = {"VERB": "VERB", "NOUN": "NOUN", "PROPN": "NOUN"}
# The taxonomy's root: the class of an event no rule gives a more specific one (its PropBank
# roleset then says what happened).
ROOT_CLASS = "Event"


@dataclass(frozen=True)
class Condition:
    """One test a trigger rule makes on the parse: `name` with its `words`, maybe negated.

    `target` is an extra restriction on the object of a "prep" test ("by>phone")."""

    name: str
    words: frozenset[str] = frozenset()
    target: frozenset[str] = frozenset()
    negated: bool = False


@dataclass(frozen=True)
class TriggerRule:
    """A lemma and part of speech that names an event of class `cls` when `conditions` hold."""

    lemma: str
    pos: str
    conditions: tuple[Condition, ...]
    cls: str

    @property
    def includes_negation(self) -> bool:
        """True for idioms whose negation is part of the meaning ("could not be saved")."""
        return any(c.name == "neg" and not c.negated for c in self.conditions)


def _condition(text: str) -> Condition:
    negated = text.startswith("!")
    name, _, argument = text.lstrip("!").partition(":")
    words, _, target = argument.partition(">")
    return Condition(name, _words(words), _words(target), negated)


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in text.split("|") if w)


@cache
def trigger_rules() -> dict[tuple[str, str], tuple[TriggerRule, ...]]:
    """Trigger rules by (lemma, part of speech), in file order."""
    rules: dict[tuple[str, str], list[TriggerRule]] = {}
    for lemma, pos, conditions, cls in rows("event_triggers.tsv"):
        parsed = () if conditions == "-" else tuple(_condition(c) for c in conditions.split(","))
        rules.setdefault((lemma, pos), []).append(TriggerRule(lemma, pos, parsed, cls))
    return {key: tuple(value) for key, value in rules.items()}


@cache
def roleset_classes() -> dict[str, str]:
    """PropBank roleset -> the taxonomy class it names (extract/data/roleset_classes.tsv)."""
    return dict(rows("roleset_classes.tsv"))


@cache
def noun_trigger_lemmas() -> frozenset[str]:
    """Lemmas that can name an event as nouns ("attack", "call")."""
    return frozenset(lemma for lemma, pos in trigger_rules() if pos == "NOUN")


@cache
def parents() -> dict[str, str | None]:
    """The parent class of every event class (None for kgo:Event)."""
    return {cls: None if parent == "-" else parent for cls, parent in rows("event_classes.tsv")}


@cache
def ancestors(cls: str) -> tuple[str, ...]:
    """The class and its ancestors, most specific first."""
    chain, current = [], parents().get(cls)
    while current is not None:
        chain.append(current)
        current = parents().get(current)
    return (cls, *chain)


def depth(cls: str) -> int:
    """How far below kgo:Event a class is: deeper is more specific."""
    return len(ancestors(cls))


@cache
def word_lists() -> dict[str, frozenset[str]]:
    """The word lists of event_words.tsv by name."""
    lists: dict[str, set[str]] = {}
    for name, word in rows("event_words.tsv"):
        lists.setdefault(name, set()).add(word)
    return {name: frozenset(words) for name, words in lists.items()}


def words(name: str) -> frozenset[str]:
    """One word list ("light", "claim", "modal" ...); empty if there is none of that name."""
    return word_lists().get(name, frozenset())

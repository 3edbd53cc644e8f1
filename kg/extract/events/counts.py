"""Counts on events: "153 people were injured" -> peopleInjured 153; "Four, including two
children, could not be saved" -> peopleKilled 4, childrenKilled 2; "fired five ATACMS
missiles" -> instrumentCount 5. Numbers come from the parse (nummod, a number as the subject)."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.events.lexicon import words
from kg.extract.events.roles import is_attack
from kg.extract.events.triggers import Trigger

# The count property of the people an event of each class affects.
PEOPLE_COUNTS = {"Death": "peopleKilled", "Killing": "peopleKilled",
                 "Injury": "peopleInjured", "Arrest": "peopleArrested",
                 "Evacuation": "peopleEvacuated"}
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "dozen": 12,
}
MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 1_000_000}


def counts(trigger: Trigger) -> list[tuple[str, int]]:
    """The counts the trigger's clause states, by kgo count property."""
    if trigger.cls in PEOPLE_COUNTS:
        return _people(trigger)
    if is_attack(trigger.cls):
        return _instruments(trigger)
    return []


def number(token: Token) -> int | None:
    """The integer a number token says ("153", "1,200", "four", "5 million"), if it is one."""
    text = token.lower_
    if text in MULTIPLIERS:
        factors = [_plain(c) for c in token.children if c.dep_ in {"compound", "nummod"}]
        return factors[0] * MULTIPLIERS[text] if factors and factors[0] else None
    return _plain(token)


def _plain(token: Token) -> int | None:
    text = token.lower_.replace(",", "")
    return int(text) if text.isdigit() else NUMBER_WORDS.get(text)


def quantity(phrase: Token) -> int | None:
    """How many a phrase counts: the phrase is a number ("Four"), or has one ("153 people")."""
    if phrase.pos_ == "NUM":
        return number(phrase)
    for child in phrase.children:
        if child.dep_ == "nummod":
            return number(child)
    return None


def _people(trigger: Trigger) -> list[tuple[str, int]]:
    prop = PEOPLE_COUNTS[trigger.cls]
    for phrase in _affected(trigger):
        is_people = phrase.pos_ == "NUM" or phrase.lemma_.lower() in words("person")
        n = quantity(phrase)
        if n is None or not is_people:
            continue
        found = [(prop, n)]
        children = _children_among(phrase) if trigger.cls in {"Death", "Killing"} else None
        if children is not None:
            found.append(("childrenKilled", children))
        return found
    return []


def _affected(trigger: Trigger) -> list[Token]:
    """The phrases naming who the event affected: subjects and objects of the verb, the "of"
    object of a noun ("the deaths of 12 people"), or the noun itself ("12 deaths")."""
    head = trigger.clause
    phrases = [c for c in head.children if c.dep_ in {"nsubjpass", "dobj", "nsubj"}]
    if trigger.is_noun:
        noun = trigger.token
        phrases += [o for p in noun.children if p.lower_ == "of"
                    for o in p.children if o.dep_ == "pobj"]
        numbers = [c for c in noun.children if c.dep_ == "nummod"]
        if numbers:
            return [noun]
    return phrases


def _children_among(phrase: Token) -> int | None:
    """"Four, including two children": the children counted among the people; "12 children"."""
    if phrase.lemma_.lower() in words("child"):
        return quantity(phrase)
    for prep in phrase.children:
        if prep.lower_ in {"including", "among"}:
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in words("child"):
                    return quantity(obj)
    return None


def _instruments(trigger: Trigger) -> list[tuple[str, int]]:
    """"fired five ATACMS missiles": how many weapons the attack used."""
    for child in trigger.clause.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in words("weapon"):
            n = quantity(child)
            return [("instrumentCount", n)] if n else []
    return []

"""Counts on events: "153 people were injured" -> peopleInjured 153; "Four, including two
children, could not be saved" -> peopleKilled 4, childrenKilled 2; "fired five ATACMS
missiles" -> instrumentCount 5. Numbers come from the parse (nummod, a number as the subject)."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.events.lexicon import words
from kg.extract.events.propbank import roleset
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
# "two thirds of those infected": a share, not a count of people.
FRACTIONS = {"half", "third", "quarter", "fourth", "fifth", "tenth", "percent", "%", "per"}


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
    if phrase.lemma_.lower() in FRACTIONS:
        return None
    for child in phrase.children:
        if child.dep_ == "nummod":
            return number(child)
    return None


# Classes whose undergoer the frame makes a person ("the deceased", "injured party",
# "criminal"): "killing seven riders" counts seven people, whatever the noun.
ANIMATE_UNDERGOERS = {"Death", "Killing", "Injury", "Arrest"}


def _people(trigger: Trigger) -> list[tuple[str, int]]:
    prop = PEOPLE_COUNTS[trigger.cls]
    for phrase, undergoes in _restated(_affected(trigger)):
        is_people = phrase.pos_ == "NUM" or phrase.lemma_.lower() in words("person") or (
            undergoes and trigger.cls in ANIMATE_UNDERGOERS and phrase.pos_ != "PROPN")
        n = quantity(phrase)
        if n is None or not is_people:
            continue
        found = [(prop, n)]
        children = _children_among(phrase) if trigger.cls in {"Death", "Killing"} else None
        if children is not None:
            found.append(("childrenKilled", children))
        return found
    return []


def _restated(phrases: list[tuple[Token, bool]]) -> list[tuple[Token, bool]]:
    """Each phrase, then the apposition that restates it as a count: "two thirds of those
    infected, over 1800 people, have died" (a bare number is an age: "Mara Quill, 79, died")."""
    return [(said, undergoes) for phrase, undergoes in phrases
            for said in [phrase, *(c for c in phrase.children
                                   if c.dep_ == "appos" and c.pos_ == "NOUN")]]


def _affected(trigger: Trigger) -> list[tuple[Token, bool]]:
    """The phrases naming who the event affected, each with whether the parse makes it the
    undergoer: objects and passive subjects, the subject of a verb whose roleset has no agent
    ("seven riders died"), the "of" object of a noun ("the deaths of 12 people"), or the noun
    itself ("12 deaths"). An active subject is who acted, unless it counts people."""
    head = trigger.clause
    agentless = trigger.roleset is not None and not any(
        role.function == "PAG" for role in roleset(trigger.roleset).roles)
    phrases = [(c, c.dep_ != "nsubj" or agentless) for c in head.children
               if c.dep_ in {"nsubjpass", "dobj", "nsubj"}]
    if trigger.is_noun:
        noun = trigger.token
        toll = _toll_value(noun)
        if toll is not None:
            return [(toll, True)]
        phrases += [(o, True) for p in noun.children if p.lower_ == "of"
                    for o in p.children if o.dep_ == "pobj"]
        if any(c.dep_ == "nummod" for c in noun.children):
            return [(noun, False)]
    return phrases


def _toll_value(noun: Token) -> Token | None:
    """"the death toll rose to 22 people", "from 14 to 31", "stands at 39", "reached 40",
    "is 12", "a toll of 27 dead": the number a tally of the event's victims comes to."""
    tally = noun.head
    if noun.dep_ != "compound" or tally.lemma_.lower() not in words("tally"):
        return None
    found = _objects_of(tally, "of")
    if tally.dep_ in {"nsubj", "nsubjpass", "dobj"}:
        verb = tally.head
        found += _objects_of(verb, "to") + _objects_of(verb, "at")
        if tally.dep_ != "dobj":
            found += [c for c in verb.children if c.dep_ in {"dobj", "attr"}]
    return next((phrase for phrase in found if quantity(phrase) is not None), None)


def _objects_of(head: Token, preposition: str) -> list[Token]:
    """The objects of `head`'s "to" phrase, also inside another ("from 14 to 31")."""
    preps = [c for c in head.children if c.dep_ == "prep"]
    preps += [g for p in preps for g in p.children if g.dep_ == "prep"]
    return [o for p in preps if p.lower_ == preposition for o in p.children if o.dep_ == "pobj"]


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

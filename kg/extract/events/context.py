"""Where, when and whether: an event mention's location, date and factuality from its clause."""

from __future__ import annotations

import re

from spacy.tokens import Token

from kg.extract.events.arguments import Arguments
from kg.extract.events.lexicon import words
from kg.extract.events.roles import TARGET_PREPS, begins_argument, is_attack
from kg.extract.events.triggers import Trigger, local_tokens
from kg.extract.spans import SpanIndex
from kg.model import Factuality, TimeExpression, TimexType

DATED = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T[\d:.]+)?)?)?$")
# A day and a part of it ("Monday morning": 2019-08-12TMO): the event's date is that day.
PART_OF_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})T(MO|AF|EV|NI|DT)$")
CLAIM_PATH = {"ccomp", "xcomp", "pcomp", "parataxis"}
CLAIM_PREPS = {"of", "for", "about"}


def clause_date(trigger: Trigger, args: Arguments) -> str | None:
    """The TIMEX3 value of a date or time expression in the trigger's own clause, if any."""
    paragraph = args.paragraph
    local = {paragraph.at(t.idx): t for t in local_tokens(trigger.clause)}
    times = args.index.times_within(*paragraph.bounds(trigger.token.sent))
    for time in (t for t in times if _is_date(t)):
        token = local.get(time.begin)
        if token is not None and not _undated_by(token):
            return _calendar(time.value)
    return None


def focus_date(index: SpanIndex, paragraph_begin: int, before: int) -> str | None:
    """The paragraph's time focus at `before`: the last date it mentions before that point."""
    dates = [t for t in index.times_within(paragraph_begin, before) if _is_date(t)]
    return _calendar(dates[-1].value) if dates else None


def _is_date(time: TimeExpression) -> bool:
    value = time.value
    return time.type in {TimexType.DATE, TimexType.TIME} and bool(
        DATED.match(value) or PART_OF_DAY.match(value))


def _calendar(value: str) -> str:
    """A TIMEX3 value as a date the graph can type: a part of a day is that day."""
    part = PART_OF_DAY.match(value)
    return part.group(1) if part else value


def _undated_by(token: Token) -> bool:
    """"until today", "since 2014": a date that bounds the event is not when it happened."""
    for ancestor in (token, *token.ancestors):
        if ancestor.dep_ == "pobj" or ancestor.dep_ == "pcomp":
            return ancestor.head.lower_ in words("no_date")
        if ancestor.dep_ not in {"compound", "nummod", "appos", "amod", "det", "npadvmod"}:
            return False
    return False


def location(trigger: Trigger, args: Arguments) -> str | None:
    """A place named in a locative phrase of the trigger or its clause ("over Uchkuevka beach"),
    the nearest in the phrase: "at a store in the city of El Paso, Texas" is El Paso."""
    heads = [trigger.token] if trigger.governor is None else [trigger.token, trigger.governor]
    return next(filter(None, (_locative_place(head, trigger, args) for head in heads)), None) \
        or _place_modifier(trigger, args) or _targeted_place(trigger, heads, args) \
        or _shared_place(trigger, args)


def _locative_place(head: Token, trigger: Trigger, args: Arguments) -> str | None:
    for prep in (c for c in head.children if c.dep_ == "prep"):
        if not _locative(prep.lower_, trigger):
            continue
        # "fired at Sevastopol": the target, not where; but "at a store in El Paso"
        targeted = is_attack(trigger.cls) and prep.lower_ in TARGET_PREPS
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            key = _place_in(obj, args, targeted)
            if key:
                return key
    return None


def _shared_place(trigger: Trigger, args: Arguments) -> str | None:
    """A verb co-ordinated with another ("drove on Route 2 in Randolph and struck ...") or a
    participle clause added to it ("struck the bikes in Randolph, killing seven") happened
    where that verb did, when it names no place of its own."""
    verb = trigger.clause
    while verb.head != verb and verb.head.pos_ in {"VERB", "AUX"} and (
            verb.dep_ == "conj" or (verb.dep_ == "advcl" and verb.tag_ == "VBG")):
        verb = verb.head
        key = _locative_place(verb, trigger, args)
        if key:
            return key
    return None


def _locative(word: str, trigger: Trigger) -> bool:
    """"in/at/near X" says where; "on/under X" too ("collided on Route 2"), unless the word
    begins an argument of the predicate ("fired on X", "sanctions on X", "agreed on X")."""
    if word in words("locative"):
        return True
    return word in words("locative_unless_framed") and not begins_argument(trigger, word)


def _targeted_place(trigger: Trigger, heads: list[Token], args: Arguments) -> str | None:
    """An attack told with no place of its own happened where it struck: "bombs struck the
    cathedral of X" (its object), "fired at the port in X" (its target)."""
    if not is_attack(trigger.cls):
        return None
    for obj in (o for head in heads for o in _struck(head)):
        key = _place_in(obj, args)
        if key:
            return key
    return None


def _struck(head: Token) -> list[Token]:
    """What an attack's verb or noun aims at: its object and its "at/on/against X" objects."""
    found = []
    for child in head.children:
        if child.dep_ == "dobj":
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
            found += [o for o in child.children if o.dep_ == "pobj"]
    return found


# How a locative phrase goes on to a place inside it: "a store in the city of El Paso, Texas".
PLACE_PATH = {"prep", "pobj", "appos", "compound"}


def _place_in(phrase: Token, args: Arguments, targeted: bool = False) -> str | None:
    """The first place in the locative phrase headed by `phrase`: the head itself (unless it
    is an attack's target), else, depth first, the places its prepositions and appositions
    name: "in the city of El Paso, Texas" is El Paso, Texas only the place around it."""
    stack = [phrase]
    while stack:
        token = stack.pop()
        key = None if targeted and token is phrase else args.entity(token)
        if key and args.index.entities[key].kind.family == "place":
            return key
        # A compound modifier ("the U.S. city of El Paso") is wider than what the phrase names:
        # it comes last (pushed first).
        stack += sorted((c for c in token.children if c.dep_ in PLACE_PATH
                         and (c.dep_ != "prep" or c.lower_ in words("locative") | {"of"})),
                        key=lambda c: (c.dep_ != "compound", -c.i))
    return None


def _place_modifier(trigger: Trigger, args: Arguments) -> str | None:
    """"the Beirut explosion": a place naming a noun trigger."""
    if not trigger.is_noun:
        return None
    for child in trigger.token.children:
        if child.dep_ == "compound":
            key = args.entity(child)
            if key and args.index.entities[key].kind.family == "place":
                return key
    return None


def factuality(trigger: Trigger) -> Factuality:
    """Reported inside a claim; else negated; else hypothetical (modal, conditional, intended)."""
    if _reported(trigger.token):
        return Factuality.REPORTED
    anchor = trigger.clause
    if trigger.is_noun and trigger.governor is None:
        negated = any(c.dep_ == "det" and c.lower_ == "no" for c in anchor.children)
        return Factuality.NEGATED if negated else Factuality.ASSERTED
    if trigger.rule.includes_negation:
        return Factuality.ASSERTED
    if any(c.dep_ == "neg" for c in anchor.children):
        return Factuality.NEGATED
    return Factuality.HYPOTHETICAL if _hypothetical(anchor) else Factuality.ASSERTED


def _reported(token: Token) -> bool:
    """Inside the complement of a claim, belief or denial verb ("accused X of shelling Y")."""
    child = token
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() in words("claim") and ancestor.pos_ == "VERB":
            via_prep = child.dep_ == "prep" and child.lower_ in CLAIM_PREPS
            if child.dep_ in CLAIM_PATH or via_prep:
                return True
        child = ancestor
    return False


def _hypothetical(verb: Token) -> bool:
    """A modal or future auxiliary, an "if" clause, or the infinitive of an intention."""
    current = verb
    while True:
        if any(c.dep_ == "aux" and c.lower_ in words("modal") for c in current.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in current.children):
            return True
        if current.dep_ == "xcomp" and current.head.lemma_.lower() in words("intent"):
            return True
        if current.dep_ != "conj" or current.head is current:
            return False
        current = current.head  # "would talk ... and meet": the conjunct shares the modal

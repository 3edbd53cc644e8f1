"""Event triggers: the words of a sentence that name an event. The rules of
data/event_triggers.tsv, tested on spaCy's dependency parse, give a class of the taxonomy;
any other verb or noun PropBank frames is an event of the root class, named by its roleset
(predicates.py). Every trigger carries its roleset, when PropBank has one."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from kg.extract.events.lexicon import (
    ROOT_CLASS,
    TRIGGER_POS,
    Condition,
    TriggerRule,
    noun_trigger_lemmas,
    roleset_classes,
    trigger_rules,
    words,
)
from kg.extract.events.predicates import (
    NAME_LABELS,
    light_verbs,
    phrasal_particle,
    roleset_of,
)
from kg.model import EntityKind

SUBJECTS = {"nsubj", "nsubjpass"}
OBJECTS = {"dobj", "nsubjpass"}

# What an argument token names, if anything (the entity kind); supplied by event_roles.
KindOf = Callable[[Token], "EntityKind | None"]


@dataclass(frozen=True)
class Trigger:
    """A word that names an event, the rule that matched it and all the words of the trigger.

    `governor` is the verb that carries a noun trigger's clause: "made" in "a demarche was made",
    "took" in "the call took place"."""

    token: Token
    rule: TriggerRule
    words: tuple[Token, ...]
    governor: Token | None = None
    roleset: str | None = None  # PropBank's roleset of the word ("kill.01"), if it has one

    @property
    def cls(self) -> str:
        return self.rule.cls

    @property
    def is_noun(self) -> bool:
        return self.rule.pos == "NOUN"

    @property
    def clause(self) -> Token:
        """The token whose clause states when, where and how the event happened."""
        return self.governor if self.governor is not None else self.token


# Clauses inside a clause state their own events, with their own dates, places and initiators.
NESTED = {"ccomp", "advcl", "relcl", "xcomp", "acl", "csubj", "parataxis", "conj", "pcomp"}


def local_tokens(head: Token) -> list[Token]:
    """The tokens of `head`'s own clause: its subtree without nested clauses."""
    found, stack = [], [head]
    while stack:
        token = stack.pop()
        found.append(token)
        stack.extend(c for c in token.children if c.dep_ not in NESTED)
    return found


def find_triggers(sentence: SpacySpan, kind_of: KindOf, every_event: bool = True
                  ) -> list[Trigger]:
    """The event triggers of one sentence, in text order; with `every_event`, every
    eventive predicate, else only those the rules give a class of the taxonomy."""
    found, unmatched = [], []
    for token in sentence:
        if _governs_event_noun(token):
            continue  # "launched an attack": the attack is the event, not the launch
        trigger = match(token, kind_of)
        if trigger is not None:
            found.append(trigger)
        else:
            unmatched.append(token)
    # A word of a matched trigger ("phone" in "phone call") names no event of its own.
    taken = {word.i for trigger in found for word in trigger.words}
    for token in (t for t in unmatched if t.i not in taken):
        framed = predicate(token)
        if framed is not None and (every_event or framed.cls != ROOT_CLASS):
            found.append(framed)
    found.sort(key=lambda trigger: trigger.token.i)
    return found


def predicate(token: Token) -> Trigger | None:
    """A trigger for an eventive predicate no rule matched, if it is one: of the class its
    roleset names (roleset_classes.tsv), else of the root class. A word whose own rules all
    failed is not classed by its roleset: its rules said it is not that class here."""
    roleset = roleset_of(token)
    if roleset is None:
        return None
    lemma, pos = token.lemma_.lower(), TRIGGER_POS[token.pos_]
    ruled = (lemma, pos) in trigger_rules()
    cls = ROOT_CLASS if ruled else roleset_classes().get(roleset, ROOT_CLASS)
    rule = TriggerRule(lemma, pos, (), cls)
    noun = token.pos_ == "NOUN"
    particle = phrasal_particle(token)
    extra = [particle] if particle is not None else []
    words_ = tuple(sorted({token, *extra}, key=lambda t: t.i))
    return Trigger(token, rule, words_, governor(token) if noun else None, roleset)


def match(token: Token, kind_of: KindOf) -> Trigger | None:
    """The trigger that `token` is, by the first rule of its lemma whose conditions hold."""
    pos = TRIGGER_POS.get(token.pos_)
    if pos is None or (token.ent_type_ in NAME_LABELS):
        return None
    for rule in trigger_rules().get((token.lemma_.lower(), pos), ()):
        extra = _extra_words(token, rule, kind_of)
        if extra is not None:
            words_ = tuple(sorted({token, *extra}, key=lambda t: t.i))
            return Trigger(token, rule, words_, governor(token) if pos == "NOUN" else None,
                           roleset_of(token))
    return None


def governor(noun: Token) -> Token | None:
    """The light or occurrence verb whose object or subject the event noun is, if any."""
    head = noun.head
    if head.pos_ not in {"VERB", "AUX"} or head == noun:
        return _adjacent_light_verb(noun)
    lemma = head.lemma_.lower()
    if noun.dep_ == "dobj" and lemma in words("light"):
        return head
    if noun.dep_ == "nsubjpass" and lemma in words("light"):
        return head
    if noun.dep_ == "nsubj" and lemma in words("occurrence"):
        return head
    return None


def _adjacent_light_verb(noun: Token) -> Token | None:
    """Repair a common mis-parse: in "... and a demarche was made to her" the parser may hang the
    noun elsewhere; a subjectless passive light verb right after it (only auxiliaries between)
    is its verb."""
    doc, i = noun.doc, noun.i + 1
    while i < len(doc) and doc[i].dep_ in {"aux", "auxpass", "neg"}:
        i += 1
    if i == noun.i + 1 or i >= len(doc):
        return None
    verb = doc[i]
    has_subject = any(c.dep_ in SUBJECTS for c in verb.children)
    if verb.lemma_.lower() in words("light") and not has_subject and verb.tag_ == "VBN":
        return verb
    return None


def _governs_event_noun(token: Token) -> bool:
    """True for a light or occurrence verb whose object or subject is an event noun: "made a
    demarche", "the call took place". Only PropBank's light verbs (those with a ".LV" roleset:
    make, take) name no event of their own; "signed a contract" and "won a contract" are a
    signing and a winning, and stay events beside the contract."""
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB" or lemma not in light_verbs() | words("occurrence"):
        return False
    nouns = noun_trigger_lemmas()
    for child in token.children:
        eventive = child.lemma_.lower() in nouns or (
            lemma in light_verbs() and roleset_of(child) is not None)
        if not eventive or child.ent_type_ in NAME_LABELS:
            continue
        if child.dep_ in OBJECTS and lemma in light_verbs():
            return True
        if child.dep_ == "nsubj" and lemma in words("occurrence"):
            return True
    return False


def _extra_words(token: Token, rule: TriggerRule, kind_of: KindOf) -> list[Token] | None:
    """The words the rule's conditions add to the trigger, or None when a condition fails."""
    extra: list[Token] = []
    for condition in rule.conditions:
        matched = _test(token, condition, kind_of)
        if (matched is None) != condition.negated:
            return None
        if matched is not None and not condition.negated:
            extra.extend(matched)
    return extra


def _test(token: Token, condition: Condition, kind_of: KindOf) -> list[Token] | None:
    """The words that satisfy one condition (maybe none), or None when it does not hold."""
    test = _TESTS.get(condition.name)
    return test(token, condition, kind_of) if test else None


def _children(token: Token, deps: Iterable[str]) -> list[Token]:
    wanted = set(deps)
    return [c for c in token.children if c.dep_ in wanted]


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _prep(token: Token, condition: Condition, _: KindOf) -> list[Token] | None:
    for prep in _children(token, ("prep", "agent", "dative")):
        if prep.lower_ not in condition.words:
            continue
        if not condition.target:
            dated = any(o.ent_type_ in {"DATE", "TIME"} for o in prep.children)
            if not dated:  # "fired at X", not "on June 23"
                return []
            continue
        for obj in _children(prep, ("pobj",)):
            if _lemma(obj) in condition.target:
                return [prep, obj]
    return None


def _obj(token: Token, condition: Condition, kind_of: KindOf) -> list[Token] | None:
    for obj in _children(token, OBJECTS):
        if _object_fits(obj, condition.words, kind_of):
            return []
    return None


def _object_fits(obj: Token, wanted: frozenset[str], kind_of: KindOf) -> bool:
    if "@weapon" in wanted:
        named = [kind_of(t) for t in obj.subtree if t.dep_ in {"compound", "amod"} or t == obj]
        return _lemma(obj) in words("weapon") or EntityKind.WEAPON in named
    if "@person" in wanted:
        return _lemma(obj) in words("person") or kind_of(obj) is EntityKind.PERSON
    if "@count" in wanted:
        return obj.pos_ == "NUM" or any(c.dep_ == "nummod" for c in obj.children)
    return _lemma(obj) in wanted


def _subj(token: Token, condition: Condition, _: KindOf) -> list[Token] | None:
    hits = [s for s in _children(token, ("nsubj",)) if _lemma(s) in condition.words]
    return [] if hits else None


def _mod(token: Token, condition: Condition, _: KindOf) -> list[Token] | None:
    hits = [m for m in _children(token, ("compound", "amod", "nmod", "poss"))
            if _lemma(m) in condition.words]
    return hits[:1] if hits else None


def _prt(token: Token, condition: Condition, _: KindOf) -> list[Token] | None:
    hits = [p for p in _children(token, ("prt",)) if p.lower_ in condition.words]
    return hits[:1] if hits else None


def _passive(token: Token, _: Condition, __: KindOf) -> list[Token] | None:
    auxiliaries = _children(token, ("auxpass",))
    if auxiliaries or _children(token, ("nsubjpass",)):
        return auxiliaries
    return [] if token.tag_ == "VBN" and token.dep_ == "acl" else None


def _negation(token: Token, _: Condition, __: KindOf) -> list[Token] | None:
    negations = _children(token, ("neg",))
    return negations + _children(token, ("aux",)) if negations else None


def _ccomp(token: Token, _: Condition, __: KindOf) -> list[Token] | None:
    return [] if _children(token, ("ccomp",)) else None


def _under(token: Token, condition: Condition, _: KindOf) -> list[Token] | None:
    if token.dep_ == "pobj" and token.head.lower_ in condition.words:
        return [token.head]
    return None


def _head(token: Token, condition: Condition, _: KindOf) -> list[Token] | None:
    if token.head != token and _lemma(token.head) in condition.words:
        return [token.head]
    return None


def _plural(token: Token, _: Condition, __: KindOf) -> list[Token] | None:
    return [] if token.tag_ in {"NNS", "NNPS"} else None


def _agentive(token: Token, _: Condition, kind_of: KindOf) -> list[Token] | None:
    """Someone named acts: "soldiers killed ..." is not, "Hamas killed ..." is."""
    actors = _children(token, ("nsubj",))
    actors += [o for a in _children(token, ("agent",)) for o in _children(a, ("pobj",))]
    acting = {EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.GOVERNMENT_ORGANIZATION,
              EntityKind.MILITARY_ORGANIZATION, EntityKind.COUNTRY}
    return [] if any(kind_of(a) in acting for a in actors) else None


_TESTS: dict[str, Callable[[Token, Condition, KindOf], list[Token] | None]] = {
    "prep": _prep, "obj": _obj, "subj": _subj, "mod": _mod, "prt": _prt, "pass": _passive,
    "neg": _negation, "ccomp": _ccomp, "under": _under, "head": _head, "plural": _plural,
    "agentive": _agentive,
}

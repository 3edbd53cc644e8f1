"""Participants of an event by role, read from the dependency parse around its trigger.

Verbs: active subject -> agent; passive subject and object -> patient (target for attacks);
"by X" -> agent; "with X" -> coAgent (talks) or instrument (weapons); "at/on/against X" ->
target (attacks); "to X" -> recipient; "at the initiative of X" -> initiator. Nouns take
their "of", possessive, demonym and compound arguments, and "between X and Y". A noun named by a
light verb ("a demarche was made to her") also takes the verb's arguments.

Where the class says nothing, the trigger's PropBank roleset does, by function: a predicate
whose roleset has no agent (PAG) role is undergone by its subject ("the bridge fell", "he
died": patient); "<prep> X" takes the role the roleset's examples begin with that preposition
("sold to X": GOL, the recipient)."""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.events.arguments import Arguments
from kg.extract.events.lexicon import ancestors, words
from kg.extract.events.propbank import Roleset, roleset
from kg.extract.events.triggers import Trigger, local_tokens
from kg.model import EntityKind, Participant

INITIATIVE = {"initiative", "request", "invitation", "behest", "suggestion", "order", "orders"}
TARGET_PREPS = {"at", "on", "against", "into", "toward", "towards", "upon"}
ACCUSING = {"accuse", "blame", "suspect", "charge", "convict", "acquit", "sue"}
RECIPIENT_CLASSES = {"Demarche", "Sale", "Delivery", "Appeal", "Order", "Contract", "Sanction"}


# A role, the head word of the argument's phrase, and the entity it names (None: names none).
Filler = tuple[str, Token, "str | None"]


def participants(trigger: Trigger, args: Arguments) -> list[Participant]:
    """The participants of one trigger's event: each entity once, in its first role; an argument
    that names no entity once, by its phrase."""
    found: list[Filler] = []
    if trigger.is_noun:
        found += _noun_roles(trigger.token, trigger, args)
    if trigger.governor is not None or not trigger.is_noun:
        found += _verb_roles(trigger.clause, trigger, args)
    found += _initiators(trigger.clause, args)
    unique: dict[str | int, Filler] = {}
    for role, head, key in found:
        unique.setdefault(key if key is not None else head.i, (role, head, key))
    return [_participant(trigger, args, *filler) for filler in unique.values()]


def _participant(trigger: Trigger, args: Arguments, role: str, head: Token,
                 key: str | None) -> Participant:
    argument, name = _framed_role(trigger, role)
    # "the Ukrainian attack": a nationality adjective is no phrase of an entity (the contract)
    phrase = None if head.pos_ == "ADJ" else args.phrase(head)
    return Participant(role, key, phrase, argument, name)


def _fillers(role: str, token: Token, args: Arguments) -> list[Filler]:
    """The entities an argument phrase names, its co-ordinated phrases' with them ("X and Y"),
    or the phrase itself when it names none but is worth keeping (not a pronoun, time or
    amount). The phrase is the whole co-ordination, as a reader marks the argument."""
    head = args.antecedent(token)  # "the company, which sold ...": the company sold
    keys = args.with_conjuncts(head)
    if keys:  # stated by the relative pronoun, where there is one
        return [(role, token, key) for key in keys]
    return [(role, head, None)] if args.is_unnamed_argument(head) else []


def is_attack(cls: str) -> bool:
    """Attacks and their kinds (Strike, Shelling ...): they have targets and instruments."""
    return "Attack" in ancestors(cls)


def _verb_roles(verb: Token, trigger: Trigger, args: Arguments) -> list[Filler]:
    cls, found = trigger.cls, []
    misparsed = _subject_taken_for_object(verb)
    for subject in subjects(verb) if misparsed is None else []:
        if subject != trigger.token:  # "the bombings struck X": the event, no participant
            found += _co_ordinated(_subject_role(verb, trigger), subject, cls, args)
    for child in verb.children:
        if child == trigger.token:
            continue
        if child.dep_ in {"dobj", "nsubjpass", "dative"}:
            found += _fillers(_object_role(child, cls, args), child, args)
        elif child.dep_ in {"prep", "agent"}:
            found += _prep_roles(child, trigger, args)
    if misparsed is not None:
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        role = _object_role(misparsed, cls, args) if passive else _subject_role(verb, trigger)
        found += _fillers(role, misparsed, args)
    return found


# Words that begin a clause and a prepositional phrase alike ("after X was stabbed").
SUBORDINATORS = {"after", "before", "since", "until", "as", "because", "while", "when", "once"}


def _subject_taken_for_object(verb: Token) -> Token | None:
    """"arrested after X was stabbed", parsed as "arrested [after X]" and "was stabbed"
    co-ordinated with "arrested": X, the object of a subordinator taken for a preposition
    just before the verb's own auxiliary, is the subject of the verb."""
    if verb.dep_ != "conj" or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    auxiliaries = [c.i for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    for prep in verb.head.children:
        if prep.dep_ == "prep" and prep.lower_ in SUBORDINATORS and prep.i < verb.i:
            for obj in (o for o in prep.children if o.dep_ == "pobj"):
                if auxiliaries and obj.right_edge.i < min(auxiliaries):
                    return obj
    return None


def subjects(verb: Token) -> list[Token]:
    """Active subjects; a subjectless xcomp or conj verb borrows its head's ("X decided to
    strike", "X fired and hit")."""
    own = [c for c in verb.children if c.dep_ == "nsubj"]
    if own or any(c.dep_ == "nsubjpass" for c in verb.children):
        return [_past_colon(s) for s in own]
    if verb.dep_ in {"xcomp", "conj"} and verb.head.pos_ in {"VERB", "AUX"}:
        return [_past_colon(c) for c in verb.head.children if c.dep_ == "nsubj"]
    return _accused(verb)


def _accused(verb: Token) -> list[Token]:
    """"accused the United States of shelling Sevastopol": the accused is who shelled."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.dep_ != "prep" or prep.head.lemma_.lower() not in ACCUSING:
        return []
    return [c for c in prep.head.children if c.dep_ == "dobj"]


def _past_colon(subject: Token) -> Token:
    """"Ministry of Defense: Belousov and Austin ... discussed": a headline's source before a
    colon is not the subject; the apposition after it is."""
    after_colon = any(c.dep_ == "punct" and c.text == ":" for c in subject.children)
    apposed = [c for c in subject.children if c.dep_ == "appos"]
    return apposed[0] if after_colon and apposed else subject


def _subject_role(verb: Token, trigger: Trigger) -> str:
    undergoes = {"Consequence", "Disaster"} & set(ancestors(trigger.cls))
    has_object = any(c.dep_ == "dobj" for c in verb.children)
    if undergoes and not has_object:
        return "patient"
    framed = _roleset(trigger)
    if framed is not None and verb is trigger.token and not _has_agent(framed):
        return "patient"  # "prices fell", "he died": PropBank frames no agent for them
    return "agent"


# PropBank function tags as kgo roles; the others (LOC, DIR, EXT, PRD, ...) are no participant.
FUNCTION_ROLES = {"PAG": "agent", "PPT": "patient", "GOL": "recipient", "COM": "coAgent"}


def _roleset(trigger: Trigger) -> Roleset | None:
    return roleset(trigger.roleset) if trigger.roleset else None


def _has_agent(framed: Roleset) -> bool:
    return any(role.function == "PAG" for role in framed.roles)


# The PropBank functions each kgo role stands for, after VerbNet's name for the role.
ROLE_FUNCTIONS = {"agent": ("PAG",), "patient": ("PPT",), "target": ("PPT", "GOL"),
                  "recipient": ("GOL",), "coAgent": ("COM",), "instrument": ("MNR",)}


def _framed_role(trigger: Trigger, role: str) -> tuple[str, str]:
    """The roleset's argument a kgo role fills ("ARG1", "entity attacked"), where one
    numbered role of the roleset has the kgo role's VerbNet name or else its function."""
    framed = _roleset(trigger)
    if framed is None:
        return "", ""
    numbered = [r for r in framed.roles if r.number != "M"]
    matches = [r for r in numbered if r.verbnet == role.lower()] or [
        r for r in numbered if r.function in ROLE_FUNCTIONS.get(role, ())]
    return (matches[0].label, matches[0].description) if len(matches) == 1 else ("", "")


def begins_argument(trigger: Trigger, word: str) -> bool:
    """Whether "<word> X" is an argument of the trigger rather than a modifier: its class makes
    it one ("sanctions on X"), or PropBank's examples of its roleset begin a numbered argument
    with `word` ("agreed on X", "imposed on X")."""
    if _prep_role(word, trigger.cls, None) is not None:
        return True
    framed = _roleset(trigger)
    return framed is not None and any(
        role.number != "M" and word in role.prepositions[:2] for role in framed.roles)


def _framed_prep_role(trigger: Trigger, word: str) -> str | None:
    """The role PropBank's examples give "<word> X" for the trigger's roleset, as a kgo role."""
    framed = _roleset(trigger)
    if framed is None:
        return None
    for role in framed.roles:
        if role.number != "M" and word in role.prepositions[:2]:
            return FUNCTION_ROLES.get(role.function)
    return None


def _co_ordinated(role: str, phrase: Token, cls: str, args: Arguments) -> list[Filler]:
    """"X and Y met": X agent and Y coAgent for joint events; all agents otherwise."""
    found = _fillers(role, phrase, args)
    if role == "agent" and cls in words("reciprocal") and len(found) > 1:
        return found[:1] + [("coAgent", head, key) for _, head, key in found[1:]]
    return found


def _object_role(obj: Token, cls: str, args: Arguments) -> str:
    kind = args.kind(obj)
    if is_attack(cls):
        return "instrument" if kind is EntityKind.WEAPON else "target"
    if cls in {"Accusation", "Threat"}:  # "accused X", "threatened X"
        return "patient"
    if obj.dep_ == "dative" or cls in words("speech"):
        return "recipient"
    if cls in {"Meeting", "PhoneCall", "Discussion", "Negotiation", "Visit"}:
        return "coAgent"
    return "patient"


def _prep_roles(prep: Token, trigger: Trigger, args: Arguments) -> list[Filler]:
    word, cls = prep.lower_, trigger.cls
    objects = [o for o in prep.children if o.dep_ == "pobj"]
    found: list[Filler] = []
    for obj in objects:
        if word == "between":
            found += _co_ordinated("agent", obj, "Communication", args)
            continue
        kind = args.kind(args.antecedent(obj))
        role = _prep_role(word, cls, kind)
        if role is None and (kind is None or kind.family != "place"):
            role = _framed_prep_role(trigger, word)
        found += _fillers(role, obj, args) if role else []
    return found


def _prep_role(word: str, cls: str, kind: EntityKind | None) -> str | None:
    """The role of "<word> X" on an event of class `cls`, X an entity of kind `kind` (None: a
    phrase that names no entity, "civilians")."""
    if kind is not None and kind.family == "place" and word not in TARGET_PREPS | {"of"}:
        return None  # places in locative phrases are the location, not a participant
    if word == "by":
        return "agent"
    if word == "with":
        if is_attack(cls) or cls in {"Killing", "Shooting"}:  # "with a knife", not "with X"
            return "instrument" if kind in {EntityKind.WEAPON, None} else None
        return "coAgent" if cls in words("reciprocal") or "Communication" in ancestors(cls) \
            else None
    if is_attack(cls) and word in TARGET_PREPS:
        return "target"
    if word == "to":
        return _to_role(cls, kind)
    if word == "of":
        return "target" if is_attack(cls) else "patient"
    if word in {"against", "on"} and cls in {"Sanction", "Lawsuit", "Charge", "Protest"}:
        return "patient"
    return None


def _to_role(cls: str, kind: EntityKind | None) -> str | None:
    if cls == "Summons":  # "summoned to the Foreign Ministry": who summons
        return "agent" if kind is not None and kind.family == "organization" else None
    if cls in RECIPIENT_CLASSES or "Communication" in ancestors(cls):
        return "recipient"
    return None


def _noun_roles(noun: Token, trigger: Trigger, args: Arguments) -> list[Filler]:
    cls, found = trigger.cls, []
    undergoer = cls in words("undergoer")
    for child in noun.children:
        if child.dep_ == "poss":
            found += _fillers("patient" if undergoer else "agent", child, args)
        elif child.dep_ in {"amod", "compound", "nmod"}:
            found += _modifier_role(child, cls, args)
        elif child.dep_ == "prep":
            found += _prep_roles(child, trigger, args)
    return found


def _modifier_role(modifier: Token, cls: str, args: Arguments) -> list[Filler]:
    """"the Ukrainian attack", "ATACMS strike", "Hamas attack"; places are locations."""
    key = args.entity(modifier) or args.demonym_country(modifier)
    if key is None:
        return []
    kind = args.index.entities[key].kind
    if kind is EntityKind.WEAPON or kind is EntityKind.PRODUCT:
        return [("instrument" if is_attack(cls) else "patient", modifier, key)]
    if kind.family == "place" and (kind is not EntityKind.COUNTRY or modifier.dep_ == "compound"):
        return []
    return [("patient" if cls in words("undergoer") else "agent", modifier, key)]


def _initiators(clause: Token, args: Arguments) -> list[Filler]:
    """"at the initiative / request / invitation of X", anywhere in the clause (the parser often
    hangs it on the subject)."""
    found: list[Filler] = []
    for token in local_tokens(clause):
        if token.lemma_.lower() in INITIATIVE and token.dep_ == "pobj" \
                and token.head.lower_ in {"at", "on", "upon"}:
            for prep in (c for c in token.children if c.lower_ == "of"):
                for obj in (o for o in prep.children if o.dep_ == "pobj"):
                    found += _fillers("initiator", obj, args)
    return found

"""Eventive predicates: a verb or noun that PropBank frames names an event, whether or not
the trigger rules give it a class of the taxonomy ("the ferry capsized" is an event kg has no
class for; its roleset, capsize.01, says what happened).

Not events: auxiliaries and copulas (spaCy tags them AUX), names ("Fire Department"), and
nouns that modify nouns ("the defence contract": a kind of contract).
A light verb whose object is the event noun ("made a decision") is left to the noun by the
caller, as for the trigger rules. A phrasal verb's particle is part of its trigger."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from kg.extract.events.propbank import all_rolesets, rolesets

# Parts of speech whose words PropBank frames as predicates and news marks as events. Adjectives
# ("dead", "responsible") are framed too, but mostly as states of an entity, not events.
PREDICATE_POS = {"VERB", "NOUN"}
# Entity labels of names that are not events even when a word of theirs names one ("Fire
# Department"; "Operation Desert Storm" stays an event of its own label).
NAME_LABELS = {"ORG", "PERSON", "GPE", "FAC", "LOC", "NORP", "PRODUCT", "WORK_OF_ART", "LAW",
               "WEAPON"}
# "has been arrested": only "arrested" is an event; "including", "regarding", "according"
# introduce a phrase as a preposition does.
NOT_PREDICATES = {"aux", "auxpass", "prep"}


@cache
def light_verbs() -> frozenset[str]:
    """The verbs PropBank frames as light verbs (a ".LV" roleset): in "made a decision" the
    noun names the event, the verb none."""
    return frozenset(rid.split(".")[0] for rid in all_rolesets() if rid.endswith(".LV"))


def phrasal_particle(token: Token) -> Token | None:
    """The particle of a phrasal verb PropBank frames as one predicate ("rolled out")."""
    lemma = token.lemma_.lower()
    return next((c for c in token.children if c.dep_ == "prt"
                 and rolesets(f"{lemma}_{c.lower_}", token.pos_)), None)


def is_kind_modifier(token: Token) -> bool:
    """"defence" in "defence contract", "test" in "test flight", "aviation" in "the aviation
    industry": a noun modifying another noun names a kind of it, not an event."""
    return token.dep_ == "compound" and token.pos_ == "NOUN"


def roleset_of(token: Token) -> str | None:
    """The PropBank roleset `token` names, if it is an eventive predicate.

    The roleset is the first PropBank lists for the word (its most common sense); a verb with
    a particle takes the phrasal verb's roleset first ("set off" is set_off.01, not set.01).
    """
    if token.pos_ not in PREDICATE_POS or token.dep_ in NOT_PREDICATES:
        return None
    if token.ent_type_ in NAME_LABELS or is_kind_modifier(token):
        return None
    lemma = token.lemma_.lower()
    particle = phrasal_particle(token)
    found = rolesets(f"{lemma}_{particle.lower_}" if particle else lemma, token.pos_)
    return found[0].id if found else None

"""The word lists of attribution (extract/data/): reporting verbs and the nouns that refer back
to an organisation ("the department"). Read once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.extract.lexicon import rows
from kg.model import EntityKind

IRREGULAR_PAST = {"say": "said", "tell": "told", "think": "thought", "write": "wrote"}


@dataclass(frozen=True)
class ReportingVerb:
    """A verb that attributes its complement to its subject, and what that complement makes."""

    lemma: str  # "say", "point out"
    speech: bool  # its complement is reported speech (a quotation)
    claim: bool  # its complement is a proposition put forward as true (a claim)
    frame: str  # "clause", "of", "for" or "object": where the content is


@dataclass(frozen=True)
class SpeakerNoun:
    """A noun that refers back to an organisation of one of `kinds` ("the ministry")."""

    noun: str
    kinds: frozenset[EntityKind]
    name_words: tuple[str, ...]  # the organisation's name must contain one of these, if any


@cache
def reporting_verbs() -> dict[str, ReportingVerb]:
    """Reporting verbs by lemma (phrasal verbs as "point out")."""
    verbs = (ReportingVerb(row[0], row[1] == "yes", row[2] == "yes", row[3])
             for row in rows("reporting_verbs.tsv"))
    return {verb.lemma: verb for verb in verbs}


@cache
def glued_forms() -> dict[str, ReportingVerb]:
    """Past and present forms of one-word reporting verbs run into "that" ("confirmedthat"),
    a typo the model tags as one word, to the verb."""
    forms = {}
    for verb in reporting_verbs().values():
        if " " not in verb.lemma:
            for form in _inflections(verb.lemma):
                forms[form + "that"] = verb
    return forms


def _inflections(lemma: str) -> set[str]:
    past = IRREGULAR_PAST.get(lemma)
    if past is None:
        stem = lemma[:-1] + "i" if lemma.endswith("y") else lemma.removesuffix("e")
        past = stem + "ed"
    third = lemma[:-1] + "ies" if lemma.endswith("y") else lemma + "s"
    return {lemma, past, third}


@cache
def speaker_nouns() -> dict[str, SpeakerNoun]:
    """Nouns that refer back to an organisation, by lower-case noun."""
    nouns = {}
    for row in rows("speaker_nouns.tsv"):
        kinds = frozenset(EntityKind(kind) for kind in row[1].split("|"))
        words = tuple(w for w in row[2].split("|") if w) if len(row) > 2 else ()
        nouns[row[0]] = SpeakerNoun(row[0], kinds, words)
    return nouns

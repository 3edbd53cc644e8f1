"""Named-entity candidates from spaCy, with the small model's known errors corrected.

The model's spans come out as plain `Candidate`s in article offsets; spaCy objects stay here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from kg.extract.lexicon import demonyms, ministry_domains, not_names
from kg.extract.places import is_country, is_known_place

LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WEAPON"}
# Nouns that turn a preceding name into a place: "Uchkuevka beach", "Karl Marx Avenue".
PLACE_NOUNS = {"beach", "river", "airport", "square", "bridge", "street", "avenue", "park",
               "lake", "island", "bay", "port", "harbour", "harbor", "mountain", "valley",
               "station", "district", "village", "town"}
ARTICLES = {"the", "a", "an"}
PERSON_TITLES = {"President", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir",
                 "Prime", "Minister", "Senator", "Gen.", "General", "Pope", "King", "Queen"}


@dataclass(frozen=True)
class Candidate:
    """A span that may name an entity: offsets into the article text and a spaCy-style label."""

    begin: int
    end: int
    text: str
    label: str
    gazetteer: str | None = None  # "gazetteer:<key>" when the project's gazetteer matched
    # Characters before `begin` that belong to the mention but not to the name: the article
    # of a name that heads its noun phrase ("the Pentagon", "the A380"), as MEANTIME and ACE
    # mark mention extents. Not of a name that modifies another noun ("the Apple stores").
    lead: int = 0

    @property
    def mention_begin(self) -> int:
        """Where the mention starts: before its determiner, if it has one."""
        return self.begin - self.lead


def candidates(doc: Doc, offset: int) -> list[Candidate]:
    """The corrected entity candidates of one paragraph `doc` starting at `offset`."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in LABELS or _is_title_fragment(ent):
            continue
        span = _trim(_extend_to_place(ent))
        if not _is_name(span):
            continue
        label = _relabel(span, ent.label_)
        found.append(Candidate(offset + span.start_char, offset + span.end_char, span.text,
                               label, ent.ent_id_ or None, _lead(span)))
    return found


def _is_name(span: Span) -> bool:
    """A proper name: capitalised somewhere, not a time zone or slogan (storms: coref.py)."""
    return len(span) > 0 and span.text not in not_names() and any(c.isupper() for c in span.text)


def _is_title_fragment(ent: Span) -> bool:
    """'Defense' in 'Russian Defense Minister' is part of a title, not an organisation."""
    return ent.label_ == "ORG" and all(t.text in ministry_domains() for t in ent)


def _extend_to_place(ent: Span) -> Span:
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].lower_ in PLACE_NOUNS and \
            ent.label_ not in {"PERSON", "NORP"} and ent.text not in demonyms():
        return doc[ent.start:ent.end + 1]
    return ent


def _trim(span: Span) -> Span:
    """Drop a leading determiner or title and a trailing possessive: names, not phrases."""
    start, end = span.start, span.end
    while start < end and (span.doc[start].lower_ in ARTICLES
                           or (span.label_ == "PERSON" and span.doc[start].text in PERSON_TITLES
                               and end - start > 1)):
        start += 1
    if end > start and span.doc[end - 1].text in {"'s", "’s", "'"}:
        end -= 1
    for i in range(start, end):  # "National Hurricane Center (NHC": an unclosed bracket ends it
        if span.doc[i].text in {"(", "["} and not any(t.text in {")", "]"} for t in span.doc[i:end]):
            end = i
            break
    return span.doc[start:end]


def _lead(span: Span) -> int:
    """Characters before `span` that belong to the mention but not to the name: the article
    just before a name that heads its noun phrase ("the Pentagon", "the A380"), not of a name
    that modifies another noun ("the Apple stores"), nor one with words between ("the first
    A380"), as MEANTIME marks mentions."""
    if span.start == 0:
        return 0
    before = span.doc[span.start - 1]
    if before.lower_ in ARTICLES and before.dep_ == "det" and span.start <= before.head.i < span.end:
        return span.start_char - before.idx
    return 0


def _relabel(span: Span, label: str) -> str:
    """Correct labels the small model gets wrong on news text."""
    text = span.text
    if span.end > span.start and span.doc[span.end - 1].lower_ in PLACE_NOUNS:
        return "LOC"
    if label == "GPE" and text in demonyms() and not is_known_place(text):
        return "NORP"  # "Ukrainian" tagged GPE
    if label in {"NORP", "ORG"} and text not in demonyms() and is_known_place(text):
        return "GPE"  # "Sevastopol" tagged NORP or ORG
    if label == "PERSON" and is_country(text):
        return "GPE"  # "Bermuda" tagged PERSON; not cities, which share names with people
    return label


def relabel_candidate(candidate: Candidate, label: str) -> Candidate:
    """The same span with another label."""
    return replace(candidate, label=label)

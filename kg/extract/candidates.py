"""Named-entity candidates from spaCy, with the small model's known errors corrected.

The model's spans come out as plain `Candidate`s in article offsets; spaCy objects stay here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from kg.extract.lexicon import demonyms, ministry_domains, not_names, position_heads
from kg.extract.places import is_country, is_known_place

LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WEAPON"}
# Nouns that turn a preceding name into a place: "Uchkuevka beach", "Karl Marx Avenue".
PLACE_NOUNS = {"beach", "river", "airport", "square", "bridge", "street", "avenue", "park",
               "lake", "island", "bay", "port", "harbour", "harbor", "mountain", "valley",
               "station", "district", "village", "town"}
ARTICLES = {"the", "a", "an"}
# Honorifics that make the name after them a person's whatever the model says ("Mr Okafor" GPE).
HONORIFICS = {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "Dame"}
PERSON_TITLES = {"President", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir",
                 "Prime", "Minister", "Senator", "Gen.", "General", "Pope", "King", "Queen"}
# Words that qualify a title before a name ("Chief executive Thomas Enders").
TITLE_MODIFIERS = {"chief", "vice", "deputy", "acting", "interim", "senior", "former"}
POSSESSIVES = {"'s", "’s", "'", "’"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Words that pick one of a series out, left outside a name's mention ("the first A380").
SEQUENCE_WORDS = {"first", "last", "final", "latest", "next", "previous"}


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
    for ent in map(_honorific_person, doc.ents):
        if ent.label_ not in LABELS or _is_title_fragment(ent):
            continue
        span = _name(ent)
        if not _is_name(span):
            continue
        label = _relabel(span, ent.label_)
        found.append(Candidate(offset + span.start_char, offset + span.end_char, span.text,
                               label, ent.ent_id_ or None, _lead(span, label)))
    return found


def _honorific_person(ent: Span) -> Span:
    """A span that starts with an honorific, as a person's name."""
    if len(ent) > 1 and ent[0].text in HONORIFICS and ent.label_ != "PERSON":
        return Span(ent.doc, ent.start, ent.end, label="PERSON")
    return ent


def _name(ent: Span) -> Span:
    """The name in a model's entity span: without determiner, title or possessive."""
    return _trim(_extend_to_place(ent))


def mention_span(ent: Span) -> tuple[int, int]:
    """Character offsets in its Doc of the mention of a model's entity span (see Candidate)."""
    span = _name(ent)
    return span.start_char - _lead(span, ent.label_), span.end_char


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
    if span.label_ == "ORG":  # "Adam Air Flight 574" is a flight of the airline "Adam Air"
        end = next((i for i in range(start + 1, end) if span.doc[i].text == "Flight"), end)
    for i in range(start, end):  # "National Hurricane Center (NHC": an unclosed bracket ends it
        if span.doc[i].text in {"(", "["} and not any(t.text in {")", "]"} for t in span.doc[i:end]):
            end = i
            break
    return span.doc[start:end]


def _lead(span: Span, label: str) -> int:
    """Characters before `span` that belong to the mention but not to the name."""
    return span.start_char - span.doc[_phrase_start(span, label)].idx


def _phrase_start(span: Span, label: str) -> int:
    """Where the noun phrase a name heads starts, as MEANTIME and ACE mark mention extents:
    with its determiner and pre-modifiers ("the new iPhone 4", "aircraft maker Boeing",
    "Senator McCain"). Not for a name that modifies another noun ("the Apple stores",
    "Boeing's jets"), and not when the modifiers run into another name ("Apple CEO Steve
    Jobs": the name alone is the mention, inside a larger one)."""
    doc, root = span.doc, span.root
    if _modifies_another_noun(span):
        return span.start
    start = span.start
    while start > root.sent.start and _premodifier(doc[start - 1], span, label):
        start -= 1
    if start > root.sent.start and not _phrase_boundary(doc[start - 1]):
        return _article_start(span)  # a larger phrase around the name: keep to "the"
    return start


def _phrase_boundary(token: Token) -> bool:
    """True when a noun phrase may start right after `token` (a verb, a preposition, a comma),
    not when `token` is a word of a longer one ("Apple" in "Apple CEO Steve Jobs")."""
    if token.is_punct:
        return token.text not in POSSESSIVES and token.tag_ != "HYPH" and not _inside_word(token)
    return token.pos_ in {"VERB", "AUX", "ADP", "SCONJ", "PART", "PRON", "SPACE"}


def _inside_word(token: Token) -> bool:
    """A hyphen with no space on either side joins one word ("co-founder"), whatever its tag."""
    return token.i > 0 and not token.doc[token.i - 1].whitespace_ and not token.whitespace_


def _modifies_another_noun(span: Span) -> bool:
    root, doc = span.root, span.doc
    if span.end < len(doc) and doc[span.end].text in POSSESSIVES:
        return True
    return root.dep_ in {"compound", "poss", "nmod", "amod"} and not span.start <= root.head.i < span.end


def _attaches_within(token: Token, span: Span) -> bool:
    """True when `token` modifies a word between it and the end of `span` (or is the noun a
    name stands in apposition to: "the computer company Apple")."""
    root = span.root
    return token.i < token.head.i < span.end or (root.dep_ == "appos" and token.i == root.head.i)


def _premodifier(token: Token, span: Span, label: str) -> bool:
    """A word that opens the noun phrase a name of type `label` heads."""
    if not _attaches_within(token, span):
        return False
    if token.dep_ == "det" or token.tag_ == "PRP$":
        return True
    if label == "PERSON":  # only titles: "Senator", "Chief executive", "Mr."
        return token.text in PERSON_TITLES or token.lower_ in position_heads() \
            or token.lower_ in TITLE_MODIFIERS
    if label in PLACE_LABELS:  # "the United States", not "central London"
        return False
    if token.pos_ == "NUM" and token.ent_type_ != "ORDINAL":  # "the 3G iPhone", not a
        return token.head != span.root  # count ("18 777s")
    if token.pos_ == "PROPN" or token.ent_type_ or token.lower_ in SEQUENCE_WORDS:
        return False  # another name, a nationality, "the first A380"
    return token.pos_ in {"ADJ", "NOUN", "ADV"} or token.dep_ == "amod" or \
        token.tag_ == "HYPH" or (token.text == "," and token.nbor(-1).pos_ == "ADJ")


def _article_start(span: Span) -> int:
    """The article just before a name that heads its noun phrase ("the Pentagon")."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in ARTICLES and before.dep_ == "det" \
            and span.start <= before.head.i < span.end:
        return span.start - 1
    return span.start


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

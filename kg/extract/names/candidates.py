"""Named-entity candidates from spaCy, with the small model's known errors corrected.

The model's spans come out as plain `Candidate`s in article offsets; spaCy objects stay here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from kg.extract.lexicon import (
    demonyms,
    ministry_domains,
    not_names,
    organization_words,
    position_heads,
    product_lines,
)
from kg.extract.names.context import reads_as_product
from kg.extract.names.extents import ARTICLES, PERSON_TITLES, is_unit, lead, trail
from kg.extract.nlp import Paragraph
from kg.extract.places import is_country, is_known_place

LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WEAPON"}
# Nouns that turn a preceding name into a place: "Uchkuevka beach", "Karl Marx Avenue".
PLACE_NOUNS = {"beach", "river", "airport", "square", "bridge", "street", "avenue", "park",
               "lake", "island", "bay", "port", "harbour", "harbor", "mountain", "valley",
               "station", "district", "village", "town"}
# The last word of a building's or structure's name ("the Jolo Cathedral", tagged ORG); not
# of an institution housed in one ("X Hospital said", "X University"), and only in the name
# itself ("a Pentecostal church" names nothing).
BUILDINGS = {"Cathedral", "Church", "Mosque", "Temple", "Synagogue", "Shrine", "Basilica",
             "Chapel", "Stadium", "Arena", "Palace", "Castle", "Monastery", "Canal", "Dam"}
# Nouns whose phrase, set beside a name, says the name is a place: "Velm, a port town".
APPOSITIVE_PLACES = PLACE_NOUNS | {"city", "capital", "province", "region", "county"}
# Honorifics that make the name after them a person's whatever the model says ("Mr Okafor" GPE).
HONORIFICS = {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "Dame"}


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
    # Characters after `end` that belong to the mention: a product's kind ("A380 superjumbo").
    trail: int = 0
    # A one-word PERSON the sentence treats as a product ("Apple unveiled Lion"): what it is
    # if the article never introduces it as a person (kg.extract.names.context, persons.py).
    product_like: bool = False
    # The text says what it is ("Sines, Portugal's largest port"): its label outvotes the
    # model's labels of the same name elsewhere in the article (coref.py).
    described: bool = False

    @property
    def mention_begin(self) -> int:
        """Where the mention starts: before its determiner, if it has one."""
        return self.begin - self.lead

    @property
    def mention_end(self) -> int:
        """Where the mention ends: after the noun saying what kind of product it is, if any."""
        return self.end + self.trail


def candidates(paragraph: Paragraph) -> list[Candidate]:
    """The corrected entity candidates of one paragraph, at article offsets."""
    found = []
    for ent in map(_honorific_person, paragraph.doc.ents):
        if ent.label_ not in LABELS or _is_title_fragment(ent):
            continue
        span = _name(ent)
        if not _is_name(span, ent.label_):
            continue
        label = _relabel(span, ent.label_)
        as_place = label in {"ORG", "PERSON"} and _described_as_place(span)
        as_person = label != "PERSON" and not as_place and _described_as_person(span)
        described = as_place or as_person
        label = "GPE" if as_place else "PERSON" if as_person else label
        found.append(Candidate(*paragraph.bounds(span), span.text,
                               label, ent.ent_id_ or None, lead(span, label), trail(span, label),
                               label == "PERSON" and len(span) == 1 and reads_as_product(span),
                               described))
    return found


def _described_as_place(span: Span) -> bool:
    """A name with an appositive that says it is a place: "Sines, Portugal's largest port"."""
    return any(token.dep_ == "appos" and token.head.i in range(span.start, span.end)
               and token.lower_ in APPOSITIVE_PLACES for token in span.doc[span.end:])


def _described_as_person(span: Span) -> bool:
    """A name of two or three capitalised words with an appositive headed by a position:
    "Zalmay Khalilzad, a US peace envoy" (the small model says ORG). Not a company's name
    ("Skyvault Holdings, the market leader"): its last word says it is one; nor a place's
    ("the United States, the biggest donor")."""
    words = list(span)
    if not 2 <= len(words) <= 3 or not all(t.pos_ == "PROPN" and t.is_title for t in words) \
            or words[-1].text in organization_words("last") or is_known_place(span.text):
        return False
    return any(child.dep_ == "appos" and child.lower_ in position_heads()
               for child in span.root.children)


def _honorific_person(ent: Span) -> Span:
    """A span that starts with an honorific, as a person's name ("Mr Okafor" tagged GPE); one
    that starts with a position, as the name after it ("Spokeswoman Sandy Angers" tagged ORG)."""
    if len(ent) > 1 and ent[0].text in HONORIFICS and ent.label_ != "PERSON":
        return Span(ent.doc, ent.start, ent.end, label="PERSON")
    if len(ent) > 2 and ent[0].lower_ in position_heads() and ent.label_ != "PERSON" \
            and all(t.pos_ == "PROPN" and t.is_title for t in ent[1:]):
        return Span(ent.doc, ent.start + 1, ent.end, label="PERSON")
    return ent


def _name(ent: Span) -> Span:
    """The name in a model's entity span: without determiner, title or possessive."""
    return _trim(_extend_to_place(ent))


def mention_span(ent: Span) -> tuple[int, int]:
    """Character offsets in its Doc of the mention of a model's entity span (see Candidate)."""
    span = _name(ent)
    return span.start_char - lead(span, ent.label_), span.end_char + trail(span, ent.label_)


def _is_name(span: Span, label: str) -> bool:
    """A proper name: capitalised somewhere or a model number, not a time zone, a slogan or
    a unit (storms: coref.py)."""
    if len(span) == 0 or span.text in not_names() or is_unit(span[0]):
        return False
    # "777s", "777-200LR"; a bare number ("747") the model tagged PRODUCT may be a count
    numbered = label == "PRODUCT" and span.text[0].isdigit() and not span.text.isdigit()
    return numbered or any(c.isupper() for c in span.text)


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
    while start < end and (span.doc[start].lower_ in ARTICLES or _is_quote(span.doc[start])
                           or (span.label_ == "PERSON" and span.doc[start].text in PERSON_TITLES
                               and end - start > 1)):
        start += 1
    while end > start and _is_quote(span.doc[end - 1]):
        end -= 1
    if end > start and span.doc[end - 1].text in {"'s", "’s", "'"}:
        end -= 1
    if span.label_ == "ORG":  # "Adam Air Flight 574" is a flight of the airline "Adam Air"
        end = next((i for i in range(start + 1, end) if span.doc[i].text == "Flight"), end)
    for i in range(start, end):  # "National Hurricane Center (NHC": an unclosed bracket ends it
        closed = any(t.text in {")", "]"} for t in span.doc[i:end])
        if span.doc[i].text in {"(", "["} and not closed:
            end = i
            break
    return span.doc[start:end]


def _is_quote(token: Token) -> bool:
    """A quotation mark, which opens or closes a quote around a name, not the name."""
    return token.is_quote or token.text in {"``", "''"}


def _relabel(span: Span, label: str) -> str:
    """Correct labels the small model gets wrong on news text."""
    text = span.text
    last = span.doc[span.end - 1] if span.end > span.start else None
    if last is not None and (last.lower_ in PLACE_NOUNS or last.text in BUILDINGS):
        return "LOC"
    if label == "GPE" and text in demonyms() and not is_known_place(text):
        return "NORP"  # "Ukrainian" tagged GPE
    if label in {"NORP", "ORG"} and text not in demonyms() and is_known_place(text):
        return "GPE"  # "Sevastopol" tagged NORP or ORG
    if label == "PERSON" and is_country(text):
        return "GPE"  # "Bermuda" tagged PERSON; not cities, which share names with people
    if label in {"ORG", "PERSON", "NORP", "GPE", "LOC"} and not is_known_place(text) \
            and text in {p.line for p in product_lines()}:
        return "PRODUCT"  # "the Mac" tagged ORG, "Windows" LOC
    if label in {"PERSON", "GPE", "LOC", "NORP"} and _organization_by_words(span) \
            and not is_known_place(text):
        return "ORG"  # "Douglas Aircraft" PERSON, "retailer Best Buy" PERSON
    return label


def _organization_by_words(span: Span) -> bool:
    """A name that ends in a word of organisations' names, or that a noun for a kind of
    organisation right before it describes."""
    if len(span) > 1 and span[-1].text in organization_words("last"):
        return True
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.lower_ in organization_words("before") \
        and before.pos_ == "NOUN" and before.head.i in range(span.start, span.end)


def relabel_candidate(candidate: Candidate, label: str) -> Candidate:
    """The same span with another label."""
    return replace(candidate, label=label)

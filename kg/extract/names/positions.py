"""Positions held by people, separated from their names.

"Pentagon Chief Lloyd Austin" is the person Lloyd Austin holding the position "Pentagon Chief"
(title "Chief", organisation the Pentagon); "Patrick Ryder Pentagon press secretary" (an
attribution line with no punctuation) and "Shoigu was still the Russian Minister of Defense"
state positions after the name.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.extract.lexicon import ministry_domains, position_heads
from kg.extract.names.candidates import mention_span
from kg.extract.nlp import Paragraph
from kg.extract.places import country_of_demonym, is_country

LINKS = {"of", "to", "for", "at"}
MODIFIERS = {"press", "military", "regional", "deputy", "vice", "acting", "former", "interim",
             "official", "foreign", "defense", "defence", "chief", "senior", "top", "state",
             "federal", "national", "general", "executive", "prime", "first", "assistant"}
COPULAS = {"was", "is", "were", "are", "remains", "remained", "became", "becomes"}


@dataclass(frozen=True)
class PositionCandidate:
    """A position phrase next to a person's name, in article offsets."""

    begin: int
    end: int
    text: str
    title: str
    holder: tuple[int, int]  # offsets of the mention of the person
    country: str | None  # the demonym or country name that qualifies it ("Russian", "US")
    organization: tuple[int, int] | None  # offsets of the organisation that qualifies it


def find_positions(paragraph: Paragraph) -> list[PositionCandidate]:
    """Positions stated before or after each PERSON name of one paragraph."""
    found = []
    for ent in paragraph.doc.ents:
        if ent.label_ != "PERSON":
            continue
        for tokens in (_before(ent), _after(ent)):
            if tokens is not None:
                found.append(_candidate(paragraph, tokens, ent))
    return found


def _fits(token: Token) -> bool:
    if token.ent_type_ in {"ORG", "GPE", "NORP"} or token.lower_ in position_heads():
        return True
    if token.lower_ in MODIFIERS or token.text in ministry_domains():
        return True
    return token.is_title and token.pos_ == "PROPN" and token.ent_type_ != "PERSON"


def _before(ent: Span) -> Span | None:
    doc, start = ent.doc, ent.start
    while start > ent.sent.start and (_fits(doc[start - 1]) or _link(doc, start - 1, ent.start)):
        start -= 1
    return _with_head(doc[start:ent.start])


def _link(doc: Doc, i: int, limit: int) -> bool:
    """'of'/'to' inside a title ('Ambassador to Moscow'), not at its edges."""
    return doc[i].lower_ in LINKS and 0 < i < limit - 1 and _fits(doc[i - 1]) and _fits(doc[i + 1])


def _after(ent: Span) -> Span | None:
    doc, i = ent.doc, ent.end
    if i < len(doc) and doc[i].text == ",":
        i += 1
    elif i < len(doc) and doc[i].lower_ in COPULAS:
        i += 2 if i + 1 < len(doc) and doc[i + 1].pos_ == "ADV" else 1
    if i < len(doc) and doc[i].lower_ in {"the", "a", "an"}:
        i += 1
    end = i
    while end < len(doc) and (_fits(doc[end]) or _link(doc, end, len(doc))):
        end += 1
    if end < len(doc) and not (doc[end].is_punct or doc[end].is_sent_start):
        return None  # a title runs to a boundary: "Ryder Pentagon press secretary" ends the line
    return _with_head(doc[i:end])


def _with_head(tokens: Span) -> Span | None:
    """The run trimmed to end on a head noun (or its complement), or None if it has none."""
    heads = [t.i for t in tokens if t.lower_ in position_heads()]
    if not heads:
        return None
    end = tokens.end
    while end > heads[-1] + 1 and tokens.doc[end - 1].lower_ not in LINKS and \
            tokens.doc[end - 2].lower_ not in LINKS and tokens.doc[end - 1].ent_type_ == "":
        end -= 1
    start = tokens.start
    while start < heads[0] and tokens.doc[start].lower_ in LINKS:
        start += 1
    return tokens.doc[start:end]


def _candidate(paragraph: Paragraph, tokens: Span, person: Span) -> PositionCandidate:
    doc = paragraph.doc
    country, organization, first = None, None, tokens.start
    while first < tokens.end - 1 and doc[first].lower_ not in position_heads():
        token = doc[first]
        if country is None and _is_country(token.text):
            country = token.text
        elif token.ent_type_ == "ORG" and token.text not in ministry_domains():
            org = next(e for e in doc.ents if e.start <= first < e.end)
            organization = paragraph.bounds(org)
            first = org.end - 1
        else:
            break
        first += 1
    title = doc[first:tokens.end].text
    begin, end = mention_span(person)  # the holder's mention, as candidates.py marks it
    return PositionCandidate(*paragraph.bounds(tokens), tokens.text, title,
                             (paragraph.at(begin), paragraph.at(end)), country, organization)


def _is_country(word: str) -> bool:
    return country_of_demonym(word) is not None or is_country(word)

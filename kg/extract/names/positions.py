"""Positions held by people, separated from their names.

"Pentagon Chief Lloyd Austin" is the person Lloyd Austin holding the position "Pentagon Chief"
(title "Chief", organisation the Pentagon); "Patrick Ryder Pentagon press secretary" (an
attribution line with no punctuation) and "Shoigu was still the Russian Minister of Defense"
state positions after the name, as do an apposition ("X, a US peace envoy,") and "as" after
the person's own verb ("X, who served as Foreign Secretary").
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
# Labels the model gives names that turn out to be people's.
HOLDER_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
# What stands before a position's own words: "the", "Trump's", "previously", commas.
PHRASE_EDGES = {"det", "punct", "poss", "case", "advmod"}


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
    """Positions stated before or after each name of one paragraph that may be a person's (the
    model's label may be wrong; names/find.py keeps those whose holder is a person)."""
    found = []
    for ent in paragraph.doc.ents:
        if ent.label_ not in HOLDER_LABELS:
            continue
        after = _after(ent) or _apposed(ent)
        for tokens in (_before(ent), after, _predicated(ent)):
            if tokens is not None:
                found.append(_candidate(paragraph, tokens, ent))
    return found


def _apposed(ent: Span) -> Span | None:
    """"Zalmay Khalilzad, a US peace envoy,": an apposition headed by a position, from the
    parse, whatever words qualify it."""
    for child in ent.root.children:
        if child.dep_ == "appos" and child.lower_ in position_heads():
            return _noun_phrase(child)
    return None


def _predicated(ent: Span) -> Span | None:
    """"Hunt, who served as Foreign Secretary", "Ruiz was named as chief executive": a position
    the person's own verb gives them with "as" (not "appointed her as": that is the object's)."""
    root = ent.root
    verbs = [root.head] if root.dep_ in {"nsubj", "nsubjpass"} else []
    verbs += [c for c in root.children if c.dep_ == "relcl"
              and any(s.dep_ in {"nsubj", "nsubjpass"} and s.tag_ == "WP" for s in c.children)]
    for verb in verbs:
        if any(c.dep_ == "dobj" for c in verb.children):
            continue
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
            for obj in (o for o in prep.children if o.dep_ == "pobj"):
                if obj.lower_ in position_heads():
                    return _noun_phrase(obj)
    return None


def _noun_phrase(head: Token) -> Span:
    """The position phrase `head` heads, from its first qualifier ("a US peace envoy": "US peace
    envoy"; "Trump's personal lawyer": "personal lawyer"), with an "of/to/for" complement that
    names something or is part of the title ("Minister of Justice", "ambassador to the United
    Nations", "chief of staff"; not "lawyer for the defence")."""
    doc = head.doc
    start = min((c.left_edge.i for c in head.lefts if c.dep_ not in PHRASE_EDGES),
                default=head.i)
    end = head.i + 1
    for prep in (c for c in head.rights if c.dep_ == "prep" and c.lower_ in LINKS):
        objects = [o for o in prep.children if o.dep_ == "pobj"]
        if any(t.ent_type_ for t in prep.subtree) or (
                objects and not any(c.dep_ == "det" for c in objects[0].children)):
            end = prep.right_edge.i + 1
        break
    return doc[start:end]


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

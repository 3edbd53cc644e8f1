"""A paragraph of quoted words followed, glued on, by an attribution line "Name Organisation role":
"... in Ukraine Patrick Ryder Pentagon press secretary", "... Armed Forces of Ukraine Russian
Ministry of Defense" (the layout of a pull quote, flattened to text).

Such a paragraph has no final punctuation and ends with a person or organisation mention
followed only by position words. The word before the name must be a content word: "... accused
the Pentagon" or "talks with Dmitry Peskov" end in a name the sentence governs, not an
attribution; after a verb ("time will tell Dmitry Peskov ...") only a name with a position
counts. The headline is never a quote.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract.lexicon import position_heads
from kg.extract.names.positions import MODIFIERS
from kg.extract.nlp import Paragraph
from kg.extract.places import country_of_demonym
from kg.extract.spans import SpanIndex
from kg.model import EntityKind, Mention, Span

ORGANIZATIONS = {EntityKind.ORGANIZATION, EntityKind.GOVERNMENT_ORGANIZATION,
                 EntityKind.MILITARY_ORGANIZATION}
# Kinds a mention of which may stand in a role ("Pentagon press secretary", "US ambassador").
QUALIFIERS = ORGANIZATIONS | {EntityKind.COUNTRY, EntityKind.CITY}
LINKS = {"of", "to", "for", "at", "the", "and"}
FUNCTION_WORDS = {"ADP", "DET", "CCONJ", "SCONJ", "PART", "AUX", "PRON"}
MIN_QUOTE_TOKENS = 8  # a pull quote is a statement, not a caption
MAX_LEFT_OUT_NAMES = 2
QUOTE_MARKS = "\"“”«»‘’„"


@dataclass(frozen=True)
class AttributionLine:
    """The quoted words of a paragraph, who said them, and the attribution line."""

    quote: Span
    speaker: str  # Entity.key
    cue: Span  # "Patrick Ryder Pentagon press secretary"


def attribution_line(index: SpanIndex, paragraph: Paragraph) -> AttributionLine | None:
    """The paragraph's quote and attribution line, if it is laid out that way."""
    doc, base = paragraph.doc, paragraph.at(0)
    text = doc.text.rstrip()
    if base == 0 or not text or not text[-1].isalnum():
        return None  # the headline, or a paragraph that ends a sentence
    speaker = _speaker(index, paragraph, index.mentions_within(base, base + len(text)))
    if speaker is None:
        return None
    first = _token_at(paragraph, speaker.begin)
    if first is not None and index.entities[speaker.entity].kind is EntityKind.PERSON:
        first = _with_first_names(index, paragraph, first)
    if (first is None or first.i < MIN_QUOTE_TOKENS
            or not _ends_quote(doc[first.i - 1], speaker, base + len(text))):
        return None
    quote = doc[:first.i]
    if not any(t.pos_ in {"VERB", "AUX"} for t in quote):
        return None
    begin, end = _unquoted(text, 0, quote.end_char)
    return AttributionLine(index.span(base + begin, base + end), speaker.entity,
                           index.span(base + first.idx, base + len(text)))


def _with_first_names(index: SpanIndex, paragraph: Paragraph, first: Token) -> Token:
    """The name's first token, counting capitalised words the mention left out ("Dmitry" of
    "time will tell Dmitry Peskov ...": the model took "Dmitry" for part of the sentence)."""
    for _ in range(MAX_LEFT_OUT_NAMES):
        before = first.nbor(-1) if first.i > 0 else None
        at = paragraph.at(before.idx) if before is not None else 0
        if before is None or before.pos_ != "PROPN" or not before.is_title \
                or index.mention_at(at, at + len(before.text)) is not None:
            break
        first = before
    return first


def _speaker(index: SpanIndex, paragraph: Paragraph, mentions: list[Mention]) -> Mention | None:
    """The person (or else the last organisation) that starts the paragraph's tail of
    position words."""
    end, found = paragraph.at(len(paragraph.doc.text.rstrip())), None
    for mention in reversed(mentions):
        if not _only_position_words(index, paragraph, mention.end, end):
            break
        kind = index.entities[mention.entity].kind
        if kind is EntityKind.PERSON:
            return mention
        if kind in ORGANIZATIONS and found is None:
            found = mention
        elif kind not in QUALIFIERS:
            break
    return found


def _only_position_words(index: SpanIndex, paragraph: Paragraph, begin: int, end: int) -> bool:
    tokens = [t for t in paragraph.doc if begin <= paragraph.at(t.idx) < end]
    for number, token in enumerate(tokens):
        at = paragraph.at(token.idx)
        mention = index.mention_at(at, at + len(token.text))
        if mention and index.entities[mention.entity].kind in QUALIFIERS:
            continue
        last = number == len(tokens) - 1
        if not (_position_word(token) or (token.lower_ in LINKS and not last)):
            return False
    return True


def _position_word(token: Token) -> bool:
    lower = token.lower_
    return (lower in position_heads() or lower in MODIFIERS
            or country_of_demonym(token.text) is not None)


def _ends_quote(before: Token, speaker: Mention, end: int) -> bool:
    """Whether the word before the name can end a quote rather than govern the name."""
    if before.pos_ in FUNCTION_WORDS:
        return False
    if before.pos_ == "NOUN" and before.i > 0 and before.nbor(-1).pos_ == "DET":
        return False  # "the movie UglyDolls": the name of what the noun names
    has_role = speaker.end < end
    return has_role or before.pos_ != "VERB"


def _token_at(paragraph: Paragraph, offset: int) -> Token | None:
    return next((t for t in paragraph.doc if paragraph.at(t.idx) == offset), None)


def _unquoted(text: str, begin: int, end: int) -> tuple[int, int]:
    """[begin, end) without surrounding white space and quotation marks."""
    while begin < end and (text[begin].isspace() or text[begin] in QUOTE_MARKS):
        begin += 1
    while end > begin and (text[end - 1].isspace() or text[end - 1] in QUOTE_MARKS):
        end -= 1
    return begin, end

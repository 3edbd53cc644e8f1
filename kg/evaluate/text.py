"""The raw article text a user would have, rebuilt from gold tokens, with each token's offsets.

A small detokeniser joins tokens with a space except where English typography has none:
before closing punctuation and clitics ("," "." ")" "'s" "n't"), after opening brackets and
currency signs ("(" "$" "US$"), and inside quotation marks. The layout is the seed text format:
sentence 0 is the headline; sentence 1, the date line, is the first body paragraph (so its gold
TIMEX3 can be scored); the remaining sentences form the second paragraph, joined by spaces (the
gold gives no paragraph breaks, and joining does not hand kg the gold sentence boundaries).
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.evaluate.meantime import GoldDocument, Token
from kg.model import PARAGRAPH_BREAK

NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "...",
                             "'s", "'S", "’s", "n't", "'re", "'ve", "'ll", "'d", "'m"})
NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "US$", "£", "€", "#"})
OPENING_QUOTES = frozenset({"``", "“", "`", "‘"})
CLOSING_QUOTES = frozenset({"''", "”", "’"})
STRAIGHT_QUOTES = frozenset({'"'})  # open or close, by position
HEADLINE, DATE_LINE = 0, 1


@dataclass(frozen=True)
class GoldText:
    """An article's text as kg reads it, and where each gold token and sentence lies in it."""

    headline: str
    body: str
    offsets: dict[int, tuple[int, int]]  # t_id -> (begin, end) in `text`
    sentences: dict[int, tuple[int, int]]  # sentence number -> (begin, end) in `text`

    @property
    def text(self) -> str:
        """The string every offset indexes into: kg.model.Article.text of this article."""
        return self.headline + PARAGRAPH_BREAK + self.body

    def span(self, tokens: tuple[int, ...]) -> tuple[int, int]:
        """The character span from the first to the last of `tokens`."""
        return self.offsets[tokens[0]][0], self.offsets[tokens[-1]][1]

    def source(self, date: str) -> str:
        """The article in the seed text format, dated `date` (YYYY-MM-DD)."""
        return f"date {date} {self.headline}\n\n{self.body}\n"


def rebuild(document: GoldDocument) -> GoldText:
    """The headline, the date line paragraph and the body paragraph, with token offsets."""
    groups = [[t for t in document.tokens if t.sentence == HEADLINE],
              [t for t in document.tokens if t.sentence == DATE_LINE],
              [t for t in document.tokens if t.sentence > DATE_LINE]]
    offsets: dict[int, tuple[int, int]] = {}
    parts: list[str] = []
    start = 0
    for group in (g for g in groups if g):
        text, local = detokenise(group)
        offsets.update({t_id: (start + b, start + e) for t_id, (b, e) in local.items()})
        parts.append(text)
        start += len(text) + len(PARAGRAPH_BREAK)
    headline, body = parts[0], PARAGRAPH_BREAK.join(parts[1:])
    return GoldText(headline, body, offsets, _sentence_spans(document.tokens, offsets))


def detokenise(tokens: list[Token]) -> tuple[str, dict[int, tuple[int, int]]]:
    """The tokens joined as running text, and each token's (begin, end) in it."""
    pieces: list[str] = []
    offsets: dict[int, tuple[int, int]] = {}
    length, glue_next, quote_open = 0, True, False
    for token in tokens:
        text = " ".join(token.text.split()) or "_"  # a token never holds white space or nothing
        closing = text in CLOSING_QUOTES or (text in STRAIGHT_QUOTES and quote_open)
        opening = text in OPENING_QUOTES or (text in STRAIGHT_QUOTES and not quote_open)
        if not glue_next and not (closing or _attaches_left(text, pieces)):
            pieces.append(" ")
            length += 1
        offsets[token.t_id] = (length, length + len(text))
        pieces.append(text)
        length += len(text)
        quote_open = (quote_open or opening) and not closing
        glue_next = opening or text in NO_SPACE_AFTER or text.endswith("$") or _elided(text)
    return "".join(pieces), offsets


def _elided(text: str) -> bool:
    """The first part of a name split at its apostrophe: "O'" of "O'Leary", "D'" of "D'Arcy"."""
    return len(text) == 2 and text[0].isupper() and text[1] in "'’"


def _attaches_left(text: str, pieces: list[str]) -> bool:
    """Closing punctuation and clitics; a lone apostrophe after an s is a possessive."""
    if text in NO_SPACE_BEFORE:
        return True
    return text == "'" and bool(pieces) and pieces[-1].endswith(("s", "S"))


def _sentence_spans(tokens: tuple[Token, ...],
                    offsets: dict[int, tuple[int, int]]) -> dict[int, tuple[int, int]]:
    spans: dict[int, tuple[int, int]] = {}
    for token in tokens:
        begin, end = offsets[token.t_id]
        first, _ = spans.get(token.sentence, (begin, end))
        spans[token.sentence] = (min(first, begin), end)
    return spans

"""Words in quotation marks: straight "...", curly “...” and ‘...’, guillemets «...».

Quotes are paired within a paragraph, across its sentences. A mark that never closes keeps the
quote to the end of the paragraph (news puts a quote that runs on over several paragraphs with an
opening mark on each, and a closing one only on the last). Inside a quote, marks of another kind
are nested quotes and belong to it. A straight single quote is left alone: it is an apostrophe
far more often than a quotation mark, and so is a curly ’ that is not at a word's edge.
"""

from __future__ import annotations

from dataclasses import dataclass

OPENING = {"“": "”", "«": "»", "‘": "’", "„": "“"}
STRAIGHT = '"'
SPACE_OR_BRACKET = set(" \t\n([{—–-/")


@dataclass(frozen=True)
class Marked:
    """The inside of one pair of quotation marks, in offsets of the paragraph's text."""

    begin: int
    end: int
    closed: bool  # False when the paragraph ends before the closing mark


def marked_quotes(text: str) -> list[Marked]:
    """The outermost quoted stretches of one paragraph's text, in text order."""
    found, position = [], 0
    while (start := _next_opening(text, position)) is not None:
        close = _closing(text, start)
        if close is None:
            found.append(Marked(start + 1, len(text), closed=False))
            break
        found.append(Marked(start + 1, close, closed=True))
        position = close + 1
    return found


def _next_opening(text: str, position: int) -> int | None:
    for index in range(position, len(text)):
        char = text[index]
        if char == STRAIGHT or (char in OPENING and _opens(text, index)):
            return index
    return None


def _opens(text: str, index: int) -> bool:
    """A ‘ opens a quote only at the start of a word; the other opening marks always do."""
    if text[index] != "‘":
        return True
    before_ok = index == 0 or text[index - 1] in SPACE_OR_BRACKET or text[index - 1] in OPENING
    return before_ok and index + 1 < len(text) and not text[index + 1].isspace()


def _closing(text: str, start: int) -> int | None:
    """Where the quote opened at `start` closes, or None if the paragraph ends first."""
    opening = text[start]
    closer = STRAIGHT if opening == STRAIGHT else OPENING[opening]
    for index in range(start + 1, len(text)):
        if text[index] == closer and (closer != "’" or _ends_word(text, index)):
            return index
    return None


def _ends_word(text: str, index: int) -> bool:
    """A ’ closes a quote only where no letter follows ("don’t" and "Ukraine’s" go on)."""
    return index + 1 == len(text) or not text[index + 1].isalpha()

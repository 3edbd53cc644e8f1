"""Who speaks where, and in which tense: what decides the anchor of a relative expression.

Inside reported speech "today" is the day of the statement, not of the article. A span is in
reported speech when it is in quotation marks, in a paragraph that is a quotation, or in the
part of a sentence that a reporting verb ("said", "according to") introduces.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from enum import Enum

from kg.extract.timex.calendar import Tense

_REPORTING = re.compile(
    r"\b(?:said|says|say|saying|told|tells|stated|states|announced|announces|noted|notes|added"
    r"|adds|clarified|clarifies|explained|explains|emphasi[sz]ed|emphasi[sz]es|stressed|stresses"
    r"|insisted|claimed|claims|confirmed|confirms|reported|declared|warned|warns|argued|argues"
    r"|wrote|writes|tweeted|promised|promises|pointed\s+out|points\s+out|according\s+to"
    r"|asserted|acknowledged|admitted|denied|denies|replied|responded|commented|remarked"
    r"|recalled|revealed|disclosed|accused|accuses|alleged|vowed|urged|believes|believed)\b",
    re.IGNORECASE)
# What may stand between a reporting verb and the date of the report: "said this on", "told
# reporters late on", "said in a statement on".
_TO_DATE = re.compile(r"(?:[\s,]+(?:this|it|so|on|at|in|late|early|a|an|the|statement|interview"
                      r"|briefing|press|conference|news|reporters|journalists|him|her|them|us"
                      r"|during|also|earlier|later))*[\s,]*", re.IGNORECASE)
# What may open a sentence before a date that dates the whole sentence: "On", "Earlier on".
_LEAD = re.compile(r"[\s\"“]*(?:(?:on|in|at|by|since|until|earlier|later|late|early|also|and|but"
                   r"|then|as\s+of|from)\s+)*", re.IGNORECASE)
# Tense markers, coarse on purpose: they only choose between the last and the next Monday.
_FUTURE = re.compile(r"\b(?:will|won't|shall|going\s+to|plans?\s+to|intends?\s+to|set\s+to"
                     r"|expected\s+to|scheduled|slated|upcoming|to\s+be\s+held|to\s+take\s+place"
                     r"|due\s+(?:in|on|by|until|to\s+(?:be|open|start|begin|arrive|launch)))\b"
                     r"|'ll\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:was|were|had|did|said|told|met|spoke|took|made|held|came|went|left"
                   r"|began|saw|gave|fell|became|sent|struck|hit|shot|fought|knew|brought|led"
                   r"|ran|won|lost|found|wrote|broke|flew|rose|sold|spent|threw|since|ago)\b"
                   r"|\b(?:has|have)\s+(?:been|[a-z]+ed)\b"
                   r"|\b[a-z]{2,}(?<!e)(?<!hundr)ed\b")  # "-ed", but not "need" or "hundred"
_CLAUSE = re.compile(r"[,;:]|\bthat\b|\bwho\b|\bwhich\b")
_QUOTE_OPEN, _QUOTE_CLOSE = "\"“«", "\"”»"
_QUOTE_MARK = re.compile("[\"“”«»]")
_TERMINAL = ".!?…\"”»)]'’"


class Voice(str, Enum):
    """Whose time a span is told in."""

    NARRATOR = "narrator"  # the article's: anchored on the publication date
    REPORTING = "reporting"  # dates a reporting act ("said on Tuesday"): the statement date
    REPORTED = "reported"  # inside what was said: anchored on the statement date


class Layout:
    """Paragraphs, sentences and quotations of one article text."""

    def __init__(self, text: str, sentences: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.sentences = sorted(sentences)
        self._starts = [begin for begin, _ in self.sentences]
        self.paragraphs = _paragraphs(text)
        self.quoted = [q for begin, end in self.paragraphs for q in _quoted(text, begin, end)]
        self.quoted += [p for i, p in enumerate(self.paragraphs) if i and self._quotation(p)]

    def sentence_of(self, begin: int) -> tuple[int, int]:
        """The sentence a span starts in; its paragraph if no sentence holds it."""
        index = bisect.bisect_right(self._starts, begin) - 1
        if index >= 0 and begin < self.sentences[index][1]:
            return self.sentences[index]
        return next((p for p in self.paragraphs if p[0] <= begin < p[1]), (begin, begin + 1))

    def voice(self, begin: int, end: int, sentence: tuple[int, int]) -> Voice:
        """Whether the span [begin, end) is the narrator's, dates a report, or is reported."""
        if any(q_begin <= begin and end <= q_end for q_begin, q_end in self.quoted):
            return Voice.REPORTED
        start, text = sentence[0], self.text[sentence[0]:sentence[1]]
        b, e = begin - start, end - start
        cues = list(_REPORTING.finditer(text))
        if any(_dates_report(text, cue, b, e) for cue in cues):
            return Voice.REPORTING
        if any(cue.start() < b or (_inverted(text, cue) and e <= cue.start()) for cue in cues):
            return Voice.REPORTED
        return Voice.NARRATOR

    def tense(self, begin: int, sentence: tuple[int, int]) -> Tense:
        """The tense of the clause around `begin`, else of its sentence."""
        text, start = self.text[sentence[0]:sentence[1]], sentence[0]
        cuts = [0, *(m.start() for m in _CLAUSE.finditer(text)), len(text)]
        index = bisect.bisect_right(cuts, begin - start) - 1
        clause = text[cuts[index]:cuts[min(index + 1, len(cuts) - 1)]]
        return _tense(clause) or _tense(text) or Tense.PRESENT

    def _quotation(self, paragraph: tuple[int, int]) -> bool:
        """A paragraph that is a block quotation: in this corpus, one that ends without
        punctuation, on the speaker's name and title, and is longer than a subheading."""
        body = self.text[paragraph[0]:paragraph[1]].rstrip()
        inside = [s for s in self.sentences if paragraph[0] <= s[0] < paragraph[1]]
        return bool(body) and body[-1] not in _TERMINAL and (len(inside) > 1 or len(body) >= 150)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(begin, end) of the paragraphs: the article text joins them with a blank line."""
    spans, start = [], 0
    for part in text.split("\n\n"):
        if part.strip():
            spans.append((start, start + len(part)))
        start += len(part) + 2
    return spans


def _quoted(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """Stretches in quotation marks; one left open runs to the end of the paragraph."""
    regions: list[tuple[int, int]] = []
    opened: int | None = None
    for mark in _QUOTE_MARK.finditer(text, begin, end):
        if opened is None and mark.group() in _QUOTE_OPEN:
            opened = mark.start()
        elif opened is not None and mark.group() in _QUOTE_CLOSE:
            regions.append((opened, mark.end()))
            opened = None
    return regions + ([(opened, end)] if opened is not None else [])


def _dates_report(text: str, cue: re.Match[str], b: int, e: int) -> bool:
    """Whether the span at [b, e) of a sentence dates the reporting act `cue`."""
    if b >= cue.end():
        return _TO_DATE.fullmatch(text, cue.end(), b) is not None
    if e > cue.start():
        return False
    at_start = _LEAD.fullmatch(text, 0, b) is not None and text.count(",", e, cue.start()) <= 1
    right_before = re.fullmatch(r"[\s,]*", text[e:cue.start()]) is not None
    return at_start or right_before


def _inverted(text: str, cue: re.Match[str]) -> bool:
    """"..., he said." or "..., according to officials.": what comes before is reported."""
    before = re.search(r",\s*(?:\S+\s+){0,6}$", text[:cue.start()])
    return before is not None and not re.match(r"\s+(?:\S+\s+){0,3}?that\b", text[cue.end():])


def _tense(text: str) -> Tense | None:
    if _FUTURE.search(text):
        return Tense.FUTURE
    return Tense.PAST if _PAST.search(text) else None

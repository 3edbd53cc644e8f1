"""Quotations: words the article attributes to a speaker, in three layouts.

1. A paragraph of quoted words glued to an attribution line ("... Patrick Ryder Pentagon press
   secretary"): lines.py.
2. Words in quotation marks (marks.py). The speaker comes from the reporting cue
   that frames them in the same sentence ("X said, "..."", ""...," X said", "According to X,
   ... "...""), else from a cue ending in a colon just before ("He added:"), else from the quote
   before it in the paragraph or, for a paragraph that carries on a quote left open, in the
   paragraph before. Words in marks with no frame are a quotation only if they read like speech
   (a clause, or a long stretch, not a title in capitals): "insane" or "Breaking Into Comics"
   are not.
3. Reported speech: the complement of a speech verb ("Ryder noted that ...", "According to him,
   ..."): attribution.py.
Quotations never overlap: an attribution-line quote wins over a quote in marks inside it, and a
quote in marks wins over reported speech that overlaps it (its speaker comes from the same cue).
The date is the reporting clause's, else that of the speaker's last dated statement before it
("Patrick Ryder said this on Tuesday, June 25" dates Ryder's later quote), else unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span as SpacySpan

from kg.extract.nlp import Paragraph
from kg.extract.spans import SpanIndex
from kg.extract.statements.attribution import Cue, find_cue, trimmed
from kg.extract.statements.lines import AttributionLine, attribution_line
from kg.extract.statements.marks import marked_quotes
from kg.extract.statements.speakers import Speakers
from kg.model import Quotation, Span

MIN_CLAUSE_TOKENS = 3  # a quoted clause ("it was chaos") reads as speech
MIN_PHRASE_TOKENS = 6  # a quoted phrase without a verb needs to be longer


@dataclass(frozen=True)
class Quoted:
    """Words in quotation marks and where they sit."""

    paragraph: Paragraph
    span: Span
    closed: bool


@dataclass(frozen=True)
class Attributed:
    """The article's quotations, and every reporting cue (for claims and dates)."""

    quotations: tuple[Quotation, ...]
    cues: tuple[Cue, ...]


def find_quotations(index: SpanIndex) -> list[Quotation]:
    """The quotations of the article, in text order."""
    return list(attributed(index).quotations)


# find_quotations and find_claims both need the analysis: keep the last one rather than parse
# the attribution twice. Holding the index keeps its id from being reused.
_last: tuple[SpanIndex, Attributed] | None = None


def attributed(index: SpanIndex) -> Attributed:
    """Quotations and cues of the article (computed once per index)."""
    global _last
    if _last is None or _last[0] is not index:
        _last = (index, _attribute(index))
    return _last[1]


def _attribute(index: SpanIndex) -> Attributed:
    speakers = Speakers(index)
    lines = [line for p in index.paragraphs if (line := attribution_line(index, p)) is not None]
    quoted = _quoted(index, lines)
    ranges = ([(q.span.begin, q.span.end) for q in quoted]
              + [(ln.quote.begin, ln.quote.end) for ln in lines])
    outside = _cues(index, speakers, ranges)
    direct = _direct(index, quoted, outside)
    speaking = [_line_quotation(line) for line in lines] + direct
    inside = _inside_cues(index, speakers, speaking)
    reported = [_reported(cue) for cue in outside if cue.verb.speech and cue.content is not None]
    quotations = sorted(_dated(_without_overlaps(speaking + reported), outside),
                        key=lambda q: q.span.begin)
    return Attributed(tuple(quotations), tuple(sorted(outside + inside, key=lambda c: c.cue.begin)))


def _quoted(index: SpanIndex, lines: list[AttributionLine]) -> list[Quoted]:
    found = []
    for paragraph in index.paragraphs[1:]:  # a headline's marks quote a phrase, not speech
        for marked in marked_quotes(paragraph.doc.text):
            span = index.span(paragraph.at(marked.begin), paragraph.at(marked.end))
            if span.text.strip() and not any(_overlaps(span, ln.quote) for ln in lines):
                found.append(Quoted(paragraph, span, marked.closed))
    return found


def _cues(index: SpanIndex, speakers: Speakers, quoted: list[tuple[int, int]]) -> list[Cue]:
    """Cues outside every quotation."""
    found = []
    for paragraph in index.paragraphs:
        for token in paragraph.doc:
            at = paragraph.at(token.idx)
            if not any(b <= at < e for b, e in quoted):
                cue = find_cue(index, speakers, paragraph, token)
                if cue is not None:
                    found.append(cue)
    return found


def _inside_cues(index: SpanIndex, speakers: Speakers, quotations: list[Quotation]) -> list[Cue]:
    """Cues inside a quotation whose subject is "I" or "we": the quoted speaker's own claims."""
    found = []
    for quotation in quotations:
        paragraph = _paragraph_of(index, quotation.span.begin)
        for token in paragraph.doc:
            at = paragraph.at(token.idx)
            if quotation.span.begin <= at < quotation.span.end:
                cue = find_cue(index, speakers, paragraph, token, quotation.speaker)
                if cue is not None and cue.first_person:
                    found.append(_clipped(index, cue, quotation.span))
    return found


def _clipped(index: SpanIndex, cue: Cue, within: Span) -> Cue:
    """The cue with its content cut to the quotation (the parse may run past its end)."""
    if cue.content is None or cue.content.end <= within.end:
        return cue
    return replace(cue, content=trimmed(index, index.span(cue.content.begin, within.end)))


def _direct(index: SpanIndex, quoted: list[Quoted], cues: list[Cue]) -> list[Quotation]:
    found: list[Quotation] = []
    previous: tuple[Quoted, Quotation | None] | None = None
    for item in quoted:
        frame = _frame(item, cues)
        quotation = Quotation(f"quote:{item.span.begin}", item.span, True,
                              frame.speaker if frame else None, frame.date if frame else None,
                              frame.cue if frame else None)
        if frame is None and previous is not None and previous[1] is not None \
                and _carries_on(index, previous[0], item):
            quotation = replace(quotation, speaker=previous[1].speaker, date=previous[1].date)
        keep = _reads_as_speech(item) or (frame is not None and _reports(frame, item))
        found.extend([quotation] if keep else [])
        previous = (item, quotation if keep else None)
    return found


def _frame(item: Quoted, cues: list[Cue]) -> Cue | None:
    """The cue of the quote's sentences nearest to it, else of a sentence ending in a colon
    right before it."""
    around = [c for c in cues if _overlaps(c.sentence, item.span)]
    if around:
        return min(around, key=lambda c: _distance(c.cue, item.span))
    before = [c for c in cues if c.sentence.end <= item.span.begin
              and c.sentence.text.endswith(":") and item.span.begin - c.sentence.end <= 4]
    return before[-1] if before else None


def _reports(frame: Cue, item: Quoted) -> bool:
    """Whether what the cue reports is the quote itself (a short answer: "He said "No.""), not a
    phrase quoted inside a longer report ("announced it would leave the "immediate area"")."""
    content = frame.content
    return content is not None and item.span.begin <= content.begin and content.end <= item.span.end


def _carries_on(index: SpanIndex, previous: Quoted, item: Quoted) -> bool:
    """Same paragraph, or a new paragraph that opens with the quote after one left open."""
    if previous.paragraph is item.paragraph:
        return True
    opens_paragraph = item.paragraph.local(item.span.begin) <= 1
    return not previous.closed and opens_paragraph


def _reads_as_speech(item: Quoted) -> bool:
    tokens = _tokens(item)
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    if len(words) < MIN_CLAUSE_TOKENS:
        return False
    if all(t.text[:1].isupper() for t in words if t.is_alpha and len(t) > 3):
        return False  # a title: "Breaking Into Comics"
    return len(words) >= MIN_PHRASE_TOKENS or any(t.pos_ in {"VERB", "AUX"} for t in words)


def _tokens(item: Quoted) -> SpacySpan:
    begin = item.paragraph.local(item.span.begin)
    span = item.paragraph.doc.char_span(begin, begin + len(item.span.text), alignment_mode="expand")
    return span if span is not None else item.paragraph.doc[0:0]


def _line_quotation(line: AttributionLine) -> Quotation:
    return Quotation(f"quote:{line.quote.begin}", line.quote, True, line.speaker, None, line.cue)


def _reported(cue: Cue) -> Quotation:
    assert cue.content is not None
    return Quotation(f"quote:{cue.content.begin}", cue.content, False, cue.speaker, cue.date,
                     cue.cue)


def _without_overlaps(quotations: list[Quotation]) -> list[Quotation]:
    """The quotations in order of preference, each dropped if it overlaps one kept before."""
    kept: list[Quotation] = []
    for quotation in quotations:
        if not any(_overlaps(quotation.span, other.span) for other in kept):
            kept.append(quotation)
    return kept


def _dated(quotations: list[Quotation], cues: list[Cue]) -> list[Quotation]:
    return [q if q.date or q.speaker is None
            else replace(q, date=statement_date(cues, q.speaker, q.span.begin)) for q in quotations]


def statement_date(cues: list[Cue], speaker: str, before: int) -> str | None:
    """The date of the speaker's last dated statement that starts before `before`."""
    dates = [c.date for c in cues if c.speaker == speaker and c.date and c.cue.begin < before]
    return dates[-1] if dates else None


def _paragraph_of(index: SpanIndex, offset: int) -> Paragraph:
    return next(p for p in reversed(index.paragraphs) if p.at(0) <= offset)


def _overlaps(a: Span, b: Span) -> bool:
    return a.begin < b.end and b.begin < a.end


def _distance(a: Span, b: Span) -> int:
    return max(b.begin - a.end, a.begin - b.end, 0)

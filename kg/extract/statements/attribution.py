"""Reporting cues: "X said (that) ...", "X noted / clarified / announced ...", "X accused Y of Z",
"According to X, ...", found in the dependency parse, with who (the subject, resolved by
speakers.py), what (the complement), and when (a time expression of the reporting clause).

A cue needs an explicit subject: "it was reported that" names no one and is left alone. A negated
cue ("did not say that") reports nothing. Verbs whose content is not a complement clause name it
in their frame (reporting_verbs.tsv): "accused the United States of shelling Sevastopol" and
"denied involvement" keep the verb in their content, which without it would state the opposite
or nothing at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from kg.extract.nlp import Paragraph
from kg.extract.spans import SpanIndex
from kg.extract.statements.speakers import FIRST_PERSON, Speakers
from kg.extract.statements.words import ReportingVerb, glued_forms, reporting_verbs
from kg.model import Span, TimexType

ACCORDING = ReportingVerb("according to", speech=True, claim=True, frame="clause")
QUESTION_MARKS = {"if", "whether"}
SUBJECTS = {"nsubj", "nsubjpass"}
CLIMB = {"conj", "advcl", "xcomp"}  # "... and said", "..., saying": the subject is the head's
TRIM = set(" \t\n,;:.\"“”«»‘’„—–-")
DATE_VALUE = re.compile(r"\d{4}")
OPENERS = set("([{")
CLOSING = {"”": "“", "»": "«", "’": "‘"}


@dataclass(frozen=True)
class Cue:
    """A reporting expression: who reports what, when, with which words."""

    verb: ReportingVerb
    cue: Span  # the reporting words: "said", "According to him"
    content: Span | None  # what is said or claimed; None for "said this on Tuesday"
    sentence: Span
    speaker: str | None  # Entity.key; None when the subject names no entity
    date: str | None  # TIMEX3 value of the reporting clause's time expression
    first_person: bool  # the subject is "I" or "we": inside a quote, the quoted speaker


def find_cue(index: SpanIndex, speakers: Speakers, paragraph: Paragraph, token: Token,
             quoted_by: str | None = None) -> Cue | None:
    """The cue `token` starts or heads, if any (`quoted_by`: the speaker quoting it)."""
    if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
        return _according(index, speakers, paragraph, token)
    verb = _reporting_verb(token)
    if verb is None or any(c.dep_ == "neg" for c in token.children):
        return None
    glued = token.lower_ in glued_forms()
    subjects = _glued_subjects(token) if glued else _subjects(token)
    if not subjects:
        return None
    content, leading_date = _leading_time(index, paragraph,
                                          _glued_content(token) if glued else _content(token, verb))
    content = _without_mark(content)
    date = _clause_date(index, paragraph, token, content, subjects) or leading_date
    contents = trimmed(index, index.token_span(paragraph, content)) if content is not None else None
    return Cue(verb, index.token_span(paragraph, _cue_words(token)), contents,
               _sentence(index, paragraph, token.sent),
               _speaker(speakers, paragraph, subjects, quoted_by),
               date, any(s.lower_ in FIRST_PERSON for s in subjects))


def _speaker(speakers: Speakers, paragraph: Paragraph, subjects: list[Token],
             quoted_by: str | None) -> str | None:
    resolved = (speakers.resolve(paragraph, subject, quoted_by) for subject in subjects)
    return next((key for key in resolved if key is not None), None)


def _reporting_verb(token: Token) -> ReportingVerb | None:
    if token.lower_ in glued_forms():
        return glued_forms()[token.lower_]
    if token.pos_ != "VERB":
        return None
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    if particle and f"{token.lemma_} {particle}" in reporting_verbs():
        return reporting_verbs()[f"{token.lemma_} {particle}"]
    return reporting_verbs().get(token.lemma_)


def _subjects(verb: Token) -> list[Token]:
    """The active subjects of the verb, or of the verb it hangs off ("..., saying that"); the
    parse sometimes gives two ("Early opponent MP Tanya Davies said")."""
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"}]
        if subjects:
            return [c for c in subjects if c.dep_ == "nsubj"] if subjects[0].dep_ == "nsubj" else []
        if verb.dep_ in CLIMB:
            verb = verb.head
        elif verb.dep_ == "acl" and verb.head.dep_ in {"dobj", "pobj"}:
            verb = verb.head.head  # "issued a statement saying that ..."
        else:
            return []
    return []


def _content(verb: Token, frame: ReportingVerb) -> SpacySpan | None:
    """What the verb reports, by its frame."""
    doc = verb.doc
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and not _cut_off(c, verb)), None)
    if frame.frame == "clause":
        return _clause(verb, clause) if clause is not None else None
    if frame.frame == "object":
        end = clause or next((c for c in verb.children if c.dep_ == "dobj"), None)
        return doc[verb.i:end.right_edge.i + 1] if end is not None and end.i > verb.i else None
    if not any(c.dep_ == "dobj" for c in verb.children):
        return None  # "accused in ...": the parse lost the accused; keep nothing
    link = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == frame.frame), None)
    return doc[verb.i:link.right_edge.i + 1] if link is not None else None


def _cut_off(clause: Token, verb: Token) -> bool:
    """"X have been critical; Y suggested ...": a clause before the verb across a semicolon is a
    sentence of its own that the parse hung on the verb, not what the verb reports."""
    return clause.i < verb.i and any(t.text == ";" for t in clause.doc[clause.right_edge.i:verb.i])


def _clause(verb: Token, clause: Token) -> SpacySpan:
    """The complement clause; when the parse took its subject for the verb's object ("announced
    the black box has been recovered"), with that object."""
    doc, start = verb.doc, clause.left_edge.i
    if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children):
        objects = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < clause.i]
        start = min([start, *(c.left_edge.i for c in objects)])
    return doc[start:clause.right_edge.i + 1]


def _leading_time(index: SpanIndex, paragraph: Paragraph,
                  content: SpacySpan | None) -> tuple[SpacySpan | None, str | None]:
    """"Said yesterday morning the gun laws should change": the parse puts the time in what is
    said, but it dates the saying. A time that is the clause's subject stays ("said Monday was
    the worst day")."""
    if content is None:
        return None, None
    first = 1 if content[0].pos_ == "ADP" and len(content) > 1 else 0  # "said on Monday ..."
    start = paragraph.at(content[first].idx)
    time = next((t for t in index.times_within(start, paragraph.bounds(content)[1])
                 if t.begin == start and _is_date(t.type, t.value)), None)
    words = content.doc.char_span(paragraph.local(time.begin), paragraph.local(time.end),
                                  alignment_mode="expand") if time is not None else None
    if time is None or words is None or words.root.dep_ in SUBJECTS or words.end >= content.end:
        return content, None
    return content.doc[words.end:content.end], time.value


def _without_mark(content: SpacySpan | None) -> SpacySpan | None:
    """The clause without its "that"; nothing for an indirect question ("asked whether ..."),
    which neither says nor claims anything."""
    if content is None or len(content) < 2 or content[0].dep_ != "mark":
        return content
    if content[0].lower_ in QUESTION_MARKS:
        return None
    return content[1:] if content[0].lower_ == "that" else content


def _glued_subjects(token: Token) -> list[Token]:
    """The subject of a verb run into "that" ("a representative ... confirmedthat"): the head of
    the noun phrase just before it."""
    if token.i == 0:
        return []
    head = token.doc[token.i - 1]
    while head.head.i < token.i and head.head.i != head.i:
        head = head.head
    return [head] if head.pos_ in {"NOUN", "PROPN", "PRON"} else []


def _glued_content(token: Token) -> SpacySpan | None:
    clause = token.head
    if clause.i == token.i or clause.right_edge.i <= token.i:
        return None
    return token.doc[token.i + 1:clause.right_edge.i + 1]


def _according(index: SpanIndex, speakers: Speakers, paragraph: Paragraph,
               token: Token) -> Cue | None:
    """"According to X, ...": the content is the rest of the sentence."""
    source = next((c for c in token.nbor().children if c.dep_ == "pobj"), None)
    speaker = speakers.resolve(paragraph, source) if source is not None else None
    if source is None or speaker is None:
        return None  # "according to official data": no one to attribute it to
    sentence, cue = token.sent, token.doc[token.i:source.right_edge.i + 1]
    if cue.start == sentence.start:
        content = token.doc[cue.end:sentence.end]
    else:  # "..., according to X" or "..., according to X, but ...": what comes before
        content = token.doc[sentence.start:cue.start]
    cue_span = index.token_span(paragraph, cue)
    dates = [t.value for t in index.times_within(cue_span.begin, cue_span.end)
             if _is_date(t.type, t.value)]
    return Cue(ACCORDING, cue_span, trimmed(index, index.token_span(paragraph, content)),
               _sentence(index, paragraph, sentence), speaker, dates[0] if dates else None, False)


def _cue_words(token: Token) -> SpacySpan:
    particle = next((c for c in token.children if c.dep_ == "prt" and c.i == token.i + 1), None)
    return token.doc[token.i:(particle or token).i + 1]


def _clause_date(index: SpanIndex, paragraph: Paragraph, verb: Token,
                 content: SpacySpan | None, subjects: list[Token]) -> str | None:
    """The date of a time expression of the reporting clause: in the verb's phrase, outside
    what it reports and outside its subject ("Smith, elected in 2019, said")."""
    clause = paragraph.phrase_bounds(verb)
    excluded = [paragraph.phrase_bounds(s) for s in subjects]
    if content is not None:
        excluded.append(paragraph.bounds(content))
    for time in index.times_within(*clause):
        if _is_date(time.type, time.value) and not any(b <= time.begin < e for b, e in excluded):
            return time.value
    return None


def _is_date(kind: TimexType, value: str) -> bool:
    return kind in {TimexType.DATE, TimexType.TIME} and DATE_VALUE.match(value) is not None


def _closes(text: str, begin: int, at: int) -> bool:
    """Whether the mark at `at` closes a quote opened inside [begin, at): it stays."""
    if text[at] == '"':
        return text.count('"', begin, at) % 2 == 1
    opening = CLOSING.get(text[at])
    return opening is not None and text.count(opening, begin, at) > text.count(text[at], begin, at)


def _sentence(index: SpanIndex, paragraph: Paragraph, sentence: SpacySpan) -> Span:
    span = index.token_span(paragraph, sentence)
    text = span.text.rstrip()
    return index.span(span.begin, span.begin + len(text))


def trimmed(index: SpanIndex, span: Span | None) -> Span | None:
    """The span without surrounding punctuation and quotation marks."""
    if span is None:
        return None
    begin, end, text = span.begin, span.end, index.article.text
    while begin < end and text[begin] in TRIM:
        begin += 1
    while end > begin and (text[end - 1] in TRIM and not _closes(text, begin, end - 1)
                           or text[end - 1] in OPENERS):
        end -= 1  # an opening bracket at the end begins an elision: "stop [...]"
    return index.span(begin, end) if end - begin > 1 else None

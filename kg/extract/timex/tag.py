"""Time expressions with TIMEX3 types and values, resolved against the article date, the date
in focus ("the next day") and, inside reported speech, the date of the statement ("today").

Plain strings and offsets in, no spaCy: the caller passes the model's sentences and its DATE
and TIME spans as candidates. The grammar is in rules.py, the finding in find.py,
speech and tense in context.py, the durations inside and around dates ("from 2009 to
2011", "two years ago") in nested.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import groupby

from kg.extract.timex.calendar import Context, Focus
from kg.extract.timex.context import Layout, Voice
from kg.extract.timex.dates import Result
from kg.extract.timex.find import Span, fallback, find_spans
from kg.extract.timex.nested import with_nested
from kg.extract.timex.rules import interpret
from kg.model import TimeExpression, TimexType

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T|$)")
_PART_OF_DAY = re.compile(r"T(?:MO|AF|EV|NI|DT)$")  # "Saturday morning": 2019-03-02TMO


@dataclass
class _State:
    """What carries from sentence to sentence."""

    focus: Focus = field(default_factory=Focus)  # the dates last mentioned, in text order
    statement: dt.date | None = None  # the date of the last dated reporting act


def tag_times(text: str, sentences: Sequence[tuple[int, int]],
              candidates: Sequence[tuple[int, int]], published: dt.date) -> list[TimeExpression]:
    """The time expressions of an article text, in text order, with TIMEX3 types and values;
    an expression comes before those inside it: "from 2009 to 2011" before "2009" (nested.py)."""
    layout, state = Layout(text, sentences), _State()
    found: list[TimeExpression] = []
    spans = find_spans(text, candidates, published)
    for sentence, group in groupby(spans, key=lambda s: layout.sentence_of(s.begin)):
        found += _tag_sentence(list(group), sentence, layout, published, state)
    return with_nested(text, found, published)


def _tag_sentence(spans: list[Span], sentence: tuple[int, int], layout: Layout,
                  published: dt.date, state: _State) -> list[TimeExpression]:
    """One sentence: its report date first (it anchors what the sentence reports), then every
    span in order, again with the sentence's day if a clock time needs one."""
    voices = [layout.voice(s.begin, s.end, sentence) for s in spans]
    for span, voice in zip(spans, voices, strict=True):
        if voice is Voice.REPORTING:  # "said this on Tuesday, June 25": the statement date
            ctx = Context(published, state.focus, layout.tense(span.begin, sentence))
            state.statement = day_of(_value(layout.text, span, ctx)) or state.statement
    values = _values(spans, voices, layout, sentence, published, state, None)
    # "At 2:49 a.m. ... on Saturday morning": a date or a part of a day, not another clock time
    days = [day_of(value) for value in values
            if value[0] is TimexType.DATE or _PART_OF_DAY.search(value[1])]
    if any(days) and any(kind is TimexType.TIME for kind, _ in values):
        day = next(filter(None, days))
        values = _values(spans, voices, layout, sentence, published, state, day)
    for value in values:
        state.focus = _moved(state.focus, value)
    text = layout.text
    return [TimeExpression(s.begin, s.end, text[s.begin:s.end], kind, value)
            for s, (kind, value) in zip(spans, values, strict=True)]


def _values(spans: list[Span], voices: list[Voice], layout: Layout, sentence: tuple[int, int],
            published: dt.date, state: _State, day: dt.date | None) -> list[Result]:
    """Values in text order, each date moving the focus for the spans after it; `day` is the
    day clock times are on."""
    focus, values = state.focus, []
    for span, voice in zip(spans, voices, strict=True):
        anchor = (state.statement if voice is Voice.REPORTED else None) or published
        ctx = Context(anchor, focus, layout.tense(span.begin, sentence), day)
        values.append(_value(layout.text, span, ctx))
        focus = _moved(focus, values[-1])
    return values


def _value(text: str, span: Span, ctx: Context) -> Result:
    words = text[span.begin:span.end]
    if span.known and (read := interpret(words, ctx)) is not None:
        return read[1]
    return fallback(words, ctx.anchor)


def _moved(focus: Focus, result: Result) -> Focus:
    return focus.moved(result[1]) if result[0] in (TimexType.DATE, TimexType.TIME) else focus


def day_of(result: Result) -> dt.date | None:
    """The day a DATE or TIME value names, if it names one: "2024-06-25", "2024-06-25TMO"."""
    match = _DAY.match(result[1]) if result[0] in (TimexType.DATE, TimexType.TIME) else None
    return dt.date(*map(int, match.groups())) if match else None

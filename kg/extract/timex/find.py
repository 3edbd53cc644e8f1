"""Where the time expressions are: the model's DATE/TIME spans, trimmed and checked, plus the
forms the rules find in running text that the model misses ("6am", "24 hours", "on Monday")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kg.extract.timex.calendar import Context
from kg.extract.timex.dates import Result
from kg.extract.timex.rules import NAME_WORDS, RULES, Rule, interpret, read
from kg.extract.timex.times import parse_absolute
from kg.extract.timex.words import MONTHS, PARTS_OF_DAY, SEASONS, WEEKDAYS, alternation
from kg.model import TimexType

_TRAILING = ".,;:!?)]}\"'”’»–—- \n\t"
_LEADING_PREP = re.compile(r"(?:on|at|in|since|until|till|by|from|during|for|of)\s+",
                           re.IGNORECASE)
_THE = re.compile(r"the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$")
# What may not follow a time expression: "24-year-old", "three days later than planned".
_BLOCKED_AFTER = re.compile(r"[\s-]+old\b|\s+of\s+age\b|\s+than\b", re.IGNORECASE)
_AGE = re.compile(r"\d[\s-]*(?:years?|months?)[\s-]+old|\bold\b|\bages?d?\b", re.IGNORECASE)
# A model span no rule reads is kept (with an X'ed value) only if it has one of these: a bare
# unit ("her fourth year", "these minute traces") is no sign of a time expression.
_TIME_WORDS = [*MONTHS, *WEEKDAYS, *SEASONS, *PARTS_OF_DAY, "weekend", "today", "tonight",
               "yesterday", "tomorrow", "ago", "later", "earlier", "christmas", "easter"]
_TIME_WORD = re.compile(rf"\b(?:{alternation(_TIME_WORDS)})s?\b|\b(?:1[6-9]|20)\d\d\b",
                        re.IGNORECASE)
# Generic mentions the model tags but that name no time: "the day", "a great day".
_GENERIC = re.compile(r"(?:(?:the|this|a|an)\s+|an?\s+[a-z]+\s+)?(?:day|week|weekend|month"
                      r"|quarter|year|season|night|morning|afternoon|evening)", re.IGNORECASE)
_NAME_WORD = re.compile(r"(?:Today|Tonight|Now|Morning|Evening)\b")
_NAME_BEFORE = re.compile(r"\b[A-Z][\w&'-]*\s+$")
_YEAR = re.compile(r"\b(?:1[6-9]|20)\d\d\b")
_CLOCK_WORD = re.compile(r"\b(?:morning|afternoon|evening|night|noon|o.clock)\b", re.IGNORECASE)
_AM_PM = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)


@dataclass(frozen=True)
class Span:
    """A stretch of text taken for a time expression; `known` if a rule reads all of it."""

    begin: int
    end: int
    known: bool = True


def find_spans(text: str, candidates: Sequence[tuple[int, int]],
               published: dt.date) -> list[Span]:
    """Non-overlapping time-expression spans in text order: longest readable spans first, then
    model spans that no rule reads but that name a time (they get an X'ed value)."""
    ctx = Context(published)
    found = list(_own(text, ctx))
    for begin, end in candidates:
        found += _from_model(text, begin, end, ctx)
    chosen: list[Span] = []
    for span in sorted(found, key=lambda s: (not s.known, s.begin - s.end, s.begin)):
        if not any(span.begin < other.end and other.begin < span.end for other in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.begin)


def _own(text: str, ctx: Context, begin: int = 0, end: int | None = None,
         within_model_span: bool = False) -> Iterator[Span]:
    """Spans the rules find in text[begin:end] that stand alone as words and that the rule
    which found them reads whole. Inside a model span, a rule's pattern alone is enough
    ("2009 to 2011" holds two years, though a bare year is not looked for elsewhere)."""
    end = len(text) if end is None else end
    lower = text[begin:end].lower()
    for rule in RULES:
        if rule.cues and not any(cue in lower for cue in rule.cues):
            continue
        for finder in (rule.pattern,) if within_model_span else rule.finds:
            for match in finder.finditer(text, begin, end):
                group = "t" if "t" in finder.groupindex and match.group("t") else 0
                b, e = match.span(group)
                e -= text[e - 1] == "." and not _keeps_dot(text, b, e)  # a sentence's full stop
                if b < e and _stands_alone(text, b, e) and _cased(text[b:e], rule) \
                        and not _in_name(text, b) and _BLOCKED_AFTER.match(text, e) is None \
                        and read(rule, text[b:e], ctx) is not None:
                    yield Span(b, e)


def _stands_alone(text: str, begin: int, end: int) -> bool:
    """Not part of a longer word or number ("Marathon", "mid-2011" as a bare year, "2:20" of a
    race time "2:20:51", "000 years" of "3,000 years")."""
    before = text[begin - 1] if begin else " "
    after = text[end] if end < len(text) else " "
    digit_after = after in ":.," and text[end + 1:end + 2].isdigit()
    digit_before = before in ".," and text[max(0, begin - 2):begin - 1].isdigit()  # "3,000"
    return not (before.isalnum() or before in "-'’" or digit_before) \
        and not (after.isalnum() or after == "-" or digit_after)


def _cased(found: str, rule: Rule) -> bool:
    """Month and weekday names in running text are capitalised; set adverbs are not."""
    if rule.lower_only and found != found.lower():
        return False
    return all(word[0].isupper() for word in NAME_WORDS.findall(found))


def _in_name(text: str, begin: int) -> bool:
    """"USA Today", "Good Morning America": a capitalised deictic word after a name."""
    return _NAME_WORD.match(text, begin) is not None and \
        _NAME_BEFORE.search(text, max(0, begin - 40), begin) is not None


def _from_model(text: str, begin: int, end: int, ctx: Context) -> list[Span]:
    """A model span without trailing punctuation, possessive "'s" or leading preposition; the
    readable pieces of one no rule reads whole; nothing if it is no time expression (an age,
    a number, a generic "the day")."""
    while end > begin and text[end - 1] in _TRAILING and not _keeps_dot(text, begin, end):
        end -= 1
    if (possessive := _POSSESSIVE.search(text, begin, end)) is not None:
        end = possessive.start()
    if (prep := _LEADING_PREP.match(text, begin, end)) is not None:
        begin = prep.end()
    words = text[begin:end]
    if not words or _AGE.search(words) or _in_name(text, begin):
        return []
    if _readable(text, begin, end, ctx):
        return [Span(begin, end)]
    if (the := _THE.match(text, begin, end)) is not None and _readable(text, the.end(), end, ctx):
        return [Span(the.end(), end)]
    pieces = list(_own(text, ctx, begin, end, within_model_span=True))
    if pieces or _GENERIC.fullmatch(words) or not _TIME_WORD.search(words):
        return pieces
    return [Span(begin, end, known=False)]


def _readable(text: str, begin: int, end: int, ctx: Context) -> bool:
    """Whether a rule reads text[begin:end] whole, given what follows it."""
    return _BLOCKED_AFTER.match(text, end) is None and interpret(text[begin:end], ctx) is not None


def _keeps_dot(text: str, begin: int, end: int) -> bool:
    """"6 a.m." keeps its final dot."""
    return text[end - 1] == "." and _AM_PM.search(text, begin, end) is not None


def fallback(text: str, anchor: dt.date) -> Result:
    """The value of a model span no rule reads: what dateparser can say, else an X'ed value."""
    if (parsed := parse_absolute(text, anchor)) is not None:
        return parsed
    if (year := _YEAR.search(text)) is not None:
        return TimexType.DATE, year.group()
    if _CLOCK_WORD.search(text):
        return TimexType.TIME, "XXXX-XX-XXTXX:XX"
    return TimexType.DATE, "XXXX-XX-XX"

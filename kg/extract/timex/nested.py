"""Time expressions inside time expressions, as MEANTIME (the gold kg is scored on) marks them:
the length of a range, "from 2009 to 2011" (P2Y) over the dates "2009" and "2011", and the
length inside a date counted back, "two years ago" (2022) over "two years" (P2Y).

ISO-TimeML, which MEANTIME follows, gives "two years ago" as the DURATION "two years" anchored
to an unwritten date, and marks a whole "from ... to ..." phrase as a DURATION. kg keeps the
dates (they date events) and adds the durations beside them, so both readings are in the graph.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from itertools import pairwise

from kg.extract.timex.calendar import Context
from kg.extract.timex.rules import interpret
from kg.model import TimeExpression, TimexType

_OPENER = re.compile(r"(?<![\w'’-])(?:from|between)\s+$", re.IGNORECASE)
_OPENER_REACH = 12  # characters before the first date that can hold "between "
_JOINER = re.compile(r"\s*(?:to|and|through|until|till|-|–)\s*", re.IGNORECASE)
_AGO = re.compile(r"\s+ago$", re.IGNORECASE)
_YEAR = re.compile(r"(\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def with_nested(text: str, found: Sequence[TimeExpression],
                published: dt.date) -> list[TimeExpression]:
    """`found` (in text order) with the durations inside or around its expressions, in text
    order; an expression comes before the ones it holds."""
    nested = [*_ranges(text, found), *_lengths_ago(found, published)]
    return sorted([*found, *nested], key=lambda t: (t.begin, -t.end))


def _ranges(text: str, found: Sequence[TimeExpression]) -> Iterator[TimeExpression]:
    """"from 2009 to 2011", "between May 3 and May 10": two dates of the same precision."""
    for first, second in pairwise(found):
        if first.type is not TimexType.DATE or second.type is not TimexType.DATE:
            continue
        if _JOINER.fullmatch(text, first.end, second.begin) is None:
            continue
        reach = max(0, first.begin - _OPENER_REACH)
        opener = _OPENER.search(text[reach:first.begin])
        length = distance(first.value, second.value)
        if opener is not None and length is not None:
            begin = reach + opener.start()
            yield TimeExpression(begin, second.end, text[begin:second.end], TimexType.DURATION,
                                 length)


def _lengths_ago(found: Sequence[TimeExpression],
                 published: dt.date) -> Iterator[TimeExpression]:
    """"two years" in "two years ago", "a few days" in "a few days ago"."""
    for time in found:
        if (ago := _AGO.search(time.text)) is None:
            continue
        words = time.text[:ago.start()]
        read = interpret(words, Context(published))
        if read is not None and read[1][0] is TimexType.DURATION:
            yield TimeExpression(time.begin, time.begin + len(words), words, *read[1])


def distance(start: str, end: str) -> str | None:
    """The TIMEX3 duration from one date value to a later one of the same precision: ("2009",
    "2011") -> P2Y, ("2024-05", "2024-08") -> P3M, ("2024-05-03", "2024-05-10") -> P7D; None
    for values of different precision, vague ones, or an end that is not later."""
    if (a := _DAY.fullmatch(start)) and (b := _DAY.fullmatch(end)):
        try:
            days = dt.date(*map(int, b.groups())) - dt.date(*map(int, a.groups()))
        except ValueError:  # "2024-02-30" from a careless text
            return None
        amount, unit = days.days, "D"
    elif (a := _MONTH.fullmatch(start)) and (b := _MONTH.fullmatch(end)):
        amount, unit = _months(b.groups()) - _months(a.groups()), "M"
    elif (a := _YEAR.fullmatch(start)) and (b := _YEAR.fullmatch(end)):
        amount, unit = int(b[1]) - int(a[1]), "Y"
    else:
        return None
    return f"P{amount}{unit}" if amount > 0 else None


def _months(groups: tuple[str | None, ...]) -> int:
    year, month = (int(g or 0) for g in groups)
    return year * 12 + month

"""Calendar arithmetic for time expressions: which year, which week, which day."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum

from kg.extract.timex.words import add_months, iso_week, month_value

DAY = dt.timedelta(days=1)
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


class Tense(str, Enum):
    """The tense of the sentence around an expression, enough to pick past or future dates."""

    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"


@dataclass(frozen=True)
class Focus:
    """The last date mentioned at each precision: "the next day" counts from the last day,
    "a year later" from the last date that names at least a year."""

    day: dt.date | None = None
    month: dt.date | None = None  # the first of the month
    year: dt.date | None = None  # January 1

    def at(self, unit: str) -> dt.date | None:
        """The focus for counting in `unit`s."""
        if unit in ("year", "decade", "century"):
            return self.year
        return self.month if unit in ("month", "quarter") else self.day

    def moved(self, value: str) -> Focus:
        """The focus after a DATE or TIME value: "2024-06-25" sets all three, "2023" the year."""
        match = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T.*)?$", value)
        if match is None:
            return self
        year, month, day = (int(part) if part else None for part in match.groups())
        first = dt.date(year or 1, month or 1, day or 1)
        return Focus(first if day else self.day, first if month else self.month, first)


@dataclass(frozen=True)
class Context:
    """What a relative expression is resolved against."""

    anchor: dt.date  # speech time: the article date, or the statement date inside a statement
    focus: Focus = Focus()  # the dates last mentioned, in text order
    tense: Tense = Tense.PRESENT
    day: dt.date | None = None  # a day named in the same sentence, for clock times


def month_day(anchor: dt.date, month: int, day: int) -> dt.date | None:
    """A yearless month-day: the occurrence nearest the anchor, in the past or the future."""
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:  # February 29 of a common year, or "June 31"
            continue
    return min(options, key=lambda d: abs(d - anchor), default=None)


def month_only(anchor: dt.date, month: int, tense: Tense) -> str:
    """A yearless month ("in March"): the last one up to the anchor's month, the next one from
    it in the future tense. Unlike a month-day it is not "the nearest": news is about the past,
    and a month is too coarse to be near."""
    year = anchor.year
    if tense is Tense.FUTURE:
        year += month < anchor.month
    else:
        year -= month > anchor.month
    return month_value(year, month)


def bare_weekday(anchor: dt.date, weekday: int, tense: Tense) -> dt.date:
    """"on Monday": the last one on or before the anchor, the next one on or after it in the
    future tense. A weekday that is the anchor's own is the anchor: "said on Wednesday" in a
    Wednesday article is that Wednesday (as MEANTIME's news annotations have it)."""
    if tense is Tense.FUTURE:
        return anchor + DAY * ((weekday - anchor.weekday()) % 7)
    return anchor - DAY * ((anchor.weekday() - weekday) % 7)


def relative_weekday(anchor: dt.date, weekday: int, relation: str) -> dt.date:
    """"last Monday" (strictly before), "next Monday" (strictly after), "this Monday"."""
    if relation == "last":
        return anchor - DAY * ((anchor.weekday() - weekday - 1) % 7 + 1)
    if relation in ("next", "coming"):
        return anchor + DAY * ((weekday - anchor.weekday() - 1) % 7 + 1)
    return anchor + DAY * (weekday - anchor.weekday())


def relative_month(anchor: dt.date, month: int, relation: str) -> str:
    """"last March" (before the anchor's month), "next March", "this March"."""
    year = anchor.year
    if relation == "last" and month >= anchor.month:
        year -= 1
    elif relation in ("next", "coming") and month <= anchor.month:
        year += 1
    return month_value(year, month)


def _season_span(year: int, season: str) -> tuple[dt.date, dt.date]:
    start = dt.date(year, SEASON_START[season], 1)
    end_year, end_month = add_months(year, SEASON_START[season], 3)
    return start, dt.date(end_year, end_month, 1)


def season(anchor: dt.date, code: str, relation: str | None, tense: Tense) -> str:
    """"last summer" (ended before the anchor), "this winter", "next spring", "the summer"."""
    years = (anchor.year - 2, anchor.year - 1, anchor.year, anchor.year + 1)
    spans = [(year, *_season_span(year, code)) for year in years]
    current = [year for year, start, end in spans if start <= anchor < end]
    if relation == "last" or (relation is None and tense is Tense.PAST and not current):
        year = max(year for year, _, end in spans if end <= anchor)
    elif relation in ("next", "coming") or (relation is None and tense is Tense.FUTURE):
        year = min(year for year, start, _ in spans if start > anchor)
    else:
        year = current[0] if current else anchor.year
    return f"{year:04d}-{code}"


# Units in years, to tell whether a shift leaves the calendar of years 1 to 9999.
_YEARS_PER = {"day": 1 / 365, "week": 7 / 365, "fortnight": 14 / 365, "month": 1 / 12,
              "year": 1, "decade": 10, "century": 100}


def shifted(day: dt.date, unit: str, amount: int) -> str:
    """`day` moved by `amount` units, written at that unit's precision; beyond years 1 to 9999
    ("3000 years ago") only the direction is kept: PAST_REF or FUTURE_REF."""
    if not 1 <= day.year + amount * _YEARS_PER.get(unit, 1) <= 9999:
        return "PAST_REF" if amount < 0 else "FUTURE_REF"
    if unit == "day":
        return (day + DAY * amount).isoformat()
    if unit in ("week", "fortnight"):
        return iso_week(day + DAY * amount * (14 if unit == "fortnight" else 7))
    if unit == "month":
        return month_value(*add_months(day.year, day.month, amount))
    if unit == "decade":
        return f"{(day.year + 10 * amount) // 10:03d}"
    if unit == "century":
        return f"{(day.year + 100 * amount) // 100:02d}"
    return f"{day.year + amount:04d}"


def unknown(unit: str) -> str:
    """An X'ed value at the precision of `unit`, for what cannot be resolved."""
    return {"week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}.get(unit, "XXXX-XX-XX")

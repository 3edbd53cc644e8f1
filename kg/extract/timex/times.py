"""TIMEX3 values of clock times, durations, sets, references and dates anchored on the focus.

Resolvers have the same shape as in dates.py: named groups and a Context in, (type,
value) or None out.
"""

from __future__ import annotations

import datetime as dt

import dateparser

from kg.extract.timex import calendar as cal
from kg.extract.timex.calendar import DAY, Context
from kg.extract.timex.dates import Groups, Result
from kg.extract.timex.words import (
    PARTS_OF_DAY,
    UNITS,
    WEEKDAYS,
    ZONES,
    fmt_number,
    number,
    unit_of,
)
from kg.model import TimexType

DATE, TIME = TimexType.DATE, TimexType.TIME
REFS = {"present": "PRESENT_REF", "past": "PAST_REF", "future": "FUTURE_REF"}
ADVERBS = {"hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W",
           "fortnightly": "P2W", "biweekly": "P2W", "bi-weekly": "P2W", "monthly": "P1M",
           "quarterly": "P3M", "yearly": "P1Y", "annually": "P1Y", "annual": "P1Y",
           "biannual": "P6M", "bi-annual": "P6M", "semi-annual": "P6M", "biannually": "P6M",
           "semi-annually": "P6M"}


def period(unit: str, amount: float | None) -> str:
    """A TIMEX3 duration: ("hour", 24) -> PT24H, ("decade", 1) -> P10Y, ("day", None) -> PXD."""
    designator, factor, clock = UNITS[unit]
    if amount is not None and clock and amount != int(amount) and unit != "second":
        return period("minute" if unit == "hour" else "second", amount * 60)  # PT30M, not PT0.5H
    count = "X" if amount is None else fmt_number(amount * factor)
    return f"P{'T' if clock else ''}{count}{designator}"


def reference(kind: str) -> Result:
    """"now" -> PRESENT_REF, "recently" -> PAST_REF, "in the future" -> FUTURE_REF."""
    return DATE, REFS[kind]


def duration(g: Groups, ctx: Context) -> Result | None:
    """"24 hours", "the past three years", "a 12-hour", "half an hour", "several days"."""
    unit, plural = unit_of(g["unit"] or ""), (g["unit"] or "").lower().endswith("s")
    amount = 0.5 if g["half"] else number(g["num"] or "")
    if amount is None and not (g["rel"] or g["vague"]):
        return None  # a bare unit: "the day" is no duration, "years" is the "units" rule's
    if unit == "second" and (g["num"] or "").lower() in ("a", "an"):
        return None  # "a second attack"
    if g["rel"] and amount is None and not g["vague"]:
        amount = None if plural else 1.0  # "the past year" is one year, "the past years" vague
    if amount is not None and g["andhalf"]:
        amount += 0.5
    return TimexType.DURATION, period(unit, amount)


def units(g: Groups, ctx: Context) -> Result:
    """"for years", "hours": an unknown number of units."""
    return TimexType.DURATION, period(unit_of(g["units"] or ""), None)


def every(g: Groups, ctx: Context) -> Result:
    """"every week" -> P1W, "every two weeks" -> P2W, "every other day" -> P2D, "every Monday"."""
    what = (g["what"] or "").lower()
    if what in WEEKDAYS:
        return TimexType.SET, f"XXXX-WXX-{WEEKDAYS[what] + 1}"
    if what in PARTS_OF_DAY:
        return TimexType.SET, f"XXXX-XX-XXT{PARTS_OF_DAY[what]}"
    if what == "weekend":
        return TimexType.SET, "XXXX-WXX-WE"
    amount = 2.0 if g["other"] else number(g["num"] or "") or 1.0
    return TimexType.SET, period(unit_of(what), amount)


def per(g: Groups, ctx: Context) -> Result:
    """"twice a week" -> P1W: the value is the period, the frequency is not part of it."""
    return TimexType.SET, period(unit_of(g["unit"] or g["per"] or ""), 1.0)


def adverb(g: Groups, ctx: Context) -> Result:
    """"weekly" -> P1W, "annual" -> P1Y."""
    return TimexType.SET, ADVERBS[(g["adv"] or "").lower()]


def _clock(day: dt.date, hour: int, minute: int, zone: str | None) -> Result:
    utc = ZONES.get(zone.lower(), "") if zone else ""
    return TIME, f"{day.isoformat()}T{hour:02d}:{minute:02d}{utc}"


def _day_of(ctx: Context) -> dt.date:
    """The day a bare clock time is on: a day in its sentence, else the focus, else the anchor."""
    return ctx.day or ctx.focus.day or ctx.anchor


def clock_ampm(g: Groups, ctx: Context) -> Result:
    """"6am", "6:30 p.m. GMT"."""
    hour = int(g["h"] or 0) % 12 + (12 if (g["ap"] or "").lower().startswith("p") else 0)
    return _clock(_day_of(ctx), hour, int(g["mi"] or 0), g["tz"])


def clock_24(g: Groups, ctx: Context) -> Result:
    """"18:30", "1800 UTC"."""
    return _clock(_day_of(ctx), int(g["h"] or 0), int(g["mi"] or 0), g["tz"])


def clock_word(g: Groups, ctx: Context) -> Result:
    """"noon", "midnight" (T24:00, the end of the day), "six o'clock"."""
    word = (g["word"] or "").lower()
    if word:
        return TIME, f"{_day_of(ctx).isoformat()}T{'24:00' if word == 'midnight' else '12:00'}"
    return _clock(_day_of(ctx), int(number(g["oc"] or "") or 0), 0, None)


def part_of_day(g: Groups, ctx: Context) -> Result:
    """"the morning": a part of the day named in the sentence, else of an unknown day."""
    part = PARTS_OF_DAY.get((g["part"] or "").lower(), "NI")  # "overnight"
    return TIME, f"{ctx.day.isoformat() if ctx.day else 'XXXX-XX-XX'}T{part}"


def focus_step(g: Groups, ctx: Context) -> Result | None:
    """"the following week", "the previous day", "the next morning", "the following Monday"."""
    direction, unit = (g["dir"] or "").lower(), (g["unit"] or "").lower()
    if direction == "next" and unit in ("week", "month", "year"):
        return TimexType.DURATION, period(unit, 1.0)  # "over the next week": a stretch of time
    step, focus = (1 if direction in ("next", "following") else -1), ctx.focus.at(unit)
    if unit in WEEKDAYS and focus:
        moved = cal.relative_weekday(focus, WEEKDAYS[unit], "next" if step > 0 else "last")
        return DATE, moved.isoformat()
    if unit in PARTS_OF_DAY:
        day = (focus + DAY * step).isoformat() if focus else "XXXX-XX-XX"
        return TIME, f"{day}T{PARTS_OF_DAY[unit]}"
    return DATE, cal.shifted(focus, unit, step) if focus else cal.unknown(unit)


def focus_shift(g: Groups, ctx: Context) -> Result:
    """"a day later", "two weeks earlier", "one year later": counted from the focus."""
    unit, amount = unit_of(g["unit"] or ""), number(g["num"] or "")
    focus = ctx.focus.at(unit)
    if focus is None or amount is None or amount != int(amount):
        return DATE, cal.unknown(unit)
    if UNITS[unit][2]:
        return DATE, focus.isoformat()  # "hours later" is still the day in focus, or near it
    sign = 1 if (g["dir"] or "").lower() == "later" else -1
    return DATE, cal.shifted(focus, unit, sign * int(amount))


def focus_same(g: Groups, ctx: Context) -> Result:
    """"the same day", "that year", "the day before", "the year after"."""
    unit = (g["unit"] or g["unit2"] or "day").lower()
    offset = {"before": -1, "after": 1}.get((g["dir"] or "").lower(), 0)
    focus = ctx.focus.at(unit)
    if focus is None:
        return DATE, cal.unknown(unit)
    if unit in PARTS_OF_DAY:
        return TIME, f"{focus.isoformat()}T{PARTS_OF_DAY[unit]}"
    return DATE, cal.shifted(focus, unit, offset)


def numeric(g: Groups, ctx: Context) -> Result | None:
    """"7/8/07", "25.06.2024": dateparser knows the orders; a year is required."""
    return parse_absolute(g["all"] or "", ctx.anchor)


def parse_absolute(text: str, anchor: dt.date) -> Result | None:
    """A day or a month of a stated year, as dateparser reads it; None if it cannot."""
    base = dt.datetime.combine(anchor, dt.time())
    for parts, width in ((["day", "month", "year"], 10), (["month", "year"], 7)):
        settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": parts}
        found = dateparser.parse(text, languages=["en"], settings=settings)
        if found:
            return DATE, found.date().isoformat()[:width]
    return None


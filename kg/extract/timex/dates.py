"""TIMEX3 values of calendar dates: absolute, deictic ("yesterday") and anaphoric ("the next day").

Each resolver takes the named groups of its rule's match (rules.py) and a Context, and
returns (type, value), or None when the words match but do not make a time expression.
"""

from __future__ import annotations

import datetime as dt

from dateutil.easter import easter

from kg.extract.timex import calendar as cal
from kg.extract.timex.calendar import DAY, Context, Tense
from kg.extract.timex.words import (
    MONTHS,
    PARTS_OF_DAY,
    SEASONS,
    WEEKDAYS,
    iso_week,
    month_value,
    number,
    unit_of,
)
from kg.model import TimexType

Groups = dict[str, str | None]
Result = tuple[TimexType, str]
DATE = TimexType.DATE
HOLIDAYS = {"christmas eve": (12, 24), "christmas": (12, 25), "new year's eve": (12, 31),
            "new year": (1, 1), "valentine's": (2, 14), "halloween": (10, 31)}


def _month(g: Groups) -> int:
    return MONTHS[(g["month"] or "").lower().rstrip(".")]


def _on_day(day: dt.date, part: str | None) -> Result:
    """A day, or a part of it ("Tuesday morning" is a TIME: 2024-06-25TMO)."""
    if part:
        return TimexType.TIME, f"{day.isoformat()}T{PARTS_OF_DAY[part.lower()]}"
    return DATE, day.isoformat()


def iso_date(g: Groups, ctx: Context) -> Result | None:
    """"2024-06-25"; None for an impossible date."""
    try:
        return DATE, dt.date(int(g["y"] or 0), int(g["m"] or 0), int(g["d"] or 0)).isoformat()
    except ValueError:
        return None


def full_date(g: Groups, ctx: Context) -> Result | None:
    """"Tuesday, June 25", "25 June 2024": a stated year wins, else the nearest year; the
    weekday is not used to pick the year, because a wrong weekday is likelier than a wrong date."""
    month, day = _month(g), int(g["day"] or 0)
    if g["year"]:
        try:
            return DATE, dt.date(int(g["year"]), month, day).isoformat()
        except ValueError:
            return None
    found = cal.month_day(ctx.anchor, month, day)
    return (DATE, found.isoformat()) if found else (DATE, f"XXXX-{month:02d}-{day:02d}")


def month_year(g: Groups, ctx: Context) -> Result:
    """"March 2023", "January of this year"."""
    if g["year"]:
        return DATE, month_value(int(g["year"]), _month(g))
    shift = {"last": -1, "next": 1}.get((g["rel"] or "").lower(), 0)
    return DATE, month_value(ctx.anchor.year + shift, _month(g))


def month(g: Groups, ctx: Context) -> Result:
    """"in March": the last March, or the next one in the future tense."""
    return DATE, cal.month_only(ctx.anchor, _month(g), ctx.tense)


def year(g: Groups, ctx: Context) -> Result:
    """"2019", "early 2009"."""
    return DATE, g["year"] or "XXXX"


def period_part(g: Groups, ctx: Context) -> Result:
    """"the end of the year", "early this month", "later this week", "late last year": the
    anchor's own year, month or week, or the one before or after it."""
    step = {"last": -1, "next": 1}.get((g["rel"] or "").lower(), 0)
    return DATE, cal.shifted(ctx.anchor, (g["what"] or "").lower(), step)


def decade(g: Groups, ctx: Context) -> Result:
    """"the 1990s" -> 199, as TIMEX3 writes decades (and MEANTIME: "the past decade" -> 200)."""
    if g["dec"]:
        return DATE, g["dec"]
    short = int(g["short"] or 0)  # "the '90s"; "'00s" and "'10s" are this century
    return DATE, f"{19 if short > 2 else 20}{short}"


def century(g: Groups, ctx: Context) -> Result:
    """"the 20th century" -> 19, as TIMEX3 writes centuries."""
    return DATE, f"{int(g['cent'] or 1) - 1:02d}"


def season(g: Groups, ctx: Context) -> Result:
    """"summer 2019" -> 2019-SU, "last winter", "this spring"."""
    code = SEASONS[(g["season"] or "").lower()]
    if g["year"]:
        return DATE, f"{g['year']}-{code}"
    relation = (g["rel"] or "").lower() or None
    return DATE, cal.season(ctx.anchor, code, relation, ctx.tense)


def quarter(g: Groups, ctx: Context) -> Result:
    """"the first quarter of 2024" -> 2024-Q1, "Q3", "the fourth quarter of last year"."""
    ordinal = (g["ord"] or g["q"] or "1").lower()
    q = int(ordinal) if ordinal.isdigit() else {"first": 1, "1st": 1, "second": 2, "2nd": 2,
                                                "third": 3, "3rd": 3}.get(ordinal, 4)
    shift = {"last": -1, "next": 1}.get((g["rel"] or "").lower(), 0)
    when = int(g["year"]) if g["year"] else ctx.anchor.year + shift
    if not g["year"] and not g["rel"] and ctx.tense is Tense.PAST:
        when -= dt.date(when, 3 * q - 2, 1) > ctx.anchor  # not yet begun: last year's
    return DATE, f"{when:04d}-Q{q}"


def half(g: Groups, ctx: Context) -> Result:
    """"the first half of 2008" -> 2008-H1, "the second half of the year", "H2 2024"."""
    which = 1 if (g["h"] or (g["ord"] or "").lower()) in ("1", "first", "1st") else 2
    shift = {"last": -1, "next": 1}.get((g["rel"] or "").lower(), 0)
    stated = g["year"] or g["hy"]
    return DATE, f"{int(stated) if stated else ctx.anchor.year + shift:04d}-H{which}"


def fiscal(g: Groups, ctx: Context) -> Result:
    """"fiscal 2008" -> 2008, "FY24" -> 2024, "the last financial year": the year a fiscal year
    is called by. (TIMEX3 writes FY2008, which kg's SHACL shapes do not accept yet.)"""
    stated = (g["year"] or g["fy"] or "").lstrip("'’")
    if stated:
        year = int(stated) if len(stated) == 4 else _century_of(int(stated), ctx.anchor.year)
    else:
        rel = (g["rel"] or "").lower()
        year = ctx.anchor.year + {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    return DATE, f"{year:04d}"


def _century_of(short: int, anchor_year: int) -> int:
    """The full year of a two-digit one ("FY99", "FY24"): the nearest to the anchor's year."""
    options = [anchor_year // 100 * 100 + short + shift for shift in (-100, 0, 100)]
    return min(options, key=lambda year: abs(year - anchor_year))


def relative(g: Groups, ctx: Context) -> Result:
    """"last week", "this month", "next year", "last March", "next Monday", "last summer"."""
    rel, what = (g["rel"] or "").lower(), (g["what"] or "").lower()
    rel = "last" if rel.startswith("this") and rel != "this" else rel  # "this past week"
    step = {"last": -1, "this": 0}.get(rel, 1)
    if what in WEEKDAYS:
        return DATE, cal.relative_weekday(ctx.anchor, WEEKDAYS[what], rel).isoformat()
    if what.rstrip(".") in MONTHS:
        return DATE, cal.relative_month(ctx.anchor, MONTHS[what.rstrip(".")], rel)
    if what in SEASONS:
        return DATE, cal.season(ctx.anchor, SEASONS[what], rel, ctx.tense)
    if what == "weekend":
        return DATE, iso_week(ctx.anchor + DAY * 7 * step) + "-WE"
    if what == "quarter":
        index = ctx.anchor.year * 4 + (ctx.anchor.month - 1) // 3 + step
        return DATE, f"{index // 4:04d}-Q{index % 4 + 1}"
    return DATE, cal.shifted(ctx.anchor, what, step)


def the_weekend(g: Groups, ctx: Context) -> Result:
    """"over the weekend": the weekend around or before the anchor (Saturday, by the week it
    is in), the coming one in the future tense."""
    saturday = cal.bare_weekday(ctx.anchor, WEEKDAYS["saturday"], ctx.tense)
    if ctx.anchor.weekday() == WEEKDAYS["sunday"]:
        saturday = ctx.anchor - DAY  # Sunday's weekend is its own, in any tense
    return DATE, iso_week(saturday) + "-WE"


def unnamed_day(g: Groups, ctx: Context) -> Result:
    """"at a later date": a day the text does not name (MEANTIME: XXXX-XX-XX)."""
    return DATE, "XXXX-XX-XX"


def deictic_day(g: Groups, ctx: Context) -> Result:
    """"today", "yesterday morning", "tonight", "the day after tomorrow"."""
    word = " ".join((g["rel"] or "").lower().split())
    if word == "tonight":
        return TimexType.TIME, f"{ctx.anchor.isoformat()}TNI"
    offset = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2}.get(word, 0)
    return _on_day(ctx.anchor + DAY * offset, g["part"])


def deictic_part(g: Groups, ctx: Context) -> Result:
    """"this morning", "last night"."""
    back = 1 if (g["rel"] or "").lower() == "last" else 0
    return _on_day(ctx.anchor - DAY * back, g["part"])


def ago(g: Groups, ctx: Context) -> Result:
    """"three days ago", "a year ago"; vague amounts and hours ago are just "the past"."""
    unit, amount = unit_of(g["unit"] or ""), number(g["num"] or "")
    if amount is None or amount != int(amount) or unit in ("second", "minute", "hour"):
        return DATE, "PAST_REF"
    return DATE, cal.shifted(ctx.anchor, unit, -int(amount))


def weekday(g: Groups, ctx: Context) -> Result:
    """"on Monday", "Tuesday morning": the nearest such day the tense allows."""
    return _on_day(cal.bare_weekday(ctx.anchor, WEEKDAYS[(g["wd"] or "").lower()], ctx.tense),
                   g["part"])


def holiday(g: Groups, ctx: Context) -> Result:
    """"Christmas" (the nearest), "Easter 2023", "New Year's Eve"."""
    name = " ".join((g["hol"] or "").lower().replace("’", "'").split())
    name = name.removesuffix(" day").removesuffix(" sunday").replace("years", "year's")
    name = name.replace("valentines", "valentine's")
    name = "new year" if name in ("new year's", "new year") else name
    if name == "easter":
        years = [int(g["year"])] if g["year"] else [ctx.anchor.year + d for d in (-1, 0, 1)]
        options = [easter(y) for y in years]
        return DATE, min(options, key=lambda d: abs(d - ctx.anchor)).isoformat()
    month_, day = HOLIDAYS[name]
    if g["year"]:
        return DATE, dt.date(int(g["year"]), month_, day).isoformat()
    found = cal.month_day(ctx.anchor, month_, day)
    return DATE, found.isoformat() if found else f"XXXX-{month_:02d}-{day:02d}"

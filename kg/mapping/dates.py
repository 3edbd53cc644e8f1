"""TIMEX3 values as typed literals, for schema:startDate and schema:dateCreated."""

from __future__ import annotations

import datetime as dt
import re

from rdflib import Literal

from kg.namespaces import XSD

_DATE_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?")
_DAY_PART = re.compile(r"(\d{4}-\d{2}-\d{2})T[A-Z]{2}")  # "2024-03-04TMO": morning of that day
_FORMS = ((re.compile(r"\d{4}-\d{2}-\d{2}"), XSD.date),
          (re.compile(r"\d{4}-\d{2}"), XSD.gYearMonth),
          (re.compile(r"\d{4}"), XSD.gYear))


def date_literal(value: str | None) -> Literal | None:
    """The literal of a calendar TIMEX3 value ("2024-06-25", "2023-03", "2024",
    "2024-06-25T14:30"), or None for values no XSD date type can hold ("XXXX-06", "2024-W26",
    "PRESENT_REF"). A part of a day ("TMO") keeps the day; "T24:00" is the next midnight."""
    if not value:
        return None
    if match := _DATE_TIME.fullmatch(value):
        return _date_time(*match.groups())
    if match := _DAY_PART.fullmatch(value):
        return Literal(match.group(1), datatype=XSD.date)
    for pattern, datatype in _FORMS:
        if pattern.fullmatch(value) and _is_calendar(value + "-01-01"[len(value) - 4:]):
            return Literal(value, datatype=datatype)
    return None


def _is_calendar(day: str) -> bool:
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        return False
    return True


def _date_time(day: str, hour: str, minute: str, second: str | None) -> Literal | None:
    try:
        date = dt.date.fromisoformat(day)
        if hour == "24" and minute == "00" and not int(second or 0):
            date, hour = date + dt.timedelta(days=1), "00"
        moment = dt.datetime.combine(date, dt.time(int(hour), int(minute), int(second or 0)))
    except ValueError:  # "2024-02-30", "T25:00": not a moment at all
        return None
    return Literal(moment.isoformat(), datatype=XSD.dateTime)

"""TIMEX3 values as typed literals, for schema:startDate and schema:dateCreated."""

from __future__ import annotations

import re

from rdflib import Literal

from kg.namespaces import XSD

_FORMS = (
    (re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}"), XSD.dateTime, ""),
    (re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"), XSD.dateTime, ":00"),
    (re.compile(r"\d{4}-\d{2}-\d{2}"), XSD.date, ""),
    (re.compile(r"\d{4}-\d{2}"), XSD.gYearMonth, ""),
    (re.compile(r"\d{4}"), XSD.gYear, ""),
)


def date_literal(value: str | None) -> Literal | None:
    """The literal of a calendar TIMEX3 value ("2024-06-25", "2023-03", "2024"), or None for
    values no XSD date type can hold ("XXXX-06", "2024-W26", "PRESENT_REF")."""
    if not value:
        return None
    for pattern, datatype, suffix in _FORMS:
        if pattern.fullmatch(value):
            return Literal(value + suffix, datatype=datatype)
    return None

"""Turning one JSONL object or CSV record (a mapping of field names) into an Article."""

from __future__ import annotations

from collections.abc import Mapping

from kg.model import Article, Rejected
from kg.sources.common import REQUIRED_FIELDS, ReadOptions, make_article, parse_date

_WHAT = {"date": "publication date", "title": "headline", "text": "article text", "url": "URL"}
_KINDS = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "an object"}


def article_from_record(record: Mapping[str, object], origin: str,
                        options: ReadOptions) -> Article | Rejected:
    """The Article of one record, or Rejected naming the field that is missing or wrong."""
    values: dict[str, str] = {}
    for name, key in options.fields.items():
        value = record.get(key)
        if value is None and name not in REQUIRED_FIELDS:
            continue
        problem = _field_problem(name, key, value)
        if problem:
            return Rejected(origin, problem)
        assert isinstance(value, str)  # _field_problem has checked it
        values[name] = value
    try:
        published = parse_date(values["date"])
    except ValueError as error:
        return Rejected(origin, f"field {options.fields['date']!r}: {error}")
    return make_article(origin, values["title"], published, values["text"], values.get("url"),
                        options.max_chars)


def _field_problem(name: str, key: str, value: object) -> str | None:
    """Why `value` cannot be our field `name` (read from the input's `key`), or None."""
    what = f"field {key!r} (the {_WHAT[name]})"
    if value is None:
        hint = "" if key != name else "; if the input calls it differently, map it with fields"
        return f"the required {what} is missing{hint}"
    if not isinstance(value, str):
        kind = _KINDS.get(type(value), type(value).__name__)
        return f"the {what} must be a string, not {kind}"
    if name in REQUIRED_FIELDS and not value.strip():
        return f"the {what} is empty"
    return None

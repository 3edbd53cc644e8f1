"""What every reader shares: options, date parsing, paragraph splitting, building the Article."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kg.errors import ConfigError
from kg.model import PARAGRAPH_BREAK, Article, Rejected
from kg.rdf import iri_problem

logger = logging.getLogger("kg.sources")

FIELD_NAMES = ("url", "date", "title", "text")
REQUIRED_FIELDS = ("date", "title", "text")

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}\S*")
_NEWLINE = re.compile(r"\r\n?")
# Control characters (C0 but tab and line ends, DEL, C1) and the noncharacters XML refuses:
# they would make RDF/XML and SPARQL XML results ill-formed and act as terminal escapes.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# A blank line is empty or white space only; any run of them ends a paragraph.
_BLANK_LINES = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class ReadOptions:
    """How to read: the input's name for each of our fields, and the article size limit."""

    fields: Mapping[str, str]  # our name (url, date, title, text) -> the input's name
    max_chars: int = 200_000

    @property
    def line_limit(self) -> int:
        """The longest JSONL/CSV line read, in bytes: JSON escapes take up to 12 per character."""
        return 12 * self.max_chars + 65_536


def make_options(fields: Mapping[str, str] | None, max_chars: int) -> ReadOptions:
    """Checked ReadOptions; ConfigError for an unknown field name, a clash or a bad limit."""
    given = dict(fields or {})
    unknown = sorted(set(given) - set(FIELD_NAMES))
    if unknown:
        raise ConfigError(f"cannot map unknown field(s) {', '.join(unknown)}",
                          hint=f"map our names {', '.join(FIELD_NAMES)} to the input's names, "
                               "e.g. title=headline")
    if not all(isinstance(name, str) and name for name in given.values()):
        raise ConfigError("a field mapping names an empty input field")
    mapping = {name: given.get(name, name) for name in FIELD_NAMES}
    if len(set(mapping.values())) < len(mapping):
        raise ConfigError(f"two fields are read from the same input field: {mapping}")
    if max_chars < 1:
        raise ConfigError(f"max_chars must be at least 1, not {max_chars}")
    return ReadOptions(mapping, max_chars)


def parse_date(text: str) -> dt.date | dt.datetime:
    """A date "YYYY-MM-DD" or an ISO 8601 date and time; ValueError says what is wrong."""
    value = text.strip()
    try:
        if _DAY.fullmatch(value):
            return dt.date.fromisoformat(value)
        if _DATETIME.fullmatch(value):
            return dt.datetime.fromisoformat(value)
    except ValueError as error:
        if "offset must be a timedelta" in str(error):  # Python's words, not a reader's
            raise ValueError(f"{value!r} has a time-zone offset out of range: it must lie "
                             "between -23:59 and +23:59") from None
        raise ValueError(f"{value!r} is not a real date ({error})") from None
    raise ValueError(f"{value!r} is not a date: expected YYYY-MM-DD "
                     "or an ISO 8601 date and time such as 2019-01-04T10:00:00Z")


def normalize_newlines(text: str) -> str:
    """`text` with Windows and old Mac line ends turned into "\\n"."""
    return _NEWLINE.sub("\n", text)


def join_paragraphs(text: str) -> str:
    """The paragraphs of `text` (split at blank lines, each stripped) joined by PARAGRAPH_BREAK."""
    parts = (part.strip() for part in _BLANK_LINES.split(normalize_newlines(text)))
    return PARAGRAPH_BREAK.join(part for part in parts if part)


def make_article(origin: str, headline: str, published: dt.date | dt.datetime, body: str,
                 url: str | None, max_chars: int) -> Article | Rejected:
    """The Article, or Rejected when a field holds what is not text, its URL is not an
    absolute IRI, or its text is longer than `max_chars`."""
    url = url.strip() if url and url.strip() else None
    problem = _not_text(headline, body, url or "") or _not_an_iri(url)
    if problem:
        return Rejected(origin, problem)
    headline, body = _without_controls(origin, headline), _without_controls(origin, body)
    # A headline is one line: a line break in it would make it two paragraphs of Article.text.
    article = Article(" ".join(headline.split()), published, join_paragraphs(body), url, origin)
    size = len(article.text)
    if size > max_chars:
        return Rejected(origin, f"the article is {size:,} characters long, over the limit of "
                                f"{max_chars:,}; split it or raise max_article_chars")
    return article


def _not_text(headline: str, body: str, url: str) -> str | None:
    """Why a field is not text: half of a UTF-16 pair alone (JSON's "\\ud800")."""
    for field, value in (("title", headline), ("text", body), ("url", url)):
        if found := _SURROGATE.search(value):
            return (f"the {field} holds a lone surrogate U+{ord(found.group()):04X} at "
                    f"character {found.start():,}, which is not text")
    return None


def _not_an_iri(url: str | None) -> str | None:
    # The URL is the article's identity: building it under another one would give it a second
    # graph once the URL is fixed. So the record is rejected, not kept without it.
    problem = iri_problem(url) if url else None
    if problem:
        return f"the url {url!r} is not an absolute IRI ({problem}); fix it, or leave it empty"
    return None


def _without_controls(origin: str, text: str) -> str:
    """`text` with each control character replaced by a space (one for one, so every offset
    still points at the same character of the input), said in a warning."""
    found = sorted(set(CONTROL.findall(text)))
    if not found:
        return text
    logger.warning("%s: replaced control character(s) %s with spaces", origin,
                   ", ".join(f"U+{ord(c):04X}" for c in found))
    return CONTROL.sub(" ", text)


def warn_unknown_fields(where: str, names: Iterable[str], options: ReadOptions) -> bool:
    """Log a warning naming the input fields we do not read; True if there were any."""
    unknown = [name for name in names if name not in options.fields.values()]
    if unknown:
        logger.warning("%s: ignoring unknown field(s) %s (kg reads %s); further unknown fields "
                       "in this file are not reported", where, ", ".join(map(repr, unknown)),
                       ", ".join(options.fields.values()))
    return bool(unknown)

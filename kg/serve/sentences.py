"""The sentence a fact came from: NIF spans (begin, end in the article's nif:isString),
widened to the sentence around them."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from kg.serve.links import Link
from kg.serve.queries import QueryRunner
from kg.serve.worker import Task

# A sentence ends at . ! ? or … (with closing quotes or brackets) before white space, or at a
# line break: paragraphs are separated by blank lines in nif:isString.
_BREAK = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)|\n")
_SENTENCE_MAX = 600  # a text without punctuation would otherwise give a whole page
_SPANS = """SELECT ?m ?a ?b ?e ?anchor WHERE {
  VALUES ?m { %s }
  ?m nif:referenceContext ?a ; nif:beginIndex ?b ; nif:endIndex ?e .
  OPTIONAL { ?m nif:anchorOf ?anchor } }"""
_TEXTS = "SELECT ?a ?text WHERE { VALUES ?a { %s } ?a nif:isString ?text }"


@dataclass(frozen=True)
class Span:
    """A mention: characters begin..end of the article's text."""

    article: str
    begin: int
    end: int
    anchor: str = ""


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article, split around the span it was found for (shown marked)."""

    before: str
    marked: str
    after: str
    article: Link
    begin: int

    @property
    def text(self) -> str:
        """The whole sentence."""
        return f"{self.before}{self.marked}{self.after}"


def spans_of(runner: QueryRunner, mentions: Iterable[str]) -> dict[str, Span]:
    """The span of each mention IRI."""
    unique = sorted(set(mentions))[:500]
    if not unique:
        return {}
    values = " ".join(str(ox.NamedNode(iri)) for iri in unique)
    rows = runner.run(Task(_SPANS % values, limit=len(unique) * 2)).rows
    return {row["m"].value: Span(row["a"].value, int(row["b"].value), int(row["e"].value),
                                 row["anchor"].value if "anchor" in row else "") for row in rows}


class Sentences:
    """Cuts sentences out of the articles' texts, fetching each text once."""

    def __init__(self, runner: QueryRunner, article_links: dict[str, Link]) -> None:
        self._runner = runner
        self._links = article_links
        self._texts: dict[str, tuple[str, list[int]]] = {}

    def fetch(self, articles: Iterable[str]) -> None:
        """Fetch the texts of `articles` (one query for all that are not yet known)."""
        missing = sorted(set(articles) - set(self._texts))[:50]
        if not missing:
            return
        values = " ".join(str(ox.NamedNode(iri)) for iri in missing)
        for row in self._runner.run(Task(_TEXTS % values, limit=len(missing))).rows:
            text = row["text"].value
            self._texts[row["a"].value] = (text, [m.end() for m in _BREAK.finditer(text)])

    def around(self, span: Span) -> Sentence | None:
        """The sentence holding `span`, or None if the article's text is not known."""
        self.fetch([span.article])
        if span.article not in self._texts:
            return None
        text, breaks = self._texts[span.article]
        before = bisect_right(breaks, span.begin) - 1
        start = breaks[before] if before >= 0 else 0
        after = bisect_left(breaks, span.end)
        stop = breaks[after] if after < len(breaks) else len(text)
        start = max(start, span.begin - _SENTENCE_MAX // 2)
        stop = min(stop, span.end + _SENTENCE_MAX // 2)
        link = self._links.get(span.article, Link("the article", None, span.article))
        return Sentence(text[start:span.begin].lstrip(), text[span.begin:span.end],
                        text[span.end:stop].rstrip(), link, span.begin)

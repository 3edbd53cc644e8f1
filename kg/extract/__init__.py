"""Extraction: the only package that imports spaCy. Article in, Annotations out.

One room per family (names/, timex/, events/, statements/), the shared pieces beside them
(nlp: the pipeline and paragraphs; spans: what later rooms look up; lexicon and places: word
lists and GeoNames). This module holds only the order in which the rooms run.
"""

from __future__ import annotations

from spacy.language import Language

from kg.extract.events import find_events
from kg.extract.names import find_names
from kg.extract.nlp import Paragraph, entity_bounds, load_pipeline, model_version, sentence_bounds
from kg.extract.spans import SpanIndex
from kg.extract.statements import find_claims, find_quotations
from kg.extract.timex import tag_times
from kg.extract.unresolved import unresolved
from kg.model import Annotations, Article

TIME_LABELS = {"DATE", "TIME"}


class Extractor:
    """Runs the NLP pipeline and the project's components over articles.

    The model is loaded once per Extractor (and cached per process): never per article.
    """

    def __init__(self, model: str, every_event: bool = True) -> None:
        self.nlp: Language = load_pipeline(model)
        self.model_version = model_version(model)
        self.every_event = every_event  # else only events of a class of the taxonomy

    def extract(self, article: Article) -> Annotations:
        """Entities, mentions, positions and time expressions of one article."""
        paragraphs = self.parse(article)
        return annotate(article, paragraphs, self.every_event)

    def parse(self, article: Article) -> list[Paragraph]:
        """One Doc per paragraph: blank lines are not sentence breaks to the model."""
        spans = article.paragraphs()
        docs = self.nlp.pipe(article.text[begin:end] for begin, end in spans)
        return [Paragraph(begin, doc) for (begin, _), doc in zip(spans, docs)]


def annotate(article: Article, paragraphs: list[Paragraph], every_event: bool = True
             ) -> Annotations:
    """Annotations from parsed paragraphs (separate from parsing so benchmarks can time it)."""
    entities, mentions, positions = find_names(article, paragraphs)
    times = tag_times(article.text, sentence_bounds(paragraphs),
                      entity_bounds(paragraphs, TIME_LABELS), article.published_date)
    named = {(m.begin, m.end) for m in mentions} | {(p.begin, p.end) for p in positions}
    times = [t for t in times if (t.begin, t.end) not in named]  # one meaning per span
    index = SpanIndex(article, paragraphs, mentions, entities, times)
    events = find_events(index, every_event)
    quotations = find_quotations(index)
    claims = find_claims(index, events)
    return Annotations(article, tuple(entities.values()), tuple(mentions), tuple(times),
                       tuple(positions), tuple(events), tuple(quotations), tuple(claims),
                       unresolved(times, quotations, claims))


__all__ = ["Extractor", "annotate", "unresolved"]

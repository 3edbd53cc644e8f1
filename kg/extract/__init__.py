"""Extraction: the only package that imports spaCy. Article in, Annotations out."""

from __future__ import annotations

from spacy.language import Language

from kg.extract.candidates import candidates
from kg.extract.claims import find_claims
from kg.extract.coref import resolve
from kg.extract.events import find_events
from kg.extract.nlp import Paragraph, load_pipeline, model_version
from kg.extract.places import country_of_demonym, lookup_place, lookup_place_by_id
from kg.extract.positions import PositionCandidate, find_positions
from kg.extract.quotations import find_quotations
from kg.extract.spans import SpanIndex
from kg.extract.timex import tag_times
from kg.ids import digest
from kg.model import (
    Annotations,
    Article,
    Claim,
    Entity,
    EntityKind,
    Mention,
    Position,
    Quotation,
    TimeExpression,
)

TIME_LABELS = {"DATE", "TIME"}


class Extractor:
    """Runs the NLP pipeline and the project's components over articles.

    The model is loaded once per Extractor (and cached per process): never per article.
    """

    def __init__(self, model: str) -> None:
        self.nlp: Language = load_pipeline(model)
        self.model_version = model_version(model)

    def extract(self, article: Article) -> Annotations:
        """Entities, mentions, positions and time expressions of one article."""
        paragraphs = self.parse(article)
        return annotate(article, paragraphs)

    def parse(self, article: Article) -> list[Paragraph]:
        """One Doc per paragraph: blank lines are not sentence breaks to the model."""
        spans = article.paragraphs()
        docs = self.nlp.pipe(article.text[begin:end] for begin, end in spans)
        return [Paragraph(begin, doc) for (begin, _), doc in zip(spans, docs)]


def annotate(article: Article, paragraphs: list[Paragraph]) -> Annotations:
    """Annotations from parsed paragraphs (separate from parsing so benchmarks can time it)."""
    found = [c for p in paragraphs for c in candidates(p.doc, p.offset)]
    entities, mentions = resolve(article.text, found, digest(article.identity, 8))
    _add_countries(entities)
    positions = _positions(paragraphs, mentions, entities)
    times = tag_times(article.text, _sentences(paragraphs), _time_spans(paragraphs),
                      article.published_date)
    named = {(m.begin, m.end) for m in mentions} | {(p.begin, p.end) for p in positions}
    times = [t for t in times if (t.begin, t.end) not in named]  # one meaning per span
    index = SpanIndex(article, paragraphs, mentions, entities, times)
    events = find_events(index)
    quotations = find_quotations(index)
    claims = find_claims(index, events)
    return Annotations(article, tuple(entities.values()), tuple(mentions), tuple(times),
                       tuple(positions), tuple(events), tuple(quotations), tuple(claims),
                       unresolved(times, quotations, claims))


def unresolved(times: list[TimeExpression], quotations: list[Quotation],
               claims: list[Claim]) -> tuple[str, ...]:
    """What the graph keeps without knowing it all, said in words for the log."""
    notes = [f"time expression {_quote(t.text)} at {t.begin}: kept with value {t.value}, "
             "the text does not say more" for t in times if "X" in t.value]
    notes += [f"quotation {_quote(q.span.text)} at {q.span.begin}: no speaker found, "
              "kept without one" for q in quotations if q.speaker is None]
    notes += [f"claim {_quote(c.span.text)} at {c.span.begin}: no author found, kept without one"
              for c in claims if c.author is None]
    return tuple(notes)


def _quote(text: str, limit: int = 40) -> str:
    return f"“{text if len(text) <= limit else text[:limit - 1] + '…'}”"


def _sentences(paragraphs: list[Paragraph]) -> list[tuple[int, int]]:
    return [(p.offset + s.start_char, p.offset + s.end_char)
            for p in paragraphs for s in p.doc.sents]


def _time_spans(paragraphs: list[Paragraph]) -> list[tuple[int, int]]:
    return [(p.offset + e.start_char, p.offset + e.end_char)
            for p in paragraphs for e in p.doc.ents if e.label_ in TIME_LABELS]


def _positions(paragraphs: list[Paragraph], mentions: list[Mention],
               entities: dict[str, Entity]) -> list[Position]:
    """Positions of people of the article; a span that names an entity is not a position."""
    by_span = {(m.begin, m.end): m.entity for m in mentions}
    positions = []
    for candidate in (c for p in paragraphs for c in find_positions(p.doc, p.offset)):
        holder = by_span.get(candidate.holder)
        if holder is None or entities[holder].kind is not EntityKind.PERSON:
            continue
        if (candidate.begin, candidate.end) in by_span:
            continue
        positions.append(Position(candidate.begin, candidate.end, candidate.text, holder,
                                  candidate.title or candidate.text,
                                  _country(candidate, entities),
                                  _organization(candidate, by_span, entities)))
    return positions


def _organization(candidate: PositionCandidate, by_span: dict[tuple[int, int], str],
                  entities: dict[str, Entity]) -> str | None:
    key = by_span.get(candidate.organization) if candidate.organization else None
    return key if key and entities[key].kind.family == "organization" else None


def _add_countries(entities: dict[str, Entity]) -> None:
    """Countries that qualify an organisation ("Russian Foreign Ministry") become entities too."""
    for key in [e.country for e in entities.values() if e.country and e.country not in entities]:
        place = lookup_place_by_id(int(key.partition(":")[2]))
        entities[key] = Entity(key, EntityKind.COUNTRY, place.name, geonames_id=place.geonames_id)


def _country(candidate: PositionCandidate, entities: dict[str, Entity]) -> str | None:
    """The key of the country a position's qualifier names, adding that country if needed."""
    if candidate.country is None:
        return None
    place = country_of_demonym(candidate.country) or lookup_place(candidate.country)
    if place is None or place.kind is not EntityKind.COUNTRY:
        return None
    key = f"geonames:{place.geonames_id}"
    entities.setdefault(key, Entity(key, EntityKind.COUNTRY, place.name,
                                    geonames_id=place.geonames_id))
    return key


__all__ = ["Extractor", "annotate"]

"""What the later components (events, quotations, claims) look up: the parsed paragraphs, and
which entity or time expression a span of the article names."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from kg.extract.nlp import Paragraph
from kg.model import Article, Entity, Mention, Span, TimeExpression


@dataclass
class SpanIndex:
    """The article's analysis so far, indexed by character offsets into `Article.text`.

    `entities` may grow: a component that finds an entity the earlier stages missed (a country
    named by "the American side") adds it here, and it is published with the others.
    """

    article: Article
    paragraphs: list[Paragraph]
    mentions: list[Mention]
    entities: dict[str, Entity]
    times: list[TimeExpression]
    _starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.mentions = sorted(self.mentions, key=lambda m: (m.begin, m.end))
        self._starts = [m.begin for m in self.mentions]

    def span(self, begin: int, end: int) -> Span:
        """A model Span of the article text."""
        return Span(begin, end, self.article.text[begin:end])

    def token_span(self, paragraph: Paragraph, tokens: Token | SpacySpan) -> Span:
        """The article Span of a token or spaCy span of one paragraph."""
        return self.span(*paragraph.bounds(tokens))

    def mentions_within(self, begin: int, end: int) -> list[Mention]:
        """Entity mentions wholly inside [begin, end), in text order."""
        found = []
        for mention in self.mentions[:bisect_right(self._starts, end)]:
            if mention.begin >= begin and mention.end <= end:
                found.append(mention)
        return found

    def mention_at(self, begin: int, end: int) -> Mention | None:
        """The entity mention that overlaps [begin, end) most, if any."""
        best, overlap = None, 0
        for mention in self.mentions[:bisect_right(self._starts, end)]:
            shared = min(end, mention.end) - max(begin, mention.begin)
            if shared > overlap:
                best, overlap = mention, shared
        return best

    def entity_at(self, begin: int, end: int) -> str | None:
        """The key of the entity named at [begin, end), if any."""
        mention = self.mention_at(begin, end)
        return mention.entity if mention else None

    def times_within(self, begin: int, end: int) -> list[TimeExpression]:
        """Time expressions wholly inside [begin, end), in text order."""
        return sorted((t for t in self.times if t.begin >= begin and t.end <= end),
                      key=lambda t: t.begin)

    def sentences(self) -> list[tuple[Paragraph, SpacySpan]]:
        """Every sentence of the article with its paragraph, in text order."""
        return [(p, sentence) for p in self.paragraphs for sentence in p.doc.sents]

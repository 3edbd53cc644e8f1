"""The only place IRIs are minted: deterministic, stable across runs and machines."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass

from rdflib import URIRef

from kg.model import Article, Entity

_SLUG_MAX = 80


def digest(text: str, length: int = 16) -> str:
    """A short hex SHA-256 of `text`, for opaque but stable IRI parts."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def article_key(name: URIRef) -> str:
    """A file-name-safe key of an article graph, for files written aside."""
    return str(name).rsplit("/", 1)[-1] or digest(str(name))


def content_digest(article: Article) -> str:
    """The SHA-256 (hex) of what an article's graph is built from: URL, date, headline, body.

    Incremental runs compare it (with the run, which names software, model and settings) to
    decide whether an article changed. The origin is left out: moving a file changes nothing.
    """
    fields = [article.url, article.published.isoformat(), article.headline, article.body]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def slug(text: str) -> str:
    """A readable IRI segment: ASCII-folded, lower case, words joined by '-'.

    Folding loses information ("Belousov" and "Беloусов" differ), so a name that does not
    fold cleanly, or is long, gets a digest of the original appended: distinct names never
    share a slug by accident of folding.
    """
    folded = unicodedata.normalize("NFKD", text)
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    letters_lost = sum(c.isalnum() for c in folded) > sum(c.isalnum() for c in ascii_text)
    if not base:
        return digest(text, 12)
    if letters_lost or len(base) > _SLUG_MAX:
        return f"{base[:_SLUG_MAX].rstrip('-')}-{digest(text, 8)}"
    return base


def name_key(family: str, name: str) -> str:
    """The identity key of an entity known only by its name: names that differ only in case,
    accents or punctuation ("van Biljon", "Van Biljon") are one entity, as their IRIs are one."""
    return f"{family}:{slug(name)}"


@dataclass(frozen=True)
class Ids:
    """Mints every IRI of the data under one configurable base ("https://example.org/id/")."""

    base: str

    def article(self, article: Article) -> URIRef:
        return URIRef(f"{self.base}article/{digest(article.identity)}")

    def graph(self, article: Article) -> URIRef:
        """The named graph holding everything derived from `article`."""
        return URIRef(f"{self.graph_prefix}{digest(article.identity)}")

    @property
    def graph_prefix(self) -> str:
        """What every article graph's name starts with (and no other graph's)."""
        return f"{self.base}graph/"

    def mention(self, article: Article, begin: int, end: int) -> URIRef:
        """A span of the article's text, as an RFC 5147 fragment (the NIF convention)."""
        return URIRef(f"{self.article(article)}#char={begin},{end}")

    def entity(self, entity: Entity) -> URIRef:
        return self.entity_key(entity.kind.family, entity.key)

    def entity_key(self, family: str, key: str) -> URIRef:
        """The IRI of an entity key ("geonames:694423", "name:Lloyd Austin") in its family."""
        scheme, _, value = key.partition(":")
        segment = f"geonames-{value}" if scheme == "geonames" else slug(value)
        return URIRef(f"{self.base}{family}/{segment}")

    def statement(self, article: Article, key: str) -> URIRef:
        """An event, quotation or claim of one article, from its key ("event:412"): these are
        found per article, so their IRIs live under the article's digest."""
        kind, _, number = key.partition(":")
        family = {"quote": "quotation"}.get(kind, kind)
        return URIRef(f"{self.base}{family}/{digest(article.identity)}-{number}")

    def position(self, holder: URIRef, title: str) -> URIRef:
        return URIRef(f"{holder}/position/{slug(title)}")

    def run(self, fingerprint: str) -> URIRef:
        """The PROV activity of a build configuration (software, model, settings)."""
        return URIRef(f"{self.base}run/{digest(fingerprint)}")

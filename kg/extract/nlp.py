"""Loading the spaCy pipeline (once per process) with the gazetteer as an entity ruler."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token

from kg.errors import ConfigError
from kg.extract.lexicon import ProductLine, demonyms, gazetteer, ministry_domains, product_lines
from kg.extract.places import country_names
from kg.model import Article, EntityKind

# Gazetteer kinds as spaCy labels: places and people come from the model and GeoNames.
RULER_LABELS = {
    EntityKind.WEAPON: "WEAPON",
    EntityKind.PRODUCT: "PRODUCT",
    EntityKind.MILITARY_ORGANIZATION: "ORG",
    EntityKind.GOVERNMENT_ORGANIZATION: "ORG",
    EntityKind.ORGANIZATION: "ORG",
}


@dataclass
class Paragraph:
    """One paragraph's Doc and where it starts in the article text."""

    offset: int
    doc: Doc

    def at(self, char: int) -> int:
        """The article offset of the paragraph's character `char`: the one place where
        paragraph offsets become article offsets."""
        return self.offset + char

    def bounds(self, item: Token | Span) -> tuple[int, int]:
        """The article offsets [begin, end) of a token or span of this paragraph."""
        if isinstance(item, Token):
            return self.at(item.idx), self.at(item.idx + len(item.text))
        return self.at(item.start_char), self.at(item.end_char)

    def local(self, begin: int) -> int:
        """The paragraph's character at the article offset `begin` (the inverse of `at`)."""
        return begin - self.offset

    def phrase_bounds(self, head: Token) -> tuple[int, int]:
        """The article offsets of the phrase `head` heads, from its left to its right edge."""
        return self.bounds(head.doc[head.left_edge.i:head.right_edge.i + 1])


def sentence_bounds(paragraphs: list[Paragraph]) -> list[tuple[int, int]]:
    """The article offsets of every sentence, in text order."""
    return [p.bounds(s) for p in paragraphs for s in p.doc.sents]


def entity_bounds(paragraphs: list[Paragraph], labels: set[str]) -> list[tuple[int, int]]:
    """The article offsets of the model's entities with one of `labels`, in text order."""
    return [p.bounds(e) for p in paragraphs for e in p.doc.ents if e.label_ in labels]


@cache
def load_pipeline(model: str) -> Language:
    """The model named `model` with the gazetteer ruler before its NER; cached per process."""
    nlp = _load(model)
    # Before "ner", so the statistical model keeps the gazetteer's spans and labels the rest.
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(_patterns(nlp.tokenizer))  # type: ignore[attr-defined]
    _split_final_periods(nlp.tokenizer)
    return nlp


def _split_final_periods(tokenizer: Tokenizer) -> None:
    """A known name at the end of a sentence keeps its own token: the tokenizer leaves the
    period on some ("AT&T." is one token), and the ruler then misses the name."""
    for name in {n for entry in gazetteer().values() for n in entry.names}:
        if not name.endswith(".") and len(tokenizer(name + ".")) == 1:
            tokenizer.add_special_case(name + ".", [{"ORTH": name}, {"ORTH": "."}])


@cache
def load_bare_pipeline(model: str) -> Language:
    """The model named `model` as it comes, without the project's additions (for baselines)."""
    return _load(model)


def model_entities(model: str, article: Article) -> list[tuple[int, int, str]]:
    """(begin, end, label) in article offsets of the bare model's entities, paragraph by
    paragraph as kg parses: what the statistical model alone finds, to compare kg with."""
    spans = article.paragraphs()
    docs = load_bare_pipeline(model).pipe(article.text[begin:end] for begin, end in spans)
    return [(begin + ent.start_char, begin + ent.end_char, ent.label_)
            for (begin, _), doc in zip(spans, docs) for ent in doc.ents]


def _load(model: str) -> Language:
    try:
        return spacy.load(model)
    except OSError as error:
        raise ConfigError(f"cannot load the spaCy model {model!r}: {error}",
                          hint="install it (see README) or change the model setting",
                          settings=("model",)) from error


def _patterns(tokenizer: Tokenizer) -> list[dict[str, object]]:
    known: list[dict[str, object]] = [
        {"label": RULER_LABELS[entry.kind], "pattern": name, "id": f"gazetteer:{entry.key}"}
        for entry in gazetteer().values()
        for name in entry.names
    ]
    return known + _ministry_patterns() + _airline_patterns(tokenizer) + \
        _product_patterns(tokenizer)


def _ministry_patterns() -> list[dict[str, object]]:
    """"(Russian) Ministry of Defense", "(Russian) Defense Ministry": the model often splits
    them."""
    country = {"ORTH": {"IN": [d for d in demonyms() if " " not in d]}, "OP": "?"}
    domain = {"ORTH": {"IN": list(ministry_domains())}, "OP": "+"}
    body = {"ORTH": {"IN": ["Ministry", "Department"]}}
    return [
        {"label": "ORG", "pattern": [country, body, {"ORTH": "of"}, domain]},
        {"label": "ORG", "pattern": [country, domain, body]},
    ]


Pattern = list[dict[str, object]]


def _airline_patterns(tokenizer: Tokenizer) -> list[dict[str, object]]:
    """"Air" and a country's name is its airline ("Air China", "Air New Zealand"): the model
    often tags the country alone."""
    return [{"label": "ORG", "pattern": [{"ORTH": "Air"}] +
             [{"ORTH": token.text} for token in tokenizer(country)]}
            for country in country_names()]

# A variant after a model number: "737-800", "A330-200", "777-200LR" (spaCy splits the hyphen).
_VARIANT: Pattern = [{"ORTH": "-"}, {"TEXT": {"REGEX": r"^\d{1,4}[A-Z]{0,3}s?$"}}]
# A version after a named line: "iPhone 4", "iPhone 3GS", "iOS 5", "Xbox 360" is a line itself.
_VERSION: dict[str, object] = {"TEXT": {"REGEX": r"^\d{1,2}(?:\.\d+)?[A-Z]{0,3}$"}, "OP": "?"}
# Proper nouns that continue a line's name: "iPhone SDK", "iPhone Developer Program".
_NAMED_PART: dict[str, object] = {"POS": "PROPN", "IS_TITLE": True, "OP": "*"}
_ACRONYM_PART: dict[str, object] = {"POS": "PROPN", "IS_UPPER": True, "OP": "?"}


def _product_patterns(tokenizer: Tokenizer) -> list[dict[str, object]]:
    """Known product lines, after their maker ("Boeing 737-800", "Apple TV") and, when the
    name is distinctive, alone ("A380s", "iPhone 4"); the model tags few of them PRODUCT."""
    patterns: list[dict[str, object]] = []
    for product in product_lines():
        maker: Pattern = [{"ORTH": product.maker}]
        starts = [maker, []] if product.alone else [maker]
        for start in starts:
            patterns += [{"label": "PRODUCT",
                          "pattern": start + _line_tokens(product, tokenizer) + tail}
                         for tail in _tails(product)]
        if not product.alone and product.line.isdigit():
            patterns += [{"label": "PRODUCT", "pattern": form} for form in _numbered(product)]
    return patterns


def _numbered(product: ProductLine) -> list[Pattern]:
    """A model number alone, where no count or year can be meant: in the plural ("18 777s")
    or with a variant ("the 777-200LR"); "737 employees" stays a number."""
    return [[{"TEXT": f"{product.line}s"}], [{"ORTH": product.line}, *_VARIANT]]


def _line_tokens(product: ProductLine, tokenizer: Tokenizer) -> Pattern:
    """Token specs of a line's words as the model's tokenizer splits them ("A400M" is "A400"
    "M"); the last also matches its plural ("787s", "iPods"). A word with a capital inside
    ("MacBook", "iPod") is distinctive in any case: writers also put "Macbook", "IPOD"."""
    *words, last = [token.text for token in tokenizer(product.line)]
    specs: Pattern = [{"LOWER": w.lower()} if _camel(w) else {"ORTH": w} for w in words]
    flags = "(?i)" if _camel(last) else ""
    return specs + [{"TEXT": {"REGEX": rf"{flags}^{re.escape(last)}s?$"}}]


def _camel(word: str) -> bool:
    return any(c.isupper() for c in word[1:]) and any(c.islower() for c in word)


def _tails(product: ProductLine) -> list[Pattern]:
    """What may follow: a model number takes a variant; a named line a version or a name."""
    if any(c.isdigit() for c in product.line.split()[-1]):
        return [[], _VARIANT]
    return [[_VERSION], [_NAMED_PART, _ACRONYM_PART]]


def model_version(model: str) -> str:
    """`lang_name-version` of an installed model package or model directory, without loading it."""
    try:
        path = Path(model) if Path(model).exists() else spacy.util.get_package_path(model)
        meta = spacy.util.get_model_meta(path)
    except (OSError, ValueError) as error:
        raise ConfigError(f"cannot read the spaCy model {model!r}: {error}",
                          hint="install it (see README) or change the model setting",
                          settings=("model",)) from error
    return f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"

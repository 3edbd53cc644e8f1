"""Loading the spaCy pipeline (once per process) with the gazetteer as an entity ruler."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import ConfigError
from kg.extract.lexicon import demonyms, gazetteer, ministry_domains
from kg.model import EntityKind

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


@cache
def load_pipeline(model: str) -> Language:
    """The model named `model` with the gazetteer ruler before its NER; cached per process."""
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ConfigError(f"cannot load the spaCy model {model!r}: {error}",
                          hint="install it (see README) or set KG_MODEL / --model") from error
    # Before "ner", so the statistical model keeps the gazetteer's spans and labels the rest.
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(_patterns())  # type: ignore[attr-defined]
    return nlp


def _patterns() -> list[dict[str, object]]:
    known: list[dict[str, object]] = [
        {"label": RULER_LABELS[entry.kind], "pattern": name, "id": f"gazetteer:{entry.key}"}
        for entry in gazetteer().values()
        for name in entry.names
    ]
    return known + _ministry_patterns()


def _ministry_patterns() -> list[dict[str, object]]:
    """"(Russian) Ministry of Defense", "(Russian) Defense Ministry": the model often splits them."""
    country = {"ORTH": {"IN": [d for d in demonyms() if " " not in d]}, "OP": "?"}
    domain = {"ORTH": {"IN": list(ministry_domains())}, "OP": "+"}
    body = {"ORTH": {"IN": ["Ministry", "Department"]}}
    return [
        {"label": "ORG", "pattern": [country, body, {"ORTH": "of"}, domain]},
        {"label": "ORG", "pattern": [country, domain, body]},
    ]


def model_version(model: str) -> str:
    """`lang_name-version` of an installed model package or model directory, without loading it."""
    try:
        path = Path(model) if Path(model).exists() else spacy.util.get_package_path(model)
        meta = spacy.util.get_model_meta(path)
    except (OSError, ValueError) as error:
        raise ConfigError(f"cannot read the spaCy model {model!r}: {error}",
                          hint="install it (see README) or set KG_MODEL / --model") from error
    return f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"

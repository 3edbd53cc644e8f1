"""What a name's sentence says about what it names, when the model's label is in doubt.

A single word tagged PERSON that the article never introduces as a person (persons.py) is
more likely a product when the sentence treats it as one: launched ("Apple unveiled Lion"),
named ("named the Worldliner"), described as a version or release ("Tiger, the newest version
of Mac OS X"), or preceded by a noun for a kind of product ("web browser Safari").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.lexicon import product_nouns

# Verbs whose object is a product being brought out or named.
LAUNCH_VERBS = {"unveil", "introduce", "launch", "release", "ship", "debut", "preview",
                "announce", "name", "dub", "call", "demonstrate", "showcase", "unwrap"}
# Heads of an apposition that describe a product ("Tiger, the newest version of ...").
PRODUCT_APPOSITIONS = {"version", "release", "edition", "update", "upgrade", "successor",
                       "model", "product", "browser", "software", "system", "device"}
OBJECTS = {"dobj", "oprd", "attr", "nsubjpass", "appos"}


def reads_as_product(span: Span) -> bool:
    """True when the sentence of `span` treats the name as a product's."""
    root = span.root
    return _launched(root) or _described(root) or _after_kind_noun(span)


def _launched(root: Token) -> bool:
    return root.dep_ in OBJECTS and root.head.pos_ == "VERB" and root.head.lemma_ in LAUNCH_VERBS


def _described(root: Token) -> bool:
    """An apposition headed by a product word, or holding a product's name."""
    for child in root.children:
        if child.dep_ == "appos" and (child.lemma_ in PRODUCT_APPOSITIONS or any(
                t.ent_type_ == "PRODUCT" for t in child.subtree)):
            return True
    return False


def _after_kind_noun(span: Span) -> bool:
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.pos_ == "NOUN" and before.lower_ in product_nouns() \
        and before.head.i in range(span.start, span.end)

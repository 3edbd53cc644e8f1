"""Mention extents: where the noun phrase a name heads starts and ends around the name.

MEANTIME and ACE mark a mention with its determiner and pre-modifiers ("the new iPhone 4",
"aircraft maker Boeing", "Senator McCain") and, for a product, with the noun that says what
kind of thing it is ("the A380 superjumbo", "the iTunes store"): the name is the entity's,
the mention is the phrase. Character counts here are relative to the name's span.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.lexicon import position_heads, product_nouns

ARTICLES = {"the", "a", "an"}
PERSON_TITLES = {"President", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir",
                 "Prime", "Minister", "Senator", "Gen.", "General", "Pope", "King", "Queen"}
# Words that qualify a title before a name ("Chief executive Thomas Enders").
TITLE_MODIFIERS = {"chief", "vice", "deputy", "acting", "interim", "senior", "former"}
POSSESSIVES = {"'s", "’s", "'", "’"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
PRODUCT_LABELS = {"PRODUCT", "WEAPON"}
# Words that pick one of a series out, left outside a name's mention ("the first A380").
SEQUENCE_WORDS = {"first", "last", "final", "latest", "next", "previous"}


def trail(span: Span, label: str) -> int:
    """Characters after a product's name that belong to its mention: the singular noun it
    names the kind of ("A380 superjumbo", "iTunes music store"), not a plural of instances
    ("two 777 jets") nor a thing of its own ("iPhone sales")."""
    head = _kind_noun(span) if label in PRODUCT_LABELS else None
    return 0 if head is None else head.idx + len(head) - span.end_char


def _kind_noun(span: Span) -> Token | None:
    doc, i = span.doc, span.end
    while i < len(doc) and doc[i].pos_ == "NOUN" and doc[i].dep_ == "compound" \
            and doc[i].head.i > i:
        i += 1  # "music" in "iTunes music store"
    if i == len(doc) or span.root.dep_ != "compound" or not span.end <= span.root.head.i <= i:
        return None
    head = doc[i]
    return head if head.tag_ == "NN" and head.lower_ in product_nouns() else None


def phrase(span: Span, label: str) -> Span:
    """The name with the kind noun after it, if any: the phrase whose start `lead` finds."""
    head = _kind_noun(span) if label in PRODUCT_LABELS else None
    return span if head is None else span.doc[span.start:head.i + 1]


def lead(span: Span, label: str) -> int:
    """Characters before the name `span` that belong to its mention."""
    return span.start_char - span.doc[_phrase_start(phrase(span, label), label)].idx


def _phrase_start(span: Span, label: str) -> int:
    """Where the noun phrase a name heads starts, as MEANTIME and ACE mark mention extents:
    with its determiner and pre-modifiers ("the new iPhone 4", "aircraft maker Boeing",
    "Senator McCain"). Not for a name that modifies another noun ("the Apple stores",
    "Boeing's jets"), and not when the modifiers run into another name ("Apple CEO Steve
    Jobs": the name alone is the mention, inside a larger one)."""
    doc, root = span.doc, span.root
    if _modifies_another_noun(span):
        return span.start
    start = span.start
    while start > root.sent.start and _premodifier(doc[start - 1], span, label):
        start -= 1
    if start > root.sent.start and not _phrase_boundary(doc[start - 1]):
        return _article_start(span)  # a larger phrase around the name: keep to "the"
    return start


def _phrase_boundary(token: Token) -> bool:
    """True when a noun phrase may start right after `token` (a verb, a preposition, a comma),
    not when `token` is a word of a longer one ("Apple" in "Apple CEO Steve Jobs")."""
    if token.is_punct:
        return token.text not in POSSESSIVES and token.tag_ != "HYPH" and not _inside_word(token)
    return token.pos_ in {"VERB", "AUX", "ADP", "SCONJ", "PART", "PRON", "SPACE"}


def _inside_word(token: Token) -> bool:
    """A hyphen with no space on either side joins one word ("co-founder"), whatever its tag."""
    return token.i > 0 and not token.doc[token.i - 1].whitespace_ and not token.whitespace_


def _modifies_another_noun(span: Span) -> bool:
    root, doc = span.root, span.doc
    if span.end < len(doc) and doc[span.end].text in POSSESSIVES:
        return True
    inside = span.start <= root.head.i < span.end
    return root.dep_ in {"compound", "poss", "nmod", "amod"} and not inside


def _attaches_within(token: Token, span: Span) -> bool:
    """True when `token` modifies a word between it and the end of `span` (or is the noun a
    name stands in apposition to: "the computer company Apple")."""
    root = span.root
    return token.i < token.head.i < span.end or (root.dep_ == "appos" and token.i == root.head.i)


def _premodifier(token: Token, span: Span, label: str) -> bool:
    """A word that opens the noun phrase a name of type `label` heads."""
    if not _attaches_within(token, span):
        return False
    if token.dep_ == "det" or token.tag_ == "PRP$":
        return True
    if label == "PERSON":  # only titles: "Senator", "Chief executive", "Mr."
        return token.text in PERSON_TITLES or token.lower_ in position_heads() \
            or token.lower_ in TITLE_MODIFIERS
    if label in PLACE_LABELS:  # "the United States", not "central London"
        return False
    if token.pos_ == "NUM" and token.ent_type_ != "ORDINAL":  # "the 3G iPhone", not a
        return token.head != span.root or is_unit(token.nbor(1))  # count ("18 777s")
    if is_unit(token):  # "GB" in "the 30GB iPod"
        return True
    if token.pos_ == "PROPN" or token.ent_type_ or token.lower_ in SEQUENCE_WORDS:
        return False  # another name, a nationality, "the first A380"
    return token.pos_ in {"ADJ", "NOUN", "ADV"} or token.dep_ == "amod" or \
        token.tag_ == "HYPH" or (token.text == "," and token.nbor(-1).pos_ == "ADJ")


def is_unit(token: Token) -> bool:
    """A unit written onto a number ("GB" in "30GB", "mm" in "155mm"): no name of its own."""
    return token.i > 0 and token.doc[token.i - 1].like_num \
        and not token.doc[token.i - 1].whitespace_ and token.is_alpha


def _article_start(span: Span) -> int:
    """The article just before a name that heads its noun phrase ("the Pentagon")."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in ARTICLES and before.dep_ == "det" \
            and span.start <= before.head.i < span.end:
        return span.start - 1
    return span.start

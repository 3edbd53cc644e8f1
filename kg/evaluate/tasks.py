"""The scored tasks, and the gold and predicted items of each, inside the scoring window.

Window: MEANTIME annotates the headline (sentence 0), the date line (sentence 1) and the first
four body sentences (2 to 5) of every article; past them only a sparse cross-document layer
remains (mentions without syntactic type or attributes, e.g. 101 in sentence 6 against 616 in
sentence 5 over the 60 dev articles, and no event or time attributes at all). So only sentences
0 to 1 + `body_sentences` count, for the gold and for the predictions alike (a prediction counts
when it ends inside the window).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kg.evaluate.classes import ENTITY_TYPES, NAME_TYPES, SPACY_TIME_LABELS, gold_type, spacy_type
from kg.evaluate.meantime import GoldDocument, GoldEntity
from kg.evaluate.predict import Predictions
from kg.evaluate.score import Item
from kg.evaluate.text import DATE_LINE, GoldText

BODY_SENTENCES = 4  # body sentences in the window, from the data (module docstring)

NAMES = "names"
NAMES_SPAN = "names, span only"
MENTIONS = "mentions, all syntactic types"
TIMEX_SPAN = "time expressions, span"
TIMEX_TYPE = "time expressions, span+type"
TIMEX_VALUE = "time expressions, span+value"
# The date line is the easiest time expression of all; without it, as the issue measured.
TIMEX_SPAN_BODY = "time expressions, span, no date line"
TIMEX_VALUE_BODY = "time expressions, span+value, no date line"
EVENTS = "event mentions"
PARTICIPANTS = "event participants"
# Not a task: gold names the annotators linked to no entity, hence gave no type (kg_items).
UNTYPED = "names without a gold type"
TASKS = (*(f"{NAMES} {t}" for t in ENTITY_TYPES), NAMES, NAMES_SPAN, MENTIONS,
         TIMEX_SPAN, TIMEX_TYPE, TIMEX_VALUE, TIMEX_SPAN_BODY, TIMEX_VALUE_BODY, EVENTS,
         PARTICIPANTS)
# The bare model has entity labels and DATE/TIME spans, no TIMEX3 values, events or roles.
BASELINE_TASKS = (*TASKS[:TASKS.index(MENTIONS) + 1], TIMEX_SPAN, TIMEX_SPAN_BODY)

Items = dict[str, list[Item]]


def last_sentence(body_sentences: int = BODY_SENTENCES) -> int:
    """The number of the last gold sentence inside the window."""
    return DATE_LINE + body_sentences


@dataclass(frozen=True)
class Window:
    """Where, in an article's text, the window ends and the date line lies."""

    end: int
    date_line: tuple[int, int]

    def holds(self, span: tuple[int, int]) -> bool:
        """True when `span` ends inside the window."""
        return span[1] <= self.end

    def in_date_line(self, span: tuple[int, int]) -> bool:
        """True when `span` starts in the date line."""
        return self.date_line[0] <= span[0] < self.date_line[1]


def window(text: GoldText, body_sentences: int = BODY_SENTENCES) -> Window:
    """The scoring window of one article."""
    inside = [end for number, (_, end) in text.sentences.items()
              if number <= last_sentence(body_sentences)]
    return Window(max(inside, default=0), text.sentences.get(DATE_LINE, (0, 0)))


def gold_items(name: str, gold: GoldDocument, text: GoldText,
               body_sentences: int = BODY_SENTENCES) -> Items:
    """The gold items of one article inside the window, by task."""
    sentence = {token.t_id: token.sentence for token in gold.tokens}
    last = last_sentence(body_sentences)

    def inside(tokens: Iterable[int]) -> bool:
        return all(sentence[t_id] <= last for t_id in tokens)

    items: Items = {task: [] for task in TASKS}
    mentions = [m for m in gold.entities if inside(m.tokens)]
    for mention in mentions:
        kind = gold_type(mention.ent_type)
        if kind:
            items[MENTIONS].append(Item(name, (text.span(mention.tokens),), kind))
    items[UNTYPED] = []
    for mention in innermost_names(mentions):
        kind, span = gold_type(mention.ent_type), (text.span(mention.tokens),)
        items[NAMES_SPAN].append(Item(name, span))
        if kind:
            items[NAMES].append(Item(name, span, kind))
            items[f"{NAMES} {kind}"].append(Item(name, span, kind))
        elif mention.ent_type is None:
            items[UNTYPED].append(Item(name, span))
    for timex in (t for t in gold.timexes if inside(t.tokens)):
        dated = sentence[timex.tokens[0]] == DATE_LINE
        _add_time(items, name, text.span(timex.tokens), timex.type, timex.value, dated)
    items[EVENTS] = [Item(name, (text.span(e),)) for e in gold.events if inside(e)]
    items[PARTICIPANTS] = [Item(name, (text.span(e), text.span(p)))
                           for e, p in gold.participants if inside(e) and inside(p)]
    return items


def innermost_names(mentions: list[GoldEntity]) -> list[GoldEntity]:
    """Name mentions (NAM, PRE.NAM) that contain no other name mention (kg.evaluate.classes)."""
    names = [m for m in mentions if m.syntactic_type in NAME_TYPES]
    token_sets = [frozenset(m.tokens) for m in names]
    return [m for m, tokens in zip(names, token_sets)
            if not any(other < tokens for other in token_sets)]


def kg_items(name: str, found: Predictions, window: Window) -> Items:
    """kg's items of one article that end inside the window, by task."""
    items: Items = {task: [] for task in TASKS}
    _add_entities(items, name, [(span, kind) for span, kind in found.entities
                                if window.holds(span)])
    for span, kind, value in (t for t in found.times if window.holds(t[0])):
        _add_time(items, name, span, kind, value, window.in_date_line(span))
    items[EVENTS] = [Item(name, (span,)) for span in found.events if window.holds(span)]
    items[PARTICIPANTS] = [Item(name, pair) for pair in found.participants
                           if window.holds(pair[0]) and window.holds(pair[1])]
    return items


def drop_untyped(predicted: Items, gold: Items) -> Items:
    """`predicted` without typed names at the exact span of a gold name that has no type.

    The gold says a name is there but not what it names (the mention refers to no entity), so
    a type given there is neither right nor wrong: counting it as spurious, as a typed task
    otherwise would, punishes a correct name. The span-only task still scores it."""
    untyped = {item.spans for item in gold.get(UNTYPED, [])}
    typed = {NAMES, *(f"{NAMES} {t}" for t in ENTITY_TYPES)}
    return {task: [i for i in found if task not in typed or i.spans not in untyped]
            for task, found in predicted.items()}


def baseline_items(name: str, entities: list[tuple[int, int, str]], window: Window) -> Items:
    """The bare model's items (names, mentions, time spans) inside the window, by task."""
    items: Items = {task: [] for task in BASELINE_TASKS}
    inside = [((b, e), label) for b, e, label in entities if window.holds((b, e))]
    _add_entities(items, name, [(span, kind) for span, label in inside
                                if (kind := spacy_type(label))])
    for span, _ in (e for e in inside if e[1] in SPACY_TIME_LABELS):
        items[TIMEX_SPAN].append(Item(name, (span,)))
        if not window.in_date_line(span):
            items[TIMEX_SPAN_BODY].append(Item(name, (span,)))
    return items


def _add_time(items: Items, name: str, span: tuple[int, int], kind: str, value: str,
              in_date_line: bool) -> None:
    items[TIMEX_SPAN].append(Item(name, (span,)))
    items[TIMEX_TYPE].append(Item(name, (span,), kind))
    items[TIMEX_VALUE].append(Item(name, (span,), value))
    if not in_date_line:
        items[TIMEX_SPAN_BODY].append(Item(name, (span,)))
        items[TIMEX_VALUE_BODY].append(Item(name, (span,), value))


def _add_entities(items: Items, name: str, entities: list[tuple[tuple[int, int], str]]) -> None:
    for span, kind in entities:
        items[MENTIONS].append(Item(name, (span,), kind))
        items[NAMES].append(Item(name, (span,), kind))
        items[NAMES_SPAN].append(Item(name, (span,)))
        items[f"{NAMES} {kind}"].append(Item(name, (span,), kind))

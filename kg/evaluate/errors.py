"""What kg got wrong on names, one line per error, so that a user can see why a score is what
it is: a missed name, a name found with the wrong span or the wrong type, or a span that is no
gold name at all.

Each gold name and each prediction falls in exactly one class, decided in this order:

| class          | gold                      | kg                                        |
| -------------- | ------------------------- | ----------------------------------------- |
| type           | this span, type T         | this exact span, another type             |
| span           | this span, type T         | an overlapping span, type T               |
| span+type      | this span, type T         | an overlapping span, another type         |
| missed         | this span                 | nothing overlapping                       |
| spurious       | nothing overlapping       | this span                                 |

Exact matches are not errors. Pairs are one-to-one, as the lenient score matches them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from kg.evaluate.score import CharSpan, Item, one_to_one

TYPE, SPAN, SPAN_TYPE, MISSED, SPURIOUS = "type", "span", "span+type", "missed", "spurious"
KINDS = (MISSED, SPURIOUS, SPAN, TYPE, SPAN_TYPE)


@dataclass(frozen=True)
class NameMistake:
    """One error: its class, document, and the gold and predicted span, text and type."""

    kind: str
    doc: str
    gold: tuple[CharSpan, str, str] | None  # span, text, type
    predicted: tuple[CharSpan, str, str] | None

    @property
    def position(self) -> int:
        """Where the error starts in its document (to list errors in reading order)."""
        return min(side[0][0] for side in (self.gold, self.predicted) if side)


def name_errors(gold: list[Item], predicted: list[Item],
                texts: dict[str, str]) -> list[NameMistake]:
    """Every error of `predicted` against `gold` names, by document and position."""
    by_doc: dict[str, tuple[set[Item], set[Item]]] = defaultdict(lambda: (set(), set()))
    for item in gold:
        by_doc[item.doc][0].add(item)
    for item in predicted:
        by_doc[item.doc][1].add(item)
    errors = []
    for doc in sorted(by_doc):
        wanted, found = by_doc[doc]
        errors += _errors(doc, wanted - found, found - wanted, texts.get(doc, ""))
    return sorted(errors, key=lambda e: (e.doc, e.position))


def _errors(doc: str, gold: set[Item], predicted: set[Item], text: str) -> list[NameMistake]:
    def side(item: Item) -> tuple[CharSpan, str, str]:
        span = item.spans[0]
        return span, text[span[0]:span[1]], item.label

    errors = []
    for kind, fits in ((TYPE, _same_span), (SPAN, _overlap_same_type), (SPAN_TYPE, _overlap)):
        for g, p in _pairs(gold, predicted, fits):
            gold.discard(g)
            predicted.discard(p)
            errors.append(NameMistake(kind, doc, side(g), side(p)))
    errors += [NameMistake(MISSED, doc, side(g), None) for g in gold]
    errors += [NameMistake(SPURIOUS, doc, None, side(p)) for p in predicted]
    return errors


def _pairs(gold: set[Item], predicted: set[Item],
           fits: Callable[[Item, Item], bool]) -> list[tuple[Item, Item]]:
    """One-to-one pairs that `fits`, largest overlap first."""
    candidates = sorted(((_shared(g, p), g, p) for g in gold for p in predicted if fits(g, p)),
                        key=lambda c: (-c[0], c[1].spans, c[2].spans))
    return one_to_one((g, p) for _, g, p in candidates)


def _shared(gold: Item, predicted: Item) -> int:
    (gb, ge), (pb, pe) = gold.spans[0], predicted.spans[0]
    return min(ge, pe) - max(gb, pb)


def _same_span(gold: Item, predicted: Item) -> bool:
    return gold.spans == predicted.spans


def _overlap(gold: Item, predicted: Item) -> bool:
    return _shared(gold, predicted) > 0


def _overlap_same_type(gold: Item, predicted: Item) -> bool:
    return gold.label == predicted.label and _overlap(gold, predicted)


def render_errors(errors: list[NameMistake]) -> list[str]:
    """Tab-separated lines: class, document, gold text and type, kg's text and type."""
    def cell(side: tuple[CharSpan, str, str] | None) -> str:
        return f"{side[1]!r} {side[2]}" if side else "-"

    return [f"{e.kind}\t{e.doc}\t{cell(e.gold)}\t{cell(e.predicted)}" for e in errors]

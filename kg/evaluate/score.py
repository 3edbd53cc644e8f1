"""Precision, recall and F1 of predicted items against gold items, strict or lenient.

An item is one or more character spans in one document, with a label (an entity type, a TIMEX3
type or value, or "" when only spans count). Strict: a prediction matches a gold item with the
same label and exactly the same spans. Lenient: the same label and every span overlapping.
Matching is one-to-one (a gold item is found at most once, a prediction counts at most once),
so nested gold mentions ("Airbus parent EADS", "EADS") cannot all be credited to one
prediction. Scores are micro-averaged: counts are summed over the corpus first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

G = TypeVar("G")
P = TypeVar("P")


CharSpan = tuple[int, int]


@dataclass(frozen=True)
class Item:
    """Something annotated or predicted: its document, spans (one, or two for a pair), label."""

    doc: str
    spans: tuple[CharSpan, ...]
    label: str = ""


@dataclass(frozen=True)
class Score:
    """Matched, gold and predicted counts, and the measures derived from them."""

    matched: int
    gold: int
    predicted: int

    @property
    def precision(self) -> float:
        """Share of predictions that match gold; 0 when nothing was predicted."""
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Share of gold items that were found; 0 when the gold is empty."""
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def score(gold: Iterable[Item], predicted: Iterable[Item], lenient: bool = False) -> Score:
    """Micro-averaged match counts of `predicted` against `gold` (duplicates count once)."""
    gold_set, predicted_set = set(gold), set(predicted)
    if lenient:
        matched = sum(_overlap_matches(g, p) for g, p in _by_doc(gold_set, predicted_set))
    else:
        matched = len(gold_set & predicted_set)
    return Score(matched, len(gold_set), len(predicted_set))


def _by_doc(gold: set[Item], predicted: set[Item]) -> list[tuple[list[Item], list[Item]]]:
    groups: dict[tuple[str, str], tuple[list[Item], list[Item]]] = defaultdict(lambda: ([], []))
    for item in gold:
        groups[item.doc, item.label][0].append(item)
    for item in predicted:
        groups[item.doc, item.label][1].append(item)
    return [groups[key] for key in sorted(groups)]


def _overlap_matches(gold: list[Item], predicted: list[Item]) -> int:
    """Greedy one-to-one matching, largest overlap first (exact matches therefore first)."""
    pairs = sorted(((_overlap(g, p), gi, pi) for gi, g in enumerate(gold)
                    for pi, p in enumerate(predicted) if _overlaps(g, p)), reverse=True)
    return len(one_to_one((gi, pi) for _, gi, pi in pairs))


def one_to_one(candidates: Iterable[tuple[G, P]]) -> list[tuple[G, P]]:
    """The pairs of `candidates` (best first) whose sides no earlier pair has taken."""
    used_gold: set[G] = set()
    used_predicted: set[P] = set()
    pairs = []
    for g, p in candidates:
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
            pairs.append((g, p))
    return pairs


def _overlaps(gold: Item, predicted: Item) -> bool:
    return len(gold.spans) == len(predicted.spans) and all(
        g[0] < p[1] and p[0] < g[1] for g, p in zip(gold.spans, predicted.spans))


def _overlap(gold: Item, predicted: Item) -> tuple[int, int]:
    """Characters shared, then (to prefer the tighter match) minus characters not shared."""
    shared = sum(min(g[1], p[1]) - max(g[0], p[0]) for g, p in zip(gold.spans, predicted.spans))
    spread = sum(max(g[1], p[1]) - min(g[0], p[0]) for g, p in zip(gold.spans, predicted.spans))
    return shared, shared - spread

"""Which place lies in which, as the article says it: "a crash on Route 2 in Randolph, New
Hampshire" puts Route 2 in Randolph and Randolph in New Hampshire. An event's place and the
places around it are then one place said more or less precisely, not two places."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from kg.extract.events.arguments import Arguments
from kg.model import EntityKind

# How wide each kind of place is: "X in Y" needs Y at least as wide; "X, Y" wider.
BREADTH = {EntityKind.PLACE: 0, EntityKind.CITY: 1, EntityKind.ADMINISTRATIVE_AREA: 2,
           EntityKind.COUNTRY: 3}
# How "in the centre of Afghanistan's Maidan Wardak province" goes on to the place it names.
PLACE_PATH = {"prep", "pobj", "compound", "poss"}


class Containment:
    """The article's places, each with the places it is said to lie in, nearest first."""

    def __init__(self) -> None:
        self.outer: dict[str, list[str]] = {}

    def read(self, sentence: SpacySpan, args: Arguments) -> None:
        """Adds what one sentence says: "X in Y" and "X, Y" for places X and Y."""
        for token in sentence:
            inner = _place(token, args)
            if inner is None:
                continue
            for outer in _said_around(token, inner, args):
                if outer not in self.outer.setdefault(inner, []) and not self.within(outer, inner):
                    self.outer[inner].append(outer)

    def around(self, place: str) -> list[str]:
        """The places `place` lies in, nearest first, following the nearest at each step."""
        chain: list[str] = []
        step = place
        while (outer := next(iter(self.outer.get(step, ())), None)) and outer not in chain:
            chain.append(outer)
            step = outer
        return chain

    def within(self, inner: str, outer: str) -> bool:
        """Whether the article puts `inner` in `outer`, directly or through other places."""
        seen, todo = set(), [inner]
        while todo:
            step = todo.pop()
            if step == outer:
                return True
            seen.add(step)
            todo += [o for o in self.outer.get(step, ()) if o not in seen]
        return False

    def one_place(self, a: str, b: str) -> bool:
        """The same place, or one said of the other more precisely."""
        return a == b or self.within(a, b) or self.within(b, a)


def _said_around(token: Token, inner: str, args: Arguments) -> list[str]:
    found = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "in":
            outer = next(filter(None, (_first_place(o, args) for o in child.children
                                       if o.dep_ == "pobj")), None)
            if outer and outer != inner and _breadth(outer, args) >= _breadth(inner, args):
                found.append(outer)
        elif child.dep_ in {"appos", "conj"} and not _listed(token, child):
            outer = _place(child, args)
            if outer and _breadth(outer, args) > _breadth(inner, args):
                found.append(outer)
    return found


def _listed(token: Token, conjunct: Token) -> bool:
    """"Paris, Lyon and Nice": places listed side by side, not one in the other."""
    return any(c.dep_ == "cc" for c in (*token.children, *conjunct.children))


def _first_place(phrase: Token, args: Arguments) -> str | None:
    """The first place the phrase names, depth first: "the centre of [the province]"."""
    stack = [phrase]
    while stack:
        token = stack.pop()
        key = _place(token, args)
        if key:
            return key
        # A possessor ("Afghanistan's province") and a compound ("the U.S. city of X") are
        # wider than what the phrase names: they come last (pushed first).
        stack += sorted((c for c in token.children if c.dep_ in PLACE_PATH),
                        key=lambda c: (c.dep_ != "poss", c.dep_ != "compound", -c.i))
    return None


def _place(token: Token, args: Arguments) -> str | None:
    key = args.entity(token) if token.pos_ == "PROPN" or token.ent_type_ else None
    return key if key and args.index.entities[key].kind in BREADTH else None


def _breadth(key: str, args: Arguments) -> int:
    return BREADTH[args.index.entities[key].kind]

"""Person names within an article: which names are one person, and which the model's PERSON
label gets wrong.

"Belousov", "Andrei Belousov" and the misspelt "Andrei Belusov" are one person. A news article
introduces a person by full name or by title ("Andrei Belousov", "Mr Smith", "spokeswoman
Jones") before using a single name; a single word tagged PERSON that the article never
introduces ("Ryanair", "the Beatles", "Tiger") is not a person's name.
"""

from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher

from kg.extract.lexicon import position_heads
from kg.extract.names.candidates import Candidate, relabel_candidate
from kg.extract.names.extents import PERSON_TITLES, TITLE_MODIFIERS
from kg.extract.places import is_known_place

SIMILAR = 0.85  # surname similarity for misspellings ("Belusov" / "Belousov": 0.93)


def person_names(names: list[str]) -> dict[str, str]:
    """Each person name of the article to the canonical full name of its person."""
    full = list(dict.fromkeys(n for n in names if len(n.split()) > 1))
    surnames = Counter(n.split()[-1] for n in names)
    groups: list[list[str]] = []
    for name in full:
        group = next((g for g in groups if any(_same_person(name, other) for other in g)), None)
        if group is None:
            groups.append([name])
        else:
            group.append(name)
    canonical = {n: max(g, key=lambda m: (surnames[m.split()[-1]], -g.index(m)))
                 for g in groups for n in g}
    for name in dict.fromkeys(names):
        if name not in canonical:
            canonical[name] = _match_single(name, groups, canonical) or name
    return canonical


def _same_person(a: str, b: str) -> bool:
    first_a, last_a, first_b, last_b = a.split()[0], a.split()[-1], b.split()[0], b.split()[-1]
    return first_a == first_b and similar(last_a, last_b)


def similar(a: str, b: str) -> bool:
    """True when two surnames are the same or one is a likely misspelling of the other."""
    return a == b or (min(len(a), len(b)) >= 5 and a[0] == b[0]
                      and SequenceMatcher(None, a, b).ratio() >= SIMILAR)


def _match_single(name: str, groups: list[list[str]], canonical: dict[str, str]) -> str | None:
    exact = [g for g in groups if any(n.split()[-1] == name for n in g)]
    near = [g for g in groups if any(similar(n.split()[-1], name) for n in g)]
    choice = exact or near
    return canonical[choice[0][0]] if len(choice) == 1 else None


def unintroduced(text: str, found: list[Candidate], persons: dict[str, str]) -> set[str]:
    """Single-word PERSON names that no full name and no title before them introduce."""
    titled = {c.text for c in found if c.label == "PERSON" and _titled(text, c)}
    return {c.text for c in found
            if c.label == "PERSON" and not c.gazetteer and len(c.text.split()) == 1
            and persons.get(c.text, c.text) == c.text and c.text not in titled}


def _titled(text: str, candidate: Candidate) -> bool:
    """True when a title stands right before the name ("Mr Smith", "spokeswoman Jones")."""
    words = text[max(0, candidate.begin - 40):candidate.begin].split()
    return bool(words) and (words[-1] in PERSON_TITLES or words[-1].lower() in position_heads()
                            or words[-1].lower() in TITLE_MODIFIERS)


def not_a_person(candidate: Candidate, products: set[str]) -> Candidate:
    """A name wrongly tagged PERSON as what it more likely is: a product if a sentence treats
    it as one (`products`), a known place, else an organisation (a company, a band, an agency: the
    commonest names in news after people)."""
    if candidate.text in products:  # one sentence treats the name as a product's
        return relabel_candidate(candidate, "PRODUCT")
    return relabel_candidate(candidate, "GPE" if is_known_place(candidate.text) else "ORG")

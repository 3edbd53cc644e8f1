"""PropBank's rolesets (extract/data/propbank/, CC BY-SA 4.0): the senses a word can name and
the numbered roles of each. spaCy-free; the table is read once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.extract.lexicon import rows

# spaCy's coarse tags to the frames' parts of speech. AUX is left out: auxiliaries name no event.
POS = {"VERB": "v", "NOUN": "n", "ADJ": "j"}


@dataclass(frozen=True)
class Role:
    """A role of a roleset: number "0"-"6", or "M" for a modifier the roleset frames."""

    number: str
    function: str  # PAG, PPT, GOL, LOC ...; for an "M" role, which modifier it is
    description: str
    verbnet: str
    framenet: str
    # The prepositions that begin the role in PropBank's examples, with counts, most frequent
    # first: how "on X" finds its role.
    preposition_counts: tuple[tuple[str, int], ...] = ()

    @property
    def label(self) -> str:
        """The role as PropBank names it in text: ARG0, or ARGM-LOC for an "M" role."""
        return f"ARGM-{self.function}" if self.number == "M" else f"ARG{self.number}"

    @property
    def prepositions(self) -> tuple[str, ...]:
        """The prepositions that begin the role in the examples, most frequent first."""
        return tuple(preposition for preposition, _ in self.preposition_counts)


@dataclass(frozen=True)
class Roleset:
    """One sense of a predicate ("kill.01": cause to die) and its roles, in PropBank's order."""

    id: str
    name: str
    roles: tuple[Role, ...]
    # Prepositions that begin its modifiers in the examples, by function ("LOC", "TMP").
    modifiers: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()

    def role(self, label: str) -> Role | None:
        """The role labelled `label` ("ARG0", "ARGM-LOC"), if the roleset has one."""
        return next((role for role in self.roles if role.label == label), None)

    def modifier_prepositions(self, function: str) -> tuple[str, ...]:
        """The prepositions that begin the modifier `function` ("LOC") in the examples."""
        found = dict(self.modifiers).get(function, ())
        return tuple(preposition for preposition, _ in found)


@dataclass(frozen=True)
class ArgumentNoun:
    """A word that names an argument of a roleset, not its event ("killer": ARG0 of kill.01)."""

    roleset: str
    label: str

    @property
    def role(self) -> Role | None:
        """The role it names, if the roleset frames it (an ARGM- role may not be)."""
        return roleset(self.roleset).role(self.label)


def key(word: str) -> str:
    """A word as the table writes it: lower case, a multiword one joined by "_" ("set_off")."""
    return "_".join(word.lower().split())


def rolesets(lemma: str, pos: str) -> tuple[Roleset, ...]:
    """The rolesets `lemma` can name as a VERB, NOUN or ADJ (spaCy's tags); () if none."""
    ids = _aliases().get((key(lemma), POS.get(pos, "")), ())
    return tuple(roleset(rid) for rid in ids)


@cache
def roleset(rid: str) -> Roleset:
    """The roleset of id `rid` ("kill.01"); KeyError if PropBank has none."""
    ((name,),) = _by_roleset("rolesets")[rid]
    roles = tuple(_role(row) for row in _by_roleset("roles").get(rid, ()))
    modifiers = tuple((row[0], _counts(row[1])) for row in _by_roleset("modifiers").get(rid, ()))
    return Roleset(rid, name, roles, modifiers)


def all_rolesets() -> tuple[str, ...]:
    """Every roleset id, in the table's order."""
    return tuple(_by_roleset("rolesets"))


def argument_nouns(word: str) -> tuple[ArgumentNoun, ...]:
    """The roleset arguments a noun names ("killer": ARG0 of kill.01); () if none."""
    return _argument_nouns().get(key(word), ())


def _table(name: str) -> list[list[str]]:
    return rows(f"propbank/{name}.tsv")


def _counts(text: str) -> tuple[tuple[str, int], ...]:
    """The table's "of:3,by:1" as (("of", 3), ("by", 1))."""
    pairs = (item.partition(":") for item in text.split(",") if item)
    return tuple((preposition, int(count)) for preposition, _, count in pairs)


@cache
def _aliases() -> dict[tuple[str, str], tuple[str, ...]]:
    """Roleset ids by (alias, frames' part of speech), in the table's order."""
    found: dict[tuple[str, str], list[str]] = {}
    for alias, pos, rid in _table("aliases"):
        found.setdefault((alias, pos), []).append(rid)
    return {pair: tuple(ids) for pair, ids in found.items()}


@cache
def _argument_nouns() -> dict[str, tuple[ArgumentNoun, ...]]:
    found: dict[str, list[ArgumentNoun]] = {}
    for alias, pos, rid, label in _table("argaliases"):
        if pos == "n":
            found.setdefault(alias, []).append(ArgumentNoun(rid, label))
    return {alias: tuple(nouns) for alias, nouns in found.items()}


@cache
def _by_roleset(name: str) -> dict[str, tuple[list[str], ...]]:
    """The rows of one table by their roleset (the first field, dropped), in the table's order.
    Rolesets are built when asked for: most of the 11,000 never are."""
    found: dict[str, list[list[str]]] = {}
    for row in _table(name):
        found.setdefault(row[0], []).append(row[1:])
    return {rid: tuple(grouped) for rid, grouped in found.items()}


def _role(row: list[str]) -> Role:
    number, function, description, verbnet, framenet, preps = row
    return Role(number, function, description, verbnet, framenet, _counts(preps))

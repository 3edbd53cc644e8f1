"""Reading MEANTIME gold annotations (the CAT XML format of the NewsReader MEANTIME corpus).

A file holds the tokens of one Wikinews article (sentence 0 the headline, sentence 1 the date
line), markables anchored to token ids (ENTITY_MENTION, TIMEX3, EVENT_MENTION, ...), the
entities and events they refer to (REFERS_TO), and event participants (HAS_PARTICIPANT).
Everything here is in token ids; kg.evaluate.text turns tokens into characters.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError


@dataclass(frozen=True)
class Token:
    """One gold token: its id, its sentence number and its text."""

    t_id: int
    sentence: int
    text: str


@dataclass(frozen=True)
class GoldEntity:
    """An entity mention: its tokens, syntactic type (NAM, NOM, PRO, ...) and entity type."""

    tokens: tuple[int, ...]
    syntactic_type: str  # "" when the annotators gave none (cross-document layer)
    ent_type: str | None  # PER, ORG, LOC, PRO, FIN, MIX; None when it refers to no entity


@dataclass(frozen=True)
class GoldTimex:
    """A TIMEX3 with tokens (the creation time of a date line has them too)."""

    tokens: tuple[int, ...]
    type: str
    value: str
    creation_time: bool


@dataclass(frozen=True)
class GoldDocument:
    """One gold article: tokens in order and its annotations, in token ids."""

    name: str
    tokens: tuple[Token, ...]
    entities: tuple[GoldEntity, ...]
    timexes: tuple[GoldTimex, ...]
    events: tuple[tuple[int, ...], ...]  # the tokens of each event mention
    participants: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]  # (event, entity mention)

    @property
    def creation_date(self) -> str | None:
        """The article's date (YYYY-MM-DD) from its CREATION_TIME TIMEX3, if it has a usable one."""
        for timex in self.timexes:
            if timex.creation_time and _is_day(timex.value):
                return timex.value[:10]
        return None


def read_gold(path: Path) -> GoldDocument:
    """The gold document of one CAT XML file; InputError naming the file when it is unusable."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as error:
        raise InputError(f"{path}: not readable CAT XML: {error}") from error
    tokens = _tokens(root, path)
    markables = root.find("Markables")
    elements = list(markables) if markables is not None else []
    by_id = {element.get("m_id", ""): element for element in elements}
    refers = _refers_to(root)
    known = {token.t_id for token in tokens}
    anchors = {m_id: _anchors(element, known, path) for m_id, element in by_id.items()}
    return GoldDocument(
        name=path.stem,
        tokens=tokens,
        entities=tuple(_entities(elements, by_id, refers, anchors)),
        timexes=tuple(_timexes(elements, anchors)),
        events=tuple(anchors[e.get("m_id", "")] for e in elements
                     if e.tag == "EVENT_MENTION" and anchors[e.get("m_id", "")]),
        participants=tuple(_participants(root, by_id, anchors)),
    )


def _tokens(root: ET.Element, path: Path) -> tuple[Token, ...]:
    tokens = []
    for element in root.iter("token"):
        try:
            tokens.append(Token(int(element.get("t_id", "")), int(element.get("sentence", "")),
                                element.text or ""))
        except ValueError as error:
            raise InputError(f"{path}: a token without a numeric t_id or sentence") from error
    if not tokens:
        raise InputError(f"{path}: no tokens", hint="is this a MEANTIME CAT XML file?")
    return tuple(tokens)


def _anchors(element: ET.Element, known: set[int], path: Path) -> tuple[int, ...]:
    ids = tuple(sorted(int(a.get("t_id", "-1")) for a in element.iter("token_anchor")))
    missing = [t_id for t_id in ids if t_id not in known]
    if missing:
        raise InputError(f"{path}: markable m_id={element.get('m_id')} is anchored to missing "
                         f"token(s) {missing}")
    return ids


def _refers_to(root: ET.Element) -> dict[str, str]:
    """Mention id -> the id of the entity or event it refers to."""
    links = {}
    for relation in root.iter("REFERS_TO"):
        target = relation.find("target")
        for source in relation.findall("source"):
            if target is not None:
                links[source.get("m_id", "")] = target.get("m_id", "")
    return links


def _entities(elements: list[ET.Element], by_id: dict[str, ET.Element],
              refers: dict[str, str], anchors: dict[str, tuple[int, ...]]) -> list[GoldEntity]:
    found = []
    for element in elements:
        m_id = element.get("m_id", "")
        if element.tag != "ENTITY_MENTION" or not anchors[m_id]:
            continue
        entity = by_id.get(refers.get(m_id, ""))
        ent_type = entity.get("ent_type") if entity is not None and entity.tag == "ENTITY" else None
        found.append(GoldEntity(anchors[m_id], element.get("syntactic_type", ""), ent_type or None))
    return found


def _timexes(elements: list[ET.Element], anchors: dict[str, tuple[int, ...]]) -> list[GoldTimex]:
    return [GoldTimex(anchors[e.get("m_id", "")], e.get("type", ""), e.get("value", ""),
                      e.get("functionInDocument") == "CREATION_TIME")
            for e in elements if e.tag == "TIMEX3" and anchors[e.get("m_id", "")]]


TokenPair = tuple[tuple[int, ...], tuple[int, ...]]


def _participants(root: ET.Element, by_id: dict[str, ET.Element],
                  anchors: dict[str, tuple[int, ...]]) -> list[TokenPair]:
    """(event mention, entity mention) token pairs; participants that are times or values are
    not entities and are left out."""
    pairs: list[TokenPair] = []
    for relation in root.iter("HAS_PARTICIPANT"):
        source, target = relation.find("source"), relation.find("target")
        if source is None or target is None:
            continue
        event, entity = source.get("m_id", ""), target.get("m_id", "")
        if entity in by_id and by_id[entity].tag == "ENTITY_MENTION" \
                and anchors.get(event) and anchors.get(entity):
            pairs.append((anchors[event], anchors[entity]))
    return pairs


def _is_day(value: str) -> bool:
    return len(value) >= 10 and value[:4].isdigit() and value[4] == "-" and value[7] == "-"

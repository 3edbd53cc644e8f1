"""Within-article coreference of names: one Entity per real-world entity, with its mentions.

"Belousov", "Andrei Belousov" and the misspelt "Andrei Belusov" are one person; "AFU", "Armed
Forces of Ukraine" and "Ukrainian Armed Forces" one organisation (the gazetteer); "Russian
Defense Ministry" and "Russian Ministry of Defense" one ministry; a surname the model tagged as
an organisation ("Ryder") is the person. Keys are stable across articles: see Entity.key.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from kg.extract.lexicon import event_name_words, gazetteer, gazetteer_by_name
from kg.extract.names.candidates import Candidate, relabel_candidate
from kg.extract.names.organizations import organization_entity
from kg.extract.names.persons import not_a_person, person_names, similar, unintroduced
from kg.extract.places import is_country, is_known_place, lookup_place
from kg.ids import name_key
from kg.model import Entity, EntityKind, Mention

_STORM = re.compile(r"\b(?:Hurricane|Typhoon|Cyclone|Storm|Tropical Storm|Tropical Depression)"
                    r"\s+([A-Z][a-z]+)\b")
_DEFINITION = re.compile(r"\s*\((?P<acronym>[A-Z][A-Za-z&]{1,9})\)")
VOTING_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT"}
# Labels the small model gives a person's surname: ORG, GPE and NORP always could be one; a
# facility, location, event or work only when no known place has the name.
PLACE_LABELS = {"FAC", "LOC"}
# The last words of a company's name that its short form drops ("Mahan Air" is "Mahan"); not
# "University" or "Foundation", whose short forms are mostly places or people ("Oxford").
SHORTENED_BY = {"Air", "Airlines", "Airways", "Inc", "Inc.", "Corp", "Corp.", "Corporation",
                "Co.", "Ltd", "Ltd.", "LLC", "PLC", "plc", "AG", "GmbH", "Group", "Holdings"}
# Names an initialism may stand for: organisations and facilities ("ISS").
INITIALLED_LABELS = {"ORG", "FAC", "LOC", "GPE"}
# Words before a place's name that make it the place, not a company named after it.
PLACE_PREPOSITIONS = {"in", "at", "to", "from", "near", "into", "of", "outside"}
SURNAME_LABELS = {"ORG", "GPE", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"} | PLACE_LABELS
KINDS = {"PERSON": EntityKind.PERSON, "ORG": EntityKind.ORGANIZATION, "GPE": EntityKind.PLACE,
         "LOC": EntityKind.PLACE, "FAC": EntityKind.PLACE, "PRODUCT": EntityKind.PRODUCT,
         "WEAPON": EntityKind.WEAPON}


def resolve(text: str, found: list[Candidate],
            scope: str) -> tuple[dict[str, Entity], list[Mention]]:
    """Entities by key, and one mention per candidate span that names one of them.

    `scope` identifies the article, for names that only identify something within it."""
    storms = set(_STORM.findall(text))  # "Hurricane Humberto" ... "Humberto" names no entity
    found = [c for c in found if c.text not in storms]
    acronyms = _defined_acronyms(text, found)
    events = {c.text for c in found if c.text.split()[-1] in event_name_words()}
    events |= {acronym for acronym, name in acronyms.items() if name in events}
    found = [c for c in found if c.text not in events]  # "WWDC" is no organisation
    acronyms = {acronym: name for acronym, name in acronyms.items() if acronym not in events}
    found = [relabel_candidate(c, "ORG") if c.text in acronyms else c for c in found]
    shortened = _short_forms(found)
    found = [_as_short_form(c, shortened, text) for c in found]
    spelled = _initialisms(found)
    found = [_spelled_out(c, spelled) for c in found]
    misspelt = _misspelt_places(found)
    persons = person_names([c.text for c in found if c.label == "PERSON"])
    found = [_as_person(c, persons) for c in found]
    found = _one_label_per_name(found, persons)
    doubtful = unintroduced(text, found, persons)
    products = {c.text for c in found if c.text in doubtful and c.product_like}
    found = [not_a_person(c, products) if c.label == "PERSON" and c.text in doubtful else c
             for c in found]
    persons = {name: canonical for name, canonical in persons.items() if name not in doubtful}
    known = {name: "PERSON" for name, canonical in persons.items() if canonical}
    found += _unlabelled(text, found, known | dict.fromkeys(acronyms, "ORG"))
    entities: dict[str, Entity] = {}
    mentions = []
    for candidate in sorted(found, key=lambda c: (c.begin, c.end)):
        full_names = acronyms | shortened | misspelt | {k: c.text for k, c in spelled.items()}
        entity = _entity(candidate, persons, found, full_names, scope)
        if entity is None:
            continue
        entities[entity.key] = _merge(entities.get(entity.key), entity, candidate.text)
        begin, end = candidate.mention_begin, candidate.mention_end
        mentions.append(Mention(begin, end, text[begin:end], entity.key))
    return entities, mentions


def _defined_acronyms(text: str, found: list[Candidate]) -> dict[str, str]:
    """Acronyms the article defines: "the National Elections Commission (NEC)" -> its name."""
    defined = {}
    for c in found:
        match = _DEFINITION.match(text, c.end) if c.label == "ORG" else None
        if match and match["acronym"] != c.text:
            defined[match["acronym"]] = c.text
    return defined


def _short_forms(found: list[Candidate]) -> dict[str, str]:
    """"Mahan" for "Mahan Air", "Skyvault" for "Skyvault Holdings": a company's name without the
    word that says what it is, unless that is a country's or region's name ("Kenya Airways")."""
    shortened = {}
    for name in {c.text for c in found if c.label == "ORG"}:
        words = name.split()
        short = " ".join(words[:-1])
        if len(words) < 2 or words[-1] not in SHORTENED_BY or is_country(short):
            continue
        place = lookup_place(short)
        if place is None or place.kind is EntityKind.CITY:
            shortened[short] = name
    return shortened


def _as_short_form(candidate: Candidate, shortened: dict[str, str], text: str) -> Candidate:
    """A short form names the company, but not after a preposition of place ("flights to
    Mahan"): there it is the place, and the article's one label per name is voted on."""
    if candidate.text not in shortened or candidate.gazetteer:
        return candidate
    before = text[max(0, candidate.begin - 12):candidate.begin].split()
    if before and before[-1].lower() in PLACE_PREPOSITIONS:
        return candidate
    return relabel_candidate(candidate, "ORG")


def _initialisms(found: list[Candidate]) -> dict[str, Candidate]:
    """Names of several words the article gives in full, by their initials ("ISS" for
    "International Space Station"; "of", "and", "the" count no letter); initials two names
    share spell neither."""
    by_initials: dict[str, list[Candidate]] = {}
    for c in found:
        if len(c.text.split()) > 1 and c.label in INITIALLED_LABELS and not c.gazetteer:
            by_initials.setdefault(_initials(c.text), []).append(c)
    return {letters: names[0] for letters, names in by_initials.items()
            if len({n.text for n in names}) == 1}


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split()
                   if word[0].isupper() and word.lower() not in {"of", "and", "the", "for"})


def _spelled_out(candidate: Candidate, spelled: dict[str, Candidate]) -> Candidate:
    """An all-capital word spelling a name's initials names what that name names (the names
    the entity is made from: `_entity`'s full names)."""
    text = candidate.text
    if candidate.gazetteer or not (text.isupper() and 2 <= len(text) <= 6) or text not in spelled:
        return candidate
    return relabel_candidate(candidate, spelled[text].label)


def _misspelt_places(found: list[Candidate]) -> dict[str, str]:
    """A place name no gazetteer knows that is a likely misspelling of one the article also
    uses and the gazetteer knows ("Magnitigorsk" for "Magnitogorsk"): that place."""
    places = {c.text for c in found if c.label in {"GPE", "LOC", "FAC"} and not c.gazetteer}
    known = [p for p in places if lookup_place(p) is not None]
    misspelt = {}
    for name in (p for p in places if lookup_place(p) is None):
        near = [k for k in known if similar(name, k)]
        if len(near) == 1:
            misspelt[name] = near[0]
    return misspelt


def _entity(c: Candidate, persons: dict[str, str], found: list[Candidate],
            full_names: dict[str, str], scope: str) -> Entity | None:
    """The entity a candidate names; `full_names` gives the whole name of an acronym or a short
    form ("HPG": "Harbour Pilots Guild")."""
    name = full_names.get(c.text, c.text)
    entry = (gazetteer()[c.gazetteer.partition(":")[2]] if c.gazetteer
             else gazetteer_by_name().get(name.casefold()))
    if entry is not None:
        return Entity(name_key(entry.kind.family, entry.key), entry.kind, entry.name)
    if c.label == "PERSON":
        name = persons[c.text]
        return Entity(name_key("person", name), EntityKind.PERSON, name)
    if c.label in {"GPE", "LOC", "FAC"}:
        place = lookup_place(name)
        if place is None:
            return Entity(name_key("place", name), EntityKind.PLACE, name)
        return Entity(f"geonames:{place.geonames_id}", place.kind, place.name,
                      geonames_id=place.geonames_id)
    if c.label == "ORG":
        return organization_entity(name, [f.text for f in found if f.label == "ORG"], scope)
    if c.label in KINDS:
        return Entity(name_key("product", c.text), KINDS[c.label], c.text)
    return None  # NORP: nationality adjectives qualify others, they are not entities


def _merge(old: Entity | None, new: Entity, surface: str) -> Entity:
    """The entity (as first seen) with every name the article used for it as an alternate name."""
    first = old or new
    names = set(first.alternate_names) | {surface}
    names.discard(first.name)
    return replace(first, alternate_names=tuple(sorted(names)))


def _as_person(candidate: Candidate, persons: dict[str, str]) -> Candidate:
    """A surname the model labelled as anything else ("Ryder" ORG, "voted for Quill" FAC) that
    names a person of the article: a place the gazetteer knows keeps its label ("Washington")."""
    if candidate.label not in SURNAME_LABELS or candidate.gazetteer \
            or is_country(candidate.text):  # "Indonesia" is not short for "Garuda Indonesia"
        return candidate
    if candidate.label in PLACE_LABELS and is_known_place(candidate.text):
        return candidate
    owners = {persons[n] for n in persons if len(n.split()) > 1 and n.split()[-1] == candidate.text}
    if len(owners) != 1:
        return candidate
    persons[candidate.text] = owners.pop()
    return relabel_candidate(candidate, "PERSON")


def _one_label_per_name(found: list[Candidate], persons: dict[str, str]) -> list[Candidate]:
    """One name, one type within an article: the small model tags "Ryanair" ORG in one
    sentence and PERSON in the next. The label most mentions have wins; on a tie, not PERSON
    (a person's name is confirmed by a full name, which _as_person has already used). What
    the text says a name is ("Sines, Portugal's largest port") outvotes the model."""
    labels: dict[str, Counter[str]] = {}
    for c in found:
        if c.label in VOTING_LABELS and not c.gazetteer:
            labels.setdefault(c.text, Counter())[c.label] += 1
    chosen = {}
    for text, counts in labels.items():
        if len(counts) > 1 and not (counts["PERSON"] and len(persons.get(text, "").split()) > 1):
            chosen[text] = max(counts, key=lambda label: (counts[label], label != "PERSON", label))
    chosen |= {c.text: c.label for c in found if c.described and not c.gazetteer}
    return [relabel_candidate(c, chosen[c.text]) if c.text in chosen and not c.gazetteer else c
            for c in found]


def _unlabelled(text: str, found: list[Candidate], names: dict[str, str]) -> list[Candidate]:
    """Occurrences of the article's person names and defined acronyms that the model missed
    (in headlines, mostly, and inside the parentheses that define an acronym)."""
    taken = [(c.begin, c.end) for c in found]
    extra = []
    for name in sorted(names, key=lambda n: (-len(n), n)):
        if len(name) < 4 and names[name] == "PERSON":
            continue
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            span = (match.start(), match.end())
            if not any(b < span[1] and span[0] < e for b, e in taken):
                taken.append(span)
                extra.append(Candidate(span[0], span[1], name, names[name]))
    return extra

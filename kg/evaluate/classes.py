"""The one place where MEANTIME's classes, kg's classes and spaCy's labels meet.

Entity mentions are scored in four types, MEANTIME's own codes:

| type | MEANTIME | kg itsrdf:taClassRef of a mention                    | spaCy (baseline) |
| ---- | -------- | ---------------------------------------------------- | ---------------- |
| PER  | PER      | schema:Person                                        | PERSON           |
| ORG  | ORG      | schema:Organization, schema:GovernmentOrganization,  | ORG              |
|      |          | kgo:MilitaryOrganization                             |                  |
| LOC  | LOC      | schema:Place, schema:Country, schema:City,           | GPE, LOC, FAC    |
|      |          | schema:AdministrativeArea                            |                  |
| PRO  | PRO      | schema:Product, kgo:Weapon                           | PRODUCT          |

(MEANTIME: its ent_type.)

MEANTIME's FIN (financial: "the contract", "prices") and MIX entities have no kg class and
are not scored; neither are spaCy's NORP ("German"), which MEANTIME never annotates as a name
of its own, nor its other labels (MONEY, CARDINAL, EVENT, LAW, ...).

"Names" are MEANTIME mentions of syntactic type NAM (a proper name as head: "Boeing", "the
Airbus A380") or PRE.NAM (a proper name as pre-modifier: "Apple" in "Apple mobile devices"),
innermost only: MEANTIME nests mentions, and a name mention that contains another ("Airbus
parent EADS", "JSA Research defence analyst Paul Nesbit") is a noun phrase around names, so
"Airbus", "EADS" and "Paul Nesbit" are the names scored. This is the convention of named-entity
tagging; with it the bare spaCy model scores about the 0.56 the issue reports. A gold name
that refers to no entity has no type: it counts in "names, span only", and in the typed rows a
prediction at exactly its span is left out (neither right nor wrong: tasks.drop_untyped). NOM, PRO
(pronouns), APP, CONJ and the other syntactic types are scored only in the row of all mentions.

Time expressions: MEANTIME TIMEX3 against kg:TimeExpression phrases (kgo:timexType and
kgo:timexValue use TIMEX3 syntax, so types and values compare as strings); for the baseline,
spaCy's DATE and TIME entities, whose spans only are scored.
"""

from __future__ import annotations

from kg.namespaces import KGO, SDO

ENTITY_TYPES = ("PER", "ORG", "LOC", "PRO")
NAME_TYPES = frozenset({"NAM", "PRE.NAM"})  # MEANTIME's syntactic types of proper names

KG_CLASSES: dict[str, str] = {
    str(SDO.Person): "PER",
    str(SDO.Organization): "ORG",
    str(SDO.GovernmentOrganization): "ORG",
    str(KGO.MilitaryOrganization): "ORG",
    str(SDO.Place): "LOC",
    str(SDO.Country): "LOC",
    str(SDO.City): "LOC",
    str(SDO.AdministrativeArea): "LOC",
    str(SDO.Product): "PRO",
    str(KGO.Weapon): "PRO",
}

SPACY_LABELS: dict[str, str] = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "PRODUCT": "PRO",
}
SPACY_TIME_LABELS = frozenset({"DATE", "TIME"})


def gold_type(ent_type: str | None) -> str | None:
    """The scored type of a MEANTIME entity type, None for FIN, MIX and untyped mentions."""
    return ent_type if ent_type in ENTITY_TYPES else None


def kg_type(class_iri: str) -> str | None:
    """The scored type of a kg mention's class IRI, None for classes that are not entities."""
    return KG_CLASSES.get(class_iri)


def spacy_type(label: str) -> str | None:
    """The scored type of a spaCy entity label, None for labels that are not scored."""
    return SPACY_LABELS.get(label)

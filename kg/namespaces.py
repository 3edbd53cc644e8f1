"""Vocabulary objects: the only way code names an RDF term.

`KGO` lists every term of the project's ontology; tests/test_ontology.py keeps this list and
ontology/kgo.ttl equal, and `_fail = True` turns a typo into an AttributeError.
"""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace
from rdflib.term import URIRef

KGO_IRI = "https://w3id.org/kg-news/ontology#"


class KGO(DefinedNamespace):
    """The kg ontology (ontology/kgo.ttl)."""

    _NS = Namespace(KGO_IRI)
    _fail = True

    # classes
    TimeExpression: URIRef
    Weapon: URIRef
    MilitaryOrganization: URIRef
    Position: URIRef
    # properties
    timexType: URIRef
    timexValue: URIRef
    contentSha256: URIRef
    holdsPosition: URIRef
    holder: URIRef
    title: URIRef
    country: URIRef
    organization: URIRef

    # event taxonomy (ontology/README.md, "Events")
    Event: URIRef
    Communication: URIRef
    PhoneCall: URIRef
    Meeting: URIRef
    Visit: URIRef
    Statement: URIRef
    Announcement: URIRef
    Confirmation: URIRef
    Denial: URIRef
    Accusation: URIRef
    Threat: URIRef
    Warning: URIRef
    Appeal: URIRef
    Briefing: URIRef
    Discussion: URIRef
    DiplomaticEvent: URIRef
    Summons: URIRef
    Demarche: URIRef
    Sanction: URIRef
    Expulsion: URIRef
    Agreement: URIRef
    Negotiation: URIRef
    ArmedConflictEvent: URIRef
    Attack: URIRef
    Strike: URIRef
    Shelling: URIRef
    Bombing: URIRef
    Shooting: URIRef
    Interception: URIRef
    Killing: URIRef
    Arrest: URIRef
    Consequence: URIRef
    Death: URIRef
    Injury: URIRef
    Damage: URIRef
    PoliticalEvent: URIRef
    Election: URIRef
    Appointment: URIRef
    Resignation: URIRef
    Protest: URIRef
    Vote: URIRef
    LawSigning: URIRef
    LegalEvent: URIRef
    Charge: URIRef
    Trial: URIRef
    Sentencing: URIRef
    Lawsuit: URIRef
    Release: URIRef
    EconomicEvent: URIRef
    Purchase: URIRef
    Sale: URIRef
    Order: URIRef
    Contract: URIRef
    Merger: URIRef
    Layoff: URIRef
    PriceChange: URIRef
    Delivery: URIRef
    Launch: URIRef
    Disaster: URIRef
    Fire: URIRef
    Explosion: URIRef
    Crash: URIRef
    Collapse: URIRef
    Earthquake: URIRef
    Storm: URIRef
    Flood: URIRef
    Outbreak: URIRef
    Evacuation: URIRef
    Rescue: URIRef
    Transport: URIRef

    # event roles, counts and other event properties
    participant: URIRef
    agent: URIRef
    initiator: URIRef
    coAgent: URIRef
    patient: URIRef
    target: URIRef
    recipient: URIRef
    instrument: URIRef
    Participation: URIRef
    Referent: URIRef
    participation: URIRef
    role: URIRef
    filler: URIRef
    phrase: URIRef
    argument: URIRef
    roleName: URIRef
    peopleKilled: URIRef
    peopleInjured: URIRef
    childrenKilled: URIRef
    peopleArrested: URIRef
    peopleMissing: URIRef
    peopleEvacuated: URIRef
    instrumentCount: URIRef
    trigger: URIRef
    evidence: URIRef
    factuality: URIRef
    roleset: URIRef
    cause: URIRef
    direct: URIRef
    cameoCode: URIRef


class NIF(DefinedNamespace):
    """The parts of NIF 2.0 Core that kg uses."""

    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    _fail = True

    Context: URIRef
    Phrase: URIRef
    Sentence: URIRef
    isString: URIRef
    referenceContext: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef


class ITSRDF(DefinedNamespace):
    """The parts of ITS 2.0 RDF that kg uses."""

    _NS = Namespace("http://www.w3.org/2005/11/its/rdf#")
    _fail = True

    taIdentRef: URIRef
    taClassRef: URIRef


def kgo_term(name: str) -> URIRef:
    """The kgo term with a local name known only at run time (an event class, a role);
    unknown names raise AttributeError, as KGO.name does."""
    term: URIRef = getattr(KGO, name)
    return term


GEONAMES = Namespace("https://sws.geonames.org/")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")
# A class per PropBank roleset ("propbank:kill.01"), a subclass of kgo:Event that types an event
# the taxonomy has no class for; each article graph that uses one states that, with its name.
PROPBANK = Namespace("https://w3id.org/kg-news/propbank/")

# Prefixes bound on every graph and dump, so output carries these and only these.
PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "schema": SDO,
    "nif": NIF,
    "itsrdf": ITSRDF,
    "prov": PROV,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "kgo": KGO,
    "propbank": PROPBANK,
}

__all__ = ["DCTERMS", "GEONAMES", "ITSRDF", "KGO", "NIF", "OWL", "PREFIXES", "PROPBANK", "PROV",
           "RDF", "RDFS", "SDO", "SKOS", "WIKIDATA", "XSD", "kgo_term"]

"""void.ttl: the dataset described in VoID and DCAT, from counts the store computes itself.

The description names its nodes by fragments of void.ttl (`void.ttl#dataset`). With no
`dump_url` set, every IRI of the dump directory is written relative (`<dataset.nq.gz>`), so
it resolves against wherever void.ttl is served; with one, they are absolute.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, VOID, DefinedNamespace

import kg
from kg.errors import ConfigError
from kg.ids import digest
from kg.namespaces import RDF, XSD
from kg.publish.counts import DatasetCounts
from kg.rdf import PREFIX_IRIS
from kg.settings import Settings


class SPDX(DefinedNamespace):
    """The SPDX terms DCAT uses for checksums."""

    _NS = Namespace("http://spdx.org/rdf/terms#")
    _fail = True

    Checksum: URIRef
    checksum: URIRef
    algorithm: URIRef
    checksumValue: URIRef
    checksumAlgorithm_sha256: URIRef


IANA = Namespace("https://www.iana.org/assignments/media-types/")  # media types, as DCAT wants
FORMATS = Namespace("http://www.w3.org/ns/formats/")  # W3C's IRIs of RDF formats
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")
VOID_FILE = "void.ttl"
# Stands for the dump directory while relative IRIs are written, and is then removed. A scheme
# of its own: pyoxigraph would write other https IRIs relative to an https base ("//host/").
_HERE = "kg-dump://here/"
_PREFIXES = {**PREFIX_IRIS, "void": str(VOID._NS), "dcat": str(DCAT._NS),
             "foaf": str(FOAF._NS), "spdx": str(SPDX._NS), "formats": str(FORMATS)}


@dataclass(frozen=True)
class DumpFile:
    """A file of the dump directory: where, what, how big, and its SHA-256."""

    name: str  # relative to the dump directory, "/"-separated
    media_type: str  # of the content, before gzip
    title: str
    feature: str = ""  # the W3C format name (FORMATS), for void:feature
    gzip: bool = False
    size: int = 0
    sha256: str = ""


@dataclass(frozen=True)
class Dump:
    """What void.ttl describes: the counts, the dataset files, the context, the article files."""

    counts: DatasetCounts
    files: tuple[DumpFile, ...]
    context: DumpFile
    articles: DumpFile  # a directory: its size is the sum of its files'


Triples = list[ox.Triple]
DATASET = f"{VOID_FILE}#dataset"


def void_turtle(dump: Dump, settings: Settings) -> bytes:
    """void.ttl: VoID and DCAT for `dump`, deterministic (sorted, fixed prefix order)."""
    doc = _Description(settings)
    triples = doc.dataset(dump.counts) + doc.partitions(dump.counts) + doc.endpoint()
    for item in (*dump.files, dump.articles):
        triples += doc.distribution(item, dump.context)
    data = ox.serialize(sorted(set(triples), key=str), format=ox.RdfFormat.TURTLE,
                        prefixes=_PREFIXES, base_iri=None if settings.dump_url else _HERE)
    lines = (data or b"").decode().splitlines(keepends=True)
    header = "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in _PREFIXES.items())
    return (header + "".join(line for line in lines if not line.startswith(("@prefix ", "@base ")))
            ).encode()


class _Description:
    """Builds the triples; `at(name)` is a file or fragment of the dump directory."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.here = settings.dump_url or _HERE
        self.ds = self.at(DATASET)

    def at(self, name: str) -> ox.NamedNode:
        return ox.NamedNode(self.here + name)

    def dataset(self, c: DatasetCounts) -> Triples:
        """The dataset: title, licence, dates, counts, vocabularies, examples."""
        ds, title = self.ds, self.settings.dataset_title
        doc = self.at(VOID_FILE)
        out = [_t(doc, RDF.type, _iri(VOID.DatasetDescription)),
               _t(doc, DCTERMS.title, ox.Literal(f"VoID description of {title}")),
               _t(doc, FOAF.primaryTopic, ds),
               _t(ds, RDF.type, _iri(VOID.Dataset)), _t(ds, RDF.type, _iri(DCAT.Dataset)),
               _t(ds, DCTERMS.title, ox.Literal(title)),
               _t(ds, DCTERMS.description, ox.Literal(
                   "News articles as a knowledge graph (entities, events, quotations, claims), "
                   f"one named graph per article, built by kg {kg.__version__}.")),
               _t(ds, VOID.uriSpace, ox.Literal(self.settings.base_iri))]
        out += [_t(ds, VOID[key], _int(value)) for key, value in (
            ("triples", c.triples), ("distinctSubjects", c.subjects),
            ("distinctObjects", c.objects), ("properties", c.properties),
            ("classes", len(c.classes)), ("documents", c.articles))]
        out += [_t(ds, VOID.vocabulary, _iri(iri)) for iri in c.vocabularies]
        out += [_t(ds, VOID.exampleResource, _iri(iri)) for iri in c.examples]
        out += [_t(ds, DCTERMS[key], ox.Literal(value, datatype=_iri(XSD.dateTime)))
                for key, value in (("issued", c.issued), ("modified", c.modified)) if value]
        out += [_t(ds, DCTERMS[name], self.setting(name)) for name in ("license", "publisher")
                if getattr(self.settings, name)]
        return out

    def partitions(self, counts: DatasetCounts) -> Triples:
        """One void:classPartition per class, with its number of entities."""
        out = []
        for cls, entities in counts.classes:
            node = self.at(f"{VOID_FILE}#class-{_fragment(cls)}")
            out += [_t(self.ds, VOID.classPartition, node), _t(node, VOID["class"], _iri(cls)),
                    _t(node, VOID.entities, _int(entities))]
        return out

    def distribution(self, item: DumpFile, context: DumpFile) -> Triples:
        """A dcat:Distribution: where to get it, its media type, size and SHA-256."""
        node, target = self.at(f"{VOID_FILE}#{_fragment(item.name)}"), self.at(item.name)
        out = [_t(self.ds, DCAT.distribution, node), _t(node, RDF.type, _iri(DCAT.Distribution)),
               _t(node, DCTERMS.title, ox.Literal(item.title)), _t(node, DCAT.accessURL, target),
               _t(node, DCAT.mediaType, _iri(IANA[item.media_type])),
               _t(node, DCAT.byteSize, _int(item.size, XSD.nonNegativeInteger))]
        if item.feature:
            out.append(_t(self.ds, VOID.feature, _iri(FORMATS[item.feature])))
        if item.gzip:
            out.append(_t(node, DCAT.compressFormat, _iri(IANA["application/gzip"])))
        if item.sha256:  # a file, not the articles/ directory
            out += [_t(self.ds, VOID.dataDump, target), _t(node, DCAT.downloadURL, target)]
            out += self.checksum(node, item.sha256)
        if self.settings.license:
            out.append(_t(node, DCTERMS.license, self.setting("license")))
        if item.media_type == "application/ld+json":
            out.append(_t(node, DCTERMS.conformsTo, self.at(context.name)))
        return out

    def checksum(self, node: ox.NamedNode, sha256: str) -> Triples:
        """The spdx:Checksum of a distribution, as DCAT 3 models it."""
        checksum = ox.NamedNode(f"{node.value}-sha256")
        return [_t(node, SPDX.checksum, checksum), _t(checksum, RDF.type, _iri(SPDX.Checksum)),
                _t(checksum, SPDX.algorithm, _iri(SPDX.checksumAlgorithm_sha256)),
                _t(checksum, SPDX.checksumValue, ox.Literal(sha256, datatype=_iri(XSD.hexBinary)))]

    def endpoint(self) -> Triples:
        """The SPARQL endpoint, as void:sparqlEndpoint and as a dcat:DataService."""
        if not self.settings.sparql_endpoint:
            return []
        service, endpoint = self.at(f"{VOID_FILE}#sparql"), self.setting("sparql_endpoint")
        title = f"SPARQL endpoint of {self.settings.dataset_title}"
        return [_t(self.ds, VOID.sparqlEndpoint, endpoint),
                _t(service, RDF.type, _iri(DCAT.DataService)),
                _t(service, DCTERMS.title, ox.Literal(title)),
                _t(service, DCAT.endpointURL, endpoint), _t(service, DCAT.servesDataset, self.ds),
                _t(service, DCTERMS.conformsTo, _iri(SPARQL_PROTOCOL))]

    def setting(self, name: str) -> ox.NamedNode:
        """An IRI-valued setting, or a ConfigError naming it."""
        value = getattr(self.settings, name)
        try:
            return ox.NamedNode(value)
        except ValueError as error:
            raise ConfigError(f"setting {name}={value!r} is not a valid IRI: {error}") from error


def _fragment(text: str) -> str:
    """A readable fragment for a class or file name (`schema-Person`, `dataset.nq.gz`); a
    digest where the name has other characters, so that two names never share a fragment."""
    for name, namespace in _PREFIXES.items():
        if text.startswith(namespace):
            text = f"{name}-{text[len(namespace):]}"
            break
    readable = text.replace("/", "-").strip("-")
    return readable if re.fullmatch(r"[A-Za-z0-9]+([._-][A-Za-z0-9]+)*", readable) else digest(text)


def _t(subject: ox.NamedNode, predicate: str, value: ox.NamedNode | ox.Literal) -> ox.Triple:
    return ox.Triple(subject, ox.NamedNode(predicate), value)


def _iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def _int(value: int, datatype: str = XSD.integer) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode(datatype))

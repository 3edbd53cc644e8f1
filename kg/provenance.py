"""The PROV description of a run: which software, model and settings built the graphs."""

from __future__ import annotations

import datetime as dt
import os
import platform

from rdflib import Graph, Literal, URIRef

import kg
from kg.ids import Ids
from kg.mapping import new_graph
from kg.namespaces import PROV, RDF, RDFS, SDO, XSD
from kg.settings import Settings


def run_iri(settings: Settings, model_version: str) -> URIRef:
    """The run's activity IRI, from what makes two runs produce the same graphs: software,
    model, base IRI and, when not the default, which events (so the article graphs that point
    to it stay byte-identical, and a build with other settings builds every article again)."""
    scope = "" if settings.events == "all" else f"|events={settings.events}"
    return Ids(settings.base_iri).run(
        f"kg {kg.__version__}|{model_version}|{settings.base_iri}{scope}")


def run_graph(run: URIRef, settings: Settings, model_version: str, engine: str) -> Graph:
    """The prov:Activity of a run, for the run's own named graph (the same IRI as `run`)."""
    graph = new_graph()
    graph.add((run, RDF.type, PROV.Activity))
    graph.add((run, RDFS.label, Literal(f"kg build with {model_version}")))
    graph.add((run, PROV.startedAtTime, Literal(_now(), datatype=XSD.dateTime)))
    software = URIRef(f"{run}#software")
    graph.add((run, PROV.wasAssociatedWith, software))
    graph.add((software, RDF.type, PROV.SoftwareAgent))
    graph.add((software, SDO.name, Literal("kg")))
    graph.add((software, SDO.softwareVersion, Literal(kg.__version__)))
    model = URIRef(f"{run}#model")
    graph.add((run, PROV.wasAssociatedWith, model))
    graph.add((model, RDF.type, PROV.SoftwareAgent))
    graph.add((model, SDO.name, Literal(model_version)))
    graph.add((run, SDO.description,
               Literal(f"engine={engine}; python={platform.python_version()}")))
    return graph


def _now() -> str:
    """The start time; SOURCE_DATE_EPOCH (reproducible-builds convention) makes it fixed."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch
              else dt.datetime.now(dt.UTC).replace(microsecond=0))
    return moment.isoformat()

"""Check an article's graph against the SHACL shapes: the only module that calls pySHACL.

Issues are read from pySHACL's results graph, never from its text report.
"""

from __future__ import annotations

import functools
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pyshacl
from pyparsing import ParseBaseException
from pyshacl.errors import ReportableRuntimeError, ShapeLoadError, ValidationFailure
from pyshacl.graph_abstraction import DataGraph
from pyshacl.monkey import apply_patches
from pyshacl.rdfutil.load import load_from_source
from pyshacl.validator import assign_baked_in
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import RDF, SH, NamespaceManager
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from kg.errors import ConfigError
from kg.namespaces import PREFIXES
from kg.validate.shacl_sparql import OxigraphSelect, is_select

SHAPES_IRI = "https://w3id.org/kg-news/shapes#"
_SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
_RANK = {"Violation": 0, "Warning": 1, "Info": 2}
# ShapeLoadError covers ConstraintLoadError; ParseBaseException is a SPARQL syntax error in a shape.
_SHAPES_ERRORS = (ShapeLoadError, ReportableRuntimeError, ValidationFailure, ParseBaseException)


@dataclass(frozen=True)
class Issue:
    """One validation result: IRIs in full, other terms in N-Triples form."""

    focus: str
    path: str | None  # an IRI, or a complex path in SPARQL syntax ("^<iri>")
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    shape: str | None
    value: str | None


@dataclass(frozen=True)
class Report:
    """The outcome for one graph. Only Violations make it non-conforming: Warnings and Infos
    are reported, but do not make an article invalid."""

    conforms: bool
    issues: tuple[Issue, ...]

    def text(self) -> str:
        """One line per issue: severity, focus, path, message, value and shape, IRIs prefixed."""
        return "\n".join(_line(issue) for issue in self.issues)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict, to write an invalid article's report aside."""
        return {"conforms": self.conforms, "issues": [asdict(issue) for issue in self.issues]}


class Validator:
    """The shapes of a directory, parsed and checked once, applied to one graph at a time."""

    def __init__(self, shapes_dir: Path) -> None:
        self.files = tuple(sorted(Path(shapes_dir).glob("*.ttl")))
        if not self.files:
            raise ConfigError(f"no shapes (*.ttl) in {shapes_dir}",
                              hint="point the shapes setting at a directory of SHACL shapes "
                              "(the default is kg's own)", settings=("shapes",))
        self._shapes = _parse(self.files)
        try:  # fail here, naming the file, rather than on the first article of a batch
            self._runner = _Runner(self._shapes)
            self._runner(_probe(self._shapes))
        except Exception as error:  # pySHACL and rdflib raise many kinds
            culprits = [f for f in self.files if _loads(tuple(x for x in self.files if x != f))]
            raise ConfigError(f"invalid shapes in {', '.join(map(str, culprits or self.files))}: "
                              f"{error}", hint="check the shapes against the SHACL spec") from error

    def validate(self, graph: Graph) -> Report:
        """Validate the triples of one article: a Graph, or one named graph of a Dataset."""
        if isinstance(graph, ConjunctiveGraph):
            raise TypeError("validate one article's Graph, e.g. dataset.graph(iri), not a dataset")
        try:
            results = self._runner(graph)
        except _SHAPES_ERRORS as error:
            raise ConfigError(f"shapes in {self.files[0].parent} failed: {error}") from error
        return _report(results)


class _PreparedQueryGraph(Graph):
    """A view of a graph whose SPARQL queries are answered fast.

    pySHACL hands each SHACL-SPARQL query to the data graph as text: SELECT queries (every
    SHACL-SPARQL constraint) go to Oxigraph (kg/validate/shacl_sparql.py); any other query is parsed
    once per process (parsing costs ~15 ms) and run by rdflib.
    """

    def __init__(self, graph: Graph) -> None:
        # Shares the store, so no copy, but not the prefixes: pySHACL binds "sh" into the data
        # graph's namespace manager, and the article's dumps would carry it.
        own = NamespaceManager(Graph(bind_namespaces="none"), bind_namespaces="none")
        super().__init__(store=graph.store, identifier=graph.identifier, namespace_manager=own)
        self._select = OxigraphSelect(graph)

    def query(self, query_object: Any, processor: Any = "sparql", result: Any = "sparql",
              initNs: Any = None, initBindings: Any = None,
              use_store_provided: bool = True, **kwargs: Any) -> Any:
        if isinstance(query_object, str):
            if is_select(query_object) and not initNs and not kwargs:
                answer = self._select(query_object, initBindings or {})
                if answer is not None:
                    return answer
            query_object = _prepare(query_object)
        return super().query(query_object, processor, result, initNs, initBindings,
                             use_store_provided, **kwargs)


@functools.lru_cache(maxsize=256)
def _prepare(text: str) -> Query:
    return prepareQuery(text)


class _Runner:
    """One pySHACL Validator whose shapes are harvested once and reused for every graph.

    `pyshacl.validate` builds a new ShapesGraph per call, re-reading every shape and its
    constraints: a fifth of the time of validating an article. The shapes do not depend on the
    data, so the data graph is swapped in instead. This uses pySHACL's Validator attributes
    (pinned version); tests/test_shapes.py checks the reports equal `pyshacl.validate`'s.
    """

    def __init__(self, shapes: Graph) -> None:
        apply_patches()  # type: ignore[no-untyped-call]  # as pyshacl.validate does first
        assign_baked_in()  # type: ignore[no-untyped-call]
        self._validator = pyshacl.Validator(_data_graph(Graph()), shacl_graph=shapes,
                                            options={"inference": "none", "advanced": False})

    def __call__(self, data: Graph) -> Graph:
        validator = self._validator
        validator.data_graph, validator._target_graph = _data_graph(data), None
        # A ValidationFailure propagates: see _SHAPES_ERRORS.
        _, results, _ = validator.run()  # type: ignore[no-untyped-call]
        assert isinstance(results, Graph)
        return results


def _data_graph(graph: Graph) -> DataGraph:
    """pySHACL's view of one article graph, as pyshacl.validate makes it."""
    dataset = load_from_source(_PreparedQueryGraph(graph), multigraph=True, do_owl_imports=False)
    return DataGraph.from_rdflib(dataset)


def _run(data: Graph, shapes: Graph) -> Graph:
    """Validate with a fresh runner (for checking shapes files, not for articles)."""
    return _Runner(shapes)(data)


def _parse(files: tuple[Path, ...]) -> Graph:
    shapes = Graph()
    for path in files:
        try:
            graph = Graph().parse(path, format="turtle")
        except Exception as error:  # rdflib raises many types for bad Turtle
            raise ConfigError(f"cannot parse shapes file {path}: {error}") from error
        unknown = {str(s) for s in graph.objects(None, SH.severity)} - {str(s) for s in _SEVERITIES}
        if unknown:
            raise ConfigError(f"shapes file {path} uses sh:severity {', '.join(sorted(unknown))}",
                              hint="use sh:Violation, sh:Warning or sh:Info")
        shapes += graph
    return shapes


def _loads(files: tuple[Path, ...]) -> bool:
    """Whether these files load and run: leaving out each file in turn finds the bad one."""
    try:
        shapes = _parse(files)
        _run(_probe(shapes), shapes)
    except Exception:  # noqa: BLE001 - any failure means these files do not load
        return False
    return True


def _probe(shapes: Graph) -> Graph:
    """A graph with one node that every shape targets, so that every constraint runs."""
    probe, node = Graph(), URIRef("urn:kg:probe")
    for cls in shapes.objects(None, SH.targetClass):
        probe.add((node, RDF.type, cls))
    for target in (SH.targetSubjectsOf, SH.targetObjectsOf):
        for prop in shapes.objects(None, target):
            probe.add((node, prop, node))
    return probe


def _report(results: Graph) -> Report:
    # A set: pySHACL repeats a result when a node is a focus node through two targets.
    found = {_issue(results, node) for node in results.subjects(RDF.type, SH.ValidationResult)}
    issues = sorted(found, key=lambda i: (_RANK[i.severity], i.focus, i.path or "",
                                          i.shape or "", i.value or "", i.message))
    return Report(conforms=all(i.severity != "Violation" for i in issues), issues=tuple(issues))


def _issue(results: Graph, node: Node) -> Issue:
    path, shape, value = (results.value(node, p) for p in (SH.resultPath, SH.sourceShape, SH.value))
    return Issue(focus=_term(results.value(node, SH.focusNode)),
                 path=_path(results, path) if path is not None else None,
                 message="; ".join(sorted(str(m) for m in results.objects(node, SH.resultMessage))),
                 severity=_SEVERITIES[URIRef(str(results.value(node, SH.resultSeverity)))],
                 shape=str(shape) if isinstance(shape, URIRef) else None,
                 value=_term(value) if value is not None else None)


def _term(term: Node | None) -> str:
    return term.n3() if isinstance(term, (Literal, BNode)) else str(term)


def _path(graph: Graph, path: Node) -> str:
    """A SHACL path as text: an IRI as is, a complex path in SPARQL syntax ("^<iri>")."""
    if isinstance(path, URIRef):
        return str(path)
    for predicate, template in ((SH.inversePath, "^{}"), (SH.zeroOrMorePath, "{}*"),
                                (SH.oneOrMorePath, "{}+"), (SH.zeroOrOnePath, "{}?")):
        inner = graph.value(path, predicate)
        if inner is not None:
            return template.format(_step(graph, inner))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_step(graph, p) for p in graph.items(alternatives)) + ")"
    return "/".join(_step(graph, p) for p in graph.items(path))


def _step(graph: Graph, path: Node) -> str:
    return f"<{path}>" if isinstance(path, URIRef) else f"({_path(graph, path)})"


def _line(issue: Issue) -> str:
    where = _show(issue.focus) + (f" {_show(issue.path)}" if issue.path else "")
    value = ""
    if issue.value is not None and issue.value != issue.focus:  # node shapes repeat the focus
        value = f" (value: {_show(issue.value)})"
    shape = f" [{_show(issue.shape)}]" if issue.shape else ""
    return f"{issue.severity}: {where}: {issue.message}{value}{shape}"


@functools.lru_cache(maxsize=1)
def _names() -> NamespaceManager:
    names = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, namespace in {**PREFIXES, "kgsh": SHAPES_IRI}.items():
        names.bind(prefix, str(namespace))
    return names


def _show(text: str) -> str:
    """A term or path for people: IRIs of known namespaces as prefixed names, others in <>."""
    if text[:1] not in ('"', "_", "^", "(", "<"):  # a plain IRI: see Issue
        return _names().normalizeUri(URIRef(text))
    return re.sub(r"<([^<>]+)>", lambda m: _names().normalizeUri(URIRef(m.group(1))), text)

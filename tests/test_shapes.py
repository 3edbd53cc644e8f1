"""The SHACL shapes and kg.validate, on golden article graphs.

Each file in tests/shapes/invalid/ breaks one constraint and names, in "# expect: <shape> [<path>]"
header lines, exactly the results it must produce; files in tests/shapes/valid/ must conform
(their expect lines, if any, are warnings).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, SH

from kg.errors import ConfigError
from kg.namespaces import NIF, PREFIXES
from kg.settings import Settings
from kg.validate import SHAPES_IRI, Report, Validator

EXAMPLES = Path(__file__).parent / "shapes"
VALID = sorted((EXAMPLES / "valid").glob("*.ttl"))
INVALID = sorted((EXAMPLES / "invalid").glob("*.ttl"))
ARTICLE = EXAMPLES / "valid" / "article.ttl"
NAMESPACES = {**{prefix: str(ns) for prefix, ns in PREFIXES.items()}, "kgsh": SHAPES_IRI}


@pytest.fixture(scope="module")
def validator() -> Validator:
    return Validator(Settings().shapes)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    graph = Graph()
    for path in sorted(Settings().shapes.glob("*.ttl")):
        graph.parse(path)
    return graph


def expand(curie: str) -> str:
    """kgsh:X -> its IRI; ^kgo:p -> ^<IRI> and kgo:p/nif:q -> <IRI>/<IRI>, the forms kg.validate
    gives inverse and sequence paths."""
    if curie.startswith("^"):
        return f"^<{expand(curie[1:])}>"
    if "/" in curie:
        return "/".join(f"<{expand(step)}>" for step in curie.split("/"))
    prefix, _, local = curie.partition(":")
    return NAMESPACES[prefix] + local


def expected(path: Path) -> set[tuple[str, str | None]]:
    found = re.findall(r"^# expect: (\S+)(?: (\S+))?$", path.read_text(encoding="utf-8"),
                       re.MULTILINE)
    return {(expand(shape), expand(p) if p else None) for shape, p in found}


def reported(report: Report) -> set[tuple[str | None, str | None]]:
    return {(issue.shape, issue.path) for issue in report.issues}


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_example_conforms(validator: Validator, path: Path) -> None:
    report = validator.validate(Graph().parse(path))
    assert report.conforms, report.text()
    assert reported(report) == expected(path), report.text()


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_example_reports_exactly_its_defect(validator: Validator, path: Path) -> None:
    report = validator.validate(Graph().parse(path))
    assert expected(path), f"{path.name} has no '# expect:' line"
    assert not report.conforms
    assert reported(report) == expected(path), report.text()


def test_every_shape_has_an_example(shapes: Graph) -> None:
    examples = set().union(*(expected(path) for path in VALID + INVALID))
    exercised = {shape for shape, _ in examples}
    targeted = {str(s) for p in (SH.targetClass, SH.targetObjectsOf, SH.targetSubjectsOf)
                for s in shapes.subjects(p)}
    assert targeted - exercised == set()


def test_every_shape_has_name_message_and_severity(shapes: Graph) -> None:
    named = {s for kind in (SH.NodeShape, SH.PropertyShape)
             for s in shapes.subjects(RDF.type, kind)}
    assert len(named) > 40
    for shape in named:
        for needed in (SH.name, SH.message, SH.severity):
            assert shapes.value(shape, needed) is not None, f"{shape} lacks {needed}"


def test_warning_does_not_make_an_article_invalid(validator: Validator) -> None:
    report = validator.validate(Graph().parse(EXAMPLES / "valid" / "place-unlinked.ttl"))
    assert report.conforms
    assert [issue.severity for issue in report.issues] == ["Warning"]


def test_report_text_names_focus_path_message_value_and_shape(validator: Validator) -> None:
    report = validator.validate(Graph().parse(EXAMPLES / "invalid" / "anchor-not-slice.ttl"))
    assert report.text() == (
        "Violation: <https://w3id.org/kg-news/id/article/a1> ^nif:referenceContext: "
        'nif:anchorOf "Lloyd Austen" of a mention is not the text at its offsets 23-35, or they '
        "run past the end of the context's nif:isString "
        "(value: <https://w3id.org/kg-news/id/article/a1#char=23,35>) "
        "[kgsh:Context-anchorsMatchText]")


def test_report_is_deterministic_and_violations_come_first(validator: Validator) -> None:
    graph = Graph().parse(ARTICLE)
    article = next(graph.subjects(RDF.type, NIF.Context))
    graph.remove((article, URIRef(NAMESPACES["schema"] + "headline"), None))
    graph.remove((None, OWL.sameAs, None))  # a warning for each of the 4 places
    first, second = validator.validate(graph), validator.validate(graph)
    assert first == second
    severities = [issue.severity for issue in first.issues]
    assert severities == ["Violation"] + ["Warning"] * 4
    assert [i.focus for i in first.issues[1:]] == sorted(i.focus for i in first.issues[1:])


def test_to_json_keeps_every_field(validator: Validator) -> None:
    report = validator.validate(Graph().parse(EXAMPLES / "invalid" / "date-plain-string.ttl"))
    data = json.loads(json.dumps(report.to_json()))
    assert data["conforms"] is False
    assert data["issues"] == [{
        "focus": "https://w3id.org/kg-news/id/article/a1",
        "path": "https://schema.org/datePublished",
        "message": ("an article has exactly one schema:datePublished, a valid xsd:date or "
                    "xsd:dateTime"),
        "severity": "Violation",
        "shape": SHAPES_IRI + "Article-datePublished",
        "value": '"2024-06-26"',
    }]


def test_validate_leaves_the_graph_untouched(validator: Validator) -> None:
    graph = Graph(bind_namespaces="none").parse(EXAMPLES / "invalid" / "anchor-not-slice.ttl")
    triples, prefixes = set(graph), set(graph.namespaces())
    validator.validate(graph)
    assert set(graph) == triples and set(graph.namespaces()) == prefixes


def test_validate_sees_named_graph_of_a_dataset(validator: Validator) -> None:
    from rdflib import Dataset

    dataset = Dataset()
    named = dataset.graph(URIRef("https://w3id.org/kg-news/id/graph/a1"))
    named.parse(EXAMPLES / "invalid" / "headline-missing.ttl")
    assert not validator.validate(named).conforms
    with pytest.raises(TypeError):
        validator.validate(dataset)


def test_anchor_slice_counts_code_points(validator: Validator) -> None:
    # An astral character is one code point but two UTF-16 units: offsets after it must
    # count it once, as Python's str does.
    graph = Graph().parse(ARTICLE)
    article = next(graph.subjects(RDF.type, NIF.Context))
    text = str(graph.value(article, NIF.isString))
    graph.set((article, NIF.isString, Literal(text.replace("June 25.", "June 25🔥"))))
    assert validator.validate(graph).conforms


def test_sparql_is_parsed_once_per_process(validator: Validator,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # pySHACL hands rdflib each SPARQL constraint as text on every call; parsing it again each
    # time made validation several times slower.
    from rdflib.plugins.sparql import processor
    from rdflib.plugins.sparql.parser import parseQuery

    graph = Graph().parse(ARTICLE)
    validator.validate(graph)
    parsed: list[str] = []
    def counting(text: str) -> object:
        parsed.append(text)
        return parseQuery(text)

    monkeypatch.setattr(processor, "parseQuery", counting)
    assert validator.validate(graph).conforms
    assert parsed == []


@pytest.mark.parametrize("value", [
    "2024", "2024-06", "2024-06-25", "XXXX-06-25", "2024-XX-XX", "2024-W26", "2024-W26-2",
    "XXXX-WXX-2", "2024-W26-WE", "2024-SU", "2024-Q2", "2024-H1", "199", "199X", "19", "BC0044",
    "2024-06-25T14:30", "2024-06-25T14:30:05.5+02:00", "T14:30", "2024-06-25TMO", "XXXX-WXX-2TNI",
    "P1D", "P2W", "PT3H", "P1Y2M", "P1DT12H", "P1.5Y", "PXY", "P1DE", "PRESENT_REF", "PAST_REF",
    "FUTURE_REF",
])
def test_timex_value_patterns_accept(shapes: Graph, value: str) -> None:
    assert any(re.search(p, value) for p in timex_patterns(shapes)), value


@pytest.mark.parametrize("value", [
    "June 25", "2024-13-01", "2024-06-32", "2024/06/25", "24-06-25", "2024-W54", "P", "PT", "P1",
    "1D", "T25:00", "NOW", "present_ref", "2024-06-25 ", "2024-06-25T",
])
def test_timex_value_patterns_reject(shapes: Graph, value: str) -> None:
    assert not any(re.search(p, value) for p in timex_patterns(shapes)), value


def timex_patterns(shapes: Graph) -> list[str]:
    shape = URIRef(SHAPES_IRI + "TimeExpression-timexValue")
    pattern = shapes.value(shape, SH.pattern)
    assert pattern is not None
    return [str(pattern)]


def copy_shapes(tmp_path: Path) -> Path:
    target = tmp_path / "shapes"
    shutil.copytree(Settings().shapes, target)
    return target


def test_unparseable_shapes_file_is_named(tmp_path: Path) -> None:
    shapes_dir = copy_shapes(tmp_path)
    (shapes_dir / "broken.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\nsh:x sh:y", "utf-8")
    with pytest.raises(ConfigError, match="broken.ttl"):
        Validator(shapes_dir)


@pytest.mark.parametrize("shape", [
    # a SPARQL syntax error, which pySHACL would only meet on the first article
    ('sh:targetClass schema:Person ; sh:path schema:name ; '
     'sh:sparql [ sh:select "SELECT $this WHERE {" ]'),
    # a constraint pySHACL refuses to load
    "sh:targetClass schema:Person ; sh:path schema:name ; sh:minCount -1",
])
def test_invalid_shape_is_named(tmp_path: Path, shape: str) -> None:
    shapes_dir = copy_shapes(tmp_path)
    (shapes_dir / "extra.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix schema: <https://schema.org/> .\n"
        f'<https://example.org/Bad> a sh:PropertyShape ; {shape} .\n', "utf-8")
    with pytest.raises(ConfigError, match=r"invalid shapes in \S*extra\.ttl:") as error:
        Validator(shapes_dir)
    assert "article.ttl" not in str(error.value)


def test_unknown_severity_is_named(tmp_path: Path) -> None:
    shapes_dir = copy_shapes(tmp_path)
    text = (shapes_dir / "entity.ttl").read_text("utf-8").replace("sh:Warning", "sh:Warn")
    (shapes_dir / "entity.ttl").write_text(text, "utf-8")
    with pytest.raises(ConfigError, match="entity.ttl uses sh:severity"):
        Validator(shapes_dir)


def test_empty_shapes_directory(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no shapes"):
        Validator(tmp_path)


def test_reused_shapes_give_the_reports_of_a_fresh_pyshacl_run(validator: Validator,
                                                                  shapes: Graph) -> None:
    """kg.validate harvests the shapes once and swaps each graph in (see _Runner): the reports
    must be those of pyshacl.validate run afresh on each graph, in any order."""
    import pyshacl

    from kg.validate.shapes import _report

    for path in [*INVALID, *VALID, *INVALID[:3]]:  # again after others: no state carried over
        graph = Graph().parse(path)
        _, fresh, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
        assert validator.validate(graph) == _report(fresh), path.name

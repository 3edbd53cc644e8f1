"""File outputs: round trips, byte-identical output, prefixes, atomic writes."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, SDO, XSD

from kg.errors import StoreError
from kg.namespaces import KGO, PREFIXES
from kg.publish.files import QuadFileWriter, write_graph
from kg.rdf import to_ox

ID = "https://w3id.org/kg-news/id/"


def article(key: str) -> tuple[URIRef, Graph]:
    """A named article graph with typed, language-tagged and awkward literals."""
    graph = Graph()
    node = URIRef(f"{ID}article/{key}")
    person = URIRef(f"{ID}person/andrei-belousov")
    graph.add((node, RDF.type, SDO.NewsArticle))
    graph.add((node, SDO.headline, Literal(f"Belousov calls Austin ({key})", lang="en")))
    graph.add((node, SDO.datePublished, Literal("2024-06-25", datatype=XSD.date)))
    graph.add((node, SDO.text, Literal('Line one,\n"quoted"\ttab\\ and Ünïcödé — Київ')))
    graph.add((node, SDO.wordCount, Literal(412)))
    graph.add((person, RDF.type, SDO.Person))
    graph.add((person, SDO.name, Literal("Andrei Belousov")))
    graph.add((person, SDO.alternateName, Literal("Андрей Белоусов", lang="ru")))
    graph.add((person, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q4349287")))
    graph.add((URIRef(f"{ID}weapon/himars"), RDF.type, KGO.Weapon))
    return URIRef(f"{ID}graph/{key}"), graph


ITEMS = [article("b"), article("a"), article("c")]


def input_quads() -> set[str]:
    return {f"{to_ox(s)} {to_ox(p)} {to_ox(o)} {to_ox(name)}"
            for name, graph in ITEMS for s, p, o in graph}


def read_quads(path: Path) -> set[str]:
    fmt = ox.RdfFormat.from_extension(path.name.removesuffix(".gz").rsplit(".", 1)[1])
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return {f"{q.subject} {q.predicate} {q.object} {q.graph_name}" for q in ox.parse(data, fmt)}


def dump(path: Path) -> bytes:
    with QuadFileWriter(path) as writer:
        for name, graph in ITEMS:
            writer.write(name, graph)
    return path.read_bytes()


@pytest.mark.parametrize("name", ["out.nq", "out.trig", "out.nq.gz", "out.trig.gz"])
def test_quad_files_round_trip(tmp_path: Path, name: str) -> None:
    dump(tmp_path / name)
    assert read_quads(tmp_path / name) == input_quads()


@pytest.mark.parametrize("name", ["out.nq", "out.trig", "out.nq.gz", "out.trig.gz"])
def test_quad_files_are_byte_identical_across_runs(tmp_path: Path, name: str) -> None:
    (tmp_path / "1").mkdir()
    (tmp_path / "2").mkdir()
    first, second = dump(tmp_path / "1" / name), dump(tmp_path / "2" / name)
    assert first == second and first


def test_output_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    # rdflib iterates graphs in hash order, which changes from one process to the next.
    script = ("import sys; from pathlib import Path; from tests.test_files import dump, ITEMS\n"
              "from kg.publish.files import write_graph\n"
              "out = Path(sys.argv[1]); out.mkdir()\n"
              "dump(out / 'all.trig.gz'); write_graph(ITEMS[0][1], out / 'one.jsonld')\n")
    root = Path(__file__).resolve().parents[1]
    for seed in ("1", "2"):
        subprocess.run([sys.executable, "-c", script, str(tmp_path / seed)], check=True,
                       cwd=root, env={**os.environ, "PYTHONHASHSEED": seed})
    for name in ("all.trig.gz", "one.jsonld"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()


def test_same_graph_built_in_another_order_gives_the_same_bytes(tmp_path: Path) -> None:
    name, graph = article("a")
    shuffled = Graph()
    for triple in sorted(graph, reverse=True):
        shuffled.add(triple)
    for target, source in (("x.nq", graph), ("y.nq", shuffled)):
        with QuadFileWriter(tmp_path / target) as writer:
            writer.write(name, source)
    assert (tmp_path / "x.nq").read_bytes() == (tmp_path / "y.nq").read_bytes()


def test_nquads_lines_are_sorted_within_a_graph(tmp_path: Path) -> None:
    lines = dump(tmp_path / "out.nq").decode().splitlines()
    per_graph = [line for line in lines if line.endswith(f"<{ID}graph/a> .")]
    assert per_graph == sorted(per_graph) and len(per_graph) == len(article("a")[1])


def test_trig_binds_prefixes_once_and_writes_one_block_per_graph(tmp_path: Path) -> None:
    text = dump(tmp_path / "out.trig").decode()
    assert [line for line in text.splitlines() if line.startswith("@prefix")] == [
        f"@prefix {prefix}: <{namespace}> ." for prefix, namespace in PREFIXES.items()]
    assert [line for line in text.splitlines() if line.endswith("{")] == [
        f"<{name}> {{" for name, _ in ITEMS]
    assert "schema:Person" in text and "kgo:Weapon" in text


def test_writer_counts_what_it_wrote(tmp_path: Path) -> None:
    with QuadFileWriter(tmp_path / "out.nq") as writer:
        for name, graph in ITEMS:
            writer.write(name, graph)
    assert (writer.graphs, writer.triples) == (3, sum(len(g) for _, g in ITEMS))


def test_the_file_appears_only_when_complete(tmp_path: Path) -> None:
    with QuadFileWriter(tmp_path / "new.nq") as writer:
        writer.write(*ITEMS[0])
        assert not (tmp_path / "new.nq").exists()
    assert read_quads(tmp_path / "new.nq")


def test_a_failed_dump_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "out.nq"
    target.write_text("previous complete dump\n")
    with pytest.raises(RuntimeError), QuadFileWriter(target) as writer:
        writer.write(*ITEMS[0])
        raise RuntimeError("crash mid-dump")
    assert target.read_text() == "previous complete dump\n"
    assert list(tmp_path.iterdir()) == [target]


def test_blank_nodes_are_refused_and_nothing_is_published(tmp_path: Path) -> None:
    name, graph = article("a")
    graph.add((BNode(), SDO.name, Literal("anonymous")))
    with pytest.raises(StoreError, match="blank node"), QuadFileWriter(tmp_path / "o.nq") as w:
        w.write(name, graph)
    assert list(tmp_path.iterdir()) == []


def test_a_format_without_graphs_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no graphs|named graphs"):
        QuadFileWriter(tmp_path / "out.ttl")
    with pytest.raises(StoreError, match="format"):
        QuadFileWriter(tmp_path / "out.txt")


@pytest.mark.parametrize("name", ["one.ttl", "one.jsonld", "one.nt"])
def test_write_graph_round_trips(tmp_path: Path, name: str) -> None:
    _, graph = article("a")
    write_graph(graph, tmp_path / name)
    assert isomorphic(Graph().parse(tmp_path / name), graph)


@pytest.mark.parametrize("name", ["one.ttl", "one.jsonld"])
def test_write_graph_is_deterministic(tmp_path: Path, name: str) -> None:
    _, graph = article("a")
    shuffled = Graph()
    for triple in sorted(graph, reverse=True):
        shuffled.add(triple)
    write_graph(graph, tmp_path / f"1{name}")
    write_graph(shuffled, tmp_path / f"2{name}")
    assert (tmp_path / f"1{name}").read_bytes() == (tmp_path / f"2{name}").read_bytes()


def test_turtle_binds_the_prefixes(tmp_path: Path) -> None:
    write_graph(article("a")[1], tmp_path / "one.ttl")
    text = (tmp_path / "one.ttl").read_text()
    assert text.startswith("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()))
    assert "a schema:Person" in text


def test_jsonld_has_a_context_of_the_prefixes(tmp_path: Path) -> None:
    write_graph(article("a")[1], tmp_path / "one.jsonld")
    document = json.loads((tmp_path / "one.jsonld").read_text())
    assert document["@context"] == {p: str(ns) for p, ns in PREFIXES.items()}
    types = {json.dumps(node.get("@type")) for node in document["@graph"]}
    assert '"schema:Person"' in types


def test_write_graph_refuses_quad_formats(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="one graph"):
        write_graph(article("a")[1], tmp_path / "one.nq")


def test_an_output_in_a_folder_not_yet_made_makes_the_folder(tmp_path: Path) -> None:
    _, graph = article("a1")
    path = tmp_path / "out" / "new" / "graph.ttl"
    write_graph(graph, path)
    assert isomorphic(Graph().parse(path), graph)

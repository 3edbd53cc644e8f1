"""The read side of a `kg spark` output directory, and the run graphs a generation carries over."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg.namespaces import RDFS
from kg.publish import shard_layout as layout
from kg.spark.output import write_run

RUN, OLD = "https://example.org/id/run/new", "https://example.org/id/run/old"


def make_generation(out: Path, name: str, manifest_lines: list[str]) -> Path:
    generation = out / name
    (generation / layout.QUADS).mkdir(parents=True)
    (generation / layout.MANIFEST).mkdir()
    (generation / layout.QUADS / "part-00000.nq").write_text("")
    (generation / layout.MANIFEST / "part-00000.tsv").write_text("".join(manifest_lines))
    return generation


def test_only_a_generation_named_in_current_is_read(tmp_path: Path) -> None:
    assert layout.current_generation(tmp_path) is None and layout.quad_shards(tmp_path) == []
    first = make_generation(tmp_path, "gen-00001", ["https://g/1\tabc\thttps://r\n"])
    layout.make_current(tmp_path, first)
    make_generation(tmp_path, "gen-00002", [])  # unfinished: CURRENT does not name it
    assert layout.current_generation(tmp_path) == first
    assert layout.manifest(tmp_path) == {"https://g/1": ("abc", "https://r")}
    assert layout.quad_shards(tmp_path) == [first / layout.QUADS / "part-00000.nq"]
    assert layout.next_generation(tmp_path).name == "gen-00002"
    assert not any((tmp_path / "gen-00002").iterdir())  # the leftover is gone


def test_current_naming_a_missing_generation_is_an_error(tmp_path: Path) -> None:
    (tmp_path / layout.CURRENT).write_text("gen-00007\n")
    with pytest.raises(FileNotFoundError, match="gen-00007"):
        layout.current_generation(tmp_path)


def activity(run: str) -> Graph:
    graph = Graph()
    graph.add((URIRef(run), RDFS.label, Literal(f"run {run}")))
    return graph


def test_run_graphs_still_referenced_are_carried_over(tmp_path: Path) -> None:
    previous = make_generation(tmp_path, "gen-00001", [])
    gone = "https://example.org/id/run/gone"
    (previous / layout.RUN).write_text(
        f'<{OLD}> <{RDFS.label}> "run old" <{OLD}> .\n'
        f'<{gone}> <{RDFS.label}> "run gone" <{gone}> .\n'
        f'<{RUN}> <{RDFS.label}> "the same run, before" <{RUN}> .\n')
    generation = make_generation(tmp_path, "gen-00002", [])
    write_run(generation, URIRef(RUN), activity(RUN), previous, {RUN, OLD})
    assert (generation / layout.RUN).read_text().splitlines() == [
        f'<{RUN}> <{RDFS.label}> "run {RUN}" <{RUN}> .',
        f'<{OLD}> <{RDFS.label}> "run old" <{OLD}> .']

"""From a corpus to a queryable store through Spark: `kg load` and `kg push` of a kg spark output
(its current generation), and again after an incremental run."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pyspark.sql import SparkSession

from kg.cli import main
from kg.commands import ExitCode
from kg.commands.push_command import push
from tests.servers import OxigraphServer, endpoint_quads, oxigraph_server  # noqa: F401

from .conftest import SEED
from .spark_support import STORIES, run_spark, shared_session, write_story
from .test_incremental import build_folder, quads

ARTICLE_GRAPHS = "https://w3id.org/kg-news/id/graph/"


@pytest.fixture(scope="module")
def spark() -> SparkSession:
    return shared_session()


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def corpus(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    for name in names:
        write_story(folder, name, *STORIES[name])
    return folder


def load(out: Path, store: Path, *options: str) -> str:
    result = CliRunner().invoke(main, ["load", str(out), "--store", str(store), *options])
    assert result.exit_code == ExitCode.OK, result.output
    return result.output


def article_quads(store: Path) -> set[tuple[str, ...]]:
    """The article graphs only: the run graphs differ in start time and engine."""
    found = {quad for quad in quads(store) if quad[0].startswith(f"<{ARTICLE_GRAPHS}")}
    assert len(found) > 100, "no article graphs: nothing would be compared"
    return found


def test_spark_output_loaded_and_queried_equals_kg_build(spark: SparkSession,
                                                         tmp_path: Path) -> None:
    folder = corpus(tmp_path / "news", "harbour", "library")
    run_spark(spark, [folder], tmp_path / "out")
    output = load(tmp_path / "out", tmp_path / "store")
    assert "graphs new or replaced 4" in output  # three articles and the run
    build_folder(folder, tmp_path / "built")
    assert article_quads(tmp_path / "store") == article_quads(tmp_path / "built")
    people = CliRunner().invoke(main, [
        "query", "--store", str(tmp_path / "store"), "--format", "csv",
        "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name"])
    assert "Lloyd Austin" in people.output and "Ines Korda" in people.output


def test_an_incremental_run_loads_into_the_same_store(spark: SparkSession, tmp_path: Path) -> None:
    folder = corpus(tmp_path / "news", "harbour", "library")
    run_spark(spark, [folder], tmp_path / "out")
    load(tmp_path / "out", tmp_path / "store")
    # One story changes, one is new, one is gone.
    corpus(folder, "harbour", "ferry")
    (folder / "harbour.txt").write_text((folder / "harbour.txt").read_text().replace(
        "by Wednesday", "by Thursday"))
    run_spark(spark, [folder], tmp_path / "out", prune=True)
    output = load(tmp_path / "out", tmp_path / "store", "--prune")
    assert "unchanged 1" in output and "removed 1" in output  # the seed; the library story
    build_folder(folder, tmp_path / "built")
    assert article_quads(tmp_path / "store") == article_quads(tmp_path / "built")


def test_spark_output_pushed_to_an_endpoint(spark: SparkSession, tmp_path: Path,
                                            oxigraph_server: OxigraphServer) -> None:  # noqa: F811
    oxigraph_server.clear(ARTICLE_GRAPHS)
    folder = corpus(tmp_path / "news", "ferry")
    run_spark(spark, [folder], tmp_path / "out")
    result = CliRunner().invoke(push, [
        oxigraph_server.update_url, "--data", str(tmp_path / "out"),
        "--journal", str(tmp_path / "journal.jsonl")])
    assert result.exit_code == 0, result.output
    build_folder(folder, tmp_path / "built")
    expected = {f"{s} {p} {o} {g} ." for g, s, p, o in article_quads(tmp_path / "built")}
    assert len(expected) > 100
    assert endpoint_quads(oxigraph_server.query_url, ARTICLE_GRAPHS) == expected

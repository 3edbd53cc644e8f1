"""`kg spark` in local mode: the same dataset as `kg build`, and bad input never fails the job."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyspark.sql import SparkSession

from kg.commands import ExitCode
from kg.commands.spark_command import spark as spark_command
from kg.pipeline import duplicate_reason
from kg.publish import shard_layout as layout

from .conftest import SEED, WIKINEWS
from .spark_support import (
    canonical,
    kg_build_files,
    run_details,
    run_spark,
    shared_session,
    spark_files,
    write_story,
)


@pytest.fixture(scope="module")
def spark() -> SparkSession:
    return shared_session()


def assert_same_dataset(spark_quads: set[str], build_quads: set[str]) -> None:
    """Equal but for the run's start time and description, which names the engine."""
    ours, our_descriptions = run_details(spark_quads)
    theirs, their_descriptions = run_details(build_quads)
    assert ours == theirs, (sorted(ours - theirs)[:5], sorted(theirs - ours)[:5])
    assert len(our_descriptions) == 1 and "engine=spark" in our_descriptions[0]
    assert len(their_descriptions) == 1 and "engine=local" in their_descriptions[0]


def test_seed_article_same_as_kg_build(spark: SparkSession, tmp_path: Path) -> None:
    summary = run_spark(spark, [SEED], tmp_path / "out")
    assert summary.ok and summary.counts["built"] == 1
    assert_same_dataset(canonical(spark_files(tmp_path / "out")),
                        canonical(kg_build_files([SEED], tmp_path)))


@pytest.mark.slow
def test_wikinews_corpus_same_as_kg_build(spark: SparkSession, tmp_path: Path) -> None:
    summary = run_spark(spark, [WIKINEWS], tmp_path / "out", partitions=3)
    assert summary.ok and summary.counts["built"] == 171
    shards = layout.quad_shards(tmp_path / "out")
    assert [path.name for path in shards] == ["part-00000.nq", "part-00001.nq", "part-00002.nq"]
    assert_same_dataset(canonical(spark_files(tmp_path / "out")),
                        canonical(kg_build_files([WIKINEWS], tmp_path, jobs=2)))
    assert len(layout.manifest(tmp_path / "out")) == 171


def test_each_article_is_contiguous_in_one_shard(spark: SparkSession, tmp_path: Path) -> None:
    for name in ("a", "b", "c", "d"):
        write_story(tmp_path / "in", name, f"date 2026-01-0{ord(name) - 96} Story {name} is told",
                    f"The town of {name.upper()}ville held a vote on Monday.")
    run_spark(spark, [tmp_path / "in"], tmp_path / "out", partitions=2)
    seen: list[str] = []
    for shard in layout.quad_shards(tmp_path / "out"):
        graphs = [line.rsplit(" ", 2)[1] for line in shard.read_text().splitlines()]
        runs = [graph for i, graph in enumerate(graphs) if i == 0 or graph != graphs[i - 1]]
        assert runs == sorted(set(runs)), "an article's quads are split, or out of order"
        seen += runs
    assert len(seen) == len(set(seen)) == 4
    assert {f"<{graph}>" for graph in layout.manifest(tmp_path / "out")} == set(seen)


def bad_inputs(folder: Path) -> list[str]:
    """A folder with one good article and five bad files, and a path that does not exist."""
    (folder / "good.txt").parent.mkdir(parents=True)
    (folder / "good.txt").write_bytes(SEED.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "feed.csv").write_text(
        'url,date,title,text\n,2025-02-03,One,"First\n\nparagraph"\n'
        ',2025-02-03,Two,"closed" too early\n,2024-02-30,Three,Never was\n', encoding="utf-8")
    (folder / "latin.txt").write_bytes(
        "date 2025-02-03 Caf\xe9 opens\n\nIt did.\n".encode("latin-1"))
    return [str(folder), str(folder / "missing.jsonl")]


EXPECTED_REJECTS = [  # origin (relative to the input folder), words of the reason
    ("empty.txt", "the file is empty"),
    ("feed.csv record 2 (line 5)", "goes on after its closing quote"),
    ("feed.csv record 3 (line 6)", "'2024-02-30' is not a real date"),
    ("latin.txt", "not valid UTF-8"),
    ("missing.jsonl", "no such file or directory"),
]


def test_bad_input_is_listed_and_the_rest_is_built(spark: SparkSession, tmp_path: Path) -> None:
    inputs = bad_inputs(tmp_path / "in")
    out = tmp_path / "out"
    result = CliRunner().invoke(spark_command, [*inputs, "--out", str(out)])
    assert result.exit_code == ExitCode.PARTIAL, result.output
    assert "built 2, unchanged 0, invalid 0, rejected 5, failed 0, removed 0" in result.output
    generation = layout.current_generation(out)
    assert generation is not None
    lines = (generation / layout.REJECTED).read_text(encoding="utf-8").splitlines()
    found = [json.loads(line) for line in lines]
    assert [item["status"] for item in found] == ["rejected"] * 5
    for item, (origin, words) in zip(found, EXPECTED_REJECTS, strict=True):
        assert item["origin"].startswith(str(tmp_path / "in" / origin)), item
        assert words in item["reason"], item
        assert item["origin"] in result.output
    summary = json.loads((generation / layout.SUMMARY).read_text())
    assert (summary["built"], summary["rejected"], summary["failed"]) == (2, 5, 0)


def test_uri_inputs_are_read_by_spark(spark: SparkSession, tmp_path: Path) -> None:
    story = write_story(tmp_path / "in", "one", "date 2026-02-01 Bridge opens in Larn",
                        "LARN - The new bridge opened on Sunday.")
    missing = (tmp_path / "nowhere").as_uri()
    summary = run_spark(spark, [story.as_uri(), missing], tmp_path / "out")
    assert (summary.counts["built"], summary.counts["rejected"]) == (1, 1)
    assert summary.problems == [("rejected", missing, "no such file or directory")]
    assert run_details(canonical(spark_files(tmp_path / "out")))[0] == \
        run_details(canonical(kg_build_files([story], tmp_path)))[0]


def test_a_folder_uri_is_read_with_its_subfolders(spark: SparkSession, tmp_path: Path) -> None:
    write_story(tmp_path / "in", "one", "date 2026-02-01 Bridge opens in Larn",
                "LARN - The new bridge opened on Sunday.")
    write_story(tmp_path / "in" / "later", "two", "date 2026-02-02 Larn bridge closes again",
                "LARN - The new bridge closed on Monday for checks.")
    summary = run_spark(spark, [(tmp_path / "in").as_uri()], tmp_path / "out")
    assert summary.ok and summary.counts["built"] == 2


def test_a_folder_uri_with_nothing_kg_reads_is_rejected(spark: SparkSession,
                                                       tmp_path: Path) -> None:
    write_story(tmp_path / "in", "one", "date 2026-02-01 Bridge opens in Larn",
                "LARN - The new bridge opened on Sunday.")
    (tmp_path / "empty" / "deeper").mkdir(parents=True)
    (tmp_path / "empty" / "deeper" / "notes.md").write_text("not news")
    empty = (tmp_path / "empty").as_uri()
    summary = run_spark(spark, [empty, tmp_path / "in"], tmp_path / "out")
    assert (summary.counts["built"], summary.counts["rejected"]) == (1, 1)
    assert summary.problems[0][:2] == ("rejected", empty)
    assert "holds no file kg reads" in summary.problems[0][2]


def test_a_graph_read_twice_is_built_from_the_first_record(spark: SparkSession,
                                                           tmp_path: Path) -> None:
    """The rule of kg build: the later record is reported as a duplicate, never merged."""
    first = '{"url": "https://news.example.org/1", "date": "2026-02-01", "title": "%s", ' \
            '"text": "LARN - The new bridge opened on Sunday."}\n'
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text(first % "Bridge opens in Larn")
    (tmp_path / "in" / "b.jsonl").write_text(first % "Larn bridge opens at last")
    summary = run_spark(spark, [tmp_path / "in"], tmp_path / "out")
    assert (summary.counts["built"], summary.counts["duplicate"]) == (1, 1)
    found = canonical(spark_files(tmp_path / "out"))
    assert any("Bridge opens in Larn" in quad for quad in found)
    assert not any("Larn bridge opens at last" in quad for quad in found)
    later = str(tmp_path / "in" / "b.jsonl") + " line 1"
    assert summary.problems == [("duplicate", later, duplicate_reason(
        str(tmp_path / "in" / "a.jsonl") + " line 1"))]
    assert not summary.ok

"""Incremental `kg spark` runs: only changed articles are built; a killed run is simply redone."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from pyspark.sql import SparkSession

from kg.ids import Ids
from kg.publish import shard_layout as layout
from kg.settings import Settings
from kg.sources import read_sources
from kg.spark.job import JobOptions, run_job

from .spark_support import (
    STORIES,
    article_quads,
    canonical,
    run_details,
    run_spark,
    shared_session,
    spark_files,
    write_story,
)

MARKER = "<urn:test:copied> <urn:test:from> \"the previous generation\""


@pytest.fixture(scope="module")
def spark() -> SparkSession:
    return shared_session()


def graph_of(path: Path) -> str:
    """The named graph of the article in a text file."""
    (article,) = read_sources([str(path)])
    return str(Ids(Settings().base_iri).graph(article))  # type: ignore[arg-type]


def mark_copied(out: Path, graph: str) -> None:
    """Add a quad to `graph` in the current generation: only a copy, never a build, keeps it."""
    shard = next(path for path in layout.quad_shards(out) if f"<{graph}>" in path.read_text())
    with shard.open("a", encoding="utf-8") as handle:
        handle.write(f"{MARKER} <{graph}> .\n")


def quads(out: Path) -> set[str]:
    """The current generation's quads, without the run's start time and description."""
    return run_details(canonical(spark_files(out)))[0]


def test_changed_new_and_removed_articles(spark: SparkSession, tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    paths = {name: write_story(folder, name, *story) for name, story in STORIES.items()}
    first = run_spark(spark, [folder], out)
    assert first.counts["built"] == 3
    graphs = {name: graph_of(path) for name, path in paths.items()}
    ferry = article_quads(canonical(spark_files(out)), graphs["ferry"])
    mark_copied(out, graphs["library"])

    headline, body = STORIES["harbour"]
    write_story(folder, "harbour", headline, body + "\n\nA fourth crane is due in May.")
    write_story(folder, "market", "date 2026-03-05 Covered market in Selby gets a new roof",
                "SELBY - Work on the covered market's roof began on Thursday.")
    paths["ferry"].unlink()
    second = run_spark(spark, [folder], out)
    assert [second.counts[k] for k in ("built", "unchanged", "kept", "removed")] == [2, 2, 1, 0]
    kept = quads(out)
    assert ferry <= kept  # the removed article's graph stays without --prune
    assert f"{MARKER} <{graphs['library']}>" in kept  # copied, not processed again

    third = run_spark(spark, [folder], out, prune=True)
    assert [third.counts[k] for k in ("built", "unchanged", "kept", "removed")] == [0, 3, 0, 1]
    pruned = quads(out)
    assert pruned == kept - ferry
    assert len(layout.manifest(out)) == 3

    fourth = run_spark(spark, [folder], out, rebuild=True)
    assert [fourth.counts[k] for k in ("built", "unchanged", "removed")] == [3, 0, 0]
    rebuilt = quads(out)
    assert rebuilt == pruned - {f"{MARKER} <{graphs['library']}>"}
    summary = json.loads((layout.current_generation(out) / layout.SUMMARY).read_text())  # type: ignore[operator]
    assert (summary["generation"], summary["built"]) == ("gen-00004", 3)
    assert sorted(p.name for p in out.iterdir()) == ["CURRENT", "gen-00003", "gen-00004"]


def test_no_pruning_when_an_input_was_rejected(spark: SparkSession, tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    for name, story in STORIES.items():
        write_story(folder, name, *story)
    run_spark(spark, [folder], out)
    (folder / "ferry.txt").write_text("date 2026-02-30 A day that never was\n\nText.\n")
    summary = run_spark(spark, [folder], out, prune=True)
    assert summary.pruning_skipped
    assert [summary.counts[k] for k in ("rejected", "unchanged", "kept", "removed")] == [1, 3, 1, 0]


class Killed(Exception):
    """Stands for the driver dying between two stages."""


def kill_at(stage: str) -> Callable[[str], None]:
    def checkpoint(reached: str) -> None:
        if reached == stage:
            raise Killed(stage)
    return checkpoint


def generation_files(out: Path) -> dict[str, bytes]:
    """Every file of the current generation but run.nq (its start time differs), by name."""
    generation = layout.current_generation(out)
    assert generation is not None
    return {str(path.relative_to(generation)): path.read_bytes()
            for path in sorted(generation.rglob("*")) if path.is_file() and path.name != "run.nq"}


@pytest.mark.parametrize("stage", ["quads", "summary"])
def test_a_killed_run_done_again_equals_an_uninterrupted_one(spark: SparkSession, tmp_path: Path,
                                                             stage: str) -> None:
    folder = tmp_path / "in"
    for name, story in STORIES.items():
        write_story(folder, name, *story)
    for out in (tmp_path / "whole", tmp_path / "killed"):
        run_spark(spark, [folder], out, partitions=2)
    headline, body = STORIES["library"]
    write_story(folder, "library", headline, body + "\n\nIt has four thousand new books.")
    run_spark(spark, [folder], tmp_path / "whole", partitions=2)

    killed = tmp_path / "killed"
    with pytest.raises(Killed):
        run_job(spark, [str(folder)], killed, Settings(), JobOptions(partitions=2),
                checkpoint=kill_at(stage))
    assert (killed / "CURRENT").read_text().strip() == "gen-00001"  # readers see the old one
    assert (killed / "gen-00002").is_dir()
    again = run_spark(spark, [folder], killed, partitions=2)
    assert [again.counts[k] for k in ("built", "unchanged")] == [1, 2]
    assert generation_files(killed) == generation_files(tmp_path / "whole")
    assert quads(killed) == quads(tmp_path / "whole")

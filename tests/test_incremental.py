"""Incremental `kg build` into a store: only new and changed articles are built; --prune."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import Summary, Targets, build
from kg.cli import main
from kg.commands import ExitCode
from kg.query import open_dataset, run_query
from kg.settings import Settings
from kg.sources import read_sources

# Invented news, in the seed's text format.
HARBOUR = """date 2025-03-04 Ferry service to Tern Island resumes

The ferry between Port Lanner and Tern Island resumed on Monday after a week of storms.

Harbour master Ilse Vandam said the crossings would run twice a day until April.
"""
ORCHARD = """date 2025-03-05 Frost damages orchards in the Vell valley

Growers in the Vell valley said on Wednesday that a late frost had damaged half of the apple
blossom.

The Vell Growers Association asked the regional government for help.
"""
BRIDGE = """date 2025-03-06 Old bridge in Marrow closes for repairs

The council of Marrow closed the old stone bridge on Thursday for six months of repairs.
"""
LIBRARY = """date 2025-03-07 Marrow library opens a new wing

The public library of Marrow opened a new wing for children on Friday.
"""


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def write(folder: Path, stories: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    for name, text in stories.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def build_folder(folder: Path, store: Path, jobs: int = 1, **options: bool) -> Summary:
    targets = Targets(store, (), folder.parent / "invalid")
    return build(read_sources([str(folder)]), Settings(), targets, jobs, **options)


def quads(store: Path) -> set[tuple[str, ...]]:
    """The article and run graphs (the ontology's blank nodes are relabelled on each load)."""
    query = ("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
             "FILTER (?g != <https://w3id.org/kg-news/ontology>) }")
    with open_dataset(store, []) as dataset:
        rows = run_query(dataset, query).rows
    return {tuple(str(term) for term in row) for row in rows}


def headlines(store: Path) -> set[str]:
    with open_dataset(store, []) as dataset:
        rows = run_query(dataset, "SELECT ?h WHERE { ?a schema:headline ?h }").rows
    return {row[0].strip('"') for row in rows}


def test_a_second_run_over_the_same_articles_builds_nothing(tmp_path: Path) -> None:
    folder = write(tmp_path / "news", {"harbour.txt": HARBOUR, "orchard.txt": ORCHARD})
    first = build_folder(folder, tmp_path / "store")
    before = quads(tmp_path / "store")
    second = build_folder(folder, tmp_path / "store")
    assert first.counts["built"] == 2
    assert second.counts["built"] == 0 and second.counts["unchanged"] == 2 and second.ok
    assert quads(tmp_path / "store") == before


def test_only_changed_and_new_articles_are_built_and_removed_ones_kept(tmp_path: Path) -> None:
    folder = write(tmp_path / "news", {"harbour.txt": HARBOUR, "orchard.txt": ORCHARD,
                                       "bridge.txt": BRIDGE})
    build_folder(folder, tmp_path / "store")
    changed = HARBOUR.replace("twice a day", "three times a day")
    write(folder, {"harbour.txt": changed, "orchard.txt": ORCHARD, "library.txt": LIBRARY})
    summary = build_folder(folder, tmp_path / "store")
    assert summary.counts["built"] == 2 and summary.counts["unchanged"] == 1
    assert summary.removed == 0  # not asked to prune: the bridge story stays
    assert "Old bridge in Marrow closes for repairs" in headlines(tmp_path / "store")
    fresh = write(tmp_path / "fresh", {"harbour.txt": changed, "orchard.txt": ORCHARD,
                                       "library.txt": LIBRARY, "bridge.txt": BRIDGE})
    build_folder(fresh, tmp_path / "fresh-store")
    assert quads(tmp_path / "store") == quads(tmp_path / "fresh-store")


def test_worker_processes_skip_the_same_articles(tmp_path: Path) -> None:
    folder = write(tmp_path / "news", {"harbour.txt": HARBOUR, "orchard.txt": ORCHARD})
    build_folder(folder, tmp_path / "store")
    write(folder, {"harbour.txt": HARBOUR, "orchard.txt": ORCHARD, "bridge.txt": BRIDGE})
    summary = build_folder(folder, tmp_path / "store", jobs=2)
    assert summary.counts["built"] == 1 and summary.counts["unchanged"] == 2


def test_prune_removes_the_graphs_of_articles_gone_from_the_input(tmp_path: Path) -> None:
    folder = write(tmp_path / "news", {"harbour.txt": HARBOUR, "bridge.txt": BRIDGE})
    build_folder(folder, tmp_path / "store")
    write(folder, {"harbour.txt": HARBOUR})
    summary = build_folder(folder, tmp_path / "store", prune=True)
    assert summary.removed == 1 and summary.counts["unchanged"] == 1
    fresh = write(tmp_path / "fresh", {"harbour.txt": HARBOUR})
    build_folder(fresh, tmp_path / "fresh-store")
    assert quads(tmp_path / "store") == quads(tmp_path / "fresh-store")


def test_prune_keeps_everything_when_an_input_could_not_be_read(tmp_path: Path) -> None:
    folder = write(tmp_path / "news", {"harbour.txt": HARBOUR, "bridge.txt": BRIDGE})
    build_folder(folder, tmp_path / "store")
    write(folder, {"harbour.txt": HARBOUR, "bridge.txt": "date 2025-13-45 Bridge\n\nText.\n"})
    summary = build_folder(folder, tmp_path / "store", prune=True)
    assert summary.counts["rejected"] == 1 and summary.removed == 0
    assert "Old bridge in Marrow closes for repairs" in headlines(tmp_path / "store")


def test_prune_keeps_the_articles_of_a_folder_that_could_not_be_read(tmp_path: Path) -> None:
    """A named pipe in the bridge story's place stands for any input kg cannot read (a locked
    folder: tests/test_sources.py): the story may still be there, so nothing is pruned."""
    folder = write(tmp_path / "news", {"harbour.txt": HARBOUR, "bridge.txt": BRIDGE})
    build_folder(folder, tmp_path / "store")
    (folder / "bridge.txt").unlink()
    os.mkfifo(folder / "bridge.txt")
    summary = build_folder(folder, tmp_path / "store", prune=True)
    assert summary.counts["rejected"] == 1 and summary.removed == 0
    assert "Old bridge in Marrow closes for repairs" in headlines(tmp_path / "store")


def test_rebuild_builds_every_article(tmp_path: Path) -> None:
    folder = write(tmp_path / "news", {"harbour.txt": HARBOUR})
    build_folder(folder, tmp_path / "store")
    assert build_folder(folder, tmp_path / "store", rebuild=True).counts["built"] == 1


def test_cli_reports_unchanged_and_removed(tmp_path: Path) -> None:
    folder = write(tmp_path / "news", {"harbour.txt": HARBOUR, "bridge.txt": BRIDGE})
    args = ["build", str(folder), "--store", str(tmp_path / "store"),
            "--invalid-dir", str(tmp_path / "invalid")]
    assert CliRunner().invoke(main, args).exit_code == ExitCode.OK
    write(folder, {"harbour.txt": HARBOUR, "library.txt": LIBRARY})
    result = CliRunner().invoke(main, [*args, "--prune"])
    assert result.exit_code == ExitCode.OK, result.output
    assert "built 1, unchanged 1, invalid 0, rejected 0, failed 0, removed 1" in result.output


def test_cli_refuses_prune_without_a_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--no-store", "--prune"])
    assert result.exit_code == ExitCode.FAILED and "--prune" in result.output

"""`kg load`: quad files into the store with Oxigraph's bulk loader, graph by graph replaced."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import Targets, build
from kg.cli import main
from kg.commands import ExitCode
from kg.settings import PROJECT_ROOT, Settings
from kg.sources import read_sources

from .conftest import SEED
from .test_incremental import BRIDGE, HARBOUR, quads, write

EXAMPLES = str(PROJECT_ROOT / "examples" / "articles")


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def build_file(inputs: list[str], out: Path) -> Path:
    summary = build(read_sources(inputs), Settings(), Targets(None, (out,), out.parent / "inv"))
    assert summary.ok
    return out


def load(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["load", *args])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        return build_file([EXAMPLES, str(SEED)], folder / "graph.nq.gz")


def test_loaded_store_equals_a_built_one(corpus_file: Path, tmp_path: Path) -> None:
    code, output = load(str(corpus_file), "--store", str(tmp_path / "loaded"))
    assert code == ExitCode.OK, output
    build(read_sources([EXAMPLES, str(SEED)]), Settings(),
          Targets(tmp_path / "built", (), tmp_path / "inv"))
    assert quads(tmp_path / "loaded") == quads(tmp_path / "built")


def test_loading_again_changes_nothing(corpus_file: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    load(str(corpus_file), "--store", store)
    before = quads(tmp_path / "store")
    code, output = load(str(corpus_file), "--store", store)
    assert code == ExitCode.OK
    assert "graphs new or replaced 1, unchanged" in output  # only the run's graph, undigested
    assert quads(tmp_path / "store") == before


def test_a_changed_article_replaces_its_graph_whole(tmp_path: Path) -> None:
    folder = write(tmp_path / "news", {"harbour.txt": HARBOUR})
    first = build_file([str(folder)], tmp_path / "first.nq")
    write(folder, {"harbour.txt": HARBOUR.replace("Ilse Vandam", "Ilse Vandamme")})
    second = build_file([str(folder)], tmp_path / "second.nq")
    load(str(first), "--store", str(tmp_path / "store"))
    code, _ = load(str(second), "--store", str(tmp_path / "store"))
    assert code == ExitCode.OK
    build(read_sources([str(folder)]), Settings(), Targets(tmp_path / "built", (), tmp_path / "i"))
    assert quads(tmp_path / "store") == quads(tmp_path / "built")


def test_a_broken_file_is_rejected_and_the_others_load(corpus_file: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.nq"
    broken.write_text("<https://example.org/s> <https://example.org/p> \"unterminated .\n")
    code, output = load(str(broken), str(corpus_file), "--store", str(tmp_path / "store"))
    assert code == ExitCode.PARTIAL
    assert "rejected: " in output and "broken.nq" in output
    assert "loaded 1 file(s)" in output
    assert quads(tmp_path / "store")  # the good file is in


def test_prune_removes_article_graphs_not_in_the_files(tmp_path: Path) -> None:
    folder = write(tmp_path / "news", {"harbour.txt": HARBOUR, "bridge.txt": BRIDGE})
    both = build_file([str(folder)], tmp_path / "both.nq")
    write(folder, {"harbour.txt": HARBOUR})
    one = build_file([str(folder)], tmp_path / "one.nq")
    store = str(tmp_path / "store")
    load(str(both), "--store", store)
    code, output = load(str(one), "--store", store, "--prune")
    assert code == ExitCode.OK and "removed 1" in output
    build(read_sources([str(folder)]), Settings(), Targets(tmp_path / "built", (), tmp_path / "i"))
    assert quads(tmp_path / "store") == quads(tmp_path / "built")


def test_a_directory_of_quad_files_loads_them_all(corpus_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "shards"
    folder.mkdir()
    (folder / "part-0.nq.gz").write_bytes(corpus_file.read_bytes())
    code, output = load(str(folder), "--store", str(tmp_path / "store"))
    assert code == ExitCode.OK, output
    assert "loaded 1 file(s)" in output

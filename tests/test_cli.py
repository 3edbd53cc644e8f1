"""The `kg` command as a user runs it: exit codes, messages, outputs; and its docs."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.commands import FLAGS, ExitCode
from kg.errors import StoreError
from kg.query import open_dataset
from kg.settings import PROJECT_ROOT

from .conftest import SEED

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
SHAPES_EXAMPLES = Path(__file__).parent / "shapes"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store and a TriG file built by the CLI from the seed article."""
    out = tmp_path_factory.mktemp("cli")
    result = CliRunner().invoke(main, ["build", str(SEED), "--store", str(out / "store"),
                                       "-o", str(out / "graph.trig"),
                                       "--invalid-dir", str(out / "invalid")])
    assert result.exit_code == ExitCode.OK, result.output
    assert "built 1, unchanged 0, invalid 0, rejected 0, failed 0, removed 0" in result.output
    return out


def test_bad_inputs_are_named_counted_and_the_rest_built(tmp_path: Path) -> None:
    inputs = [str(FIXTURES / n) for n in ("empty.txt", "malformed-date.txt", "article.txt")]
    result = CliRunner().invoke(main, ["build", *inputs, "--store", str(tmp_path / "s"),
                                       "--invalid-dir", str(tmp_path / "inv")])
    assert result.exit_code == ExitCode.PARTIAL
    assert "built 1, unchanged 0, invalid 0, rejected 2, failed 0" in result.output
    assert "empty.txt" in result.output and "malformed-date.txt" in result.output


def test_missing_input_is_rejected_not_fatal(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(tmp_path / "nope.txt"), str(SEED),
                                       "--no-store", "--invalid-dir", str(tmp_path / "inv")])
    assert result.exit_code == ExitCode.PARTIAL
    assert "nope.txt" in result.output and "built 1" in result.output


def test_stdin_to_turtle(tmp_path: Path) -> None:
    story = "date 2025-06-01 Floods close roads in Porto\n\nHeavy rain flooded Porto on Sunday.\n"
    out = tmp_path / "story.ttl"
    result = CliRunner().invoke(main, ["build", "-", "--no-store", "-o", str(out),
                                       "--invalid-dir", str(tmp_path / "inv")], input=story)
    assert result.exit_code == ExitCode.OK, result.output
    assert "Floods close roads in Porto" in out.read_text()


def test_query_csv_on_store(built: Path) -> None:
    result = CliRunner().invoke(main, [
        "query", "--store", str(built / "store"), "--format", "csv",
        "SELECT DISTINCT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name"])
    assert result.exit_code == ExitCode.OK, result.output
    names = [row[0] for row in csv.reader(io.StringIO(result.output))][1:]
    assert "Lloyd Austin" in names and "Andrei Belousov" in names


def test_query_json_on_files(built: Path) -> None:
    result = CliRunner().invoke(main, [
        "query", "--data", str(built / "graph.trig"), "--format", "json",
        "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a kgo:TimeExpression }"])
    assert result.exit_code == ExitCode.OK, result.output
    (binding,) = json.loads(result.output)["results"]["bindings"]
    assert int(binding["n"]["value"]) >= 6


def test_example_query_runs(built: Path) -> None:
    query = PROJECT_ROOT / "examples" / "queries" / "people-and-positions.rq"
    result = CliRunner().invoke(main, ["query", "--store", str(built / "store"),
                                       "--file", str(query)])
    assert result.exit_code == ExitCode.OK, result.output
    assert "Russian Defense Minister" in result.output


def test_malformed_query_is_a_clear_error(built: Path) -> None:
    result = CliRunner().invoke(main, ["query", "--store", str(built / "store"), "SELEC ?x"])
    assert result.exit_code == ExitCode.FAILED
    assert "error: [KG400]" in result.output


def test_query_on_missing_store_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["query", "--store", str(tmp_path / "none"), "ASK {}"])
    assert result.exit_code == ExitCode.FAILED
    assert "no store at" in result.output
    # The library's hint speaks of the store setting; the CLI adds the flag that sets it.
    assert "the store setting" in result.output and "(options: --store)" in result.output


def test_the_library_hint_names_no_flag(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        open_dataset(tmp_path / "none", [])
    assert caught.value.settings == ("store",) and "--" not in str(caught.value)


def test_a_setting_without_a_flag_is_named_as_the_environment_sets_it(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(SEED)], env={"KG_SHAPES": str(tmp_path)})
    assert result.exit_code == ExitCode.FAILED
    assert "(options: KG_SHAPES or shapes in kg.toml)" in result.output


def test_every_setting_a_hint_may_name_has_a_real_flag() -> None:
    options = {opt for command in main.commands.values() for param in command.params
               for opt in getattr(param, "opts", [])}
    assert set(FLAGS.values()) <= options, set(FLAGS.values()) - options


def test_no_library_hint_names_a_command_line_flag() -> None:
    """Flags belong to the CLI (kg/cli.py, kg/commands/); the library names settings."""
    library = [path for path in (PROJECT_ROOT / "kg").rglob("*.py")
               if "commands" not in path.parts and path.name != "cli.py"]
    flagged = [f"{path.name}: {line.strip()}" for path in library
               for line in path.read_text().splitlines()
               if re.search(r"(hint|Problem|Error)\b.*[\"' (]--[a-z]", line)]
    assert flagged == []


def test_stats(built: Path) -> None:
    result = CliRunner().invoke(main, ["stats", "--store", str(built / "store")])
    assert result.exit_code == ExitCode.OK, result.output
    assert "articles" in result.output and "Andrei Belousov" in result.output
    counts = dict(line.rsplit(None, 1) for line in result.output.splitlines()[:40]
                  if line.startswith(("quotations", "claims", "events: kgo:PhoneCall")))
    assert int(counts["quotations"]) >= 4 and int(counts["claims"]) >= 2
    assert counts["events: kgo:PhoneCall"] == "1"  # the call named five times is one event


def test_validate_files(built: Path) -> None:
    good = CliRunner().invoke(main, ["validate", str(built / "graph.trig")])
    assert good.exit_code == ExitCode.OK, good.output
    bad_file = SHAPES_EXAMPLES / "invalid" / "anchor-not-slice.ttl"
    bad = CliRunner().invoke(main, ["validate", str(bad_file)])
    assert bad.exit_code == ExitCode.PARTIAL
    assert "nif:anchorOf" in bad.output


def commands() -> list[str]:
    return sorted(main.commands)


@pytest.mark.parametrize("name", commands())
def test_every_command_has_examples_and_is_in_the_readme(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output
    readme = (PROJECT_ROOT / "README.md").read_text()
    assert f"`kg {name}" in readme


def test_readme_opens_with_the_two_commands() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text()
    block = readme.split("```sh\n", 1)[1].split("```", 1)[0]
    assert [line.split()[0:2] for line in block.strip().splitlines()] == [
        ["make", "demo"], ["make", "test"]]
    ci = (PROJECT_ROOT / ".ci" / "run").read_text()
    assert "make test" in ci


def test_readme_queries_answer_on_the_seed(built: Path) -> None:
    readme = (PROJECT_ROOT / "README.md").read_text()
    queries = [block.split("```", 1)[0] for block in readme.split("```sparql\n")[1:]]
    assert queries
    for text in queries:
        result = CliRunner().invoke(main, ["query", "--store", str(built / "store"), text])
        assert result.exit_code == ExitCode.OK, result.output
        assert "(0 rows)" not in result.output and "Sevastopol" in result.output


@pytest.mark.parametrize("base", ["https://news.example.org/id#", "https://news.example.org/my id/",
                                  "urn:kg:", "news.example.org/id/"])
def test_a_base_iri_kg_cannot_mint_from_stops_before_any_article(tmp_path: Path,
                                                                 base: str) -> None:
    """Checked when settings load: before, '#' or a space failed on the first article."""
    result = CliRunner().invoke(main, ["build", str(SEED), "--base-iri", base,
                                       "--store", str(tmp_path / "store")])
    assert result.exit_code == ExitCode.FAILED
    assert "base_iri" in result.output and "(options: --base-iri)" in result.output
    assert not (tmp_path / "store").exists()


def test_terminal_output_shows_control_characters_as_escapes(tmp_path: Path) -> None:
    """Data written elsewhere may hold them: a table and the log show them escaped."""
    data = tmp_path / "data.nq"
    data.write_text('<http://a.example/s> <https://schema.org/name> "x\\u001B[2Jy\\u0007" '
                    '<http://a.example/g> .\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["query", "--data", str(data),
                                       "SELECT ?n WHERE { ?s schema:name ?n }"])
    assert result.exit_code == ExitCode.OK
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "x\\x1b[2Jy\\x07" in result.output


@pytest.mark.parametrize("command", [["validate"], ["query", "ASK {}", "--data"],
                                     ["stats", "--data"]])
def test_a_truncated_gzip_file_is_named_not_aborted(tmp_path: Path, command: list[str]) -> None:
    data = tmp_path / "graph.nq.gz"
    with gzip.open(data, "wb") as packed:
        packed.write(b'<http://a.example/s> <http://a.example/p> "o" <http://a.example/g> .\n'
                     * 2000)
    data.write_bytes(data.read_bytes()[:-40])  # cut short, as a killed copy leaves it
    result = CliRunner().invoke(main, [*command, str(data)])
    assert result.exit_code == ExitCode.FAILED, result.output
    assert "Aborted!" not in result.output and str(data) in result.output

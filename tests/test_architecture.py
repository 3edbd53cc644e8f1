"""The layer rules of the design, as import contracts checked by import-linter (pyproject.toml,
[tool.importlinter]); and the house rules the contracts cannot say."""

from __future__ import annotations

import pkgutil
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import kg

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
CLI_MODULES = {"kg.cli", "kg.commands", "kg.__main__"}


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    # import-linter puts the working directory first on sys.path: `project`'s kg is checked.
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=project, capture_output=True,
                          text=True, timeout=120, check=False)


def contracts() -> list[dict[str, object]]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return list(tomllib.load(handle)["tool"]["importlinter"]["contracts"])


def test_every_import_contract_is_kept() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    kept = re.search(r"Contracts: (\d+) kept, 0 broken", result.stdout)
    assert kept is not None and int(kept[1]) == len(contracts()), result.stdout


def test_a_broken_rule_is_caught(tmp_path: Path) -> None:
    """The checker bites: mapping that imports extract (through another module) fails."""
    shutil.copytree(ROOT / "kg", tmp_path / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    dates = tmp_path / "kg" / "mapping" / "dates.py"
    dates.write_text(dates.read_text() + "\nfrom kg.pipeline import ArticleProcessor  # noqa\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "Mapping is pure" in result.stdout and "BROKEN" in result.stdout
    assert "kg.mapping.dates -> kg.pipeline" in result.stdout


def test_the_cli_contract_names_every_module_of_the_library() -> None:
    """A new top-level module is either the CLI's or listed, so no module escapes the rule."""
    rule = next(c for c in contracts() if c["name"] == "The library never imports the CLI")
    top = {f"kg.{m.name}" for m in pkgutil.iter_modules(kg.__path__)}
    assert top - CLI_MODULES == set(rule["source_modules"])  # type: ignore[arg-type]


def test_extract_is_a_handful_of_rooms() -> None:
    extract = ROOT / "kg" / "extract"
    rooms = sorted(p.name for p in extract.iterdir() if (p / "__init__.py").exists())
    assert rooms == ["events", "names", "statements", "timex"]
    assert len(list(extract.glob("*.py"))) <= 8  # the order, and the pieces the rooms share


def test_paragraph_offsets_become_article_offsets_in_one_place() -> None:
    by_hand = [f"{path.relative_to(ROOT)}:{number}"
               for path in (ROOT / "kg").rglob("*.py") if path.name != "nlp.py"
               for number, line in enumerate(path.read_text().splitlines(), 1)
               if re.search(r"\.offset\s*[+-]|[+-]\s*\w+\.offset\b", line)]
    assert by_hand == []

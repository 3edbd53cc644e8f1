"""`kg validate`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.commands import ExitCode, run, settings_options
from kg.settings import load_settings
from kg.validate import Validator
from kg.validate.files import check_files


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--show-warnings", is_flag=True, help="Also print graphs that conform with warnings.")
@settings_options
def validate(files: tuple[Path, ...], show_warnings: bool, config: Path | None,
             model: str | None, base_iri: str | None) -> None:
    """Check every named graph of RDF FILES against the SHACL shapes of shapes/.

    Exits with 3 when any graph does not conform.

    \b
    Examples:
      kg validate demo-out/graph.trig
      kg validate kg-invalid/*.ttl
    """
    settings = run(lambda: load_settings(config, model=model, base_iri=base_iri))
    validator = run(lambda: Validator(settings.shapes))
    checked = invalid = 0
    for name, report in run(lambda: list(check_files(files, validator))):
        checked += 1
        invalid += not report.conforms
        if not report.conforms or (show_warnings and report.issues):
            click.echo(f"{'invalid' if not report.conforms else 'warnings'}: {name}")
            click.echo(report.text())
    click.echo(f"checked {checked} graph(s): {checked - invalid} conform, {invalid} do not")
    sys.exit(ExitCode.OK if invalid == 0 else ExitCode.PARTIAL)

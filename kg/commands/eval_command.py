"""`kg eval`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from tqdm import tqdm

from kg.commands import ExitCode, run, settings_options
from kg.evaluate import evaluate
from kg.evaluate.report import FORMATS, render_report
from kg.evaluate.tasks import BODY_SENTENCES
from kg.settings import load_settings


@click.command(name="eval")
@click.argument("gold_dir", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--baseline/--no-baseline", default=True, show_default=True,
              help="Also score the bare spaCy model on the same text.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for kg's build.")
@click.option("--body-sentences", type=click.IntRange(min=0), default=BODY_SENTENCES,
              show_default=True, help="Body sentences in the scoring window (after the headline "
                                      "and the date line, which are always in it).")
@click.option("--errors", is_flag=True,
              help="Also list kg's errors on names: missed, spurious, wrong span, wrong type.")
@settings_options
def eval_(gold_dir: Path, fmt: str, baseline: bool, jobs: int, body_sentences: int,
          errors: bool, config: Path | None, model: str | None, base_iri: str | None) -> None:
    """Score kg against MEANTIME gold annotations (CAT XML files under GOLD_DIR).

    Each gold article is rebuilt as raw text, built with kg as `kg build` would, and its graph
    compared with the gold: entity names by type, time expressions (span, type, value), event
    mentions and event participants; precision, recall and F1 with exact and overlapping span
    match. Bad gold files are reported and skipped; exits with 3 when any was.

    \b
    Examples:
      kg eval ../shared/eval/meantime-dev
      kg eval ../shared/eval/meantime-dev --format json --jobs 2 > scores.json
      kg eval ../shared/eval/meantime-dev --errors | grep ^missed
      kg eval meantime/corpus_apple --no-baseline --model en_core_web_md
    """
    settings = run(lambda: load_settings(config, model=model, base_iri=base_iri))
    with tqdm(unit=" articles", disable=None, file=sys.stderr) as bar:
        report = run(lambda: evaluate(gold_dir, settings, jobs, baseline, body_sentences,
                                      lambda _: bar.update()))
    click.echo(render_report(report, fmt, errors), nl=False)
    sys.exit(ExitCode.PARTIAL if report.skipped or report.not_built else ExitCode.OK)

"""`kg push`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import cast

import click
from tqdm import tqdm

from kg.commands import SETTINGS_OPTIONS, ExitCode, printable, run
from kg.publish.endpoint import DEFAULT_BATCH, METHODS, Method, PushOptions, PushSummary
from kg.publish.endpoint import push as push_graphs
from kg.publish.push_http import AuthKind, Connection
from kg.publish.push_journal import default_journal
from kg.publish.push_source import GraphSource
from kg.publish.quad_inputs import quad_files
from kg.settings import load_settings


@click.command()
@click.argument("endpoint")
@click.option("--method", type=click.Choice(METHODS), default="update", show_default=True,
              help="update: SPARQL 1.1 Update to ENDPOINT; gsp: Graph Store HTTP Protocol PUT.")
@click.option("--store", type=click.Path(file_okay=False, path_type=Path),
              help="Push the graphs of this store (default: the store setting, ./kg-store).")
@click.option("--data", "files", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Push the graphs of these .nq/.trig files (.gz too), or of a kg spark output "
                   "directory, instead. Repeatable.")
@click.option("--journal", type=click.Path(dir_okay=False, path_type=Path),
              help="The resume journal (default: beside the store or the first file).")
@click.option("--force", is_flag=True, help="Push graphs the journal says are unchanged too.")
@click.option("--dry-run", is_flag=True, help="Print the requests instead of sending them.")
@click.option("--verify", is_flag=True,
              help="Count each graph at the endpoint after sending it; a graph holding other "
                   "than what was sent counts as failed.")
@click.option("--query-url", help="Where --verify counts with --method update (default: "
                                  "ENDPOINT; Oxigraph's is /query).")
@click.option("--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH,
              show_default=True, help="Triples per INSERT DATA (Virtuoso refuses ~1,400+).")
@click.option("--user", help="User name for basic or digest authentication.")
@click.option("--password", envvar="KG_PUSH_PASSWORD", help="Password (or KG_PUSH_PASSWORD).")
@click.option("--auth", type=click.Choice(["basic", "digest"]), default="basic",
              show_default=True, help="HTTP authentication scheme for --user.")
@click.option("--token", envvar="KG_PUSH_TOKEN", help="Bearer token (or KG_PUSH_TOKEN).")
@click.option("--ca-bundle", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Trust this CA bundle (PEM) for https.")
@click.option("--insecure", is_flag=True, help="Do not verify TLS certificates (not advised).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True,
              help="Seconds to wait for each answer.")
@click.option("--retries", type=click.IntRange(min=0), default=4, show_default=True,
              help="Retries of a request after a connection error or 5xx "
                   "(back-off 0.5 s, doubling).")
@SETTINGS_OPTIONS[0]
@SETTINGS_OPTIONS[2]
def push(endpoint: str, method: str, store: Path | None, files: tuple[Path, ...],
                 journal: Path | None, force: bool, dry_run: bool, verify: bool,
                 query_url: str | None, batch_size: int,
                 user: str | None, password: str | None, auth: str, token: str | None,
                 ca_bundle: Path | None, insecure: bool, timeout: float, retries: int,
                 config: Path | None, base_iri: str | None) -> None:
    """Replace each named graph of the store (or of quad files) on a SPARQL 1.1 endpoint.

    Each graph is replaced atomically. A journal records what was pushed, so a push that
    stopped resumes, and graphs unchanged since are skipped (--force sends them anyway).
    Exit code 3 when some graphs failed, 1 when the endpoint cannot be used at all (it is
    unreachable, refuses the credentials, or answers success to a request that is not SPARQL).

    \b
    Examples:
      kg push http://localhost:7878/update
      kg push http://localhost:7878/update --verify --query-url http://localhost:7878/query
      kg push http://localhost:7878/store --method gsp --data graph.nq.gz
      kg push http://localhost:7878/update --data spark-out/
      kg push https://db.example.org/sparql-auth --user dba --auth digest --batch-size 500
      kg push http://localhost:8890/sparql --dry-run | less
    """
    settings = run(lambda: load_settings(config, base_iri=base_iri))
    if user and password is None:
        password = click.prompt(f"password for {user}", hide_input=True, err=True)
    if insecure:
        click.echo("warning: TLS certificates are not verified (--insecure)", err=True)
    source = run(lambda: GraphSource(None if files else (store or settings.store),
                                     quad_files(files)))
    connection = Connection(endpoint, user=user, password=password, auth=cast(AuthKind, auth),
                            token=token, ca_bundle=ca_bundle, insecure=insecure,
                            timeout=timeout, retries=retries)
    options = PushOptions(base=settings.base_iri, method=cast(Method, method),
                          batch_size=batch_size, force=force, dry_run=dry_run, verify=verify,
                          query_url=query_url)
    where = journal or run(lambda: default_journal(source.store, files[0] if files else None))
    total = None if dry_run else run(source.count)
    with tqdm(total=total, unit="graph", file=sys.stderr, disable=dry_run or None) as bar:
        summary = run(lambda: push_graphs(source, connection, options, where,
                                   show=lambda text: click.echo(text, nl=False),
                                   progress=lambda _graph, _status: bar.update()))
    click.echo(printable(render_summary(summary, endpoint, dry_run)), err=True, nl=False)
    if not summary.ok:
        sys.exit(ExitCode.PARTIAL)


def render_summary(summary: PushSummary, endpoint: str, dry_run: bool) -> str:
    """The lines printed after a push."""
    verb = "would push" if dry_run else "pushed"
    lines = [(f"{verb} {summary.pushed} graph(s), {summary.triples:,} triples, to {endpoint}"
             f" in {summary.requests} request(s); skipped {summary.skipped} unchanged;"
             f" failed {len(summary.failed)}")]
    lines += [f"failed: <{graph}>: {reason}" for graph, reason in summary.failed]
    return "\n".join(lines) + "\n"

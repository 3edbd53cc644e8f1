"""kg push against real endpoints: an Oxigraph server and Virtuoso 7, by SPARQL Update and by
the Graph Store Protocol; the endpoint is queried after each push and must hold exactly the
triples that were built."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kg.commands.push_command import push
from kg.ontology import ONTOLOGY_GRAPH
from kg.pipeline import Outcome
from kg.publish.push_batches import STAGING, staging_iri
from tests.servers import (  # noqa: F401  (fixtures)
    OxigraphServer,
    VirtuosoServer,
    endpoint_quads,
    oxigraph_server,
    select,
    virtuoso_server,
)
from tests.test_push_data import (
    BASE,
    PREFIX,
    Corpus,
    articles,
    make_corpus,
    ontology_matches,
)


@pytest.fixture(scope="session")
def seed_corpus(tmp_path_factory: pytest.TempPathFactory, seed_outcome: Outcome) -> Corpus:
    return make_corpus(tmp_path_factory.mktemp("seed"), [seed_outcome])


@pytest.fixture(scope="session")
def wikinews_corpus(tmp_path_factory: pytest.TempPathFactory,
                    wikinews_outcomes: list[Outcome]) -> Corpus:
    return make_corpus(tmp_path_factory.mktemp("wikinews"), wikinews_outcomes)


@dataclass(frozen=True)
class Target:
    """One endpoint and method: where to push, and where to query."""

    push_url: str
    query_url: str
    method: str

    def quads(self) -> set[str]:
        """What the endpoint holds in kg's graphs, as N-Quads lines.

        Read as N-Triples graph by graph (tests/servers.py), which Virtuoso gives back
        exactly; its JSON results would write "true"^^xsd:boolean as "1" and its XML results
        drop trailing white space, so those would need a comparison by value.
        """
        return endpoint_quads(self.query_url, PREFIX)


@pytest.fixture(params=["oxigraph-update", "oxigraph-gsp", "virtuoso-update", "virtuoso-gsp"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Target]:
    server, method = request.param.split("-")
    if server == "virtuoso":
        vt: VirtuosoServer = request.getfixturevalue("virtuoso_server")
        vt.clear(PREFIX)
        yield Target(vt.sparql_url if method == "update" else vt.gsp_url, vt.sparql_url, method)
        return
    # A fresh Oxigraph per test: starting one takes a second, dropping a corpus ten.
    ox = OxigraphServer(tmp_path / "oxigraph")
    try:
        ox.start()
        yield Target(ox.update_url if method == "update" else ox.store_url, ox.query_url, method)
    finally:
        ox.stop()


def run_push(url: str, *args: str | Path) -> Result:
    """`kg push URL ARGS...` through click, as a user would run it."""
    return CliRunner().invoke(push, [url, *map(str, args)], catch_exceptions=False)


def test_seed_pushed_exactly_and_again_the_same(target: Target, seed_corpus: Corpus,
                                                tmp_path: Path) -> None:
    journal = tmp_path / "journal.jsonl"
    args = ["--method", target.method, "--store", seed_corpus.store, "--journal", journal]
    first = run_push(target.push_url, *args)
    assert first.exit_code == 0, first.output
    assert f"pushed {seed_corpus.graphs} graph(s)" in first.stderr
    quads = target.quads()
    assert articles(quads) == set(seed_corpus.expected)
    assert ontology_matches(quads), "the ontology's blank nodes did not come back as built"
    # Unchanged since the journal: nothing is sent.
    again = run_push(target.push_url, *args)
    assert again.exit_code == 0 and f"skipped {seed_corpus.graphs} unchanged" in again.stderr
    # Forced, and in small batches through a staging graph: the same triples, no duplicates;
    # each graph counted at the endpoint after it is sent.
    forced = run_push(target.push_url, *args, "--force", "--batch-size", "97", "--verify",
                      "--query-url", target.query_url)
    assert forced.exit_code == 0, forced.output
    assert f"pushed {seed_corpus.graphs} graph(s)" in forced.stderr
    assert target.quads() == quads
    assert not select(target.query_url, "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER("
                      f'CONTAINS(STR(?g), "{STAGING}")) }} LIMIT 1'), "staging graph left over"


def test_wikinews_corpus_pushed_exactly(target: Target, wikinews_corpus: Corpus,
                                        tmp_path: Path) -> None:
    # From the store for Update, from the N-Quads file (streamed) for the Graph Store.
    source = ["--store", wikinews_corpus.store] if target.method == "update" else \
        ["--data", wikinews_corpus.nquads]
    result = run_push(target.push_url, "--method", target.method, *source,
                      "--journal", tmp_path / "journal.jsonl")
    assert result.exit_code == 0, result.output
    quads = target.quads()
    assert articles(quads) == set(wikinews_corpus.expected)
    assert len(wikinews_corpus.expected) > 100_000  # the whole corpus, not a part of it
    if target.method == "update":
        assert ontology_matches(quads)


def test_a_changed_graph_is_pushed_again_and_replaced(oxigraph_server: OxigraphServer,  # noqa: F811
                                                      seed_corpus: Corpus, tmp_path: Path) -> None:
    oxigraph_server.clear(PREFIX)
    journal = tmp_path / "journal.jsonl"
    args = ["--store", seed_corpus.store, "--journal", journal]
    assert run_push(oxigraph_server.update_url, *args).exit_code == 0
    # The endpoint drifted (someone added a triple) and the journal says the content changed.
    graph = next(json.loads(line)["graph"] for line in journal.read_text().splitlines()
                 if json.loads(line)["graph"] != str(ONTOLOGY_GRAPH))
    oxigraph_server.update(f'INSERT DATA {{ GRAPH <{graph}> {{ <{BASE}x> <{BASE}y> "stray" }} }}')
    journal.write_text(journal.read_text().replace('"sha256": "', '"sha256": "0'))
    result = run_push(oxigraph_server.update_url, *args)
    assert result.exit_code == 0 and "skipped 0 unchanged" in result.stderr
    assert articles(endpoint_quads(oxigraph_server.query_url, PREFIX)) == set(seed_corpus.expected)


def test_dry_run_prints_the_requests_and_sends_nothing(oxigraph_server: OxigraphServer,  # noqa: F811
                                                       seed_corpus: Corpus, tmp_path: Path) -> None:
    oxigraph_server.clear(PREFIX)
    journal = tmp_path / "journal.jsonl"
    update = run_push(oxigraph_server.update_url, "--store", seed_corpus.store, "--journal",
                      journal, "--dry-run", "--batch-size", "200")
    assert update.exit_code == 0, update.output
    assert f"# POST {oxigraph_server.update_url} Content-Type: application/sparql-update" \
        in update.stdout
    (graph,) = {line.split()[-2] for line in seed_corpus.expected}
    assert f"DROP SILENT GRAPH {staging_iri(graph[1:-1], BASE)} ;\nINSERT DATA" in update.stdout
    assert f"DELETE {{ GRAPH {graph} {{ ?s ?p ?o }} }}" in update.stdout  # the guarded move
    assert "would push" in update.stderr
    gsp = run_push(oxigraph_server.store_url, "--method", "gsp", "--store", seed_corpus.store,
                   "--journal", journal, "--dry-run")
    assert f"# PUT {oxigraph_server.store_url}?graph=" in gsp.stdout
    # Every triple is in the printed body, as N-Triples.
    assert all(q.rsplit(" ", 2)[0] + " .\n" in gsp.stdout for q in seed_corpus.expected)
    assert endpoint_quads(oxigraph_server.query_url) == set()
    assert not journal.exists()


def test_leftover_staging_graph_is_cleared(oxigraph_server: OxigraphServer,  # noqa: F811
                                           seed_corpus: Corpus, tmp_path: Path) -> None:
    # A push that died between batches left junk in the staging graph of the article graph.
    oxigraph_server.clear("")
    (graph,) = {line.split()[-2][1:-1] for line in seed_corpus.expected}
    staging = staging_iri(graph, BASE)
    oxigraph_server.update(f'INSERT DATA {{ GRAPH {staging} {{ <{BASE}x> <{BASE}y> "junk" }} }}')
    result = run_push(oxigraph_server.update_url, "--store", seed_corpus.store, "--journal",
                      tmp_path / "journal.jsonl", "--batch-size", "100")
    assert result.exit_code == 0, result.output
    everything = endpoint_quads(oxigraph_server.query_url)
    assert articles(everything) == set(seed_corpus.expected)  # no junk, no staging graph

"""kg push when things go wrong: a server killed part way, wrong credentials, nothing
listening, 5xx and garbage answers (from small real HTTP peers), bad input; and the pieces
that make re-sending harmless (stable skolem IRIs, escaping, the journal)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from rdflib import Graph, Literal, URIRef

from kg.commands import ExitCode
from kg.commands.push_command import push
from kg.errors import EndpointError, InputError
from kg.pipeline import Outcome
from kg.publish.endpoint import PushOptions
from kg.publish.endpoint import push as push_graphs
from kg.publish.push_batches import GENID, prepare
from kg.publish.push_http import Connection
from kg.publish.push_journal import Journal
from kg.publish.push_source import GraphSource
from kg.store import Store
from tests.servers import (  # noqa: F401  (fixtures)
    OxigraphServer,
    VirtuosoServer,
    endpoint_quads,
    free_port,
    virtuoso_server,
)
from tests.test_push_data import BASE, PREFIX, Corpus, articles, make_corpus, running_peer

FAST = ["--retries", "2", "--timeout", "5"]


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory, seed_outcome: Outcome) -> Corpus:
    return make_corpus(tmp_path_factory.mktemp("seed"), [seed_outcome])


def run_push(url: str, *args: str | Path) -> Result:
    return CliRunner().invoke(push, [url, *map(str, args)], catch_exceptions=False)


def test_push_interrupted_by_a_dead_server_resumes(tmp_path: Path,
                                                   wikinews_outcomes: list[Outcome]) -> None:
    corpus = make_corpus(tmp_path / "corpus", wikinews_outcomes[:30])
    server = OxigraphServer(tmp_path / "oxigraph")
    journal = tmp_path / "journal.jsonl"
    connection = Connection(server.update_url, retries=1, backoff=0.05, timeout=10)
    options = PushOptions(base=BASE)
    killed_after = 12

    def kill_part_way(_graph: str, _status: str) -> None:
        nonlocal pushed
        pushed += 1
        if pushed == killed_after:
            server.kill()  # as a crash would: SIGKILL, mid-push

    try:
        server.start()
        pushed = 0
        with pytest.raises(EndpointError) as stopped:
            push_graphs(GraphSource(corpus.store), connection, options, journal,
                        progress=kill_part_way)
        assert "cannot reach" in str(stopped.value)
        assert f"{killed_after} graph(s) pushed before that" in str(stopped.value)
        assert len(journal.read_text().splitlines()) == killed_after
        server.start()  # the same database, the same port: the same endpoint
        summary = push_graphs(GraphSource(corpus.store), connection, options, journal)
        assert (summary.skipped, summary.pushed) == (killed_after, corpus.graphs - killed_after)
        assert articles(endpoint_quads(server.query_url, PREFIX)) == set(corpus.expected)
    finally:
        server.stop()


def test_wrong_credentials_fail_fast_with_a_clear_message(
        virtuoso_server: VirtuosoServer, seed: Corpus, tmp_path: Path) -> None:  # noqa: F811
    journal = tmp_path / "journal.jsonl"
    for url, method in ((virtuoso_server.auth_url, "update"),
                        (f"{virtuoso_server.base}/sparql-graph-crud-auth", "gsp")):
        args = ["--method", method, "--store", seed.store, "--journal", journal, "--user", "dba",
                "--auth", "digest", *FAST]
        wrong = run_push(url, *args, "--password", "not-the-password")
        assert wrong.exit_code == ExitCode.FAILED
        assert "refused the credentials (HTTP 401)" in wrong.stderr
        assert "--user, --password, --auth" in wrong.stderr  # the hint, with the flags
        assert "retrying" not in wrong.output
        right = run_push(url, *args, "--password", "dba", "--force")
        assert right.exit_code == 0, right.output
        assert articles(endpoint_quads(virtuoso_server.sparql_url, PREFIX)) == set(seed.expected)


def test_nothing_listening_is_a_clear_fatal_error(seed: Corpus, tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/update"
    result = run_push(url, "--store", seed.store, "--journal", tmp_path / "j.jsonl",
                      "--retries", "1")
    assert result.exit_code == ExitCode.FAILED
    assert f"cannot reach {url}" in result.stderr and "after 2 attempts" in result.stderr
    assert "is the server running?" in result.stderr
    assert (tmp_path / "j.jsonl").read_text() == ""  # nothing recorded as pushed


@pytest.fixture
def peer(request: pytest.FixtureRequest) -> Iterator[Any]:
    """A real HTTP (or not quite) server on loopback: request.param is (status, body) or
    "garbage"."""
    with running_peer(request.param) as server:
        yield server


@pytest.mark.parametrize(("peer", "message"), [
    ((503, b"overloaded"), "HTTP 503 overloaded after 3 attempts"),
    ("garbage", "the answer is not HTTP"),
], indirect=["peer"])
@pytest.mark.parametrize("method", ["update", "gsp"])
def test_5xx_and_garbage_are_retried_then_reported(peer: Any, message: str, method: str,
                                                   seed: Corpus, tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{peer.server_address[1]}/endpoint"
    result = run_push(url, "--method", method, "--store", seed.store, "--journal",
                      tmp_path / "j.jsonl", *FAST)
    assert result.exit_code == ExitCode.PARTIAL, result.output
    assert f"failed {seed.graphs}" in result.stderr and message in result.stderr
    assert len(peer.seen) == 3 * seed.graphs  # each graph: one try and two retries


@pytest.mark.parametrize("peer", [(502, b"bad gateway")], indirect=True)
def test_an_endpoint_failing_every_graph_is_given_up_on(peer: Any, seed: Corpus,
                                                        tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{peer.server_address[1]}/update"
    with pytest.raises(EndpointError, match="2 graphs in a row failed.*HTTP 502 bad gateway"):
        push_graphs(GraphSource(seed.store), Connection(url, retries=0),
                    PushOptions(base=BASE, max_failures=2), tmp_path / "j")
    assert len(peer.seen) == 2


@pytest.mark.parametrize("peer", [(400, b"bad request: no")], indirect=True)
def test_4xx_fails_fast_and_the_push_goes_on(peer: Any, seed: Corpus, tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{peer.server_address[1]}/update"
    result = run_push(url, "--store", seed.store, "--journal", tmp_path / "j.jsonl", *FAST)
    assert result.exit_code == ExitCode.PARTIAL
    assert "refused graph" in result.stderr and "(HTTP 400): bad request: no" in result.stderr
    assert len(peer.seen) == seed.graphs  # no retries


@pytest.mark.parametrize("peer", [(401, b"who are you?")], indirect=True)
@pytest.mark.parametrize("method", ["update", "gsp"])
def test_refused_digest_credentials_are_not_sent_again(peer: Any, method: str, seed: Corpus,
                                                       tmp_path: Path) -> None:
    peer.headers["WWW-Authenticate"] = 'Digest realm="kg", nonce="n0nce", qop="auth"'
    url = f"http://127.0.0.1:{peer.server_address[1]}/endpoint"
    result = run_push(url, "--method", method, "--store", seed.store, "--journal",
                      tmp_path / "j", "--user", "me", "--password", "wrong", "--auth", "digest")
    assert result.exit_code == ExitCode.FAILED and "refused the credentials" in result.stderr
    assert len(peer.seen) == 2  # the challenge, one answer; then stop
    assert "Digest username=\"me\"" in peer.seen[1][2]["Authorization"]


@pytest.mark.parametrize("peer", [(204, b"")], indirect=True)
def test_credentials_and_terms_as_sent(peer: Any, tmp_path: Path) -> None:
    store = tmp_path / "store"
    nasty = 'He said "}} ; DROP ALL ; INSERT DATA {" \\u0022 \\ back\nslash }'
    graph = Graph()
    graph.add((URIRef(f"{BASE}x"), URIRef(f"{BASE}says"), Literal(nasty, lang="en")))
    with Store(store) as opened:
        opened.replace_graph(URIRef(f"{BASE}graph/nasty"), graph)
    url = f"http://127.0.0.1:{peer.server_address[1]}/store"
    assert run_push(url, "--store", store, "--journal", tmp_path / "j",
                    "--token", "s3cret").exit_code == 0
    assert run_push(url, "--method", "gsp", "--store", store, "--journal", tmp_path / "j2",
                    "--user", "me", "--password", "pw").exit_code == 0
    (update, put) = peer.seen
    assert update[2]["Authorization"] == "Bearer s3cret"
    assert update[2]["Content-Type"] == "application/sparql-update"
    sent = update[3].decode()
    assert f"INSERT DATA {{ GRAPH <{BASE}graph/nasty> {{\n<{BASE}x> <{BASE}says> " \
        f"{ox.Literal(nasty, language='en')} .\n}} }}" in sent
    assert put[0] == "PUT" and put[1] == "/store?graph=" + f"{BASE}graph/nasty".replace(
        ":", "%3A").replace("/", "%2F")
    assert put[2]["Authorization"].startswith("Basic ")
    (sent_triple,) = ox.parse(put[3], format=ox.RdfFormat.N_TRIPLES)
    assert sent_triple.object.value == nasty


def test_nasty_literals_reach_virtuoso_intact(virtuoso_server: VirtuosoServer,  # noqa: F811
                                              tmp_path: Path) -> None:
    texts = ['quote " and \\u0022 and }} ; DROP ALL ;', "back\\slash \\U0001F600 😀 é\n\ttab",
             "trailing space  "]
    graph = Graph()
    for n, text in enumerate(texts):
        graph.add((URIRef(f"{BASE}x"), URIRef(f"{BASE}p{n}"), Literal(text)))
    name = URIRef(f"{BASE}graph/nasty")
    with Store(tmp_path / "store") as store:
        store.replace_graph(name, graph)
    for method, url in (("update", virtuoso_server.sparql_url), ("gsp", virtuoso_server.gsp_url)):
        virtuoso_server.clear(f"{BASE}graph/nasty")
        assert run_push(url, "--method", method, "--store", tmp_path / "store", "--journal",
                        tmp_path / f"{method}.jsonl").exit_code == 0
        expected = {f"{ox.NamedNode(s)} {ox.NamedNode(p)} {ox.Literal(o)} <{name}> ."
                    for s, p, o in graph}
        assert endpoint_quads(virtuoso_server.sparql_url, str(name)) == expected


def test_blank_nodes_get_the_same_skolem_iris_whatever_their_labels() -> None:
    data = '_:{a} <http://ex/p> _:{b} .\n_:{b} <http://ex/q> "x" .\n'
    graphs = [list(ox.parse(data.format(a=a, b=b), format=ox.RdfFormat.N_TRIPLES))
              for a, b in (("a", "b"), ("zz", "y1"))]
    first, second = (prepare("http://ex/g", triples, BASE) for triples in graphs)
    assert first == second
    assert all("_:" not in line for line in first.lines)
    assert sum(line.count(f"<{BASE}{GENID}") for line in first.lines) == 3


def test_bad_sources_are_named(tmp_path: Path) -> None:
    default = tmp_path / "default.nq"
    default.write_text('<http://ex/s> <http://ex/p> "o" .\n')
    split = tmp_path / "split.nq"
    split.write_text('<http://ex/s> <http://ex/p> "1" <http://ex/g1> .\n'
                     '<http://ex/s> <http://ex/p> "2" <http://ex/g2> .\n'
                     '<http://ex/s> <http://ex/p> "3" <http://ex/g1> .\n')
    broken = tmp_path / "broken.nq"
    broken.write_text('<http://ex/s> <http://ex/p> "unterminated <http://ex/g> .\n')
    for path, reason in ((default, "default graph"), (split, "comes back later"),
                         (broken, "cannot read")):
        with pytest.raises(InputError, match=reason) as raised:
            list(GraphSource(files=[path]).graphs())
        assert str(path) in str(raised.value)
    with pytest.raises(InputError, match="has no named graphs"):
        GraphSource(files=[tmp_path / "x.ttl"])
    result = run_push("http://127.0.0.1:1/update", "--store", tmp_path / "nowhere")
    assert result.exit_code == ExitCode.FAILED and "no store at" in result.stderr


def test_journal_survives_a_torn_line(tmp_path: Path) -> None:
    path = tmp_path / "journal.jsonl"
    entry = {"endpoint": "http://e/", "graph": "http://g/1", "sha256": "abc", "triples": 1}
    path.write_text(json.dumps(entry) + "\n" + '{"endpoint": "http://e/", "gra')  # crash
    with Journal(path, "http://e/") as journal:
        assert journal.unchanged("http://g/1", "abc")
        journal.record("http://g/2", "def", 2)
    again = Journal(path, "http://e/")
    assert again.done == {"http://g/1": "abc", "http://g/2": "def"}
    assert Journal(path, "http://other/").done == {}  # per endpoint


# What counts as pushed: an answer the protocol gives for a stored graph, from an endpoint

LOGIN_PAGE = b"<!DOCTYPE html><html><body><form>Sign in to continue</form></body></html>"


@pytest.mark.parametrize("peer", [(200, LOGIN_PAGE)], indirect=True)
@pytest.mark.parametrize("method", ["update", "gsp"])
def test_a_page_that_answers_success_to_anything_is_not_an_endpoint(
        peer: Any, method: str, seed: Corpus, tmp_path: Path) -> None:
    peer.refuses_probe = False
    peer.headers["Content-Type"] = "text/html; charset=utf-8"
    url = f"http://127.0.0.1:{peer.server_address[1]}/"
    result = run_push(url, "--method", method, "--store", seed.store, "--journal",
                      tmp_path / "j.jsonl", *FAST)
    protocol = "SPARQL Update" if method == "update" else "Graph Store"
    assert result.exit_code == ExitCode.FAILED, result.output
    assert f"{url} is not a {protocol} endpoint: it answered HTTP 200 text/html" in result.stderr
    assert "0 graph(s) pushed" in result.stderr
    assert len(peer.probes) == 1 and peer.seen == []  # no graph was sent
    assert (tmp_path / "j.jsonl").read_text() == ""  # nor recorded as pushed


@pytest.mark.parametrize("peer", [(202, b"")], indirect=True)
def test_a_put_accepted_for_later_is_not_a_stored_graph(peer: Any, seed: Corpus,
                                                       tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{peer.server_address[1]}/store"
    result = run_push(url, "--method", "gsp", "--store", seed.store, "--journal",
                      tmp_path / "j.jsonl", *FAST)
    assert result.exit_code == ExitCode.PARTIAL, result.output
    assert f"failed {seed.graphs}" in result.stderr
    assert "answered HTTP 202 to the PUT of graph" in result.stderr
    assert "not 200, 201 or 204" in result.stderr
    assert (tmp_path / "j.jsonl").read_text() == ""


@pytest.mark.parametrize("peer", [(204, b"")], indirect=True)
def test_verify_fails_a_graph_the_store_does_not_hold_in_full(peer: Any, seed: Corpus,
                                                             tmp_path: Path) -> None:
    peer.graph_body = b'<http://ex/s> <http://ex/p> "only this" .\n'
    url = f"http://127.0.0.1:{peer.server_address[1]}/store"
    args = ["--method", "gsp", "--store", seed.store, "--journal", tmp_path / "j.jsonl", *FAST]
    unverified = run_push(url, *args)
    assert unverified.exit_code == 0, unverified.output  # 204: stored, as far as HTTP says
    verified = run_push(url, *args, "--force", "--verify")
    assert verified.exit_code == ExitCode.PARTIAL, verified.output
    assert f"failed {seed.graphs}" in verified.stderr
    assert "holds 1 triple(s) in graph" in verified.stderr and "after the push, not the" \
        in verified.stderr
    gets = [request for request in peer.seen if request[0] == "GET"]
    assert len(gets) == seed.graphs


@pytest.mark.parametrize("peer", [(204, b"")], indirect=True)
def test_a_failing_count_is_retried_then_fails_the_graph(peer: Any, seed: Corpus,
                                                         tmp_path: Path) -> None:
    peer.get_status = 503
    url = f"http://127.0.0.1:{peer.server_address[1]}/store"
    result = run_push(url, "--method", "gsp", "--store", seed.store, "--journal",
                      tmp_path / "j.jsonl", "--verify", *FAST)
    assert result.exit_code == ExitCode.PARTIAL, result.output
    assert f"failed {seed.graphs}" in result.stderr and "HTTP 503" in result.stderr
    gets = [request for request in peer.seen if request[0] == "GET"]
    assert len(gets) == 3 * seed.graphs  # one try and two retries each
    assert (tmp_path / "j.jsonl").read_text() == ""


def test_verify_by_update_counts_where_the_query_url_says(seed: Corpus, tmp_path: Path) -> None:
    pushed_to, elsewhere = (OxigraphServer(tmp_path / name) for name in ("to", "elsewhere"))
    try:
        pushed_to.start()
        elsewhere.start()
        args = ["--store", seed.store, "--journal", tmp_path / "j.jsonl", "--verify", *FAST]
        wrong = run_push(pushed_to.update_url, *args, "--query-url", elsewhere.query_url)
        assert wrong.exit_code == ExitCode.PARTIAL, wrong.output
        assert f"failed {seed.graphs}" in wrong.stderr and "holds 0 triple(s)" in wrong.stderr
        right = run_push(pushed_to.update_url, *args, "--query-url", pushed_to.query_url)
        assert right.exit_code == 0, right.output
        assert f"pushed {seed.graphs} graph(s)" in right.stderr
        no_query = run_push(pushed_to.update_url, *args, "--force")  # /update runs no queries
        assert no_query.exit_code == ExitCode.PARTIAL
        assert "refused the count of graph" in no_query.stderr
    finally:
        pushed_to.stop()
        elsewhere.stop()

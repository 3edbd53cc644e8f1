"""What kg serve reads from a query's text before running it, as SPARQL's lexer reads it:
SERVICE clauses (it calls no other endpoint unless told to: server-side request forgery) and
nesting (a query deep enough to overflow the parser's stack is refused, not run)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from kg.rdf import PREFIX_IRIS
from kg.serve.query_text import ANY, nesting_depth, service_targets
from tests.servers import OxigraphServer, free_port, oxigraph_server  # noqa: F401
from tests.test_serve import store  # noqa: F401 - the seed article's store
from tests.test_serve_support import running_server


@pytest.mark.parametrize(("query", "targets"), [
    ("SELECT * WHERE { SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }", ["http://10.0.0.1/sparql"]),
    ("PREFIX e: <http://e.example/> SELECT * { service SILENT e:q { ?s ?p ?o } }",
     ["http://e.example/q"]),
    ("SELECT * { ?s ?p ?o . SERVICE ?where { ?a ?b ?c } }", [ANY]),
    ("SELECT * { ?s schema:name 'SERVICE <http://a.example/>' }", []),
    ('SELECT * { ?s ?p """two\nlines SERVICE <http://b.example/>""" }', []),
    ("SELECT * { ?s <http://c.example/SERVICE> ?o ; schema:SERVICE ?x }", []),
    ("SELECT * { # SERVICE <http://d.example/>\n ?s ?p ?o }", []),
    ("SELECT * { FILTER (?a < 3 && ?b > 2) SERVICE <http://f.example/> {} }",
     ["http://f.example/"]),
])
def test_service_targets_are_read_as_sparql_reads_them(query: str, targets: list[str]) -> None:
    assert service_targets(query, PREFIX_IRIS) == targets


@pytest.fixture()
def listener() -> Iterator[tuple[str, list[bytes]]]:
    """A socket that records whatever connects to it: the address a query would have kg
    serve call."""
    server = socket.socket()
    server.bind(("127.0.0.1", free_port()))
    server.listen()
    server.settimeout(0.2)
    heard: list[bytes] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            with connection:
                heard.append(connection.recv(4096))

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    host, port = server.getsockname()
    yield f"http://{host}:{port}/sparql", heard
    stop.set()
    thread.join()
    server.close()


def test_a_service_query_is_refused_and_nothing_is_fetched(
        store: Path, listener: tuple[str, list[bytes]]) -> None:  # noqa: F811
    target, heard = listener
    query = f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}"
    with running_server(store) as url:
        answer = requests.get(f"{url}/sparql", params={"query": query}, timeout=60)
    assert answer.status_code == 403
    assert f"SERVICE to {target} is refused" in answer.text
    assert heard == []


def test_an_allowed_endpoint_is_called(store: Path,  # noqa: F811
                                       oxigraph_server: OxigraphServer) -> None:  # noqa: F811
    query = (f"SELECT ?answer WHERE {{ SERVICE <{oxigraph_server.query_url}> "
             "{ BIND(42 AS ?answer) } }")
    with running_server(store, "--allow-service", oxigraph_server.query_url) as url:
        answer = requests.get(f"{url}/sparql", params={"query": query, "format": "json"},
                              timeout=60)
    assert answer.status_code == 200, answer.text
    assert answer.json()["results"]["bindings"][0]["answer"]["value"] == "42"


DEEP = "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"


@pytest.mark.parametrize(("query", "depth"), [
    ("SELECT * WHERE { ?s ?p ?o }", 1), ("ASK { FILTER((1 + 2) > 0) }", 3),
    ("SELECT * { ?s ?p '((((' . ?s <http://a.example/(> [ ?q ?r ] }", 2),
    (DEEP, 5002)])
def test_nesting_depth(query: str, depth: int) -> None:
    assert nesting_depth(query) == depth


def test_a_query_too_deep_to_parse_is_refused_and_the_server_goes_on(
        store: Path) -> None:  # noqa: F811
    with running_server(store, "--workers", "1") as url:
        for _ in range(3):
            deep = requests.post(f"{url}/sparql", data={"query": DEEP}, timeout=60)
            assert deep.status_code == 400 and "nests 5002 levels deep" in deep.text
        fine = requests.get(f"{url}/sparql", params={"query": "ASK { ?s ?p ?o }",
                                                      "format": "json"}, timeout=60)
        assert fine.status_code == 200 and fine.json()["boolean"] is True

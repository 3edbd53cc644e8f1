"""`kg serve` as its users meet it: SPARQLWrapper, curl and requests against a real server
holding the seed article's graph (and an invented article with markup in its text)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.error import HTTPError

import pytest
import requests
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SDO
from SPARQLWrapper import JSON, POST, POSTDIRECTLY, TURTLE, XML, SPARQLWrapper

from kg.commands.serve_command import serve
from kg.pipeline import ArticleProcessor, Outcome
from tests.test_serve_support import (
    AUSTIN,
    BASE,
    build_store,
    curl,
    free_port,
    hostile_outcome,
    rebased,
    running_server,
)

PERSONS = "SELECT DISTINCT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name"
NAMES_GRAPH = "CONSTRUCT { ?p schema:name ?name } WHERE { ?p a schema:Person ; schema:name ?name }"
# Every quad with every quad with every quad: ~10^11 rows on this store, never finishes.
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LOCAL_AUSTIN = "/kg-news/id/person/lloyd-austin"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, seed_outcome: Outcome,
          processor: ArticleProcessor) -> Path:
    path = tmp_path_factory.mktemp("serve") / "store"
    return build_store(path, [seed_outcome, hostile_outcome(processor)])


@pytest.fixture(scope="module")
def dumps(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    (root / "secret.txt").write_text("not for download")
    folder = root / "dumps"
    folder.mkdir()
    (folder / "graph.nq").write_text("<http://a/s> <http://a/p> <http://a/o> <http://a/g> .\n")
    (folder / "escape.txt").symlink_to(root / "secret.txt")
    return folder


@pytest.fixture(scope="module")
def server(store: Path, dumps: Path) -> Iterator[str]:
    with running_server(store, "--dumps", str(dumps), "--cors", "*") as url:
        yield url


@pytest.fixture(scope="module")
def tight(store: Path) -> Iterator[str]:
    """A server with a one-second time-out and a three-row limit."""
    with running_server(store, "--timeout", "1", "--limit", "3", "--workers", "1") as url:
        yield url


def wrapper(server: str, query: str, fmt: str) -> SPARQLWrapper:
    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


def test_sparqlwrapper_select_json(server: str) -> None:
    result = wrapper(server, PERSONS, JSON).queryAndConvert()
    names = [row["name"]["value"] for row in result["results"]["bindings"]]  # type: ignore[index]
    assert "Lloyd Austin" in names and "Andrei Belousov" in names


def test_sparqlwrapper_select_xml_by_post(server: str) -> None:
    client = wrapper(server, PERSONS, XML)
    client.setMethod(POST)
    document = client.queryAndConvert()
    names = [node.firstChild.data for node in document.getElementsByTagName("literal")]  # type: ignore[union-attr]
    assert "Lloyd Austin" in names


def test_sparqlwrapper_construct_turtle_posted_directly(server: str) -> None:
    client = wrapper(server, NAMES_GRAPH, TURTLE)
    client.setMethod(POST)
    client.setRequestMethod(POSTDIRECTLY)  # application/sparql-query
    graph = Graph().parse(data=client.queryAndConvert(), format="turtle")  # type: ignore[arg-type]
    assert (URIRef(AUSTIN), SDO.name, Literal("Lloyd Austin")) in graph


def test_sparqlwrapper_construct_default_rdfxml(server: str) -> None:
    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery(NAMES_GRAPH)
    graph = client.queryAndConvert()  # SPARQLWrapper asks RDF/XML for CONSTRUCT by default
    assert isinstance(graph, Graph)
    assert (URIRef(AUSTIN), SDO.name, Literal("Lloyd Austin")) in graph


def test_curl_csv_and_tsv(server: str) -> None:
    csv = curl("-H", "Accept: text/csv", "--data-urlencode", f"query={PERSONS}", f"{server}/sparql")
    assert csv.startswith("name\r\n") and "Lloyd Austin\r\n" in csv
    tsv = curl("-G", "-H", "Accept: text/tab-separated-values", "--data-urlencode",
               f"query={PERSONS}", f"{server}/sparql")
    assert tsv.startswith("?name\n") and '"Lloyd Austin"' in tsv


def test_format_parameter_and_ask(server: str) -> None:
    answer = requests.get(f"{server}/sparql", params={
        "query": "ASK { ?call a kgo:PhoneCall }", "format": "json"}, timeout=60)
    assert answer.headers["Content-Type"].startswith("application/sparql-results+json")
    assert answer.json()["boolean"] is True


def test_results_keep_every_character(server: str) -> None:
    # Results pass through TSV on their way to the limit: tabs, new lines and quotes survive.
    query = "SELECT ?text WHERE { ?a schema:headline ?h ; nif:isString ?text } ORDER BY ?h"
    for fmt in ("json", "xml"):
        answer = requests.get(f"{server}/sparql", params={"query": query, "format": fmt},
                              timeout=60)
        assert answer.status_code == 200
    texts = requests.get(f"{server}/sparql", params={"query": query, "format": "json"},
                         timeout=60).json()["results"]["bindings"]
    seed = next(t["text"]["value"] for t in texts if "Belousov" in t["text"]["value"])
    assert "Ukraine\n\nPentagon Chief" in seed and "“exchanged views" in seed


def test_default_graph_uri_narrows_the_dataset(server: str) -> None:
    ontology = "https://w3id.org/kg-news/ontology"
    answer = requests.get(f"{server}/sparql", params={
        "query": "SELECT (COUNT(*) AS ?n) WHERE { ?p a schema:Person }",
        "default-graph-uri": ontology}, headers={"Accept": "application/json"}, timeout=60)
    assert answer.json()["results"]["bindings"][0]["n"]["value"] == "0"


def test_updates_are_refused(server: str) -> None:
    insert = "INSERT DATA { <http://x/s> <http://x/p> <http://x/o> }"
    by_form = requests.post(f"{server}/sparql", data={"update": insert}, timeout=60)
    direct = requests.post(f"{server}/sparql", data=insert, timeout=60,
                           headers={"Content-Type": "application/sparql-update"})
    as_query = requests.get(f"{server}/sparql", params={"query": f"PREFIX x: <http://x/>\n{insert}"},
                            timeout=60)
    for answer in (by_form, direct, as_query):
        assert answer.status_code == 403 and "read-only" in answer.text
    assert requests.put(f"{server}/kg-news/id/person/x", data="x", timeout=60).status_code == 405
    client = wrapper(server, insert, JSON)
    client.setMethod(POST)
    with pytest.raises(HTTPError) as refused:
        client.query()
    assert refused.value.code == 403 and b"read-only" in refused.value.read()
    check = requests.get(f"{server}/sparql", params={"query": "ASK { <http://x/s> ?p ?o }",
                                                     "format": "json"}, timeout=60)
    assert check.json()["boolean"] is False


def test_malformed_query_is_400_with_the_parsers_message(server: str) -> None:
    answer = requests.get(f"{server}/sparql", params={"query": "SELECT ?x WHERE { ?x ?p }"},
                          timeout=60)
    assert answer.status_code == 400
    assert "malformed SPARQL query" in answer.text and "1:" in answer.text


def test_cors_preflight_and_answers(server: str) -> None:
    preflight = requests.options(f"{server}/sparql", timeout=60, headers={
        "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    answer = requests.post(f"{server}/sparql", data={"query": PERSONS}, timeout=60, headers={
        "Origin": "https://yasgui.example", "Accept": "application/sparql-results+json"})
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert "X-Result-Truncated" in answer.headers["Access-Control-Expose-Headers"]


def test_resource_iri_redirects_by_accept(server: str) -> None:
    expected = {"text/turtle": ".ttl", "application/n-triples": ".nt",
                "application/ld+json": ".jsonld", "text/html": ".html"}
    for accept, suffix in expected.items():
        out = curl("-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", "-H",
                   f"Accept: {accept}", f"{server}{LOCAL_AUSTIN}")
        assert out == f"303 {server}{LOCAL_AUSTIN}{suffix}", accept


def test_documents_have_the_data_and_type(server: str) -> None:
    for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt"),
                        ("application/ld+json", "json-ld")):
        answer = requests.get(f"{server}{LOCAL_AUSTIN}", headers={"Accept": accept}, timeout=60)
        assert answer.history[0].status_code == 303
        assert answer.headers["Content-Type"].split(";")[0] == accept
        assert "Accept" in answer.headers["Vary"]
        graph = Graph().parse(data=answer.text, format=fmt)
        assert (URIRef(AUSTIN), SDO.name, Literal("Lloyd Austin")) in graph
        # as object too: the phone call names him as a participant
        assert any(str(s).startswith(f"{BASE}event/") for s, _, _ in
                   graph.triples((None, None, URIRef(AUSTIN))))


def test_unknown_iri_is_404(server: str) -> None:
    for path in ("/kg-news/id/person/nobody", "/kg-news/id/person/nobody.ttl",
                 "/kg-news/id/person/nobody.html", "/kg-news/id/%3Cbad%3E", "/nowhere"):
        answer = requests.get(f"{server}{path}", timeout=60)
        assert answer.status_code == 404, path


# What a browser sends: error pages must come back as pages with the right status.
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.mark.parametrize(("path", "status"), [
    ("/kg-news/id/person/nobody", 404), ("/nowhere", 404), ("/dumps/missing.nq", 404),
    ("/kg-news/id/%3Cbad%3E", 404), ("/browse?type=x&offset=y", 400),
    ("/search?q=" + "a" * 5000, 400)])
def test_error_pages_reach_a_browser_with_their_status(server: str, path: str,
                                                       status: int) -> None:
    answer = requests.get(f"{server}{path}", headers=BROWSER, timeout=60)
    assert answer.status_code == status, path
    assert answer.headers["Content-Type"].startswith("text/html")
    assert f"<h1>{status}</h1>" in answer.text


def test_query_past_the_timeout_is_stopped(tight: str) -> None:
    answer = requests.get(f"{tight}/sparql", params={"query": CROSS_PRODUCT}, timeout=120)
    assert answer.status_code == 503
    assert "stopped after the time-out of 1 s" in answer.text
    # The worker was replaced: the next query is answered.
    again = requests.get(f"{tight}/sparql", params={"query": "ASK { ?s ?p ?o }", "format": "json"},
                         timeout=120)
    assert again.json()["boolean"] is True


def hold_the_worker(url: str) -> requests.Response:
    """Run the slow query; sent again while a quick query had the worker (503 at once)."""
    while True:
        answer = requests.get(f"{url}/sparql", params={"query": CROSS_PRODUCT}, timeout=120)
        if "stayed busy" not in answer.text:
            return answer


def test_pages_are_answered_while_slow_queries_hold_every_sparql_worker(store: Path) -> None:
    """A slow query holds the only SPARQL worker: another query answers 503 with Retry-After
    at once (it used to queue until the time-out), and pages have a worker of their own."""
    with running_server(store, "--timeout", "6", "--workers", "1") as url:
        slow = ThreadPoolExecutor(1).submit(hold_the_worker, url)
        busy = None
        while busy is None and not slow.done():
            answer = requests.get(f"{url}/sparql", params={"query": "ASK {}"}, timeout=120)
            busy = answer if answer.status_code == 503 else None
        page = requests.get(f"{url}{LOCAL_AUSTIN}.html", timeout=120)
        still_running = not slow.done()
        assert slow.result().status_code == 503  # stopped at its time-out
    assert busy is not None and busy.headers["Retry-After"] == "5"
    assert "all query workers stayed busy" in busy.text
    assert page.status_code == 200 and "Lloyd Austin" in page.text and still_running


def test_result_limit(tight: str) -> None:
    many = requests.get(f"{tight}/sparql", params={"query": PERSONS, "format": "json"}, timeout=60)
    assert len(many.json()["results"]["bindings"]) == 3
    assert many.headers["X-Result-Truncated"] == "true" and many.headers["X-Result-Limit"] == "3"
    graph = requests.get(f"{tight}/sparql", params={"query": NAMES_GRAPH, "format": "nt"},
                         timeout=60)
    assert len(graph.text.strip().splitlines()) == 3
    assert graph.headers["X-Result-Truncated"] == "true"
    few = requests.get(f"{tight}/sparql", params={
        "query": "SELECT ?n WHERE { VALUES ?n { 1 2 } }", "format": "csv"}, timeout=60)
    assert few.text.split() == ["n", "1", "2"] and few.headers["X-Result-Truncated"] == "false"


def test_dumps_listed_and_downloaded(server: str) -> None:
    listing = requests.get(f"{server}/dumps/", timeout=60)
    assert "graph.nq" in listing.text
    dump = requests.get(f"{server}/dumps/graph.nq", timeout=60)
    assert dump.headers["Content-Type"].startswith("application/n-quads")
    assert dump.text.startswith("<http://a/s>")


def test_bad_request_details_answer_4xx_not_500(server: str) -> None:
    person = "https%3A%2F%2Fschema.org%2FPerson"
    huge = requests.get(f"{server}/browse?type={person}&offset={'9' * 30}", timeout=60)
    assert huge.status_code == 400 and "not a number below" in huge.text
    assert requests.get(f"{server}/dumps/graph%00.nq", timeout=60).status_code == 404
    listing = requests.get(f"{server}/dumps/", timeout=60).text
    assert "graph.nq" in listing and "escape.txt" not in listing  # a link out of the folder
    body = requests.post(f"{server}/sparql", data=b"ASK {}" + b" " * 3_000_000,
                         headers={"Content-Type": "application/sparql-query"}, timeout=60)
    assert body.status_code == 413


def test_dump_paths_cannot_leave_the_folder(server: str) -> None:
    for path in ("/dumps/../secret.txt", "/dumps/%2e%2e/secret.txt", "/dumps/..%2fsecret.txt",
                 "/dumps/escape.txt", "/dumps//etc/passwd", "/dumps/%2fetc%2fpasswd"):
        out = curl("--path-as-is", "-L", "-w", "\n%{http_code}", f"{server}{path}")
        body, _, status = out.rpartition("\n")
        assert status in ("404", "400"), path
        assert "not for download" not in body and "root:" not in body, path


def test_html_escapes_article_text(server: str) -> None:
    answer = requests.get(f"{server}/sparql", timeout=60, params={
        "query": "SELECT ?a WHERE { ?a schema:headline ?h FILTER(CONTAINS(?h, 'Testville')) }",
        "format": "json"})
    article = answer.json()["results"]["bindings"][0]["a"]["value"]
    page = requests.get(article.replace("https://w3id.org", server), timeout=60,
                        headers={"Accept": "text/html"})
    assert page.status_code == 200 and "Testville" in page.text
    assert "<script>" not in page.text and "<b>bold" not in page.text
    assert "&lt;script&gt;alert(" in page.text and "&lt;b&gt;bold&lt;/b&gt; &amp; more" in page.text
    assert "script-src" not in page.headers["Content-Security-Policy"]  # no scripts at all
    search = requests.get(f"{server}/search", params={"q": "<script>x"}, timeout=60)
    assert "<script>x" not in search.text and "&lt;script&gt;x" in search.text


def test_entity_page_facts_with_sentences(server: str) -> None:
    page = requests.get(f"{server}{LOCAL_AUSTIN}.html", timeout=60).text
    assert "Pentagon Chief" in page and "phone call" in page
    # the sentence the job title was read from, with the span marked
    assert "<mark>Pentagon Chief</mark> Lloyd Austin spoke by phone" in page
    ryder = requests.get(f"{server}/kg-news/id/person/patrick-ryder.html", timeout=60).text
    assert "<h2>Quotations</h2>" in ryder and "<h2>Claims made</h2>" in ryder


def test_index_search_and_browse(server: str) -> None:
    index = requests.get(f"{server}/", timeout=60).text
    assert "/browse?type=https%3A%2F%2Fschema.org%2FPerson" in index
    found = requests.get(f"{server}/search", params={"q": "AUSTIN"}, timeout=60).text
    assert f'href="{LOCAL_AUSTIN}.html"' in found
    injected = requests.get(f"{server}/search", params={"q": '") } } ; DROP ALL #'}, timeout=60)
    assert injected.status_code == 200 and "0 resources" in injected.text
    people = requests.get(f"{server}/browse", params={"type": "https://schema.org/Person"},
                          timeout=60).text
    assert "Lloyd Austin" in people and "Andrei Belousov" in people


def test_sparql_form_for_browsers(server: str) -> None:
    page = requests.get(f"{server}/sparql", headers={"Accept": "text/html"}, timeout=60)
    assert page.status_code == 200 and "<textarea" in page.text
    plain = requests.get(f"{server}/sparql", timeout=60)
    assert plain.status_code == 400 and "no query" in plain.text


def test_command_names_bad_input(tmp_path: Path) -> None:
    missing = CliRunner().invoke(serve, ["--store", str(tmp_path / "none")])
    assert missing.exit_code == 1 and "no store at" in missing.output
    bad_bind = CliRunner().invoke(serve, ["--store", str(tmp_path), "--bind", "localhost"])
    assert bad_bind.exit_code == 1 and "cannot read the address 'localhost'" in bad_bind.output
    bad_base = CliRunner().invoke(serve, ["--store", str(tmp_path), "--base-iri", "urn:x/"])
    assert bad_base.exit_code == 1 and "must be an http(s) IRI" in bad_base.output
    assert "Examples:" in CliRunner().invoke(serve, ["--help"]).output


def test_json_ld_document_is_json(server: str) -> None:
    answer = requests.get(f"{server}{LOCAL_AUSTIN}.jsonld", timeout=60)
    assert isinstance(json.loads(answer.text), dict | list)


def test_site_at_its_own_address_serves_its_own_iris(tmp_path: Path,
                                                    seed_outcome: Outcome) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}/id/"
    store = build_store(tmp_path / "store", [rebased(seed_outcome, base)])
    with running_server(store, "--base-iri", base, port=port) as url:
        austin = f"{base}person/lloyd-austin"
        answer = requests.get(austin, headers={"Accept": "text/turtle"}, timeout=60)
        assert answer.history[0].status_code == 303 and answer.url == f"{austin}.ttl"
        graph = Graph().parse(data=answer.text, format="turtle")
        assert (URIRef(austin), SDO.name, Literal("Lloyd Austin")) in graph
        page = requests.get(f"{austin}.html", timeout=60).text
        assert 'href="/id/organization/us-department-of-defense.html"' in page
        assert requests.get(f"{url}/kg-news/id/person/lloyd-austin", timeout=60).status_code == 404

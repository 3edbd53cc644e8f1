"""The embedded store: atomic replacement, persistence, locking, errors."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SDO, XSD

from kg.errors import QueryError, StoreError
from kg.rdf import to_iri, to_ox
from kg.store import Store

ID = "https://w3id.org/kg-news/id/"
G1, G2 = URIRef(f"{ID}graph/one"), URIRef(f"{ID}graph/two")


def article(key: str, people: int = 3, tag: str = "v1") -> Graph:
    """A small article graph: typed and language-tagged literals, non-ASCII text."""
    graph = Graph()
    node = URIRef(f"{ID}article/{key}")
    graph.add((node, RDF.type, SDO.NewsArticle))
    graph.add((node, SDO.headline, Literal(f"Белоусов и Austin — «{tag}»", lang="ru")))
    graph.add((node, SDO.datePublished, Literal("2024-06-25", datatype=XSD.date)))
    graph.add((node, SDO.wordCount, Literal(people * 7, datatype=XSD.nonNegativeInteger)))
    for n in range(people):
        person = URIRef(f"{ID}person/{key}-{n}")
        graph.add((person, RDF.type, SDO.Person))
        graph.add((person, SDO.name, Literal(f"Person {n} \"{tag}\"\n")))
        graph.add((person, SDO.mentions, node))
    return graph


def quads_in(store: Store, name: URIRef) -> set[str]:
    answer = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
    assert isinstance(answer, ox.QuerySolutions)
    return {f"{row['s']} {row['p']} {row['o']}" for row in answer}


def expected(graph: Graph) -> set[str]:
    """The graph's triples as a store gives them back.

    Oxigraph normalises some literals on the way in ("7"^^xsd:nonNegativeInteger comes back
    as "7"^^xsd:integer, oxigraph/oxigraph#526), so the comparison goes through a plain store.
    """
    plain = ox.Store()
    plain.extend(ox.Quad(to_iri(s), to_iri(p), to_ox(o)) for s, p, o in graph)
    return {f"{q.subject} {q.predicate} {q.object}" for q in plain}


def test_replace_graph_twice_leaves_one_copy() -> None:
    store = Store(None)
    store.replace_graph(G1, article("a", tag="v1"))
    store.replace_graph(G1, article("a", tag="v2"))
    assert quads_in(store, G1) == expected(article("a", tag="v2"))
    assert store.count() == len(article("a"))


def test_replace_with_the_same_graph_changes_nothing() -> None:
    store = Store(None)
    store.replace_graph(G1, article("a"))
    store.replace_graph(G1, article("a"))
    assert quads_in(store, G1) == expected(article("a"))


def test_replace_leaves_other_graphs_alone() -> None:
    store = Store(None)
    store.replace_graphs([(G1, article("a")), (G2, article("b"))])
    store.replace_graph(G1, article("a", people=1, tag="v2"))
    assert quads_in(store, G2) == expected(article("b"))
    assert quads_in(store, G1) == expected(article("a", people=1, tag="v2"))


def test_replace_graphs_counts_and_batches() -> None:
    store = Store(None)
    items = [(URIRef(f"{ID}graph/{n}"), article(str(n))) for n in range(30)]
    assert store.replace_graphs(iter(items)) == 30
    assert store.graph_names() == {str(name) for name, _ in items}
    assert store.count() == sum(len(graph) for _, graph in items)


def test_replace_graphs_mixes_new_and_existing_graphs() -> None:
    store = Store(None)
    store.replace_graph(G1, article("a"))
    store.replace_graphs([(G1, article("a", tag="v2")), (G2, article("b"))])
    assert quads_in(store, G1) == expected(article("a", tag="v2"))
    assert quads_in(store, G2) == expected(article("b"))


def test_replacing_by_an_empty_graph_removes_it() -> None:
    store = Store(None)
    store.replace_graph(G1, article("a"))
    store.replace_graph(G1, Graph())
    assert store.graph_names() == set()


def test_remove_graph() -> None:
    store = Store(None)
    store.replace_graphs([(G1, article("a")), (G2, article("b"))])
    store.remove_graph(G1)
    store.remove_graph(URIRef(f"{ID}graph/absent"))
    assert store.graph_names() == {str(G2)}
    assert store.count() == len(article("b"))


def test_blank_nodes_are_refused() -> None:
    graph = article("a")
    graph.add((BNode(), SDO.name, Literal("anonymous")))
    store = Store(None)
    with pytest.raises(StoreError, match="blank node"):
        store.replace_graph(G1, graph)
    assert store.count() == 0


def test_a_reader_never_sees_half_an_article() -> None:
    store = Store(None)
    versions = [article("a", people=200, tag="v1"), article("a", people=200, tag="v2")]
    store.replace_graph(G1, versions[0])
    sizes: set[int] = set()
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            answer = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}")
            assert isinstance(answer, ox.QuerySolutions)
            sizes.update(int(row["n"].value) for row in answer)

    reader = threading.Thread(target=read)
    reader.start()
    for n in range(60):
        store.replace_graph(G1, versions[n % 2])
    done.set()
    reader.join()
    assert sizes == {len(versions[0])}


def test_persists_across_reopen(tmp_path: Path) -> None:
    with Store(tmp_path / "store") as store:
        store.replace_graph(G1, article("a"))
    with Store(tmp_path / "store") as store:
        assert quads_in(store, G1) == expected(article("a"))


def test_a_store_open_elsewhere_is_reported_as_in_use(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with Store(path):
        script = f"from pathlib import Path\nfrom kg.store import Store\nStore(Path({str(path)!r}))"
        other = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True,
                               text=True, cwd=Path(__file__).resolve().parents[1])
    assert other.returncode != 0
    assert f"store at {path} is in use by another process" in other.stderr


def test_unusable_path_names_the_path(tmp_path: Path) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    with pytest.raises(StoreError, match=str(not_a_dir)):
        Store(not_a_dir)


def test_closed_store_raises_store_error(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.count()


def rows(store: Store, sparql: str) -> int:
    answer = store.query(sparql)
    assert isinstance(answer, ox.QuerySolutions)
    return len(list(answer))


SHARED = URIRef(f"{ID}person/shared")


def shared_person(key: str) -> Graph:
    graph = article(key)
    graph.add((SHARED, RDF.type, SDO.Person))
    graph.add((SHARED, SDO.name, Literal("Jane Roe")))
    return graph


def test_the_default_graph_is_the_merge_of_the_graphs_a_set() -> None:
    """A triple stated by two graphs is one triple of the default graph, so a join finds it
    once (the union default graph paired every copy with every other: 4); GRAPH ?g shows
    each source; and the merge follows replacements and removals."""
    store = Store(None)
    store.replace_graphs([(G1, shared_person("a")), (G2, shared_person("b"))])
    assert rows(store, f"SELECT * WHERE {{ <{SHARED}> a ?t ; schema:name ?n }}") == 1
    assert rows(store, "SELECT ?p WHERE { ?p a schema:Person }") == 7  # 3 + 3 + the shared one
    assert rows(store, f"SELECT ?g WHERE {{ GRAPH ?g {{ <{SHARED}> a schema:Person }} }}") == 2
    store.replace_graph(G1, article("a"))  # no longer names the shared person
    assert rows(store, f"SELECT ?n WHERE {{ <{SHARED}> schema:name ?n }}") == 1
    store.remove_graph(G2)
    assert rows(store, f"SELECT * WHERE {{ <{SHARED}> ?p ?o }}") == 0
    assert rows(store, "SELECT ?p WHERE { ?p a schema:Person }") == 3
    assert store.count() == len(article("a"))


def test_a_store_from_before_the_merge_is_merged_when_opened(tmp_path: Path) -> None:
    raw = ox.Store(str(tmp_path / "store"))
    raw.extend([ox.Quad(ox.NamedNode(SHARED), ox.NamedNode(SDO.name), ox.Literal("Jane Roe"),
                        ox.NamedNode(graph)) for graph in (G1, G2)])
    raw.flush()
    del raw
    with Store(tmp_path / "store") as store:
        assert rows(store, "SELECT ?n WHERE { ?s schema:name ?n }") == 1
        assert store.count() == 2


def test_query_predeclares_the_prefixes() -> None:
    store = Store(None)
    store.replace_graphs([(G1, article("a")), (G2, article("b"))])
    assert rows(store, "SELECT ?p WHERE { ?p a schema:Person }") == 6


def test_malformed_query_raises_query_error() -> None:
    with pytest.raises(QueryError, match="malformed SPARQL") as caught:
        Store(None).query("SELECT ?s WHERE { ?s ?p ")
    assert "pre-declared" in caught.value.hint

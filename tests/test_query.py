"""Querying the store and files, rendering results, and the stats of a hand-built dataset."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, SDO, XSD

from kg.errors import QueryError, StoreError
from kg.namespaces import ITSRDF, KGO, NIF
from kg.ontology import ONTOLOGY_GRAPH
from kg.publish.files import QuadFileWriter, write_graph
from kg.query import QueryResult, open_dataset, render, run_query, shorten, term_parts
from kg.stats import render_stats, stats
from kg.store import Store

ID = "https://w3id.org/kg-news/id/"
AUSTIN, NATO = URIRef(f"{ID}person/lloyd-austin"), URIRef(f"{ID}organization/nato")
HIMARS, KYIV = URIRef(f"{ID}weapon/himars"), URIRef(f"{ID}place/kyiv")
ENTITIES = {AUSTIN: (SDO.Person, "Lloyd Austin"), NATO: (SDO.Organization, "NATO"),
            HIMARS: (KGO.Weapon, "HIMARS"), KYIV: (SDO.Place, "Київ")}


def article(key: str, mentioned: list[URIRef], timexes: int = 1) -> tuple[URIRef, Graph]:
    """An article in the contract's layout: mentions point at entities, which repeat per graph."""
    graph = Graph()
    node = URIRef(f"{ID}article/{key}")
    graph.add((node, RDF.type, SDO.NewsArticle))
    graph.add((node, SDO.headline, Literal(f"Headline {key}", lang="en")))
    graph.add((node, SDO.datePublished, Literal("2024-06-25", datatype=XSD.date)))
    for n, entity in enumerate(mentioned + [None] * timexes):
        mention = URIRef(f"{node}#char={n * 10},{n * 10 + 5}")
        graph.add((mention, RDF.type, NIF.Phrase))
        graph.add((mention, NIF.referenceContext, node))
        if entity is None:
            graph.add((mention, RDF.type, KGO.TimeExpression))
            graph.add((mention, KGO.timexValue, Literal("2024-06-25")))
            continue
        cls, name = ENTITIES[entity]
        graph.add((mention, ITSRDF.taIdentRef, entity))
        graph.add((entity, RDF.type, cls))
        graph.add((entity, SDO.name, Literal(name)))
    return URIRef(f"{ID}graph/{key}"), graph


ITEMS = [article("1", [AUSTIN, AUSTIN, NATO], timexes=2),
         article("2", [AUSTIN, HIMARS, KYIV]),
         article("3", [AUSTIN, KYIV], timexes=0)]
PEOPLE = "SELECT DISTINCT ?name WHERE { ?e a schema:Person ; schema:name ?name }"


@pytest.fixture()
def store() -> Store:
    dataset = Store(None)
    dataset.replace_graphs(ITEMS)
    return dataset


def test_select_sees_the_union_of_the_article_graphs(store: Store) -> None:
    result = run_query(store, "SELECT DISTINCT ?a WHERE { ?a a schema:NewsArticle } ORDER BY ?a")
    assert result.kind == "select" and result.variables == ("a",)
    assert result.rows == [(f"<{ID}article/{key}>",) for key in "123"]


def test_the_default_graph_holds_each_triple_of_the_graphs_once(store: Store) -> None:
    merged = run_query(store, "SELECT * WHERE { ?s ?p ?o }").rows
    stated = run_query(store, "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    assert len(merged) == len(set(merged)) == len(set(stated))
    graphs = run_query(store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert len(graphs.rows) == 3


def test_the_query_own_prefix_wins_over_the_predeclared_one(store: Store) -> None:
    query = "PREFIX schema: <http://schema.org/> SELECT ?e WHERE { ?e a schema:Person }"
    assert run_query(store, query).rows == []


def test_ask_and_construct(store: Store) -> None:
    assert run_query(store, "ASK { ?e schema:name 'NATO' }").boolean is True
    built = run_query(store, "CONSTRUCT { ?e rdfs:label ?n } WHERE { ?e schema:name ?n }")
    assert built.kind == "graph"
    assert (f"<{KYIV}>", f"<{RDFS.label}>", '"Київ"') in built.triples


def test_malformed_query_raises_query_error_with_the_position(store: Store) -> None:
    with pytest.raises(QueryError) as caught:
        run_query(store, "SELECT ?e WHERE { ?e a schema:Person ")
    assert "1:" in caught.value.message and caught.value.hint


def test_query_files_of_every_kind(tmp_path: Path) -> None:
    with QuadFileWriter(tmp_path / "a.nq.gz") as writer:
        writer.write(*ITEMS[0])
    with QuadFileWriter(tmp_path / "b.trig") as writer:
        writer.write(*ITEMS[1])
    write_graph(ITEMS[2][1], tmp_path / "c.ttl")
    write_graph(ITEMS[2][1], tmp_path / "c.jsonld")
    files = [tmp_path / name for name in ("a.nq.gz", "b.trig", "c.ttl", "c.jsonld")]
    dataset = open_dataset(None, files)
    articles = run_query(dataset, "SELECT DISTINCT ?a WHERE { ?a a schema:NewsArticle }")
    assert len(articles.rows) == 3
    # The files' graphs, and the ontology that `kg build` also stores, for the taxonomy.
    assert dataset.graph_names() == {str(ITEMS[0][0]), str(ITEMS[1][0]), str(ONTOLOGY_GRAPH)}
    taxonomy = run_query(dataset, "ASK { kgo:Strike rdfs:subClassOf* kgo:Event }")
    assert taxonomy.boolean is True


def test_open_dataset_on_a_store_directory(tmp_path: Path) -> None:
    with Store(tmp_path / "store") as built:
        built.replace_graphs(ITEMS)
    dataset = open_dataset(tmp_path / "store", [])
    assert run_query(dataset, "ASK { ?e schema:name 'HIMARS' }").boolean is True


def test_open_dataset_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        open_dataset(tmp_path / "missing", [])
    assert not (tmp_path / "missing").exists()
    (tmp_path / "documents").mkdir()
    with pytest.raises(StoreError, match="no store at"):
        open_dataset(tmp_path / "documents", [])
    assert list((tmp_path / "documents").iterdir()) == []
    with pytest.raises(StoreError, match="no file"):
        open_dataset(None, [tmp_path / "absent.nq"])
    (tmp_path / "bad.ttl").write_text("<a> <b> .")
    with pytest.raises(StoreError, match="bad.ttl"):
        open_dataset(None, [tmp_path / "bad.ttl"])
    with pytest.raises(QueryError):
        open_dataset(tmp_path, [tmp_path / "bad.ttl"])


NAMES = ("SELECT ?e ?name ?missing WHERE { ?e schema:name ?name "
         "OPTIONAL { ?e schema:foo ?missing } } ORDER BY ?name")


def test_render_csv_parses_back(store: Store) -> None:
    rows = list(csv.reader(io.StringIO(render(run_query(store, f"SELECT DISTINCT {NAMES[7:]}"),
                                              "csv"))))
    assert rows[0] == ["e", "name", "missing"]
    assert [f"{ID}place/kyiv", "Київ", ""] in rows
    assert len(rows) == 1 + 4


def test_render_json_follows_sparql_results_json(store: Store) -> None:
    query = "SELECT DISTINCT ?a ?h ?d WHERE { ?a schema:headline ?h ; schema:datePublished ?d }"
    document = json.loads(render(run_query(store, query), "json"))
    assert document["head"]["vars"] == ["a", "h", "d"]
    binding = document["results"]["bindings"][0]
    assert binding["a"]["type"] == "uri" and binding["a"]["value"].startswith(ID)
    assert binding["h"]["xml:lang"] == "en" and binding["h"]["type"] == "literal"
    assert binding["d"] == {"type": "literal", "value": "2024-06-25", "datatype": str(XSD.date)}
    ask = json.loads(render(run_query(store, "ASK { ?s ?p ?o }"), "json"))
    assert ask == {"head": {}, "boolean": True}


def test_json_leaves_out_unbound_variables(store: Store) -> None:
    document = json.loads(render(run_query(store, NAMES), "json"))
    assert all("missing" not in binding for binding in document["results"]["bindings"])


def test_render_tsv_keeps_terms_in_ntriples_syntax(store: Store) -> None:
    lines = render(run_query(store, "SELECT DISTINCT ?h WHERE { ?a schema:headline ?h }"),
                   "tsv").splitlines()
    assert lines[0] == "?h" and '"Headline 1"@en' in lines


def test_render_table_aligns_and_shortens(store: Store) -> None:
    query = "SELECT DISTINCT ?e ?t WHERE { ?e a ?t ; schema:name ?n } ORDER BY ?e"
    lines = render(run_query(store, query), "table").splitlines()
    assert lines[0].split() == ["?e", "?t"] and set(lines[1]) <= {"-", " "}
    assert any(line.rstrip().endswith("kgo:Weapon") for line in lines)
    assert len({line.index("schema:") for line in lines if "schema:" in line}) == 1
    assert lines[-1] == "(4 rows)"


def test_render_construct_as_turtle_and_ntriples(store: Store) -> None:
    result = run_query(store, "CONSTRUCT { ?e a ?t } WHERE { ?e a ?t ; schema:name ?n }")
    turtle = Graph().parse(data=render(result, "table"), format="turtle")
    assert isomorphic(turtle, Graph().parse(data=render(result, "tsv"), format="nt"))
    assert len(turtle) == len(result.triples) == 4
    assert "@prefix schema: <https://schema.org/> ." in render(result, "table")


def test_render_rejects_unknown_formats() -> None:
    with pytest.raises(QueryError, match="unknown result format"):
        render(QueryResult("ask", boolean=True), "xml")


def test_term_parts_and_shorten() -> None:
    assert term_parts('"a \\"b\\"\\n\\u0001"@en-gb') == ("literal", 'a "b"\n\x01', None, "en-gb")
    assert term_parts(f'"7"^^<{XSD.integer}>') == ("literal", "7", str(XSD.integer), None)
    assert term_parts("_:b0") == ("bnode", "b0", None, None)
    assert shorten(str(SDO.Person)) == "schema:Person"
    assert shorten(f"{ID}person/x") == f"{ID}person/x"


def test_stats_of_a_hand_built_dataset(store: Store) -> None:
    result = stats(store, top=3)
    assert (result.articles, result.graphs, result.time_expressions) == (3, 3, 3)
    assert result.triples == sum(len(graph) for _, graph in ITEMS)
    assert result.entities_by_class == {str(SDO.Person): 1, str(SDO.Organization): 1,
                                        str(SDO.Place): 1, str(KGO.Weapon): 1}
    top = [(e.name, e.cls, e.mentions) for e in result.top_entities]
    # Austin: 2 + 1 + 1 mentions, though his triples repeat in three graphs of the union.
    # Ties at the cut (NATO and HIMARS, one mention each) go to the smaller IRI.
    assert top == [("Lloyd Austin", str(SDO.Person), 4), ("Київ", str(SDO.Place), 2),
                   ("NATO", str(SDO.Organization), 1)]


def test_stats_follow_subclasses_declared_in_the_store(store: Store) -> None:
    city, lviv = URIRef(f"{ID}class/City"), URIRef(f"{ID}place/lviv")
    extra = Graph()
    extra.add((city, RDFS.subClassOf, SDO.Place))
    extra.add((lviv, RDF.type, city))
    store.replace_graph(URIRef(f"{ID}graph/extra"), extra)
    assert stats(store).entities_by_class[str(city)] == 1


def test_render_stats(store: Store) -> None:
    text = render_stats(stats(store))
    assert "articles" in text and "entities: kgo:Weapon" in text
    assert any(line.split()[:3] == ["4", "Lloyd", "Austin"] for line in text.splitlines())

"""kg dump: the store as N-Quads, TriG, JSON-LD, per-article Turtle and VoID/DCAT, checked by
parsing every file back and counting the store independently."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SDO

from kg.commands.dump_command import dump as dump_command
from kg.extract.nlp import model_version
from kg.ids import article_key
from kg.ontology import store_ontology
from kg.pipeline import ArticleProcessor, Outcome, Status
from kg.provenance import run_graph
from kg.publish.context import context_document
from kg.publish.dump import DumpResult, dump
from kg.rdf import to_ox
from kg.settings import Settings
from kg.store import Store

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
SPDX = "http://spdx.org/rdf/terms#"
WIKINEWS_ARTICLES = 4


@pytest.fixture(scope="module")
def outcomes(seed_outcome: Outcome, wikinews_outcomes: list[Outcome]) -> list[Outcome]:
    """The seed article and a few Wikinews articles, two of which name the same person."""
    built = [o for o in wikinews_outcomes if o.status is Status.BUILT and o.graph is not None]
    people = [set(o.graph.subjects(RDF.type, SDO.Person)) for o in built]  # type: ignore[union-attr]
    first, second = next((i, j) for i in range(len(built)) for j in range(i)
                         if people[i] & people[j])
    others = [o for i, o in enumerate(built) if i not in (first, second)]
    return [seed_outcome, built[second], built[first], *others[:WIKINEWS_ARTICLES - 2]]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory, outcomes: list[Outcome],
              processor: ArticleProcessor, settings: Settings) -> Path:
    """A store as kg build leaves it: article graphs, the run's activity, the ontology."""
    path = tmp_path_factory.mktemp("dump") / "store"
    with Store(path) as store:
        for outcome in outcomes:
            assert outcome.name is not None and outcome.graph is not None
            store.replace_graph(outcome.name, outcome.graph)
        run = processor.context.run
        store.replace_graph(run, run_graph(run, settings, model_version(settings.model), "local"))
        store_ontology(store)
    return path


@pytest.fixture
def store(store_dir: Path) -> Iterator[Store]:
    """The store, open for one test (the CLI tests open it themselves)."""
    with Store(store_dir) as opened:
        yield opened


@pytest.fixture(scope="module")
def dumped(store_dir: Path, settings: Settings,
           tmp_path_factory: pytest.TempPathFactory) -> DumpResult:
    with Store(store_dir) as store:
        return dump(store, tmp_path_factory.mktemp("out") / "dump", settings)


def all_quads(store: Store) -> list[ox.Quad]:
    """The store's own quads in named graphs, read without kg's code (the default graph is
    their merge, derived: dumps leave it out)."""
    return [quad for quad in store._ox if not isinstance(quad.graph_name, ox.DefaultGraph)]


def stored_quads(store: Store) -> set[str]:
    return {_line(quad) for quad in all_quads(store)}


def _line(quad: ox.Quad) -> str:
    return f"{quad.subject} {quad.predicate} {quad.object} {quad.graph_name}"


def parsed(path: Path, fmt: ox.RdfFormat) -> set[str]:
    return {_line(quad) for quad in ox.parse(gzip.decompress(path.read_bytes()), fmt)}


@pytest.mark.parametrize("name, fmt", [("dataset.nq.gz", ox.RdfFormat.N_QUADS),
                                       ("dataset.trig.gz", ox.RdfFormat.TRIG)])
def test_quad_dumps_parse_back_to_the_stores_quads(dumped: DumpResult, store: Store,
                                                   name: str, fmt: ox.RdfFormat) -> None:
    quads = parsed(dumped.out_dir / name, fmt)
    assert quads == stored_quads(store)
    assert len(quads) == store.count() > 5_000


@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
def test_jsonld_parses_back_with_its_published_context(dumped: DumpResult, store: Store) -> None:
    """rdflib fetches context.jsonld itself (the reference is relative to the data file);
    pyoxigraph, which loads no remote contexts, gets the context document inlined."""
    text = gzip.decompress((dumped.out_dir / "dataset.jsonld.gz").read_bytes()).decode()
    document = json.loads(text)
    assert document["@context"] == "context.jsonld"
    assert json.loads((dumped.out_dir / "context.jsonld").read_text()) == context_document()
    assert '"schema:name"' in text and '"@type":["schema:Person"' in text  # compact, not expanded
    document["@context"] = context_document()["@context"]
    inlined = {_line(q) for q in ox.parse(json.dumps(document), ox.RdfFormat.JSON_LD)}
    assert inlined == stored_quads(store)

    plain = dumped.out_dir / "dataset.jsonld"
    plain.write_text(text, encoding="utf-8")
    rdflib.NORMALIZE_LITERALS = False  # compare lexical forms as written
    try:
        dataset = Dataset()
        dataset.parse(plain, format="json-ld")
    finally:
        rdflib.NORMALIZE_LITERALS = True
        plain.unlink()
    read = list(dataset.quads())
    assert len(read) == store.count()
    blank = (rdflib.BNode, ox.BlankNode)
    assert ({" ".join(str(to_ox(term)) for term in quad) for quad in read
             if not any(isinstance(term, blank) for term in quad)}
            == {_line(q) for q in all_quads(store)
                if not any(isinstance(term, blank) for term in (q.subject, q.object))})


def test_each_article_graph_has_its_own_turtle_file(dumped: DumpResult, store: Store,
                                                   outcomes: list[Outcome]) -> None:
    files = sorted((dumped.out_dir / "articles").iterdir())
    assert [f.name for f in files] == sorted(f"{article_key(o.name)}.ttl" for o in outcomes
                                             if o.name is not None)
    for outcome in outcomes:
        assert outcome.name is not None
        written = Graph().parse(dumped.out_dir / "articles" / f"{article_key(outcome.name)}.ttl")
        assert isomorphic(written, _named_graph(store, outcome.name))
        assert len(written) == len(outcome.graph or ())


def _named_graph(store: Store, name: URIRef) -> Graph:
    data = "".join(f"{q.subject} {q.predicate} {q.object} .\n"
                   for q in store._ox.quads_for_pattern(None, None, None, ox.NamedNode(name)))
    return Graph().parse(data=data, format="nt")


def void_store(dumped: DumpResult) -> ox.Store:
    description = ox.Store()
    description.load(path=str(dumped.out_dir / "void.ttl"), format=ox.RdfFormat.TURTLE,
                     base_iri=dumped.out_dir.as_uri() + "/")
    return description


def void_value(description: ox.Store, predicate: str) -> str:
    (solution,) = description.query(f"SELECT ?v WHERE {{ ?d a <{VOID}Dataset> ; "
                                    f"<{predicate}> ?v }}")
    return str(solution["v"].value)


def count_one(store: Store, sparql: str) -> int:
    (solution,) = store.query(sparql)
    return int(solution["n"].value)


def test_void_numbers_equal_independent_counts(dumped: DumpResult, store: Store,
                                               outcomes: list[Outcome]) -> None:
    description = void_store(dumped)
    quads = all_quads(store)
    assert int(void_value(description, VOID + "triples")) == count_one(
        store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == len(quads)
    assert int(void_value(description, VOID + "distinctSubjects")) == len(
        {q.subject for q in quads})
    assert int(void_value(description, VOID + "distinctObjects")) == len({q.object for q in quads})
    assert int(void_value(description, VOID + "properties")) == len({q.predicate for q in quads})
    assert int(void_value(description, VOID + "documents")) == len(outcomes)
    partitions = {str(s["c"].value): int(s["n"].value) for s in description.query(
        f"SELECT ?c ?n WHERE {{ ?d <{VOID}classPartition> "
        f"[ <{VOID}class> ?c ; <{VOID}entities> ?n ] }}")}
    expected = {str(s["c"].value): int(s["n"].value) for s in store.query(
        "SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH ?g { ?x a ?c } } GROUP BY ?c")}
    assert partitions == expected
    assert partitions["https://schema.org/NewsArticle"] == len(outcomes)
    assert partitions["https://schema.org/Person"] > 5
    # An entity named in several articles is one entity, its triples repeated per graph.
    assert partitions["https://schema.org/Person"] < count_one(
        store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?x a schema:Person } }")


def test_void_dates_come_from_the_run_not_the_clock(dumped: DumpResult, store: Store) -> None:
    (run,) = store.query("SELECT ?t WHERE { ?r a prov:Activity ; prov:startedAtTime ?t }")
    description = void_store(dumped)
    assert void_value(description, "http://purl.org/dc/terms/modified") == run["t"].value
    assert void_value(description, "http://purl.org/dc/terms/issued") == run["t"].value
    assert void_value(description, VOID + "uriSpace") == Settings().base_iri
    assert void_value(description, "http://purl.org/dc/terms/license") == Settings().license


def test_void_gives_each_file_its_size_and_sha256(dumped: DumpResult) -> None:
    description = void_store(dumped)
    rows = list(description.query(f"""SELECT ?url ?size ?sum ?type WHERE {{
        ?d <{VOID}dataDump> ?url . ?dist <{DCAT}downloadURL> ?url ; <{DCAT}byteSize> ?size ;
           <{DCAT}mediaType> ?type ; <{SPDX}checksum> [ <{SPDX}checksumValue> ?sum ] }}"""))
    names = sorted(Path(row["url"].value.removeprefix("file://")).name for row in rows)
    assert names == ["dataset.jsonld.gz", "dataset.nq.gz", "dataset.trig.gz"]
    for row in rows:
        path = Path(row["url"].value.removeprefix("file://"))
        assert path.parent == dumped.out_dir  # relative links resolve into the dump directory
        assert int(row["size"].value) == path.stat().st_size
        assert row["sum"].value == hashlib.sha256(path.read_bytes()).hexdigest()
    listed = [line.split("  ") for line in (dumped.out_dir / "SHA256SUMS").read_text().splitlines()]
    assert {name for _, name in listed} >= {"void.ttl", "context.jsonld", *names}
    for checksum, name in listed:
        assert hashlib.sha256((dumped.out_dir / name).read_bytes()).hexdigest() == checksum


def test_two_dumps_are_byte_identical(dumped: DumpResult, store: Store, settings: Settings,
                                      tmp_path: Path) -> None:
    (dumped.out_dir / "articles" / "gone.ttl").write_text("# an article no longer stored\n")
    again = dump(store, dumped.out_dir, settings)  # over the first: stale files go
    other = dump(store, tmp_path / "other", settings)
    assert _contents(again.out_dir) == _contents(other.out_dir)
    assert not (dumped.out_dir / "articles" / "gone.ttl").exists()
    assert not [p for p in dumped.out_dir.rglob("*") if p.name.startswith(".")]  # no temp files


def _contents(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_public_urls_make_absolute_links(store: Store, tmp_path: Path) -> None:
    settings = Settings(dump_url="https://news.example.org/dump/",
                        sparql_endpoint="https://news.example.org/sparql",
                        publisher="https://news.example.org/")
    result = dump(store, tmp_path / "dump", settings)
    text = (result.out_dir / "void.ttl").read_text()
    assert "<https://news.example.org/dump/dataset.nq.gz>" in text
    assert "@base" not in text
    description = ox.Store()
    description.load(input=text, format=ox.RdfFormat.TURTLE)  # no base needed: all absolute
    assert void_value(description, VOID + "sparqlEndpoint") == "https://news.example.org/sparql"
    (service,) = description.query(f"SELECT ?e WHERE {{ ?s a <{DCAT}DataService> ; "
                                   f"<{DCAT}endpointURL> ?e ; <{DCAT}servesDataset> ?d }}")
    assert service["e"].value == "https://news.example.org/sparql"
    head = gzip.decompress((result.out_dir / "dataset.jsonld.gz").read_bytes())[:200].decode()
    assert head.startswith('{"@context":"https://news.example.org/dump/context.jsonld"')


def test_a_graph_name_cannot_lead_a_file_out_of_articles(seed_outcome: Outcome,
                                                         tmp_path: Path) -> None:
    assert seed_outcome.graph is not None and seed_outcome.name is not None
    odd = URIRef(seed_outcome.name.rsplit("/", 1)[0] + "/..")
    graph = Graph()
    for s, p, o in seed_outcome.graph:  # the same article graph under an awkward name
        graph.add((odd if s == seed_outcome.name else s, p, o))
    with Store(tmp_path / "store") as store:
        store.replace_graph(odd, graph)
        dump(store, tmp_path / "dump", Settings())
    (written,) = (tmp_path / "dump" / "articles").iterdir()
    assert written.suffix == ".ttl" and written.stem not in ("..", ".")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dump", "store"]


def test_cli_dumps_and_explains(store_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    helped = runner.invoke(dump_command, ["--help"])
    assert helped.exit_code == 0 and "Examples:" in helped.output and "kg dump" in helped.output
    dry = runner.invoke(dump_command, [str(tmp_path / "dry"), "--store", str(store_dir),
                                       "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "would write" in dry.output and "dataset.nq.gz" in dry.output
    assert not (tmp_path / "dry").exists()
    done = runner.invoke(dump_command, [str(tmp_path / "out"), "--store", str(store_dir),
                                        "--title", "Test news"])
    assert done.exit_code == 0, done.output
    assert "articles/" in done.output and "bytes" in done.output
    assert '"Test news"' in (tmp_path / "out" / "void.ttl").read_text()


def test_cli_errors_name_the_problem(store_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(dump_command, [str(tmp_path / "out"), "--store",
                                           str(tmp_path / "nowhere")])
    assert missing.exit_code == 1 and "no store at" in missing.output
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    blocked = runner.invoke(dump_command, [str(blocker / "dump"), "--store", str(store_dir)])
    assert blocked.exit_code == 1 and "cannot create the dump directory" in blocked.output
    with Store(store_dir):
        locked = runner.invoke(dump_command, [str(tmp_path / "out"), "--store", str(store_dir)])
    assert locked.exit_code == 1 and "in use" in locked.output
    bad = runner.invoke(dump_command, [str(tmp_path / "out"), "--store", str(store_dir),
                                       "--dump-url", "ftp://example.org/dump"])
    assert bad.exit_code == 1 and "dump_url" in bad.output

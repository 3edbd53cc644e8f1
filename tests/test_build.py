"""`kg build` as a library: determinism, parallel equality, replacing graphs, invalid articles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.build import Targets, build
from kg.model import Article
from kg.query import open_dataset, run_query
from kg.settings import PROJECT_ROOT, Settings
from kg.sources import read_sources

from .conftest import SEED

EXAMPLES = str(PROJECT_ROOT / "examples" / "articles")


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def build_to(tmp: Path, name: str, inputs: list[str], jobs: int = 1,
             settings: Settings | None = None) -> Path:
    out = tmp / name
    targets = Targets(out / "store", (out / "graph.nq",), out / "invalid")
    summary = build(read_sources(inputs), settings or Settings(), targets, jobs)
    assert summary.counts["built"] > 0
    return out


def test_same_input_gives_byte_identical_output(tmp_path: Path) -> None:
    first = build_to(tmp_path, "a", [EXAMPLES, str(SEED)])
    second = build_to(tmp_path, "b", [EXAMPLES, str(SEED)])
    assert (first / "graph.nq").read_bytes() == (second / "graph.nq").read_bytes()


def test_two_processes_give_the_same_output_as_one(tmp_path: Path) -> None:
    one = build_to(tmp_path, "one", [EXAMPLES, str(SEED)], jobs=1)
    two = build_to(tmp_path, "two", [EXAMPLES, str(SEED)], jobs=2)
    assert (one / "graph.nq").read_bytes() == (two / "graph.nq").read_bytes()


def headlines(store: Path) -> list[str]:
    with open_dataset(store, []) as dataset:
        rows = run_query(dataset, "SELECT ?h WHERE { ?a schema:headline ?h } ORDER BY ?h").rows
    return [str(row[0]) for row in rows]


def test_rebuilding_an_article_replaces_its_graph(tmp_path: Path) -> None:
    store = tmp_path / "store"
    article = tmp_path / "in" / "story.txt"
    article.parent.mkdir()
    article.write_text("date 2025-05-02 Port of Ostend reopens\n\nThe port reopened on Friday.\n")
    targets = Targets(store, (), tmp_path / "invalid")
    build(read_sources([str(article)]), Settings(), targets)
    article.write_text("date 2025-05-02 Port of Ostend reopens\n\nThe port of Ostend in Belgium "
                       "reopened on Friday after a storm.\n")
    build(read_sources([str(article)]), Settings(), targets)
    with open_dataset(store, []) as dataset:
        texts = run_query(dataset, "SELECT ?t WHERE { ?a nif:isString ?t }").rows
        graphs = run_query(dataset, "SELECT DISTINCT ?g WHERE "
                                    "{ GRAPH ?g { ?a a schema:NewsArticle } }").rows
    assert len(texts) == 1 and "Belgium" in str(texts[0][0])
    assert len(graphs) == 1


def test_invalid_article_is_written_aside_and_not_stored(tmp_path: Path) -> None:
    # A stricter copy of the shapes: every person must have an alternate name.
    shapes = tmp_path / "shapes"
    shutil.copytree(Settings().shapes, shapes)
    (shapes / "strict.ttl").write_text("""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix schema: <https://schema.org/> .
<urn:test:strict> a sh:NodeShape ; sh:targetClass schema:Person ; sh:name "strict" ;
  sh:severity sh:Violation ; sh:message "a person needs an alternate name" ;
  sh:property [ sh:path schema:alternateName ; sh:minCount 1 ] .
""")
    settings = Settings(shapes=shapes)
    out = tmp_path / "out"
    targets = Targets(out / "store", (out / "graph.nq",), out / "invalid")
    records = list(read_sources([str(SEED), EXAMPLES]))
    summary = build(records, settings, targets)
    assert summary.counts["invalid"] >= 1
    assert summary.counts["invalid"] + summary.counts["built"] == len(records)
    reports = list((out / "invalid").glob("*.report.txt"))
    assert len(reports) == summary.counts["invalid"]
    assert "schema:alternateName" in reports[0].read_text()
    assert len(list((out / "invalid").glob("*.ttl"))) == summary.counts["invalid"]
    stored = headlines(out / "store")
    assert len(stored) == summary.counts["built"]
    invalid_origins = {origin for status, origin, _ in summary.problems if status == "invalid"}
    seed: Article = next(r for r in records if isinstance(r, Article) and r.origin == str(SEED))
    assert (seed.headline in stored) != (str(SEED) in invalid_origins)


def test_bad_records_are_counted_and_the_rest_is_built(tmp_path: Path) -> None:
    fixtures = Path(__file__).parent / "fixtures" / "sources"
    inputs = [str(fixtures / name) for name in ("empty.txt", "malformed-date.txt",
                                                 "impossible-date.txt", "article.txt")]
    out = tmp_path / "out"
    summary = build(read_sources(inputs), Settings(), Targets(out / "store", (), out / "invalid"))
    assert summary.counts["rejected"] == 3
    assert summary.counts["built"] == 1
    rejected = (out / "invalid" / "rejected.jsonl").read_text().splitlines()
    assert len(rejected) == 3 and all("date" in line or "empty" in line for line in rejected)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_bad_url_rejects_its_record_and_the_run_goes_on(tmp_path: Path, jobs: int) -> None:
    rows = [("https://news.example.org/one", "Harbour reopens in Tarnow"),
            ("https://news.example.org/two words", "Bridge closes in Lesno"),
            ("relative/three.html", "Mayor resigns in Borek"),
            ("https://news.example.org/four", "Storm passes over Kalno")]
    feed = tmp_path / "feed.csv"
    feed.write_text("url,date,title,text\n" + "".join(
        f'{url},2025-03-0{n},{title},"{title}, officials said on Monday."\n'
        for n, (url, title) in enumerate(rows, 1)), encoding="utf-8")
    out = tmp_path / "out"
    targets = Targets(out / "store", (out / "graph.nq",), out / "invalid")
    summary = build(read_sources([str(feed)]), Settings(), targets, jobs)
    assert (summary.counts["built"], summary.counts["rejected"]) == (2, 2)
    assert headlines(out / "store") == ['"Harbour reopens in Tarnow"', '"Storm passes over Kalno"']
    assert (out / "graph.nq").read_text().count("schema.org/headline") == 2
    lines = [json.loads(x) for x in (out / "invalid" / "rejected.jsonl").read_text().splitlines()]
    assert [x["origin"] for x in lines] == [f"{feed} record 2 (line 3)",
                                            f"{feed} record 3 (line 4)"]
    assert all("is not an absolute IRI" in x["reason"] for x in lines)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_later_record_of_the_same_article_is_reported_not_merged(tmp_path: Path,
                                                                   jobs: int) -> None:
    """Same URL, or no URL and the same date and headline (wire copy): the first is built."""
    records = [{"url": "https://news.example.org/9", "title": "Dam opens in Ostra"},
               {"title": "Ferry sinks off Pelka"},
               {"url": "https://news.example.org/9", "title": "Ostra dam opens at last"},
               {"title": "Ferry sinks off Pelka"}]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({**r, "date": "2025-04-01",
                                        "text": f"{r['title']}, officials said."}) + "\n"
                            for r in records), encoding="utf-8")
    out = tmp_path / "out"
    targets = Targets(out / "store", (out / "graph.nq",), out / "invalid")
    summary = build(read_sources([str(feed)]), Settings(), targets, jobs)
    assert (summary.counts["built"], summary.counts["duplicate"]) == (2, 2)
    assert headlines(out / "store") == ['"Dam opens in Ostra"', '"Ferry sinks off Pelka"']
    written = (out / "graph.nq").read_text()
    assert written.count("schema.org/headline") == 2 and "at last" not in written
    lines = [json.loads(x) for x in (out / "invalid" / "rejected.jsonl").read_text().splitlines()]
    assert [(x["status"], x["origin"]) for x in lines] == [("duplicate", f"{feed} line 3"),
                                                          ("duplicate", f"{feed} line 4")]
    assert f"the same article as {feed} line 1" in lines[0]["reason"]
    again = build(read_sources([str(feed)]), Settings(),
                  Targets(out / "store", (), out / "invalid-again"), jobs)
    assert (again.counts["unchanged"], again.counts["duplicate"]) == (2, 2)


def test_counts_from_the_default_graph_are_not_multiplied_by_articles(tmp_path: Path) -> None:
    """The seed built twice, as two articles (two headlines): Lloyd Austin is one person of the
    default graph, found in two graphs with GRAPH ?g (the union default graph gave 4)."""
    lines = SEED.read_text(encoding="utf-8").splitlines(keepends=True)
    second = tmp_path / "second.txt"
    second.write_text(lines[0].rstrip("\n") + " (update)\n" + "".join(lines[1:]),
                      encoding="utf-8")
    out = build_to(tmp_path, "out", [str(SEED), str(second)])
    person = '?p a schema:Person ; schema:name "Lloyd Austin"'
    with open_dataset(out / "store", []) as dataset:
        (merged,) = run_query(dataset, f"SELECT (COUNT(*) AS ?n) WHERE {{ {person} }}").rows
        (graphs,) = run_query(dataset, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { "
                                       f"{person} }} }}").rows
    assert (merged, graphs) == (('"1"^^<http://www.w3.org/2001/XMLSchema#integer>',),
                                ('"2"^^<http://www.w3.org/2001/XMLSchema#integer>',))

"""The questions of ../shared/eval/seed-questions.md, answered by the project's own queries
(queries/seed/*.rq) on the real graph of the seed article, stored as `kg build` stores it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.namespaces import NIF
from kg.ontology import store_ontology
from kg.pipeline import Outcome, Status
from kg.query import QueryResult, run_query
from kg.store import Store

QUERIES = Path(__file__).resolve().parents[1] / "queries" / "seed"


@pytest.fixture(scope="module")
def store(seed_outcome: Outcome) -> Iterator[Store]:
    assert seed_outcome.status is Status.BUILT and seed_outcome.graph is not None
    with Store(None) as dataset:
        assert seed_outcome.name is not None
        dataset.replace_graph(seed_outcome.name, seed_outcome.graph)
        store_ontology(dataset)
        yield dataset


def ask(store: Store, number: int) -> list[dict[str, str | None]]:
    """The rows of question `number`'s query, as dicts of plain values."""
    (path,) = QUERIES.glob(f"{number:02d}-*.rq")
    result: QueryResult = run_query(store, path.read_text(encoding="utf-8"))
    return [dict(zip(result.variables, (plain(v) for v in row))) for row in result.rows]


def plain(term: str | None) -> str | None:
    """A literal's lexical form or an IRI, without quotes, datatype or brackets."""
    if term is None:
        return None
    if term.startswith("<"):
        return term[1:-1]
    if term.startswith('"'):
        return term[1:term.rindex('"')].replace('\\"', '"')
    return term


def column(rows: list[dict[str, str | None]], name: str) -> set[str]:
    return {row[name] for row in rows if row[name] is not None}


def test_every_question_has_one_query() -> None:
    assert sorted(int(p.name[:2]) for p in QUERIES.glob("*.rq")) == list(range(1, 15))


def test_q1_call_participants_and_date(store: Store) -> None:
    rows = ask(store, 1)
    calls = {row["call"] for row in rows}
    assert len(calls) == 1, rows  # the call named five times is one event
    assert column(rows, "participant") >= {"Lloyd Austin", "Andrei Belousov"}
    assert column(rows, "date") == {"2024-06-25"}


def test_q2_initiator(store: Store) -> None:
    assert column(ask(store, 2), "initiator") == {"United States"}


def test_q3_who_made_the_call_public(store: Store) -> None:
    rows = ask(store, 3)
    ryder = [row for row in rows if row["who"] == "Patrick Ryder"]
    assert any(row["date"] == "2024-06-25" for row in ryder), rows
    assert any((row["occasion"] or "").endswith("#Briefing") for row in ryder), rows
    confirmed = [row for row in rows if row["who"] == "Russian Ministry of Defense"]
    assert any(row["kind"].endswith("#Confirmation") for row in confirmed), rows


def test_q4_previous_call(store: Store) -> None:
    assert ask(store, 4) == [{"date": "2023-03", "minister": "Sergei Shoigu",
                              "position": "Russian Minister of Defense"}]


def test_q5_positions(store: Store) -> None:
    positions = {(row["person"], row["position"]) for row in ask(store, 5)}
    assert positions >= {
        ("Lloyd Austin", "Pentagon Chief"), ("Andrei Belousov", "Russian Defense Minister"),
        ("Patrick Ryder", "Pentagon press secretary"), ("Patrick Ryder", "US military spokesman"),
        ("Dmitry Peskov", "Kremlin spokesman"), ("Lynn Tracy", "US Ambassador to Moscow"),
        ("Sergei Shoigu", "Russian Minister of Defense")}


def test_q6_attack(store: Store) -> None:
    rows = ask(store, 6)
    assert len({row["attack"] for row in rows}) == 1, rows
    assert column(rows, "attacker") == {"Armed Forces of Ukraine"}
    assert column(rows, "target") == {"Sevastopol"}
    assert column(rows, "weapon") == {"ATACMS"}
    assert column(rows, "fired") == {"5"}


def test_q7_casualties_and_explosion(store: Store) -> None:
    rows = ask(store, 7)
    assert column(rows, "injured") == {"153"}
    assert column(rows, "killed") == {"4"}
    assert column(rows, "childrenKilled") == {"2"}
    exploded = [row for row in rows if row["kind"].endswith("#Explosion")]
    assert column(exploded, "place") == {"Uchkuevka beach"}


def test_q8_summons(store: Store) -> None:
    rows = ask(store, 8)
    assert column(rows, "person") == {"Lynn Tracy"}
    assert "US Ambassador to Moscow" in column(rows, "position")
    assert "Russian Ministry of Foreign Affairs" in column(rows, "summonedBy")
    assert any(kind.endswith(("#Attack", "#Strike")) for kind in column(rows, "because"))
    assert any(kind.endswith("#Demarche") for kind in column(rows, "madeToHer"))


def test_q9_quotations(store: Store) -> None:
    direct: dict[str, list[str]] = {}
    for row in ask(store, 9):
        if row["direct"] == "true":
            direct.setdefault(row["speaker"] or "", []).append(row["text"] or "")
    ryder = direct.get("Patrick Ryder", [])
    assert any(t.startswith("Austin also spoke by phone today") for t in ryder), direct
    assert any(t.startswith("We believe a Russian anti-aircraft missile") for t in ryder), direct
    assert not any("Pentagon press secretary" in t for t in ryder)  # the attribution is no quote
    assert any(t.startswith("Of course, the direct involvement")
               for t in direct.get("Dmitry Peskov", [])), direct
    assert any(t.startswith("Belousov pointed out the danger of further escalation")
               for t in direct.get("Russian Ministry of Defense", [])), direct


def test_q10_claims_by_both_sides(store: Store) -> None:
    rows = ask(store, 10)
    russia = [row for row in rows if row["author"] in
              {"Russia", "Russian Ministry of Foreign Affairs"}]
    assert any("United States" in (row["text"] or "") for row in russia), rows
    pentagon = [row for row in rows if row["author"] == "United States Department of Defense"]
    assert any("not the target" in (row["text"] or "") for row in pentagon), rows


def test_q10_neither_claim_is_asserted(store: Store) -> None:
    """No asserted attack by the United States; the claimed content is only a literal."""
    asserted_us_attack = run_query(store, """ASK {
        ?attack a ?kind ; kgo:factuality "asserted" ; kgo:agent/schema:name "United States" .
        ?kind rdfs:subClassOf* kgo:Attack }""")
    assert asserted_us_attack.boolean is False


def test_q11_when_the_pentagon_said_it(store: Store) -> None:
    assert column(ask(store, 11), "date") == {"2024-06-26"}


def test_q12_places_with_geonames(store: Store) -> None:
    places = {row["place"]: row["geonames"] for row in ask(store, 12)}
    assert places["Ukraine"] == "https://sws.geonames.org/690791/"
    assert places["Sevastopol"] == "https://sws.geonames.org/694423/"
    assert places["Moscow"] == "https://sws.geonames.org/524901/"
    assert {"Crimea", "Washington"} <= set(places)
    assert any("Uchkuevka" in place for place in places)


def test_q13_spellings_resolve_to_one_entity(store: Store) -> None:
    entity = {row["spelling"]: row["entity"] for row in ask(store, 13)}
    assert entity["Belousov"] == entity["Andrei Belousov"] == entity["Andrei Belusov"]
    assert entity["AFU"] == entity["Armed Forces of Ukraine"] == entity["Ukrainian Armed Forces"]
    assert entity["Belousov"] != entity["AFU"]


def test_q14_evidence_selects_its_sentence(store: Store, seed_outcome: Outcome) -> None:
    text = seed_outcome_text(seed_outcome)
    rows = ask(store, 14)
    kinds = {row["kind"].rsplit("/", 1)[-1].rsplit("#", 1)[-1] for row in rows}
    assert {"PhoneCall", "Quotation", "Claim"} <= kinds, kinds
    for row in rows:
        begin, end = int(row["begin"] or 0), int(row["end"] or 0)
        assert text[begin:end] == row["sentence"]


def seed_outcome_text(outcome: Outcome) -> str:
    assert outcome.graph is not None
    (text,) = set(outcome.graph.objects(None, NIF.isString))
    return str(text)


def test_readme_shows_every_query_as_it_is() -> None:
    readme = (QUERIES.parent / "README.md").read_text(encoding="utf-8")
    for path in sorted(QUERIES.glob("*.rq")):
        assert f"```sparql\n{path.read_text(encoding='utf-8')}```" in readme, path.name

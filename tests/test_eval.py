"""`kg eval`: the MEANTIME reader, the detokeniser, the scorer, and the command end to end."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from kg.cli import main
from kg.commands import ExitCode
from kg.errors import InputError
from kg.evaluate.meantime import GoldEntity, Token, read_gold
from kg.evaluate.predict import read_predictions
from kg.evaluate.score import Item, score
from kg.evaluate.tasks import (
    NAMES,
    NAMES_SPAN,
    TIMEX_SPAN,
    UNTYPED,
    drop_untyped,
    gold_items,
    innermost_names,
)
from kg.evaluate.text import detokenise, rebuild
from kg.namespaces import ITSRDF, KGO, NIF, RDF, SDO
from kg.store import Store

from .conftest import SHARED

MEANTIME = SHARED / "eval" / "meantime-dev"
AIRBUS = MEANTIME / "corpus_airbus"
EADS = AIRBUS / "102977_Airbus_parent_EADS_wins_13_billion_UK_RAF_airtanker_contract.xml"
APPLE = MEANTIME / "corpus_apple" / "190356_Apple_unveils_iPhone_4.xml"


def test_reader_and_offsets_select_every_token_text() -> None:
    gold = read_gold(EADS)
    text = rebuild(gold)
    assert all(text.text[slice(*text.offsets[t.t_id])] == t.text for t in gold.tokens)
    assert text.headline == "Airbus parent EADS wins #13 billion UK RAF airtanker contract"
    assert text.body.startswith("March 27, 2008\n\nEuropean Aeronautic Defence & Space NV (EADS), ")
    assert gold.creation_date == "2008-03-27"
    names = {text.text[slice(*text.span(m.tokens))] for m in gold.entities
             if m.syntactic_type == "NAM" and m.ent_type == "ORG"}
    assert {"EADS", "UK RAF"} <= names


def test_gold_items_keep_the_window_and_the_innermost_names() -> None:
    gold = read_gold(APPLE)
    text = rebuild(gold)
    items = gold_items(gold.name, gold, text, body_sentences=4)
    found = {(text.text[slice(*i.spans[0])], i.label) for i in items[NAMES]}
    assert {("Steve Jobs", "PER"), ("Apple", "ORG"), ("iPhone 4", "PRO")} <= found
    assert ("company CEO Steve Jobs", "PER") not in found  # APP, not a name
    date_line = text.sentences[1]
    assert Item(gold.name, (date_line,)) in items[TIMEX_SPAN]  # "June 8, 2010" is scored
    fewer = gold_items(gold.name, gold, text, body_sentences=1)
    assert 0 < len(fewer[NAMES]) < len(items[NAMES])


def test_innermost_names_drop_phrases_around_names() -> None:
    outer = GoldEntity((1, 2, 3), "NAM", "ORG")  # "Airbus parent EADS"
    airbus, eads = GoldEntity((1,), "PRE.NAM", "ORG"), GoldEntity((3,), "NAM", "ORG")
    pronoun = GoldEntity((5,), "PRO", "ORG")
    assert innermost_names([outer, airbus, eads, pronoun]) == [airbus, eads]


def test_detokeniser_spacing() -> None:
    words = ["He", "said", "``", "Boeing", "'s", "jets", "cost", "US$", "40", "(", "GB", "#",
             "20", ")", "''", ",", "and", '"', "they", "do", "n't", '"', "."]
    tokens = [Token(i, 0, w) for i, w in enumerate(words)]
    text, offsets = detokenise(tokens)
    assert text == 'He said ``Boeing\'s jets cost US$40 (GB #20)\'\', and "they don\'t".'
    assert all(text[slice(*offsets[t.t_id])] == t.text for t in tokens)


def _items(*spans: tuple[int, int, str]) -> list[Item]:
    return [Item("doc", ((b, e),), label) for b, e, label in spans]


def test_scorer_strict_lenient_and_types() -> None:
    gold = _items((0, 6, "ORG"), (10, 20, "PRO"), (30, 35, "PER"))
    predicted = _items((0, 6, "ORG"), (14, 20, "PRO"), (30, 35, "ORG"), (40, 45, "LOC"))
    strict, lenient = score(gold, predicted), score(gold, predicted, lenient=True)
    assert (strict.matched, strict.gold, strict.predicted) == (1, 3, 4)
    assert lenient.matched == 2  # the overlapping PRO counts; the mistyped PER never does
    assert strict.precision == pytest.approx(0.25) and strict.recall == pytest.approx(1 / 3)
    assert lenient.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    untyped = score([Item(i.doc, i.spans) for i in gold], [Item(i.doc, i.spans) for i in predicted])
    assert untyped.matched == 2


def test_a_typed_name_where_the_gold_gives_no_type_is_not_judged() -> None:
    # Gold: a typed ORG at 0-6 and a name at 10-20 that the annotators linked to no entity.
    gold = {NAMES: _items((0, 6, "ORG")), UNTYPED: [Item("doc", ((10, 20),))]}
    predicted = {NAMES: _items((0, 6, "ORG"), (10, 20, "ORG"), (30, 35, "LOC")),
                 f"{NAMES} ORG": _items((10, 20, "ORG")), NAMES_SPAN: _items((10, 20, ""))}
    kept = drop_untyped(predicted, gold)
    assert kept[NAMES] == _items((0, 6, "ORG"), (30, 35, "LOC"))  # 30-35 is still spurious
    assert kept[f"{NAMES} ORG"] == [] and kept[NAMES_SPAN] == predicted[NAMES_SPAN]


def test_lenient_matching_is_one_to_one_and_per_document() -> None:
    gold = _items((0, 20, "ORG"), (0, 6, "ORG"), (14, 20, "ORG"))  # nested gold mentions
    assert score(gold, _items((0, 20, "ORG")), lenient=True).matched == 1
    other = [Item("other", ((0, 20),), "ORG")]
    assert score(gold, other, lenient=True).matched == 0
    pairs_gold = [Item("doc", ((0, 5), (10, 15)))]
    assert score(pairs_gold, [Item("doc", ((1, 5), (12, 20)))], lenient=True).matched == 1
    assert score(pairs_gold, [Item("doc", ((1, 5), (15, 20)))], lenient=True).matched == 0


def test_bad_gold_files_name_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<Document><token t_id='1' sentence='0'>A</token>", encoding="utf-8")
    with pytest.raises(InputError, match="broken.xml"):
        read_gold(broken)
    dangling = tmp_path / "dangling.xml"
    dangling.write_text("<Document><token t_id='1' sentence='0'>A</token><Markables>"
                        "<TIMEX3 m_id='2' type='DATE' value='2008'><token_anchor t_id='9'/>"
                        "</TIMEX3></Markables></Document>", encoding="utf-8")
    with pytest.raises(InputError, match=r"dangling.xml.*missing token"):
        read_gold(dangling)


@pytest.fixture(scope="module")
def gold_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two real gold articles and one malformed file."""
    folder = tmp_path_factory.mktemp("gold")
    for path in (EADS, APPLE):
        shutil.copy(path, folder / path.name)
    (folder / "bad.xml").write_text("<Document><token", encoding="utf-8")
    return folder


def test_kg_eval_prints_the_table_and_names_bad_files(gold_dir: Path) -> None:
    result = CliRunner().invoke(main, ["eval", str(gold_dir)])
    assert result.exit_code == ExitCode.PARTIAL, result.output
    assert "scored 2 articles" in result.output and "bad file:" in result.output
    assert "bad.xml" in result.output
    rows = {tuple(line.split()[:3]) for line in result.output.splitlines()}
    for task in (("names", "PER"), ("names", "PRO"), ("names", "kg"), ("names", "spaCy")):
        assert any(row[:2] == task for row in rows), task
    for line in ("time expressions, span", "event mentions", "event participants"):
        assert line in result.output


def test_kg_eval_json_finds_names(gold_dir: Path) -> None:
    result = CliRunner().invoke(main, ["eval", str(gold_dir), "--format", "json",
                                       "--no-baseline"])
    document = json.loads(result.output)
    rows = {(r["task"], r["system"]): r for r in document["rows"]}
    assert ("names", "spaCy") not in rows
    names = rows["names", "kg"]["strict"]
    assert names["gold"] > 10 and names["matched"] > 5  # "Apple", "Steve Jobs", "EADS", ...
    assert rows["time expressions, span+value", "kg"]["strict"]["matched"] >= 2  # date lines
    assert [s["file"].endswith("bad.xml") for s in document["skipped"]] == [True]


def test_kg_eval_without_gold_files_fails(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", str(tmp_path)])
    assert result.exit_code == ExitCode.FAILED
    assert "no MEANTIME gold files" in result.output


BASE = "https://example.org/"


def text_graph(text: str) -> tuple[Graph, Callable[[int, int], URIRef]]:
    """A graph of an article `text` (its IRI BASE + "a"), and a function that adds a phrase."""
    article = URIRef(BASE + "a")
    graph = Graph()
    graph.add((article, RDF.type, NIF.Context))
    graph.add((article, NIF.isString, Literal(text)))

    def phrase(begin: int, end: int) -> URIRef:
        node = URIRef(f"{BASE}a#char={begin},{end}")
        graph.add((node, NIF.referenceContext, article))
        graph.add((node, NIF.beginIndex, Literal(begin)))
        graph.add((node, NIF.endIndex, Literal(end)))
        return node

    return graph, phrase


def test_predictions_read_back_pair_triggers_with_participant_mentions() -> None:
    text = "Apple sued Cisco.\n\nCisco said Apple sued it."
    event, apple, cisco = (URIRef(BASE + n) for n in ("e", "apple", "cisco"))
    graph, phrase = text_graph(text)
    for (begin, end), entity, cls in (((0, 5), apple, SDO.Organization),
                                      ((11, 16), cisco, SDO.Organization),
                                      ((19, 24), cisco, SDO.Organization),
                                      ((30, 35), apple, SDO.Organization)):
        node = phrase(begin, end)
        graph.add((node, ITSRDF.taIdentRef, entity))
        graph.add((node, ITSRDF.taClassRef, cls))
    graph.add((event, KGO.trigger, phrase(36, 40)))  # the second "sued"
    sentence = phrase(19, 44)
    graph.add((sentence, RDF.type, NIF.Sentence))
    graph.add((event, KGO.evidence, sentence))
    graph.add((event, KGO.participant, apple))
    graph.add((event, KGO.participant, cisco))
    with Store(None) as store:
        store.replace_graph(URIRef(BASE + "g"), graph)
        found = read_predictions(store)[text]
    assert sorted(found.entities) == [((0, 5), "ORG"), ((11, 16), "ORG"), ((19, 24), "ORG"),
                                      ((30, 35), "ORG")]
    assert found.events == [(36, 40)]
    # Mentions in the trigger's sentence only: not "Apple" and "Cisco" of the first paragraph.
    assert sorted(found.participants) == [((36, 40), (19, 24)), ((36, 40), (30, 35))]


def test_predictions_pair_a_trigger_with_the_phrase_that_states_the_argument() -> None:
    text = "Apple sued the Cisco board."
    event, apple, cisco, stated = (URIRef(BASE + n) for n in ("e", "apple", "cisco", "p"))
    graph, phrase = text_graph(text)
    for (begin, end), entity in (((0, 5), apple), ((15, 20), cisco)):
        node = phrase(begin, end)
        graph.add((node, ITSRDF.taIdentRef, entity))
        graph.add((node, ITSRDF.taClassRef, SDO.Organization))
    graph.add((event, KGO.trigger, phrase(6, 10)))
    sentence = phrase(0, 27)
    graph.add((sentence, RDF.type, NIF.Sentence))
    graph.add((event, KGO.evidence, sentence))
    graph.add((event, KGO.participant, apple))
    graph.add((event, KGO.participant, cisco))
    graph.add((event, KGO.participation, stated))
    graph.add((stated, KGO.filler, cisco))
    graph.add((stated, KGO.phrase, phrase(11, 26)))  # "the Cisco board"
    with Store(None) as store:
        store.replace_graph(URIRef(BASE + "g"), graph)
        found = read_predictions(store)[text]
    # Cisco by the phrase that states it, not its name inside it; Apple (no phrase) by its name.
    assert sorted(found.participants) == [((6, 10), (0, 5)), ((6, 10), (11, 26))]


def test_name_errors_fall_in_one_class_each() -> None:
    from kg.evaluate.errors import MISSED, SPAN, SPAN_TYPE, SPURIOUS, TYPE, name_errors

    text = "Airbus parent EADS met Boeing in Paris and Tokyo."
    gold = _items((0, 6, "ORG"), (14, 18, "ORG"), (23, 29, "ORG"), (33, 38, "LOC"),
                  (43, 48, "LOC"))
    predicted = _items((0, 6, "ORG"), (7, 18, "ORG"), (23, 29, "PRO"), (30, 38, "PER"),
                       (39, 42, "ORG"))
    found = {(e.kind, e.gold[1] if e.gold else None, e.predicted[1] if e.predicted else None)
             for e in name_errors(gold, predicted, {"doc": text})}
    assert found == {(SPAN, "EADS", "parent EADS"), (TYPE, "Boeing", "Boeing"),
                     (SPAN_TYPE, "Paris", "in Paris"), (MISSED, "Tokyo", None),
                     (SPURIOUS, None, "and")}  # the exact match "Airbus" is no error


def test_kg_eval_lists_errors_on_names(gold_dir: Path) -> None:
    result = CliRunner().invoke(main, ["eval", str(gold_dir), "--format", "json",
                                       "--no-baseline", "--errors"])
    document = json.loads(result.output)
    assert document["errors"], "kg makes some errors on two real articles"
    kinds = {error["class"] for error in document["errors"]}
    assert kinds <= {"missed", "spurious", "span", "type", "span+type"}
    for error in document["errors"]:
        side = error["gold"] or error["kg"]
        assert side["end"] > side["begin"] and side["text"]

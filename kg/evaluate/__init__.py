"""`kg eval`: kg's output scored against MEANTIME gold annotations, run as a user would run kg.

Each gold file's tokens become an article in the seed text format (kg.evaluate.text); kg's real
build (kg.build.build) turns the folder of articles into N-Quads; the graph is read back
(kg.evaluate.predict) and compared with the gold inside the annotated window (kg.evaluate.tasks)
by kg.evaluate.score. The bare spaCy model, run on the same text, is scored beside kg.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kg.build import Targets, build
from kg.errors import InputError
from kg.evaluate.errors import NameMistake, name_errors
from kg.evaluate.meantime import GoldDocument, read_gold
from kg.evaluate.predict import Predictions, read_predictions
from kg.evaluate.score import Score, score
from kg.evaluate.tasks import (
    BODY_SENTENCES,
    NAMES,
    TASKS,
    Items,
    baseline_items,
    drop_untyped,
    gold_items,
    kg_items,
)
from kg.evaluate.tasks import window as window_of
from kg.evaluate.text import GoldText, rebuild
from kg.extract.nlp import model_entities
from kg.model import Article
from kg.settings import Settings
from kg.sources import read_sources
from kg.store import Store

KG, BASELINE = "kg", "spaCy"


@dataclass(frozen=True)
class Row:
    """One task scored for one system, with exact and overlapping span match."""

    task: str
    system: str
    strict: Score
    lenient: Score


@dataclass
class EvalReport:
    """Scores by task and system, what was left out and why, and how long it took."""

    rows: list[Row] = field(default_factory=list)
    scored: list[str] = field(default_factory=list)  # gold documents scored
    skipped: list[tuple[str, str]] = field(default_factory=list)  # bad files: (file, reason)
    # Articles without a CREATION_TIME date: kg needs a date; the issue scores dated ones only.
    undated: list[str] = field(default_factory=list)
    # Articles kg did not build (invalid or failed): scored, with nothing found.
    not_built: list[tuple[str, str]] = field(default_factory=list)  # (document, reason)
    body_sentences: int = BODY_SENTENCES
    seconds: float = 0.0
    # kg's errors on names (kg.evaluate.errors), for `kg eval --errors`.
    name_errors: list[NameMistake] = field(default_factory=list)

    @property
    def window(self) -> str:
        """The scoring window in words."""
        return (f"sentences 0-{1 + self.body_sentences} (headline, date line, "
                f"first {self.body_sentences} body sentences)")


@dataclass
class _Case:
    """One gold article on its way through: its gold, its text, what kg read."""

    gold: GoldDocument
    text: GoldText
    article: Article | None = None


def evaluate(gold_dir: Path, settings: Settings, jobs: int = 1, baseline: bool = True,
             body_sentences: int = BODY_SENTENCES,
             progress: Callable[[object], None] | None = None) -> EvalReport:
    """Build every dated gold article of `gold_dir` with kg and score it; bad files are skipped."""
    started = time.perf_counter()
    report = EvalReport(body_sentences=body_sentences)
    cases = _read_cases(_gold_files(gold_dir), report)
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as folder:
        found = _build(cases, settings, jobs, Path(folder), report, progress)
    gold: Items = {task: [] for task in TASKS}
    kg: Items = {task: [] for task in TASKS}
    spacy: Items = {}
    for name, case in cases.items():
        if case.article is None:
            continue
        report.scored.append(name)
        window = window_of(case.text, body_sentences)
        golden = gold_items(name, case.gold, case.text, body_sentences)
        _extend(gold, golden)
        predicted = kg_items(name, found.get(case.article.text, Predictions()), window)
        _extend(kg, drop_untyped(predicted, golden))
        if baseline:
            entities = model_entities(settings.model, case.article)
            _extend(spacy, drop_untyped(baseline_items(name, entities, window), golden))
    report.rows = _rows(gold, kg, spacy)
    texts = {name: case.text.text for name, case in cases.items()}
    report.name_errors = name_errors(gold[NAMES], kg[NAMES], texts)
    report.seconds = time.perf_counter() - started
    return report


def _gold_files(gold_dir: Path) -> list[Path]:
    files = sorted(gold_dir.rglob("*.xml")) if gold_dir.is_dir() else []
    if not files:
        raise InputError(f"no MEANTIME gold files (*.xml) in {gold_dir}",
                         hint="give the folder of the CAT XML files, e.g. meantime-dev/")
    return files


def _read_cases(files: list[Path], report: EvalReport) -> dict[str, _Case]:
    cases = {}
    for path in files:
        try:
            gold = read_gold(path)
        except InputError as error:
            report.skipped.append((str(path), error.message))
            continue
        text = rebuild(gold)
        if gold.creation_date is None:
            report.undated.append(str(path))
        elif not text.headline.strip():
            report.skipped.append((str(path), "no headline (sentence 0)"))
        else:
            cases[gold.name] = _Case(gold, text)
    return cases


def _build(cases: dict[str, _Case], settings: Settings, jobs: int, folder: Path,
           report: EvalReport, progress: Callable[[object], None] | None) -> dict[str, Predictions]:
    """Write the articles, read them back as kg reads files, build them, read the graph."""
    for number, (name, case) in enumerate(cases.items()):
        assert case.gold.creation_date is not None
        path = folder / "articles" / f"{number:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(case.text.source(case.gold.creation_date), encoding="utf-8")
    records = list(read_sources([str(folder / "articles")]))  # one per file, in file order
    origins = {record.origin: name for name, record in zip(cases, records)}
    for name, record in zip(cases, records):
        if isinstance(record, Article) and record.text == cases[name].text.text:
            cases[name].article = record
        else:
            report.skipped.append((name, f"kg did not read the article as written: {record}"))
    output = folder / "graph.nq"
    summary = build(records, settings, Targets(None, (output,), folder / "invalid"), jobs, progress)
    report.not_built = [(origins.get(origin, origin), f"{status}: {reason}")
                        for status, origin, reason in summary.problems]
    with Store(None) as store:
        store.load_file(output)
        store.merge_graphs()
        return read_predictions(store)


def _extend(into: Items, items: Items) -> None:
    for task, found in items.items():
        into.setdefault(task, []).extend(found)


def _rows(gold: Items, kg: Items, spacy: Items) -> list[Row]:
    rows = []
    for task in TASKS:
        for system, predicted in ((KG, kg), (BASELINE, spacy)):
            if task in predicted:
                rows.append(Row(task, system, score(gold[task], predicted[task]),
                                score(gold[task], predicted[task], lenient=True)))
    return rows


__all__ = ["EvalReport", "Row", "evaluate"]

"""`kg build`: a corpus through the per-article pipeline into the store and files.

Articles stream through: at most a bounded window of them is in flight, so memory stays flat
however large the corpus. With jobs > 1 the per-article work runs in worker processes (each
loads the model once) and results come back in input order, so the output is the same.

Runs into a store are incremental: an article whose stored graph states the same content digest
and run (software, model, settings) is not rebuilt. Files are complete outputs, rewritten whole,
so a build that also writes files rebuilds every article. `prune` removes the graphs of articles
no longer in the input.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import StoreError
from kg.extract.nlp import model_version
from kg.ids import Ids, article_key, content_digest
from kg.model import Article, Rejected
from kg.ontology import store_ontology
from kg.pipeline import Duplicate, Item, Outcome, Status, Unchanged
from kg.provenance import run_graph, run_iri
from kg.publish.files import GraphFileWriter, QuadFileWriter, open_writer, write_graph
from kg.settings import Settings
from kg.store import Store
from kg.workers import outcomes

log = logging.getLogger("kg.build")
REJECTED_FILE = "rejected.jsonl"
FLUSH_EVERY = 100  # articles between store flushes


@dataclass
class Summary:
    """Counts by status, and which inputs did not make it and why."""

    counts: Counter[str] = field(default_factory=Counter)
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # status, origin, reason
    removed: int = 0  # graphs pruned because their article is no longer in the input

    def add(self, outcome: Outcome) -> None:
        """Count one outcome."""
        self.counts[outcome.status.value] += 1
        if outcome.status not in _DONE:
            self.problems.append((outcome.status.value, outcome.origin, outcome.reason))

    @property
    def ok(self) -> bool:
        """True when every input record was built or found up to date."""
        return sum(self.counts.values()) == sum(self.counts[status.value] for status in _DONE)


_DONE = (Status.BUILT, Status.UNCHANGED)


@dataclass(frozen=True)
class Targets:
    """Where graphs go: the store (None for none), quad files, and the folder for invalid ones."""

    store: Path | None
    outputs: tuple[Path, ...] = ()
    invalid_dir: Path = Path("kg-invalid")


def build(records: Iterable[Article | Rejected], settings: Settings, targets: Targets,
          jobs: int = 1, progress: Callable[[Outcome], None] | None = None, *,
          rebuild: bool = False, prune: bool = False) -> Summary:
    """Build every record into the targets; never stops on a bad record.

    Raises StoreError when a target cannot be written, the invalid folder included: the files
    are then left as they were, and the store keeps the articles built so far.

    `rebuild` builds even the articles whose stored graph is up to date; `prune` removes from
    the store the graphs of articles that are not in `records`.
    """
    summary = Summary()
    with _aside(targets.invalid_dir / REJECTED_FILE, make_folder=False) as rejects:
        rejects.unlink(missing_ok=True)  # this run's rejects only
    version = model_version(settings.model)
    run = run_iri(settings, version)
    seen: dict[str, str] = {}  # graph name of each article of this run -> its first origin
    with ExitStack() as stack:
        store = stack.enter_context(Store(targets.store)) if targets.store else None
        writers = [open_writer(path) for path in targets.outputs]
        for writer in writers:
            stack.enter_context(writer)
        ids = Ids(settings.base_iri)
        skip_from = store if store and not writers and not rebuild else None
        items = _note_names(records, ids, seen, skip_from, str(run))
        # Closed first when the run stops early (an error, a signal): workers end, then the
        # files' temporary copies are removed, then the store is closed.
        results = stack.enter_context(closing(outcomes(items, settings, jobs)))
        for count, outcome in enumerate(results, 1):
            _deliver(outcome, store, writers, targets.invalid_dir)
            summary.add(outcome)
            if store and count % FLUSH_EVERY == 0:
                store.flush()  # RocksDB's write buffers otherwise grow with the corpus
            if progress:
                progress(outcome)
        activity = run_graph(run, settings, version, engine="local")
        if store and prune:
            summary.removed = _prune(store, ids, seen, summary)
        if store:
            store.replace_graph(run, activity)
            store_ontology(store)
        for writer in writers:
            writer.write(run, activity)
    return summary


def _note_names(records: Iterable[Article | Rejected], ids: Ids, seen: dict[str, str],
                store: Store | None, run: str) -> Iterator[Item]:
    """The records, each article's graph name noted in `seen`. Markers take the place of the
    articles not to build (in the stream, so outcomes still come back in input order): a
    Duplicate for a later record of an article already seen (two records never merge into one
    graph), and, with a store to compare with, Unchanged for an article stored up to date."""
    for record in records:
        if isinstance(record, Article):
            name = ids.graph(record)
            if str(name) in seen:
                yield Duplicate(record.origin, seen[str(name)])
                continue
            seen[str(name)] = record.origin
            if store and store.built_from(name) == (content_digest(record), run):
                yield Unchanged(record.origin, name)
                continue
        yield record


def _prune(store: Store, ids: Ids, seen: dict[str, str], summary: Summary) -> int:
    """Remove the article graphs of the store whose article was not in this run's input."""
    rejected = summary.counts[Status.REJECTED.value]
    if rejected:
        # A record that could not be read may be an article that is still there. (A failed or
        # invalid article was read: its graph name is in `seen`, so its graph stays.)
        log.warning("not pruning: %d input(s) could not be read, and their articles cannot be "
                    "told from removed ones", rejected)
        return 0
    gone = store.remove_graphs_except(ids.graph_prefix, seen.keys())
    for name in gone:
        log.info("pruned %s: its article is no longer in the input", name)
    return len(gone)


def _deliver(outcome: Outcome, store: Store | None,
             writers: list[QuadFileWriter | GraphFileWriter],
             invalid_dir: Path) -> None:
    if outcome.status is Status.BUILT and outcome.graph is not None and outcome.name:
        if store:
            store.replace_graph(outcome.name, outcome.graph)
        for writer in writers:
            writer.write(outcome.name, outcome.graph)
    elif outcome.status is Status.UNCHANGED:
        log.debug("unchanged: %s", outcome.origin)
    elif outcome.status is Status.INVALID:
        _write_aside(outcome, invalid_dir)
        log.warning("invalid: %s (written to %s)", outcome.origin, invalid_dir)
    else:
        _record_problem(outcome, invalid_dir)
        log.warning("%s: %s: %s", outcome.status.value, outcome.origin, outcome.reason)


def _write_aside(outcome: Outcome, invalid_dir: Path) -> None:
    """An invalid article's graph and its report, side by side, for a person to look at."""
    assert outcome.name is not None and outcome.graph is not None and outcome.report is not None
    key = article_key(outcome.name)
    with _aside(invalid_dir / f"{key}.ttl") as path:
        write_graph(outcome.graph, path)
    with _aside(invalid_dir / f"{key}.report.txt") as path:
        path.write_text(f"# {outcome.origin}\n{outcome.report.text()}\n", encoding="utf-8")


def _record_problem(outcome: Outcome, invalid_dir: Path) -> None:
    """Rejected and failed inputs, one JSON line each, so none is lost without a trace."""
    line = json.dumps({"status": outcome.status.value, "origin": outcome.origin,
                       "reason": outcome.reason}, ensure_ascii=False)
    with _aside(invalid_dir / REJECTED_FILE) as path, path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


@contextmanager
def _aside(path: Path, make_folder: bool = True) -> Iterator[Path]:
    """`path`, a file of the invalid folder (created); a failure to write it stops the run.

    The folder is the run's record of what it did not build: a run that cannot keep it stops
    (naming the file and why) rather than end with a count that points to a partial list.
    """
    try:
        if make_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _not_kept(f"cannot create the folder {path.parent}", error) from error
    try:
        yield path
    except StoreError as error:  # write_graph's, which names the file already
        raise _not_kept(error.message) from error
    except OSError as error:
        raise _not_kept(f"cannot write {path}", error) from error


def _not_kept(what: str, error: OSError | None = None) -> StoreError:
    """The error that stops a run which cannot keep its invalid folder."""
    reason = f": {error.strerror or error}" if error else ""
    return StoreError(what + reason, settings=("invalid_dir",),
                      hint="kg lists there every input it did not build, so the run stopped: "
                           "free some space or fix the permissions there, or choose another "
                           "invalid_dir")

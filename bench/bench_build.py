"""Benchmark of `kg build` on the Wikinews corpus: prints tables, asserts nothing.

    .venv/bin/python bench/bench_build.py [--repeat-to 2000] [--small 100]

1. articles per second of the whole per-article pipeline against the bare spaCy pipeline on
   the same paragraphs, and the time of each stage, with only the taxonomy's events and with
   every event (one process, one run);
2. `kg build --jobs 2` against `--jobs 1` (files only, the corpus repeated to 342 articles);
3. peak memory (VmHWM of a fresh child process) for a small corpus and for the corpus repeated
   to a large one: memory should hardly grow, because articles stream through.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where timed, so that start-up is not counted in a stage
    from kg.model import Article
    from kg.settings import Settings
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews" / "wikinews-2019.csv"


def articles() -> list:  # type: ignore[type-arg]
    from kg.model import Article
    from kg.sources import read_sources
    return [r for r in read_sources([str(CORPUS)]) if isinstance(r, Article)]


def repeated(count: int) -> Iterator:  # type: ignore[type-arg]
    """The corpus repeated to `count` articles, each copy a distinct article (its own URL)."""
    base = articles()
    for i, article in zip(range(count), itertools.cycle(base)):
        copy = i // len(base)
        yield dataclasses.replace(article, url=f"{article.url}#copy-{copy}") if copy else article


def stage_times() -> None:
    """Each stage's seconds with only the taxonomy's events and with every event (the default):
    what every PropBank predicate as an event costs, in one run."""
    import spacy

    from kg.settings import Settings

    corpus = articles()
    words = sum(len(a.text.split()) for a in corpus)
    bare = spacy.load(Settings().model)
    paragraphs = [a.text[b:e] for a in corpus for b, e in a.paragraphs()]
    start = time.perf_counter()
    for _ in bare.pipe(paragraphs):
        pass
    bare_seconds = time.perf_counter() - start
    runs = {scope: _stages(corpus, Settings(events=scope)) for scope in ("taxonomy", "all")}
    print(f"\n## One process, {len(corpus)} articles, {words:,} words\n")
    print("| what | seconds, taxonomy events | seconds, all events (default) | all / taxonomy |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| bare spaCy pipeline (same paragraphs) | {bare_seconds:.2f} | | |")
    for stage in runs["all"]:
        small, full = runs["taxonomy"][stage], runs["all"][stage]
        print(f"| {stage} | {small:.2f} | {full:.2f} | {full / small:.2f} |")
    small, full = (sum(runs[scope].values()) for scope in ("taxonomy", "all"))
    print(f"| **kg per-article pipeline, total** | {small:.2f} | {full:.2f} | {full / small:.2f} |")
    for scope, totals in runs.items():
        pipeline = sum(totals.values())
        nlp = sum(list(totals.values())[:2])  # the stages that read text: spaCy's and kg's
        print(f"\n{scope} events: {len(corpus) / pipeline:.1f} articles/s; RDF stages (mapping, "
              f"SHACL, store) / NLP stages (spaCy, kg components): {(pipeline - nlp) / nlp:.2f}; "
              f"kg total / bare spaCy: {pipeline / bare_seconds:.2f}")


def _stages(corpus: list[Article], settings: Settings) -> dict[str, float]:
    """Seconds per stage of the per-article pipeline over `corpus`."""
    from kg.extract import annotate
    from kg.mapping import to_graph
    from kg.pipeline import ArticleProcessor
    from kg.store import Store

    processor = ArticleProcessor(settings)
    every_event = processor.extractor.every_event
    totals = dict.fromkeys(["spaCy + gazetteer ruler",
                            "kg components (entities, time, events, quotes, claims)",
                            "mapping", "SHACL validation", "store write"], 0.0)
    names = list(totals)
    with Store(None) as store:
        for article in corpus:
            marks = [time.perf_counter()]
            parsed = processor.extractor.parse(article)
            marks.append(time.perf_counter())
            annotations = annotate(article, parsed, every_event)
            marks.append(time.perf_counter())
            name, graph = to_graph(annotations, processor.context)
            marks.append(time.perf_counter())
            processor.validator.validate(graph)
            marks.append(time.perf_counter())
            store.replace_graph(name, graph)
            marks.append(time.perf_counter())
            for i, stage in enumerate(names):
                totals[stage] += marks[i + 1] - marks[i]
    return totals


BUILD = """
import sys, time
sys.path.insert(0, "bench")
from pathlib import Path
from bench_build import repeated
from kg.build import Targets, build
from kg.settings import Settings
start = time.perf_counter()
summary = build(repeated({count}), Settings(), Targets({store}, (Path({out!r}),),
                Path({out!r} + ".invalid")), jobs={jobs})
assert summary.counts["built"] == {count}, summary.counts
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork and exec, so
# a child of this benchmark (which loaded the model) would report the parent's peak.
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(time.perf_counter() - start, peak / 1024)
"""


def run_build(count: int, jobs: int, tmp: Path, store: bool) -> tuple[float, float]:
    """Seconds and peak RSS (MB, of the main process) of a build in a fresh process."""
    name = f"{count}-{jobs}-{'store' if store else 'files'}"
    store_arg = f"Path({str(tmp / f'store-{name}')!r})" if store else "None"
    script = BUILD.format(count=count, jobs=jobs, store=store_arg, out=str(tmp / f"{name}.nq"))
    result = subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT,
                            capture_output=True, text=True)
    seconds, peak = map(float, result.stdout.split()[-2:])
    return seconds, peak


def parallel(count: int, tmp: Path) -> None:
    one, _ = run_build(count, 1, tmp, store=False)
    two, _ = run_build(count, 2, tmp, store=False)
    print(f"\n## Parallel, {count} articles (the corpus repeated), N-Quads file only, "
          "start-up and model loads included\n")
    print("| jobs | seconds | articles/s | speed-up |")
    print("| ---: | ---: | ---: | ---: |")
    print(f"| 1 | {one:.1f} | {count / one:.1f} | 1.00 |")
    print(f"| 2 | {two:.1f} | {count / two:.1f} | {one / two:.2f} |")


def memory(small: int, large: int, tmp: Path) -> None:
    rows = [(count, *run_build(count, 1, tmp, store=True)) for count in (small, large)]
    print("\n## Peak memory, one process, store + N-Quads file\n")
    print("| articles | seconds | articles/s | peak RSS (MB) |")
    print("| ---: | ---: | ---: | ---: |")
    for count, seconds, peak in rows:
        print(f"| {count} | {seconds:.1f} | {count / seconds:.1f} | {peak:.0f} |")
    print(f"\npeak memory, {large} articles / {small} articles: {rows[1][2] / rows[0][2]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--repeat-to", type=int, default=2000)
    parser.add_argument("--parallel-articles", type=int, default=342)
    parser.add_argument("--skip", choices=["stages", "parallel", "memory"], action="append",
                        default=[])
    args = parser.parse_args()
    print(f"# kg build benchmark (python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']})")
    with tempfile.TemporaryDirectory() as tmp:
        if "stages" not in args.skip:
            stage_times()
        if "parallel" not in args.skip:
            parallel(args.parallel_articles, Path(tmp))
        if "memory" not in args.skip:
            memory(args.small, args.repeat_to, Path(tmp))


if __name__ == "__main__":
    main()

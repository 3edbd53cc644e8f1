"""Benchmark of `kg spark` against `kg build`: prints tables, asserts nothing.

    .venv/bin/python bench/bench_spark.py [--repeat-to 2000]

The Wikinews corpus repeated to --repeat-to articles (each copy its own URL), written as one
JSON Lines file, is built four times, each in a fresh process, start-up and model loads
included: `kg build --jobs 1` and `--jobs 2` (N-Quads file only, no store), and `kg spark` at
local[1] and local[2]. Then the local[2] shards are bulk-loaded into a fresh Oxigraph store,
one shard after the other. Memory is sampled (psutil, every 0.2 s) over the process tree: the
driver is the Python process plus its JVM, a worker is one pyspark Python worker process.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import ROOT, repeated  # after sys.path: bench is no package

PYTHON = str(ROOT / ".venv" / "bin" / "python")
KG = str(ROOT / ".venv" / "bin" / "kg")


@dataclass
class Peaks:
    """Peak RSS (MB) by role, from samples of a process tree."""

    driver: float = 0.0  # the Python driver + its JVM
    worker: float = 0.0  # the largest single Python worker

    def sample(self, root: psutil.Process) -> None:
        """Add one sample of `root` and its descendants."""
        driver = worker = 0.0
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        for process in tree:
            try:
                rss = process.memory_info().rss / 2**20
                kind = role(process, root)  # each time: the JVM starts as a shell script
            except psutil.Error:
                continue
            if kind == "driver":
                driver += rss
            else:
                worker = max(worker, rss)
        self.driver, self.worker = max(self.driver, driver), max(self.worker, worker)


def role(process: psutil.Process, root: psutil.Process) -> str:
    """'worker' for a Python process other than the main one, else 'driver' (the JVM)."""
    if process.pid != root.pid and process.name().startswith("python"):
        return "worker"
    return "driver"


def timed(command: list[str]) -> tuple[float, Peaks]:
    """Wall-clock seconds and memory peaks of a command, run to its end."""
    peaks = Peaks()
    start = time.perf_counter()
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as child:
        root = psutil.Process(child.pid)
        while child.poll() is None:
            peaks.sample(root)
            time.sleep(0.2)
        out, err = child.communicate()
    seconds = time.perf_counter() - start
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {child.returncode}:\n{out}\n{err[-3000:]}")
    return seconds, peaks


def write_corpus(count: int, path: Path) -> None:
    """The corpus repeated to `count` articles, as JSON Lines."""
    with path.open("w", encoding="utf-8") as handle:
        for article in repeated(count):
            record = {"url": article.url, "date": article.published.isoformat(),
                      "title": article.headline, "text": article.body}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def runs(corpus: Path, tmp: Path) -> list[tuple[str, float, Peaks]]:
    """The four builds of the corpus, each in a fresh process."""
    found = []
    for jobs in (1, 2):
        command = [KG, "build", str(corpus), "--no-store", "-o",
                   str(tmp / f"build-{jobs}.nq"), "--invalid-dir", str(tmp / f"inv-{jobs}"),
                   "--jobs", str(jobs)]
        found.append((f"kg build --jobs {jobs}", *timed(command)))
    for cores in (1, 2):
        command = [PYTHON, "-m", "kg", "spark", str(corpus), "--out", str(tmp / f"spark-{cores}"),
                   "--master", f"local[{cores}]"]
        found.append((f"kg spark local[{cores}]", *timed(command)))
    return found


def bulk_load(shards: list[Path], store: Path) -> list[tuple[str, int, float]]:
    """Seconds to bulk-load each shard, in turn, into one fresh store."""
    from kg.store import Store

    rows = []
    with Store(store) as target:
        for shard in shards:
            start = time.perf_counter()
            target.load_file(shard)
            rows.append((shard.name, shard.stat().st_size, time.perf_counter() - start))
        quads = target.count()
    print(f"\n## Bulk load of the local[2] shards into a fresh store ({quads:,} quads)\n")
    print("| shard | MB | seconds |")
    print("| --- | ---: | ---: |")
    for name, size, seconds in rows:
        print(f"| {name} | {size / 2**20:.1f} | {seconds:.2f} |")
    print(f"| **all** | {sum(r[1] for r in rows) / 2**20:.1f} | {sum(r[2] for r in rows):.2f} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat-to", type=int, default=2000)
    args = parser.parse_args()
    count = args.repeat_to
    print(f"# kg spark benchmark (python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']}, {count} articles)")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        corpus = tmp / "corpus.jsonl"
        write_corpus(count, corpus)
        rows = runs(corpus, tmp)
        print("\n## Throughput, fresh processes, start-up and model loads included\n")
        print("| run | seconds | articles/s | peak driver MB | peak worker MB |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for label, seconds, peaks in rows:
            worker = f"{peaks.worker:.0f}" if peaks.worker else "-"
            print(f"| {label} | {seconds:.1f} | {count / seconds:.1f} | {peaks.driver:.0f} | "
                  f"{worker} |")
        print("\ndriver: the main Python process plus, for Spark, its JVM; worker: the largest "
              "single worker process (kg build's pool workers, pyspark's Python workers), RSS "
              "(pages shared with a forking parent counted in each).")
        from kg.publish import shard_layout as layout
        bulk_load(layout.quad_shards(tmp / "spark-2"), tmp / "store")


if __name__ == "__main__":
    main()

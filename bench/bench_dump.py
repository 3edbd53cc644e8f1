"""Benchmark of `kg dump` on the Wikinews corpus repeated to a million triples: prints a table.

    .venv/bin/python bench/bench_dump.py [--triples 1000000]

1. The 171 Wikinews articles go once through the real pipeline (`kg build`, two jobs); their
   N-Quads are cached in bench/out/ (gitignored) for later runs.
2. The article graphs are copied, with every data IRI renamed per copy (graph names keep
   distinct last segments, so each copy has its own article files), until the dataset holds
   at least --triples quads; the run and ontology graphs are kept once. Bulk-loaded into a
   fresh store.
3. In a child process: opening the store and counting (the baseline), then `dump` itself;
   seconds and peak RSS of each, and the size of every file written.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar, cast

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews" / "wikinews-2019.csv"
CACHE = OUT / "wikinews-2019.nq.gz"
BASE = "https://w3id.org/kg-news/id/"
Term = TypeVar("Term")


def corpus_quads() -> list[ox.Quad]:
    """The Wikinews corpus as built by kg, from the cache or built now."""
    if not CACHE.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        print(f"building {CORPUS.name} once into {CACHE} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "-q", "build",
                        str(CORPUS), "--no-store",
                        "--jobs", "2", "-o", str(CACHE), "--invalid-dir", str(OUT / "invalid")],
                       check=True, cwd=ROOT)
    return list(ox.parse(gzip.decompress(CACHE.read_bytes()), ox.RdfFormat.N_QUADS))


def renamed(term: Term, copy: int) -> Term:
    """The term in copy `copy`: graph names get a suffix, other data IRIs a path segment."""
    if copy == 0 or not isinstance(term, ox.NamedNode) or not term.value.startswith(BASE):
        return term
    iri = term.value
    if iri.startswith(f"{BASE}graph/"):
        return cast(Term, ox.NamedNode(f"{iri}-c{copy}"))
    return cast(Term, ox.NamedNode(f"{BASE}c{copy}/{iri[len(BASE):]}"))


def replicated(quads: list[ox.Quad], target: int) -> Iterator[ox.Quad]:
    """Copies of the article graphs until `target` quads; other graphs once."""
    articles = [q for q in quads if str(q.graph_name).startswith(f"<{BASE}graph/")]
    yield from (q for q in quads if not str(q.graph_name).startswith(f"<{BASE}graph/"))
    total, copy = len(quads) - len(articles), 0
    while total < target:
        for q in articles:
            yield ox.Quad(renamed(q.subject, copy), q.predicate, renamed(q.object, copy),
                          renamed(q.graph_name, copy))
        total, copy = total + len(articles), copy + 1


CHILD = """
import json, resource, sys, time
from pathlib import Path
from kg.settings import Settings
from kg.store import Store
start = time.perf_counter()
with Store(Path(sys.argv[1])) as store:
    quads = store.count()
    files = {}
    if sys.argv[3] == "dump":
        from kg.publish.dump import dump
        files = {f.name: f.size for f in dump(store, Path(sys.argv[2]), Settings()).files}
usage = resource.getrusage(resource.RUSAGE_SELF)
# VmHWM, not ru_maxrss: the latter keeps the parent's peak across fork and exec.
peak = next(int(line.split()[1]) for line in open("/proc/self/status")
            if line.startswith("VmHWM:"))
print(json.dumps({"seconds": time.perf_counter() - start, "cpu": usage.ru_utime + usage.ru_stime,
                  "quads": quads, "files": files, "peak_mb": peak / 1024}))
"""


def child(store: Path, out: Path, action: str) -> dict[str, Any]:
    """Run `action` (count or dump) in a fresh interpreter; its own figures as a dict."""
    done = subprocess.run([sys.executable, "-c", CHILD, str(store), str(out), action],
                          check=True, cwd=ROOT, capture_output=True, text=True)
    figures: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    args = parser.parse_args()
    quads = corpus_quads()
    graphs = len({q.graph_name for q in quads})
    with tempfile.TemporaryDirectory(dir=OUT) as tmp:
        store = Path(tmp) / "store"
        start = time.perf_counter()
        loader = ox.Store(str(store))
        loader.bulk_extend(replicated(quads, args.triples))
        loader.flush()
        total = len(loader)
        del loader
        load = time.perf_counter() - start
        base = child(store, Path(tmp) / "dump", "count")
        run = child(store, Path(tmp) / "dump", "dump")
    seconds, peak = run["seconds"], run["peak_mb"]
    print(f"# kg dump benchmark (python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f})\n")
    print(f"corpus: {len(quads):,} quads in {graphs} graphs; replicated to {total:,} quads; "
          f"bulk load {load:.1f} s\n")
    print("| what (child process) | seconds | CPU seconds | quads/s | peak RSS (MB) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print(f"| open the store and count | {base['seconds']:.2f} | {base['cpu']:.2f} | | "
          f"{base['peak_mb']:.0f} |")
    print(f"| **kg dump** (all files, void.ttl) | {seconds:.2f} | {run['cpu']:.2f} | "
          f"{total / seconds:,.0f} | {peak:.0f} |")
    print("\n| file | bytes |\n| --- | ---: |")
    for name, size in run["files"].items():
        print(f"| {name} | {size:,} |")


if __name__ == "__main__":
    main()

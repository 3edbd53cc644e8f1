"""Default-graph queries on about a million quads: the union default graph (every copy of a
triple that many articles state) against kg's merged default graph (a set), in one run.

    .venv/bin/python bench/bench_default_graph.py [--copies 9]

Builds the Wikinews corpus once to N-Quads (kg build), then copies its article graphs (new
article, event, quotation and claim IRIs per copy; the entities stay shared, as in real news)
until the corpus holds about a million quads. Loads the copies twice: into a bare Oxigraph
store queried with its union default graph (kg before the merge), and with `kg load` (bulk
load, then the merge). Prints load times, sizes, and each query's answer and time.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.publish.load import load  # noqa: E402 (after the path fix, when run as a script)
from kg.rdf import PREFIX_IRIS  # noqa: E402
from kg.settings import Settings  # noqa: E402
from kg.store import Store  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews" / "wikinews-2019.csv"
TRUMP = 'VALUES ?name { "Donald Trump" } ?p schema:name ?name'
QUERIES = {
    "people named Donald Trump": f"SELECT (COUNT(*) AS ?n) WHERE {{ {TRUMP} ; a schema:Person }}",
    "types of Donald Trump": f"SELECT (COUNT(*) AS ?n) WHERE {{ {TRUMP} ; a ?type }}",
    "mentions of people": "SELECT (COUNT(*) AS ?n) WHERE { ?m itsrdf:taIdentRef ?p . "
                          "?p a schema:Person }",
    "people with their names": "SELECT (COUNT(*) AS ?n) WHERE { ?p a schema:Person ; "
                               "schema:name ?name }",
}
T = TypeVar("T")
# Article-scoped IRIs: a copy of an article gets its own; entities keep theirs.
_SCOPED = re.compile(r"(/id/(?:graph|article|event|quotation|claim)/)")


def built_corpus(folder: Path) -> Path:
    out = folder / "wikinews.nq"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    subprocess.run([sys.executable, "-m", "kg", "-q", "build", str(CORPUS), "--no-store",
                    "-o", str(out), "-j", "2", "--invalid-dir", str(folder / "invalid")],
                   check=True, env=env)
    return out


def copies(source: Path, folder: Path, count: int) -> list[Path]:
    text = source.read_text(encoding="utf-8")
    files = []
    for number in range(count):
        path = folder / f"copy-{number}.nq"
        path.write_text(_SCOPED.sub(rf"\g<1>c{number}-", text), encoding="utf-8")
        files.append(path)
    return files


def timed(action: Callable[..., T], *args: Any) -> tuple[T, float]:
    start = time.perf_counter()
    result = action(*args)
    return result, time.perf_counter() - start


def bulk_load(store: ox.Store, files: list[Path]) -> None:
    for path in files:
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)


def answer(store: ox.Store, sparql: str, union: bool) -> str:
    result = store.query(sparql, prefixes=PREFIX_IRIS, use_default_graph_as_union=union)
    assert isinstance(result, ox.QuerySolutions)
    (solution,) = result
    return str(solution["n"].value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = copies(built_corpus(folder), folder, args.copies)
        before = ox.Store(str(folder / "before"))
        _, bulk = timed(bulk_load, before, files)
        with Store(folder / "after") as after:
            _, merged = timed(load, after, files, Settings().base_iri)
            quads = after.count()
        print(f"{quads:,} quads in {len(files)} files of {args.copies} copies")
        print(f"bulk load alone {bulk:.1f} s; kg load (bulk load + merge) {merged:.1f} s")
        print()
        print("| query | union default graph | s | merged default graph | s |")
        print("| --- | ---: | ---: | ---: | ---: |")
        after_raw = ox.Store.read_only(str(folder / "after"))
        for name, sparql in QUERIES.items():
            old, old_s = timed(answer, before, sparql, True)
            new, new_s = timed(answer, after_raw, sparql, False)
            print(f"| {name} | {old} | {old_s:.2f} | {new} | {new_s:.2f} |")


if __name__ == "__main__":
    main()

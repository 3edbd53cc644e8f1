"""Benchmark of `kg push` to a fresh Oxigraph server: prints a table, asserts nothing.

    .venv/bin/python bench/bench_push.py [--batch-size 1000]

The Wikinews corpus is built once with the real pipeline (`kg build`, cached under
bench/out/push/). The same N-Quads file then goes to a fresh Oxigraph server three ways:
`kg push --method update` (SPARQL Update through SPARQLWrapper), `kg push --method gsp`
(Graph Store PUT per graph), and the server's own bulk upload with curl (one POST of the
whole file to /store). Each run is checked by counting the quads on the server.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Below the sys.path change on purpose: run as a script, the repository root is not on the path.
from kg.publish.endpoint import PushOptions, push  # noqa: E402
from kg.publish.push_http import Connection  # noqa: E402
from kg.publish.push_source import GraphSource  # noqa: E402
from tests.servers import OxigraphServer, select  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews" / "wikinews-2019.csv"
OUT = ROOT / "bench" / "out" / "push"
BASE = "https://w3id.org/kg-news/id/"


def corpus_file() -> Path:
    """The Wikinews corpus as N-Quads, built by `kg build` the first time."""
    nquads = OUT / "wikinews.nq"
    if not nquads.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(ROOT / ".venv" / "bin" / "kg"), "-q", "build", str(CORPUS),
                        "--no-store", "-o", str(nquads), "--invalid-dir", str(OUT / "invalid")],
                       check=True)
    return nquads


def quads_on(server: OxigraphServer) -> int:
    (row,) = select(server.query_url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(row["n"].value)  # type: ignore[union-attr]


def by_push(server: OxigraphServer, nquads: Path, method: str, batch: int) -> tuple[float, int]:
    url = server.update_url if method == "update" else server.store_url
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        summary = push(GraphSource(files=[nquads]), Connection(url),
                       PushOptions(base=BASE, method=method, batch_size=batch),  # type: ignore[arg-type]
                       Path(tmp) / "journal.jsonl")
        return time.perf_counter() - start, summary.requests


def by_curl(server: OxigraphServer, nquads: Path) -> tuple[float, int]:
    start = time.perf_counter()
    subprocess.run(["curl", "-sS", "--fail", "-X", "POST",
                    "-H", "Content-Type: application/n-quads",
                    "--data-binary", f"@{nquads}", server.store_url], check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start, 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-size", type=int, default=1000)
    args = parser.parse_args()
    nquads = corpus_file()
    rows = []
    for name in ("kg push --method update", "kg push --method gsp", "curl bulk POST /store"):
        with tempfile.TemporaryDirectory() as tmp:
            server = OxigraphServer(Path(tmp) / "db")
            server.start()
            try:
                if name.startswith("curl"):
                    seconds, requests = by_curl(server, nquads)
                else:
                    seconds, requests = by_push(server, nquads, name.split()[-1], args.batch_size)
                rows.append((name, quads_on(server), seconds, requests))
            finally:
                server.stop()
    print(f"Wikinews corpus, {nquads.stat().st_size / 1e6:.1f} MB of N-Quads, to a fresh "
          "Oxigraph server on loopback (one run each)\n")
    print(f"| {'method':<26} | {'triples':>8} | {'requests':>8} | "
          f"{'seconds':>7} | {'triples/s':>9} |")
    print(f"|{'-' * 28}|{'-' * 9}:|{'-' * 9}:|{'-' * 8}:|{'-' * 10}:|")
    for name, triples, seconds, requests in rows:
        print(f"| {name:<26} | {triples:>8,} | {requests:>8,} | {seconds:>7.1f} | "
              f"{triples / seconds:>9,.0f} |")


if __name__ == "__main__":
    main()

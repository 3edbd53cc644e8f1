"""Pages served per second by `kg serve`, alone and while two slow queries hold every SPARQL
worker until their time-out: a bounded loopback load, printed as a table, asserting nothing.

    .venv/bin/python bench/bench_serve.py [--requests 400] [--clients 8]

Builds the seed article into a store, starts `kg serve --workers 2 --timeout 60`, and fetches
a resource page `--requests` times from `--clients` threads; then again while two cross-join
queries run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "corpus" / "seed"
PAGE = "/kg-news/id/person/lloyd-austin.html"
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def start_server(store: Path, port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store),
                               "--bind", f"127.0.0.1:{port}", "--workers", "2",
                               "--timeout", "60"], stdout=subprocess.DEVNULL)
    for _ in range(300):
        try:
            requests.get(f"http://127.0.0.1:{port}/", timeout=5)
            return server
        except requests.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError("kg serve did not start")


def page_rate(url: str, count: int, clients: int) -> tuple[float, float, int]:
    """(pages per second, median seconds, failures) for `count` page requests."""
    def fetch(_: int) -> tuple[float, bool]:
        start = time.perf_counter()
        ok = requests.get(url + PAGE, timeout=60).status_code == 200
        return time.perf_counter() - start, ok

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(fetch, range(count)))
    elapsed = time.perf_counter() - start
    latencies = sorted(seconds for seconds, _ in results)
    return count / elapsed, latencies[len(latencies) // 2], sum(not ok for _, ok in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        subprocess.run([sys.executable, "-m", "kg", "-q", "build", str(SEED), "--store",
                        str(store), "--invalid-dir", str(Path(tmp) / "invalid")], check=True,
                       stdout=subprocess.DEVNULL)
        port = 8700 + int(time.time()) % 200
        server = start_server(store, port)
        url = f"http://127.0.0.1:{port}"
        try:
            alone = page_rate(url, args.requests, args.clients)
            with ThreadPoolExecutor(2) as pool:
                slow: list[Future[requests.Response]] = [pool.submit(
                    requests.get, f"{url}/sparql", params={"query": CROSS_JOIN}, timeout=120)
                    for _ in range(2)]
                time.sleep(1)  # both hold a worker by now
                busy = page_rate(url, args.requests, args.clients)
                held = all(not future.done() for future in slow)
        finally:
            server.terminate()
            server.wait()
    print(f"# kg serve: {args.requests} page requests from {args.clients} clients")
    print()
    print("| while | pages/s | median s | failed |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| nothing else runs | {alone[0]:.1f} | {alone[1]:.3f} | {alone[2]} |")
    print(f"| two queries hold both SPARQL workers | {busy[0]:.1f} | {busy[1]:.3f} | {busy[2]} |")
    print()
    print(f"the slow queries still ran when the pages were done: {held}")


if __name__ == "__main__":
    main()

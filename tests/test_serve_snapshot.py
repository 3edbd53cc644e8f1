"""One server, one view (issue 12.11): every answer of a running `kg serve` comes from the store
as it was when the server started, though a build writes into it and workers are replaced."""

from __future__ import annotations

import logging
import os
import signal
import tempfile
import time
from pathlib import Path

import pytest
import requests
from rdflib.namespace import SDO

from kg.pipeline import ArticleProcessor, Outcome
from kg.serve.snapshot import snapshot
from kg.store import Store
from tests.test_serve_support import build_store, hostile_outcome, running_server, server_process

GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
# Every quad with every quad with every quad: never finishes, so the worker is killed.
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def graphs(url: str) -> int:
    """The number of named graphs, counted by the server's SPARQL endpoint."""
    answer = requests.get(f"{url}/sparql", params={"query": GRAPHS, "format": "json"}, timeout=120)
    assert answer.status_code == 200, answer.text
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


def article_page(outcome: Outcome) -> str:
    """The local path of the page of the outcome's article."""
    assert outcome.graph is not None
    article = next(outcome.graph.subjects(SDO.headline, None))
    return str(article).replace("https://w3id.org", "") + ".html"


def kill_workers(server: int) -> None:
    """Kill every query worker of the server process `server`, as the OOM killer might."""
    for entry in Path("/proc").iterdir():
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if ppid == server and b"kg.serve.worker" in command:
            os.kill(int(entry.name), signal.SIGKILL)


def settled(url: str, attempts: int = 20) -> requests.Response:
    """The answer to GET `url` once the pool has replaced its killed worker: a request that
    finds a dead worker answers 500, and how many do depends on when the replacement is up."""
    for _ in range(attempts):
        answer = requests.get(url, timeout=120)
        if answer.status_code != 500:
            return answer
        time.sleep(0.5)
    return answer


def snapshots_beside(store: Path) -> list[Path]:
    return sorted(store.parent.glob(f".{store.name}.serve-*"))


def test_answers_stay_on_the_start_snapshot_while_a_build_writes(
        tmp_path: Path, seed_outcome: Outcome, processor: ArticleProcessor) -> None:
    store = build_store(tmp_path / "store", [seed_outcome])
    added = hostile_outcome(processor)
    with server_process(store, "--timeout", "1", "--workers", "1") as (url, process):
        before = graphs(url)
        with Store(store) as writer:  # a build writing while the server runs
            assert added.name is not None and added.graph is not None
            writer.replace_graph(added.name, added.graph)
        # The SPARQL worker outlives the time-out: it is killed and a new one started.
        stopped = requests.get(f"{url}/sparql", params={"query": CROSS_PRODUCT}, timeout=120)
        assert stopped.status_code == 503
        assert graphs(url) == before
        kill_workers(process.pid)  # the page worker too: its replacement opens the same view
        for path in ("/search?q=Quill", "/sparql?query=ASK{}"):  # each pool notices and replaces
            assert settled(f"{url}{path}").status_code == 200
        assert settled(f"{url}{article_page(added)}").status_code == 404
        assert "Mara Quill" not in settled(f"{url}/search?q=Quill").text
        assert graphs(url) == before
        assert len(snapshots_beside(store)) == 1  # on the store's file system: hard links
    assert snapshots_beside(store) == []  # removed when the server stopped (SIGTERM)
    with running_server(store) as url:  # restarted: the new data is served
        assert graphs(url) == before + 1
        assert requests.get(f"{url}{article_page(added)}", timeout=120).status_code == 200


def test_starts_on_a_store_a_build_has_open(tmp_path: Path, seed_outcome: Outcome) -> None:
    """A build holds the store (its lock, writes not yet flushed): the server starts, and its
    view holds every write committed by then."""
    assert seed_outcome.name is not None and seed_outcome.graph is not None
    with Store(tmp_path / "store") as writer:
        writer.replace_graph(seed_outcome.name, seed_outcome.graph)
        with running_server(tmp_path / "store") as url:
            assert graphs(url) == 1


def test_hang_up_stops_the_server_and_removes_its_snapshot(tmp_path: Path,
                                                          seed_outcome: Outcome) -> None:
    store = build_store(tmp_path / "store", [seed_outcome])
    with server_process(store) as (_, process):
        assert len(snapshots_beside(store)) == 1
        process.send_signal(signal.SIGHUP)
        assert process.wait(timeout=60) == 0
    assert snapshots_beside(store) == []


def test_snapshot_is_beside_the_store_and_removed_after(tmp_path: Path,
                                                       seed_outcome: Outcome) -> None:
    store = build_store(tmp_path / "store", [seed_outcome])
    with snapshot(store) as view:
        assert view.is_relative_to(tmp_path) and (view / "CURRENT").is_file()
        assert (view / "CURRENT").stat().st_ino != (store / "CURRENT").stat().st_ino
    assert snapshots_beside(store) == [] and not view.exists()
    with pytest.raises(KeyError), snapshot(store) as view:
        raise KeyError("the server failed")
    assert not view.exists()


def test_snapshot_falls_back_to_the_system_temp_folder(
        tmp_path: Path, seed_outcome: Outcome, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    store = build_store(tmp_path / "store", [seed_outcome])
    mkdtemp = tempfile.mkdtemp

    def refuse_beside_the_store(prefix: str, dir: str | None = None) -> str:
        if dir is not None:
            raise PermissionError(13, "Permission denied", dir)
        return mkdtemp(prefix=prefix)

    monkeypatch.setattr(tempfile, "mkdtemp", refuse_beside_the_store)
    with caplog.at_level(logging.WARNING), snapshot(store) as view:
        assert view.is_relative_to(tempfile.gettempdir()) and (view / "CURRENT").is_file()
    assert not view.exists()
    assert "cannot write beside the store (" in caplog.text and str(view.parent) in caplog.text

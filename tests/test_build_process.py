"""`kg build` as a real process, when things go wrong around it: a full disk under the invalid
folder or the output, a SIGTERM or Ctrl-C mid-run, a parent killed under its workers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import psutil
import pytest

from kg.publish.files import atomic_output
from kg.store import Store

from .conftest import SEED, WIKINEWS

PREVIOUS = b"<https://example.org/s> <https://example.org/p> \"an earlier build\" .\n"
# Mounts a full 64 KiB tmpfs on $1 (in the mount namespace of its own that unshare gives it, so
# the mount goes with the process), checks that it is full, then runs the rest of the arguments.
ON_A_FULL_DISK = """
set -e
mount -t tmpfs -o size=64k kg-full "$1"
if cat /dev/zero > "$1/filler" 2>/dev/null; then echo "$1 did not fill up" >&2; exit 97; fi
test "$(stat -f -c %a "$1")" = 0
echo "full: $1"
shift
exec "$@"
"""


def kg_build(*arguments: str | Path) -> list[str]:
    return [sys.executable, "-m", "kg", "build", *map(str, arguments)]


def on_a_full_disk(folder: Path, command: list[str]) -> subprocess.CompletedProcess[str]:
    """`command` run with a full file system mounted on `folder`. As root a mount namespace is
    enough (CI); otherwise a user namespace maps us to root in it. Fails if it cannot set up."""
    folder.mkdir()
    user = [] if os.geteuid() == 0 else ["--user", "--map-root-user"]
    result = subprocess.run(["unshare", *user, "--mount", "sh", "-c", ON_A_FULL_DISK, "sh",
                             str(folder), *command],
                            capture_output=True, text=True, timeout=300, check=False)
    if not result.stdout.startswith(f"full: {folder}\n"):
        pytest.fail(f"could not set up a full disk on {folder} (exit {result.returncode}): "
                    f"{result.stderr}")
    return result


def inputs(folder: Path) -> list[Path]:
    """An empty file, which is rejected (rejected.jsonl lists it), then an article: the
    rejection is written first, whatever the size of the article's graph."""
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    return [folder / "empty.txt", SEED]


@pytest.mark.parametrize("output", ["graph.nq", "full/graph.nq.gz"])
def test_a_full_invalid_folder_is_named_and_stops_the_run(tmp_path: Path, output: str) -> None:
    """With the output elsewhere, and on the same full disk: there, dropping the output's
    temporary file (its gzip header is buffered) fails too, and must not hide the first error."""
    full, out = tmp_path / "full", tmp_path / output
    command = kg_build(*inputs(tmp_path / "in"), "--no-store", "-o", out,
                       "--invalid-dir", full / "invalid")
    if out.parent == tmp_path:
        out.write_bytes(PREVIOUS)
    result = on_a_full_disk(full, command)
    assert result.returncode == 1, result.stderr
    assert f"cannot write {full / 'invalid' / 'rejected.jsonl'}: No space left on device" \
        in result.stderr
    assert "--invalid-dir" in result.stderr  # the hint says how to choose another folder
    assert str(out) not in result.stderr  # (it was blamed before)
    assert "built" not in result.stdout  # no summary: the run did not finish
    if out.parent == tmp_path:
        assert out.read_bytes() == PREVIOUS
    assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".tmp")] == []


def test_a_full_disk_under_the_output_names_the_output(tmp_path: Path) -> None:
    full = tmp_path / "full"
    command = kg_build(SEED, "--no-store", "-o", full / "graph.nq",
                       "--invalid-dir", tmp_path / "invalid")
    result = on_a_full_disk(full, command)
    assert result.returncode == 1, result.stderr
    assert f"cannot write {full / 'graph.nq'}: No space left on device" in result.stderr


def test_an_error_from_elsewhere_in_the_block_is_not_blamed_on_the_file(tmp_path: Path) -> None:
    # As when the invalid folder or the store fails while an output file is open.
    elsewhere = PermissionError(13, "Permission denied", str(tmp_path / "other"))
    with pytest.raises(PermissionError) as raised, atomic_output(tmp_path / "graph.nq") as out:
        out.write(PREVIOUS)
        raise elsewhere
    assert raised.value is elsewhere
    assert list(tmp_path.iterdir()) == []


def start_build(tmp: Path, jobs: int) -> subprocess.Popen[bytes]:
    """`kg build` of the Wikinews corpus (171 articles) into a store and graph.nq, in a session
    of its own (a signal to its group reaches only it); its stderr, and its workers', in a file."""
    (tmp / "out").mkdir()
    (tmp / "out" / "graph.nq").write_bytes(PREVIOUS)
    command = kg_build(WIKINEWS, "--store", tmp / "store", "-o", tmp / "out" / "graph.nq",
                       "--invalid-dir", tmp / "invalid", "--jobs", str(jobs))
    with (tmp / "stderr.txt").open("wb") as stderr:
        return subprocess.Popen(command, cwd=tmp, stdout=subprocess.DEVNULL, stderr=stderr,
                                start_new_session=True)


@pytest.fixture
def killed_at_the_end() -> Iterator[list[subprocess.Popen[bytes]]]:
    """Processes to kill, with their whole group, should a test fail before they end."""
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)


def wait_for_graphs(process: subprocess.Popen[bytes], folder: Path) -> list[psutil.Process]:
    """Until the output's temporary file holds graphs (articles are being built and written);
    then the build's child processes."""
    deadline = time.monotonic() + 300
    while not any(_size(path) for path in folder.glob(".*.tmp")):
        assert process.poll() is None, "the build ended before it could be stopped"
        assert time.monotonic() < deadline, "the build never wrote a graph"
        time.sleep(0.1)
    return psutil.Process(process.pid).children(recursive=True)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:  # renamed to the output: the build ended
        return 0


def assert_all_gone(processes: list[psutil.Process]) -> None:
    """Every process ends (a generous deadline: the machine is shared)."""
    _, alive = psutil.wait_procs(processes, timeout=60)
    assert alive == [], [process.cmdline() for process in alive]


@pytest.mark.parametrize(("signum", "jobs"), [
    pytest.param(signal.SIGTERM, 1, id="SIGTERM"),
    pytest.param(signal.SIGINT, 2, id="SIGINT-to-the-group-jobs-2")])
def test_a_stopped_build_leaves_no_temporary_file(tmp_path: Path, signum: int, jobs: int,
                                                  killed_at_the_end: list[subprocess.Popen[bytes]]
                                                  ) -> None:
    process = start_build(tmp_path, jobs)
    killed_at_the_end.append(process)
    children = wait_for_graphs(process, tmp_path / "out")
    if signum == signal.SIGINT:
        os.killpg(process.pid, signum)  # Ctrl-C at a terminal: the whole group, workers too
    else:
        process.send_signal(signum)
    assert process.wait(timeout=120) == 128 + signum  # 143 for SIGTERM, 130 for SIGINT
    assert_all_gone(children)
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["graph.nq"]
    assert (tmp_path / "out" / "graph.nq").read_bytes() == PREVIOUS
    stderr = (tmp_path / "stderr.txt").read_text()
    assert f"error: stopped by {signal.Signals(signum).name}: the run did not finish" in stderr
    assert "Traceback" not in stderr
    with Store(tmp_path / "store") as store:  # closed properly, with what was built
        assert store.graph_names()


def test_the_workers_of_a_killed_build_exit_quietly(
        tmp_path: Path, killed_at_the_end: list[subprocess.Popen[bytes]]) -> None:
    process = start_build(tmp_path, jobs=2)
    killed_at_the_end.append(process)
    children = wait_for_graphs(process, tmp_path / "out")
    workers = [child for child in children if "spawn_main" in " ".join(child.cmdline())]
    assert len(workers) == 2, [child.cmdline() for child in children]
    process.kill()  # the parent alone: its workers are orphaned mid-article
    assert process.wait(timeout=60) == -signal.SIGKILL
    assert_all_gone(children)
    stderr = (tmp_path / "stderr.txt").read_text()
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr

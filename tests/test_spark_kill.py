"""A `kg spark` process killed for real (SIGKILL to the driver, its JVM and its Python workers)
while it writes, then run again: the output equals an uninterrupted run's, with no duplicates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyspark.sql import SparkSession

from kg.publish import shard_layout as layout

from .spark_support import STORIES, run_spark, shared_session, write_story
from .test_spark_incremental import generation_files, quads


@pytest.fixture(scope="module")
def spark() -> SparkSession:
    return shared_session()


def start_spark(folder: Path, out: Path) -> subprocess.Popen[bytes]:
    """`python -m kg spark` in a session of its own, so that its whole tree can be killed."""
    command = [sys.executable, "-m", "kg", "spark", str(folder), "--out", str(out),
               "--master", "local[1]", "--partitions", "2"]
    return subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def wait_for_writing(process: subprocess.Popen[bytes], quads_dir: Path) -> None:
    """Until Spark writes the shards (its _temporary folder exists): the articles are being
    built then, in the same stage."""
    deadline = time.monotonic() + 240
    while not (quads_dir / "_temporary").exists():
        assert process.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline, "the run never started writing"
        time.sleep(0.05)


def test_a_killed_process_run_again_gives_the_uninterrupted_output(spark: SparkSession,
                                                                  tmp_path: Path) -> None:
    folder = tmp_path / "in"
    for name, story in STORIES.items():
        write_story(folder, name, *story)
    run_spark(spark, [folder], tmp_path / "whole", partitions=2)

    killed = tmp_path / "killed"
    process = start_spark(folder, killed)
    try:
        wait_for_writing(process, killed / "gen-00001" / layout.QUADS)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
    assert layout.current_generation(killed) is None  # nothing was ever complete
    assert layout.quad_shards(killed) == []

    again = run_spark(spark, [folder], killed, partitions=2)
    assert again.counts["built"] == len(STORIES)
    assert generation_files(killed) == generation_files(tmp_path / "whole")
    assert quads(killed) == quads(tmp_path / "whole")

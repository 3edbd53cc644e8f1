"""The SparkSession of a run: Spark's own when spark-submit started us, else a local one.

Under spark-submit the master, memory and Python come from spark-submit's command line and
configuration; only what kg needs is added. Started from `kg spark` or `python -m kg spark`,
the session is local (local[2] unless --master says otherwise), with 1 GB for the driver and
the executors running this very Python, so they import the same kg and the same model.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[2]"
DRIVER_MEMORY = "1g"


def submitted() -> bool:
    """True when spark-submit launched this Python (it hands the driver's gateway port over)."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


@contextmanager
def spark_session(master: str | None = None) -> Iterator[SparkSession]:
    """The active session if there is one (left running), else a new one, stopped at the end."""
    active = SparkSession.getActiveSession()
    if active is not None:
        yield active
        return
    session = builder(master).getOrCreate()
    try:
        yield session
    finally:
        session.stop()


def builder(master: str | None = None) -> SparkSession.Builder:
    """A session builder with kg's settings; `master` overrides spark-submit's or the default."""
    # One thread per task: Spark's cores are the parallelism, not numpy's thread pool.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    chain = (SparkSession.builder.appName("kg spark")
             .config("spark.ui.enabled", "false")
             .config("spark.executorEnv.OMP_NUM_THREADS", "1")
             # A folder URI is read with its subfolders, as kg build reads a local folder.
             .config("spark.hadoop.mapreduce.input.fileinputformat.input.dir.recursive", "true"))
    if master or not submitted():
        chain = chain.master(master or DEFAULT_MASTER)
    if not submitted():
        # PySpark starts its workers with PYSPARK_PYTHON, else whatever "python3" is on PATH,
        # which need not have kg or the model installed.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        chain = chain.config("spark.driver.memory", DRIVER_MEMORY)
    return chain

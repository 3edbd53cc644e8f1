"""Stage 1: what the user names -> an RDD of (order, Article | Rejected), read by the executors.

Local paths are expanded on the driver by kg's own `expand`, so the files, their order and the
rejects (a missing path, a folder with nothing kg reads) are those of `kg build`; only the list
of files is shipped, and each task opens and reads its own file. Paths with a URI scheme
(hdfs://, s3a://, file://) are read by Spark (`binaryFiles`) and parsed from the bytes by the
same readers. Every record carries its place in the input, `order`, so that when two records
name the same graph the first one is built and the later ones reported, as in `kg build`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO

from kg.model import Article, Rejected
from kg.sources.common import ReadOptions
from kg.sources.inputs import expand
from kg.sources.registry import EXTENSIONS, READERS, format_of

if TYPE_CHECKING:
    from pyspark import RDD, SparkContext

# (input index, file index in a local input or file URI in a Spark-read one, record index).
# Within one input the middle part is always of one type, so orders always compare.
Order = tuple[int, int | str, int]
Record = tuple[Order, Article | Rejected]

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def read_records(sc: SparkContext, specs: Sequence[str], options: ReadOptions) -> RDD[Record]:
    """Every record of `specs` with its order; a bad input is a Rejected record, never an error."""
    local: list[tuple[int, int, str]] = []
    rejected: list[Record] = []
    remote: list[RDD[Record]] = []
    for index, spec in enumerate(specs):
        if _SCHEME.match(spec):
            found = _spark_files(sc, index, spec, options)
            if isinstance(found, Rejected):
                rejected.append(((index, "", 0), found))
            else:
                remote.append(found)
            continue
        files = expand(spec)
        if isinstance(files, Rejected):
            rejected.append(((index, 0, 0), files))
        else:
            for number, path in enumerate(files):
                if isinstance(path, Rejected):
                    rejected.append(((index, number, 0), path))
                else:
                    local.append((index, number, path))
    parts: list[RDD[Record]] = [sc.parallelize(rejected, 1)] if rejected else []
    if local:  # one task per file, up to the cluster's parallelism
        files_rdd = sc.parallelize(local, max(1, min(len(local), sc.defaultParallelism * 4)))
        parts.append(files_rdd.flatMap(lambda task: _read_local(task, options)))
    parts += remote
    return sc.union(parts) if parts else sc.emptyRDD()


def _read_local(task: tuple[int, int, str], options: ReadOptions) -> Iterator[Record]:
    """The records of one local file, in the file's order (runs on an executor)."""
    index, number, path = task
    try:
        with open(path, "rb") as stream:
            yield from _numbered((index, number), _parse(stream, path, options))
    except OSError as error:
        yield (index, number, 0), Rejected(path, f"cannot read the file: {error.strerror or error}")


def _spark_files(sc: SparkContext, index: int, spec: str,
                 options: ReadOptions) -> RDD[Record] | Rejected:
    """The records of the files a URI names, read by Spark; Rejected when it names nothing."""
    try:
        jvm_path = sc._jvm.org.apache.hadoop.fs.Path(spec)  # type: ignore[union-attr]
        fs = jvm_path.getFileSystem(sc._jsc.hadoopConfiguration())
        matches = fs.globStatus(jvm_path)
        readable = any(_readable_files(fs, status) for status in matches or [])
    except Exception as error:  # noqa: BLE001 - Py4J wraps every Hadoop error; the input is bad
        return Rejected(spec, f"cannot list it: {str(error).splitlines()[0]}")
    if not matches:
        return Rejected(spec, "no such file or directory")
    if not readable:
        return Rejected(spec, f"it holds no file kg reads ({', '.join(EXTENSIONS)})")
    files = sc.binaryFiles(spec).filter(lambda item: format_of(item[0]) is not None)
    return files.flatMap(lambda item: _numbered((index, item[0]), _parse_bytes(item, options)))


def _readable_files(fs: Any, status: Any) -> bool:
    """Whether a matched path is, or holds at any depth, a file kg reads (stops at the first)."""
    if not status.isDirectory():
        return format_of(status.getPath().getName()) is not None
    found = fs.listFiles(status.getPath(), True)  # Hadoop's recursive RemoteIterator
    while found.hasNext():
        if format_of(found.next().getPath().getName()) is not None:
            return True
    return False


def _parse_bytes(item: tuple[str, bytes], options: ReadOptions) -> Iterator[Article | Rejected]:
    path, data = item
    yield from _parse(io.BytesIO(data), path, options)


def _parse(stream: BinaryIO, path: str, options: ReadOptions) -> Iterator[Article | Rejected]:
    """kg's reader for the file's format; a reader that breaks rejects the rest of the file."""
    try:
        yield from READERS[format_of(path) or "text"](stream, path, options)
    except OSError:
        raise  # the caller words it as kg build does
    except Exception as error:  # noqa: BLE001 - one bad file must not fail the Spark job
        yield Rejected(path, f"cannot read the file: {type(error).__name__}: {error}")


def _numbered(prefix: tuple[int, int | str],
              records: Iterator[Article | Rejected]) -> Iterator[Record]:
    for number, record in enumerate(records):
        yield (prefix[0], prefix[1], number), record

"""Real SPARQL endpoints for the tests: an Oxigraph server and Virtuoso 7, each on a free
loopback port in a temporary directory, started once per session and stopped after.

Use the fixtures by importing them into a test module:
`from tests.servers import oxigraph_server, virtuoso_server  # noqa: F401`.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest

OXIGRAPH = Path(sys.executable).with_name("oxigraph")
VIRTUOSO = shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
ISQL = shutil.which("isql-vt") or "/usr/bin/isql-vt"
STARTUP_SECONDS = 120  # Virtuoso creates its database on first start: seconds on a busy machine


def free_port() -> int:
    """A TCP port nobody listens on right now (loopback)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_http(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Poll `url` until it answers with any HTTP status; fail with the server's log if not."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: "
                               f"{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers HTTP: up
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no answer from {url} in {STARTUP_SECONDS} s: {log.read_text()[-2000:]}")


def stop_process(process: subprocess.Popen[bytes] | None, kill: bool = False) -> None:
    """Stop a server process (SIGTERM, then SIGKILL after 30 s; at once when `kill`)."""
    if process is None or process.poll() is not None:
        return
    if kill:
        process.kill()
    else:
        process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def select(query_url: str, sparql: str,
           auth: tuple[str, str] | None = None) -> list[dict[str, ox.Term]]:
    """Run a SELECT on a SPARQL endpoint: one dict of pyoxigraph terms per row."""
    data = urllib.parse.urlencode({"query": sparql}).encode()
    request = urllib.request.Request(query_url, data=data, headers={
        "Accept": "application/sparql-results+xml"})
    with urllib.request.urlopen(request, timeout=120) as response:
        body = response.read()
    solutions = ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{name: row[name] for name in names if row[name] is not None} for row in solutions]


def endpoint_quads(query_url: str, prefix: str = "") -> set[str]:
    """Every quad of the endpoint's named graphs whose IRI starts with `prefix`, as N-Quads.

    Graph by graph, as N-Triples: Virtuoso's SPARQL XML results drop a literal's trailing
    white space, and its JSON results take seconds per 10k rows.
    """
    graphs = select(query_url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                    f"FILTER(STRSTARTS(STR(?g), {ox.Literal(prefix)})) }}")
    quads: set[str] = set()
    for row in graphs:
        sparql = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {row['g']} {{ ?s ?p ?o }} }}"
        data = urllib.parse.urlencode({"query": sparql}).encode()
        request = urllib.request.Request(query_url, data=data, headers={
            "Accept": "application/n-triples"})
        with urllib.request.urlopen(request, timeout=120) as response:
            body = response.read()
        quads |= {f"{t.subject} {t.predicate} {t.object} {row['g']} ."
                  for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)}
    return quads


def update(update_url: str, sparql: str) -> None:
    """Run a SPARQL update on an endpoint."""
    data = urllib.parse.urlencode({"update": sparql}).encode()
    with urllib.request.urlopen(urllib.request.Request(update_url, data=data), timeout=120):
        pass


def clear(query_url: str, update_url: str, prefix: str) -> None:
    """Drop the named graphs whose IRI starts with `prefix`."""
    graphs = select(query_url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                    f"FILTER(STRSTARTS(STR(?g), {ox.Literal(prefix)})) }}")
    if graphs:
        update(update_url, " ;\n".join(f"DROP SILENT GRAPH {row['g']}" for row in graphs))


@dataclass
class OxigraphServer:
    """`oxigraph serve` on a directory; kill() and start() again to simulate a crash."""

    location: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base}/update"

    @property
    def store_url(self) -> str:
        """The Graph Store HTTP Protocol endpoint."""
        return f"{self.base}/store"

    def start(self) -> None:
        log = self.location.with_suffix(".log")
        with log.open("ab") as out:
            self.process = subprocess.Popen(
                [str(OXIGRAPH), "serve", "--location", str(self.location),
                 "--bind", f"127.0.0.1:{self.port}"], stdout=out, stderr=subprocess.STDOUT)
        wait_for_http(f"{self.query_url}?query=ASK%7B%7D", self.process, log)

    def kill(self) -> None:
        """SIGKILL, as a crash would."""
        stop_process(self.process, kill=True)

    def stop(self) -> None:
        stop_process(self.process)

    def clear(self, prefix: str = "") -> None:
        """Remove the graphs whose IRI starts with `prefix`."""
        clear(self.query_url, self.update_url, prefix)

    def update(self, sparql: str) -> None:
        """Run a SPARQL update."""
        update(self.update_url, sparql)


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
ServerThreads = 10
CheckpointInterval = 60
; low memory: 10,000 buffers of 8 kB, ~85 MB
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = {dir}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 4
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


@dataclass
class VirtuosoServer:
    """Debian's Virtuoso 7 in a directory, SPARQL Update granted to the anonymous user."""

    directory: Path
    sql_port: int = field(default_factory=free_port)
    http_port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def sparql_url(self) -> str:
        """Query and update (anonymous, after the grant)."""
        return f"{self.base}/sparql"

    @property
    def auth_url(self) -> str:
        """Query and update with digest authentication (dba/dba)."""
        return f"{self.base}/sparql-auth"

    @property
    def gsp_url(self) -> str:
        """The Graph Store HTTP Protocol endpoint (anonymous, after the grant)."""
        return f"{self.base}/sparql-graph-crud"

    def start(self) -> None:
        ini = self.directory / "virtuoso.ini"
        ini.write_text(_VIRTUOSO_INI.format(dir=self.directory, sql_port=self.sql_port,
                                            http_port=self.http_port))
        log = self.directory / "stdout.log"
        with log.open("ab") as out:
            self.process = subprocess.Popen(
                [VIRTUOSO, "+foreground", "+configfile", str(ini)], cwd=self.directory,
                stdout=out, stderr=subprocess.STDOUT)
        wait_for_http(f"{self.sparql_url}?query=ASK%7B%7D", self.process, log)
        # Anonymous SPARQL runs as the SQL user "SPARQL", which may only read until granted.
        self.isql('GRANT SPARQL_UPDATE TO "SPARQL";')

    def isql(self, statement: str) -> str:
        """Run one SQL statement as dba; its output."""
        done = subprocess.run([ISQL, str(self.sql_port), "dba", "dba", f"exec={statement}"],
                              capture_output=True, text=True, timeout=60, check=False)
        if done.returncode != 0 or "*** Error" in done.stdout:
            raise RuntimeError(f"isql {statement!r} failed: {done.stdout}{done.stderr}")
        return done.stdout

    def stop(self) -> None:
        stop_process(self.process)

    def clear(self, prefix: str = "") -> None:
        """Remove the graphs whose IRI starts with `prefix` (the system graphs stay)."""
        clear(self.sparql_url, self.sparql_url, prefix)


@pytest.fixture(scope="session")
def oxigraph_server() -> Iterator[OxigraphServer]:
    """A real Oxigraph server for the session."""
    with tempfile.TemporaryDirectory(prefix="kg-oxigraph-") as tmp:
        server = OxigraphServer(Path(tmp) / "db")
        try:
            server.start()
            yield server
        finally:
            server.stop()


@pytest.fixture(scope="session")
def virtuoso_server() -> Iterator[VirtuosoServer]:
    """A real Virtuoso 7 for the session."""
    with tempfile.TemporaryDirectory(prefix="kg-virtuoso-") as tmp:
        server = VirtuosoServer(Path(tmp))
        try:
            server.start()
            yield server
        finally:
            server.stop()


def dump(rows: list[dict[str, ox.Term]]) -> str:
    """Rows as JSON text, for assertion messages."""
    return json.dumps([{k: str(v) for k, v in row.items()} for row in rows], indent=1)[:3000]

"""kg push over https: certificates are checked by default, a CA bundle is honoured, and
--insecure turns the check off with a warning. The peer is a real TLS server on loopback
with a self-signed certificate for 127.0.0.1."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from kg.commands import ExitCode
from kg.commands.push_command import push
from kg.store import Store
from tests.test_push_data import BASE, running_peer

# A test-only certificate and key (P-256, CN "kg test peer", for IP 127.0.0.1, valid to 2126).
CERTIFICATE = """-----BEGIN CERTIFICATE-----
MIIBlzCCATygAwIBAgIUDshpYVz6CnME0SUFZ8izDgORF+swCgYIKoZIzj0EAwIw
FzEVMBMGA1UEAwwMa2cgdGVzdCBwZWVyMCAXDTI2MTIwMjIzMjY0MloYDzIxMjYx
MTA4MjMyNjQyWjAXMRUwEwYDVQQDDAxrZyB0ZXN0IHBlZXIwWTATBgcqhkjOPQIB
BggqhkjOPQMBBwNCAAQca1+CjeQErdV9HniYAhXlEf8fFIMtjJIbMQlxiCgi48aP
bdq8e/mz3jcVYUnFG+pjYS60ILSPZZc9w6QEGy/Io2QwYjAdBgNVHQ4EFgQUVcSd
pxdzsyJ2y2J1AeEIhELUV94wHwYDVR0jBBgwFoAUVcSdpxdzsyJ2y2J1AeEIhELU
V94wDwYDVR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMC
A0kAMEYCIQCrT1L+42It4aymZ2CiksJAYVLWeacrOCJ5YnL4ewSGFAIhALIjO5Mr
DI0Ujv1kNrQgIVQmRR1WFLVcMaY9uTjVkCFd
-----END CERTIFICATE-----
"""
KEY = """-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgj0eKgMdooUc+DHYF
Bi/qY7POAgrLv0h6rELuwwxKt+2hRANCAAQca1+CjeQErdV9HniYAhXlEf8fFIMt
jJIbMQlxiCgi48aPbdq8e/mz3jcVYUnFG+pjYS60ILSPZZc9w6QEGy/I
-----END PRIVATE KEY-----
"""


@pytest.fixture
def tls_peer(tmp_path: Path) -> Iterator[tuple[Any, Path]]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.write_text(CERTIFICATE)
    key.write_text(KEY)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with running_peer((204, b""), tls=context) as server:
        yield server, cert


@pytest.fixture
def store(tmp_path: Path) -> Path:
    graph = Graph()
    graph.add((URIRef(f"{BASE}x"), URIRef(f"{BASE}p"), Literal("over TLS")))
    with Store(tmp_path / "store") as opened:
        opened.replace_graph(URIRef(f"{BASE}graph/tls"), graph)
    return tmp_path / "store"


@pytest.mark.parametrize("method", ["update", "gsp"])
def test_tls_is_verified_by_default(tls_peer: tuple[Any, Path], store: Path, method: str,
                                    tmp_path: Path) -> None:
    server, cert = tls_peer
    url = f"https://127.0.0.1:{server.server_address[1]}/endpoint"
    base = [url, "--method", method, "--store", str(store), "--retries", "0"]

    refused = CliRunner().invoke(push, [*base, "--journal", str(tmp_path / "1")])
    assert refused.exit_code == ExitCode.FAILED
    assert f"TLS check of {url} failed" in refused.stderr and "--ca-bundle" in refused.stderr
    assert server.seen == []  # nothing was sent to an unverified peer

    trusted = CliRunner().invoke(push, [*base, "--journal", str(tmp_path / "2"),
                                        "--ca-bundle", str(cert)])
    assert trusted.exit_code == 0, trusted.output
    assert len(server.seen) == 1

    insecure = CliRunner().invoke(push, [*base, "--journal", str(tmp_path / "3"), "--insecure"])
    assert insecure.exit_code == 0, insecure.output
    assert "warning: TLS certificates are not verified" in insecure.stderr
    assert len(server.seen) == 2

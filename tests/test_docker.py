"""The container's pieces that run without docker: its health check against a real server, and its
command line against the server's options (docker itself is not needed by the tests or CI)."""
from __future__ import annotations

import argparse
import json
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from transnorm.server import start
from transnorm.server.security import Security
from transnorm.server.settings import add_arguments

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"
HEALTHCHECK = ROOT / "docker" / "healthcheck.py"


def check(address: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(HEALTHCHECK), address, "--timeout", "5"],
                          capture_output=True, text=True, timeout=60)


def test_health_check_passes_while_serving_and_fails_while_draining(engine):
    running = start(engine, "127.0.0.1", 0)
    try:
        ok = check(f"127.0.0.1:{running.port}")
        assert ok.returncode == 0, ok.stderr
        running.health.enter_graceful_shutdown()
        draining = check(f"127.0.0.1:{running.port}")
        assert draining.returncode == 1 and "NOT_SERVING" in draining.stderr
    finally:
        running.stop(None)


def test_health_check_fails_when_nothing_listens():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # free once the socket closes
    result = check(f"127.0.0.1:{port}")
    assert result.returncode == 1 and "unhealthy: 127.0.0.1:" in result.stderr


def _instruction(name: str) -> str:
    """The text of the (single-line or continued) Dockerfile instruction ``name``."""
    text = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    (line,) = [ln for ln in text.splitlines() if ln.startswith(name + " ")]
    return line[len(name) + 1:]


def test_the_image_command_is_a_valid_server_command_line():
    cmd = json.loads(_instruction("CMD"))
    assert cmd[:3] == ["python", "-m", "transnorm.server"]
    parser = argparse.ArgumentParser(exit_on_error=False)
    add_arguments(parser)
    args = parser.parse_args(cmd[3:])
    assert args.host == "0.0.0.0" and args.port == 50051 and args.metrics_port == 9100
    # The command passes the server's own check for plaintext beyond loopback (it says --insecure:
    # TLS is the operator's to add, with certificates the image does not hold).
    security, _ = Security.from_options(args.tls_cert, args.tls_key, args.tls_client_ca, args.auth_token_file,
                                        args.auth_all, args.insecure)
    security.check_bind(args.host)
    exposed = {int(p) for p in _instruction("EXPOSE").split()}
    assert {args.port, args.metrics_port} <= exposed
    health = _instruction("HEALTHCHECK")
    probe = json.loads(re.search(r"CMD (\[.*\])", health).group(1))
    assert probe[-1] == f"127.0.0.1:{args.port}"
    assert f"COPY docker/healthcheck.py {probe[1]}" in DOCKERFILE.read_text(encoding="utf-8")
    assert re.search(r"^USER (?!0\b|root\b)", DOCKERFILE.read_text(encoding="utf-8"), re.M)


@pytest.mark.parametrize("path", ["server", "client", "glossary", "docker/healthcheck.py"])
def test_what_the_image_copies_is_not_ignored(path):
    ignored = [ln.strip() for ln in (ROOT / ".dockerignore").read_text().splitlines()
               if ln.strip() and not ln.startswith("#")]
    assert path.split("/")[0] not in ignored and path not in ignored

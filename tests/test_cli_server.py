"""`fix` and `check` give identical results in-process and through a real server (--server)."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys

import pytest

from conftest import SEEDS


@pytest.fixture(scope="module")
def server():
    proc = subprocess.Popen([sys.executable, "-m", "transnorm.cli", "serve", "--host", "127.0.0.1", "--port", "0"],
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        m = re.search(r"serving on (\S+):(\d+)", line)
        assert m, f"server did not start: {line!r}"
        yield f"127.0.0.1:{m.group(2)}"
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
        proc.stderr.close()


def cli(*args: str, env_server: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "TRANSNORM_SERVER"}
    if env_server:
        env["TRANSNORM_SERVER"] = env_server
    return subprocess.run([sys.executable, "-m", "transnorm.cli", *args], capture_output=True, text=True, env=env)


@pytest.mark.parametrize("command", ["fix", "check"])
def test_local_and_remote_results_are_identical_on_the_seeds(server, command):
    files = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    local = cli(command, "--format", "json", *files)
    remote = cli(command, "--format", "json", "--server", server, *files)
    via_env = cli(command, "--format", "json", *files, env_server=server)
    assert local.returncode == remote.returncode == via_env.returncode, (local.stderr, remote.stderr)
    a, b, c = json.loads(local.stdout), json.loads(remote.stdout), json.loads(via_env.stdout)
    assert a == b == c
    assert sum(len(d["applied"]) + len(d["unapplied"]) for d in a) > 10
    if command == "fix":
        # A few EXPECTED.md repairs, seen through the CLI on both paths (the rest: test_seeds_*).
        out000, out003 = b[0]["output"], b[1]["output"]
        for fixed in ("President Bashar al-Assad.", "Shoigu discussed with Assad questions", "Su-35S fighters",
                      "the civil war in Syria were discussed", "changes in Syria,” said Shoigu.",
                      "Vladimir Putin — it was"):
            assert fixed in out000, fixed
        assert not out000.rstrip().endswith(";")  # the empty Tags line is gone
        for fixed in ("Sergei Shoigu", "Russia's Khmeimim", "Syria's coastal", "Ministry's spokesman",
                      "let's do so", "\nRussian air force pilots walk"):
            assert fixed in out003, fixed
        assert "[caption" not in out003 and "[/caption]" not in out003


def test_remote_errors_are_clear(server):
    r = cli("fix", "--server", server, "--rule", "no.such.rule", "-")
    assert r.returncode == 2 and "INVALID_ARGUMENT" in r.stderr and "no.such.rule" in r.stderr
    r = cli("fix", "--server", "127.0.0.1:1", "-")
    assert r.returncode == 2 and "UNAVAILABLE" in r.stderr and "Traceback" not in r.stderr

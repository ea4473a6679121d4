"""`fix` and `check` give identical results in-process and through a real server (--server); the
client side of TLS, mutual TLS and tokens; `transnorm admin reload`."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys

import pytest

import pki
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


# -- TLS, tokens and admin reload --------------------------------------------------------------------
TOKEN = "cli-token-0123456789abcdef"
GLOSSARY = ('version: "c1"\nentries:\n'
            '  - id: khmeimim\n    kind: place\n    canonical: Khmeimim\n    variants: [Hmeymim]\n')


@pytest.fixture(scope="module")
def secure(tmp_path_factory):
    """A server that wants mutual TLS and a token for every call, and the files a client needs."""
    folder = tmp_path_factory.mktemp("secure")
    certs = pki.make(folder / "pki")
    tokens, glossary = folder / "tokens", folder / "live.yaml"
    tokens.write_text(TOKEN + "\n", encoding="utf-8")
    tokens.chmod(0o600)
    glossary.write_text(GLOSSARY, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "transnorm.cli", "serve", "--port", "0", "--glossary", str(glossary),
                             "--tls-cert", str(certs.server_cert), "--tls-key", str(certs.server_key),
                             "--tls-client-ca", str(certs.ca), "--auth-token-file", str(tokens), "--auth-all"],
                            stderr=subprocess.PIPE, text=True)
    try:
        seen = []
        for line in proc.stderr:
            seen.append(line)
            m = re.search(r"serving on 127\.0\.0\.1:(\d+)", line)
            if m:
                break
        assert m, f"server did not start: {seen}"
        yield {"server": f"127.0.0.1:{m.group(1)}", "certs": certs, "tokens": tokens, "glossary": glossary}
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
        log = proc.stderr.read()
        proc.stderr.close()
    # Refused handshakes and calls were logged in the server's own format, never with the token.
    assert "refused a call to" in log and TOKEN not in log
    assert "ssl_transport_security" not in log  # grpc's C-core notices stay out of the log


def run(*args: str, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TRANSNORM_")}
    return subprocess.run([sys.executable, "-m", "transnorm.cli", *args], input=stdin, capture_output=True,
                          text=True, env={**clean, **(env or {})}, timeout=120)


def tls_args(secure, token: bool = True, cert: bool = True) -> list[str]:
    certs = secure["certs"]
    args = ["--server", secure["server"], "--tls-ca", str(certs.ca)]
    if cert:
        args += ["--tls-cert", str(certs.client_cert), "--tls-key", str(certs.client_key)]
    return args + (["--token-file", str(secure["tokens"])] if token else [])


def test_fix_over_mutual_tls_with_a_token(secure):
    r = run("fix", *tls_args(secure), "-", stdin="Jets left Hmeymim.")
    assert (r.returncode, r.stdout) == (0, "Jets left Khmeimim."), r.stderr
    certs = secure["certs"]
    r = run("lookup", "Hmeymim", *tls_args(secure))
    assert r.returncode == 0 and "Khmeimim" in r.stdout, r.stderr
    env = {"TRANSNORM_SERVER": secure["server"], "TRANSNORM_TLS_CA": str(certs.ca),
           "TRANSNORM_TLS_CERT": str(certs.client_cert), "TRANSNORM_TLS_KEY": str(certs.client_key),
           "TRANSNORM_TOKEN_FILE": str(secure["tokens"])}
    r = run("check", "-", stdin="Jets left Hmeymim.", env=env)
    assert r.returncode == 1 and "name.variant" in r.stdout, r.stderr


@pytest.mark.parametrize("case, needle", [
    ("no token", "UNAUTHENTICATED"),
    ("no client certificate", "UNAVAILABLE"),
    ("plaintext", "UNAVAILABLE"),
    ("missing CA file", "cannot read: No such file or directory"),
    ("certificate without key", "needs its key"),
    ("TLS options without a server", "apply only to a server"),
])
def test_connection_problems_are_clear_messages(secure, case, needle):
    args = {
        "no token": tls_args(secure, token=False),
        "no client certificate": tls_args(secure, cert=False),
        "plaintext": ["--server", secure["server"], "--token-file", str(secure["tokens"])],
        "missing CA file": ["--server", secure["server"], "--tls-ca", str(secure["tokens"]) + ".missing"],
        "certificate without key": ["--server", secure["server"], "--tls-cert", str(secure["certs"].client_cert)],
        "TLS options without a server": ["--tls-ca", str(secure["certs"].ca)],
    }[case]
    r = run("fix", *args, "-", stdin="Jets left Hmeymim.")
    assert r.returncode == 2 and needle in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert TOKEN not in r.stderr and "ssl_transport_security" not in r.stderr  # no grpc C-core notices
    hint = {"no token": "--token-file", "no client certificate": "want a client certificate",
            "plaintext": "give --tls-ca"}
    assert hint.get(case, "") in r.stderr


def test_admin_reload_prints_old_and_new_versions_and_refuses_a_bad_glossary(secure):
    glossary = secure["glossary"]
    glossary.write_text(GLOSSARY.replace('"c1"', '"c2"'), encoding="utf-8")
    r = run("admin", "reload", *tls_args(secure))
    assert r.returncode == 0, r.stderr
    assert re.fullmatch(r"c1#\w+ -> c2#\w+ \(1 worker\)\n", r.stdout), r.stdout
    glossary.write_text('version: "c3"\nentries: [{id: x, kind: planet, canonical: Xa}]\n', encoding="utf-8")
    r = run("admin", "reload", *tls_args(secure))
    assert r.returncode == 1 and "FAILED_PRECONDITION" in r.stderr and "still serving c2#" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    r = run("fix", *tls_args(secure), "-", "--format", "json", stdin="Hmeymim")
    assert json.loads(r.stdout)["glossary_version"].startswith("c2#")  # the old glossary serves on
    r = run("admin", "reload", *tls_args(secure, token=False))
    assert r.returncode == 2 and "UNAUTHENTICATED" in r.stderr
    r = run("admin", "reload")
    assert r.returncode == 2 and "needs --server" in r.stderr

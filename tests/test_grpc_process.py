"""``python -m transnorm.server`` as a real process: start-up, workers, SIGTERM drain, exit codes,
reloads, and the security options."""
from __future__ import annotations

import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from transnorm.engine import Engine
from transnorm.server import SERVICE_NAME
from transnorm.v1 import normalizer_pb2 as pb
from transnorm.v1 import normalizer_pb2_grpc as pb_grpc

GLOSSARY = """\
version: "p1"
entries:
  - id: sergei-shoigu
    kind: person
    canonical: Sergei Shoigu
    variants: [Sergey Shoigu]
  - id: khmeimim
    kind: place
    canonical: Khmeimim
    variants: [Hmeymim]
"""
# Long enough that each call keeps a worker busy for a while, so calls are still running when the
# signal arrives; the names are sparse so the work grows with the length, not with the findings.
DOCUMENT = ("The minister said on Tuesday that the talks in Geneva would resume next week after a pause. " * 9
            + "Sergey Shoigu arrived at Hmeymim. ") * 40
STARTUP = 180  # seconds; generous for a loaded machine, only a bound on failure
RELOAD = 60  # seconds for a reload to be reported


@pytest.fixture(scope="module")
def glossary(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("glossary") / "procs.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


class Server:
    """A server process whose stderr is read line by line on a thread."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "transnorm.server", *args],
                                     stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stderr:
            self.lines.put(line)
        self.lines.put("")

    def wait_for(self, pattern: str, timeout: float = STARTUP) -> re.Match:
        while True:
            try:
                line = self.lines.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(f"no line matching {pattern!r} within {timeout} s: {''.join(self.seen)}") from None
            self.seen.append(line)
            if not line:
                raise AssertionError(f"the server exited before printing {pattern!r}: {''.join(self.seen)}")
            m = re.search(pattern, line)
            if m:
                return m

    def output(self) -> str:
        self.proc.wait(timeout=STARTUP)
        while True:
            line = self.lines.get(timeout=STARTUP)
            if not line:
                return "".join(self.seen)
            self.seen.append(line)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture()
def launch():
    started: list[Server] = []

    def run(*args: str) -> Server:
        started.append(Server(*args))
        return started[-1]

    yield run
    for s in started:
        s.kill()


def channel(port: int) -> grpc.Channel:
    # A private subchannel pool gives every channel its own connection, so the calls spread over
    # the workers instead of sharing one socket.
    return grpc.insecure_channel(f"127.0.0.1:{port}", options=[("grpc.use_local_subchannel_pool", 1)])


def test_sigterm_drains_calls_in_flight_across_workers(launch, glossary):
    server = launch("--port", "0", "--workers", "2", "--glossary", str(glossary), "--grace", "120")
    m = server.wait_for(r"^transnorm: serving on 127\.0\.0\.1:(\d+) \(2 workers\)$")
    port = int(m.group(1))
    expected = Engine.from_paths([glossary]).normalize(DOCUMENT).output
    channels = [channel(port) for _ in range(3)]
    try:
        watch = health_pb2_grpc.HealthStub(channels[0]).Watch(health_pb2.HealthCheckRequest(service=SERVICE_NAME))
        assert next(watch).status == health_pb2.HealthCheckResponse.SERVING
        calls = []
        for ch in channels:
            stub = pb_grpc.NormalizerServiceStub(ch)
            calls += [stub.Normalize.future(pb.NormalizeRequest(text=DOCUMENT), timeout=STARTUP) for _ in range(2)]
        # Each connection delivers its calls in order: once this later call is answered, the
        # server has taken the long ones above it on the same connection.
        for ch in channels:
            pb_grpc.NormalizerServiceStub(ch).GetGlossaryInfo(pb.GetGlossaryInfoRequest(), timeout=STARTUP)
        server.proc.send_signal(signal.SIGTERM)
        assert next(watch).status == health_pb2.HealthCheckResponse.NOT_SERVING
        watch.cancel()
        for call in calls:
            assert call.result().result.output == expected
        assert server.proc.wait(timeout=STARTUP) == 0
    finally:
        for ch in channels:
            ch.close()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_one_worker_stops_cleanly(launch, glossary, sig):
    server = launch("--port", "0", "--glossary", str(glossary))
    port = int(server.wait_for(r"serving on 127\.0\.0\.1:(\d+) \(1 worker\)").group(1))
    with channel(port) as ch:
        reply = pb_grpc.NormalizerServiceStub(ch).Normalize(pb.NormalizeRequest(text="Hmeymim"), timeout=STARTUP)
    assert reply.result.output == "Khmeimim"
    server.proc.send_signal(sig)
    assert server.proc.wait(timeout=STARTUP) == 0


def test_json_log_lines_say_where_the_server_listens(launch, glossary):
    server = launch("--port", "0", "--workers", "2", "--glossary", str(glossary), "--log-format", "json")
    line = json.loads(server.wait_for(r'^\{.*"event": "serving".*\}$').group(0))
    assert (line["host"], line["workers"], line["level"]) == ("127.0.0.1", 2, "info")
    with channel(line["port"]) as ch:
        reply = pb_grpc.NormalizerServiceStub(ch).Normalize(pb.NormalizeRequest(text="Hmeymim"), timeout=STARTUP)
    assert reply.result.output == "Khmeimim"
    server.proc.send_signal(signal.SIGTERM)
    assert server.proc.wait(timeout=STARTUP) == 0


def test_a_bad_glossary_stops_start_up_with_a_clear_message(launch, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text('version: "1"\nentries:\n  - id: x\n    kind: planet\n    canonical: X\n', encoding="utf-8")
    server = launch("--port", "0", "--glossary", str(bad))
    out = server.output()
    assert server.proc.returncode == 2
    assert "bad.yaml" in out and "kind" in out and "Traceback" not in out


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_port_in_use_is_reported(launch, glossary, workers):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        server = launch("--port", str(taken.getsockname()[1]), "--workers", workers, "--glossary", str(glossary))
        out = server.output()
    assert server.proc.returncode == 1
    assert "cannot listen on 127.0.0.1:" in out and "Traceback" not in out


@pytest.mark.parametrize("flag, value", [("--workers", "0"), ("--max-text", "0")])
def test_bad_numbers_are_refused(launch, glossary, flag, value):
    server = launch("--port", "0", "--glossary", str(glossary), flag, value)
    out = server.output()
    assert server.proc.returncode == 2 and f"{flag} must be at least 1" in out


def _children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")  # a zombie has exited; whoever adopted it reaps it


def _two_workers(launch, glossary):
    """A server started with two worker processes, and their pids."""
    server = launch("--port", "0", "--workers", "2", "--glossary", str(glossary))
    server.wait_for(r"serving on .* \(2 workers\)")
    workers = _children(server.proc.pid)
    assert len(workers) == 2
    return server, workers


def _wait_gone(pids: list[int]) -> list[int]:
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline and not all(_gone(p) for p in pids):
        time.sleep(0.2)
    return [p for p in pids if not _gone(p)]


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the process tree from /proc")
def test_a_dead_worker_stops_the_server(launch, glossary):
    server, workers = _two_workers(launch, glossary)
    os.kill(workers[0], signal.SIGKILL)
    out = server.output()
    assert server.proc.returncode == 1 and f"worker {workers[0]} exited" in out, out
    assert _wait_gone(workers) == []


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the process tree from /proc")
def test_workers_do_not_outlive_a_killed_parent(launch, glossary):
    server, workers = _two_workers(launch, glossary)
    server.proc.kill()
    server.proc.wait()
    leftover = _wait_gone(workers)
    for pid in leftover:  # do not leave them running if the test fails
        os.kill(pid, signal.SIGKILL)
    assert leftover == []


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sighup_reloads_the_glossary_under_load_and_refuses_a_bad_one(launch, tmp_path, workers):
    path = tmp_path / "live.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    server = launch("--port", "0", "--workers", workers, "--glossary", str(path))
    port = int(server.wait_for(r"serving on 127\.0\.0\.1:(\d+)").group(1))
    failures, versions, halt = [], set(), threading.Event()

    def load() -> None:
        with channel(port) as ch:
            stub = pb_grpc.NormalizerServiceStub(ch)
            while not halt.is_set():
                try:
                    reply = stub.Normalize(pb.NormalizeRequest(text="Sergey Shoigu at Hmeymim"), timeout=STARTUP)
                    versions.add(reply.result.glossary_version.split("#")[0])
                except grpc.RpcError as e:
                    failures.append(e.code())

    threads = [threading.Thread(target=load) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        time.sleep(0.5)
        path.write_text(GLOSSARY.replace('version: "p1"', 'version: "p2"').replace("[Hmeymim]", "[Hmeymim, Hmeimim]"),
                        encoding="utf-8")
        server.proc.send_signal(signal.SIGHUP)
        for _ in range(int(workers)):
            server.wait_for(r"reloaded the glossary: p1#\w+ -> p2#\w+", RELOAD)
        with channel(port) as ch:
            reply = pb_grpc.NormalizerServiceStub(ch).Normalize(pb.NormalizeRequest(text="Hmeimim"), timeout=STARTUP)
        assert reply.result.output == "Khmeimim" and reply.result.glossary_version.startswith("p2#")
        path.write_text('version: "p3"\nentries:\n  - id: x\n    kind: planet\n    canonical: Xa\n', encoding="utf-8")
        server.proc.send_signal(signal.SIGHUP)
        for _ in range(int(workers)):
            server.wait_for(r"reload refused, still serving glossary p2#\w+: .*kind", RELOAD)
        time.sleep(0.3)
    finally:
        halt.set()
        for t in threads:
            t.join()
    assert failures == []
    assert versions == {"p1", "p2"}  # every result says which glossary answered it
    server.proc.send_signal(signal.SIGTERM)
    assert server.proc.wait(timeout=STARTUP) == 0


# -- security and the admin RPC, as a real process ---------------------------------------------------
TOKEN = "reload-token-0123456789abcdef"
# Even versions know Sergei Shoigu, odd ones do not: a result's output shows which glossary made it.
PLACE = '  - id: khmeimim\n    kind: place\n    canonical: Khmeimim\n    variants: [Hmeymim]\n'
PERSON = '  - id: sergei-shoigu\n    kind: person\n    canonical: Sergei Shoigu\n    variants: [Sergey Shoigu]\n'
PROBE = "Sergey Shoigu visited Hmeymim."
BAD_GLOSSARIES = (
    'version: "bad"\nentries:\n  - id: x\n    kind: planet\n    canonical: Xa\n',  # not a kind
    'version: [\n',  # not YAML
    None,  # the file is gone
)


def versioned(n: int) -> str:
    return f'version: "r{n}"\nentries:\n' + PLACE + (PERSON if n % 2 == 0 else "")


def expected_output(version: str) -> str:
    n = int(version.split("#")[0][1:])
    return "Sergei Shoigu visited Khmeimim." if n % 2 == 0 else "Sergey Shoigu visited Khmeimim."


def replace_file(path: Path, text: str | None) -> None:
    """Swap the file's content in one rename, as an operator's deploy should (None removes it)."""
    if text is None:
        path.unlink()
        return
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def auth(token: str = TOKEN) -> tuple[tuple[str, str]]:
    return (("authorization", f"Bearer {token}"),)


@pytest.fixture()
def token_file(tmp_path) -> Path:
    path = tmp_path / "tokens"
    path.write_text(TOKEN + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path


def test_admin_reloads_reach_every_worker_under_load_and_bad_glossaries_change_nothing(launch, tmp_path,
                                                                                       token_file):
    """Reloads through the admin RPC while clients call without pause: no call fails, each reload
    answers for both workers, a bad glossary is refused and the last good one serves on, and every
    result's output is the one the glossary version it names gives. 50 reloads, a third of them
    bad (TRANSNORM_RELOADS sets another number)."""
    from transnorm.v1 import admin_pb2, admin_pb2_grpc

    reloads = int(os.environ.get("TRANSNORM_RELOADS", "50"))
    path = tmp_path / "live.yaml"
    replace_file(path, versioned(0))
    server = launch("--port", "0", "--workers", "2", "--glossary", str(path), "--auth-token-file", str(token_file),
                    "--auth-all")
    port = int(server.wait_for(r"serving on 127\.0\.0\.1:(\d+) \(2 workers\)").group(1))
    failures, results, halt = [], [], threading.Event()

    def load() -> None:
        with channel(port) as ch:
            stub = pb_grpc.NormalizerServiceStub(ch)
            while not halt.is_set():
                try:
                    reply = stub.Normalize(pb.NormalizeRequest(text=PROBE), timeout=STARTUP, metadata=auth())
                    results.append((reply.result.glossary_version, reply.result.output))
                except grpc.RpcError as e:
                    failures.append((e.code(), e.details()))

    threads = [threading.Thread(target=load) for _ in range(3)]
    for t in threads:
        t.start()
    served, refused = {"r0"}, 0
    try:
        with channel(port) as ch:
            admin = admin_pb2_grpc.AdminServiceStub(ch)
            current = None
            for i in range(1, reloads + 1):
                bad = i % 3 == 0
                replace_file(path, BAD_GLOSSARIES[(i // 3) % len(BAD_GLOSSARIES)] if bad else versioned(i))
                if bad:
                    with pytest.raises(grpc.RpcError) as info:
                        admin.ReloadGlossary(admin_pb2.ReloadGlossaryRequest(), timeout=STARTUP, metadata=auth())
                    assert info.value.code() == grpc.StatusCode.FAILED_PRECONDITION, info.value.details()
                    assert f"still serving {current}" in info.value.details() and "live.yaml" in info.value.details()
                    refused += 1
                else:
                    reply = admin.ReloadGlossary(admin_pb2.ReloadGlossaryRequest(), timeout=STARTUP, metadata=auth())
                    assert reply.workers == 2 and reply.new_version.startswith(f"r{i}#")
                    assert current is None or reply.old_version == current
                    current = reply.new_version
                    served.add(f"r{i}")
                # Both workers serve the glossary the last good reload installed.
                for _ in range(4):
                    with channel(port) as fresh:
                        reply = pb_grpc.NormalizerServiceStub(fresh).Normalize(
                            pb.NormalizeRequest(text=PROBE), timeout=STARTUP, metadata=auth())
                    assert reply.result.glossary_version == current
    finally:
        halt.set()
        for t in threads:
            t.join()
    assert failures == []
    assert refused == reloads // 3 and len(results) > reloads
    assert {v.split("#")[0] for v, _ in results} <= served
    wrong = [(v, out) for v, out in results if out != expected_output(v)]
    assert wrong == []  # every result was made by the glossary its version names
    server.proc.send_signal(signal.SIGTERM)
    assert server.proc.wait(timeout=STARTUP) == 0
    assert TOKEN not in server.output()


def test_plaintext_beyond_loopback_stops_start_up_unless_insecure(launch, glossary):
    server = launch("--host", "0.0.0.0", "--port", "0", "--glossary", str(glossary))
    out = server.output()
    assert server.proc.returncode == 2 and "refusing to listen on 0.0.0.0 without TLS" in out and "--insecure" in out
    assert "Traceback" not in out
    server = launch("--host", "0.0.0.0", "--port", "0", "--glossary", str(glossary), "--insecure")
    port = int(server.wait_for(r"serving on 0\.0\.0\.0:(\d+) \(1 worker\)").group(1))
    with channel(port) as ch:  # called over loopback only
        reply = pb_grpc.NormalizerServiceStub(ch).Normalize(pb.NormalizeRequest(text="Hmeymim"), timeout=STARTUP)
    assert reply.result.output == "Khmeimim"
    server.proc.send_signal(signal.SIGTERM)
    assert server.proc.wait(timeout=STARTUP) == 0


@pytest.mark.parametrize("args, needle", [
    (["--tls-cert", "{tokens}"], "--tls-cert needs --tls-key"),
    (["--tls-cert", "{tokens}", "--tls-key", "{tokens}"], "not a PEM certificate"),
    (["--tls-cert", "{missing}", "--tls-key", "{tokens}"], "cannot read: No such file or directory"),
    (["--auth-token-file", "{empty}"], "holds no token"),
    (["--auth-all"], "--auth-all needs --auth-token-file"),
])
def test_unusable_security_options_stop_start_up_with_exit_code_2(launch, tmp_path, token_file, args, needle):
    (tmp_path / "empty").write_text("\n", encoding="utf-8")
    files = {"tokens": token_file, "missing": tmp_path / "missing.pem", "empty": tmp_path / "empty"}
    server = launch("--port", "0", *[a.format(**files) for a in args])
    out = server.output()
    assert server.proc.returncode == 2 and needle in out and "Traceback" not in out, out
    assert TOKEN not in out

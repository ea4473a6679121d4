"""Prometheus metrics: calls, latency, findings and edits per rule, glossary version and calls in
flight, scraped over HTTP from a server in this process and from a 2-worker server process."""
from __future__ import annotations

import re
import signal
import socket
import threading
import time
import urllib.request
from pathlib import Path

import grpc
import pytest
from prometheus_client.parser import text_string_to_metric_families

from transnorm.client import Client, TransnormError
from transnorm.engine import Engine, Options
from transnorm.server import start
from transnorm.server.app import Reload
from transnorm.server.metrics import BUCKETS, exporting
from transnorm.v1 import normalizer_pb2 as pb
from transnorm.v1 import normalizer_pb2_grpc as pb_grpc

from test_grpc_process import GLOSSARY, STARTUP, channel, launch  # noqa: F401 (a fixture)

TEXT = "Sergey Shoigu arrived at Hmeymim on Tuesday."


def scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample on the endpoint: (name, sorted labels) -> value."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=30) as reply:
        assert reply.status == 200
        text = reply.read().decode("utf-8")
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def value(samples: dict, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def by_label(samples: dict, name: str, label: str) -> dict[str, float]:
    return {dict(k[1])[label]: v for k, v in samples.items() if k[0] == name}


@pytest.fixture()
def glossary_path(tmp_path) -> Path:
    path = tmp_path / "metrics.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return path


class _Gated:
    """An engine whose Normalize waits for ``gate`` when the text asks it to, so a call can be
    held in flight while the test scrapes."""

    def __init__(self, engine: Engine) -> None:
        self._engine, self.gate, self.entered = engine, threading.Event(), threading.Event()

    def __getattr__(self, name):
        return getattr(self._engine, name)

    def normalize(self, text, options=Options(), deadline=None, apply=True):
        if text.startswith("wait"):
            self.entered.set()
            self.gate.wait(60)
        return self._engine.normalize(text, options, deadline, apply)


def test_calls_latency_rules_version_and_in_flight_are_scraped(glossary_path):
    engine = Engine.from_paths([glossary_path])
    gated = _Gated(engine)
    with exporting("127.0.0.1", 0) as exporter:
        running = start(gated, "127.0.0.1", 0, metrics=exporter.metrics())  # type: ignore[arg-type]
        try:
            with Client(f"127.0.0.1:{running.port}", retries=0, timeout=60) as client:
                results = [client.normalize(TEXT), client.normalize("Hmeymim and Sergey Shoigu."), client.check(TEXT)]
                batch = client.normalize_batch([TEXT, ""])
                with pytest.raises(TransnormError) as failed:
                    client.normalize("")
                assert failed.value.code == grpc.StatusCode.INVALID_ARGUMENT
                client.lookup("Khmeymim")

                results.append(batch[0])
                assert isinstance(batch[1], TransnormError)  # a document error; the call is OK
                applied: dict[str, int] = {}
                found: dict[str, int] = {}
                for r in results:
                    for f in r.applied:
                        applied[f.rule_id] = applied.get(f.rule_id, 0) + 1
                    for f in r.applied + r.unapplied:
                        found[f.rule_id] = found.get(f.rule_id, 0) + 1
                assert applied.get("name.variant", 0) >= 4  # the text has edits to count

                s = scrape(exporter.port)
                calls = {(dict(k[1])["method"], dict(k[1])["code"]): v for k, v in s.items()
                         if k[0] == "transnorm_rpc_calls_total"}
                assert calls == {("Normalize", "OK"): 2, ("Normalize", "INVALID_ARGUMENT"): 1, ("Check", "OK"): 1,
                                 ("NormalizeBatch", "OK"): 1, ("LookupTerm", "OK"): 1}
                assert by_label(s, "transnorm_rpc_duration_seconds_count", "method") == {
                    "Normalize": 3, "Check": 1, "NormalizeBatch": 1, "LookupTerm": 1}
                assert value(s, "transnorm_rpc_duration_seconds_bucket", method="Normalize", le="+Inf") == 3
                assert value(s, "transnorm_rpc_duration_seconds_bucket", method="Normalize",
                             le=str(BUCKETS[-1])) == 3
                assert value(s, "transnorm_rpc_duration_seconds_sum", method="Normalize") > 0
                assert by_label(s, "transnorm_findings_total", "rule") == found
                assert by_label(s, "transnorm_edits_total", "rule") == applied
                assert by_label(s, "transnorm_glossary_info", "version") == {engine.glossary.version: 1}
                assert value(s, "transnorm_rpc_in_flight") == 0
                assert value(s, "process_resident_memory_bytes") > 0

                # A call held inside the engine is in flight until it returns.
                held = threading.Thread(target=client.normalize, args=("wait: Hmeymim",))
                held.start()
                assert gated.entered.wait(30)
                assert value(scrape(exporter.port), "transnorm_rpc_in_flight") == 1
                gated.gate.set()
                held.join(60)
                s = scrape(exporter.port)
                assert value(s, "transnorm_rpc_in_flight") == 0
                assert value(s, "transnorm_rpc_calls_total", method="Normalize", code="OK") == 3

                # A reload (what SIGHUP runs) changes the version served.
                glossary_path.write_text(GLOSSARY.replace('version: "p1"', 'version: "p2"'), encoding="utf-8")
                outcome = Reload([glossary_path], engine.max_text).apply(running.servicer)
                assert outcome.error == "" and outcome.new_version.startswith("p2#")
                new = running.servicer.engine.glossary.version
                assert new.startswith("p2#") and client.normalize(TEXT).glossary_version == new
                versions = by_label(scrape(exporter.port), "transnorm_glossary_info", "version")
                assert versions == {engine.glossary.version: 0, new: 1}
        finally:
            gated.gate.set()
            running.stop(None)


def test_no_metrics_without_a_port():
    with exporting("127.0.0.1", None) as exporter:
        assert exporter is None


def test_a_taken_metrics_port_is_an_error_naming_it():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(OSError, match=rf"cannot serve metrics on 127\.0\.0\.1:{port}"):
            with exporting("127.0.0.1", port):
                pass


def _worker_connections(pid: int, port: int) -> int:
    """Established TCP connections on local ``port`` whose sockets process ``pid`` holds."""
    inodes = set()
    for table in ("tcp", "tcp6"):
        for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "01":
                inodes.add(fields[9])
    held = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = fd.readlink().as_posix()
        except OSError:
            continue
        held += target.startswith("socket:[") and target[8:-1] in inodes
    return held


def _children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads sockets and the process tree from /proc")
def test_two_workers_counts_sum_over_workers(launch, glossary_path):  # noqa: F811 (launch is a fixture)
    server = launch("--port", "0", "--workers", "2", "--glossary", str(glossary_path), "--metrics-port", "0")
    metrics_port = int(server.wait_for(r"^transnorm: metrics on http://127\.0\.0\.1:(\d+)/metrics$").group(1))
    port = int(server.wait_for(r"serving on 127\.0\.0\.1:(\d+) \(2 workers\)").group(1))
    workers = _children(server.proc.pid)
    assert len(workers) == 2
    channels: list[grpc.Channel] = []
    try:
        # One connection per channel; the kernel spreads connections over the workers. Open
        # channels until each worker holds one, then call on every channel.
        while len(channels) < 64 and not all(_worker_connections(w, port) for w in workers):
            channels.append(channel(port))
            pb_grpc.NormalizerServiceStub(channels[-1]).Normalize(pb.NormalizeRequest(text=TEXT), timeout=STARTUP)
        assert all(_worker_connections(w, port) for w in workers), "the calls never reached both workers"
        sent = len(channels)
        for ch in channels:
            for _ in range(3):
                pb_grpc.NormalizerServiceStub(ch).Normalize(pb.NormalizeRequest(text=TEXT), timeout=STARTUP)
            with pytest.raises(grpc.RpcError):
                pb_grpc.NormalizerServiceStub(ch).Normalize(pb.NormalizeRequest(text=""), timeout=STARTUP)
        sent += 3 * len(channels)
        s = scrape(metrics_port)
        assert value(s, "transnorm_rpc_calls_total", method="Normalize", code="OK") == sent
        assert value(s, "transnorm_rpc_calls_total", method="Normalize", code="INVALID_ARGUMENT") == len(channels)
        assert value(s, "transnorm_rpc_duration_seconds_count", method="Normalize") == sent + len(channels)
        # "Sergey Shoigu" and "Hmeymim": two edits a call.
        assert value(s, "transnorm_edits_total", rule="name.variant") == 2 * sent
        assert value(s, "transnorm_rpc_in_flight") == 0
        old = next(v for v, n in by_label(s, "transnorm_glossary_info", "version").items() if n == 1)
        assert old.startswith("p1#")

        # The metrics live in a private directory of memory-mapped files, one set per worker.
        maps = Path(f"/proc/{workers[0]}/maps").read_text()
        directory = Path(re.search(r"(/\S*transnorm-metrics-[^/\s]+)/", maps).group(1))
        assert directory.is_dir()

        glossary_path.write_text(GLOSSARY.replace('version: "p1"', 'version: "p2"'), encoding="utf-8")
        server.proc.send_signal(signal.SIGHUP)
        for _ in workers:
            server.wait_for(r"reloaded the glossary: p1#\w+ -> p2#\w+", 60)
        versions = by_label(scrape(metrics_port), "transnorm_glossary_info", "version")
        (new,) = [v for v, n in versions.items() if n == 1]
        assert new.startswith("p2#") and versions[old] == 0
    finally:
        for ch in channels:
            ch.close()
    server.proc.send_signal(signal.SIGTERM)
    assert server.proc.wait(timeout=STARTUP) == 0
    assert not directory.exists()  # removed on the way out


@pytest.mark.parametrize("port", ["-1", "65536"])
def test_a_bad_metrics_port_is_refused(launch, glossary_path, port):  # noqa: F811
    server = launch("--port", "0", "--glossary", str(glossary_path), "--metrics-port", port)
    out = server.output()
    assert server.proc.returncode == 2
    assert f"--metrics-port must be a port number from 0 to 65535, not {port}" in out and "Traceback" not in out


def test_metrics_host_overrides_the_server_host(launch, glossary_path):  # noqa: F811
    server = launch("--host", "localhost", "--port", "0", "--glossary", str(glossary_path), "--metrics-port", "0",
                    "--metrics-host", "127.0.0.1")
    metrics_port = int(server.wait_for(r"metrics on http://127\.0\.0\.1:(\d+)/metrics").group(1))
    server.wait_for(r"serving on localhost:\d+ \(1 worker\)")
    assert value(scrape(metrics_port), "transnorm_rpc_in_flight") == 0
    server.proc.send_signal(signal.SIGTERM)
    assert server.proc.wait(timeout=STARTUP) == 0

"""Drain under load, as an operator stops a server: SIGTERM to ``python -m transnorm.server`` with
health watchers, health pollers and Normalize calls running, many times in a row.

    python bench/bench_drain.py [--runs 20] [--workers 2] [--watchers 6] [--grace 10]

Each run starts a server on a free loopback port, opens ``--watchers`` health ``Watch`` streams,
two threads polling ``Check`` and three sending ``Normalize`` calls (one document each, on three
connections, so the calls spread over the workers), waits until every watcher has seen SERVING
and calls are being answered, then sends SIGTERM. It prints, per run, the exit code, how long the
process took to exit, whether every watcher saw NOT_SERVING, and the accepted calls that failed:
a call sent half a second or more before the signal has reached the server and must be answered;
one sent about the time of the signal may be refused. The last line says in how many runs the
server exited 0 with no accepted call failed.
"""
from __future__ import annotations

import argparse
import re
import signal
import subprocess
import sys
import threading
import time

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from transnorm.server import SERVICE_NAME
from transnorm.v1 import normalizer_pb2 as pb
from transnorm.v1 import normalizer_pb2_grpc as pb_grpc

DOCUMENT = "President Asad met Putin at Hmeymim on Monday, the ministry said. " * 40
SERVING = re.compile(r"serving on 127\.0\.0\.1:(\d+)")


class Traffic:
    """What a server meets while it is stopped: ``watchers`` health ``Watch`` streams, two threads
    polling ``Check`` and three sending ``Normalize`` calls, spread over three connections (so the
    calls reach every worker). ``watch`` and ``check`` collect the statuses seen, ``failed`` the
    codes of accepted calls that failed: a call sent half a second or more before ``stop_at`` has
    reached the server and must be answered; one sent about then may be refused. Used by this
    bench against a server process and by the test suite against an in-process server."""

    def __init__(self, port: int, watchers: int, document: str = DOCUMENT) -> None:
        self.channels = [grpc.insecure_channel(f"127.0.0.1:{port}", options=[("grpc.use_local_subchannel_pool", 1)])
                         for _ in range(3)]
        self.watchers, self.document = watchers, document
        self.watch: list[int] = []
        self.check: list[int] = []
        self.failed: list[grpc.StatusCode] = []
        self.answered = 0
        self.stop_at: float | None = None
        self._halt = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._watch, args=(self.channels[i % 3],), daemon=True)
                         for i in range(watchers)]
        self._threads += [threading.Thread(target=self._poll, args=(self.channels[i],), daemon=True) for i in range(2)]
        self._threads += [threading.Thread(target=self._load, args=(self.channels[i],), daemon=True) for i in range(3)]
        for t in self._threads:
            t.start()

    def wait_until_busy(self, timeout: float = 30.0) -> None:
        """Until every watcher has seen SERVING and calls are being answered."""
        until = time.monotonic() + timeout
        while (self.watch.count(health_pb2.HealthCheckResponse.SERVING) < self.watchers or self.answered < 3) \
                and time.monotonic() < until:
            time.sleep(0.01)

    def finish(self) -> None:
        """Stop sending, wait for every call to be answered or refused, close the connections."""
        self._halt.set()
        for t in self._threads:
            t.join(10)
        for ch in self.channels:
            ch.close()

    def _watch(self, ch: grpc.Channel) -> None:
        stream = health_pb2_grpc.HealthStub(ch).Watch(health_pb2.HealthCheckRequest(service=SERVICE_NAME))
        try:
            for reply in stream:
                self.watch.append(reply.status)
                if reply.status == health_pb2.HealthCheckResponse.NOT_SERVING:
                    stream.cancel()  # a load balancer takes the server out and hangs up
        except grpc.RpcError:
            pass

    def _poll(self, ch: grpc.Channel) -> None:
        stub = health_pb2_grpc.HealthStub(ch)
        while not self._halt.is_set():
            try:
                self.check.append(stub.Check(health_pb2.HealthCheckRequest(service=SERVICE_NAME), timeout=5).status)
            except grpc.RpcError:
                return  # the server stopped listening

    def _load(self, ch: grpc.Channel) -> None:
        stub = pb_grpc.NormalizerServiceStub(ch)
        while not self._halt.is_set():
            sent = time.monotonic()
            try:
                stub.Normalize(pb.NormalizeRequest(text=self.document), timeout=60)
                with self._lock:
                    self.answered += 1
            except grpc.RpcError as e:
                if self.stop_at is None or sent < self.stop_at - 0.5:
                    self.failed.append(e.code())
                return


def one_run(workers: int, watchers: int, grace: float) -> dict:
    proc = subprocess.Popen([sys.executable, "-m", "transnorm.server", "--port", "0", "--workers", str(workers),
                             "--grace", str(grace)], stderr=subprocess.PIPE, text=True)
    port = None
    deadline = time.monotonic() + 120
    while port is None and time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        m = SERVING.search(line)
        if m:
            port = int(m.group(1))
    if port is None:
        proc.kill()
        raise SystemExit("the server did not start")
    threading.Thread(target=proc.stderr.read, daemon=True).start()  # keep its log pipe drained
    traffic = Traffic(port, watchers)
    traffic.wait_until_busy()
    traffic.stop_at = t0 = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    try:
        code = proc.wait(timeout=grace + 30)
    except subprocess.TimeoutExpired:
        proc.kill()
        code = None
    exit_seconds = time.monotonic() - t0
    traffic.finish()
    return {"code": code, "exit_seconds": exit_seconds, "failed": [c.name for c in traffic.failed],
            "answered": traffic.answered,
            "watchers_saw_not_serving": traffic.watch.count(health_pb2.HealthCheckResponse.NOT_SERVING) >= watchers}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--watchers", type=int, default=6)
    ap.add_argument("--grace", type=float, default=10.0)
    args = ap.parse_args(argv)
    good = 0
    for i in range(args.runs):
        r = one_run(args.workers, args.watchers, args.grace)
        ok = r["code"] == 0 and not r["failed"]
        good += ok
        print(f"run {i + 1:2d}: exit {r['code']} after {r['exit_seconds']:.2f} s; {r['answered']} calls answered, "
              f"accepted calls failed: {len(r['failed'])} {sorted(set(r['failed'])) or ''}; every watcher saw "
              f"NOT_SERVING: {r['watchers_saw_not_serving']}", flush=True)
    print(f"{good} of {args.runs} runs: exit 0 and no accepted call failed "
          f"({args.workers} worker(s), {args.watchers} watchers, grace {args.grace:g} s)")
    return 0 if good == args.runs else 1


if __name__ == "__main__":
    sys.exit(main())

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
    channels = [grpc.insecure_channel(f"127.0.0.1:{port}", options=[("grpc.use_local_subchannel_pool", 1)])
                for _ in range(3)]
    seen: dict = {"watch_serving": 0, "watch_not_serving": 0, "failed": [], "answered": 0, "lock": threading.Lock()}
    halt = threading.Event()

    def watch(ch):
        stream = health_pb2_grpc.HealthStub(ch).Watch(health_pb2.HealthCheckRequest(service=SERVICE_NAME))
        try:
            for reply in stream:
                with seen["lock"]:
                    if reply.status == health_pb2.HealthCheckResponse.SERVING:
                        seen["watch_serving"] += 1
                    elif reply.status == health_pb2.HealthCheckResponse.NOT_SERVING:
                        seen["watch_not_serving"] += 1
                if reply.status == health_pb2.HealthCheckResponse.NOT_SERVING:
                    stream.cancel()  # a load balancer takes the server out and hangs up
        except grpc.RpcError:
            pass

    def poll(ch):
        stub = health_pb2_grpc.HealthStub(ch)
        while not halt.is_set():
            try:
                stub.Check(health_pb2.HealthCheckRequest(service=SERVICE_NAME), timeout=5)
            except grpc.RpcError:
                return

    def load(ch):
        stub = pb_grpc.NormalizerServiceStub(ch)
        while not halt.is_set():
            sent = time.monotonic()
            try:
                stub.Normalize(pb.NormalizeRequest(text=DOCUMENT), timeout=60)
                with seen["lock"]:
                    seen["answered"] += 1
            except grpc.RpcError as e:
                if "stop_at" not in seen or sent < seen["stop_at"] - 0.5:
                    seen["failed"].append(e.code().name)
                return

    threads = [threading.Thread(target=watch, args=(channels[i % 3],), daemon=True) for i in range(watchers)]
    threads += [threading.Thread(target=poll, args=(channels[i],), daemon=True) for i in range(2)]
    threads += [threading.Thread(target=load, args=(channels[i],), daemon=True) for i in range(3)]
    for t in threads:
        t.start()
    ready_by = time.monotonic() + 30
    while (seen["watch_serving"] < watchers or seen["answered"] < 3) and time.monotonic() < ready_by:
        time.sleep(0.01)
    seen["stop_at"] = t0 = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    try:
        code = proc.wait(timeout=grace + 30)
    except subprocess.TimeoutExpired:
        proc.kill()
        code = None
    exit_seconds = time.monotonic() - t0
    halt.set()
    for t in threads:
        t.join(10)
    for ch in channels:
        ch.close()
    return {"code": code, "exit_seconds": exit_seconds, "failed": seen["failed"], "answered": seen["answered"],
            "watchers_saw_not_serving": seen["watch_not_serving"] >= watchers}


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

"""Cost of the gRPC path: per-call overhead over the in-process engine, batch calls, and throughput
with one and several worker processes.

    python bench/bench_grpc.py [--calls 100] [--concurrency 8] [--workers 1 2] [--glossary PATH ...]

The documents are the seed articles in tests/data/seeds. Each server is started as
``python -m transnorm.server --port 0`` and stopped with SIGTERM.
"""
from __future__ import annotations

import argparse
import re
import signal
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import grpc

from transnorm.client import Client
from transnorm.server import convert
from transnorm.server.app import load_engine
from transnorm.v1 import normalizer_pb2 as pb

SEEDS = Path(__file__).resolve().parent.parent / "tests" / "data" / "seeds"


def percentiles(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"p50 {statistics.median(ms):7.2f} ms  p95 {p95:7.2f} ms"


def timed(fn, *args) -> float:
    t0 = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t0


def start_server(workers: int, glossary: list[str]) -> tuple[subprocess.Popen, int]:
    args = [sys.executable, "-m", "transnorm.server", "--port", "0", "--workers", str(workers)]
    for g in glossary:
        args += ["--glossary", g]
    proc = subprocess.Popen(args, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:
        m = re.search(r"serving on \S+:(\d+)", line)
        if m:
            return proc, int(m.group(1))
    raise SystemExit(f"the server did not start (exit code {proc.wait()})")


def own_channel(port: int) -> grpc.Channel:
    # One connection per client thread, so that the kernel spreads them over the workers.
    return grpc.insecure_channel(f"127.0.0.1:{port}", options=[
        ("grpc.use_local_subchannel_pool", 1), ("grpc.max_receive_message_length", -1)])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=100, help="calls per measurement")
    ap.add_argument("--concurrency", type=int, default=8, help="client threads for the throughput run")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="server worker counts to compare")
    ap.add_argument("--glossary", action="append", default=[], help="glossary files (default: the bundled one)")
    args = ap.parse_args()

    docs = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    size = sum(len(d) for d in docs) / len(docs)
    engine = load_engine(args.glossary or None)
    print(f"documents: {len(docs)} seed articles, {size:.0f} characters on average; {args.calls} calls each run")
    results = [engine.normalize(d) for d in docs]
    findings = sum(len(r.applied) + len(r.unapplied) for r in results) / len(results)

    def round_trip(r) -> None:
        wire = convert.result_to_proto(r).SerializeToString()
        convert.result_from_proto(r.text, pb.Result.FromString(wire))

    conversions = [timed(round_trip, results[i % len(results)]) for i in range(args.calls)]
    print(f"result -> message -> bytes -> result ({findings:.0f} findings)  {percentiles(conversions)}")

    for workers in args.workers:
        proc, port = start_server(workers, args.glossary)
        try:
            with Client(f"127.0.0.1:{port}") as client:
                for d in docs:
                    client.normalize(d)
                # Local and remote calls alternate, so that load from elsewhere on the machine
                # weighs on both alike.
                local, remote = [], []
                for i in range(args.calls):
                    local.append(timed(engine.normalize, docs[i % len(docs)]))
                    remote.append(timed(client.normalize, docs[i % len(docs)]))
                lookups = [timed(client.lookup, "Hmeimim") for _ in range(args.calls)]
                batch = [docs[i % len(docs)] for i in range(args.calls)]
                batch_time = timed(client.normalize_batch, batch)
            overhead = statistics.median(remote) - statistics.median(local)
            print(f"\n{workers} worker(s) on 127.0.0.1:{port}")
            print(f"  in-process Engine.normalize      {percentiles(local)}")
            print(f"  Normalize, one call at a time    {percentiles(remote)}  (median overhead {overhead * 1000:.2f} ms)")
            print(f"  LookupTerm 'Hmeimim'             {percentiles(lookups)}")
            print(f"  NormalizeBatch of {len(batch)} documents  {batch_time:.2f} s "
                  f"({len(batch) / batch_time:.1f} documents/s)")

            def hammer(n: int) -> None:
                with own_channel(port) as ch, Client("", channel=ch) as c:
                    for i in range(n):
                        c.normalize(docs[i % len(docs)])

            per_thread = max(1, args.calls // args.concurrency)
            t0 = time.perf_counter()
            with ThreadPoolExecutor(args.concurrency) as pool:
                list(pool.map(hammer, [per_thread] * args.concurrency))
            elapsed = time.perf_counter() - t0
            total = per_thread * args.concurrency
            print(f"  {args.concurrency} concurrent clients         {total / elapsed:.1f} documents/s "
                  f"({total * size / elapsed / 1e6:.2f} M characters/s)")
        finally:
            proc.send_signal(signal.SIGTERM)
            code = proc.wait(timeout=60)
            if code != 0:
                print(f"  the server exited with code {code}")


if __name__ == "__main__":
    main()

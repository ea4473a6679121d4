"""Fuzzing the gRPC service: malformed and hostile requests against an in-process server on a free
loopback port; prints how many answers each status code got and fails (exit 1) on any INTERNAL or
UNKNOWN answer, which would mean a request reached a bug instead of a clear refusal.

Requests come from ``tests/hostile_requests.py`` (random, truncated and bit-flipped protobuf
bytes, strings that are not UTF-8, absurd nesting, valid messages with hostile values, hostile
texts), sent as raw bytes to each method, so nothing on the calling side can tidy them up.

    python bench/bench_fuzz.py [--requests 10000] [--seed 0] [--max-text 20000]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

import grpc

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from hostile_requests import fuzz_request  # noqa: E402

from transnorm.engine import Engine  # noqa: E402
from transnorm.glossary import load_bundled  # noqa: E402
from transnorm.server import SERVICE_NAME, start  # noqa: E402

BAD = (grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN)


def run(requests: int, seed: int, max_text: int, show: int = 5) -> tuple[Counter, list]:
    """Send ``requests`` fuzz requests; the count per status code and the INTERNAL/UNKNOWN ones."""
    engine = Engine(load_bundled(), max_text=max_text)
    running = start(engine, "127.0.0.1", 0)
    codes: Counter = Counter()
    bad: list = []
    try:
        with grpc.insecure_channel(f"127.0.0.1:{running.port}",
                                   options=[("grpc.max_send_message_length", -1),
                                            ("grpc.max_receive_message_length", -1)]) as channel:
            calls = {}
            rng = random.Random(seed)
            for i in range(requests):
                method, data, timeout = fuzz_request(rng, max_text)
                call = calls.get(method)
                if call is None:
                    call = calls[method] = channel.unary_unary(
                        f"/{SERVICE_NAME}/{method}", request_serializer=None, response_deserializer=None)
                try:
                    call(data, timeout=timeout)
                    code = grpc.StatusCode.OK
                except grpc.RpcError as e:
                    code = e.code()
                    if code in BAD and len(bad) < show:
                        bad.append((i, method, data[:200], e.details()))
                    elif code in BAD:
                        bad.append((i, method, b"", ""))
                codes[code] += 1
    finally:
        running.stop(0)
    return codes, bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-text", type=int, default=20_000, help="the server's --max-text")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    codes, bad = run(args.requests, args.seed, args.max_text)
    print(f"{args.requests} fuzz requests (seed {args.seed}, --max-text {args.max_text}), "
          f"{time.perf_counter() - t0:.0f} s")
    for code, n in codes.most_common():
        print(f"  {code.name:20s} {n}")
    print(f"  INTERNAL or UNKNOWN: {len(bad)}")
    for i, method, data, details in bad:
        if data:
            print(f"    request {i} {method}: {data!r} -> {details}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

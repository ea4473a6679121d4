"""Malformed and hostile requests against a real server: every answer is a status the caller can
act on (a result, INVALID_ARGUMENT, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED), never INTERNAL or
UNKNOWN. A seeded sample; ``bench/bench_fuzz.py`` sends 10,000."""
from __future__ import annotations

import sys
from pathlib import Path

import grpc

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from bench_fuzz import run  # noqa: E402


def test_no_fuzz_request_gets_an_internal_or_unknown_answer():
    codes, bad = run(300, seed=13, max_text=20_000)
    assert not bad, bad
    # The sample reaches the engine (results) and its refusals, not only the parser.
    assert codes[grpc.StatusCode.OK] >= 30 and codes[grpc.StatusCode.INVALID_ARGUMENT] >= 30, codes
    assert sum(codes.values()) == 300

"""Throughput of the full default pipeline next to the names-only pipeline, and the share of time
spent in the artifact rules.

    python bench/bench_pipeline.py [--mb 1.0] [--doc-kb 4] [--repeat 3]

The corpus is the two seed articles repeated to about ``--mb`` megabytes and cut into documents of
about ``--doc-kb`` kilobytes at line breaks. Figures are the best of ``--repeat`` runs.

    python bench/bench_pipeline.py --vs OTHER_PYTHON [--pairs 5]

times the full default pipeline on the same corpus here and under another interpreter that has
another version of transnorm installed (``python -m venv /tmp/old && /tmp/old/bin/pip install
.`` in a checkout of that commit), in turn, ``--pairs`` times, and prints each pair's ratio
(this one / the other) and their median: pairing keeps the ratio meaningful on a machine whose
speed drifts.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from transnorm.engine import Engine, Options
from transnorm.glossary import load_bundled

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"


def corpus(mb: float, doc_kb: float) -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    lines = [line for s in seeds for line in s.splitlines(keepends=True)]
    target, size_limit = int(mb * 1_000_000), int(doc_kb * 1000)
    docs, cur, total, i = [], [], 0, 0
    while total < target:
        line = lines[i % len(lines)]
        i += 1
        cur.append(line)
        total += len(line.encode("utf-8"))
        if sum(len(x) for x in cur) >= size_limit:
            docs.append("".join(cur))
            cur = []
    if cur:
        docs.append("".join(cur))
    return docs


def run(engine: Engine, docs: list[str], options: Options) -> tuple[float, dict[str, float]]:
    per_check: dict[str, float] = defaultdict(float)
    t0 = time.perf_counter()
    for d in docs:
        r = engine.normalize(d, options)
        for k, v in r.timings.items():
            per_check[k] += v
    return time.perf_counter() - t0, per_check


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--doc-kb", type=float, default=4.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--vs", metavar="PYTHON", help="another interpreter with another transnorm installed")
    ap.add_argument("--pairs", type=int, default=5, help="with --vs: timed pairs")
    ap.add_argument("--full-only", action="store_true", help=argparse.SUPPRESS)  # one figure, for --vs
    args = ap.parse_args(argv)
    if args.vs:
        return versus(args)
    if args.full_only:
        engine = Engine(load_bundled())
        docs = corpus(args.mb, args.doc_kb)
        engine.normalize(docs[0])
        print(min(run(engine, docs, Options())[0] for _ in range(args.repeat)))
        return 0

    engine = Engine(load_bundled())
    docs = corpus(args.mb, args.doc_kb)
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    engine.normalize(docs[0])  # build the per-engine resources outside the timing
    print(f"corpus: {len(docs)} documents, {mb:.2f} MB (seeds repeated, ~{args.doc_kb:g} KB each)")
    results = {}
    for label, options in (("names only", Options(categories=("names",))), ("full default", Options())):
        best = None
        for _ in range(args.repeat):
            wall, checks = run(engine, docs, options)
            if best is None or wall < best[0]:
                best = (wall, checks)
        results[label] = best
        wall = best[0]
        print(f"{label:13} {mb / wall:7.2f} MB/s {len(docs) / wall:8.1f} docs/s  ({wall:.2f} s)")
    wall, checks = results["full default"]
    total = checks.pop("total")
    artifacts = {k: v for k, v in checks.items() if k.startswith("artifacts.")}
    share = sum(artifacts.values()) / total
    print(f"artifact rules: {share:.1%} of pipeline time ({sum(artifacts.values()):.2f} s of {total:.2f} s)")
    for name, t in sorted(checks.items(), key=lambda kv: -kv[1]):
        print(f"  {name:26} {t:7.3f} s  {t / total:6.1%}")
    return 0


def versus(args: argparse.Namespace) -> int:
    cmd = [__file__, "--full-only", "--mb", str(args.mb), "--doc-kb", str(args.doc_kb), "--repeat", str(args.repeat)]

    def timed(python: str) -> float:
        done = subprocess.run([python, *cmd], capture_output=True, text=True, check=True)
        return float(done.stdout.split()[-1])

    ratios = []
    for i in range(args.pairs):
        here, there = timed(sys.executable), timed(args.vs)
        ratios.append(here / there)
        print(f"pair {i + 1}: full default {here:.3f} s here, {there:.3f} s there: {here / there:.2f}x")
    print(f"median ratio (here / there): {statistics.median(ratios):.2f}x over {len(ratios)} pairs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Throughput of the full default pipeline next to the names-only pipeline, and the share of time
spent in the artifact rules.

    python bench/bench_pipeline.py [--mb 1.0] [--doc-kb 4] [--repeat 3]

The corpus is the two seed articles repeated to about ``--mb`` megabytes and cut into documents of
about ``--doc-kb`` kilobytes at line breaks. Figures are the best of ``--repeat`` runs.
"""
from __future__ import annotations

import argparse
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
    args = ap.parse_args(argv)

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


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

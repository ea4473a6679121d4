"""Idempotence on hostile text: the share of generated documents on which a second normalization
(default options) still applies something, by the rules that apply it, with examples.

Documents come from ``tests/hostile.py`` (risky fragments, entities escaped several times over,
double and triple mojibake, control characters and NULs, mixed scripts, dashes against names),
seeded, so a run is repeatable. Every document is also checked for the edit model's promises:
the applied edits replay to the output, and each finding quotes the input at its offsets.

    python bench/bench_idempotence.py [--docs 10000] [--seed 0] [--show 3]

Exits 1 when the share of documents that still change is above --max-share (default 0.001).
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from hostile import hostile_documents  # noqa: E402

from transnorm.engine import Engine, Options, apply_edits  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--show", type=int, default=3, help="examples printed per rule")
    ap.add_argument("--max-share", type=float, default=0.001)
    args = ap.parse_args(argv)
    engine = Engine.from_paths(None)
    t0 = time.perf_counter()
    changed: list[int] = []
    by_rule: Counter[str] = Counter()
    examples: dict[str, list[tuple[str, str, list]]] = defaultdict(list)
    broken: list[tuple[int, str]] = []
    docs = hostile_documents(args.docs, args.seed)
    for i, text in enumerate(docs):
        first = engine.normalize(text, Options(allow_empty=True))
        if apply_edits(text, first.applied) != first.output or \
                any(text[f.start:f.end] != f.original for f in first.findings):
            broken.append((i, text))
        second = engine.normalize(first.output, Options(allow_empty=True))
        if second.applied:
            changed.append(i)
            edits = [(f.rule_id, f.original, f.replacement) for f in second.applied]
            for rule in sorted({f.rule_id for f in second.applied}):
                by_rule[rule] += 1
                if len(examples[rule]) < args.show:
                    examples[rule].append((text, first.output, edits))
    seconds = time.perf_counter() - t0
    n = len(docs)
    share = len(changed) / max(n, 1)
    print(f"{n} hostile documents (seed {args.seed}), default options, {seconds:.0f} s")
    print(f"  a second pass applies nothing: {n - len(changed)}/{n} ({1 - share:.2%})")
    print(f"  a second pass applies something: {len(changed)} ({share:.3%}); documents by rule applied:")
    for rule, count in by_rule.most_common():
        print(f"    {rule:28s} {count}")
        for text, output, edits in examples[rule]:
            print(f"        input  {text!r}\n        output {output!r}\n        second pass {edits}")
    print(f"  edits that do not replay to the output or misquote the input: {len(broken)}")
    for i, text in broken[: args.show]:
        print(f"        document {i}: {text!r}")
    return 1 if share > args.max_share or broken else 0


if __name__ == "__main__":
    sys.exit(main())

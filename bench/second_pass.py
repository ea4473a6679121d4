"""How often a second normalization still changes something, over random texts of risky fragments.

The property tests run a fixed set of examples; this script samples many more and prints the rate
and the rules involved, with a few examples. Run: python bench/second_pass.py [--texts 4000] [--seed 1]
"""
from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_invariants import FRAGMENTS  # noqa: E402

from transnorm.engine import Engine, Options  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=5)
    args = ap.parse_args()
    engine = Engine.from_paths(None)
    rng = random.Random(args.seed)
    fails = {"spaced": [], "glued": []}
    counts = Counter()
    for _ in range(args.texts):
        style = "spaced" if rng.random() < 0.5 else "glued"
        counts[style] += 1
        frags = [rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 25))]
        text = (" " if style == "spaced" else "").join(frags)
        first = engine.normalize(text)
        second = engine.normalize(first.output, Options(allow_empty=True))
        if second.applied:
            fails[style].append((text, [(f.rule_id, f.original, f.replacement) for f in second.applied]))
    for style in ("spaced", "glued"):
        n, bad = counts[style], fails[style]
        rules = Counter(r for _, edits in bad for r, _, _ in edits)
        print(f"{style:7} fragments: {len(bad)}/{n} texts change on a second pass ({len(bad) / max(n, 1):.2%}); "
              f"rules: {dict(rules.most_common())}")
        for text, edits in bad[: args.show]:
            print(f"    {text!r}\n      second pass: {edits}")


if __name__ == "__main__":
    main()

"""Per-rule precision and recall of the artifact rules on the labelled set (default profile).

    python bench/quality_artifacts.py [tests/data/artifacts_labelled.jsonl] [--show-errors]

A rule's edit counts as a true positive on a sentence labelled with that rule, as a false
positive on any other; a labelled rule that applied nothing is a false negative. "exact" counts
sentences whose output equals the labelled fix.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from transnorm.engine import Engine, Options, RuleInfo
from transnorm.engine import artifacts
from transnorm.glossary import load_bundled

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SET = ROOT / "tests" / "data" / "artifacts_labelled.jsonl"


def artifact_rules() -> dict[str, RuleInfo]:
    mods = [getattr(artifacts, name) for name in dir(artifacts) if not name.startswith("_")]
    return {r.id: r for m in mods for r in vars(m).values() if isinstance(r, RuleInfo)}


def score(engine: Engine, rows: list[dict], rule_ids: tuple[str, ...]):
    """Return ``(tp, fp, fn, exact, errors)``; the counters are keyed by rule id."""
    tp, fp, fn = Counter(), Counter(), Counter()
    exact, errors = 0, []
    options = Options(rules=rule_ids)
    for row in rows:
        # A row may name a house dash; by default correct dashes stay as written.
        r = engine.normalize(row["text"], options.with_(dash_style=row.get("dash_style", options.dash_style),
                                                        target_language=row.get("target_language", "")))
        got = {f.rule_id for f in r.applied}
        want = set(row["rules"])
        for rid in got & want:
            tp[rid] += 1
        for rid in got - want:
            fp[rid] += 1
        for rid in want - got:
            fn[rid] += 1
        if r.output == row["fixed"]:
            exact += 1
        else:
            errors.append((row, r.output, sorted(got)))
    return tp, fp, fn, exact, errors


def main(argv: list[str]) -> int:
    paths = [a for a in argv if not a.startswith("--")]
    path = Path(paths[0]) if paths else DEFAULT_SET
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rules = artifact_rules()
    engine = Engine(load_bundled())
    tp, fp, fn, exact, errors = score(engine, rows, tuple(sorted(rules)))
    positives = sum(1 for r in rows if r["rules"])
    print(f"{path.name}: {len(rows)} sentences ({positives} with artifacts, {len(rows) - positives} look-alikes)")
    print(f"{'rule':28} {'default':8} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>8}")
    for rid in sorted(rules):
        t, f, n = tp[rid], fp[rid], fn[rid]
        prec = f"{t / (t + f):.3f}" if t + f else "-"
        rec = f"{t / (t + n):.3f}" if t + n else "-"
        print(f"{rid:28} {rules[rid].default:8} {t:4} {f:4} {n:4} {prec:>10} {rec:>8}")
    T, F, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    print(f"{'all':28} {'':8} {T:4} {F:4} {N:4} {T / max(1, T + F):10.3f} {T / max(1, T + N):8.3f}")
    print(f"exact output: {exact}/{len(rows)}")
    if "--show-errors" in argv:
        for row, out, got in errors:
            print(f"\n  text:     {row['text']!r}\n  expected: {row['fixed']!r}\n  output:   {out!r}\n  applied:  {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

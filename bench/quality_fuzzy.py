"""Precision and recall of name rewrites on the fuzzy development set, with and without fuzzy matching.

    python bench/quality_fuzzy.py [--dev tests/data/fuzzy_dev.jsonl] [--errors]

Glossaries: the bundled one (``full``); the bundled one without its listed variants
(``canonical-only``: what fuzzy matching finds on its own); the same without native-script forms
(``canonical-only, no native``). Rewrites are counted per word: a word the name rules change as
labelled is a true positive, any other changed word a false positive, a labelled change not made a
miss; only the name rules run (``Options(categories=("names",))``).
"""
from __future__ import annotations

import argparse
import difflib
import json
from collections import Counter
from pathlib import Path

from transnorm.engine import Engine
from transnorm.engine.fuzzy import FUZZY_RULE, POSSIBLE_RULE
from transnorm.engine.options import Options
from transnorm.glossary import load_bundled
from transnorm.glossary.fuzzy_index import canonical_only

DEV = Path(__file__).resolve().parent.parent / "tests" / "data" / "fuzzy_dev.jsonl"
FUZZY_IDS = (FUZZY_RULE.id, POSSIBLE_RULE.id)


def load_dev(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def word_edits(text: str, output: str) -> Counter:
    """The words that change from ``text`` to ``output``, one ``(position, old, new)`` per word where
    the numbers of words agree, so a repair of one word of a two-word name counts as half of it."""
    a, b = text.split(), output.split()
    out: Counter = Counter()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if i2 - i1 == j2 - j1:
            out.update((i1 + k, a[i1 + k], b[j1 + k]) for k in range(i2 - i1))
        else:
            out[(i1, " ".join(a[i1:i2]), " ".join(b[j1:j2]))] += 1
    return out


def expected_output(row: dict) -> str:
    text = row["text"]
    for old, new in row["edits"]:
        assert old in text, (row["id"], old)
        text = text.replace(old, new, 1)
    return text


def evaluate(engine: Engine, rows: list[dict], fuzzy: bool = True) -> dict:
    """Counts of right, wrong and missing word rewrites by the name rules over ``rows``."""
    opts = Options(categories=("names",), disabled_rules=() if fuzzy else FUZZY_IDS)
    tp = fp = fn = 0
    negatives_touched: list[str] = []
    errors: list[str] = []
    for row in rows:
        result = engine.normalize(row["text"], opts)
        got = word_edits(row["text"], result.output)
        want = word_edits(row["text"], expected_output(row))
        hit = got & want
        tp += sum(hit.values())
        fp += sum((got - hit).values())
        fn += sum((want - hit).values())
        if row["label"] == "negative" and result.applied:
            negatives_touched.append(row["id"])
        if got != want:
            errors.append(f"{row['id']}: {row['text']!r}\n    want {sorted(want)}\n    got  {sorted(got)}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall,
            "negatives_touched": negatives_touched, "errors": errors}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--errors", action="store_true", help="print every sentence whose edits differ from the labels")
    args = ap.parse_args()
    rows = load_dev(args.dev)
    bundled = load_bundled()
    glossaries = [("full", bundled), ("canonical-only", canonical_only(bundled)),
                  ("canonical-only, no native", canonical_only(bundled, native=False))]
    pos = sum(r["label"] == "positive" for r in rows)
    words = sum(sum(word_edits(r["text"], expected_output(r)).values()) for r in rows)
    print(f"dev set: {len(rows)} sentences ({pos} positive, {len(rows) - pos} negative), "
          f"{sum(len(r['edits']) for r in rows)} labelled name rewrites changing {words} words")
    print(f"{'glossary':<27} {'fuzzy':<5} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}  negatives touched")
    for name, glossary in glossaries:
        engine = Engine(glossary)
        for fuzzy in (False, True):
            r = evaluate(engine, rows, fuzzy)
            print(f"{name:<27} {'on' if fuzzy else 'off':<5} {r['precision']:>9.3f} {r['recall']:>7.3f} "
                  f"{r['tp']:>4} {r['fp']:>4} {r['fn']:>4}  {len(r['negatives_touched'])} "
                  f"{' '.join(r['negatives_touched'])}")
            if args.errors and fuzzy:
                print("\n".join(r["errors"]))


if __name__ == "__main__":
    main()

"""Quality on the labelled set: every artifact rule applied by default must reach precision 1.0."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "data" / "artifacts_labelled.jsonl"


def _bench():
    spec = importlib.util.spec_from_file_location("quality_artifacts", ROOT / "bench" / "quality_artifacts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scored(bundled):
    bench = _bench()
    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines() if line.strip()]
    rules = bench.artifact_rules()
    return rows, rules, bench.score(bundled, rows, tuple(sorted(rules)))


def test_the_set_is_large_and_balanced(scored):
    rows, rules, _ = scored
    positives = [r for r in rows if r["rules"]]
    assert len(rows) >= 200
    assert 0.4 <= len(positives) / len(rows) <= 0.6
    assert all(set(r["rules"]) <= set(rules) for r in rows)
    assert all((r["text"] == r["fixed"]) == (not r["rules"]) for r in rows)


def test_rules_applied_by_default_are_precise(scored):
    _, rules, (tp, fp, fn, exact, errors) = scored
    applied_by_default = [rid for rid, info in rules.items() if info.default == "apply"]
    wrong = {rid: fp[rid] for rid in applied_by_default if fp[rid]}
    assert wrong == {}, errors
    # Each of them is exercised by the set, so the precision above means something.
    assert [rid for rid in applied_by_default if not tp[rid]] == []


def test_look_alikes_are_never_changed(bundled, scored):
    rows, rules, _ = scored
    from transnorm.engine import Options

    options = Options(rules=tuple(sorted(rules)))
    changed = [r["text"] for r in rows if not r["rules"] and bundled.normalize(
        r["text"], options.with_(target_language=r.get("target_language", ""))).output != r["text"]]
    assert changed == []

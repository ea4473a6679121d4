"""The rule catalogue (`transnorm rules`) as test data: every registered rule runs its own example
and look-alikes with the bundled glossary."""
from __future__ import annotations

import pytest

from transnorm.engine import Options, all_rules

RULES = all_rules()


def test_catalogue_is_complete():
    for rid, info in RULES.items():
        assert rid.isascii() and rid == rid.lower() and "." in rid and " " not in rid
        assert info.default in ("apply", "report", "off") and info.strict in ("apply", "report", "off")
        assert info.description.strip() and info.wrong.strip(), rid


@pytest.mark.parametrize("rid", sorted(RULES))
def test_rule_example(bundled, rid):
    info = RULES[rid]
    r = bundled.normalize(info.wrong, Options(rules=(rid,), target_language=info.example_language))
    assert r.output == info.fixed, rid
    if info.wrong != info.fixed:
        assert {f.rule_id for f in r.applied} == {rid}
    else:
        # Reported only (or, for retranslation, needs a model the example cannot assume).
        assert r.applied == ()
        if info.default == "report":
            assert rid in {f.rule_id for f in r.unapplied}, "a report-only rule must report its example"


@pytest.mark.parametrize("rid", sorted(r for r in RULES if RULES[r].negatives))
def test_rule_negatives(bundled, rid):
    for negative in RULES[rid].negatives:
        r = bundled.normalize(negative, Options(rules=(rid,), target_language=RULES[rid].example_language))
        assert r.output == negative and r.applied == (), negative


def test_readme_lists_every_rule():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    missing = [rid for rid in RULES if f"`{rid}`" not in readme]
    assert missing == [], "README.md does not document these rules: " + ", ".join(missing)

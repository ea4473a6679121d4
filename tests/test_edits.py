"""The edit model: spans, overlap policy, replay and offset units."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from transnorm.engine import Finding, OffsetMap, Severity, apply_edits, resolve_overlaps
from transnorm.engine.edits import make_finding, overlaps


def f(text, start, end, rep, conf=0.9, rule="t.rule"):
    return make_finding(text, start, end, rep, rule_id=rule, category="t", severity=Severity.INFO,
                        message="m", confidence=conf)


def test_finding_rejects_inverted_or_inconsistent_spans():
    with pytest.raises(ValueError):
        Finding(5, 3, "", ("x",), "r", "c", Severity.INFO, "m", 0.5)
    with pytest.raises(ValueError):
        Finding(0, 3, "ab", ("x",), "r", "c", Severity.INFO, "m", 0.5)
    with pytest.raises(ValueError):
        Finding(0, 1, "a", ("x",), "r", "c", Severity.INFO, "m", 1.5)


def test_apply_edits_in_any_order():
    text = "abc def ghi"
    edits = [f(text, 8, 11, "GHI"), f(text, 0, 3, "A"), f(text, 4, 4, "+")]
    assert apply_edits(text, edits) == "A +def GHI"


def test_apply_edits_refuses_overlaps():
    text = "abcdef"
    with pytest.raises(ValueError):
        apply_edits(text, [f(text, 0, 3, "x"), f(text, 2, 4, "y")])


def test_overlap_policy_confidence_then_length_then_position():
    text = "Bashar Assad spoke"
    long = f(text, 0, 12, "Bashar al-Assad", conf=0.9)
    short = f(text, 7, 12, "Assad!", conf=0.9)
    kept, dropped = resolve_overlaps([short, long])
    assert kept == [long] and dropped == [short]
    confident = f(text, 7, 12, "X", conf=0.99)
    kept, dropped = resolve_overlaps([long, confident])
    assert kept == [confident] and dropped == [long]


def test_touching_spans_do_not_overlap_but_same_point_insertions_do():
    assert not overlaps(0, 3, 3, 5)
    assert overlaps(3, 3, 3, 3)
    assert overlaps(2, 2, 0, 5)
    assert not overlaps(0, 0, 0, 5)


@given(st.text(alphabet=st.sampled_from("aé😀\n中 x"), max_size=40), st.data())
def test_offset_map_agrees_with_encoding(text, data):
    om = OffsetMap(text)
    positions = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    for p in positions + list(reversed(positions)):
        u16, u8 = om.units(p)
        assert u16 == len(text[:p].encode("utf-16-le")) // 2
        assert u8 == len(text[:p].encode("utf-8"))


@given(st.text(max_size=30), st.data())
def test_resolved_edits_replay_and_leave_the_rest_alone(text, data):
    n = len(text)
    spans = data.draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, 3), st.floats(0.5, 1.0)), max_size=8))
    cands = [f(text, s, min(n, s + w), "<%d>" % i, conf=c) for i, (s, w, c) in enumerate(spans)]
    kept, dropped = resolve_overlaps(cands)
    assert len(kept) + len(dropped) == len(cands)
    for a, b in zip(kept, kept[1:]):
        assert not overlaps(a.start, a.end, b.start, b.end)
    # A naive reference: splice the edits in from right to left.
    ref = text
    for e in sorted(kept, key=lambda e: (e.start, e.end), reverse=True):
        ref = ref[:e.start] + e.replacement + ref[e.end:]
    assert apply_edits(text, kept) == ref
    # Every dropped edit overlaps a kept one at least as confident.
    for d in dropped:
        assert any(overlaps(d.start, d.end, k.start, k.end) and k.confidence >= d.confidence for k in kept)

"""Edit-model properties of the artifact rules alone, over text built from artifact fragments."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from transnorm.engine import Options, apply_edits

from test_artifacts_rules import ARTIFACT_IDS

FRAGMENTS = [
    "Russias", "Syrias", "Ministrys", "lets", "do", "she", "him", "the", "the Syria", "Syria", "talks", "were",
    "«", "»", "„", "“", "”", "–", "—", ",", ".", "!", "?", ":", "№", "5", "2,5", "million", "400 000", "1, 2, 3",
    " ", "  ", "\n", "\n\n", "\u00a0", "\u200b", "\u00ad", "\u200d", "\x07", "\x1b[1m", "😀", "Ã©", "â€™",
    "&amp;", "&nbsp;", "&lt;", "Аssad", "Москва", "[caption id=\"\" width=\"5\"]", "[/caption]", "<p>", "</p>",
    "<br/>", "Tags: ; ; ;", "had had", "the the", "Syria Syria Syria", "Bora Bora", "said Putin",
    "(organization banned in Russia)", "with reference to", "We must act", "https://example.com/Russias",
]
texts = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=20).map(" ".join) | \
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=20).map("".join)
ONLY = Options(rules=ARTIFACT_IDS)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts)
def test_edits_replay_and_touch_nothing_else(bundled, text):
    r = bundled.normalize(text, ONLY)
    assert apply_edits(text, r.applied) == r.output
    pos = out = 0
    for f in r.applied:
        assert text[f.start:f.end] == f.original and f.confidence >= ONLY.min_confidence
        keep = text[pos:f.start]
        assert r.output[out:out + len(keep)] == keep
        out += len(keep) + len(f.replacement)
        pos = f.end
    assert r.output[out:] == text[pos:]
    for f in r.unapplied:
        assert text[f.start:f.end] == f.original and f.message


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts)
def test_report_profile_and_check_apply_nothing(bundled, text):
    assert bundled.normalize(text, Options(rules=ARTIFACT_IDS, profile="report")).output == text
    assert bundled.check(text, ONLY).applied == ()


# The scans that look only where a match can start must find what the whole-text regex finds.
_SCAN_TEXT = st.text(alphabet="ab1 \u00a0–—\u200b\u00ad\n\t.,]>é_-", max_size=30)
_CUE_TEXT = st.lists(st.sampled_from(["two", "Two", "TWO", "ten", "often", "several", "seven", "states", "cats",
                                      "leaders", "officials", " ", "  ", "-", "\u00a0", "x"]), max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_SCAN_TEXT)
def test_dash_scan_finds_what_the_regex_finds(text):
    from transnorm.engine.artifacts import typography

    assert [m.span() for m in typography._dash_matches(text)] == [m.span() for m in typography._DASH.finditer(text)]


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_CUE_TEXT)
def test_number_cue_scan_finds_what_the_regex_finds(bundled, text):
    from transnorm.engine.artifacts import apostrophes
    from transnorm.engine.document import Document

    doc = Document(bundled, text, Options())
    assert [m.span() for m in apostrophes._plural_possessives(doc)] == \
        [m.span() for m in apostrophes._PLURAL_POSS.finditer(text)]

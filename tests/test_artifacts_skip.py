"""The pipeline keeps artifact rules out of URLs, e-mail addresses, code spans and ignore ranges."""
from __future__ import annotations

import pytest

from transnorm.engine import Options

# Each artifact once inside a protected span and once outside it.
ARTIFACTS = [
    ("Russias Defense", "Russia's Defense"),
    ("the Syria were", "Syria were"),
    ("the the end", "the end"),
    ("2,5 million", "2.5 million"),
    ("№5", "No. 5"),
    ("&amp;", "&"),
    ("<br/>x", " x"),
    ("\u0410ssad", "Assad"),
]


@pytest.mark.parametrize("artifact, repaired", ARTIFACTS)
def test_code_span_is_skipped(bundled, artifact, repaired):
    text = f"Before `{artifact}` and after {artifact}."
    r = bundled.normalize(text)
    code_end = text.index("`", 8) + 1
    assert r.output.startswith(f"Before `{artifact}`")
    assert all(f.start >= code_end for f in r.applied)
    assert r.output.endswith(f"{repaired}.")


@pytest.mark.parametrize("artifact, repaired", ARTIFACTS)
def test_ignore_range_is_skipped(bundled, artifact, repaired):
    text = f"First {artifact} then {artifact}."
    start = text.index(artifact)
    r = bundled.normalize(text, Options(ignore_ranges=((start, start + len(artifact)),)))
    assert r.output.startswith(f"First {artifact} then ")
    assert r.output.endswith(f"{repaired}.")


def test_url_and_email_are_skipped(bundled):
    text = "See https://example.com/Russias_Defense?a=2,5%20million&amp;b=1 or write to the_the@Syrias.org now."
    r = bundled.normalize(text)
    assert r.output == text, [(f.rule_id, f.original) for f in r.applied]

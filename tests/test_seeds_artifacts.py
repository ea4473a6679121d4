"""Golden tests on the two seed articles: every non-name row of EXPECTED.md, default profile,
bundled glossary, full pipeline."""
from __future__ import annotations

import pytest

from transnorm.engine import Options


def applied_in(result, before: str, original: str, replacement: str, rule: str):
    """The one applied edit by ``rule`` that rewrote ``original`` inside the verbatim ``before``."""
    text = result.text
    at = text.index(before)
    pos = text.index(original, at) if original else at + len(before)
    hits = [f for f in result.applied if f.rule_id == rule and f.start <= pos < max(f.end, f.start + 1)]
    assert len(hits) == 1, f"expected one {rule} edit at {before!r}, got {[(f.rule_id, f.original) for f in result.applied if abs(f.start - pos) < 40]}"
    (f,) = hits
    assert (f.original, f.replacement) == (original, replacement)
    return f


@pytest.fixture(scope="module")
def fixed(bundled, seeds):
    return {k: bundled.normalize(v) for k, v in seeds.items()}


REPAIRS = [
    ("000", "in the Syria were discussed", "the ", "", "article.country", "in Syria were discussed"),
    ("000", "positive changes in Syria, ”, – said Shoigu.", ", ”, – ", ",” ", "punct.ru_quote_dash",
     "positive changes in Syria,” said Shoigu."),
    ("000", "Vladimir Putin – it was", " – ", " — ", "punct.dash", "Vladimir Putin — it was"),
    ("000", "with reference to Shoigu.\u00a0Russia", "\u00a0", " ", "space.nbsp_sentence",
     "with reference to Shoigu. Russia"),
    ("003", "inspected Russias Khmeimim", "Russias", "Russia's", "punct.lost_apostrophe", "Russia's Khmeimim"),
    ("003", "released by Russias Defense Ministry", "Russias", "Russia's", "punct.lost_apostrophe",
     "Russia's Defense Ministry"),
    ("003", "Syrias coastal province", "Syrias", "Syria's", "punct.lost_apostrophe", "Syria's coastal province"),
    ("003", "Syrias integrity", "Syrias", "Syria's", "punct.lost_apostrophe", "Syria's integrity"),
    ("003", "Defense Ministrys spokesman", "Ministrys", "Ministry's", "punct.lost_apostrophe",
     "Defense Ministry's spokesman"),
    ("003", "lets do so with democratic instruments", "lets", "let's", "punct.lets",
     "let's do so with democratic instruments"),
]


@pytest.mark.parametrize("seed, before, original, replacement, rule, after", REPAIRS)
def test_repaired_automatically(fixed, seed, before, original, replacement, rule, after):
    r = fixed[seed]
    applied_in(r, before, original, replacement, rule)
    assert after in r.output
    assert before not in r.output


def test_empty_tag_line_removed_with_the_blank_line_before(fixed, seeds):
    r = fixed["000"]
    f = applied_in(r, "same year.", "\n\nTags: ; ; ; ; ; ; ;", "", "cms.empty_tags")
    assert f.end == len(seeds["000"])
    assert r.output.endswith("ended on December 22 of the same year.")
    assert "Tags:" not in r.output


def test_caption_shortcode_removed_and_caption_kept(fixed):
    r = fixed["003"]
    assert "[caption" not in r.output and "[/caption]" not in r.output
    assert ("\nRussian air force pilots walk on the tarmac upon their arrival from Syria at an airbase in the "
            "southern Russia's Krasnodar region, on March 16, 2016. (AFP)\nRussia started") in r.output
    rules = {f.rule_id for f in r.applied if "caption" in f.original}
    assert rules == {"cms.shortcode"}


REPORTED = [
    ("000", "(organization banned in Russia)", "style.boilerplate", "editor"),
    ("000", "with reference to", "style.calque", "citing"),
    ("003", "countries", "punct.plural_possessive", "guess"),
    ("003", "We must act carefully, step by step", "punct.lost_quotes", "cannot be restored safely"),
]


@pytest.mark.parametrize("seed, where, rule, words", REPORTED)
def test_reported_not_changed(fixed, seeds, seed, where, rule, words):
    r = fixed[seed]
    pos = seeds[seed].index(where)
    hits = [f for f in r.unapplied if f.rule_id == rule and f.start <= pos < f.end]
    assert hits, f"{rule} not reported at {where!r}"
    assert words in hits[0].message
    assert not any(f.start <= pos < f.end for f in r.applied if f.rule_id == rule)
    assert where in r.output


def test_lost_quotes_after_an_unquoted_sentence_only(fixed, seeds):
    reported = [f for f in fixed["003"].unapplied if f.rule_id == "punct.lost_quotes"]
    assert len(reported) == 1
    assert seeds["003"][reported[0].end:].startswith(", said Putin.")


UNCHANGED = [
    "Bashar al-Assad", "Assad and Shoigu", "Russia's Krasnodar region", "Syrian-Russian cooperation",
    "the Syrian leader", "the Syrian crisis", "Syrian Arab Republic", "400,000", "March 14",
    "Moscow-Washington brokered ceasefire", "IS", "FAN", "NSN", "(VKS)", "Khmeimim", "Latakia", "Tartus",
    "Staffan de Mistura", "Igor Konashenkov", "Vladimir Putin",
    "“in the resilience of Syria”", "“only in words”", "“is consistent in this part”", "“moderates”",
]


@pytest.mark.parametrize("phrase", UNCHANGED)
def test_stays_exactly_as_written(fixed, seeds, phrase):
    for seed, text in seeds.items():
        count = text.count(phrase)
        if count:
            assert fixed[seed].output.count(phrase) >= count, (seed, phrase)
            for f in fixed[seed].applied:
                if f.category != "names":
                    for m in range(count):
                        pos = _nth(text, phrase, m)
                        assert not (f.start < pos + len(phrase) and pos < f.end), (phrase, f)


def _nth(text: str, sub: str, n: int) -> int:
    pos = -1
    for _ in range(n + 1):
        pos = text.index(sub, pos + 1)
    return pos


NEGATIVE_CONTROLS = [
    "Talks on the Syria talks resumed.", "He studied the Syria conflict.", "She read the Russia file.",
    "Then she lets him go.", "See https://example.com/Russias Defense and `Russias Defense`.",
    "“Peace in Syria,” he said.",
]


@pytest.mark.parametrize("text", NEGATIVE_CONTROLS)
def test_negative_controls(bundled, text):
    r = bundled.normalize(text)
    assert r.output == text, [(f.rule_id, f.original) for f in r.applied]


def test_seeds_normalize_to_a_fixed_point(bundled, fixed):
    for r in fixed.values():
        again = bundled.normalize(r.output)
        assert again.applied == (), [(f.rule_id, f.original) for f in again.applied]


def test_report_profile_changes_nothing_on_the_seeds(bundled, seeds):
    for text in seeds.values():
        r = bundled.normalize(text, Options(profile="report"))
        assert r.output == text and r.applied == ()

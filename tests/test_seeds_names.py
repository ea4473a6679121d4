"""Golden tests on the two seed articles: the name rows of EXPECTED.md, with the bundled glossary."""
from __future__ import annotations

import pytest

from transnorm.engine import Options

NAMES = Options(categories=("names",))


def applied_at(result, before: str, original: str, replacement: str, rule: str) -> None:
    """Assert one applied edit, by ``rule``, rewrote ``original`` inside the verbatim context ``before``."""
    text = result.text
    pos = text.index(original, text.index(before))
    hits = [f for f in result.applied if f.start <= pos < f.end]
    assert len(hits) == 1, f"expected one edit at {before!r}, got {hits}"
    (f,) = hits
    assert f.rule_id == rule, f
    assert (f.original, f.replacement) == (original, replacement)


ROWS_000 = [
    ("Shoigu discussed with Asad questions", "Asad", "Assad", "name.variant"),
    ("president Bashar Al-Assad, according", "Al-Assad", "al-Assad", "name.particle_case"),
    ("President Bashar Assad.", "Assad", "al-Assad", "name.variant"),
    ("the airbase, Hmeymim announced", "Hmeymim", "Khmeimim", "name.variant"),
    ("SU-35S fighters", "SU-35S", "Su-35S", "name.variant"),
]
ROWS_003 = [
    ("Sergey Shoigu", "Sergey", "Sergei", "name.variant"),
]


@pytest.mark.parametrize("before, original, replacement, rule", ROWS_000)
def test_seed_000_name_rows(bundled, seeds, before, original, replacement, rule):
    r = bundled.normalize(seeds["000"], NAMES)
    applied_at(r, before, original, replacement, rule)
    fixed = before.replace(original, replacement, 1)
    assert fixed in r.output
    r_full = bundled.normalize(seeds["000"])
    assert fixed in r_full.output  # the other rules leave the repaired name alone


@pytest.mark.parametrize("before, original, replacement, rule", ROWS_003)
def test_seed_003_name_rows(bundled, seeds, before, original, replacement, rule):
    r = bundled.normalize(seeds["003"], NAMES)
    applied_at(r, before, original, replacement, rule)
    assert before.replace(original, replacement, 1) in r.output


def test_seed_000_full_name_canonical_on_line_one(bundled, seeds):
    r = bundled.normalize(seeds["000"])
    assert r.output.splitlines()[0].count("President Bashar al-Assad.") == 1


MUST_STAY = ["Bashar al-Assad", "Assad and Shoigu", "Russia's Krasnodar region", "Syrian-Russian cooperation",
             "the Syrian leader", "the Syrian crisis", "Syrian Arab Republic", "Khmeimim", "Latakia", "Tartus",
             "Staffan de Mistura", "Igor Konashenkov", "Vladimir Putin", "IS", "FAN", "NSN", "(VKS)"]


@pytest.mark.parametrize("seed", ["000", "003"])
def test_must_stay_items_are_untouched(bundled, seeds, seed):
    text = seeds[seed]
    r = bundled.normalize(text)
    for item in MUST_STAY:
        start = 0
        while (pos := text.find(item, start)) >= 0:
            touching = [f for f in r.applied if f.start < pos + len(item) and pos < f.end]
            assert touching == [], (item, touching)
            start = pos + 1


@pytest.mark.parametrize("text", [
    "Asad Umar, a Pakistani politician, spoke in Islamabad.",
    "Asad met his cousin in Karachi.",
    "Sergey Brin and Sergei Rachmaninoff.",
    "He ordered Chicken Kiev.",
    "See https://example.com/Hmeymim and `Hmeymim`.",
])
def test_negative_controls_for_names(bundled, text):
    r = bundled.normalize(text, NAMES)
    assert r.output == text and r.applied == ()


def test_names_in_seed_003_consistent(bundled, seeds):
    r = bundled.normalize(seeds["003"])
    assert "Sergey" not in r.output and "Sergei Shoigu" in r.output

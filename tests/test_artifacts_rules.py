"""Every artifact rule on its own examples: the RuleInfo pair and the richer data in data/rules/."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from transnorm.engine import Options, RuleInfo, all_rules
from transnorm.engine.artifacts import apostrophes, articles, cms, contractions, encoding, numbers, phrases, repetition, \
    residue, speech, typography, typography_lang, whitespace

MODULES = (apostrophes, articles, cms, contractions, encoding, numbers, phrases, repetition, residue, speech, typography,
           typography_lang, whitespace)
RULES = {obj.id: obj for m in MODULES for obj in vars(m).values() if isinstance(obj, RuleInfo)}
ARTIFACT_IDS = tuple(sorted(RULES))
RULE_DATA = Path(__file__).parent / "data" / "rules"


def _cases() -> list:
    return [pytest.param(case, id=f"{path.stem}-{i}")
            for path in sorted(RULE_DATA.glob("*.json"))
            for i, case in enumerate(json.loads(path.read_text(encoding="utf-8")))]


def test_every_artifact_rule_is_registered_with_a_complete_description():
    registered = all_rules()
    assert set(ARTIFACT_IDS) <= set(registered)
    for rid in ARTIFACT_IDS:
        info = registered[rid]
        assert rid.isascii() and "." in rid
        assert info.default in ("apply", "report", "off") and info.strict in ("apply", "report", "off")
        assert info.description and info.wrong and info.negatives


@pytest.mark.parametrize("rid", ARTIFACT_IDS)
def test_rule_example_and_negatives(bundled, rid):
    info = RULES[rid]
    only = Options(rules=(rid,), target_language=info.example_language)
    r = bundled.normalize(info.wrong, only)
    assert r.output == info.fixed
    if info.default == "apply":
        assert {f.rule_id for f in r.applied} == {rid}
    else:
        assert r.applied == ()
        assert rid in {f.rule_id for f in r.unapplied}, "a report-only rule must still report its example"
    for negative in info.negatives:
        n = bundled.normalize(negative, only)
        assert n.output == negative and n.applied == (), negative


CASES = _cases()


@pytest.mark.parametrize("case", CASES)
def test_rule_data(bundled, case):
    options = Options(rules=ARTIFACT_IDS, dash_style=case.get("dash_style", "em_spaced"),
                      target_language=case.get("target_language", ""))
    r = bundled.normalize(case["text"], options)
    assert r.output == case["fixed"]
    assert {f.rule_id for f in r.applied} == set(case["applied"])
    assert set(case.get("reported", ())) <= {f.rule_id for f in r.unapplied}
    for f in r.applied + r.unapplied:
        assert len(f.message) > 20 and f.message.rstrip().endswith((".", ")")), f.message


@pytest.mark.parametrize("case", CASES)
def test_report_profile_applies_nothing(bundled, case):
    r = bundled.normalize(case["text"], Options(rules=ARTIFACT_IDS, profile="report"))
    assert r.output == case["text"] and r.applied == ()


@pytest.mark.parametrize("case", CASES)
def test_repaired_text_is_a_fixed_point(bundled, case):
    options = Options(rules=ARTIFACT_IDS, dash_style=case.get("dash_style", "em_spaced"), allow_empty=True)
    first = bundled.normalize(case["text"], options)
    again = bundled.normalize(first.output, options)
    assert again.applied == (), [(f.rule_id, f.original) for f in again.applied]


def test_strict_profile_applies_calque_suggestions_but_not_boilerplate(bundled):
    text = "As noted NSN with reference to Shoigu, the IS (organization banned in Russia) fell. With reference to him."
    r = bundled.normalize(text, Options(rules=ARTIFACT_IDS, profile="strict"))
    assert r.output == "As noted NSN citing Shoigu, the IS (organization banned in Russia) fell. Citing him."
    assert {f.rule_id for f in r.applied} == {"style.calque"}
    assert "style.boilerplate" in {f.rule_id for f in r.unapplied}
    assert bundled.normalize(text, Options(rules=ARTIFACT_IDS)).output == text


@pytest.mark.parametrize("text, view", [
    ("talks with \u0410ssad", "talks with Assad"),
    ("the \u0405yri\u0430n army and \u041c\u043e\u0441\u043a\u0432a", "the Syrian army and \u041c\u043e\u0441\u043a\u0432a"),
    ("\u0421\u0430t", "\u0421\u0430t"),
    ("plain text", "plain text"),
])
def test_unconfuse_gives_a_same_length_view_with_the_homoglyph_repairs(bundled, text, view):
    from transnorm.engine.artifacts.encoding import unconfuse

    assert unconfuse(text) == view and len(unconfuse(text)) == len(text)
    repaired = bundled.normalize(text, Options(rules=("script.homoglyph",))).output
    assert repaired == view


def test_a_word_of_a_glossary_name_is_no_lost_possessive(bundled):
    # "Denys" is "deny" + s by spelling; it is the Ukrainian prime minister's given name.
    text = "Denys Shmyhal said the talks resumed, and the countrys economy grew."
    r = bundled.normalize(text, Options(rules=("punct.lost_apostrophe",)))
    assert r.output == "Denys Shmyhal said the talks resumed, and the country's economy grew."


def test_a_possessive_that_lost_its_s_before_a_word_with_an_accented_letter_is_left_alone(bundled):
    # "Tom’ wifé": the word after the mark runs on in a letter outside a-z; no possessed noun is read.
    text = "Daisy, Tom’ wifé came. Daisy, Tom’ wife came."
    assert bundled.normalize(text).output == "Daisy, Tom’ wifé came. Daisy, Tom’s wife came."

"""Detection of untranslated segments: foreign-script runs, foreign Latin-script sentences, names left alone."""
from __future__ import annotations

import pytest

from transnorm.engine import Engine, Options
from transnorm.engine import language

GLOSSARY = """\
version: "lang-test"
entries:
  - id: khmeimim
    kind: place
    canonical: Khmeimim
    variants: [Hmeymim]
    native:
      ru: [Хмеймим]
  - id: sergei-shoigu
    kind: person
    canonical: Sergei Shoigu
    short_forms:
      - canonical: Shoigu
    native:
      ru: [Сергей Шойгу, Шойгу]
  - id: syria
    kind: place
    canonical: Syria
"""


@pytest.fixture(scope="module")
def eng(tmp_path_factory) -> Engine:
    path = tmp_path_factory.mktemp("glossary") / "lang.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return Engine.from_paths([path])


def lang_findings(eng: Engine, text: str, **options):
    result = eng.normalize(text, Options(**options))
    return [f for f in result.findings if f.rule_id.startswith("lang.")], result


def test_russian_quote_inside_english_is_reported_exactly(eng):
    text = "Shoigu said: «Мы продолжим сотрудничество с Сирией». The talks went on."
    found, result = lang_findings(eng, text)
    assert len(found) == 1
    f = found[0]
    assert f.rule_id == "lang.untranslated"
    assert f.original == "Мы продолжим сотрудничество с Сирией"
    assert text[f.start:f.end] == f.original
    details = dict(f.details)
    assert details["language"] == "ru" and details["script"] == "cyrillic"
    assert float(details["probability"]) > 0.9
    assert "Russian" in f.message and "ru" in f.message and "probability" in f.message
    assert not f.applied and result.output == text  # reported, never changed by default


def test_french_sentence_is_found_by_the_detector(eng):
    text = ("The minister spoke to reporters in Paris on Monday. "
            "Le président a déclaré que la situation reste difficile. He then left for Moscow.")
    found, result = lang_findings(eng, text)
    assert [f.original for f in found] == ["Le président a déclaré que la situation reste difficile."]
    details = dict(found[0].details)
    assert details["language"] == "fr" and details["method"] == "langdetect"
    assert "French" in found[0].message
    assert result.output == text


@pytest.mark.parametrize("text", [
    "The airbase at Хмеймим was attacked overnight.",  # a glossary native form: the names check's business
    "Сергей Шойгу arrived in Damascus on Monday.",  # a glossary native full name
    "The envoy met Иван Петрович Сидоров in Geneva.",  # an unknown name: capitalised words only
    "The word Сирия is the Russian name.",  # a single word
    "Staffan de Mistura arrived in Geneva on Tuesday for talks.",  # Latin-script names
    "Bashar al-Assad met Vladimir Putin.",
    "Putin, Assad discuss Syria",  # a headline: too few words to judge
])
def test_names_and_short_segments_are_not_reported(eng, text):
    found, _ = lang_findings(eng, text)
    assert found == []


def test_native_name_is_rewritten_by_the_names_check_not_reported_as_foreign(eng):
    result = eng.normalize("The airbase at Хмеймим was attacked overnight.")
    assert result.output == "The airbase at Khmeimim was attacked overnight."
    assert [f.rule_id for f in result.applied] == ["name.native_script"]


def test_russian_sentence_with_native_names_is_one_segment(eng):
    text = "Он сказал, что Шойгу прибыл на базу Хмеймим в понедельник."
    found, _ = lang_findings(eng, text, target_language="en")  # a Russian text is foreign to an English target
    assert [f.original for f in found] == [text[:-1]]


def test_other_scripts_are_found(eng):
    text = "He read the sign: شكرا جزيلا لكم على المساعدة. Then he left."
    found, _ = lang_findings(eng, text)
    assert len(found) == 1 and dict(found[0].details)["script"] == "arabic"
    assert dict(found[0].details)["language"] == "ar"


def test_english_seed_articles_have_no_foreign_segments(seeds, eng):
    for name, text in seeds.items():
        found, _ = lang_findings(eng, text)
        assert found == [], name


def test_target_language_decides_what_is_foreign(eng):
    russian = "Мы продолжим сотрудничество с Сирией в следующем году."
    assert lang_findings(eng, russian, target_language="ru")[0] == []
    found, _ = lang_findings(eng, "The talks went on for hours. " + russian, target_language="ru")
    assert [f.original for f in found] == ["The talks went on for hours"]
    assert dict(found[0].details)["language"] == "en"


def test_rule_can_be_disabled(eng):
    text = "Shoigu said: «Мы продолжим сотрудничество с Сирией»."
    found, _ = lang_findings(eng, text, disabled_rules=("lang.untranslated",))
    assert found == []


def test_detection_is_deterministic():
    text = "Le ministre a dit que la situation reste difficile."
    assert len({tuple(language.detect(text)) for _ in range(5)}) == 1


def test_gate_lets_english_through_and_stops_other_languages():
    lexicon = language.common_words("en")
    english = language.content_words("The Russian Defense Ministry said on Monday that the aircraft returned.")
    french = language.content_words("Le président a déclaré que la situation reste difficile.")
    assert language.target_share(english, lexicon) >= language.TARGET_SHARE
    assert language.target_share(french, lexicon) < language.TARGET_SHARE


def test_names_inside_sentences_do_not_count_as_words():
    assert language.content_words("Then Staffan de Mistura met the NATO envoy") == ["Then", "de", "met", "the", "envoy"]


def test_check_without_retranslation_reports_even_in_report_profile(eng):
    text = "Shoigu said: «Мы продолжим сотрудничество с Сирией»."
    found, result = lang_findings(eng, text, profile="report")
    assert [f.rule_id for f in found] == ["lang.untranslated"] and result.output == text


@pytest.mark.parametrize("rid", ["lang.untranslated", "lang.retranslated"])
def test_rule_examples(bundled, rid):
    info = language.UNTRANSLATED_RULE if rid == "lang.untranslated" else language.RETRANSLATED_RULE
    assert info.description and info.wrong and info.negatives and rid.isascii()
    r = bundled.normalize(info.wrong, Options(rules=(rid, "lang.untranslated")))
    # Without options.retranslate the example is reported, never changed.
    assert r.output == info.fixed == info.wrong
    assert [f.rule_id for f in r.unapplied] == ["lang.untranslated"]
    for negative in info.negatives:
        n = bundled.normalize(negative, Options(retranslate=True))
        assert not [f for f in n.findings if f.rule_id.startswith("lang.")], negative


def test_detector_calls_are_bounded_per_document(eng):
    from transnorm.engine.document import Document

    quote = "Мы продолжим сотрудничество с Сирией"
    text = "\n".join(f"Line {i}: «{quote}»." for i in range(5)) + "\nLe président a déclaré que la situation reste difficile."
    segments = language.find_segments(Document(eng, text, Options()), limit=2)
    assert [s.method for s in segments] == ["script", "script", "majority", "majority", "majority"]
    assert {s.language for s in segments} == {"ru"}
    # Within the budget the same text yields the French sentence as well.
    assert len(language.find_segments(Document(eng, text, Options()))) == 6


@pytest.mark.parametrize("text", [
    "Kremlin spokesman Dmitrij Peskov declined to comment.",
    "Volodymyr Zelenskyj met European leaders in Kyiv.",
    "Forces loyal to Bashar al Asad retook the town.",
    "Former Soviet leader Michail Gorbatschow died at 91.",
])
def test_english_sentences_with_foreign_spelled_names_are_not_foreign(eng, text):
    assert lang_findings(eng, text)[0] == []


def test_foreign_sentence_opening_with_a_name_is_still_found(eng):
    (f,), _ = lang_findings(eng, "Emmanuel Macron a déclaré que la situation reste difficile. Then he left.",
                            target_language="en")
    assert dict(f.details)["language"] == "fr"
    assert f.original == "Emmanuel Macron a déclaré que la situation reste difficile."


def test_a_language_without_a_word_list_has_no_known_words():
    from transnorm.engine import language

    # wordfreq would answer for Somali and Welsh with its English list
    assert language._known("the", "en")
    assert not language._known("the", "so") and not language._known("the", "cy")

"""Properties of the whole pipeline (every check enabled), over text built from risky fragments
and over hostile documents (``hostile.py``: nested entities, double and triple mojibake, control
characters, mixed scripts, dashes against names)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from hostile import FRAGMENTS, hostile_document, hostile_documents
from transnorm.engine import Finding, OffsetMap, Options, Severity, apply_edits

fragment_texts = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=25).map(" ".join) | \
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=25).map("".join)
texts = fragment_texts | st.randoms(use_true_random=False).map(hostile_document)

# Derandomized: CI runs the same examples every time; bench/bench_idempotence.py measures the
# residual second-pass rate over 10,000 hostile documents.
SETTINGS = settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(texts)
def test_applied_edits_replay_to_the_output(bundled, text):
    r = bundled.normalize(text)
    assert apply_edits(text, r.applied) == r.output
    for f in r.applied + r.unapplied:
        assert text[f.start:f.end] == f.original
    assert all(f.applied for f in r.applied) and not any(f.applied for f in r.unapplied)


@SETTINGS
@given(texts)
def test_nothing_outside_an_edit_changes(bundled, text):
    r = bundled.normalize(text)
    pos, out_pos = 0, 0
    for f in r.applied:
        keep = text[pos:f.start]
        assert r.output[out_pos:out_pos + len(keep)] == keep
        out_pos += len(keep) + len(f.replacement)
        pos = f.end
    assert r.output[out_pos:] == text[pos:]


@SETTINGS
@given(fragment_texts)
def test_normalizing_the_output_again_applies_nothing(bundled, text):
    first = bundled.normalize(text)
    second = bundled.normalize(first.output, Options(allow_empty=True))
    assert second.applied == (), [(f.rule_id, f.original, f.replacement) for f in second.applied]


@SETTINGS
@given(texts)
def test_check_applies_nothing_and_finds_what_normalize_applies(bundled, text):
    n = bundled.normalize(text)
    c = bundled.check(text)
    assert c.output == text and c.applied == ()
    spans = {(f.start, f.end, f.rule_id) for f in c.unapplied}
    # Edits of a later pass (after repairs that revealed text, see engine/settle.py) say so.
    assert {(f.start, f.end, f.rule_id) for f in n.applied if "pass" not in dict(f.details)} <= spans


@SETTINGS
@given(texts)
def test_offsets_agree_in_all_three_units(bundled, text):
    r = bundled.normalize(text)
    om = OffsetMap(text)
    for f in r.findings:
        for cp in (f.start, f.end):
            u16, u8 = om.units(cp)
            assert u16 == len(text[:cp].encode("utf-16-le")) // 2
            assert u8 == len(text[:cp].encode("utf-8"))


def test_hostile_documents_are_settled_in_one_normalization(bundled):
    docs = hostile_documents(400, seed=11)
    again, composed = [], 0
    for text in docs:
        first = bundled.normalize(text, Options(allow_empty=True))
        assert apply_edits(text, first.applied) == first.output
        assert all(text[f.start:f.end] == f.original for f in first.applied)
        composed += sum(any(k == "composed_with" for k, _ in f.details) for f in first.applied)
        second = bundled.normalize(first.output, Options(allow_empty=True))
        again += [(text, f.rule_id, f.original, f.replacement) for f in second.applied]
    # None of the known limitations README lists ("Idempotence on hostile text") occurs in this
    # sample: a second pass applies nothing at all.
    assert not again, again[:3]
    assert composed > 20  # the sample does need edits composed over several passes
    assert sum("&amp;" in d for d in docs) > 30  # and holds nested entities


def test_a_repair_that_reveals_a_name_is_one_edit_with_it(bundled):
    text = "President As\x00ad met Putin for talks in the&nbsp;Syria."
    r = bundled.normalize(text)
    assert r.output == "President Assad met Putin for talks in Syria."
    assert apply_edits(text, r.applied) == r.output
    (name,) = [f for f in r.applied if f.rule_id == "name.variant"]
    assert name.original == "As\x00ad" and name.replacement == "Assad"
    assert dict(name.details)["composed_with"] == "space.control" and "space.control" in name.message
    assert dict(name.details)["pass"] == "2"
    assert bundled.normalize(r.output).applied == ()
    # nothing revealed, nothing overlapping: one pass, as before
    plain = bundled.normalize("President Asad met Putin in Damascus.")
    assert not any(k == "composed_with" for f in plain.applied for k, _ in f.details)


def test_a_doubly_escaped_entity_is_reported_not_half_decoded(bundled):
    for text in ("a&amp;nbsp;b", "x &amp;amp;lt; y", "it&amp;#8217;s", "R&amp;mdash;D"):
        r = bundled.normalize(text)
        assert r.output == text, (text, r.output)
        assert any(f.rule_id == "encoding.html_entity" and f.original == "&amp;" for f in r.unapplied)
    assert bundled.normalize("Johnson &amp; Johnson &amp;c").output == "Johnson & Johnson &c"


def test_markup_triggers_another_pass_only_when_glued_to_a_word():
    from transnorm.engine.settle import needs_another_pass

    def shortcode(text, original):
        start = text.index(original)
        return Finding(start, start + len(original), original, ("",), "cms.shortcode", "cms", Severity.WARNING,
                       "a shortcode", 0.95)

    alone = 'ceasefire.\n[caption id="" width="555"] Russian air force pilots'
    assert not needs_another_pass(alone, [shortcode(alone, '[caption id="" width="555"] ')])
    glued = "President As[b]ad met Putin"
    assert needs_another_pass(glued, [shortcode(glued, "[b]")])


# One rule's output read by another rule only on the next pass, found by bench/bench_idempotence.py:
# each text is settled in one normalization.
def _settled(bundled, text):
    r = bundled.normalize(text)
    assert bundled.normalize(r.output).applied == (), r.output
    return r


# Cases a second pass used to change: one rule's output that another rule read only on the next
# pass. Each is now settled in the pass that makes it.
SETTLED = [
    # the names check took "Al-Al-Assad" for a longer name the fuzzy check had found, the fuzzy
    # check left "Al-Assad" to the names check
    pytest.param("Bashar al-Assad met Putin. Then Al-Al-Assad left Syria.",
                 "Bashar al-Assad met Putin. Then Assad left Syria.",
                 id="a_doubled_particle_goes_with_the_name"),
    # "Syrias" held the name back as another person's given name; once punct.lost_apostrophe made
    # it "Syria's", the next pass rewrote the name
    pytest.param("Syrias Sergey Shoygu said the talks in Syria would go on.",
                 "Syria's Sergei Shoigu said the talks in Syria would go on.",
                 id="a_possessive_that_lost_its_apostrophe_is_no_given_name_before_a_name"),
    # punct.numero wrote "No." at the line's start, and the next pass read the break before it as a wrap
    pytest.param("Russia adopted the\n№ 5 resolution.",
                 "Russia adopted the No. 5 resolution.",
                 id="a_line_opening_with_the_numero_sign_opens_with_a_word"),
    # "- !" made the sentence's "--" doubtful until punct.space_before wrote "-!"; the next pass
    # then took "--" for a dash
    pytest.param("Syria -- the talks - ! went on.",
                 "Syria — the talks -! went on.",
                 id="a_hyphen_that_punct_space_before_glues_to_its_mark_leaves_its_sentence_alone"),
    # "- it's" read as a compound's tail ("Post-it") until punct.contraction wrote "its"; the next
    # pass then took the hyphen for a dash
    pytest.param("He scored - it's own goal, the coach said.",
                 "He scored — its own goal, the coach said.",
                 id="a_contraction_after_a_spaced_hyphen_opens_a_clause"),
    # "said.al-al-Assad" became "said.Assad", whose space space.missing_after gives only to a capital
    pytest.param("Putin spoke in Syria.al-al-Assad met Putin.",
                 "Putin spoke in Syria. Assad met Putin.",
                 id="a_name_that_gains_its_capital_against_a_full_stop_triggers_another_pass"),
    # "theSergei" parted showed "the the" to the next pass only
    pytest.param("the theSergei",
                 "the Sergei",
                 id="words_parted_by_space_glued_words_trigger_another_pass"),
    # "»–" was left alone until punct.guillemets had written "”–"
    pytest.param("He said «Асад»– Hmeymim",
                 "He said “Асад” — Khmeimim",
                 id="a_dash_slipped_after_a_closing_guillemet_is_repaired_with_it"),
    # "«№ 5" kept its lone mark until punct.numero had written "«No. 5"
    pytest.param("«№ 5\r\nIt was adopted.",
                 "“No. 5\r\nIt was adopted.",
                 id="a_lone_guillemet_before_the_numero_sign_opens_a_word"),
    # "the" two lines up read as a parallel ("the old - the new") until article.country removed it
    pytest.param("They met on Monday.\nthe Syria\n\n(Shoigu - the",
                 "They met on Monday.\nSyria\n\n(Shoigu — the",
                 id="a_parallel_before_a_spaced_hyphen_is_looked_for_on_its_line_only"),
    # "- the The convoy" read as two names ("Belgium - the Netherlands") until repeat.word removed
    # the copy; the next pass took the hyphen for a dash
    pytest.param("Ministrys Shoigu - the The convoy carried 400 tons.",
                 "Ministrys Shoigu — the convoy carried 400 tons.",
                 id="a_doubled_word_after_a_spaced_hyphen_is_read_as_one"),
    # "Assad''s --" had no word before the hyphen until punct.contraction wrote "Assad's"
    pytest.param("They met Assad''s -- Bora Bora, he said.",
                 "They met Assad's — Bora Bora, he said.",
                 id="a_word_with_its_apostrophe_typed_twice_stands_before_a_spaced_hyphen"),
]


@pytest.mark.parametrize("text, expected", SETTLED)
def test_what_a_second_pass_used_to_change_is_settled_in_one(bundled, text, expected):
    assert _settled(bundled, text).output == expected


def test_a_sentence_that_opens_its_own_quotation_does_not_resume_one(bundled):
    # "We" inside the next sentence's own quotation made it read as resumed speech once
    # punct.ru_quote_dash had turned '», - ' into ',” ': the next pass opened a quotation at its dash
    text = "Shoigu «We will continue», - Shoigu said. — Assad's «We will continue», - Shoigu said."
    r = _settled(bundled, text)
    assert r.output == "Shoigu “We will continue,” Shoigu said. — Assad's “We will continue,” Shoigu said."
    curly = "“We will continue,” Shoigu said. — Assad's “We will continue,” Shoigu said."
    assert not any(f.rule_id == "punct.resumed_quote" for f in bundled.check(curly).findings)
    resumed = bundled.normalize("\"It is settled,\" said Fedorov. - We'll see where this leads.")
    assert resumed.output == "\"It is settled,\" said Fedorov. \"We'll see where this leads."


def test_repeats_are_read_across_the_hard_wraps_that_become_spaces(bundled):
    # space.line_wrap joined "the\nThe" after repeat.word had removed a copy on each line: the
    # next pass found "the The"
    r = _settled(bundled, "It connects Bucharest with the the\nThe the name of Bucur.")
    assert r.output == "It connects Bucharest with the name of Bucur."
    assert _settled(bundled, "It connects Bucharest with the\nthe name of Bucur.").output == \
        "It connects Bucharest with the name of Bucur."
    # one word four times is a loop, not a phrase of two words said twice
    assert bundled.normalize("It was the the the the end.").output == "It was the end."
    # a break that is no hard wrap still parts the copies
    assert bundled.normalize("Read the\n\nthe end.").output == "Read the\n\nthe end."


def test_markup_removed_with_its_spaces_that_joins_two_marks_triggers_another_pass(bundled):
    from transnorm.engine.settle import needs_another_pass

    # cms.html_tag glued "«" to the name; punct.guillemets converts a lone "«" only glued to its word
    r = _settled(bundled, "The talks went on. « </p> Sergey Shoygu said the talks would go on.")
    assert r.output == "The talks went on. “Sergei Shoigu said the talks would go on."
    def tag(text, start, original):
        return Finding(start, start + len(original), original, ("",), "cms.html_tag", "cms", Severity.WARNING,
                       "a tag", 0.95)

    joined = "a « </p> b"
    assert needs_another_pass(joined, [tag(joined, 3, " </p> ")])
    apart = "a </p> b"  # one space is left between the words: nothing new meets
    assert not needs_another_pass(apart, [tag(apart, 1, " </p>")])


def test_a_name_rewritten_in_latin_letters_against_a_full_stop_triggers_another_pass(bundled):
    # "said.بشار" had its space only once the name was in Latin letters, in the next pass
    r = _settled(bundled, "The position did not change, she said.بشار الأسد met Putin.")
    assert r.output == "The position did not change, she said. Bashar al-Assad met Putin."
    spaced = bundled.normalize("The position did not change, she said. بشار الأسد met Putin.")
    assert spaced.output == "The position did not change, she said. Bashar al-Assad met Putin."
    assert not any(k == "pass" for f in spaced.applied for k, _ in f.details)  # one pass, as before


def test_the_documents_language_is_read_without_its_markup(bundled):
    from transnorm.engine.profiles import detect

    # "[/caption]" made this scrap read as Catalan, so no English rule ran until cms.shortcode had
    # removed it; the next pass read English
    text = ("https://example.com/russias \u2029\r\nPrеsident <р> Аssad &amp;amp;lt;  - \n\n -  — [/caption]\n"
            "President Asad met Putin at Hmeymim on Monday.«We will continue», - Shoigu said.\n“")
    assert detect(text)[0] == detect(text.replace("[/caption]", ""))[0] == "en"
    r = _settled(bundled, text)
    assert "President Assad met Putin at Khmeimim on Monday.“We will continue,” Shoigu said." in r.output


def test_a_contraction_after_a_hyphen_spaced_before_it_is_repaired(bundled):
    # "-dont" read as part of a hyphenated word until punct.spaced_hyphen wrote " — dont"
    r = _settled(bundled, "He said it -dont ask.")
    assert r.output == "He said it — don't ask."
    assert bundled.normalize("It was well-dont know.").output == "It was well-dont know."


def test_the_semicolons_of_an_empty_tags_line_do_not_make_a_text_code(bundled):
    # cms.escaped_quote left the backslashes while the "Tags: ; ; ;" line, which cms.empty_tags
    # removes, made the text look like code; the next pass removed them
    r = _settled(bundled, 'Tags: ; ; ;\nHe said \\"no\\" to them.')
    assert r.output == 'He said "no" to them.'
    code = 'x = 1;\nprint(\\"no\\")'
    assert not any(f.rule_id == "cms.escaped_quote" for f in bundled.check(code).findings)


def test_lets_is_read_as_it_stands_once_markup_and_typed_dashes_are_repaired(bundled):
    # "</p> Lets go" opens its line once cms.html_tag has removed the tag; "Kiev--Lets" has a dash
    # before it once punct.spaced_hyphen has written one: punct.lets waited for the next pass
    r = _settled(bundled, "Talks ended.\n</p> Lets go, he said.")
    assert r.output == "Talks ended.\nLet's go, he said."
    r = _settled(bundled, "--Kiev--Lets go, he said.")
    assert "Let's go, he said." in r.output
    assert bundled.normalize("a well-lets go").output == "a well-lets go"


def test_an_empty_tags_line_is_no_line_of_a_wrapped_texts_layout(bundled):
    # the break before "Tags: ; ; ;" made a third wrap-like break, so the text kept its lines; once
    # cms.empty_tags had removed the line, the next pass joined "in\ntalks"
    text = "They took part in\ntalks\nlet's see what Syria\nTags: ; ; ;"
    r = _settled(bundled, text)
    assert r.output == "They took part in talks\nlet's see what Syria"



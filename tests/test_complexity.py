"""No super-linear path: adversarial texts four times as long take about four times as long, not
sixteen (a generous bound; the figures at full size are in bench/bench_adversarial.py)."""
from __future__ import annotations

import time

import pytest

from transnorm.engine import Options

ENGLISH = Options(target_language="en")  # the English pipeline, with every name rule
ADVERSARIAL = {
    "one ambiguous name, thousands of times": "Asad ",
    "two spellings of one name alternating": "Asad Assad ",
    "unlisted spellings alternating": "Asaad Gadaffi ",
    "a name in Arabic script, repeated": "بشار الأسد ",
    "a Russian quotation in English text": "Shoigu said: «Мы продолжим» at Хмеймим. ",
    "unlisted full names and their surnames alone": "President Moammar Kadhafy spoke. Kadhafy left. ",
    "a person's name in one long sentence of dates": "Timoshenko in 1941 and ",
}


def _seconds(engine, text: str) -> float:
    best = float("inf")
    for _ in range(2):
        t0 = time.perf_counter()
        engine.normalize(text, ENGLISH)
        best = min(best, time.perf_counter() - t0)
    return best


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_four_times_the_text_takes_well_under_sixteen_times_as_long(bundled, name):
    unit = ADVERSARIAL[name]
    small, large = unit * (2500 // len(unit)), unit * (10000 // len(unit))
    bundled.normalize(small, ENGLISH)  # warm the lazy resources
    ratio = _seconds(bundled, large) / max(_seconds(bundled, small), 1e-4)
    assert ratio < 9, f"{name}: x4 text took x{ratio:.1f} time"


def test_a_call_past_its_deadline_stops_within_a_fraction_of_a_second(bundled):
    from transnorm.engine import DeadlineExceeded

    text = "Asad " * 100_000  # about 8 s of name work in full
    bundled.normalize("Asad " * 100, ENGLISH)
    t0 = time.monotonic()
    with pytest.raises(DeadlineExceeded):
        bundled.normalize(text, ENGLISH, deadline=t0 + 0.3)
    assert time.monotonic() - t0 < 1.5


class _Stop(Exception):
    pass


def _counting_tick(limit: int):
    calls = [0]

    def tick():
        calls[0] += 1
        if calls[0] > limit:
            raise _Stop
    return tick, calls


def test_a_long_run_of_names_is_read_with_the_callers_deadline_ticks(bundled):
    from transnorm.engine import fuzzy

    run_candidates = bundled.resource("fuzzy.runs", fuzzy._cached_run_candidates)
    words = ["Asad", "Assad"] * 400  # longer than fuzzy.LONG_RUN: a hostile text of names
    kinds = tuple(fuzzy.NAME for _ in words)
    tick, calls = _counting_tick(100)
    with pytest.raises(_Stop):  # a tick per word: a deadline stops the run part way
        run_candidates(" ".join(words), kinds, tick)
    assert calls[0] == 101
    short_tick, short_calls = _counting_tick(0)
    run_candidates("Asad Assad", (fuzzy.NAME, fuzzy.NAME), short_tick)  # a short run is remembered, not ticked
    assert short_calls[0] == 0


def test_stretches_matched_in_steps_are_those_of_the_whole_pattern():
    import random

    from transnorm.engine import fuzzy

    class Doc:
        looks = 0

        def check_deadline(self):
            Doc.looks += 1

    rng = random.Random(7)
    pieces = ["Asad", "al", "Al", "bin", "O'Brien", "RUSSIA'S", "the", "X", "el-", "Kiev", "Ül", ".", "\n"]
    texts = ["".join(rng.choice(pieces) + rng.choice([" ", "", "-", "  ", "\u00a0"]) for _ in range(rng.randint(1, 900)))
             for _ in range(300)]
    texts.append("Asad al-Assad " * (3 * fuzzy.STRETCH_STEP))  # one stretch of many steps
    whole = fuzzy._run_pattern()
    for text in texts:
        assert list(fuzzy._stretches(Doc(), text)) == [(m.start(), m.group()) for m in whole.finditer(text)]
    Doc.looks = 0
    list(fuzzy._stretches(Doc(), texts[-1]))
    assert Doc.looks > 3  # a look at the deadline between steps of one stretch


def test_the_repetition_scan_looks_at_the_deadline_inside_a_pass():
    from transnorm.engine.artifacts import repetition

    tick, calls = _counting_tick(10_000)
    repetition._candidates("Asad Assad " * 20_000, tick)  # a hit at every word in the two-word pass
    assert calls[0] > 6  # more than once per pass


def test_the_latin_view_read_in_chunks_under_a_deadline_is_the_whole_texts(bundled):
    import random

    from transnorm.engine import Document
    from transnorm.engine.artifacts.encoding import unconfuse
    from transnorm.engine.document import VIEW_CHUNK

    rng = random.Random(3)
    words = ["Аssad", "Хмеймим", "Putin’s", "Мы", "Kyiv", "Сергей", "Shоigu", "ΟΔΟΣ", "İstanbul", "x"]
    text = "".join(rng.choice(words) + rng.choice([" ", "\n", ", ", "\u00a0", "-"]) for _ in range(3 * VIEW_CHUNK // 5))
    doc = Document(bundled, text, ENGLISH, deadline=time.monotonic() + 600)
    assert len(text) > 2 * VIEW_CHUNK and doc.latin == unconfuse(text) != text

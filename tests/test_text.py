"""Sentence spans (engine.text.Sentences): the window around a position is the span from the
sentence ``radius`` before to the one ``radius`` after, clamped to the text."""
from __future__ import annotations

import random

from transnorm.engine.text import Sentences


def test_a_window_runs_from_the_sentence_radius_before_to_the_one_radius_after():
    rng = random.Random(7)
    for _ in range(200):
        text = "".join(rng.choice(["Asad said. ", "He left! ", "no end ", "\n", "x", "  "])
                       for _ in range(rng.randint(0, 30)))
        s = Sentences(text)
        starts = s.starts
        for pos in range(len(text) + 1):
            i = s.index(pos)
            for radius in range(3):
                first = min(max(i - radius, 0), len(starts) - 1)
                final = min(max(i + radius, 0), len(starts) - 1)
                end = starts[final + 1] if final + 1 < len(starts) else len(text)
                assert s.window(pos, radius) == (starts[first], end)
                assert s.span(i - radius)[0] == starts[first] and s.span(i + radius)[1] == end

"""Repetition: doubled words (``the the``) and the n-gram loops of neural MT (``Syria Syria Syria``).

Decisions: a doubled function word is a slip and is repaired; ``had had``, ``that that``,
``Bora Bora``, ``bye bye`` and similar are good English or names and are never findings;
``very very`` is emphasis and only reported; any other doubled word is reported. A word or
phrase repeated three or more times in a row is a loop and is cut to one; a phrase of several
words said twice is reported (``New York, New York`` is a title).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Iterable

from ..edits import Finding, Severity
from ..registry import Check, RuleInfo, register
from .common import GAP, find
from .data import EMPHASIS_REPEATS, LEGIT_REPEATS, SLIP_REPEATS

if TYPE_CHECKING:
    from ..document import Document

CATEGORY = "repetition"

WORD = RuleInfo(
    "repeat.word", CATEGORY, "apply", "apply", Severity.WARNING,
    "A doubled function word (the the, of of) loses the copy; other doubled words are reported; "
    "good English and names (had had, that that, Bora Bora, bye bye) are left alone.",
    "the end of the the civil war", "the end of the civil war",
    ("he had had enough", "he said that that was wrong", "Bora Bora", "Walla Walla", "bye bye"),
)
NGRAM = RuleInfo(
    "repeat.ngram", CATEGORY, "apply", "apply", Severity.WARNING,
    "A word or phrase repeated three or more times in a row (an MT loop) is cut to one; a phrase "
    "of several words said twice is reported.",
    "the end of the war of the war of the war in Syria", "the end of the war in Syria",
    ("ha ha ha", "New York, New York", "step by step"),
)

# Up to six words, then the same words again; case-insensitive, whitespace inside a line only.
# Markup and invisible characters between the copies count as space: they are removed anyway.
_REPEAT = re.compile(rf"(?<![\w'’-])([^\W\d_]+(?:[ \t]+[^\W\d_]+){{0,5}})(?:{GAP}\1(?![\w'’-])){{1,}}", re.IGNORECASE)


_WORD = re.compile(r"[^\W\d_]+")
_QUOTES = "\"“”'‘’"
_MARKUP = re.compile(r"<[^<>\n]*>|\[[^\[\]\n]*\]")


# Over the text's words coded as one character each: a sequence of up to six words that the
# next words repeat starts here (a look-ahead, so every such start is found, overlapping or not).
_CODED_REPEAT = re.compile(r"(?=(.{1,6})\1)", re.DOTALL)


def _candidates(text: str, step: Callable[[], None] = lambda: None) -> list[int]:
    """Start offsets of word sequences that the next words repeat: the only places a loop begins.

    Running the back-reference pattern only there keeps the check linear and cheap. Each
    distinct word is coded as one character, so that the words that repeat are found by one
    regex pass over the coded words, not by comparisons in Python. Words inside markup are
    blanked first, since markup between copies counts as space.
    """
    low = text.lower()
    if len(low) != len(text):
        return [m.start() for m in _WORD.finditer(text)]  # rare: lower-casing changed the length
    if "<" in low or "[" in low:
        low = _MARKUP.sub(lambda m: " " * len(m.group(0)), low)
    words = _WORD.findall(low)
    step()
    codes: dict[str, str] = {}
    coded = "".join([codes.setdefault(w, chr(len(codes))) for w in words])
    step()
    hits = []
    for k, m in enumerate(_CODED_REPEAT.finditer(coded)):
        if not k % 4096:
            step()  # a text of one phrase repeated has a hit at every word
        hits.append(m.start())
    if not hits:
        return []
    step()
    starts = [m.start() for m in _WORD.finditer(low)]
    return [starts[i] for i in hits]


def _repeats(text: str, step: Callable[[], None] = lambda: None) -> Iterable[re.Match]:
    pos = 0
    for k, start in enumerate(_candidates(text, step)):
        if not k % 256:
            step()
        if start < pos:
            continue
        m = _REPEAT.match(text, start)
        if m is not None:
            pos = m.end()
            yield m


def _wrap_joined(text: str) -> tuple[str, frozenset[int]]:
    """``text`` with the hard wraps that ``space.line_wrap`` makes spaces read as spaces (the same
    length, so offsets hold), and where the lines after them start: a word and its copy on either
    side of such a break are doubled once the break is a space ("the\nthe")."""
    if "\n" not in text:
        return text, frozenset()
    from .whitespace import line_wraps  # imported here: the whitespace check registers last

    wraps = [(f.start, f.end) for f in line_wraps(text)]
    if not wraps:
        return text, frozenset()
    pieces, pos = [], 0
    for s, e in wraps:
        pieces += [text[pos:s], " " * (e - s)]
        pos = e
    pieces.append(text[pos:])
    return "".join(pieces), frozenset(e for _, e in wraps)


def _copies(unit: str, m: re.Match, line_starts: frozenset[int]) -> list[str]:
    """The copies of ``unit`` in the repeat ``m``; one that opens a wrapped line takes the case of
    the copy before it ("the\nThe" reads as "the the" once the break is a space)."""
    copies: list[str] = []
    for c in re.finditer(re.escape(unit), m.group(0), re.IGNORECASE):
        word = c.group(0)
        if copies and m.start() + c.start() in line_starts:
            word = copies[-1][0] + word[1:]
        copies.append(word)
    return copies


def check(doc: "Document") -> Iterable[Finding]:
    # Repeats are read as space.line_wrap leaves the text, or its joined lines would show a
    # doubled word to the next pass.
    text, line_starts = _wrap_joined(doc.text)
    for m in _repeats(text, doc.check_deadline):
        unit = m.group(1)
        words = unit.split()
        if len(words) > 1 and len({w.lower() for w in words}) == 1:
            unit, words = words[0], words[:1]  # "the the the the" is one word four times, not a phrase twice
        count = len(re.findall(r"[^\W\d_]+", m.group(0))) // len(words)
        first_end = m.start() + len(unit)
        low = unit.lower()
        if len(words) == 1:
            if low in LEGIT_REPEATS:
                continue
            if count >= 3:
                rule, conf, fix = (WORD, 0.5, False) if low in EMPHASIS_REPEATS else (NGRAM, 0.99, True)
            elif low in SLIP_REPEATS:
                rule, conf, fix = WORD, 0.99, True
            else:
                rule, conf, fix = WORD, 0.5, False
        else:
            if all(w.lower() in LEGIT_REPEATS for w in words):
                continue
            rule, conf, fix = (NGRAM, 0.99, True) if count >= 3 else (NGRAM, 0.5, False)
        if text[m.start() - 1:m.start()] in _QUOTES and text[m.end():m.end() + 1] in _QUOTES and m.start() > 0:
            continue  # a quoted mention: search for "the the"
        copies = _copies(unit, m, line_starts)
        alike = all(c == copies[-1] for c in copies[1:]) and copies[0][1:] == copies[-1][1:]
        if fix and not alike:
            conf, fix = 0.5, False  # copies in different case (als Als ALs) are a list, not a loop
        times = {2: "twice", 3: "three times"}.get(count, f"{count} times")
        if fix:
            msg = f"{unit!r} is written {times} in a row; " + ("the copy is removed." if count == 2 else "the copies are removed.")
        elif low in EMPHASIS_REPEATS:
            msg = f"{unit!r} is written {times} in a row, probably for emphasis; not changed."
        else:
            msg = f"{unit!r} is written {times} in a row; it may be a slip, but not changed."
        # Keep the last copy when all copies are spelled alike, so the words after it keep their
        # neighbour (article.country may still remove a "the" before a country); keep the first
        # when its case differs ("The the minister").
        last_start = m.end() - len(unit)
        if text[last_start:m.end()] == unit:
            yield find(rule, doc.text, m.start(), last_start, "", msg, conf, autofix=fix)
        else:
            yield find(rule, doc.text, first_end, m.end(), "", msg, conf, autofix=fix)


register(Check("artifacts.repetition", (WORD, NGRAM), check))

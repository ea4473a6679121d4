"""Text helpers shared by the rules: sentence boundaries and spans no rule may touch."""
from __future__ import annotations

import bisect
import re
from functools import cached_property
from typing import Iterable

# A sentence ends at . ! ? or … (optionally closed by quotes or brackets) followed by white space,
# or at a line break, unless the line goes on in lower case (a paragraph wrapped by hand, as plain
# text pages are). Abbreviations such as "Gen." rarely start a glossary name, so no list of them.
# (The ending mark first, one class for both cases, so that the regex engine skips to those marks.)
_SENT_END = re.compile(r"[.!?\u2026\n](?:(?<=\n)(?![ \t]*[a-z])|(?<!\n)[\"'”’»)\]]*(?=\s))")
# With the white space after it: the next sentence starts where the match ends.
_SENT_END_AND_SPACE = re.compile(_SENT_END.pattern + r"\s*")
# Spans a rule must not change: URLs, e-mail addresses, `code spans`. Each pattern starts with a
# literal or runs only when its marker character occurs, so plain prose is scanned quickly.
_URL = re.compile(r"(?:https?|ftp)://[^\s<>\"“”]+|www\.[^\s<>\"“”]+")
_EMAIL_RIGHT = re.compile(r"@[\w-]+(?:\.[\w-]+)+")
_EMAIL_LEFT = re.compile(r"[\w.+-]+$")
_CODE = re.compile(r"`[^`\n]+`")
_OPENERS = "\"'“‘«([¿¡ \t\u00a0\u200b\u200c\u200d\u2060\ufeff\u00ad"
# An HTML tag or a shortcode that ends right here.
_MARKUP_BEFORE = re.compile(r"(?:</?[A-Za-z][^<>\n]*>|\[/?[a-z][^\[\]\n]*\])$")


class Sentences:
    """Sentence spans of one text, computed once."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def starts(self) -> list[int]:
        starts = [0]
        size = len(self.text)
        for m in _SENT_END_AND_SPACE.finditer(self.text):
            j = m.end()
            if j < size and j != starts[-1]:
                starts.append(j)
        return starts

    def index(self, pos: int) -> int:
        """Index of the sentence that holds ``pos``."""
        return bisect.bisect_right(self.starts, pos) - 1

    def span(self, i: int) -> tuple[int, int]:
        starts = self.starts
        last = len(starts) - 1
        i = 0 if i < 0 else last if i > last else i
        return starts[i], starts[i + 1] if i < last else len(self.text)

    def window(self, pos: int, radius: int = 1) -> tuple[int, int]:
        """The span from ``radius`` sentences before the one at ``pos`` to ``radius`` after it."""
        # ``span`` of the sentences ``radius`` before and after, inline: names ask once per mention.
        starts = self.starts
        last = len(starts) - 1
        i = bisect.bisect_right(starts, pos) - 1
        first, final = i - radius, i + radius
        first = 0 if first < 0 else last if first > last else first
        final = 0 if final < 0 else last if final > last else final
        return starts[first], starts[final + 1] if final < last else len(self.text)

    def is_start(self, pos: int) -> bool:
        """True when only opening quotes, brackets, spaces, invisible characters or markup (which
        other rules remove) stand between ``pos`` and a sentence start."""
        i = pos - 1
        while i >= 0:
            if self.text[i] in _OPENERS:
                i -= 1
            elif self.text[i] in ">]" and (m := _MARKUP_BEFORE.search(self.text, max(0, i - 300), i + 1)):
                i = m.start() - 1
            else:
                break
        if i < 0 or self.text[i] == "\n":
            return True
        starts = self.starts
        return starts[bisect.bisect_right(starts, pos) - 1] > i


def skip_spans(text: str, extra: tuple[tuple[int, int], ...] = ()) -> list[tuple[int, int]]:
    """Sorted, merged spans that no edit may overlap: URLs, e-mails, code spans, caller ranges."""
    spans = [m.span() for m in _URL.finditer(text)] if "://" in text or "www." in text else []
    if "`" in text:
        spans += [m.span() for m in _CODE.finditer(text)]
    at = text.find("@")
    while at >= 0:
        right = _EMAIL_RIGHT.match(text, at)
        left = _EMAIL_LEFT.search(text, max(0, at - 64), at)
        if right and left:
            spans.append((left.start(), right.end()))
        at = text.find("@", at + 1)
    spans += [(s, e) for s, e in extra if e > s]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def in_spans(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps any of the merged ``spans`` (``starts`` are their starts)."""
    i = bisect.bisect_right(starts, start) - 1
    for s, e in spans[max(0, i): i + 2]:
        if start < e and s < max(end, start + 1):
            return True
    return False


def is_word_char(c: str) -> bool:
    return c.isalnum()


def word_bounded(text: str, start: int, end: int) -> bool:
    """True when neither neighbour of ``text[start:end]`` continues a word."""
    if start > 0 and is_word_char(text[start - 1]) and is_word_char(text[start]):
        return False
    if end < len(text) and is_word_char(text[end]) and is_word_char(text[end - 1]):
        return False
    return True


def trie_pattern(words: Iterable[str]) -> str:
    """A pattern matching exactly ``words``, factored by common prefixes (``d(?:idnt|oesnt|ont)``):
    far faster for the regex engine than a flat alternation, which it tries one alternative after
    another. Where several words match at one place, the longest that lets the rest of the
    pattern match wins, as in an alternation sorted longest first."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)

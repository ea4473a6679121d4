"""Helpers shared by the artifact rules: building findings, removing a span cleanly, and trying a
pattern only around the rare characters it must hold."""
from __future__ import annotations

import re
from typing import Iterable

from ..edits import Finding, make_finding
from ..registry import RuleInfo

# Invisible characters count as space here: a removal takes them along.
SPACES = " \t\u00a0\u200b\u2060\ufeff\u00ad"
# What separates two words once the removable junk between them is gone: spaces, invisible
# characters, HTML tags and shortcodes.
GAP = r"(?:[ \t\u00a0\u200b\u2060\ufeff\u00ad]|</?[a-zA-Z][^<>\n]*>|\[/?[a-z][^\[\]\n]*\])+"
CLOSERS = ",.;:!?)]}”’»"
OPENERS = "([{“‘«"


def find(rule: RuleInfo, text: str, start: int, end: int, replacement: str | None, message: str,
         confidence: float, autofix: bool = True, **kw) -> Finding:
    """A finding of ``rule``; a rule whose default mode is report never auto-fixes a guess."""
    return make_finding(text, start, end, replacement, rule_id=rule.id, category=rule.category,
                        severity=rule.severity, message=message, confidence=confidence,
                        autofix=autofix and replacement is not None, **kw)


def removal(text: str, start: int, end: int, joiner: str = "") -> tuple[int, int, str]:
    """The span and replacement that delete ``text[start:end]`` without leaving doubled spaces.

    Spaces on both sides collapse to the one before; at a line start the spaces after go, at a
    line end the spaces before go, and before a closing mark (or after an opening one) both go.
    Spaces next to a dash are left to the dash, which punct.dash may retype. ``joiner`` is put
    back when the removed text stood between two non-space characters (``" "`` for a block tag
    between words).
    """
    ls = start
    while ls > 0 and text[ls - 1] in SPACES:
        ls -= 1
    re_ = end
    while re_ < len(text) and text[re_] in SPACES:
        re_ += 1
    left, right = ls < start, end < re_
    dash_left = ls > 0 and text[ls - 1] in "–—"
    dash_right = re_ < len(text) and text[re_] in "–—"
    at_line_start = ls == 0 or text[ls - 1] == "\n"
    at_line_end = re_ == len(text) or text[re_] in "\r\n"
    if at_line_start and at_line_end:
        return ls, re_, ""
    if at_line_start:
        return start, (end if dash_right else re_), ""
    if at_line_end:
        return (start if dash_left else ls), end, ""
    if text[re_] in CLOSERS or text[ls - 1] in OPENERS:
        return ls, re_, ""  # no space may stand before a closing mark or after an opening one
    if left and right:
        if not dash_right:
            return start, re_, ""
        if not dash_left:
            return ls, end, ""
        return start, re_, ""
    if left or right:
        return start, end, ""
    return start, end, joiner


def cap_like(word: str, model: str) -> str:
    """``word`` with the first letter's case of ``model``."""
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def anchored(pattern: re.Pattern, anchor: re.Pattern, run: frozenset[str] | str, text: str) -> Iterable[re.Match]:
    """Non-overlapping matches of ``pattern`` that hold an ``anchor`` match, tried only from the
    run of ``run`` characters just before each anchor: the anchor is rare, so this is far cheaper
    than trying ``pattern`` at every position of the text."""
    end = 0
    for d in anchor.finditer(text):
        p = d.start()
        if p < end:
            continue
        q = p
        while q > end and text[q - 1] in run:
            q -= 1
        for start in range(q, p + 1):
            m = pattern.match(text, start)
            if m is not None:
                end = m.end()
                yield m
                break

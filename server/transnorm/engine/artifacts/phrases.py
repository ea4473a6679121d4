"""Source-country boilerplate and calques from the glossary's ``phrases:`` list, reported for an editor.

A phrase with a ``suggestion`` (or whose message calls it a calque) is a calque (``with reference
to`` -> ``citing``); any other is boilerplate (``(organization banned in Russia)``) whose only
repair is an editor's decision.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

import ahocorasick

from ...glossary import Phrase, fold
from ..edits import Finding, Severity
from ..registry import Check, RuleInfo, register
from .common import cap_like, find

if TYPE_CHECKING:
    from ..document import Document
    from ..pipeline import Engine

CATEGORY = "style"

BOILERPLATE = RuleInfo(
    "style.boilerplate", CATEGORY, "report", "report", Severity.INFO,
    "Source-country legal or editorial boilerplate from the glossary's phrase list; an editor "
    "decides whether to keep it.",
    "against the IS (organization banned in Russia) and", "against the IS (organization banned in Russia) and",
    ("an organization banned in several countries",),
)
CALQUE = RuleInfo(
    "style.calque", CATEGORY, "report", "apply", Severity.INFO,
    "A calque of source-language wording from the glossary's phrase list, with the English idiom "
    "as suggestion (applied only in the strict profile).",
    "As noted NSN with reference to Shoigu.", "As noted NSN with reference to Shoigu.",
    ("with regard to the talks",),
)


def _compile(engine: "Engine") -> list[tuple[str, re.Pattern, Phrase]]:
    """Per phrase: its first words folded (a cheap ``str.find`` anchor) and its full pattern."""
    out = []
    for p in engine.glossary.phrases:
        words = p.pattern.split()
        body = r"\s+".join(re.escape(w) for w in words)
        left = r"(?<!\w)" if p.pattern[0].isalnum() else ""
        right = r"(?!\w)" if p.pattern[-1].isalnum() else ""
        # The first two words make a rarer anchor than "the" or "with" alone; a phrase written with
        # a doubled space inside is missed, and space.double repairs that space anyway.
        out.append((fold(" ".join(words[:2])), re.compile(left + body + right, re.IGNORECASE), p))
    # Longer patterns first, so a phrase that contains another wins.
    out.sort(key=lambda t: -len(t[2].pattern))
    return out


def _anchors(engine: "Engine") -> "ahocorasick.Automaton | None":
    """One automaton of every phrase's anchor: one scan of the text finds them all (a ``str.find``
    per phrase reads the whole text once each). None when an anchor is empty."""
    anchors = {anchor for anchor, _, _ in engine.resource("artifacts.phrases", _compile)}
    if not anchors or "" in anchors:
        return None
    automaton = ahocorasick.Automaton()
    for anchor in anchors:
        automaton.add_word(anchor, anchor)
    automaton.make_automaton()
    return automaton


def _anchor_starts(doc: "Document", compiled) -> dict[str, list[int]]:
    """Where each anchor occurs in the folded text (overlapping occurrences too), in order."""
    folded = doc.folded
    automaton = doc.engine.resource("artifacts.phrase_anchors", _anchors)
    if automaton is None:
        starts: dict[str, list[int]] = {}
        for anchor, _, _ in compiled:
            if anchor not in starts:
                at, i = [], folded.find(anchor)
                while i >= 0:
                    at.append(i)
                    i = folded.find(anchor, i + 1)
                starts[anchor] = at
        return starts
    starts = {anchor: [] for anchor, _, _ in compiled}
    for last, anchor in automaton.iter(folded):
        starts[anchor].append(last + 1 - len(anchor))
    return starts


def _matches(doc: "Document", compiled) -> list[tuple[int, int, Phrase]]:
    text = doc.text
    starts = _anchor_starts(doc, compiled)
    found: list[tuple[int, int, Phrase]] = []
    for anchor, pattern, p in compiled:
        for i in starts[anchor]:
            m = pattern.match(text, i)
            if m is not None and not any(s < m.end() and m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), p))
    return sorted(found, key=lambda t: t[0])


def check(doc: "Document") -> Iterable[Finding]:
    compiled = doc.engine.resource("artifacts.phrases", _compile)
    if not compiled:
        return
    text = doc.text
    for start, end, p in _matches(doc, compiled):
        seen = text[start:end]
        message = p.message.rstrip(".")
        if p.suggestion or "calque" in p.message.lower():
            rep = cap_like(p.suggestion, seen) if p.suggestion else None
            hint = f" (suggestion: {rep!r})" if rep else ""
            yield find(CALQUE, text, start, end, rep, f"{seen!r}: {message}{hint}.", 0.9, entry_id=p.id)
        else:
            yield find(BOILERPLATE, text, start, end, None, f"{seen!r}: {message}.", 0.7, entry_id=p.id)


register(Check("artifacts.phrases", (BOILERPLATE, CALQUE), check))

"""Source-country boilerplate and calques from the glossary's ``phrases:`` list, reported for an editor.

A phrase with a ``suggestion`` (or whose message calls it a calque) is a calque (``with reference
to`` -> ``citing``); any other is boilerplate (``(organization banned in Russia)``) whose only
repair is an editor's decision.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from ...glossary import Phrase
from ..edits import Finding, Severity
from ..registry import Check, RuleInfo, register
from .common import cap_like, find

if TYPE_CHECKING:
    from ..pipeline import Document, Engine

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


def _compile(engine: "Engine") -> tuple[re.Pattern, dict[str, Phrase]] | None:
    phrases = engine.glossary.phrases
    if not phrases:
        return None
    alts, by_group = [], {}
    for i, p in enumerate(phrases):
        body = r"\s+".join(re.escape(w) for w in p.pattern.split())
        left = r"(?<!\w)" if p.pattern[0].isalnum() else ""
        right = r"(?!\w)" if p.pattern[-1].isalnum() else ""
        alts.append(f"(?P<p{i}>{left}{body}{right})")
        by_group[f"p{i}"] = p
    # Longer patterns first, so a phrase that contains another wins.
    order = sorted(range(len(alts)), key=lambda i: -len(phrases[i].pattern))
    return re.compile("|".join(alts[i] for i in order), re.IGNORECASE), by_group


def check(doc: "Document") -> Iterable[Finding]:
    compiled = doc.engine.resource("artifacts.phrases", _compile)
    if compiled is None:
        return
    pattern, by_group = compiled
    text = doc.text
    for m in pattern.finditer(text):
        p = by_group[m.lastgroup]
        if p.suggestion or "calque" in p.message.lower():
            rep = cap_like(p.suggestion, m.group(0)) if p.suggestion else None
            hint = f" (suggestion: {rep!r})" if rep else ""
            yield find(CALQUE, text, m.start(), m.end(), rep,
                       f"{m.group(0)!r}: {p.message.rstrip('.')}{hint}.", 0.7, entry_id=p.id)
        else:
            yield find(BOILERPLATE, text, m.start(), m.end(), None, f"{m.group(0)!r}: {p.message.rstrip('.')}.", 0.7,
                       entry_id=p.id)


register(Check("artifacts.phrases", (BOILERPLATE, CALQUE), check))

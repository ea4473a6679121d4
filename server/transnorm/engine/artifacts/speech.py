"""Direct speech whose quotation marks were lost: ``We must act, said Putin.`` (reported only)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from ..edits import Finding, Severity
from ..registry import Check, RuleInfo, register
from .common import find
from .data import FIRST_SECOND_PERSON, SPEECH_VERBS

if TYPE_CHECKING:
    from ..document import Document

LOST_QUOTES = RuleInfo(
    "punct.lost_quotes", "punctuation", "report", "report", Severity.WARNING,
    "A sentence that reads like direct speech (first or second person) ends in \", said X.\" "
    "without quotation marks; reported, since where the quotation begins cannot be known.",
    "We must act carefully, said Putin.", "We must act carefully, said Putin.",
    ("Talks were held, said Konashenkov.", "“We must act carefully,” said Putin."),
)

_VERBS = "|".join(sorted(SPEECH_VERBS))
# ", said Putin." / ", Putin said." / ", he added." / ", the minister said."
_TAIL = re.compile(
    rf",[ \u00a0]+(?:(?:{_VERBS})[ \u00a0]+[A-Z][\w'’.-]*(?:[ \u00a0]+[A-Z][\w'’-]*)*"
    rf"|(?:[A-Z][\w'’-]*(?:[ \u00a0]+[A-Z][\w'’-]*)*|he|she|they|the[ \u00a0]+[a-z]+)[ \u00a0]+(?:{_VERBS}))\.",
)
_QUOTE_MARKS = re.compile(r"[\"“”«»„]")
_WORDS = re.compile(r"[^\W\d_]+(?:['’][a-z]+)?")


def check(doc: "Document") -> Iterable[Finding]:
    text = doc.text
    if "," not in text:
        return
    for m in _TAIL.finditer(text):
        s, _ = doc.sentences.span(doc.sentences.index(m.start()))
        body = text[s:m.start()]
        if not body.strip() or _QUOTE_MARKS.search(body) or "\n" in body.strip():
            continue
        persons = [w for w in _WORDS.findall(body) if w.lower() in FIRST_SECOND_PERSON]
        if not persons:
            continue
        lead = len(body) - len(body.lstrip())
        yield find(LOST_QUOTES, text, s + lead, m.start(), None,
                   f"This reads like direct speech (it says {persons[0]!r}) but has no quotation marks; "
                   "they cannot be restored safely, because where the quotation begins is unclear. "
                   "An editor should add them.", 0.5)


register(Check("artifacts.speech", (LOST_QUOTES,), check))

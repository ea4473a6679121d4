"""Direct speech whose quotation marks were lost.

- ``punct.lost_quotes``: ``We must act, said Putin.`` with no quotation mark at all (reported:
  where the quotation begins cannot be known).
- ``punct.unclosed_quote``: a quotation opened on a line and never closed on it, then ``?``, ``!``
  or ``,`` and a speech verb before a name (``…can they live luxuriously? wrote Mykhailo Tkach``):
  the closing mark goes after that punctuation, in the kind of the opening one.
- ``punct.closing_quote``: the mark that closes a quotation opened on its line, typed as an
  opening mark or on the wrong side of a space: ``punitive forces“.`` (``forces.”``), ``in our
  country. “`` at the line's end (``country.”``), ``they carry them out, " said`` (``out," said``).
"""
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

UNCLOSED_QUOTE = RuleInfo(
    "punct.unclosed_quote", "punctuation", "apply", "apply", Severity.WARNING,
    "A quotation opened on a line and never closed on it, followed by ?, ! or a comma and a "
    "speech verb before a name, gets its closing mark after that punctuation.",
    "“Can they live luxuriously? wrote Mykhailo Tkach.", "“Can they live luxuriously?” wrote Mykhailo Tkach.",
    ("“Can they live luxuriously?” wrote Mykhailo Tkach.", "Can they live luxuriously? wrote Tkach."),
)

CLOSING_QUOTE = RuleInfo(
    "punct.closing_quote", "punctuation", "apply", "apply", Severity.WARNING,
    "The mark closing a quotation opened on its line, typed as an opening mark (forces“. becomes "
    "forces.”; an opening mark after the last sentence of a line) or spaced off its punctuation "
    "before a speech verb (out, \" said becomes out,\" said).",
    "“They acted on their own forces“.", "“They acted on their own forces.”",
    ("“Peace“ – and so on.", "He said. “Then", "She wrote Ukraine“. No quote was open.",
     'out, " said', '"It is over," he said, " and we know it."'),
)

_VERBS = "|".join(sorted(SPEECH_VERBS))
# An opening mark glued to the word before it and followed by the sentence's punctuation
# ("punitive forces“."); or one after a sentence's end with nothing after it on the line
# ("in our country. “").
_GLUED_OPENER = re.compile(r"(?<=[^\W\d_])“([.,!?;:])(?=[\s”’\"»)]|$)")
_LINE_END_OPENER = re.compile(r"(?<=[^\W\d_])([.!?…])[ \u00a0]+“[ \u00a0]*$", re.MULTILINE)
# A closing mark spaced off the comma before it, then a speech verb: 'out, " said Bacurin'.
_SPACED_CLOSER = re.compile(rf"(?<=[^\W\d_])([,.!?])[ \u00a0]+([\"”])(?=[ \u00a0]+(?:{_VERBS})\b)")
# The end of a quotation before its attribution: "luxuriously? wrote Mykhailo", "act, said Putin".
_ATTRIBUTION = re.compile(rf"[?!,](?=[ \u00a0]+(?:{_VERBS})[ \u00a0]+[A-Z])")
# ", said Putin." / ", Putin said." / ", he added." / ", the minister said."
_TAIL = re.compile(
    rf",[ \u00a0]+(?:(?:{_VERBS})[ \u00a0]+[A-Z][\w'’.-]*(?:[ \u00a0]+[A-Z][\w'’-]*)*"
    rf"|(?:[A-Z][\w'’-]*(?:[ \u00a0]+[A-Z][\w'’-]*)*|he|she|they|the[ \u00a0]+[a-z]+)[ \u00a0]+(?:{_VERBS}))\.",
)
_QUOTE_MARKS = re.compile(r"[\"“”«»„]")
_WORDS = re.compile(r"[^\W\d_]+(?:['’][a-z]+)?")


def check(doc: "Document") -> Iterable[Finding]:
    text = doc.text
    if "“" in text or '"' in text:
        yield from _unclosed(text)
        yield from _closing_marks(text)
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


def _open_before(line: str, i: int, mark: str) -> bool:
    """Whether a quotation of the kind of ``mark`` is open on ``line`` before ``i``."""
    if mark == '"':
        return line.count('"', 0, i) % 2 == 1
    return line.count("“", 0, i) > line.count("”", 0, i)


def _closing_marks(text: str) -> Iterable[Finding]:
    pos = 0
    for line in text.split("\n"):
        base, pos = pos, pos + len(line) + 1
        if "«" in line or "»" in line or "„" in line:
            continue  # guillemets and low marks are paired by punct.guillemets
        if "“" in line:
            for m in _GLUED_OPENER.finditer(line):
                if _open_before(line, m.start(), "“") and line.count("“", m.end()) <= line.count("”", m.end()):
                    yield find(CLOSING_QUOTE, text, base + m.start(), base + m.end(), m.group(1) + "”",
                               f"'“' after {line[max(0, m.start() - 12):m.start()].split()[-1]!r} closes the quotation "
                               f"opened before it: it is the closing mark '”', after the {m.group(1)!r}.", 0.95)
            m = _LINE_END_OPENER.search(line)
            if m is not None and _open_before(line, m.start(), "“"):
                yield find(CLOSING_QUOTE, text, base + m.start(1) + 1, base + m.end(), "”",
                           "An opening mark after the line's last sentence opens nothing: it closes the quotation "
                           "opened before it, as '”'.", 0.95)
        for m in _SPACED_CLOSER.finditer(line) if ('"' in line or "”" in line) else ():
            mark = m.group(2)
            if (mark == '"' and _open_before(line, m.start(2), '"')) or (mark == "”" and _open_before(line, m.start(2), "“")):
                yield find(CLOSING_QUOTE, text, base + m.end(1), base + m.start(2), "",
                           f"The closing mark {mark!r} is spaced off the {m.group(1)!r} before it, ahead of the "
                           "attribution: the space goes.", 0.95)


def _unclosed(text: str) -> Iterable[Finding]:
    pos = 0
    for line in text.split("\n"):
        base, pos = pos, pos + len(line) + 1
        curly = line.count("“") == 1 and "”" not in line
        straight = line.count('"') == 1
        if curly == straight:
            continue  # no quotation left open, or two kinds at once
        opened = line.index("“" if curly else '"')
        if straight and (opened + 1 >= len(line) or not line[opened + 1].isalnum() or
                         (opened and line[opened - 1].isalnum())):
            continue  # a straight mark that opens nothing: an inch sign, a closing mark
        end = _ATTRIBUTION.search(line, opened + 1)
        if end is None or "«" in line or "»" in line:
            continue
        closer = "”" if curly else '"'
        at = base + end.end()
        yield find(UNCLOSED_QUOTE, text, at, at, closer,
                   f"The quotation opened with {line[opened]!r} is never closed before its attribution "
                   f"({line[end.start():end.start() + 30].split(chr(10))[0].strip()!r}); the closing mark goes "
                   f"after {line[end.start()]!r}.", 0.9)


register(Check("artifacts.speech", (LOST_QUOTES, UNCLOSED_QUOTE, CLOSING_QUOTE), check))

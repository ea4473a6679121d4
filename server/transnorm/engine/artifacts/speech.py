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
from bisect import bisect_left
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
    "speech verb before a name (or a comma, the speaker's title and name in capitals, and the "
    "speech verb), gets its closing mark after that punctuation.",
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

NESTED_QUOTE = RuleInfo(
    "punct.nested_quote", "punctuation", "apply", "apply", Severity.INFO,
    "A quotation inside a quotation written with double curly marks (“… “…” …”) takes single ones "
    "(“… ‘…’ …”), when the line's marks pair up with no doubt.",
    "“Big countries are saying: “Choose a side.” They insist,” he said.",
    "“Big countries are saying: ‘Choose a side.’ They insist,” he said.",
    ("“Peace” and “war” are words.", "“He said “no.", "“A “B” C"),
)
UNOPENED_QUOTE = RuleInfo(
    "punct.unopened_quote", "punctuation", "apply", "apply", Severity.WARNING,
    "A short quotation that opens its paragraph and closes with ” but lost its opening mark (The big "
    "push” is how ...) gets “ at the paragraph's start, when no quotation opened earlier in the text runs on.",
    "The big push” is how the journal described the attack.",
    "“The big push” is how the journal described the attack.",
    ("“The big push” is how", "It was a 12” screen.", "“We will fight.\nThey said so.”\nNo.", "Buhari”s men"),
)
RESUMED_QUOTE = RuleInfo(
    "punct.resumed_quote", "punctuation", "apply", "apply", Severity.WARNING,
    "A quotation resumed after its attribution sentence (,\" said Fedorov.) lost its opening mark, "
    "the next sentence reading as speech (it says I, we, you, our): where a Russian dash opens it "
    "(said Fedorov. - We'll see) the dash becomes the opening mark; with no dash, the mark is put "
    "back when the rest of the paragraph holds no other mark and closes the quotation at its end.",
    "\"It is settled,\" said Fedorov. - We'll see where this leads.",
    "\"It is settled,\" said Fedorov. \"We'll see where this leads.",
    ("\"It is settled,\" said Fedorov. He left.", "“Yes,” said Tom. He said “no” later.”",
     "“Yes,” said Tom. - a list item", "“Yes,” said Tom. Then he wrote “Bye.”"),
)
QUOTE_TYPO = RuleInfo(
    "punct.quote_typo", "punctuation", "apply", "apply", Severity.INFO,
    "A quotation mark typed twice after a quotation's last word (Into Night,\"\" is) becomes one; an "
    "opening single quote typed as a backtick and closed with a straight one (the `Year of Heydar "
    "Aliyev') becomes a straight one. Not in code or CSV (doubled quotes inside a field).",
    "the `Year of Heydar Aliyev' in the Republic", "the 'Year of Heydar Aliyev' in the Republic",
    ("run `make' and `make install'", "print(\"\"\"doc\"\"\")", 'a,"He said ""yes."""', "didn`t"),
)
# A doubled closing mark after a quotation's last word and its punctuation: 'Into Night,"" is'.
_DOUBLED_CLOSER = re.compile(r'(?<=[^\W\d_][,.!?])""(?=[ \u00a0]+[a-z])')
# A backtick opening a quotation closed by a straight single quote later on the line: "`Year ... Aliyev'".
_BACKTICK_OPENER = re.compile(r"(?<![^\s(\[“\"])`(?=[A-Za-z])([^`'\n]{1,80}?[a-z.!?])'(?![\w'`])")
UNOPENED_WORDS = 6  # words a quotation that lost its opening mark may hold, at most

_VERBS = "|".join(sorted(SPEECH_VERBS))
# An opening mark glued to the word before it and followed by the sentence's punctuation
# ("punitive forces“."); or one after a sentence's end with nothing after it on the line
# ("in our country. “").
_GLUED_OPENER = re.compile(r"“(?<=[^\W\d_]“)([.,!?;:])(?=[\s”’\"»)]|$)")
_LINE_END_OPENER = re.compile(r"([.!?…])(?<=[^\W\d_][.!?…])[ \u00a0]+“[ \u00a0]*$", re.MULTILINE)
_OPENER_AT_LINE_END = re.compile(r"“[ \u00a0]*$", re.MULTILINE)  # its tail: a cheap scan that tells whether it can match


def _line_end_opener(text: str) -> re.Match | None:
    """``_LINE_END_OPENER.search(text)``, tried only when an opening mark ends a line."""
    return _LINE_END_OPENER.search(text) if _OPENER_AT_LINE_END.search(text) else None
# A closing mark spaced off the comma before it, then a speech verb: 'out, " said Bacurin'.
_SPACED_CLOSER = re.compile(rf"([,.!?])(?<=[^\W\d_][,.!?])[ \u00a0]+([\"”])(?=[ \u00a0]+(?:{_VERBS})\b)")
# The end of a quotation before its attribution: "luxuriously? wrote Mykhailo", "act, said Putin".
_ATTRIBUTION = re.compile(rf"[?!,](?=[ \u00a0]+(?:{_VERBS})[ \u00a0]+[A-Z])")
# Or a comma, then the speaker's title and name in capitals, then the speech verb: "another hoax,
# Deputy Chairman of the Federation Council Committee on Defense and Security, Yevgeny
# Serebrennikov told RIA Novosti."
_TITLED_ATTRIBUTION = re.compile(
    rf",(?=[ \u00a0]+[A-Z][\w'’.-]*(?:[ \u00a0]+(?:of|the|on|and|for|in|[A-Z][\w'’.-]*)|,[ \u00a0]+[A-Z][\w'’.-]*)"
    rf"{{1,14}}[ \u00a0]+(?:{_VERBS})\b)")
# ", said Putin." / ", Putin said." / ", he added." / ", the minister said."
_TAIL = re.compile(
    rf",[ \u00a0]+(?:(?:{_VERBS})[ \u00a0]+[A-Z][\w'’.-]*(?:[ \u00a0]+[A-Z][\w'’-]*)*"
    rf"|(?:[A-Z][\w'’-]*(?:[ \u00a0]+[A-Z][\w'’-]*)*|he|she|they|the[ \u00a0]+[a-z]+)[ \u00a0]+(?:{_VERBS}))\.",
)
# A quotation's attribution as a sentence of its own ('," said Fedorov.', '!” the minister added.',
# ',” says the press release of Belaruskali.'), then the next sentence, opened by a Russian dash
# or by nothing at all: the quotation resumes there.
_RESUMED = re.compile(
    rf"(?P<mark>[”\"])(?<=[,!?][”\"])[ \u00a0]+(?:(?:{_VERBS})[ \u00a0]+[^.!?\n\"“”«»]{{1,60}}?"
    rf"|(?:[A-Z][\w'’-]*|he|she|they|the[ \u00a0]+[a-z]+)(?:[ \u00a0]+[A-Z][\w'’-]*)*[ \u00a0]+(?:{_VERBS}))"
    rf"\.[ \u00a0]+(?:(?P<dash>[-–—])[ \u00a0]+)?(?=[A-Z])")
_FIRST_WORD = re.compile(r"[A-Z][\w'’-]*")
# The rest of the line after a resumption with no dash: no mark but one closing it at the line's end.
_CLOSED_AT_END = re.compile(r"[^\"“”«»„\n]+[.!?…](?:[”\"])[ \u00a0]*(?:\n|\Z)")


# The sentence from a place up to its end or to a quotation mark it opens.
_SENTENCE_REST = re.compile(r"[^.!?\n\"“”«»„]*")


def _speaks(text: str, at: int) -> bool:
    """Whether the sentence from ``at`` reads as speech: it says I, we, you, our... before any
    quotation of its own ("Assad's “We will continue,” Shoigu said" is narration quoting someone)."""
    sentence = _SENTENCE_REST.match(text, at).group(0)
    return any(w.lower().split("'")[0].split("’")[0] in FIRST_SECOND_PERSON for w in _WORDS.findall(sentence))


def _may_resume(text: str) -> bool:
    """Whether a resumed quotation can stand in the text at all: a dash after a sentence's end, or
    more closing marks than opening ones (an odd number of straight ones)."""
    if ". -" in text or ". –" in text or ". —" in text:
        return True
    return text.count("”") > text.count("“") or text.count('"') % 2 == 1


def _resumed(text: str) -> Iterable[Finding]:
    for m in _RESUMED.finditer(text):
        opener = "“" if m.group("mark") == "”" else '"'
        if not _speaks(text, m.end()):
            continue  # narration after the attribution ("— Staffan di Mistura flew to Damascus")
        if m.group("dash"):
            yield find(RESUMED_QUOTE, text, m.start("dash"), m.end(), opener,
                       f"{m.group('dash')!r} after the attribution resumes the quotation, as Russian writes it; "
                       f"English reopens it with {opener!r}.", 0.9)
        elif _CLOSED_AT_END.match(text, m.end()):
            word = _FIRST_WORD.match(text, m.end())
            yield find(RESUMED_QUOTE, text, word.start(), word.end(), opener + word.group(0),
                       f"The quotation resumes after its attribution and closes at the paragraph's end, but lost "
                       f"its opening mark: {opener + word.group(0)!r}.", 0.9)


_QUOTE_MARKS = re.compile(r"[\"“”«»„]")
_WORDS = re.compile(r"[^\W\d_]+(?:['’][a-z]+)?")


def check(doc: "Document") -> Iterable[Finding]:
    text = doc.text
    if "“" in text or '"' in text:
        yield from _unclosed(text)
        yield from _closing_marks(text)
    if text.count("“") >= 2 or text.count("”") > text.count("“"):
        yield from _nested_and_unopened(text)  # a nested pair needs two openers; a lost opener, a spare closer
    if '""' in text or "`" in text:
        yield from _quote_typos(text)
    if _may_resume(text):
        yield from _resumed(text)
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


_DOUBLE_CURLY = re.compile("[“”]")


def _positions(line: str, ch: str) -> list[int]:
    """Where the character ``ch`` stands in ``line``, in order."""
    out = []
    i = line.find(ch)
    while i >= 0:
        out.append(i)
        i = line.find(ch, i + 1)
    return out


class _Marks:
    """Where a line's double quotation marks stand, so that how many stand before a place is a
    binary search rather than a count over the line (a long line holds many)."""

    def __init__(self, line: str) -> None:
        self.at = {ch: _positions(line, ch) if ch in line else [] for ch in '“”"'}

    def before(self, ch: str, i: int) -> int:
        return bisect_left(self.at[ch], i)

    def after(self, ch: str, i: int) -> int:
        return len(self.at[ch]) - bisect_left(self.at[ch], i)

    def open_before(self, i: int, mark: str) -> bool:
        """Whether a quotation of the kind of ``mark`` is open before ``i``."""
        if mark == '"':
            return self.before('"', i) % 2 == 1
        return self.before("“", i) > self.before("”", i)


def _closing_marks(text: str) -> Iterable[Finding]:
    if not (("“" in text and (_GLUED_OPENER.search(text) or _line_end_opener(text)))
            or _SPACED_CLOSER.search(text)):
        return  # nothing of the kind anywhere: the lines need not be read one by one
    pos = 0
    for line in text.split("\n"):
        base, pos = pos, pos + len(line) + 1
        if "«" in line or "»" in line or "„" in line or not ('"' in line or "“" in line or "”" in line):
            continue  # guillemets and low marks are paired by punct.guillemets
        marks = _Marks(line)
        if "“" in line:
            for m in _GLUED_OPENER.finditer(line):
                if marks.open_before(m.start(), "“") and marks.after("“", m.end()) <= marks.after("”", m.end()):
                    yield find(CLOSING_QUOTE, text, base + m.start(), base + m.end(), m.group(1) + "”",
                               f"'“' after {line[max(0, m.start() - 12):m.start()].split()[-1]!r} closes the quotation "
                               f"opened before it: it is the closing mark '”', after the {m.group(1)!r}.", 0.95)
            m = _line_end_opener(line)
            if m is not None and marks.open_before(m.start(), "“"):
                yield find(CLOSING_QUOTE, text, base + m.start(1) + 1, base + m.end(), "”",
                           "An opening mark after the line's last sentence opens nothing: it closes the quotation "
                           "opened before it, as '”'.", 0.95)
        for m in _SPACED_CLOSER.finditer(line) if (' "' in line or " ”" in line) else ():
            mark = m.group(2)
            if (mark == '"' and marks.open_before(m.start(2), '"')) or (mark == "”" and marks.open_before(m.start(2), "“")):
                yield find(CLOSING_QUOTE, text, base + m.end(1), base + m.start(2), "",
                           f"The closing mark {mark!r} is spaced off the {m.group(1)!r} before it, ahead of the "
                           "attribution: the space goes.", 0.95)


def _effective_marks(line: str) -> list[tuple[int, str]]:
    """The line's curly double marks as what they do (an opener typed for a closing mark counts
    as the closing one, as ``_closing_marks`` repairs it)."""
    marks = _Marks(line)
    closing = {m.start() for m in _GLUED_OPENER.finditer(line) if marks.open_before(m.start(), "“")}
    end = _line_end_opener(line)
    if end is not None and marks.open_before(end.start(), "“"):
        closing.add(line.rindex("“"))
    return [(m.start(), "”" if m.start() in closing else m.group(0)) for m in _DOUBLE_CURLY.finditer(line)]


def _nested_and_unopened(text: str) -> Iterable[Finding]:
    pos = 0
    open_before = 0  # curly quotations opened and not closed on the lines before
    for line in text.split("\n"):
        base, pos = pos, pos + len(line) + 1
        marks = _effective_marks(line) if ("“" in line or "”" in line) else []
        opens = sum(ch == "“" for _, ch in marks)
        balance, open_before = open_before, open_before + 2 * opens - len(marks)
        if '"' in line or "«" in line or "»" in line or "„" in line or "‘" in line:
            continue
        # Nested pairs: every mark pairs, and the inner pairs sit at depth two, never deeper.
        if opens >= 2 and 2 * opens == len(marks):
            depth, inner, ok = 0, [], True
            for i, ch in marks:
                if ch == "“":
                    depth += 1
                    if depth == 2:
                        inner.append((i, "‘"))
                else:
                    if depth == 2:
                        inner.append((i, "’"))
                    depth -= 1
                if any(line[j] != {"‘": "“", "’": "”"}[r] for j, r in inner[-1:]):
                    ok = False  # an inner mark typed as the other one: left to the closing-mark rule
                    break
                if depth < 0 or depth > 2:
                    ok = False
                    break
            if ok and depth == 0 and inner:
                for i, rep in inner:
                    yield find(NESTED_QUOTE, text, base + i, base + i + 1, rep,
                               "A quotation inside a quotation takes single marks (‘…’) in English.", 0.95)
        # A short quotation opening the line that lost its opening mark.
        elif opens == 0 and len(marks) == 1 and balance <= 0:
            i = marks[0][0]
            before = line[:i]
            words = before.split()
            if (0 < len(words) <= UNOPENED_WORDS and before[:1].isalnum() and before[:1].isupper()
                    and (before[-1:].isalpha() or before[-1:] in ".,!?…") and not line[i + 1:i + 2].isalnum()):
                yield find(UNOPENED_QUOTE, text, base, base + i + 1, "“" + line[:i + 1],
                           f"{before + '”'!r} closes a quotation that was never opened: it opens the paragraph, so "
                           "its opening mark goes at the paragraph's start.", 0.9)


def _quote_typos(text: str) -> Iterable[Finding]:
    pos = 0
    for line in text.split("\n"):
        base, pos = pos, pos + len(line) + 1
        if '""' in line:
            marks = _Marks(line)
            for m in _DOUBLED_CLOSER.finditer(line):
                if marks.before('"', m.start()) % 2 == 1 and '""' not in line[:m.start()]:
                    yield find(QUOTE_TYPO, text, base + m.start(), base + m.start() + 1, "",
                               "The closing quotation mark is typed twice; one goes.", 0.95)
        if line.count("`") == 1 and "{" not in line:  # not code, nor TeX quotes (``...'')
            m = _BACKTICK_OPENER.search(line)
            if m is not None:
                yield find(QUOTE_TYPO, text, base + m.start(), base + m.start() + 1, "'",
                           f"A backtick opens the quotation {m.group(0)!r} that a straight single quote closes: it "
                           "is the opening quote, typed with the wrong key.", 0.95)


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
        end = _ATTRIBUTION.search(line, opened + 1) or _TITLED_ATTRIBUTION.search(line, opened + 1)
        if end is None or "«" in line or "»" in line:
            continue
        closer = "”" if curly else '"'
        at = base + end.end()
        yield find(UNCLOSED_QUOTE, text, at, at, closer,
                   f"The quotation opened with {line[opened]!r} is never closed before its attribution "
                   f"({line[end.start():end.start() + 30].split(chr(10))[0].strip()!r}); the closing mark goes "
                   f"after {line[end.start()]!r}.", 0.9)


register(Check("artifacts.speech", (LOST_QUOTES, UNCLOSED_QUOTE, CLOSING_QUOTE, NESTED_QUOTE, UNOPENED_QUOTE,
                                    QUOTE_TYPO, RESUMED_QUOTE), check))

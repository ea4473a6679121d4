"""Whitespace and invisible characters.

What each rule touches, and what it leaves alone on purpose:

- ``space.nbsp_sentence``: a no-break space (U+00A0, U+202F) between two sentences becomes a
  plain space. Kept after abbreviations and initials (``Mr.\u00a0Putin``, ``V.\u00a0Putin``,
  ``No.\u00a05``), where it is deliberate typography.
- ``space.zero_width``: removed are U+200B zero width space, U+2060 word joiner, U+FEFF byte
  order mark (anywhere: in running text it is always residue), U+00AD soft hyphen, U+2061-U+2064
  invisible operators; U+200C zero width non-joiner only when no neighbour is a letter of a script
  that needs it (Arabic, Persian, Indic); U+200D zero width joiner only when no neighbour is an
  emoji or a non-Latin letter (it builds emoji sequences and Indic conjuncts).
- ``space.double``: two or three spaces between words inside a line become one. Leading
  indentation, trailing spaces and longer runs (column alignment) are left alone.
- ``space.control``: C0 control characters other than tab, line feed and carriage return, DEL,
  terminal escape sequences, and the C1 characters that Windows-1252 leaves undefined
  (U+0081, U+008D, U+008F, U+0090, U+009D) when they stand alone; the other C1 characters are
  Windows-1252 punctuation read as Latin-1 and are repaired by ``encoding.mojibake``.

- ``space.inside_quotes``: spaces inside a pair of straight double quotes around a few words
  (``" Givi "``, as a tokenizer leaves them) go. Only a pair that opens where an opening quote
  stands (an even number of straight quotes before it on the line, no letter or digit before it)
  and closes before a space or punctuation; inch marks after numbers are left alone.

Left alone on purpose: bidirectional controls (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069),
which carry meaning in text that mixes Arabic or Hebrew with Latin, and variation selectors.
"""
from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Iterable

from ..edits import Finding, Severity
from ..profiles import ANY
from ..registry import Check, RuleInfo, register
from .cms import empty_tags_line_at
from .common import anchored, find, removal
from .data import ABBREVIATIONS, zipf

if TYPE_CHECKING:
    from ..document import Document

CATEGORY = "whitespace"

NBSP_SENTENCE = RuleInfo(
    "space.nbsp_sentence", CATEGORY, "apply", "apply", Severity.INFO,
    "A no-break space between two sentences becomes a plain space (kept after abbreviations and "
    "initials such as Mr. and V.).",
    "with reference to Shoigu.\u00a0Russia is consistent", "with reference to Shoigu. Russia is consistent",
    ("Mr.\u00a0Putin", "V.\u00a0Putin", "10\u00a0km"),
)
ZERO_WIDTH = RuleInfo(
    "space.zero_width", CATEGORY, "apply", "apply", Severity.INFO,
    "Invisible characters are removed: zero width space, word joiner, byte order mark, soft hyphen; "
    "zero width (non-)joiners only outside the scripts and emoji that need them.",
    "Kremlin\u200b spokesman", "Kremlin spokesman",
    ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\U0001f469\u200d\U0001f4bb"),
    languages=ANY,
)
DOUBLE_SPACE = RuleInfo(
    "space.double", CATEGORY, "apply", "apply", Severity.INFO,
    "Two or three spaces between words inside a line become one (indentation and column "
    "alignment are left alone).",
    "the Syrian  crisis", "the Syrian crisis",
    ("    indented line", "Name        Value"),
    languages=ANY,
)
SPLIT_LETTER = RuleInfo(
    "space.split_letter", CATEGORY, "apply", "apply", Severity.WARNING,
    "A letter that never stands alone as a word (Polish ą ę ś ć ź ż ń ł, Czech ě ř ů, Hungarian "
    "ő ű, Romanian ș ț, Turkish ş ğ), set apart by spaces inside a word as text copied from a "
    "PDF leaves it (Pod Temid ą, ul. Starowi ś lna), is joined to the word before it, and to the "
    "rest of the word after it when that rest is no English word.",
    "Pod Filarkami at ul. Starowi \u015b lna 29", "Pod Filarkami at ul. Starowi\u015blna 29",
    ("ul. Starowiślna 29", "Pod Temidą at", "a ś b"),
    languages=ANY,
)
CONTROL = RuleInfo(
    "space.control", CATEGORY, "apply", "apply", Severity.WARNING,
    "Stray control characters (C0 other than tab and line breaks, DEL, terminal escapes, C1 "
    "characters undefined in Windows-1252) are removed.",
    "Damascus\x07 said", "Damascus said",
    ("tab\tseparated", "line\r\nbreak"),
    languages=ANY,
)

INSIDE_QUOTES = RuleInfo(
    "space.inside_quotes", CATEGORY, "apply", "apply", Severity.INFO,
    "Spaces inside straight double quotes around a few words go, as a tokenizer leaves them "
    "(\" Givi \" becomes \"Givi\").",
    'according to him, " Givi ", and " Motorola " continue', 'according to him, "Givi", and "Motorola" continue',
    ('He said "yes" and "no".', 'a 5 " x 7 " print', '"Stop" , he said'),
)
BROKEN_WORD = RuleInfo(
    "space.broken_word", CATEGORY, "apply", "apply", Severity.INFO,
    "A word broken at a line's end by a hyphen and copied with a space for the break (infor- mation, "
    "Kazimi- erz) is joined, when neither half is a word and the whole is more of one than either, or "
    "the whole is a common word. A common word split by a stray space before a fragment of "
    "consonants (a nd, stude nts) is joined when the part before is one letter or no common word.",
    "the district of Kazimi- erz in Cracow", "the district of Kazimierz in Cracow",
    ("pre- and post-war", "two- or three-day", "middle- to upper-class", "Jean- Pierre", "anti- war",
     "5 km north", "a km away", "the 2 nd round", "Main st and Oak st"),
)
BROKEN_HALF_ZIPF = 1.5  # a half this rare is no word
BROKEN_GAIN = 0.5  # by which the whole must be commoner than its commoner half
# Or: the whole is a common word and neither half is one ("infor" 2.3, "mation" 1.5, "information" 5.4).
BROKEN_COMMON_ZIPF = 4.0
BROKEN_COMMON_HALF_ZIPF = 3.0
# Anchored on the rare "- " after a letter; the halves around it are read after.
_BROKEN_AT = re.compile(r"-(?<=[^\W\d_]-) (?=[a-z]{2})")
_BROKEN_LEFT = re.compile(r"(?<![\w-])[^\W\d_]{2,}\Z")
_BROKEN_RIGHT = re.compile(r"[a-z]{2,}(?![\w-])")


def _broken_words(text: str) -> Iterable[Finding]:
    for d in _BROKEN_AT.finditer(text):
        head = _BROKEN_LEFT.search(text, max(0, d.start() - 40), d.start())
        tail = _BROKEN_RIGHT.match(text, d.end())
        if head is None or tail is None:
            continue
        left, right = head.group(0), tail.group(0)
        halves, whole = max(zipf(left.lower()), zipf(right)), zipf((left + right).lower())
        rare = halves < BROKEN_HALF_ZIPF and whole >= halves + BROKEN_GAIN  # Kazimi- erz
        common = halves < BROKEN_COMMON_HALF_ZIPF and whole >= BROKEN_COMMON_ZIPF  # infor- mation
        if not (rare or common):
            continue
        yield find(BROKEN_WORD, text, d.start(), d.end(), "",
                   f"{left + '- ' + right!r} is one word broken at a line's end, copied with a space for the break; "
                   "joined.", 0.9)

# A fragment of consonants after a space inside a word: "a nd", "stude nts" (text copied from a slide or a PDF).
# A literal first: the regex engine skips to each space; the letter before it is read after.
_CONSONANT_TAIL = re.compile(r" ([b-df-hj-np-tv-xz]{2,4})(?![\w'’-])")
_SPLIT_HEAD = re.compile(r"(?<![\w'’.@/-])[a-z]+\Z")
SPLIT_HEAD_ZIPF = 3.0  # the part before the space is no common word (or a single letter)


def _split_words(text: str) -> Iterable[Finding]:
    """A word split by a stray space before a fragment of consonants, which no English word is:
    joined when the whole is a common word ("a nd" and, "stude nts" students) and the part before
    is a single letter or no common word itself."""
    for m in _CONSONANT_TAIL.finditer(text):
        if not "a" <= text[m.start() - 1:m.start()] <= "z":
            continue
        head = _SPLIT_HEAD.search(text, max(0, m.start() - 20), m.start())
        if head is None:
            continue
        left, right = head.group(0), m.group(1)
        if len(left) > 1 and zipf(left) >= SPLIT_HEAD_ZIPF:
            continue
        if zipf(left + right) < BROKEN_COMMON_ZIPF:
            continue
        yield find(BROKEN_WORD, text, m.start(), m.start(1), "",
                   f"{left + ' ' + right!r} is the word {left + right!r} split by a stray space: {right!r}, all "
                   "consonants, is no word; joined.", 0.9)


# A straight-quoted span of one to six words with a space inside each quote.
# Anchored on the quote: the look-behind then checks the character before it (40 times faster).
_SPACED_QUOTES = re.compile(r'"(?<![\w"]")( +)([^"\s](?:[^"\n]{0,58}[^"\s])?)( +)"(?=[\s,.;:!?)\]]|$)')

# Invisible characters inside the gap go with it (they would be removed anyway).
_NBSP = re.compile(r"(?<=[.!?…])([”’\"')\]]?)([ \u00a0\u202f\u200b\u00ad]*[\u00a0\u202f][ \u00a0\u202f\u200b\u00ad]*)(?=[“‘\"(«]?[^\W\d_a-z])")
_NO_BREAK = re.compile("[\u00a0\u202f]")
_NBSP_RUN = "”’\"')] \u00a0\u202f\u200b\u00ad"  # what an ``_NBSP`` match holds before its no-break space
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u2061-\u2064]")
# Spaces before punctuation or around a dash belong to punct.space_before and punct.dash.
_DOUBLE = re.compile(r"(?<=[^\s–—])  {1,2}(?=[^\s,.;:!?–—])")
_CONTROL = re.compile(r"\x1b\[[0-9;]*[A-Za-z]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|[\x81\x8d\x8f\x90\x9d]")
_CONTROL_CHAR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x81\x8d\x8f\x90\x9d]")
_NAMES = {
    "\u200b": "zero width space", "\u200c": "zero width non-joiner", "\u200d": "zero width joiner",
    "\u2060": "word joiner", "\ufeff": "byte order mark", "\u00ad": "soft hyphen",
}


def _needs_joiner(ch: str) -> bool:
    """A neighbour for which ZWNJ/ZWJ carry meaning: a non-Latin letter or mark, or an emoji."""
    if not ch or ch.isascii():
        return False
    if ord(ch) >= 0x2600 and unicodedata.category(ch) in ("So", "Sk", "Mn", "Me"):
        return True
    cat = unicodedata.category(ch)
    if cat[0] in "LM":
        return not unicodedata.name(ch, "LATIN").startswith("LATIN")
    return False


# A letter of the set alone between spaces, after a word of two letters or more.
_LONE_LETTERS = "ąęśćźżńłěřůőűșțşţğ"
_SPLIT_LETTER = re.compile(rf"(?<=[^\W\d_]{{2}}) ([{_LONE_LETTERS}])(?=[ ,.;:)]|$)( (?=[a-z]{{1,5}}\b))?")
_REST = re.compile(r"[a-z]{1,5}\b")
REST_MAX_ZIPF = 3.0  # the rest of a word after the letter: no common English word (lna 2.1, but not at 6.7)


def _split_letters(text: str) -> Iterable[Finding]:
    for m in _SPLIT_LETTER.finditer(text):
        s, e = m.start(), m.start(1)
        yield find(SPLIT_LETTER, text, s, e, "",
                   f"{m.group(1)!r} never stands alone as a word: a space copied from a PDF split the word.", 0.9)
        if m.group(2):
            rest = _REST.match(text, m.end(2)).group(0)
            if zipf(rest) < REST_MAX_ZIPF:
                yield find(SPLIT_LETTER, text, m.end(1), m.end(2), "",
                           f"{m.group(1)!r} and {rest!r} are one word split by a space copied from a PDF.", 0.9)


def check(doc: "Document") -> Iterable[Finding]:
    text = doc.text
    if any(c in text for c in _LONE_LETTERS):
        yield from _split_letters(text)
    for m in anchored(_NBSP, _NO_BREAK, _NBSP_RUN, text) if ("\u00a0" in text or "\u202f" in text) else ():
        if not text[m.end():m.end() + 2].lstrip("“‘\"(«")[:1].isupper():
            continue
        word = re.search(r"([^\W\d_]+)\.$", text[max(0, m.start() - 12):m.start()])
        if word is not None and (len(word.group(1)) == 1 or word.group(1).lower() in ABBREVIATIONS):
            continue
        yield find(NBSP_SENTENCE, text, m.start(2), m.end(2), " ",
                   "A no-break space between two sentences glues them together for line breaking; "
                   "it becomes a plain space.", 0.95)
    for m in _INVISIBLE.finditer(text):
        ch = m.group(0)
        p = m.start()
        before, after = text[p - 1:p], text[p + 1:p + 2]
        if ch in "\u200c\u200d" and (_needs_joiner(before) or _needs_joiner(after)):
            continue
        s, e, rep = removal(text, p, p + 1)
        name = _NAMES.get(ch, unicodedata.name(ch, f"U+{ord(ch):04X}").lower())
        yield find(ZERO_WIDTH, text, s, e, rep,
                   f"An invisible {name} (U+{ord(ch):04X}) is residue from copying or conversion; removed.", 0.95)
    if "- " in text:
        yield from _broken_words(text)
    yield from _split_words(text)
    if "\n" in text:
        yield from line_wraps(text)
    for m in _DOUBLE.finditer(text) if "  " in text else ():
        yield find(DOUBLE_SPACE, text, m.start(), m.end(), " ",
                   f"{len(m.group(0))} spaces between words inside a line become one.", 0.95)
    for m in _SPACED_QUOTES.finditer(text) if '" ' in text else ():
        line_start = text.rfind("\n", 0, m.start()) + 1
        if text.count('"', line_start, m.start()) % 2 or len(m.group(2).split()) > 6:
            continue  # it closes a quotation rather than opening one, or it spans a clause
        if text[max(0, m.start() - 2):m.start()].strip()[-1:].isdigit():
            continue  # an inch mark: 5 " x 7 "
        for gap in (1, 3):
            yield find(INSIDE_QUOTES, text, m.start(gap), m.end(gap), "",
                       "A space inside straight quotes around a few words is tokenizer residue; removed.", 0.95)
    for m in _CONTROL.finditer(text) if _CONTROL_CHAR.search(text) else ():
        p, q = m.span()
        if q - p == 1 and text[p] >= "\x80" and (not text[p - 1:p].isascii() or not text[q:q + 1].isascii()):
            continue  # part of a mojibake run, repaired by encoding.mojibake
        s, e, rep = removal(text, p, q)
        what = "a terminal escape sequence" if q - p > 1 else f"the control character U+{ord(text[p]):04X}"
        yield find(CONTROL, text, s, e, rep, f"Removed {what}; it is invisible residue, not text.", 0.95)


LINE_WRAP = RuleInfo(
    "space.line_wrap", CATEGORY, "apply", "apply", Severity.INFO,
    "A line break copied from a hard-wrapped page (a PDF, a plain-text file) inside a sentence "
    "becomes a space: the line ends with an article, a possessive determiner, \"of\", \"to\", "
    "\"and\" and the like, which no sentence or heading ends with (after \"in\", \"on\", \"at\", "
    "\"by\", \"as\" only before a lower-case word: \"Sign in\" over \"Register\" is a menu). A text "
    "wrapped throughout (three breaks or more inside its sentences or after its headings) keeps its "
    "lines: they are its layout.",
    "connects the founding of Bucharest with the\nname of Bucur", "connects the founding of Bucharest with the name of Bucur",
    ("He was the\n\nname", "Sign in\nRegister", "a story wrapped\nat a width, as\nwire copy is, of\nmany lines", "the end of\n- a list", "Roses are red\nviolets are blue",
     "items in\n2024"),
)
# Words no line of prose or a heading ends with: the sentence runs on past the break.
_WRAP_STRONG = frozenset("the a an of to for with from into their its his her our my your these those and or".split())
_WRAP_WEAK = frozenset("in on at by as".split())  # a menu's "Sign in": only before a lower-case word
_WRAP_WORD = re.compile(r"(?<![\w'’-])([^\W\d_]+)[ \t]*\r?\Z")
WRAPPED_FORMAT = 3  # a text with this many breaks after a letter or comma, before a letter: wrapped throughout
# A literal first: the regex engine skips to each break. The numero sign counts as a letter: it
# becomes "No." before a number (punct.numero), and the next pass reads that line as opening with one.
_BREAK_BEFORE_LETTER = re.compile(r"\n(?=[^\W\d_]|№)")


def line_wraps(text: str) -> Iterable[Finding]:
    """Breaks found from their line feed (far cheaper than a pattern tried at every position): a
    break between a line ending with a letter or a comma and one starting with a letter is
    wrap-like; three of them make the text a wrapped format, whose lines are its layout (a wire
    story, an e-mail)."""
    candidates: list[tuple[int, int, re.Match]] = []
    wrap_like = 0
    for b in _BREAK_BEFORE_LETTER.finditer(text):
        i = b.start()
        if text[i + 1] in "TtKkТтМм" and empty_tags_line_at(text, i + 1):
            continue  # a line cms.empty_tags removes: no line of the text's layout
        end = i
        while end > 0 and text[end - 1] in " \t\r":
            end -= 1
        last = text[end - 1:end]
        if last.isalpha() or last == ",":
            wrap_like += 1
            if wrap_like >= WRAPPED_FORMAT:
                return
            if last.isalpha():
                word = _WRAP_WORD.search(text, max(0, i - 14), i)
                if word is not None:
                    candidates.append((end, i + 1, word))
    for s, e, word in candidates:
        w = word.group(1).lower()
        if w not in _WRAP_STRONG and not (w in _WRAP_WEAK and text[e].islower()):
            continue
        yield find(LINE_WRAP, text, s, e, " ",
                   f"The line ends with {word.group(1)!r}, inside a sentence: the break is a hard wrap copied "
                   "from the page, and becomes a space.", 0.9)


register(Check("artifacts.whitespace", (NBSP_SENTENCE, ZERO_WIDTH, DOUBLE_SPACE, INSIDE_QUOTES, SPLIT_LETTER, CONTROL,
                                        BROKEN_WORD, LINE_WRAP),
               check))

"""Scraping residue around and inside the text: lines of site chrome, glued words.

- ``cms.ui_line``: a line that is nothing but a site's interface (``Skip to main content``,
  ``Share this:``, ``Más Información``, ``Sie sind auf Seite 1 von 26``), an image file name,
  a bare numeric id, a line of hashtags, or a leaked style or tracking line
  (``.vjs-texttrack-settings {display: none;}``) is removed with its line break; so are a view
  counter and an interface link of two words or more (``Go to Source``) after a paragraph's
  last sentence.
- ``space.missing_after``: a comma or full stop glued to the next sentence
  (``achievements,Deputy``, ``June 9.Fielding``) gets its space back; never inside a number, an
  abbreviation, a web address or a file name.
- ``space.glued_words``: a function word glued to a capitalised word (``theItalian``) is split; a
  capital letter split from its word by a drop cap (``S ince``) is joined back.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Iterable

from ..edits import Finding, Severity
from ..profiles import ANY
from ..registry import Check, RuleInfo, register
from .cms import without_tag_lines
from .common import find
from .data import (FOREIGN_UI_NOUNS, FOREIGN_UI_STEMS, FUNCTION_WORDS, MONTHS, TIMESTAMP_LINE, UI_LINE_PATTERNS, UI_LINES,
                   ZONED_TIMESTAMP_LINE, zipf)

if TYPE_CHECKING:
    from ..document import Document

UI_LINE = RuleInfo(
    "cms.ui_line", "cms", "apply", "apply", Severity.WARNING,
    "A line that is only a website's interface (Skip to main content, Share this:, Read more, "
    "Más Información, Sie sind auf Seite 1 von 26, a page's date line, a gone page's message), a "
    "cookie notice, a photo credit or caption line standing alone, a weather widget, an image file "
    "name, a bare numeric id, an empty counter (\"0\") standing as a paragraph between two of words, "
    "a line of hashtags, a lone ideograph in a Latin-script text, or a "
    "leaked player or tracking style line is removed with its line break; so is a '( listen)' "
    "audio link that lost its icon. So are a comment form's or a player's lines (Please enter your "
    "comment!, This slideshow requires JavaScript.), a timestamp with its time zone after section "
    "labels, an address slug or image name of hyphenated words standing alone, a related "
    "article's link after a paragraph's last sentence (Also Read - ...), a photo credit glued "
    "between two sentences (Wednesday.File photo: CFPThe), a section label glued to a headline "
    "opening with the same word (IranIran says), a bare hash id (not after a colon), the first copy of "
    "a headline written twice with nothing between, a link's text left in lower case between two sentences "
    "(investing. read more In fact), and, in an English text, a short line of a site's "
    "interface in another language (1 σχόλιο, Новости, GÜNCELLEME). A date line in another "
    "language than the text (20 апреля 2022, 09:07) is reported: the article's date is "
    "translated, a site's removed.",
    "Skip to main content\n\nThe talks resumed on Monday.", "The talks resumed on Monday.",
    ("Read more about the talks in our report.", "The file photo.jpg was sent.", "#1 in the charts",
     "Share this: the view of many", "Bakers use cookies of every kind, you agree?", "Press play (listen) now."),
    languages=ANY,
)
MISSING_SPACE = RuleInfo(
    "space.missing_after", "whitespace", "apply", "apply", Severity.INFO,
    "A comma or full stop glued to a capitalised word (achievements,Deputy; June 9.Fielding) takes "
    "its space; numbers (1,000; 2.5), abbreviations (U.S.), web addresses and file names are left alone. "
    "A full stop glued to a few words that end the paragraph without being a sentence (yet.Irena "
    "mikrafon: a caption or file name) is reported.",
    "the year,Vietnam marked it.", "the year, Vietnam marked it.",
    ("1,000 people", "the U.S.Army", "see example.Com", "Node.js", "version 2.5"),
)
ESCAPED_QUOTE = RuleInfo(
    "cms.escaped_quote", "cms", "apply", "apply", Severity.INFO,
    "A quotation mark escaped with a backslash by a content-management system (\\\"You are\\\") loses "
    "the backslash; not in text that shows code (braces, semicolons, other escapes).",
    "She said: \\\"You are not doing your job.\\\"", "She said: \"You are not doing your job.\"",
    ("print(\"a\\\"b\")", "C:\\Users\\me"),
    languages=ANY,
)
GLUED = RuleInfo(
    "space.glued_words", "whitespace", "apply", "apply", Severity.INFO,
    "A function word glued to a capitalised word (theItalian), or to \"the\", \"this\"... in a line of "
    "capitals (ORDER ATTHE REGIONAL), is split; a capital letter a drop cap "
    "split from its word (S ince) is joined back when the rest is no word and the whole is a common one.",
    "S ince then theItalian team has won.", "Since then the Italian team has won.",
    ("I am here.", "A new day", "iPhone", "McDonald", "YouTube", "O Brother"),
)

_IMAGE_FILE = re.compile(r"[^\n/\\]{1,150}\.(?:jpe?g|png|gif|webp|tiff?|heic)", re.IGNORECASE)
_CAMERA_ID = re.compile(r"(?:IMG|DSC|DSCN|DCIM|PXL|P)[_-]?\d{3,}(?:\.\w{3,4})?", re.IGNORECASE)
_NUMERIC_ID = re.compile(r"\d{8,}(?:[-_]\d+)?")
# A hash as pages name their images and items: 32, 40 or 64 hexadecimal digits, letters and digits mixed.
_HEX_ID = re.compile(r"(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})")
_HASHTAGS = re.compile(r"(?:#[^\W\d_][\w-]*[ \t]*){2,}")
_LEAKED_STYLE = re.compile(r"[^\n]*(?:vjs-|googletag|dataLayer|adsbygoogle|fbq\(|gtag\(|_paq\.push)[^\n]*[;}]")
# A site's cookie notice: the site speaks of its own cookies ("we use cookies", "our use of
# cookies", "this website uses cookies") and asks for consent ("By clicking “Accept” you agree",
# "Cookie Policy"). Both are needed: an article may speak of cookies, or quote a notice in a sentence.
_COOKIE_SITE = re.compile(r"\b(?:we use cookies|our use of cookies|(?:this|our) (?:web)?site uses cookies|"
                          r"we and our partners use cookies)\b", re.IGNORECASE)
_COOKIE_CONSENT = re.compile(r"\b(?:cookie (?:policy|settings|preferences)|by clicking|by continuing to (?:use|browse)|"
                             r"you (?:agree|consent) to (?:our|the) use|accept (?:all )?cookies)\b", re.IGNORECASE)
# A photo credit standing alone: "Pascal George—AFP/Getty Images", "Photo: Reuters". The agency
# closes the line after a separator, with no full stop (a sentence ending in "Reuters." is prose).
_PHOTO_CREDIT = re.compile(
    r"(?:(?:photo(?:graph)?|image|picture)s?(?: by| credit)?[ \t]*:[ \t]*)?"
    r"(?:[^\W\d_][\w.'’-]*[ \t]+){0,3}[^\W\d_][\w.'’-]*[ \t]*[—–/|-][ \t]*"
    r"(?:AFP|Reuters|AP|EPA|Getty|TASS|Xinhua|Anadolu|Shutterstock|iStock|Alamy)"
    r"(?:[ \t]*/[ \t]*(?:Getty Images|AFP|Sipa|Shutterstock|Alamy)|[ \t]+(?:Images|Photo|via Getty Images))?",
    re.IGNORECASE)
# A caption or credit line that names itself: "Photograph:Václav Havel, 1989.", "(AFP files) In a
# file picture taken on April 26, ...": an agency's file-picture note or a "Photograph:" label
# opening a line of its own.
_CAPTION_LINE = re.compile(
    r"(?:photograph|photo credit|image credit|photo courtesy)[ \t]*:[^\n]{1,200}"
    r"|\((?:AFP|Reuters|AP|EPA|Xinhua|VNA)(?: files| file photo| photo)\)[ \t]+[^\n]{1,300}",
    re.IGNORECASE)
# A pronunciation's audio link whose icon a copy lost: "Wrocław (... ( listen))".
_LISTEN = re.compile(r"[ \u00a0]?\([ \u00a0]+listen[ \u00a0]*\)")

_ESCAPED = re.compile(r"\\(?=[\"'])")
_CODE_SIGNS = re.compile(r"[{};]|\\[nt\\]|=\s*\"|\w\([\"']")
_GLUED_PUNCT = re.compile(r"([,.])(?=[A-Z][a-z]{2})(?<=[a-z0-9][,.])")  # anchored on the rare mark
_TOKEN_AROUND = re.compile(r"\S+$")
# A section label glued to a headline opening with the same word: "IranIran says ...". Only where
# the text writes the word apart elsewhere and the doubled form nowhere else (not "TomTom").
_DOUBLED_LABEL = re.compile(r"([A-Z][a-z]{2,})\1(?=[ \t]+[a-z])")  # matched at a line's start
# A link's text left between two sentences: "... how individuals are investing. read more In fact, ...".
# No sentence opens in lower case, and the next one starts right after it.
_INLINE_LINK_WORDS = ("read more", "click here", "continue reading", "learn more", "see more")
_INLINE_LINK = re.compile(r"(read more|click here|continue reading|learn more|see more)(?:[ \t]*[»›])? (?=[A-Z][a-z])")


def _inline_links(text: str) -> Iterable[re.Match]:
    """``_INLINE_LINK`` where it follows a sentence's end and a space, found from each occurrence
    of the link's words (a string search, far cheaper than the pattern tried at every position)."""
    for words in _INLINE_LINK_WORDS:
        at = text.find(words)
        while at >= 0:
            if at >= 2 and text[at - 1] == " " and text[at - 2] in ".!?":
                m = _INLINE_LINK.match(text, at)
                if m is not None:
                    yield m
            at = text.find(words, at + 1)
# A photo's credit glued between two sentences: "said Wednesday.File photo: CFPThe ailing students".
# The credit ends in an agency's capitals that the next sentence's first word is glued to.
_GLUED_CREDIT = re.compile(r"(?<=[a-z0-9])([.!?])((?:File )?(?:[Pp]hoto|[Ii]mage|[Pp]icture)s?(?: credit)?:[ \t]?"
                           r"(?:[A-Z][A-Za-z]*[ /])*[A-Z]{2,10})(?=[A-Z][a-z])")
# After a glued full stop: one to three words, no closing mark, then the paragraph's end.
_LINE_TAIL_FRAGMENT = re.compile(r"([^\W\d_]+(?:[ \t]+[^\W\d_]+){0,2})[ \t]*(?:\n|\Z)")
_UI_PATTERN = re.compile("|".join(f"(?:{p.pattern})" for p in UI_LINE_PATTERNS), re.IGNORECASE)  # one call a line
_TLDS = frozenset("com net org edu gov info io biz co uk ru de fr".split())
# Anchored on the lower-to-upper case change inside a word, the rare spot; the words around it are
# checked after (a pattern starting at every word start costs far more).
_CASE_CHANGE = re.compile(r"[A-Z](?<=[a-z][A-Z])[a-z]{2}")
_GLUED_HEAD = re.compile(r"(?<![\w'’.@/-])([a-z]{2,5})$")
_GLUED_TAIL = re.compile(r"([A-Z][a-z]{2,})(?![\w'’@/-])")
_DROP_CAP = re.compile(r"([B-HJ-Z]) ([a-z]{2,})\b")
# Where a paragraph or a sentence starts, the only places a drop cap is taken: after a line
# break, or after a sentence's mark and a space (the class first: the regex engine skips to it).
_PARAGRAPH_OR_SENTENCE = re.compile(r"[\n.!?](?:(?<=\n)|[ \u00a0])")


def _drop_caps(text: str) -> Iterable[re.Match]:
    """The ``_DROP_CAP`` matches that open the text, a line or a sentence, in order (tried only
    there: a match elsewhere is never taken)."""
    m = _DROP_CAP.match(text)
    if m is not None:
        yield m
    for at in _PARAGRAPH_OR_SENTENCE.finditer(text):
        m = _DROP_CAP.match(text, at.end())
        if m is not None:
            yield m


GLUED_ID = RuleInfo(
    "cms.glued_id", "cms", "apply", "apply", Severity.WARNING,
    "An id of five digits or more opening with a zero, glued to the last word of a line (a headline's "
    "\"Stadler and Hatz012094\"), is residue of the page's markup; the digits go, the word stays.",
    "Verdict against manager Stadler and Hatz012094\nFor the first time", "Verdict against manager Stadler and Hatz\nFor the first time",
    ("the A320 landed", "Windows10 users", "code Hatz12094\n", "Hatz012094 said", "MP3 file 0012345"),
)
# Anchored on the zero that opens the id; the word before it is read back.
_GLUED_ID = re.compile(r"0\d{4,}(?=[ \t]*(?:\n|\Z))")  # a literal first: the regex engine skips to each zero
_GLUED_ID_WORD = re.compile(r"(?<![\w-])[A-Z][a-z]{2,}\Z")


SOURCE_LABEL = RuleInfo(
    "lang.source_label", "untranslated", "apply", "apply", Severity.WARNING,
    "A line of an English text that credits its source with the word for \"Source\" of another "
    "language before a web address (Źródło: https://..., Quelle: www...) takes the English word; "
    "the address stays.",
    "The city hosts the games.\n\nŹródło: https://en.wikipedia.org/wiki/Wroclaw",
    "The city hosts the games.\n\nSource: https://en.wikipedia.org/wiki/Wroclaw",
    ("Quelle: Reuters", "The Quelle catalogue: https://example.com", "Source: https://example.com"),
)
# "Source" in the languages scraped pages leave it in, opening a line before a web address.
_SOURCE_WORDS = ("Źródło|Zrodlo|Quelle|Fuente|Fonte|Fonti|Источник|Джерело|Kaynak|Kaynakça|Bron|Kilde|Källa|Lähde|"
                 "Zdroj|Forrás|Sursa|Sursă|Izvor|Πηγή")
_SOURCE_LABEL = re.compile(rf"[ \t]*({_SOURCE_WORDS})[ \t]*:[ \t]*(?:https?://|www\.)", re.IGNORECASE)
_ADDRESS = re.compile(r"https?://|www\.")


def _source_labels(text: str) -> Iterable[re.Match]:
    """``_SOURCE_LABEL`` matched at the start of each line that holds a web address."""
    seen = -1
    for a in _ADDRESS.finditer(text):
        line = text.rfind("\n", 0, a.start()) + 1
        if line == seen:
            continue
        seen = line
        m = _SOURCE_LABEL.match(text, line)
        if m is not None and m.end() == a.end():
            yield m


def check(doc: "Document") -> Iterable[Finding]:
    text = doc.text
    yield from _ui_lines(text)
    for m in _GLUED_ID.finditer(text) if "0" in text else ():
        word = _GLUED_ID_WORD.search(text, max(0, m.start() - 30), m.start()) if text[m.start() - 1:m.start()].islower() else None
        if word is None:
            continue
        s, e = m.span()
        while e < len(text) and text[e] in " \t":
            e += 1
        yield find(GLUED_ID, text, s, e, "",
                   f"{m.group(0)!r} glued to {word.group(0)!r} at the line's end is an id left by the page's markup; "
                   "removed.", 0.9)
    for m in _source_labels(text) if ("http" in text or "www." in text) else ():
        yield find(SOURCE_LABEL, text, m.start(1), m.end(1), "Source" if m.group(1)[1:].islower() else "SOURCE",
                   f"{m.group(1)!r} is \"Source\" left in another language before the address the text "
                   "credits; it becomes \"Source\".", 0.95)
    for m in _LISTEN.finditer(text) if "listen" in text else ():
        yield find(UI_LINE, text, m.start(), m.end(), "",
                   "'( listen)' is the link of a pronunciation's audio file, its icon lost in the copy; removed.", 0.95)
    if "\\" in text and not _CODE_SIGNS.search(without_tag_lines(text)):
        for m in _ESCAPED.finditer(text):
            yield find(ESCAPED_QUOTE, text, m.start(), m.end(), "",
                       "A backslash escaping a quotation mark is residue of a content-management system.", 0.95)
    for m in _inline_links(text):
        yield find(UI_LINE, text, m.start(), m.end(), "",
                   f"{m.group(1)!r} between two sentences, in lower case after a full stop, is a link's text left in "
                   "the copy; removed.", 0.95)
    credits = {}
    for m in _GLUED_CREDIT.finditer(text) if ("hoto" in text or "mage" in text or "icture" in text) else ():
        credits[m.start(1)] = m
        yield find(UI_LINE, text, m.start(1), m.end(2), m.group(1) + " ",
                   f"{m.group(2)!r}, glued between two sentences, is a photo's credit left in the text; removed, "
                   "the sentences take their space.", 0.95)
    for m in _GLUED_PUNCT.finditer(text) if ("," in text or "." in text) else ():
        p = m.start(1)
        if p in credits:
            continue  # the credit's removal spaces the sentences
        token = _TOKEN_AROUND.search(text, max(0, p - 40), p)
        left = token.group(0) if token else ""
        right = re.match(r"\S+", text[p + 1:]).group(0)
        whole = left + text[p] + right
        if any(x in whole for x in ("://", "www", "@", "/", "\\")) or re.search(r"\.[a-z]{2,4}\b", right) \
                or right.lower().rstrip(".,;:!?)") in _TLDS:
            continue  # a web address, an e-mail address, a path or a file name
        if text[p] == "." and (len(left) <= 2 or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?", left + ".")) \
                and not _day_then_sentence(text, p, left, right):
            continue  # an initial or abbreviation: U.S.Army, J.R.R.Tolkien
        if text[p] == "." and _LINE_TAIL_FRAGMENT.match(text, p + 1):
            # What follows ends the paragraph without being a sentence ("yet.Irena mikrafon"): a
            # caption or an image's name glued to the text, not a sentence that lost its space.
            yield find(MISSING_SPACE, text, p, p + 1, text[p] + " ",
                       f"{text[p]!r} is glued to {_LINE_TAIL_FRAGMENT.match(text, p + 1).group(1)!r}, which ends the "
                       "paragraph without being a sentence (a glued caption or file name?); not changed.",
                       0.5, autofix=False)
            continue
        yield find(MISSING_SPACE, text, p, p + 1, text[p] + " ",
                   f"{text[p]!r} is glued to the next word {right.split(',')[0]!r}: a space is missing.", 0.95)
    for c in _CASE_CHANGE.finditer(text):
        h = _GLUED_HEAD.search(text, max(0, c.start() - 7), c.start())
        t = _GLUED_TAIL.match(text, c.start())
        if h is None or t is None:
            continue
        m = _Glued(h.group(1), t.group(1), h.start(1), t.start(1))
        head, tail = m.group(1), m.group(2)
        if head not in FUNCTION_WORDS or zipf(tail.lower()) < 3.0:
            continue
        if _starts_a_name(doc, m.start(2)):
            # Split, the name would be read anew on a second pass: leave that to the editor.
            yield find(GLUED, text, m.start(2), m.start(2), " ",
                       f"{m.group(0)!r} looks like two words glued together: {head!r} and {tail!r}; not changed.",
                       0.5, autofix=False)
            continue
        yield find(GLUED, text, m.start(2), m.start(2), " ",
                   f"{m.group(0)!r} is two words glued together: {head!r} and {tail!r}.", 0.95)
    for d in _CAPS_DETERMINER.finditer(text) if "TH" in text else ():
        start = d.start()
        while start > 0 and d.start() - start < 6 and "A" <= text[start - 1] <= "Z":
            start -= 1
        split = _glued_caps(text, start, d.end())
        if split:
            token = text[start:d.end()]
            yield find(GLUED, text, start + split, start + split, " ",
                       f"{token!r} in a line of capitals is two words glued together: "
                       f"{token[:split]!r} and {token[split:]!r}.", 0.9)
    for m in _drop_caps(text):
        before = text[max(0, m.start() - 2):m.start()]
        if m.start() and not (before.endswith("\n") or (len(before) == 2 and before[0] in ".!?" and before[1] in " \u00a0")):
            continue  # a drop cap opens a paragraph or a sentence
        letter, rest = m.group(1), m.group(2)
        joined = (letter + rest).lower()
        if zipf(rest) >= 3.0 or zipf(joined) < 4.0 or zipf(joined) - zipf(rest) < 2.5:
            continue  # the rest is a word itself, or the whole is no common word
        yield find(GLUED, text, m.start(1) + 1, m.start(2), "",
                   f"{letter + ' ' + rest!r}: a drop cap split {letter + rest!r}; joined back.", 0.95)


_DETERMINERS = frozenset("the this that these those their".split())
# Anchored on the determiner, a literal; the capitals glued before it are read back.
_CAPS_DETERMINER = re.compile(r"TH(?:E|IS|AT|ESE|OSE|EIR)(?![\w'’-])")
_CAPS_WORD_BEFORE = re.compile(r"[A-Z]{2,}[ \t]+\Z")
_CAPS_WORD_AFTER = re.compile(r"[ \t]+[A-Z]{2,}")


def _glued_caps(text: str, start: int, end: int) -> int:
    """Where to split a token of capitals between capitalised words ("ORDER ATTHE REGIONAL") that
    is no common word but a function word glued to a determiner after it (at the, of this), one
    way only; else 0 ("THERETO", "WITHIN", "INTO" are words)."""
    token = text[start:end]
    if not 4 <= len(token) <= 8 or (start and (text[start - 1].isalnum() or text[start - 1] in "'’.-_")):
        return 0
    if zipf(token.lower()) >= 3.0 or not _CAPS_WORD_BEFORE.search(text, max(0, start - 30), start) \
            or not _CAPS_WORD_AFTER.match(text, end):
        return 0
    low = token.lower()
    splits = [i for i in range(2, len(low) - 1) if low[:i] in FUNCTION_WORDS and low[i:] in _DETERMINERS]
    return splits[0] if len(splits) == 1 else 0


def _day_then_sentence(text: str, p: int, left: str, right: str) -> bool:
    """A day of a month, its full stop, then the next sentence's first word: "on June 9.Fielding"."""
    month = re.search(r"([A-Za-z]+)[ \u00a0]+$", text[max(0, p - len(left) - 12):p - len(left)])
    word = re.match(r"[A-Z][a-z]{2,}", right)
    return left.isdigit() and month is not None and month.group(1).lower() in MONTHS and word is not None \
        and zipf(word.group(0).lower()) >= 3.0


class _Glued:
    """The two halves of a glued pair, shaped like a match (``group``, ``start``)."""

    def __init__(self, head: str, tail: str, head_at: int, tail_at: int) -> None:
        self._groups = (head + tail, head, tail)
        self._starts = (head_at, head_at, tail_at)

    def group(self, i: int = 0) -> str:
        return self._groups[i]

    def start(self, i: int = 0) -> int:
        return self._starts[i]


def _starts_a_name(doc: "Document", at: int) -> bool:
    """Whether a glossary name begins at ``at`` (the names check would read it once split)."""
    from ...glossary import fold

    window = fold(doc.latin[at:at + 80])
    return any(s == 0 for s, _, _ in doc.engine.names.scan(window))


def _ui_lines(text: str) -> Iterable[Finding]:
    # Runs of residue lines go as one edit: the lines of a run touch at their line breaks.
    run: list[tuple[int, int, str, str]] = []  # (line start, line end, body, why)
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    widget_end = -1  # lines up to this index are a foreign widget's, already taken into the run
    english = _EnglishText()
    for i, (s, line) in enumerate(lines):
        if i <= widget_end:
            continue
        why = body = None
        if line and len(line) <= 240:  # prose paragraphs are longer than any interface line
            body = line.strip(" \t\u00a0•·*>|-\r")
            why = _why_residue(body) if body and len(body) <= 220 else None
            if why is None and body and run and run[-1][3] == _WEATHER and _PLACE_LINE.fullmatch(body):
                why = _WEATHER  # the place the temperature above it is for: "Frankfurt am Main"
            if why is None and body == "0" and _counter_paragraph(lines, i):
                why = "a page's empty counter (comments, shares) standing alone between paragraphs"
            if why is None and body and len(body) <= 2 and all(_ideograph(c) for c in body) and _latin_text(text):
                why = "a stray character of another script standing alone in a Latin-script text"
            if why is None and body and _foreign_ui_line(body, lambda: english.last_prose(text) >= s + len(line)) \
                    and english(text):
                why = "a website's interface text in another language than the article"
        if why == _HASH and _after_colon(lines, i):
            why = None  # a checksum shown after "The file's checksum is:"
        if why is not None and _foreign_timestamp(body):
            # The article's own date in the page's language, or a reader's timestamp: which one
            # (translate it, or remove it) the line does not say.
            yield from _residue_run(text, run)
            run = []
            yield find(UI_LINE, text, s, s + len(line), None,
                       f"{body!r} is a date line in another language than the text: translate it if it is the "
                       "article's date, remove it if it is the site's; not changed.", 0.5)
            continue
        if why is not None:
            run.append((s, s + len(line), body, why))
        elif line.strip():
            widget = _foreign_widget(text, lines, i) if run else []
            if widget:
                run += widget
                widget_end = _last_index(lines, widget[-1][0])
                continue
            yield from _residue_run(text, run)
            run = []
            counter = _TRAILING_COUNTER.search(line) if line.rstrip()[-1:].isdigit() else None
            if counter is not None and counter.group(1).lower() not in _NUMBERING_WORDS and len(line.split()) >= 8:
                yield find(UI_LINE, text, s + counter.end(1) + 1, s + counter.end(), "",
                           f"{counter.group(0).strip()!r} after the paragraph's last sentence is a page's view or "
                           f"comment counter; removed.", 0.9)
            label = _DOUBLED_LABEL.match(line) if line[:1].isupper() else None
            if label is not None and text.count(label.group(0)) == 1 \
                    and re.search(rf"(?<!\w){label.group(1)}(?!\w)", text) is not None:
                yield find(UI_LINE, text, s, s + len(label.group(1)), "",
                           f"{label.group(0)!r} opening the line is the page's section label {label.group(1)!r} glued to "
                           "a headline that starts with the same word; the label is removed.", 0.9)
            half = _doubled_line(line)
            if half:
                yield find(UI_LINE, text, s, s + half, "",
                           f"The line is {line[half:].strip()!r} written twice, glued together (an image's alt text "
                           "before the headline it repeats); one is removed.", 0.95)
            teaser = _TRAILING_TEASER.search(line) if ("Read" in line or "READ" in line) else None
            if teaser is not None:
                yield find(UI_LINE, text, s + teaser.start(), s + teaser.end(), "",
                           f"{teaser.group(0).strip()!r} after the paragraph's last sentence is a site's link to "
                           "another article, not part of this one; removed.", 0.95)
                continue
            # Only the line's tail can hold one (a long prose line is not searched from its start).
            link = _TRAILING_UI.search(line, max(0, len(line) - 48)) if line.count(" ") >= 7 else None
            if link is not None and " " in link.group(1).strip() \
                    and link.group(1).lower().strip(" :.»›>") in UI_LINES:
                yield find(UI_LINE, text, s + link.start(), s + link.end(), "",
                           f"{link.group(1).strip()!r} after the paragraph's last sentence is a link of the site's "
                           f"interface, not part of the article; removed.", 0.95)
    yield from _residue_run(text, run)


_TIMESTAMP = re.compile(TIMESTAMP_LINE, re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")


def _foreign_timestamp(body: str) -> bool:
    """Whether ``body`` is a timestamp line whose month or connecting word is not English
    ("20 апреля 2022, 09:07", "3 März 2021 um 10:00")."""
    return body[:1].isdigit() and _TIMESTAMP.fullmatch(body) is not None \
        and any(w.lower() not in MONTHS and w.lower() != "at" for w in _WORD.findall(body))


_HASH = "a bare hash id left by the page"


def _after_colon(lines: list[tuple[int, str]], i: int) -> bool:
    """Whether the last line with text before line ``i`` ends with a colon."""
    for _, prev in reversed(lines[:i]):
        if prev.strip():
            return prev.rstrip().endswith(":")
    return False


def _doubled_line(line: str) -> int:
    """Where the second copy starts when a line is one text of three words or more written twice
    with nothing between ("... urgent restorationHistorical madrasa ... restoration"); else 0."""
    body = line.rstrip()
    half = len(body) // 2
    if len(body) % 2 or half < 12 or body[:half] != body[half:] or len(body[:half].split()) < 3:
        return 0
    return half if body[half - 1].isalnum() and body[half].isalnum() else 0


# A link to another article after a paragraph's last sentence: "consoles. Also Read - Apple Music ...".
_TRAILING_TEASER = re.compile(r"(?<=[.!?”\"])[ \t\u00a0]+(?:Also Read|ALSO READ|Read Also|READ ALSO)[ \t]*[-–—:|][ \t]*[^\n]{5,200}$")
FOREIGN_UI_WORDS = 6  # words of a foreign interface line, at most
_LETTERS = re.compile(r"[^\W\d_]+")


def _foreign_ui_line(body: str, prose_after: Callable[[], bool]) -> bool:
    """Whether a short line holds a word of a site's interface in another language than English
    and no English word: a bare label ("Новости", "GÜNCELLEME") or a count ("1 σχόλιο", "2
    комментария:") anywhere; a longer line naming comments or a link ("Ссылка на основную
    публикацию") only after the text's last line of prose (a title stands before its text)."""
    if len(body) > 60:
        return False
    words = _LETTERS.findall(body)
    if not words or len(words) > FOREIGN_UI_WORDS:
        return False
    if not any(w.lower().startswith(FOREIGN_UI_STEMS) for w in words):
        return False
    if any(w.isascii() and len(w) > 1 and zipf(w.lower()) >= 3.0 for w in words):
        return False
    if len(words) == 1:
        return True
    return any(w.lower().startswith(FOREIGN_UI_NOUNS) for w in words) and not prose_after()


_LATIN_PROSE = re.compile(r"[A-Za-z]{2,}[ \t]+[A-Za-z]{2,}[ \t]+[A-Za-z]{2,}")


class _EnglishText:
    """Whether the text is English prose, and where its last stretch of prose in Latin letters
    (three words in a row) starts: each read once, and only when a line needs it."""

    def __init__(self) -> None:
        self._known: bool | None = None
        self._last: int | None = None

    def last_prose(self, text: str) -> int:
        if self._last is None:
            self._last = -1
            for m in _LATIN_PROSE.finditer(text):
                self._last = m.start()
        return self._last

    def __call__(self, text: str) -> bool:
        if self._known is None:
            sample = text if len(text) <= DETECT_REST else text[:DETECT_REST]
            self._known = len(sample.split()) >= REST_WORDS and _line_languages(sample).get("en", 0.0) >= WIDGET_SHARE
        return self._known


def _counter_paragraph(lines: list[tuple[int, str]], i: int) -> bool:
    """Whether line ``i`` is a paragraph of its own (blank lines around it) between two paragraphs
    of words: not a cell of a table or a list copied one value a line."""
    if i < 2 or i + 2 >= len(lines) or lines[i - 1][1].strip() or lines[i + 1][1].strip():
        return False
    return all(len(re.findall(r"[^\W\d_]{2,}", lines[j][1])) >= 3 for j in (i - 2, i + 2))


# A bare number after a paragraph's last full stop: a view or comment counter ("capital. 203").
# The sentence before it ends in a word of four letters or more, not a word that numbers things.
_TRAILING_COUNTER = re.compile(r"(?<![\w.])([a-z]{4,})[.!?][ \t\u00a0]+\d{1,6}[ \t]*$")
# Interface words of two or more after a paragraph's last sentence: "are guilty. Go to Source".
_TRAILING_UI = re.compile(r"(?<=[.!?”\"])([ \t\u00a0]+[A-Z][^.!?\n]{2,40}?)[ \t]*$")
_NUMBERING_WORDS = frozenset("approx para chap sect item page part note vers figure table issue".split())


WIDGET_LINES = 8  # lines of a widget after its interface line, at most
WIDGET_SHARE = 0.6  # share of a line's words that are ordinary words of its language
WIDGET_MARGIN = 0.3  # by which that share must pass the English one


def _last_index(lines: list[tuple[int, str]], start: int) -> int:
    return next(i for i, (s, _) in enumerate(lines) if s == start)


_WIDGET_LANGUAGES = ("en", "es", "pt", "fr", "de", "it", "ru", "uk", "pl", "tr")
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")


def _line_languages(line: str) -> dict[str, float]:
    """Per language, the share of the line's words that are its ordinary words (wordfreq); empty
    for a line of fewer than three words or of mostly capitalised ones."""
    from ..language import known_share

    words = _LETTER_WORD.findall(line)
    if len(words) < 3 or 2 * sum(w.islower() for w in words) < len(words):
        return {}  # a name or a title ("Ahmet Davutoğlu"): its words tell no language
    return {language: known_share(words, language) for language in _WIDGET_LANGUAGES}


def _foreign_language(line: str) -> str:
    """The language other than English the line is plainly in, or ""."""
    shares = _line_languages(line)
    if not shares:
        return ""
    language = max((x for x in shares if x != "en"), key=shares.__getitem__)
    if shares[language] < WIDGET_SHARE or shares["en"] > shares[language] - WIDGET_MARGIN:
        return ""
    return language


def _foreign_widget(text: str, lines: list[tuple[int, str]], i: int) -> list[tuple[int, int, str, str]]:
    """The lines from ``i`` on that belong to the site widget an interface line opened ("Más
    Información" and the related headlines under it, "Добавить комментарий" and the form's
    notice): consecutive lines in one language that is not the language of the text around them.
    Empty when the text around them is missing or in the same language."""
    found: list[tuple[int, int, str]] = []
    language = ""
    j = i
    while j < len(lines) and len(found) < WIDGET_LINES:
        s, line = lines[j]
        if line.strip():
            lang = _foreign_language(line)
            if not lang or (language and lang != language) or len(line) > 240:
                break
            language = lang
            found.append((s, s + len(line), line.strip()))
        j += 1
    if not found:
        return []
    before = text[:lines[i][0]]
    after = text[found[-1][1]:]
    rest = "\n".join(x for x in (before, after) if x.strip())
    rest = rest[-DETECT_REST:] if len(rest) > DETECT_REST else rest
    if len(rest.split()) < REST_WORDS:
        return []
    if _line_languages(rest).get("en", 0.0) < WIDGET_SHARE:
        return []
    why = "in another language than the text, under the site's interface line: part of its widget"
    return [(s, e, body, why) for s, e, body in found]


DETECT_REST = 2000  # characters of the surrounding text shown to the detector
REST_WORDS = 6  # words the surrounding text must have to tell its language


def _residue_run(text: str, run: list[tuple[int, int, str, str]]) -> Iterable[Finding]:
    """One edit removing consecutive residue lines with their line breaks (a last line takes the
    breaks before it, and so does a run with more breaks after it than before: the wider gap, a
    paragraph's, stays), unless that would leave nothing of the text."""
    if not run:
        return
    start, e = run[0][0], run[-1][1]
    before = start
    while before > 0 and text[before - 1] in "\r\n":
        before -= 1
    while e < len(text) and text[e] in "\r\n":
        e += 1
    if 0 < before and e < len(text) and text.count("\n", before, start) < text.count("\n", run[-1][1], e):
        start, e = before, run[-1][1]
    elif e == len(text):
        while start > 0 and text[start - 1] in "\r\n":
            start -= 1
    if start == 0 and e == len(text):
        return  # the whole text: nothing would be left
    bodies = ", ".join(repr(body) for _, _, body, _ in run)
    whys = "; ".join(dict.fromkeys(why for _, _, _, why in run))
    lines = "the line is removed" if len(run) == 1 else "the lines are removed"
    yield find(UI_LINE, text, start, e, "", f"{bodies} {'is' if len(run) == 1 else 'are'} {whys}; {lines}.", 0.95)


_WEATHER = "a weather widget's temperature and place"
_TEMPERATURE = re.compile(r"[-+−]?\d{1,2}(?:[.,]\d)?[ \t]*°?[ \t]*[CF]")
# A place's name on a line of its own: capitalised words and the particles of place names.
_PLACE_LINE = re.compile(r"[A-Z][\w'’.-]*(?:[ \t]+(?:am|an|der|de|del|la|le|upon|on|[A-Z][\w'’.-]*)){0,3}")


def _ideograph(ch: str) -> bool:
    """A character of the CJK blocks (ideographs, kana, hangul)."""
    return "\u2e80" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" or "\uf900" <= ch <= "\ufaff"


def _latin_text(text: str) -> bool:
    """Whether the text's letters are Latin but for a handful: an ideograph alone there is residue."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 40 and sum(_ideograph(c) for c in letters) <= 3


_SLUG_PARTS = re.compile(r"[^\s/\\-]+(?:-[^\s/\\-]+)+")
SLUG_PARTS = 5  # words an address slug joins with hyphens, at least, when none is capitalised


def _slug(body: str) -> bool:
    """Whether a line is one token of words joined by hyphens, as an address or a file name joins
    them: five or more in lower case ("google-stops-letting-sites-like-forbes..."), or three or more
    where a capitalised word is followed by a lower-case one of five letters or more closing it
    ("Alami-Balkhi-afghanistan"), which no hyphenated name or compound writes ("Rostov-on-Don",
    "mother-in-law")."""
    if not _SLUG_PARTS.fullmatch(body):
        return False
    parts = body.split("-")
    if len(parts) >= SLUG_PARTS and not any(c.isupper() for c in body):
        return True
    tail = parts[-1]
    return len(parts) >= 3 and tail.isalpha() and tail.islower() and len(tail) >= 5 \
        and any(p[:1].isupper() for p in parts[:-1])


def _why_residue(body: str) -> str | None:
    low = body.lower().strip(" :.")
    if low in UI_LINES:
        return "a website's interface text, not part of the article"
    if _UI_PATTERN.fullmatch(body):
        return "a website's interface text, not part of the article"
    # Each pattern below is tried only when the line has what it must end or start with.
    last = body[-1]
    if last == ")" and ("UTC" in body or "GMT" in body) and ZONED_TIMESTAMP_LINE.fullmatch(body):
        return "a page's timestamp with the section labels before it"
    if (last.isalpha() and _IMAGE_FILE.fullmatch(body)) or (body[:1].isalpha() and _CAMERA_ID.fullmatch(body)):
        return "an image file name standing alone"
    if "-" in body and _slug(body):
        return "a page's address slug or an image's name standing alone"
    if last.isdigit() and _NUMERIC_ID.fullmatch(body):
        return "a bare numeric id left by the page"
    if len(body) in (32, 40, 64) and _HEX_ID.fullmatch(body):
        return _HASH
    if body[:1] == "#" and _HASHTAGS.fullmatch(body):
        return "a line of hashtags"
    if last in ";}" and _LEAKED_STYLE.fullmatch(body):
        return "a leaked player or tracking script line"
    if last in "CF" and _TEMPERATURE.fullmatch(body):
        return _WEATHER
    if "ookie" in body and _COOKIE_SITE.search(body) and _COOKIE_CONSENT.search(body):
        return "the site's cookie notice"
    if last != "." and _PHOTO_CREDIT.fullmatch(body):
        return "a photo credit standing alone"
    if body[:1] in "(Pp" and _CAPTION_LINE.fullmatch(body):
        return "a photo caption or credit standing alone"
    return None


register(Check("artifacts.residue", (UI_LINE, ESCAPED_QUOTE, MISSING_SPACE, GLUED, SOURCE_LABEL, GLUED_ID), check))

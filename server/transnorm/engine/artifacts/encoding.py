"""Encoding damage: mojibake and HTML entities (repaired per span through ftfy), and Cyrillic or
Greek look-alike letters inside Latin words."""
from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Callable, Iterable

import ftfy
from ftfy.badness import is_bad
from ftfy.chardata import HTML_ENTITY_RE
from ftfy.fixes import unescape_html

from ..edits import Finding, Severity
from ..profiles import ANY
from ..registry import Check, RuleInfo, register
from .common import find
from .house import HOUSE_DASHES
from .data import HOMOGLYPHS, zipf

if TYPE_CHECKING:
    from ..document import Document

MOJIBAKE = RuleInfo(
    "encoding.mojibake", "encoding", "apply", "apply", Severity.ERROR,
    "Text decoded with the wrong character set (UTF-8 read as Windows-1252 or Latin-1) is "
    "repaired run by run with ftfy; UTF-8 read as a DOS, Greek or Thai code page (Erdo─čan, β€˜, "
    "Itโ€™s) is decoded when the whole run decodes, and the first byte of a no-break space read as a "
    "Thai or Greek letter glued to a word (teachย Vespiquen) goes.",
    "the cafÃ© owner said", "the café owner said",
    ("the café owner said", "Москва", "£5 and €10"),
    languages=ANY,
)
HTML_ENTITY = RuleInfo(
    "encoding.html_entity", "encoding", "apply", "apply", Severity.WARNING,
    "An HTML entity left in plain text (&amp;, &quot;, &#8217;) becomes its character; entities "
    "that would form markup (&lt;, &gt;) or another entity are reported only.",
    "Johnson &amp; Johnson", "Johnson & Johnson",
    ("AT&T", "this&not that", "R&D;"),
    languages=ANY,
)
SPACING_ACCENT = RuleInfo(
    "encoding.spacing_accent", "encoding", "apply", "apply", Severity.WARNING,
    "An accent typed as a character of its own after its letter, as text copied from a PDF "
    "keeps it (Gdan\u00b4sk, Mu\u00a8nchen), is joined to the letter; an acute standing for an "
    "apostrophe (don\u00b4t, Ukraine\u00b4s) is left to the apostrophe rules.",
    "the shipyard in Gdan\u00b4sk", "the shipyard in Gda\u0144sk",
    ("don\u00b4t", "Ukraine\u00b4s", "it\u00b4ll"),
    languages=ANY,
)
HOMOGLYPH = RuleInfo(
    "script.homoglyph", "script", "apply", "apply", Severity.ERROR,
    "A Latin word with Cyrillic or Greek look-alike letters (Аssad with a Cyrillic А) gets the "
    "Latin letters (Unicode confusables). A wholly Cyrillic word is left alone, but for a Greek or "
    "Cyrillic capital I opening an English clause (Ι love), which is the pronoun.",
    "talks with \u0410ssad", "talks with Assad",
    ("Асад", "Assad", "Москвa"),
    languages=("en", "de", "fr", "es"),
)

# A run of non-ASCII characters: every byte of a UTF-8 sequence decoded as Windows-1252 or
# Latin-1 is non-ASCII, so mojibake always lives inside such runs.
_NON_ASCII = re.compile("[^\x00-\x7f\u200b\u200c\u200d\u2060\ufeff\u00ad]+")  # invisibles split runs
_MIXED = re.compile(r"[^\W\d_]+")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_INVISIBLE_OR_CONTROL = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u2061-\u2064\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What repaired mojibake may decode to: Latin-1 and Latin Extended-A letters, general
# punctuation, currency, Cyrillic, Greek, Arabic, Hebrew. Anything else ("»é" -> "Ȏ") means
# ftfy was fooled by legitimate text.
_PLAUSIBLE = re.compile("[\x00-\x7f\u00a0-\u017f\u0370-\u052f\u0590-\u06ff\u2000-\u206f\u20a0-\u20cf\u2100-\u215f]*")
# From another code page, box drawing as well: a table's frame ("β”‚" for "│").
_PLAUSIBLE_OTHER = re.compile(_PLAUSIBLE.pattern[:-2] + "\u2500-\u257f]*")
_NON_LATIN_LETTER = re.compile("[\u0370-\u06ff]")
_CYRILLIC_GREEK = re.compile("[\u0370-\u04ff]")
_SPACE_LIKE = "\u00a0\u202f\u2009\u2002\u2003"




def _settle(text: str, s: int, e: int, rep: str, style: str) -> tuple[int, int, str]:
    """Give a repaired character the form the punctuation rules would give it.

    The rules all read the original text, so a dash or guillemet that an encoding repair brings
    to light is typeset here; otherwise a second run would change the output again.
    """
    if rep in ("–", "—") and style in HOUSE_DASHES:  # by default a dash stays as the author wrote it
        ls, re_ = s, e
        while ls > 0 and text[ls - 1] in " \u00a0":
            ls -= 1
        while re_ < len(text) and text[re_] in " \u00a0":
            re_ += 1
        if ls < s and e < re_ and ls > 0 and re_ < len(text) and not text[ls - 1].isspace() \
                and not text[re_].isspace() and not (text[ls - 1].isdigit() and text[re_].isdigit()):
            return ls, re_, HOUSE_DASHES[style]
    elif rep == "«":
        return s, e, "“"
    elif rep == "»":
        return s, e, "”"
    elif rep == "№":
        return s, e, "No. " if text[e:e + 1].isdigit() else "No."
    return s, e, rep


# Spacing accents and the combining marks they stand for.
_SPACING_ACCENTS = {"\u00b4": "\u0301", "\u00a8": "\u0308", "\u02c7": "\u030c", "\u02db": "\u0328",
                    "\u02da": "\u030a", "\u02dd": "\u030b", "\u02d8": "\u0306", "\u02d9": "\u0307",
                    "\u00b8": "\u0327"}
_SPACING_ACCENT = re.compile("[\u00b4\u00a8\u02c7\u02db\u02da\u02dd\u02d8\u02d9\u00b8](?<=[A-Za-z].)(?=[^\\W\\d_])")
# After an acute, what makes it an apostrophe: a contraction's or possessive's ending.
_APOSTROPHE_ENDING = re.compile(r"(?:s|t|d|m|ll|re|ve)(?![^\W\d_])")


def _spacing_accents(text: str) -> Iterable[Finding]:
    for m in _SPACING_ACCENT.finditer(text):
        at = m.start()
        if m.group(0) == "\u00b4" and _APOSTROPHE_ENDING.match(text, m.end()):
            continue  # don\u00b4t, Ukraine\u00b4s: an apostrophe
        joined = unicodedata.normalize("NFC", text[at - 1] + _SPACING_ACCENTS[m.group(0)])
        if len(joined) != 1:
            continue  # no letter carries that accent
        yield find(SPACING_ACCENT, text, at - 1, at + 1, joined,
                   f"{text[at - 1:at + 1]!r} is the letter {joined!r} with its accent typed apart, as text copied "
                   f"from a PDF keeps it.", 0.95)


def check(doc: "Document") -> Iterable[Finding]:
    text = doc.text
    style = doc.options.dash_style
    if not text.isascii():
        regions = list(_gbk_regions(text)) if "¡¡" in text else []
        for rs, re_, fixed in regions:
            yield find(MOJIBAKE, text, rs, re_, fixed,
                       "Chinese full-width spaces and punctuation in GBK read as Latin-1 ('¡¡', '¡£', '£¬'): "
                       f"they become {fixed[:40]!r}" + ("…" if len(fixed) > 40 else "") + " (mojibake).", 0.95)
        yield from _mojibake(text, style, doc.tick, regions)
        if _SPACING_ACCENT.search(text):
            yield from _spacing_accents(text)
        if _CYRILLIC_GREEK.search(text):
            yield from _homoglyphs(text, doc.tick)
    if "&" in text:
        yield from _entities(text, doc.latin, style)
    yield from _lost_ligatures(text, doc.tick)


def _mojibake(text: str, style: str, tick: Callable[[], None] = lambda: None,
             done: list[tuple[int, int, str]] = ()) -> Iterable[Finding]:
    for m in _NON_ASCII.finditer(text):
        tick()  # a text in another script is one run per word
        s, e = m.span()
        if any(ds <= s and e <= de for ds, de, _ in done):
            continue
        run = m.group(0)
        if run in _NBSP_LEAD and text[s - 1:s].isascii() and text[s - 1:s].strip() and text[e:e + 1] in " \u00a0" \
                and _latin_script(text):
            # A no-break space is C2 A0 in UTF-8; read as Thai or Greek, C2 shows as a letter glued
            # to the word before, and A0 as the space after it ("teachย Vespiquen").
            yield find(MOJIBAKE, text, s, e, "",
                       f"{run!r} glued to {text[max(0, s - 12):s].split()[-1]!r} before a space is the first byte of a "
                       f"no-break space in UTF-8 decoded as {_NBSP_LEAD[run]} (mojibake); removed.", 0.95)
            continue
        context = text[max(0, s - 1): e + 1]
        if not is_bad(context) and not any("\x80" <= c <= "\x9f" for c in run):
            other = _other_code_page(run)
            if other is not None:
                fixed, cp = other
                yield find(MOJIBAKE, text, s, e, fixed,
                           f"{run!r} is {fixed!r} in UTF-8 decoded as {cp} (mojibake).", 0.95)
            continue
        fixed = ftfy.fix_encoding(run)
        other = _other_code_page(run) if fixed == run else None
        if other is not None:  # bad for ftfy too, in a code page it does not try ("β€˜")
            fixed, cp = other
            yield find(MOJIBAKE, text, s, e, fixed,
                       f"{run!r} is {fixed!r} in UTF-8 decoded as {cp} (mojibake).", 0.95)
            continue
        if fixed == run and len(run) > 2:
            # A legitimate character at one end (a no-break space, a quote) can make ftfy refuse
            # the whole run; try without it.
            for a, b in ((1, len(run)), (0, len(run) - 1)):
                attempt = ftfy.fix_encoding(run[a:b])
                if attempt != run[a:b] and _PLAUSIBLE.fullmatch(attempt):
                    fixed, run, s, e = attempt, run[a:b], s + a, s + b
                    break
        if fixed == run or not _PLAUSIBLE.fullmatch(fixed):
            continue
        fixed = _INVISIBLE_OR_CONTROL.sub("", fixed)
        # Keep the edit to the damaged part: legitimate characters at either end of the run stay.
        while run and fixed and run[0] == fixed[0]:
            run, fixed, s = run[1:], fixed[1:], s + 1
        while run and fixed and run[-1] == fixed[-1]:
            run, fixed, e = run[:-1], fixed[:-1], e - 1
        if len(run) < 4 and _NON_LATIN_LETTER.search(fixed):
            continue  # "”é" is not a mangled Cyrillic letter; real mangled words are longer runs
        if fixed and fixed in _SPACE_LIKE:
            fixed = _space(text, s, e)
        s, e, fixed = _settle(text, s, e, fixed, style)
        yield find(MOJIBAKE, text, s, e, fixed,
                   f"{text[s:e]!r} is {fixed!r} decoded with the wrong character set (mojibake)." if fixed else
                   f"{text[s:e]!r} is left over from a character decoded with the wrong character set "
                   f"(mojibake); removed.", 0.95)


# GBK's full-width space and punctuation read as Latin-1: two characters each ("　" is A1 A1,
# "¡¡"). English text copied from a Chinese page keeps them between its words.
_GBK = {"¡¡": " ", "¡£": ".", "£¬": ",", "£»": ";", "£º": ":", "£¿": "?", "£¡": "!", "¡¢": ",",
        "¡°": "“", "¡±": "”", "¡®": "‘", "¡¯": "’", "£¨": "(", "£©": ")", "£®": "."}
_GBK_PAIR = re.compile("|".join(_GBK))
_GBK_WORD_GAP = re.compile(r"(?<=[A-Za-z])¡¡(?=[A-Za-z])")
GBK_EVIDENCE = 2  # full-width spaces between Latin words before a text counts as GBK read as Latin-1
GBK_REACH = 80  # characters between two pairs of one region (a line's words; a line break ends a region)


def _gbk_regions(text: str) -> Iterable[tuple[int, int, str]]:
    """Stretches of a line that hold GBK full-width marks read as Latin-1, decoded (a hard wrap
    between two lines is left to the whitespace rules): only in a text where they stand between
    Latin words at least twice ("Silver¡¡is¡¡more")."""
    if sum(1 for _ in zip(range(GBK_EVIDENCE), _GBK_WORD_GAP.finditer(text))) < GBK_EVIDENCE:
        return
    pairs = list(_GBK_PAIR.finditer(text))
    i = 0
    while i < len(pairs):
        j = i
        while j + 1 < len(pairs) and pairs[j + 1].start() - pairs[j].end() <= GBK_REACH \
                and "\n" not in text[pairs[j].end():pairs[j + 1].start()]:
            j += 1
        s, e = pairs[i].start(), pairs[j].end()
        fixed = _GBK_PAIR.sub(lambda m: _GBK[m.group(0)], text[s:e])
        fixed = re.sub(r"  +", " ", fixed)  # doubled spaces
        if s == 0 or text[s - 1] == "\n":
            fixed = fixed.lstrip(" ")  # indentation
        if e == len(text) or text[e] == "\n":
            fixed = fixed.rstrip(" ")
        yield s, e, fixed
        i = j + 1


# Code pages whose mojibake ftfy does not look for: UTF-8 read as the DOS code pages (box-drawing
# characters: "Erdo─čan", "─░stanbul"), as Greek Windows-1253 ("Β£1", "β€˜") or as Thai
# Windows-874 ("Itโ€™s"). A byte the page's code page leaves undefined shows as its Windows-1252
# character, as browsers show it ("˜" and "™" in "β€˜", "โ€™").
_OTHER_CODE_PAGES = ("cp852", "cp437", "cp866", "cp1253", "cp874")
# Characters no prose run holds next to letters: box drawing, blocks, and currency or signs that
# a UTF-8 lead or continuation byte becomes in those code pages.
_MOJIBAKE_SIGN = re.compile("[\u2500-\u259f£¥§¤€‚˜™]")


# The byte C2 that opens a UTF-8 no-break space, as Thai and Greek code pages show it.
_NBSP_LEAD = {"\u0e22": "cp874", "\u0392": "cp1253"}


def _latin_script(text: str) -> bool:
    """Whether nearly all of the text's letters are Latin: a lone Thai or Greek letter is no word there."""
    letters = [c for c in text if c.isalpha() and c not in _NBSP_LEAD]
    foreign = sum(not ("a" <= c.lower() <= "z" or "\u00c0" <= c <= "\u024f") for c in letters)
    return len(letters) >= 20 and foreign * 20 <= len(letters)


def _encode(run: str, cp: str) -> bytes:
    """``run`` in code page ``cp``, a character it lacks taken from Windows-1252."""
    out = bytearray()
    for c in run:
        try:
            out += c.encode(cp)
        except UnicodeEncodeError:
            out += c.encode("cp1252")
    return bytes(out)


def _other_code_page(run: str) -> tuple[str, str] | None:
    """``(repaired, code page)`` when ``run`` is UTF-8 decoded with one of ``_OTHER_CODE_PAGES``:
    it holds a sign no prose run holds, and its bytes in that code page are valid UTF-8 that
    decodes to plausible text with fewer characters."""
    if len(run) < 2 or not _MOJIBAKE_SIGN.search(run):
        return None
    for cp in _OTHER_CODE_PAGES:
        try:
            fixed = _encode(run, cp).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed != run and len(fixed) < len(run) and _PLAUSIBLE_OTHER.fullmatch(fixed) and not fixed.isascii():
            return fixed, cp
    return None


def _space(text: str, s: int, e: int) -> str:
    """What a repaired no-break space should be: nothing next to a space, a plain space between
    sentences (as space.nbsp_sentence would make it), else itself."""
    before, after = text[s - 1:s], text[e:e + 1]
    if before.isspace() or after.isspace() or not before or not after:
        return ""
    if before in ".!?" and after.isupper():
        return " "
    return "\u00a0"


# Characters the whitespace rules remove: an entity with one inside (``&am\x00p;``) is read as
# the entity, and its edit takes the character with it, so no second pass finds the entity.
_REMOVED_INSIDE = re.compile("[\u200b\u2060\ufeff\u00ad\u2061-\u2064\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x81\x8d\x8f\x90\x9d]")


def _readable(text: str) -> tuple[str, list[int] | None]:
    """``text`` without the characters of ``_REMOVED_INSIDE``, and where each of its characters
    stands in ``text`` (None when nothing was left out)."""
    if not _REMOVED_INSIDE.search(text):
        return text, None
    at = [i for i, c in enumerate(text) if not _REMOVED_INSIDE.match(c)]
    return "".join(text[i] for i in at), at


def _entities(text: str, latin: str, style: str) -> Iterable[Finding]:
    # Read with look-alike letters made Latin (``&mаdash;`` with a Cyrillic а, which
    # script.homoglyph repairs in the same pass) and without removable invisible characters.
    view, at = _readable(latin)
    for m in HTML_ENTITY_RE.finditer(view):
        s, e = m.span()
        decoded = unescape_html(m.group(0))
        if decoded == m.group(0):
            continue
        doubly = decoded == "&" and _forms_entity(view, e)
        if at is not None:
            s, e = at[s], at[e - 1] + 1
        before, after = text[s - 1:s], text[e:e + 1]
        autofix, why = True, ""
        if "\ufffd" in decoded or "\x00" in decoded:
            yield find(HTML_ENTITY, text, s, e, None,
                       f"The HTML entity {m.group(0)!r} names no usable character; not changed.", 0.5)
            continue
        if decoded in "<>":
            autofix, why = False, "; it may be meant as markup, so it is not changed"
        elif doubly:
            autofix, why = False, "; it is a doubly escaped entity, so it is not changed"
        elif decoded in _SPACE_LIKE:
            decoded = _space(text, s, e) if decoded == "\u00a0" else decoded
        elif _INVISIBLE_OR_CONTROL.fullmatch(decoded):
            decoded = ""  # an invisible character would only be removed by space.zero_width next
        elif decoded in " \t":
            if before in " \t" or after in " \t":
                decoded = ""
        s, e, decoded = _settle(text, s, e, decoded, style)
        shown = decoded if decoded.strip() else repr(decoded)
        yield find(HTML_ENTITY, text, s, e, decoded,
                   f"The HTML entity {m.group(0)!r} stands for {shown}; plain text needs the character itself{why}.",
                   0.95, autofix=autofix)


def _forms_entity(text: str, at: int) -> bool:
    """Whether an ``&`` decoded from the entity ending at ``at`` would make another entity with
    the text after it (``&amp;nbsp;``, ``&amp;amp;lt;``): a doubly escaped entity, which a second
    pass would decode again."""
    m = HTML_ENTITY_RE.match("&" + text[at:at + 30])
    return m is not None and unescape_html(m.group(0)) != m.group(0)


def _foreign(word: str) -> list[int]:
    """Positions of Cyrillic or Greek letters in a word that also has Latin letters."""
    if word.isascii():
        return []
    foreign = [i for i, c in enumerate(word) if "\u0370" <= c <= "\u04ff"]
    if not foreign or not _LATIN_LETTER.search(word):
        return []  # no foreign letter, or a wholly Cyrillic or Greek word: not a homoglyph case
    return foreign


def _latinized(word: str, foreign: list[int]) -> str | None:
    """The word with its look-alike letters made Latin, when it is mostly Latin and every foreign
    letter has a Latin twin; otherwise None."""
    latin = len(_LATIN_LETTER.findall(word))
    if latin <= len(foreign) or not all(word[i] in HOMOGLYPHS for i in foreign):
        return None
    return "".join(HOMOGLYPHS.get(c, c) for c in word)


def unconfuse(text: str) -> str:
    """``text`` with every repairable mixed-script word spelled in Latin letters, same length.

    Meant for matching views (``Document.folded``): a name matcher that reads this view sees
    ``Аssad`` (Cyrillic А) as ``Assad`` in the same pass in which script.homoglyph repairs it.
    """
    if text.isascii() or not _CYRILLIC_GREEK.search(text):
        return text
    parts, pos = [], 0
    for m in _MIXED.finditer(text):
        foreign = _foreign(m.group(0))
        fixed = _latinized(m.group(0), foreign) if foreign else None
        if fixed is not None:
            parts += [text[pos:m.start()], fixed]
            pos = m.end()
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)


# The English word of one letter a look-alike stands for (not "a": Russian "а" is a word, and
# a text about the alphabet names its letters).
_ONE_LETTER_WORDS = ("I",)
# Where the pronoun opens a clause: after a conjunction ("and Ι think"); else at a sentence's start.
_LATIN_WORD_BEFORE = re.compile(r"(?<![A-Za-z])(?:and|but|so|that|because|when|if|as|then)[ \u00a0]+\Z", re.IGNORECASE)
_LATIN_WORD_AFTER = re.compile(r"[ \u00a0]+[a-z]{2,}")  # "I love", not a name after a letter


def _between_latin_words(text: str, s: int, e: int) -> bool:
    """Whether a lower-case Latin word stands after ``text[s:e]``, and it opens a sentence or a
    clause after a conjunction."""
    if not _LATIN_WORD_AFTER.match(text, e):
        return False
    before = text[max(0, s - 30):s]
    return _LATIN_WORD_BEFORE.search(before) is not None or not before.strip() or before.rstrip()[-1:] in ".!?\n"


def _homoglyphs(text: str, tick: Callable[[], None] = lambda: None) -> Iterable[Finding]:
    for m in _MIXED.finditer(text):
        tick()  # a text in another script is one match per word
        word = m.group(0)
        foreign = _foreign(word)
        if not foreign:
            twin = HOMOGLYPHS.get(word) if len(word) == 1 else None
            if twin in _ONE_LETTER_WORDS and _between_latin_words(text, m.start(), m.end()) and _latin_script(text):
                yield find(HOMOGLYPH, text, m.start(), m.end(), twin,
                           f"{word!r} (U+{ord(word):04X}) opening an English clause is the look-alike "
                           f"of the word {twin!r}; it becomes the Latin letter.", 0.95)
            continue
        first, last = foreign[0], foreign[-1]
        letters = ", ".join(f"U+{ord(word[i]):04X}" for i in foreign)
        fixed = _latinized(word, foreign)
        if fixed is not None:
            yield find(HOMOGLYPH, text, m.start() + first, m.start() + last + 1, fixed[first:last + 1],
                       f"{word!r} mixes Latin letters with Cyrillic or Greek look-alikes ({letters}); "
                       f"they become the Latin letters: {fixed!r}.", 0.95)
        else:
            yield find(HOMOGLYPH, text, m.start() + first, m.start() + last + 1, None,
                       f"{word!r} mixes Latin letters with Cyrillic or Greek letters ({letters}); which script "
                       "was meant is unclear, so it is not changed.", 0.5)


LOST_LIGATURE = RuleInfo(
    "encoding.lost_ligature", "encoding", "apply", "apply", Severity.WARNING,
    "A word whose ligature (ff, fi, fl, ffi, ffl) a copy of a PDF dropped (dierent, oce) gets its "
    "letters back: in a text that writes none of these letter pairs in any word (the copy lost them "
    "all), a lower-case token that is no English word and becomes a common one, one way only, with "
    "the ligature's letters put back.",
    "according to dierent legends of the city", "according to different legends of the city",
    ("according to different legends, one dierent", "the sherman said", "a nal word", "Dierent"),
)
_LIGATURES = ("ff", "fi", "fl", "ffi", "ffl")
_LIGATURE_PAIRS = re.compile(r"f[fil]", re.IGNORECASE)  # anchored on the pair; its word is read after
_WORD_AROUND = re.compile(r"[A-Za-z]*\Z")
_WORD_ON = re.compile(r"[A-Za-z]*")
_LOWER_TOKEN = re.compile(r"\b[a-z]{3,}\b")  # a token next to ' or - is part of a longer one: checked after
LIGATURE_TOKEN_ZIPF = 1.0  # a token this rare is no English word
LIGATURE_WORD_ZIPF = 4.0  # the repaired word is this common


def _restored(token: str) -> str | None:
    """The one common English word ``token`` becomes with a ligature's letters put back."""
    found = {token[:i] + lig + token[i:] for i in range(len(token) + 1) for lig in _LIGATURES}
    words = {w for w in found if zipf(w) >= LIGATURE_WORD_ZIPF}
    return words.pop() if len(words) == 1 else None


def _lost_ligatures(text: str, tick: Callable[[], None]) -> Iterable[Finding]:
    for pair in _LIGATURE_PAIRS.finditer(text):
        tick()  # a long text may hold tens of thousands of these pairs
        word = _WORD_AROUND.search(text, max(0, pair.start() - 30), pair.start()).group(0) \
            + _WORD_ON.match(text, pair.start()).group(0)
        if zipf(word.lower()) >= 2.0:
            return  # the text writes these letters: its copy kept its ligatures
    for m in _LOWER_TOKEN.finditer(text):
        tick()
        token = m.group(0)
        if zipf(token) >= LIGATURE_TOKEN_ZIPF or text[m.start() - 1:m.start()] in ("'", "’", "-") \
                or text[m.end():m.end() + 1] in ("'", "’", "-"):
            continue
        word = _restored(token)
        if word is not None:
            yield find(LOST_LIGATURE, text, m.start(), m.end(), word,
                       f"{token!r} is no English word; with the letters of a ligature a PDF copy dropped put back, "
                       f"it is {word!r} (the text writes no ff, fi or fl anywhere).", 0.9)


register(Check("artifacts.encoding", (MOJIBAKE, HTML_ENTITY, SPACING_ACCENT, HOMOGLYPH, LOST_LIGATURE), check))

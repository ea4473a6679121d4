"""What a document already does right, read once and shared by the artifact rules.

A publication's own typography is evidence: a text that writes its dashes closed (``word—word``)
or as spaced en dashes (``word – word``) throughout has a house style, and a wrong dash in it (a
spaced hyphen typed for a dash) is repaired to that style rather than to another one; a text
that writes its apostrophes curly gets curly ones back; a text whose contractions and
possessives all lack their apostrophe has lost them as a whole.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from .common import anchored

if TYPE_CHECKING:
    from ..document import Document

HOUSE_DASHES = {"em_spaced": " — ", "em_closed": "—", "en_spaced": " – "}
DEFAULT_DASH = HOUSE_DASHES["em_spaced"]

# Dashes between words as a publication writes them (not ranges: digits on both sides).
_CORRECT_DASH = re.compile(r" — | – |—")
_DASH_CHAR = re.compile("[–—]")
_APOSTROPHE = re.compile(r"['’]")


def _letter(ch: str) -> bool:
    return ch.isalpha()


# Russian typography carried over by translation: a quote-comma-dash before the speaker
# (`”, – said`), guillemets, the numero sign. In such a text a spaced en dash is the Russian
# dash (тире) carried over, not a house style of the English publication.
# A closing mark then a comma and a dash, a pair of guillemets, or the numero sign: the three open
# with one class, so that the regex engine skips to those marks.
_RUSSIAN_TYPOGRAPHY = re.compile(r"[”»\"«№](?:(?<=[”»\"])[ \u00a0]*,[ \u00a0]*[–—-]|(?<=«)[^»\n]{1,200}»|(?<=№))")


def _russian_typography(doc: "Document") -> bool:
    return _RUSSIAN_TYPOGRAPHY.search(doc.text) is not None


def russian_typography(doc: "Document") -> bool:
    """Whether the text shows Russian punctuation carried over by translation."""
    return doc.memo("house.russian", _russian_typography)


def _dash_style(doc: "Document") -> str | None:
    counts: Counter = Counter()
    text = doc.text
    for m in anchored(_CORRECT_DASH, _DASH_CHAR, " ", text):  # tried only before each dash
        s, e = m.span()
        if s > 0 and e < len(text) and _letter(text[s - 1]) and _letter(text[e]):
            counts[m.group(0)] += 1
    if not counts:
        return None
    (best, n), *rest = counts.most_common()
    return best if not rest or n > rest[0][1] else None


def document_dash(doc: "Document") -> str | None:
    """The dash the document itself writes between words, when one form prevails; else None."""
    return doc.memo("house.dash", _dash_style)


def house_dash(doc: "Document") -> str:
    """The dash a wrong dash becomes: the caller's house style when one is set, otherwise the
    document's own (not the Russian spaced en dash of a translated text), otherwise a spaced em
    dash."""
    style = doc.options.dash_style
    if style in HOUSE_DASHES:
        return HOUSE_DASHES[style]
    own = document_dash(doc)
    if own is None or (own == " – " and russian_typography(doc)):
        return DEFAULT_DASH
    return own


def converts_dashes(doc: "Document") -> str:
    """Which correct-looking dashes are rewritten: ``all`` when the caller names a house dash,
    ``en`` (spaced en dashes only) in a text with Russian typography, else ``none``."""
    if doc.options.dash_style in HOUSE_DASHES:
        return "all"
    return "en" if russian_typography(doc) else "none"


def _apostrophe(doc: "Document") -> str:
    text = doc.text
    counts = Counter(m.group(0) for m in _APOSTROPHE.finditer(text)
                     if 0 < m.start() and m.end() < len(text) and text[m.start() - 1].isalpha() and text[m.end()].isalpha())
    return "’" if counts["’"] > counts["'"] else "'"


def apostrophe(doc: "Document") -> str:
    """The apostrophe the document writes inside words (’ or '); ' when it writes none."""
    return doc.memo("house.apostrophe", _apostrophe)

"""Variant keys ("skeletons") that merge the usual transliterations of one name.

Two spellings of a name that differ only by romanisation scheme or by Arabic article handling get
the same skeleton: ``Khmeimim``, ``Hmeymim`` and ``Khmeymim`` all give ``hmeimim``; ``Gaddafi``,
``Gadhafi`` and ``Qaddafi`` give ``kadafi``. A skeleton is a matching key, never shown as a spelling.

The rules, in the order they run (each row of ``RULES`` names its source):

==========================  =====================  ==========================================================
rule                        example                source
==========================  =====================  ==========================================================
case, diacritics            Šojgu -> shojgu        ISO 9 / GOST 7.79 š ž č ŝ read as sh zh ch shch; other
                                                   diacritics (ĭ, ė, ā) dropped, as ICAO 9303 MRZs do
apostrophes, primes         Naval'naya, Ba'ath     soft/hard sign primes (BGN/PCGN, GOST 7.79 ʹ ʺ) and ayn/
                                                   hamza marks (ALA-LC Arabic ʻ ʼ) are optional in practice
hyphens -> spaces           Deir ez-Zor            hyphenation of particles varies between houses
Arabic article dropped      al-Assad, ash-Sham     al/el/ul and the assimilated forms ad-, an-, ar-, as-,
                                                   ash-, at-, az-... (ALA-LC Arabic, BGN/PCGN Arabic 1956)
abd al- / abdul / abdel     Abdel Fattah           one morpheme, ALA-LC ʻAbd al- vs common Abdul/Abdel
ibn / bin / ben             Ibn Salman             ALA-LC ibn, Gulf usage bin, Maghreb ben
ta marbuta -ah/-eh -> a     Hamah -> hama          ALA-LC writes -ah (-eh in Persian-style), the press -a
x -> ks (h word-initially)  Aleksandr, Xmejmim     GOST 7.79-B / Scientific use x for х; English x = ks
jj -> j                     Khmejjmim              GOST 16876-71 (table 2) writes й as jj
tsch, tch -> ch; shch,      Tschechow, Khrushchev  BGN/PCGN ch, shch; German tsch, sch; French tch;
shh, sch -> sh                                     GOST 7.79-B shh
kh -> h                     Khmeimim / Hmeimim     BGN/PCGN and ALA-LC kh; ISO 9, GOST, Reuters Arabic h
zh -> z                     Zhukov / Žukov         BGN/PCGN zh; ISO 9 ž (diacritic dropped)
dzh, dj -> j                Dzhokhar, Djamel       BGN/PCGN dzh; French dj; English j
dh -> d, gh -> g, ph -> f   Gadhafi, Ghouta        Arabic ذ ض dh/d, غ gh/g (BGN/PCGN vs press); Greek ph
q, k, g, ck -> k            Qaddafi / Gaddafi      Arabic ق: q (ALA-LC), k, g (Gulf/Egyptian speech)
ts, tz, cz -> c             Tsyganov / Cyganov     ц: ts (BGN/PCGN), tz (German), c (ISO 9), cz (Polish)
w -> v                      Wladimir               в: v (BGN/PCGN), w (German, Polish)
ye -> e (word-initially or  Yevgeny / Evgeny,      BGN/PCGN ye for е there; ICAO 9303 and GOST 52535 e
after a vowel)              Andreyev / Andreev
ou, oo -> u; ee -> i        Mourad, Mahmood        French-style and English-style vowel spellings
j + vowel -> i; j after     Jurij, Sergej          я ю й: ISO 9 / GOST j vs BGN/PCGN y vs ICAO i
vowel -> i
y -> i                      Zelenskiy, Shoygu      й/ы/-ий endings: -iy (BGN/PCGN), -ii (ICAO 9303), -y (press),
                                                   -yy (Ukrainian passport practice); ya/ia, yu/iu, oy/oi
ai, ay, ey -> ei            Hussain / Hussein      Arabic ay diphthong: ay (ALA-LC), ai, ei (press)
doubled letters collapsed   Assad / Asad           Arabic shadda is written double or single in practice
==========================  =====================  ==========================================================
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Sequence

try:  # the same rules in C (``_native.c``); this module stays the reference and the fallback
    from . import _native
except ImportError:  # pragma: no cover - a source tree without the built module
    _native = None

# Letters that NFKD does not decompose into a base letter and a mark.
# ISO 9 and GOST 7.79 write ш ж ч щ я ю as š ž č ŝ â û: they read as sh zh ch shch ia iu.
_LETTERS = str.maketrans({
    "š": "sh", "ž": "zh", "č": "ch", "ŝ": "shch", "â": "ia", "û": "iu", "ß": "ss", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i",
    "ħ": "h", "ŀ": "l",
})
# Marks that some schemes write for soft signs, hard signs, ayn and hamza: optional in practice.
_MARKS = re.compile("['\u2019\u2018\u02bc\u02bb\u02b9\u02ba\u02bf\u02be`\u00b4\u201b]")
_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013\u2014_./]+")
_NOT_LETTER = re.compile(r"[^a-z0-9 ]")

_ARTICLES = ("al", "el", "il", "ul", "ad", "ed", "ud", "an", "en", "un", "ar", "er", "ur", "as", "es", "us",
             "ash", "esh", "ush", "at", "et", "ut", "ath", "az", "ez", "uz", "adh", "ag", "eg")
# An article is a separate word (after hyphens became spaces) followed by another word.
_ARTICLE = re.compile(rf"(?:(?<= )|^)(?:{'|'.join(_ARTICLES)}) (?=[a-z])")
_ARTICLE_LINES = re.compile(_ARTICLE.pattern, re.MULTILINE)
# A vowel and a doubled sun letter at the start of a later word: "Ezzor" is "ez-Zor" written solid.
_SOLID_ARTICLE = re.compile(r"(?<= )[aeu](t|th|d|dh|r|z|s|sh|n)\1(?=[a-z]{2})")

# (pattern, replacement, source), applied in order to the letters-and-spaces form. A pattern that
# needs no context is a plain substring (fast ``str.replace``); the others are regular expressions.
RULES: tuple[tuple[str, str, str], ...] = (
    (r"abd(?<![a-z]abd)(?:al|el|ul|oul)(?=[a-z]{3}|\b)", "abd ", "ALA-LC Arabic: ʻAbd al- written Abdul, Abdel, Abd el"),
    (r"\b(?:ibn|bin|ben|bn)\b", "bin", "ALA-LC ibn, Gulf bin, Maghreb ben"),
    (r"ah\b(?<=[a-z]ah)", "a", "ALA-LC Arabic ta marbuta -ah, BGN/PCGN and press -a"),
    (r"eh\b(?<=[a-z]eh)", "a", "ta marbuta written -eh (Persian-style practice), press -a"),
    (r"x(?<![a-z]x)(?=[b-df-hj-np-tv-z])", "h", "GOST 7.79-B and Scientific transliteration write х as x"),
    ("jj", "j", "GOST 16876-71 (table 2) writes й as jj"),
    ("x", "ks", "English x for Russian кс (Aleksandr/Alexander)"),
    ("tsch", "ch", "ч: tsch (German)"),
    ("tch", "ch", "ч: ch (BGN/PCGN), tch (French)"),
    ("shch", "sh", "щ: shch (BGN/PCGN)"),
    ("shh", "sh", "щ: shh (GOST 7.79-B)"),
    ("sch", "sh", "ш: sch (German)"),
    ("kh", "h", "х/خ: kh (BGN/PCGN, ALA-LC) or h (ISO 9, GOST 7.79, Reuters Arabic)"),
    ("dzh", "j", "дж: dzh (BGN/PCGN), j (English)"),
    ("zh", "z", "ж: zh (BGN/PCGN), ž (ISO 9)"),
    ("dj", "j", "ج: dj (French), j (English)"),
    ("dh", "d", "Arabic ذ/ض: dh (BGN/PCGN) or d (press)"),
    ("gh", "g", "Arabic غ: gh (BGN/PCGN) or g (press)"),
    ("ph", "f", "ph/f"),
    ("ck", "k", "English ck for k"),
    ("q", "k", "Arabic ق: q (ALA-LC), k (BGN/PCGN)"),
    ("g", "k", "Arabic ق as g in Gulf/Egyptian speech (Gaddafi/Qaddafi)"),
    ("ts", "c", "ц: ts (BGN/PCGN), c (ISO 9)"),
    ("tz", "c", "ц: tz (German)"),
    ("cz", "c", "ц: cz (Polish)"),
    ("w", "v", "в: v (BGN/PCGN), w (German, Polish)"),
    (r"ye(?<![a-z]ye)", "e", "initial е: ye (BGN/PCGN), e (ICAO 9303, GOST 52535)"),
    (r"ye(?<=[aeiou]ye)", "e", "е after a vowel: ye (BGN/PCGN), e (ICAO 9303)"),
    ("ou", "u", "French-style ou for u"),
    ("oo", "u", "English-style oo for u"),
    ("ee", "i", "English-style ee for i"),
    (r"j(?=[aeiou])", "i", "я/ю/е: ja/ju (ISO 9, GOST) vs ya/yu (BGN/PCGN) vs ia/iu (ICAO 9303)"),
    (r"j(?<=[aeiouy]j)", "i", "й after a vowel: j (ISO 9, GOST) vs y (BGN/PCGN) vs i (ICAO 9303)"),
    ("y", "i", "й, ы, -ий: y/iy (BGN/PCGN), i/ii (ICAO 9303), yy (Ukrainian passports)"),
    (r"ai(?![aeiou])", "ei", "Arabic ay diphthong: ay (ALA-LC), ai, ei (press); Russian ей: ey/ei"),
    (r"([a-z])\1+", r"\1", "Arabic shadda and Russian doubled consonants written single or double"),
)
_PLAIN = re.compile(r"[a-z]+")
# One word at a time, a test without which a regex rule cannot match lets most words skip most
# regexes (a plain rule is its own test: ``pattern in word``).
_TRIGGERS = {
    r"abd(?<![a-z]abd)(?:al|el|ul|oul)(?=[a-z]{3}|\b)": lambda w: w.startswith("abd"),
    r"\b(?:ibn|bin|ben|bn)\b": lambda w: w in ("ibn", "ben", "bn"),
    r"ah\b(?<=[a-z]ah)": lambda w: w.endswith("ah"),
    r"eh\b(?<=[a-z]eh)": lambda w: w.endswith("eh"),
    r"x(?<![a-z]x)(?=[b-df-hj-np-tv-z])": lambda w: w.startswith("x"),
    r"ye(?<![a-z]ye)": lambda w: w.startswith("ye"),
    r"ye(?<=[aeiou]ye)": lambda w: "ye" in w,
    r"j(?=[aeiou])": lambda w: "j" in w,
    r"j(?<=[aeiouy]j)": lambda w: "j" in w,
    r"ai(?![aeiou])": lambda w: "ai" in w,
    r"([a-z])\1+": lambda w: True,
}


_DOUBLED = r"([a-z])\1+"
_DOUBLED_RE = re.compile(_DOUBLED)


def _collapse(w: str) -> str:
    # A callable replacement is several times cheaper than expanding the r"\1" template.
    return _DOUBLED_RE.sub(_first_group, w)


def _first_group(m: re.Match) -> str:
    return m.group(1)


# (pattern, replacement, compiled regex or None for a plain substring, test for one word)
_SEQUENTIAL = tuple((p, r, None if _PLAIN.fullmatch(p) else re.compile(p), _TRIGGERS.get(p)) for p, r, _ in RULES)
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
# ASCII fast path of ``letters``: separators become spaces, marks and other symbols go.
_ASCII = {c: None for c in range(128) if not chr(c).isalnum()}
_ASCII.update({ord(c): " " for c in " \t\n\r\f\v-_./"})


def letters(name: str) -> str:
    """Case- and diacritic-folded letters (and digits) of ``name``, words separated by single spaces."""
    s = name.casefold()
    if s.isascii():
        if s.isalpha():
            return s
        return " ".join(s.translate(_ASCII).split())
    s = unicodedata.normalize("NFKD", s.translate(_LETTERS))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = _MARKS.sub("", s)
    s = _SEPARATORS.sub(" ", s)
    return " ".join(_NOT_LETTER.sub("", s).split())


def _apply_rules(w: str) -> str:
    """The rules applied in order to one word (word boundaries are the word's ends)."""
    for pat, rep, regex, trigger in _SEQUENTIAL:
        if regex is None:
            if pat in w:
                w = w.replace(pat, rep)
        elif pat == _DOUBLED:
            w = _collapse(w)
        elif trigger(w):
            w = regex.sub(rep, w)
    return w


@lru_cache(maxsize=16384)  # the pure-Python path's words: ~100 bytes an entry, at most ~1.6 MiB
def _word_skeleton(word: str) -> str:
    # Names share words (given names, places): each word is reduced once.
    return _apply_rules(word)


def _words_skeleton(s: str) -> str:
    return " ".join(" ".join(_word_skeleton(w) for w in s.split(" ")).split())


def _name_keys(name: str) -> tuple[str, ...]:
    return _python_keys(letters(name))


if _native is not None:
    _native.read_with(letters)  # names that are not ASCII are read here, the rest in C
    _name_keys = _native.name_keys  # type: ignore[assignment]  # noqa: F811
# All skeletons of a name: the primary one first, then readings with a solid article removed.
# ``Deir Ezzor`` may be ``Deir ez-Zor`` written solid or a word that starts with a double letter,
# so it gets both ``deir ezor`` and ``deir zor``; a name without such a word gets one key.
# ~290 bytes an entry (bench/bench_soak.py --caches): at most ~2.3 MiB.
skeleton_keys = lru_cache(maxsize=8192)(_name_keys)


def _python_keys(base: str) -> tuple[str, ...]:
    """``skeleton_keys`` of a ``letters`` string, in Python: the reference for ``_native.keys``."""
    if not base:
        return ()
    if " " in base:
        stripped = _ARTICLE.sub("", base)
        base = stripped or base
    keys = [_words_skeleton(base)]
    if " " in base:
        solid = _SOLID_ARTICLE.sub(r"\1", base)
        if solid != base:
            alt = _words_skeleton(solid)
            if alt != keys[0]:
                keys.append(alt)
    return tuple(k for k in keys if k)


def _apply_rules_text(text: str) -> str:
    """The rules applied in order to many words at once (separated by spaces or newlines): one
    ``str.replace`` or regex pass over the whole text per rule."""
    for pat, rep, regex, _trigger in _SEQUENTIAL:
        if regex is None:
            text = text.replace(pat, rep)
        elif pat == _DOUBLED:
            for c in _ALPHABET:  # str.replace per letter is many times faster than the regex here
                cc = c + c
                while cc in text:
                    text = text.replace(cc, c)
        else:
            text = regex.sub(rep, text)
    return text


def skeleton_many(names: Sequence[str]) -> list[tuple[str, ...]]:
    """``[skeleton_keys(n) for n in names]``, without filling the memory of ``skeleton_keys``."""
    if _native is not None:
        return [_name_keys(n) for n in names]
    return _python_many(names)


def _python_many(names: Sequence[str]) -> list[tuple[str, ...]]:
    """``skeleton_many`` in Python: one pass of each rule over all names at once."""
    text = "\n".join(letters(name) for name in names)
    if not text and not names:
        return []
    # An article needs a word after it on its line, so one-word names keep theirs, as one by one.
    bases = _ARTICLE_LINES.sub("", text).split("\n")
    solids = _SOLID_ARTICLE.sub(r"\1", "\n".join(bases)).split("\n")
    primary = _apply_rules_text("\n".join(bases)).split("\n")
    solid = [(i, alt) for i, (b, alt) in enumerate(zip(bases, solids)) if alt != b]
    alts = dict(zip((i for i, _ in solid), _apply_rules_text("\n".join(a for _, a in solid)).split("\n"))) \
        if solid else {}
    out = []
    for i, p in enumerate(primary):
        keys = [" ".join(p.split())]
        if i in alts:
            alt = " ".join(alts[i].split())
            if alt != keys[0]:
                keys.append(alt)
        out.append(tuple(k for k in keys if k))
    return out


def skeleton(name: str) -> str:
    """The primary skeleton of ``name`` ("" when it has no letters).

    >>> skeleton("Khmeymim") == skeleton("Hmeimim") == "hmeimim"
    True
    >>> skeleton("Bashar al-Assad"), skeleton("Bashar Asad")
    ('bashar asad', 'bashar asad')
    """
    keys = skeleton_keys(name)
    return keys[0] if keys else ""

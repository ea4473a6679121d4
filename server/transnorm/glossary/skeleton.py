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
ta marbuta -ah/-eh -> a     Hamah -> hama          ALA-LC writes -ah, BGN/PCGN and the press -a
x -> ks (h word-initially)  Aleksandr, Xmejmim     GOST 7.79-B / Scientific use x for х; English x = ks
tsch, tch -> ch; shch,      Tschechow, Khrushchev  BGN/PCGN ch, shch; German tsch, sch; French tch;
shh, sch -> sh                                     GOST 7.79-B shh
kh -> h                     Khmeimim / Hmeimim     BGN/PCGN and ALA-LC kh; ISO 9, GOST, Reuters Arabic h
zh -> z                     Zhukov / Žukov         BGN/PCGN zh; ISO 9 ž (diacritic dropped)
dzh, dj -> j                Dzhokhar, Djamel       BGN/PCGN dzh; French dj; English j
dh -> d, gh -> g, ph -> f   Gadhafi, Ghouta        Arabic ذ ض dh/d, غ gh/g (BGN/PCGN vs press); Greek ph
q, k, g, ck -> k            Qaddafi / Gaddafi      Arabic ق: q (ALA-LC), k, g (Gulf/Egyptian speech)
ts, tz, cz -> c             Tsipras, Kravchuk      ц: ts (BGN/PCGN), tz (German), c (ISO 9), cz (Polish)
w -> v                      Wladimir               в: v (BGN/PCGN), w (German, Polish)
word-initial ye -> e        Yevgeny / Evgeny       BGN/PCGN ye for initial е; ICAO 9303 and GOST e
ou, oo -> u; ee -> i        Mourad, Mahmood        French-style and English-style vowel spellings
jj -> j; j + vowel -> i;    Jurij, Sergej          я ю й: ISO 9 / GOST j vs BGN/PCGN y vs ICAO i
j after vowel -> i
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
# A vowel and a doubled sun letter at the start of a later word: "Ezzor" is "ez-Zor" written solid.
_SOLID_ARTICLE = re.compile(r"(?<= )[aeu](t|th|d|dh|r|z|s|sh|n)\1(?=[a-z]{2})")

# (pattern, replacement, source), applied in order to the letters-and-spaces form. A pattern that
# needs no context is a plain substring (fast ``str.replace``); the others are regular expressions.
RULES: tuple[tuple[str, str, str], ...] = (
    (r"\babd(?:al|el|ul|oul)? ?(?=[a-z])", "abd ", "ALA-LC Arabic: ʻAbd al- written Abdul, Abdel, Abd el"),
    (r"\b(?:ibn|bin|ben|bn)\b", "bin", "ALA-LC ibn, Gulf bin, Maghreb ben"),
    (r"(?<=[a-z])[ae]h\b", "a", "ALA-LC Arabic ta marbuta -ah/-eh, BGN/PCGN and press -a"),
    ("jj", "j", "GOST 16876-71 (table 2) writes й as jj"),
    (r"\bx(?=[^aeiouy])", "h", "GOST 7.79-B and Scientific transliteration write х as x"),
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
    (r"\bye", "e", "initial е: ye (BGN/PCGN), e (ICAO 9303, GOST 52535)"),
    (r"(?<=[aeiou])ye", "e", "е after a vowel: ye (BGN/PCGN), e (ICAO 9303)"),
    ("ou", "u", "French-style ou for u"),
    ("oo", "u", "English-style oo for u"),
    ("ee", "i", "English-style ee for i"),
    (r"j(?=[aeiou])", "i", "я/ю/е: ja/ju (ISO 9, GOST) vs ya/yu (BGN/PCGN) vs ia/iu (ICAO 9303)"),
    (r"(?<=[aeiouy])j", "i", "й after a vowel: j (ISO 9, GOST) vs y (BGN/PCGN) vs i (ICAO 9303)"),
    ("y", "i", "й, ы, -ий: y/iy (BGN/PCGN), i/ii (ICAO 9303), yy (Ukrainian passports)"),
    (r"(?:ai|ei)(?![aeiou])", "ei", "Arabic ay diphthong: ay (ALA-LC), ai, ei; Russian ей: ey/ei"),
    (r"([a-z])\1+", r"\1", "Arabic shadda and Russian doubled consonants written single or double"),
)
_PLAIN = re.compile(r"[a-z]+")


# A substring without which each regex rule cannot match, so most rules cost one ``in`` test.
_TRIGGERS = {
    r"\babd(?:al|el|ul|oul)? ?(?=[a-z])": "abd", r"\b(?:ibn|bin|ben|bn)\b": "b", r"(?<=[a-z])[ae]h\b": "h",
    r"\bx(?=[^aeiouy])": "x", r"\bye": "ye", r"(?<=[aeiou])ye": "ye", r"j(?=[aeiou])": "j",
    r"(?<=[aeiouy])j": "j", r"(?:ai|ei)(?![aeiou])": "i", r"([a-z])\1+": "",
}


_COMPILED = tuple((p, r, p) if _PLAIN.fullmatch(p) else (re.compile(p), r, _TRIGGERS[p]) for p, r, _ in RULES)


def letters(name: str) -> str:
    """Case- and diacritic-folded letters (and digits) of ``name``, words separated by single spaces."""
    s = name.casefold()
    if s.isascii() and s.isalpha():
        return s
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s.translate(_LETTERS))
        s = "".join(c for c in s if not unicodedata.combining(c))
    s = _MARKS.sub("", s)
    s = _SEPARATORS.sub(" ", s)
    return " ".join(_NOT_LETTER.sub("", s).split())


def _apply_rules(s: str) -> str:
    for pat, rep, trigger in _COMPILED:
        if trigger in s:
            s = s.replace(pat, rep) if isinstance(pat, str) else pat.sub(rep, s)
    return s


@lru_cache(maxsize=1 << 16)
def skeleton_keys(name: str) -> tuple[str, ...]:
    """All skeletons of ``name``: the primary one first, then readings with a solid article removed.

    ``Deir Ezzor`` may be ``Deir ez-Zor`` written solid or a word that starts with a double
    letter, so it gets both ``deir ezor`` and ``deir zor``; a name without such a word gets one key.
    """
    base = letters(name)
    if not base:
        return ()
    if " " in base:
        stripped = _ARTICLE.sub("", base)
        base = stripped or base
    keys = [_apply_rules(base)]
    if " " in base:
        solid = _SOLID_ARTICLE.sub(r"\1", base)
        if solid != base:
            alt = _apply_rules(solid)
            if alt != keys[0]:
                keys.append(alt)
    return tuple(k for k in keys if k)


def skeleton(name: str) -> str:
    """The primary skeleton of ``name`` ("" when it has no letters).

    >>> skeleton("Khmeymim") == skeleton("Hmeimim") == "hmeimim"
    True
    >>> skeleton("Bashar al-Assad"), skeleton("Bashar Asad")
    ('bashar asad', 'bashar asad')
    """
    keys = skeleton_keys(name)
    return keys[0] if keys else ""

"""Hostile documents: text built from risky fragments (names and their variants, markup, dashes,
numbers, invisible characters) and made worse on purpose: entities escaped several times over
(``&amp;amp;lt;``), text mis-decoded two or three times (``Ã¢â‚¬â„¢``), control characters and
NULs inside words, letters of another script in a Latin word, dashes glued to names.

``FRAGMENTS`` feed the property tests in ``test_invariants.py``; ``hostile_document(rng)`` builds
one document from a ``random.Random`` (the same seed gives the same document), for the
idempotence test and ``bench/bench_idempotence.py``.
"""
from __future__ import annotations

import html
import random

FRAGMENTS = [
    "Hmeymim", "Khmeimim", "Asad", "Assad", "Bashar Assad", "Bashar Al-Assad", "Bashar al-Assad", "President",
    "Sergey Shoigu", "Sergei", "Shoygu", "SU-35S", "Su-35S", "Хмеймим", "Россия", "Syria", "Syrias", "Russias",
    "the", "the Syria", "in", "talks", "lets", "let's", "do", "she", "him", "go", "said", "Putin",
    "Kiev", "Chicken Kiev", "Asad Umar", "de Mistura", "Staffan di Mistura", "400 000", "2,5", "1, 2, 3",
    "№", "«", "»", "“", "”", "–", "—", "-", ",", ".", "!", "?", ":", ";", "(", ")", "'", "’",
    " ", " ", " ", "  ", "\n", "\n\n", "\u00a0", "\u200b", "\u00ad", "\t", "é", "😀",
    "[caption id=\"\" width=\"5\"]", "[/caption]", "<p>", "</p>", "&amp;", "Ã©", "Tags: ; ; ;",
    "https://example.com/Russias", "`Hmeymim`", "Аssad", "had had", "the the", "Bora Bora",
    "(organization banned in Russia)", "with reference to", "According to", "Ministrys", "countries",
    "but", "--", "which",
]

# Harsher fragments: nested and numeric entities, mojibake of typographic marks, control
# characters, mixed scripts, dashes against names.
HOSTILE = [
    "&amp;amp;lt;", "&amp;lt;p&amp;gt;", "&amp;quot;", "&#8217;", "&#x2014;", "&amp;#8217;", "&nbsp;",
    "&amp;nbsp;", "&lt;b&gt;", "&mdash;", "&amp;mdash;", "&#0;", "&#xD800;", "&#1114112;", "&#65;&#115;ad",
    "â€™", "â€œ", "â€\x9d", "Ã¢â‚¬â„¢", "ÃƒÂ©", "ÃƒÆ’Ã‚Â©", "Ð¡Ð¸Ñ€Ð¸Ñ", "Ã", "Â", "Â\xa0",
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b[31m", "\x1b", "\x7f", "\x81", "\x85", "\x9d",
    "\u2028", "\u2029", "\ufeff", "\u200e", "\u202e", "\u2060", "\ufffd", "\u0301", "e\u0301",
    "the Syria\x00", "the\x00Syria", "Russias\x00", "As\u00adad", "Ass\u200bad", "Kiev\u200b", "\x00Assad",
    "Assad—", "—Hmeymim", "Assad – Putin", "Asad--Putin", "Syria -- the", "–Kiev–", "Shoigu - the",
    "«Асад»", "Pутин", "Αssad", "Mоscow", "Путин Putin", "بشار الأسد", "普京", "Ассад", "Кiev",
    "ASAD", "asad", "AL-ASSAD", "al-al-Assad", "Al-Al-Assad", "Assad's", "Assad''s", "Syria's's",
    "the the the", "Asad Asad Asad", "Putin Putin", "lets lets", "1 000 000", "2,5 %", "№ 5", "10 - 12",
    "didnt", "its been", "dont", "wo n't", "Russia 's", "it's own", "theItalian", "Ukraine.Kyrylo",
    ", said Putin.", "” – Lavrov said.", '", - he declared.', "S ince", "\\\"", "[/caption]\n",
]

# Whole sentences, so that documents also read as English news and the English rules run.
SENTENCES = [
    "President Asad met Putin at Hmeymim on Monday.",
    "Sergey Shoygu said the talks in Syria would go on.",
    "The the Russias position did not change, she said.",
    "Staffan di Mistura - the UN envoy - flew to Damascus.",
    "Asad Umar, Pakistan's finance minister, spoke in Islamabad.",
    "They ordered Chicken Kiev in Kiev.",
    "«We will continue», - Shoigu said.",
    "Lets go, he said.",
    "The convoy carried 400 000 tons and 2,5 million litres.",
]

SEPARATORS = [" "] * 8 + ["", "", "\n", "\n\n", ". ", ", ", "\t", " \x00 ", "\r\n", " — "]


def mojibake(s: str, times: int) -> str:
    """``s`` encoded as UTF-8 and read back as Windows-1252 (or Latin-1) ``times`` times."""
    for _ in range(times):
        data = s.encode("utf-8")
        # Bytes Windows-1252 leaves undefined come through as the Latin-1 character, as many
        # decoders do.
        s = "".join(bytes([b]).decode("cp1252", errors="replace") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
                    else chr(b) for b in data)
    return s


def escape(s: str, times: int) -> str:
    """``s`` HTML-escaped ``times`` times (``&`` -> ``&amp;`` -> ``&amp;amp;``)."""
    for _ in range(times):
        s = html.escape(s)
    return s


_CONTROLS = ["\x00", "\x01", "\x08", "\x1b", "\x7f", "\x85", "\u200b", "\ufeff", "\u00ad", "\u202e", "\u2028"]
_CONFUSABLES = {"A": "А", "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і",
                "K": "К", "M": "М", "T": "Т", "H": "Н", "B": "В", "P": "Р", "C": "С", "S": "Ѕ"}


def _mutate(rng: random.Random, piece: str) -> str:
    kind = rng.randrange(6)
    if kind == 0:  # mis-decoded once, twice or three times
        return mojibake(piece, rng.choice((1, 1, 2, 3)))
    if kind == 1:  # escaped as HTML, once or more
        return escape(piece if rng.random() < 0.5 else f"<b>{piece}</b>", rng.choice((1, 2, 3)))
    if kind == 2 and piece:  # an invisible or control character inside
        at = rng.randrange(len(piece) + 1)
        return piece[:at] + rng.choice(_CONTROLS) + piece[at:]
    if kind == 3:  # one letter of another script
        spots = [i for i, c in enumerate(piece) if c in _CONFUSABLES]
        if spots:
            i = rng.choice(spots)
            return piece[:i] + _CONFUSABLES[piece[i]] + piece[i + 1:]
    if kind == 4:  # a dash glued to one side or both
        dash = rng.choice(("—", "–", "-", "--", " - "))
        return rng.choice((dash + piece, piece + dash, dash + piece + dash))
    return rng.choice((piece.upper(), piece.lower(), piece.title()))


def hostile_document(rng: random.Random) -> str:
    """One hostile document: 1 to 40 pieces (fragments, harsher fragments, sentences, some of them
    mutated) joined by spaces, nothing, line breaks, punctuation or NULs."""
    parts = []
    for _ in range(rng.randint(1, 40)):
        r = rng.random()
        piece = rng.choice(FRAGMENTS if r < 0.45 else HOSTILE if r < 0.8 else SENTENCES)
        if rng.random() < 0.3:
            piece = _mutate(rng, piece)
        parts.append(piece)
        parts.append(rng.choice(SEPARATORS))
    return "".join(parts[:-1])


def hostile_documents(n: int, seed: int = 0) -> list[str]:
    """``n`` documents; document ``i`` depends only on ``seed`` and ``i``."""
    return [hostile_document(random.Random(f"{seed}:{i}")) for i in range(n)]

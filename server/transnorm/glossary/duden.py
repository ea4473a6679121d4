"""Russian names in German spelling: the Duden transcription (``Prigoschin``, ``Sacharowa``, ``Jelzin``).

German newsrooms and agencies write Russian names by the Duden rules, and machine translation from
German carries those spellings into English drafts. No maintained library implements the scheme
(``iuliia`` covers scholarly, passport, GOST, BGN/PCGN and French schemes), so its table is here.

Source: the Duden transcription of Russian as tabulated in Wikipedia, "Deutsche Transkription"
(and Duden, "Die deutsche Rechtschreibung", on names from Cyrillic):

- а a, б b, в w, г g, д d, ж sch, з s, к k, л l, м m, н n, о o, п p, р r, т t, у u, ф f, х ch,
  ц z, ч tsch, ш sch, щ schtsch, ы y, э e, ю ju, я ja; ъ and ь are not written.
- е is ``je`` at the start of a word, after a vowel, ъ or ь, else ``e``; ё is ``jo`` there,
  ``o`` after ж, ч, ш, щ, else ``jo``; и after ь is ``ji``.
- с between vowels is ``ss`` (``Gerassimow``, ``Beloussow``).
- й is ``i`` after a vowel other than и (``Schoigu``, ``Tschaikowski``), ``j`` after и inside a
  word (``Noworossijsk``, ``Bijsk``) and before a vowel, and is not written before е, ё, ю, я,
  which bring their own ``j`` (``Maja``); the endings -ий and -ый are ``i`` and ``y``
  (``Jewgeni``, ``Nawalny``).
- A word in capitals is written in capitals (``ХАМАС`` → ``CHAMAS``).
"""
from __future__ import annotations

_LETTERS = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "ж": "sch", "з": "s", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z", "ч": "tsch",
    "ш": "sch", "щ": "schtsch", "ы": "y", "э": "e", "ю": "ju", "я": "ja", "ъ": "", "ь": "", "и": "i",
    "е": "e", "ё": "jo", "с": "s", "й": "i",
}
_VOWELS = frozenset("аеёиоуыэюя")
_SIGNS = frozenset("ъь")
_HUSHING = frozenset("жчшщ")
_IOTATED = frozenset("еёюя")


def russian_to_german(text: str) -> str | None:
    """``text`` in the Duden transcription, or None when it holds a letter outside the Russian
    alphabet (a Ukrainian ``і``, say), which the scheme does not cover."""
    out: list[str] = []
    n = len(text)
    for i, ch in enumerate(text):
        low = ch.lower()
        if low not in _LETTERS:
            if "\u0400" <= ch <= "\u04ff":
                return None
            out.append(ch)
            continue
        prev = text[i - 1].lower() if i > 0 else ""
        nxt = text[i + 1].lower() if i + 1 < n else ""
        word_start = not prev or not prev.isalpha()
        word_end = not nxt or not nxt.isalpha()
        soft_start = word_start or prev in _VOWELS or prev in _SIGNS
        if low == "е":
            latin = "je" if soft_start else "e"
        elif low == "ё":
            latin = "o" if prev in _HUSHING else "jo"
        elif low == "и":
            latin = "ji" if prev == "ь" else "i"
        elif low == "с":
            latin = "ss" if prev in _VOWELS and nxt in _VOWELS else "s"
        elif low == "й":
            if word_end and prev in "иы":
                latin = ""  # -ий, -ый: Jewgeni, Nawalny
            elif nxt in _IOTATED:
                latin = ""  # the vowel brings its j: Maja
            elif prev == "и" or nxt in _VOWELS:
                latin = "j"  # Noworossijsk, Jod
            else:
                latin = "i"  # Schoigu
        else:
            latin = _LETTERS[low]
        if ch != low and latin:
            # A capital in a word of capitals keeps the whole digraph in capitals (CHAMAS).
            in_capitals = (i + 1 < n and text[i + 1].isupper()) or (i > 0 and text[i - 1].isupper())
            latin = latin.upper() if in_capitals else latin[0].upper() + latin[1:]
        out.append(latin)
    return "".join(out)

"""Exact-match index over every known form of every glossary entry, built once per load.

One Aho-Corasick automaton (pyahocorasick) holds the lower-cased forms; a scan of 1 MB of text
costs milliseconds whatever the glossary size, where a regex alternation of many names does not.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

import ahocorasick

from .model import Entry, Glossary, ShortForm

# Form kinds, in the order of preference when one entry claims the same key twice.
CANONICAL = "canonical"
SHORT = "short"
VARIANT = "variant"
PARTICLE = "particle"
NATIVE = "native"
PROTECTED = "protected"
_RANK = {CANONICAL: 0, SHORT: 1, VARIANT: 2, PARTICLE: 3, NATIVE: 4, PROTECTED: 5}

# Characters folded to one form before matching, each to a single code point so that offsets
# in the folded text are offsets in the original.
_FOLD = {"\u2019": "'", "\u02bc": "'", "\u2018": "'", "\u00a0": " ", "\u2011": "-", "\u2010": "-"}


def fold(text: str) -> str:
    """Lower-case ``text`` without changing its length (offsets stay valid)."""
    low = text.lower()
    if len(low) != len(text):  # e.g. 'İ' lower-cases to two code points
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    # A replace per character present: each is one fast scan, where str.translate looks every
    # character of the text up in a table (ten times slower on a long text).
    for a, b in _FOLD.items():
        if a in low:
            low = low.replace(a, b)
    return low


@dataclass(frozen=True, slots=True)
class Form:
    """A spelling the index knows, and what it should read."""

    entry: Entry
    surface: str  # as written in the glossary, or generated from a particle
    target: str  # the house spelling this form stands for (canonical or short form)
    kind: str
    ambiguous: bool = False
    lang: str = ""


def particle_spellings(form: str, particles: tuple[str, ...]) -> list[str]:
    """Other spellings of the particles in ``form``: ``al-Assad`` gives ``Al-Assad``, ``al Assad``...."""
    out: set[str] = set()
    for p in particles:
        pat = re.compile(rf"(?<![\w-])({re.escape(p)})([- ])(?=\w)", re.IGNORECASE)
        for m in pat.finditer(form):
            word, sep = m.group(1), m.group(2)
            seps = ("-", " ") if sep == "-" else (" ",)
            for w in {word.lower(), word[:1].upper() + word[1:].lower()}:
                for s in seps:
                    alt = form[: m.start()] + w + s + form[m.end():]
                    if alt != form:
                        out.add(alt)
    return sorted(out)


def dropped_particle_spellings(short: ShortForm, particles: tuple[str, ...]) -> list[tuple[str, bool]]:
    """The spellings of a short form written with a particle it drops: ``al-Assad``, ``al Asad``
    (matching ignores case, so ``Al-Assad`` and ``AL-ASSAD`` are among them), each with whether
    the spelling after the particle is ambiguous."""
    out = []
    for spelling in (short.canonical, *short.variants):
        for p in particles:
            for sep in ("-", " "):
                out.append((f"{p.lower()}{sep}{spelling}", spelling in short.ambiguous))
    return out


_ARABIC_ARTICLE = "\u0627\u0644"  # al-, written joined to the word
_LEADING_PARTICLE = re.compile(r"(?i)(?:al|el|an|ar|as|ash|at|az|ad)[- ]")
ARTICLE_SPELLINGS = ("al", "el")
ARTICLE_MAX_ZIPF = 3.5  # a name English writes this often (Iraq 4.4, Yemen 3.9; Mosul 3.3) is English's own


def article_spellings(entry: Entry) -> list[str]:
    """The spellings with the Arabic article of a one-word place whose Arabic name has it and
    whose house form drops it: ``al-Nuseirat`` for ``Nuseirat`` (النصيرات). They are read as the
    house form, as a short form that drops its particle is. Not for a group: ``al-Houthi`` is the
    family the Houthis are named after."""
    if entry.kind != "place" or " " in entry.canonical \
            or _LEADING_PARTICLE.match(entry.canonical):
        return []
    if not any(lang == "ar" and any(n.startswith(_ARABIC_ARTICLE) for n in names) for lang, names in entry.native):
        return []
    from wordfreq import zipf_frequency

    if zipf_frequency(entry.canonical, "en") >= ARTICLE_MAX_ZIPF:
        return []  # Iraq, Yemen: English's own names; with the article they name a paper or a channel
    return [f"{p}{sep}{spelling}" for spelling in (entry.canonical, *entry.variants) if " " not in spelling
            for p in ARTICLE_SPELLINGS for sep in ("-", " ")]


class NameIndex:
    """Immutable lookup from folded spellings to forms, with an automaton for scanning text."""

    def __init__(self, glossary: Glossary) -> None:
        # key -> (entry id, exact spelling) -> form: one key may hold a canonical form and its
        # case variant (Su-35S, SU-35S); the exact spelling in the text decides between them.
        table: dict[str, dict[tuple[str, str], Form]] = {}

        def add(surface: str, entry: Entry, target: str, kind: str, ambiguous: bool = False, lang: str = "") -> None:
            per_key = table.setdefault(fold(surface), {})
            old = per_key.get((entry.id, surface))
            if old is None or _RANK[kind] < _RANK[old.kind]:
                per_key[(entry.id, surface)] = Form(entry, surface, target, kind, ambiguous, lang)

        for e in glossary.entries:
            add(e.canonical, e, e.canonical, CANONICAL)
            for alt in particle_spellings(e.canonical, e.particles):
                add(alt, e, e.canonical, PARTICLE)
            for v in e.variants:
                add(v, e, e.canonical, VARIANT, v in e.ambiguous)
            for alt in article_spellings(e):
                add(alt, e, e.canonical, PARTICLE)
            for s in e.short_forms:
                add(s.canonical, e, s.canonical, SHORT)
                for alt in particle_spellings(s.canonical, e.particles):
                    add(alt, e, s.canonical, PARTICLE)
                for v in s.variants:
                    add(v, e, s.canonical, VARIANT, v in s.ambiguous)
                if s.drops_particle:
                    for alt, ambiguous in dropped_particle_spellings(s, e.particles):
                        add(alt, e, s.canonical, PARTICLE, ambiguous)
            for lang, n in e.native_forms():
                add(n, e, e.canonical, NATIVE, lang=lang)
            for p in e.protected:
                add(p, e, p, PROTECTED)

        self.table: dict[str, tuple[Form, ...]] = {
            k: tuple(sorted(v.values(), key=lambda f: (f.entry.id, _RANK[f.kind], f.surface))) for k, v in table.items()
        }
        self.automaton = ahocorasick.Automaton()
        for key in self.table:
            self.automaton.add_word(key, key)
        if self.table:
            self.automaton.make_automaton()

    def __len__(self) -> int:
        return len(self.table)

    def forms(self, spelling: str) -> tuple[Form, ...]:
        return self.table.get(fold(spelling), ())

    def scan(self, folded: str) -> Iterator[tuple[int, int, str]]:
        """Yield ``(start, end, key)`` for every occurrence of a key in ``folded`` text.

        Occurrences may overlap; word boundaries are the caller's business.
        """
        if not self.table:
            return
        for last, key in self.automaton.iter(folded):
            yield last - len(key) + 1, last + 1, key

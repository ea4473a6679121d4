"""Fuzzy candidate index over glossary names: finds the entries an unknown spelling may denote.

Built once per glossary. Every known form (canonical, short forms, variants) and every romanisation
of a native Cyrillic form (through each scheme of ``iuliia``) is reduced to its skeleton (see
``skeleton``). A query is answered in three steps, none of which scans the whole glossary:

1. its skeleton looked up as is (transliteration variants land here, score 100);
2. candidate blocks: each word of the query skeleton looked up in a symmetric one-deletion index
   of the skeleton words (a word shares a block with every word within one edit); when that finds
   nothing, long words are looked up by three segments (any word within two edits shares one at
   about the same place), shorter ones by their two-letter deletions, and the two parts of a word
   that may be two words written as one are looked up as words;
3. the candidates of those blocks scored at once with ``rapidfuzz.process.extract`` (Indel ratio of
   the skeletons), keeping those at or above ``score_cutoff``.
"""
from __future__ import annotations

import gc
import re
import struct
from collections import defaultdict
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz, process
from wordfreq import zipf_frequency

from .duden import russian_to_german
from .model import Entry, Glossary
from .skeleton import skeleton_keys, skeleton_many

try:  # the candidate blocks in C (``_native.c``); the Python tables below are the reference and fallback
    from ._native import BlockIndex
except ImportError:  # pragma: no cover - a source tree without the built module
    BlockIndex = None

CANONICAL = "canonical"
SHORT = "short"
VARIANT = "variant"
GENERATED = "generated"  # a romanisation of a native-script form, not written in the glossary
_RANK = {CANONICAL: 0, SHORT: 1, VARIANT: 2, GENERATED: 3}

# A block holding more candidates than this is skipped when the query has a rarer word to block on:
# a common given name ("mohamed") would otherwise make every lookup score thousands of names.
MAX_BLOCK = 2000
MIN_PART = 4  # shortest part of a solid-written pair of words that is looked up as a word
# Query words whose blocks are remembered per index (the pure-Python path; the native block index
# needs no memo). ~720 bytes an entry (bench/bench_soak.py --caches without the native module):
# 46 MiB at 65,536 entries, at most ~6 MiB at this bound.
WORD_MEMO = 8192
SEGMENTED = 9  # words this long or longer are also indexed by three segments of three letters or more
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Scripts that write no short vowels: a name from them is romanised with whatever vowels the writer
# hears (Idlib/Idleb, Mursi/Morsi, Erbil/Irbil), so its consonants say more than its vowels.
ABJAD_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ku"})
MIN_CONSONANTS = 3  # fewer consonants are shared by too many words (Said/Saied, Qom/Qum)
GIVEN_NAME_RATIO = 60  # Moamer/Muammar (67) are one name, Hussein/Hassan (55) two
# A run of vowels, with the ``v`` of a diphthong written ``aw``/``ow`` before a consonant or at a
# word's end (the skeleton's ``v`` for ``w``): Hawthi and Houthi, Zawr and Zor.
_VOWEL_RUN = re.compile(r"[aeiou]+(?:v(?![aeiou]))?")


def consonants(key: str) -> str:
    """A skeleton with each run of vowels as ``*``: the consonants and where vowels stand between
    them (``idleb`` and ``idlib`` give ``*dl*b``; ``kiteri`` and ``katar`` differ; ``havthi`` and
    ``huthi`` give ``h*th*``)."""
    return _VOWEL_RUN.sub("*", key)
_LATIN_NAME = re.compile(r"[A-Za-z\u00c0-\u024f' \-]+")


class FuzzyForm(NamedTuple):
    """A spelling the fuzzy index knows, and the house spelling it stands for."""

    entry: Entry
    surface: str
    target: str
    kind: str  # canonical, short, variant or generated
    ambiguous: bool = False
    scheme: str = ""  # for generated forms: the romanisation scheme that produced it


class Candidate(NamedTuple):
    """A form that a query may be, with the skeletons compared and their similarity (0..100)."""

    form: FuzzyForm
    key: str
    query_key: str
    score: float


def romanisations(native: str, language: str = "ru") -> list[tuple[str, str]]:
    """``(scheme name, spelling)`` for each scheme that gives a Latin spelling of ``native``.

    Every Cyrillic form goes through each ``iuliia`` scheme (Russian: BGN/PCGN, ICAO, GOST, ALA-LC,
    the French MVD scheme...); a Russian one also through the German Duden transcription
    (``Prigoschin``, see ``duden.py``). A Ukrainian form (``language`` "uk") also goes through each
    Ukrainian table of ``translitua``: the national KMU 2010 system (``Kyiv``), BGN/PCGN,
    passport, ISO 9, German (``Selenskyj``, ``Kyjiw``), French (``Zelenskyy``)...; Russian schemes
    read ``и`` as ``i`` and miss ``ї``, which Ukrainian spellings of names are full of.
    """
    import iuliia

    out: dict[str, str] = {}

    def keep(name: str, latin: str) -> None:
        # Schemes keep punctuation marks for soft signs (Naval'naya); drop them from the spelling.
        latin = latin.replace("'", "").replace("`", "").replace("\u2019", "").replace("\u02b9", "").replace("\u02ba", "")
        if latin and _LATIN_NAME.fullmatch(latin) and latin not in out:
            out[latin] = name

    for name in _scheme_names(iuliia):
        keep(name, getattr(iuliia, name).translate(native))
    if language == "ru" and (german := russian_to_german(native)) is not None:
        keep("DE_DUDEN", german)
    if language == "uk":
        import translitua

        for name in _ukrainian_tables(translitua):
            keep(f"UK_{name.removeprefix('Ukrainian').upper()}", translitua.translit(native, getattr(translitua, name)))
    return sorted((scheme, latin) for latin, scheme in out.items())


# A surname romanised on its own is kept only when English writes it less often than this
# (wordfreq Zipf 2: once in 100 million words): a lone "Poutine" is a dish more often than Putin.
SURNAME_MAX_ZIPF = 2.0


# A passport table of 2004 that writes к as c (Cyiv, Crym, Donetsc): its spellings are other
# words (Donets, a river) more often than Ukrainian names.
_SKIPPED_TABLES = frozenset({"UkrainianPassport2004Alt"})


def _ukrainian_tables(module) -> list[str]:
    # translitua exposes each table as a class named after it (UkrainianKMU, UkrainianGerman...).
    return sorted(n for n in dir(module) if n.startswith("Ukrainian") and n not in _SKIPPED_TABLES
                  and hasattr(getattr(module, n), "MAIN_TRANSLIT_TABLE"))


def _scheme_names(module) -> list[str]:
    # iuliia exposes each scheme as an upper-case module attribute (BGN_PCGN, ICAO_DOC_9303...).
    return sorted(n for n in dir(module) if n.isupper() and hasattr(getattr(module, n), "translate"))


def _segments(length: int) -> tuple[tuple[int, int], ...]:
    """``(start, size)`` of the three segments of a word of ``length`` letters."""
    a = length // 3
    b = (length - a) // 2
    return (0, a), (a, b), (a + b, length - a - b)


# ``Candidate(...)`` runs a ``__new__`` written in Python; the tuple constructor itself is twice as fast.
_candidate = tuple.__new__


def _order(item: tuple[int, Candidate]) -> tuple[float, int, int]:
    """Best score first, then canonical before short before variant before generated, then glossary order."""
    i, c = item
    return -c.score, _RANK[c.form.kind], i


def _block_size(block: tuple) -> int:
    return block[0]


def _deletions(word: str, depth: int) -> set[str]:
    """``word`` with up to ``depth`` letters removed (itself included)."""
    out = {word}
    layer = {word}
    for _ in range(min(depth, len(word) - 2)):
        layer = {w[:i] + w[i + 1:] for w in layer for i in range(len(w))}
        out |= layer
    return out


class FuzzyIndex:
    """Immutable candidate index; ``search`` is safe to call from many threads."""

    def __init__(self, glossary: Glossary, native: bool = True, native_blocks: bool = True) -> None:
        """``native``: also index the romanisations of native-script forms. ``native_blocks``: keep the
        candidate blocks in C tables when the compiled module is there (else in Python dicts)."""
        # The build allocates millions of small objects and frees none: the cyclic collector would
        # rescan them all again and again (most of the build time at 100k entries).
        enabled = gc.isenabled()
        gc.disable()
        try:
            self._build(glossary, native, native_blocks)
        finally:
            if enabled:
                gc.enable()
        self._word_block = lru_cache(maxsize=WORD_MEMO)(self._word_block)  # type: ignore[method-assign]

    def _build(self, glossary: Glossary, native: bool, native_blocks: bool) -> None:
        self.forms: list[FuzzyForm] = []
        seen: set[tuple[str, str]] = set()

        def add(surface: str, entry: Entry, target: str, kind: str, ambiguous: bool = False, scheme: str = "") -> None:
            if (entry.id, surface.casefold()) in seen:
                return
            seen.add((entry.id, surface.casefold()))
            self.forms.append(FuzzyForm(entry, surface, target, kind, ambiguous, scheme))

        for e in glossary.entries:
            add(e.canonical, e, e.canonical, CANONICAL)
            for s in e.short_forms:
                add(s.canonical, e, s.canonical, SHORT)
            for v in e.variants:
                add(v, e, e.canonical, VARIANT, v in e.ambiguous)
            for s in e.short_forms:
                for v in s.variants:
                    add(v, e, s.canonical, VARIANT, v in s.ambiguous)
        if native:
            for e in glossary.entries:
                # A person's surname used alone (a short form "Zakharova" of "Maria Zakharova") is
                # romanised from the native surname too: "Sacharowa" alone is a spelling of it.
                surname = e.canonical.split(" ")[-1] if e.kind == "person" else None
                if surname is not None and not any(s.canonical == surname for s in e.short_forms):
                    surname = None
                for lang, n in e.native_forms():
                    if _CYRILLIC.search(n):
                        for scheme, latin in romanisations(n, lang):
                            add(latin, e, e.canonical, GENERATED, scheme=scheme)
                        if surname is not None and " " in n:
                            for scheme, latin in romanisations(n.split(" ")[-1], lang):
                                if zipf_frequency(latin, "en") < SURNAME_MAX_ZIPF:  # not Poutine, a dish
                                    add(latin, e, surname, GENERATED, scheme=scheme)

        key_id: dict[str, int] = {}
        key_forms: list[list[int]] = []
        vowel_free: defaultdict[str, set[int]] = defaultdict(set)
        for i, keys in enumerate(skeleton_many([f.surface for f in self.forms])):
            abjad = any(lang in ABJAD_LANGUAGES for lang, _ in self.forms[i].entry.native)
            for k in keys:
                kid = key_id.setdefault(k, len(key_forms))
                if kid == len(key_forms):
                    key_forms.append([])
                key_forms[kid].append(i)
                if abjad and all(len(w.replace("*", "")) >= MIN_CONSONANTS for w in consonants(k).split(" ")):
                    vowel_free[consonants(k)].add(kid)
        self._vowel_free = {c: tuple(sorted(kids)) for c, kids in vowel_free.items()}
        self.keys: list[str] = list(key_id)
        self._key_id = key_id
        forms = self.forms
        self._key_forms = [(v[0],) if len(v) == 1 else tuple(sorted(v, key=lambda i: _RANK[forms[i].kind]))
                           for v in key_forms]
        self.max_tokens = max((k.count(" ") + 1 for k in self.keys), default=0)

        # Words of the skeletons, the keys holding each, and a one-deletion neighbourhood of the words.
        word_id: dict[str, int] = {}
        word_keys: list[list[int]] = []
        for kid, k in enumerate(self.keys):
            for w in set(k.split(" ")):
                wid = word_id.setdefault(w, len(word_keys))
                if wid == len(word_keys):
                    word_keys.append([])
                word_keys[wid].append(kid)
        self._word_keys = [tuple(v) for v in word_keys]
        self._word_id = word_id
        self._blocks = None
        if BlockIndex is not None and native_blocks:
            # What an exact hit of a key with one form returns, made once (candidates are immutable).
            exact = [_candidate(Candidate, (forms[v[0]], k, k, 100.0)) if len(v) == 1 else None
                     for k, v in zip(self.keys, self._key_forms)]
            self._blocks = BlockIndex(list(word_id), self._word_keys, self.keys, min_deletable=4, segmented=SEGMENTED,
                                      min_part=MIN_PART, max_block=MAX_BLOCK, exact=exact,
                                      extract=process.extract, scorer=fuzz.ratio)
            return
        # Most blocks hold one word: its id is stored as is, and only the others get a list.
        first: dict[str, int] = {}
        more: defaultdict[str, list[int]] = defaultdict(list)
        put = first.setdefault
        for w, wid in word_id.items():
            if len(w) >= 4:
                for i in range(len(w)):
                    d = w[:i] + w[i + 1:]
                    if put(d, wid) != wid:
                        more[d].append(wid)
            if put(w, wid) != wid:
                more[w].append(wid)
        self._first, self._more = first, dict(more)
        # Long words also by three segments at their place: a word within two edits of another
        # shares one segment with it, shifted by at most two (pigeonhole).
        segments: defaultdict[str, list[int]] = defaultdict(list)
        for w, wid in word_id.items():
            if len(w) >= SEGMENTED:
                for i, (start, size) in enumerate(_segments(len(w))):
                    segments[f"{len(w)}|{i}|{w[start:start + size]}"].append(wid)
        self._segments = segments

    def __len__(self) -> int:
        return len(self.forms)

    def _candidate_keys(self, qk: str, depth: int) -> set[int]:
        """Keys sharing a block (see ``_word_block``) with a word of ``qk``."""
        per_word = [self._word_block(w, depth) for w in set(qk.split(" "))]
        if len(per_word) > 1:
            # The rarest word's block first; a common word's block only while the total stays small.
            per_word.sort(key=_block_size)
        out: set[int] = set()
        for i, (size, keys, words) in enumerate(per_word):
            if i and len(out) + size > MAX_BLOCK:
                break
            if keys is not None:
                out |= keys
            else:
                out.update(*[self._word_keys[wid] for wid in words])
        return out

    def _word_block(self, w: str, depth: int) -> tuple[int, frozenset[int] | None, frozenset[int]]:
        """``(number of keys, those keys or None when there are more than MAX_BLOCK, words)`` for
        the glossary words sharing a block with query word ``w``.

        Depth 0: the word itself. Depth 1: the word and the words one edit away (words of four
        letters or more). Depth 2: for long words, the words sharing a segment with it at about
        the same place (every word within two edits does); for words of six to ten letters, the
        words one edit away from its two-letter deletions; and the two parts of a word that may be
        two words written as one ("Amirabdollahian"). Memoised: the n-grams of a run of names share
        their words, and so do the names of a glossary.
        """
        word_id = self._word_id
        words: set[int] = set()
        if depth == 0:
            wid = word_id.get(w)
            if wid is not None:
                words.add(wid)
        elif depth == 1:
            self._block_words(_deletions(w, 1 if len(w) >= 4 else 0), words)
        else:
            if 6 <= len(w) < SEGMENTED + 2:
                # Too short for segments of three letters: the query's own two-letter deletions.
                self._block_words(_deletions(w, 2), words)
            if len(w) >= SEGMENTED - 2:
                segments = self._segments
                for size in range(max(SEGMENTED, len(w) - 2), len(w) + 3):
                    for i, (start, seg) in enumerate(_segments(size)):
                        for pos in range(max(0, start - 2), min(len(w) - seg, start + 2) + 1):
                            words.update(segments.get(f"{size}|{i}|{w[pos:pos + seg]}", ()))
            for i in range(MIN_PART, len(w) - MIN_PART + 1):
                for part in (w[:i], w[i:]):
                    wid = word_id.get(part)
                    if wid is not None:
                        words.add(wid)
        size = sum(len(self._word_keys[wid]) for wid in words)
        if size > MAX_BLOCK:  # kept as words: a common word's block is rarely used in full
            return size, None, frozenset(words)
        return size, frozenset().union(*[self._word_keys[wid] for wid in words]), frozenset(words)

    def _block_words(self, strings: set[str], words: set[int]) -> None:
        """Add to ``words`` the ids of the words in the blocks named by ``strings``."""
        first, more = self._first, self._more
        words.update([first[d] for d in strings if d in first])
        for d in strings:
            extra = more.get(d)
            if extra:
                words.update(extra)

    def search(self, name: str, score_cutoff: float = 85.0, limit: int = 10, best: bool = False) -> list[Candidate]:
        """Forms that ``name`` may be, best first; ``score_cutoff`` (0..100) bounds the skeleton similarity.

        A form appears once, with its best score; ``limit=0`` returns them all. With ``best`` only the
        forms at the top score are returned, and the search stops at the first stage that finds one:
        the skeleton itself, then the blocks one edit away, then two.
        """
        blocks = self._blocks
        if best and blocks is not None:
            # One call to C: the key of the name's one skeleton (the usual hit), or the stages of
            # blocks scored with rapidfuzz until one finds a candidate, or the skeletons to rank here.
            got = blocks.best(name, score_cutoff)
            if got.__class__ is list:
                if not got or got[0].__class__ is Candidate:  # no candidate, or the exact hit
                    return got
                return self._at_top(got, limit)
            if got.__class__ is int:
                return self._forms_of(got, limit)
            qkeys = skeleton_keys(name) if got is None else got
        else:
            qkeys = skeleton_keys(name)
        key_id = self._key_id
        if best and len(qkeys) == 1 and (kid := key_id.get(qkeys[0])) is not None:
            return self._forms_of(kid, limit)
        found: dict[int, Candidate] = {}
        for qk in qkeys:
            kid = key_id.get(qk)
            if kid is not None:
                self._collect(found, kid, qk, 100.0)
        if not (best and found):
            exact = [key_id[qk] for qk in qkeys if qk in key_id]
            scored: set[int] = set(exact)
            keys = self.keys
            done = struct.pack(f"={len(exact)}I", *sorted(exact)) if blocks is not None else b""
            # A name with one word spelled as in the glossary is usually found by that word alone.
            for depth in (0, 1, 2) if best else (1, 2):
                for qk in qkeys:
                    if blocks is not None:
                        choices, fresh, done = blocks.candidates(qk, depth, done)
                        kids = [k for (k,) in struct.iter_unpack("=I", fresh)]
                    else:
                        kids = list(self._candidate_keys(qk, depth) - scored)
                        scored.update(kids)
                        choices = [keys[k] for k in kids]
                    if choices:
                        for _key, score, pos in process.extract(qk, choices, scorer=fuzz.ratio,
                                                                score_cutoff=score_cutoff, limit=None):
                            self._collect(found, kids[pos], qk, score)
                if best and found:
                    break
        items = found.items()
        if best and found:
            top = max(c.score for c in found.values())
            items = [kv for kv in items if kv[1].score == top]
        ranked = sorted(items, key=_order)
        return [c for _, c in ranked[:limit]] if limit else [c for _, c in ranked]

    def vowel_variants(self, name: str) -> list[Candidate]:
        """Forms of names from a script without short vowels (``ABJAD_LANGUAGES``) whose skeleton
        has the same consonants as ``name``'s, each word with at least ``MIN_CONSONANTS`` of them:
        the spellings that differ only in the vowels a writer heard (``Idleb`` for ``Idlib``).
        Scored as ``search`` scores, best first."""
        found: dict[int, Candidate] = {}
        for qk in skeleton_keys(name):
            for kid in self._vowel_free.get(consonants(qk), ()):
                key = self.keys[kid]
                # Given names sharing their consonants are often other names (Hussein and Hassan):
                # the words before the last must be close spellings as well.
                if all(fuzz.ratio(a, b) >= GIVEN_NAME_RATIO for a, b in zip(qk.split(" ")[:-1], key.split(" ")[:-1])):
                    self._collect(found, kid, qk, fuzz.ratio(qk, key))
        return sorted(found.values(), key=lambda c: (-c.score, _RANK[c.form.kind]))

    def _forms_of(self, kid: int, limit: int) -> list[Candidate]:
        """The forms with key ``kid``, already in rank order, as exact candidates."""
        key, forms, of_key = self.keys[kid], self.forms, self._key_forms[kid]
        if len(of_key) == 1:
            return [_candidate(Candidate, (forms[of_key[0]], key, key, 100.0))]
        out = [_candidate(Candidate, (forms[i], key, key, 100.0)) for i in of_key]
        return out[:limit] if limit else out

    def _at_top(self, hits: list[tuple[int, str, float]], limit: int) -> list[Candidate]:
        """Candidates from ``BlockIndex.best``'s (key, query key, score) at the top score: each form once,
        with the first key that reached it (as ``_collect`` keeps), in rank order."""
        if not hits:
            return []
        key_forms, forms, keys = self._key_forms, self.forms, self.keys
        if len(hits) == 1:
            kid, qk, top = hits[0]
            of_key = key_forms[kid]
            if len(of_key) == 1:  # the usual case
                return [_candidate(Candidate, (forms[of_key[0]], keys[kid], qk, top))]
        at_top: dict[int, tuple[int, str, float]] = {}
        for hit in hits:
            for i in key_forms[hit[0]]:
                at_top.setdefault(i, hit)
        order = sorted(at_top, key=lambda i: (_RANK[forms[i].kind], i))
        if limit:
            order = order[:limit]
        return [_candidate(Candidate, (forms[i], keys[at_top[i][0]], at_top[i][1], at_top[i][2])) for i in order]

    def _collect(self, found: dict[int, Candidate], kid: int, qk: str, score: float) -> None:
        for i in self._key_forms[kid]:
            old = found.get(i)
            if old is None or score > old.score:
                found[i] = _candidate(Candidate, (self.forms[i], self.keys[kid], qk, float(score)))


def canonical_only(glossary: Glossary, native: bool = True) -> Glossary:
    """``glossary`` without its listed variants (short forms keep their canonical spelling).

    What fuzzy matching finds against it, it found on its own: the measure of how well it
    generalises to spellings nobody wrote down. ``native=False`` also drops native-script forms.
    """
    entries = tuple(
        replace(e, variants=(), ambiguous=frozenset(), native=e.native if native else (),
                short_forms=tuple(replace(s, variants=(), ambiguous=frozenset()) for s in e.short_forms))
        for e in glossary.entries
    )
    return Glossary(entries, glossary.phrases, glossary.version + "+canonical-only", glossary.sources)

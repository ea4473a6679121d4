"""Fuzzy candidate index over glossary names: finds the entries an unknown spelling may denote.

Built once per glossary. Every known form (canonical, short forms, variants) and every romanisation
of a native Cyrillic form (through each scheme of ``iuliia``) is reduced to its skeleton (see
``skeleton``). A query is answered in three steps, none of which scans the whole glossary:

1. its skeleton looked up as is (transliteration variants land here, score 100);
2. candidate blocks: each word of the query skeleton, and the words one or two letters away from it,
   looked up in a symmetric deletion index of the skeleton words (a word shares a block with every
   word within one edit, and with most words within two); the two parts of a word that may be two
   words written as one are looked up too;
3. the candidates of those blocks scored at once with ``rapidfuzz.process.extract`` (Indel ratio of
   the skeletons), keeping those at or above ``score_cutoff``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable

from rapidfuzz import fuzz, process

from .index import fold
from .model import Entry, Glossary
from .skeleton import skeleton_keys

CANONICAL = "canonical"
SHORT = "short"
VARIANT = "variant"
GENERATED = "generated"  # a romanisation of a native-script form, not written in the glossary
_RANK = {CANONICAL: 0, SHORT: 1, VARIANT: 2, GENERATED: 3}

# A block holding more candidates than this is skipped when the query has a rarer word to block on:
# a common given name ("mohamed") would otherwise make every lookup score thousands of names.
MAX_BLOCK = 2000
MIN_PART = 4  # shortest part of a solid-written pair of words that is looked up as a word
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN_NAME = re.compile(r"[A-Za-z\u00c0-\u024f' \-]+")


@dataclass(frozen=True, slots=True)
class FuzzyForm:
    """A spelling the fuzzy index knows, and the house spelling it stands for."""

    entry: Entry
    surface: str
    target: str
    kind: str  # canonical, short, variant or generated
    ambiguous: bool = False
    scheme: str = ""  # for generated forms: the romanisation scheme that produced it


@dataclass(frozen=True, slots=True)
class Candidate:
    """A form that a query may be, with the skeletons compared and their similarity (0..100)."""

    form: FuzzyForm
    key: str
    query_key: str
    score: float


def romanisations(native: str) -> list[tuple[str, str]]:
    """``(scheme name, spelling)`` for each ``iuliia`` scheme that gives a Latin spelling of ``native``."""
    import iuliia

    out: dict[str, str] = {}
    for name in _scheme_names(iuliia):
        schema = getattr(iuliia, name)
        latin = schema.translate(native)
        # Schemes keep punctuation marks for soft signs (Naval'naya); drop them from the spelling.
        latin = latin.replace("'", "").replace("`", "").replace("\u2019", "").replace("\u02b9", "").replace("\u02ba", "")
        if latin and _LATIN_NAME.fullmatch(latin) and latin not in out:
            out[latin] = name
    return sorted((scheme, latin) for latin, scheme in out.items())


def _scheme_names(module) -> list[str]:
    # iuliia exposes each scheme as an upper-case module attribute (BGN_PCGN, ICAO_DOC_9303...).
    return sorted(n for n in dir(module) if n.isupper() and hasattr(getattr(module, n), "translate"))


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

    def __init__(self, glossary: Glossary, native: bool = True) -> None:
        self.forms: list[FuzzyForm] = []
        seen: set[tuple[str, str]] = set()

        def add(surface: str, entry: Entry, target: str, kind: str, ambiguous: bool = False, scheme: str = "") -> None:
            if (entry.id, fold(surface)) in seen:
                return
            seen.add((entry.id, fold(surface)))
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
                for _lang, n in e.native_forms():
                    if _CYRILLIC.search(n):
                        for scheme, latin in romanisations(n):
                            add(latin, e, e.canonical, GENERATED, scheme=scheme)

        key_id: dict[str, int] = {}
        key_forms: list[list[int]] = []
        for i, f in enumerate(self.forms):
            for k in skeleton_keys(f.surface):
                kid = key_id.setdefault(k, len(key_forms))
                if kid == len(key_forms):
                    key_forms.append([])
                key_forms[kid].append(i)
        self.keys: list[str] = list(key_id)
        self._key_id = key_id
        self._key_forms = [tuple(sorted(v, key=lambda i: _RANK[self.forms[i].kind])) for v in key_forms]
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
        blocks: dict[str, list[int]] = {}
        for w, wid in word_id.items():
            for d in _deletions(w, 1 if len(w) >= 4 else 0):
                blocks.setdefault(d, []).append(wid)
        self._blocks = {d: tuple(v) for d, v in blocks.items()}

    def __len__(self) -> int:
        return len(self.forms)

    def exact(self, name: str) -> list[Candidate]:
        """Forms whose skeleton equals one of the skeletons of ``name``."""
        out = []
        for qk in skeleton_keys(name):
            kid = self._key_id.get(qk)
            if kid is not None:
                out.extend(Candidate(self.forms[i], qk, qk, 100.0) for i in self._key_forms[kid])
        return out

    def _candidate_keys(self, qk: str) -> set[int]:
        per_word: list[set[int]] = []
        for w in set(qk.split(" ")):
            depth = 2 if len(w) >= 6 else 1 if len(w) >= 4 else 0
            words: set[int] = set()
            for d in _deletions(w, depth):
                words.update(self._blocks.get(d, ()))
            # Two words written as one ("Amirabdollahian"): each part is a block of its own.
            for i in range(MIN_PART, len(w) - MIN_PART + 1):
                words.update(self._blocks.get(w[:i], ()))
                words.update(self._blocks.get(w[i:], ()))
            keys: set[int] = set()
            for wid in words:
                keys.update(self._word_keys[wid])
            per_word.append(keys)
        per_word.sort(key=len)
        out: set[int] = set()
        for i, keys in enumerate(per_word):
            if i and len(out) + len(keys) > MAX_BLOCK:
                break
            out |= keys
        return out

    def search(self, name: str, score_cutoff: float = 85.0, limit: int = 10) -> list[Candidate]:
        """Forms that ``name`` may be, best first; ``score_cutoff`` (0..100) bounds the skeleton similarity.

        Exact skeleton matches come first with score 100; a form appears once, with its best score.
        """
        best: dict[int, Candidate] = {}
        for qk in skeleton_keys(name):
            kids = self._candidate_keys(qk)
            if not kids:
                continue
            choices = {kid: self.keys[kid] for kid in kids}
            for _key, score, kid in process.extract(qk, choices, scorer=fuzz.ratio, score_cutoff=score_cutoff,
                                                    limit=None):
                for i in self._key_forms[kid]:
                    old = best.get(i)
                    if old is None or score > old.score:
                        best[i] = Candidate(self.forms[i], self.keys[kid], qk, float(score))
        ranked = sorted(best.items(), key=lambda kv: (-kv[1].score, _RANK[kv[1].form.kind], kv[0]))
        return [c for _, c in ranked[:limit]] if limit else [c for _, c in ranked]


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

"""Looking up one name against the glossary: every entry it may denote, with a score.

Exact matches (any known spelling, case-insensitive) score 100. Other candidates come from the
same fuzzy index the ``name.fuzzy_variant`` rule uses: a name with the same transliteration
skeleton as a glossary spelling scores 99 (``Khmeymim`` for ``Khmeimim``, method ``skeleton``);
any other scores the similarity (0..100) of the two skeletons (method ``fuzzy``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..glossary.index import PROTECTED, fold

if TYPE_CHECKING:
    from .pipeline import Engine

SKELETON_SCORE = 99.0  # below an exact match: the spelling itself is in no glossary


@dataclass(frozen=True, slots=True)
class LookupMatch:
    entry_id: str
    canonical: str
    kind: str  # the entry's kind: person, place, organization, term
    form: str  # the glossary spelling that matched
    form_kind: str  # canonical, short, variant, particle, native, generated
    score: float  # 0..100; 100 is an exact (case-insensitive) match, 99 the same skeleton
    method: str  # "exact", "skeleton" (same transliteration skeleton) or "fuzzy"
    skeleton: str = ""  # the skeleton of the glossary spelling (empty for exact matches)
    scheme: str = ""  # for generated spellings: the romanisation scheme of the native form


def lookup(engine: "Engine", name: str, limit: int = 10, min_score: float = 60.0) -> list[LookupMatch]:
    """Entries that ``name`` may denote, best first: exact matches, then skeleton and fuzzy ones.

    ``min_score`` (0..100) bounds the skeleton similarity of fuzzy candidates; one match per entry.
    """
    from .fuzzy import fuzzy_index

    key = fold(" ".join(name.split()))
    out: dict[str, LookupMatch] = {}
    for f in engine.names.table.get(key, ()):
        if f.kind != PROTECTED and f.entry.id not in out:
            out[f.entry.id] = LookupMatch(f.entry.id, f.entry.canonical, f.entry.kind, f.surface, f.kind, 100.0, "exact")
    if limit > len(out):
        for c in fuzzy_index(engine).search(name, min_score, limit=0):
            e = c.form.entry
            if e.id in out:
                continue
            if c.score >= 100.0:
                method, score = "skeleton", SKELETON_SCORE
            else:
                method, score = "fuzzy", min(round(c.score, 2), SKELETON_SCORE - 0.01)
            out[e.id] = LookupMatch(e.id, e.canonical, e.kind, c.form.surface, c.form.kind, score, method, c.key,
                                    c.form.scheme)
    return sorted(out.values(), key=lambda m: (-m.score, m.entry_id))[:limit]

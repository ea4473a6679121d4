"""Looking up one name against the glossary: every entry it may denote, with a score."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from ..glossary.index import PROTECTED, fold

if TYPE_CHECKING:
    from .pipeline import Engine


@dataclass(frozen=True, slots=True)
class LookupMatch:
    entry_id: str
    canonical: str
    kind: str  # the entry's kind: person, place, organization, term
    form: str  # the glossary spelling that matched
    form_kind: str  # canonical, short, variant, particle, native
    score: float  # 0..100; 100 is an exact (case-insensitive) match
    method: str  # "exact" or "fuzzy"


def lookup(engine: "Engine", name: str, limit: int = 10, min_score: float = 60.0) -> list[LookupMatch]:
    """Entries that ``name`` may denote, best first: exact matches, then fuzzy ones."""
    index = engine.names
    key = fold(" ".join(name.split()))
    out: dict[str, LookupMatch] = {}
    for f in index.table.get(key, ()):
        if f.kind != PROTECTED and f.entry.id not in out:
            out[f.entry.id] = LookupMatch(f.entry.id, f.entry.canonical, f.entry.kind, f.surface, f.kind, 100.0, "exact")
    keys = engine.resource("lookup.keys", lambda e: list(e.names.table))
    for k, score, _ in process.extract(key, keys, scorer=fuzz.ratio, limit=limit * 3, score_cutoff=min_score):
        for f in index.table[k]:
            if f.kind != PROTECTED and f.entry.id not in out:
                out[f.entry.id] = LookupMatch(f.entry.id, f.entry.canonical, f.entry.kind, f.surface, f.kind,
                                              round(float(score), 2), "fuzzy")
    return sorted(out.values(), key=lambda m: (-m.score, m.entry_id))[:limit]

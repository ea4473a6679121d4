"""Conflicts between glossary entries that validation of single entries cannot see."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .index import dropped_particle_spellings, fold
from .model import GlossaryError, parse_file


@dataclass(frozen=True, slots=True)
class LintIssue:
    level: str  # "error" or "warning"
    source: str
    entry_id: str
    message: str

    def __str__(self) -> str:
        where = f"{self.source}: {self.entry_id}" if self.entry_id else self.source
        return f"{where}: {self.level}: {self.message}"


def lint(paths: Iterable[str | Path]) -> list[LintIssue]:
    """Validate files and report conflicts; schema errors come back as issues, not exceptions."""
    issues: list[LintIssue] = []
    entries = []
    ids: dict[str, str] = {}
    for path in paths:
        try:
            _, es, _ = parse_file(path)
        except GlossaryError as e:
            issues.append(LintIssue("error", str(path), "", str(e).removeprefix(f"{path}: ")))
            continue
        for e in es:
            if e.id in ids:
                issues.append(LintIssue("error", str(path), e.id, f"duplicate id (also in {ids[e.id]})"))
            ids[e.id] = str(path)
        entries += es

    # Every canonical and short canonical, by folded key -> entry ids.
    canon: dict[str, set[str]] = {}
    for e in entries:
        canon.setdefault(fold(e.canonical), set()).add(e.id)
        for s in e.short_forms:
            canon.setdefault(fold(s.canonical), set()).add(e.id)
    claimed: dict[str, str] = {}
    for e in entries:
        seen_here: set[str] = set()
        own_canon = {fold(e.canonical)} | {fold(s.canonical) for s in e.short_forms}
        variants = list(e.variants) + [v for s in e.short_forms for v in s.variants]
        for v in variants:
            k = fold(v)
            if k in seen_here:
                issues.append(LintIssue("warning", e.source, e.id, f"variant {v!r} is listed twice"))
                continue
            seen_here.add(k)
            if k in own_canon:
                if v in (e.canonical, *(s.canonical for s in e.short_forms)):
                    issues.append(LintIssue("error", e.source, e.id, f"variant {v!r} equals its own canonical form"))
                continue  # a case variant of its own canonical (SU-35S for Su-35S) is legitimate
            others = canon.get(k, set()) - {e.id}
            if others:
                issues.append(LintIssue("error", e.source, e.id,
                                        f"variant {v!r} equals the canonical form of {', '.join(sorted(others))}"))
            if k in claimed and claimed[k] != e.id:
                issues.append(LintIssue("error", e.source, e.id, f"variant {v!r} is also claimed by {claimed[k]}"))
            claimed.setdefault(k, e.id)
        for s in e.short_forms:
            if not s.drops_particle:
                continue
            for alt, _ in dropped_particle_spellings(s, e.particles):
                k = fold(alt)
                others = (canon.get(k, set()) | ({claimed[k]} if k in claimed else set())) - {e.id}
                if others:
                    issues.append(LintIssue("error", e.source, e.id, f"short form {s.canonical!r} drops its particle, "
                                                                     f"but {alt!r} is a form of {', '.join(sorted(others))}"))
        for p in e.protected:
            fp = fold(p)
            known = [fold(f) for f in [e.canonical, *variants, *(s.canonical for s in e.short_forms)]]
            if not any(f in fp for f in known):
                issues.append(LintIssue("warning", e.source, e.id,
                                        f"protected phrase {p!r} contains none of the entry's forms"))
    return issues

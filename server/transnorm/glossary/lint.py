"""Conflicts between glossary entries that validation of single entries cannot see."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .index import dropped_particle_spellings, fold
from .model import GlossaryError, _LanguageFile, _merge_languages, parse_file, parse_language_file


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
    language_files = []
    for path in paths:
        try:
            _, es, _ = parse_file(path)
        except GlossaryError as e:
            issues.append(LintIssue("error", str(path), "", str(e).removeprefix(f"{path}: ")))
            continue
        except _LanguageFile as lf:
            try:
                _, lang, forms = parse_language_file(path, lf.data)
            except GlossaryError as e:
                issues.append(LintIssue("error", str(path), "", str(e).removeprefix(f"{path}: ")))
                continue
            language_files.append((str(path), lang, forms))
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
    try:
        entries = _merge_languages(entries, language_files)
    except GlossaryError as e:
        issues.append(LintIssue("error", "", "", str(e)))
    issues += _lint_languages(entries)
    return issues


def _lint_languages(entries) -> list[LintIssue]:
    """Per language: a form claimed by two entries; an English short form without a counterpart."""
    issues: list[LintIssue] = []
    owners: dict[tuple[str, str], str] = {}
    for e in entries:
        for lang, lf in e.languages:
            forms = [lf.canonical, *lf.variants, *lf.accepted]
            for sf in lf.short_forms:
                forms += [sf.canonical, *sf.variants]
            for f in dict.fromkeys(forms):
                key = (lang, fold(f))
                if key in owners and owners[key] != e.id:
                    issues.append(LintIssue("error", lf.source, e.id,
                                            f"{lang} form {f!r} is also a {lang} form of {owners[key]}"))
                owners.setdefault(key, e.id)
            if len(lf.short_forms) < len(e.short_forms):
                missing = [sf.canonical for sf in e.short_forms[len(lf.short_forms):]]
                issues.append(LintIssue("warning", lf.source, e.id,
                                        f"no {lang} short form for {', '.join(map(repr, missing))}: "
                                        f"in {lang} text it is left as written"))
    return issues

"""The glossary as it applies to text in one language other than English.

In a German text the house form of an entry is its German form (``Baschar al-Assad``): the
English forms and the other languages' forms are variants there (a translation left them), and
the spellings German major press also uses (``accepted``) stay as written. An entry without
German forms is not in the German view: its names are left alone in German text.
"""
from __future__ import annotations

from dataclasses import replace

from .index import fold, particle_spellings
from .model import Entry, Glossary, ShortForm


def _unique(items) -> tuple[str, ...]:
    out, seen = [], set()
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return tuple(out)


def entry_in(entry: Entry, language: str) -> Entry | None:
    """``entry`` with ``language``'s forms as its house forms, or None when it has none."""
    lf = entry.forms_in(language)
    if lf is None:
        return None
    own = {lf.canonical, *lf.accepted, *(s.canonical for s in lf.short_forms)}
    own_folded = {fold(x) for x in own}
    others = [entry.canonical, *entry.variants]
    for lang, forms in entry.languages:
        if lang != language:
            others += [forms.canonical, *forms.variants]
    # A foreign full form is met with its particle spelled any way (Bashar al Assad, Bashar Al-Assad).
    others += [alt for v in list(others) for alt in particle_spellings(v, entry.particles)]
    variants = _unique([v for v in (*lf.variants, *others) if v not in own and fold(v) not in own_folded])
    shorts = []
    for i, s in enumerate(lf.short_forms):
        english = entry.short_forms[i] if i < len(entry.short_forms) else None
        extra = [english.canonical, *english.variants] if english is not None else []
        shorts.append(ShortForm(
            s.canonical, _unique([v for v in (*s.variants, *extra) if v not in own and fold(v) not in own_folded]),
            s.ambiguous | (english.ambiguous if english is not None else frozenset()), s.drops_particle))
    # Spellings the language's press also uses stand as house forms of their own: never rewritten.
    shorts += [ShortForm(a) for a in lf.accepted]
    native = tuple((lang, tuple(f for f in forms if f not in own)) for lang, forms in entry.native if lang != language)
    return replace(
        entry, canonical=lf.canonical, variants=variants, ambiguous=entry.ambiguous & set(variants),
        short_forms=tuple(shorts), titles=lf.titles or (), context=lf.context or (),
        native=tuple(n for n in native if n[1]), takes_article=None, languages=(),
    )


def view(glossary: Glossary, language: str) -> Glossary:
    """The glossary for text in ``language``: only entries with forms in it, those as house forms."""
    if language == "en":
        return glossary
    entries = tuple(e for e in (entry_in(x, language) for x in glossary.entries) if e is not None)
    return Glossary(entries, glossary.phrases, glossary.version, glossary.sources)


def languages_of(glossary: Glossary) -> set[str]:
    return {lang for e in glossary.entries for lang, _ in e.languages}

"""A definite article before a country that takes none: ``in the Syria were`` -> ``in Syria were``.

Which places take no article comes from the glossary (``takes_article: false``). ``the Syria
talks`` is good English (the name modifies a noun), so the article is an artifact only when the
name is followed by punctuation or by a verb, preposition or conjunction. Those are decided with
the closed-class lists in ``data`` plus one open-class test: a word ending in ``-ed`` that
wordfreq knows (``announced``) is a verb here. ``of``, ``that`` and ``which`` are excluded on
purpose: ``the Russia of the 1990s`` and ``the Syria that I knew`` are good English, and so is
``the Russia in which he grew up`` (skipped). After prepositions of time or circumstance
(``the Syria before the war``, ``the Russia under Putin``) the article is only reported.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from ..edits import Finding, Severity
from ..registry import Check, RuleInfo, register
from ..text import trie_pattern
from .common import GAP, find
from .data import CONJUNCTIONS, PREPOSITIONS, VERBS, zipf

if TYPE_CHECKING:
    from ..document import Document
    from ..pipeline import Engine

CATEGORY = "articles"

COUNTRY_ARTICLE = RuleInfo(
    "article.country", CATEGORY, "apply", "apply", Severity.WARNING,
    "\"the\" before a country whose glossary entry says it takes no article, when a verb, "
    "preposition, conjunction or punctuation follows (not where the name modifies a noun).",
    "the civil war in the Syria were discussed", "the civil war in Syria were discussed",
    ("the Syria talks", "the Syria conflict", "the Russia file", "the Russia of the 1990s",
     "fighting in the Donetsk and Luhansk regions went on"),
)

_FOLLOWERS = (PREPOSITIONS | CONJUNCTIONS | VERBS) - {"as", "like"}
_PUNCT_AFTER = frozenset(".,;:!?)")
# After these the name may denote the country at a time ("the Syria before the war"): reported.
_PERIOD_PREPOSITIONS = frozenset("under before after since during without beyond until till".split())
_RELATIVE = re.compile(r"[ \u00a0]+(?:which|whom|whose)\b")


def article_pattern(engine: "Engine") -> re.Pattern | None:
    """``the`` + a place that takes no article, built once per engine."""
    names: set[str] = set()
    for e in engine.glossary.entries:
        if e.kind == "place" and e.takes_article is False:
            names.add(e.canonical)
            names.update(e.variants)
            for s in e.short_forms:
                names.add(s.canonical)
                names.update(s.variants)
            # Native forms too: the name matcher rewrites "the Россия" to "the Russia".
            names.update(form for _, form in e.native_forms())
    if not names:
        return None
    # Markup between "the" and the name goes with the article: it would be removed anyway.
    # The pattern opens with its letter and looks back after it, so that the regex engine skips
    # straight to each T or t; the names are one prefix tree, not hundreds of alternatives tried
    # in turn after each "the".
    return re.compile(rf"([Tt](?<![\w-].)he)(?:{GAP})(?P<name>{trie_pattern(names)})(?![\w'’-])")


_GAP = re.compile(GAP)
# After "the X and": another capitalised name, then a lower-case word (the noun both modify).
_COORDINATED_MODIFIER = re.compile(r"[ \u00a0]+(?:[A-Z][\w'’-]*[ \u00a0]+){1,3}([a-z]+)")


def _coordinated_modifier(text: str, pos: int) -> bool:
    """Whether another name and then a noun follow ``pos`` (the word after "and"): a noun, not a
    verb or function word ("and Iraq were" is no modifier)."""
    m = _COORDINATED_MODIFIER.match(text, pos)
    if m is None:
        return False
    word = m.group(1)
    return word not in _FOLLOWERS and not (word.endswith("ed") and zipf(word) >= 3.0)
_NEXT = re.compile(rf"(?:{GAP})?(?P<word>[^\W\d_]+)?")


def check(doc: "Document") -> Iterable[Finding]:
    pattern = doc.engine.resource("artifacts.article_places", article_pattern)
    if pattern is None:
        return
    text = doc.text
    for m in pattern.finditer(text):
        end = m.end()
        gap = _GAP.match(text, end)
        after = text[gap.end() if gap else end:][:1]
        if after in _PUNCT_AFTER or after == "" or after == "\n":
            why = "punctuation follows it"
        else:
            word = _NEXT.match(text, end).group("word")
            if word is None:
                continue
            low = word.lower()
            if low in _FOLLOWERS and _RELATIVE.match(text, _NEXT.match(text, end).end()):
                continue  # "the Russia in which he grew up"
            if low in _PERIOD_PREPOSITIONS:
                name = m.group("name")
                yield find(COUNTRY_ARTICLE, text, m.start(), m.start("name"), "",
                           f"\"{m.group(1)} {name} {word}\" may mean a particular period of {name} (\"the Russia "
                           f"under Putin\"), or the article may be an artifact; not changed.", 0.5, autofix=False)
                continue
            if low in ("and", "or") and _coordinated_modifier(text, _NEXT.match(text, end).end()):
                continue  # "the Donetsk and Luhansk regions": both names modify the noun
            if low in _FOLLOWERS:
                why = f"{word!r} follows it"
            elif word.islower() and low.endswith("ed") and zipf(low) >= 3.0:
                why = f"the verb {word!r} follows it"
            else:
                continue  # "the Syria talks": the name modifies a noun
        name = m.group("name")
        yield find(COUNTRY_ARTICLE, text, m.start(), m.start("name"), "",
                   f"{name!r} takes no article in English and here it is not a modifier ({why}); "
                   f"\"{m.group(1)} {name}\" becomes \"{name}\".", 0.95)


register(Check("artifacts.articles", (COUNTRY_ARTICLE,), check))

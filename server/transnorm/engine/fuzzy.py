"""Unknown name variants: spellings in no glossary, matched through skeletons and fuzzy scores.

Every run of capitalised words (with name particles: al-, de, bin...) is cut into n-grams of up to
``FuzzyIndex.max_tokens`` words; each n-gram with at least one word that is not a common English
word is looked up in the fuzzy index. Longer names win over their parts, except that common words
at the edge ("President Tayip Erdogan") give way to a better-scoring name inside them.

A candidate is weighed in ``evidence`` (the one place where name decisions are made): what the
spelling is (a romanisation of the entry's native form, ``Hmejmim`` from Хмеймим; the same
skeleton as a glossary spelling; a close spelling, similarity 92 or more; a loose one, 85 to 92;
every word of a multi-word name within one edit of its counterpart, two for words of eight
letters or more, so ``Andrei Belov`` is not ``Andrei Belousov``), how it stands in English, and
what the document says (a title or context word of the entry, the entity named elsewhere, a
capitalised word before or after it). The probability the weights give is the finding's
confidence: ``name.fuzzy_variant`` (applied) from ``evidence.APPLY_AT``, ``name.possible_variant``
(reported) below it, and always when two entries tie. A spelling quoted as a spelling is
reported; the name of a ship, venue, company, dish or title is left alone.

Never touched, not even reported: a span an exact glossary form covers (another entity, a protected
phrase, a known variant the ``names`` check handles) unless the fuzzy name only extends an exact
form of the same entry (``Moammar Qaddafi``: ``Moammar`` is repaired here, ``Qaddafi`` by
``names``); a single word that is a common English word (``wordfreq`` Zipf frequency >=
``evidence.COMMON_ZIPF``; at a sentence start, where any word is capitalised, >=
``evidence.SENTENCE_START_ZIPF``); one word of a longer name when the candidate is a person
(``Asaad al-Shaibani`` is someone else) or the match is not exact; one word followed by a
capitalised name (``Riad Mahrez``); a word made from the name (``Iraqi``, ``Syrians``); a Slavic feminine
surname for a masculine one (``Navalnaya`` is not ``Navalny``); a word with capitals inside
(``SHmeymim``) or an accented letter glued to its end (``AssadÃ``, broken encoding); terms
(weapon designations are matched exactly only).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterable, NamedTuple

from rapidfuzz.distance import Levenshtein

from ..glossary.fuzzy_index import ABJAD_LANGUAGES, GENERATED, MIN_CONSONANTS, Candidate, FuzzyIndex
from ..glossary.index import PROTECTED, fold
from ..glossary.skeleton import letters, skeleton_keys
from .edits import Finding, Severity, make_finding
from . import evidence as ev
from .names import caps_line, cased, context_facts, demonyms, entry_region, epithet, exact_matches, minimal_edit, \
    starts_sentence, word_facts
from .profiles import document_language, serves
from .registry import Check, RuleInfo, register

if TYPE_CHECKING:
    from ..glossary.model import Entry
    from .document import Document
    from .pipeline import Engine

CATEGORY = "names"
# Terms (weapon designations) are matched exactly only: "Su-35" and "Su-34" are one letter apart.
# Organisation names made of English words never reach the index lookup (common words are skipped).
FUZZY_KINDS = ("person", "place", "organization")
REPORT_CUTOFF = 85.0  # skeleton similarity below which a candidate is not even reported
SELF_SUPPORT = 92.0  # from this similarity a spelling is "close", and a multi-word name a "whole name" ...
LONG_WORD = 8  # ... when each word is within one edit of its counterpart (two from this length on)
MIN_LETTERS = 4  # shorter single words are too easily other words or initials

FUZZY_RULE = RuleInfo(
    "name.fuzzy_variant", CATEGORY, "apply", "apply", Severity.WARNING,
    "A spelling in no glossary that is a transliteration variant of a glossary name (same skeleton, a "
    "romanisation of its native form, or a close match) is rewritten to the house spelling when the "
    "weighed evidence (the spelling, its standing in English, the context) makes it likely.",
    "Russian jets at the Hmejmim airbase in Syria", "Russian jets at the Khmeimim airbase in Syria",
    ("Yulia Navalnaya spoke.", "Asaad al-Shaibani said."), languages=("en", "de", "fr"),
)
POSSIBLE_RULE = RuleInfo(
    "name.possible_variant", CATEGORY, "report", "report", Severity.INFO,
    "A spelling in no glossary that may be a variant of a glossary name, with too little evidence to "
    "rewrite it: reported, never changed.",
    "Shoygau arrived.", "Shoygau arrived.",
    ("The base announced",), languages=("en", "de", "fr"),
)

# The rest of a word after its first letter: letters, with inner apostrophes (Hay'at) but not a
# possessive 's.
_WORD_TAIL = r"[^\W\d_]*(?:['\u2019](?![sS]\b)[^\W\d_]+)*"
_JOINER = re.compile(r"[ \u00a0-]")
_PARTICLES = frozenset({
    "al", "el", "ad", "ed", "an", "ar", "as", "ash", "at", "az", "ez", "es", "ul", "ud", "bin", "ibn", "ben",
    "bint", "abu", "de", "di", "da", "del", "della", "der", "den", "van", "von", "la", "le", "du", "dos", "das",
})
# Slavic surnames: a wife or daughter of Navalny is Navalnaya, of Peskov Peskova, of Putin Putina.
_FEMININE = re.compile(r"(?:ova|eva|ina|yna|aya|aia|aja|ska|cka)$")
_MASCULINE = re.compile(r"(?:ov|ev|in|yn|y|i|iy|yi|ii|yy|ij|sky|ski|skyi|skiy|cki)$")


def fuzzy_index(engine) -> FuzzyIndex:
    """The engine's fuzzy index, built on first use and shared by every request."""
    return engine.resource("fuzzy.index", lambda e: FuzzyIndex(e.glossary))


# Kinds of the words of a run: capitalised and not a common word, capitalised common word, particle.
NAME, WEAK, PARTICLE = "name", "weak", "particle"


class _Run(NamedTuple):
    start: int  # offset of the run's first letter in the document
    text: str
    kinds: tuple[str, ...]  # one per word


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    first: int  # index of its first word in the run
    last: int  # ... and of its last word
    words: int  # words that are not particles
    reading: "_Reading"  # what its best candidates say
    inside: list[tuple[int, int, frozenset[str]]]  # exact matches inside it, with their entries
    beside_name: bool  # a name word stands just before or after it


@lru_cache(maxsize=1)
def _run_pattern() -> re.Pattern:
    """The stretches regex in one piece (``_stretches`` matches it in steps)."""
    first, more = _run_pattern_parts()
    return re.compile(rf"{first}{more}*")


@lru_cache(maxsize=1)
def _run_pattern_parts() -> tuple[str, str]:
    """The parts of a regex for stretches of text that may hold a name run (its first word, and a
    group for each word after it): capitalised words, with lower-case name particles between
    them, joined by single spaces or hyphens.

    Only these stretches are cut into words, so a document's lower-case prose costs one regex scan.
    Upper-case letters are those of the Basic Multilingual Plane.
    """
    ranges, start, prev = [], None, None
    for c in range(0x10000):
        if chr(c).isupper():
            if start is None:
                start = prev = c
            elif c == prev + 1:
                prev = c
            else:
                ranges.append((start, prev))
                start = prev = c
    ranges.append((start, prev))
    upper = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    # A word starts after a non-letter, but not inside "O'Brien" (an apostrophe joined to letters);
    # the "S" of "RUSSIA'S" is a word of its own.
    # The capital comes first, so that the regex engine can skip to candidates quickly.
    start = r"(?:(?<![^\W\d_].)(?<![^\W\d_]['\u2019].)|(?<=[^\W\d_]['\u2019]S)\b)"
    cap = rf"[{upper}]{start}{_WORD_TAIL}"
    particle = rf"(?i:{'|'.join(sorted(_PARTICLES, key=len, reverse=True))})(?![^\W\d_]|['\u2019](?![sS]\b)[^\W\d_])"
    joiner = r"[ \u00a0-]"
    return cap, rf"(?:{joiner}(?:{particle}{joiner})*{cap})"


STRETCH_STEP = 256  # words of a stretch matched between two looks at the deadline


@lru_cache(maxsize=1)
def _run_pattern_steps() -> tuple[re.Pattern, re.Pattern]:
    """``_run_pattern`` in steps: its first word with at most ``STRETCH_STEP`` more, and up to
    ``STRETCH_STEP`` more words at the end of a step. Matched one step after another, they find
    the stretches ``_run_pattern`` finds, with a look at the deadline between steps (a text of
    capitalised words alone is one stretch)."""
    first, more = _run_pattern_parts()
    return re.compile(rf"{first}{more}{{0,{STRETCH_STEP}}}"), re.compile(rf"{more}{{1,{STRETCH_STEP}}}")


def _stretches(doc: "Document", text: str) -> Iterable[tuple[int, str]]:
    """``(start, stretch)`` of every match of ``_run_pattern`` in ``text``, in order."""
    first, more = _run_pattern_steps()
    pos = 0
    while True:
        m = first.search(text, pos)
        if m is None:
            return
        end = m.end()
        while True:
            doc.check_deadline()
            step = more.match(text, end)
            if step is None:
                break
            end = step.end()
        yield m.start(), text[m.start():end]
        pos = end


_ACRONYM = "acronym"  # an all-capitals word: a name in a headline, an acronym elsewhere


# Cache bounds: ``python bench/bench_soak.py --caches`` prints every cache's entries and the memory
# it holds. Over 6,000 distinct news documents a stretch's words took about 400 bytes an entry, its
# runs about 270, an n-gram reading (``run_candidates``) about 470 and a spelling's reading about 150.
# At 65,536 entries each these four held 79 MiB and filled only after thousands of documents, so
# a long-running server's memory grew for hours; at the bounds below they hold about 13 MiB, fill
# within a minute of varied traffic, and keep the recurring names (LRU).
STRETCH_CACHE = 8192  # stretches of capitalised words remembered with their words and runs
RUN_CACHE = 8192  # runs of words remembered per engine with their candidate n-grams
SEARCH_CACHE = 16384  # distinct spellings remembered per engine with what the index says of them


LONG_STRETCH = 4096  # characters from which a stretch is read uncached, with looks at the deadline


@lru_cache(maxsize=STRETCH_CACHE)
def _stretch_words(stretch: str) -> tuple[tuple[tuple[int, str, str], ...], bool]:
    """``(offset, word, kind)`` of the words of a stretch (whole words joined by single joiners),
    and whether any is an all-capitals word of two letters or more (kind ``_ACRONYM``, which only
    the document can settle: a name in a headline, an acronym elsewhere).

    Memoised: names recur from document to document.
    """
    return _read_stretch_words(stretch)


def _read_stretch_words(stretch: str, tick: Callable[[], None] | None = None) \
        -> tuple[tuple[tuple[int, str, str], ...], bool]:
    """``_stretch_words`` uncached; ``tick`` (a document's) is called once per word."""
    common = ev.common_words()[0]
    out = []
    pos = 0
    acronyms = False
    for w in _JOINER.split(stretch):
        if tick is not None:
            tick()
        low = w.lower()
        if low in _PARTICLES:
            kind = PARTICLE
        elif w[1:] != w[1:].lower() and not w.isupper():
            kind = ""  # capitals inside a word ("SHmeymim"): an identifier or a typo
        elif w.isupper() and len(w) > 1:
            kind, acronyms = _ACRONYM, True
        elif low in common:
            kind = WEAK
        else:
            kind = NAME
        out.append((pos, w, kind))
        pos += len(w) + 1
    return tuple(out), acronyms


@lru_cache(maxsize=STRETCH_CACHE)
def _stretch_runs(stretch: str, headline: tuple[bool, ...] = ()) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
    """The runs of a stretch as ``(start, end, kinds)``, offsets within the stretch: the words
    cut at words that are neither names nor particles, each run with at least one name word.

    ``headline`` says, for each all-capitals word in turn, whether it stands in a capitals line.
    Memoised, so that a document's recurring names cost one lookup per stretch.
    """
    return _read_stretch_runs(_stretch_words(stretch)[0], headline)


def _read_stretch_runs(words: tuple[tuple[int, str, str], ...], headline: tuple[bool, ...] = (),
                       tick: Callable[[], None] | None = None) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
    """``_stretch_runs`` uncached, of the stretch's ``_stretch_words``; ``tick`` is called once
    per word."""
    common = ev.common_words()[0]
    out: list[tuple[int, int, tuple[str, ...]]] = []
    begin, end, kinds, named = 0, 0, [], False
    caps = iter(headline)
    for offset, w, kind in words:
        if tick is not None:
            tick()
        if kind is _ACRONYM:
            if not next(caps):
                kind = ""  # an acronym (NSN, FAN) outside a headline
            else:
                kind = WEAK if w.lower() in common else NAME
        if kind:
            if not kinds:
                begin = offset
            named = named or kind is NAME
            kinds.append(kind)
            end = offset + len(w)
        elif kinds:
            if named:
                out.append((begin, end, tuple(kinds)))
            kinds, named = [], False
    if named:
        out.append((begin, end, tuple(kinds)))
    return tuple(out)


def _runs(doc: "Document") -> list[_Run]:
    """Runs of capitalised words and name particles joined by single spaces or hyphens, with at
    least one name word (capitalised, not a common English word).

    Lower-case particles at either end of a run are left out: no n-gram starts or ends with one.
    """
    text = _view(doc)
    runs: list[_Run] = []
    for base, group in _stretches(doc, text):
        doc.tick()
        long = len(group) >= LONG_STRETCH  # read with looks at the deadline, and not kept
        words, acronyms = _read_stretch_words(group, doc.tick) if long else _stretch_words(group)
        headline: tuple[bool, ...] = ()
        if acronyms:
            headline = tuple(caps_line(text, base + offset, base + offset + len(w))
                             or _dateline_place(text, base + offset, base + offset + len(w))
                             for offset, w, kind in words if kind is _ACRONYM)
        for begin, end, kinds in (_read_stretch_runs(words, headline, doc.tick) if long
                                  else _stretch_runs(group, headline)):
            if long:
                doc.tick()
            runs.append(_Run(base + begin, group[begin:end], kinds))
    return runs


def _dateline_place(text: str, start: int, end: int) -> bool:
    """Whether the capitals word at ``[start, end)`` opens a line and a comma follows it: the
    place of a news dateline (``IDLEB, Syria (AP) —``), a name, not an acronym."""
    line_start = text.rfind("\n", 0, start) + 1
    return text[end:end + 1] == "," and not text[line_start:start].strip()


def _exact_spans(doc: "Document") -> list[tuple[int, int, frozenset[str]]]:
    """Spans of every exact glossary form with its entry ids (empty for protected phrases)."""
    table = doc.engine.names.table
    ids: dict = {}  # per table key, computed once: a long text repeats the same few forms
    out = []
    for s, e, k in doc.glossary_hits:
        doc.tick()
        found = ids.get(k)
        if found is None:
            found = ids[k] = frozenset() if any(f.kind == PROTECTED for f in table[k]) else \
                frozenset(f.entry.id for f in table[k])
        out.append((s, e, found))
    return out


def _view(doc: "Document") -> str:
    # Names are read with look-alike letters made Latin (same length), as the ``names`` check does.
    return getattr(doc, "latin", doc.text)


def _chosen_hits(doc: "Document") -> tuple[list[_Hit], dict[str, list[tuple[int, int]]]]:
    """The fuzzy names of the document (longest first, no overlaps) and the entities it names
    exactly; memoised on the document, since the ``names`` check reads them too."""
    return doc.memo("fuzzy.hits", _find_hits)


def _find_hits(doc: "Document") -> tuple[list[_Hit], dict[str, list[tuple[int, int]]]]:
    out: list[_Hit] = []
    if not serves(FUZZY_RULE.languages, document_language(doc)):
        return out, {}  # unlisted spellings are weighed as English: in other languages there are none
    index = fuzzy_index(doc.engine)
    if not index.max_tokens:
        return out, {}
    runs = _runs(doc)
    if not runs:
        return out, {}
    covered = _exact_spans(doc)
    named = exact_matches(doc)[1]
    starts = [c[0] for c in covered]
    doc.check_deadline()
    longest = max((e - s for s, e, _ in covered), default=0)
    doc.check_deadline()
    run_candidates = doc.engine.resource("fuzzy.runs", _cached_run_candidates)
    for run in runs:
        doc.tick()
        found = run_candidates(run.text, run.kinds, doc.tick)
        if not found:
            continue
        # Exact glossary forms overlapping the run (covered spans are never longer than ``longest``).
        run_start, run_end = run.start, run.start + len(run.text)
        lo, hi = bisect_left(starts, run_start - longest), bisect_left(starts, run_end)
        in_run = [c for c in covered[lo:hi] if run_start < c[1]]
        in_run_starts = [c[0] for c in in_run]
        hits: list[_Hit] = []
        for i, j, a, b, words, reading, common_word, beside in found:
            doc.tick()  # a run may be a whole text of names
            start, end = run_start + a, run_start + b
            if common_word and doc.sentences.is_start(start) and not run.text[a:b].isupper():
                continue  # any word is capitalised at a sentence start (not in capitals: a dateline's place)
            # The exact spans overlapping this one, found by position (a run may hold thousands).
            inside = [c for c in in_run[bisect_left(in_run_starts, start - longest):bisect_left(in_run_starts, end)]
                      if start < c[1]] if in_run else []
            if any(not ids or s0 < start or e0 > end or (s0, e0) == (start, end) for s0, e0, ids in inside):
                continue  # protected, straddling the edge, or an exact form itself
            hits.append(_Hit(start, end, i, j, words, reading, inside, beside))
        # Longest names first ("Bashar Asaad" beats "Asaad" alone), except that capitalised common
        # words at the edge ("President Tayip Erdogan") give way to the better-scoring name inside.
        if len(hits) > 1:
            hits.sort(key=lambda h: (-h.words, -h.reading.best.score, h.start))
        chosen: list[_Hit] = []
        taken = bytearray(run_end - run_start)  # characters of the run a chosen hit covers
        by_start = sorted(hits, key=lambda h: h.start)
        hit_starts = [h.start for h in by_start]
        for h in hits:
            doc.tick()
            if any(taken[h.start - run_start:h.end - run_start]) or _padded(h, by_start, hit_starts, run.kinds):
                continue
            taken[h.start - run_start:h.end - run_start] = b"\x01" * (h.end - h.start)
            chosen.append(h)
        if len(chosen) > 1:
            chosen.sort(key=lambda h: h.start)
        out += chosen
    return out, named


def alias_spans(doc: "Document") -> set[tuple[int, int]]:
    """Spans of name mentions, exact or fuzzy, that quote a spelling as a spelling (see
    ``evidence.alias_groups``); memoised on the document for both name checks."""
    def build(doc: "Document") -> set[tuple[int, int]]:
        mentions = []
        folded: dict[str, str] = {}  # a long text repeats a few spellings: each is folded once
        for m in exact_matches(doc)[0]:
            doc.tick()
            if len(m.forms) == 1:
                surface, target = m.surface, m.forms[0].target
                fs = folded.get(surface)
                if fs is None:
                    fs = folded[surface] = fold(surface)
                ft = folded.get(target)
                if ft is None:
                    ft = folded[target] = fold(target)
                mentions.append((m.start, m.end, m.forms[0].entry.id, fs, surface != target, ft))
        for h in _chosen_hits(doc)[0]:
            doc.tick()
            mentions.append((h.start, h.end, h.reading.best.form.entry.id, fold(doc.text[h.start:h.end]), True,
                             fold(h.reading.best.form.target)))
        if not any(m[4] for m in mentions):
            return set()
        sentences = doc.sentences
        return ev.alias_groups(doc.text, mentions, lambda pos: sentences.span(sentences.index(pos)), doc.tick)

    return doc.memo("names.aliases", build)


def check_fuzzy(doc: "Document") -> Iterable[Finding]:
    hits, named = _chosen_hits(doc)
    whole = _whole_names(hits)
    whole_spans = {span for spans in whole.values() for span in spans}
    # For a name of one word, the entity is also named by an unlisted full name read word by word.
    named_alone = {**named, **{eid: [*named.get(eid, ()), *spans] for eid, spans in whole.items()}} if whole else named
    read: list[tuple[_Hit, Finding]] = []  # full names rewritten word by word, with their surname's edit
    sure = _sure_readings(hits)
    for h in hits:
        doc.tick()
        for f in _judge(doc, h, named_alone if h.words == 1 else named, sure):
            if h.words > 1 and f.autofix and f.end == h.end and (h.start, h.end) in whole_spans:
                read.append((h, f))
            yield f
    if read:
        yield from _surnames_alone(doc, hits, named, read)


def _surnames_alone(doc: "Document", hits: list[_Hit], named: dict[str, list[tuple[int, int]]],
                    read: list[tuple[_Hit, Finding]]) -> Iterable[Finding]:
    """A person's surname standing alone, spelled as in a full name that the document writes and
    that was read as the entity ("Mohamed Morsi ... Morsi refuses"): the same person, respelled as
    the full name's surname was. The word alone may be one English writes for other things; its
    own full name in the document says whose it is."""
    text = doc.text
    # Spans already weighed, merged, to find by position whether a word lies in one.
    taken: list[list[int]] = []
    for a, b in sorted([(h.start, h.end) for h in hits] + [(m.start, m.end) for m in exact_matches(doc)[0]]):
        if taken and a < taken[-1][1]:
            taken[-1][1] = max(taken[-1][1], b)
        else:
            taken.append([a, b])
    taken_starts = [a for a, _ in taken]
    done: set[str] = set()
    for h, f in read:
        entry = h.reading.best.form.entry
        surname = f.original
        if entry.kind != "person" or surname in done or " " in surname or not surname[:1].isupper():
            continue
        done.add(surname)
        for m in re.finditer(rf"(?<![\w'’-]){re.escape(surname)}(?![\w-])", text):
            doc.tick()
            s0, e0 = m.start(), m.end()
            k = bisect_right(taken_starts, s0) - 1
            if (k >= 0 and taken[k][1] > s0) or (k + 1 < len(taken) and taken[k + 1][0] < e0):
                continue  # part of a name already weighed
            follower = _next_name(text, e0)
            if follower is not None and not doc.sentences.is_start(follower):
                continue  # another person's given name ("Morsi Hegazy")
            facts = (h.reading.facts - {"multiword", "whole_name"}) | {"single_person"} | \
                context_facts(doc, s0, e0, entry, named) | {"named"}
            if "capital_precedes" in facts:
                continue  # another person's surname ("Ali Morsi")
            conf = round(ev.probability(facts), 3)
            if conf < ev.APPLY_AT or ev.held_back(facts - {"seen", "frequent"}):
                continue
            full = text[h.start:h.end]
            yield make_finding(
                text, s0, e0, f.replacement, rule_id=FUZZY_RULE.id, category=CATEGORY, severity=FUZZY_RULE.severity,
                confidence=conf, entry_id=entry.id, autofix=True,
                message=f"{surname!r} is the surname of {full!r}, which this document writes and which is read as "
                        f"{entry.canonical}; read as {f.replacement!r} as there ({ev.explain(facts)}).",
                details=(("entry", entry.id), ("full_name", full), ("evidence", ev.encode(facts))))


def _whole_names(hits: list[_Hit]) -> dict[str, list[tuple[int, int]]]:
    """Spans of the unlisted full names each entity is read from word by word ("Alexander
    Lukashenka"): a surname standing alone elsewhere in the document names the same entity."""
    out: dict[str, list[tuple[int, int]]] = {}
    for h in hits:
        r = h.reading
        if h.words > 1 and "whole_name" in r.facts and not (r.rivals or r.derived or r.namesake or r.feminine):
            out.setdefault(r.best.form.entry.id, []).append((h.start, h.end))
    return out


def _cached_search(engine: "Engine"):
    """What the index's best candidates for a spelling say (``_Reading``), or None when it has
    none; memoised per engine (the index never changes)."""
    index = fuzzy_index(engine)

    @lru_cache(maxsize=SEARCH_CACHE)
    def search(surface: str) -> _Reading | None:
        ranked = _best_per_entry([c for c in index.search(surface, REPORT_CUTOFF, limit=0, best=True)
                                  if c.form.entry.kind in FUZZY_KINDS], surface)
        if not ranked and not ev.standing(surface):
            # No close spelling: perhaps the same consonants with other vowels; not for a word
            # English writes, which shares its consonants with a name by chance (Telegram and
            # Tulkarm, Kittery and Qatar); the consonants as written, not only their skeleton
            # (Cheeseball is no Hezbollah), and never those of a romanised Cyrillic form, which
            # writes its vowels (Lieven is no Livan)
            for spelling in _jim_spellings(surface):
                ranked = _best_per_entry([c for c in index.vowel_variants(spelling) if c.form.entry.kind in FUZZY_KINDS
                                          and c.form.kind != GENERATED and _same_consonants(spelling, c.form.surface)],
                                         surface)
                if ranked:
                    break
        return _read(surface, tuple(ranked)) if ranked else None

    return search


def _cached_run_candidates(engine: "Engine"):
    """For a run of words (its text and the kinds of its words): the n-grams that may be names,
    as ``(first word, last word, start, end, words not particles, reading, common word, beside
    a name)``, memoised per engine. "Common word" marks a single word that a sentence start
    would explain; "beside a name" says that a name word stands right before or after it.

    An n-gram starts with a name word, a capitalised word or a capitalised particle, ends with a
    word that is not a particle, has at least one name word, and as a single word has at least
    ``MIN_LETTERS`` letters. What depends on the document around the run (a sentence start,
    exact glossary forms) is checked by the caller.
    """
    search = engine.resource("fuzzy.search", _cached_search)
    max_tokens = fuzzy_index(engine).max_tokens
    start_common = ev.common_words()[1]

    def compute(run_text: str, kinds: tuple[str, ...], tick: Callable[[], None]) -> tuple[tuple[int, int, int, _Reading], ...]:
        spans, pos = [], 0
        for w in _JOINER.split(run_text):
            tick()
            spans.append((pos, pos + len(w)))
            pos += len(w) + 1
        # Name words and words (not particles) before each position, to count those of an n-gram at once.
        names_before, words_before = [0], [0]
        for kind in kinds:
            tick()
            names_before.append(names_before[-1] + (kind == NAME))
            words_before.append(words_before[-1] + (kind != PARTICLE))
        out = []
        for i, (start, _) in enumerate(spans):
            tick()  # a run may be a whole text of names (the tick reads the clock every few hundred calls)
            if kinds[i] == PARTICLE and not run_text[start:start + 1].isupper():
                continue
            for j in range(i, min(len(spans), i + max_tokens)):
                if kinds[j] == PARTICLE or names_before[j + 1] == names_before[i]:
                    continue
                end = spans[j][1]
                words = words_before[j + 1] - words_before[i]
                if words == 1 and len(letters(run_text[start:end])) < MIN_LETTERS:
                    continue
                surface = run_text[start:end]
                reading = search(surface)
                if reading is not None:
                    # A word English writes often enough to be capitalised by a sentence start; not
                    # a romanisation of the name's native form that English writes often because it
                    # is this very name (Kiev, Odessa), as a mere skeleton match may be (Grimm)
                    common = words == 1 and surface.lower() in start_common \
                        and not {"popular_spelling", "generated"} <= reading.facts
                    out.append((i, j, start, end, words, reading, common, _beside_name(kinds, i, j)))
        return tuple(out)

    @lru_cache(maxsize=RUN_CACHE)
    def remembered(run_text: str, kinds: tuple[str, ...]) -> tuple[tuple[int, int, int, _Reading], ...]:
        return compute(run_text, kinds, _no_tick)

    cached = remembered

    def run_candidates(run_text: str, kinds: tuple[str, ...],
                       tick: Callable[[], None] | None = None) -> tuple[tuple[int, int, int, _Reading], ...]:
        # A long run (a hostile text of names) is computed with the caller's deadline ticks and not
        # remembered: it would not recur, and without ticks it runs on past a deadline.
        if tick is not None and len(kinds) > LONG_RUN:
            return compute(run_text, kinds, tick)
        return cached(run_text, kinds)

    run_candidates.cache_info = cached.cache_info  # type: ignore[attr-defined]
    run_candidates.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return run_candidates


LONG_RUN = 512  # words: a run this long is a hostile text, computed with deadline ticks


def _no_tick() -> None:
    """A deadline check that never stops (for a remembered run: it has no caller's deadline)."""


def _padded(h: _Hit, by_start: list[_Hit], starts: list[int], kinds: tuple[str, ...]) -> bool:
    """Whether a better-scoring hit inside ``h`` leaves only common words and particles of ``h``
    outside it (``by_start``: the hits sorted by start, ``starts`` their starts)."""
    for g in by_start[bisect_left(starts, h.start):bisect_right(starts, h.end)]:
        if g is not h and h.start <= g.start and g.end <= h.end and g.reading.best.score > h.reading.best.score:
            if NAME not in kinds[h.first:g.first] and NAME not in kinds[g.last + 1:h.last + 1]:
                return True
    return False


def _beside_name(kinds: tuple[str, ...], i: int, j: int) -> bool:
    """Whether a name word (possibly after a particle) stands right before word ``i`` or after word ``j``."""
    k = i - 1
    while k >= 0 and kinds[k] == PARTICLE:
        k -= 1
    if k >= 0 and kinds[k] == NAME:
        return True
    k = j + 1
    while k < len(kinds) and kinds[k] == PARTICLE:
        k += 1
    return k < len(kinds) and kinds[k] == NAME


def _best_per_entry(cands: list[Candidate], surface: str) -> list[Candidate]:
    """One candidate per (entry, target), best first; a generated spelling equal to the text wins ties."""
    folded = fold(surface)
    best: dict[tuple[str, str], Candidate] = {}
    for c in cands:
        k = (c.form.entry.id, c.form.target)
        old = best.get(k)
        if old is None or _strength(c, folded) > _strength(old, folded):
            best[k] = c
    return sorted(best.values(), key=lambda c: (-c.score, -_strength(c, folded)[1], c.form.entry.id,
                                                -Levenshtein.normalized_similarity(folded, fold(c.form.surface))))


def _strength(c: Candidate, folded_surface: str) -> tuple[float, int]:
    return c.score, int(c.form.kind == GENERATED and fold(c.form.surface) == folded_surface)


class _Reading(NamedTuple):
    """What the best candidates for a spelling say, wherever the spelling stands (memoised with
    the lookup; ``_judge`` adds what the document around it says)."""

    candidates: tuple[Candidate, ...]  # one per entry and house spelling, best first
    rivals: tuple[Candidate, ...]  # other house spellings with the best score
    generated: bool  # the spelling is a romanisation of the entry's native form
    derived: bool  # a word made from the name ("Iraqi")
    feminine: bool  # a Slavic feminine surname for a masculine one
    namesake: bool  # the person's given names with another surname ("Andrei Belov", not Belousov)
    glued_accent: bool  # an accented letter glued to the name ("AssadÃ")
    how: str
    details: tuple[tuple[str, str], ...]
    facts: frozenset[str]  # what the spelling itself says (``evidence.FACTS``), wherever it stands

    @property
    def best(self) -> Candidate:
        return self.candidates[0]


_NOT_CONSONANT = re.compile(r"[^b-df-hj-np-tvxz]+")
_DOUBLED = re.compile(r"(.)\1+")


def _written_consonants(name: str) -> str:
    """The consonant letters of a spelling as written, doubled ones once, with ``*`` where vowels
    stand between them (``Hizbollah`` and ``Hezbollah`` give ``h*zb*l*h``; ``Sharjah`` keeps the
    ``j`` that ``Sharaa`` lacks; ``Cheeseball`` has a vowel where ``Chisballa`` has none); w and
    y stand for vowels as often as not."""
    return _DOUBLED.sub(r"\1", _NOT_CONSONANT.sub("*", fold(name).lower()))


def _jim_spellings(surface: str) -> tuple[str, ...]:
    """The spelling, and with ``j`` written ``g``: Arabic's one letter jīm is ``j`` in most
    romanisations and ``g`` in Egyptian ones and in some house styles (``Jolani``, ``Golani``)."""
    if "j" not in surface.lower():
        return (surface,)
    return surface, surface.replace("j", "g").replace("J", "G")


def _same_consonants(a: str, b: str) -> bool:
    """Whether two spellings write the same consonants, at least ``MIN_CONSONANTS`` of them
    (``Issi`` and ``Sisi`` share one ``s``: too few to say)."""
    ca = _written_consonants(a)
    return len(ca.replace("*", "")) >= MIN_CONSONANTS and ca == _written_consonants(b)


def _read(surface: str, ranked: tuple[Candidate, ...]) -> _Reading:
    best = ranked[0]
    entry, target_form = best.form.entry, best.form.target
    generated = best.form.kind == GENERATED and fold(best.form.surface) == fold(surface)
    if generated:
        kind, how = "generated", f"the {best.form.scheme} romanisation of {entry.canonical}'s native spelling"
    elif best.score >= 100.0:
        kind, how = "skeleton", f"the same transliteration skeleton ({best.key!r}) as {best.form.surface!r}"
    elif best.score < REPORT_CUTOFF or (best.score < SELF_SUPPORT and best.form.kind != GENERATED
                                         and _same_consonants(surface, best.form.surface)
                                         and any(lang in ABJAD_LANGUAGES for lang, _ in entry.native)):
        # found by its consonants alone, or a loose spelling that differs from the house one in the
        # vowels only (Hizbollah, Hudaydah): either way the vowels a writer heard
        kind = "vowels"
        how = f"the consonants of {best.form.surface!r} with other vowels (skeletons {best.query_key!r} and " \
              f"{best.key!r}; the native script writes no short vowels)"
    else:
        kind = "close" if best.score >= SELF_SUPPORT else "far"
        how = f"a close spelling of {best.form.surface!r} (similarity {best.score:.0f}/100, skeletons " \
              f"{best.query_key!r} and {best.key!r})"
    if best.query_key not in skeleton_keys(surface):
        how += " once its j is written g (Arabic jīm, which Egyptian romanisations write g)"
    # Another entry as good is a rival; another house spelling of the same entry as good is not
    # (the spelling nearest the text's comes first: Choïgu is Choïgou, not the also accepted Choigou).
    rivals = tuple(c for c in ranked[1:] if c.score == best.score and c.form.target != target_form
                   and c.form.entry.id != entry.id)
    facts = {kind} | word_facts(surface, entry, best.query_key)
    if " " in surface and best.score >= SELF_SUPPORT and _word_by_word(best.query_key, best.key):
        facts.add("whole_name")
    if rivals:
        facts.add("rival")
    if kind in ("generated", "skeleton") and facts & {"seen", "frequent"} and "dictionary" not in facts:
        # English writes it because it is a popular spelling of this very name (Qaddafi, Gadhafi):
        # evidence for the name, weighed apart from the frequency of a word merely like a name
        facts -= {"seen", "frequent"}
        facts.add("popular_spelling")
    details = [("entry", entry.id), ("form", best.form.surface), ("form_kind", best.form.kind),
               ("score", f"{best.score:.1f}"), ("skeleton", best.query_key), ("form_skeleton", best.key)]
    if best.form.scheme:
        details.append(("scheme", best.form.scheme))
    return _Reading(
        candidates=ranked,
        rivals=rivals,
        generated=generated,
        derived=_derived(best.query_key, best.key),
        feminine=entry.kind == "person" and _feminine_for_masculine(surface, target_form),
        namesake=entry.kind == "person" and _namesake(best.query_key, best.key),
        glued_accent=not surface[-1].isascii() and best.key in skeleton_keys(surface[:-1]),
        how=how, details=tuple(details), facts=frozenset(facts),
    )


def _sure_readings(hits: list[_Hit]) -> dict[str, Entry]:
    """The entities that unlisted spellings name on the strength of the spelling alone (``Lugansk``,
    a romanisation of Luhansk's native form): each counts for the region of the others."""
    sure: dict[str, Entry] = {}
    for h in hits:
        r = h.reading
        if not r.rivals and ev.probability(r.facts) >= ev.APPLY_AT and not ev.held_back(r.facts):
            sure[r.best.form.entry.id] = r.best.form.entry
    return sure


def _judge(doc: "Document", h: _Hit, named: dict[str, list[tuple[int, int]]],
           sure: dict[str, Entry] | None = None) -> Iterable[Finding]:
    text = doc.text
    surface = _view(doc)[h.start:h.end]
    r = h.reading
    best = r.best
    entry, target_form = best.form.entry, best.form.target
    own_words = set(fold(target_form).split()) | {fold(w) for w in _no_particles(target_form)}
    if any(entry.id not in ids and fold(text[s:e]) not in own_words for s, e, ids in h.inside):
        return  # an exact form of another entity sits inside it (not a word of this name: "Abbas Araqchi")
    if h.words == 1:
        if h.beside_name and (entry.kind == "person" or best.score < 100.0) and not _epithets_beside(doc, h):
            return  # one word of a longer name: a namesake, or a name the glossary lacks
        follower = _next_name(text, h.end)
        if follower is not None and not doc.sentences.is_start(follower) and _surname_at(text, follower):
            return  # a given name before a surname ("Riad Mahrez"), not the place
        if r.derived:
            return  # "Iraqi", "Kyivan": a word made from the name, not a spelling of it
    if r.feminine or r.glued_accent or r.namesake:
        return  # "Navalnaya" is not Navalny; "AssadÃ" is most likely broken encoding; "Andrei Belov" is not Belousov
    lead = _LEADING_PARTICLE.search(text, max(0, h.start - 6), h.start)
    if lead is not None and _PARTICLE_PREFIX.match(target_form) and not _PARTICLE_PREFIX.match(surface):
        # "al-Qaida" for "al Qaeda": runs leave a lower-case particle out, the house form has it
        h = replace(h, start=lead.start())
        surface = _view(doc)[h.start:h.end]
    at_start = starts_sentence(doc, h.start)
    target = cased(target_form, caps_line(text, h.start, h.end), at_start, surface)
    if fold(surface) == fold(target):
        return

    how, details = r.how, list(r.details)
    label = target_form if target_form == entry.canonical else f"{target_form} ({entry.canonical})"
    if ev.left_alone(text, h.start, h.end):
        return  # "Qaddafi Stadium", "(Uzbek: Toshkent)", "Al-Qunayṭrah": written so on purpose
    if (h.start, h.end) in alias_spans(doc):
        yield from _findings(doc, h, surface, target, POSSIBLE_RULE, ev.ALIAS_CONFIDENCE, entry.id,
                             f"{surface!r} is possibly a spelling of {label}, quoted here as a spelling or alias; "
                             f"not changed", details + [("evidence", "alias_mention")])
        return
    facts = r.facts | context_facts(doc, h.start, h.end, entry, named)
    if "related" not in facts and sure:
        own = entry_region(doc, entry)
        if any(other_id != entry.id and entry_region(doc, other) & own for other_id, other in sure.items()):
            facts = facts | {"related"}  # "pro-Kiev forces" in a text that reads "Lugansk" as Luhansk
    if "vowels" in facts and "related" not in facts:
        return  # consonants alone are shared by many names; only a text about the region reads them so
    conf = round(ev.probability(facts), 3)
    details.append(("evidence", ev.encode(facts)))
    if r.rivals:
        names = ", ".join(sorted({repr(c.form.target) for c in (best, *r.rivals)}))
        yield from _findings(doc, h, surface, sorted({c.form.target for c in (best, *r.rivals)}), POSSIBLE_RULE,
                             conf, entry.id, f"{surface!r} may be a variant of {names}; the glossary entries tie, so "
                                             f"it is not changed", details)
        return
    veto = ev.held_back(facts) if conf >= ev.APPLY_AT else None
    if veto:
        yield from _findings(doc, h, surface, target, POSSIBLE_RULE, conf, entry.id,
                             f"{surface!r} is possibly a variant of {label}: {how}; but {veto}, so it is not "
                             f"changed", details)
        return
    if conf < ev.APPLY_AT:
        yield from _findings(doc, h, surface, target, POSSIBLE_RULE, conf, entry.id,
                             f"{surface!r} is possibly a variant of {label}: {how}; the evidence is too weak to "
                             f"change it ({ev.explain(facts)})", details)
        return
    why = f"{surface!r} is not in the glossary but is {how}; read as {label} ({ev.explain(facts)})"
    if text[h.start:h.end] != surface:
        # The edit also repairs look-alike letters; it must win over script.homoglyph's smaller
        # edit of the same word, or a second pass would find the variant again.
        conf = max(conf, 0.96)
        why += " (its Cyrillic or Greek look-alike letters are repaired too)"
    yield from _findings(doc, h, surface, target, FUZZY_RULE, conf, entry.id, why, details)


_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)[ \u00a0]+$")
_WORD_AFTER = re.compile(r"[ \u00a0]+([^\W\d_][\w'’-]*)")


def _epithets_beside(doc: "Document", h: _Hit) -> bool:
    """Whether the capitalised words right beside a one-word name are epithets, not more of the
    name: words for a people (``Lebanese Hezballah``, ``Syrian Asad``), or before it a word after
    a determiner (``the Shiite Hawthis``) or a title (``names.epithet``)."""
    table = doc.engine.resource("names.demonyms", demonyms)[0]
    text, found = doc.text, False
    before = _WORD_BEFORE.search(text, max(0, h.start - 40), h.start) if h.start else None
    after = _WORD_AFTER.match(text, h.end)
    for m in (before, after):
        if m is None or not m.group(1)[:1].isupper():
            continue
        word = m.group(1)
        if word.lower() not in table and not (m is before and epithet(text, m.start(1), word)):
            return False
        found = True
    return found


def _findings(doc: "Document", h: _Hit, surface: str, target: str | list[str], rule: RuleInfo, conf: float,
              entry_id: str, message: str, details: list[tuple[str, str]]) -> Iterable[Finding]:
    """The edits of one judged name: the words that change, leaving out words an exact match covers."""
    kw = dict(rule_id=rule.id, category=CATEGORY, severity=rule.severity, confidence=conf, entry_id=entry_id,
              autofix=rule is FUZZY_RULE, message=message + ".", details=tuple(details))
    if not isinstance(target, str):
        yield make_finding(doc.text, h.start, h.end, target, **kw)
        return
    if not h.inside:
        off, off_end, rep = minimal_edit(surface, target)
        yield make_finding(doc.text, h.start + off, h.start + off_end, rep, **kw)
        return
    # Word by word, so the exact matches inside (left to the names check) are not touched.
    s_words, t_words = surface.split(" "), target.split(" ")
    if len(s_words) != len(t_words):
        # A particle dropped or added ("Moammar al-Gaddafi" -> "Muammar Gaddafi"): the exact forms
        # inside are of the same entry, so the whole name is edited at once; any other difference
        # in words ("Staff Valery Gerasimov") is not a spelling.
        if len(_no_particles(surface)) != len(_no_particles(target)):
            return
        off, off_end, rep = minimal_edit(surface, target)
        yield make_finding(doc.text, h.start + off, h.start + off_end, rep, **kw)
        return
    pos = h.start
    for sw, tw in zip(s_words, t_words):
        end = pos + len(sw)
        inner = [(s0, e0) for s0, e0, _ in h.inside if s0 < end and pos < e0]
        if sw != tw and not inner:
            yield make_finding(doc.text, pos, end, tw, **kw)
        elif sw != tw and (pos, end) in inner and _PARTICLE_PREFIX.match(sw) and not _PARTICLE_PREFIX.match(tw):
            # "Moammar al-Gadhafi": the exact particle form is the surname of this longer name,
            # which the names check leaves to this one (a particle form inside a longer name is
            # not its short form); its house spelling here is the target's word
            yield make_finding(doc.text, pos, end, tw, **kw)
        elif sw != tw and (pos, end) in inner and (ps := _PARTICLE_PREFIX.match(sw)) and (pt := _PARTICLE_PREFIX.match(tw)) \
                and (sw[ps.end():] == tw[pt.end():] or _own_form(h, pos, end, entry_id)):
            # "Abdel Fattah el-Sisi": the exact particle form, as the surname of the full name, takes
            # the particle of the full name's house form ("al-Sisi"); a listed particle form of this
            # very entry takes its house word ("Abu Muhammad Al-Joulani": "al-Golani"), which the
            # names check leaves to the longer name
            yield make_finding(doc.text, pos, end, tw, **kw)
        elif sw != tw and (pos, end) in inner and _PARTICLE_PREFIX.match(tw) and tw[-len(sw):] == sw \
                and _PARTICLE_PREFIX.fullmatch(tw[:-len(sw)]):
            # "Bashar Assad": the house short form, standing as the surname of the full name, whose
            # house form has the particle ("Bashar al-Assad")
            yield make_finding(doc.text, pos, end, tw, **kw)
        elif inner and inner[0][0] > pos and _PARTICLE_PREFIX.fullmatch(doc.text, pos, inner[0][0]) \
                and not _PARTICLE_PREFIX.match(tw):
            # "al-Gaddafi" where the house form has no particle: the particle goes, the exact
            # spelling after it is left to the names check.
            yield make_finding(doc.text, pos, inner[0][0], "", **kw)
        pos = end + 1


def _own_form(h: _Hit, start: int, end: int, entry_id: str) -> bool:
    """Whether the exact glossary form at ``[start, end)`` inside the hit is a form of ``entry_id``."""
    return any(s0 == start and e0 == end and entry_id in ids for s0, e0, ids in h.inside)


_PARTICLE_PREFIX = re.compile(rf"(?i:{'|'.join(sorted(_PARTICLES, key=len, reverse=True))})[- \u00a0]")


_LEADING_PARTICLE = re.compile(rf"(?<![^\W\d_])(?i:{'|'.join(sorted(_PARTICLES, key=len, reverse=True))})[- \u00a0]$")


def _no_particles(name: str) -> list[str]:
    return [w for w in re.split(r"[ \u00a0-]", name) if w.lower() not in _PARTICLES]


_NEXT_NAME = re.compile(r"[ \u00a0]+(?:(?:al|el|ad|ash|as|at|az|ar|an|bin|ibn|de|di|van|von)[- ])?([A-Z])")


_WORD_AT = re.compile(r"[A-Za-z][\w'’-]*")


def _surname_at(text: str, at: int) -> bool:
    """Whether the capitalised word at ``at`` may be a surname after a given name: not an
    acronym (``Zaporozhye NPP``) and not a common English word (``Zaporozhye Nuclear Power
    Plant``, ``Gadhafi Thursday``, ``Lugansk People's Republic``)."""
    m = _WORD_AT.match(text, at)
    if m is None:
        return True
    word = m.group(0)
    if len(word) > 1 and word.isupper():
        return False
    low = word.lower()
    return low not in ev.common_words()[0] and low.split("'")[0].split("’")[0] not in ev.common_words()[0]


def _next_name(text: str, end: int) -> int | None:
    """Start of a capitalised word (possibly after a particle) right after ``end``, or None."""
    m = _NEXT_NAME.match(text, end)
    return m.start(1) if m else None


def _word_by_word(query_key: str, key: str) -> bool:
    """Every word of the name is a close spelling of its counterpart: ``Andrei Belov`` is not
    ``Andrei Belousov`` even though the whole names are 92% alike."""
    qw, kw = query_key.split(" "), key.split(" ")
    return len(qw) == len(kw) and all(
        Levenshtein.distance(a, b) <= (1 if max(len(a), len(b)) < LONG_WORD else 2) for a, b in zip(qw, kw))


def _derived(query_key: str, key: str) -> bool:
    return len(query_key) > len(key) and query_key.startswith(key)


_VOWELS = re.compile("[aeiouy]")


def _namesake(query_key: str, key: str) -> bool:
    """The same given names with a surname whose skeleton differs by more than one letter: another
    person who shares the given names (``Andrei Belov`` is not ``Andrei Belousov``), where a
    respelling changes a letter of the surname's skeleton at most (``Ramzan Qadirov``) or only
    its vowels (``Khalifa Hifter``)."""
    qw, kw = query_key.split(" "), key.split(" ")
    if not (len(qw) == len(kw) >= 2 and qw[:-1] == kw[:-1] and Levenshtein.distance(qw[-1], kw[-1]) >= 2):
        return False
    # Vowels alone may differ, as in names from scripts that write none (Hifter for Haftar).
    return _VOWELS.sub("", qw[-1]) != _VOWELS.sub("", kw[-1])


def _feminine_for_masculine(surface: str, target: str) -> bool:
    """``Navalnaya`` for ``Navalny``: a female relative's surname, not a spelling of his."""
    s_last, t_last = surface.split()[-1].lower(), target.split()[-1].lower()
    return bool(_FEMININE.search(s_last)) and bool(_MASCULINE.search(t_last))


register(Check("fuzzy_names", (FUZZY_RULE, POSSIBLE_RULE), check_fuzzy))

"""Exact name matching: known variants, particle spellings, native-script forms, in context."""
from __future__ import annotations

import bisect
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from ..glossary.index import CANONICAL, NATIVE, PARTICLE, PROTECTED, SHORT, Form, fold
from ..glossary.model import Entry
from . import evidence as ev
from .edits import Finding, Severity, make_finding
from .profiles import ANY, document_language, profiles
from .registry import Check, RuleInfo, register
from .text import trie_pattern

if TYPE_CHECKING:
    from .document import Document

CATEGORY = "names"

VARIANT_RULE = RuleInfo(
    "name.variant", CATEGORY, "apply", "apply", Severity.WARNING,
    "A known variant spelling of a glossary name is rewritten to the house spelling.",
    "Hmeymim announced", "Khmeimim announced",
    ("Sergey Brin founded Google.",),
    ANY,
)
PARTICLE_RULE = RuleInfo(
    "name.particle_case", CATEGORY, "apply", "apply", Severity.INFO,
    "A name particle (al-, el-, de, von) takes the house capitalisation: lower case mid-sentence.",
    "president Bashar Al-Assad said", "president Bashar al-Assad said",
    ("Bashar al-Assad said",),
    ANY,
)
AMBIGUOUS_RULE = RuleInfo(
    "name.ambiguous_variant", CATEGORY, "report", "report", Severity.INFO,
    "A spelling that is a variant of a glossary name but also another name or word, with no context "
    "supporting the glossary entity: reported, never rewritten.",
    "Asad Umar met Asad.", "Asad Umar met Asad.",
    ("Asad Umar spoke.",),
    ANY,
)
CASE_RULE = RuleInfo(
    "name.case", CATEGORY, "report", "apply", Severity.INFO,
    "A glossary name written in unusual case (all lower case, for example).",
    "met bashar al-assad", "met bashar al-assad",
    ("MET BASHAR AL-ASSAD",),
    ANY,
)
NATIVE_RULE = RuleInfo(
    "name.native_script", CATEGORY, "apply", "apply", Severity.WARNING,
    "A name left in its native script (Cyrillic, Arabic) that the glossary knows is rewritten to its "
    "house form (in a text in another language than English, that language's form, when the "
    "glossary gives one).",
    "at the Хмеймим airbase", "at the Khmeimim airbase",
    ("Хмеймимский",),
    ANY,
)

_NEXT_CAPITALISED = re.compile(r"[ \u00a0]+([A-Z][\w'-]*)")
_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w'’-]*)[ \u00a0]+$")
# Capitalised words before a name that are no given name, besides common English words (The,
# President, Syrian): titles and demonyms English writes less often.
_NOT_GIVEN_NAMES = frozenset({
    "col", "sheikh", "sheik", "emir", "ayatollah", "imam", "sayyed", "sayyid", "libyan", "iraqi", "lebanese",
    "yemeni", "sudanese", "chechen", "belarusian", "kazakh",
})


@dataclass(slots=True)
class NameMatch:
    start: int
    end: int
    surface: str
    forms: tuple[Form, ...]


def select_longest(matches: list[NameMatch]) -> list[NameMatch]:
    """Leftmost-longest non-overlapping matches."""
    matches.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[NameMatch] = []
    end = -1
    for m in matches:
        if m.start >= end:
            out.append(m)
            end = m.end
    return out


@lru_cache(maxsize=4096)
def _word_regex(words: tuple[str, ...]) -> re.Pattern | None:
    if not words:
        return None
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    # A possessive or plural still counts ("Syria's", "Syrias" with its apostrophe lost).
    return re.compile(rf"(?<!\w)(?:{alts})(?:['’]?s)?(?!\w)", re.IGNORECASE)


def caps_line(text: str, start: int, end: int, reach: int = 120) -> bool:
    """True when the line around ``[start, end)`` is written in capitals (a headline).

    Only ``reach`` characters either side are read, so a long unbroken text costs no more.
    """
    ls = max(text.rfind("\n", max(0, start - reach), start) + 1, start - reach, 0)
    le = text.find("\n", end, end + reach)
    line = text[ls: le if le >= 0 else min(len(text), end + reach)]
    return line == line.upper() and line != line.lower()


def cased(target: str, caps: bool, at_sentence_start: bool, surface: str = "") -> str:
    """Give ``target`` the case of its place: capitals in a caps line or for a word written in
    capitals (``KIEV, Ukraine`` -> ``KYIV``, ``HAMA,`` stays), a capital first letter at a sentence
    start. A designation with digits takes the house case (``SU-35S`` -> ``Su-35S``)."""
    if caps or (len(surface) > 1 and surface.isupper() and (fold(surface) != fold(target) or not any(c.isdigit() for c in surface))):
        return target.upper()
    if at_sentence_start and target[:1].islower():
        return target[:1].upper() + target[1:]
    return target


@lru_cache(maxsize=4096)  # ~300 bytes an entry (bench/bench_soak.py --caches): at most ~1.2 MiB
def minimal_edit(surface: str, target: str) -> tuple[int, int, str]:
    """Trim whole words shared at both ends, so ``Sergey Shoigu`` -> ``Sergei Shoigu`` edits one word.

    Returns ``(offset, end_offset, replacement)`` relative to ``surface``.
    """
    a, b = surface.split(" "), target.split(" ")
    i = 0
    while i < min(len(a), len(b)) - 1 and a[i] == b[i]:
        i += 1
    j = 0
    while j < min(len(a), len(b)) - i - 1 and a[len(a) - 1 - j] == b[len(b) - 1 - j]:
        j += 1
    start = sum(len(w) + 1 for w in a[:i])
    end = len(surface) - sum(len(w) + 1 for w in a[len(a) - j:]) if j else len(surface)
    return start, end, " ".join(b[i: len(b) - j])


def context_facts(doc: "Document", start: int, end: int, entry: Entry,
                  named: dict[str, list[tuple[int, int]]]) -> set[str]:
    """What the document around ``[start, end)`` says for or against reading it as ``entry``
    (facts of ``evidence.FACTS``)."""
    facts = set(_span_facts(doc, start, end, entry))
    if _named_elsewhere(named.get(entry.id, ()), start, end):
        facts.add("named")  # named elsewhere: a mention that is not this one
    if _related_named(doc, entry):
        facts.add("related")
    return facts


def _related_named(doc: "Document", entry: Entry) -> bool:
    """Whether the document names another glossary entity of the same region (``region``):
    Ukraine beside Kiev, Libya beside Qaddafi, or its people (``demonyms``: Ukrainians beside
    Kiev). A text that names none of them is often about something else (Odessa, Texas)."""
    regions = _regions(doc)

    def build(doc: "Document") -> dict[str, frozenset[str]]:
        by_language: dict[str, set[str]] = {}
        named = set(exact_matches(doc)[1])
        table, pattern = doc.engine.resource("names.demonyms", demonyms)
        if pattern is not None:
            doc.check_deadline()
            for m in pattern.finditer(doc.text):
                doc.tick()
                named.add(table[m.group(0).lower()])
        for other in named:
            for language in regions.get(other, ()):
                by_language.setdefault(language, set()).add(other)
        return {k: frozenset(v) for k, v in by_language.items()}

    answers = doc.memo("names.related", lambda d: {})
    known = answers.get(entry.id)
    if known is not None:
        return known
    by_language = doc.memo("names.regions", build)
    own = entry_region(doc, entry)
    answers[entry.id] = found = any(by_language.get(language, frozenset()) - {entry.id} for language in own)
    return found


def _regions(doc: "Document") -> dict[str, frozenset[str]]:
    """Every entry's ``region``, by entry id, once per engine."""
    return doc.engine.resource("names.regions", lambda engine: {e.id: region(e) for e in engine.glossary.entries})


def entry_region(doc: "Document", entry: Entry) -> frozenset[str]:
    """The entry's ``region``, looked up (an entry of another glossary view is read afresh)."""
    own = _regions(doc).get(entry.id)
    return region(entry) if own is None else own


_CYRILLIC_FORM = re.compile(r"[\u0400-\u04ff]")
_DEMONYM_ENDINGS = ("n", "an", "ian", "i", "ese", "ish")
DEMONYM_ZIPF = 3.0  # an English word at least this common (Yemeni 3.1, Ukrainian 4.2): made up ones are not


def demonyms(engine) -> tuple[dict[str, str], re.Pattern | None]:
    """The words for the people of the glossary's one-word places, as English writes them
    capitalised (``Ukrainian``, ``Syrians``, ``Iraqi``, ``Lebanese``), mapped to the place's entry
    id, with a pattern that finds them: the name with an ending (its last vowel, or ``-on``,
    dropped first), kept when English writes the word often enough to be one."""
    from wordfreq import zipf_frequency

    table: dict[str, str] = {}
    for e in engine.glossary.entries:
        if e.kind != "place":
            continue
        for form in (e.canonical, *(sf.canonical for sf in e.short_forms)):
            name = form.lower()
            if not name.isalpha() or not name.isascii():
                continue
            stems = {name, name[:-1] if name[-1] in "aeiouy" else name, name[:-2] if name.endswith("on") else name}
            for stem in stems:
                for ending in _DEMONYM_ENDINGS:
                    word = stem + ending
                    if word == name or (ending == "ish" and len(stem) < 4):
                        continue  # Hama + ish is Hamish, a given name
                    if zipf_frequency(word, "en") >= DEMONYM_ZIPF:
                        table[word] = e.id
                        if ending not in ("ese", "ish"):
                            table[word + "s"] = e.id
    if not table:
        return table, None
    # Capitalised, whole words: one branch per capital, which looks back for the word boundary
    # after it and reads the rest as a prefix tree (the longest word that ends there wins), so
    # that the regex engine skips to capitals instead of trying every word at every position.
    by_letter: dict[str, list[str]] = {}
    for w in table:
        by_letter.setdefault(w[:1].upper(), []).append(w[1:])
    return table, re.compile("(?:" + "|".join(rf"{re.escape(letter)}(?<!\w.)(?:{trie_pattern(rest)})\b"
                                              for letter, rest in sorted(by_letter.items())) + ")")


def region(entry: Entry) -> frozenset[str]:
    """The languages of the entity's own region, read off its native forms. A Russian form beside
    forms in another script (Хмеймим beside حميميم) is there for Russian reporting, not because
    Russian is spoken there, so the other script's languages alone count."""
    own = frozenset(lang for lang, form in entry.native_forms() if not _CYRILLIC_FORM.search(form))
    return own or frozenset(lang for lang, _ in entry.native)


def _span_facts(doc: "Document", start: int, end: int, entry: Entry) -> frozenset[str]:
    """The facts of ``context_facts`` that do not depend on where else the entity is named,
    computed once per mention (the ambiguity fixed point and the verdict both ask)."""
    cache = doc.memo("names.span_facts", lambda d: {})
    key = (start, end, entry.id)
    found = cache.get(key)
    if found is None:
        found = frozenset(_compute_span_facts(doc, start, end, entry))
        found = cache[key] = _FACT_SETS.setdefault(found, found)
    return found


# One frozenset per distinct set of span facts (a few dozen exist): a long text's mentions share them.
_FACT_SETS: dict[frozenset[str], frozenset[str]] = {}


def _compute_span_facts(doc: "Document", start: int, end: int, entry: Entry) -> set[str]:
    text = doc.text
    facts: set[str] = set()
    title_re = _word_regex(entry.titles)
    if title_re is not None:
        before = text[max(0, start - 60): start]
        for t in title_re.finditer(before):
            if t.end() == len(before.rstrip()) and before[t.end():].strip() == "":
                facts.add("title")
    # The word must end in spaces right before the name (or in spaces and a line break, which
    # ``$`` lets end a searched string): only then is the search worth making.
    previous = _PREVIOUS_WORD.search(text, max(0, start - 40), start) \
        if start > 1 and text[start - 1] in " \u00a0\n" else None
    if (previous is not None and previous.group(1)[:1].isupper() and "title" not in facts
            and previous.group(1) not in _own_words(doc, entry)
            and not epithet(text, previous.start(1), previous.group(1))
            and not profiles().get(document_language(doc), {}).get("capitalises_nouns")  # German: every noun
            and not _lost_possessive(doc, previous.start(1), previous.end(1))):
        facts.add("capital_precedes")
    if ev.quoted(text, start, end):
        facts.add("quoted")
    # A long text is searched once per document and looked up by position around each mention; a
    # short one is searched around its few mentions, which is cheaper.
    long_text = len(text) > POSITIONS_FROM
    if entry.context:
        ws, we = doc.sentences.window(start)
        # Within the sentence and its neighbours, but never more than a few hundred characters
        # away: a text without full stops is one long sentence, and every mention would scan it all.
        ws, we = max(ws, start - CONTEXT_REACH), min(we, end + CONTEXT_REACH)
        if long_text:
            at = _context_positions(doc, entry)
            i = bisect_left(at, ws)
            while i < len(at) and at[i] < we:
                if not (start <= at[i] < end):
                    facts.add("context")
                    break
                i += 1
        else:
            ctx_re = _word_regex(entry.context)
            if any(not (start <= c.start() < end) for c in ctx_re.finditer(text, ws, we)):
                facts.add("context")
    places = doc.memo("names.foreign_places", lambda d: ev.foreign_place_positions(d.text, d.check_deadline)) if long_text else None
    if ev.foreign_place(text, start, end, places=places):
        facts.add("foreign_place")
    if entry.born and _before_birth(doc, start, entry.born):
        facts.add("before_birth")
    if doc.sentences.is_start(start):
        if not text[start:end].isupper():  # a word in capitals says nothing by its capital
            facts.add("sentence_start")
        if entry.kind != "person" and _WHO_FOLLOWS.match(text, end) is not None:
            facts.add("person_clause")  # "Gazza, who played at Italia 90": a person, not the place
    follower = _NEXT_CAPITALISED.match(text, end)
    if follower is not None and not doc.sentences.is_start(follower.start(1)):
        facts.add("capital_follows")
    return facts


# A year as a date: after a preposition or month ("in 1941", "December 1941", "the early 1930s"),
# or a decade; a bare number may count something else ("1500 troops"). Found from the digits,
# the words before them read backwards from there.
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_YEAR_DIGITS = re.compile(r"(?<![\d.,])(1[5-9]\d\d|20\d\d)(?!\d)(['’]?s\b)?")
_DATE_LEAD = re.compile(
    rf"(?:\b(?:[Ii]n|[Ss]ince|[Uu]ntil|till|[Bb]y|[Ff]rom|[Dd]uring|of|[Bb]efore|[Aa]fter|early|late|mid-?)[ \u00a0]+"
    rf"(?:the[ \u00a0]+(?:early[ \u00a0]+|late[ \u00a0]+|mid-?)?)?|\b(?:{_MONTHS})[ \u00a0]+(?:\d{{1,2}},?[ \u00a0]+)?)$")
BIRTH_MARGIN = 5  # years: a date this long before a person's birth is no date of theirs


def _before_birth(doc: "Document", start: int, born: int) -> bool:
    """Whether the sentence around ``start`` dates what it tells before the person was born
    (``In November and December 1941, Timoshenko ...``: another Timoshenko than one born in 1960).
    The text's dates are found once; each mention looks up those of its sentence."""
    dates = doc.memo("names.dates", _dates)
    if not dates[0]:
        return False
    # The earliest date of the sentence decides, found once per sentence.
    earliest_by_sentence = doc.memo("names.earliest_dates", lambda d: {})
    n = doc.sentences.index(start)
    if n not in earliest_by_sentence:
        ws, we = doc.sentences.span(n)
        i = bisect_left(dates[0], ws)
        earliest_by_sentence[n] = min(dates[1][i:bisect_left(dates[0], we, lo=i)], default=None)
    earliest = earliest_by_sentence[n]
    return earliest is not None and earliest < born - BIRTH_MARGIN


def _dates(doc: "Document") -> tuple[list[int], list[int]]:
    """Where the text's dated years stand (a year after a preposition or a month, or a decade), in
    order, and the latest year each can mean (a decade: its last year)."""
    doc.check_deadline()
    text = doc.text
    at, years = [], []
    for m in _YEAR_DIGITS.finditer(text):
        doc.tick()
        year = int(m.group(1))
        if m.group(2) and year % 10 == 0:
            year += 9  # a decade: its last year
        elif _DATE_LEAD.search(text, max(0, m.start() - 40), m.start()) is None:
            continue
        at.append(m.start())
        years.append(year)
    return at, years


def _context_positions(doc: "Document", entry: Entry) -> list[int]:
    """Where the entry's context words start in the document, in order: found once per document
    and entry, so each mention only looks the nearby ones up."""
    cache = doc.memo("names.context_positions", lambda d: {})
    found = cache.get(entry.id)
    if found is None:
        ctx_re = _word_regex(entry.context)
        doc.check_deadline()
        found = cache[entry.id] = [] if ctx_re is None else [m.start() for m in ctx_re.finditer(doc.text)]
    return found


def _own_words(doc: "Document", entry: Entry) -> frozenset[str]:
    """Every word of the entry's forms: a given name of its own (Volodymyr before Zelensky,
    Bashar before Asad) is no other person's. Kept per glossary by entry id (hashing a whole
    entry for a cache costs more than the lookup)."""
    cache = doc.engine.resource("names.own_words", lambda engine: {})
    found = cache.get(entry.id)
    if found is None:
        forms = (entry.canonical, *entry.variants,
                 *(x for sf in entry.short_forms for x in (sf.canonical, *sf.variants)))
        found = cache[entry.id] = frozenset(w for f in forms for w in f.split())
    return found


CONTEXT_REACH = 400  # characters on each side of a mention in which a context word counts
POSITIONS_FROM = 20_000  # from this length a text's context words and places are found once


def _named_elsewhere(spans, start: int, end: int) -> bool:
    """Whether a mention in ``spans`` lies outside ``[start, end)``; mentions do not overlap one
    another, so two or more always include another one (constant time, however many there are)."""
    if len(spans) > 2:
        return True
    return any(e <= start or end <= s for s, e in spans)


def _lost_possessive(doc: "Document", start: int, end: int) -> bool:
    """Whether the word is a possessive that lost its apostrophe ("Syrias Sergey Shoygu"): no
    given name, as it will read once punct.lost_apostrophe has repaired it."""
    from .artifacts.apostrophes import lost_possessive  # the artifact checks register after this one

    return lost_possessive(doc, start, end)


def epithet(text: str, at: int, word: str) -> bool:
    """Whether the capitalised ``word`` before a name is no given name: a possessive, a common word
    or title (President, Syrian, Minister-Designate), or an epithet after a determiner (the
    Islamist Morsi)."""
    if word.endswith(("'s", "’s")):
        return True  # a possessive ("Lebanon’s Nabatiyeh") is no given name
    common = ev.common_words()[0]
    parts = [p.lower() for p in re.split(r"[-‐]", word) if p]
    if any(p in common or p in _NOT_GIVEN_NAMES for p in parts):
        return True
    return _DETERMINER_BEFORE.search(text, max(0, at - 8), at) is not None


# Facts that hold back even a listed spelling: "Hamza bin Laden" (another person), "Odessa, Texas",
# a spelling quoted alone.
LISTED_VETOES = frozenset({"capital_precedes", "foreign_place", "quoted", "person_clause", "before_birth"})
# A relative clause about a person right after a sentence's first name: its subject is a person.
_WHO_FOLLOWS = re.compile(r",\s+who\b")


def word_facts(surface: str, entry: Entry, skeleton: str = "") -> set[str]:
    """Facts about the spelling itself: its standing in English, its length (of its transliteration
    skeleton when known: few skeleton letters are shared by many words), one word for a person."""
    facts: set[str] = set()
    if " " in surface.strip():
        facts.add("multiword")
    else:
        facts |= ev.standing(surface)
        if entry.kind == "person":
            facts.add("single_person")
    if (len(skeleton.replace(" ", "")) <= ev.SHORT_SKELETON if skeleton
            else sum(c.isalpha() for c in surface) <= ev.SHORT_SKELETON - 1):
        facts.add("short")
        if "single_person" in facts:
            facts.add("short_person")
    return facts


def exact_matches(doc: "Document") -> tuple[list[NameMatch], dict[str, list[tuple[int, int]]]]:
    """The document's exact glossary matches (leftmost-longest, outside protected phrases, one
    form per entry) and the spans where each entity is named unambiguously. Memoised on the
    document: both name checks read them."""
    def build(doc: "Document") -> tuple[list[NameMatch], dict[str, list[tuple[int, int]]]]:
        table = doc.engine.names.table
        latin, tick = doc.latin, doc.tick
        protected: list[tuple[int, int]] = []
        raw: list[NameMatch] = []
        surfaces: dict[str, str] = {}  # one string per spelling: a long text repeats a few
        for start, end, key in doc.glossary_hits:
            tick()
            forms = table[key]
            if forms[0].kind == PROTECTED:
                protected.append((start, end))
                continue
            surface = latin[start:end]
            raw.append(NameMatch(start, end, surfaces.setdefault(surface, surface), forms))
        if protected:
            raw = [m for m in raw if not any(m.start < pe and ps < m.end for ps, pe in protected)]
        matches = select_longest(raw)
        named: dict[str, list[tuple[int, int]]] = {}
        text = doc.latin
        # By spelling: its forms as the table gives them, one form per entry, and a leading particle.
        picked: dict[str, tuple[tuple[Form, ...], tuple[Form, ...], str | None]] = {}
        for k, m in enumerate(matches):
            tick()
            seen = picked.get(m.surface)
            if seen is None or seen[0] is not m.forms:
                doubled = _DOUBLED_PARTICLE.match(m.surface)
                seen = picked[m.surface] = (m.forms, pick_forms(m), doubled.group(0) if doubled is not None else None)
            m.forms, particle = seen[1], seen[2]
            if particle is not None:
                n = len(particle)
                if m.start >= n and text[m.start - n:m.start].lower() == particle.lower() \
                        and (m.start == n or not text[m.start - n - 1].isalnum()) \
                        and (k == 0 or matches[k - 1].end <= m.start - n):
                    # "al-al-Assad": the particle typed twice goes with the name's edit, or a
                    # second pass would find the name again
                    m.start -= n
                    m.surface = text[m.start:m.end]
            if len(m.forms) == 1 and not m.forms[0].ambiguous:
                named.setdefault(m.forms[0].entry.id, []).append((m.start, m.end))
        return matches, named

    return doc.memo("names.exact", build)


def _listed_verdict(facts: set[str], ambiguous: bool) -> tuple[list[str], list[str]]:
    """For a listed spelling: the facts that support the entity and those that hold it back. It
    is rewritten when nothing holds it back and, for an ambiguous spelling, something supports it."""
    support = sorted(facts & {"title", "context", "named", "related"})
    against = sorted(facts & LISTED_VETOES)
    if ambiguous and support and "capital_follows" in facts:
        against.append("capital_follows")
    return support, against


def check_names(doc: "Document") -> Iterable[Finding]:
    from .fuzzy import _chosen_hits, alias_spans

    matches, exact_named = exact_matches(doc)
    named = {k: list(v) for k, v in exact_named.items()}
    # Every spelling used for each entity, for the consistency note.
    spellings: dict[str, set[str]] = {}
    for m in matches:
        doc.tick()
        if len(m.forms) == 1:
            spellings.setdefault(m.forms[0].entry.id, set()).add(m.surface)
    # Ambiguous spellings are decided to a fixed point: one that a title supports names the entity
    # for the others ("Asad said ... President Asad"), as it will once rewritten.
    pending = [m for m in matches if len(m.forms) == 1 and m.forms[0].ambiguous]
    settled = {span for spans in named.values() for span in spans}
    changed = True
    while changed:
        changed = False
        for m in pending:
            doc.tick()
            entry = m.forms[0].entry
            if (m.start, m.end) in settled:
                continue
            if _settles(doc, m.start, m.end, entry, named):
                named.setdefault(entry.id, []).append((m.start, m.end))
                settled.add((m.start, m.end))
                changed = True
    aliases = alias_spans(doc)
    # Exact spellings that a fuzzy name of the same entity extends ("Moammar Qaddafi"): the
    # capitalised word before them is the entity's own given name, not someone else's.
    extended = _extended(matches, _chosen_hits(doc)[0])
    for m in matches:
        doc.tick()
        yield from _judge(doc, m, named, spellings, aliases, (m.start, m.end) in extended)


_SPAN_SUPPORT = frozenset({"title", "context"})
_SPAN_HOLDS_AMBIGUOUS = LISTED_VETOES | {"capital_follows"}


def _settles(doc: "Document", start: int, end: int, entry: Entry, named: dict[str, list[tuple[int, int]]]) -> bool:
    """``_listed_verdict`` of an ambiguous spelling's ``context_facts``: whether something supports
    the entity and nothing holds it back, read without building the facts."""
    facts = _span_facts(doc, start, end, entry)
    if not facts.isdisjoint(_SPAN_HOLDS_AMBIGUOUS):
        return False  # a veto, or a capitalised word after it (which holds back any support)
    return not facts.isdisjoint(_SPAN_SUPPORT) or _named_elsewhere(named.get(entry.id, ()), start, end) \
        or _related_named(doc, entry)


def _extended(matches, hits) -> set[tuple[int, int]]:
    """Spans of exact single-entry matches that lie inside a longer fuzzy hit of the same entity,
    found by position (both lists may be long)."""
    if not hits:
        return set()
    single = sorted((m.start, m.end, m.forms[0].entry.id) for m in matches if len(m.forms) == 1)
    starts = [x[0] for x in single]
    out = set()
    for h in hits:
        entry = h.reading.best.form.entry.id
        for s, e, eid in single[bisect.bisect_left(starts, h.start):bisect.bisect_right(starts, h.end)]:
            if e <= h.end and eid == entry and (s, e) != (h.start, h.end):
                out.add((s, e))  # a hit no longer than the match ("Al-Al-Assad", its particle doubled) extends nothing
    return out


def pick_forms(m: NameMatch) -> tuple[Form, ...]:
    """One form per entry: the one spelled exactly as in the text, else the best-ranked."""
    best: dict[str, Form] = {}
    for f in m.forms:  # sorted by entry, then rank
        if f.entry.id not in best or f.surface == m.surface:
            if f.entry.id in best and best[f.entry.id].surface == m.surface:
                continue
            best[f.entry.id] = f
    return tuple(best.values())


def _judge(doc: "Document", m: NameMatch, named: dict[str, list[tuple[int, int]]], spellings: dict[str, set[str]],
           aliases: set[tuple[int, int]], extended: bool = False) -> Iterable[Finding]:
    text = doc.text
    if len(m.forms) > 1:
        targets = sorted({f.target for f in m.forms})
        if all(f.kind in (CANONICAL, SHORT) for f in m.forms) or len(targets) == 1 and m.surface == targets[0]:
            return
        yield make_finding(
            text, m.start, m.end, targets, rule_id=AMBIGUOUS_RULE.id, category=CATEGORY,
            severity=AMBIGUOUS_RULE.severity, confidence=ev.listed_confidence("several"), autofix=False,
            message=f"{m.surface!r} is a spelling of several glossary entries "
                    f"({', '.join(sorted(f.entry.id for f in m.forms))}); not changed",
        )
        return
    f = m.forms[0]
    entry = f.entry
    if m.surface == f.target and not f.target[:1].islower() and not m.surface.isupper():
        # Already the house spelling: a word with lower-case letters stands in no capitals line,
        # and a capital first letter needs no sentence start (what ``cased`` would ask).
        return
    at_start = starts_sentence(doc, m.start)
    target = cased(f.target, caps_line(text, m.start, m.end), at_start, m.surface)
    if m.surface == target:
        return
    # A form written as in the glossary, or in capitals, or capitalised at a sentence start.
    surface_like_form = m.surface in (f.surface, f.surface.upper()) or (
        at_start and m.surface == f.surface[:1].upper() + f.surface[1:])
    others = sorted(spellings.get(entry.id, set()) - {m.surface, target})
    consistency = f" This document also writes it as {', '.join(repr(o) for o in others)}." if others else ""
    details = [("entry", entry.id), ("form", f.kind), ("matched", f.surface)]

    label = target if f.target == entry.canonical else f"{target} ({entry.canonical})"
    if f.kind == NATIVE:
        if ev.in_bracketed_gloss(text, m.start, m.end) or ev.in_language_gloss(text, m.start, m.end):
            return  # a gloss beside its English name: "Latakia tobacco (تبغ اللاذقية)"
        rule, conf, why = NATIVE_RULE, ev.listed_confidence("native"), f"{m.surface!r} ({f.lang}) is {entry.canonical!r} in its native script"
    elif ev.left_alone(text, m.start, m.end, document_language(doc) == "en"):
        return  # the name of something else ("Gaddafi Stadium", "the Kiev-class"), another language's gloss
    elif (m.start, m.end) in aliases:
        yield make_finding(
            text, m.start, m.end, target, rule_id=AMBIGUOUS_RULE.id, category=CATEGORY,
            severity=AMBIGUOUS_RULE.severity, confidence=ev.ALIAS_CONFIDENCE, entry_id=entry.id, autofix=False,
            message=f"{m.surface!r} is a spelling of {label}, quoted here as a spelling or alias; not changed.",
            details=tuple(details + [("evidence", "alias_mention")]))
        return
    elif f.kind in (CANONICAL, SHORT, PARTICLE) and m.surface.lower() == target.lower() and _only_particle_case(m.surface, target, entry):
        if f.kind != CANONICAL and _family_use(doc, m.start, m.end, entry, named):
            return  # "Carmen Bin Laden", "the Bin Laden name": the family name, capitalised as its bearers write it
        rule, conf, why = PARTICLE_RULE, ev.listed_confidence("particle_case"), f"house style writes the particle as in {target!r}"
    elif m.surface.lower() == target.lower() and (f.kind in (CANONICAL, SHORT) or not surface_like_form and f.kind != PARTICLE):
        rule, conf, why = CASE_RULE, ev.listed_confidence("case"), f"{m.surface!r} is {target!r} in unusual case"
    else:
        if m.surface.islower() and not f.surface.islower():
            return  # a capitalised name's spelling met in lower case is an ordinary word ("las damas")
        # A listed spelling follows the glossary's documented contract (glossary/README.md): an
        # ambiguous one needs a title, a context word or the entity named elsewhere; any listed
        # one is held back where the text says it is someone or something else.
        facts = context_facts(doc, m.start, m.end, entry, named)
        if f.kind == PARTICLE and ("capital_precedes" in facts or extended) and _drops_particle(m.surface, f.target):
            return  # "Bachar al-Assad": the particle belongs to a longer name, which is not this short form
        if extended:
            facts.discard("capital_precedes")
        support, against = _listed_verdict(facts, f.ambiguous)
        details.append(("evidence", ev.encode(facts | {"listed_ambiguous" if f.ambiguous else "listed"})))
        if against or (f.ambiguous and not support):
            rule, conf = AMBIGUOUS_RULE, ev.listed_confidence("held")
            reasons = [ev.FACTS[x] for x in against] or [f"nothing nearby confirms {entry.canonical}"]
            why = f"{m.surface!r} may be {label}, but {'; '.join(reasons)}; not changed"
        else:
            rule, conf = VARIANT_RULE, ev.listed_confidence("listed_supported" if f.ambiguous else "listed")
            why = f"{m.surface!r} is a variant spelling of {label}"
            if f.ambiguous:
                why += f"; {ev.FACTS[support[0]]}"
                details.append(("context", ev.FACTS[support[0]]))
    if rule is not AMBIGUOUS_RULE and text[m.start:m.end] != m.surface:
        # The edit also repairs look-alike letters; it must win over script.homoglyph's smaller
        # edit of the same word, or a second pass would find the variant again.
        conf = max(conf, 0.96)
        why += " (its Cyrillic or Greek look-alike letters are repaired too)"
    off, off_end, rep = minimal_edit(m.surface, target)
    lead = _PARTICLE_BEFORE.search(text, max(0, m.start - 12), m.start) if " " in target else None
    if lead is not None and target.split(" ", 1)[0].lower() == lead.group(1).lower() \
            and m.surface.split(" ", 1)[0].lower() != lead.group(1).lower():
        # "Al -- Assad" for "al Asad": the particle is already there, apart; the edit takes it in
        # rather than writing it twice ("Al -- Al Asad").
        off, off_end, rep = lead.start() - m.start, len(m.surface), target
    yield make_finding(
        text, m.start + off, m.start + off_end, rep, rule_id=rule.id, category=CATEGORY,
        severity=rule.severity, confidence=conf, entry_id=entry.id, autofix=rule is not AMBIGUOUS_RULE, message=why + "." + consistency,
        details=tuple(details),
    )


# A particle standing apart before a name, parted from it by spaces or a typed dash ("Al -- ").
_PARTICLE_BEFORE = re.compile(r"(?<![^\W\d_])(al|el|ad|as|ash|at|az|an|ar)[ \u00a0]*(?:--?|[–—])?[ \u00a0]+$",
                              re.IGNORECASE)
# A name's leading particle ("al-", "el ") that may have been typed twice before it.
_DOUBLED_PARTICLE = re.compile(r"(?:al|el|ad|as|ash|at|az|an|ar)[-\u2010 ]", re.IGNORECASE)
# A news dateline ends where the first sentence begins: "SANAA, Yemen (AP) — Al-Qaida's arm".
_DATELINE = re.compile(r"(?:^|\n)[A-Z][A-Z' .-]+,[^\n—–]{0,40}[—–-]+[ \u00a0]*$")


def starts_sentence(doc: "Document", position: int) -> bool:
    """Whether a sentence begins at ``position``, the first word after a news dateline included."""
    if doc.sentences.is_start(position):
        return True
    text, before = doc.text, position
    while before > 0 and text[before - 1] in " \u00a0":
        before -= 1
    # A dateline ends in a dash: only then is the pattern worth trying.
    return before > 0 and text[before - 1] in "—–-" and \
        _DATELINE.search(text, max(0, position - 80), position) is not None
_DETERMINER_BEFORE = re.compile(r"\b(?:the|this|a|an)\s+$", re.IGNORECASE)


def _family_use(doc: "Document", start: int, end: int, entry: Entry, named: dict[str, list[tuple[int, int]]]) -> bool:
    """A surname with a capitalised particle after another person's given name or a determiner."""
    if _DETERMINER_BEFORE.search(doc.text, max(0, start - 8), start):
        return True
    return "capital_precedes" in context_facts(doc, start, end, entry, named)


def _drops_particle(surface: str, target: str) -> bool:
    """Whether ``surface`` is ``target`` with a particle before it (``al-Assad`` for ``Assad``)."""
    return len(re.split(r"[- \u00a0]", surface)) > len(re.split(r"[- \u00a0]", target))


def _only_particle_case(surface: str, target: str, entry: Entry) -> bool:
    """True when ``surface`` and ``target`` differ only in the case of particle words."""
    particles = {p.lower() for p in entry.particles}
    sw, tw = re.split(r"([- ])", surface), re.split(r"([- ])", target)
    if len(sw) != len(tw):
        return False
    diff = [(a, b) for a, b in zip(sw, tw) if a != b]
    return bool(diff) and all(a.lower() == b.lower() and a.lower() in particles for a, b in diff)


register(Check("names", (VARIANT_RULE, PARTICLE_RULE, AMBIGUOUS_RULE, CASE_RULE, NATIVE_RULE), check_names))

"""Lost apostrophes: ``Russias`` -> ``Russia's``, ``lets do`` -> ``let's do``, plural possessives."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from ..edits import Finding, Severity
from ..registry import Check, RuleInfo, register
from . import articles
from ..text import trie_pattern
from .common import GAP, find
from .house import apostrophe
from .data import BARE_VERBS, FUNCTION_WORDS, NUMBER_CUES, PLURAL_CUES, POSSESSED_HEADS, zipf

if TYPE_CHECKING:
    from ..document import Document
    from ..pipeline import Engine

CATEGORY = "punctuation"

LOST_APOSTROPHE = RuleInfo(
    "punct.lost_apostrophe", CATEGORY, "apply", "apply", Severity.WARNING,
    "A possessive that lost its apostrophe: a token that is not an English word (by the wordfreq "
    "lexicon) whose stem is a glossary name or a common noun ending in -y, followed by a noun; and a "
    "name's possessive that kept its apostrophe but lost the s (Daisy, Tom’ wife), the name not "
    "ending in s and no quotation open before it; and a name the lexicon knows, made no word by an s, "
    "before a word for a relative or a friend (Curleys wife, Hamlets friends; nicks cousin where the "
    "text writes Nick), not after \"the\" or a plural cue (the Jacksons children).",
    "inspected Russias Khmeimim airbase", "inspected Russia's Khmeimim airbase",
    ("the two Koreas have met", "The Americas are large.", "Russia's Krasnodar region", "Syrias.",
     "James’ wife", "he called him ‘Tom’ for short", "the Jones' house", "as 'Tom' said"),
)
LETS = RuleInfo(
    "punct.lets", CATEGORY, "apply", "apply", Severity.WARNING,
    "\"lets\" at the start of a clause followed by a bare verb is \"let's\" (she lets him go stays); so "
    "is \"lets\" opening a sentence (or after its first word So, Now, Well) before any verb.",
    "if we want democracy, lets do so.", "if we want democracy, let's do so.",
    ("she lets him go", "The law lets officials act.", "she lets go of the rope"),
)
PLURAL_POSSESSIVE = RuleInfo(
    "punct.plural_possessive", CATEGORY, "report", "report", Severity.INFO,
    "A plural noun that probably should be a possessive (countries'); a guess, so only reported.",
    "between the two countries defense ministries", "between the two countries defense ministries",
    ("the two countries signed a deal",),
)

PLURAL_APOSTROPHE = RuleInfo(
    "punct.plural_apostrophe", CATEGORY, "apply", "apply", Severity.INFO,
    "A number made plural with an apostrophe before \"of\" (1000’s of crystals, 100's of people) "
    "loses it: a number has no possessive there. Decades (the 1990's) are a house style's, left alone.",
    "made with 1000’s of small crystals", "made with 1000s of small crystals",
    ("the 1990's were calm", "in the 1960’s of my youth", "1000’s"),
)
# A round number of two digits or more, made plural, before "of": "1000’s of", "100's of".
_NUMBER_PLURAL = re.compile(r"(?<![\w.,'’])([1-9]0+)(['’])s(?=[ \u00a0]+of\b)")

# Capitalised tokens (glossary names) or lower-case consonant + y + s (common nouns).
_TOKEN = re.compile(r"(?<![\w'’.-])([A-Z][a-z]{2,}|[a-z]{2,}[b-df-hj-np-tv-z]y)s(?![\w'’-])")
# The same tokens, found faster: the capitalised ones by a pattern that opens with its capital
# (the regex engine skips to capitals) and looks back after it; the rare lower-case ones from
# the literal "ys" they end in.
_CAPITAL_TOKEN = re.compile(r"([A-Z](?<![\w'’.-].)[a-z]{2,})s(?![\w'’-])")
_YS = re.compile(r"ys(?![\w'’-])")


def _tokens(text: str) -> list[re.Match]:
    """The matches of ``_TOKEN`` in ``text``, in order."""
    found = list(_CAPITAL_TOKEN.finditer(text))
    lower = []
    for y in _YS.finditer(text):
        start = y.start()
        while start > 0 and "a" <= text[start - 1] <= "z":
            start -= 1
        m = _TOKEN.match(text, start)
        if m is not None and m.end() == y.end():
            lower.append(m)
    if lower:
        found = sorted(found + lower, key=lambda m: m.start())
    return found
_NEXT_WORD = re.compile(GAP + r"([^\W\d_][\w-]*)")
_PREV_WORD = re.compile(r"([^\W\d_]+)" + GAP + "$")
# Without markup in the way, the word before a place is read backwards from it: the spaces, then
# the letters (the search above tries every start in its window, and backtracks in every word).
_SPACES_THEN_WORD = re.compile(r"[ \t\u00a0\u200b\u2060\ufeff\u00ad]+([^\W\d_]+)")


def _prev_word(text: str, at: int) -> str | None:
    """The word of ``_PREV_WORD`` searched in the 40 characters before ``at`` (its group 1)."""
    lo = max(0, at - 40)
    window = text[lo:at]
    if "<" in window or "[" in window or window.endswith("\n"):
        m = _PREV_WORD.search(text, lo, at)
        return m.group(1) if m is not None else None
    m = _SPACES_THEN_WORD.match(window[::-1])
    return m.group(1)[::-1] if m is not None else None
_LETS = re.compile(r"([Ll])ets(?=" + GAP + r"([a-z]+)\b)")
_CLAUSE_OPENERS = frozenset("so now then and but please well ok okay".split())
# The verb "lets" takes its object before the bare verb ("lets him go", "lets help arrive"):
# right after it stands a noun, or one of the few verbs it takes with no object between ("she
# lets go", "lets slip"). A bare verb that is no noun right after "lets" makes it "let's" anywhere
# in a clause ("With further ado lets get this started").
_LETS_VERB_ONLY = frozenset("""
get make take do see try keep give put find bring remember consider imagine agree discuss continue
celebrate think ask build begin
""".split())
# Words after a sentence-opening "lets" that are no verb it could take ("Lets the", "Lets all").
_LETS_NOT_VERB = FUNCTION_WORDS | frozenset("me him her them us all both each every some any many much".split())
# The start of a sentence, or of a sentence's first word of these: "So lets", "Now lets".
_OPENING = re.compile(r"(?:[\n.!?][ \u00a0\"“‘']*|[\n.!?][ \u00a0]*(?:So|Now|Well|Ok|Okay|OK|Please|Then),?[ \u00a0]*)\Z")


MARKUP_REACH = 200  # characters of markup before a word that the words before it are looked for past


def _text_before(text: str, at: int, size: int = 30) -> str:
    """The ``size`` characters before ``at`` as they read once the cms rules have removed the
    markup there ("</p> Lets go" opens its line, as "Lets go" does once the tag is gone)."""
    chunk = text[max(0, at - size - MARKUP_REACH):at]
    if "<" in chunk or "]" in chunk:
        from .cms import without_markup  # the cms check registers after this one

        chunk = without_markup(chunk)
    return chunk[-size:]


def _sentence_opening(text: str, at: int) -> bool:
    """Whether a sentence starts at ``at``, or after its first word "So", "Now", "Well"..."""
    return _OPENING.search("\n" + _text_before(text, at).rstrip(" \u00a0")) is not None


_LETS_NOUN_BEFORE = frozenset("the a an these those two three many some no few".split())
_PLURAL_POSS = re.compile(r"(?<![\w-])(" + "|".join(sorted(NUMBER_CUES)) + r")[ \u00a0]+([a-z]{3,}(?:ies|s))[ \u00a0]+([a-z]+)\b",
                          re.IGNORECASE)


_GLOSSARY_WORDS = "\x00words"  # key, in the stems table, of the set of every word of every glossary form


def _name_stems(engine: "Engine") -> dict[str, str]:
    """Single words that are glossary names, or the last word of a multi-word place or
    organization, mapped to the entry's kind; under ``_GLOSSARY_WORDS``, every word of every form."""
    words: set[str] = set()
    for e in engine.glossary.entries:
        for f in (e.canonical, *e.variants, *(x for s in e.short_forms for x in (s.canonical, *s.variants))):
            words.update(f.split())
    stems: dict[str, object] = {_GLOSSARY_WORDS: frozenset(words)}
    for e in engine.glossary.entries:
        forms = [e.canonical, *e.variants]
        for s in e.short_forms:
            forms += [s.canonical, *s.variants]
        for f in forms:
            words = f.split()
            if len(words) == 1:
                stems.setdefault(f, e.kind)
            elif e.kind in ("place", "organization"):
                stems.setdefault(words[-1], e.kind)
    return {s: k for s, k in stems.items() if s == _GLOSSARY_WORDS or not s.endswith("s")}


def check(doc: "Document") -> Iterable[Finding]:
    text = doc.text
    apos = apostrophe(doc)  # the document's own, as the other apostrophe rules use
    names = doc.engine.resource("artifacts.name_stems", _name_stems)
    places = doc.engine.resource("artifacts.article_places", articles.article_pattern)
    for m in _tokens(text):
        f = _lost_apostrophe(text, m, names, apos, places)
        if f is None and m.group(1)[0].isupper():
            head = _kin_after(text, m.end())
            f = _name_kin(text, m.start(), m.end(), head, apos) if head else None
        if f is not None:
            yield f
    if "’ " in text or "' " in text:
        yield from _lost_s(text, apos)
    yield from _lower_kin(text, apos)
    for m in _NUMBER_PLURAL.finditer(text) if ("0's" in text or "0’s" in text) else ():
        if len(m.group(1)) == 4 and m.group(1)[:2] in ("19", "20", "18"):
            continue  # a decade or a year: 1900's, 2000's
        yield find(PLURAL_APOSTROPHE, text, m.start(2), m.end(2), "",
                   f"{m.group(0)!r} before 'of' is the plural {m.group(1) + 's'!r}; a number has no possessive there.",
                   0.95)
    for m in _LETS.finditer(text) if ("lets" in text or "Lets" in text) else ():
        f = _lets(text, m, apos)
        if f is not None:
            yield f
    for m in _plural_possessives(doc):
        cue, plural, head = m.groups()
        if cue.lower() not in NUMBER_CUES or head not in POSSESSED_HEADS:
            continue
        singular = plural[:-3] + "y" if plural.endswith("ies") else plural[:-1]
        if zipf(singular) < 3.0 or zipf(plural) < 3.0:
            continue
        yield find(PLURAL_POSSESSIVE, text, m.start(2), m.end(2), plural + apos,
                   f"{plural!r} may be the plural possessive {plural + apos!r} ({cue} {plural}{apos} {head}); "
                   "this is a guess, so nothing was changed.", 0.5, autofix=False)


# A capitalised name, then an apostrophe and no s, then a lower-case word: "Daisy, Tom’ wife".
LOOK_BACK = 300  # characters before "Tom’" in which an opening single quote is looked for
_LOST_S_AT = re.compile(r"['’](?<=[a-z]['’])(?=[ \u00a0]+[a-z])")  # anchored on the mark
_LOST_S_NAME = re.compile(r"(?<![\w'’‘-])[A-Z][a-z]+\Z")
_LOST_S_NEXT = re.compile(r"[ \u00a0]+([a-z]+)\b")


def _lost_s(text: str, apos: str) -> Iterable[Finding]:
    for m in _LOST_S_AT.finditer(text):
        head = _LOST_S_NAME.search(text, max(0, m.start() - 30), m.start())
        if head is None:
            continue
        follower = _LOST_S_NEXT.match(text, m.end())
        if follower is None:
            continue  # the next word runs on in letters the pattern does not take ("Tom’ wifé")
        name, mark, nxt = head.group(0), m.group(0), follower.group(1)
        if name[-1] in "sxz" or name.lower() in FUNCTION_WORDS or nxt in FUNCTION_WORDS or zipf(nxt) < 3.0:
            continue  # "James’ wife" is right; "Tom’ and": no possessed noun follows
        line_start = text.rfind("\n", max(0, m.start() - LOOK_BACK), m.start()) + 1
        before = text[max(line_start, m.start() - LOOK_BACK):head.start()]
        if "‘" in before or re.search(r"(?:^|[\s(\[“\"])'", before) or "'" + name in before:
            continue  # a single quotation may be open: 'Tom' wife
        yield find(LOST_APOSTROPHE, text, m.start(), m.end(), mark + "s",
                   f"{name + mark!r} before {nxt!r} is the possessive {name + mark + 's'!r}: the name does not end "
                   "in s, so its possessive keeps the s.", 0.9)


# A person's name that lost the apostrophe of its possessive before a word for a relative or a
# friend ("Curleys wife", "One of Hamlets friends"): a name does not take a plural there.
_KIN = ("wife|husband|son|sons|daughter|daughters|father|mother|brother|brothers|sister|sisters|cousin|cousins|"
        "uncle|aunt|nephew|niece|friend|friends|girlfriend|boyfriend|widow|parents|children|kids|family")
_KIN_TREE = trie_pattern(_KIN.split("|"))  # one prefix tree: tried at every "s " of the text
_KIN_NEXT = re.compile(rf" ({_KIN_TREE})\b")
# For lower-case tokens: anchored on the literal "s ", which the regex engine skips to.
_KIN_AT = re.compile(rf"s ({_KIN_TREE})\b")
_KIN_WORD = re.compile(r"(?<![\w'’‘.-])([A-Za-z][a-z]{2,})s\Z")  # the token, read back from its end
KIN_TOKEN_ZIPF = 3.0  # "Xs" this common is a word of its own (Williams, Evans, hamlets at 2.96 is not)
KIN_NAME_ZIPF = 2.5  # the name "X" is known to the lexicon (Curley 2.6, Hamlet 3.7)


def _kin_after(text: str, at: int) -> str | None:
    """The word for a relative or a friend right after ``at`` (one space between), if one stands there."""
    m = _KIN_NEXT.match(text, at)
    return m.group(1) if m is not None else None


def _lower_kin(text: str, apos: str) -> Iterable[Finding]:
    """``nicks cousin``: lower-case tokens before a word for a relative or a friend."""
    for m in _KIN_AT.finditer(text):
        if text[m.start() - 1:m.start()].islower():
            f = _name_kin(text, max(0, m.start() - 30), m.start() + 1, m.group(1), apos)
            if f is not None and f.original[:1].islower():
                yield f


def _name_kin(text: str, start: int, end: int, head: str, apos: str) -> Finding | None:
    w = _KIN_WORD.search(text, start, end)
    if w is not None:
        token, stem = w.group(0), w.group(1)
        low = stem.lower()
        if low in FUNCTION_WORDS or stem.endswith("s") or re.search("[^aeiou]y$", low) \
                or not (stem.islower() or stem[1:].islower()):
            return None  # "Jameses"; consonant + "ys" (punct.lost_apostrophe's own); words in capitals
        if stem[0].isupper():
            if zipf(token.lower()) >= KIN_TOKEN_ZIPF or zipf(low) < KIN_NAME_ZIPF or _sentence_opening(text, w.start()):
                return None  # an English word, an unknown stem, or a capital any word takes there
            name = stem
        else:
            # "nicks cousin": lower case, but the text writes the name with its capital elsewhere.
            name = stem[0].upper() + stem[1:]
            if not re.search(rf"(?<![\w'’]){name}(?![\w'’])", text):
                return None
        prev = _prev_word(text, w.start())
        if prev is not None and (prev.lower() in PLURAL_CUES or prev.lower() == "the"):
            return None  # "the Jacksons children", "both Davids friends": a family or a plural
        fixed = name + apos + "s"
        return find(LOST_APOSTROPHE, text, w.start(), w.end(), fixed,
                    f"{token!r} before {head!r} is the name {name!r} with its possessive's apostrophe lost: "
                    f"{fixed!r}.", 0.9)
    return None


def _plural_possessives(doc: "Document") -> Iterable[re.Match]:
    """``_PLURAL_POSS`` matches, left to right and not overlapping, tried only where a number cue
    occurs: ``str.find`` for eleven words is far cheaper than the regex at every position."""
    folded = doc.folded
    starts: set[int] = set()
    for cue in NUMBER_CUES:
        i = folded.find(cue)
        while i >= 0:
            starts.add(i)
            i = folded.find(cue, i + 1)
    end = 0
    for pos in sorted(starts):
        if pos < end:
            continue
        m = _PLURAL_POSS.match(doc.text, pos)
        if m is not None:
            end = m.end()
            yield m


def _lost_apostrophe(text: str, m: re.Match, names: dict[str, str], apos: str,
                     places: re.Pattern | None) -> Finding | None:
    stem, token = m.group(1), m.group(0)
    if token.lower() in FUNCTION_WORDS or stem.lower() in FUNCTION_WORDS or stem.isupper():
        return None
    is_name = stem in names
    if not is_name:
        if token in names.get(_GLOSSARY_WORDS, ()):
            return None  # a word of a glossary name as it stands: "Denys Shmyhal"
        # A common noun: only stems in consonant + y, whose plural is never "-ys"; a capitalised
        # one before a lower-case word ("Defense Ministrys spokesman"), not before a capitalised
        # one, where it is a name ("Denys Shmyhal").
        if not re.search(r"[^aeiou]y$", stem.lower()) or not (stem.islower() or stem[1:].islower()):
            return None
        after = _NEXT_WORD.match(text, m.end())
        if not stem.islower() and (after is None or not after.group(1)[:1].islower()):
            return None
        if zipf(stem.lower()) < 3.0:
            return None
    if zipf(token.lower()) >= 3.0:
        return None  # an English word ("Americas", "Williams", "cities")
    nxt = _NEXT_WORD.match(text, m.end())
    if nxt is not None and places is not None and nxt.group(1) in ("the", "The"):
        # "Russias the Syria": article.country may drop that "the" in the same pass, so judge
        # by the country after it.
        p = places.match(text, nxt.start(1))
        if p is not None:
            nxt = _NEXT_WORD.match(text, p.start("name") - 1) or nxt
    if nxt is None or nxt.group(1).lower() in FUNCTION_WORDS:
        return None  # "the Kennedys were", "Russias." : a plural reading is possible
    after = nxt.group(1)
    if after.islower() and after.endswith("ed") and zipf(after) >= 3.0:
        return None  # "the Kennedys visited": a verb follows, so a plural subject
    prev = _prev_word(text, m.start())
    fixed = stem + apos + "s"
    what = "a glossary name" if is_name else "a noun"
    family = is_name and names[stem] == "person" and prev is not None and prev.lower() == "the"
    if prev is not None and prev.lower() in PLURAL_CUES or family:
        return find(LOST_APOSTROPHE, text, m.start(), m.end(), fixed,
                    f"{token!r} may be the possessive {fixed!r}, but {prev!r} before it allows a plural "
                    "reading; not changed.", 0.5, autofix=False)
    return find(LOST_APOSTROPHE, text, m.start(), m.end(), fixed,
                f"{token!r} is not an English word; {stem!r} is {what} and {nxt.group(1)!r} follows, so this "
                f"is the possessive {fixed!r} with its apostrophe lost.", 0.92 if is_name else 0.9)


def lost_possessive(doc: "Document", start: int, end: int) -> bool:
    """Whether the word at ``start``-``end`` is a possessive to which ``punct.lost_apostrophe``
    gives back its apostrophe ("Syrias" before "Sergey Shoygu"): other rules must read it as the
    possessive it becomes, or a second pass would read the repaired text otherwise."""
    m = _TOKEN.match(doc.text, start)
    if m is None or m.end() != end:
        return False
    names = doc.engine.resource("artifacts.name_stems", _name_stems)
    places = doc.engine.resource("artifacts.article_places", articles.article_pattern)
    f = _lost_apostrophe(doc.text, m, names, apostrophe(doc), places)
    return f is not None and f.autofix


def _typed_dash_before(text: str, at: int) -> bool:
    """Whether the hyphen right before ``at`` is a dash, which joins no word to the next: two
    hyphens ("Kiev--Lets", which punct.spaced_hyphen writes " — "), or one with a space before it."""
    return text[at - 1:at] == "-" and (at == 1 or text[at - 2] in "- \u00a0\t\n")


def _lets(text: str, m: re.Match, apos: str) -> Finding | None:
    verb = m.group(2)
    if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "'’-") \
            and not _typed_dash_before(text, m.start()):
        return None
    before = _text_before(text, m.start()).rstrip(" \u00a0")
    prev_word = re.search(r"([^\W\d_]+)$", before)
    clause_start = (not before or before[-1] in "\n,;:.!?“\"‘'(—–-"
                    or (prev_word is not None and prev_word.group(1).lower() in _CLAUSE_OPENERS))
    if verb not in BARE_VERBS and _sentence_opening(text, m.start()) and verb not in _LETS_NOT_VERB and zipf(verb) >= 3.0 \
            and not verb.endswith(("s", "ed", "ing", "ly")):
        verb_ok = True  # "So lets straighten it out": "lets" opening a sentence has no subject to be a verb of
    else:
        verb_ok = verb in BARE_VERBS
    if not verb_ok:
        return None
    if not clause_start and (verb not in _LETS_VERB_ONLY or (prev_word is not None and prev_word.group(1).lower() in _LETS_NOUN_BEFORE)):
        return None  # "she lets go of the rope", "the law lets help arrive"; "the lets make it slow"
    fixed = m.group(1) + "et" + apos + "s"
    return find(LETS, text, m.start(), m.start() + 4, fixed,
                f"\"lets {verb}\" at the start of a clause means \"let us {verb}\": it is {fixed!r} with the "
                "apostrophe lost.", 0.9)


register(Check("artifacts.apostrophes", (LOST_APOSTROPHE, LETS, PLURAL_POSSESSIVE, PLURAL_APOSTROPHE), check))

"""Contractions that lost or mangled their apostrophe: ``dont``, ``Its a``, ``didn``t``,
``Iran''s``, ``Buhari”s``, ``you‘ll``, ``wo n’t``.

Only spellings that are no English word are repaired on their own (``dont``, ``isnt``); the
ones that are words too (``its``, ``cant``, ``wont``) only where what follows leaves no other
reading (``its been``, ``cant wait``). The apostrophe is the one the document writes.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from ..edits import Finding, Severity
from ..registry import Check, RuleInfo, register
from ..text import trie_pattern
from .common import find
from .data import FUNCTION_WORDS
from .house import apostrophe

if TYPE_CHECKING:
    from ..document import Document

CATEGORY = "punctuation"

CONTRACTION = RuleInfo(
    "punct.contraction", CATEGORY, "apply", "apply", Severity.WARNING,
    "A contraction that lost its apostrophe (dont, didnt, isnt, Ive, thats; its, cant, wont only "
    "where what follows leaves no other reading: its been, its a, cant wait), or whose apostrophe "
    "was typed as another mark (didn`t, Iran''s, Buhari”s, you‘ll) or split off by a tokenizer "
    "(wo n't); \"were\" with no subject right after since, because, although, unless (since were "
    "going) is \"we're\". The apostrophe is the one the document already writes.",
    "I dont know; its been a year and Iran''s reply wo n't come.",
    "I don't know; it's been a year and Iran's reply won't come.",
    ("its members voted", "on its own.", "the cant of politicians", "as was his wont.", "a shell company",
     "“Inferno,” he said", "the Joneses’ house", "you're home", "you're family to me"),
)

PRONOUN_I = RuleInfo(
    "punct.pronoun_i", CATEGORY, "apply", "apply", Severity.INFO,
    "The pronoun I written in lower case, where it plainly is the pronoun: before a contraction of "
    "its own (i'm, i'll, i've, i'd) or a verb of the first person (i think, i miss, i dont); not a "
    "list's (i), a variable, or a word of another language (Argumenty i Fakty, Hawai‘i).",
    "i think i'll go, but i miss it.", "I think I'll go, but I miss it.",
    ("Argumenty i Fakty", "Hawai‘i is far", "for i in range(3)", "items (i) and (ii)", "i.e. the rest"),
)

# Apostrophe-less spellings that are no English word, with where the apostrophe goes.
_LOST = {
    "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't", "arent": "aren't",
    "wasnt": "wasn't", "werent": "weren't", "hasnt": "hasn't", "havent": "haven't", "hadnt": "hadn't",
    "couldnt": "couldn't", "wouldnt": "wouldn't", "shouldnt": "shouldn't", "mustnt": "mustn't",
    "neednt": "needn't", "mightnt": "mightn't", "aint": "ain't",
    "youre": "you're", "theyre": "they're", "theyve": "they've", "youve": "you've", "weve": "we've",
    "youll": "you'll", "theyll": "they'll", "itll": "it'll", "thatll": "that'll",
    "wouldve": "would've", "couldve": "could've", "shouldve": "should've", "mightve": "might've",
    "thats": "that's", "whats": "what's", "theres": "there's", "wheres": "where's", "whos": "who's",
    "hows": "how's", "heres": "here's", "ive": "I've", "im": "I'm",
}
# Spellings that are also words: only before a word that leaves no other reading.
_ONLY_BEFORE = {
    "cant": ("can't", frozenset("""be believe wait help stand see get go do find say tell imagine afford remember
        understand stop think make take give keep let handle even really just always ever
        access hear feel live work""".split())),
    "wont": ("won't", frozenset("""be have do go get work happen stop let last change come give take make help
        even really just ever always allow accept""".split())),
}
# What follows "cant" or "wont" used as nouns ("the cant of politicians", "as is his wont to").
_NOUN_FOLLOWERS = frozenset("of to and or the a an in is was that which for with as on by from".split())
# "its" is "it's" before a word a possessive cannot precede: a participle or a verb form, an
# article or determiner, an adverb, a wh-word.
_ITS_BEFORE = frozenset("""
    been got gotten had going gonna not a an the my your our his her their this that these those
    because about so too really always never what how why where when here there
    all ok okay definitely probably actually
    almost nearly already literally basically finally called
""".split())
# Where a sentence starts: the text's or a line's start, or after "!", "?", or a full stop that
# ends a word of three letters or more (not an abbreviation such as "e.g." or "St.").
_SENTENCE_START = re.compile(r"(?:\A|\n|[!?][ \u00a0]+|(?<![^\W\d_]\.)(?<=[a-z]{3})\.[ \u00a0]+)\Z")
_ITS_TIME = re.compile(r"[ \u00a0]+time[ \u00a0]+(?:to|for)\b")
# A predicate adjective then the end of the clause: "its amazing!", "its hard to".
_ITS_PREDICATE = frozenset("""
    amazing bad great hard easy true fine nice sad funny weird crazy awesome terrible horrible cool
    fun possible impossible important clear obvious done gone over late early cold hot wrong
    sure interesting ridiculous annoying frustrating difficult normal good better worse
""".split())

# Only the candidate spellings are looked at: one pass of one pattern over the text.
# Lower case or capitalised only (a word in capitals is left alone below): a case-sensitive
# pattern is about twice as fast as an (?i:) one.
_CANDIDATES = trie_pattern({w for x in (*_LOST, *_ONLY_BEFORE, "its") for w in (x, x[:1].upper() + x[1:])})
_WORD = re.compile(r"(?<![A-Za-z])" + _CANDIDATES + r"\b")
# The same words after the character before them: a pattern that opens with a character class
# lets the regex engine skip through the letters of other words to the next non-letter.
_AFTER_NON_LETTER = re.compile(r"[^A-Za-z](" + _CANDIDATES + r")\b")


def _words(text: str) -> Iterable[tuple[int, int, str]]:
    """``(start, end, word)`` of each ``_WORD`` match, in order."""
    first = _WORD.match(text)
    if first is not None:
        yield first.start(), first.end(), first.group(0)
    for m in _AFTER_NON_LETTER.finditer(text):
        yield m.start(1), m.end(1), m.group(1)
_JOINERS = "'’`-"  # a candidate next to one of these is part of a longer token (don't, its-)
_JOINER_MARKS = tuple(_JOINERS)  # (a tuple: the text's end, "", is none of them)
_NEXT = re.compile(r"[ \u00a0]+([A-Za-z]+)")
_AFTER_PREDICATE = re.compile(r"[ \u00a0]*(?:[.!?,;:]|[ \u00a0]+(?:to|that|when|if|how)\b)")
# An apostrophe typed as another mark inside a contraction or possessive.
# Two patterns, each starting with its mark, so that the engine skips to the marks (an alternation
# first is tried at every position: three times slower).
_MARK_TAIL = r"(?=(?:s|t|m|d|ll|re|ve)(?![\w'’]))"
_WRONG_MARK = re.compile(r"([`‘”″?ā])" + _MARK_TAIL)
_DOUBLED_MARK = re.compile(r"('')" + _MARK_TAIL)
# A contraction split by a tokenizer: "wo n't", "do n’t", "ca n't".
_SPLIT = re.compile(r"([A-Za-z]+)[ \u00a0]+(n['’]t)(?![\w'’])")
# "it's" where only the possessive fits: after a preposition or "find/make ... way", or before "own".
_ITS_POSSESSIVE = re.compile(
    r"(?:\b(?:by|in|on|of|with|from|into|onto|under|over|about|at|through|for|against|within|throughout|despite)[ \u00a0]+"
    r"|(?<!\bit )(?<!\bthem )\boff[ \u00a0]+"
    r"|\b(?:find|finds|found|finding|make|makes|made|making|lost|lose|wend|wends|wended|work|worked|pave|paved)[ \u00a0]+)"
    r"(?P<its>[Ii]t['’]s)[ \u00a0]+(?P<noun>(?!(?:a|an|the|not|been|being|going|also|just|still|only|very|so|too|all|what|how|my|your|our|his|her|their|this|that|mine|yours|ours|hers|theirs)\b)[a-z]+)\b"
    r"|(?P<its_own>[Ii]t['’]s)[ \u00a0]+own\b"
)
_ITS = re.compile(r"[Ii]t['’]s\b")
# "you're" before a noun only a possessive takes: "you're boyfriend is", "you're own".
_YOURE_POSSESSIVE = re.compile(
    r"(?<![\w'’])([Yy]ou['’]re)[ \u00a0]+(?=(?:own|boyfriend|girlfriend|husband|wife|mom|mum|dad|mother|father|"
    r"parents|son|daughter|kids|children|brother|sister|name|phone|email|account|password|car)\b)")


# "were" right after a word that opens a clause, with no subject between: "since were going" is
# "since we're going" (no clause after "because", "although", "unless" starts with a verb).
_WERE_AT = re.compile(r" were(?=[ \u00a0]+[a-z])")
_WERE_BEFORE = re.compile(r"(?<![\w'’-])(since|because|although|though|unless|whereas) \Z", re.IGNORECASE)
_WERE_OPENERS = ("since", "because", "although", "though", "unless", "whereas")
_WERE_ADVERB_AFTER = frozenset("who which that have has had ever long".split())


def _its_possessives(text: str) -> Iterable[re.Match]:
    """``_ITS_POSSESSIVE`` matches, tried only a few characters before each "it's"."""
    for m in _ITS.finditer(text):
        found = _ITS_POSSESSIVE.search(text, max(0, m.start() - 12), m.end() + 40)
        if found is not None and found.start("its" if found.group("its") else "its_own") == m.start():
            yield found


# A space typed before the possessive 's: "the world 's fastest".
_SPACED_S = re.compile(r"(?<=[A-Za-z]) (['’])s\b(?=[ \u00a0]+[a-z])")
_SPLIT_AT = re.compile(r"[ \u00a0]n['’]t(?![\w'’])")
# Stems a tokenizer splits from n't ("wo n't" is won't, "ca n't" can't).
_SPLIT_OK = frozenset("do does did is are was were has have had could would should must need might ai wo ca sha".split())


def _spaced_hyphen_before(text: str, at: int) -> bool:
    """Whether a hyphen with a space (or the text's start) before it stands right before ``at``: it
    joins nothing to the word after it ("to -dont" is a dash, which punct.spaced_hyphen writes
    " — ", or a list's mark)."""
    return text[at - 1:at] == "-" and (at == 1 or text[at - 2] in " \u00a0\t\n")


def check(doc: "Document") -> Iterable[Finding]:
    text = doc.text
    apos = apostrophe(doc)
    if " i " in text or " i'" in text or " i’" in text or text.startswith("i") or "\ni" in text:
        yield from _pronoun_i(text)
    for start, end, word in _words(text):
        if (start > 0 and text[start - 1] in _JOINERS and not _spaced_hyphen_before(text, start)) \
                or text[end:end + 1] in _JOINER_MARKS:
            continue
        low = word.lower()
        fixed = None
        why = ""
        if low in _LOST:
            if low in ("im", "ive") and not _pronoun_use(text, start, end, word):
                continue  # "im", "Im Jahr", "Jony Ive": an abbreviation, German, a name
            fixed = _LOST[low]
            why = f"{word!r} is no English word: the contraction {fixed!r} without its apostrophe"
        elif low in _ONLY_BEFORE:
            nxt = _NEXT.match(text, end)
            contraction, verbs = _ONLY_BEFORE[low]
            if nxt is not None and (nxt.group(1) in verbs or (nxt.group(1).islower() and nxt.group(1) not in _NOUN_FOLLOWERS)):
                fixed = contraction
                why = f"{word!r} before {nxt.group(1)!r} is the contraction {contraction!r} without its apostrophe"
        elif low == "its":
            nxt = _NEXT.match(text, end)
            follower = nxt.group(1) if nxt is not None and not text.startswith("-", nxt.end()) else ""
            if follower in _ITS_BEFORE or _ITS_TIME.match(text, end) or (
                    follower in _ITS_PREDICATE and _AFTER_PREDICATE.match(text, nxt.end())):
                fixed = "it's"
                why = f"'its' before {follower!r} is 'it's' (it is, it has): a possessive cannot stand there"
        if fixed is None:
            continue
        if word[:1].isupper() or _SENTENCE_START.search(text, max(0, start - 12), start):
            fixed = fixed[:1].upper() + fixed[1:]
        if word.isupper() and len(word) > 1:
            continue  # a word in capitals: an acronym (DONT, ITS) as likely as a contraction
        yield find(CONTRACTION, text, start, end, fixed.replace("'", apos), why + ".", 0.95)
    for m in _its_possessives(text) if ("t's" in text or "t’s" in text) else ():
        group = "its" if m.group("its") else "its_own"
        noun = m.group("noun") or "own"
        yield find(CONTRACTION, text, m.start(group), m.end(group), m.group(group)[:2] + "s",
                   f"{m.group(group)!r} before {noun!r} is the possessive 'its' (no apostrophe): "
                   f"'it is' cannot stand there.", 0.95)
    for m in _WERE_AT.finditer(text) if " were " in text else ():
        if not text[max(0, m.start() - 8):m.start()].lower().endswith(_WERE_OPENERS):
            continue  # the common case, decided without a pattern
        prev = _WERE_BEFORE.search(text, max(0, m.start() - 16), m.start() + 1)
        if prev is None:
            continue
        before = re.search(r"([A-Za-z]+)[ \u00a0]+\Z", text[max(0, prev.start() - 16):prev.start()])
        if before is not None and before.group(1).lower() in _WERE_ADVERB_AFTER:
            continue  # "who since were released": "since" the adverb
        yield find(CONTRACTION, text, m.start() + 1, m.start() + 5, "we" + apos + "re",
                   f"'were' right after {prev.group(1)!r} has no subject: a clause opened by {prev.group(1)!r} "
                   f"needs one, so this is \"we're\" without its apostrophe.", 0.9)
    for m in _YOURE_POSSESSIVE.finditer(text) if ("ou're" in text or "ou’re" in text) else ():
        word = m.group(1)
        yield find(CONTRACTION, text, m.start(1), m.end(1), word[0] + "our",
                   f"{word!r} before {text[m.end():m.end() + 12].split()[0]!r} is the possessive 'your': 'you are' "
                   "cannot stand before that noun.", 0.95)
    for m in _SPACED_S.finditer(text) if (" 's" in text or " ’s" in text) else ():
        prev = re.search(r"([A-Za-z]+)$", text[max(0, m.start() - 20):m.start()])
        if prev is None or prev.group(1).lower() in FUNCTION_WORDS:
            continue  # "you 's novym godom'": an opening quote, no possessive
        yield find(CONTRACTION, text, m.start(), m.start() + 1, "",
                   f"A space before {m.group(1)!r}s: the possessive is written without it.", 0.95)
    marks = [*(_WRONG_MARK.finditer(text) if any(c in text for c in "`‘”″?ā") else ()),
             *(_DOUBLED_MARK.finditer(text) if "''" in text else ())]
    if marks:
        for m in sorted(marks, key=lambda m: m.start()):
            if m.start() == 0 or not ("a" <= text[m.start() - 1].lower() <= "z"):
                continue  # the mark must follow a letter: Iran''s, didn`t
            mark = m.group(1)
            if mark in "?ā" and not _mangled_contraction(text, m):
                continue
            if mark in ("‘", "”", "″") and _closes_quote(text, m.start(), mark):
                continue
            yield find(CONTRACTION, text, m.start(), m.end(), apos,
                       f"{mark!r} inside {text[max(0, m.start() - 12):m.end() + 2].split()[-1]!r} stands for an "
                       f"apostrophe.", 0.95)
    if "n't" in text or "n’t" in text:
        for m in _SPLIT_AT.finditer(text):
            m = _SPLIT.search(text, max(0, m.start() - 12), m.end())
            if m is None or (m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "'’")):
                continue
            stem = m.group(1)
            low = stem.lower()
            if low not in _SPLIT_OK:
                continue
            rep, start = stem + m.group(2), m.start()  # "wo n't" -> "won't", "do n't" -> "don't"
            yield find(CONTRACTION, text, start, m.end(), rep,
                       f"{m.group(0)!r} is a contraction split in two: {rep!r}.", 0.95)


def _mangled_contraction(text: str, m: re.Match) -> bool:
    """``you?ll``, ``doesnāt``: a question mark or a mojibake ``ā`` (UTF-8 ’ read as Windows-1257)
    inside a word that, with an apostrophe, is a contraction or possessive of plain ASCII letters."""
    word = re.search(r"[A-Za-z]+$", text[max(0, m.start() - 20):m.start()])
    tail = re.match(r"[a-z]+", text[m.end():])
    if word is None or tail is None:
        return False
    stem = word.group(0).lower()
    return tail.group(0) in ("s", "t", "ll", "re", "ve", "d", "m") and (
        tail.group(0) != "t" or stem.endswith("n")) and (tail.group(0) == "s" or stem in _CONTRACTION_STEMS or stem.endswith("n"))


# "i" as the pronoun: before its own contraction, or before a verb that follows "I" and no
# word of another language ("i" is "and" in Polish, Czech, Croatian; an article in Italian).
_LOWER_I = re.compile(r"(?<![\w'’`‘.\-(/])i(?=['’](?:m|ll|ve|d)\b|[ \u00a0]+(?:"
                      r"am|was|have|had|will|would|can|could|do|did|don't|didn't|dont|didnt|cant|can't|wont|won't|"
                      r"wasnt|wasn't|havent|haven't|think|thought|believe|know|knew|want|wanted|said|say|hope|mean|"
                      r"guess|feel|felt|love|loved|like|liked|hate|miss|missed|need|needed|wish|see|saw|just|really|"
                      r"also|never|still|must|should|might|got|get|went|remember|agree|tried|found|told|asked|"
                      r"decided|bought|made|started|used|actually|totally|definitely|personally|always)\b)")


def _pronoun_i(text: str) -> Iterable[Finding]:
    for m in _LOWER_I.finditer(text):
        yield find(PRONOUN_I, text, m.start(), m.end(), "I",
                   f"'i' before {text[m.end():m.end() + 12].split()[0]!r} is the pronoun I, written with a capital.", 0.95)


_CONTRACTION_STEMS = frozenset("i you we they he she it that there what who let".split())


def _pronoun_use(text: str, start: int, end: int, word: str) -> bool:
    """``Im`` / ``Ive`` (``word``, at ``[start, end)``) as the pronoun I: written with a capital I,
    not after a capitalised word (Jony Ive), and before a lower-case word (not German "Im Jahr")."""
    if word not in ("Im", "Ive"):
        return False
    nxt = _NEXT.match(text, end)
    if nxt is None or not nxt.group(1)[:1].islower():
        return False
    before = text[max(0, start - 30):start].rstrip()
    prev = re.search(r"([A-Za-z]+)$", before)
    return prev is None or not prev.group(1)[:1].isupper() or before.endswith((".", "!", "?"))


def _closes_quote(text: str, at: int, mark: str) -> bool:
    """Whether a curly mark before s/t/ll... is a quotation mark after all: an opening mark of
    its kind stands earlier in the sentence ("the ‘best’s" is no apostrophe either way)."""
    if mark == "‘":
        return False  # a left quote is never a closing mark
    start = max(text.rfind(".", 0, at), text.rfind("\n", 0, at))
    return {"”": "“", "″": "″"}[mark] in text[start + 1:at]


register(Check("artifacts.contractions", (CONTRACTION, PRONOUN_I), check))

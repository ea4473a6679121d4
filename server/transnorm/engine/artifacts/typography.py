"""Russian typography carried into English: quote-comma-dash, guillemets, dashes, spaces before
punctuation and the numero sign."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from ..edits import Finding, Severity
from ..registry import Check, RuleInfo, register
from .common import GAP, anchored, find
from .data import BARE_VERBS, FUNCTION_WORDS, SPEECH_VERBS, zipf
from .house import HOUSE_DASHES, converts_dashes, document_dash, house_dash

if TYPE_CHECKING:
    from ..document import Document

CATEGORY = "punctuation"

QUOTE_DASH = RuleInfo(
    "punct.ru_quote_dash", CATEGORY, "apply", "apply", Severity.WARNING,
    "Russian quotation punctuation (closing quote, comma, dash before the speaker) becomes the "
    "English comma inside the closing quote.",
    "“Changes in Syria, ”, – said Shoigu.", "“Changes in Syria,” said Shoigu.",
    ("“Changes in Syria,” he said.", "“Peace” – that was the slogan."),
)
GUILLEMETS = RuleInfo(
    "punct.guillemets", CATEGORY, "apply", "apply", Severity.INFO,
    "Guillemets become English double quotes; a quotation inside a quotation (inner «» or „“) "
    "takes single quotes. Unpaired guillemets are reported, not changed.",
    "He called it «the deal of the century».", "He called it “the deal of the century”.",
    ("He called it “the deal”.", "Газета «Известия» вышла."),
)
DASH = RuleInfo(
    "punct.dash", CATEGORY, "apply", "apply", Severity.INFO,
    "When the caller sets a house dash (options.dash_style, `--dash-style`), every dash between "
    "words takes it. By default (dash style `document`) correct dashes stay as the publication "
    "writes them (a closed em dash, spaced en dashes used as its house style); only in a text "
    "that shows Russian punctuation carried over by translation (a quote-comma-dash, guillemets, "
    "the numero sign) is a spaced en dash the Russian dash, and it becomes a spaced em dash. "
    "Number ranges (1990 – 2000) are left alone.",
    "He said: «We will continue». Vladimir Putin – it was on his orders.",
    "He said: «We will continue». Vladimir Putin — it was on his orders.",
    ("pages 10 – 20", "a well-known fact", "Putin — it was", "Vladimir Putin – it was on his orders",
     "a startup—especially one"),
)
SPACED_HYPHEN = RuleInfo(
    "punct.spaced_hyphen", CATEGORY, "apply", "apply", Severity.INFO,
    "A hyphen with a space on each side, or a double hyphen, typed for a dash between words takes "
    "the house dash (the document's own, or a spaced em dash), in a sentence whose spaced hyphens "
    "(one, or two around an aside) all are such dashes. Spaced hyphens that may join a compound or "
    "a pair typed with stray spaces (Syria - Russia, so - called, anti - war, break - even, a "
    "capitalised word after it that starts no clause) are reported, not changed. Never between "
    "numbers or next to a one-letter word (10 - 20, x - y). Names joined by spaced hyphens that the "
    "acronym after them spells (Cambodia - Laos - Myanmar - Vietnam (CLMV)) are one name, joined "
    "with closed en dashes.",
    "Aid reached Aleppo - but not Idlib.", "Aid reached Aleppo — but not Idlib.",
    ("pages 10 - 20", "x - y", "state - of - the - art", "- a list item"),
)
SPACE_BEFORE = RuleInfo(
    "punct.space_before", CATEGORY, "apply", "apply", Severity.INFO,
    "A space before , . ; : ! or ? is removed (not in ellipses, ratios such as 3 : 1, or .5).",
    "said Shoigu , adding", "said Shoigu, adding",
    ("the score was 3 : 1", "wait ...", "version .NET", "the final stages … . All we can say"),
)
NUMERO = RuleInfo(
    "punct.numero", CATEGORY, "apply", "apply", Severity.INFO,
    "The numero sign before a number becomes \"No.\".",
    "resolution №2254", "resolution No. 2254",
    ("resolution No. 2254",),
)

# Anchored at the closing quote (a cheap first character to scan for); what stands before it is
# read by hand.
_QUOTE_DASH = re.compile(
    r"(?P<q>[”»\"’])(?P<comma>[ \u00a0]*,)?[ \u00a0]*(?:[–—]|--?)[ \u00a0]+(?=(?P<next>[^\W\d_]+))"
)
_SPEECH = "|".join(sorted(SPEECH_VERBS | {"claims", "claimed", "announced", "reported", "commented", "explained"}))
# An attribution after the dash: up to four words, then a speech verb ending the clause
# ("” – Danilov said.", "" — the City Hall stated.").
_ATTRIBUTION = re.compile(rf"(?:[^\W\d_][\w’'.-]*[ \u00a0]+){{0,4}}?(?:{_SPEECH})\b[ \u00a0]*[.,;:!?]")
_SPEAKER_START = SPEECH_VERBS | frozenset("he she they it the his her".split())
_DASH = re.compile(r"(?<=\S)[ \u00a0]+[–—][ \u00a0]+(?=\S)|(?<=\w|[^\x00-\x7f\s]|[\]>])[\u200b\u00ad]*—[\u200b\u00ad]*(?=\w)")
_SPACED_HYPHEN = re.compile(r"[ \u00a0]+--?[ \u00a0]+")
_HYPHEN = re.compile("-")
_COPULA = re.compile(r"(?:is|are)[ \u00a0]+(?:a|an|the|not|one)\b")  # after the dash of a Russian copula
# The word before a spaced hyphen; its apostrophe may be typed twice ("Assad''s", one once
# punct.contraction is done).
_WORD_BEFORE = re.compile(r"[^\W\d_]+(?:''|['\u2019])?[^\W\d_]*[)\]\u201d\u2019\"'\u00bb]?\Z")
_WORD_AFTER = re.compile(r"[(\[\u201c\u2018\"'\u00ab]?([^\W\d_]+)")
# Words that open a clause, so that a spaced hyphen before them is a dash and not a compound with
# stray spaces ("so - called"). "and", "or" and "a" are left out ("hit - and - run", "one - a - day").
# Lower-case words that open a clause and hardly ever end a compound, so that a spaced hyphen
# before one is a dash ("Aleppo - but not Idlib"). Left out on purpose: "and", "or", "a"
# (hit-and-run, one-a-day), "it", "you", "what", "not", "no", "only", "even", "nothing" and
# "something" (Post-it, thank-you, so-what, why-not, yes-no, members-only, break-even,
# do-nothing, twenty-something), "i" (Phase I).
_CLAUSE_OPENERS = frozenset("""
    the this that these those he she they we his her their our
    but which who whose when where while because although though
    perhaps there then including especially namely unless whether
""".split())
_ONE_WORD = re.compile(r"\S+")
# One word in quotation marks is an aside of its own: "decrees - "ordonnances" - is the top topic".
_QUOTED_WORD = re.compile(r"([\"“‘'])[^\W\d_]+([\"”’'])")
# What follows "I" or "a" when it opens a clause, not a label ("Phase - I trials"): a verb of the
# first person, or for "a" any lower-case word.
_WORD_NEXT = {
    "I": re.compile(r" (?:think|thought|am|was|have|had|will|would|can|could|do|did|don't|didn't|believe|know|"
                    r"knew|want|wanted|said|say|hope|mean|guess|feel|felt|love|like|see|saw|just|really|also|never|"
                    r"still|must|should|might|may)\b"),
    "a": re.compile(r" [a-z]{2,}"),
}
# Second halves of hyphenated compounds typed with stray spaces: "so - called", "long - term".
_COMPOUND_TAILS = frozenset("""
    called based up old like style free led backed owned run made born speaking related level term scale
    year years time long wide known class type sized only in out off on over down back to by friendly
    oriented driven minded making led controlled funded sponsored run organized organised designed
    built held fed centric proof ready specific wise fold
""".split())
# Small words that end a compound only after a short first half ("know - it - all", "break -
# even", "thank - you", "yes - no", "either - or"); after a longer word they open an aside
# ("for children - even more", "Otherwise - no dice").
_SHORT_HEAD_TAILS = frozenset("it you what not no only even nothing something and or a".split())
SHORT_HEAD = 6  # letters: a first half this long or shorter may take one of them
# "and" or "or" that a clause of function words goes on from ("end - and with a great edit") ends
# no compound: the compound's link is followed by a hyphen or its last half ("hit - and - run",
# "two - or three-day", "either - or").
_CLAUSE_AFTER_CONJUNCTION = re.compile(
    r"[ \u00a0]+(?:with|in|on|at|for|from|by|the|a|an|this|that|then|so|now|if|when|we|they|he|she|it|i|you)"
    r"[ \u00a0]+[^\W\d_]")
_PREFIXES = frozenset("anti pro non pre post ex co self neo pan semi multi inter intra trans ultra sub super".split())
# A contraction's or a possessive's ending after the word: "it's", "you're", "what's" open a
# clause (and punct.contraction may write "it's" as "its"), no compound ends with one.
_CONTRACTED = re.compile(r"['’][a-z]")
# A capitalised word after a dash that starts a sentence-like clause: a pronoun or determiner.
_SENTENCE_AFTER = re.compile(r"(?:I|We|You|He|She|They|It|The|This|That|There|These|Those|But|And|Or)\b")


def low_is_prefix(word: str) -> bool:
    """A prefix that takes a hyphen (anti - war, pro - Russian)."""
    return word.lower() in _PREFIXES
# A word this frequent in English (wordfreq Zipf), written as one, is a compound: worthwhile.
CLOSED_COMPOUND_ZIPF = 2.5
_PRONOUNS = frozenset("he she they we i you it his her their our".split())
_DETERMINERS = frozenset("the this that these those his her their our".split())
# A sum or difference in words, where a spaced hyphen is a minus: "revenue - the cost = profit".
# (An "=" inside markup or a shortcode, width="5", is no sum.)
_ARITHMETIC = re.compile(r"\s=\s|\b(?:equals?|plus|minus)\b", re.IGNORECASE)
# A word before a spaced hyphen that makes it part of a longer compound ("state - of - the - art").
_COMPOUND_LINKS = frozenset("of in to on at by for with from into over under behind out up down off and or a an the".split())
# Anchored on the mark, which is rarer than the space (three times faster than a look-behind first).
_SPACE_BEFORE = re.compile(r"[,.;:!?](?<=[ \u00a0].)(?=[\s”’\"»\u200b\u2060\ufeff\u00ad<\[]|$)")
_ENTITY_END = re.compile(r"&#?[0-9A-Za-z]{1,24};$")
_NOT_BEFORE_SPACE = frozenset(" \t\n\r\u00a0([{“‘«,.;:!?\"'…")  # "stages … ." ends a quotation
_NUMERO = re.compile(rf"(?<![\w№])№(?:{GAP})?(?=\d)")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


def check(doc: "Document") -> Iterable[Finding]:
    text = doc.text
    taken: list[tuple[int, int]] = []
    for m in _QUOTE_DASH.finditer(text) if ("”" in text or "»" in text or "’" in text or '"' in text) else ():
        q, comma, nxt = m.group("q"), m.group("comma"), m.group("next")
        start = m.start()
        while start > 0 and text[start - 1] in " \u00a0":
            start -= 1
        pre = text[start - 1] if start > 0 and text[start - 1] in ",.!?…" else None
        if pre:
            start -= 1
        if start == 0 or text[start - 1].isspace():
            continue  # an opening quote or a quote at a line start, not the end of a quotation
        attribution = _ATTRIBUTION.match(text, m.start("next")) is not None
        if not comma and not (pre and nxt.lower() in _SPEAKER_START) and not attribution:
            continue
        if q == '"' and not (comma and pre) and not attribution:
            continue
        if q == "’" and not (comma or pre):
            continue  # a closing single quote needs the Russian comma, or it may be an apostrophe
        close = {'"': '"', "’": "’"}.get(q, "”")
        rep = (pre if pre in ("!", "?", "…") else ",") + close + " "
        taken.append((start, m.start("next")))
        yield find(QUOTE_DASH, text, start, m.start("next"), rep,
                   f"{text[start:m.start('next')].strip()!r} is Russian quotation punctuation; English puts the comma inside "
                   f"the closing quote and no dash before the speaker: {rep.strip()!r}.", 0.95)
    yield from _guillemets(text, taken)
    if "–" in text or "—" in text:
        which = converts_dashes(doc)
        if which != "none":
            yield from _dashes(text, house_dash(doc), taken, only_en=which == "en")
    if "-" in text:
        yield from _typed_dashes(doc, house_dash(doc), taken)
    if "(" in text or "\u2212" in text:
        yield from _lost_range_dashes(doc, taken)
    if "-" in text or "–" in text or "—" in text:
        yield from _lopsided_dashes(text, house_dash(doc), taken, _spaced_en_kept(doc))
    if "–" in text:
        yield from _closed_en_dashes(doc, taken)
    if " -" in text or "\u00a0-" in text:
        yield from _spaced_hyphens(doc, house_dash(doc), taken)
    for m in _SPACE_BEFORE.finditer(text):
        p = m.start()
        s = p
        while s > 0 and text[s - 1] in " \u00a0":
            s -= 1
        if s == 0 or any(ts <= s < te for ts, te in taken):
            continue
        if text[s - 1] in _NOT_BEFORE_SPACE and not (text[s - 1] == ";" and _ENTITY_END.search(text, max(0, s - 32), s)):
            continue  # an HTML entity ending in ";" stands for a character, so it counts as a word end
        if text[p] in ":;" and re.match(r"[ \u00a0]*\d", text[p + 1:p + 4]) and text[s - 1].isdigit():
            continue  # a ratio or score: 3 : 1
        prev = re.search(r"([A-Za-z]+)$", text[max(0, s - 20):s])
        if prev is not None and prev.group(1).lower() in FUNCTION_WORDS and text[p] in ".,;:":
            # "Born in .", "also known as .": a word is missing (a link or entity stripped), not a space extra
            yield find(SPACE_BEFORE, text, s, p, "",
                       f"A space before {text[p]!r} after {prev.group(1)!r}: a word seems missing here; not changed.",
                       0.3, autofix=False)
            continue
        yield find(SPACE_BEFORE, text, s, p, "",
                   f"English puts no space before {text[p]!r}.", 0.95)
    for m in _NUMERO.finditer(text) if "№" in text else ():
        yield find(NUMERO, text, m.start(), m.end(), "No. ",
                   "The numero sign № is not used in English; write \"No.\" before the number.", 0.95)


def _guillemets(text: str, taken: list[tuple[int, int]]) -> Iterable[Finding]:
    consumed = {i for s, e in taken for i in range(s, e)}
    pos = 0
    for line in text.split("\n"):
        base, pos = pos, pos + len(line) + 1
        if "«" not in line and "„" not in line and "‹" not in line:
            continue
        if len(_CYRILLIC.findall(line)) > len(_LATIN.findall(line)):
            continue  # a Russian line keeps its own quotation marks
        pairs, broken = _pairs(line)
        if broken:
            for i in broken:
                closer = _closes_quotation(line, i)
                if closer is not None and base + i not in consumed:
                    # "…influence it, «the head of state added": the mark closes the quotation
                    # opened before it, typed on the wrong side of the space.
                    yield find(GUILLEMETS, text, base + i - 1, base + i + 1, closer + " ",
                               f"{line[i - 2:i + 1]!r} closes the quotation opened before it, typed as {line[i]!r} on "
                               f"the wrong side of the space; it becomes {line[i - 2] + closer + ' '!r}.", 0.95)
                    continue
                rep = _lone_mark(line, i)
                if rep is None:
                    yield find(GUILLEMETS, text, base + i, base + i + 1, None,
                               f"The quotation mark {line[i]!r} has no partner on this line; not changed.", 0.5)
                elif base + i not in consumed:
                    yield find(GUILLEMETS, text, base + i, base + i + 1, rep,
                               f"The quotation mark {line[i]!r} is not English; with no partner on this line it "
                               f"{'opens' if rep in '“‘' else 'closes'} a quotation that runs on (as a quotation of "
                               f"several paragraphs does), so it becomes {rep!r}.", 0.9)
            # Of the pairs, only those outermost with no lone mark inside them are sure.
            pairs = [p for p in pairs if p[2] == 0 and not any(p[0] < i < p[1] for i in broken)]
        converted: list[tuple[int, int]] = []
        for o, c, depth, kind in pairs:  # outermost first
            inside_converted = any(co < o and c < cc for co, cc in converted)
            if kind == "e" and not inside_converted:
                continue  # an English pair outside any guillemets: already right
            single = depth > 0 and (inside_converted or kind != "e")
            oq, cq = ("‘", "’") if single else ("“", "”")
            if kind != "e":
                converted.append((o, c))
            if kind == "e" and not single:
                continue
            o_end = o + 1
            while o_end < len(line) and line[o_end] in " \u00a0":
                o_end += 1
            c_start = c
            while c_start > o_end and line[c_start - 1] in " \u00a0":
                c_start -= 1
            c_end = c + 1
            if kind != "e" and not single and _purpose_comma(line, c + 1):
                c_end += 1  # "Press «Like», to read": Russian's comma before a purpose clause goes
            for s, e, rep in ((o, o_end, oq), (c_start, c_end, cq)):
                if base + c in consumed and e > c:
                    continue  # the quote-dash rule rewrites this closing mark
                if text[base + s: base + e] == rep:
                    continue
                yield find(GUILLEMETS, text, base + s, base + e, rep,
                           f"Quotation marks {line[o]}…{line[c]} are not English; they become {oq}…{cq}"
                           + (" (a quotation inside a quotation)." if single else "."), 0.95)


# After a closing guillemet: Russian's comma before a purpose clause ("Press «Like», to read",
# "чтобы читать"), which English does not write: ", to" and a verb, "be" aside ("«Yes», to be fair").
_PURPOSE_COMMA = re.compile(r",[ \u00a0]+to[ \u00a0]+([a-z]+)\b")
_PURPOSE_VERBS = (BARE_VERBS - {"be", "all", "not"}) | frozenset("""
read learn view watch join follow subscribe download receive vote share comment like listen
""".split())


def _purpose_comma(line: str, i: int) -> bool:
    m = _PURPOSE_COMMA.match(line, i)
    return m is not None and m.group(1) in _PURPOSE_VERBS


def _closes_quotation(line: str, i: int) -> str | None:
    """The closing mark for an unpartnered ``«`` after ", " or ". " inside an English quotation
    opened before it on the line, with the attribution after it in lower case ("it, «the head of
    state added"); None otherwise."""
    if line[i] != "«" or i < 2 or line[i - 1] != " " or line[i - 2] not in ",.!?" or not line[i + 1:i + 2].islower():
        return None
    if line.count('"', 0, i) % 2:
        return '"'
    if line.count("“", 0, i) > line.count("”", 0, i):
        return "”"
    return None


def _lone_mark(line: str, i: int) -> str | None:
    """The English mark for an unpartnered ``«``, ``„``, ``‹`` opening a word, or ``»``, ``›``
    closing one, when no English quotation is open before it on the line (inside one it may be
    a quotation within a quotation, or a stray mark); None when in doubt."""
    ch = line[i]
    open_before = line.count("“", 0, i) - line.count("”", 0, i)
    if open_before > 0 or line.count('"', 0, i) % 2:
        return None
    if ch in "«„‹":
        j = i + 1  # a lone mark spaced off its word ("a « mark") may be anything: only reported
        # (the numero sign opens a word, No., once punct.numero has written it)
        if j < len(line) and (line[j].isalnum() or line[j] == "№") and (i == 0 or not line[i - 1].isalnum()):
            return "“" if ch != "‹" else "‘"
        return None
    if i > 0 and (line[i - 1].isalnum() or line[i - 1] in ".,!?…") and (i + 1 == len(line) or not line[i + 1].isalnum()):
        return "”" if ch == "»" else "’"
    return None


def _pairs(line: str) -> tuple[list[tuple[int, int, int, str]], list[int]]:
    """Matched quotation pairs ``(open, close, depth, kind)`` outermost first, and unpaired marks.

    ``kind`` is ``g`` for guillemets and low-high quotes, ``e`` for English curly quotes.
    """
    stack: list[tuple[int, str]] = []
    pairs: list[tuple[int, int, int, str]] = []
    broken: list[int] = []
    for i, ch in enumerate(line):
        if ch in "«„‹":
            stack.append((i, ch))
        elif ch == "“":
            if stack and stack[-1][1] == "„":
                o, _ = stack.pop()
                pairs.append((o, i, len(stack), "g"))
            else:
                stack.append((i, ch))
        elif ch in "»›":
            want = "«" if ch == "»" else "‹"
            if stack and stack[-1][1] == want:
                o, _ = stack.pop()
                pairs.append((o, i, len(stack), "g"))
            else:
                broken.append(i)
        elif ch == "”":
            if stack and stack[-1][1] in "“„":
                o, kind = stack.pop()
                pairs.append((o, i, len(stack), "e" if kind == "“" else "g"))
    broken += [i for i, ch in stack if ch in "«„‹"]
    pairs.sort(key=lambda p: (p[2], p[0]))
    return pairs, sorted(broken)


_DASH_CHAR = re.compile("[–—]")
_DASH_RUN = frozenset(" \u00a0\u200b\u00ad")  # what a ``_DASH`` match holds besides its dash


def _dash_matches(text: str) -> Iterable[re.Match]:
    """``_DASH.finditer(text)``, tried only just before each dash.

    A match is spaces or invisible characters, one dash, spaces or invisible characters; so the
    match holding a dash starts in the run of such characters before it. Trying those few places
    is far cheaper than the pattern's look-behinds at every position of the text.
    """
    return anchored(_DASH, _DASH_CHAR, _DASH_RUN, text)


def _dashes(text: str, house: str, taken: list[tuple[int, int]], only_en: bool = False) -> Iterable[Finding]:
    for m in _dash_matches(text):
        s, e = m.span()
        if m.group(0) == house or any(ts <= s < te for ts, te in taken):
            continue
        if only_en and m.group(0).strip(" \u00a0") != "–":
            continue  # the text's own em dashes are English; its spaced en dashes are the Russian dash
        if text[s - 1].isdigit() and text[e].isdigit():
            continue  # a range: 1990 – 2000
        if "\n" in text[s:e] or text[e] in ",.;:!?":
            continue  # not between words
        dash = m.group(0).strip(" \u00a0")
        yield find(DASH, text, s, e, house,
                   f"A dash between words is written {house.strip()!r}"
                   + (" with a space on each side" if house.startswith(" ") else " without spaces")
                   + f" in house style, not {dash!r}" + (" (an en dash is for ranges)." if dash == "–" else "."),
                   0.95)


_CLOSED_DOUBLE_HYPHEN = re.compile(r"(?<=[^\W_])--(?=[^\W_])")
# "(1964 1982)": a life or a period whose dash a copy lost (years of four digits, the first smaller).
_YEAR_PAIR = re.compile(r"(?<=\()(1[0-9]\d\d|20\d\d) (1[0-9]\d\d|20\d\d)(?=\))")
_OPENING_PAREN = re.compile(r"\(")  # where a year pair can start: right after one of these


def _year_pairs(text: str) -> Iterable[re.Match]:
    """The matches of ``_YEAR_PAIR``, tried only right after each opening parenthesis."""
    for p in _OPENING_PAREN.finditer(text):
        m = _YEAR_PAIR.match(text, p.end())
        if m is not None:
            yield m
# "300−350 thousand": a minus sign (U+2212) typed for the en dash of a range.
_MINUS_RANGE = re.compile(r"(?<![\d.,\u2212-])(\d+)\u2212(\d+)(?![\d.,])")
_TIME_RANGE = re.compile(r"(?<![\d.:])(\d{1,2}[.:]\d{2}) - (\d{1,2}[.:]\d{2})(?![\d.:])")


def _lost_range_dashes(doc: "Document", taken: list[tuple[int, int]]) -> Iterable[Finding]:
    """A range whose en dash a copy lost or typed as another mark: ``(1964 1982)``, ``300−350``."""
    text = doc.text
    for m in _year_pairs(text) if "(" in text else ():
        if int(m.group(1)) < int(m.group(2)) and not any(ts < m.end(1) + 1 and m.end(1) < te for ts, te in taken):
            taken.append((m.end(1), m.start(2)))
            yield find(DASH, text, m.end(1), m.start(2), "–",
                       f"{m.group(0)!r}: two years in parentheses with only a space between them are a span whose "
                       f"en dash was lost; it is written {m.group(1) + '–' + m.group(2)!r}.", 0.9)
    for m in _MINUS_RANGE.finditer(text) if "\u2212" in text else ():
        if int(m.group(1)) < int(m.group(2)) and not _ARITHMETIC.search(text, *doc.sentences.span(doc.sentences.index(m.start()))):
            taken.append((m.end(1), m.start(2)))
            yield find(DASH, text, m.end(1), m.start(2), "–",
                       f"{m.group(0)!r}: a minus sign between a smaller and a larger number, with no sum around "
                       f"them, is a range, written with an en dash.", 0.9)


def _typed_dashes(doc: "Document", house: str, taken: list[tuple[int, int]]) -> Iterable[Finding]:
    """A double hyphen closed between words (``guilty--did``) is a typed dash; a spaced hyphen
    between two clock times (``8.00 - 17.00``) is a range, written with a closed en dash."""
    text = doc.text
    if "--" in text:
        for m in _CLOSED_DOUBLE_HYPHEN.finditer(text):
            s, e = m.span()
            if any(ts < e and s < te for ts, te in taken) or text[s - 1].isdigit() and text[e].isdigit():
                continue
            taken.append((s, e))
            yield find(SPACED_HYPHEN, text, s, e, house,
                       f"'--' between words is a typed dash; house style writes {house.strip()!r}.", 0.95)
    for m in _TIME_RANGE.finditer(text) if " - " in text else ():
        s, e = m.end(1), m.start(2)
        taken.append((s, e))
        yield find(SPACED_HYPHEN, text, s, e, "–",
                   f"{m.group(0)!r} is a range of times, written with an en dash and no spaces.", 0.95)


# A dash or hyphen between two words with a space on one side only: "spice– which", "right -it".
_LOPSIDED = re.compile(r"(?:(?P<closed_left>[-–—])[ \u00a0]+|[ \u00a0]+(?P<closed_right>[-–—]))(?=[^\W\d_]{2})")
# What follows a suspended hyphen ("pre- and post-war", "two- or three-day", "middle- to upper-class").
_SUSPENDED = frozenset("and or to nor through vs versus".split())
# Word endings written with a leading hyphen when spoken of (the -ing form, -based).
_SUFFIX_WORDS = frozenset("ing ed er est ism ist ly ness less ful able ible based style like free type wise".split())
LOPSIDED_COMMON_ZIPF = 3.5  # a word after "x -" this frequent is a word of the clause, not a suffix


def _lopsided_matches(text: str) -> Iterable[re.Match]:
    """``_LOPSIDED`` matches, tried only around dash characters (far fewer than spaces) with a
    space on one side or both (a match holds one of these; a hyphen inside a word starts none)."""
    return anchored(_LOPSIDED, _SPACED_DASH, " \u00a0", text)


_SPACED_DASH = re.compile("[-–—](?:(?=[ \u00a0])|(?<=[ \u00a0].))")
# A quotation or an aside closed right before a slipped dash ("»" is "”" once punct.guillemets is done).
_CLOSING_MARKS = frozenset("”’\")»")


def _spaced_en_kept(doc: "Document") -> bool:
    """Whether an en dash typed with a space before it and none after ("Christmas –in fact") is a
    spaced en dash that lost one space: no house dash named by the caller, no Russian typography,
    and no other dash style of the document's own."""
    return converts_dashes(doc) == "none" and document_dash(doc) in (None, " – ")


def _lopsided_dashes(text: str, house: str, taken: list[tuple[int, int]], en_kept: bool = False) -> Iterable[Finding]:
    """A dash between words spaced on one side only is a dash whose spacing slipped: it takes the
    house dash. A hyphen so spaced is one too, unless it is a suspended hyphen (``pre- and
    post-war``), a word broken at a line end (``infor- mation``), or a suffix spoken of (``-ing``)."""
    for m in _lopsided_matches(text):
        s, e = m.span()
        q = 1 if text[s - 1:s] in _CLOSING_MARKS and m.group("closed_left") else 0  # "the carrot”- when"
        if s < 2 + q or not (text[s - 1 - q].isalpha() and text[s - 2 - q].isalpha()) or text[s - 1] == "_":
            continue  # a word of two letters or more must stand right before it
        if any(ts < e and s < te for ts, te in taken):
            continue
        mark = m.group("closed_left") or m.group("closed_right")
        left = re.search(r"[^\W\d_]+\Z", text[max(0, s - 40):s - q]).group(0)
        right = re.match(r"[^\W\d_]+", text[e:e + 40]).group(0)
        if mark == "-":
            if m.group("closed_left") and (right.lower() in _SUSPENDED or low_is_prefix(left)
                                           or zipf((left + right).lower()) >= CLOSED_COMPOUND_ZIPF
                                           or zipf(left.lower()) < 2 or zipf(right.lower()) < LOPSIDED_COMMON_ZIPF):
                continue  # a suspended hyphen, or a word broken at a line end ("Kazimi- erz")
            if m.group("closed_right") and (right.lower() in _SUFFIX_WORDS
                                            or zipf(right.lower()) < LOPSIDED_COMMON_ZIPF):
                continue
            rep, why = house, f"house style writes {house.strip()!r}" + (
                " with a space on each side" if house.startswith(" ") else " without spaces")
        else:
            # A dash typed wrong takes the house dash, as a spaced hyphen does: one slipped en
            # dash is no evidence of a spaced-en-dash style (the document's own dashes are).
            rep = house
            why = f"it becomes {rep!r}"
            if mark == "–" and m.group("closed_right") and en_kept:
                # The space typed before it is the publication's spaced en dash: only the space
                # after was lost. A dash closed on the left ("spice– which") shows no such style.
                rep, why = " – ", "a spaced en dash lost its space after; it gets it back"
        taken.append((s, e))
        yield find(DASH if mark != "-" else SPACED_HYPHEN, text, s, e, rep,
                   f"{mark!r} between words with a space on one side only is a dash whose spacing slipped; {why}.", 0.9)


# A closed en dash between a word and a word that opens a clause ("the church–there are paths"):
# an en dash joins pairs and ranges (Moscow–Beijing, 1990–2000), never a word to a new clause.
_CLOSED_EN = re.compile(r"–(?<=[a-z]{3}–)(?=([a-z]+)\b)")  # the dash first: the regex engine skips to it


def _closed_en_dashes(doc: "Document", taken: list[tuple[int, int]]) -> Iterable[Finding]:
    """A closed en dash before a clause opener is a dash typed with the wrong mark: it becomes the
    house dash when the caller or the document has one, else a closed em dash (its spacing kept)."""
    text = doc.text
    style = doc.options.dash_style in HOUSE_DASHES or document_dash(doc) is not None
    rep = house_dash(doc) if style else "—"
    for m in _CLOSED_EN.finditer(text):
        s, e = m.span()
        word = m.group(1)
        if word not in _CLAUSE_OPENERS or word in _PRONOUNS or any(ts < e and s < te for ts, te in taken):
            continue
        left = re.search(r"[^\W\d_]+\Z", text[max(0, s - 40):s]).group(0)
        if left[:1].isupper() or left in _PRONOUNS or left in _COMPOUND_LINKS:
            continue
        taken.append((s, e))
        yield find(DASH, text, s, e, rep,
                   f"'–' between {left!r} and {word!r}, which opens a clause, stands for a dash (an en dash joins "
                   f"pairs and ranges); it becomes {rep!r}.", 0.9)


# Names joined by spaced hyphens and spelled out by the acronym after them: "Cambodia - Laos -
# Myanmar - Vietnam (CLMV)", "Ayeyawady - Chao Phraya - Mekong Economic Cooperation Strategy (ACMECS)".
_NAME = r"[A-Z][^\W\d_]+(?: [A-Z][^\W\d_]+)?"
_NAME_CHAIN = re.compile(rf"(?<![\w-]){_NAME}(?: - {_NAME}){{2,6}}(?=(?: [A-Z][^\W\d_]+){{0,4}} \(([A-Z]{{3,10}})\))")
_CHAIN_LINK = re.compile(" - ")
_ACRONYM = re.compile(r"\((?=[A-Z]{3,10}\))")


def _acronym_chains(text: str, taken: list[tuple[int, int]]) -> Iterable[Finding]:
    """A chain of names whose acronym follows it is one compound name: its links are en dashes."""
    for m in _NAME_CHAIN.finditer(text):
        items = m.group(0).split(" - ")
        if not m.group(1).startswith("".join(item[0] for item in items)):
            continue
        for link in _CHAIN_LINK.finditer(text, m.start(), m.end()):
            taken.append(link.span())
            yield find(SPACED_HYPHEN, text, link.start(), link.end(), "–",
                       f"{m.group(0)!r} is one name, as its acronym {m.group(1)!r} spells: its parts are joined "
                       "with closed en dashes.", 0.95)


def _spaced_hyphens(doc: "Document", house: str, taken: list[tuple[int, int]]) -> Iterable[Finding]:
    """Hyphens with spaces around them between two words: a dash where the text after it is
    plainly a new clause, otherwise only reported."""
    text = doc.text
    if " (" in text and _ACRONYM.search(text):
        yield from _acronym_chains(text, taken)
    # Span, and whether it is plainly a dash (None: not between words, not reported, but it
    # still makes its sentence doubtful: "Key points: - the army withdrew - the ceasefire held").
    found: list[tuple[int, int, bool | None]] = []
    for m in anchored(_SPACED_HYPHEN, _HYPHEN, " \u00a0", text):  # tried only before each hyphen
        s, e = m.span()
        if any(ts < e and s < te for ts, te in taken):
            continue  # the quote-dash rule rewrites it
        if _SPACE_BEFORE.match(text, e):
            continue  # "- !": punct.space_before takes the space after it, so it is no spaced hyphen
        found.append((s, e, _plain_dash(text, s, e)))
    if not found:
        return
    # A sentence with one of them, or two (an aside: "Shoigu - the minister - arrived"), when each
    # is plainly a dash. Any doubt about one of them leaves the sentence alone: in "Talks stalled -
    # but the Syria - Russia deal held" the second is a compound. Three or more, or two around a
    # single word, are a compound or a list. A sum in words is no place for dashes.
    by_sentence: dict[int, list[tuple[int, int, bool | None]]] = {}
    for hit in found:
        by_sentence.setdefault(doc.sentences.index(hit[0]), []).append(hit)
    for i, hits in by_sentence.items():
        dash = len(hits) <= 2 and all(d for _, _, d in hits)
        if len(hits) == 2 and _ONE_WORD.fullmatch(text, hits[0][1], hits[1][0]) \
                and not _QUOTED_WORD.fullmatch(text, hits[0][1], hits[1][0]):
            dash = False
        if dash and _ARITHMETIC.search(text, *doc.sentences.span(i)):
            dash = False
        for s, e, between_words in hits:
            if between_words is None:
                continue
            hyphen = text[s:e].strip(" \u00a0")
            if dash and len(hits) == 1 and hyphen == "-" and _COPULA.match(text, e) and text[s - 1:s].isalpha():
                # "Protracted conflict - is a kind of test": Russian writes a dash where English
                # writes "is" ("Затяжной конфликт — это испытание"); with "is" there, it goes.
                yield find(SPACED_HYPHEN, text, s, e, " ",
                           f"'-' before {text[e:e + 6].split()[0]!r} is the Russian dash that stands for \"is\"; "
                           f"with the verb written, it goes.", 0.9)
                continue
            if dash:
                yield find(SPACED_HYPHEN, text, s, e, house,
                           f"{hyphen!r} with spaces around it stands for a dash here (a clause follows); house "
                           f"style writes {house.strip()!r}"
                           + (" with a space on each side." if house.startswith(" ") else " without spaces."), 0.95)
            else:
                yield find(SPACED_HYPHEN, text, s, e, house,
                           f"{hyphen!r} with spaces around it may stand for a dash ({house.strip()!r}), or be a "
                           f"range or compound with stray spaces (Syria-Russia, so-called); not changed.",
                           0.5, autofix=False)


# A number and the lower-case word it counts after a spaced hyphen: "- 7 daughters", "- 30-32 degrees".
_NUMBER_CLAUSE = re.compile(r"\d+(?:[.,]\d+)?(?:[-–]\d+(?:[.,]\d+)?)?[ \u00a0]+[a-z]{3,}\b")
# Words a number after a hyphen labels rather than starts a clause after ("type - 2 diabetes",
# "phase - 3 trials", "Covid - 19 cases").
_NUMBERED_WORDS = frozenset("""
type phase stage step level grade class category version chapter page room size model series part
round group section article item number no vol issue gate line route zone block unit
""".split())


def _counted_before(word: str) -> bool:
    """A lower-case word of three letters or more before the hyphen, that numbers nothing: after it
    a number opens a clause of its own."""
    return word.isalpha() and word.islower() and len(word) >= 3 and word not in _NUMBERED_WORDS \
        and word not in _COMPOUND_LINKS


def _plain_dash(text: str, s: int, e: int) -> bool | None:
    """Whether the spaced hyphen ``text[s:e]`` is plainly a dash; None when it does not stand
    between two words (a list item, a minus sign, a range of numbers or of ordinals)."""
    before = _WORD_BEFORE.search(text, max(0, s - 40), s)
    after = _WORD_AFTER.match(text, e)
    if after is None and before is not None and _NUMBER_CLAUSE.match(text, e) and _counted_before(before.group(0)):
        return True  # "he has nine children - 7 daughters and two sons", "during the day - 30-32 degrees"
    if before is None or after is None or (before.start() > 0 and text[before.start() - 1].isalnum()):
        return None  # "3rd - the 7th": the letters of an ordinal are no word
    left = before.group(0).rstrip(")]\u201d\u2019\"'\u00bb")
    right = after.group(1)
    if len(left) < 2 or (len(right) < 2 and not (right in _WORD_NEXT and _WORD_NEXT[right].match(text, after.end()))):
        return None  # x - y, A - B, Phase - I: a formula, labels or numbering (not "NPR - I think")
    if text[s:e].strip(" \u00a0") == "--":
        return True  # a double hyphen between words is a typed dash: "alliance -- the Brotherhood"
    if _CYRILLIC.match(left[-1]) and right.isascii():
        return True  # no compound joins a Cyrillic word to an English one: "центр - called also"
    # A clause after a dash starts in lower case: "Amsterdam - The Hague" is a route.
    if left.lower() in _COMPOUND_LINKS:
        return False
    if right not in _CLAUSE_OPENERS:
        # Any other word: a dash unless the two words may form a compound or a pair typed with
        # stray spaces ("Syria - Russia", "so - called", "long - term", "members - only").
        opener = _SENTENCE_AFTER.match(text, e)
        if opener and re.match(r"[ \u00a0]+[a-z]", text[opener.end():opener.end() + 3]):
            return True  # "Tbilisi Mayor - We will not allow": a clause begins (not "- The Hague")
        short_tail = right in _SHORT_HEAD_TAILS and len(left) <= SHORT_HEAD and not (
            right in ("and", "or") and _CLAUSE_AFTER_CONJUNCTION.match(text, after.end())) \
            and not _CONTRACTED.match(text, after.end())
        if (left[:1].isupper() and right[:1].isupper()) or right in _COMPOUND_TAILS or low_is_prefix(left) or short_tail:
            return False
        if right[:1].isupper() and left[:1].isupper() and not _SENTENCE_AFTER.match(text, e):
            return False  # capitalised words on both sides: a name pair or a title ("Review - Vanishing")
        if zipf(left.lower() + right.lower()) >= CLOSED_COMPOUND_ZIPF:
            return False
        return True
    if text.startswith("-", after.end()):
        return False  # a compound spaced on one side: "across - the-board"
    low = left.lower()
    if low.startswith(right) or (low in _PRONOUNS and right in _PRONOUNS):
        return False  # "who's - who", "There - there", "we - they": a compound or a repetition
    line_start = text.rfind("\n", max(0, s - 60), s) + 1
    words_before = text[max(line_start, s - 60):s].lower().split()
    if right in words_before[-3:-1]:
        return False  # a parallel: "those present - those absent", "the old - the new"
    nxt = _WORD_AFTER.match(text, after.end() + 1) if text.startswith(" ", after.end()) else None
    if nxt is not None and nxt.group(1).lower() == right.lower() and text.startswith(" ", nxt.end()):
        # "the The convoy": repeat.word removes the copy, so the word after it is the one that counts
        nxt = _WORD_AFTER.match(text, nxt.end() + 1)
    if left[:1].isupper() and right in _DETERMINERS and nxt is not None and nxt.group(1)[:1].isupper():
        return False  # two names: "Belgium - the Netherlands border", "US - the UK talks"
    if zipf(low + right) >= CLOSED_COMPOUND_ZIPF:
        return False  # a closed compound with a stray space: "worth - while"
    return True


register(Check("artifacts.typography", (QUOTE_DASH, GUILLEMETS, DASH, SPACED_HYPHEN, SPACE_BEFORE, NUMERO), check))

"""Typography that translation from English leaves in text of another language, repaired to that
language's own (its profile in ``lang_profiles.json``): English or straight quotation marks become
the language's (German „…“, French « … », Russian «…»); a spaced hyphen typed for a dash becomes
the language's dash (German ` – `, Russian ` — `); Russian writes a space before the year
abbreviation (``2004 г.``). The English typography rules never run on such text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from ..edits import Finding, Severity
from ..profiles import document_language, profiles
from ..registry import Check, RuleInfo, register
from .common import find

if TYPE_CHECKING:
    from ..document import Document

CATEGORY = "punctuation"
_TYPOGRAPHY_LANGUAGES = ("de", "fr", "es", "ru")

# Each language's own marks: what both quotation rules leave as they are.
_OWN_MARKS_KEPT = ("Lawrow sprach von „purem Terror“.", "Le ministre a parlé de « terreur ».", "Он назвал это «террором».")
QUOTES = RuleInfo(
    "punct.quotes_language", CATEGORY, "apply", "apply", Severity.INFO,
    "In a text in another language than English, English “curly” quotation marks left by "
    "translation become the language's own (German „…“, French « … » with no-break spaces, "
    "Russian «…», with the language's inner quotes inside them), as do a closing mark typed to "
    "open a quotation (”Si…”, que » este…”), an opening one typed to close it (le monde«), and, "
    "in French and Russian, English ‘single’ marks; the language's own marks and its accepted "
    "alternatives (German »…« and «…», Spanish “…”, a French » opening a paragraph that goes on "
    "quoting) stay.",
    "Lawrow sprach von “purem Terror”.", "Lawrow sprach von „purem Terror“.",
    _OWN_MARKS_KEPT,
    _TYPOGRAPHY_LANGUAGES,
)
STRAIGHT_QUOTES = RuleInfo(
    "punct.straight_quotes_language", CATEGORY, "report", "apply", Severity.INFO,
    "In a German, French or Russian text, straight \"double\" quotation marks may become the "
    "language's own (German „…“, French « … », Russian «…»). Reported by default, applied with the "
    "strict profile: wire copy (dpa, AFP, Interfax) and the outlets that print it write straight "
    "quotes as their house style.",
    "Lawrow sprach von \"purem Terror\".", "Lawrow sprach von \"purem Terror\".",
    _OWN_MARKS_KEPT,
    _TYPOGRAPHY_LANGUAGES,
)
DASH = RuleInfo(
    "punct.dash_language", CATEGORY, "report", "apply", Severity.INFO,
    "In a German or Russian text, a hyphen with a space on each side typed for a dash may become "
    "the language's dash (German ` – `, Russian ` — `, which also replaces a spaced en dash). "
    "Reported by default, applied with the strict profile: the spaced hyphen is the house style of "
    "dpa and tagesschau.de, of TASS, RIA Novosti and Interfax, and many Russian-language outlets "
    "write a spaced en dash. Number ranges and compounds are left alone.",
    "Город под огнём - такова ситуация.", "Город под огнём - такова ситуация.",
    ("в 2014-2015 годах", "Ростов-на-Дону", "Город под огнём — такова ситуация."),
    ("ru", "de"),
)
INCISE = RuleInfo(
    "punct.incise_language", CATEGORY, "apply", "apply", Severity.INFO,
    "In a language that sets an aside between closed dashes (Spanish rayas: ``—el opositor más "
    "conocido—,``), a pair of hyphens typed for them, the first after a space and before a word, "
    "the second after a word and before punctuation or a space, becomes the pair of dashes; a "
    "hyphen inside a compound is left alone.",
    "un colaborador de Navalni -el opositor más conocido-, desapareció",
    "un colaborador de Navalni —el opositor más conocido—, desapareció",
    ("la frontera ruso-ucraniana", "los combates de julio-agosto, el 3-1 final", "—el opositor más conocido—,"),
    ("es",),
)
SPACE_BEFORE = RuleInfo(
    "punct.space_before_language", CATEGORY, "apply", "apply", Severity.INFO,
    "In a French, German, Spanish or Russian text, a space before a comma or full stop is removed "
    "(French keeps its space before ; : ! ?, which this rule never touches).",
    "Le président , qui a parlé lundi , est parti.", "Le président, qui a parlé lundi, est parti.",
    ("Le président : il est parti !", "une valeur de .5", "et ainsi de suite ..."),
    ("fr", "de", "es", "ru"),
)
BYLINE = RuleInfo(
    "lang.byline", "untranslated", "apply", "apply", Severity.INFO,
    "An English \"By\" opening a line before a name, left by translation in a text in another "
    "language, becomes that language's byline word (French Par, German Von, Spanish Por).",
    "By Ankou SODJAGO Le président russe a limogé son ministre.", "Par Ankou SODJAGO Le président russe a limogé son ministre.",
    ("Par Ankou SODJAGO Le président russe a limogé son ministre.", "By the way, le président est parti."),
    ("fr", "de", "es"),
)
PERCENT_SPACE = RuleInfo(
    "space.percent_language", "whitespace", "report", "apply", Severity.INFO,
    "In a language whose profile says so (French), a no-break space goes between a number and the "
    "per cent sign. Reported by default, applied with the strict profile: much of the French press "
    "online writes 10% as its house style.",
    "une hausse de 30% en un an", "une hausse de 30% en un an",
    ("une hausse de 30\u00a0% en un an", "une hausse de 30 % en un an"),
    ("fr", "de", "es", "ru"),
)
COLON_SPACE = RuleInfo(
    "space.colon_language", "whitespace", "report", "apply", Severity.INFO,
    "In a language whose profile says so (French), a no-break space goes before a colon glued to "
    "the word before it. Reported by default, applied with the strict profile: Swiss French and "
    "part of the French press online write none; before ; ! ? nothing is suggested.",
    "Le Hezbollah le réclame encore: le moindre acte", "Le Hezbollah le réclame encore: le moindre acte",
    ("Le Hezbollah le réclame encore\u00a0: le moindre acte", "à 14:30 sur https://example.org", "Quoi?"),
    ("fr", "de", "es", "ru"),
)
DECIMAL_POINT = RuleInfo(
    "number.decimal_point_language", "numbers", "apply", "apply", Severity.INFO,
    "In a language that writes a decimal comma, an English decimal point in a number with one or "
    "two decimals before a unit or magnitude of that language (its profile's ``number_units``) "
    "or after a word naming what it measures (``number_measures``: magnitud 6.4) becomes a comma "
    "(42.19 kilomètres, 1.5 Millionen); dates, times, versions and thousands (2.000) are left alone.",
    "Il a parcouru les 42.19 kilomètres en 2 heures.", "Il a parcouru les 42,19 kilomètres en 2 heures.",
    ("Il a parcouru les 42,19 kilomètres.", "am 13.04. um 14.30 Uhr", "2.000 Menschen"),
    ("fr", "de", "es", "ru"),
)
YEAR_SPACE = RuleInfo(
    "space.year_abbreviation", "whitespace", "apply", "apply", Severity.INFO,
    "Russian writes a space between a year and the abbreviation г. (2004 г.).",
    "в 2004г. он", "в 2004 г. он",
    ("в 2004 г. он", "весом 5г"),
    ("ru",),
)

_DATELINE = re.compile(r"(?:^|\n)[^\n]{0,40}\((?:dpa|AFP|Reuters|AP|KNA|epd|dts|APA|sda|ТАСС|РИА Новости|Интерфакс)[^)\n]{0,20}\)$")
_SPACE_BEFORE_COMMA = re.compile(r"(?<=[^\W\d_])[ \u00a0]+([,.])(?=[ \u00a0\n]|$)(?!\.)")
_QUOTE_CHARS = re.compile(r"[\"“”„«»]")
# With the English single marks, for a language that never quotes with them (its profile's
# ``foreign_single_quotes``): a doubled mark is one (‘‘légère reprise’’).
_QUOTE_MARKS = re.compile(r"‘‘|’’|[\"“”„«»‘’]")
# "By" opening a line (or the text) before two capitalised words: a byline ("By Ankou SODJAGO").
_BYLINE = re.compile(r"(?:(?<=\n)|^)By(?=[ \u00a0]+[A-Z][\w'’-]+[ \u00a0]+[A-Z])")
_GLUED_PERCENT = re.compile(r"(?<=\d)%")
# A colon glued to a word, before a space or the end of a line (not a time, a URL or "Re:").
_GLUED_COLON = re.compile(r"(?<=[^\W\d_]|[»)])(:)(?=[ \n]|$)")
# A number with a decimal point and one or two decimals, then a word (or %) that may be a unit.
_DECIMAL_POINT = re.compile(r"(?<![\d.,])\d{1,3}(\.)\d{1,2}(?![\d.,])[ \u00a0]?(%|[^\W\d_][\w.-]*)")
_MEASURE_LINK = r"(?:de|d'|von|of)"  # "magnitud de 4.6", "une magnitude de 6.0"


@lru_cache(maxsize=8)
def _measured_number(words: tuple[str, ...]) -> re.Pattern | None:
    """A number with an English decimal point after a word of the language that names what it
    measures (its profile's ``number_measures``: ``magnitud 6.4``, ``magnitude de 6.0``)."""
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?i:{alternatives})(?:[ \u00a0]+{_MEASURE_LINK})?[ \u00a0]+"
                      r"((?<![\d.,])\d{1,2}(\.)\d{1,2})(?![\d.,]*\d)")


_YEAR = re.compile(r"\b((?:1[89]|20)\d\d)(г\.)")
# After a word or a number ("Erst 1987 - nach 14 Jahren - wird"), before a word: a range of
# numbers ("1987 - 1990") is left alone.
# An aside between hyphens typed for closed dashes: " -el opositor ... Putin-," (after a word or a
# comma; no hyphen or dash inside; the closing one before punctuation or a space).
_INCISE = re.compile(r"(?<=[^\W\d_]|,) (-)(?=[^\W\d_])[^\n\-–—]{1,150}?(?<=[^\W_])(-)(?=[,.;:)]|\s)")
_SPACED_HYPHEN = re.compile(r"(?<=[^\W_]|[»\"“”),.!?…]) (-|–) (?=[«\"„“(]?[^\W\d_])")


def check(doc: "Document") -> Iterable[Finding]:
    language = document_language(doc)
    profile = profiles().get(language)
    if profile is None or language == "en":
        return
    text = doc.text
    if _QUOTE_CHARS.search(text) or profile.get("foreign_single_quotes") and "‘" in text:
        yield from _quotes(text, profile)
        if tuple(profile["quotes"]) == ("„", "“"):
            yield from _german_marks(text)
    dash = profile.get("dash")
    if dash and (" - " in text or " – " in text):
        for m in _SPACED_HYPHEN.finditer(text):
            if m.group(1) == "–" and dash == " – ":
                continue  # German writes the spaced en dash itself
            if _DATELINE.search(text, max(0, m.start() - 60), m.start()):
                continue  # an agency dateline: "Kiew (dpa) - " is the wire's own style
            yield find(DASH, text, m.start(), m.end(), dash,
                       f"A {'hyphen' if m.group(1) == '-' else 'spaced en dash'} typed for a dash; "
                       f"{profile['name']} writes {dash.strip()!r} with a space on each side.", 0.95)
    incise = profile.get("incise_dash")
    if incise and " -" in text:
        for m in _INCISE.finditer(text):
            for g in (1, 2):
                yield find(INCISE, text, m.start(g), m.end(g), incise,
                           f"A hyphen typed for the dash of an aside; {profile['name']} sets it between "
                           f"closed dashes ({incise}…{incise}).", 0.95)
    if " ," in text or " ." in text or "\u00a0," in text:
        for m in _SPACE_BEFORE_COMMA.finditer(text):
            if text[m.start(1) + 1:m.start(1) + 2] == ".":
                continue  # an ellipsis
            yield find(SPACE_BEFORE, text, m.start(), m.start(1), "",
                       f"{profile['name']} puts no space before {m.group(1)!r}.", 0.95)
    byline = profile.get("byline")
    if byline and "By" in text:
        for m in _BYLINE.finditer(text):
            yield find(BYLINE, text, m.start(), m.end(), byline,
                       f"'By' before a name is an English byline left by translation; {profile['name']} writes "
                       f"{byline!r}.", 0.95)
    percent = profile.get("percent")
    if percent and "%" in text:
        for m in _GLUED_PERCENT.finditer(text):
            yield find(PERCENT_SPACE, text, m.start(), m.start(), percent[:-1],
                       f"{profile['name']} writes a no-break space between a number and '%'.", 0.95)
    colon = profile.get("space_before_colon")
    if colon and ":" in text:
        for m in _GLUED_COLON.finditer(text):
            yield find(COLON_SPACE, text, m.start(1), m.start(1), colon,
                       f"{profile['name']} writes a no-break space before ':'.", 0.95)
    units = frozenset(profile.get("number_units", ()))
    points: set[int] = set()
    if units and "." in text:
        for m in _DECIMAL_POINT.finditer(text):
            if m.group(2) in units or m.group(2).lower() in units:
                points.add(m.start(1))
                yield find(DECIMAL_POINT, text, m.start(1), m.end(1), ",",
                           f"{m.group(0)!r} has an English decimal point; {profile['name']} writes a decimal comma.",
                           0.95)
    measured = _measured_number(tuple(profile.get("number_measures", ())))
    if measured is not None and "." in text:
        for m in measured.finditer(text):
            if m.start(2) not in points:  # not already read with its unit
                yield find(DECIMAL_POINT, text, m.start(2), m.end(2), ",",
                           f"{m.group(1)!r} after {m.group(0).split()[0]!r} has an English decimal point; "
                           f"{profile['name']} writes a decimal comma.", 0.95)
    if language == "ru" and "г." in text:
        for m in _YEAR.finditer(text):
            yield find(YEAR_SPACE, text, m.end(1), m.end(1), " ",
                       f"Russian writes a space between the year and 'г.': {m.group(1)} г.", 0.95)


# German marks misplaced by translation: a space inside a pair („ Zweifellos, befürworten. “), a
# low mark typed for the closing one (erörtern „.), an English closing mark on a line with no
# opening one before it (aufhören”, sagte).
_SPACE_AFTER_LOW = re.compile(r"„( +)(?=[^\W\d_])")
_SPACE_BEFORE_HIGH = re.compile(r"(?<=[^\W_]|[.,!?…])( +)“(?=[\s,.;:!?)]|$)")
_LOW_CLOSING = re.compile(r"(?<=[^\W_]|[.,!?…])( *)„(?=[.,;:!?)]| *$)")
_LONE_CLOSING = re.compile(r"(?<=[^\W_]|[.,!?…])”(?=[\s,.;:!?)]|$)")


def _german_marks(text: str) -> Iterable[Finding]:
    pos = 0
    for line in text.split("\n"):
        base, pos = pos, pos + len(line) + 1
        if "„" not in line and "”" not in line:
            continue
        for m in _SPACE_AFTER_LOW.finditer(line):
            yield find(QUOTES, text, base + m.start(1), base + m.end(1), "",
                       "German writes no space after the opening mark „.", 0.95)
        for m in _SPACE_BEFORE_HIGH.finditer(line):
            if "„" in line[:m.start()]:
                yield find(QUOTES, text, base + m.start(1), base + m.end(1), "",
                           "German writes no space before the closing mark “.", 0.95)
        for m in _LOW_CLOSING.finditer(line):
            if line.count("„", 0, m.start()) > line.count("“", 0, m.start()):
                yield find(QUOTES, text, base + m.start(), base + m.end(), "“",
                           "'„' after the quoted words closes the quotation; German closes it with “.", 0.95)
        for m in _LONE_CLOSING.finditer(line):
            if not any(c in line[:m.start()] for c in "„“”"):
                yield find(QUOTES, text, base + m.start(), base + m.end(), "“",
                           "'”' closes a quotation opened before this line; German closes it with “.", 0.95)


def _quotes(text: str, profile: dict) -> Iterable[Finding]:
    primary, inner = profile["quotes"], profile["inner_quotes"]
    foreign = {tuple(p) for p in profile.get("foreign_quotes", [])}
    straight = profile.get("straight_quotes", False)
    own = {tuple(profile["quotes"]), tuple(profile["inner_quotes"])} | {tuple(p) for p in profile.get("also_quotes", [])}
    own_open = {o.strip("\u00a0") for o, _ in own}
    singles = profile.get("foreign_single_quotes", False)
    pattern = _QUOTE_MARKS if singles else _QUOTE_CHARS
    pos = 0
    for line in text.split("\n"):
        base, pos = pos, pos + len(line) + 1
        marks = [(base + m.start(), m.group(0)) for m in pattern.finditer(line)
                 if not (singles and m.group(0) in "‘’" and _apostrophe(text, base + m.start()))]
        if not marks:
            continue
        stack: list[tuple[int, str]] = []
        pairs: list[tuple[int, str, int, str, int]] = []  # open at, mark, close at, mark, depth
        # Straight quotes with a space inside each (" Es kommt ... investieren ", as a tokenizer
        # leaves them): the first opens, the second closes, and the spaces go with the edits.
        spaced_open, spaced_close = set(), set()
        if straight and '" ' in line:
            for m in _SPACED_STRAIGHT.finditer(line):
                if line.count('"', 0, m.start()) % 2 == 0:
                    spaced_open.add(base + m.start())
                    spaced_close.add(base + m.end() - 1)
        for at, ch in marks:
            # German and Russian close „ with “: that mark closes when „ is open.
            opening = at in spaced_open or at not in spaced_close and _opens(text, at, ch, bool(stack), line_start=base) \
                and not (ch == "“" and stack and stack[-1][1] == "„")
            if opening:
                stack.append((at, ch))
            elif stack:
                o_at, o_ch = stack.pop()
                pairs.append((o_at, o_ch, at, ch, len(stack)))
        if stack:
            continue  # an unpaired mark on the line: the pairing is uncertain, nothing is changed
        for o_at, o_ch, c_at, c_ch, depth in pairs:
            pair = (o_ch, c_ch)
            # A closing mark typed to open (”Si vous…”, que » este…”), or English single marks.
            misused = o_ch in ("”", "»") or o_ch in ("‘", "‘‘")
            is_foreign = pair in foreign or (straight and pair == ('"', '"')) or misused
            mismatched = o_ch in own_open and (o_ch, c_ch) not in {(o.strip("\u00a0"), c.strip("\u00a0")) for o, c in own}
            own_close = {c.strip("\u00a0"): o for o, c in own}
            # A straight mark opening what the language's own mark closes ("Poutine ... Michoustine »).
            half_straight = o_ch == '"' and c_ch in own_close and c_ch != '"'
            if not is_foreign and not mismatched and not half_straight:
                continue
            o_rep, c_rep = inner if depth else primary
            if mismatched and not is_foreign:
                o_rep = o_ch  # keep the language's own opening mark; repair only the closing one
                closing = {o.strip("\u00a0"): c for o, c in own}.get(o_ch, c_rep)
                c_rep = closing
            elif half_straight:
                o_rep = own_close[c_ch]  # the opening mark of the language's own pair; the closing one stays
                c_rep = text[c_at - 1:c_at + 1] if text[c_at - 1:c_at] == "\u00a0" else c_ch
            o_end, c_start, c_end = o_at + len(o_ch), c_at, c_at + len(c_ch)
            if misused and o_ch == "»" and text[o_end:o_end + 1] == " ":
                o_end += 1  # "que » este": the space belonged to the closing mark it was typed as
            if o_at in spaced_open and c_at in spaced_close:
                while text[o_end] == " ":
                    o_end += 1
                while text[c_start - 1] == " ":
                    c_start -= 1
            if o_rep.endswith("\u00a0") and text[o_end:o_end + 1] in (" ", "\u00a0"):
                o_end += 1  # French « takes a no-break space after it, not a second space
            if c_rep.startswith("\u00a0") and text[c_start - 1:c_start] in (" ", "\u00a0"):
                c_start -= 1
            what = f"{profile['name']} quotation marks are {o_rep.strip()}…{c_rep.strip()}"
            rule, style = (STRAIGHT_QUOTES, "a straight") if pair == ('"', '"') else \
                (QUOTES, "a straight mark for the language's own" if half_straight else "an English-style")
            if o_rep != text[o_at:o_end]:
                yield find(rule, text, o_at, o_end, o_rep, f"{o_ch!r} opens {style} quotation; {what}.", 0.95)
            if is_foreign and profile.get("comma_outside_quotes") and text[c_start - 1:c_start] == ",":
                # English puts the comma inside the closing quote; this language after it.
                yield find(rule, text, c_start - 1, c_end, c_rep + ",",
                           f"',{c_ch}' closes {style} quotation; {what}, and the comma follows it.", 0.95)
            elif c_ch == "«" and text[c_end:c_end + 2] == " ,":
                # "Iran« , a-t-il": the opening mark typed to close, and the space before the comma
                yield find(rule, text, c_start, c_end + 2, c_rep + ",",
                           f"'«' closes a quotation here; {what}, with no space before the comma.", 0.95)
            elif c_rep != text[c_start:c_end]:
                yield find(rule, text, c_start, c_end, c_rep, f"{c_ch!r} closes {style} quotation; {what}.", 0.95)


# A straight-quoted stretch of a few words with a space inside each quote, on one line, ending
# before a space or punctuation.
_SPACED_STRAIGHT = re.compile(r'(?<![\w"])" +[^"\s][^"\n]{0,200}?[^"\s] +"(?=[\s,.;:!?)]|$)')


def _apostrophe(text: str, at: int) -> bool:
    """Whether a single mark stands between two letters (l’âge, aujourd’hui): an apostrophe."""
    return 0 < at < len(text) - 1 and text[at - 1].isalpha() and text[at + 1].isalpha()


def _opens(text: str, at: int, ch: str, open_before: bool = False, line_start: int = 0) -> bool:
    """Whether the mark at ``at`` opens a quotation: by its shape, or where a closing mark is typed
    to open one (``: ”Si``, ``que » este`` with nothing open) or an opening one to close it
    (``le monde«``, ``Iran« ,``), by the characters around it."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + len(ch)] if at + len(ch) < len(text) else " "
    if ch == "«":
        return not (open_before and not before.isspace() and (after.isspace() or after in ",.;:!?)"))
    if ch in "“„" or ch in ("‘", "‘‘"):
        return True
    if ch == "”":
        return (before.isspace() or before in "([{") and not after.isspace()
    if ch == "»":
        # mid-line, with nothing open, between spaces before a word (never a line's first mark:
        # a French quotation running on over paragraphs opens each with »)
        return not open_before and before == " " and at - 1 > line_start and text[at - 2] != "\n" \
            and after == " " and text[at + 2:at + 3].isalpha()
    if ch in ("’", "’’"):
        return False
    return (before.isspace() or before in "([{—–-/") and not after.isspace()


register(Check("artifacts.typography_language", (QUOTES, STRAIGHT_QUOTES, DASH, INCISE, SPACE_BEFORE, BYLINE, PERCENT_SPACE, COLON_SPACE,
                                                  DECIMAL_POINT, YEAR_SPACE), check))

"""Continental number formats in English text: ``2,5 million`` and ``400 000``, where unambiguous."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from ..edits import Finding, Severity
from ..registry import Check, RuleInfo, register
from .common import find
from .data import MONTHS, NUMBER_UNITS

if TYPE_CHECKING:
    from ..document import Document

CATEGORY = "numbers"

DECIMAL_COMMA = RuleInfo(
    "number.decimal_comma", CATEGORY, "apply", "apply", Severity.WARNING,
    "A decimal comma (2,5 million) becomes a decimal point, only before a unit or magnitude and "
    "with one or two decimals, so lists (1, 2, 3) and thousands (2,500) are never touched.",
    "a budget of 2,5 million rubles", "a budget of 2.5 million rubles",
    ("items 1, 2, 3 and 4", "2,500 people", "1,2,5 million"),
)
THOUSANDS_SPACE = RuleInfo(
    "number.thousands_space", CATEGORY, "apply", "apply", Severity.WARNING,
    "Thousands grouped with spaces (400 000) take commas; with plain spaces only when the number "
    "has several groups or a unit follows, never after a month or another number.",
    "over 400 000 people have been killed", "over 400,000 people have been killed",
    ("on March 14 100 people came", "400,000 people", "call 8 800 555 35 35"),
)

_UNIT = r"[ \u00a0]?(?P<unit>%|[^\W\d_]+)"
_GROUPED = re.compile(r"(?<![\d.,])(?<!\d[ \u00a0])[1-9]\d{0,2}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d.]|[ \u00a0]\d)"
                      r"(?:,(?P<dec>\d{1,2})(?![\d,]))?")
# A digit first, then the look back at the character before it: the regex engine skips to digits.
_DECIMAL = re.compile(r"\d(?<![\d.,]\d)\d{0,2},\d{1,2}(?![\d,.])(?=" + _UNIT + ")")
_UNIT_RE = re.compile(_UNIT)
# Cheap scans that tell whether the full patterns can match at all.
_GROUPED_HINT = re.compile(r"\d[ \u00a0\u202f\u2009]\d\d\d")
_DECIMAL_HINT = re.compile(r",(?<=\d,)\d")  # a digit, a comma, a digit; the comma first
_SEP = re.compile("[ \u00a0\u202f\u2009]")
_PREV_WORD = re.compile(r"([^\W\d_]+)\.?[ \u00a0]+$")


def _unit_after(text: str, end: int) -> str | None:
    m = _UNIT_RE.match(text, end)
    if m is None:
        return None
    unit = m.group("unit").lower()
    return unit if unit in NUMBER_UNITS else None


def check(doc: "Document") -> Iterable[Finding]:
    text = doc.text
    grouped: list[tuple[int, int]] = []
    for m in _GROUPED.finditer(text) if _GROUPED_HINT.search(text) else ():
        s, e = m.span()
        number = text[s:m.start("dec") - 1] if m.group("dec") else text[s:e]
        seps = [i for i in range(s, s + len(number)) if not text[i].isdigit()]
        typographic = all(text[i] != " " for i in seps)
        unit = _unit_after(text, e)
        prev = _PREV_WORD.search(text, max(0, s - 20), s)
        if prev is not None and prev.group(1).lower() in MONTHS | {"no", "nos", "page", "pages", "p", "pp"}:
            continue
        if not typographic and len(seps) < 2 and unit is None:
            continue
        grouped.append((s, e))
        for i in seps:
            yield find(THOUSANDS_SPACE, text, i, i + 1, ",",
                       f"{number!r} groups thousands with spaces; English writes {_SEP.sub(',', number)!r}.", 0.9)
        if m.group("dec") and unit is not None:
            c = m.start("dec") - 1
            yield find(DECIMAL_COMMA, text, c, c + 1, ".",
                       f"{text[s:e]!r} uses a decimal comma before {unit!r}; English writes a decimal point.", 0.9)
    for m in _DECIMAL.finditer(text) if _DECIMAL_HINT.search(text) else ():
        if any(s <= m.start() < e for s, e in grouped):
            continue
        if m.group("unit").lower() not in NUMBER_UNITS:
            continue
        c = text.index(",", m.start())
        yield find(DECIMAL_COMMA, text, c, c + 1, ".",
                   f"{m.group(0)!r} before {m.group('unit')!r} is a number with a decimal comma; English writes "
                   f"{m.group(0).replace(',', '.')!r}.", 0.9)


register(Check("artifacts.numbers", (DECIMAL_COMMA, THOUSANDS_SPACE), check))

"""Residue of content-management systems: shortcodes, empty tag lines and stray HTML tags."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from ..edits import Finding, Severity
from ..profiles import ANY
from ..registry import Check, RuleInfo, register
from .common import find, removal
from .data import BLOCK_TAGS, HTML_TAGS, SHORTCODES

if TYPE_CHECKING:
    from ..document import Document

CATEGORY = "cms"

SHORTCODE = RuleInfo(
    "cms.shortcode", CATEGORY, "apply", "apply", Severity.WARNING,
    "WordPress-style shortcodes ([caption ...], [embed], [gallery ids=\"1,2\"]) are removed; the "
    "text between an opening and a closing shortcode is kept.",
    "[caption id=\"\" width=\"555\"] Pilots at an airbase. (AFP)[/caption]", "Pilots at an airbase. (AFP)",
    ("He said [sic] that", "the [former] minister", "see [1]"),
    languages=ANY,
)
EMPTY_TAGS = RuleInfo(
    "cms.empty_tags", CATEGORY, "apply", "apply", Severity.INFO,
    "A \"Tags:\" line with no tags (only separators) is removed together with the blank lines "
    "before it.",
    "the same year.\n\nTags: ; ; ; ;", "the same year.",
    ("Tags: Syria; Russia", "Price tags: high"),
    languages=ANY,
)
HTML_TAG = RuleInfo(
    "cms.html_tag", CATEGORY, "apply", "apply", Severity.WARNING,
    "HTML tags left in plain text (<p>, </strong>, <br/>) are removed; a block tag between two "
    "words leaves a space, and a break tag with a paragraph break after it inside a sentence (the "
    "next line goes on in lower case) becomes a space. A tag named in a sentence about HTML, or a "
    "line of markup shown after "
    "a colon in one (\"inside the HTML templates:\"), is written on purpose and stays.",
    "<p>Shoigu arrived in <strong>Damascus</strong>.</p>", "Shoigu arrived in Damascus.",
    ("if a <b and c> d", "x < y > z", "<Reuters>"),
    languages=ANY,
)

_ATTRS = r"""(?:[ \t]+[\w-]+(?:=(?:"[^"\n]*"|'[^'\n]*'|[^\s\]"']+))?)*[ \t]*/?"""
_SC_NAMES = "|".join(re.escape(n) for n in sorted(SHORTCODES, key=len, reverse=True))
_SHORTCODE = (rf"\[/?(?:{_SC_NAMES}){_ATTRS}\]"
              r"|\[[a-z][\w-]*(?:[ \t]+[\w-]+=(?:\"[^\"\n]*\"|'[^'\n]*'))+[ \t]*/?\]"
              r"|\[[a-z]{2,12}_\d{1,3}\]")  # a numbered slot: [ad_1], [banner_2]
_HTML = (rf"</?(?:{'|'.join(HTML_TAGS)})(?:[ \t]+[\w-]+=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s>\"']+))*"
         r"[ \t]*/?>")
_TOKEN = rf"(?:{_SHORTCODE}|{_HTML})"
# Between two tokens of one run: spaces, and doubled straight quotes left by an escaping step
# ("</span><br />'' <span>"): with no letter between the tags they wrap nothing.
_RUN_GAP = r"""(?:[ \t\u00a0\u200b\u00ad]|''|"")*"""
_MARKUP = re.compile(rf"{_TOKEN}(?:{_RUN_GAP}{_TOKEN})*", re.IGNORECASE)
_SHORTCODE_RE = re.compile(_SHORTCODE, re.IGNORECASE)
_BLOCK_RE = re.compile(rf"</?(?:{'|'.join(BLOCK_TAGS)})\b", re.IGNORECASE)
# Markup left at the end of the tag line goes with it.
_TAGS_LINE = re.compile(rf"^[ \t\u200b\u00ad\ufeff]*(?:{_TOKEN}[ \t]*)*(?:Tags|Tagged|Tag|Keywords|Теги|Метки)[ \t]*:[ \t;,|\u200b\u2060\ufeff\u00ad]*(?:{_TOKEN}[ \t]*)*$",
                        re.MULTILINE | re.IGNORECASE)
# What every tag line holds: the word, then its colon (read back from each colon of the text,
# which is far cheaper than trying the pattern above at every position).
_TAG_WORD_END = re.compile(r"(?:Tags|Tagged|Tag|Keywords|Теги|Метки)\Z", re.IGNORECASE)


def _may_hold_tag_line(text: str) -> bool:
    """Whether a colon of ``text`` follows a tag word (spaces or tabs between): else no line is
    a tag line."""
    p = text.find(":")
    while p >= 0:
        q = p
        while q > 0 and text[q - 1] in " \t":
            q -= 1
        if _TAG_WORD_END.search(text, max(0, q - 8), q):
            return True
        p = text.find(":", p + 1)
    return False


def without_markup(text: str) -> str:
    """``text`` with the shortcodes and HTML tags these rules remove read as spaces: what the
    text says once they are gone (the document's language is read from it)."""
    if "[" not in text and "<" not in text:
        return text
    return _MARKUP.sub(" ", text)


def empty_tags_line_at(text: str, at: int) -> bool:
    """Whether the line starting at ``at`` is an empty "Tags:" line, which ``cms.empty_tags`` removes."""
    return _TAGS_LINE.match(text, at) is not None


def without_tag_lines(text: str) -> str:
    """``text`` without the empty "Tags:" lines ``cms.empty_tags`` removes (their ``;`` are no code)."""
    return _TAGS_LINE.sub("", text) if ":" in text else text


def check(doc: "Document") -> Iterable[Finding]:
    text = doc.text
    if "[" in text or "<" in text:
        yield from _markup(text)
    if ":" in text and _may_hold_tag_line(text):
        yield from _tag_lines(text)


# A text about markup names its tags on purpose: "the <div> element", "close it with </div>".
_MARKUP_TALK = re.compile(r"\b(?:HTML|XHTML|XML|tags?|elements?|markup|attributes?|CSS|browsers?)\b", re.IGNORECASE)
_NAMED_BEFORE = re.compile(r"\b(?:the|a|an|with|use|using|write|type|add|insert)[ \u00a0]+$", re.IGNORECASE)


def _mentioned(text: str, s: int, e: int) -> bool:
    """Whether the tag at ``[s, e)`` is written about rather than left over: a single tag after
    "the", "with", "use"..., in a sentence that speaks of HTML, tags or elements."""
    name = re.match(r"</?([A-Za-z][\w-]*)", text[s:e])
    if name and len(name.group(1)) >= 2 and name.group(1).lower() not in ("em", "strong", "small", "big", "center", "main") \
            and re.search(rf"(?<![<\w/])\b{re.escape(name.group(1))}\b(?![\w>])", text[max(0, s - 120):s] + " " + text[e:e + 120]):
        return True  # the tag's name also stands as a word nearby: "close a div with </div>"
    if _code_sample(text, s):
        return True
    lo = max(text.rfind("\n", 0, s), text.rfind(". ", 0, s), 0)
    hi = min(x for x in (text.find("\n", e), text.find(". ", e), len(text)) if x >= 0)
    if not _MARKUP_TALK.search(text[lo:s] + " " + text[e:hi]):
        return False
    return bool(_NAMED_BEFORE.search(text, max(0, s - 12), s)) or bool(re.match(r"[ \u00a0]*(?:tags?|elements?|HTML)\b", text[e:e + 12]))


_BREAKS_ONLY = re.compile(r"(?:<br[ \t]*/?>[ \t]*)+", re.IGNORECASE)
# A paragraph break (a blank line), then a lower-case word: no paragraph opens so, and a poem's
# lines break once.
_RUN_ON = re.compile(r"[ \t]*\r?\n(?:[ \t]*\r?\n)+[ \t]*(?=[a-z])")


def _code_sample(text: str, s: int) -> bool:
    """Whether the markup at ``s`` is on a line of markup shown as a sample: the line opens with a
    tag, and the line before it ends with a colon and speaks of HTML, tags or elements ("We
    include divs for the units inside the HTML templates:")."""
    line = text.rfind("\n", 0, s) + 1
    if not text[line:s + 1].lstrip(" \t").startswith("<"):
        return False
    prev = text[:line].rstrip()
    intro = prev[prev.rfind("\n") + 1:]
    return intro.endswith(":") and _MARKUP_TALK.search(intro) is not None


def _markup(text: str) -> Iterable[Finding]:
    for m in _MARKUP.finditer(text):
        s, e = m.span()
        tokens = m.group(0)
        shortcode = _SHORTCODE_RE.search(tokens) is not None
        if not shortcode and _mentioned(text, s, e):
            continue
        joiner = " " if _BLOCK_RE.search(tokens) else ""
        rs, re_, rep = removal(text, s, e, joiner)
        if rep == " " and (text[rs - 1:rs] in "([{“‘\"'" or text[re_:re_ + 1] in ".,;:!?)]}”’\"'"):
            rep = ""  # no space between a word and its punctuation
        if rep == " " and (text[rs - 1:rs] in "—–" or text[re_:re_ + 1] in "—–"):
            rep = ""  # punct.dash spaces the dash itself; a space here would double it
        if rep == "" and (rs == 0 or text[rs - 1] == "\n") and text[re_:re_ + 1] == "\n":
            re_ += 1  # the line held only markup: remove the line with its break
        elif _BREAKS_ONLY.fullmatch(tokens) and (text[rs - 1:rs].isalpha() or text[rs - 1:rs] == ","):
            run_on = _RUN_ON.match(text, re_)
            if run_on is not None:
                # A break tag ending a line inside a sentence ("occupy<br />\n\nan area"): the copy
                # kept the tag and its breaks both; the sentence runs on past them.
                yield find(HTML_TAG, text, rs, run_on.end(), " ",
                           f"{tokens!r} and the paragraph break after it are HTML residue inside a sentence "
                           "(the next line goes on in lower case); they become a space.", 0.95)
                continue
        rule = SHORTCODE if shortcode else HTML_TAG
        what = "shortcode" if shortcode else "HTML tag"
        yield find(rule, text, rs, re_, rep,
                   f"{tokens!r} is {what} residue from a content-management system; removed"
                   + (", the text it wrapped is kept." if "/" in tokens else "."), 0.95)


def _tag_lines(text: str) -> Iterable[Finding]:
    for m in _TAGS_LINE.finditer(text):
        ls, le = m.span()
        start = ls
        while start > 0:  # swallow the blank lines before it
            prev = text.rfind("\n", 0, start - 1) + 1
            if text[prev:start - 1].strip():
                break
            start = prev
        tail_blank = not text[le:].strip()
        if tail_blank:
            end = le
            if start > 0:
                start -= 1  # the line break ending the text before; the tag line's own break stays
        else:
            end = min(len(text), le + 1)
        yield find(EMPTY_TAGS, text, start, end, "",
                   f"{m.group(0).strip()!r} is an empty tag list left by a content-management system; "
                   "the line is removed.", 0.95)


register(Check("artifacts.cms", (SHORTCODE, EMPTY_TAGS, HTML_TAG), check))

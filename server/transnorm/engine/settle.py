"""Settling a normalization: repairs that bring hidden text to light are followed by another pass.

Removing a control character, an invisible character or markup, or decoding an entity or
mojibake, can make text that the other rules read for the first time only once it is clean
(``As\\x00sad`` is ``Asad`` once the NUL goes; ``the&nbsp;Syria`` has its article only once the
entity is a space). Such a document is checked again on its output, until nothing more is applied
or ``MAX_PASSES`` is reached, and the later passes' edits are composed with the earlier ones into
edits of the caller's text: an edit that touches an earlier one becomes one edit over both, with
the later rule's id and a message naming both; the others are moved to the caller's offsets.
Every change to the caller's text remains one reported edit.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Sequence

from .edits import Finding, apply_edits

# Repairs after which the text other rules read has changed underneath them.
REVEALING = frozenset({
    "space.control", "space.zero_width", "encoding.mojibake", "encoding.html_entity", "script.homoglyph",
    "cms.html_tag", "cms.shortcode",
    "space.glued_words",  # words glued together (theSergei), parted or joined
})
MAX_PASSES = 4  # the first pass and at most three more


def needs_another_pass(text: str, applied: Sequence[Finding]) -> bool:
    """Whether the edits of a pass may have brought text to light that the rules did not read: a
    ``REVEALING`` repair; for removed markup, only markup against a letter or digit (inside or at
    a word), or markup whose removal with the spaces around it joins what stood apart (``« </p>
    Sergei`` becomes ``«Sergei``), since a caption shortcode on a line of its own reveals nothing;
    a name rewritten to begin with a Latin capital, where none stood, against a word or the
    punctuation before it (``said.بشار`` becomes ``said.Bashar``, ``said.al-al-Assad``
    ``said.Assad``)."""
    for f in applied:
        if f.rule_id.startswith("name."):
            if _new_capital(f) and ((f.start > 0 and (text[f.start - 1].isalnum() or text[f.start - 1] in ",.;:!?"))
                                    or (f.end < len(text) and text[f.end].isalnum())):
                return True  # glued to a word or to the punctuation before it
            continue
        if f.rule_id not in REVEALING:
            continue
        if not f.rule_id.startswith("cms.") \
                or (f.start > 0 and text[f.start - 1].isalnum() and not f.original[:1].isspace()) \
                or (f.end < len(text) and text[f.end].isalnum() and not f.original[-1:].isspace()):
            return True  # markup glued to a word: its removal joins or reveals words
        if not f.replacement and f.original.strip() != f.original and _joins(text, f):
            return True  # markup and its spaces removed: the text on either side now meets
    return False


def _new_capital(f: Finding) -> bool:
    """Whether the edit's replacement begins with a Latin capital and its original does not."""
    first, was = f.replacement[:1], f.original[:1]
    return "A" <= first <= "Z" and not "A" <= was <= "Z"


def _joins(text: str, f: Finding) -> bool:
    """Whether the characters on either side of the edit, which it parted, are no spaces."""
    return 0 < f.start and f.end < len(text) and not text[f.start - 1].isspace() and not text[f.end].isspace()


def compose(text: str, first: Sequence[Finding], later: Sequence[Finding], pass_number: int = 2) -> tuple[Finding, ...]:
    """Edits of ``text`` that give what ``later`` (edits of the output of ``first``) makes of that
    output: ``first``'s edits that no later edit touches, unchanged; each later edit moved to
    ``text``'s offsets, or merged with the earlier edits it touches into one edit. Every edit of
    the later pass carries the detail ``("pass", pass_number)``."""
    first = sorted(first, key=lambda f: (f.start, f.end))
    # Where each earlier edit's replacement lies in the output, and the shift before it.
    out_starts, out_ends, shifts = [], [], []
    shift = 0
    for f in first:
        shifts.append(shift)
        out_starts.append(f.start + shift)
        out_ends.append(f.start + shift + len(f.replacement))
        shift += len(f.replacement) - (f.end - f.start)
    output = apply_edits(text, first)

    def to_text(pos: int, at_end: bool) -> int:
        """An output offset outside any earlier replacement as an offset of ``text``. An earlier
        deletion right at ``pos`` lies before a start and after an end, so no edit covers it."""
        k = bisect_right(out_ends, pos) - 1
        while at_end and k >= 0 and out_ends[k] == pos and out_starts[k] == pos:
            k -= 1
        if k < 0:
            return pos
        return pos - (shifts[k] + len(first[k].replacement) - (first[k].end - first[k].start))

    def touches(k: int, b: Finding) -> bool:
        s1, e1 = out_starts[k], out_ends[k]
        if s1 == e1:  # an earlier deletion: touched when the later edit spans its place
            return b.start < s1 < b.end
        if b.start == b.end:  # a later insertion: touching when inside the earlier replacement
            return s1 < b.start < e1
        return s1 < b.end and b.start < e1

    def touched(b: Finding) -> tuple[int, int]:
        """The range [i, j) of earlier edits ``b`` touches (empty when none)."""
        k = max(0, bisect_left(out_ends, b.start) - 1)
        hit = []
        while k < len(first) and out_starts[k] <= b.end:
            if touches(k, b):
                hit.append(k)
            k += 1
        return (hit[0], hit[-1] + 1) if hit else (0, 0)

    # Later edits grouped with the earlier ones they touch: one cluster per composed edit.
    clusters: list[tuple[list[Finding], int, int]] = []
    for b in sorted(later, key=lambda f: (f.start, f.end)):
        i, j = touched(b)
        if clusters and i < j and clusters[-1][2] > i:
            members, ci, cj = clusters[-1]
            clusters[-1] = (members + [b], ci, max(cj, j))
        else:
            clusters.append(([b], i, j))
    absorbed: set[int] = set()
    composed: list[Finding] = []
    for members, i, j in clusters:
        lo = min(members[0].start, out_starts[i]) if i < j else members[0].start
        hi = max(members[-1].end, out_ends[j - 1]) if i < j else members[-1].end
        start = first[i].start if i < j and lo == out_starts[i] else to_text(lo, False)
        end = first[j - 1].end if i < j and hi == out_ends[j - 1] else to_text(hi, lo != hi)
        pieces, pos = [], lo
        for b in members:
            pieces += [output[pos:b.start], b.replacement]
            pos = b.end
        pieces.append(output[pos:hi])
        replacement = "".join(pieces)
        absorbed.update(range(i, j))
        if replacement == text[start:end]:
            continue  # the later pass undid the earlier edit: no change at all
        lead = members[0]
        earlier = [first[k] for k in range(i, j)]
        if earlier or len(members) > 1:
            also = [f"{f.rule_id}: {f.message}" for f in earlier + members[1:]]
            message = f"{lead.message} (in one edit with the repairs it depends on: {' '.join(also)})"
            details = lead.details + (("composed_with", ",".join(f.rule_id for f in earlier + members[1:])),)
        else:
            message = f"{lead.message} (found once the text's other repairs were made)"
            details = lead.details
        details = tuple(d for d in details if d[0] != "pass") + (("pass", str(pass_number)),)
        composed.append(Finding(start, end, text[start:end], (replacement,), lead.rule_id, lead.category,
                                lead.severity, message, lead.confidence, lead.entry_id, lead.autofix, True, details))
    kept = [f for k, f in enumerate(first) if k not in absorbed]
    return tuple(sorted(kept + composed, key=lambda f: (f.start, f.end, f.rule_id)))

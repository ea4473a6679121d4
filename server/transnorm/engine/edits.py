"""The edit model: findings with spans in code points, overlap resolution and replay.

A finding says that ``text[start:end]`` (zero-based, end-exclusive, in code points of the input)
should read ``replacements[0]``. The pipeline decides which findings are applied; ``apply_edits``
replays the applied ones, and ``offsets`` converts spans to UTF-16 and UTF-8 units for clients in
other languages.
"""
from __future__ import annotations

import bisect
import enum
from dataclasses import dataclass, field, fields, replace
from typing import Callable, Iterable, Sequence


class Severity(enum.IntEnum):
    """How much an editor should care; ``check --fail-on`` compares against it."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r}; expected one of info, warning, error") from None


@dataclass(frozen=True, slots=True)
class Finding:
    """One detected problem, with the repair it proposes.

    ``autofix`` is the rule's own verdict (a guess is never auto-fixed); ``applied`` is the
    pipeline's decision after profiles, thresholds and overlaps.
    """

    start: int
    end: int
    original: str
    replacements: tuple[str, ...]
    rule_id: str
    category: str
    severity: Severity
    message: str
    confidence: float
    entry_id: str = ""
    autofix: bool = True
    applied: bool = False
    details: tuple[tuple[str, str], ...] = field(default=())

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span [{self.start}, {self.end}) for rule {self.rule_id}")
        if len(self.original) != self.end - self.start:
            raise ValueError(f"original text does not match span for rule {self.rule_id}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} outside [0, 1] for rule {self.rule_id}")

    @property
    def replacement(self) -> str:
        """The preferred replacement, or the original when the finding proposes none."""
        return self.replacements[0] if self.replacements else self.original

    def with_(self, **changes) -> "Finding":
        """A copy with ``changes``; checked again only when its span or confidence changes (the
        pipeline marks many thousands of findings applied, and ``dataclasses.replace`` is slow)."""
        if changes.keys() & _CHECKED:
            return replace(self, **changes)
        new = object.__new__(Finding)
        for name in _FIELDS:
            object.__setattr__(new, name, changes[name] if name in changes else getattr(self, name))
        return new


_FIELDS = tuple(f.name for f in fields(Finding))
_CHECKED = frozenset({"start", "end", "original", "confidence"})


def make_finding(text: str, start: int, end: int, replacement: str | Sequence[str] | None, **kw) -> Finding:
    """Build a finding whose ``original`` is read from ``text``, so the two can never disagree."""
    if replacement is None:
        reps: tuple[str, ...] = ()
    elif isinstance(replacement, str):
        reps = (replacement,)
    else:
        reps = tuple(replacement)
    return Finding(start=start, end=end, original=text[start:end], replacements=reps, **kw)


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Spans overlap when they share a character, or when both insert at the same point."""
    if a_start == a_end and b_start == b_end:
        return a_start == b_start
    if a_start == a_end:
        return b_start < a_start < b_end
    if b_start == b_end:
        return a_start < b_start < a_end
    return a_start < b_end and b_start < a_end


def resolve_overlaps(candidates: Iterable[Finding],
                     tick: Callable[[], None] = lambda: None) -> tuple[list[Finding], list[Finding]]:
    """Choose which candidate edits to apply when spans overlap.

    Policy: higher confidence wins; on a tie the longer span wins (a full name beats a part of
    it); then the earlier start; then the rule id, so the result never depends on input order.
    Returns ``(kept, dropped)``; kept is sorted by position. ``tick`` is called once per
    candidate, twice in all (``Document.tick``: a call past its deadline stops).
    """
    candidates = list(candidates)
    keys = []
    for f in candidates:  # the sort keys, built in a loop that ``tick`` can stop
        tick()
        keys.append((-f.confidence, -(f.end - f.start), f.start, f.rule_id))
    ordered = [candidates[i] for i in sorted(range(len(keys)), key=keys.__getitem__)]
    kept: list[Finding] = []
    starts: list[int] = []
    dropped: list[Finding] = []
    for f in ordered:
        tick()
        i = bisect.bisect_left(starts, f.start)
        # A zero-width edit can sit at the same start as a wide one; look one further each way.
        neighbours = kept[max(0, i - 2): i + 2]
        if any(overlaps(f.start, f.end, k.start, k.end) for k in neighbours):
            dropped.append(f)
            continue
        kept.insert(i, f)
        starts.insert(i, f.start)
    return kept, dropped


def apply_edits(text: str, edits: Sequence[Finding]) -> str:
    """Replay non-overlapping edits on ``text``; edits may come in any order."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda f: (f.start, f.end)):
        if e.start < pos:
            raise ValueError(f"overlapping edits at {e.start} ({e.rule_id})")
        out.append(text[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


class OffsetMap:
    """Converts code-point offsets of one text to UTF-16 and UTF-8 offsets.

    Built once per text; a text with only ASCII (or only BMP characters) takes a fast path.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._ascii = text.isascii()
        self._bmp = self._ascii or not text or max(text) < "\U00010000"
        self._cache: dict[int, tuple[int, int]] = {}
        self._last = (0, 0, 0)  # (cp, u16, u8) of the last conversion, for forward scans

    def units(self, cp: int) -> tuple[int, int]:
        """Return ``(utf16_offset, utf8_offset)`` of code-point offset ``cp``."""
        if self._ascii:
            return cp, cp
        hit = self._cache.get(cp)
        if hit is not None:
            return hit
        last_cp, last16, last8 = self._last
        if cp < last_cp:
            last_cp, last16, last8 = 0, 0, 0
        chunk = self._text[last_cp:cp]
        u8 = last8 + len(chunk.encode("utf-8", "surrogatepass"))
        if self._bmp:
            u16 = cp
        else:
            u16 = last16 + len(chunk) + sum(1 for c in chunk if c > "\uffff")
        self._last = (cp, u16, u8)
        self._cache[cp] = (u16, u8)
        return u16, u8

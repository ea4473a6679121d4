"""One text under check (``Document``) and the per-glossary resource cache (``Resources``).

Checks read a ``Document``: the text, the options, and views computed once and shared by every
check (the text with look-alike letters made Latin, its folded form, the glossary hits, the
sentences). What depends on the glossary alone (indexes, compiled tables) is built once per engine
through ``Resources`` and shared read-only by every request and thread.
"""
from __future__ import annotations

import bisect
import re
import threading
import time
from functools import cached_property
from typing import TYPE_CHECKING, Callable, TypeVar

from ..glossary import fold
from ..glossary.index import PROTECTED
from .options import Options
from .text import Sentences, skip_spans

if TYPE_CHECKING:
    from .pipeline import Engine

T = TypeVar("T")


class DeadlineExceeded(RuntimeError):
    """The caller's deadline passed before the engine finished.

    ``where`` names the innermost places the call noticed it (``function:line``, innermost
    first); ``Engine.normalize`` raises it without the stopped call's frames (see there).
    """

    where: tuple[str, ...] = ()


TICKS_PER_CLOCK = 256  # inner-loop steps between two looks at the clock
VIEW_CHUNK = 1 << 16  # characters of the ``latin`` view computed between two looks at the clock
_SPACE = re.compile(r"\s")


class Resources:
    """Per-glossary resources (an index, a compiled table), each built once on first use."""

    def __init__(self, owner: "Engine") -> None:
        self._owner = owner
        self._lock = threading.RLock()  # a resource may build on another
        self.built: dict[str, object] = {}  # read without the lock: a value is stored once, built

    def get(self, name: str, build: Callable[["Engine"], T]) -> T:
        value = self.built.get(name)
        if value is None:
            with self._lock:
                value = self.built.get(name)
                if value is None:
                    value = build(self._owner)
                    self.built[name] = value
        return value  # type: ignore[return-value]


class Document:
    """One text under check, with lazily computed views shared by all checks."""

    def __init__(self, engine: "Engine", text: str, options: Options, deadline: float | None = None) -> None:
        self.engine = engine
        self.text = text
        self.options = options
        self.deadline = deadline  # time.monotonic() value: slow checks (retranslation) budget against it
        self._ticks = TICKS_PER_CLOCK  # steps left before ``tick`` next reads the clock
        self._memo: dict[str, object] = {}  # views of ``memo``, by name

    def tick(self) -> None:
        """One step of a long loop: past the deadline, stop the call (``DeadlineExceeded``), so a
        call nobody waits for any more stops using the CPU. Cheap: the clock is read every
        ``TICKS_PER_CLOCK`` steps."""
        self._ticks -= 1
        if not self._ticks:
            self._ticks = TICKS_PER_CLOCK
            if self.deadline is not None and time.monotonic() > self.deadline:
                raise DeadlineExceeded("the deadline passed during a check")

    def check_deadline(self) -> None:
        """Stop the call now if its deadline passed: for a loop of few, long steps, where
        ``tick``'s occasional look at the clock would come too late."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise DeadlineExceeded("the deadline passed during a check")

    def memo(self, name: str, build: Callable[["Document"], T]) -> T:
        """A view of this document that one check computes and another reuses (built once)."""
        views = self._memo
        if name in views:
            return views[name]
        value = views[name] = build(self)
        return value

    @cached_property
    def latin(self) -> str:
        """The text with Latin look-alike letters in mixed-script words made Latin (same length).

        Name matching reads this view, so ``Аssad`` (Cyrillic А) counts as ``Assad`` in the same
        pass in which ``script.homoglyph`` repairs it, and a second pass finds nothing new.
        """
        from .artifacts.encoding import unconfuse

        text = self.text
        if len(text) <= VIEW_CHUNK or self.deadline is None:
            return unconfuse(text)
        # A chunk at a time, with a look at the deadline between chunks (a Python loop over the
        # words of a text in another script: 250 ms at 1 MiB). Each word is read alone, and a
        # chunk ends right after a white-space character, so no word is cut.
        parts, pos = [], 0
        while pos < len(text):
            self.check_deadline()
            space = _SPACE.search(text, pos + VIEW_CHUNK)
            end = space.end() if space is not None else len(text)
            parts.append(unconfuse(text[pos:end]))
            pos = end
        return "".join(parts)

    @cached_property
    def folded(self) -> str:
        return fold(self.latin)  # a few C passes over the text: milliseconds at 1 MiB

    @cached_property
    def glossary_hits(self) -> list[tuple[int, int, str]]:
        """Every occurrence of a glossary key, as ``(start, end, key)`` sorted by start: protected
        phrases anywhere, other forms only on word boundaries. One automaton scan shared by the
        name, fuzzy, language and retranslation checks."""
        names = self.engine.names
        hits: list[tuple[int, int, str]] = []
        if not names.table:
            return hits
        table, text, tick = names.table, self.text, self.tick
        size = len(text)
        for last, k in names.automaton.iter(self.folded):
            tick()
            e = last + 1
            s = e - len(k)
            # ``word_bounded`` inline: neither neighbour continues a word
            if (s == 0 or not (text[s - 1].isalnum() and text[s].isalnum())) \
                    and (e >= size or not (text[e].isalnum() and text[e - 1].isalnum())) \
                    or table[k][0].kind == PROTECTED:
                hits.append((s, e, k))
        hits.sort()
        return hits

    def glossary_hits_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The glossary hits that lie inside ``[start, end)``."""
        hits, tick = self.glossary_hits, self.tick
        out = []
        for i in range(bisect.bisect_left(hits, (start,)), len(hits)):  # no copy of the list's tail
            tick()
            h = hits[i]
            if h[0] >= end:
                break
            if h[1] <= end:
                out.append(h)
        return out

    @cached_property
    def sentences(self) -> Sentences:
        return Sentences(self.text)

    @cached_property
    def skip(self) -> list[tuple[int, int]]:
        return skip_spans(self.text, self.options.ignore_ranges)

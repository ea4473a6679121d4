"""The normalizer: runs the enabled checks on a text and decides which findings to apply."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Iterable, Iterator, Sequence, TypeVar

from ..glossary import Glossary, NameIndex, load, load_bundled
from .edits import Finding, apply_edits, resolve_overlaps
from .options import Options, OptionsError
from .registry import Check, RuleInfo, all_checks, all_rules
from . import collector
from .document import DeadlineExceeded, Document, Resources
from .profiles import document_language, serves
from .settle import MAX_PASSES, compose, needs_another_pass
from .text import in_spans

T = TypeVar("T")

DEFAULT_MAX_TEXT = 1 << 20  # characters


class TextTooLarge(ValueError):
    def __init__(self, size: int, limit: int) -> None:
        self.size, self.limit = size, limit
        super().__init__(f"text has {size} characters; the limit is {limit}")


@dataclass(frozen=True)
class Result:
    """What one normalization did. ``applied`` and ``unapplied`` are sorted by position."""

    text: str
    output: str
    applied: tuple[Finding, ...]
    unapplied: tuple[Finding, ...]
    glossary_version: str
    timings: dict[str, float] = field(default_factory=dict)  # seconds per check, and "total"

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(sorted(self.applied + self.unapplied, key=lambda f: (f.start, f.end, f.rule_id)))


class Engine:
    """A glossary with its indexes, built once and shared read-only by every request and thread."""

    def __init__(self, glossary: Glossary, max_text: int = DEFAULT_MAX_TEXT) -> None:
        self.glossary = glossary
        self.max_text = max_text
        self.names = NameIndex(glossary)
        self.rules: dict[str, RuleInfo] = all_rules()
        self.categories = {r.category for r in self.rules.values()}
        self.checks: list[Check] = list(all_checks())
        self.resources = Resources(self)

    @classmethod
    def from_paths(cls, paths: Sequence[str | Path] | None = None, **kw) -> "Engine":
        return cls(load(paths) if paths else load_bundled(), **kw)

    def for_language(self, language: str) -> "Engine":
        """The engine whose glossary is the view for text in ``language`` (its house forms there);
        this engine for English. Built once per language on first use."""
        if language == "en":
            return self

        def build(engine: "Engine") -> "Engine":
            from ..glossary.languages import view

            return Engine(view(engine.glossary, language), engine.max_text)

        return self.resource(f"language.{language}", build)

    def resource(self, name: str, build):
        """A per-glossary resource (an index, a compiled table) built once on first use."""
        value = self.resources.built.get(name)  # names ask once per mention: the lookup inline
        return value if value is not None else self.resources.get(name, build)

    # -- options ---------------------------------------------------------------------------
    def validate(self, text: str, options: Options) -> None:
        if len(text) > self.max_text:
            raise TextTooLarge(len(text), self.max_text)
        options.validate(set(self.rules), self.categories, len(text))
        if not text and not options.allow_empty:
            raise OptionsError([("text", "the text is empty (set options.allow_empty to accept empty texts)")])

    def modes(self, options: Options, language: str | None = None) -> dict[str, str]:
        """Rule id -> apply / report / off for these options (and, when given, the document's
        language: a rule that does not serve it is off)."""
        only = set(options.rules)
        cats = set(options.categories)
        off = set(options.disabled_rules)
        overrides = dict(options.overrides)
        out = {}
        for rid, info in self.rules.items():
            mode = info.mode(options.profile)
            if (only and rid not in only) or (cats and info.category not in cats) or rid in off:
                mode = "off"
            if rid in overrides:
                mode = overrides[rid]
            if language is not None and not serves(info.languages, language):
                mode = "off"
            out[rid] = mode
        return out

    # -- running ---------------------------------------------------------------------------
    def normalize(self, text: str, options: Options = Options(), deadline: float | None = None,
                  apply: bool = True) -> Result:
        """Check ``text`` and apply what the options allow (nothing when ``apply`` is false).

        ``deadline`` is a ``time.monotonic()`` value; past it ``DeadlineExceeded`` is raised
        between checks.

        A repair that brings hidden text to light (a control character or entity removed, mojibake
        decoded: ``settle.REVEALING``), or an edit left out because it overlapped a more confident
        one, is followed by another pass over the output, whose edits are
        composed with the first pass's into edits of ``text`` (``settle.compose``), so that
        normalizing the output again changes nothing.

        Python's cyclic collector is paused during the call (``collector.paused``). A call
        stopped by its deadline raises ``DeadlineExceeded`` without the traceback of its frames,
        which hold all it built: that is freed before the collector resumes, which would
        otherwise scan it once more (about 100-160 ms at ``--max-text``) before the caller hears.
        """
        self.validate(text, options)
        with collector.paused():
            try:
                return self._normalize(text, options, deadline, apply)
            except DeadlineExceeded as stop:
                stop.where = stop.where or _innermost(stop.__traceback__)
                raise stop.with_traceback(None)

    def _normalize(self, text: str, options: Options, deadline: float | None, apply: bool) -> Result:
        result, deferred = self._pass(text, options, deadline, apply)
        if not apply or not (deferred or needs_another_pass(text, result.applied)):
            return result
        applied, output, timings = result.applied, result.output, dict(result.timings)
        for number in range(2, MAX_PASSES + 1):
            later, _ = self._pass(output, options, deadline, True)
            if not later.applied:
                break
            applied = compose(text, applied, later.applied, number)
            output = later.output
            timings["total"] += later.timings["total"]
        return Result(text, output, applied, result.unapplied, result.glossary_version, timings)

    def _pass(self, text: str, options: Options, deadline: float | None, apply: bool) -> tuple[Result, int]:
        """One run of every check over ``text``, the edits it applies, and how many edits it left
        out because they overlap a more confident one (another pass may make them)."""
        t0 = time.perf_counter()
        doc = Document(self, text, options, deadline)
        language = document_language(doc)
        doc.engine = self.for_language(language)  # names are read against that language's house forms
        modes = self.modes(options, language)
        timings: dict[str, float] = {}
        found: list[Finding] = []
        for check in self.checks:
            if all(modes[r.id] == "off" for r in check.rules):
                continue
            if deadline is not None and time.monotonic() > deadline:
                raise DeadlineExceeded(f"deadline passed before check {check.name}")
            c0 = time.perf_counter()
            for f in check.run(doc):
                doc.tick()  # a rule that finds much is stopped between its findings
                if modes.get(f.rule_id, "off") != "off":
                    found.append(f)
            timings[check.name] = time.perf_counter() - c0
        _check_deadline(deadline, "after the checks")
        found = self._drop_skipped(doc, found)
        candidates = [f for f in found if apply and f.autofix and modes[f.rule_id] == "apply"
                      and f.confidence >= options.min_confidence and f.replacements]
        others = [f for f in found if not (apply and f.autofix and modes[f.rule_id] == "apply"
                                           and f.confidence >= options.min_confidence and f.replacements)]
        _check_deadline(deadline, "before the overlapping edits were resolved")
        kept, dropped = resolve_overlaps(candidates, doc.tick)
        _check_deadline(deadline, "before the edits were applied")
        applied = tuple(f.with_(applied=True) for f in _ticking(doc, kept))
        dropped = [f.with_(message=f.message + " (not applied: it overlaps a more confident edit)")
                   for f in _ticking(doc, dropped)]
        unapplied = tuple(sorted(others + dropped, key=lambda f: (f.start, f.end, f.rule_id)))
        output = apply_edits(text, applied)
        timings["total"] = time.perf_counter() - t0
        return Result(text, output, applied, unapplied, self.glossary.version, timings), len(dropped)

    def lookup(self, name: str, limit: int = 10, min_score: float = 60.0):
        """Glossary entries that ``name`` may denote, with scores (see ``transnorm.engine.lookup``)."""
        from .lookup import lookup

        return lookup(self, name, limit, min_score)

    def check(self, text: str, options: Options = Options(), deadline: float | None = None) -> Result:
        """Findings only: nothing is applied and the output is the input."""
        return self.normalize(text, options, deadline, apply=False)

    @staticmethod
    def _drop_skipped(doc: Document, found: Iterable[Finding]) -> list[Finding]:
        spans = doc.skip
        if not spans:
            return list(found)
        starts = [s for s, _ in spans]
        return [f for f in found if not in_spans(spans, starts, f.start, f.end)]


def _check_deadline(deadline: float | None, where: str) -> None:
    """Stop a call whose deadline passed (between the stages after the checks)."""
    if deadline is not None and time.monotonic() > deadline:
        raise DeadlineExceeded(f"the deadline passed {where}")


def _innermost(tb: TracebackType | None, count: int = 3) -> tuple[str, ...]:
    """The innermost ``count`` frames of a traceback as ``function:line``, innermost first."""
    frames: list[str] = []
    while tb is not None:
        frames.append(f"{tb.tb_frame.f_code.co_name}:{tb.tb_lineno}")
        tb = tb.tb_next
    return tuple(reversed(frames[-count:]))


def _ticking(doc: Document, items: Iterable[T]) -> Iterator[T]:
    """``items``, with a deadline check (``Document.tick``) before each."""
    for item in items:
        doc.tick()
        yield item

"""Offline retranslation of foreign segments with an installed Argos Translate model.

Glossary names in a segment are swapped for placeholders before the model sees it and restored
in their house spelling afterwards; a placeholder the model loses or repeats rejects the whole
segment. Sentences are split here, one model call each, so Argos never needs (or downloads) a
sentence-boundary model, and the request deadline is checked between calls.
"""
from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..glossary.index import PROTECTED

if TYPE_CHECKING:
    from ..models import ModelInfo
    from .document import Document

_clock = time.monotonic  # one name to read the time through, so tests can move it

# Share of the time left before the request deadline that retranslation may use; the rest is
# kept for the checks that run after it and for the reply.
BUDGET_SHARE = 0.5

# Placeholders are short upper-case letter-digit codes: NMT models copy such codes (they look like
# acronyms or part numbers) and SentencePiece splits them into pieces every vocabulary has. "QZ"
# is a letter pair that almost never starts an English or Russian word.
PLACEHOLDER_PREFIX = "QZ"
_PLACEHOLDER_RE = re.compile(rf"(?i){PLACEHOLDER_PREFIX}\s?(\d+)")
# Where a segment is cut into sentences for the model: after . ! ? … and any closing quotes.
_SENTENCE_GAP = re.compile(r"(?<=[.!?\u2026])[\"'”’»)]*\s+")
_FINAL_PUNCT = ".!?\u2026"


class Rejected(Exception):
    """The model's output cannot be used; the message says why, for the editor."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """A usable retranslation, or the reason there is none."""

    text: str | None
    reason: str = ""
    model: str = ""
    protected: tuple[str, ...] = ()  # the house spellings that went through placeholders


class Backend:
    """One installed model, loaded once per process and shared by every request and thread."""

    def __init__(self, info: "ModelInfo") -> None:
        from ..models import argos

        package = argos()
        import argostranslate.settings as settings
        import argostranslate.translate as translate
        import ctranslate2

        self.info = info
        self.name = f"{info.path.name} {info.version}".strip()
        self._package = package.Package(info.path)
        if getattr(self._package, "tokenizer", None) is None:
            raise Rejected("the package has no tokenizer")
        self._translate = translate.apply_packaged_translation
        self._translator = ctranslate2.Translator(
            str(info.path / "model"), device="cpu", inter_threads=1, intra_threads=settings.intra_threads)
        self.cost = 0.0  # running estimate of one sentence's time, seconds

    def translate_sentence(self, sentence: str) -> str:
        t0 = time.perf_counter()
        out = self._translate(self._package, sentence, self._translator, _OneSentence(), 1)[0].value
        spent = time.perf_counter() - t0
        self.cost = spent if not self.cost else 0.7 * self.cost + 0.3 * spent
        return out


class _OneSentence:
    """The sentence splitter handed to Argos: transnorm has already split the text."""

    def split_sentences(self, text: str) -> list[str]:
        return [text]


_backends: dict[tuple[str, int], Backend] = {}
_failures: dict[tuple[str, int], str] = {}
_backends_lock = threading.Lock()


def load_backend(info: "ModelInfo") -> Backend:
    """The loaded model for ``info``; a failure is remembered until the package changes on disk."""
    try:
        stamp = (info.path / "model" / "model.bin").stat().st_mtime_ns
    except OSError:
        stamp = -1
    key = (str(info.path), stamp)
    from ..models import ModelError

    with _backends_lock:
        backend = _backends.get(key)
        if backend is not None:
            return backend
        if key in _failures:
            raise Rejected(_failures[key])
        try:
            backend = Backend(info)
        except ModelError:
            raise  # Argos is not installed: not the package's fault, nothing to remember
        except Exception as e:  # a broken package can fail inside ctranslate2 or sentencepiece
            _failures[key] = f"the {info.pair} model failed to load ({str(e) or type(e).__name__})"
            raise Rejected(_failures[key]) from None
        _backends[key] = backend
        return backend


def preload(target: str = "en") -> list[str]:
    """Load every installed model into ``target`` now (a server calls this at start-up).

    Returns one line per model for the operator's log: ``ru->en: loaded`` or the reason it failed.
    """
    from ..models import ModelError, installed

    lines = []
    for info in installed():
        if info.to_code != target:
            continue
        try:
            load_backend(info)
            lines.append(f"{info.pair}: loaded")
        except (ModelError, Rejected) as e:
            lines.append(f"{info.pair}: {e}")
    return lines


@dataclass(frozen=True, slots=True)
class _Name:
    start: int  # relative to the segment
    end: int
    target: str


def _names(doc: "Document", start: int, end: int) -> list[_Name]:
    """Glossary names inside ``text[start:end]`` that have one unambiguous house spelling."""
    index = doc.engine.names
    found: list[_Name] = []
    for s, e, key in doc.glossary_hits_in(start, end):
        s, e = s - start, e - start
        forms = [f for f in index.table[key] if f.kind != PROTECTED]
        targets = {f.target for f in forms}
        if len(targets) != 1 or any(f.ambiguous for f in forms):
            continue
        if len(forms) != len(index.table[key]):
            continue  # part of a protected phrase: leave it to the model as it is
        if doc.text[start + s].islower():
            continue  # a name is capitalised; a lower-case match is a word of the foreign language
        found.append(_Name(s, e, targets.pop()))
    found.sort(key=lambda n: (n.start, -(n.end - n.start)))
    out: list[_Name] = []
    for n in found:
        if not out or n.start >= out[-1].end:
            out.append(n)
    return out


def protect(doc: "Document", start: int, end: int) -> tuple[str, dict[str, str]]:
    """The segment with glossary names replaced by placeholders, and placeholder -> house spelling."""
    segment = doc.text[start:end]
    mapping: dict[str, str] = {}
    parts: list[str] = []
    pos = 0
    base = 1
    while re.search(rf"(?i){PLACEHOLDER_PREFIX}\s?{base}\b", segment):
        base += 100  # the text itself holds something like a placeholder: number ours past it
    for i, n in enumerate(_names(doc, start, end)):
        ph = f"{PLACEHOLDER_PREFIX}{base + i}"
        mapping[ph] = n.target
        parts += [segment[pos:n.start], ph]
        pos = n.end
    parts.append(segment[pos:])
    return "".join(parts), mapping


def restore(output: str, mapping: dict[str, str], source_numbers: set[str]) -> str:
    """Put the house spellings back; reject output that lost, repeated or invented a placeholder."""
    seen: dict[str, int] = {}

    def put(m: re.Match) -> str:
        ph = f"{PLACEHOLDER_PREFIX}{m.group(1)}"
        if ph not in mapping:
            if m.group(0) in source_numbers:
                return m.group(0)
            raise Rejected(f"the model produced an unknown placeholder {m.group(0)!r}")
        seen[ph] = seen.get(ph, 0) + 1
        return mapping[ph]

    text = _PLACEHOLDER_RE.sub(put, output)
    lost = sorted(mapping[p] for p in mapping if p not in seen)
    twice = sorted(mapping[p] for p, n in seen.items() if n > 1)
    if lost:
        raise Rejected(f"the model dropped the protected name{'s' if len(lost) > 1 else ''} {', '.join(lost)}")
    if twice:
        raise Rejected(f"the model repeated the protected name{'s' if len(twice) > 1 else ''} {', '.join(twice)}")
    return text


def split_sentences(text: str) -> list[tuple[str, str]]:
    """``(sentence, following white space)`` pairs that join back to ``text``."""
    out: list[tuple[str, str]] = []
    pos = 0
    for m in _SENTENCE_GAP.finditer(text):
        out.append((text[pos:m.start()], m.group(0)))
        pos = m.end()
    out.append((text[pos:], ""))
    return [(s, g) for s, g in out if s.strip()] or [(text, "")]


def retranslate(doc: "Document", start: int, end: int, source: str, target: str, script: str,
                deadline: float | None, foreign_letters) -> Outcome:
    """Retranslate ``doc.text[start:end]`` from ``source`` into ``target``, within ``deadline``.

    ``foreign_letters(text)`` counts letters of the segment's own script, to reject output that
    is still in it. Returns the replacement text or the reason there is none.
    """
    from ..models import ModelError, find

    if deadline is not None and _clock() >= deadline:
        return Outcome(None, "no time was left before the request deadline")
    try:
        info = find(source, target)
    except OSError as e:
        return Outcome(None, f"the models directory cannot be read ({e.strerror or e})")
    if info is None:
        return Outcome(None, f"no {source}->{target} model is installed "
                             f"(`transnorm models install --from {source} --to {target}`)")
    try:
        backend = load_backend(info)
    except ModelError as e:
        return Outcome(None, str(e))
    except Rejected as e:
        return Outcome(None, str(e))
    masked, mapping = protect(doc, start, end)
    segment = doc.text[start:end]
    pieces: list[str] = []
    try:
        for sentence, gap in split_sentences(masked):
            if deadline is not None and _clock() + backend.cost >= deadline:
                return Outcome(None, "no time was left before the request deadline", backend.name)
            try:
                out = backend.translate_sentence(sentence.strip())
            except Exception as e:  # ctranslate2 raises RuntimeError/ValueError on model faults
                raise Rejected(f"the {info.pair} model failed ({str(e) or type(e).__name__})") from None
            pieces.append(out.strip() + (" " if gap else ""))
        text = restore("".join(pieces).strip(), mapping,
                       {m.group(0) for m in _PLACEHOLDER_RE.finditer(segment)})
        text = _validate(segment, text, script, foreign_letters)
    except Rejected as e:
        return Outcome(None, str(e), backend.name)
    return Outcome(text, "", backend.name, tuple(sorted(set(mapping.values()))))


def _validate(segment: str, text: str, script: str, foreign_letters) -> str:
    """Reject output that cannot be what the editor wants; trim punctuation the segment did not have."""
    text = " ".join(text.split())
    if not text:
        raise Rejected("the model returned nothing")
    if text == " ".join(segment.split()):
        raise Rejected("the model returned the text unchanged")
    letters = sum(c.isalpha() for c in text)
    if script != "latin" and letters and foreign_letters(text) > letters / 2:
        raise Rejected(f"the model's output is still in {script.title()} script")
    if len(text) > 4 * len(segment) + 20:
        raise Rejected("the model's output is far longer than the segment")
    if text[-1] in _FINAL_PUNCT and segment.rstrip()[-1:] not in _FINAL_PUNCT:
        text = text.rstrip(_FINAL_PUNCT).rstrip()
    elif segment.rstrip()[-1:] in _FINAL_PUNCT and text[-1] not in _FINAL_PUNCT:
        text += segment.rstrip()[-1]
    return text

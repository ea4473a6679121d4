"""Untranslated segments: runs of foreign script and foreign-language sentences, optionally retranslated.

A script test finds Cyrillic, Arabic, CJK... runs exactly and for free; a share-of-common-words
test (wordfreq's most frequent words of the target language) decides which Latin-script
sentences need the statistical detector (langdetect, seeded) at all.
"""
from __future__ import annotations

import bisect
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..glossary.index import PROTECTED
from .edits import Finding, Severity, make_finding
from . import retranslate as _rt
from .profiles import ANY, document_language
from .registry import Check, RuleInfo, register
from .text import in_spans

if TYPE_CHECKING:
    from .document import Document

CATEGORY = "language"

UNTRANSLATED_RULE = RuleInfo(
    "lang.untranslated", CATEGORY, "report", "report", Severity.WARNING,
    "A passage left in another language than the target (a Russian quotation, a French sentence), "
    "with the language detected and its probability.",
    "Shoigu said: «Мы продолжим сотрудничество с Сирией».",
    "Shoigu said: «Мы продолжим сотрудничество с Сирией».",
    ("The airbase at Хмеймим was attacked.", "Staffan de Mistura arrived in Geneva."),
    ANY,
)
RETRANSLATED_RULE = RuleInfo(
    "lang.retranslated", CATEGORY, "apply", "apply", Severity.INFO,
    "A foreign passage retranslated offline by an installed model, glossary names kept in their house "
    "spelling. Runs only when retranslation is requested (options.retranslate, `--retranslate`).",
    "Shoigu said: «Мы продолжим сотрудничество с Сирией».",
    "Shoigu said: «Мы продолжим сотрудничество с Сирией».",
    ("Shoigu said the talks would continue.",),
    ANY,
)

# Unicode blocks of the scripts told apart here (letters and their combining marks).
SCRIPTS: dict[str, str] = {
    "cyrillic": "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f",
    "greek": "\u0370-\u03ff\u1f00-\u1fff",
    "armenian": "\u0531-\u058f",
    "hebrew": "\u0591-\u05f4",
    "arabic": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc",
    "devanagari": "\u0900-\u097f",
    "bengali": "\u0980-\u09ff",
    "thai": "\u0e00-\u0e7f",
    "georgian": "\u10a0-\u10ff",
    "hangul": "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af",
    "cjk": "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
}
_CASED = {"cyrillic", "greek", "armenian", "latin"}
_UNSPACED = {"thai", "cjk"}  # scripts written without spaces between words
# Languages whose own script is not Latin (for a target language other than English).
LANGUAGE_SCRIPT = {
    "ru": "cyrillic", "uk": "cyrillic", "be": "cyrillic", "bg": "cyrillic", "mk": "cyrillic",
    "sr": "cyrillic", "kk": "cyrillic", "el": "greek", "hy": "armenian", "he": "hebrew",
    "ar": "arabic", "fa": "arabic", "ur": "arabic", "hi": "devanagari", "mr": "devanagari",
    "ne": "devanagari", "bn": "bengali", "th": "thai", "ka": "georgian", "ko": "hangul",
    "zh": "cjk", "ja": "cjk",
}
LANGUAGE_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan",
    "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "gu": "Gujarati", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian",
    "id": "Indonesian", "it": "Italian", "ja": "Japanese", "kn": "Kannada", "ko": "Korean",
    "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "ml": "Malayalam", "mr": "Marathi",
    "ne": "Nepali", "nl": "Dutch", "no": "Norwegian", "pa": "Punjabi", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian",
    "so": "Somali", "sq": "Albanian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil",
    "te": "Telugu", "th": "Thai", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian",
    "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese", "zt": "Chinese (traditional)",
}
# langdetect's codes that differ from the ISO 639-1 codes Argos packages use.
_LANGDETECT_CODES = {"zh-cn": "zh", "zh-tw": "zt"}

# A run of one script: its letters, with the spaces, digits and punctuation between them, never
# across a line break or a letter of another script.
_LATIN = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"



_ALL_SCRIPTS = {**SCRIPTS, "latin": _LATIN}
_RUN = {name: re.compile(rf"[{r}](?:[{r}\d]|[^\w\n])*+") for name, r in _ALL_SCRIPTS.items()}
# The first letter of a run: one character class, far cheaper to scan for than every run pattern.
_RUN_START = re.compile("[" + "".join(SCRIPTS.values()) + "]")
_RUN_START_WITH_LATIN = re.compile("[" + "".join(_ALL_SCRIPTS.values()) + "]")  # a target in another script
_SCRIPT_CLASS = {name: re.compile(f"[{r}]") for name, r in _ALL_SCRIPTS.items()}
_SCRIPT_WORD = {name: re.compile(f"[{r}]+") for name, r in _ALL_SCRIPTS.items()}
_NON_LATIN = re.compile("[" + "".join(SCRIPTS.values()) + "]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+(?:['’][A-Za-z\u00c0-\u024f\u1e00-\u1eff]+)*")

MIN_RUN_WORDS = 2  # a single word in a foreign script is a name far more often than a passage
MIN_RUN_LETTERS = 8
MIN_UNSPACED_CHARS = 4
MIN_LATIN_WORDS = 4  # langdetect guesses wildly on shorter sentences
COMMON_WORDS = 500  # size of the target language's common-word lexicon
# A sentence in which at least this share of words is among the target language's common words
# is taken to be in it without asking langdetect. English news sentences score 0.4 to 0.8 on it,
# French, Spanish, German, Italian, Portuguese and Dutch sentences 0 to 0.2.
TARGET_SHARE = 0.3
# A sentence whose words are nearly all ordinary words of the target language (Zipf frequency of
# at least 3 in wordfreq, about once per million words) is in it, even with few very common words
# ("Forces loyal to Bashar al Asad retook the town.").
# For a target other than English, the share of its own common words (those not also English's).
OWN_TARGET_SHARE = 0.15
KNOWN_ZIPF = 3.0
KNOWN_SHARE = 0.8
MIN_PROBABILITY = 0.9  # langdetect's probability needed to call a Latin-script sentence foreign
DETECT_SAMPLE = 2000  # characters of a long passage shown to langdetect; more adds cost, not accuracy
MAX_DETECTIONS = 200  # langdetect calls per document: about a second on a document that is all foreign
RUN_CONFIDENCE = 0.95  # a foreign-script passage in a Latin-script text is foreign for sure
RETRANSLATION_CONFIDENCE = 0.96  # above name.native_script (0.95): the retranslation keeps the name


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    language: str  # ISO 639-1 code, or "" when the detector gave no answer
    probability: float
    script: str
    method: str  # "script" (langdetect within the script), "langdetect", or "majority" (see DetectionBudget)


# -- detectors ---------------------------------------------------------------------------------

# langdetect's languages by script: a detector that only knows the languages written in the
# passage's script is several times faster (its cost grows with the number of languages) and
# cannot call a Cyrillic passage Vietnamese. Scripts of a single language need no detector.
DETECTOR_LANGUAGES = {
    "latin": ("af", "ca", "cs", "cy", "da", "de", "en", "es", "et", "fi", "fr", "hr", "hu", "id", "it", "lt",
              "lv", "nl", "no", "pl", "pt", "ro", "sk", "sl", "so", "sq", "sv", "sw", "tl", "tr", "vi"),
    "cyrillic": ("bg", "mk", "ru", "uk"),
    "arabic": ("ar", "fa", "ur"),
    "devanagari": ("hi", "mr", "ne"),
    "cjk": ("ja", "zh-cn", "zh-tw"),
}
SCRIPT_LANGUAGE = {"greek": "el", "hebrew": "he", "thai": "th", "hangul": "ko", "bengali": "bn",
                   "armenian": "hy", "georgian": "ka"}

_detector_lock = threading.Lock()
_factories: dict[str, object] = {}


def _factory(script: str):
    factory = _factories.get(script)
    if factory is None:
        with _detector_lock:
            factory = _factories.get(script)
            if factory is None:
                from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

                DetectorFactory.seed = 0
                factory = DetectorFactory()
                factory.load_json_profile([
                    (Path(PROFILES_DIRECTORY) / code).read_text(encoding="utf-8")
                    for code in DETECTOR_LANGUAGES[script]])
                factory.set_seed(0)
                _factories[script] = factory
    return factory


def detect(text: str, script: str = "latin") -> list[tuple[str, float]]:
    """Languages of ``text`` written in ``script``, most probable first; deterministic (seed 0)."""
    from langdetect.lang_detect_exception import LangDetectException

    if script in SCRIPT_LANGUAGE:
        return [(SCRIPT_LANGUAGE[script], 1.0)]
    if script not in DETECTOR_LANGUAGES:
        return []
    detector = _factory(script).create()
    detector.append(text)
    try:
        found = detector.get_probabilities()
    except LangDetectException:
        return []
    return [(_LANGDETECT_CODES.get(p.lang, p.lang), p.prob) for p in found]


@lru_cache(maxsize=16)
def common_words(language: str) -> frozenset[str] | None:
    """The target language's most frequent words (wordfreq), or None when wordfreq lacks the language."""
    import wordfreq

    if language not in _wordfreq_languages():
        return None  # not the "nearest" list wordfreq would give (English for Welsh)
    try:
        words = wordfreq.top_n_list(language, COMMON_WORDS)
    except (LookupError, ValueError):
        return None
    return frozenset(words) if words else None


def target_share(words: list[str], lexicon: frozenset[str]) -> float:
    return sum(map(lexicon.__contains__, map(str.lower, words))) / len(words)  # no Python loop: twice as fast


@lru_cache(maxsize=16384)  # ~140 bytes an entry (bench/bench_soak.py --caches): at most ~2.2 MiB
def _known(word: str, language: str) -> bool:
    import wordfreq

    if language not in _wordfreq_languages():
        # wordfreq answers for the "nearest" language it has (Welsh and Somali as English), which
        # would count English words as words of that language; no list is no answer.
        return False
    return wordfreq.zipf_frequency(word, language) >= KNOWN_ZIPF


@lru_cache(maxsize=1)
def _wordfreq_languages() -> frozenset[str]:
    import wordfreq

    return frozenset(wordfreq.available_languages())


def known_share(words: list[str], language: str) -> float:
    """Share of ``words`` that are ordinary words of ``language`` (wordfreq Zipf frequency >= 3)."""
    return sum(_known(w.lower(), language) for w in words) / len(words)


def content_words(sentence: str) -> list[str]:
    """Latin-script words that carry the language: not names or acronyms inside the sentence."""
    words = _LATIN_WORD.findall(sentence)
    if not words:
        return words
    first = words[0]
    out = [first] if not (len(first) > 1 and first.isupper()) else []
    out += [w for w in words[1:] if not w[0].isupper()]
    return out


# -- segmentation ------------------------------------------------------------------------------

def _glossary_spans(doc: "Document", start: int, end: int) -> list[tuple[int, int]]:
    """Glossary forms (native forms included) inside ``text[start:end]``, as absolute spans."""
    table = doc.engine.names.table
    return [(s, e) for s, e, key in doc.glossary_hits_in(start, end) if table[key][0].kind != PROTECTED]


def script_runs(doc: "Document", target_script: str, budget: "DetectionBudget") -> Iterable[Segment]:
    """Passages in a script other than the target's that are long enough to be more than a name."""
    text = doc.text
    scan = _RUN_START if target_script == "latin" else _RUN_START_WITH_LATIN
    pos = 0
    while (first := scan.search(text, pos)) is not None:
        doc.tick()
        script = next(name for name, cls in _SCRIPT_CLASS.items() if cls.match(first.group(0)))
        m = _RUN[script].match(text, first.start())
        pos = m.end()
        if script == target_script:
            continue
        letters = _SCRIPT_CLASS[script]
        start = m.start()
        end = m.end()
        while end > start and not letters.match(text, end - 1):
            end -= 1
        names = _glossary_spans(doc, start, end)
        if names:
            doc.check_deadline()
            names = _merged(names)
            doc.check_deadline()
            name_starts = [s for s, _ in names]
            words = []
            for w in _SCRIPT_WORD[script].finditer(text, start, end):
                doc.tick()  # a run may be a whole text of names
                if not _inside_any(names, name_starts, w.start(), w.end()):
                    words.append(w.group(0))
        else:
            words = _SCRIPT_WORD[script].findall(text, start, end)
        if script in _UNSPACED:
            if sum(map(len, words)) < MIN_UNSPACED_CHARS:
                continue
        else:
            if len(words) < MIN_RUN_WORDS or sum(map(len, words)) < MIN_RUN_LETTERS:
                continue
            if script in _CASED and all(w[0].isupper() for w in words):
                continue  # names only: "Сергей Шойгу" is the names check's business
        if budget.spend():
            guesses = detect(text[start:min(end, start + DETECT_SAMPLE)], script)
            language, probability = guesses[0] if guesses else ("", 0.0)
            budget.seen(script, language, probability)
            yield Segment(start, end, language, probability, script, "script")
        else:
            language, probability = budget.usual(script)
            yield Segment(start, end, language, probability, script, "majority")


def latin_sentences(doc: "Document", target: str, budget: "DetectionBudget") -> Iterable[Segment]:
    """Latin-script sentences in another language than ``target``; langdetect runs only past the gate."""
    text = doc.text
    lexicon = common_words(target)
    if target != "en" and lexicon is not None:
        # Other languages' web text is full of English words ("the", "in"): only the target's
        # own common words, not English's, vouch for a sentence, and wordfreq's wider lists are
        # no gate at all.
        lexicon = lexicon - (common_words("en") or frozenset())
    sentences = doc.sentences
    for i in range(len(sentences.starts)):
        doc.tick()
        a, b = sentences.span(i)
        sentence = text[a:b]
        words = content_words(sentence)
        if words and words[0][:1].isupper() and not _known(words[0].lower(), target):
            words = words[1:]  # a sentence that opens with a name ("Volodymyr met ...")
        if len(words) < MIN_LATIN_WORDS:
            continue
        if lexicon is not None and target_share(words, lexicon) >= (TARGET_SHARE if target == "en" else OWN_TARGET_SHARE):
            continue
        if lexicon is not None and target == "en" and known_share(words, target) >= KNOWN_SHARE:
            continue  # a plain sentence in the target language with few of its very common words
        if not budget.spend():
            return  # a document this foreign has been reported at length already
        # Only the content words: names spelled the foreign way ("Dmitrij", "Zelenskyj") would
        # otherwise pull an English sentence towards Slovene or Danish.
        guesses = detect(_NON_LATIN.sub(" ", " ".join(words))[:DETECT_SAMPLE], "latin")
        if not guesses:
            continue
        language, probability = guesses[0]
        if language != target and 0.5 <= probability < MIN_PROBABILITY and budget.spend():
            # Unsure on the words alone: the whole sentence, names included, must confirm it.
            whole = detect(_NON_LATIN.sub(" ", sentence[:DETECT_SAMPLE]), "latin")
            if whole and whole[0][0] == language:
                probability = max(probability, whole[0][1])
        if language == target or probability < MIN_PROBABILITY:
            continue
        start, end = a + len(sentence) - len(sentence.lstrip()), a + len(sentence.rstrip())
        yield Segment(start, end, language, probability, "latin", "langdetect")


class DetectionBudget:
    """At most ``limit`` langdetect calls per document (each costs milliseconds).

    Past the limit a foreign-script run takes the language most often detected for its script in
    the document, and Latin-script sentences are no longer examined.
    """

    def __init__(self, limit: int = MAX_DETECTIONS) -> None:
        self.left = limit
        self._by_script: dict[str, dict[str, list[float]]] = {}

    def spend(self) -> bool:
        if self.left <= 0:
            return False
        self.left -= 1
        return True

    def seen(self, script: str, language: str, probability: float) -> None:
        if language:
            self._by_script.setdefault(script, {}).setdefault(language, []).append(probability)

    def usual(self, script: str) -> tuple[str, float]:
        seen = self._by_script.get(script)
        if not seen:
            return SCRIPT_LANGUAGE.get(script, ""), 1.0 if script in SCRIPT_LANGUAGE else 0.0
        language, probs = max(seen.items(), key=lambda kv: (len(kv[1]), kv[0]))
        return language, sum(probs) / len(probs)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans joined, sorted by start."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _inside_any(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies inside one of the sorted, non-overlapping ``spans``."""
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and end <= spans[i][1]


def find_segments(doc: "Document", limit: int = MAX_DETECTIONS) -> list[Segment]:
    target = document_language(doc)
    target_script = LANGUAGE_SCRIPT.get(target, "latin")
    budget = DetectionBudget(limit)
    segments: list[Segment] = []
    if target_script != "latin" or not doc.text.isascii():  # an ASCII text holds no other script
        segments += [s for s in script_runs(doc, target_script, budget) if s.language != target]
    if target_script == "latin":
        segments += latin_sentences(doc, target, budget)
    segments.sort(key=lambda s: (s.start, s.end))
    return segments


# -- the check ---------------------------------------------------------------------------------

def _name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def _describe(seg: Segment) -> str:
    if not seg.language:
        return f"in {seg.script.title()} script"
    return f"in {_name(seg.language)} ({seg.language}, probability {seg.probability:.2f})"


def _count_script(script: str):
    cls = _SCRIPT_CLASS.get(script)
    return (lambda t: len(cls.findall(t))) if cls is not None else (lambda t: 0)


# Quotation marks of the source language around a whole retranslated passage, and the target
# language's own: once the passage is in English, the typography check would convert them on the
# next run, so the retranslation converts them itself.
_SOURCE_QUOTES = {"«": "»", "„": "“"}
_TARGET_QUOTES = {"en": ("\u201c", "\u201d")}


def _with_quotes(text: str, start: int, end: int, replacement: str, target: str) -> tuple[int, int, str]:
    quotes = _TARGET_QUOTES.get(target)
    if quotes and start > 0 and end < len(text) and _SOURCE_QUOTES.get(text[start - 1]) == text[end]:
        return start - 1, end + 1, quotes[0] + replacement + quotes[1]
    return start, end, replacement


def _skipped(doc: "Document", seg: Segment) -> bool:
    """Whether the pipeline will drop findings on this segment (a URL, a code span, an ignore range)."""
    spans = doc.skip
    return bool(spans) and in_spans(spans, [s for s, _ in spans], seg.start, seg.end)


def check_language(doc: "Document") -> Iterable[Finding]:
    segments = find_segments(doc)
    if not segments:
        return
    options = doc.options
    target = document_language(doc)
    wanted = options.retranslate and doc.engine.modes(options, target).get(RETRANSLATED_RULE.id, "off") != "off"
    deadline = doc.deadline
    if wanted and deadline is not None:
        now = _rt._clock()
        deadline = now + max(0.0, deadline - now) * _rt.BUDGET_SHARE
    for seg in segments:
        base = [("language", seg.language), ("probability", f"{seg.probability:.2f}"),
                ("script", seg.script), ("method", seg.method)]
        reason = ""
        if wanted and not seg.language:
            reason = "its language could not be identified"
        elif wanted and not _skipped(doc, seg):
            outcome = _rt.retranslate(doc, seg.start, seg.end, seg.language, target, seg.script, deadline,
                                      _count_script(seg.script))
            if outcome.text is not None:
                kept = f"; glossary names kept: {', '.join(outcome.protected)}" if outcome.protected else ""
                start, end, replacement = _with_quotes(doc.text, seg.start, seg.end, outcome.text, target)
                yield make_finding(
                    doc.text, start, end, replacement, rule_id=RETRANSLATED_RULE.id, category=CATEGORY,
                    severity=RETRANSLATED_RULE.severity, confidence=RETRANSLATION_CONFIDENCE,
                    message=f"This passage was {_describe(seg)}; retranslated into {_name(target)} "
                            f"offline with the model {outcome.model}{kept}. Check the wording.",
                    details=tuple(base + [("model", outcome.model), ("protected", ", ".join(outcome.protected))]),
                )
                continue
            reason = outcome.reason
        message = f"This passage is {_describe(seg)}, not {_name(target)}: it looks untranslated."
        if reason:
            message += f" Not retranslated: {reason}."
        yield make_finding(
            doc.text, seg.start, seg.end, None, rule_id=UNTRANSLATED_RULE.id, category=CATEGORY,
            severity=UNTRANSLATED_RULE.severity,
            confidence=RUN_CONFIDENCE if seg.script != "latin" else round(seg.probability, 4),
            autofix=False, message=message, details=tuple(base + ([("reason", reason)] if reason else [])),
        )


register(Check("language", (UNTRANSLATED_RULE, RETRANSLATED_RULE), check_language))

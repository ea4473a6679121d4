"""The languages transnorm normalizes into, and the language of a document.

A language's profile (``lang_profiles.json``) says what its press writes: its quotation marks,
its decimal mark, the English quotation marks a translation leaves in it. Each rule declares the
languages it serves (``RuleInfo.languages``); English typography, article and apostrophe rules
never run on a text in another language.

The document's language is the caller's ``target_language`` when given, otherwise detected once
per document: its script, then langdetect on a sample of its Latin-script text among the
supported languages; English when unsure.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .document import Document

ANY = ("*",)  # a rule that serves every language: markup, encoding, invisible characters
DEFAULT_LANGUAGE = "en"
DETECT_SAMPLE = 2000  # characters shown to the detector
MIN_PROBABILITY = 0.9  # below this the document is taken to be English


@lru_cache(maxsize=1)
def profiles() -> dict[str, dict]:
    data = json.loads(resources.files("transnorm.engine").joinpath("lang_profiles.json").read_text(encoding="utf-8"))
    return data["languages"]


def supported() -> tuple[str, ...]:
    return tuple(sorted(profiles()))


def serves(languages: tuple[str, ...], language: str) -> bool:
    return languages == ANY or language in languages


def detect(text: str) -> tuple[str, float]:
    """The language ``text`` is written in and the detector's probability: English when the text
    is short or the detector unsure. A confidently detected language without a profile (Italian)
    is returned as such: only the rules serving every language run on it."""
    from .artifacts.cms import without_markup
    from .language import SCRIPTS, common_words, detect as detect_in_script, target_share

    sample = without_markup(text[:DETECT_SAMPLE])  # "[/caption]" is no word of any language
    if sample.isascii():  # most English text: no other script to weigh
        script, n, latin = "latin", 0, 1
    else:
        script, n = "latin", len(_other_letters().findall(sample))
        latin = len(_LATIN_LETTER.findall(sample)) if n >= MIN_LETTERS else n + 1
        if n > latin:  # which script: only now worth counting one by one
            counts = {name: len(re.findall(f"[{r}]", sample)) for name, r in SCRIPTS.items()}
            script, n = max(counts.items(), key=lambda kv: kv[1])
    if n > latin:
        # Another script throughout (a Russian article), not a quotation inside English text.
        if n < MIN_LETTERS or n < OTHER_SCRIPT_SHARE * (n + latin):
            return DEFAULT_LANGUAGE, 0.0
        found = detect_in_script(sample, script)
    else:
        # Sentence by sentence: a sentence plainly English by its commonest words counts for
        # English; the rest go to the detector together. The larger share decides, so an English
        # sentence in a German article does not make the article English, nor the reverse.
        lexicon = common_words(DEFAULT_LANGUAGE)
        all_words = _LATIN_WORDS.findall(sample)
        if MIN_WORDS - 1 <= len(all_words) < SHORT_TEXT_WORDS:
            by_words = _by_word_frequencies(all_words)
            if by_words is not None:
                return by_words
        if len(all_words) < MIN_WORDS or target_share(all_words, lexicon) >= PLAINLY_ENGLISH:
            return DEFAULT_LANGUAGE, 1.0  # short, or English throughout: no need to weigh sentences
        english_chars, other = 0, []
        for sentence in _SENTENCE.findall(sample):
            ws = _LATIN_WORDS.findall(sentence)
            if not ws or len(ws) < len(_WORDS.findall(sentence)) / 2:
                continue  # a sentence in another script: not for the Latin-script detector
            share = target_share(ws, lexicon)
            if share >= ENGLISH_SHARE and not _more_another_language(ws, share):
                english_chars += len(sentence)
            else:
                other.append(sentence)
        other_text = " ".join(other)
        words = _LATIN_WORDS.findall(other_text)
        if len(words) < MIN_WORDS or len(other_text) <= english_chars:
            return DEFAULT_LANGUAGE, 1.0  # short, or mostly plainly English
        english = target_share(words, lexicon)
        found = detect_in_script(other_text, "latin")
    if not found:
        return DEFAULT_LANGUAGE, 0.0
    language, probability = found[0]
    if n > latin:  # a text in another script throughout: its likeliest language
        return (language, probability) if probability >= 0.5 else (DEFAULT_LANGUAGE, probability)
    # A Latin-script verdict needs the language's own commonest words behind it when the text is
    # short or has English words in it: names fool the detector ("El-Gaddafi ruled Libya").
    own_words = common_words(language)
    own = target_share(words, own_words) if own_words else 0.0
    backed = own >= OWN_SHARE and own >= 2 * english
    if probability >= MIN_PROBABILITY and (backed or (english < 0.1 and len(words) >= 8)):
        return language, probability
    if probability >= 0.5 and backed and own >= 0.4 and len(words) >= MIN_WORDS + 2:
        return language, probability
    return DEFAULT_LANGUAGE, probability


_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LATIN_WORDS = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_WORDS = re.compile(r"[^\W\d_]+")
MIN_LETTERS = 25  # fewer letters of another script: a quotation or a name, not the text's language
OTHER_SCRIPT_SHARE = 0.85
MIN_WORDS = 4
# English news sentences have 0.3 to 0.8 of their words among English's 500 commonest; real
# French, German, Spanish and Russian news sentences at most about 0.18.
ENGLISH_SHARE = 0.2
# A Latin-script verdict is backed when this share of the words is among the language's own 500
# commonest (real French, German and Spanish news sentences: 0.2 to 0.6, most above 0.3).
OWN_SHARE = 0.3
# A text this English by its commonest words overall is English; sentences are weighed only below.
PLAINLY_ENGLISH = 0.3


# A text of fewer words than this (a headline, a caption) is weighed word by word first: too
# short for the detector, and its few common words (in, die, an) are shared between languages.
SHORT_TEXT_WORDS = 20
# How much likelier, per word on average (in wordfreq's Zipf units, log10), the text must be in
# one language than in English and than in any other profiled language.
WORD_MARGIN = 1.0
_UNSEEN_ZIPF = 1.0  # a word a language's list lacks (a name, a typo) counts as this rare


@lru_cache(maxsize=16384)  # words of short texts; bounded like the other word caches
def _zipf(word: str, language: str) -> float:
    from wordfreq import zipf_frequency

    return max(zipf_frequency(word, language), _UNSEEN_ZIPF)


def _more_another_language(words: list[str], english: float) -> bool:
    """Whether a profiled Latin-script language has more of these words among its commonest than
    English has (``english``): "Der Minister sagte am Montag in Berlin" shares "am" and "in" with
    English, and most of the rest with German."""
    from .language import common_words, target_share

    for code, profile in profiles().items():
        if code != DEFAULT_LANGUAGE and profile.get("script", "latin") == "latin":
            own = common_words(code)
            if own and target_share(words, own) > english:
                return True
    return False


def _by_word_frequencies(words: list[str]) -> tuple[str, float] | None:
    """The profiled Latin-script language a short text is plainly in, by how often each language
    writes its words (wordfreq): the best by ``WORD_MARGIN`` per word over every other, or None
    when English, or no language, stands out. The probability returned is 1 - 10^-margin."""
    languages = [code for code in supported() if profiles()[code].get("script", "latin") == "latin"]
    scores = sorted(((sum(_zipf(w.lower(), code) for w in words) / len(words), code) for code in languages),
                    reverse=True)
    (best, code), (second, _) = scores[0], scores[1]
    margin = best - second
    if code == DEFAULT_LANGUAGE or margin < WORD_MARGIN:
        return None
    return code, 1.0 - 10 ** -margin


@lru_cache(maxsize=1)
def _other_letters() -> "re.Pattern[str]":
    from .language import SCRIPTS

    return re.compile("[" + "".join(SCRIPTS.values()) + "]")


def document_language(doc: "Document") -> str:
    """The language rules serve for this document: the caller's target, or the detected one."""
    if doc.options.target_language:
        return doc.options.target_language
    return doc.memo("profiles.language", lambda d: detect(d.text)[0])

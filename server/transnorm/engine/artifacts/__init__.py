"""Rules for the artifacts machine translation and careless conversion leave in English text.

One module per rule family; each registers one check. Tables live in ``data``.
"""
from . import apostrophes, articles, cms, contractions, encoding, numbers, phrases, repetition, residue, speech, typography, typography_lang, whitespace  # noqa: F401

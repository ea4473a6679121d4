"""Glossaries: loading and validating YAML files, the exact-match index, and lint."""
from .index import NameIndex, fold
from .lint import LintIssue, lint
from .model import Entry, Glossary, GlossaryError, Phrase, ShortForm, bundled_paths, load, load_bundled, parse_file

__all__ = [
    "Entry", "Glossary", "GlossaryError", "LintIssue", "NameIndex", "Phrase", "ShortForm",
    "bundled_paths", "fold", "lint", "load", "load_bundled", "parse_file",
]

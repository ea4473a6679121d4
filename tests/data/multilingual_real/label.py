"""Append one labelled record to the multilingual corpus, or check files.

    python3 tests/data/multilingual_real/label.py add FILE < record.json
    python3 tests/data/multilingual_real/label.py check FILE...
    python3 tests/data/multilingual_real/label.py show FILE      (each record with its fixed text)

A record read by ``add`` is one JSON object:

    {"url": "https://...", "lang": "de", "text": "<verbatim text from the page>",
     "kind": "artifact", "category": "name",
     "edits": [["Sergei Shoigu", "Sergej Schoigu", "name"]],
     "note": "optional"}

``lang`` is the language the text is written in (de, fr, es, ru). ``kind`` is ``artifact`` (at
least one edit: what a copy editor of that language's major press would change) or ``clean``
(correct text, no edit; ``category`` then names what it holds that English rules might touch).
Edits are written as in the artifacts corpus (``tests/data/artifacts_real/label.py``), whose code
this script runs with the multilingual categories.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location("artifacts_label", Path(__file__).resolve().parent.parent
                                               / "artifacts_real" / "label.py")
base = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = base  # dataclasses look their module up
_spec.loader.exec_module(base)

SCHEMA = base.Schema(
    categories=frozenset({"name", "quote", "number", "dash", "spacing", "untranslated", "other"}),
    lookalikes=frozenset({"name", "quote", "number", "dash", "spacing", "mixed"}),
    langs=frozenset({"de", "fr", "es", "ru"}),
)

if __name__ == "__main__":
    base.main(sys.argv, SCHEMA, __doc__)

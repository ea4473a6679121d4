"""The real-text corpora's own labeller, for tests that read its records (``fixed``: a record's
text with its ``apply`` edits made)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location("artifacts_label", Path(__file__).resolve().parent / "data"
                                               / "artifacts_real" / "label.py")
label = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = label  # dataclasses look their module up
_spec.loader.exec_module(label)
fixed = label.fixed

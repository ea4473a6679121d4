"""The normalization engine: checks, the edit model and the pipeline that applies edits."""
from .edits import Finding, OffsetMap, Severity, apply_edits, resolve_overlaps
from .options import Options, OptionsError
from .pipeline import DeadlineExceeded, Document, Engine, Result, TextTooLarge
from .registry import RuleInfo, all_rules

__all__ = [
    "DeadlineExceeded", "Document", "Engine", "Finding", "OffsetMap", "Options", "OptionsError",
    "Result", "RuleInfo", "Severity", "TextTooLarge", "all_rules", "apply_edits", "resolve_overlaps",
]

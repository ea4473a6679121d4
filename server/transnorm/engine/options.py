"""Request options: one frozen object that mirrors the proto's ``Options`` message field for field."""
from __future__ import annotations

from dataclasses import dataclass, replace

PROFILES = ("default", "strict", "report")
MODES = ("apply", "report", "off")
DASH_STYLES = ("document", "em_spaced", "em_closed", "en_spaced")


MAX_VIOLATIONS = 20  # listed one by one; the rest are counted ("and 99980 more")
MAX_VIOLATION_TEXT = 300  # characters of one field or description (a caller's string may be huge)


def _short(text: str) -> str:
    return text if len(text) <= MAX_VIOLATION_TEXT else text[:MAX_VIOLATION_TEXT - 1] + "…"


def bounded_violations(violations: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The first ``MAX_VIOLATIONS`` violations, each cut to a readable length, and a last one that
    counts the rest: an error never grows with the request (gRPC metadata holds 16 KiB)."""
    kept = [(_short(f), _short(d)) for f, d in violations[:MAX_VIOLATIONS]]
    if len(violations) > MAX_VIOLATIONS:
        kept.append(("...", f"and {len(violations) - MAX_VIOLATIONS} more"))
    return kept


class OptionsError(ValueError):
    """Options that cannot be used. ``violations`` pairs a field path with what is wrong with it
    (the first ``MAX_VIOLATIONS`` of them, and a count of the rest)."""

    def __init__(self, violations: list[tuple[str, str]]) -> None:
        self.violations = bounded_violations(violations)
        super().__init__("; ".join(f"{f}: {d}" for f, d in self.violations))


@dataclass(frozen=True, slots=True)
class Options:
    """What to check and what to apply.

    profile         ``default`` applies only high-precision rules, ``strict`` applies more,
                    ``report`` applies nothing.
    rules           when not empty, only these rule ids run.
    categories      when not empty, only rules of these categories run.
    disabled_rules  rule ids that do not run.
    overrides       ``(rule_id, mode)`` pairs with mode ``apply``, ``report`` or ``off``; they win
                    over the profile.
    min_confidence  findings below this confidence are reported, never applied.
    ignore_ranges   ``(start, end)`` code-point spans of the input no edit may touch.
    target_language the language the text should be in (ISO 639-1; one of ``profiles.supported()``);
                    empty: the language the document is written in, detected once (English when
                    unsure). The rules that run are those serving that language.
    dash_style      ``document`` (default): correct dashes stay as the publication writes them and a
                    wrong dash (a spaced hyphen typed for one) takes the document's own dash, or
                    a spaced em dash; or a house dash every dash between words takes:
                    ``em_spaced`` (` — `), ``em_closed`` (`—`), ``en_spaced`` (` – `).
    retranslate     retranslate foreign segments when a model is installed.
    allow_empty     accept an empty text (otherwise it is an invalid argument).
    """

    profile: str = "default"
    rules: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    overrides: tuple[tuple[str, str], ...] = ()
    min_confidence: float = 0.85
    ignore_ranges: tuple[tuple[int, int], ...] = ()
    target_language: str = ""
    dash_style: str = "document"
    retranslate: bool = False
    allow_empty: bool = False

    def with_(self, **changes) -> "Options":
        return replace(self, **changes)

    def validate(self, known_rules: set[str], known_categories: set[str], text_length: int | None = None) -> None:
        """Raise ``OptionsError`` listing every problem at once."""
        bad: list[tuple[str, str]] = []
        if self.profile not in PROFILES:
            bad.append(("options.profile", f"unknown profile {self.profile!r}; expected one of {', '.join(PROFILES)}"))
        for name, ids in (("rules", self.rules), ("disabled_rules", self.disabled_rules)):
            for r in ids:
                if r not in known_rules:
                    bad.append((f"options.{name}", f"unknown rule id {r!r} (see `transnorm rules`)"))
        for c in self.categories:
            if c not in known_categories:
                bad.append(("options.categories", f"unknown category {c!r}; expected one of {', '.join(sorted(known_categories))}"))
        for r, mode in self.overrides:
            if r not in known_rules:
                bad.append(("options.overrides", f"unknown rule id {r!r} (see `transnorm rules`)"))
            if mode not in MODES:
                bad.append(("options.overrides", f"unknown mode {mode!r} for {r}; expected one of {', '.join(MODES)}"))
        if not 0.0 <= self.min_confidence <= 1.0:
            bad.append(("options.min_confidence", f"{self.min_confidence} is outside [0, 1]"))
        for s, e in self.ignore_ranges:
            if s < 0 or e < s or (text_length is not None and e > text_length):
                bad.append(("options.ignore_ranges", f"range [{s}, {e}) is not inside the text"))
        if self.target_language:
            from .profiles import supported

            if self.target_language not in supported():
                bad.append(("options.target_language",
                            f"unknown language {self.target_language!r}; supported: {', '.join(supported())}"))
        if self.dash_style not in DASH_STYLES:
            bad.append(("options.dash_style", f"unknown dash style {self.dash_style!r}; expected one of {', '.join(DASH_STYLES)}"))
        if bad:
            raise OptionsError(bad)

"""The rule catalogue: every rule id with its category, defaults, description and example.

Rule ids are public API: stable, ASCII, dotted. A *check* is a function from a ``Document`` to
findings; one check may emit several related rule ids (the name matcher emits ``name.variant``,
``name.particle_case``...). The registry is explicit: a check is listed in ``CHECKS`` or it does
not run.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

from .edits import Finding, Severity

if TYPE_CHECKING:
    from .document import Document


@dataclass(frozen=True, slots=True)
class RuleInfo:
    id: str
    category: str
    default: str  # mode in the default profile: apply, report or off
    strict: str  # mode in the strict profile
    severity: Severity
    description: str
    wrong: str  # an example of the artifact ...
    fixed: str  # ... and what the default profile makes of it (same text when only reported)
    negatives: tuple[str, ...] = ()  # look-alikes the rule must leave alone
    languages: tuple[str, ...] = ("en",)  # languages of text it runs on; ("*",): every language

    @property
    def example_language(self) -> str:
        """The language its examples are written in: English unless the rule does not serve it."""
        return "en" if self.languages == ("*",) or "en" in self.languages else self.languages[0]

    def mode(self, profile: str) -> str:
        if profile == "strict":
            return self.strict
        if profile == "report":
            return "off" if self.default == "off" else "report"
        return self.default


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    rules: tuple[RuleInfo, ...]
    run: Callable[["Document"], Iterable[Finding]]


CHECKS: list[Check] = []


def register(check: Check) -> None:
    if any(c.name == check.name for c in CHECKS):
        raise ValueError(f"check {check.name} registered twice")
    CHECKS.append(check)


def all_rules() -> dict[str, RuleInfo]:
    _load_checks()
    return {r.id: r for c in CHECKS for r in c.rules}


def all_checks() -> list[Check]:
    _load_checks()
    return CHECKS


def _load_checks() -> None:
    # Import the modules that register checks; the list is explicit so nothing runs by accident.
    from . import names  # noqa: F401
    from . import language  # noqa: F401
    from . import fuzzy  # noqa: F401
    from . import artifacts  # noqa: F401

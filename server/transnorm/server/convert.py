"""Conversion between the engine's dataclasses and the ``transnorm.v1`` messages, for both sides.

The server turns engine results into messages and request messages into ``Options``; the client
does the reverse, so a remote ``Result`` compares equal to the one the engine returns in-process.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..engine import Finding, OffsetMap, Options, OptionsError, Result, RuleInfo, Severity
from ..engine.lookup import LookupMatch
from ..glossary.fuzzy_index import GENERATED
from ..glossary.index import CANONICAL, NATIVE, PARTICLE, SHORT, VARIANT
from ..v1 import normalizer_pb2 as pb

# Each table pairs the engine's string (or enum) with the proto enum value. The UNSPECIFIED
# values are handled where they mean "the default", never listed here.
_PROFILES = {"default": pb.PROFILE_DEFAULT, "strict": pb.PROFILE_STRICT, "report": pb.PROFILE_REPORT}
_MODES = {"apply": pb.MODE_APPLY, "report": pb.MODE_REPORT, "off": pb.MODE_OFF}
_DASHES = {"em_spaced": pb.DASH_STYLE_EM_SPACED, "em_closed": pb.DASH_STYLE_EM_CLOSED,
           "en_spaced": pb.DASH_STYLE_EN_SPACED}
_SEVERITIES = {Severity.INFO: pb.SEVERITY_INFO, Severity.WARNING: pb.SEVERITY_WARNING,
               Severity.ERROR: pb.SEVERITY_ERROR}
_KINDS = {"person": pb.ENTRY_KIND_PERSON, "place": pb.ENTRY_KIND_PLACE,
          "organization": pb.ENTRY_KIND_ORGANIZATION, "term": pb.ENTRY_KIND_TERM}
_FORM_KINDS = {CANONICAL: pb.FORM_KIND_CANONICAL, SHORT: pb.FORM_KIND_SHORT, VARIANT: pb.FORM_KIND_VARIANT,
               PARTICLE: pb.FORM_KIND_PARTICLE, NATIVE: pb.FORM_KIND_NATIVE, GENERATED: pb.FORM_KIND_GENERATED}
_METHODS = {"exact": pb.MATCH_METHOD_EXACT, "fuzzy": pb.MATCH_METHOD_FUZZY, "skeleton": pb.MATCH_METHOD_SKELETON}

def _invert(table: dict) -> dict:
    return {v: k for k, v in table.items()}


_PROFILE_NAMES, _MODE_NAMES, _DASH_NAMES = _invert(_PROFILES), _invert(_MODES), _invert(_DASHES)
_SEVERITY_NAMES, _KIND_NAMES = _invert(_SEVERITIES), _invert(_KINDS)
_FORM_KIND_NAMES, _METHOD_NAMES = _invert(_FORM_KINDS), _invert(_METHODS)

DEFAULT_OPTIONS = Options()
DEFAULT_LOOKUP_LIMIT = 10
DEFAULT_MIN_SCORE = 60.0


@dataclass(frozen=True)
class GlossaryInfo:
    """What a server has loaded: its glossary and the catalogue of rules it runs."""

    version: str
    sources: tuple[str, ...]
    names: tuple[str, ...]  # the values ``Options.glossary`` accepts
    entry_count: int
    kind_counts: dict[str, int] = field(default_factory=dict)
    phrase_count: int = 0
    rules: tuple[RuleInfo, ...] = ()


# -- options -------------------------------------------------------------------------------------
def options_to_proto(options: Options | None, glossary: str = "") -> pb.Options:
    """The message for ``options``; fields equal to the engine default are left unset."""
    if options is None:
        return pb.Options(glossary=glossary)
    msg = pb.Options(
        profile=_PROFILES[options.profile] if options.profile != DEFAULT_OPTIONS.profile else pb.PROFILE_UNSPECIFIED,
        rules=options.rules,
        categories=options.categories,
        disabled_rules=options.disabled_rules,
        overrides=[pb.RuleOverride(rule_id=r, mode=_MODES.get(m, pb.MODE_UNSPECIFIED)) for r, m in options.overrides],
        ignore_ranges=[pb.Range(start=s, end=e) for s, e in options.ignore_ranges],
        target_language=options.target_language if options.target_language != DEFAULT_OPTIONS.target_language else "",
        dash_style=_DASHES[options.dash_style] if options.dash_style != DEFAULT_OPTIONS.dash_style else pb.DASH_STYLE_UNSPECIFIED,
        retranslate=options.retranslate,
        allow_empty=options.allow_empty,
        glossary=glossary,
    )
    if options.min_confidence != DEFAULT_OPTIONS.min_confidence:
        msg.min_confidence = options.min_confidence
    return msg


def options_from_proto(msg: pb.Options, path: str = "options") -> Options:
    """The engine options for a request message.

    Raises ``OptionsError`` for values no engine option can hold (an enum number this server does
    not know, an override without a mode, a confidence that is not a number). What the engine
    itself checks (rule ids, ranges against the text) is left to ``Engine.validate``.
    """
    options, bad = parse_options(msg, path)
    if bad:
        raise OptionsError(bad)
    return options


def parse_options(msg: pb.Options, path: str = "options") -> tuple[Options, list[tuple[str, str]]]:
    """Like ``options_from_proto``, but returns the problems with the best options it could build,
    so that a caller can report them together with the engine's own checks."""
    bad: list[tuple[str, str]] = []
    profile = DEFAULT_OPTIONS.profile
    if msg.profile != pb.PROFILE_UNSPECIFIED:
        if msg.profile in _PROFILE_NAMES:
            profile = _PROFILE_NAMES[msg.profile]
        else:
            bad.append((f"{path}.profile", f"unknown profile value {msg.profile}"))
    overrides = []
    for o in msg.overrides:
        if o.mode in _MODE_NAMES:
            overrides.append((o.rule_id, _MODE_NAMES[o.mode]))
        else:
            what = "has no mode" if o.mode == pb.MODE_UNSPECIFIED else f"has an unknown mode value {o.mode}"
            bad.append((f"{path}.overrides",
                        f"the override for {o.rule_id!r} {what}; expected MODE_APPLY, MODE_REPORT or MODE_OFF"))
    dash = DEFAULT_OPTIONS.dash_style
    if msg.dash_style != pb.DASH_STYLE_UNSPECIFIED:
        if msg.dash_style in _DASH_NAMES:
            dash = _DASH_NAMES[msg.dash_style]
        else:
            bad.append((f"{path}.dash_style", f"unknown dash style value {msg.dash_style}"))
    confidence = DEFAULT_OPTIONS.min_confidence
    if msg.HasField("min_confidence"):
        if math.isnan(msg.min_confidence):
            bad.append((f"{path}.min_confidence", "is not a number"))
        else:
            confidence = msg.min_confidence
    options = Options(
        profile=profile,
        rules=tuple(msg.rules),
        categories=tuple(msg.categories),
        disabled_rules=tuple(msg.disabled_rules),
        overrides=tuple(overrides),
        min_confidence=confidence,
        ignore_ranges=tuple((r.start, r.end) for r in msg.ignore_ranges),
        target_language=msg.target_language or DEFAULT_OPTIONS.target_language,
        dash_style=dash,
        retranslate=msg.retranslate,
        allow_empty=msg.allow_empty,
    )
    return options, bad


# -- findings and results ------------------------------------------------------------------------
def finding_to_proto(f: Finding, offsets: OffsetMap) -> pb.Finding:
    s16, s8 = offsets.units(f.start)
    e16, e8 = offsets.units(f.end)
    return pb.Finding(
        start=f.start, end=f.end, start_utf16=s16, end_utf16=e16, start_utf8=s8, end_utf8=e8,
        original=f.original, replacements=f.replacements, rule_id=f.rule_id, category=f.category,
        severity=_SEVERITIES[f.severity], message=f.message, confidence=f.confidence,
        entry_id=f.entry_id, autofix=f.autofix, applied=f.applied,
        details=[pb.KeyValue(key=k, value=v) for k, v in f.details],
    )


def finding_from_proto(msg: pb.Finding) -> Finding:
    severity = _SEVERITY_NAMES.get(msg.severity)
    if severity is None:
        raise ValueError(f"finding {msg.rule_id} has an unknown severity value {msg.severity}")
    return Finding(
        start=msg.start, end=msg.end, original=msg.original, replacements=tuple(msg.replacements),
        rule_id=msg.rule_id, category=msg.category, severity=severity, message=msg.message,
        confidence=msg.confidence, entry_id=msg.entry_id, autofix=msg.autofix, applied=msg.applied,
        details=tuple((d.key, d.value) for d in msg.details),
    )


def result_to_proto(result: Result) -> pb.Result:
    # Findings arrive sorted by position, so the map converts each offset with a forward scan.
    offsets = OffsetMap(result.text)
    return pb.Result(
        output=result.output,
        applied=[finding_to_proto(f, offsets) for f in result.applied],
        unapplied=[finding_to_proto(f, offsets) for f in result.unapplied],
        glossary_version=result.glossary_version,
        timings=result.timings,
    )


def result_from_proto(text: str, msg: pb.Result) -> Result:
    """The engine ``Result`` for ``msg``; ``text`` is the request text, which the server does not echo."""
    return Result(
        text=text,
        output=msg.output,
        applied=tuple(finding_from_proto(f) for f in msg.applied),
        unapplied=tuple(finding_from_proto(f) for f in msg.unapplied),
        glossary_version=msg.glossary_version,
        timings=dict(msg.timings),
    )


# -- lookup and glossary info --------------------------------------------------------------------
def match_to_proto(m: LookupMatch) -> pb.TermMatch:
    # A kind this contract does not know yet goes out as UNSPECIFIED rather than failing the call.
    return pb.TermMatch(
        entry_id=m.entry_id, canonical=m.canonical, kind=_KINDS.get(m.kind, pb.ENTRY_KIND_UNSPECIFIED),
        form=m.form, form_kind=_FORM_KINDS.get(m.form_kind, pb.FORM_KIND_UNSPECIFIED), score=m.score,
        method=_METHODS.get(m.method, pb.MATCH_METHOD_UNSPECIFIED), skeleton=m.skeleton, scheme=m.scheme,
    )


def match_from_proto(msg: pb.TermMatch) -> LookupMatch:
    return LookupMatch(
        entry_id=msg.entry_id, canonical=msg.canonical, kind=_KIND_NAMES.get(msg.kind, ""),
        form=msg.form, form_kind=_FORM_KIND_NAMES.get(msg.form_kind, ""), score=msg.score,
        method=_METHOD_NAMES.get(msg.method, ""), skeleton=msg.skeleton, scheme=msg.scheme,
    )


def rule_to_proto(r: RuleInfo) -> pb.RuleInfo:
    return pb.RuleInfo(
        id=r.id, category=r.category, default_mode=_MODES[r.default], strict_mode=_MODES[r.strict],
        severity=_SEVERITIES[r.severity], description=r.description, example_wrong=r.wrong,
        example_fixed=r.fixed, negatives=r.negatives, languages=r.languages,
    )


def rule_from_proto(msg: pb.RuleInfo) -> RuleInfo:
    return RuleInfo(
        id=msg.id, category=msg.category, default=_MODE_NAMES.get(msg.default_mode, "off"),
        strict=_MODE_NAMES.get(msg.strict_mode, "off"),
        severity=_SEVERITY_NAMES.get(msg.severity, Severity.INFO), description=msg.description,
        wrong=msg.example_wrong, fixed=msg.example_fixed, negatives=tuple(msg.negatives),
        languages=tuple(msg.languages) or ("en",),
    )


def info_to_proto(info: GlossaryInfo) -> pb.GetGlossaryInfoResponse:
    return pb.GetGlossaryInfoResponse(
        version=info.version, sources=info.sources, names=info.names, entry_count=info.entry_count,
        kind_counts=[pb.KindCount(kind=_KINDS[k], count=n) for k, n in info.kind_counts.items()],
        phrase_count=info.phrase_count, rules=[rule_to_proto(r) for r in info.rules],
    )


def info_from_proto(msg: pb.GetGlossaryInfoResponse) -> GlossaryInfo:
    return GlossaryInfo(
        version=msg.version, sources=tuple(msg.sources), names=tuple(msg.names),
        entry_count=msg.entry_count,
        kind_counts={_KIND_NAMES.get(k.kind, "unknown"): k.count for k in msg.kind_counts},
        phrase_count=msg.phrase_count, rules=tuple(rule_from_proto(r) for r in msg.rules),
    )


def field_violations(violations: Iterable[tuple[str, str]]) -> list[pb.FieldViolation]:
    return [pb.FieldViolation(field=f, description=d) for f, d in violations]


def violation_pairs(msgs: Sequence) -> list[tuple[str, str]]:
    """``(field, description)`` pairs from ``FieldViolation`` messages of either schema."""
    return [(v.field, v.description) for v in msgs]

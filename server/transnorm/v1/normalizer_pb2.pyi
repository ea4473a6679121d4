from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Profile(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PROFILE_UNSPECIFIED: _ClassVar[Profile]
    PROFILE_DEFAULT: _ClassVar[Profile]
    PROFILE_STRICT: _ClassVar[Profile]
    PROFILE_REPORT: _ClassVar[Profile]

class Mode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MODE_UNSPECIFIED: _ClassVar[Mode]
    MODE_APPLY: _ClassVar[Mode]
    MODE_REPORT: _ClassVar[Mode]
    MODE_OFF: _ClassVar[Mode]

class DashStyle(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DASH_STYLE_UNSPECIFIED: _ClassVar[DashStyle]
    DASH_STYLE_EM_SPACED: _ClassVar[DashStyle]
    DASH_STYLE_EM_CLOSED: _ClassVar[DashStyle]
    DASH_STYLE_EN_SPACED: _ClassVar[DashStyle]

class Severity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SEVERITY_UNSPECIFIED: _ClassVar[Severity]
    SEVERITY_INFO: _ClassVar[Severity]
    SEVERITY_WARNING: _ClassVar[Severity]
    SEVERITY_ERROR: _ClassVar[Severity]

class EntryKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ENTRY_KIND_UNSPECIFIED: _ClassVar[EntryKind]
    ENTRY_KIND_PERSON: _ClassVar[EntryKind]
    ENTRY_KIND_PLACE: _ClassVar[EntryKind]
    ENTRY_KIND_ORGANIZATION: _ClassVar[EntryKind]
    ENTRY_KIND_TERM: _ClassVar[EntryKind]

class FormKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FORM_KIND_UNSPECIFIED: _ClassVar[FormKind]
    FORM_KIND_CANONICAL: _ClassVar[FormKind]
    FORM_KIND_SHORT: _ClassVar[FormKind]
    FORM_KIND_VARIANT: _ClassVar[FormKind]
    FORM_KIND_PARTICLE: _ClassVar[FormKind]
    FORM_KIND_NATIVE: _ClassVar[FormKind]
    FORM_KIND_GENERATED: _ClassVar[FormKind]

class MatchMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MATCH_METHOD_UNSPECIFIED: _ClassVar[MatchMethod]
    MATCH_METHOD_EXACT: _ClassVar[MatchMethod]
    MATCH_METHOD_FUZZY: _ClassVar[MatchMethod]
    MATCH_METHOD_SKELETON: _ClassVar[MatchMethod]
PROFILE_UNSPECIFIED: Profile
PROFILE_DEFAULT: Profile
PROFILE_STRICT: Profile
PROFILE_REPORT: Profile
MODE_UNSPECIFIED: Mode
MODE_APPLY: Mode
MODE_REPORT: Mode
MODE_OFF: Mode
DASH_STYLE_UNSPECIFIED: DashStyle
DASH_STYLE_EM_SPACED: DashStyle
DASH_STYLE_EM_CLOSED: DashStyle
DASH_STYLE_EN_SPACED: DashStyle
SEVERITY_UNSPECIFIED: Severity
SEVERITY_INFO: Severity
SEVERITY_WARNING: Severity
SEVERITY_ERROR: Severity
ENTRY_KIND_UNSPECIFIED: EntryKind
ENTRY_KIND_PERSON: EntryKind
ENTRY_KIND_PLACE: EntryKind
ENTRY_KIND_ORGANIZATION: EntryKind
ENTRY_KIND_TERM: EntryKind
FORM_KIND_UNSPECIFIED: FormKind
FORM_KIND_CANONICAL: FormKind
FORM_KIND_SHORT: FormKind
FORM_KIND_VARIANT: FormKind
FORM_KIND_PARTICLE: FormKind
FORM_KIND_NATIVE: FormKind
FORM_KIND_GENERATED: FormKind
MATCH_METHOD_UNSPECIFIED: MatchMethod
MATCH_METHOD_EXACT: MatchMethod
MATCH_METHOD_FUZZY: MatchMethod
MATCH_METHOD_SKELETON: MatchMethod

class Options(_message.Message):
    __slots__ = ("profile", "rules", "categories", "disabled_rules", "overrides", "min_confidence", "ignore_ranges", "target_language", "dash_style", "retranslate", "allow_empty", "glossary")
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    RULES_FIELD_NUMBER: _ClassVar[int]
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    DISABLED_RULES_FIELD_NUMBER: _ClassVar[int]
    OVERRIDES_FIELD_NUMBER: _ClassVar[int]
    MIN_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    IGNORE_RANGES_FIELD_NUMBER: _ClassVar[int]
    TARGET_LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    DASH_STYLE_FIELD_NUMBER: _ClassVar[int]
    RETRANSLATE_FIELD_NUMBER: _ClassVar[int]
    ALLOW_EMPTY_FIELD_NUMBER: _ClassVar[int]
    GLOSSARY_FIELD_NUMBER: _ClassVar[int]
    profile: Profile
    rules: _containers.RepeatedScalarFieldContainer[str]
    categories: _containers.RepeatedScalarFieldContainer[str]
    disabled_rules: _containers.RepeatedScalarFieldContainer[str]
    overrides: _containers.RepeatedCompositeFieldContainer[RuleOverride]
    min_confidence: float
    ignore_ranges: _containers.RepeatedCompositeFieldContainer[Range]
    target_language: str
    dash_style: DashStyle
    retranslate: bool
    allow_empty: bool
    glossary: str
    def __init__(self, profile: _Optional[_Union[Profile, str]] = ..., rules: _Optional[_Iterable[str]] = ..., categories: _Optional[_Iterable[str]] = ..., disabled_rules: _Optional[_Iterable[str]] = ..., overrides: _Optional[_Iterable[_Union[RuleOverride, _Mapping]]] = ..., min_confidence: _Optional[float] = ..., ignore_ranges: _Optional[_Iterable[_Union[Range, _Mapping]]] = ..., target_language: _Optional[str] = ..., dash_style: _Optional[_Union[DashStyle, str]] = ..., retranslate: _Optional[bool] = ..., allow_empty: _Optional[bool] = ..., glossary: _Optional[str] = ...) -> None: ...

class RuleOverride(_message.Message):
    __slots__ = ("rule_id", "mode")
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    rule_id: str
    mode: Mode
    def __init__(self, rule_id: _Optional[str] = ..., mode: _Optional[_Union[Mode, str]] = ...) -> None: ...

class Range(_message.Message):
    __slots__ = ("start", "end")
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    start: int
    end: int
    def __init__(self, start: _Optional[int] = ..., end: _Optional[int] = ...) -> None: ...

class KeyValue(_message.Message):
    __slots__ = ("key", "value")
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    key: str
    value: str
    def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...

class Finding(_message.Message):
    __slots__ = ("start", "end", "start_utf16", "end_utf16", "start_utf8", "end_utf8", "original", "replacements", "rule_id", "category", "severity", "message", "confidence", "entry_id", "autofix", "applied", "details")
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    START_UTF16_FIELD_NUMBER: _ClassVar[int]
    END_UTF16_FIELD_NUMBER: _ClassVar[int]
    START_UTF8_FIELD_NUMBER: _ClassVar[int]
    END_UTF8_FIELD_NUMBER: _ClassVar[int]
    ORIGINAL_FIELD_NUMBER: _ClassVar[int]
    REPLACEMENTS_FIELD_NUMBER: _ClassVar[int]
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    AUTOFIX_FIELD_NUMBER: _ClassVar[int]
    APPLIED_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    start: int
    end: int
    start_utf16: int
    end_utf16: int
    start_utf8: int
    end_utf8: int
    original: str
    replacements: _containers.RepeatedScalarFieldContainer[str]
    rule_id: str
    category: str
    severity: Severity
    message: str
    confidence: float
    entry_id: str
    autofix: bool
    applied: bool
    details: _containers.RepeatedCompositeFieldContainer[KeyValue]
    def __init__(self, start: _Optional[int] = ..., end: _Optional[int] = ..., start_utf16: _Optional[int] = ..., end_utf16: _Optional[int] = ..., start_utf8: _Optional[int] = ..., end_utf8: _Optional[int] = ..., original: _Optional[str] = ..., replacements: _Optional[_Iterable[str]] = ..., rule_id: _Optional[str] = ..., category: _Optional[str] = ..., severity: _Optional[_Union[Severity, str]] = ..., message: _Optional[str] = ..., confidence: _Optional[float] = ..., entry_id: _Optional[str] = ..., autofix: _Optional[bool] = ..., applied: _Optional[bool] = ..., details: _Optional[_Iterable[_Union[KeyValue, _Mapping]]] = ...) -> None: ...

class Result(_message.Message):
    __slots__ = ("output", "applied", "unapplied", "glossary_version", "timings")
    class TimingsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    OUTPUT_FIELD_NUMBER: _ClassVar[int]
    APPLIED_FIELD_NUMBER: _ClassVar[int]
    UNAPPLIED_FIELD_NUMBER: _ClassVar[int]
    GLOSSARY_VERSION_FIELD_NUMBER: _ClassVar[int]
    TIMINGS_FIELD_NUMBER: _ClassVar[int]
    output: str
    applied: _containers.RepeatedCompositeFieldContainer[Finding]
    unapplied: _containers.RepeatedCompositeFieldContainer[Finding]
    glossary_version: str
    timings: _containers.ScalarMap[str, float]
    def __init__(self, output: _Optional[str] = ..., applied: _Optional[_Iterable[_Union[Finding, _Mapping]]] = ..., unapplied: _Optional[_Iterable[_Union[Finding, _Mapping]]] = ..., glossary_version: _Optional[str] = ..., timings: _Optional[_Mapping[str, float]] = ...) -> None: ...

class NormalizeRequest(_message.Message):
    __slots__ = ("text", "options")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    text: str
    options: Options
    def __init__(self, text: _Optional[str] = ..., options: _Optional[_Union[Options, _Mapping]] = ...) -> None: ...

class NormalizeResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: Result
    def __init__(self, result: _Optional[_Union[Result, _Mapping]] = ...) -> None: ...

class CheckRequest(_message.Message):
    __slots__ = ("text", "options")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    text: str
    options: Options
    def __init__(self, text: _Optional[str] = ..., options: _Optional[_Union[Options, _Mapping]] = ...) -> None: ...

class CheckResponse(_message.Message):
    __slots__ = ("result",)
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: Result
    def __init__(self, result: _Optional[_Union[Result, _Mapping]] = ...) -> None: ...

class BatchDocument(_message.Message):
    __slots__ = ("text", "options")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    text: str
    options: Options
    def __init__(self, text: _Optional[str] = ..., options: _Optional[_Union[Options, _Mapping]] = ...) -> None: ...

class NormalizeBatchRequest(_message.Message):
    __slots__ = ("documents", "options")
    DOCUMENTS_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    documents: _containers.RepeatedCompositeFieldContainer[BatchDocument]
    options: Options
    def __init__(self, documents: _Optional[_Iterable[_Union[BatchDocument, _Mapping]]] = ..., options: _Optional[_Union[Options, _Mapping]] = ...) -> None: ...

class FieldViolation(_message.Message):
    __slots__ = ("field", "description")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    field: str
    description: str
    def __init__(self, field: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class DocumentError(_message.Message):
    __slots__ = ("code", "message", "field_violations")
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    FIELD_VIOLATIONS_FIELD_NUMBER: _ClassVar[int]
    code: int
    message: str
    field_violations: _containers.RepeatedCompositeFieldContainer[FieldViolation]
    def __init__(self, code: _Optional[int] = ..., message: _Optional[str] = ..., field_violations: _Optional[_Iterable[_Union[FieldViolation, _Mapping]]] = ...) -> None: ...

class NormalizeBatchResult(_message.Message):
    __slots__ = ("result", "error")
    RESULT_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    result: Result
    error: DocumentError
    def __init__(self, result: _Optional[_Union[Result, _Mapping]] = ..., error: _Optional[_Union[DocumentError, _Mapping]] = ...) -> None: ...

class NormalizeBatchResponse(_message.Message):
    __slots__ = ("results",)
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[NormalizeBatchResult]
    def __init__(self, results: _Optional[_Iterable[_Union[NormalizeBatchResult, _Mapping]]] = ...) -> None: ...

class LookupTermRequest(_message.Message):
    __slots__ = ("name", "limit", "min_score")
    NAME_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    MIN_SCORE_FIELD_NUMBER: _ClassVar[int]
    name: str
    limit: int
    min_score: float
    def __init__(self, name: _Optional[str] = ..., limit: _Optional[int] = ..., min_score: _Optional[float] = ...) -> None: ...

class TermMatch(_message.Message):
    __slots__ = ("entry_id", "canonical", "kind", "form", "form_kind", "score", "method", "skeleton", "scheme")
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    CANONICAL_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    FORM_FIELD_NUMBER: _ClassVar[int]
    FORM_KIND_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    SKELETON_FIELD_NUMBER: _ClassVar[int]
    SCHEME_FIELD_NUMBER: _ClassVar[int]
    entry_id: str
    canonical: str
    kind: EntryKind
    form: str
    form_kind: FormKind
    score: float
    method: MatchMethod
    skeleton: str
    scheme: str
    def __init__(self, entry_id: _Optional[str] = ..., canonical: _Optional[str] = ..., kind: _Optional[_Union[EntryKind, str]] = ..., form: _Optional[str] = ..., form_kind: _Optional[_Union[FormKind, str]] = ..., score: _Optional[float] = ..., method: _Optional[_Union[MatchMethod, str]] = ..., skeleton: _Optional[str] = ..., scheme: _Optional[str] = ...) -> None: ...

class LookupTermResponse(_message.Message):
    __slots__ = ("matches",)
    MATCHES_FIELD_NUMBER: _ClassVar[int]
    matches: _containers.RepeatedCompositeFieldContainer[TermMatch]
    def __init__(self, matches: _Optional[_Iterable[_Union[TermMatch, _Mapping]]] = ...) -> None: ...

class GetGlossaryInfoRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class KindCount(_message.Message):
    __slots__ = ("kind", "count")
    KIND_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    kind: EntryKind
    count: int
    def __init__(self, kind: _Optional[_Union[EntryKind, str]] = ..., count: _Optional[int] = ...) -> None: ...

class RuleInfo(_message.Message):
    __slots__ = ("id", "category", "default_mode", "strict_mode", "severity", "description", "example_wrong", "example_fixed", "negatives", "languages")
    ID_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_MODE_FIELD_NUMBER: _ClassVar[int]
    STRICT_MODE_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    EXAMPLE_WRONG_FIELD_NUMBER: _ClassVar[int]
    EXAMPLE_FIXED_FIELD_NUMBER: _ClassVar[int]
    NEGATIVES_FIELD_NUMBER: _ClassVar[int]
    LANGUAGES_FIELD_NUMBER: _ClassVar[int]
    id: str
    category: str
    default_mode: Mode
    strict_mode: Mode
    severity: Severity
    description: str
    example_wrong: str
    example_fixed: str
    negatives: _containers.RepeatedScalarFieldContainer[str]
    languages: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, id: _Optional[str] = ..., category: _Optional[str] = ..., default_mode: _Optional[_Union[Mode, str]] = ..., strict_mode: _Optional[_Union[Mode, str]] = ..., severity: _Optional[_Union[Severity, str]] = ..., description: _Optional[str] = ..., example_wrong: _Optional[str] = ..., example_fixed: _Optional[str] = ..., negatives: _Optional[_Iterable[str]] = ..., languages: _Optional[_Iterable[str]] = ...) -> None: ...

class GetGlossaryInfoResponse(_message.Message):
    __slots__ = ("version", "sources", "names", "entry_count", "kind_counts", "phrase_count", "rules")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    SOURCES_FIELD_NUMBER: _ClassVar[int]
    NAMES_FIELD_NUMBER: _ClassVar[int]
    ENTRY_COUNT_FIELD_NUMBER: _ClassVar[int]
    KIND_COUNTS_FIELD_NUMBER: _ClassVar[int]
    PHRASE_COUNT_FIELD_NUMBER: _ClassVar[int]
    RULES_FIELD_NUMBER: _ClassVar[int]
    version: str
    sources: _containers.RepeatedScalarFieldContainer[str]
    names: _containers.RepeatedScalarFieldContainer[str]
    entry_count: int
    kind_counts: _containers.RepeatedCompositeFieldContainer[KindCount]
    phrase_count: int
    rules: _containers.RepeatedCompositeFieldContainer[RuleInfo]
    def __init__(self, version: _Optional[str] = ..., sources: _Optional[_Iterable[str]] = ..., names: _Optional[_Iterable[str]] = ..., entry_count: _Optional[int] = ..., kind_counts: _Optional[_Iterable[_Union[KindCount, _Mapping]]] = ..., phrase_count: _Optional[int] = ..., rules: _Optional[_Iterable[_Union[RuleInfo, _Mapping]]] = ...) -> None: ...

"""Glossary data model and the YAML loader that validates it (schema in glossary/README.md)."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

import yaml

KINDS = ("person", "place", "organization", "term")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
LANG_RE = re.compile(r"^[a-z]{2,3}$")
ENTRY_FIELDS = {
    "id", "kind", "canonical", "variants", "ambiguous", "short_forms", "particles", "titles",
    "context", "protected", "native", "takes_article", "born", "note", "languages",
}
# An entry's house forms in another language (``languages: {de: {...}}`` in an entry, or a
# language file: ``language: de`` with ``forms: {entry-id: {...}}``).
LANG_FORM_FIELDS = {"canonical", "variants", "accepted", "short_forms", "titles", "context", "note"}
LANG_FILE_FIELDS = {"version", "language", "press", "description", "forms"}
SHORT_FIELDS = {"canonical", "variants", "ambiguous", "drops_particle"}
PHRASE_FIELDS = {"id", "pattern", "suggestion", "message"}
TOP_FIELDS = {"version", "name", "description", "entries", "phrases"}


MAX_FILE_BYTES = 32 << 20  # a glossary file larger than this is refused before it is parsed


class _StrictLoader(yaml.SafeLoader):
    """YAML's safe loader, refusing a mapping that gives one key twice (YAML keeps the last one
    silently, so an entry's second ``variants:`` would erase the first)."""

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                hash(key)
            except TypeError:
                continue  # the base class reports unhashable keys
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r} (first at line {seen[key] + 1})", key_node.start_mark)
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


def _yaml(where: "_Where", text: str) -> Any:
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as e:
        where.fail(f"not valid YAML: {e}")
    except RecursionError:
        where.fail("not a glossary: its YAML is nested too deeply")


def read_limited(path: str | Path) -> bytes:
    """The file's bytes, refusing more than ``MAX_FILE_BYTES`` (without reading them all: a device
    or a runaway file cannot fill the memory)."""
    with open(path, "rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise GlossaryError(f"{path}: larger than {MAX_FILE_BYTES >> 20} MiB; not a glossary file")
    return raw


class GlossaryError(ValueError):
    """A glossary file that cannot be used; the message names the file, the entry and the problem."""


@dataclass(frozen=True, slots=True)
class ShortForm:
    canonical: str
    variants: tuple[str, ...] = ()
    ambiguous: frozenset[str] = frozenset()
    drops_particle: bool = False  # "al-Assad" alone is written "Assad"


@dataclass(frozen=True, slots=True)
class LangForms:
    """An entry's house forms in one language: the canonical form, the variants text in that
    language shows (rewritten), spellings that language's major press also uses (left as written),
    short forms, and titles and context words in that language."""
    canonical: str
    variants: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ()
    short_forms: tuple[ShortForm, ...] = ()
    titles: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    kind: str
    canonical: str
    variants: tuple[str, ...] = ()
    ambiguous: frozenset[str] = frozenset()
    short_forms: tuple[ShortForm, ...] = ()
    particles: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    protected: tuple[str, ...] = ()
    native: tuple[tuple[str, tuple[str, ...]], ...] = ()
    takes_article: bool | None = None
    born: int | None = None  # a person's year of birth
    note: str = ""
    source: str = ""
    languages: tuple[tuple[str, LangForms], ...] = ()  # house forms per language other than English

    def forms_in(self, language: str) -> LangForms | None:
        return dict(self.languages).get(language)

    def native_forms(self) -> Iterable[tuple[str, str]]:
        for lang, forms in self.native:
            for form in forms:
                yield lang, form


@dataclass(frozen=True, slots=True)
class Phrase:
    id: str
    pattern: str
    suggestion: str | None
    message: str
    source: str = ""


@dataclass(frozen=True)
class Glossary:
    """All loaded files, merged. Immutable: a reload builds a new one."""

    entries: tuple[Entry, ...]
    phrases: tuple[Phrase, ...]
    version: str
    sources: tuple[str, ...]
    by_id: dict[str, Entry] = field(repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id.update({e.id: e for e in self.entries})


class _Where:
    """Formats error locations: ``file: entry 3 (id 'x'): field 'kind': problem``."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, problem: str, index: int | None = None, entry_id: Any = None, fld: str | None = None):
        parts = [self.path]
        if index is not None:
            parts.append(f"entry {index}" + (f" (id {entry_id!r})" if entry_id else ""))
        if fld is not None:
            parts.append(f"field {fld!r}")
        parts.append(problem)
        raise GlossaryError(": ".join(parts))


def _str(where: _Where, value: Any, i: int | None, eid: Any, fld: str, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        where.fail(f"must be a string, got {type(value).__name__}", i, eid, fld)
    if not value.strip():
        where.fail("must not be empty", i, eid, fld)
    if value != value.strip() or "  " in value:
        where.fail(f"{value!r} has leading, trailing or doubled spaces", i, eid, fld)
    return value


def _name_form(where: "_Where", form: str, i: int | None, eid: Any) -> None:
    """A name form has a letter and at least two letters or digits (S-300 is one): "?" or "A" as
    a variant would rewrite every "?" or "A" in every text."""
    if not any(ch.isalpha() for ch in form) or sum(ch.isalnum() for ch in form) < 2:
        where.fail(f"{form!r} is not a name form (it needs a letter and two letters or digits)", i, eid)


def _str_list(where: _Where, value: Any, i: int | None, eid: Any, fld: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, list):
        where.fail("must be a list of strings", i, eid, fld)
    return tuple(_str(where, v, i, eid, fld) for v in value)


def _check_fields(where: _Where, data: Any, allowed: set[str], i: int | None, eid: Any, what: str) -> None:
    if not isinstance(data, dict):
        where.fail(f"{what} must be a mapping", i, eid)
    unknown = sorted(set(data) - allowed)
    if unknown:
        where.fail(f"unknown field(s) {', '.join(map(str, unknown))}; allowed: {', '.join(sorted(allowed))}", i, eid)


def _short_forms(where: _Where, i: int | None, eid: Any, raw: Any, prefix: str = "") -> list[ShortForm]:
    shorts = []
    raw_shorts = raw or []
    if not isinstance(raw_shorts, list):
        where.fail("must be a list of mappings", i, eid, prefix + "short_forms")
    for s in raw_shorts:
        _check_fields(where, s, SHORT_FIELDS, i, eid, "a short form")
        sc = _str(where, s.get("canonical"), i, eid, prefix + "short_forms.canonical")
        sv = _str_list(where, s.get("variants"), i, eid, prefix + "short_forms.variants")
        for form in (sc, *sv):
            _name_form(where, form, i, eid)
        sa = _str_list(where, s.get("ambiguous"), i, eid, prefix + "short_forms.ambiguous")
        for a in sa:
            if a not in sv:
                where.fail(f"{a!r} is not one of the short form's variants", i, eid, prefix + "short_forms.ambiguous")
        drops = s.get("drops_particle", False)
        if not isinstance(drops, bool):
            where.fail("must be true or false", i, eid, prefix + "short_forms.drops_particle")
        shorts.append(ShortForm(sc, sv, frozenset(sa), drops))
    return shorts


def _lang_forms(where: _Where, i: int | None, eid: Any, lang: Any, data: Any) -> tuple[str, LangForms]:
    if not isinstance(lang, str) or not LANG_RE.match(lang) or lang == "en":
        where.fail(f"{lang!r} is not an ISO 639-1 code of a language other than English", i, eid, "languages")
    prefix = f"languages.{lang}."
    _check_fields(where, data, LANG_FORM_FIELDS, i, eid, f"the {lang} forms")
    forms = LangForms(
        canonical=_str(where, data.get("canonical"), i, eid, prefix + "canonical"),
        variants=_str_list(where, data.get("variants"), i, eid, prefix + "variants"),
        accepted=_str_list(where, data.get("accepted"), i, eid, prefix + "accepted"),
        short_forms=tuple(_short_forms(where, i, eid, data.get("short_forms"), prefix)),
        titles=_str_list(where, data.get("titles"), i, eid, prefix + "titles"),
        context=_str_list(where, data.get("context"), i, eid, prefix + "context"),
        source=where.path,
    )
    return lang, forms


def _entry(where: _Where, i: int, data: Any) -> Entry:
    eid = data.get("id") if isinstance(data, dict) else None
    _check_fields(where, data, ENTRY_FIELDS, i, eid, "an entry")
    eid = _str(where, data.get("id"), i, eid, "id")
    if not ID_RE.match(eid):
        where.fail("must match [a-z0-9][a-z0-9-]*", i, eid, "id")
    kind = data.get("kind")
    if kind not in KINDS:
        where.fail(f"must be one of {', '.join(KINDS)}", i, eid, "kind")
    canonical = _str(where, data.get("canonical"), i, eid, "canonical")
    variants = _str_list(where, data.get("variants"), i, eid, "variants")
    for form in (canonical, *variants):
        _name_form(where, form, i, eid)
    ambiguous = _str_list(where, data.get("ambiguous"), i, eid, "ambiguous")
    for a in ambiguous:
        if a not in variants:
            where.fail(f"{a!r} is not one of the entry's variants", i, eid, "ambiguous")
    shorts = _short_forms(where, i, eid, data.get("short_forms"))
    particles = _str_list(where, data.get("particles"), i, eid, "particles")
    if any(s.drops_particle for s in shorts) and not particles:
        where.fail("a short form drops a particle, but the entry lists no particles", i, eid, "short_forms.drops_particle")
    for p in particles:
        if not re.search(rf"(?:^|[\s-]){re.escape(p)}(?:[-\s])", canonical + " ", re.IGNORECASE):
            if any(s.drops_particle for s in shorts):
                continue  # the full name may be written without it too; alone, the short form drops it
            if not any(re.search(rf"(?:^|\s){re.escape(p)}[-\s]", s.canonical, re.IGNORECASE) for s in shorts):
                where.fail(f"particle {p!r} does not occur in the canonical form {canonical!r}", i, eid, "particles")
    native_raw = data.get("native") or {}
    if not isinstance(native_raw, dict):
        where.fail("must map language codes to lists of strings", i, eid, "native")
    native = []
    for lang, forms in native_raw.items():
        if not isinstance(lang, str) or not LANG_RE.match(lang):
            where.fail(f"{lang!r} is not an ISO 639 language code", i, eid, "native")
        if isinstance(forms, str):
            forms = [forms]
        native.append((lang, _str_list(where, forms, i, eid, f"native.{lang}")))
    takes_article = data.get("takes_article")
    if takes_article is not None and not isinstance(takes_article, bool):
        where.fail("must be true or false", i, eid, "takes_article")
    born = data.get("born")
    if born is not None:
        if isinstance(born, bool) or not isinstance(born, int) or not 1000 <= born <= 2100:
            where.fail("must be a year (an integer from 1000 to 2100)", i, eid, "born")
        if kind != "person":
            where.fail("only a person has a year of birth", i, eid, "born")
    note = data.get("note") or ""
    if not isinstance(note, str):
        where.fail("must be a string", i, eid, "note")
    languages_raw = data.get("languages") or {}
    if not isinstance(languages_raw, dict):
        where.fail("must map language codes to forms", i, eid, "languages")
    languages = tuple(_lang_forms(where, i, eid, lang, forms) for lang, forms in languages_raw.items())
    return Entry(
        id=eid, kind=kind, canonical=canonical, variants=variants, ambiguous=frozenset(ambiguous),
        short_forms=tuple(shorts), particles=particles, languages=languages,
        titles=_str_list(where, data.get("titles"), i, eid, "titles"),
        context=_str_list(where, data.get("context"), i, eid, "context"),
        protected=_str_list(where, data.get("protected"), i, eid, "protected"),
        native=tuple(native), takes_article=takes_article, born=born, note=note, source=where.path,
    )


def _phrase(where: _Where, i: int, data: Any) -> Phrase:
    pid = data.get("id") if isinstance(data, dict) else None
    _check_fields(where, data, PHRASE_FIELDS, i, pid, "a phrase")
    pid = _str(where, data.get("id"), i, pid, "id")
    if not ID_RE.match(pid):
        where.fail("must match [a-z0-9][a-z0-9-]*", i, pid, "id")
    pattern = _str(where, data.get("pattern"), i, pid, "pattern")
    suggestion = data.get("suggestion")
    if suggestion is not None and not isinstance(suggestion, str):
        where.fail("must be a string", i, pid, "suggestion")
    message = _str(where, data.get("message"), i, pid, "message")
    return Phrase(pid, pattern, suggestion, message, where.path)


def parse_file(path: str | Path, text: str | None = None) -> tuple[str, list[Entry], list[Phrase]]:
    """Parse and validate one glossary file; returns ``(version, entries, phrases)``."""
    where = _Where(str(path))
    if text is None:
        try:
            text = read_limited(path).decode("utf-8")
        except OSError as e:
            where.fail(f"cannot read: {e.strerror or e}")
        except UnicodeDecodeError as e:
            where.fail(f"not UTF-8: {e}")
    data = _yaml(where, text)
    if isinstance(data, dict) and "language" in data:
        raise _LanguageFile(data)
    _check_fields(where, data, TOP_FIELDS, None, None, "the file")
    version = data.get("version")
    if isinstance(version, (int, float)):
        version = str(version)
    version = _str(where, version, None, None, "version")
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list):
        where.fail("'entries' must be a list")
    raw_phrases = data.get("phrases") or []
    if not isinstance(raw_phrases, list):
        where.fail("'phrases' must be a list")
    entries = [_entry(where, i, e) for i, e in enumerate(raw_entries, 1)]
    phrases = [_phrase(where, i, p) for i, p in enumerate(raw_phrases, 1)]
    return version, entries, phrases


class _LanguageFile(Exception):
    """Raised by ``parse_file`` for a language file, which ``load`` merges into the entries."""

    def __init__(self, data: dict) -> None:
        super().__init__("a language file")
        self.data = data


def parse_language_file(path: str | Path, data: dict) -> tuple[str, str, dict[str, LangForms]]:
    """Validate a language file: ``(version, language, {entry id: forms})``."""
    where = _Where(str(path))
    _check_fields(where, data, LANG_FILE_FIELDS, None, None, "a language file")
    version = data.get("version")
    if isinstance(version, (int, float)):
        version = str(version)
    version = _str(where, version, None, None, "version")
    lang = data.get("language")
    forms_raw = data.get("forms")
    if not isinstance(forms_raw, dict):
        where.fail("'forms' must map entry ids to forms")
    out = {}
    for n, (eid, forms) in enumerate(forms_raw.items(), 1):
        if not isinstance(eid, str) or not ID_RE.match(eid):
            where.fail(f"{eid!r} is not an entry id", n, eid)
        out[eid] = _lang_forms(where, n, eid, lang, forms)[1]
    return version, lang, out


def load(paths: Iterable[str | Path]) -> Glossary:
    """Load and merge glossary files. Ids must be unique across all of them."""
    entries: list[Entry] = []
    phrases: list[Phrase] = []
    versions: list[str] = []
    sources: list[str] = []
    seen: dict[str, str] = {}
    language_files: list[tuple[str, str, dict[str, LangForms]]] = []
    digest = hashlib.sha256()
    for path in paths:
        try:
            raw = read_limited(path)
        except OSError as e:
            raise GlossaryError(f"{path}: cannot read: {e.strerror or e}") from None
        try:
            decoded = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise GlossaryError(f"{path}: not UTF-8: {e}") from None
        digest.update(raw)
        try:
            version, es, ps = parse_file(path, decoded)
        except _LanguageFile as lf:
            version, lang, forms = parse_language_file(path, lf.data)
            language_files.append((str(path), lang, forms))
            versions.append(version)
            sources.append(str(path))
            continue
        for e in es:
            if e.id in seen:
                raise GlossaryError(f"{path}: entry id {e.id!r} is already defined in {seen[e.id]}")
            seen[e.id] = str(path)
        entries += es
        phrases += ps
        versions.append(version)
        sources.append(str(path))
    if not sources:
        raise GlossaryError("no glossary files given")
    entries = _merge_languages(entries, language_files)
    version = "+".join(versions) + "#" + digest.hexdigest()[:12]
    return Glossary(tuple(entries), tuple(phrases), version, tuple(sources))


def _merge_languages(entries: list[Entry], files: list[tuple[str, str, dict[str, LangForms]]]) -> list[Entry]:
    """Attach the forms of language files to their entries; an unknown id, or a language given
    twice for one entry, is an error."""
    if not files:
        return entries
    by_id = {e.id: i for i, e in enumerate(entries)}
    out = list(entries)
    for path, lang, forms in files:
        for eid, lf in forms.items():
            if eid not in by_id:
                raise GlossaryError(f"{path}: forms for {eid!r}, which no glossary file defines")
            e = out[by_id[eid]]
            if e.forms_in(lang) is not None:
                raise GlossaryError(f"{path}: entry {eid!r} already has {lang} forms (in {e.forms_in(lang).source})")
            out[by_id[eid]] = replace(e, languages=e.languages + ((lang, lf),))
    return out


def bundled_paths() -> list[Path]:
    """The glossary files shipped inside the package (from the repository's glossary/ folder)."""
    import transnorm.data as data_pkg

    roots = [Path(p) for p in data_pkg.__path__]
    return sorted(p for root in roots for p in root.glob("*.yaml"))


def load_bundled() -> Glossary:
    return load(bundled_paths())
